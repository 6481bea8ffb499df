"""The units' ports (``services.alerter.ports``) over the runner's ``Context`` and declared tables."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from shared.runtime import Context, Table
from shared.topics import TopicSpec


class Runtime:
    """The runner's ``Context`` once the app is built (``bind``: a ``Unit.on_build`` hook), and the
    dead letters of stage ``stage``."""

    def __init__(self, stage: str) -> None:
        self.stage = stage
        self._context: Context | None = None

    def bind(self, context: Context) -> None:
        self._context = context

    @property
    def context(self) -> Context:
        if self._context is None:
            raise RuntimeError("the alerter's units run only inside the app built from its unit")
        return self._context

    async def dead_letter(self, error: str, reason: str, payload: bytes, key: str) -> None:
        await self.context.dead_letter(self.stage, error, reason, payload, key.encode())


class TableStore:
    """``ports.Store`` over a declared table: writes through the context, acknowledged."""

    def __init__(self, table: Table, runtime: Runtime) -> None:
        self.table, self.runtime = table, runtime

    def get(self, key: str) -> Any:
        return self.table.get(key)

    async def put(self, key: str, value: Any, *, partition: int) -> None:
        await self.runtime.context.put(self.table, key, value, partition=partition)


class ExpiringView(TableStore):
    """``ports.ExpiringTable`` over a declared table and the topic it is co-partitioned with."""

    def __init__(self, table: Table, runtime: Runtime, source: TopicSpec) -> None:
        super().__init__(table, runtime)
        self.name, self.source = table.name, source

    def items(self) -> Iterable[tuple[str, Any]]:
        return self.table.items()

    def owned(self) -> set[int]:
        return self.runtime.context.owned(self.source)

    async def delete(self, key: str, partition: int) -> None:
        await self.put(key, None, partition=partition)

    def __len__(self) -> int:
        return len(self.table)


class TopicOutbox:
    """``ports.Outbox`` over a topic the unit sends to (acknowledged)."""

    def __init__(self, topic: TopicSpec, runtime: Runtime) -> None:
        self.topic, self.runtime = topic, runtime

    async def emit(self, key: bytes, value: bytes) -> None:
        await self.runtime.context.send(self.topic, key, value)
