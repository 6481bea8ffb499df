"""Agent ``feed_updates`` on FEEDS (compacted, keyed by feed id): keeps the ``feeds`` table.

A record registers (or updates) its feed, a tombstone removes it and its poll state; a record without
a key or with an invalid ``FeedConfig`` is dead-lettered (``no_key``, ``invalid_contract``). The
handler is pure: its table writes are ``Put``\\ s the runner has acknowledged before it acks the batch.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from services.fetcher.errors import FetcherError
from services.fetcher.units.feeds_table import table_value
from shared.contracts import ContractError, FeedConfig
from shared.runtime import ErrorKind, Message, Outcome, Put, Reject, Stage, Table
from shared.topics import FEEDS

log = logging.getLogger("services.fetcher.service")  # the fetcher's lines keep their logger name

AGENT = "feed-updates"


@dataclass(frozen=True)
class Register:
    key: str
    feed: FeedConfig


@dataclass(frozen=True)
class Remove:
    key: str


def feed_change(key: bytes | None, value: bytes | None) -> Register | Remove | Reject:
    """What one FEEDS record says."""
    if not key:
        return Reject(FetcherError.NO_KEY, "feeds record without a key")
    fid = key.decode("utf-8", "replace")
    if value is None:  # tombstone: the feed was removed
        return Remove(fid)
    try:
        return Register(fid, FeedConfig.decode(value))
    except ContractError as exc:
        return Reject(ErrorKind.INVALID_CONTRACT, str(exc))


class FeedUpdates:
    """Each FEEDS record as writes to ``feeds`` (and, for a removed feed, to ``poll_state``)."""

    def __init__(self, feeds: Table, poll_state: Table) -> None:
        self.feeds, self.poll_state = feeds, poll_state

    def one(self, record: Message) -> Outcome:
        change = feed_change(record.key, record.value)
        if isinstance(change, Reject):
            return change
        if isinstance(change, Remove):  # a tombstone also for a feed not (yet) in the table: harmless
            log.info("feed removed", extra={"feed_id": change.key})
            return (
                Put(self.feeds, change.key, None),
                Put(self.poll_state, change.key, None, record.partition),
            )
        log.info("feed registered", extra={"feed_id": change.key, "url": change.feed.url})
        return (Put(self.feeds, change.key, table_value(change.feed, record.partition)),)

    async def __call__(self, records: Sequence[Message]) -> list[Outcome]:
        return [self.one(record) for record in records]


def stage(name: str, feeds: Table, poll_state: Table) -> Stage[Message]:
    return Stage(
        name=name,
        agent=AGENT,
        input=FEEDS,
        contract=None,  # keys and tombstones matter
        outputs=(),
        handler=FeedUpdates(feeds, poll_state),
        batch_size=100,  # a feed list import: its writes go out together
        batch_wait=0.05,
        offload="loop",
        tables=(feeds, poll_state),
        # after a rebalance faust may deliver nothing of a FEEDS partition that has records: the
        # guard's stall check re-reads it (two looks); every 5 s here, a few cheap offset queries
        stall_check_seconds=5.0,
    )
