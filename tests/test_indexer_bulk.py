"""BulkIndexer and the index design against the real local Elasticsearch."""

from __future__ import annotations

from datetime import UTC, datetime

from services.indexer import index as idx
from services.indexer.bulk import BulkIndexer
from services.indexer.settings import IndexerSettings
from shared.config import Settings
from tests.indexer_helpers import count_docs, es_client, make_article


async def test_setup_is_idempotent_and_the_alias_reads_every_month(settings: Settings) -> None:
    alias = settings.index_alias
    async with es_client(settings) as es:
        first = await idx.setup(es, alias)
        second = await idx.setup(es, alias)
        assert first["created"] is True and second["created"] is False
        bulk = BulkIndexer(es, alias, IndexerSettings())
        articles = [
            make_article(1, published=datetime(2025, 3, 2, tzinfo=UTC)),
            make_article(2, published=datetime(2026, 7, 30, 23, 59, tzinfo=UTC)),
            make_article(3, published=None, fetched_at=datetime(2024, 12, 31, 12, tzinfo=UTC)),
        ]
        result = await bulk.index(articles)
        assert result.indexed == 3 and not result.rejected
        aliases = await es.indices.get_alias(name=alias)
        assert {f"{alias}-2025.03", f"{alias}-2026.07", f"{alias}-2024.12"} <= set(aliases.body)
        assert await count_docs(es, alias) == 3
        mapping = await es.indices.get_mapping(index=f"{alias}-2025.03")
        props = mapping[f"{alias}-2025.03"]["mappings"]["properties"]
        assert props["search_text"]["type"] == "text" and props["orgs"]["type"] == "keyword"
        assert props["tag_scores"]["properties"]["licensing"]["type"] == "float"
        doc = await es.get(index=f"{alias}-2024.12", id=articles[2].id)
        assert doc["_source"]["date_source"] == "fetched"


async def test_redelivery_keeps_one_document_and_a_new_version_replaces_it(settings: Settings) -> None:
    alias = settings.index_alias
    async with es_client(settings) as es:
        await idx.setup(es, alias)
        bulk = BulkIndexer(es, alias, IndexerSettings())
        article = make_article(7)
        await bulk.index([article])
        await bulk.index([article])  # redelivered event
        assert await count_docs(es, alias) == 1

        changed = article.model_copy(update={"title": "Licensing deal, updated", "orgs": ["OpenAI", "Axel"]})
        await bulk.index([changed])
        assert await count_docs(es, alias) == 1
        doc = await es.get(index=idx.index_for(alias, article), id=article.id)
        assert doc["_source"]["title"] == "Licensing deal, updated"
        assert doc["_source"]["orgs"] == ["OpenAI", "Axel"]
        assert doc["_version"] == 3


async def test_an_article_whose_date_changed_moves_to_its_new_month(settings: Settings) -> None:
    alias = settings.index_alias
    async with es_client(settings) as es:
        await idx.setup(es, alias)
        bulk = BulkIndexer(es, alias, IndexerSettings())
        article = make_article(9, published=datetime(2026, 9, 30, tzinfo=UTC))
        await bulk.index([article])
        await count_docs(es, alias)  # refresh: the older copy is searchable
        redated = article.model_copy(update={"published": datetime(2026, 10, 2, tzinfo=UTC)})
        result = await bulk.index([redated])
        assert result.moved == 1
        assert await count_docs(es, alias) == 1
        assert await es.exists(index=f"{alias}-2026.10", id=article.id)
        assert not await es.exists(index=f"{alias}-2026.09", id=article.id)


async def test_a_document_elasticsearch_rejects_does_not_stop_the_rest(settings: Settings) -> None:
    alias = settings.index_alias
    async with es_client(settings) as es:
        await idx.setup(es, alias)
        bulk = BulkIndexer(es, alias, IndexerSettings())
        articles = [make_article(n) for n in range(5)]
        # Valid for the contract (word_count is an int), out of range for the `integer` mapping.
        articles[2] = make_article(2, word_count=3_000_000_000)
        result = await bulk.index(articles)
        assert result.indexed == 4
        assert len(result.rejected) == 1
        rejection = result.rejected[0]
        assert rejection.position == 2 and rejection.article_id == articles[2].id
        assert rejection.status == 400
        assert "word_count" in rejection.reason
        assert await count_docs(es, alias) == 4
