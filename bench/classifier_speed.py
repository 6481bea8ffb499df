"""Classifier speed, offline path, one process: stories per second on the dev stories.

    .venv/bin/python bench/classifier_speed.py [--rounds 20] [--file ../shared/datasets/ai-news-dev.jsonl]

Prints: taxonomy load time, first-call (rule compilation) time, then stories/s and per-story latency
percentiles over ``rounds`` passes of the file, with the records' lang given and with lang detected.
Also a 1 MB text (bounded by WIREWATCH_CLASSIFIER_MAX_CHARS).

    .venv/bin/python bench/classifier_speed.py --kafka 5000

Through Kafka (needs the local stack): a fresh topic prefix, ``--kafka N`` ParsedArticles (the dev
stories under distinct ids) on the parsed topic, then one ``wirewatch classifier`` process; the clock
runs from the service being healthy until N classified records are on the classified topic.
Figures go to docs/performance.md (## Classifier).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from services.classifier.engine import Classifier

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "datasets" / "ai-news-dev.jsonl"


async def through_kafka(records: list[dict[str, Any]], n: int) -> None:
    import sys
    import tempfile
    import uuid

    sys.path.insert(0, str(REPO))
    from services.classifier.settings import ClassifierSettings
    from shared.config import Settings
    from shared.contracts import ParsedArticle
    from shared.kafka import create_topics, end_offsets, producer
    from shared.topics import CLASSIFIED, PARSED
    from tests.support import ServiceProcess, free_port, settings_env

    settings = Settings().model_copy(update={"topic_prefix": f"bench-cls-{uuid.uuid4().hex[:8]}"})
    await create_topics(settings)
    async with producer(settings, linger_ms=20) as prod:
        futures = []
        for i in range(n):
            r = records[i % len(records)]
            a = ParsedArticle(
                id=f"bench-{i}",
                url=f"https://bench.example.org/{i}",
                title=r["title"],
                text=r["text"],
                lang=r.get("lang"),
            )
            futures.append(await prod.send(PARSED.name(settings), key=a.id.encode(), value=a.encode()))
        for f in futures:
            await f
    port = free_port()
    svc = settings.model_copy(update={"web_port": port, "web_host": "127.0.0.1"})
    log = Path(tempfile.mkdtemp()) / "classifier.log"
    proc = ServiceProcess(["classifier"], settings_env(svc, ClassifierSettings()), log, web_port=port).start()
    try:
        proc.wait_healthy()
        start = time.perf_counter()
        first: tuple[float, int] | None = None
        while True:
            done = sum((await end_offsets(settings, CLASSIFIED.name(settings))).values())
            if first is None and done > 0:
                first = (time.perf_counter(), done)
            if done >= n:
                break
            if time.perf_counter() - start > 600:
                raise SystemExit(f"only {done}/{n} classified after 600 s; log: {log}")
            await asyncio.sleep(0.2)
        end = time.perf_counter()
        assert first is not None
        steady = (n - first[1]) / max(end - first[0], 1e-9)
        print(
            f"through Kafka: {n} articles in {end - start:.1f} s from healthy = "
            f"{n / (end - start):.0f} articles/s "
            f"(incl. consumer-group join); {steady:.0f} articles/s from the first output on "
            f"(one service process, {settings.topic_partitions} partitions)"
        )
    finally:
        proc.stop()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--file", type=Path, default=DEV)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--kafka", type=int, default=0, help="also measure N articles through Kafka")
    args = ap.parse_args()
    records = [json.loads(line) for line in args.file.read_text("utf-8").splitlines() if line.strip()]
    if args.kafka:
        asyncio.run(through_kafka(records, args.kafka))
        return

    t0 = time.perf_counter()
    from services.classifier.engine import Classifier

    clf = Classifier()
    t1 = time.perf_counter()
    for r in records:  # compiles each language's rules once
        clf.classify(r["title"], r["text"], r.get("lang"))
    t2 = time.perf_counter()
    load_ms, first_ms = 1000 * (t1 - t0), 1000 * (t2 - t1)
    print(f"taxonomy load: {load_ms:.0f} ms; first pass (rule compilation): {first_ms:.0f} ms")
    chars = sum(len(r["text"]) for r in records)
    print(f"{len(records)} stories, {chars / len(records):.0f} characters on average")

    for label, use_lang in (("lang given", True), ("lang detected", False)):
        lat: list[float] = []
        cpu0 = time.process_time()
        start = time.perf_counter()
        for _ in range(args.rounds):
            for r in records:
                s = time.perf_counter()
                clf.classify(r["title"], r["text"], r.get("lang") if use_lang else None)
                lat.append(time.perf_counter() - s)
        wall = time.perf_counter() - start
        cpu = time.process_time() - cpu0
        q = statistics.quantiles(lat, n=100)
        print(
            f"{label:14}: {len(lat) / wall:7.0f} stories/s wall, {len(lat) / cpu:7.0f} per CPU-second  "
            f"p50 {1000 * q[49]:.2f} ms  p99 {1000 * q[98]:.2f} ms  max {1000 * max(lat):.2f} ms"
        )

    big = (records[0]["text"] + "\n\n") * (1_000_000 // (len(records[0]["text"]) + 2) + 1)
    s = time.perf_counter()
    clf.classify(records[0]["title"], big, "en")
    big_ms = 1000 * (time.perf_counter() - s)
    print(f"1 MB text ({len(big)} chars, read up to {clf.settings.max_chars}): {big_ms:.0f} ms")
    hostile(clf)


def hostile(clf: Classifier) -> None:
    """The hostile texts of tests/test_classifier_bounds.py: time, record size, tracemalloc peak."""
    import sys
    import tracemalloc

    sys.path.insert(0, str(REPO))
    from tests.test_classifier_bounds import _article, _hostile

    for size in (80_000, 210_000):
        for kind, text in _hostile(clf, size).items():
            parsed = _article(text)
            s = time.perf_counter()
            out = clf.classify_article(parsed)
            took = time.perf_counter() - s
            record = len(out.encode())
            tracemalloc.start()
            clf.classify_article(parsed).encode()
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(
                f"hostile {size // 1000} KB {kind:12}: {1000 * took:6.0f} ms, record {record / 1000:.0f} KB "
                f"({(record - len(parsed.encode())) / 1000:.1f} KB added), peak {peak / 1e6:.1f} MB"
            )


if __name__ == "__main__":
    main()
