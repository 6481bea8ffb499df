"""Classifier speed, offline path, one process: stories per second on the dev stories.

    .venv/bin/python bench/classifier_speed.py [--rounds 20] [--file ../shared/datasets/ai-news-dev.jsonl]

Prints: taxonomy load time, first-call (rule compilation) time, then stories/s and per-story latency
percentiles over ``rounds`` passes of the file, with the records' lang given and with lang detected.
Also a 1 MB text (bounded by WIREWATCH_CLASSIFIER_MAX_CHARS).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "datasets" / "ai-news-dev.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--file", type=Path, default=DEV)
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    records = [json.loads(line) for line in args.file.read_text("utf-8").splitlines() if line.strip()]

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


if __name__ == "__main__":
    main()
