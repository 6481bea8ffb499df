"""The indexer service through Kafka vs a bare ``async_bulk`` loop into the same Elasticsearch, per
CPU-second, side by side in one run.

    .venv/bin/python bench/indexer_ratio.py [--docs 10000] [--words 300] [--batch 500]
        [--variant NAME:VAR=VALUE[,VAR=VALUE...]] ...

Same synthetic articles (``bench/indexer_bulk.py``'s generator), encoded once as the bytes that travel
on the grouped topic; each run into its own throw-away alias on the running stack:

* bare: in this process, for each chunk of ``--batch`` records: ``ClassifiedArticle.decode`` of the
  bytes, the index document (``services.indexer.index.document``, the one the service writes), one
  ``elasticsearch.helpers.async_bulk``; documents per CPU-second of this process (user + system) over
  the loop. Run twice (before and after the service) to see the drift of a shared machine.
* service: a fresh topic prefix, one ``wirewatch indexer`` process (default settings but the batch
  size), healthy and idle; the records are then produced to grouped, and the clock runs until
  Elasticsearch counts them all: documents per CPU-second of the service process (psutil, user +
  system, from idle to the last document; its idle timers included).

``--variant`` runs the service once more (after the default one, before the second bare run) with
these environment variables added, e.g. ``--variant batch1000:WIREWATCH_INDEXER_BATCH_SIZE=1000``:
settings compared side by side in one run.

Prints a table and the ratio service / bare (issue 12's bar: >= 0.8). Elasticsearch's own CPU is in
neither figure. Figures go to docs/performance.md (## Indexer).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from elasticsearch import AsyncElasticsearch

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from indexer_bulk import synthetic  # noqa: E402

from services.indexer import index as idx  # noqa: E402
from shared.config import Settings  # noqa: E402
from shared.contracts import ClassifiedArticle  # noqa: E402


@dataclass
class Run:
    name: str
    docs: int
    cpu: float
    wall: float

    @property
    def rate(self) -> float:
        return self.docs / self.cpu if self.cpu else 0.0


def cpu_now() -> float:
    times = os.times()
    return times.user + times.system


async def count(es: AsyncElasticsearch, alias: str) -> int:
    await es.options(ignore_status=404).indices.refresh(index=idx.index_pattern(alias))
    resp = await es.count(index=idx.index_pattern(alias), ignore_unavailable=True)
    return int(resp["count"])


async def bare(settings: Settings, payloads: list[bytes], batch: int, name: str) -> Run:
    from elasticsearch.helpers import async_bulk

    from shared.elastic import make_client

    alias = f"wirewatch-bench-bare-{uuid.uuid4().hex[:8]}"
    es = make_client(settings, request_timeout=60)
    try:
        await idx.setup(es, alias)
        cpu0, wall0 = cpu_now(), time.perf_counter()
        for start in range(0, len(payloads), batch):
            now = datetime.now(UTC)
            actions = []
            for raw in payloads[start : start + batch]:
                article = ClassifiedArticle.decode(raw)
                actions.append({
                    "_op_type": "index", "_index": idx.index_for(alias, article), "_id": article.id,
                    "_source": idx.document(article, indexed=now),
                })  # fmt: skip
            _ok, errors = await async_bulk(es, actions, chunk_size=batch, raise_on_error=False)
            assert isinstance(errors, list) and not errors, errors
        run = Run(name, len(payloads), cpu_now() - cpu0, time.perf_counter() - wall0)
        assert await count(es, alias) == len(payloads)
        return run
    finally:
        await idx.delete_all(es, alias)
        await es.close()


async def service(
    settings: Settings,
    payloads: list[bytes],
    batch: int,
    name: str = "service (Kafka -> indexer -> ES)",
    extra_env: dict[str, str] | None = None,
) -> Run:
    import psutil

    from services.indexer.settings import IndexerSettings
    from shared.elastic import make_client
    from shared.kafka import create_topics, producer
    from shared.topics import GROUPED
    from tests.support import ServiceProcess, free_port, purge, settings_env

    tag = uuid.uuid4().hex[:8]
    run_settings = settings.model_copy(
        update={"topic_prefix": f"bench-idx-{tag}", "index_alias": f"wirewatch-bench-svc-{tag}"}
    )
    await create_topics(run_settings)
    port = free_port()
    env = settings_env(
        run_settings.model_copy(update={"web_port": port, "web_host": "127.0.0.1"}),
        IndexerSettings(_env_file=None, batch_size=batch),
    )
    env.update(extra_env or {})
    log = Path(tempfile.mkdtemp()) / "indexer.log"
    proc = ServiceProcess(["indexer"], env, log, web_port=port).start()
    es = make_client(run_settings, request_timeout=60)
    try:
        await asyncio.to_thread(proc.wait_healthy, 120.0)
        for _ in range(600):  # the index template is set up by the service's start task
            if await es.indices.exists_index_template(name=idx.template_name(run_settings.index_alias)):
                break
            await asyncio.sleep(0.2)
        await asyncio.sleep(2.0)  # the consumer has joined and fetches: idle from here
        assert proc.proc is not None
        ps = psutil.Process(proc.proc.pid)
        cpu0, wall0 = sum(ps.cpu_times()[:2]), time.perf_counter()
        async with producer(run_settings, linger_ms=20) as prod:
            futures = [
                await prod.send(GROUPED.name(run_settings), key=str(i).encode(), value=raw)
                for i, raw in enumerate(payloads)
            ]
            for future in futures:
                await future
        while (done := await count(es, run_settings.index_alias)) < len(payloads):
            if time.perf_counter() - wall0 > 900:
                raise SystemExit(f"only {done}/{len(payloads)} indexed after 900 s; log: {log}")
            await asyncio.sleep(0.25)
        return Run(name, len(payloads), sum(ps.cpu_times()[:2]) - cpu0, time.perf_counter() - wall0)
    finally:
        proc.stop()
        await idx.delete_all(es, run_settings.index_alias)
        await es.close()
        await purge(run_settings)


def parse_variant(text: str) -> tuple[str, dict[str, str]]:
    """``NAME:VAR=VALUE,VAR=VALUE`` -> (name, environment)."""
    name, _, assignments = text.partition(":")
    env = dict(item.split("=", 1) for item in assignments.split(",") if item)
    return name, env


async def main_async(docs: int, words: int, batch: int, variants: list[str] | None = None) -> None:
    rng = random.Random(12)
    payloads = [synthetic(n, words, rng).encode() for n in range(docs)]
    settings = Settings()
    size = sum(map(len, payloads)) / len(payloads)
    print(f"{docs} articles of ~{words} words ({size / 1024:.1f} KiB as JSON), batches of {batch}; "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")  # fmt: skip
    runs = [await bare(settings, payloads, batch, "bare async_bulk loop (1)")]
    runs.append(await service(settings, payloads, batch))
    for text in variants or []:
        name, env = parse_variant(text)
        runs.append(await service(settings, payloads, batch, f"service, {name}", env))
    runs.append(await bare(settings, payloads, batch, "bare async_bulk loop (2)"))
    print("\n| run | docs | CPU-s | wall s | docs per CPU-second |\n| --- | ---: | ---: | ---: | ---: |")
    for r in runs:
        print(f"| {r.name} | {r.docs} | {r.cpu:.2f} | {r.wall:.1f} | {r.rate:.0f} |")
    bare_rate = (runs[0].rate + runs[-1].rate) / 2
    for r in runs[1:-1]:
        print(f"\nratio {r.name} / bare (mean of the two bare runs): {r.rate / bare_rate:.2f}", end="")
    print(f"\nload average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=300)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        help="NAME:VAR=VALUE[,VAR=VALUE...]: one more service run with these environment variables",
    )
    args = parser.parse_args()
    asyncio.run(main_async(args.docs, args.words, args.batch, args.variant))


if __name__ == "__main__":
    main()
