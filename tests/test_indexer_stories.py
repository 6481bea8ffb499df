"""Story summaries (``<alias>.stories``) written by the bulk indexer, on the real local Elasticsearch:
totals per story, each report counted once across redeliveries and concurrent indexers, the id
bound, and the search API reading them."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from elasticsearch import AsyncElasticsearch

from services.api import query as s
from services.indexer import index as idx
from services.indexer import stories
from services.indexer.bulk import BulkIndexer
from services.indexer.settings import IndexerSettings
from shared.config import Settings
from shared.contracts import ClassifiedArticle
from tests.indexer_helpers import BASE_DATE, es_client, make_article

STORY_A, STORY_B = "s-aaaaaaaaaaaaaaaa", "s-bbbbbbbbbbbbbbbb"


def _reports() -> list[ClassifiedArticle]:
    return [
        make_article(1, story_id=STORY_A, lang="en", source="Wire One", published=BASE_DATE,
                     title="Nexora licenses the Ledger's archive"),
        make_article(2, story_id=STORY_A, lang="fr", source="Le Quotidien",
                     published=BASE_DATE + timedelta(hours=3), title="Nexora obtient une licence"),
        make_article(3, story_id=STORY_A, lang="ar", source="Wire One",
                     published=BASE_DATE - timedelta(hours=2), title="نيكسورا تحصل على ترخيص"),
        make_article(4, story_id=STORY_B, lang="de", source="Tagesblatt", title="Nexora sammelt Geld ein"),
        make_article(5, story_id=None, title="Indexed before stories existed"),
    ]  # fmt: skip


async def _summaries(es: AsyncElasticsearch, alias: str) -> dict[str, dict[str, Any]]:
    return await stories.get(es, alias, [STORY_A, STORY_B])


async def test_summaries_count_every_report_once(settings: Settings) -> None:
    async with es_client(settings) as es:
        setup = await idx.setup(es, settings.index_alias)
        assert setup["stories_index"] == f"{settings.index_alias}.stories"
        reports = _reports()
        bulk = BulkIndexer(es, settings.index_alias, IndexerSettings())
        first = await bulk.index(reports)
        assert first.indexed == 5 and first.stories == 2  # two summaries; a report without story_id has none
        found = await _summaries(es, settings.index_alias)
        a, b = found[STORY_A], found[STORY_B]
        assert a["reports"] == 3 and a["langs"] == {"en": 1, "fr": 1, "ar": 1}
        assert sorted(a["sources"]) == ["Le Quotidien", "Wire One"]
        assert a["first_seen"].startswith((BASE_DATE - timedelta(hours=2)).strftime("%Y-%m-%dT%H"))
        assert a["last_seen"].startswith((BASE_DATE + timedelta(hours=3)).strftime("%Y-%m-%dT%H"))
        assert a["headline"] == "Nexora obtient une licence"  # the newest report's
        assert b["reports"] == 1 and b["langs"] == {"de": 1}

        # a redelivered batch, and two indexers writing the same new report at once: counted once
        await bulk.index(reports)
        late = make_article(6, story_id=STORY_A, lang="es", source="Diario",
                            published=BASE_DATE + timedelta(hours=1), title="Nexora firma")  # fmt: skip
        other = BulkIndexer(es, settings.index_alias, IndexerSettings())
        await asyncio.gather(bulk.index([late]), other.index([late]), other.index(reports[:2]))
        again = (await _summaries(es, settings.index_alias))[STORY_A]
        assert again["reports"] == 4 and again["langs"] == {"en": 1, "fr": 1, "ar": 1, "es": 1}
        assert again["headline"] == "Nexora obtient une licence"  # the Spanish report is not the newest

        # the search API's story rows carry the stored totals beside the matching reports' count
        await es.indices.refresh(index=idx.index_pattern(settings.index_alias))
        rows = await s.search_stories(es, settings.index_alias, s.SearchRequest(text="Nexora", langs=["fr"]))
        (row,) = [r for r in rows.stories if r.story_id == STORY_A]
        assert row.reports == 1 and row.summary is not None and row.summary["reports"] == 4
        assert row.to_json()["summary"]["langs"]["es"] == 1

    async with es_client(settings, cleanup=False) as es:  # delete_all took the summaries too
        assert not await es.indices.exists(index=stories.stories_index(settings.index_alias))


async def test_the_id_bound_keeps_counting(settings: Settings) -> None:
    opts = IndexerSettings(story_max_report_ids=2)
    async with es_client(settings) as es:
        await idx.setup(es, settings.index_alias)
        reports = _reports()[:3]
        await BulkIndexer(es, settings.index_alias, opts).index(reports)
        res = await es.get(index=stories.stories_index(settings.index_alias), id=STORY_A)
        assert res["_source"]["reports"] == 3 and len(res["_source"]["report_ids"]) == 2
        assert res["_source"]["ids_capped"] is True
        await BulkIndexer(es, settings.index_alias, opts).index(reports[:2])  # ids it kept: noops
        res = await es.get(index=stories.stories_index(settings.index_alias), id=STORY_A)
        assert res["_source"]["reports"] == 3


async def test_summaries_can_be_switched_off(settings: Settings) -> None:
    async with es_client(settings) as es:
        await idx.setup(es, settings.index_alias)
        result = await BulkIndexer(es, settings.index_alias, IndexerSettings(stories=False)).index(_reports())
        assert result.indexed == 5 and result.stories == 0
        assert await _summaries(es, settings.index_alias) == {}


async def test_concurrent_writers_of_one_story_lose_no_report(settings: Settings) -> None:
    """Ten writers each count a different report of one story at once: every write made on a stale
    read is refused (409) and made again, so the summary ends with all ten."""
    async with es_client(settings) as es:
        await idx.setup(es, settings.index_alias)
        docs = [
            idx.document(make_article(100 + i, story_id=STORY_A, lang=("en", "fr")[i % 2])) for i in range(10)
        ]
        results = await asyncio.gather(
            *(stories.apply(es, settings.index_alias, [d], max_ids=100, max_sources=10) for d in docs)
        )
        assert all(written == 1 and not refused for written, refused in results)
        got = (await _summaries(es, settings.index_alias))[STORY_A]
        assert got["reports"] == 10 and got["langs"] == {"en": 5, "fr": 5}
        again = await stories.apply(es, settings.index_alias, docs, max_ids=100, max_sources=10)
        assert again == (0, [])  # all counted: nothing written


async def test_a_deleted_summaries_index_comes_back_with_its_mapping(settings: Settings) -> None:
    """Deleted while the indexer runs: the next write creates it from its strict mapping, never lets
    Elasticsearch auto-create it with dynamic fields."""
    async with es_client(settings) as es:
        await idx.setup(es, settings.index_alias)
        name = stories.stories_index(settings.index_alias)
        await es.indices.delete(index=name)
        await BulkIndexer(es, settings.index_alias, IndexerSettings()).index(_reports()[:2])
        mapping = (await es.indices.get_mapping(index=name))[name]["mappings"]
        assert mapping["dynamic"] == "strict" and mapping["properties"]["story_id"]["type"] == "keyword"
        assert (await _summaries(es, settings.index_alias))[STORY_A]["reports"] == 2


def test_first_and_last_seen_compare_instants_not_offsets() -> None:
    reports = [
        {"id": "a", "story_id": STORY_A, "published": "2026-10-15T01:00:00+00:00", "title": "older"},
        {"id": "b", "story_id": STORY_A, "published": "2026-10-14T23:00:00-05:00", "title": "newer"},  # 04Z
    ]
    merged = stories.merge(None, reports, max_ids=10, max_sources=10)
    assert merged is not None
    assert merged["first_seen"] == "2026-10-15T01:00:00+00:00"
    assert merged["last_seen"] == "2026-10-15T04:00:00+00:00" and merged["headline"] == "newer"
    assert stories.merge(merged, reports, max_ids=10, max_sources=10) is None  # both counted already
