"""Agent ``fetch_pages`` on ENTRIES (``page_concurrency`` actors, behind the sequence guard).

An article not in ``seen`` (nor being fetched by another actor) is fetched once: its RawItem goes to
RAW, or it becomes a dead letter with the reason and the entry as payload. Published articles and
permanent failures are recorded in ``seen``; a transient failure is not, so a later entry retries it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, MutableMapping
from typing import Any

from services.fetcher import metrics as m
from services.fetcher.charsets import decode_html
from services.fetcher.http import FetchError, HttpClient
from services.fetcher.polling import EntryRecord
from services.fetcher.settings import FetcherSettings
from services.fetcher.units import page_record as rec
from services.fetcher.units.ports import DeadLetterSink, Publish
from services.fetcher.units.seen_table import seen_value
from shared import metrics as shared_metrics

log = logging.getLogger("services.fetcher.service")
STAGE = "fetcher"


class FetchPages:
    def __init__(
        self, fs: FetcherSettings, client: Callable[[], HttpClient], seen: MutableMapping[str, Any],
        raw: Publish, dead: DeadLetterSink,
    ) -> None:  # fmt: skip
        self.fs, self.client, self.seen, self.raw, self.dead = fs, client, seen, raw, dead
        self.in_flight: set[str] = set()  # ids being fetched by an actor (the sweep keeps them too)

    async def __call__(self, key: bytes | None, value: bytes, event: Any) -> None:
        shared_metrics.EVENTS_IN.labels(STAGE).inc()
        try:
            entry = EntryRecord.decode(value)
        except ValueError as exc:
            await self.dead(
                error="invalid_entry", reason=str(exc)[:500], payload=value or b"", key=key, event=event
            )
            return
        if self.seen.get(entry.id) is not None or entry.id in self.in_flight:
            m.DUPLICATES.inc()
            return
        self.in_flight.add(entry.id)
        try:
            try:
                outcome = await self.fetch(entry, event)
            except Exception as exc:  # a bug or an input nobody foresaw: a dead letter, the agent lives
                log.exception("page fetch crashed", extra={"article_id": entry.id})
                outcome = await self.failed(entry, event, FetchError("error", f"{type(exc).__name__}: {exc}"))
            if outcome is not None:
                self.seen[entry.id] = seen_value(time.time())
        finally:
            self.in_flight.discard(entry.id)

    async def failed(self, entry: EntryRecord, event: Any, exc: FetchError) -> str | None:
        """Dead-letters a page; returns the outcome to remember (permanent errors), else None."""
        error = rec.dead_letter_error(exc.kind)
        m.ERRORS.labels(error).inc()
        await self.dead(error=error, reason=str(exc), payload=entry.encode(), key=entry.id, event=event)
        return exc.kind if rec.is_permanent(exc.kind) else None

    async def fetch(self, entry: EntryRecord, event: Any) -> str | None:
        """Fetch and publish one article: every outcome is a RawItem on RAW or a dead letter."""
        fs, started = self.fs, time.perf_counter()
        try:
            resp = await self.client().get(
                entry.entry_url, max_bytes=fs.max_page_bytes, accept=rec.PAGE_ACCEPT,
                deadline=fs.page_deadline,
            )  # fmt: skip
            rec.check_content_type(entry.entry_url, resp)
        except FetchError as exc:
            m.FETCH_SECONDS.labels("page").observe(time.perf_counter() - started)
            return await self.failed(entry, event, exc)
        m.FETCH_SECONDS.labels("page").observe(time.perf_counter() - started)
        html, charset = await asyncio.to_thread(decode_html, resp.body, resp.content_type)
        try:
            value = rec.encoded(rec.raw_item(entry, resp, html, charset), len(resp.body))
        except FetchError as exc:
            return await self.failed(entry, event, exc)
        await self.raw(entry.id.encode(), value)
        m.ITEMS_PUBLISHED.inc()
        shared_metrics.EVENTS_OUT.labels(STAGE).inc()
        return "published"
