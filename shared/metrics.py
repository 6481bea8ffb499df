"""Prometheus metrics shared by every stage (each stage adds its own where it needs more)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

EVENTS_IN = Counter("wirewatch_events_in_total", "Records consumed by a stage", ["stage"])
EVENTS_OUT = Counter("wirewatch_events_out_total", "Records produced by a stage", ["stage"])
EVENTS_FAILED = Counter(
    "wirewatch_events_failed_total", "Records sent to the dead-letter topic", ["stage", "error"]
)
PROCESSING_SECONDS = Histogram(
    "wirewatch_processing_seconds",
    "Time to handle one record (or one batch for the indexer)",
    ["stage"],
    buckets=(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
BATCH_SIZE = Histogram(
    "wirewatch_batch_size", "Records per batch", ["stage"], buckets=(1, 5, 10, 50, 100, 250, 500, 1000, 5000)
)
CONSUMER_LAG = Gauge(
    "wirewatch_consumer_lag", "Records behind the end of the partition", ["stage", "topic", "partition"]
)
HTTP_OUTCOMES = Counter(
    "wirewatch_http_requests_total", "Outgoing HTTP requests by outcome", ["stage", "outcome"]
)
