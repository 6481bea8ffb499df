"""Parser scaling without Docker: 1, 2 and 3 parser processes in one consumer group, same backlog.

    .venv/bin/python bench/parser_scaling.py [--copies 4] [--replicas 1 2 3] [--partitions 6] [--workers 1]

For each replica count: a fresh topic prefix (topics with ``--partitions`` partitions), the same
backlog of RawItems (the real pages of ../shared/corpora/article-extraction-benchmark, each page
``--copies`` times under distinct URLs), then N ``wirewatch parser`` processes (each with
``--workers`` extraction processes) in the stage's one consumer group. The group's partition
assignment is printed once it is stable. The backlog is produced before the parsers start; the
rate is the number of parsed articles over the span between the first and the last parsed
article's Kafka timestamps (start-up and the group join are not counted). Prints articles/s per
replica count.

Then the rest of the pipeline runs over the last run's parsed topic (classifier + indexer, when
those commands exist) and the bench checks that the index holds every article exactly once
(distinct ids == backlog, document count == backlog). Needs the local stack (``wirewatch stack up``).
Figures go to docs/performance.md (## Scaling).
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import io
import os
import subprocess
import sys
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from elasticsearch import AsyncElasticsearch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shared.config import Settings  # noqa: E402
from shared.contracts import RawItem, article_id  # noqa: E402
from shared.kafka import create_topics, producer, read_topic  # noqa: E402
from shared.topics import PARSED, RAW, consumer_group  # noqa: E402
from tests.support import ServiceProcess, free_port, settings_env  # noqa: E402
from wirewatch.ops.lag import consumer_lag, describe_groups  # noqa: E402

SUMMARY = "A summary long enough to stand in when a page yields no article text. " * 4
CORPUS = ROOT / ".." / "shared" / "corpora" / "article-extraction-benchmark" / "html"


def backlog(copies: int) -> list[RawItem]:
    pages = sorted(CORPUS.glob("*.html.gz"))
    if not pages:
        raise SystemExit(f"no pages in {CORPUS}")
    items: list[RawItem] = []
    for copy in range(copies):
        for page in pages:
            html = gzip.decompress(page.read_bytes()).decode("utf-8", "replace")
            url = f"https://bench.example.org/{copy}/{page.name.split('.')[0][:16]}"
            items.append(
                RawItem(
                    id=article_id(url),
                    feed_url="https://bench.example.org/feed.xml",
                    source="bench",
                    entry_url=url,
                    canonical_url=url,
                    final_url=url,
                    entry_title=f"page {page.name[:12]}",
                    entry_summary=SUMMARY,
                    http_status=200,
                    content_type="text/html",
                    charset="utf-8",
                    html=html,
                )
            )
    return items


async def produce(settings: Settings, items: list[RawItem]) -> None:
    async with producer(settings) as prod:
        futures = [await prod.send(RAW.name(settings), r.encode(), key=r.id.encode()) for r in items]
        await asyncio.gather(*futures)


async def wait_stable(
    settings: Settings, group: str, members: int, timeout: float = 120.0
) -> dict[str, list[int]]:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    raw = RAW.name(settings)
    while loop.time() < deadline:
        states = await describe_groups(settings, [group])
        state = states.get(group)
        if state and state.state == "Stable" and len(state.members) == members:
            owned = {m: [tp.partition for tp in tps if tp.topic == raw] for m, tps in state.members.items()}
            if sum(len(p) for p in owned.values()) == settings.topic_partitions:
                return owned
        await asyncio.sleep(0.5)
    raise TimeoutError(f"{group} not stable with {members} members after {timeout}s")


async def wait_drained(settings: Settings, group: str, topic: str, timeout: float) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        rows = [r for r in await consumer_lag(settings, [group]) if r.topic == topic]
        if rows and all(r.committed is not None and r.committed >= r.end for r in rows):
            return
        await asyncio.sleep(0.25)
    raise TimeoutError(f"{group} still lagging on {topic} after {timeout}s")


def cpu_seconds(proc: ServiceProcess) -> float:
    """User + system CPU time of a service process and its extraction workers, so far."""
    import psutil

    if proc.proc is None:
        return 0.0
    try:
        root = psutil.Process(proc.proc.pid)
        total = 0.0
        for p in [root, *root.children(recursive=True)]:
            t = p.cpu_times()
            total += t.user + t.system
        return total
    except psutil.NoSuchProcess:
        return 0.0


def implemented(command: str) -> bool:
    out = subprocess.run(
        [sys.executable, "-m", "wirewatch.cli", command, "--help"], cwd=ROOT, capture_output=True, text=True
    )
    return out.returncode == 0 and "not implemented" not in out.stdout


def start(command: str, settings: Settings, logs: Path, **env: str) -> ServiceProcess:
    port = free_port()
    environ = settings_env(settings, WIREWATCH_WEB_PORT=str(port), WIREWATCH_LOG_LEVEL="WARNING", **env)
    return ServiceProcess([command], environ, logs / f"{command}-{port}.log", web_port=port).start()


async def run(
    n: int, items: list[RawItem], base: Settings, args: argparse.Namespace, logs: Path
) -> dict[str, Any]:
    settings = base.model_copy(
        update={
            "topic_prefix": f"bench-scale-{uuid.uuid4().hex[:8]}-{n}",
            "topic_partitions": args.partitions,
            "index_alias": f"bench-scale-{uuid.uuid4().hex[:8]}",
            "state_dir": logs / "state",
        }
    )
    await create_topics(settings)
    group = consumer_group("parser", settings)
    # the backlog is in Kafka before any parser starts, so the producer does not share the cores
    await produce(settings, items)
    load = os.getloadavg()[0]
    procs = [start("parser", settings, logs, WIREWATCH_PARSER_WORKERS=str(args.workers)) for _ in range(n)]
    try:
        for p in procs:
            await asyncio.to_thread(p.wait_healthy, 120.0)
        owned = await wait_stable(settings, group, n)
        await wait_drained(settings, group, RAW.name(settings), timeout=1800)
        cpu = sum(cpu_seconds(p) for p in procs)
        rcs = [await asyncio.to_thread(p.stop) for p in procs]
    finally:
        for p in procs:
            p.kill()
    parsed = await read_topic(settings, PARSED.name(settings))
    ids = Counter(r.key.decode() for r in parsed)
    # throughput from the output records' own timestamps: first to last parsed article, so worker
    # start-up and the consumer-group join are not counted (the first article waited for them)
    stamps = sorted(r.timestamp for r in parsed)
    elapsed = (stamps[-1] - stamps[0]) / 1000 * len(stamps) / max(1, len(stamps) - 1)
    print(f"\n{n} parser process(es), {args.partitions} partitions, group {group}")
    for member, parts in sorted(owned.items(), key=lambda kv: kv[1]):
        print(f"  {member:<52} partitions {sorted(parts)}")
    print(
        f"  {len(items)} articles in {elapsed:.1f} s = {len(items) / elapsed:.1f} articles/s; parsed records "
        f"{len(parsed)}, distinct ids {len(ids)}; exit codes {rcs}"
    )
    print(
        f"  CPU used by the parser processes and their workers, start-up included: {cpu:.1f} s "
        f"({1000 * cpu / len(items):.0f} ms per article); "
        f"machine load average at start {load:.1f}"
    )
    return {
        "n": n,
        "elapsed": elapsed,
        "rate": len(items) / elapsed,
        "settings": settings,
        "ids": ids,
        "owned": owned,
    }


async def downstream(settings: Settings, expected: set[str], logs: Path) -> None:
    """Classifier + indexer over the parsed topic; the index must hold every article exactly once."""
    from shared.elastic import make_client

    if not (implemented("classifier") and implemented("indexer")):
        print("\nclassifier/indexer not available: counted the parsed topic by id instead (above)")
        return
    setup = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "wirewatch.cli", "index", "setup"],
        cwd=ROOT,
        env=settings_env(settings),
        capture_output=True,
        text=True,
    )
    if setup.returncode != 0:
        raise SystemExit(f"index setup failed: {setup.stderr[-2000:]}")
    procs = [start(name, settings, logs) for name in ("classifier", "grouper", "indexer")]
    try:
        for p in procs:
            await asyncio.to_thread(p.wait_healthy, 120.0)
        from shared.topics import CLASSIFIED, GROUPED

        await wait_drained(settings, consumer_group("classifier", settings), PARSED.name(settings), 900)
        await wait_drained(settings, consumer_group("grouper", settings), CLASSIFIED.name(settings), 900)
        await wait_drained(settings, consumer_group("indexer", settings), GROUPED.name(settings), 900)
    finally:
        for p in procs:
            p.stop()
    es = make_client(settings)
    try:
        await es.indices.refresh(index=settings.index_alias)
        count = (await es.count(index=settings.index_alias))["count"]
        ids: set[str] = set()
        async for hit in _scan_ids(es, settings.index_alias):
            ids.add(hit)
        print(
            f"\nindex {settings.index_alias}: {count} documents, {len(ids)} distinct ids, "
            f"expected {len(expected)}; missing {len(expected - ids)}, unexpected {len(ids - expected)}"
        )
        once = count == len(expected) and ids == expected
        print("every article exactly once: " + ("yes" if once else "NO"))
        await es.indices.delete(index=f"{settings.index_alias}*", ignore_unavailable=True)
    finally:
        await es.close()


async def _scan_ids(es: AsyncElasticsearch, alias: str) -> AsyncIterator[str]:
    from elasticsearch.helpers import async_scan

    async for hit in async_scan(es, index=alias, query={"query": {"match_all": {}}, "_source": False}):
        yield hit["_id"]


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=4, help="each corpus page this many times (distinct URLs)")
    ap.add_argument("--replicas", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--partitions", type=int, default=6)
    ap.add_argument("--workers", type=int, default=1, help="extraction processes per parser process")
    ap.add_argument("--skip-index", action="store_true", help="do not run classifier + indexer afterwards")
    args = ap.parse_args()
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(line_buffering=True)

    items = backlog(args.copies)
    logs = ROOT / "bench" / "out" / f"parser-scaling-{os.getpid()}"
    logs.mkdir(parents=True, exist_ok=True)
    print(
        f"backlog: {len(items)} RawItems ({sum(len(r.html) for r in items) / 1e6:.1f} MB of HTML), "
        f"{os.cpu_count()} CPUs, {args.workers} extraction worker(s) per parser process; logs in {logs}"
    )
    base = Settings()
    results = [await run(n, items, base, args, logs) for n in args.replicas]
    print("\nreplicas  seconds  articles/s  speed-up")
    for r in results:
        speedup = r["rate"] / results[0]["rate"]
        print(f"{r['n']:>8}  {r['elapsed']:>7.1f}  {r['rate']:>10.1f}  {speedup:>7.2f}x")
    expected = {r.id for r in items}
    for r in results:
        missing = expected - set(r["ids"])
        dupes = sum(c - 1 for c in r["ids"].values())
        print(f"{r['n']} replica(s): parsed ids missing {len(missing)}, duplicate parsed records {dupes}")
    if not args.skip_index:
        await downstream(results[-1]["settings"], expected, logs)


if __name__ == "__main__":
    asyncio.run(main())
