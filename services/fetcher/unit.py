"""The fetcher as one declared ``shared.runtime.Unit``: three tables, two agents, two timers.

Nothing here touches faust: ``shared.runtime.runner.build_unit_app`` builds the app from this.
"""

from __future__ import annotations

from services.fetcher.http import HttpClient
from services.fetcher.settings import FetcherSettings
from services.fetcher.units import (
    expire_seen_timer,
    feeds_agent,
    feeds_table,
    pages_agent,
    schedule_timer,
    seen_table,
)
from services.fetcher.units.feed_fetch import FeedFetch
from services.fetcher.units.feed_poll import FeedPoll
from services.fetcher.units.pages_agent import FetchPages
from shared.config import Settings
from shared.runtime import Unit
from shared.topics import ENTRIES

STAGE = "fetcher"  # consumer group, metrics label and dead-letter stage of every part


class Client:
    """One HTTP client for the process, made on first use (inside the running loop), closed at the end."""

    def __init__(self, fs: FetcherSettings) -> None:
        self.fs = fs
        self.client: HttpClient | None = None

    def __call__(self) -> HttpClient:
        if self.client is None:
            self.client = HttpClient(self.fs)
        return self.client

    async def close(self) -> None:
        if self.client is not None:
            await self.client.aclose()


def unit(settings: Settings, fs: FetcherSettings) -> Unit:
    feeds, poll_state = feeds_table.declare(fs)
    seen = seen_table.declare(fs)
    client = Client(fs)
    poll = FeedPoll(fs, FeedFetch(fs, client), feeds, poll_state, STAGE)
    pages = FetchPages(fs, client, seen, STAGE)
    return Unit(
        STAGE,
        stages=(feeds_agent.stage(STAGE, feeds, poll_state), pages_agent.stage(STAGE, fs, pages)),
        tables=(feeds, poll_state, seen),
        timers=(
            schedule_timer.timer(fs, feeds, poll_state, poll),
            expire_seen_timer.timer(fs, seen, pages.in_flight, ENTRIES.partition_count(settings)),
        ),
        sends=(ENTRIES,),  # the polls' new entries (ENTRIES is also fetch-pages' input)
        on_build=(pages.bind,),
        on_shutdown=(client.close,),
    )
