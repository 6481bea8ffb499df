"""Prometheus metrics of the fetcher (served on ``/metrics`` with the shared ones)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

POLLS = Counter(
    "wirewatch_fetcher_polls_total", "Feed polls by outcome (ok, not_modified, error)", ["outcome"]
)
NOT_MODIFIED = Counter("wirewatch_fetcher_not_modified_total", "Feed polls answered 304 Not Modified")
ERRORS = Counter(
    "wirewatch_fetcher_errors_total",
    "Fetcher errors by kind (timeout, connect, http_5xx, too_large, not_a_feed, malformed_feed, blocked ...)",
    ["kind"],
)
ENTRIES_NEW = Counter("wirewatch_fetcher_entries_new_total", "Feed entries not seen in the feed's last poll")
DUPLICATES = Counter(
    "wirewatch_fetcher_duplicates_total", "Entries dropped as already published (across feeds and polls)"
)
ITEMS_PUBLISHED = Counter("wirewatch_fetcher_items_published_total", "Article pages published to RAW")
FETCH_SECONDS = Histogram(
    "wirewatch_fetcher_fetch_seconds",
    "Duration of one fetch (retries and redirects included)",
    ["kind"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
FEEDS_OWNED = Gauge("wirewatch_fetcher_feeds_owned", "Enabled feeds this replica polls")
FEEDS_FAILING = Gauge("wirewatch_fetcher_feeds_failing", "Feeds of this replica whose last poll failed")
ENTRIES_SKIPPED = Counter(
    "wirewatch_fetcher_entries_skipped_total", "Feed entries over max_entries_per_poll, not handled"
)
SEEN_IDS = Gauge("wirewatch_fetcher_seen_ids", "Article ids in this replica's seen table")
SEEN_EXPIRED = Counter(
    "wirewatch_fetcher_seen_expired_total", "Article ids deleted from the seen table (seen_retention_days)"
)
