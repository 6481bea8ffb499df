"""The ``feeds`` table: feed id -> ``{"feed": FeedConfig as JSON, "partition": its FEEDS partition}``.

Kept by the ``feed_updates`` agent from the compacted FEEDS topic; its changelog rebuilds the list
after a restart. The partition says which replica polls the feed (the one owning that partition).
"""

from __future__ import annotations

from typing import Any

from shared.contracts import FeedConfig

NAME = "feeds"
POLL_STATE = "poll_state"  # feed id -> pollstate.State, written to the feed's own changelog partition


def table_value(feed: FeedConfig, partition: int) -> dict[str, Any]:
    return {"feed": feed.model_dump(mode="json"), "partition": partition}


def listed(value: Any) -> tuple[FeedConfig, int] | None:
    """The feed and its partition of a table value (None: an empty value)."""
    if not value:
        return None
    return FeedConfig.model_validate(value["feed"]), int(value["partition"])
