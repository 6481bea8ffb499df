"""Agent ``fetch-pages`` on ENTRIES (``page_concurrency`` actors, behind the sequence guard).

An article not in ``seen`` (nor being fetched by another actor) is fetched once (``page_fetch``): its
RawItem goes to RAW, or it becomes a dead letter with the reason and the entry as payload. Published
articles and permanent failures are then recorded in ``seen``; a transient failure is not, so a later
entry retries it. A record that is no ``EntryRecord`` is dead-lettered ``invalid_entry``.

Order, each step acknowledged by Kafka before the next: the RawItem (or the dead letter), then the
``seen`` record, then the input record is acked -- so a crash in between re-reads the entry and
fetches it again (at-least-once), never marks seen an article that went nowhere. The ``seen`` write
is made here, before the id leaves ``in_flight``, not left to the runner after the handler returns
(another actor could fetch the same id in between). A transient failure is a ``Reject``: the runner
sends its dead letter (with the entry's topic, partition and offset).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from services.fetcher import metrics as m
from services.fetcher.errors import FetcherError
from services.fetcher.http import HttpClient
from services.fetcher.polling import EntryRecord
from services.fetcher.settings import FetcherSettings
from services.fetcher.units.page_fetch import fetch_page
from services.fetcher.units.page_record import Published
from services.fetcher.units.seen_table import seen_value
from shared import metrics as shared_metrics
from shared.runtime import Context, Message, Outcome, Reject, Stage, Table
from shared.topics import ENTRIES, RAW

AGENT = "fetch-pages"


class FetchPages:
    def __init__(
        self, fs: FetcherSettings, client: Callable[[], HttpClient], seen: Table, stage: str
    ) -> None:
        self.fs, self.client, self.seen, self.stage = fs, client, seen, stage
        self.in_flight: set[str] = set()  # ids being fetched by an actor (the sweep keeps them too)
        self.context: Context | None = None

    def bind(self, context: Context) -> None:
        self.context = context

    async def __call__(self, records: Sequence[Message]) -> list[Outcome]:
        return [await self.one(record) for record in records]

    async def one(self, record: Message) -> Outcome:
        assert self.context is not None, "bound when the app is built"
        try:
            entry = EntryRecord.decode(record.value or b"")
        except ValueError as exc:
            return Reject(FetcherError.INVALID_ENTRY, str(exc)[:500])
        if self.seen.get(entry.id) is not None or entry.id in self.in_flight:
            m.DUPLICATES.inc()
            return ()
        self.in_flight.add(entry.id)
        try:
            outcome = await fetch_page(self.client(), self.fs, entry)
            if isinstance(outcome, Published):
                await self.context.send(RAW, entry.id.encode(), outcome.value)
                m.ITEMS_PUBLISHED.inc()
                shared_metrics.EVENTS_OUT.labels(self.stage).inc()
            else:
                m.ERRORS.labels(outcome.error).inc()
                if not outcome.permanent:
                    return Reject(outcome.error, outcome.reason)
                await self.context.dead_letter(
                    self.stage,
                    outcome.error,
                    outcome.reason,
                    entry.encode(),
                    entry.id.encode(),
                    source=record,
                )
            await self.context.put(self.seen, entry.id, seen_value(time.time()), partition=record.partition)
            return ()
        finally:
            self.in_flight.discard(entry.id)


def stage(name: str, fs: FetcherSettings, pages: FetchPages) -> Stage[Message]:
    """Batches of one (a slow page holds up only its actor), ``page_concurrency`` actors."""
    return Stage(
        name=name, agent=AGENT, input=ENTRIES, contract=None, outputs=(RAW,), handler=pages,
        offload="loop", concurrency=fs.page_concurrency, tables=(pages.seen,),
    )  # fmt: skip
