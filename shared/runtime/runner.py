"""The one runner of ``Unit`` / ``Stage`` declarations over faust-streaming (the only runtime code
touching faust).

``build_unit_app(unit)`` makes the faust app of a service: every declared ``Table`` a faust table
(bound to the declaration, bounded by its ``max_keys``), every ``Timer`` a faust timer, every task
a faust task, and every ``Stage`` one agent run by a ``StageRunner``; timers and tasks get a
``RunnerContext`` (the ``Context`` protocol). ``build_stage_app(stage)`` is the unit of one stage.

Per batch of a stage (``stream.noack_take(batch_size, within=batch_wait)`` behind the sequence
guard; a compacted input's guard takes offset gaps as compaction):

1. every record counts in ``wirewatch_events_in_total``; the batch size in ``wirewatch_batch_size``;
2. decode + validate against the input contract and call the handler -- in the stage's worker thread
   (``offload="thread"``) or on the loop for an async handler (``offload="loop"``); an invalid record
   becomes a ``Reject(invalid_contract)`` and never reaches the handler;
3. every ``Put`` is written to its table (the last write of a key in the batch; each changelog
   record acknowledged by Kafka, retried until it is: ``shared.runtime.streaming.durable_set``), then the
   tables are trimmed to their ``max_keys``;
4. then every ``Emit`` is produced and every ``Reject`` dead-lettered, all at once, each retried by
   ``shared.runtime.streaming.deliver`` until Kafka acknowledges it;
5. with a ``progress`` table, ``progress/<partition>`` = the batch's last offset is written there
   (acknowledged): the guard of the next owner resumes after it, even past uncommitted offsets;
6. only then are the batch's records acked (and the guard told): faust's commits, which the guard
   holds at the lowest record not yet acked, never pass a record whose output went nowhere.

Per message, below the batch: faust's fetch loop hands each message to the stream without its
four tasks when the hand-off does not block (``install_direct_hand_off``), and the app's faust
monitor keeps no per-message books (``LeanMonitor``): docs/performance.md, ## Indexer.

A record the guard skips (a re-read) is acked by faust without reaching the batch. On SIGTERM the
batch in progress is left unacked and read again by the next owner (at-least-once, as before).
"""

from __future__ import annotations

import asyncio
import enum
import importlib.metadata
import inspect
import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, cast

import faust
from faust.sensors import Monitor
from mode.services import WaitResults
from prometheus_client import Counter, Gauge

from shared import metrics
from shared.config import Settings, get_settings
from shared.runtime.sequence import SequenceGuard
from shared.runtime.stage import (
    AsyncHandler,
    Emit,
    Message,
    Outcome,
    Put,
    Reject,
    Stage,
    Table,
    Timer,
    Unit,
)
from shared.runtime.streaming import (
    DeadLetters,
    add_readiness_check,
    app_topic,
    deliver,
    durable_set,
    make_app,
)
from shared.topics import TopicSpec

log = logging.getLogger(__name__)

TESTED_FAUST_VERSION = "0.15.3"

TABLE_KEYS = Gauge("wirewatch_table_keys", "Keys held in a declared table (this replica)", ["table"])
TABLE_EVICTED = Counter(
    "wirewatch_table_evicted_total", "Keys deleted from a declared table past its max_keys", ["table"]
)
TIMER_ERRORS = Counter("wirewatch_timer_errors_total", "Timer or task runs that raised", ["timer"])


class UnsupportedFaustVersion(RuntimeError):
    pass


def installed_faust_version() -> str:
    try:
        return importlib.metadata.version("faust-streaming")
    except importlib.metadata.PackageNotFoundError:
        return str(getattr(faust, "__version__", "unknown"))


def check_faust_version(found: str | None = None) -> None:
    """Refuse to run on a faust-streaming release the runtime was not tested with."""
    found = found if found is not None else installed_faust_version()
    if found != TESTED_FAUST_VERSION:
        raise UnsupportedFaustVersion(
            f"shared.runtime was tested with faust-streaming {TESTED_FAUST_VERSION} only, found {found}: "
            "it relies on that release's stream internals (noack_take, manual acks, the consumer's "
            "commit offsets the sequence guard replaces). Install faust-streaming=="
            f"{TESTED_FAUST_VERSION}, or re-run tests/test_runtime_*.py, tests/test_streaming_guard.py "
            "and tests/test_hostile_pipeline.py on the new release and update TESTED_FAUST_VERSION."
        )


class LeanMonitor(Monitor):
    """faust's ``Monitor`` sensor without its per-message bookkeeping.

    The stock one counts every message and event into per-topic, per-stream and per-task dicts and
    times each of them, for faust's own ``/stats`` pages, which our apps do not serve
    (``web_stats_enabled=False``; our metrics are ``shared.metrics``, Prometheus). Kept: what faust
    itself reads back -- a stream's last inbound time (its "stream is not processing" warning), the
    end and committed offsets, rebalance, commit and assignment state (per batch or rarer).
    """

    def on_message_in(self, tp: Any, offset: int, message: Any) -> None:
        return None

    def on_stream_event_in(self, tp: Any, offset: int, stream: Any, event: Any) -> dict[str, Any] | None:
        self.stream_inbound_time[tp] = time.monotonic()
        return None

    def on_stream_event_out(
        self, tp: Any, offset: int, stream: Any, event: Any, state: dict[str, Any] | None = None
    ) -> None:
        return None

    def on_message_out(self, tp: Any, offset: int, message: Any) -> None:
        return None

    def on_send_initiated(self, producer: Any, topic: str, message: Any, keysize: int, valsize: int) -> Any:
        return None

    def on_send_completed(self, producer: Any, state: Any, metadata: Any) -> None:
        return None


class _Resumed:
    """An awaitable that goes on with a coroutine already stepped once (it yielded ``pending``):
    what ``yield from`` does, from its second step on."""

    __slots__ = ("coro", "pending")

    def __init__(self, coro: Any, pending: Any) -> None:
        self.coro = coro
        self.pending = pending

    def __await__(self) -> Any:
        coro, value = self.coro, self.pending
        while True:
            try:
                sent = yield value
            except GeneratorExit:
                coro.close()
                raise
            except BaseException as exc:  # thrown in (a cancellation): into the coroutine
                try:
                    value = coro.throw(exc)
                except StopIteration as stop:
                    return stop.value
            else:
                try:
                    value = coro.send(sent)
                except StopIteration as stop:
                    return stop.value


_EVENT_WAIT = asyncio.Event.wait.__code__


def install_direct_hand_off(consumer: Any) -> None:
    """faust's fetch loop hands every message to the conductor with
    ``await self.wait_first(callback(message), self.suspend_flow.wait())``: four tasks and an
    ``asyncio.wait`` per message, so that a hand-off blocked on a full stream buffer is abandoned
    when a rebalance suspends the flow. Here the hand-off's first step runs directly; when it
    finishes there (the usual case: the buffer had room), no task was needed and nothing could have
    been abandoned; when it blocks, the rest of it goes through faust's own ``wait_first``, with the
    same abandoning. Any other ``wait_first`` call, or one made while the flow is suspended or the
    consumer stopping, is faust's."""
    if getattr(consumer, "_wirewatch_direct_hand_off", False):
        return
    original = consumer.wait_first

    async def wait_first(*coros: Any, timeout: Any = None) -> Any:
        if timeout is None and len(coros) == 2:
            first, flag = coros
            suspend: asyncio.Event = consumer.suspend_flow
            stopped, crashed = consumer._stopped, consumer._crashed
            if (
                inspect.iscoroutine(first)
                and inspect.iscoroutine(flag)
                and flag.cr_code is _EVENT_WAIT
                and flag.cr_frame is not None
                and flag.cr_frame.f_locals.get("self") is suspend
                and not (suspend.is_set() or stopped.is_set() or crashed.is_set())
            ):
                try:
                    pending = first.send(None)
                except StopIteration as done:
                    flag.close()
                    if stopped.is_set() or crashed.is_set():
                        return WaitResults([], [], True)
                    return WaitResults([first], [done.value], False)
                except BaseException:
                    flag.close()
                    raise
                return await original(_Resumed(first, pending), flag)
        return await original(*coros, timeout=timeout)

    consumer.wait_first = wait_first
    consumer._wirewatch_direct_hand_off = True


async def _run_hooks(hooks: Sequence[Callable[[], Any]], owner: str) -> None:
    for hook in hooks:
        try:
            result = hook()
            if inspect.isawaitable(result):
                await result
        except Exception:
            log.exception("shutdown hook of %s failed", owner)


class TableStore:
    """The faust table of one ``Table`` declaration: acknowledged writes, the ``max_keys`` bound."""

    def __init__(self, app: faust.App, table: Table, settings: Settings) -> None:
        self.spec = table
        self.settings = settings
        options: dict[str, Any] = {
            "default": None,
            "partitions": table.partitions.partition_count(settings),
            "key_type": str,  # JSON keys and values (faust's codec for non-bytes types)
        }
        if table.changelog is not None:
            options["changelog_topic"] = app.topic(
                table.changelog.name(settings),
                partitions=table.partitions.partition_count(settings),
                compacting=True,
                key_type=str,
                key_serializer="json",  # recovered keys are the same strings as written ones
                value_serializer="json",
                internal=False,
            )
        self.table = app.Table(table.name, **options)
        table.bind(self.table.data)

    def _partitions(self) -> dict[str, int]:
        # the memory store's key -> changelog partition (filled on recovery; kept by our writes)
        found = getattr(self.table.data, "_key_partition", None)
        return found if isinstance(found, dict) else {}

    async def put(self, key: str, value: Any, partition: int) -> None:
        await durable_set(self.table, key, value, self.settings, partition=partition)
        partitions = self._partitions()
        if value is None:
            partitions.pop(key, None)
        else:
            partitions[key] = partition

    async def trim(self) -> int:
        """Delete the keys written longest ago while the table holds more than ``max_keys``."""
        over = len(self.table.data) - self.spec.max_keys
        evicted = 0
        if over > 0:
            partitions = self._partitions()
            for key in list(self.table.data.keys())[:over]:  # insertion order: written longest ago first
                partition = partitions.get(key)
                if partition is None:  # unknown changelog partition: only forgotten here
                    self.table.data.pop(key, None)
                    log.warning("table key evicted without a tombstone", extra={"table": self.spec.name})
                else:
                    await self.put(key, None, partition)
                evicted += 1
            TABLE_EVICTED.labels(self.spec.name).inc(evicted)
        TABLE_KEYS.labels(self.spec.name).set(len(self.table.data))
        return evicted


class RunnerContext:
    """The runner's ``Context``: what timers, tasks and ``on_build`` hooks may do (see stage.py)."""

    def __init__(self, app: faust.App, settings: Settings, tables: dict[int, TableStore]) -> None:
        self.app = app
        self._settings = settings
        self.tables = tables  # id(Table declaration) -> its store
        self._topics: dict[str, faust.TopicT] = {}
        self._dead: dict[str, DeadLetters] = {}

    @property
    def settings(self) -> Settings:
        return self._settings

    def topic(self, spec: TopicSpec) -> faust.TopicT:
        found = self._topics.get(spec.key)
        if found is None:
            found = self._topics[spec.key] = app_topic(self.app, spec, self._settings)
        return found

    def dead_letters(self, stage: str) -> DeadLetters:
        found = self._dead.get(stage)
        if found is None:
            found = self._dead[stage] = DeadLetters(self.app, stage, self._settings)
        return found

    def store(self, table: Table) -> TableStore:
        try:
            return self.tables[id(table)]
        except KeyError:
            raise ValueError(f"table {table.name!r} is not declared in the unit") from None

    def ready(self) -> bool:
        app = self.app
        return bool(
            app.started
            and not app.rebalancing
            and not getattr(app, "in_recovery", False)
            and cast(Any, app.tables).recovery.completed.is_set()  # TableManager's, not in TableManagerT
        )

    def owned(self, topic: TopicSpec) -> set[int]:
        name = topic.name(self._settings)
        return {tp.partition for tp in self.app.assignor.assigned_actives() if tp.topic == name}

    async def send(self, topic: TopicSpec, key: bytes | None, value: bytes) -> None:
        if topic.key not in self._topics:
            raise ValueError(f"topic {topic.key!r} is declared neither in Unit.sends nor as a stage output")
        await deliver(self._topics[topic.key], key=key, value=value, settings=self._settings)

    async def put(self, table: Table, key: str, value: Any, *, partition: int) -> None:
        store = self.store(table)
        await store.put(key, value, partition)
        await store.trim()

    async def dead_letter(
        self,
        stage: str,
        error: enum.StrEnum | str,
        reason: str,
        payload: bytes,
        key: bytes | None = None,
        *,
        source: Message | None = None,
    ) -> None:
        where = None if source is None else (source.topic, source.partition, source.offset)
        await self.dead_letters(stage).send(
            error=str(error), reason=reason, payload=payload, key=key, position=where
        )


class AckedProgress:
    """The guard's progress store over a declared table (``progress/<partition>`` -> the last offset
    handled): the runner writes it, acknowledged by Kafka, before it acks a batch, so ``done`` has
    nothing left to do (faust's own table writes would need the stream's current event)."""

    def __init__(self, store: TableStore) -> None:
        self.store = store

    @staticmethod
    def key(partition: int) -> str:
        return f"progress/{partition}"

    def last(self, tp: Any) -> int | None:
        value = self.store.table.data.get(self.key(tp.partition))
        return int(value) if value is not None else None

    def done(self, event: Any) -> None:
        return None

    async def write(self, events: Sequence[Any]) -> None:
        last: dict[int, int] = {}
        for event in events:
            partition, offset = event.message.partition, event.message.offset
            last[partition] = max(offset, last.get(partition, -1))
        await asyncio.gather(
            *(self.store.put(self.key(partition), offset, partition) for partition, offset in last.items())
        )


class StageRunner:
    """Runs one ``Stage`` inside a faust app (see the module docstring)."""

    def __init__(
        self, app: faust.App, stage: Stage[Any], settings: Settings, context: RunnerContext | None = None
    ) -> None:
        self.app = app
        self.stage = stage
        self.settings = settings
        self.context = context or RunnerContext(app, settings, {})
        for table in (*stage.tables, *((stage.progress,) if stage.progress else ())):
            if id(table) not in self.context.tables:
                self.context.tables[id(table)] = TableStore(app, table, settings)
        self.source = app_topic(app, stage.input, settings)
        self.outputs = {spec.key: self.context.topic(spec) for spec in stage.outputs}
        self.dead = self.context.dead_letters(stage.name)
        self.guard: SequenceGuard | None = None
        self.progress: AckedProgress | None = None
        if stage.progress is not None:
            self.progress = AckedProgress(self.context.store(stage.progress))
        # a compacted input is guarded in gap mode (compaction leaves offset holes by design)
        self.guard = SequenceGuard(
            app,
            stage.input,
            stage.agent,
            settings=settings,
            progress=self.progress,
            stall_check_seconds=stage.stall_check_seconds,
        )
        self.executor: ThreadPoolExecutor | None = None
        if stage.offload == "thread":
            self.executor = ThreadPoolExecutor(stage.concurrency, thread_name_prefix=f"{stage.name}-handler")

    async def close(self) -> None:
        await _run_hooks(self.stage.on_shutdown, self.stage.name)
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)

    def revoked(self, partitions: set[int]) -> None:
        for hook in self.stage.on_revoked:
            try:
                hook(partitions)
            except Exception:
                log.exception("revocation hook of %s failed", self.stage.agent)

    async def outcomes(self, payloads: list[Message]) -> list[Outcome]:
        stage = self.stage
        if self.executor is not None:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self.executor, stage.process, payloads)
        decoded = stage.decode(payloads)
        valid = [i for i, d in enumerate(decoded) if not isinstance(d, Reject)]
        outcomes: list[Outcome] = [d if isinstance(d, Reject) else () for d in decoded]
        if valid:
            records = [decoded[i] for i in valid]
            try:
                answers: list[Outcome] = list(await cast(AsyncHandler, stage.handler)(records))
                stage.check(answers, len(records))
            except Exception:
                log.exception("batch handler failed; handling its records one by one")
                answers = [await self._one(record) for record in records]
            for i, answer in zip(valid, answers, strict=True):
                outcomes[i] = answer
        return outcomes

    async def _one(self, record: Any) -> Outcome:
        try:
            answers: list[Outcome] = list(await cast(AsyncHandler, self.stage.handler)([record]))
            self.stage.check(answers, 1)
            return answers[0]
        except Exception as exc:
            log.exception("handler failed on one record")
            return Reject(f"{self.stage.name}_error", f"{type(exc).__name__}: {exc}")

    async def _emit(self, emit: Emit) -> None:
        await deliver(self.outputs[emit.topic.key], key=emit.key, value=emit.value, settings=self.settings)

    async def _write(self, events: Sequence[Any], outcomes: Sequence[Outcome]) -> None:
        """Every ``Put`` of the batch (the last per key), each acknowledged; then trim the tables."""
        last: dict[tuple[int, str], tuple[Put, int]] = {}
        for event, outcome in zip(events, outcomes, strict=True):
            if isinstance(outcome, Reject):
                continue
            for effect in outcome:
                if isinstance(effect, Put):
                    partition = effect.partition if effect.partition is not None else event.message.partition
                    key = (id(effect.table), effect.key)
                    last.pop(key, None)  # keep the batch's order of last writes
                    last[key] = (effect, partition)
        if not last:
            return
        stores = self.context.tables
        await asyncio.gather(
            *(stores[id(put.table)].put(put.key, put.value, partition) for put, partition in last.values())
        )
        for table_id in {table_id for table_id, _ in last}:
            await stores[table_id].trim()

    async def handle_batch(self, stream: faust.StreamT[Any], events: Sequence[Any]) -> None:
        name = self.stage.name
        count = len(events)
        metrics.EVENTS_IN.labels(name).inc(count)
        metrics.BATCH_SIZE.labels(name).observe(count)
        start = time.perf_counter()
        payloads = [
            Message(
                event.key, event.value, event.message.topic, event.message.partition, event.message.offset
            )
            for event in events
        ]
        try:
            outcomes = await self.outcomes(payloads)
            await self._write(events, outcomes)  # table writes acknowledged before anything is emitted
            sends = []
            emitted = 0
            for event, outcome in zip(events, outcomes, strict=True):
                if isinstance(outcome, Reject):
                    sends.append(self._dead(event, str(outcome.error), outcome.reason))
                else:
                    emits = [effect for effect in outcome if isinstance(effect, Emit)]
                    emitted += 1 if self.stage.sink else len(emits)
                    sends.extend(self._emit(emit) for emit in emits)
            await asyncio.gather(*sends)  # every acknowledgement (each send retried until acked)
        except asyncio.CancelledError:
            raise  # shutdown or revocation: the batch stays unacked, it is read again
        except Exception as exc:  # a bug in the runner itself: never lose the records
            log.error("unexpected error handling a batch", exc_info=exc)
            reason = f"{type(exc).__name__}: {exc}"
            await asyncio.gather(*(self._dead(event, f"{name}_error", reason) for event in events))
            emitted = 0
        metrics.EVENTS_OUT.labels(name).inc(emitted)
        per_record = (time.perf_counter() - start) / count
        histogram = metrics.PROCESSING_SECONDS.labels(name)
        for _ in range(count):
            histogram.observe(per_record)
        if self.progress is not None:  # handled (acknowledged): the guard resumes after these records
            await self.progress.write(events)
        for event in events:
            await stream.ack(event)
            if self.guard is not None:
                self.guard.done(event)

    async def _dead(self, event: Any, error: str, reason: str) -> None:
        await self.dead.send(
            error=error, reason=reason, payload=event.value or b"", key=event.key, event=event
        )


def build_unit_app(unit: Unit, settings: Settings | None = None, **make_app_options: Any) -> faust.App:
    """The faust app of ``unit``: ``make_app`` + its tables, stages (one batching agent each, behind
    the sequence guard), timers, tasks and readiness checks.

    Refuses (``UnsupportedFaustVersion``) on a faust-streaming release other than the tested one.
    Run it with ``shared.runtime.streaming.run_worker`` (graceful shutdown as every stage).
    """
    check_faust_version()
    settings = settings or get_settings()
    options: dict[str, Any] = {"Monitor": LeanMonitor}
    for stage in unit.stages:
        options.update(stage.app_options)
    app = make_app(unit.name, settings, **{**options, **unit.app_options, **make_app_options})
    context = RunnerContext(app, settings, {})
    for table in unit.tables:
        context.tables[id(table)] = TableStore(app, table, settings)
    for spec in unit.sends:
        context.topic(spec)
    runners = [StageRunner(app, stage, settings, context) for stage in unit.stages]
    for runner in runners:
        _add_agent(app, runner)
    for timer in unit.timers:
        _add_timer(app, timer, context)
    for task in unit.tasks:
        _add_task(app, task, context)
    for check in unit.readiness:
        add_readiness_check(app, check)
    by_topic = {runner.source.get_topic_name(): runner for runner in runners}

    @app.on_partitions_revoked.connect  # type: ignore[arg-type]  # mode's receiver type is (sender, /, *args, signal=, **kw); ours names its parameters
    async def _revoked(app: faust.App, revoked: set[Any], **kwargs: Any) -> None:
        for topic, runner in by_topic.items():
            partitions = {tp.partition for tp in revoked if tp.topic == topic}
            if partitions:
                runner.revoked(partitions)

    @app.on_before_shutdown.connect  # type: ignore[arg-type]  # mode's receiver type is (sender, /, *args, signal=, **kw); ours names its parameters
    async def _close(app: faust.App, **kwargs: Any) -> None:
        # after the consumer stopped and the streams drained
        for runner in runners:
            await runner.close()
        await _run_hooks(unit.on_shutdown, unit.name)

    for hook in unit.on_build:
        hook(context)
    app.wirewatch_runners = {runner.stage.agent: runner for runner in runners}  # type: ignore[attr-defined]  # our attribute on the faust app
    app.wirewatch_runner = runners[0] if runners else None  # type: ignore[attr-defined]  # our attribute on the faust app
    app.wirewatch_context = context  # type: ignore[attr-defined]  # our attribute on the faust app
    return app


def _add_agent(app: faust.App, runner: StageRunner) -> None:
    stage = runner.stage

    @app.agent(runner.source, name=stage.agent, concurrency=stage.concurrency)
    async def run_stage(stream: faust.StreamT[Any]) -> None:
        if runner.guard is not None:
            runner.guard.attach(stream)
        install_direct_hand_off(app.consumer)  # the fetch loop's per-message tasks, when not needed
        take = cast(Any, stream).noack_take  # Stream's, not declared on StreamT
        async for events in take(stage.batch_size, within=stage.batch_wait):
            await runner.handle_batch(stream, events)


async def _guarded(name: str, run: Callable[[RunnerContext], Any], context: RunnerContext) -> None:
    try:
        await run(context)
    except asyncio.CancelledError:
        raise
    except Exception:
        TIMER_ERRORS.labels(name).inc()
        log.exception("timer or task %s failed", name)


def _add_timer(app: faust.App, timer: Timer, context: RunnerContext) -> None:
    async def tick() -> None:
        await _guarded(timer.name, timer.run, context)

    app.timer(interval=timer.interval, on_leader=timer.on_leader, name=timer.name)(tick)


def _add_task(app: faust.App, task: Callable[[RunnerContext], Any], context: RunnerContext) -> None:
    name = getattr(task, "__qualname__", "task")

    async def start() -> None:
        await _guarded(name, task, context)

    start.__qualname__ = f"{name}-start"
    app.task(start)


def build_stage_app(
    stage: Stage[Any], settings: Settings | None = None, **make_app_options: Any
) -> faust.App:
    """The faust app of a service of one ``stage`` (``Unit.of(stage)``); see ``build_unit_app``."""
    return build_unit_app(Unit.of(stage), settings, **make_app_options)
