"""Parser service end to end through Kafka vs a bare trafilatura loop, in pages per CPU-second.

    .venv/bin/python bench/parser_throughput.py [--rounds 3] [--workers N]

Needs the local stack (started with ``wirewatch.stack.ensure_up`` when not running). Steps:

1. the 181 pages of ../shared/corpora/article-extraction-benchmark become ``RawItem`` events
   (``--rounds`` copies with distinct ids) on a fresh topic prefix;
2. ``wirewatch parser`` runs as a subprocess; a warm-up batch is sent and awaited (faust started,
   pool workers up), then the CPU time of the service's process tree is read (psutil: the service
   process, the forkserver and the pool workers, plus reaped children), every measured event is
   produced, and the CPU time is read again when as many records (articles + dead letters) have
   come out as went in;
3. a bare loop of ``trafilatura.extract(html, include_comments=False)`` over the same pages is timed
   with ``time.process_time`` in this process, before and after the service run (mean of the two),
   and once more split over as many processes as the pool has workers, running at once.

The figure of merit is service pages per CPU-second / bare pages per CPU-second (bar: >= 0.85).
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from services.parser.settings import ParserSettings  # noqa: E402
from shared.config import Settings  # noqa: E402
from shared.contracts import RawItem  # noqa: E402
from shared.kafka import client_options, create_topics, producer  # noqa: E402
from shared.topics import DEADLETTER, PARSED, RAW  # noqa: E402

CORPUS = ROOT / ".." / "shared" / "corpora" / "article-extraction-benchmark"


def pages() -> list[tuple[str, str]]:
    return [
        (p.name.split(".", 1)[0], gzip.decompress(p.read_bytes()).decode("utf-8"))
        for p in sorted((CORPUS / "html").glob("*.html.gz"))
    ]


def tree_cpu(pid: int) -> float:
    """CPU seconds of a process, its live descendants, and the children they have already reaped."""
    return sum(tree_cpu_split(pid))


def tree_cpu_split(pid: int) -> tuple[float, float]:
    """(the process itself, its descendants incl. reaped ones) CPU seconds."""
    own = total = 0.0
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0, 0.0
    for proc in procs:
        try:
            t = proc.cpu_times()
        except psutil.NoSuchProcess:
            continue
        if proc.pid == pid:
            own = t.user + t.system
            total += t.children_user + t.children_system
        else:
            total += t.user + t.system + t.children_user + t.children_system
    return own, total


def bare_cpu(items: list[tuple[str, str]]) -> float:
    import trafilatura

    for _, html in items[:3]:
        trafilatura.extract(html, include_comments=False)  # warm-up
    t0 = time.process_time()
    for _, html in items:
        trafilatura.extract(html, include_comments=False)
    return time.process_time() - t0


def _bare_slice(items: list[tuple[str, str]]) -> float:
    return bare_cpu(items)


def bare_cpu_parallel(items: list[tuple[str, str]], procs: int) -> float:
    """The same bare loop split over ``procs`` processes running at once (the pool's parallelism, so
    the same contention for caches and cores as the service's workers); summed CPU seconds."""
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(procs) as pool:
        return sum(pool.map(_bare_slice, [items[i::procs] for i in range(procs)]))


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def raw_item(ident: str, html: str) -> RawItem:
    url = f"https://bench.example/{ident}"
    return RawItem(
        id=ident, feed_url="https://bench.example/feed", source="bench", entry_url=url, canonical_url=url,
        final_url=url, http_status=200, content_type="text/html", html=html,
    )


async def count_outputs(settings: Settings, want: int, timeout: float) -> int:
    """Consume the parsed and dead-letter topics from the start until ``want`` records were seen."""
    from aiokafka import AIOKafkaConsumer

    consumer = AIOKafkaConsumer(
        PARSED.name(settings), DEADLETTER.name(settings), **client_options(settings),
        auto_offset_reset="earliest", enable_auto_commit=False, group_id=None,
        max_partition_fetch_bytes=16 * 1024 * 1024,
    )
    await consumer.start()
    seen = 0
    deadline = time.monotonic() + timeout
    try:
        while seen < want and time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=200)
            seen += sum(len(v) for v in batch.values())
    finally:
        await consumer.stop()
    if seen < want:
        raise TimeoutError(f"{seen} outputs after {timeout}s, wanted {want}")
    return seen


def start_service(settings: Settings, workers: int) -> subprocess.Popen[bytes]:
    port = free_port()
    # the common settings are the bench's; WIREWATCH_PARSER_* from the environment pass through
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("WIREWATCH_") or k.startswith("WIREWATCH_PARSER_")}
    env.update({
        "WIREWATCH_KAFKA_BOOTSTRAP": settings.kafka_bootstrap,
        "WIREWATCH_TOPIC_PREFIX": settings.topic_prefix,
        "WIREWATCH_WEB_PORT": str(port),
        "WIREWATCH_STATE_DIR": str(settings.state_dir),
        "WIREWATCH_LOG_LEVEL": "WARNING",
        "WIREWATCH_PARSER_WORKERS": str(workers),
    })
    with (settings.state_dir / "parser.log").open("wb") as log:
        return subprocess.Popen([sys.executable, "-m", "wirewatch.cli", "parser"], env=env, cwd=ROOT,
                                stdout=log, stderr=subprocess.STDOUT)


async def measure(settings: Settings, pid: int, items: list[tuple[str, str]], warmup: int
                  ) -> tuple[float, float, int]:
    """(service CPU seconds, wall seconds, dead letters) for ``items`` after ``warmup`` events."""
    from shared.kafka import read_topic

    encoded = [(k.encode(), raw_item(k, h).encode()) for k, h in items]
    async with producer(settings, linger_ms=20) as prod:
        for key, value in encoded[:warmup]:
            await prod.send(RAW.name(settings), key=key, value=value)
        await prod.flush()
        await count_outputs(settings, warmup, timeout=180)
        split0, t0 = tree_cpu_split(pid), time.perf_counter()
        for key, value in encoded[warmup:]:
            await prod.send(RAW.name(settings), key=key, value=value)
        await prod.flush()
    await count_outputs(settings, len(encoded), timeout=600)
    split1, t1 = tree_cpu_split(pid), time.perf_counter()
    main_cpu, pool_cpu = split1[0] - split0[0], split1[1] - split0[1]
    await asyncio.sleep(10)
    split2 = tree_cpu_split(pid)
    print(f"service process {main_cpu:.2f} CPU-s, pool {pool_cpu:.2f} CPU-s; idle for 10 s afterwards: "
          f"{split2[0] - split1[0]:.2f} + {split2[1] - split1[1]:.2f} CPU-s")
    dead = len(await read_topic(settings, DEADLETTER.name(settings)))
    return main_cpu + pool_cpu, t1 - t0, dead


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3, help="copies of the 181 pages to send")
    ap.add_argument("--workers", type=int, default=ParserSettings().workers)
    args = ap.parse_args()
    from wirewatch.stack import ensure_up

    base = Settings()
    ensure_up(base)
    corpus = pages()
    measured = [(f"{k}-{r}", h) for r in range(args.rounds) for k, h in corpus]
    warm = [(f"warm-{k}", h) for k, h in corpus[:20]]
    state = Path(os.environ.get("TMPDIR", "/tmp")) / f"wirewatch-bench-{uuid.uuid4().hex[:8]}"
    (state / "faust").mkdir(parents=True)
    prefix = f"bench-parser-{uuid.uuid4().hex[:8]}"
    settings = base.model_copy(update={"topic_prefix": prefix, "state_dir": state})

    bare_before = bare_cpu(measured)
    asyncio.run(create_topics(settings))
    proc = start_service(settings, args.workers)
    try:
        svc_cpu, wall, dead = asyncio.run(measure(settings, proc.pid, warm + measured, len(warm)))
    finally:
        proc.terminate()
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()
    bare_after = bare_cpu(measured)
    bare = (bare_before + bare_after) / 2
    bare_par = bare_cpu_parallel(measured, args.workers) if args.workers > 1 else bare
    n = len(measured)
    print(f"{n} pages ({args.rounds} x {len(corpus)}), {args.workers} pool workers, {dead} dead letters")
    print(f"bare trafilatura loop: {bare:.2f} CPU-s ({bare_before:.2f} before, {bare_after:.2f} after) "
          f"-> {n / bare:.1f} pages/CPU-s")
    print(f"parser service via Kafka: {svc_cpu:.2f} CPU-s (service + pool) -> {n / svc_cpu:.1f} pages/CPU-s; "
          f"wall {wall:.1f} s -> {n / wall:.1f} pages/s")
    print(f"bare loop split over {args.workers} processes at once: {bare_par:.2f} CPU-s "
          f"-> {n / bare_par:.1f} pages/CPU-s")
    print(f"service / bare, pages per CPU-second: {bare / svc_cpu:.2f} (bar >= 0.85); "
          f"vs the parallel bare loop: {bare_par / svc_cpu:.2f}")


if __name__ == "__main__":
    main()
