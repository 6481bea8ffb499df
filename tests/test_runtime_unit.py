"""A ``Unit`` on the real Kafka: a sink stage writing a bounded table and its progress table, a timer
reading them and sending through the context, a second table written by the timer; restarted, the
tables come back from their changelogs, the bound holds and the progress covers every record (this
module run as a process)."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from shared.config import Settings
from shared.contracts import DeadLetter, ParsedArticle
from shared.kafka import end_offsets, producer, read_topic
from shared.runtime import Context, Outcome, Put, Reject, Stage, Table, Timer, Unit
from shared.topics import CLASSIFIED, DEADLETTER, PARSED, consumer_group
from tests.support import ServiceProcess, committed_total, free_port, settings_env

UNIT = "rtunit"
MAX_KEYS = 5


def unit() -> Unit:
    counts = Table("counts", partitions=PARSED, max_keys=MAX_KEYS)
    marks = Table("marks", partitions=PARSED, max_keys=10)
    progress = Table("progress", partitions=PARSED, max_keys=100)
    started: list[int] = []

    def remember(records: Sequence[ParsedArticle]) -> list[Outcome]:
        return [
            Reject("unit_reject", f"rejected {r.id}") if (r.title or "").startswith("reject")
            else (Put(counts, r.id, {"title": r.title}),)
            for r in records
        ]  # fmt: skip

    async def report(context: Context) -> None:
        if not context.ready():
            return
        if not started:  # once per process, after the tables are recovered
            started.append(1)
            await context.put(marks, "starts", int(marks.get("starts", 0)) + 1, partition=0)
        body = {"keys": sorted(counts), "starts": marks.get("starts"), "owned": sorted(context.owned(PARSED)),
                "progress": dict(progress.items())}  # fmt: skip
        await context.send(CLASSIFIED, b"report", json.dumps(body).encode())

    sink = Stage(
        name=UNIT, agent="rtunit-parsed", input=PARSED, contract=ParsedArticle, outputs=(),
        handler=remember, batch_size=4, batch_wait=0.05, tables=(counts,), progress=progress,
    )  # fmt: skip
    return Unit(
        UNIT, (sink,), tables=(counts, marks, progress), timers=(Timer("report", 0.5, report),),
        sends=(CLASSIFIED,),
    )  # fmt: skip


def article(ident: str, title: str) -> ParsedArticle:
    return ParsedArticle(id=ident, url=f"https://example.test/{ident}", lang="en", title=title, text=title)


async def _committed(settings: Settings) -> int:
    return await committed_total(settings, consumer_group(UNIT, settings), PARSED.name(settings))


async def _wait_report(settings: Settings, want: Any, timeout: float = 120.0) -> dict[str, Any]:
    """The first timer report satisfying ``want`` (polled; ends as soon as there is one)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    seen: dict[str, Any] = {}
    while loop.time() < deadline:
        for record in await read_topic(settings, CLASSIFIED.name(settings)):
            seen = json.loads(record.value)
            if want(seen):
                return seen
        await asyncio.sleep(0.5)
    raise AssertionError(f"no report as wanted within {timeout}s; last: {seen}")


async def _wait_committed(settings: Settings) -> None:
    ends = sum((await end_offsets(settings, PARSED.name(settings))).values())
    for _ in range(240):
        if await _committed(settings) >= ends:
            return
        await asyncio.sleep(0.5)
    assert await _committed(settings) == ends


def handled(report: dict[str, Any]) -> int:
    """Records handled according to the progress table: sum over partitions of last offset + 1."""
    return sum(int(offset) + 1 for offset in report["progress"].values())


async def _changelog(settings: Settings) -> Counter[str]:
    topic = f"{consumer_group(UNIT, settings)}-counts-changelog"
    return Counter("tombstone" if r.value is None else "set" for r in await read_topic(settings, topic))


async def test_a_unit_runs_a_sink_stage_a_bounded_table_and_a_timer_and_recovers_them(
    settings: Settings, tmp_path: Path
) -> None:
    port = free_port()
    env = settings_env(settings.model_copy(update={"web_port": port, "web_host": "127.0.0.1"}))
    topic = PARSED.name(settings)

    async def produce(records: list[tuple[bytes, bytes]]) -> None:
        async with producer(settings) as prod:
            for key, value in records:
                await prod.send_and_wait(topic, key=key, value=value)

    first = [article(f"a{i}", f"title {i}") for i in range(8)] + [article("r1", "reject this")]
    await produce([(a.id.encode(), a.encode()) for a in first] + [(b"bad-1", b'{"id": "bad-1"}')])
    proc = ServiceProcess([], env, tmp_path / "first.log", web_port=port, module=__name__).start()
    try:
        await asyncio.to_thread(proc.wait_healthy, 60.0)
        await _wait_committed(settings)  # acked only after every put and dead letter was acknowledged
        report = await _wait_report(
            settings, lambda r: r["starts"] == 1 and len(r["keys"]) == MAX_KEYS and handled(r) == 10
        )  # the progress table: every record, the rejected and invalid ones included
        assert set(report["keys"]) < {a.id for a in first[:8]}
        assert report["owned"] == list(range(PARSED.partition_count(settings)))
    finally:
        assert proc.stop() == 0, proc.output()[-3000:]
    assert await _changelog(settings) == Counter(set=8, tombstone=8 - MAX_KEYS)  # the bound, on Kafka too
    letters = [DeadLetter.decode(r.value) for r in await read_topic(settings, DEADLETTER.name(settings))]
    assert sorted((x.key, x.error, x.stage) for x in letters) == [
        ("bad-1", "invalid_contract", UNIT), ("r1", "unit_reject", UNIT)
    ]  # fmt: skip

    kept = set(report["keys"])
    await produce([(f"b{i}".encode(), article(f"b{i}", f"later {i}").encode()) for i in range(2)])
    proc = ServiceProcess([], env, tmp_path / "second.log", web_port=port, module=__name__).start()
    try:
        await asyncio.to_thread(proc.wait_healthy, 60.0)
        await _wait_committed(settings)
        # the marks table came back (starts 2), and so did counts: 3 recovered keys + the 2 new ones
        report = await _wait_report(
            settings, lambda r: r["starts"] == 2 and {"b0", "b1"} <= set(r["keys"]) and handled(r) == 12
        )
        assert len(report["keys"]) == MAX_KEYS and set(report["keys"]) - {"b0", "b1"} < kept
    finally:
        assert proc.stop() == 0, proc.output()[-3000:]
    assert await _changelog(settings) == Counter(set=10, tombstone=10 - MAX_KEYS)


if __name__ == "__main__":
    from shared.config import get_settings
    from shared.runtime.runner import build_unit_app
    from shared.runtime.streaming import run_worker

    run_settings = get_settings()
    run_worker(build_unit_app(unit(), run_settings), run_settings)
