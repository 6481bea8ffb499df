"""Prometheus metrics of the alerter, per subscription."""

from __future__ import annotations

from prometheus_client import Counter, Gauge

ALERTS_MATCHED = Counter(
    "wirewatch_alerts_matched_total",
    "New (subscription, story) matches queued for delivery",
    ["subscription"],
)
ALERTS_DUPLICATE = Counter(
    "wirewatch_alerts_duplicates_skipped_total",
    "Matches skipped because the story was already alerted for the subscription",
    ["subscription"],
)
ALERTS_SENT = Counter(
    "wirewatch_alerts_sent_total", "Slack messages accepted (200 ok)", ["subscription", "mode"]
)
ALERTS_RETRIED = Counter(
    "wirewatch_alerts_retried_total",
    "Webhook calls repeated after 429, 5xx, a timeout or a connection error",
    ["subscription", "reason"],
)
ALERTS_FAILED = Counter(
    "wirewatch_alerts_failed_total", "Alerts given up and dead-lettered", ["subscription", "error"]
)
SUBSCRIPTION_HEALTHY = Gauge(
    "wirewatch_alert_subscription_healthy",
    "1 when the subscription's last delivery succeeded (or none failed), 0 when Slack refused it",
    ["subscription"],
)
STATE_EXPIRED = Counter(
    "wirewatch_alerter_state_expired_total",
    "Once-only marks deleted after state_retention_days (table and compacted changelog)",
    ["table"],
)
STATE_KEYS = Gauge("wirewatch_alerter_state_keys", "Keys held in memory per alerter table", ["table"])
STORY_REPORTS = Counter(
    "wirewatch_alerts_story_reports_total",
    "Later reports of an already alerted story (no new message; counted on the story)",
    ["subscription"],
)
