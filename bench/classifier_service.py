"""The classifier offline and as a service through the real Kafka, side by side, per CPU-second.

    .venv/bin/python bench/classifier_service.py [--n 3000] [--rounds 20] [--legacy PATH]

Both on the project's own demo corpus (``wirewatch/demo/articles``: 47 stories in en/fr/de/ar):

* offline: ``Classifier.classify_article`` over the stories ``rounds`` times, in this process:
  articles per CPU-second of this process (engine only: no decode, no encode, no Kafka);
* service: a fresh topic prefix, N ParsedArticles (the stories under distinct ids) produced to the
  parsed topic beforehand, then one ``wirewatch classifier`` process; its CPU time (user + system,
  psutil) from the moment it is healthy until N records are on the classified topic, minus what it
  had already classified at that moment: articles per CPU-second of the service process.

Prints both and their ratio (issue 12's goal: the service at >= 0.8x its offline rate). ``--legacy
PATH`` runs the service from another copy of ``services/classifier/service.py`` (e.g. the pre-runtime
one: ``git show 2e26ad4:services/classifier/service.py > /tmp/old.py``) for a before/after.
Figures go to docs/performance.md (## Classifier).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from shared.contracts import ParsedArticle  # noqa: E402


def corpus() -> list[ParsedArticle]:
    from wirewatch.demo.corpus import load_articles

    return [
        ParsedArticle(
            id=a.slug,
            url=f"https://bench.example.org/{a.slug}",
            title=a.title,
            text="\n\n".join(a.body),
            lang=a.lang,
            source=a.source,
        )
        for a in load_articles()
    ]


def offline(articles: list[ParsedArticle], rounds: int) -> float:
    from services.classifier.engine import Classifier
    from services.classifier.settings import ClassifierSettings

    classifier = Classifier(ClassifierSettings())
    for a in articles:  # first pass compiles each language's rules
        classifier.classify_article(a)
    cpu = time.process_time()
    for _ in range(rounds):
        for a in articles:
            classifier.classify_article(a)
    used = time.process_time() - cpu
    rate = rounds * len(articles) / used
    print(
        f"offline: {rounds * len(articles)} articles in {used:.2f} CPU-s = {rate:.0f} per CPU-second",
    )
    return rate


async def service(articles: list[ParsedArticle], n: int, legacy: Path | None) -> float:
    import psutil

    from services.classifier.settings import ClassifierSettings
    from shared.config import Settings
    from shared.kafka import create_topics, end_offsets, producer
    from shared.topics import CLASSIFIED, PARSED
    from tests.support import ServiceProcess, free_port, settings_env

    settings = Settings().model_copy(update={"topic_prefix": f"bench-clsvc-{uuid.uuid4().hex[:8]}"})
    await create_topics(settings)
    async with producer(settings, linger_ms=20) as prod:
        futures = []
        for i in range(n):
            a = articles[i % len(articles)]
            b = a.model_copy(update={"id": f"bench-{i}", "url": f"{a.url}/{i}"})
            futures.append(await prod.send(PARSED.name(settings), key=b.id.encode(), value=b.encode()))
        for f in futures:
            await f
    port = free_port()
    env = settings_env(
        settings.model_copy(update={"web_port": port, "web_host": "127.0.0.1"}), ClassifierSettings()
    )
    log = Path(tempfile.mkdtemp()) / "classifier.log"
    proc = ServiceProcess(["classifier"], env, log, web_port=port)
    if legacy is not None:
        code = (f"import runpy, sys; sys.path.insert(0, {str(REPO)!r}); "
                f"runpy.run_path({str(legacy)!r}, run_name='legacy')['main']()")  # fmt: skip
        proc.proc = subprocess.Popen(  # noqa: ASYNC220 - started once, before the clock
            [sys.executable, "-c", code], env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT, cwd=REPO
        )
    else:
        proc.start()
    try:
        await asyncio.to_thread(proc.wait_healthy, 120.0)
        assert proc.proc is not None
        ps = psutil.Process(proc.proc.pid)
        cpu0 = sum(ps.cpu_times()[:2])
        done0 = sum((await end_offsets(settings, CLASSIFIED.name(settings))).values())
        wall0 = time.perf_counter()
        while True:
            done = sum((await end_offsets(settings, CLASSIFIED.name(settings))).values())
            if done >= n:
                break
            if time.perf_counter() - wall0 > 900:
                raise SystemExit(f"only {done}/{n} classified after 900 s; log: {log}")
            await asyncio.sleep(0.2)
        cpu = sum(ps.cpu_times()[:2]) - cpu0
        wall = time.perf_counter() - wall0
    finally:
        proc.stop()
    rate = (n - done0) / cpu
    print(
        f"service: {n - done0} articles in {cpu:.2f} CPU-s of the service process ({wall:.1f} s wall) "
        f"= {rate:.0f} articles per CPU-second{' (legacy ' + str(legacy) + ')' if legacy else ''}"
    )
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--n", type=int, default=3000, help="articles through Kafka")
    parser.add_argument("--rounds", type=int, default=20, help="offline passes over the corpus")
    parser.add_argument("--legacy", type=Path, default=None, help="run another service.py copy")
    args = parser.parse_args()
    articles = corpus()
    print(
        f"corpus: {len(articles)} demo stories; load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())
    )
    off = offline(articles, args.rounds)
    svc = asyncio.run(service(articles, args.n, args.legacy))
    print(f"ratio service / offline (per CPU-second): {svc / off:.2f}")


if __name__ == "__main__":
    main()
