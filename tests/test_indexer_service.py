"""``wirewatch indexer`` as a real subprocess on the real Kafka and Elasticsearch.

* rejected documents and invalid records go to the dead-letter topic, the rest is indexed;
* SIGKILL mid-run, restart: no article lost, none duplicated;
* a network outage between the indexer and Elasticsearch (a TCP proxy we cut and restore):
  the indexer waits, commits nothing it has not indexed, and catches up.
"""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from services.indexer.settings import IndexerSettings
from shared.config import Settings
from shared.contracts import ClassifiedArticle, DeadLetter
from shared.kafka import admin_client, wait_for_records
from shared.topics import DEADLETTER, GROUPED, consumer_group
from tests.indexer_helpers import (
    TcpProxy,
    count_docs,
    distinct_ids,
    es_client,
    make_article,
    produce,
    produce_articles,
    wait_count,
)
from tests.support import ServiceProcess, free_port, settings_env


def _indexer(settings: Settings, tmp_path: Path, name: str, **opts: Any) -> ServiceProcess:
    port = free_port()
    svc_settings = settings.model_copy(update={"web_port": port, "web_host": "127.0.0.1"})
    env = settings_env(svc_settings, IndexerSettings(**opts))
    return ServiceProcess(["indexer"], env, tmp_path / f"{name}.log", web_port=port)


async def _committed(settings: Settings) -> int:
    """Sum of the indexer group's committed offsets on its input topic (grouped)."""
    async with admin_client(settings) as admin:
        offsets = await admin.list_consumer_group_offsets(consumer_group("indexer", settings))
    topic = GROUPED.name(settings)
    return sum(max(meta.offset, 0) for tp, meta in offsets.items() if tp.topic == topic)


async def _wait_healthy(proc: ServiceProcess) -> None:
    await asyncio.to_thread(proc.wait_healthy, 120.0)


async def test_rejected_and_invalid_records_are_dead_lettered(settings: Settings, tmp_path: Path) -> None:
    good = [make_article(n) for n in range(30)]
    too_big = make_article(100, word_count=3_000_000_000)  # valid contract, ES `integer` rejects it
    records: list[tuple[bytes | None, bytes]] = [(a.id.encode(), a.encode()) for a in good[:15]]
    records.append((too_big.id.encode(), too_big.encode()))
    records.append((b"broken", b'{"id": "x", "not": "an article"}'))
    records += [(a.id.encode(), a.encode()) for a in good[15:]]
    await produce(settings, records)

    proc = _indexer(settings, tmp_path, "indexer", batch_size=50, batch_seconds=0.5).start()
    try:
        await _wait_healthy(proc)
        async with es_client(settings) as es:
            assert await wait_count(es, settings.index_alias, 30) == 30
            letters = [
                DeadLetter.decode(r.value)
                for r in await wait_for_records(settings, DEADLETTER.name(settings), 2, timeout=60)
            ]
            by_error = {letter.error: letter for letter in letters}
            assert set(by_error) == {"es_rejected", "invalid_contract"}
            rejected = by_error["es_rejected"]
            assert rejected.stage == "indexer" and rejected.key == too_big.id
            assert "word_count" in rejected.reason
            assert ClassifiedArticle.decode(rejected.payload).id == too_big.id  # original bytes kept
            assert rejected.source_topic == GROUPED.name(settings) and rejected.offset is not None
            assert by_error["invalid_contract"].payload == b'{"id": "x", "not": "an article"}'
            assert not await es.exists(index=f"{settings.index_alias}-*", id=too_big.id)
            # everything, the dead-lettered records included, is eventually committed
            for _ in range(60):
                if await _committed(settings) == len(records):
                    break
                await asyncio.sleep(0.5)
            assert await _committed(settings) == len(records)
    finally:
        proc.stop()


async def test_sigkill_mid_run_loses_and_duplicates_nothing(settings: Settings, tmp_path: Path) -> None:
    total = 2000
    articles = [make_article(n) for n in range(total)]
    await produce_articles(settings, articles)
    opts = {"batch_size": 25, "batch_seconds": 0.2, "session_timeout_seconds": 8}
    first = _indexer(settings, tmp_path, "first", **opts).start()
    async with es_client(settings) as es:
        try:
            await _wait_healthy(first)
            seen = await wait_count(es, settings.index_alias, 200, timeout=120)
            first.stop(signal.SIGKILL)
        finally:
            first.stop(signal.SIGKILL)
        at_kill = await count_docs(es, settings.index_alias)
        committed_at_kill = await _committed(settings)
        assert seen <= at_kill < total, "the indexer finished before it could be killed"
        # nothing committed that Elasticsearch had not acknowledged
        assert committed_at_kill <= at_kill

        second = _indexer(settings, tmp_path, "second", **opts).start()
        try:
            await _wait_healthy(second)
            assert await wait_count(es, settings.index_alias, total, timeout=180) == total
            await asyncio.sleep(2)  # anything redelivered after the count was reached lands now
            assert await count_docs(es, settings.index_alias) == total
            assert await distinct_ids(es, settings.index_alias) == total
            found = await es.mget(
                index=f"{settings.index_alias}-2026.10", ids=[a.id for a in articles[:50]], source=False
            )
            assert all(d["found"] for d in found["docs"])
        finally:
            second.stop()


async def test_elasticsearch_outage_pauses_indexing_and_it_catches_up(
    settings: Settings, tmp_path: Path
) -> None:
    es_url = urlparse(settings.elasticsearch_url)
    proxy = TcpProxy(es_url.hostname or "127.0.0.1", es_url.port or 9200).start()
    through_proxy = settings.model_copy(update={"elasticsearch_url": f"http://127.0.0.1:{proxy.port}"})
    opts = {"batch_size": 50, "batch_seconds": 0.3, "retry_initial_seconds": 0.2, "retry_max_seconds": 1.0}
    proc = _indexer(through_proxy, tmp_path, "indexer", **opts).start()
    try:
        async with es_client(settings) as es:
            await _wait_healthy(proc)
            await produce_articles(settings, (make_article(n) for n in range(200)))
            assert await wait_count(es, settings.index_alias, 200) == 200

            proxy.cut()  # the network between the indexer and Elasticsearch is gone
            await produce_articles(settings, (make_article(n) for n in range(200, 600)))
            for _ in range(12):  # the indexer keeps consuming attempts; it must not commit past ES
                await asyncio.sleep(0.5)
                assert proc.alive()
                assert await _committed(settings) <= await count_docs(es, settings.index_alias)
            assert await count_docs(es, settings.index_alias) == 200

            proxy.restore()
            assert await wait_count(es, settings.index_alias, 600, timeout=120) == 600
            assert await distinct_ids(es, settings.index_alias) == 600
            for _ in range(60):
                if await _committed(settings) == 600:
                    break
                await asyncio.sleep(0.5)
            assert await _committed(settings) == 600
            assert "Elasticsearch bulk indexing failing" in proc.output()
    finally:
        proc.stop()
        proxy.close()


async def test_graceful_stop_during_an_outage_commits_nothing_unindexed(
    settings: Settings, tmp_path: Path
) -> None:
    """SIGTERM while a batch is being retried: the worker stops without committing that batch
    (its events were never acked), and the next run indexes it."""
    es_url = urlparse(settings.elasticsearch_url)
    proxy = TcpProxy(es_url.hostname or "127.0.0.1", es_url.port or 9200).start()
    through_proxy = settings.model_copy(update={"elasticsearch_url": f"http://127.0.0.1:{proxy.port}"})
    opts = {
        "batch_size": 50,
        "batch_seconds": 0.3,
        "retry_initial_seconds": 0.2,
        "retry_max_seconds": 1.0,
        "session_timeout_seconds": 8,
    }
    # the batch being retried holds faust's "wait for streams" until the shutdown deadline (25 s by
    # default; the same exit path after 5 s), so the stop is bounded by this setting, not by the test
    held = through_proxy.model_copy(update={"shutdown_timeout": 5.0})
    first = _indexer(held, tmp_path, "first", **opts).start()
    try:
        async with es_client(settings) as es:
            await _wait_healthy(first)
            await produce_articles(settings, (make_article(n) for n in range(100)))
            assert await wait_count(es, settings.index_alias, 100) == 100
            proxy.cut()
            await produce_articles(settings, (make_article(n) for n in range(100, 300)))
            for _ in range(120):  # until the indexer has met the outage
                if "Elasticsearch bulk indexing failing" in first.output():
                    break
                await asyncio.sleep(0.25)
            assert "Elasticsearch bulk indexing failing" in first.output()
            assert first.stop(signal.SIGTERM) is not None
            assert await _committed(settings) <= await count_docs(es, settings.index_alias) == 100

            proxy.restore()
            second = _indexer(through_proxy, tmp_path, "second", **opts).start()
            try:
                await _wait_healthy(second)
                assert await wait_count(es, settings.index_alias, 300, timeout=180) == 300
                assert await distinct_ids(es, settings.index_alias) == 300
            finally:
                second.stop()
    finally:
        first.stop()
        proxy.close()


async def _wait_output(proc: ServiceProcess, text: str, times: int = 1, timeout: float = 90.0) -> None:
    for _ in range(int(timeout / 0.25)):
        if proc.output().count(text) >= times:
            return
        await asyncio.sleep(0.25)
    raise TimeoutError(f"{text!r} not seen {times} times in {proc.args} output")


async def test_rebalances_between_replicas_lose_nothing(settings: Settings, tmp_path: Path) -> None:
    """Articles keep coming while a second replica joins and then the first one leaves (two
    rebalances mid-stream): every article is indexed, once, and every offset is committed."""
    waves, per_wave = 40, 100
    total = waves * per_wave
    assigned = "_on_partitions_assigned"

    async def feed() -> None:
        for wave in range(waves):
            start = wave * per_wave
            await produce_articles(settings, (make_article(n) for n in range(start, start + per_wave)))
            await asyncio.sleep(0.25)

    opts = {"batch_size": 25, "batch_seconds": 0.2, "session_timeout_seconds": 8}
    first = _indexer(settings, tmp_path, "first", **opts).start()
    second = _indexer(settings, tmp_path, "second", **opts)
    try:
        async with es_client(settings) as es:
            await _wait_healthy(first)
            await _wait_output(first, assigned)
            producing = asyncio.create_task(feed())
            await wait_count(es, settings.index_alias, 200, timeout=120)
            second.start()
            await _wait_output(second, assigned)  # the group now has two members
            await _wait_output(first, assigned, times=2)
            at_join = await count_docs(es, settings.index_alias)
            await wait_count(es, settings.index_alias, at_join + 200)
            first.stop()  # graceful: its partitions move to the second replica
            await _wait_output(second, assigned, times=2)
            await producing
            assert at_join < total, "everything was indexed before the second replica joined"
            assert await wait_count(es, settings.index_alias, total, timeout=180) == total
            assert await distinct_ids(es, settings.index_alias) == total
            for _ in range(60):
                if await _committed(settings) == total:
                    break
                await asyncio.sleep(0.5)
            assert await _committed(settings) == total
    finally:
        first.stop()
        second.stop()
