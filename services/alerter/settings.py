"""Settings of the alerter stage (``WIREWATCH_ALERTER_*``)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from shared.config import CommaList, ServiceSettings


class AlerterSettings(ServiceSettings, service="alerter"):
    """Where subscriptions come from, how Slack is called, how digests are paced."""

    subscriptions_file: Path = Field(
        Path("deploy/alerts.yaml"),
        description="YAML file of alert subscriptions (relative to the working dir)",
    )
    # Slack calls
    request_timeout: float = Field(10.0, gt=0, description="seconds for one webhook call (connect + answer)")
    max_attempts: int = Field(
        5, ge=1, description="attempts per message on 5xx answers, timeouts and connection errors"
    )
    backoff_initial: float = Field(1.0, ge=0, description="first wait after a 5xx/timeout, doubled each time")
    backoff_max: float = Field(30.0, ge=0, description="longest wait between two attempts")
    max_rate_limited: int = Field(
        5,
        ge=0,
        description="429 answers tolerated per message (each waits Retry-After) before dead-lettering",
    )
    max_retry_after: float = Field(300.0, gt=0, description="cap on one Retry-After wait, seconds")
    rate_per_webhook: float = Field(
        1.0, gt=0, description="messages per second per webhook (Slack allows about one per second)"
    )
    allowed_webhook_hosts: CommaList = Field(
        default_factory=lambda: ["hooks.slack.com"],
        description="hosts a webhook URL may point at (https only); JSON list or comma separated",
    )
    allow_loopback: bool = Field(
        False, description="also accept http(s) webhooks on 127.0.0.1/localhost (tests and demo only)"
    )
    max_age_hours: float = Field(
        72.0, gt=0, description="stories published longer ago are never alerted (no flood from old history)"
    )
    # Digests
    digest_minutes: float = Field(
        60.0, gt=0, description="default digest interval when a subscription sets none"
    )
    digest_check_seconds: float = Field(30.0, gt=0, description="how often due digests are looked for")
    digest_max_stories: int = Field(40, ge=1, le=45, description="stories listed in one digest message")
    # Message shape
    max_tags: int = Field(4, ge=1, description="tags shown in one alert")
    evidence_chars: int = Field(400, ge=50, le=2500, description="characters of evidence shown per tag")
    # Once-only state (the alerted and delivery tables): kept this long, then deleted (compacted away)
    state_retention_days: float = Field(
        90.0,
        gt=0,
        description="days a (subscription, story) mark is kept (a story reported after that alerts again)",
    )
    retention_check_seconds: float = Field(
        3600.0, gt=0, description="how often expired marks are deleted from the tables and their changelogs"
    )
    state_max_keys: int = Field(
        2_000_000,
        ge=1000,
        description="keys kept per table at most (a backstop: past it the keys written longest ago are "
        "deleted; the retention normally keeps far fewer)",
    )
    stall_check_seconds: float = Field(
        10.0, gt=0, description="how often partitions with waiting records but no progress are re-read"
    )
    # Kafka group membership (a killed replica is noticed after the session timeout)
    session_timeout: float | None = Field(
        None,
        ge=6.0,
        description="consumer-group session timeout, s; unset: WIREWATCH_KAFKA_SESSION_TIMEOUT, else 30",
    )
    heartbeat_interval: float = Field(3.0, gt=0, description="consumer-group heartbeat interval, seconds")

