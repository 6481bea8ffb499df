"""What the alerter's units need from the stream runtime, as protocols (no faust here).

The units (``match_agent``, ``deliver_agent``, ``timers``) are written against these; the wiring
(``services.alerter.service``) gives them the faust tables and topics behind them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol


class Store(Protocol):
    """A changelog-backed table, co-partitioned with the agent's input topic."""

    def get(self, key: str) -> Any: ...

    async def put(self, key: str, value: Any) -> None:
        """``table[key] = value`` (``None`` deletes: a tombstone), returning once Kafka acknowledged it."""

    def partition_for(self, key: str) -> int: ...


class Outbox(Protocol):
    """A topic the unit produces to; ``emit`` returns once Kafka acknowledged the record."""

    async def emit(self, key: bytes, value: bytes) -> None: ...


class DeadLetterPort(Protocol):
    """Dead letters of the record being handled (its source topic, partition and offset go with it);
    ``send`` returns once Kafka acknowledged the dead letter."""

    async def __call__(self, error: str, reason: str, payload: bytes, key: bytes | str | None) -> None: ...


@dataclass(frozen=True, slots=True)
class Incoming:
    """The record being handled: its bytes and where it sits in its topic."""

    payload: bytes
    key: bytes | None
    partition: int
    offset: int


class ExpiringTable(Protocol):
    """A table as the retention timer sees it: its keys, and how to delete one for good."""

    name: str

    def items(self) -> Iterable[tuple[str, Any]]: ...

    def owns(self, partition: int) -> bool:
        """This replica owns the (source topic) partition, so it writes the partition's tombstones."""

    def tombstone(self, partition: int, key: str) -> None:
        """Queue a tombstone for ``key`` on the changelog ``partition`` (compaction drops the key)."""

    def forget(self, key: str) -> None:
        """Drop the key from memory."""

    def __len__(self) -> int: ...
