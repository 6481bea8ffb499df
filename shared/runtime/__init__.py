"""The stage runtime: a stage declares its topics, input contract and pure handler (``stage``); one
runner over faust-streaming does the rest (``runner``: imported on demand, it needs faust)."""

from shared.runtime.stage import (
    AckPolicy,
    AsyncHandler,
    Contract,
    Emit,
    ErrorKind,
    Handler,
    Outcome,
    Reject,
    Stage,
)

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
