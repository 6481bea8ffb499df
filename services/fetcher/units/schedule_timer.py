"""Timer ``schedule`` (every ``scheduler_tick`` s): starts a poll of each due feed this replica owns.

Only once the app is ready (started, not rebalancing, tables recovered): before that the tables are
not the whole truth. Each due feed gets a ``FeedPoll`` task; the gauges say how many feeds this
replica polls and how many of them fail.
"""

from __future__ import annotations

import time

from services.fetcher import metrics as m
from services.fetcher.settings import FetcherSettings
from services.fetcher.units.feed_poll import FeedPoll
from services.fetcher.units.schedule import plan
from shared.runtime import Context, Table, Timer
from shared.topics import FEEDS

NAME = "schedule"


class Schedule:
    def __init__(self, fs: FetcherSettings, feeds: Table, poll_state: Table, poll: FeedPoll) -> None:
        self.fs, self.feeds, self.poll_state, self.poll = fs, feeds, poll_state, poll

    async def __call__(self, context: Context) -> None:
        if not context.ready():
            return
        found = plan(
            self.feeds, self.poll_state, owned=context.owned(FEEDS), polling=self.poll.polling,
            now=time.time(), fs=self.fs,
        )  # fmt: skip
        for due in found.due:
            self.poll.start(due, context)
        m.FEEDS_OWNED.set(found.enabled)
        m.FEEDS_FAILING.set(found.failing)


def timer(fs: FetcherSettings, feeds: Table, poll_state: Table, poll: FeedPoll) -> Timer:
    return Timer(NAME, fs.scheduler_tick, Schedule(fs, feeds, poll_state, poll))
