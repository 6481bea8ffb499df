"""What a stage declares (pure: no faust, no Kafka): its topics, its input contract, its handler.

A handler is pure: it gets a batch of decoded input records and returns, for each of them in order,
either what to produce and write (``Emit``: topic, key, value bytes; ``Put``: a key of a declared
``Table``) or why it cannot be handled (``Reject``: an error kind and a reason, which the runner turns
into a dead letter). It never talks to Kafka, so it is unit-tested with plain objects;
``shared.runtime.runner`` does everything else.

A ``Unit`` is one deployable service: its stages (one faust agent each), its tables, its timers and
start tasks. Timers, tasks and ``on_build`` hooks get a ``Context`` (settings, acknowledged sends and
table writes, dead letters, owned partitions, readiness) instead of the faust app.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar, cast

from shared.contracts import ContractError
from shared.topics import TopicSpec

log = logging.getLogger(__name__)

In = TypeVar("In")
In_co = TypeVar("In_co", covariant=True)
In_contra = TypeVar("In_contra", contravariant=True)


class ErrorKind(enum.StrEnum):
    """Dead-letter kinds the runner itself produces (stages add their own ``StrEnum``)."""

    INVALID_CONTRACT = "invalid_contract"  # the input record is not a valid instance of the contract


class AckPolicy(enum.Enum):
    """When the runner acks the input records of a batch."""

    # every output and dead letter of the batch acknowledged by Kafka (retried until it is), then the
    # whole batch is acked: nothing is committed past a record whose output went nowhere
    AFTER_OUTPUTS = "after_outputs"


@dataclass(frozen=True, slots=True)
class Emit:
    """One record to produce: to one of the stage's declared output topics."""

    topic: TopicSpec
    key: bytes | None
    value: bytes


@dataclass(frozen=True, slots=True)
class Reject:
    """The record goes to the dead-letter topic with this error kind and reason."""

    error: enum.StrEnum | str
    reason: str


class Table:
    """A named, bounded table (str key -> JSON value) kept in memory and in a compacted changelog.

    Declared by the service (``Unit.tables``) and bound by the runner to faust's table when the app
    is built; until then (unit tests) it reads from a plain dict (``bind`` another one to seed it).
    Reads (``get``, ``in``, ``len``, ``items``) see the acknowledged state. Writes are ``Put``
    outcomes of a handler or ``await Context.put(...)``: each returns (or the input record is
    acked) only once Kafka acknowledged its changelog record. ``max_keys`` bounds it: past it, the
    runner deletes the keys written longest ago (tombstones, counted in
    ``wirewatch_table_evicted_total``); a service that bounds its table itself sets it as a backstop.

    ``partitions``: the topic the table is co-partitioned with (its changelog has as many partitions;
    a ``Put`` of a handler goes to the partition of the input record it answers, so the key follows
    that partition to whichever replica owns it). ``changelog``: a topic of ``shared.topics`` as the
    changelog (JSON keys and values), else faust's ``<group>-<name>-changelog``.
    """

    __slots__ = ("_data", "changelog", "max_keys", "name", "partitions")

    def __init__(
        self, name: str, *, partitions: TopicSpec, max_keys: int, changelog: TopicSpec | None = None
    ) -> None:
        if max_keys < 1:
            raise ValueError(f"table {name}: max_keys must be >= 1")
        if changelog is not None and not changelog.compacted:
            raise ValueError(f"table {name}: its changelog topic {changelog.key!r} must be compacted")
        self.name = name
        self.partitions = partitions
        self.max_keys = max_keys
        self.changelog = changelog
        self._data: Mapping[str, Any] = {}

    def bind(self, data: Mapping[str, Any]) -> None:
        """Read from ``data`` (the runner binds faust's store; tests a dict)."""
        self._data = data

    def get(self, key: str, default: Any = None) -> Any:
        value = self._data.get(key)
        return default if value is None else value

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __len__(self) -> int:
        return len(self._data)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._data))

    def items(self) -> list[tuple[str, Any]]:
        """A snapshot of the (key, value) pairs (safe to read while the loop writes)."""
        return list(self._data.items())

    def __repr__(self) -> str:
        return f"Table({self.name!r}, max_keys={self.max_keys})"


@dataclass(frozen=True, slots=True)
class Put:
    """Write ``key`` = ``value`` into one of the stage's declared tables (``None``: delete it, a
    tombstone). ``partition``: the changelog partition; ``None`` (handlers): the input record's."""

    table: Table
    key: str
    value: Any
    partition: int | None = None


@dataclass(frozen=True, slots=True)
class Message:
    """An input record as it came (a stage with ``contract=None`` gets these: keys, tombstones)."""

    key: bytes | None
    value: bytes | None
    topic: str = ""
    partition: int = 0
    offset: int = -1


Effect = Emit | Put
Outcome = Sequence[Effect] | Reject


class Contract(Protocol[In_co]):
    """An input contract class: ``decode(bytes)`` validates, raising ``ContractError``."""

    def decode(self, data: bytes | str) -> In_co: ...


class Handler(Protocol[In_contra]):
    """Pure: a batch of decoded records in, one ``Outcome`` per record out (same order, same length).

    May raise: the runner then handles the records one by one, so one poison record is isolated, and
    a record whose handling still raises is dead-lettered as ``<stage>_error``.
    """

    def __call__(self, records: Sequence[In_contra]) -> Sequence[Outcome]: ...


AsyncHandler = Callable[[Sequence[Any]], Awaitable[Sequence[Outcome]]]


class Context(Protocol):
    """What timers, start tasks and ``on_build`` hooks get instead of the faust app (the runner
    implements it). Every send and write returns once Kafka acknowledged it (retried until then)."""

    @property
    def settings(self) -> Any: ...  # the Settings the unit runs with

    def ready(self) -> bool:
        """The worker runs, no rebalance is in progress and the tables are recovered."""
        ...

    def owned(self, topic: TopicSpec) -> set[int]:
        """The partitions of ``topic`` this replica actively owns now."""
        ...

    async def send(self, topic: TopicSpec, key: bytes | None, value: bytes) -> None:
        """Produce one record to ``topic`` (declared in ``Unit.sends`` or a stage's outputs)."""
        ...

    async def put(self, table: Table, key: str, value: Any, *, partition: int) -> None:
        """``table[key] = value`` (``None``: delete) in changelog partition ``partition``."""
        ...

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
        """Send a dead letter (the stage's name, an error kind, why, the original bytes); ``source``:
        the input record it stands for, whose topic, partition and offset the letter then carries."""
        ...


TimerFunction = Callable[[Context], Awaitable[None]]


@dataclass(frozen=True)
class Timer:
    """``run(context)`` every ``interval`` seconds (on one replica of the group when ``on_leader``).
    An exception is logged and the next tick runs as usual."""

    name: str
    interval: float
    run: TimerFunction
    on_leader: bool = False

    def __post_init__(self) -> None:
        if self.interval <= 0:
            raise ValueError(f"timer {self.name}: interval must be > 0")


@dataclass(frozen=True)
class Stage(Generic[In]):
    """A stage of the pipeline, declared once; ``shared.runtime.runner.build_stage_app`` runs it.

    ``handler`` is called off the event loop in the stage's one worker thread (``offload="thread"``:
    CPU-bound pure code, the loop keeps heartbeats and fetches going) or awaited on the loop
    (``offload="loop"``: an async handler whose own work happens elsewhere, e.g. a process pool).
    """

    name: str  # the stage (consumer group, metrics label, dead-letter stage)
    agent: str  # the faust agent's name (also the sequence guard's metrics label)
    input: TopicSpec  # guarded (shared.runtime.sequence) unless compacted
    contract: Any  # a contract class with ``decode`` (``Contract[In]``); None: records are ``Message``s
    outputs: tuple[TopicSpec, ...]  # () for a sink (its effect is elsewhere, e.g. an Elasticsearch write)
    handler: Handler[In] | AsyncHandler
    batch_size: int = 1
    batch_wait: float = 0.05  # seconds a partial batch waits for more records
    ack: AckPolicy = AckPolicy.AFTER_OUTPUTS
    offload: str = "thread"  # "thread" | "loop"
    concurrency: int = 1  # faust agent actors
    app_options: dict[str, Any] = field(default_factory=dict)  # extra ``make_app`` / faust app settings
    # called (awaited when they return an awaitable) before the worker stops (e.g. close a pool)
    on_shutdown: tuple[Callable[[], Any], ...] = ()
    tables: tuple[Table, ...] = ()  # the tables the handler may ``Put`` to
    on_revoked: tuple[Callable[[set[int]], None], ...] = ()  # input partitions taken from this replica
    # the runner writes ``progress/<partition>`` = the last offset handled here (acknowledged, before
    # each batch is acked) and the guard resumes after it: what was handled is never handled again
    progress: Table | None = None
    stall_check_seconds: float = 10.0  # the guard's check for partitions whose tail was dropped

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise ValueError(f"{self.name}: batch_size must be >= 1")
        if self.batch_wait <= 0:
            raise ValueError(f"{self.name}: batch_wait must be > 0 (faust would wait forever)")
        if self.offload not in ("thread", "loop"):
            raise ValueError(f"{self.name}: offload is 'thread' or 'loop', not {self.offload!r}")
        if self.concurrency < 1:
            raise ValueError(f"{self.name}: concurrency must be >= 1")

    @property
    def sink(self) -> bool:
        """No output topic: the handler's effect is elsewhere (``events_out`` counts records handled)."""
        return not self.outputs

    def decode(self, payloads: Sequence[bytes | Message | None]) -> list[Any | Reject]:
        """Each payload as the input contract, or a ``Reject`` (``invalid_contract``); with
        ``contract=None`` the ``Message``s themselves."""
        out: list[Any | Reject] = []
        for payload in payloads:
            if self.contract is None:
                out.append(payload if isinstance(payload, Message) else Message(None, payload))
                continue
            value = payload.value if isinstance(payload, Message) else payload
            try:
                out.append(self.contract.decode(value or b""))
            except ContractError as exc:
                out.append(Reject(ErrorKind.INVALID_CONTRACT, str(exc)))
        return out

    def check(self, outcomes: Sequence[Outcome], count: int) -> None:
        """A handler's answer must be one outcome per record, emitting only to declared outputs."""
        if len(outcomes) != count:
            raise ValueError(f"{self.name}: handler returned {len(outcomes)} outcomes for {count} records")
        allowed = {spec.key for spec in self.outputs}
        tables = {id(table) for table in self.tables}
        for outcome in outcomes:
            if isinstance(outcome, Reject):
                continue
            for effect in outcome:
                if isinstance(effect, Put):
                    if id(effect.table) not in tables:
                        raise ValueError(f"{self.name}: writes to undeclared table {effect.table.name!r}")
                elif not isinstance(effect, Emit):
                    raise ValueError(f"{self.name}: {type(effect).__name__} is neither Emit nor Put")
                elif effect.topic.key not in allowed:
                    raise ValueError(f"{self.name}: emits to undeclared topic {effect.topic.key!r}")

    def process(self, payloads: Sequence[bytes | Message | None]) -> list[Outcome]:
        """Decode, validate and handle a batch with a synchronous handler (what the worker thread runs)."""
        decoded = self.decode(payloads)
        valid = [i for i, d in enumerate(decoded) if not isinstance(d, Reject)]
        outcomes: list[Outcome] = [d if isinstance(d, Reject) else () for d in decoded]
        if not valid:
            return outcomes
        records = [decoded[i] for i in valid]
        handler = cast(Handler[Any], self.handler)  # offload='thread': a synchronous handler
        try:
            answers = list(handler(records))
            self.check(answers, len(records))
        except Exception:  # isolate the record that breaks the batch
            log.exception("batch handler failed; handling its records one by one")
            answers = [self._one(record) for record in records]
        for i, answer in zip(valid, answers, strict=True):
            outcomes[i] = answer
        return outcomes

    def _one(self, record: Any) -> Outcome:
        handler = cast(Handler[Any], self.handler)  # offload='thread': a synchronous handler
        try:
            answers = list(handler([record]))
            self.check(answers, 1)
            return answers[0]
        except Exception as exc:
            log.exception("handler failed on one record")
            return Reject(f"{self.name}_error", f"{type(exc).__name__}: {exc}")


@dataclass(frozen=True)
class Unit:
    """One deployable service: ``name`` is its consumer group (``<prefix>-<name>``) and web/metrics
    service name; ``stages`` its agents (each run by the runner); ``tables`` every table its stages,
    timers and tasks use; ``timers``; ``tasks`` run once when the worker starts; ``sends`` extra
    topics ``Context.send`` may produce to; ``readiness`` extra ``/readyz`` checks; ``on_build``
    called with the ``Context`` when the app is built (hand it to objects that need it);
    ``app_options`` extra ``make_app`` settings (the stages' are merged in); ``on_shutdown`` hooks
    as a stage's."""

    name: str
    stages: tuple[Stage[Any], ...] = ()
    tables: tuple[Table, ...] = ()
    timers: tuple[Timer, ...] = ()
    tasks: tuple[TimerFunction, ...] = ()
    sends: tuple[TopicSpec, ...] = ()
    readiness: tuple[Callable[[], Awaitable[bool]], ...] = ()
    on_build: tuple[Callable[[Context], None], ...] = ()
    app_options: dict[str, Any] = field(default_factory=dict)
    on_shutdown: tuple[Callable[[], Any], ...] = ()

    def __post_init__(self) -> None:
        agents = [stage.agent for stage in self.stages]
        if len(set(agents)) != len(agents):
            raise ValueError(f"{self.name}: two stages with one agent name ({agents})")
        inputs = [stage.input.key for stage in self.stages]
        if len(set(inputs)) != len(inputs):
            raise ValueError(f"{self.name}: one input topic per stage ({inputs}: the guard is per topic)")
        names = [table.name for table in self.tables]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.name}: two tables named alike ({names})")
        declared = {id(table) for table in self.tables}
        for stage in self.stages:
            for table in (*stage.tables, *((stage.progress,) if stage.progress else ())):
                if id(table) not in declared:
                    raise ValueError(f"{self.name}: stage {stage.agent} uses undeclared table {table.name!r}")
        timers = [timer.name for timer in self.timers]
        if len(set(timers)) != len(timers):
            raise ValueError(f"{self.name}: two timers named alike ({timers})")

    @classmethod
    def of(cls, stage: Stage[Any]) -> Unit:
        """The unit of a single stage (its tables declared with it)."""
        tables = (*stage.tables, *((stage.progress,) if stage.progress else ()))
        return cls(stage.name, (stage,), tables=tuple(dict.fromkeys(tables)))


__all__ = [
    "AckPolicy",
    "AsyncHandler",
    "Context",
    "Contract",
    "Effect",
    "Emit",
    "ErrorKind",
    "Handler",
    "Message",
    "Outcome",
    "Put",
    "Reject",
    "Stage",
    "Table",
    "Timer",
    "TimerFunction",
    "Unit",
]
