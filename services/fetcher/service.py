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
import hashlib
import json
import logging
import time
from typing import Any

import faust
from aiokafka.partitioner import murmur2

from services.fetcher import metrics as m
from services.fetcher import pollstate
from services.fetcher.charsets import decode_html
from services.fetcher.http import FetchError, HttpClient
from services.fetcher.polling import EntryRecord, parse_feed
from services.fetcher.settings import FetcherSettings
from shared import metrics as shared_metrics
from shared.config import Settings
from shared.contracts import ContractError, FeedConfig, RawItem
from shared.logs import redact, redact_url
from shared.sequence import SequenceGuard
from shared.streaming import MAX_RECORD_BYTES, DeadLetters, app_topic, make_app
from shared.topics import ENTRIES, FEEDS, RAW, SEEN

log = logging.getLogger(__name__)

STAGE = "fetcher"
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"  # noqa: E501
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
PAGE_TYPES = ("html", "xml", "text/plain")
# Page failures that will not get better by trying again: marked seen after the dead letter.
PERMANENT_PAGE_ERRORS = frozenset(
    {"too_large", "blocked", "robots", "http_4xx", "unsupported_content_type", "invalid_url", "decoding",
     "too_many_encodings", "error"}
)  # fmt: skip
# A RawItem is JSON: a page of control characters grows sixfold (\u0001). What does not fit the send
# limit (less room for the key, headers and batch overhead) is dead-lettered ``page_too_large``.
RAW_RECORD_LIMIT = MAX_RECORD_BYTES - 64 * 1024


def seen_at(value: Any) -> float:
    """When an id was recorded in ``seen``: the value is the time (an int); older records were
    ``{"at": ..., "outcome": ...}``."""
    if isinstance(value, bytes):  # a raw changelog value
        try:
            value = json.loads(value)
        except ValueError:
            return 0.0
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, dict):
        try:
            return float(value.get("at") or 0)
        except (TypeError, ValueError):
            return 0.0
    return 0.0


def partition_for(key: str, partitions: int) -> int:
    """The partition Kafka's default partitioner gives ``key`` (how ENTRIES records are keyed, and so
    the ``seen`` changelog partition of the id)."""
    return (murmur2(key.encode()) & 0x7FFFFFFF) % partitions


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
            # the table writes JSON (keys and values): read it back as JSON when recovering, not as raw
            # bytes (the app's default serializer), so recovered ids are the same strings as written ones
            key_serializer="json",
            value_serializer="json",
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
                try:
                    state = await poll_feed(fid, feed, state, interval)
                except Exception as exc:  # a bug or an input nobody foresaw: a failure state, not a loop
                    msg = f"{type(exc).__name__}: {exc}"
                    state = failed(fid, feed, state, interval, "internal", msg, None, exc_info=True)
                if key in feeds_table.data:  # not removed meanwhile
                    put_state(key, partition, state)
        except Exception:
            log.exception("poll crashed", extra={"feed_id": fid, "url": redact_url(feed.url)})
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
                deadline=fs.feed_deadline,
            )
        except FetchError as exc:
            m.FETCH_SECONDS.labels("feed").observe(time.perf_counter() - started)
            return failed(fid, feed, state, interval, exc.kind, str(exc), exc.status)
        m.FETCH_SECONDS.labels("feed").observe(time.perf_counter() - started)
        etag, modified = resp.headers.get("etag"), resp.headers.get("last-modified")
        if resp.not_modified:
            m.POLLS.labels("not_modified").inc()
            m.NOT_MODIFIED.inc()
            recovered(fid, feed, state)
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
            max_entries=fs.max_entries_per_poll,
        )
        if not parsed.is_feed:
            reason = (
                f"not a feed ({resp.content_type or 'no content type'}): {parsed.bozo_error or 'no entries'}"
            )
            return failed(fid, feed, state, interval, "not_a_feed", reason, resp.status)
        recovered(fid, feed, state)
        url = redact_url(feed.url)
        # A truncated or malformed body, or one over the entry cap, is a warning: counted and logged once
        # per body (the same body re-served says nothing new), kept in the poll state for `feeds status`.
        warnings = []
        if parsed.bozo_error:
            warnings.append(f"malformed feed, kept {parsed.total} entries: {parsed.bozo_error}")
        if parsed.skipped:
            warnings.append(
                f"{parsed.total} entries, {parsed.skipped} over max_entries_per_poll="
                f"{fs.max_entries_per_poll} not handled"
            )
        warning = "; ".join(warnings) or None
        warning_key = hashlib.sha256(resp.body).hexdigest()[:16] if warning else None
        if warning and warning_key != state.get("warning_key"):
            if parsed.bozo_error:
                m.ERRORS.labels("malformed_feed").inc()
            if parsed.skipped:
                m.ENTRIES_SKIPPED.inc(parsed.skipped)
            log.warning(
                "feed body with problems: %s", redact(warning),
                extra={"feed_id": fid, "url": url, "error": redact(parsed.bozo_error or ""),
                       "entries": parsed.total, "skipped": parsed.skipped},
            )  # fmt: skip
        ids = [e.id for e in parsed.entries]
        rejected_keys = [r.key for r in parsed.rejected]
        new = pollstate.novel(state, ids + rejected_keys)
        for rejected in parsed.rejected:
            if rejected.key not in new:
                continue  # reported when it first appeared
            await dead.send(
                error=rejected.error,
                reason=redact(f"{rejected.reason} (feed {url})"),
                payload=json.dumps({"feed_url": url, "feed_id": fid, "entry": rejected.entry}),
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
                "url": url,
                "entries": len(ids),
                "new": new_entries,
                "status": resp.status,
            },
        )
        return pollstate.after_success(
            state, now=time.time(), interval=interval, status=resp.status, etag=etag, last_modified=modified,
            new_items=new_entries, recent=ids + rejected_keys, warning=warning, warning_key=warning_key,
            skipped=parsed.skipped,
        )  # fmt: skip

    def recovered(fid: str, feed: FeedConfig, state: pollstate.State) -> None:
        """Logs "feed back" once when a failing feed polls fine again."""
        if state.get("failures"):
            since = state.get("down_since")
            log.info(
                "feed back after %d failed polls", int(state["failures"]),
                extra={"feed_id": fid, "url": redact_url(feed.url), "state": "up",
                       "down_seconds": round(time.time() - float(since), 1) if since else None},
            )  # fmt: skip

    def failed(
        fid: str,
        feed: FeedConfig,
        state: pollstate.State,
        interval: float,
        kind: str,
        msg: str,
        status: int | None,
        *,
        exc_info: bool = False,
    ) -> pollstate.State:
        """The failure state of a poll; logged when the feed starts failing (or fails differently),
        then every ``failure_log_interval`` s while it keeps failing, not at every poll."""
        m.POLLS.labels("error").inc()
        m.ERRORS.labels(kind).inc()
        now = time.time()
        msg = redact(msg)
        new_state = pollstate.after_failure(
            state, now=now, interval=interval, cap=fs.failure_backoff_max_seconds, kind=kind,
            message=msg, status=status,
        )  # fmt: skip
        what = pollstate.failure_log(state, new_state, now, fs.failure_log_interval)
        if what is not None:
            new_state["failure_logged_at"] = now
            since = float(new_state.get("down_since") or now)
            log.warning(
                "feed failing (%s)" if what == "down" else "feed still failing (%s)", kind,
                extra={
                    "feed_id": fid, "url": redact_url(feed.url), "kind": kind, "error": msg[:300],
                    "state": what, "failures": new_state["failures"], "down_seconds": round(now - since, 1),
                    "next_in": round(new_state["next_poll"] - now, 1),
                },
                exc_info=exc_info and what == "down",
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
                try:
                    outcome = await fetch_page(entry, event)
                except Exception as exc:  # a bug or an input nobody foresaw: a dead letter, the agent lives
                    log.exception("page fetch crashed", extra={"article_id": entry.id})
                    crash = FetchError("error", f"{type(exc).__name__}: {exc}")
                    outcome = await page_failed(entry, event, crash)
                if outcome is not None:
                    seen[key] = int(time.time())  # an int, not a dict: ~700 B per id, not ~940
            finally:
                in_flight_pages.discard(entry.id)

    async def page_failed(entry: EntryRecord, event: Any, exc: FetchError) -> str | None:
        """Dead-letters a page; returns the outcome to remember (permanent errors), else None."""
        error = {"too_large": "page_too_large"}.get(exc.kind, f"page_{exc.kind}")
        m.ERRORS.labels(error).inc()
        await dead.send(error=error, reason=str(exc), payload=entry.encode(), key=entry.id, event=event)
        return exc.kind if exc.kind in PERMANENT_PAGE_ERRORS else None

    async def fetch_page(entry: EntryRecord, event: Any) -> str | None:
        """Fetch and publish one article; returns the outcome to remember, None to allow a retry later.

        Every outcome is a RawItem on RAW or a dead letter."""
        started = time.perf_counter()
        try:
            resp = await client().get(
                entry.entry_url, max_bytes=fs.max_page_bytes, accept=PAGE_ACCEPT, deadline=fs.page_deadline
            )
            content_type = resp.content_type
            if content_type and not any(t in content_type.lower() for t in PAGE_TYPES):
                raise FetchError(
                    "unsupported_content_type", f"{entry.entry_url}: {content_type}", status=resp.status
                )
        except FetchError as exc:
            m.FETCH_SECONDS.labels("page").observe(time.perf_counter() - started)
            return await page_failed(entry, event, exc)
        m.FETCH_SECONDS.labels("page").observe(time.perf_counter() - started)
        html, charset = await asyncio.to_thread(decode_html, resp.body, content_type)
        final_url = redact_url(resp.final_url)  # no userinfo or ?token= values in RAW, the index, letters
        item = RawItem(
            id=entry.id,
            feed_url=redact_url(entry.feed_url),
            source=entry.source,
            lang_hint=entry.lang_hint,
            entry_url=redact_url(entry.entry_url),
            canonical_url=redact_url(entry.canonical_url),  # the id stays that of the real URL
            final_url=final_url,
            entry_title=entry.title,
            entry_summary=entry.summary,
            entry_author=entry.author,
            entry_published=entry.published,
            http_status=resp.status,
            content_type=content_type,
            charset=charset,
            html=html,
        )
        value = item.encode()
        if len(value) > RAW_RECORD_LIMIT:
            msg = (
                f"{final_url}: the record is {len(value)} bytes once encoded as JSON ({len(resp.body)} bytes "
                f"fetched), over the send limit of {RAW_RECORD_LIMIT}"
            )
            return await page_failed(entry, event, FetchError("too_large", msg, status=resp.status))
        await raw_topic.send(key=entry.id.encode(), value=value)
        m.ITEMS_PUBLISHED.inc()
        shared_metrics.EVENTS_OUT.labels(STAGE).inc()
        return "published"

    seen_partitions = ENTRIES.partition_count(settings)
    swept: list[int] = []

    @app.timer(interval=fs.seen_sweep_interval)
    async def expire_seen() -> None:
        """Deletes ids older than ``seen_retention_days`` from ``seen``: from memory, and with a
        tombstone in the changelog (partition of the id), which compaction then drops, so neither the
        table nor its replay at start grows forever."""
        if not ready():
            return
        cutoff = time.time() - fs.seen_retention_days * 86400
        expired = [k for k, v in seen.data.items() if seen_at(v) < cutoff]  # no await: no change meanwhile
        key_partition = getattr(seen.data, "_key_partition", {})  # the memory store's partitions of keys
        for n, key in enumerate(expired, 1):
            if key in in_flight_pages or seen_at(seen.data.get(key)) >= cutoff:
                continue  # being fetched, or recorded again since the list was made
            seen.data.pop(key, None)
            key_partition.pop(key, None)
            seen.send_changelog(partition_for(key, seen_partitions), key, None, value_serializer="raw")
            if n % 1000 == 0:
                await asyncio.sleep(0)  # let the agents run during a large sweep
        m.SEEN_EXPIRED.inc(len(expired))
        m.SEEN_IDS.set(len(seen.data))
        if expired or not swept:  # the first sweep after the start says how much was recovered
            log.info("seen table swept", extra={"expired": len(expired), "kept": len(seen.data)})
        swept.append(1)
        del swept[1:]

    app.fetcher_tables = {"feeds": feeds_table, "poll_state": poll_state, "seen": seen}  # type: ignore[attr-defined]
    return app
