"""Every faust table's changelog topic is created by ``create_topics`` (``wirewatch topics create``,
the demo, the tests' ``settings`` fixture), with faust's name, the partitions of the table's source
topic and ``cleanup.policy=compact``, so no service depends on faust creating it at start (a changelog
faust had just created showed 0 partitions for a moment and the first table write crashed the agent
with ``PartitionsMismatch``)."""

from __future__ import annotations

from typing import Any

from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

from shared.config import Settings
from shared.kafka import admin_client, create_topics
from shared.topics import CHANGELOG_TOPICS, CREATED_TOPICS, SEEN
from tests.support import isolated, purge


def _apps(settings: Settings) -> list[Any]:
    from services.alerter.service import build_app as alerter_app
    from services.alerter.settings import AlerterSettings
    from services.fetcher.service import build_app as fetcher_app
    from services.fetcher.settings import FetcherSettings
    from services.grouper.service import build_app as grouper_app
    from services.grouper.settings import GrouperSettings

    return [
        fetcher_app(settings, FetcherSettings()),
        grouper_app(settings, GrouperSettings()),
        alerter_app(settings, AlerterSettings(), []),
    ]


def test_every_table_of_every_service_has_its_changelog_in_the_topic_specs() -> None:
    """A new ``app.Table(...)`` (or a renamed one) without its ChangelogSpec is caught here."""
    settings = Settings(topic_prefix="cl", topic_partitions=5)
    declared = {spec.name(settings): spec.partition_count(settings) for spec in CREATED_TOPICS}
    tables: dict[str, int] = {}
    for app in _apps(settings):
        for table in app.tables.values():
            tables[table.changelog_topic.get_topic_name()] = table.partitions
    assert SEEN.name(settings) in tables  # the fetcher's seen table writes to SEEN (in ALL_TOPICS)
    assert "cl-grouper-stories-changelog" in tables and "cl-alerter-alerted-changelog" in tables
    assert {name: declared.get(name) for name in tables} == tables
    assert {c.name(settings) for c in CHANGELOG_TOPICS} <= set(tables)  # no spec for a table that is gone


async def test_create_topics_creates_the_changelogs_compacted_with_their_source_partitions(
    stack: Settings,
) -> None:
    settings = isolated(stack, "changelogs", topic_partitions=3)
    try:
        results = await create_topics(settings)
        assert {r.name for r in results if r.created} == {s.name(settings) for s in CREATED_TOPICS}
        names = [c.name(settings) for c in CHANGELOG_TOPICS]
        expected = {
            c.name(settings): c.source.partition_count(settings) for c in CHANGELOG_TOPICS if c.source
        }
        assert expected[f"{settings.topic_prefix}-grouper-stories-changelog"] == 1  # the one-partition queue
        assert expected[f"{settings.topic_prefix}-alerter-delivery-changelog"] == 3
        async with admin_client(settings) as admin:
            described = await admin.describe_topics(names)
            assert {d["topic"]: len(d["partitions"]) for d in described} == expected
            configs = await admin.describe_configs(
                [ConfigResource(ConfigResourceType.TOPIC, name) for name in names]
            )
            policy: dict[str, str] = {}
            for response in configs:
                for resource in response.resources:
                    _, _, _, name, entries = resource[:5]
                    for entry in entries:
                        if entry[0] == "cleanup.policy":
                            policy[name] = entry[1]
            assert policy == dict.fromkeys(names, "compact")
        again = await create_topics(settings)  # idempotent
        assert not any(r.created for r in again)
    finally:
        await purge(settings)
    async with admin_client(settings) as admin:  # the purge deletes the changelogs too
        left = [t for t in await admin.list_topics() if t.startswith(settings.topic_prefix)]
    assert left == []
