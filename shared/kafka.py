"""aiokafka helpers: client options, idempotent topic creation, producing, reading a topic.

The services run on faust (``shared.runtime.streaming``); these helpers serve the tools (``wirewatch
topics``, ``dlq``, ``lag``, ``feeds``), the benchmarks and the tests.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from shared.config import Settings
from shared.kafka_security import aiokafka_options
from shared.topics import CREATED_TOPICS, TopicSpec

log = logging.getLogger(__name__)


def client_options(settings: Settings) -> dict[str, Any]:
    """Bootstrap servers plus the security options of ``shared.kafka_security`` (TLS, SASL)."""
    return {"bootstrap_servers": settings.kafka_bootstrap, **aiokafka_options(settings)}


@dataclass(frozen=True)
class TopicResult:
    name: str
    partitions: int
    created: bool


@asynccontextmanager
async def admin_client(settings: Settings) -> AsyncIterator[AIOKafkaAdminClient]:
    admin = AIOKafkaAdminClient(**client_options(settings), request_timeout_ms=15000)
    try:
        await admin.start()  # a refused login or certificate fails here: close what was opened
        yield admin
    finally:
        await admin.close()


async def create_topics(
    settings: Settings, specs: Iterable[TopicSpec] = CREATED_TOPICS, partitions: int | None = None
) -> list[TopicResult]:
    """Create the topics that do not exist yet; existing ones are left as they are.

    By default: the pipeline's topics and every faust table's changelog (``shared.topics``).
    ``partitions`` replaces the configured default partition count; a topic with a fixed count
    (the grouper's one-partition queue) and the changelogs co-partitioned with it keep theirs.
    """
    results: list[TopicResult] = []
    counted = settings if partitions is None else settings.model_copy(update={"topic_partitions": partitions})
    async with admin_client(settings) as admin:
        existing = set(await admin.list_topics())
        wanted = []
        for spec in specs:
            name = spec.name(settings)
            count = spec.partition_count(counted)
            if name in existing:
                results.append(TopicResult(name, count, created=False))
                continue
            wanted.append(
                NewTopic(name, count, settings.topic_replication, topic_configs=spec.topic_configs())
            )
            results.append(TopicResult(name, count, created=True))
        for topic in wanted:  # one by one, so that a concurrent creator only costs us an "exists"
            try:
                await admin.create_topics([topic])
            except TopicAlreadyExistsError:
                results = [
                    TopicResult(r.name, r.partitions, False) if r.name == topic.name else r for r in results
                ]
        if wanted:
            await _wait_for_metadata(admin, [t.name for t in wanted])
    return results


async def _wait_for_metadata(admin: AIOKafkaAdminClient, names: list[str], timeout: float = 30.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        described = await admin.describe_topics(names)
        if all(d.get("error_code", 0) == 0 and d.get("partitions") for d in described):
            return
        await asyncio.sleep(0.2)
    raise TimeoutError(f"topics {names} not visible in metadata after {timeout}s")


@asynccontextmanager
async def producer(settings: Settings, **overrides: Any) -> AsyncIterator[AIOKafkaProducer]:
    opts: dict[str, Any] = {
        **client_options(settings),
        "acks": "all",
        "enable_idempotence": True,
        "compression_type": "lz4",
        "max_request_size": 8 * 1024 * 1024,
        "linger_ms": 5,
    }
    opts.update(overrides)
    prod = AIOKafkaProducer(**opts)
    try:
        await prod.start()  # a refused login or certificate fails here: stop what was opened
        yield prod
    finally:
        await prod.stop()


async def topic_partitions(consumer: AIOKafkaConsumer, topic: str) -> list[TopicPartition]:
    """The partitions of ``topic``, refreshing the consumer's metadata once when it has none yet."""
    parts = consumer.partitions_for_topic(topic)
    if not parts:
        await consumer._client.force_metadata_update()  # aiokafka has no public refresh
        parts = consumer.partitions_for_topic(topic) or set()
    return [TopicPartition(topic, p) for p in sorted(parts)]


async def end_offsets(settings: Settings, topic: str) -> dict[int, int]:
    consumer = AIOKafkaConsumer(**client_options(settings), enable_auto_commit=False)
    await consumer.start()
    try:
        tps = await topic_partitions(consumer, topic)
        ends = await consumer.end_offsets(tps) if tps else {}
        return {tp.partition: off for tp, off in ends.items()}
    finally:
        await consumer.stop()


async def read_topic(settings: Settings, topic: str, *, timeout: float = 30.0) -> list[ConsumerRecord]:
    """Every record currently in ``topic``, from the beginning up to the end offsets seen at the start."""
    # earliest: with the default (latest) a reset racing seek_to_beginning could skip every record
    consumer = AIOKafkaConsumer(
        **client_options(settings),
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    await consumer.start()
    try:
        tps = await topic_partitions(consumer, topic)
        if not tps:
            return []
        consumer.assign(tps)
        ends = await consumer.end_offsets(tps)
        await consumer.seek_to_beginning(*tps)
        pending = {tp for tp in tps if ends[tp] > 0}
        for tp in tps:
            if tp in pending and await consumer.position(tp) >= ends[tp]:
                pending.discard(tp)
        out: list[ConsumerRecord] = []
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while pending and loop.time() < deadline:
            batch = await consumer.getmany(*pending, timeout_ms=500)
            for tp, records in batch.items():
                out.extend(r for r in records if r.offset < ends[tp])
                if await consumer.position(tp) >= ends[tp]:
                    pending.discard(tp)
        if pending:
            raise TimeoutError(f"could not read {topic} to its end within {timeout}s")
        return out
    finally:
        await consumer.stop()


async def wait_for_records(
    settings: Settings, topic: str, count: int, *, timeout: float = 60.0
) -> list[ConsumerRecord]:
    """Poll ``topic`` until it holds at least ``count`` records (tests and tools)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    records: list[ConsumerRecord] = []
    while loop.time() < deadline:
        records = await read_topic(settings, topic)
        if len(records) >= count:
            return records
        await asyncio.sleep(0.5)
    raise TimeoutError(f"{topic}: {len(records)} records after {timeout}s, wanted {count}")
