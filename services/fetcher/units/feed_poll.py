"""A poll of one due feed, as a task of its own (at most ``max_concurrent_polls`` at a time).

Its new entries go to ENTRIES and its rejected entries to dead letters before its poll state is
written (the state remembers them as handed on). The poll state is claimed (written with
``polling_since``) before the request, so a replica taking the partition over mid-poll does not poll
again, and written after it unless the feed was removed meanwhile. A poll that raises (a bug, an
input nobody foresaw) ends in an ``internal`` failure state, not a crash loop.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from services.fetcher import metrics as m
from services.fetcher import pollstate
from services.fetcher.settings import FetcherSettings
from services.fetcher.units.feed_fetch import FeedFetch, Polled
from services.fetcher.units.poll_log import failed
from services.fetcher.units.ports import DeadLetterSink, Publish, PutState
from services.fetcher.units.schedule import Due
from shared.logs import redact_url

log = logging.getLogger("services.fetcher.service")


class FeedPoll:
    def __init__(
        self, fs: FetcherSettings, fetch: FeedFetch, *, entries: Publish, dead: DeadLetterSink,
        put_state: PutState, listed: Callable[[str], bool],
    ) -> None:  # fmt: skip
        self.fs, self.fetch, self.entries, self.dead = fs, fetch, entries, dead
        self.put_state, self.listed = put_state, listed
        self.slots = asyncio.Semaphore(fs.max_concurrent_polls)
        self.polling: set[str] = set()  # feed ids being polled (not started again meanwhile)
        self.tasks: set[asyncio.Task[None]] = set()

    def start(self, due: Due) -> None:
        self.polling.add(due.key)
        task = asyncio.create_task(self.poll(due))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def poll(self, due: Due) -> None:
        key, partition, feed, state = due.key, due.partition, due.feed, due.state
        try:
            async with self.slots:
                interval = self.fs.interval_for(feed.interval_seconds)
                state = pollstate.claim(state, time.time(), interval)
                self.put_state(key, partition, state)
                try:
                    state = await self.hand_on(await self.fetch(key, feed, state, interval))
                except Exception as exc:
                    msg = f"{type(exc).__name__}: {exc}"
                    state = failed(self.fs, key, feed, state, interval, "internal", msg, None, exc_info=True)
                if self.listed(key):  # not removed meanwhile
                    self.put_state(key, partition, state)
        except Exception:
            log.exception("poll crashed", extra={"feed_id": key, "url": redact_url(feed.url)})
        finally:
            self.polling.discard(key)

    async def hand_on(self, polled: Polled) -> pollstate.State:
        for letter in polled.letters:
            await self.dead(error=letter.error, reason=letter.reason, payload=letter.payload, key=letter.key)
            m.ERRORS.labels(letter.error).inc()
        for entry in polled.entries:
            await self.entries(entry.id.encode(), entry.encode())
        return polled.state
