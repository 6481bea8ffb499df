"""Two indexers setting up one alias at once: one creates the month's index, the other finds it
created (Elasticsearch's typed ``resource_already_exists_exception``) and carries on."""

from __future__ import annotations

import asyncio

from services.indexer.index import setup
from shared.config import Settings
from tests.indexer_helpers import es_client


async def test_concurrent_setups_both_succeed(settings: Settings) -> None:
    async with es_client(settings) as es:
        results = await asyncio.gather(*(setup(es, settings.index_alias) for _ in range(4)))
        assert sum(r["created"] for r in results) <= 1
        assert len({r["current_index"] for r in results}) == 1
        assert await es.indices.exists(index=results[0]["current_index"])
