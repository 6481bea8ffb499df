"""Settings of the fetcher stage (``WIREWATCH_FETCHER_*``): every limit has an explicit default."""

from __future__ import annotations

from pydantic import Field

from shared.config import CommaList, ServiceSettings

DEFAULT_USER_AGENT = "Wirewatch/0.1 (+https://github.com/wirewatch/wirewatch; AI-news monitor)"


class FetcherSettings(ServiceSettings, service="fetcher"):
    """How the fetcher polls feeds and fetches pages."""

    # Feed list
    feeds_file: str = Field(
        "deploy/feeds.yaml",
        description="YAML feed list loaded into the feeds topic when the fetcher starts (only new or "
        "changed feeds are written); empty: none",
    )
    default_interval_seconds: int = Field(600, ge=60, description="poll interval of a feed that names none")
    # HTTP
    user_agent: str = Field(DEFAULT_USER_AGENT, description="User-Agent of every request")
    connect_timeout: float = Field(10.0, gt=0, description="seconds to open a connection")
    read_timeout: float = Field(30.0, gt=0, description="seconds to wait for data on a connection")
    max_feed_bytes: int = Field(10 * 1024 * 1024, ge=1024, description="largest feed body accepted")
    max_page_bytes: int = Field(5 * 1024 * 1024, ge=1024, description="largest article page accepted")
    max_content_encodings: int = Field(
        2, ge=0, le=8, description="Content-Encoding layers decoded (gzip, deflate); more: refused"
    )
    feed_deadline: float = Field(
        60.0, gt=0, description="seconds one feed request (connect to last byte, per redirect hop) may take"
    )
    page_deadline: float = Field(
        60.0, gt=0, description="seconds one page request (connect to last byte, per redirect hop) may take"
    )
    max_redirects: int = Field(5, ge=0, description="redirects followed per request")
    max_connections: int = Field(200, ge=1, description="open connections of the whole process")
    per_host_concurrency: int = Field(2, ge=1, description="requests in flight to one host")
    per_host_delay: float = Field(1.0, ge=0, description="minimum seconds between two requests to one host")
    max_concurrent_polls: int = Field(100, ge=1, description="feeds polled at the same time")
    max_entries_per_poll: int = Field(
        500, ge=1, le=5000,
        description="entries of one feed handled per poll (the newest by date, else the first); the rest "
        "are counted in the poll state and logged once",
    )  # fmt: skip
    seen_retention_days: float = Field(
        90.0, gt=0, description="days an article id stays in the seen table (then deleted: bounded memory)"
    )
    seen_max_ids: int = Field(
        2_000_000, ge=1000,
        description="backstop bound of this replica's seen table (retention bounds it first); past it the "
        "ids written longest ago are deleted",
    )  # fmt: skip
    max_feeds: int = Field(
        100_000, ge=100,
        description="backstop bound of this replica's feeds and poll_state tables (the feed list is far "
        "smaller); past it the keys written longest ago are deleted",
    )  # fmt: skip
    seen_sweep_interval: float = Field(
        3600.0, gt=0, description="seconds between two sweeps of expired ids out of the seen table"
    )
    failure_log_interval: float = Field(
        3600.0, gt=0, description="a feed that keeps failing is logged when it starts, then every N s"
    )
    page_concurrency: int = Field(
        16, ge=1, description="article pages fetched at the same time (agent actors)"
    )
    # Retries and backoff
    retries: int = Field(
        2, ge=0, description="retries of a transient failure (timeout, 5xx, 429) per request"
    )
    retry_base_delay: float = Field(
        1.0, ge=0, description="first retry delay; doubles each retry, with jitter"
    )
    retry_max_delay: float = Field(30.0, ge=0, description="cap of one retry delay")
    failure_backoff_max_seconds: float = Field(
        6 * 3600.0, ge=60, description="cap of the poll delay of a feed that keeps failing"
    )
    # Safety
    allow_private: bool = Field(
        False, description="allow targets on loopback, private, link-local or multicast addresses"
    )
    allowed_networks: CommaList = Field(
        default_factory=list,
        description="networks or addresses allowed even when private (e.g. 127.0.0.1/32); comma separated",
    )
    respect_robots: bool = Field(True, description="obey robots.txt of each site")
    robots_cache_seconds: float = Field(3600.0, ge=0, description="how long a robots.txt is cached")
    # Scheduling
    scheduler_tick: float = Field(1.0, gt=0, description="seconds between two looks for due feeds")
    poll_interval_override: float | None = Field(
        None,
        gt=0,
        description="TESTS AND DEMOS ONLY: poll every feed at this interval (seconds), under the 1 min floor",
    )

    def interval_for(self, interval_seconds: int) -> float:
        """The effective poll interval of a feed (the test override wins; the floor is 60 s)."""
        if self.poll_interval_override is not None:
            return self.poll_interval_override
        return float(max(60, interval_seconds))
