"""The search API under a hostile query: how long ``q=a*|b*|…|z*&limit=200`` takes and how long
``/healthz`` waits meanwhile, for this code or an older checkout.

    .venv/bin/python bench/api_hostile.py [--docs 40] [--words 12000] [--concurrent 4] [--repo DIR]

Needs the local stack. Indexes ``--docs`` articles of about ``--words`` words each (every word
matches one of the 26 prefixes) under a fresh alias, starts ``wirewatch api`` from ``--repo``
(default: this repository; an older tree, e.g. ``git archive <commit> | tar -x -C /tmp/old``,
shows the old behaviour -- the bench sets both the old and the new settings names, and relaxes
the new prefix bounds so the query is allowed), sends ``--concurrent`` such searches at once while
polling ``/healthz`` every 0.1 s (each request bounded by ``--timeout``), and prints the search
latencies and the slowest ``/healthz``. Deletes the alias afterwards. Prints figures; not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def main(args: argparse.Namespace) -> None:
    import httpx

    from services.indexer import index as idx
    from services.indexer.bulk import BulkIndexer
    from services.indexer.settings import IndexerSettings
    from shared.config import Settings
    from shared.elastic import make_client
    from tests.indexer_helpers import make_article

    alias = f"wirewatch-bench-api-{uuid.uuid4().hex[:8]}"
    settings = Settings().model_copy(update={"index_alias": alias})
    rng = random.Random(7)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(3 + n % 7)) for n in range(4000)]
    articles = [
        make_article(n, text=" ".join(rng.choice(words) for _ in range(args.words)), title=f"Deal {n}")
        for n in range(args.docs)
    ]
    es = make_client(settings)
    port = free_port()
    proc: subprocess.Popen[bytes] | None = None
    try:
        await idx.setup(es, alias)
        await BulkIndexer(es, alias, IndexerSettings(batch_size=10)).index(articles)
        await es.indices.refresh(index=f"{alias}-*")
        chars = sum(len(a.text) for a in articles)
        print(f"indexed {len(articles)} articles, {chars / len(articles):,.0f} characters each")
        env = {k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}
        env |= {
            "WIREWATCH_INDEX_ALIAS": alias,
            "WIREWATCH_ELASTICSEARCH_URL": settings.elasticsearch_url,
            "WIREWATCH_API_PORT": str(port),
            "WIREWATCH_INDEXER_API_PORT": str(port),
            "WIREWATCH_API_MAX_PREFIX_TERMS": "26",
            "WIREWATCH_API_MIN_PREFIX_CHARS": "1",
        }
        proc = subprocess.Popen(  # noqa: ASYNC220 (started once, before the measurement)
            [sys.executable, "-m", "wirewatch.cli", "api"],
            cwd=args.repo,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        async with httpx.AsyncClient(base_url=base, timeout=120) as http:
            while True:
                try:
                    if (await http.get("/healthz")).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit("the API did not start")
                await asyncio.sleep(0.3)
            query: dict[str, str | int] = {
                "q": "|".join(f"{c}*" for c in "abcdefghijklmnopqrstuvwxyz"),
                "limit": 200,
            }
            probes: list[float] = []
            done = asyncio.Event()

            async def probe() -> None:
                while not done.is_set():
                    t0 = time.perf_counter()
                    try:
                        await http.get("/healthz", timeout=args.timeout)
                    except httpx.TimeoutException:
                        pass
                    probes.append(time.perf_counter() - t0)
                    await asyncio.sleep(0.1)

            async def one() -> tuple[float, str]:
                t0 = time.perf_counter()
                try:
                    resp = await http.get("/search", params=query, timeout=args.timeout)
                except httpx.TimeoutException:
                    return time.perf_counter() - t0, f"no answer within {args.timeout:g} s"
                return time.perf_counter() - t0, f"HTTP {resp.status_code}"

            prober = asyncio.create_task(probe())
            t0 = time.perf_counter()
            results = await asyncio.gather(*(one() for _ in range(args.concurrent)))
            wall = time.perf_counter() - t0
            done.set()
            await prober
        print(f"repo: {args.repo}")
        for n, (secs, code) in enumerate(results, 1):
            print(f"search {n}: {secs:6.2f} s  ({code})")
        print(f"all {args.concurrent} searches: {wall:.2f} s")
        print(
            f"/healthz meanwhile: {len(probes)} probes, slowest {max(probes):.2f} s, median "
            f"{sorted(probes)[len(probes) // 2]:.3f} s"
        )
    finally:
        try:
            if proc is not None:
                proc.terminate()
                try:
                    proc.wait(20)
                except subprocess.TimeoutExpired:  # an API whose loop is blocked ignores SIGTERM
                    proc.kill()
                    proc.wait(20)
        finally:
            await idx.delete_all(es, alias)
            await es.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=40)
    parser.add_argument("--words", type=int, default=12_000)
    parser.add_argument("--concurrent", type=int, default=4)
    parser.add_argument("--repo", type=Path, default=REPO)
    parser.add_argument("--timeout", type=float, default=90.0, help="seconds a request may take")
    asyncio.run(main(parser.parse_args()))
