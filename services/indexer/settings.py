"""Settings of the indexer stage and its index design (``WIREWATCH_INDEXER_*``)."""

from __future__ import annotations

from pydantic import Field

from shared.config import ServiceSettings


class IndexerSettings(ServiceSettings, service="indexer"):
    """Batching, retries and index template."""

    batch_size: int = Field(500, ge=1, le=10_000, description="articles per bulk request (at most)")
    batch_seconds: float = Field(
        0.1,
        gt=0,
        description="a partial batch is indexed after this many seconds (a record waits up to this long "
        "at a trickle; a backlog fills batch_size first). 1.0 was the default: 0.1 took ~0.8 s off the "
        "p95 published -> searchable latency (docs/performance.md)",
    )
    retry_initial_seconds: float = Field(0.5, gt=0, description="first wait before retrying a failed bulk")
    bulk_max_retries: int = Field(
        3,
        ge=0,
        description="retries of documents answered 408/429/5xx within one bulk round (the ES helpers' "
        "max_retries); past them the round is retried with backoff until Elasticsearch acknowledges",
    )
    retry_max_seconds: float = Field(30.0, gt=0, description="cap of the exponential backoff between retries")
    request_timeout: float = Field(30.0, gt=0, description="timeout of one Elasticsearch request")
    shards: int = Field(1, ge=1, description="primary shards of each monthly index (index template)")
    replicas: int = Field(0, ge=0, description="replicas of each monthly index (index template)")
    refresh_interval: str = Field(
        "500ms",
        description="refresh interval of the monthly indices (index template): how soon an indexed "
        "document is searchable; longer (1s, Elasticsearch's default, or more) costs the cluster less "
        "refresh and merge work under heavy ingest",
    )
    max_text_chars: int = Field(
        100_000, ge=1000, description="only the first max_text_chars characters of a text are indexed"
    )
    replace_across_months: bool = Field(
        True,
        description="when an article is re-indexed into another month (its date changed), delete its "
        "older copy from the other monthly indices",
    )
    stories: bool = Field(
        True,
        description="keep one summary per story in <alias>.stories (reports, languages, sources, first and "
        "last seen), upserted for every indexed report that has a story_id",
    )
    story_max_report_ids: int = Field(
        5000,
        ge=1,
        le=100_000,
        description="report ids a story summary keeps to count each report once; past them the count goes "
        "on, at least once",
    )
    story_max_sources: int = Field(100, ge=1, le=10_000, description="sources a story summary lists")
    session_timeout_seconds: float | None = Field(
        None,
        ge=6,
        description="Kafka consumer session timeout: how soon the group notices a dead indexer and hands "
        "its partitions to another replica; unset: WIREWATCH_KAFKA_SESSION_TIMEOUT, else 30",
    )
    # the search API's settings are services/api/settings.py (WIREWATCH_API_*; the old
    # WIREWATCH_INDEXER_API_* and WIREWATCH_INDEXER_SEARCH_MAX_LIMIT names are still read there)
