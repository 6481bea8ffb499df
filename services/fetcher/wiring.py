"""The fetcher's units wired into one faust app: the only fetcher module that knows faust.

Tables, agents and timers are declared here by name and handed to the units (``units/``) as plain
mappings and callables; what each does is in its unit.
"""

from __future__ import annotations

from typing import Any

import faust

from services.fetcher.http import HttpClient
from services.fetcher.pollstate import State
from services.fetcher.settings import FetcherSettings
from services.fetcher.units import feeds_table, seen_table
from services.fetcher.units.expire_seen_timer import ExpireSeen
from services.fetcher.units.feed_fetch import FeedFetch
from services.fetcher.units.feed_poll import FeedPoll
from services.fetcher.units.feeds_agent import FeedUpdates
from services.fetcher.units.pages_agent import STAGE, FetchPages
from services.fetcher.units.schedule_timer import Schedule
from shared.config import Settings
from shared.sequence import SequenceGuard
from shared.streaming import DeadLetters, app_topic, make_app
from shared.topics import ENTRIES, FEEDS, RAW, SEEN


def _tables(app: faust.App, settings: Settings) -> tuple[Any, Any, Any]:
    # str keys, JSON values (faust's json codec for both: changelog keys are JSON strings)
    feeds = app.Table(feeds_table.NAME, partitions=FEEDS.partition_count(settings), key_type=str)
    poll_state = app.Table(feeds_table.POLL_STATE, partitions=FEEDS.partition_count(settings), key_type=str)
    seen = app.Table(
        seen_table.NAME,
        partitions=ENTRIES.partition_count(settings),
        changelog_topic=app.topic(
            SEEN.name(settings), partitions=SEEN.partition_count(settings), compacting=True, key_type=str,
            # the table writes JSON (keys and values): read it back as JSON when recovering, not as raw
            # bytes (the app's default serializer), so recovered ids are the same strings as written ones
            key_serializer="json", value_serializer="json", internal=False,
        ),
        key_type=str,
    )  # fmt: skip
    return feeds, poll_state, seen


def build_app(settings: Settings, fs: FetcherSettings) -> faust.App:
    app = make_app(STAGE, settings)
    feeds_topic, entries_topic, raw_topic = (app_topic(app, t, settings) for t in (FEEDS, ENTRIES, RAW))
    dead = DeadLetters(app, STAGE, settings)
    feeds, poll_state, seen = _tables(app, settings)
    http: list[HttpClient] = []

    def client() -> HttpClient:  # made on first use, inside the running loop
        if not http:
            http.append(HttpClient(fs))
        return http[0]

    def put_state(key: str, partition: int, state: State | None) -> None:
        """Set (or delete) a feed's poll state; its changelog record goes to the feed's own partition."""
        if state is None:
            poll_state.data.pop(key, None)
            poll_state.send_changelog(partition, key, None, value_serializer="raw")
        else:
            poll_state.data[key] = state
            poll_state.send_changelog(partition, key, state)

    seen_partitions = ENTRIES.partition_count(settings)

    def delete_seen(key: str) -> None:
        seen.data.pop(key, None)
        getattr(seen.data, "_key_partition", {}).pop(key, None)  # the memory store's partitions of keys
        seen.send_changelog(seen_table.partition_for(key, seen_partitions), key, None, value_serializer="raw")

    def ready() -> bool:
        return bool(
            app.started and not app.rebalancing and not getattr(app, "in_recovery", False)
            and app.tables.recovery.completed.is_set()
        )  # fmt: skip

    def owned() -> set[int]:
        name = FEEDS.name(settings)
        return {tp.partition for tp in app.assignor.assigned_actives() if tp.topic == name}

    async def send_entry(key: bytes, value: bytes) -> None:
        await entries_topic.send(key=key, value=value)

    async def send_raw(key: bytes, value: bytes) -> None:
        await raw_topic.send(key=key, value=value)

    updates = FeedUpdates(feeds, put_state, dead.send)
    poll = FeedPoll(
        fs, FeedFetch(fs, client), entries=send_entry, dead=dead.send, put_state=put_state,
        listed=lambda key: key in feeds.data,
    )  # fmt: skip
    pages = FetchPages(fs, client, seen, send_raw, dead.send)
    entries_guard = SequenceGuard(app, ENTRIES, "fetch-pages", settings=settings)  # FEEDS: compacted

    @app.agent(feeds_topic)
    async def feed_updates(stream: faust.StreamT) -> None:
        async for event in stream.events():
            await updates(event.key, event.value, event.message.partition, event)

    @app.agent(entries_topic, concurrency=fs.page_concurrency)
    async def fetch_pages(stream: faust.StreamT) -> None:
        async for event in entries_guard.attach(stream).events():
            await pages(event.key, event.value, event)

    scheduler = Schedule(fs, feeds.data, poll_state.data, poll, ready=ready, owned=owned)
    sweeper = ExpireSeen(fs, seen.data, delete_seen, pages.in_flight, ready=ready)

    @app.timer(interval=fs.scheduler_tick)
    async def schedule() -> None:
        await scheduler()

    @app.timer(interval=fs.seen_sweep_interval)
    async def expire_seen() -> None:
        await sweeper()

    app.fetcher_tables = {"feeds": feeds, "poll_state": poll_state, "seen": seen}  # type: ignore[attr-defined]
    return app
