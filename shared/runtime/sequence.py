"""The sequence guard: every agent sees every record of its partitions, in order, none skipped.

Why: faust-streaming 0.15.3 can drop records it prefetched while resuming after a rebalance or a
restart and then commit past them (the class of faust-streaming#216 and #221; #217/#223 attempted
fixes). Its fetch loop keeps a per-partition read offset; when a batch fetched before a seek to the
committed offset is delivered after it, the read offset jumps ahead, the records re-fetched from the
committed offset are dropped as "already read", and the offsets in between are recorded as a gap
that counts as acknowledged -- so the next commit moves past records no agent ever saw. The same
fill-the-gap rule lets a commit move past a record that is still being handled.

What the guard does, per partition of one (non-compacted) topic, with a ``Ledger``:

* it knows the next offset it expects: the last handled offset + 1 from a progress store (the
  alerter's changelog table), else the committed offset, else the partition's log start;
* a record at that offset is admitted; a record below it was admitted before (a re-read after a
  seek or a rebalance) and is skipped -- acked, so commits advance; a record beyond it means records
  went missing: it is skipped and the consumer is sought back to the first missing offset, unless
  retention already deleted those records;
* a timer seeks back a partition whose records wait in Kafka while nothing of it is in progress
  (the whole tail of a partition can be dropped: no later record would reveal that gap);
* the offsets faust commits for the topic are the guard's: the lowest admitted record not yet
  acked, else the next expected offset -- never past a record that was not handled.

A compacted topic (the fetcher's ``feeds``) is guarded in gap mode: compaction leaves legitimate
offset gaps (no transactions are used here, so the other topics have contiguous offsets), so a record
beyond the expected offset is admitted, not answered by a seek; re-reads are still skipped, commits
are still the guard's, and the stall timer still re-reads a partition whose records wait while none
is in progress (the last record of a partition is never compacted away, so a highwater above the
expected offset means a record is there). Seen in the fetcher's two-replica test: after the
rebalance a replica got three ``feeds`` partitions with records in them and delivered none of them
for a minute (its feeds were never polled); the stall check re-reads them. What gap mode cannot
see is a drop in the middle of a compacted partition (a later record arrives, and the gap before
it looks like compaction).

Duplicates remain possible (a record in flight
when its partition moves is handled again by the new owner): stateless stages are at-least-once and
their consumers idempotent; the alerter keeps its progress in a changelog table and marks it before
acting, which makes it at-most-once.

Use: ``guard = SequenceGuard(app, CLASSIFIED, "indexer")`` in ``build_app``, then in the agent
``async for event in guard.attach(stream).events():`` (or ``guard.attach(stream.noack())`` for manual
acks). Everything that reaches the agent body has been admitted; skipped records never do.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

import faust
from faust.exceptions import Skip
from faust.types import TP
from prometheus_client import Counter

from shared.config import Settings
from shared.topics import TopicSpec

log = logging.getLogger(__name__)

RESEEKS = Counter(
    "wirewatch_stream_reseeks_total",
    "Seeks back to records the stream skipped (faust record loss caught by the sequence guard)",
    ["agent", "reason"],
)
SKIPPED = Counter(
    "wirewatch_stream_skipped_total",
    "Records the sequence guard skipped (already handled, or beyond a gap being re-read)",
    ["agent"],
)


class Admit(enum.Enum):
    ADMIT = "admit"  # the next record: hand it to the agent
    SKIP = "skip"  # handled before: ack it without handling it again
    SEEK = "seek"  # records before it are missing: skip it and read the missing ones again


def decide(*, offset: int, expected: int, earliest: int | None, gaps: bool = False) -> Admit:
    """What to do with the record at ``offset`` when ``expected`` is the next one to handle.

    ``earliest`` is the partition's log start, when known: missing records below it were deleted
    by retention and cannot be read again. ``gaps``: a compacted topic, whose offsets have holes by
    design: a later record is admitted.
    """
    if offset == expected:
        return Admit.ADMIT
    if offset < expected:
        return Admit.SKIP
    if gaps:
        return Admit.ADMIT
    if earliest is not None and offset <= earliest:
        return Admit.ADMIT  # everything between expected and offset has expired
    return Admit.SEEK


@dataclass
class Ledger:
    """The guard's bookkeeping for one partition (pure: no Kafka)."""

    expected: int | None = None  # next offset to admit; None until seeded
    pending: set[int] = field(default_factory=set)  # admitted, not yet finished (acked)
    gaps: bool = False  # a compacted topic: offset gaps are compaction, not loss

    def seed(self, *, committed: int | None, earliest: int | None, last_handled: int | None = None) -> None:
        """Where to start: a stored progress mark, else the committed offset, else the log start."""
        if self.expected is not None:
            return
        if last_handled is not None:
            self.expected = last_handled + 1
        elif committed is not None:
            self.expected = committed
        else:
            self.expected = earliest

    def admit(self, offset: int, *, earliest: int | None = None) -> Admit:
        if self.expected is None:  # start unknown (no commit, no log start): trust the first record
            self.expected = offset
        decision = decide(offset=offset, expected=self.expected, earliest=earliest, gaps=self.gaps)
        if decision is Admit.ADMIT:
            self.pending.add(offset)
            self.expected = offset + 1
        return decision

    def resume_at(self, earliest: int | None) -> int:
        """The first missing offset that can still be read."""
        assert self.expected is not None
        return max(self.expected, earliest or 0)

    def finish(self, offset: int) -> None:
        self.pending.discard(offset)

    def commit_position(self) -> int | None:
        """The offset it is safe to commit: every record below it was handled (or skipped as handled)."""
        if self.pending:
            return min(self.pending)
        return self.expected


class ProgressStore(Protocol):
    """Where the last handled offset of each partition lives beyond the process (if anywhere)."""

    def last(self, tp: TP) -> int | None: ...

    def done(self, event: Any) -> None: ...


class MemoryProgress:
    """No stored progress: the guard starts each assignment from the committed offset.

    Enough for stages whose duplicates are harmless (at-least-once): the guard keeps commits from
    passing unhandled records, so the committed offset is a safe place to start.
    """

    def last(self, tp: TP) -> int | None:
        return None

    def done(self, event: Any) -> None:
        return None


class TableProgress:
    """Progress in a faust table (``progress/<partition>`` -> last handled offset).

    The table's changelog restores it on whichever replica owns the partition next, so a record
    handled before a crash is never handled again (the alerter writes the mark before acting).
    """

    def __init__(self, table: Any) -> None:
        self.table = table

    @staticmethod
    def key(event: Any) -> str:
        return f"progress/{event.message.partition}"

    def last(self, tp: TP) -> int | None:
        value = self.table.get(f"progress/{tp.partition}")
        return int(value) if value is not None else None

    def done(self, event: Any) -> None:
        self.table[self.key(event)] = event.message.offset


_GUARDS_ATTR = "wirewatch_sequence_guards"


async def _seek_in_consumer_thread(consumer: Any, tp: TP, offset: int) -> None:
    """``consumer.seek(tp, offset)``, with the aiokafka seek run on the consumer's own thread.

    faust-streaming 0.15.3's ``Consumer.seek`` calls the aiokafka consumer's ``seek`` from the app's
    thread while that consumer runs its fetcher in its own thread: a seek landing in the middle of
    ``Fetcher.fetched_records`` removed the partition's buffered records under it, and the
    ``KeyError`` crashed the worker (seen in the grouper's restart test under load: the guard sought
    a gap back while the fetcher drained the same partition). Run there, the seek happens between
    the fetcher's steps, as aiokafka expects; faust's read offset is then reset as ``Consumer.seek``
    does.
    """
    thread = getattr(consumer, "_thread", None)
    if thread is None or not hasattr(thread, "call_thread") or not hasattr(consumer, "_read_offset"):
        await consumer.seek(tp, offset)  # no consumer thread: faust's own seek is safe
        return
    await thread.call_thread(thread.seek, tp, offset)
    consumer._read_offset[tp] = offset if offset else None


class SequenceGuard:
    """Guards one topic of one faust app (see the module docstring)."""

    RESEEK_AFTER = 2.0  # seconds before seeking again for the same missing offset
    MAX_RESEEKS = 5  # re-reads of one gap that bring nothing back: Kafka has no records there
    EARLIEST_TTL = 2.0  # seconds a looked-up log start is reused while a gap is being re-read

    def __init__(
        self,
        app: faust.App,
        spec: TopicSpec,
        name: str,
        *,
        settings: Settings | None = None,
        progress: ProgressStore | None = None,
        stall_check_seconds: float = 10.0,
    ) -> None:
        settings = settings or app.wirewatch_settings  # type: ignore[attr-defined]  # set by make_app
        self.app = app
        self.name = name
        self.topic = spec.name(settings)
        self.gaps = spec.compacted  # gap mode (see the module docstring)
        self.progress: ProgressStore = progress or MemoryProgress()
        self._ledgers: dict[TP, Ledger] = {}
        self._messages: dict[TP, dict[int, Any]] = {}  # admitted offset -> faust message (acked flag)
        self._seeding: dict[TP, asyncio.Lock] = {}
        self._earliest: dict[TP, tuple[int, float]] = {}
        self._sought: dict[TP, tuple[int, float, int]] = {}  # resume offset, when, how often
        self._watch: dict[TP, int] = {}
        self._attached = False  # no stall checks before the agent reads (e.g. waiting for its index)
        guards: dict[str, SequenceGuard] = app.__dict__.setdefault(_GUARDS_ATTR, {})
        if self.topic in guards:
            raise ValueError(f"{self.topic} already has a sequence guard in this app")
        guards[self.topic] = self
        if len(guards) == 1:
            app.on_partitions_revoked.connect(_forget_revoked)  # type: ignore[arg-type]  # mode's receiver type is (sender, /, *args, signal=, **kw); ours names its parameters

        async def stall_check() -> None:
            await self.check_stalled()

        app.timer(interval=stall_check_seconds, name=f"{name}-stall-check")(stall_check)

    # -- the agent side ---------------------------------------------------------------------------

    def attach(self, stream: faust.StreamT[Any]) -> faust.StreamT[Any]:
        """Admit each record of ``stream`` before the agent (or ``noack_take``) sees it."""
        _install_commit_hook(self.app)
        self._attached = True

        async def admit_current(value: Any) -> Any:
            event = stream.current_event
            if event is not None and event.message.topic == self.topic and not await self.admit(event):
                raise Skip()  # faust acks skipped records: commits advance past them
            return value

        stream.add_processor(admit_current)
        return stream

    def done(self, event: Any) -> None:
        """The agent handled this event (stores progress where the store keeps it)."""
        self.progress.done(event)

    async def admit(self, event: Any) -> bool:
        """True when the agent should handle this event; False when it must be skipped."""
        message = event.message
        tp: TP = message.tp
        offset: int = message.offset
        ledger = self._ledgers.get(tp)
        if ledger is None or ledger.expected is None:
            ledger = await self._seed(tp)
        decision = ledger.admit(offset)
        if decision is Admit.SEEK:
            sought = self._sought.get(tp)
            if (
                sought is not None
                and sought[0] == ledger.expected
                and time.monotonic() - sought[1] < self.RESEEK_AFTER
            ):
                decision = Admit.SKIP  # already re-reading from there
            else:
                earliest = await self._log_start(tp)
                decision = ledger.admit(offset, earliest=earliest)
                if decision is Admit.SEEK and sought is not None and sought[0] == ledger.expected:
                    if sought[2] >= self.MAX_RESEEKS:  # read again and again: nothing is there
                        log.error(
                            "offsets missing from Kafka itself; going on after them",
                            extra={"agent": self.name, "topic": tp.topic, "partition": tp.partition,
                                   "expected": ledger.expected, "got": offset},
                        )  # fmt: skip
                        decision = ledger.admit(offset, earliest=offset)
                if decision is Admit.SEEK:
                    await self._seek(tp, ledger.resume_at(earliest), reason="gap", got=offset)
        if decision is Admit.ADMIT:
            self._messages.setdefault(tp, {})[offset] = message
            return True
        SKIPPED.labels(self.name).inc()
        return False

    # -- commits, stalls, rebalances ----------------------------------------------------------------

    def commit_position(self, tp: TP) -> int | None:
        """The offset faust may commit for ``tp`` (None: nothing new)."""
        ledger = self._ledgers.get(tp)
        if ledger is None:
            return None
        self._sweep(tp, ledger)
        position = ledger.commit_position()
        committed = committed_offsets(self.app).get(tp)
        if position is None or (committed is not None and position <= committed):
            return None
        return position

    async def check_stalled(self) -> None:
        """Seek back a partition whose records wait in Kafka while none of them is being handled.

        Covers what ``admit`` cannot see: when the whole tail of a partition was dropped, no later
        record arrives to reveal the gap. A record that was only slow to arrive is skipped when it is
        read the second time.
        """
        app = self.app
        if not self._attached or app.rebalancing or not app.started:
            return
        consumer = app.consumer
        tps = [tp for tp in consumer.assignment() if tp.topic == self.topic]
        if not tps:
            return
        highwaters = await consumer.highwaters(*tps)
        for tp in tps:
            ledger = self._ledgers.get(tp)
            if ledger is not None:
                self._sweep(tp, ledger)
            if ledger is not None and ledger.pending:
                self._watch.pop(tp, None)  # busy with it
                continue
            expected = ledger.expected if ledger is not None else None
            if expected is None:
                last = self.progress.last(tp)
                expected = last + 1 if last is not None else committed_offsets(self.app).get(tp)
            if expected is None:
                expected = await self._log_start(tp) or 0
            if (highwaters.get(tp) or 0) <= expected:
                self._watch.pop(tp, None)
                continue
            previous = self._watch.get(tp)
            self._watch[tp] = expected
            if previous != expected:
                continue  # progress since the last look (or first look): give it time
            resume = max(expected, await self._log_start(tp, fresh=True) or 0)
            await self._seek(tp, resume, reason="stalled", got=None)

    def forget(self, tps: set[TP]) -> None:
        """Partitions revoked: their next owner (maybe us again) starts from the committed offset."""
        for tp in tps:
            if tp.topic != self.topic:
                continue
            self._ledgers.pop(tp, None)
            self._messages.pop(tp, None)
            self._sought.pop(tp, None)
            self._watch.pop(tp, None)
            self._earliest.pop(tp, None)

    # -- internals ----------------------------------------------------------------------------------

    async def _seed(self, tp: TP) -> Ledger:
        lock = self._seeding.setdefault(tp, asyncio.Lock())
        async with lock:  # FIFO: concurrent actors keep their order
            ledger = self._ledgers.setdefault(tp, Ledger(gaps=self.gaps))
            if ledger.expected is None:
                committed = committed_offsets(self.app).get(tp)
                last = self.progress.last(tp)
                earliest = None
                if committed is None and last is None:
                    earliest = await self._log_start(tp)
                ledger.seed(committed=committed, earliest=earliest, last_handled=last)
            return ledger

    async def _log_start(self, tp: TP, *, fresh: bool = False) -> int | None:
        cached = self._earliest.get(tp)
        now = time.monotonic()
        if cached is not None and not fresh and now - cached[1] < self.EARLIEST_TTL:
            return cached[0]
        try:
            offsets = await self.app.consumer.earliest_offsets(tp)
        except Exception as exc:  # broker unreachable: decide without it (a seek is retried)
            log.warning("log start of %s unknown: %r", tp, exc)
            return None
        earliest = offsets.get(tp)
        if earliest is not None:
            self._earliest[tp] = (int(earliest), now)
        return int(earliest) if earliest is not None else None

    async def _seek(self, tp: TP, offset: int, *, reason: str, got: int | None) -> None:
        previous = self._sought.get(tp)
        count = previous[2] if previous is not None and previous[0] == offset else 0
        if reason == "gap":  # only re-reads answering a gap count towards giving up on it
            count += 1
        self._sought[tp] = (offset, time.monotonic(), count)
        log.warning(
            "records missing in the stream; reading them again"
            if reason == "gap"
            else "partition stalled with records waiting; reading them again",
            extra={
                "agent": self.name,
                "topic": tp.topic,
                "partition": tp.partition,
                "expected": offset,
                "got": got,
                "reason": reason,
            },
        )
        RESEEKS.labels(self.name, reason).inc()
        try:
            await _seek_in_consumer_thread(self.app.consumer, tp, offset)
        except Exception as exc:  # e.g. the partition was revoked meanwhile
            log.warning("seek of %s to %d failed: %r", tp, offset, exc)

    def _sweep(self, tp: TP, ledger: Ledger) -> None:
        messages = self._messages.get(tp)
        if not messages:
            return
        for offset in [o for o, m in messages.items() if m.acked]:
            del messages[offset]
            ledger.finish(offset)


async def _forget_revoked(app: faust.App, revoked: set[TP], **kwargs: Any) -> None:
    for guard in app.__dict__.get(_GUARDS_ATTR, {}).values():
        guard.forget(set(revoked))


def committed_offsets(app: faust.App) -> dict[TP, int]:
    """faust's last committed offset per partition (the Consumer's private ``_committed_offset``)."""
    found: dict[TP, int] = cast(Any, app.consumer)._committed_offset
    return found


def _install_commit_hook(app: faust.App) -> None:
    """Make faust commit, for guarded topics, the guard's position instead of its own.

    faust's ``Consumer._new_offset`` still runs (it keeps its acknowledgement lists short) but its
    answer, which counts never-delivered gaps as acknowledged, is replaced by the guard's.
    """
    consumer: Any = app.consumer  # faust's Consumer: its private _new_offset is replaced here
    if getattr(consumer, "_wirewatch_sequence_hook", False):
        return
    guards: dict[str, SequenceGuard] = app.__dict__[_GUARDS_ATTR]
    original: Callable[[TP], int | None] = consumer._new_offset

    def new_offset(tp: TP) -> int | None:
        proposed = original(tp)
        guard = guards.get(tp.topic)
        return proposed if guard is None else guard.commit_position(tp)

    consumer._new_offset = new_offset
    consumer._wirewatch_sequence_hook = True
