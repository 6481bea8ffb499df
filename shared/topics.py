"""Every topic of the pipeline, in one place: name, partitions, cleanup policy."""

from __future__ import annotations

from dataclasses import dataclass, field

from shared.config import Settings


@dataclass(frozen=True)
class TopicSpec:
    key: str  # short name used in code: "raw", "parsed", ...
    description: str
    compacted: bool = False
    partitions: int | None = None  # None: the configured default (WIREWATCH_TOPIC_PARTITIONS)
    configs: dict[str, str] = field(default_factory=dict)

    def name(self, settings: Settings) -> str:
        return f"{settings.topic_prefix}.{self.key}"

    def partition_count(self, settings: Settings) -> int:
        return self.partitions or settings.topic_partitions

    def topic_configs(self) -> dict[str, str]:
        base = {"cleanup.policy": "compact"} if self.compacted else {}
        return {**base, **self.configs}


FEEDS = TopicSpec(
    "feeds", "feed list, keyed by feed id (compacted; fetcher replicas split it by partition)", compacted=True
)
SEEN = TopicSpec(
    "seen", "article ids the fetcher has published: changelog of its `seen` table (compacted)", compacted=True
)
ENTRIES = TopicSpec(
    "entries",
    "new feed entries (fetcher-internal), keyed by article id: one owner per article",
    configs={"retention.ms": str(7 * 86400_000)},
)
RAW = TopicSpec(
    "raw",
    "fetched article pages (RawItem), keyed by article id",
    configs={"compression.type": "producer", "max.message.bytes": str(8 * 1024 * 1024)},
)
PARSED = TopicSpec("parsed", "clean articles (ParsedArticle), keyed by article id")
CLASSIFIED = TopicSpec("classified", "tagged articles (ClassifiedArticle), keyed by article id")
GROUPER_QUEUE = TopicSpec(
    "grouper-queue",
    "grouper-internal: classified articles on ONE partition, so one grouper replica decides every story "
    "(two replicas never open two stories for one event)",
    partitions=1,
    configs={"retention.ms": str(7 * 86400_000)},
)
GROUPED = TopicSpec(
    "grouped", "articles with their story (ClassifiedArticle + story_id, story_reason), keyed by article id"
)
DEADLETTER = TopicSpec(
    "deadletter",
    "records a stage could not handle (DeadLetter), keyed by the original key",
    configs={"max.message.bytes": str(12 * 1024 * 1024), "retention.ms": str(30 * 86400_000)},
)
ALERTS = TopicSpec(
    "alerts",
    "alerter work queue: matched (subscription, article) pairs and digest ticks, keyed by subscription name "
    "(the alerter's once-only state lives in its faust tables' compacted changelogs)",
    configs={"retention.ms": str(7 * 86400_000)},
)

ALL_TOPICS: tuple[TopicSpec, ...] = (
    FEEDS, SEEN, ENTRIES, RAW, PARSED, CLASSIFIED, GROUPER_QUEUE, GROUPED, DEADLETTER, ALERTS
)



@dataclass(frozen=True)
class ChangelogSpec(TopicSpec):
    """The changelog topic of one faust table: ``<app id>-<table>-changelog``, compacted, with the
    partitions of the table's source topic (faust refuses a table whose changelog has a different
    count: ``PartitionsMismatch``).

    ``create_topics`` creates them with the pipeline's topics, so no service depends on faust creating
    them at start: a changelog faust has just created can show 0 partitions in its metadata for a
    moment, and the first table write then crashes the agent with ``PartitionsMismatch``.
    """

    service: str = ""
    table: str = ""
    source: TopicSpec | None = None  # the topic the table is co-partitioned with

    def name(self, settings: Settings) -> str:
        return f"{consumer_group(self.service, settings)}-{self.table}-changelog"

    def partition_count(self, settings: Settings) -> int:
        assert self.source is not None
        return self.source.partition_count(settings)


def _changelog(service: str, table: str, source: TopicSpec, what: str) -> ChangelogSpec:
    return ChangelogSpec(
        f"{service}-{table}-changelog", what, compacted=True, service=service, table=table, source=source
    )


# Every faust table's changelog (the fetcher's `seen` table writes to SEEN, in ALL_TOPICS). The table
# names are the ones the services give ``app.Table(...)``; tests/test_topics_changelogs.py checks them
# against the services' apps.
CHANGELOG_TOPICS: tuple[ChangelogSpec, ...] = (
    _changelog("fetcher", "feeds", FEEDS, "fetcher's feeds table (the feed list by partition)"),
    _changelog("fetcher", "poll_state", FEEDS, "fetcher's poll state per feed"),
    _changelog("grouper", "stories", GROUPER_QUEUE, "grouper's stories table (recent reports, story ids)"),
    _changelog("alerter", "alerted", GROUPED, "alerter's alerted-set (subscriptions alerted per story)"),
    _changelog("alerter", "delivery", ALERTS, "alerter's delivery state (progress, digests, story marks)"),
)

# What `wirewatch topics create` creates: the pipeline's topics and the tables' changelogs.
CREATED_TOPICS: tuple[TopicSpec, ...] = (*ALL_TOPICS, *CHANGELOG_TOPICS)

# The input topic of each stage: where `wirewatch dlq replay --stage S` re-injects dead letters.
STAGE_INPUT: dict[str, TopicSpec] = {
    "fetcher": ENTRIES,  # dead letters of the fetcher carry entry records (page failures)
    "parser": RAW,
    "classifier": PARSED,
    "grouper": CLASSIFIED,
    "indexer": GROUPED,
    "alerter": GROUPED,
}


def topic_name(spec: TopicSpec, settings: Settings) -> str:
    return spec.name(settings)


def consumer_group(service: str, settings: Settings) -> str:
    """Consumer group (and faust app id) of a service: replicas of one service share it."""
    return f"{settings.topic_prefix}-{service}"
