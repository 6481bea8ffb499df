"""One poll of one feed: conditional GET, parse (off the loop), and what it hands on -- the new
entries (for ENTRIES), the rejected ones (dead letters) and the feed's poll state after it. Sends
nothing itself (``feed_poll`` does), so it is tested against a real local HTTP server alone."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from services.fetcher import metrics as m
from services.fetcher import pollstate
from services.fetcher.errors import FetchError, FetchKind
from services.fetcher.http import HttpClient
from services.fetcher.polling import EntryRecord, parse_feed
from services.fetcher.settings import FetcherSettings
from services.fetcher.units.feed_body import Letter, read_feed
from services.fetcher.units.poll_log import failed, recovered
from shared.contracts import FeedConfig
from shared.logs import redact, redact_url

log = logging.getLogger("services.fetcher.service")

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"  # noqa: E501


@dataclass
class Polled:
    state: pollstate.State  # the poll state after the poll
    entries: list[EntryRecord] = field(default_factory=list)  # new: to ENTRIES
    letters: list[Letter] = field(default_factory=list)  # rejected entries reported for the first time


class FeedFetch:
    def __init__(self, fs: FetcherSettings, client: Callable[[], HttpClient]) -> None:
        self.fs, self.client = fs, client

    async def __call__(self, fid: str, feed: FeedConfig, state: pollstate.State, interval: float) -> Polled:
        fs, started = self.fs, time.perf_counter()
        try:
            resp = await self.client().get(
                feed.url, max_bytes=fs.max_feed_bytes, etag=state.get("etag"),
                last_modified=state.get("last_modified"), accept=FEED_ACCEPT, deadline=fs.feed_deadline,
            )  # fmt: skip
        except FetchError as exc:
            m.FETCH_SECONDS.labels("feed").observe(time.perf_counter() - started)
            return Polled(failed(fs, fid, feed, state, interval, exc.kind, exc.reason, exc.status))
        m.FETCH_SECONDS.labels("feed").observe(time.perf_counter() - started)
        etag, modified = resp.headers.get("etag"), resp.headers.get("last-modified")
        if resp.not_modified:
            m.POLLS.labels("not_modified").inc()
            m.NOT_MODIFIED.inc()
            recovered(fid, feed, state)
            return Polled(pollstate.after_success(
                state, now=time.time(), interval=interval, status=304, etag=etag, last_modified=modified,
                new_items=0, recent=None,
            ))  # fmt: skip
        parsed = await asyncio.to_thread(
            parse_feed, resp.body, feed_url=feed.url, base_url=resp.final_url, feed_id=fid,
            source=feed.source, lang_hint=feed.lang, content_type=resp.content_type,
            max_entries=fs.max_entries_per_poll,
        )  # fmt: skip
        if not parsed.is_feed:
            kind = resp.content_type or "no content type"
            reason = f"not a feed ({kind}): {parsed.bozo_error or 'no entries'}"
            return Polled(failed(fs, fid, feed, state, interval, FetchKind.NOT_A_FEED, reason, resp.status))
        recovered(fid, feed, state)
        url = redact_url(feed.url)
        read = read_feed(parsed, resp.body, state, fid=fid, url=url, max_entries=fs.max_entries_per_poll)
        if read.warning and read.fresh_warning:  # counted and logged once per body
            if parsed.bozo_error:
                m.ERRORS.labels("malformed_feed").inc()
            if parsed.skipped:
                m.ENTRIES_SKIPPED.inc(parsed.skipped)
            log.warning(
                "feed body with problems: %s", redact(read.warning),
                extra={"feed_id": fid, "url": url, "error": redact(parsed.bozo_error or ""),
                       "entries": parsed.total, "skipped": parsed.skipped},
            )  # fmt: skip
        m.POLLS.labels("ok").inc()
        m.ENTRIES_NEW.inc(read.new_entries)
        log.info(
            "polled feed",
            extra={"feed_id": fid, "url": url, "entries": len(parsed.entries), "new": read.new_entries,
                   "status": resp.status},
        )  # fmt: skip
        after = pollstate.after_success(
            state, now=time.time(), interval=interval, status=resp.status, etag=etag, last_modified=modified,
            new_items=read.new_entries, recent=read.recent, warning=read.warning,
            warning_key=read.warning_key, skipped=parsed.skipped,
        )  # fmt: skip
        return Polled(after, read.entries, read.letters)
