"""Dead letters: list them, show them, replay them into their stage's input topic.

Every stage writes what it cannot handle to ``<prefix>.deadletter`` as a ``DeadLetter`` (the
original key and bytes, why it failed, where it came from). ``replay`` re-injects each selected
letter's original payload, with its key, into ``shared.topics.STAGE_INPUT[stage]``.

Replaying twice by accident is prevented by a **replay mark**: each stage has a consumer group
``<prefix>-dlq-replay-<stage>`` on the dead-letter topic whose committed offsets say how far
letters have been replayed. A replay re-injects the letters from that mark up to the end offsets
it saw when it started, waits for every produce to be acknowledged, and only then moves the mark
to those end offsets. Letters that fail again after a
replay are new letters (new offsets) and are picked up by the next replay. The mark covers every
letter of the stage it passed: letters left out by ``--since``/``--error`` are reported as
"passed over" and are not replayed later unless asked with ``--again`` (which ignores the mark:
a deliberate re-replay); ``--dry-run`` counts without producing or moving the mark.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from aiokafka.structs import OffsetAndMetadata

from shared.config import Settings
from shared.contracts import ContractError, DeadLetter
from shared.kafka import client_options, producer, topic_partitions
from shared.topics import DEADLETTER, STAGE_INPUT

REPLAY_HEADER = "wirewatch-replayed-from"


def replay_group(stage: str, settings: Settings) -> str:
    return f"{settings.topic_prefix}-dlq-replay-{stage}"


@dataclass(frozen=True)
class Letter:
    partition: int
    offset: int
    timestamp: datetime  # when the letter was written to the dead-letter topic
    letter: DeadLetter

    @property
    def ref(self) -> str:
        return f"{self.partition}:{self.offset}"


@dataclass
class Scan:
    letters: list[Letter] = field(default_factory=list)
    unreadable: int = 0  # records on the topic that are not DeadLetters
    ends: dict[TopicPartition, int] = field(default_factory=dict)


def _check_stage(stage: str) -> None:
    if stage not in STAGE_INPUT:
        raise ValueError(f"unknown stage {stage!r}; one of {', '.join(STAGE_INPUT)}")


async def _scan(
    settings: Settings,
    *,
    keep: Callable[[DeadLetter], bool],
    since: datetime | None = None,
) -> Scan:
    """Read the dead-letter topic from ``since`` (or its start) up to the end offsets seen at the start."""
    topic = DEADLETTER.name(settings)
    consumer = AIOKafkaConsumer(
        **client_options(settings), enable_auto_commit=False, max_partition_fetch_bytes=16 << 20
    )
    await consumer.start()
    scan = Scan()
    try:
        tps = await topic_partitions(consumer, topic)
        if not tps:
            return scan
        consumer.assign(tps)
        scan.ends = await consumer.end_offsets(tps)
        firsts = await consumer.beginning_offsets(tps)
        from_time: dict[TopicPartition, int] = {}
        if since is not None:
            found = await consumer.offsets_for_times({tp: int(since.timestamp() * 1000) for tp in tps})
            from_time = {tp: (ts.offset if ts is not None else scan.ends[tp]) for tp, ts in found.items()}
        pending: set[TopicPartition] = set()
        for tp in tps:
            begin = max(firsts[tp], from_time.get(tp, 0))
            if begin < scan.ends[tp]:
                consumer.seek(tp, begin)
                pending.add(tp)
        while pending:
            batch = await consumer.getmany(*pending, timeout_ms=1000)
            for tp, records in batch.items():
                for record in records:
                    if record.offset < scan.ends[tp]:
                        _collect(scan, record, keep, since)
            for tp in list(pending):
                if await consumer.position(tp) >= scan.ends[tp]:
                    pending.discard(tp)
    finally:
        await consumer.stop()
    scan.letters.sort(key=lambda x: (x.letter.failed_at, x.partition, x.offset))
    return scan


def _collect(
    scan: Scan, record: ConsumerRecord, keep: Callable[[DeadLetter], bool], since: datetime | None
) -> None:
    try:
        letter = DeadLetter.decode(record.value or b"")
    except ContractError:
        scan.unreadable += 1
        return
    if since is not None and letter.failed_at < since:
        return
    if keep(letter):
        when = datetime.fromtimestamp(record.timestamp / 1000, UTC)
        scan.letters.append(Letter(record.partition, record.offset, when, letter))


def _filter(stage: str, error: str | None) -> Callable[[DeadLetter], bool]:
    return lambda d: d.stage == stage and (error is None or d.error == error)


async def list_letters(
    settings: Settings, stage: str, *, since: datetime | None = None, error: str | None = None
) -> list[Letter]:
    """The stage's dead letters (oldest first), optionally since a time and of one error kind."""
    _check_stage(stage)
    return (await _scan(settings, keep=_filter(stage, error), since=since)).letters


async def replay_marks(settings: Settings, stage: str) -> dict[TopicPartition, int]:
    """How far the stage's letters have been replayed (committed offsets of its replay group)."""
    from shared.kafka import admin_client

    async with admin_client(settings) as admin:
        offsets = await admin.list_consumer_group_offsets(replay_group(stage, settings))
    return {tp: meta.offset for tp, meta in offsets.items() if meta.offset >= 0}


@dataclass(frozen=True)
class ReplayResult:
    stage: str
    target_topic: str
    replayed: int  # letters re-injected (or that would be, with dry_run)
    already_replayed: int  # letters of the stage below the replay mark: left alone
    passed_over: int  # letters above the mark that --since/--error left out: now behind the mark
    letters: list[Letter]
    dry_run: bool
    truncated: list[Letter] = field(default_factory=list)  # only the head of the payload kept: not replayed


async def replay(
    settings: Settings,
    stage: str,
    *,
    since: datetime | None = None,
    error: str | None = None,
    again: bool = False,
    dry_run: bool = False,
) -> ReplayResult:
    """Re-inject the stage's dead letters into its input topic (see the module docstring)."""
    _check_stage(stage)
    marks = {} if again else await replay_marks(settings, stage)
    scan = await _scan(settings, keep=_filter(stage, None))
    topic = DEADLETTER.name(settings)
    fresh = [x for x in scan.letters if x.offset >= marks.get(TopicPartition(topic, x.partition), 0)]
    selected = [
        x
        for x in fresh
        if (since is None or x.letter.failed_at >= since) and (error is None or x.letter.error == error)
    ]
    todo = [x for x in selected if not x.letter.payload_truncated]
    target = STAGE_INPUT[stage].name(settings)
    result = ReplayResult(
        stage=stage,
        target_topic=target,
        replayed=len(todo),
        already_replayed=len(scan.letters) - len(fresh),
        passed_over=len(fresh) - len(todo),
        letters=todo,
        dry_run=dry_run,
        truncated=[x for x in selected if x.letter.payload_truncated],
    )
    if dry_run:
        return result
    if todo:
        async with producer(settings) as prod:
            futures = []
            for item in todo:
                key = item.letter.key.encode("utf-8") if item.letter.key is not None else None
                headers = [(REPLAY_HEADER, f"{topic}:{item.ref}".encode())]
                futures.append(await prod.send(target, item.letter.payload, key=key, headers=headers))
            for fut in futures:
                await fut  # every record acknowledged before the mark moves
    await _move_mark(settings, stage, scan.ends)
    return result


async def _move_mark(settings: Settings, stage: str, ends: dict[TopicPartition, int]) -> None:
    if not ends:
        return
    consumer = AIOKafkaConsumer(
        **client_options(settings), group_id=replay_group(stage, settings), enable_auto_commit=False
    )
    await consumer.start()
    try:
        # Manual assignment, no group membership: the group only stores the replay mark.
        consumer.assign(list(ends))
        await consumer.commit({tp: OffsetAndMetadata(off, "dlq replay") for tp, off in ends.items()})
    finally:
        await consumer.stop()
