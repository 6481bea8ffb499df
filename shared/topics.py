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
