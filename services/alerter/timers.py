"""The alerter's timers: digest ticks (on the leader) and the expiry of the once-only marks."""

from __future__ import annotations

import logging
import time

from services.alerter import metrics
from services.alerter.marks import expired_marks
from services.alerter.ports import ExpiringTable, Outbox
from services.alerter.records import AlertRecord
from services.alerter.subscriptions import Subscription

log = logging.getLogger("wirewatch.alerter")


def flush_ticks(subscriptions: list[Subscription]) -> list[tuple[bytes, bytes]]:
    """``(key, value)`` of one ``flush`` record per enabled digest subscription."""
    return [
        (sub.name.encode(), AlertRecord(kind="flush", subscription=sub.name).encode())
        for sub in subscriptions
        if sub.mode == "digest" and sub.enabled
    ]


class DigestTicks:
    """Every ``digest_check_seconds`` on the leader: a ``flush`` record per digest subscription on
    ALERTS, where its owner (the replica that owns the subscription's partition) posts it when due."""

    def __init__(self, subscriptions: list[Subscription], alerts: Outbox) -> None:
        self.ticks = flush_ticks(subscriptions)
        self.alerts = alerts

    async def __call__(self) -> None:
        for key, value in self.ticks:
            await self.alerts.emit(key, value)


async def expire(table: ExpiringTable, retention_seconds: float, now: float) -> int:
    """Delete the expired marks of the partitions this replica owns: a tombstone to the changelog
    partition the mark was written to (so compaction drops it and a restore does not bring it back),
    acknowledged, and the key gone from memory. A mark of a partition owned elsewhere is its owner's
    to delete (faust drops it from this replica's memory when the partitions move). Returns how many
    were deleted."""
    owned = table.owned()
    removed = [(key, p) for key, p in expired_marks(table.items(), now, retention_seconds) if p in owned]
    for key, partition in removed:
        await table.delete(key, partition)
    return len(removed)


class MarkExpiry:
    """Every ``retention_check_seconds``: marks older than ``state_retention_days`` are deleted, so
    the once-only state does not grow forever (a story reported after that alerts again)."""

    def __init__(self, tables: list[ExpiringTable], retention_days: float) -> None:
        self.tables = tables
        self.retention = retention_days * 86400.0

    async def __call__(self) -> None:
        try:
            for table in self.tables:
                removed = await expire(table, self.retention, time.time())
                if removed:
                    metrics.STATE_EXPIRED.labels(table.name).inc(removed)
                    log.info("expired once-only marks", extra={"table": table.name, "removed": removed})
                metrics.STATE_KEYS.labels(table.name).set(len(table))
        except Exception:  # e.g. the consumer not started yet: the next tick tries again
            log.exception("expiring once-only marks failed")
