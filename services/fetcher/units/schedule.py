"""Which feeds are due (pure): the scheduler timer's decision, without Kafka or HTTP."""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from services.fetcher import pollstate
from services.fetcher.settings import FetcherSettings
from shared.contracts import FeedConfig


class Feeds(Protocol):
    """The ``feeds`` table as the plan reads it (a ``shared.runtime.Table``, or a dict)."""

    def items(self) -> Iterable[tuple[str, Any]]: ...


class States(Protocol):
    """The ``poll_state`` table as the plan reads it (a ``shared.runtime.Table``, or a dict)."""

    def get(self, key: str, default: Any = None, /) -> Any: ...


@dataclass(frozen=True)
class Due:
    key: str  # feed id
    partition: int  # its FEEDS partition (where its poll state is written)
    feed: FeedConfig
    state: pollstate.State  # a copy: the poll works on it


@dataclass
class Plan:
    due: list[Due] = field(default_factory=list)
    enabled: int = 0  # enabled feeds this replica owns (``wirewatch_fetcher_feeds_owned``)
    failing: int = 0  # ... whose last poll failed (``wirewatch_fetcher_feeds_failing``)


def plan(
    feeds: Feeds,
    states: States,
    *,
    owned: Container[int],
    polling: Container[str],
    now: float,
    fs: FetcherSettings,
) -> Plan:
    """The enabled feeds of the ``owned`` FEEDS partitions that are due and not being polled."""
    out = Plan()
    for key, value in list(feeds.items()):
        if not value or value.get("partition") not in owned:
            continue
        feed = FeedConfig.model_validate(value["feed"])
        if not feed.enabled:
            continue
        out.enabled += 1
        state = states.get(key)
        if state and state.get("failures"):
            out.failing += 1
        if key in polling or not pollstate.is_due(state, now, fs.interval_for(feed.interval_seconds)):
            continue
        out.due.append(Due(key, int(value["partition"]), feed, dict(state or {})))
    return out
