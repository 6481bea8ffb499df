"""Agent ``feed_updates`` on FEEDS (compacted, keyed by feed id): keeps the ``feeds`` table.

A record registers (or updates) its feed, a tombstone removes it and its poll state; a record without
a key or with an invalid ``FeedConfig`` is dead-lettered (``no_key``, ``invalid_contract``).
"""

from __future__ import annotations

import logging
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

from services.fetcher.units.feeds_table import table_value
from services.fetcher.units.ports import DeadLetterSink, PutState
from shared.contracts import ContractError, FeedConfig

log = logging.getLogger("services.fetcher.service")


@dataclass(frozen=True)
class Register:
    key: str
    feed: FeedConfig


@dataclass(frozen=True)
class Remove:
    key: str


@dataclass(frozen=True)
class Invalid:
    error: str
    reason: str
    key: str | None


def feed_change(key: bytes | None, value: bytes | None) -> Register | Remove | Invalid:
    """What one FEEDS record says (pure)."""
    if not key:
        return Invalid("no_key", "feeds record without a key", None)
    fid = key.decode("utf-8", "replace")
    if value is None:  # tombstone: the feed was removed
        return Remove(fid)
    try:
        return Register(fid, FeedConfig.decode(value))
    except ContractError as exc:
        return Invalid("invalid_contract", str(exc), fid)


class FeedUpdates:
    """Applies each FEEDS record to the ``feeds`` table (and drops a removed feed's poll state)."""

    def __init__(self, feeds: MutableMapping[str, Any], put_state: PutState, dead: DeadLetterSink) -> None:
        self.feeds = feeds
        self.put_state = put_state
        self.dead = dead

    async def __call__(self, key: bytes | None, value: bytes | None, partition: int, event: Any) -> None:
        change = feed_change(key, value)
        if isinstance(change, Invalid):
            where = {"key": change.key, "event": event} if change.key is not None else {}
            await self.dead(error=change.error, reason=change.reason, payload=value or b"", **where)
        elif isinstance(change, Remove):
            if change.key in self.feeds:
                del self.feeds[change.key]
            self.put_state(change.key, partition, None)
            log.info("feed removed", extra={"feed_id": change.key})
        else:
            self.feeds[change.key] = table_value(change.feed, partition)
            log.info("feed registered", extra={"feed_id": change.key, "url": change.feed.url})
