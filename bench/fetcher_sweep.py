"""Fetcher benchmark (not a test): 1,000 feeds x 50 entries served locally
(each article page answers after 50 ms, like a remote site).

Phase 1 (cold): a fetcher with an empty state polls every feed once (10-minute intervals) and
publishes every article page: time until every feed was polled, time until all 50,000 RawItems are in
Kafka, peak RSS. Phase 2 (steady): the fetcher restarts with a 1-second poll interval; every feed
answers 304 (ETag): polls per second and peak RSS over a window; no article is published again.

The feeds are spread over 50 loopback addresses (127.0.0.1-50, 20 feeds each) served by a separate
process (aiohttp), so the per-host limits apply as they would to 50 sites. Needs the local stack.

    .venv/bin/python bench/fetcher_sweep.py [--feeds 1000] [--entries 50] [--hosts 50] [--steady 20]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import sys
import time
import uuid
from multiprocessing.synchronize import Event as EventType
from pathlib import Path

import httpx
import psutil

REPO = Path(__file__).resolve().parents[1]
LOG_DIR = Path("/tmp/wirewatch-bench")
sys.path.insert(0, str(REPO))

from services.fetcher.feedlist import make_feed, write_feeds  # noqa: E402
from services.fetcher.settings import FetcherSettings  # noqa: E402
from shared.config import Settings  # noqa: E402
from shared.kafka import create_topics, end_offsets  # noqa: E402
from shared.topics import RAW  # noqa: E402
from tests.support import ServiceProcess, free_port, settings_env  # noqa: E402


def serve(hosts: int, port: int, feeds_per_host: int, entries: int, ready: EventType) -> None:
    """The feed/page server process: pre-rendered feeds with ETags, small article pages."""
    from aiohttp import web

    stats = {"feed_200": 0, "feed_304": 0, "page": 0}
    latency = 0.05  # a page takes 50 ms to serve, like a real site: the fetcher must overlap them
    text = "Lorem ipsum dolor sit amet, AI news. " * 60
    page_body = f"<html><head><title>Article</title></head><body><article><p>{text}</p></article></body>"

    def feed_body(host: str, f: int) -> bytes:
        items = "".join(
            f"<item><title>Feed {f} entry {e}</title><link>http://{host}:{port}/p/{f}/{e}.html</link>"
            f"<guid>{host}-{f}-{e}</guid><description>Summary of entry {e} of feed {f}.</description>"
            f"<pubDate>Sat, 21 Nov 2026 10:{e % 60:02d}:00 GMT</pubDate></item>"
            for e in range(entries)
        )
        head = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed {f}</title>'
        return f"{head}<link>http://{host}/</link><description>bench</description>{items}</channel></rss>".encode()

    cache: dict[tuple[str, int], bytes] = {}

    async def feed(request: web.Request) -> web.Response:
        f = int(request.match_info["f"])
        etag = f'"feed-{f}"'
        if request.headers.get("If-None-Match") == etag:
            stats["feed_304"] += 1
            return web.Response(status=304, headers={"ETag": etag})
        stats["feed_200"] += 1
        key = (request.host.split(":")[0], f)
        if key not in cache:
            cache[key] = feed_body(key[0], f)
        return web.Response(body=cache[key], content_type="application/rss+xml", headers={"ETag": etag})

    inflight = [0]

    async def article(request: web.Request) -> web.Response:
        stats["page"] += 1
        inflight[0] += 1
        stats["page_inflight_max"] = max(stats.get("page_inflight_max", 0), inflight[0])
        await asyncio.sleep(latency)
        inflight[0] -= 1
        return web.Response(text=page_body, content_type="text/html", charset="utf-8")

    async def get_stats(request: web.Request) -> web.Response:
        return web.json_response(stats)

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/feeds/{f}.xml", feed)
        app.router.add_get("/p/{f}/{e}.html", article)
        app.router.add_get("/stats", get_stats)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        for h in range(1, hosts + 1):
            await web.TCPSite(runner, f"127.0.0.{h}", port, backlog=1024).start()
        ready.set()
        await asyncio.Event().wait()

    asyncio.run(main())


def stats(port: int) -> dict[str, int]:
    got: dict[str, int] = httpx.get(f"http://127.0.0.1:{port}/stats", timeout=10).json()
    return got


class RssSampler:
    def __init__(self, pid: int) -> None:
        self.proc = psutil.Process(pid)
        self.peak = 0

    def sample(self) -> int:
        try:
            rss = self.proc.memory_info().rss
        except psutil.Error:
            return self.peak
        self.peak = max(self.peak, rss)
        return rss


async def raw_count(settings: Settings) -> int:
    return sum((await end_offsets(settings, RAW.name(settings))).values())


async def run(args: argparse.Namespace) -> None:
    settings = Settings().model_copy(
        update={
            "topic_prefix": f"bench-fetcher-{uuid.uuid4().hex[:8]}",
            "state_dir": Path("/tmp/wirewatch-bench"),
        }
    )
    await create_topics(settings)
    port = free_port()
    ready = mp.Event()
    server = mp.Process(
        target=serve, args=(args.hosts, port, args.feeds // args.hosts, args.entries, ready), daemon=True
    )
    server.start()
    ready.wait(30)
    urls = [f"http://127.0.0.{(i % args.hosts) + 1}:{port}/feeds/{i}.xml" for i in range(args.feeds)]
    fs = FetcherSettings(
        _env_file=None,
        feeds_file="",
        allowed_networks=["127.0.0.0/8"],
        per_host_concurrency=4,
        per_host_delay=0.0,
        max_concurrent_polls=100,
        page_concurrency=32,
        scheduler_tick=0.5,
    )
    log_dir = LOG_DIR
    total = args.feeds * args.entries
    print(f"fetcher bench: {args.feeds} feeds x {args.entries} entries on {args.hosts} hosts; "
          f"per-host concurrency {fs.per_host_concurrency}, delay {fs.per_host_delay}s, "
          f"page concurrency {fs.page_concurrency}, {settings.topic_partitions} partitions")  # fmt: skip

    # phase 1: cold sweep
    web_port = free_port()
    proc = ServiceProcess(["fetcher"], settings_env(settings, fs, WIREWATCH_WEB_PORT=str(web_port)),
                          log_dir / "fetcher-cold.log", web_port).start()  # fmt: skip
    try:
        proc.wait_healthy(120)
        assert proc.proc is not None  # started above
        sampler = RssSampler(proc.proc.pid)
        t0 = time.perf_counter()
        await write_feeds(settings, [make_feed(u, f"bench-{i}", "en") for i, u in enumerate(urls)])
        feeds_done = None
        while True:
            sampler.sample()
            st = await asyncio.to_thread(stats, port)
            if feeds_done is None and st["feed_200"] >= args.feeds:
                feeds_done = time.perf_counter() - t0
                print(f"  every feed polled once: {feeds_done:.1f} s")
            published = await raw_count(settings)
            if published >= total:
                break
            if time.perf_counter() - t0 > args.timeout:
                print(f"  TIMEOUT: {published}/{total} published")
                break
            await asyncio.sleep(0.5)
        sweep = time.perf_counter() - t0
        print(f"  server: {await asyncio.to_thread(stats, port)}")
        print(f"  first full sweep (all {total} pages published): {sweep:.1f} s "
              f"= {total / sweep:.0f} pages/s; peak RSS {sampler.peak / 2**20:.0f} MiB")  # fmt: skip
    finally:
        proc.stop()

    # phase 2: steady state, conditional GETs
    fs2 = fs.model_copy(update={"poll_interval_override": 1.0})
    web_port = free_port()
    proc = ServiceProcess(["fetcher"], settings_env(settings, fs2, WIREWATCH_WEB_PORT=str(web_port)),
                          log_dir / "fetcher-steady.log", web_port).start()  # fmt: skip
    try:
        proc.wait_healthy(120)
        assert proc.proc is not None  # started above
        sampler = RssSampler(proc.proc.pid)
        before = await asyncio.to_thread(stats, port)
        await asyncio.sleep(5)  # warm up: recovery and the first round
        st0, t0 = await asyncio.to_thread(stats, port), time.perf_counter()
        while time.perf_counter() - t0 < args.steady:
            sampler.sample()
            await asyncio.sleep(0.5)
        st1, t1 = await asyncio.to_thread(stats, port), time.perf_counter()
        rate = (st1["feed_304"] - st0["feed_304"]) / (t1 - t0)
        fetched_again = st1["feed_200"] - before["feed_200"]
        print(f"  steady state: {rate:.0f} polls/s answered 304 (interval 1 s, {args.feeds} feeds); "
              f"feeds re-downloaded {fetched_again}; peak RSS {sampler.peak / 2**20:.0f} MiB")  # fmt: skip
        print(f"  pages published again after restart: {await raw_count(settings) - total}")
    finally:
        proc.stop()
        server.terminate()


def main() -> None:
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--steady", type=float, default=20.0, help="seconds of steady-state measurement")
    parser.add_argument("--timeout", type=float, default=900.0)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
