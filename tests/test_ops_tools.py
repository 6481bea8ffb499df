"""``wirewatch lag`` and ``wirewatch dlq list|show|replay`` against the real Kafka."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.structs import OffsetAndMetadata

from shared.config import Settings
from shared.contracts import DeadLetter
from shared.durations import parse_since
from shared.kafka import client_options, producer, read_topic
from shared.topics import DEADLETTER, RAW, STAGE_INPUT, consumer_group
from tests.support import REPO, settings_env
from wirewatch.ops.deadletters import REPLAY_HEADER, list_letters, replay, replay_marks
from wirewatch.ops.lag import consumer_lag, total_by_group

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_parse_since_accepts_spans_and_iso_dates() -> None:
    assert parse_since("2h", NOW) == NOW - timedelta(hours=2)
    assert parse_since("30m", NOW) == NOW - timedelta(minutes=30)
    assert parse_since("7d", NOW) == NOW - timedelta(days=7)
    assert parse_since("1w", NOW) == NOW - timedelta(days=7)
    assert parse_since("2026-02-01", NOW) == datetime(2026, 2, 1, tzinfo=UTC)
    assert parse_since("2026-02-01T10:00:00+01:00", NOW) == datetime(2026, 2, 1, 9, 0, tzinfo=UTC)
    assert parse_since(None) is None
    with pytest.raises(ValueError, match="--since"):
        parse_since("yesterday", NOW)


def _cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wirewatch.cli", *args],
        env=settings_env(settings, COLUMNS="200"),
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


async def _produce(settings: Settings, topic: str, records: list[tuple[bytes | None, bytes]]) -> None:
    async with producer(settings) as prod:
        futures = [await prod.send(topic, value, key=key) for key, value in records]
        await asyncio.gather(*futures)


async def _commit(settings: Settings, group: str, offsets: dict[TopicPartition, int]) -> None:
    consumer = AIOKafkaConsumer(**client_options(settings), group_id=group, enable_auto_commit=False)
    await consumer.start()
    try:
        consumer.assign(list(offsets))
        await consumer.commit({tp: OffsetAndMetadata(o, "") for tp, o in offsets.items()})
    finally:
        await consumer.stop()


async def test_lag_counts_backlog_per_partition_and_follows_commits(settings: Settings) -> None:
    raw = RAW.name(settings)
    records: list[tuple[bytes | None, bytes]] = [(f"article-{i}".encode(), b"{}") for i in range(40)]
    await _produce(settings, raw, records)
    group = consumer_group("parser", settings)

    rows = [r for r in await consumer_lag(settings) if r.group == group]
    assert {r.topic for r in rows} == {raw}
    assert len(rows) == settings.topic_partitions  # every partition of the input, never committed
    assert sum(r.lag for r in rows) == 40
    assert all(r.committed is None for r in rows)

    # the group commits the end of two partitions: their lag drops to 0, the others keep theirs
    busy = sorted((r for r in rows if r.end > 0), key=lambda r: r.partition)[:2]
    await _commit(settings, group, {TopicPartition(raw, r.partition): r.end for r in busy})
    after = {r.partition: r for r in await consumer_lag(settings, [group])}
    for r in busy:
        assert after[r.partition].lag == 0 and after[r.partition].committed == r.end
    assert total_by_group(list(after.values()))[group] == 40 - sum(r.end for r in busy)


async def test_lag_cli_prints_json_rows(settings: Settings) -> None:
    await _produce(settings, STAGE_INPUT["classifier"].name(settings), [(b"k", b"{}")] * 3)
    out = await asyncio.to_thread(_cli, settings, "lag", "--json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    classifier = [r for r in rows if r["group"] == consumer_group("classifier", settings)]
    assert sum(r["lag"] for r in classifier) == 3
    assert {r["topic"] for r in classifier} == {STAGE_INPUT["classifier"].name(settings)}


def _letter(stage: str, n: int, failed_at: datetime, error: str = "invalid_contract") -> DeadLetter:
    letter = DeadLetter.wrap(
        stage=stage, error=error, reason=f"broken #{n}", payload=f'{{"n": {n}}}', key=f"id-{stage}-{n}"
    )
    letter.failed_at = failed_at
    return letter


async def _letters(settings: Settings, letters: list[DeadLetter]) -> None:
    records = [(d.key.encode() if d.key else None, d.encode()) for d in letters]
    await _produce(settings, DEADLETTER.name(settings), records)


async def test_dlq_list_filters_by_stage_since_and_error(settings: Settings) -> None:
    now = datetime.now(UTC)
    await _letters(
        settings,
        [
            _letter("parser", 1, now - timedelta(days=3)),
            _letter("parser", 2, now - timedelta(minutes=5), error="timeout"),
            _letter("parser", 3, now - timedelta(minutes=1)),
            _letter("classifier", 4, now),
        ],
    )
    await _produce(settings, DEADLETTER.name(settings), [(None, b"not a dead letter")])
    parser = await list_letters(settings, "parser")
    assert [x.letter.key for x in parser] == ["id-parser-1", "id-parser-2", "id-parser-3"]
    recent = await list_letters(settings, "parser", since=parse_since("1h"))
    assert [x.letter.key for x in recent] == ["id-parser-2", "id-parser-3"]
    timeouts = await list_letters(settings, "parser", error="timeout")
    assert [x.letter.key for x in timeouts] == ["id-parser-2"]
    assert [x.letter.key for x in await list_letters(settings, "classifier")] == ["id-classifier-4"]

    out = await asyncio.to_thread(_cli, settings, "dlq", "show", "--stage", "parser", "--error", "timeout")
    assert out.returncode == 0, out.stderr
    shown = json.loads(out.stdout)
    assert shown["key"] == "id-parser-2" and shown["payload"] == '{"n": 2}' and shown["error"] == "timeout"
    listed = await asyncio.to_thread(_cli, settings, "dlq", "list", "--stage", "parser")
    assert listed.returncode == 0, listed.stderr
    assert "id-parser-3" in listed.stdout and "id-classifier-4" not in listed.stdout
    bad = await asyncio.to_thread(_cli, settings, "dlq", "list", "--stage", "nope")
    assert bad.returncode != 0


async def test_dlq_replay_reinjects_payloads_with_keys_once(settings: Settings) -> None:
    now = datetime.now(UTC)
    target = STAGE_INPUT["parser"].name(settings)
    await _letters(settings, [_letter("parser", i, now) for i in range(5)] + [_letter("classifier", 9, now)])

    dry = await replay(settings, "parser", dry_run=True)
    assert dry.replayed == 5 and dry.dry_run
    assert await read_topic(settings, target) == []
    assert await replay_marks(settings, "parser") == {}

    first = await replay(settings, "parser")
    assert first.replayed == 5 and first.already_replayed == 0
    records = await read_topic(settings, target)
    assert sorted((r.key, r.value) for r in records) == sorted(
        (f"id-parser-{i}".encode(), f'{{"n": {i}}}'.encode()) for i in range(5)
    )
    assert all(dict(r.headers)[REPLAY_HEADER].startswith(DEADLETTER.name(settings).encode()) for r in records)
    assert await read_topic(settings, STAGE_INPUT["classifier"].name(settings)) == []

    # a second replay finds nothing new: no duplicates by accident
    second = await replay(settings, "parser")
    assert second.replayed == 0 and second.already_replayed == 5
    assert len(await read_topic(settings, target)) == 5

    # a letter that arrives later (e.g. failed again after the fix) is replayed by the next run
    await _letters(settings, [_letter("parser", 7, datetime.now(UTC))])
    third = await replay(settings, "parser")
    assert third.replayed == 1 and [x.letter.key for x in third.letters] == ["id-parser-7"]
    assert len(await read_topic(settings, target)) == 6

    # --again ignores the mark: a deliberate re-replay, bounded by --since
    again = await replay(settings, "parser", again=True, since=now - timedelta(minutes=1))
    assert again.replayed == 6
    assert len(await read_topic(settings, target)) == 12


async def test_dlq_replay_since_passes_over_older_letters_and_cli_reports_counts(settings: Settings) -> None:
    now = datetime.now(UTC)
    await _letters(
        settings,
        [
            _letter("indexer", 1, now - timedelta(days=2)),
            _letter("indexer", 2, now),
            _letter("indexer", 3, now),
        ],
    )
    out = await asyncio.to_thread(_cli, settings, "dlq", "replay", "--stage", "indexer", "--since", "1h")
    assert out.returncode == 0, out.stderr
    assert f"replayed 2 dead letter(s) of indexer into {STAGE_INPUT['indexer'].name(settings)}" in out.stdout
    assert "passed over 1" in out.stdout
    target = await read_topic(settings, STAGE_INPUT["indexer"].name(settings))
    assert sorted(r.key for r in target) == [b"id-indexer-2", b"id-indexer-3"]
    out = await asyncio.to_thread(_cli, settings, "dlq", "replay", "--stage", "indexer")
    assert "replayed 0 dead letter(s)" in out.stdout and "skipped 3 already replayed" in out.stdout
