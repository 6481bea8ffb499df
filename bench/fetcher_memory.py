"""Fetcher memory benchmark (not a test): the ``seen`` table with a million remembered article ids.

The ``seen`` changelog (the ``seen`` topic) is filled directly with ``--ids`` fresh ids and
``--expired`` ids older than ``seen_retention_days``, in the partition each id's table write would use.
Then a fetcher starts (no feeds) and replays it: measured are the time from the process start until
the table is recovered and swept (the first sweep's log line, ``seen table swept ... kept=N``; the
sweep runs every second here), the RSS then, and the same for an empty table (the baseline). With
``--old-format`` the values are the former ``{"at": ..., "outcome": "published"}`` dicts instead of
the int timestamps, for comparison. Needs the local stack; its topics are deleted afterwards.

    .venv/bin/python bench/fetcher_memory.py [--ids 1000000] [--expired 100000] [--old-format]
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import re
import sys
import time
import uuid
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
LOG_DIR = Path("/tmp/wirewatch-bench")
sys.path.insert(0, str(REPO))

from services.fetcher.service import partition_for  # noqa: E402
from services.fetcher.settings import FetcherSettings  # noqa: E402
from shared.config import Settings  # noqa: E402
from shared.kafka import create_topics, producer  # noqa: E402
from shared.topics import ENTRIES, SEEN  # noqa: E402
from tests.support import ServiceProcess, free_port, purge, settings_env  # noqa: E402


async def fill(settings: Settings, fresh: int, expired: int, old_format: bool) -> float:
    partitions = ENTRIES.partition_count(settings)
    now = int(time.time())
    old = now - 200 * 86400
    started = time.perf_counter()
    async with producer(settings, linger_ms=50, max_batch_size=512 * 1024, enable_idempotence=False) as prod:
        pending = []
        for i in range(fresh + expired):
            aid = hashlib.sha256(f"bench-{i}".encode()).hexdigest()[:32]
            at = now if i < fresh else old
            value = {"at": at, "outcome": "published"} if old_format else at
            pending.append(
                await prod.send(
                    SEEN.name(settings),
                    key=json.dumps(aid).encode(),
                    value=json.dumps(value).encode(),
                    partition=partition_for(aid, partitions),
                )
            )
            if len(pending) >= 20_000:
                await asyncio.gather(*pending)
                pending = []
        await asyncio.gather(*pending)
    return time.perf_counter() - started


async def start_and_recover(
    settings: Settings, expect: int, name: str, timeout: float
) -> tuple[float, int, int]:
    """(seconds from start until recovered and swept, RSS then, peak RSS) of a fetcher."""
    fs = FetcherSettings(_env_file=None, feeds_file="", seen_sweep_interval=1.0)
    web_port = free_port()
    env = settings_env(settings, fs, WIREWATCH_WEB_PORT=str(web_port))
    log_path = LOG_DIR / f"fetcher-memory-{name}.log"
    log_path.unlink(missing_ok=True)
    proc = ServiceProcess(["fetcher"], env, log_path, web_port)
    t0 = time.perf_counter()
    proc.start()
    peak = 0
    try:
        assert proc.proc is not None  # started above
        ps = psutil.Process(proc.proc.pid)
        while True:
            rss = ps.memory_info().rss
            peak = max(peak, rss)
            match = re.search(r"seen table swept .*kept=(\d+)", proc.output())
            if match:
                took = time.perf_counter() - t0
                if int(match.group(1)) != expect:
                    raise RuntimeError(f"{name}: {match.group(1)} ids kept, {expect} expected")
                return took, ps.memory_info().rss, peak
            if time.perf_counter() - t0 > timeout or not proc.alive():
                raise RuntimeError(f"{name}: no sweep within {timeout} s; see {proc.log_path}")
            await asyncio.sleep(0.5)
    finally:
        proc.stop()


async def run(args: argparse.Namespace) -> None:
    base = Settings()

    def fresh_settings() -> Settings:
        tag = uuid.uuid4().hex[:8]
        return base.model_copy(
            update={"topic_prefix": f"bench-fmem-{tag}", "index_alias": f"wirewatch-bench-fmem-{tag}",
                    "state_dir": LOG_DIR / "state"}
        )  # fmt: skip

    print(f"fetcher memory bench: {args.ids:,} remembered ids + {args.expired:,} expired ones, "
          f"{'dict' if args.old_format else 'int'} values, {base.topic_partitions} partitions")  # fmt: skip
    empty = fresh_settings()
    await create_topics(empty)
    try:
        took, rss, _ = await start_and_recover(empty, 0, "empty", args.timeout)
        print(f"  empty table: ready and swept {took:.1f} s after start, RSS {rss / 2**20:.0f} MiB")
        base_took, base_rss = took, rss
    finally:
        await purge(empty)
    full = fresh_settings()
    await create_topics(full)
    try:
        filled = await fill(full, args.ids, args.expired, args.old_format)
        print(f"  changelog written: {args.ids + args.expired:,} records in {filled:.1f} s")
        took, rss, peak = await start_and_recover(full, args.ids, "full", args.timeout)
        print(f"  {args.ids:,} ids: recovered and swept ({args.expired:,} expired deleted) {took:.1f} s "
              "after "
              f"start (+{took - base_took:.1f} s over the empty table); RSS {rss / 2**20:.0f} MiB "
              f"(+{(rss - base_rss) / 2**20:.0f} MiB = {(rss - base_rss) / max(1, args.ids):.0f} B per id), "
              f"peak {peak / 2**20:.0f} MiB")  # fmt: skip
    finally:
        await purge(full)


def main() -> None:
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ids", type=int, default=1_000_000)
    parser.add_argument("--expired", type=int, default=100_000)
    parser.add_argument("--old-format", action="store_true", help="dict values, as before issue 11")
    parser.add_argument("--timeout", type=float, default=900.0)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
