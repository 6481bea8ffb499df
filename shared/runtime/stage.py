"""What a stage declares (pure: no faust, no Kafka): its topics, its input contract, its handler.

A handler is pure: it gets a batch of decoded input records and returns, for each of them in order,
either the records to produce (``Emit``: topic, key, value bytes) or why it cannot be handled
(``Reject``: an error kind and a reason, which the runner turns into a dead letter). It never talks to
Kafka, so it is unit-tested with plain objects; ``shared.runtime.runner`` does everything else.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from shared.contracts import ContractError
from shared.topics import TopicSpec

log = logging.getLogger(__name__)

In = TypeVar("In")
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


Outcome = Sequence[Emit] | Reject


class Contract(Protocol[In]):  # type: ignore[misc]
    """An input contract class: ``decode(bytes)`` validates, raising ``ContractError``."""

    def decode(self, data: bytes | str) -> In: ...


class Handler(Protocol[In_contra]):
    """Pure: a batch of decoded records in, one ``Outcome`` per record out (same order, same length).

    May raise: the runner then handles the records one by one, so one poison record is isolated, and
    a record whose handling still raises is dead-lettered as ``<stage>_error``.
    """

    def __call__(self, records: Sequence[In_contra]) -> Sequence[Outcome]: ...


AsyncHandler = Callable[[Sequence[Any]], Awaitable[Sequence[Outcome]]]


@dataclass(frozen=True)
class Stage(Generic[In]):
    """A stage of the pipeline, declared once; ``shared.runtime.runner.build_stage_app`` runs it.

    ``handler`` is called off the event loop in the stage's one worker thread (``offload="thread"``:
    CPU-bound pure code, the loop keeps heartbeats and fetches going) or awaited on the loop
    (``offload="loop"``: an async handler whose own work happens elsewhere, e.g. a process pool).
    """

    name: str  # the stage (consumer group, metrics label, dead-letter stage)
    agent: str  # the faust agent's name (also the sequence guard's metrics label)
    input: TopicSpec
    contract: Any  # a contract class with ``decode`` (``Contract[In]``)
    outputs: tuple[TopicSpec, ...]
    handler: Handler[In] | AsyncHandler
    batch_size: int = 1
    batch_wait: float = 0.05  # seconds a partial batch waits for more records
    ack: AckPolicy = AckPolicy.AFTER_OUTPUTS
    offload: str = "thread"  # "thread" | "loop"
    concurrency: int = 1  # faust agent actors
    app_options: dict[str, Any] = field(default_factory=dict)  # extra faust app settings
    on_shutdown: tuple[Callable[[], None], ...] = ()  # called before the worker stops (e.g. close a pool)

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise ValueError(f"{self.name}: batch_size must be >= 1")
        if self.batch_wait <= 0:
            raise ValueError(f"{self.name}: batch_wait must be > 0 (faust would wait forever)")
        if self.offload not in ("thread", "loop"):
            raise ValueError(f"{self.name}: offload is 'thread' or 'loop', not {self.offload!r}")
        if not self.outputs:
            raise ValueError(f"{self.name}: a stage declares at least one output topic")

    def decode(self, payloads: Sequence[bytes | None]) -> list[Any | Reject]:
        """Each payload as the input contract, or a ``Reject`` (``invalid_contract``)."""
        out: list[Any | Reject] = []
        for payload in payloads:
            try:
                out.append(self.contract.decode(payload or b""))
            except ContractError as exc:
                out.append(Reject(ErrorKind.INVALID_CONTRACT, str(exc)))
        return out

    def check(self, outcomes: Sequence[Outcome], count: int) -> None:
        """A handler's answer must be one outcome per record, emitting only to declared outputs."""
        if len(outcomes) != count:
            raise ValueError(f"{self.name}: handler returned {len(outcomes)} outcomes for {count} records")
        allowed = {spec.key for spec in self.outputs}
        for outcome in outcomes:
            if isinstance(outcome, Reject):
                continue
            for emit in outcome:
                if emit.topic.key not in allowed:
                    raise ValueError(f"{self.name}: emits to undeclared topic {emit.topic.key!r}")

    def process(self, payloads: Sequence[bytes | None]) -> list[Outcome]:
        """Decode, validate and handle a batch with a synchronous handler (what the worker thread runs)."""
        decoded = self.decode(payloads)
        valid = [i for i, d in enumerate(decoded) if not isinstance(d, Reject)]
        outcomes: list[Outcome] = [d if isinstance(d, Reject) else () for d in decoded]
        if not valid:
            return outcomes
        records = [decoded[i] for i in valid]
        handler: Handler[Any] = self.handler  # type: ignore[assignment]
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
        handler: Handler[Any] = self.handler  # type: ignore[assignment]
        try:
            answers = list(handler([record]))
            self.check(answers, 1)
            return answers[0]
        except Exception as exc:
            log.exception("handler failed on one record")
            return Reject(f"{self.name}_error", f"{type(exc).__name__}: {exc}")


__all__ = [
    "AckPolicy",
    "AsyncHandler",
    "Contract",
    "Emit",
    "ErrorKind",
    "Handler",
    "Outcome",
    "Reject",
    "Stage",
]
