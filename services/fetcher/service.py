"""The fetcher as a faust app.

* ``feed_updates`` (agent on FEEDS, compacted, keyed by feed id) keeps the ``feeds`` table, whose
  changelog rebuilds the list after a restart (the group resumes FEEDS from committed offsets).
  Each replica owns some FEEDS partitions, hence some feeds.
* ``schedule`` (timer) polls the due feeds of the partitions this replica owns, with per-feed state
  (validators, failures, next poll) in the ``poll_state`` table, written to the changelog partition
  of the feed so that it follows the feed to whichever replica owns it next. Each entry not in the
  feed's previous poll goes to ENTRIES keyed by article id.
* ``fetch_pages`` (agent on ENTRIES) checks the ``seen`` table (changelog = SEEN topic), which is
  co-partitioned with ENTRIES: one article, from any feed or replica, has one owner and is
  published to RAW once.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

import faust

from services.fetcher import metrics as m
from services.fetcher import pollstate
from services.fetcher.charsets import decode_html
from services.fetcher.http import FetchError, HttpClient
from services.fetcher.polling import EntryRecord, parse_feed
from services.fetcher.settings import FetcherSettings
from shared import metrics as shared_metrics
from shared.config import Settings
from shared.contracts import ContractError, FeedConfig, RawItem
from shared.sequence import SequenceGuard
from shared.streaming import DeadLetters, app_topic, make_app
from shared.topics import ENTRIES, FEEDS, RAW, SEEN

log = logging.getLogger(__name__)

STAGE = "fetcher"
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"  # noqa: E501
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
PAGE_TYPES = ("html", "xml", "text/plain")
# Page failures that will not get better by trying again: marked seen after the dead letter.
PERMANENT_PAGE_ERRORS = frozenset({"too_large", "blocked", "robots", "http_4xx", "unsupported_content_type"})


def build_app(settings: Settings, fs: FetcherSettings) -> faust.App:
    app = make_app(STAGE, settings)
    feeds_topic = app_topic(app, FEEDS, settings)
    entries_topic = app_topic(app, ENTRIES, settings)
    raw_topic = app_topic(app, RAW, settings)
    dead = DeadLetters(app, STAGE, settings)
    feeds_name = FEEDS.name(settings)
    # str keys, JSON values (faust's json codec for both: changelog keys are JSON strings)
    table_opts: dict[str, Any] = {"key_type": str}
    feeds_table = app.Table("feeds", partitions=FEEDS.partition_count(settings), **table_opts)
    poll_state = app.Table("poll_state", partitions=FEEDS.partition_count(settings), **table_opts)
    seen = app.Table(
        "seen",
        partitions=ENTRIES.partition_count(settings),
        changelog_topic=app.topic(
            SEEN.name(settings),
            partitions=SEEN.partition_count(settings),
            compacting=True,
            key_type=str,
            internal=False,
        ),
        **table_opts,
    )
    http: dict[str, HttpClient] = {}
    polling: set[str] = set()
    in_flight_pages: set[str] = set()
    tasks: set[asyncio.Task[None]] = set()
    poll_slots = asyncio.Semaphore(fs.max_concurrent_polls)

    def client() -> HttpClient:
        if "c" not in http:
            http["c"] = HttpClient(fs)
        return http["c"]

    def put_state(key: str, partition: int, state: pollstate.State | None) -> None:
        """Set (or delete) a feed's poll state; its changelog record goes to the feed's own partition."""
        if state is None:
            poll_state.data.pop(key, None)
            poll_state.send_changelog(partition, key, None, value_serializer="raw")
        else:
            poll_state.data[key] = state
            poll_state.send_changelog(partition, key, state)

    @app.agent(feeds_topic)
    async def feed_updates(stream: faust.StreamT) -> None:
        async for event in stream.events():
            raw_key: bytes | None = event.key
            shared_metrics.EVENTS_IN.labels(STAGE).inc()
            if not raw_key:
                await dead.send(
                    error="no_key", reason="feeds record without a key", payload=event.value or b""
                )
                continue
            key = raw_key.decode("utf-8", "replace")
            if event.value is None:  # tombstone: the feed was removed
                if key in feeds_table:
                    del feeds_table[key]
                put_state(key, event.message.partition, None)
                log.info("feed removed", extra={"feed_id": key})
                continue
            try:
                feed = FeedConfig.decode(event.value)
            except ContractError as exc:
                await dead.send(
                    error="invalid_contract", reason=str(exc), payload=event.value, key=key, event=event
                )
                continue
            feeds_table[key] = {"feed": feed.model_dump(mode="json"), "partition": event.message.partition}
            log.info("feed registered", extra={"feed_id": key, "url": feed.url})

    def ready() -> bool:
        recovery = app.tables.recovery
        return (
            app.started
            and not app.rebalancing
            and not getattr(app, "in_recovery", False)
            and recovery.completed.is_set()
        )

    def owned_partitions() -> set[int]:
        return {tp.partition for tp in app.assignor.assigned_actives() if tp.topic == feeds_name}

    @app.timer(interval=fs.scheduler_tick)
    async def schedule() -> None:
        if not ready():
            return
        owned = owned_partitions()
        now = time.time()
        enabled = failing = 0
        for key, value in list(feeds_table.data.items()):
            if not value or value.get("partition") not in owned:
                continue
            feed = FeedConfig.model_validate(value["feed"])
            if not feed.enabled:
                continue
            enabled += 1
            state = poll_state.data.get(key)
            if state and state.get("failures"):
                failing += 1
            fid = key
            if fid in polling or not pollstate.is_due(state, now, fs.interval_for(feed.interval_seconds)):
                continue
            polling.add(fid)
            task = asyncio.create_task(poll(key, int(value["partition"]), feed, dict(state or {})))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
        m.FEEDS_OWNED.set(enabled)
        m.FEEDS_FAILING.set(failing)

    async def poll(key: str, partition: int, feed: FeedConfig, state: pollstate.State) -> None:
        fid = key
        try:
            async with poll_slots:
                interval = fs.interval_for(feed.interval_seconds)
                state = pollstate.claim(state, time.time(), interval)
                put_state(key, partition, state)
                state = await poll_feed(fid, feed, state, interval)
                if key in feeds_table.data:  # not removed meanwhile
                    put_state(key, partition, state)
        except Exception:
            log.exception("poll crashed", extra={"feed_id": fid, "url": feed.url})
        finally:
            polling.discard(fid)

    async def poll_feed(
        fid: str, feed: FeedConfig, state: pollstate.State, interval: float
    ) -> pollstate.State:
        started = time.perf_counter()
        try:
            resp = await client().get(
                feed.url,
                max_bytes=fs.max_feed_bytes,
                etag=state.get("etag"),
                last_modified=state.get("last_modified"),
                accept=FEED_ACCEPT,
            )
        except FetchError as exc:
            m.FETCH_SECONDS.labels("feed").observe(time.perf_counter() - started)
            return failed(fid, feed, state, interval, exc.kind, str(exc), exc.status)
        m.FETCH_SECONDS.labels("feed").observe(time.perf_counter() - started)
        etag, modified = resp.headers.get("etag"), resp.headers.get("last-modified")
        if resp.not_modified:
            m.POLLS.labels("not_modified").inc()
            m.NOT_MODIFIED.inc()
            return pollstate.after_success(
                state, now=time.time(), interval=interval, status=304, etag=etag, last_modified=modified,
                new_items=0, recent=None,
            )  # fmt: skip
        parsed = await asyncio.to_thread(
            parse_feed,
            resp.body,
            feed_url=feed.url,
            base_url=resp.final_url,
            feed_id=fid,
            source=feed.source,
            lang_hint=feed.lang,
            content_type=resp.content_type,
        )
        if not parsed.is_feed:
            reason = (
                f"not a feed ({resp.content_type or 'no content type'}): {parsed.bozo_error or 'no entries'}"
            )
            return failed(fid, feed, state, interval, "not_a_feed", reason, resp.status)
        warning = None
        if parsed.bozo_error:
            warning = f"malformed feed, kept {parsed.total} entries: {parsed.bozo_error}"
            m.ERRORS.labels("malformed_feed").inc()
            log.warning("malformed feed", extra={"feed_id": fid, "url": feed.url, "error": parsed.bozo_error})
        ids = [e.id for e in parsed.entries]
        rejected_keys = [r.key for r in parsed.rejected]
        new = pollstate.novel(state, ids + rejected_keys)
        for rejected in parsed.rejected:
            if rejected.key not in new:
                continue  # reported when it first appeared
            await dead.send(
                error=rejected.error,
                reason=f"{rejected.reason} (feed {feed.url})",
                payload=json.dumps({"feed_url": feed.url, "feed_id": fid, "entry": rejected.entry}),
                key=fid,
            )
            m.ERRORS.labels(rejected.error).inc()
        for entry in parsed.entries:
            if entry.id in new:
                await entries_topic.send(key=entry.id.encode(), value=entry.encode())
        new_entries = len(new) - sum(1 for k in rejected_keys if k in new)
        m.POLLS.labels("ok").inc()
        m.ENTRIES_NEW.inc(new_entries)
        log.info(
            "polled feed",
            extra={
                "feed_id": fid,
                "url": feed.url,
                "entries": len(ids),
                "new": new_entries,
                "status": resp.status,
            },
        )
        return pollstate.after_success(
            state, now=time.time(), interval=interval, status=resp.status, etag=etag, last_modified=modified,
            new_items=new_entries, recent=ids + rejected_keys, warning=warning,
        )  # fmt: skip

    def failed(
        fid: str,
        feed: FeedConfig,
        state: pollstate.State,
        interval: float,
        kind: str,
        msg: str,
        status: int | None,
    ) -> pollstate.State:
        m.POLLS.labels("error").inc()
        m.ERRORS.labels(kind).inc()
        new_state = pollstate.after_failure(
            state, now=time.time(), interval=interval, cap=fs.failure_backoff_max_seconds, kind=kind,
            message=msg, status=status,
        )  # fmt: skip
        log.warning(
            "feed poll failed",
            extra={
                "feed_id": fid, "url": feed.url, "kind": kind, "error": msg[:300],
                "failures": new_state["failures"], "next_in": round(new_state["next_poll"] - time.time(), 1),
            },
        )  # fmt: skip
        return new_state

    entries_guard = SequenceGuard(app, ENTRIES, "fetch-pages", settings=settings)  # FEEDS: compacted

    @app.agent(entries_topic, concurrency=fs.page_concurrency)
    async def fetch_pages(stream: faust.StreamT) -> None:
        async for event in entries_guard.attach(stream).events():
            shared_metrics.EVENTS_IN.labels(STAGE).inc()
            try:
                entry = EntryRecord.decode(event.value)
            except ValueError as exc:
                await dead.send(
                    error="invalid_entry", reason=str(exc)[:500], payload=event.value or b"", key=event.key,
                    event=event,
                )  # fmt: skip
                continue
            key = entry.id
            if seen.get(key) is not None or entry.id in in_flight_pages:
                m.DUPLICATES.inc()
                continue
            in_flight_pages.add(entry.id)
            try:
                outcome = await fetch_page(entry, event)
                if outcome is not None:
                    seen[key] = {"at": int(time.time()), "outcome": outcome}
            finally:
                in_flight_pages.discard(entry.id)

    async def fetch_page(entry: EntryRecord, event: Any) -> str | None:
        """Fetch and publish one article; returns the outcome to remember, None to allow a retry later."""
        started = time.perf_counter()
        try:
            resp = await client().get(entry.entry_url, max_bytes=fs.max_page_bytes, accept=PAGE_ACCEPT)
            content_type = resp.content_type
            if content_type and not any(t in content_type.lower() for t in PAGE_TYPES):
                raise FetchError(
                    "unsupported_content_type", f"{entry.entry_url}: {content_type}", status=resp.status
                )
        except FetchError as exc:
            m.FETCH_SECONDS.labels("page").observe(time.perf_counter() - started)
            error = {"too_large": "page_too_large"}.get(exc.kind, f"page_{exc.kind}")
            m.ERRORS.labels(error).inc()
            await dead.send(error=error, reason=str(exc), payload=entry.encode(), key=entry.id, event=event)
            return exc.kind if exc.kind in PERMANENT_PAGE_ERRORS else None
        m.FETCH_SECONDS.labels("page").observe(time.perf_counter() - started)
        html, charset = await asyncio.to_thread(decode_html, resp.body, content_type)
        item = RawItem(
            id=entry.id,
            feed_url=entry.feed_url,
            source=entry.source,
            lang_hint=entry.lang_hint,
            entry_url=entry.entry_url,
            canonical_url=entry.canonical_url,
            final_url=resp.final_url,
            entry_title=entry.title,
            entry_summary=entry.summary,
            entry_author=entry.author,
            entry_published=entry.published,
            http_status=resp.status,
            content_type=content_type,
            charset=charset,
            html=html,
        )
        await raw_topic.send(key=entry.id.encode(), value=item.encode())
        m.ITEMS_PUBLISHED.inc()
        shared_metrics.EVENTS_OUT.labels(STAGE).inc()
        return "published"

    app.fetcher_tables = {"feeds": feeds_table, "poll_state": poll_state, "seen": seen}  # type: ignore[attr-defined]
    return app
