"""Agent ``fetch_pages`` on ENTRIES (``page_concurrency`` actors, behind the sequence guard).

An article not in ``seen`` (nor being fetched by another actor) is fetched once (``page_fetch``): its
RawItem goes to RAW, or it becomes a dead letter with the reason and the entry as payload. Published
articles and permanent failures are then recorded in ``seen``; a transient failure is not, so a later
entry retries it. A record that is no ``EntryRecord`` is dead-lettered ``invalid_entry``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, MutableMapping
from typing import Any

from services.fetcher import metrics as m
from services.fetcher.http import HttpClient
from services.fetcher.polling import EntryRecord
from services.fetcher.settings import FetcherSettings
from services.fetcher.units.page_fetch import fetch_page
from services.fetcher.units.page_record import Published
from services.fetcher.units.ports import DeadLetterSink, Publish
from services.fetcher.units.seen_table import seen_value
from shared import metrics as shared_metrics

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
            outcome = await fetch_page(self.client(), self.fs, entry)
            if isinstance(outcome, Published):
                await self.raw(entry.id.encode(), outcome.value)
                m.ITEMS_PUBLISHED.inc()
                shared_metrics.EVENTS_OUT.labels(STAGE).inc()
            else:
                m.ERRORS.labels(outcome.error).inc()
                await self.dead(
                    error=outcome.error,
                    reason=outcome.reason,
                    payload=entry.encode(),
                    key=entry.id,
                    event=event,
                )
            if isinstance(outcome, Published) or outcome.permanent:
                self.seen[entry.id] = seen_value(time.time())
        finally:
            self.in_flight.discard(entry.id)
