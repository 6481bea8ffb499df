"""The stage runtime: services declare what they are; one runner over faust-streaming does the rest.

Public API (``shared.runtime``; pure, no faust import -- the runner is ``shared.runtime.runner``,
imported on demand):

Declarations
    ``Stage(name, agent, input, contract, outputs, handler, ...)``
        one faust agent: its input topic (guarded by ``shared.runtime.sequence`` unless compacted), the
        input contract (``decode(bytes)`` raising ``ContractError``; ``None``: the handler gets
        ``Message``\\s with key, value, partition, offset -- tombstones included), its output topics
        (``()`` for a sink such as the indexer), its handler, ``batch_size`` / ``batch_wait``,
        ``offload`` (``"thread"``: a pure sync handler in a worker thread; ``"loop"``: an async
        handler awaited on the loop), ``concurrency`` (actors), ``tables`` it may ``Put`` to,
        ``progress`` (a table where the guard keeps the last offset handled per partition),
        ``on_revoked`` / ``on_shutdown`` hooks, ``app_options`` (``make_app`` settings).
    ``Table(name, partitions=TopicSpec, max_keys=N, changelog=None)``
        a named, bounded str -> JSON table with a compacted changelog; handlers read it (``get``,
        ``in``, ``len``, ``items``) and write it with ``Put`` outcomes; past ``max_keys`` the keys
        written longest ago are deleted (tombstones).
    ``Timer(name, interval, run, on_leader=False)``
        ``await run(context)`` every ``interval`` seconds; an exception is logged, the timer goes on.
    ``Unit(name, stages, tables, timers, tasks, sends, readiness, on_build, app_options, on_shutdown)``
        one deployable service (consumer group ``<prefix>-<name>``): several agents, their tables,
        timers, start tasks (``await task(context)`` once), extra topics the context may send to,
        ``/readyz`` checks, hooks called with the context when the app is built.

Handler answers (one per input record, in order)
    a sequence of effects -- ``Emit(topic, key, value)`` (a declared output) and ``Put(table, key,
    value, partition=None)`` (``None`` value: delete; partition ``None``: the input record's) --,
    possibly empty; or ``Reject(error_kind, reason)``: a dead letter with the original bytes.
    Error kinds are ``StrEnum``\\s (the runner's own: ``ErrorKind.INVALID_CONTRACT``; a handler that
    raises on a record: ``<stage>_error``).

What the runner guarantees per batch
    puts written and acknowledged by Kafka (last write of a key per batch), then emits and dead
    letters acknowledged, then the input records acked (at-least-once; the guard keeps commits
    from passing an unacked record). ``Context`` (timers, tasks, ``on_build``): ``settings``,
    ``ready()``, ``owned(topic)``, ``await send(topic, key, value)``, ``await put(table, key,
    value, partition=p)``, ``await dead_letter(stage, error, reason, payload, key)`` -- every send
    and write acknowledged before it returns.

Running
    ``shared.runtime.runner.build_unit_app(unit, settings)`` (or ``build_stage_app(stage)`` for a
    service of one stage) -> a faust app; ``shared.runtime.streaming.run_worker(app, settings)`` runs it.
    Both refuse a faust-streaming release other than ``TESTED_FAUST_VERSION`` (0.15.3).
"""

from shared.runtime.stage import (
    AckPolicy,
    AsyncHandler,
    Context,
    Contract,
    Effect,
    Emit,
    ErrorKind,
    Handler,
    Message,
    Outcome,
    Put,
    Reject,
    Stage,
    Table,
    Timer,
    TimerFunction,
    Unit,
)

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
