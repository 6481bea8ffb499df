"""The ``feeds`` and ``poll_state`` tables, co-partitioned with FEEDS (keyed by feed id).

``feeds``: feed id -> ``{"feed": FeedConfig as JSON, "partition": its FEEDS partition}``, kept by the
``feed_updates`` agent from the compacted FEEDS topic; its changelog rebuilds the list after a
restart. The partition says which replica polls the feed (the one owning that partition).
``poll_state``: feed id -> ``pollstate.State``, written to the feed's own changelog partition so that
it follows the feed to whichever replica owns it next.
"""

from __future__ import annotations

from typing import Any

from services.fetcher.settings import FetcherSettings
from shared.contracts import FeedConfig
from shared.runtime import Table
from shared.topics import FEEDS

NAME = "feeds"
POLL_STATE = "poll_state"


def declare(fs: FetcherSettings) -> tuple[Table, Table]:
    """The two tables (faust's changelogs ``<group>-feeds-changelog``, ``<group>-poll_state-changelog``)."""
    return (
        Table(NAME, partitions=FEEDS, max_keys=fs.max_feeds),
        Table(POLL_STATE, partitions=FEEDS, max_keys=fs.max_feeds),
    )


def table_value(feed: FeedConfig, partition: int) -> dict[str, Any]:
    return {"feed": feed.model_dump(mode="json"), "partition": partition}


def listed(value: Any) -> tuple[FeedConfig, int] | None:
    """The feed and its partition of a table value (None: an empty value)."""
    if not value:
        return None
    return FeedConfig.model_validate(value["feed"]), int(value["partition"])
