"""The stage runner on the real Kafka: a tiny stage (this module run as a process) reads batches,
produces outputs and a dead letter per rejected or invalid record, and a restart resumes after what
was committed -- nothing lost, nothing handled twice."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from shared.config import Settings
from shared.contracts import DeadLetter, ParsedArticle
from shared.kafka import end_offsets, producer, read_topic, wait_for_records
from shared.runtime import Emit, Outcome, Reject, Stage
from shared.topics import CLASSIFIED, DEADLETTER, PARSED, consumer_group
from tests.support import ServiceProcess, committed_total, free_port, settings_env

STAGE = "rtecho"


def echo(records: Sequence[ParsedArticle]) -> list[Outcome]:
    return [
        Reject("echo_reject", f"rejected {r.id}") if (r.title or "").startswith("reject")
        else (Emit(CLASSIFIED, r.id.encode(), (r.title or "").encode()),)
        for r in records
    ]  # fmt: skip


def echo_stage() -> Stage[ParsedArticle]:
    return Stage(
        name=STAGE, agent="rtecho-parsed", input=PARSED, contract=ParsedArticle, outputs=(CLASSIFIED,),
        handler=echo, batch_size=4, batch_wait=0.05,
    )  # fmt: skip


def article(ident: str, title: str) -> ParsedArticle:
    return ParsedArticle(id=ident, url=f"https://example.test/{ident}", lang="en", title=title, text=title)


async def _committed(settings: Settings) -> int:
    return await committed_total(settings, consumer_group(STAGE, settings), PARSED.name(settings))


async def test_runner_batches_outputs_dead_letters_and_resumes_after_a_restart(
    settings: Settings, tmp_path: Path
) -> None:
    import asyncio

    port = free_port()
    env = settings_env(settings.model_copy(update={"web_port": port, "web_host": "127.0.0.1"}))
    topic = PARSED.name(settings)

    async def produce(records: list[tuple[bytes, bytes]]) -> None:
        async with producer(settings) as prod:
            for key, value in records:
                await prod.send_and_wait(topic, key=key, value=value)

    first = [article(f"a{i}", f"title {i}") for i in range(9)] + [article("r1", "reject this")]
    await produce([(a.id.encode(), a.encode()) for a in first] + [(b"bad-1", b'{"id": "bad-1"}')])
    proc = ServiceProcess([], env, tmp_path / "first.log", web_port=port, module=__name__).start()
    try:
        await asyncio.to_thread(proc.wait_healthy, 60.0)
        await wait_for_records(settings, CLASSIFIED.name(settings), 9, timeout=60)
        ends = sum((await end_offsets(settings, topic)).values())
        for _ in range(60):  # the commit follows within broker_commit_interval (1 s)
            if await _committed(settings) >= ends:
                break
            await asyncio.sleep(0.25)
        assert await _committed(settings) == ends
    finally:
        assert proc.stop() == 0, proc.output()[-3000:]

    second = [article(f"b{i}", f"later {i}") for i in range(5)]
    await produce([(a.id.encode(), a.encode()) for a in second])
    proc = ServiceProcess([], env, tmp_path / "second.log", web_port=port, module=__name__).start()
    try:
        await asyncio.to_thread(proc.wait_healthy, 60.0)
        await wait_for_records(settings, CLASSIFIED.name(settings), 14, timeout=60)
    finally:
        assert proc.stop() == 0, proc.output()[-3000:]

    out = Counter(r.key.decode() for r in await read_topic(settings, CLASSIFIED.name(settings)))
    assert out == Counter(a.id for a in first[:9] + second)  # every article once: no loss, no duplicate
    letters = [DeadLetter.decode(r.value) for r in await read_topic(settings, DEADLETTER.name(settings))]
    assert sorted((x.key, x.error, x.stage) for x in letters) == [
        ("bad-1", "invalid_contract", STAGE), ("r1", "echo_reject", STAGE)
    ]  # fmt: skip
    assert all(x.source_topic == topic and x.offset is not None for x in letters)


if __name__ == "__main__":
    from shared.config import get_settings
    from shared.runtime.runner import build_stage_app
    from shared.runtime.streaming import run_worker

    run_settings = get_settings()
    run_worker(build_stage_app(echo_stage(), run_settings), run_settings)
