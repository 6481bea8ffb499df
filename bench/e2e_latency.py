"""End to end: from a story appearing in a feed to the story being searchable, through the four services.

    .venv/bin/python bench/e2e_latency.py [--backlog 300] [--rate 4] [--seconds 60] [--poll 1.0]

Runs on the local stack (``wirewatch stack up``) with its own topic prefix and index alias:
the demo feed server (4 feeds, one per language) in this process, and fetcher, parser, classifier
and indexer as separate processes (``wirewatch.demo.pipeline``), the fetcher polling every
``--poll`` seconds (the test/demo override of the 60 s floor) with no per-host delay.

Two phases, one pipeline:

1. **backlog** (throughput): the feeds already hold ``--backlog`` new stories when they are
   registered in the feeds topic (time t0, services running and healthy); throughput =
   backlog / (time the last one became searchable - t0).
2. **steady** (latency): ``--rate`` new stories per second are added to the feeds for
   ``--seconds``. For each story, ``published`` = when the story was added to the feed (the feed
   changes at that instant) and ``searchable`` = the first time a search on the alias (issued every
   0.2 s, no forced refresh) returns it. latency = searchable - published. It is split with the
   document's own timestamps: ``fetched`` (fetcher got the page) - published = wait for the next
   poll + feed and page fetch; ``indexed`` (the indexer built the bulk request) - fetched = Kafka
   hops, parser, classifier, indexer batching; searchable - indexed = bulk + refresh (1 s) + our
   0.2 s search period.

The stories are the demo corpus' texts under new URLs. Prints the figures; cleans up its index.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from services.fetcher.feedlist import write_feeds
from services.fetcher.urls import article_id_for
from services.indexer import index as idx
from shared.config import Settings
from shared.elastic import make_client
from shared.kafka import create_topics
from wirewatch.demo.corpus import DemoArticle, load_articles
from wirewatch.demo.pipeline import Pipeline, local_fetcher_env
from wirewatch.demo.server import DemoFeedServer, running_demo_server
from wirewatch.stack import ensure_up

SEARCH_PERIOD = 0.2


def stories(label: str, count: int, start: int = 0) -> list[DemoArticle]:
    base = load_articles()
    now = datetime.now(UTC)
    out = []
    for i in range(start, start + count):
        b = base[i % len(base)]
        out.append(
            b.model_copy(
                update={"slug": f"{label}-{i}-{b.slug}", "title": f"{b.title} #{i}", "published": now}
            )
        )
    return out


def iso(value: str | None) -> float | None:
    return datetime.fromisoformat(value).timestamp() if value else None


class Watcher:
    """Searches the alias every 0.2 s for the pending ids; records when each first shows up."""

    def __init__(self, es: Any, alias: str) -> None:
        self.es = es
        self.alias = alias
        self.pending: dict[str, float] = {}  # id -> published (epoch seconds)
        self.seen: dict[str, dict[str, float | None]] = {}
        self.task: asyncio.Task[None] | None = None

    def expect(self, aid: str, published: float) -> None:
        self.pending[aid] = published

    async def run(self) -> None:
        while True:
            if self.pending:
                ids = list(self.pending)[:5000]
                try:
                    resp = await self.es.search(
                        index=self.alias,
                        query={"ids": {"values": ids}},
                        size=len(ids),
                        source_includes=["fetched", "indexed"],
                        ignore_unavailable=True,
                        allow_no_indices=True,
                    )
                except Exception:
                    resp = None
                now = time.time()
                for hit in resp["hits"]["hits"] if resp else ():
                    aid = hit["_id"]
                    published = self.pending.pop(aid, None)
                    if published is None:
                        continue
                    src = hit["_source"]
                    self.seen[aid] = {
                        "published": published,
                        "fetched": iso(src.get("fetched")),
                        "indexed": iso(src.get("indexed")),
                        "searchable": now,
                    }
            await asyncio.sleep(SEARCH_PERIOD)

    async def wait_all(self, timeout: float, pipeline: Pipeline) -> None:
        deadline = time.monotonic() + timeout
        while self.pending:
            pipeline.check_alive()
            if time.monotonic() > deadline:
                raise TimeoutError(f"{len(self.pending)} stories not searchable after {timeout:.0f}s")
            await asyncio.sleep(0.2)


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def describe(name: str, values: list[float]) -> str:
    return (
        f"  {name:<28} p50 {pct(values, 50):6.2f}s  p95 {pct(values, 95):6.2f}s  "
        f"mean {statistics.fmean(values):6.2f}s  max {max(values):6.2f}s"
    )


async def main(args: argparse.Namespace) -> None:
    base = Settings()
    await asyncio.to_thread(ensure_up, base)
    tag = uuid.uuid4().hex[:8]
    state = Path(tempfile.mkdtemp(prefix="wirewatch-bench-e2e-"))
    settings = base.model_copy(
        update={"topic_prefix": f"bench-{tag}", "index_alias": f"wirewatch-bench-{tag}", "state_dir": state}
    )
    await create_topics(settings)
    es = make_client(settings)
    backlog = stories("backlog", args.backlog)
    fetcher_env = local_fetcher_env(poll_interval=args.poll)
    fetcher_env["WIREWATCH_FETCHER_SCHEDULER_TICK"] = "0.2"
    print(f"prefix {settings.topic_prefix}, logs in {state / 'logs'}")
    with running_demo_server(port=0, articles=backlog) as srv:
        pipeline = Pipeline(
            settings,
            state / "logs",
            extra_env={"fetcher": fetcher_env},
            common_env={"WIREWATCH_WEB_HOST": "127.0.0.1"},
        ).start()
        watcher = Watcher(es, settings.index_alias)
        watcher.task = asyncio.create_task(watcher.run())
        try:
            await asyncio.to_thread(pipeline.wait_healthy, 120.0)
            await asyncio.sleep(3)  # let the consumer groups settle
            # phase 1: backlog
            t0 = time.time()
            for a in backlog:
                watcher.expect(article_id_for(srv.article_url(a))[1], t0)
            await write_feeds(settings, srv.feed_configs(interval_seconds=60))
            await watcher.wait_all(args.timeout, pipeline)
            last = max(v["searchable"] or t0 for v in watcher.seen.values())
            backlog_seen = dict(watcher.seen)
            watcher.seen.clear()
            # phase 2: steady rate
            steady = stories("steady", int(args.rate * args.seconds))
            await feed_steadily(srv, steady, args.rate, watcher)
            await watcher.wait_all(args.timeout, pipeline)
        finally:
            if watcher.task is not None:
                watcher.task.cancel()
            await asyncio.to_thread(pipeline.stop)
            await idx.delete_all(es, settings.index_alias)
            await es.close()
    report(args, backlog_seen, t0, last, watcher.seen)


async def feed_steadily(srv: DemoFeedServer, items: list[DemoArticle], rate: float, watcher: Watcher) -> None:
    start = time.monotonic()
    for n, story in enumerate(items):
        due = start + n / rate
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        aid = article_id_for(srv.article_url(story))[1]
        await asyncio.to_thread(srv.add_article, story)
        watcher.expect(aid, time.time())  # the feed serves the story from now on


def report(
    args: argparse.Namespace,
    backlog: dict[str, dict[str, float | None]],
    t0: float,
    last: float,
    steady: dict[str, dict[str, float | None]],
) -> None:
    print(f"\nbacklog: {len(backlog)} stories searchable {last - t0:.1f}s after the feeds were registered")
    print(f"  throughput                   {len(backlog) / (last - t0):.1f} stories/s end to end")
    rows = [v for v in steady.values() if all(v.get(k) is not None for k in ("fetched", "indexed"))]
    first = min(float(v["published"] or 0) for v in steady.values())
    end = max(float(v["searchable"] or 0) for v in steady.values())
    print(
        f"\nsteady: {len(steady)} stories at {args.rate}/s for {args.seconds}s, "
        f"fetcher poll every {args.poll}s"
    )
    last_pub = max(float(v["published"] or 0) for v in steady.values())
    print(f"  offered (actual feed rate)   {(len(steady) - 1) / max(last_pub - first, 1e-9):.1f} stories/s")
    print(f"  throughput                   {len(steady) / (end - first):.1f} stories/s end to end")
    total = [float(v["searchable"] or 0) - float(v["published"] or 0) for v in steady.values()]
    print(describe("published -> searchable", total))
    print(
        describe(
            "published -> fetched", [float(v["fetched"] or 0) - float(v["published"] or 0) for v in rows]
        )
    )
    print(describe("fetched -> indexed", [float(v["indexed"] or 0) - float(v["fetched"] or 0) for v in rows]))
    print(
        describe(
            "indexed -> searchable", [float(v["searchable"] or 0) - float(v["indexed"] or 0) for v in rows]
        )
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--backlog", type=int, default=300, help="stories in the feeds when they are registered"
    )
    parser.add_argument("--rate", type=float, default=4.0, help="new stories per second in the steady phase")
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the steady phase")
    parser.add_argument("--poll", type=float, default=1.0, help="fetcher poll interval (seconds)")
    parser.add_argument(
        "--timeout", type=float, default=600.0, help="give up after this many seconds per phase"
    )
    asyncio.run(main(parser.parse_args()))
