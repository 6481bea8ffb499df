"""Timer ``schedule`` (every ``scheduler_tick`` s): starts a poll of each due feed this replica owns.

Only once the app is ready (started, not rebalancing, tables recovered): before that the tables are
not the whole truth. Each due feed gets a ``FeedPoll`` task; the gauges say how many feeds this
replica polls and how many of them fail.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any

from services.fetcher import metrics as m
from services.fetcher import pollstate
from services.fetcher.settings import FetcherSettings
from services.fetcher.units.feed_poll import FeedPoll
from services.fetcher.units.schedule import plan


class Schedule:
    def __init__(
        self,
        fs: FetcherSettings,
        feeds: Mapping[str, Any],
        states: Mapping[str, pollstate.State],
        poll: FeedPoll,
        *,
        ready: Callable[[], bool],
        owned: Callable[[], set[int]],
    ) -> None:
        self.fs = fs
        self.feeds = feeds
        self.states = states
        self.poll = poll
        self.ready = ready
        self.owned = owned

    async def __call__(self) -> None:
        if not self.ready():
            return
        found = plan(
            self.feeds, self.states, owned=self.owned(), polling=self.poll.polling, now=time.time(),
            fs=self.fs,
        )  # fmt: skip
        for due in found.due:
            self.poll.start(due)
        m.FEEDS_OWNED.set(found.enabled)
        m.FEEDS_FAILING.set(found.failing)
