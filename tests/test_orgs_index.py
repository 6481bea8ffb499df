"""org_mentions end to end through the real local Elasticsearch: classified, indexed, searchable."""

from __future__ import annotations

from datetime import UTC, datetime

from services.classifier.engine import Classifier
from services.indexer import index as idx
from services.indexer.bulk import BulkIndexer
from services.indexer.settings import IndexerSettings
from shared.config import Settings
from shared.contracts import ParsedArticle
from tests.indexer_helpers import es_client


async def test_org_mentions_are_indexed_with_name_and_known(settings: Settings) -> None:
    alias = settings.index_alias
    parsed = ParsedArticle(
        id="orgs-index-1",
        url="https://news.example.org/orgs-index-1",
        title="Licensing deal",
        text="AI startup Nimbalyst signed a licensing deal with Microsoft.",
        lang="en",
    )
    control = ParsedArticle(
        id="orgs-index-2",
        url="https://news.example.org/orgs-index-2",
        title="Licensing deal",
        text="Microsoft signed a licensing deal with OpenAI.",
        lang="en",
    )
    clf = Classifier()
    articles = [clf.classify_article(parsed), clf.classify_article(control)]
    async with es_client(settings) as es:
        await idx.setup(es, alias)
        result = await BulkIndexer(es, alias, IndexerSettings()).index(articles)
        assert result.indexed == 2 and not result.rejected
        await es.indices.refresh(index=alias)
        unknown = await es.search(index=alias, query={"term": {"org_mentions.known": False}})
        sources = [h["_source"] for h in unknown["hits"]["hits"]]
        assert [s["id"] for s in sources] == ["orgs-index-1"]
        assert sources[0]["org_mentions"] == [
            {"name": "Nimbalyst", "known": False},
            {"name": "Microsoft", "known": True},
        ]
        by_name = await es.search(index=alias, query={"term": {"org_mentions.name": "Microsoft"}})
        assert by_name["hits"]["total"]["value"] == 2
        by_org = await es.search(index=alias, query={"term": {"orgs": "Nimbalyst"}})
        assert [h["_id"] for h in by_org["hits"]["hits"]] == ["orgs-index-1"]


async def test_setup_maps_org_mentions_on_a_month_created_before_it(settings: Settings) -> None:
    alias = settings.index_alias
    old_properties = {k: v for k, v in idx.MAPPING["properties"].items() if k != "org_mentions"}
    old_month = f"{alias}-2024.01"
    article = Classifier().classify_article(
        ParsedArticle(
            id="orgs-index-old",
            url="https://news.example.org/orgs-index-old",
            title="Deal",
            text="AI startup Nimbalyst signed a deal with Microsoft.",
            lang="en",
            published=datetime(2024, 1, 10, tzinfo=UTC),
        )
    )
    async with es_client(settings) as es:
        # a month created by an older release (its template had no org_mentions): strict mapping
        await es.indices.create(
            index=old_month,
            mappings={**idx.MAPPING, "properties": old_properties},
            aliases={alias: {}},
        )
        refused = await BulkIndexer(es, alias, IndexerSettings()).index([article])
        assert refused.indexed == 0 and refused.rejected  # the strict mapping refuses the new field
        await idx.setup(es, alias)  # what 'wirewatch index setup' does on an upgrade
        mapping = await es.indices.get_mapping(index=old_month)
        assert mapping[old_month]["mappings"]["properties"]["org_mentions"]["properties"]["known"] == {
            "type": "boolean"
        }
        result = await BulkIndexer(es, alias, IndexerSettings()).index([article])
        assert result.indexed == 1 and not result.rejected
