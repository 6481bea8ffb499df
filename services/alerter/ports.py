"""What the alerter's units need from the stream runtime, as protocols (no faust here).

The units (``match_agent``, ``deliver_agent``, ``timers``) are written against these; the
declarations (``services.alerter.service``) give them the runtime's tables and ``Context`` behind
them; a test gives them plain objects.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol


class Store(Protocol):
    """A changelog-backed table, co-partitioned with the agent's input topic."""

    def get(self, key: str) -> Any: ...

    async def put(self, key: str, value: Any, *, partition: int) -> None:
        """``table[key] = value`` (``None`` deletes: a tombstone) in changelog ``partition``, returning
        once Kafka acknowledged it."""


class Outbox(Protocol):
    """A topic the unit produces to; ``emit`` returns once Kafka acknowledged the record."""

    async def emit(self, key: bytes, value: bytes) -> None: ...


class DeadLetterPort(Protocol):
    """Dead letters with a payload of the unit's choosing; returns once Kafka acknowledged it."""

    async def __call__(self, error: str, reason: str, payload: bytes, key: str) -> None: ...


class ExpiringTable(Protocol):
    """A table as the retention timer sees it: its keys, the partitions this replica owns, and how to
    delete a key for good."""

    name: str

    def items(self) -> Iterable[tuple[str, Any]]: ...

    def owned(self) -> set[int]:
        """The (source topic) partitions this replica owns now: it writes their tombstones."""

    async def delete(self, key: str, partition: int) -> None:
        """A tombstone for ``key`` on changelog ``partition`` (acknowledged), and the key gone."""

    def __len__(self) -> int: ...
