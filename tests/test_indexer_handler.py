"""The indexer's handler and declaration without Kafka (on the real Elasticsearch): one outcome per
article in order, rejected documents as ``Reject(es_rejected)``, idempotent re-runs, and a bulk
that waits through an outage instead of answering."""

from __future__ import annotations

import asyncio
from urllib.parse import urlparse

from services.indexer import index as idx
from services.indexer.bulk import BulkIndexer
from services.indexer.service import AGENT, IndexBatch, IndexerError, IndexSetup, unit
from services.indexer.settings import IndexerSettings
from shared.config import Settings
from shared.elastic import make_client
from shared.runtime import Reject
from shared.topics import GROUPED
from tests.indexer_helpers import TcpProxy, count_docs, es_client, make_article


async def test_the_unit_is_a_sink_stage_with_its_setup_task(settings: Settings) -> None:
    opts = IndexerSettings(_env_file=None, batch_size=123, batch_seconds=0.7)
    es = make_client(settings)
    try:
        u = unit(settings, opts, es)
        (stage,) = u.stages
        assert stage.sink and stage.input is GROUPED and stage.agent == AGENT
        assert (stage.batch_size, stage.batch_wait, stage.offload) == (123, 0.7, "loop")
        assert len(u.tasks) == 1 and isinstance(u.tasks[0], IndexSetup) and len(u.readiness) == 1
    finally:
        await es.close()


async def test_one_outcome_per_article_in_order_and_rejections_carry_the_reason(settings: Settings) -> None:
    async with es_client(settings) as es:
        setup = IndexSetup(es, settings.index_alias, IndexerSettings(), 60.0)
        await setup()
        assert setup.ready.is_set()
        handler = IndexBatch(BulkIndexer(es, settings.index_alias, IndexerSettings()), setup.ready)
        batch = [make_article(1), make_article(2, word_count=3_000_000_000), make_article(3)]
        for _ in range(2):  # a redelivered batch: the same documents again, none added
            outcomes = await handler(batch)
            assert outcomes[0] == () and outcomes[2] == ()
            rejected = outcomes[1]
            assert isinstance(rejected, Reject)
            assert rejected.error == IndexerError.ES_REJECTED and rejected.error == "es_rejected"
            assert rejected.reason.startswith("Elasticsearch 400 ") and "word_count" in rejected.reason
            assert await count_docs(es, settings.index_alias) == 2


async def test_a_bulk_waits_through_an_elasticsearch_outage_and_then_answers(settings: Settings) -> None:
    es_url = urlparse(settings.elasticsearch_url)
    proxy = TcpProxy(es_url.hostname or "127.0.0.1", es_url.port or 9200).start()
    proxied = make_client(settings.model_copy(update={"elasticsearch_url": f"http://127.0.0.1:{proxy.port}"}))
    opts = IndexerSettings(
        _env_file=None, retry_initial_seconds=0.1, retry_max_seconds=0.5, request_timeout=5
    )
    try:
        async with es_client(settings) as es:
            await idx.setup(es, settings.index_alias)
            bulk = BulkIndexer(proxied, settings.index_alias, opts)
            handler = IndexBatch(bulk)
            proxy.cut()
            task = asyncio.create_task(handler([make_article(n) for n in range(20)]))
            loop = asyncio.get_running_loop()
            deadline = loop.time() + 120
            for _ in range(1200):  # until it failed, and is trying again
                if bulk.retries_total >= 2 or loop.time() > deadline:
                    break
                await asyncio.sleep(0.1)
            assert bulk.retries_total >= 2 and not task.done()  # waiting: no answer, no exception
            assert await count_docs(es, settings.index_alias) == 0
            proxy.restore()
            outcomes = await asyncio.wait_for(task, 120)
            assert outcomes == [()] * 20
            assert await count_docs(es, settings.index_alias) == 20
    finally:
        await proxied.close()
        proxy.close()
