"""What the units are given to act with (the wiring implements these over faust; tests over plain
objects): none of them is a Kafka client, each returns once its effect is done."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from services.fetcher.pollstate import State


class DeadLetterSink(Protocol):
    """``shared.streaming.DeadLetters.send``: returns once Kafka acknowledged the dead letter."""

    def __call__(
        self,
        *,
        error: str,
        reason: str,
        payload: bytes | str,
        key: bytes | str | None = None,
        event: Any = None,
    ) -> Awaitable[None]: ...


Publish = Callable[[bytes, bytes], Awaitable[None]]  # (key, value) to one output topic
PutState = Callable[[str, int, State | None], None]  # feed id, its FEEDS partition, state (None: delete)
