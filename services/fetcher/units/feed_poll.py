"""A poll of one due feed, as a task of its own (at most ``max_concurrent_polls`` at a time).

Its rejected entries go to dead letters and its new entries to ENTRIES (all acknowledged by Kafka)
before its poll state is written (the state remembers them as handed on). The poll state is claimed
(written with ``polling_since``) before the request, so a replica taking the partition over mid-poll
does not poll again, and written after it unless the feed was removed meanwhile. A poll that raises
(a bug, an input nobody foresaw) ends in an ``internal`` failure state, not a crash loop.
"""

from __future__ import annotations

import asyncio
import logging
import time

from services.fetcher import metrics as m
from services.fetcher import pollstate
from services.fetcher.errors import FetchKind
from services.fetcher.settings import FetcherSettings
from services.fetcher.units.feed_fetch import FeedFetch, Polled
from services.fetcher.units.poll_log import failed
from services.fetcher.units.schedule import Due
from shared.logs import redact_url
from shared.runtime import Context, Table
from shared.topics import ENTRIES

log = logging.getLogger("services.fetcher.service")


class FeedPoll:
    def __init__(
        self, fs: FetcherSettings, fetch: FeedFetch, feeds: Table, poll_state: Table, stage: str
    ) -> None:
        self.fs, self.fetch, self.feeds, self.poll_state, self.stage = fs, fetch, feeds, poll_state, stage
        self.slots = asyncio.Semaphore(fs.max_concurrent_polls)
        self.polling: set[str] = set()  # feed ids being polled (not started again meanwhile)
        self.tasks: set[asyncio.Task[None]] = set()

    def start(self, due: Due, context: Context) -> None:
        self.polling.add(due.key)
        task = asyncio.create_task(self.poll(due, context))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def poll(self, due: Due, context: Context) -> None:
        key, partition, feed, state = due.key, due.partition, due.feed, due.state
        try:
            async with self.slots:
                interval = self.fs.interval_for(feed.interval_seconds)
                state = pollstate.claim(state, time.time(), interval)
                await context.put(self.poll_state, key, state, partition=partition)
                try:
                    state = await self.hand_on(await self.fetch(key, feed, state, interval), context)
                except Exception as exc:
                    msg = f"{type(exc).__name__}: {exc}"
                    kind = FetchKind.INTERNAL
                    state = failed(self.fs, key, feed, state, interval, kind, msg, None, exc_info=True)
                if key in self.feeds:  # not removed meanwhile
                    await context.put(self.poll_state, key, state, partition=partition)
        except Exception:
            log.exception("poll crashed", extra={"feed_id": key, "url": redact_url(feed.url)})
        finally:
            self.polling.discard(key)

    async def hand_on(self, polled: Polled, context: Context) -> pollstate.State:
        for letter in polled.letters:
            await context.dead_letter(
                self.stage, letter.error, letter.reason, letter.payload.encode(), letter.key.encode()
            )
            m.ERRORS.labels(letter.error).inc()
        await asyncio.gather(*(context.send(ENTRIES, e.id.encode(), e.encode()) for e in polled.entries))
        return polled.state
