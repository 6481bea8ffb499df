"""The one runner of ``Stage`` declarations over faust-streaming (the only runtime code touching faust).

Per batch (``stream.noack_take(batch_size, within=batch_wait)`` behind the sequence guard):

1. every record counts in ``wirewatch_events_in_total``; the batch size in ``wirewatch_batch_size``;
2. decode + validate against the input contract and call the handler -- in the stage's worker thread
   (``offload="thread"``) or on the loop for an async handler (``offload="loop"``); an invalid record
   becomes a ``Reject(invalid_contract)`` and never reaches the handler;
3. every ``Emit`` is produced and every ``Reject`` dead-lettered, all at once, each retried by
   ``shared.streaming.deliver`` until Kafka acknowledges it;
4. only then are the batch's records acked (and the guard told): faust's commits, which the guard
   holds at the lowest record not yet acked, never pass a record whose output went nowhere.

A record the guard skips (a re-read) is acked by faust without reaching the batch. On SIGTERM the
batch in progress is left unacked and read again by the next owner (at-least-once, as before).
"""

from __future__ import annotations

import asyncio
import importlib.metadata
import logging
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import faust

from shared import metrics
from shared.config import Settings, get_settings
from shared.runtime.stage import Emit, Outcome, Reject, Stage
from shared.sequence import SequenceGuard
from shared.streaming import DeadLetters, app_topic, deliver, make_app

log = logging.getLogger(__name__)

TESTED_FAUST_VERSION = "0.15.3"


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


class StageRunner:
    """Runs one ``Stage`` inside a faust app (see the module docstring)."""

    def __init__(self, app: faust.App, stage: Stage[Any], settings: Settings) -> None:
        self.app = app
        self.stage = stage
        self.settings = settings
        self.source = app_topic(app, stage.input, settings)
        self.outputs = {spec.key: app_topic(app, spec, settings) for spec in stage.outputs}
        self.dead = DeadLetters(app, stage.name, settings)
        self.guard = SequenceGuard(app, stage.input, stage.agent, settings=settings)
        self.executor: ThreadPoolExecutor | None = None
        if stage.offload == "thread":
            self.executor = ThreadPoolExecutor(stage.concurrency, thread_name_prefix=f"{stage.name}-handler")

    def close(self) -> None:
        for hook in self.stage.on_shutdown:
            try:
                hook()
            except Exception:
                log.exception("shutdown hook of %s failed", self.stage.name)
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)

    async def outcomes(self, payloads: list[bytes | None]) -> list[Outcome]:
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
                answers = list(await stage.handler(records))  # type: ignore[misc]
                stage.check(answers, len(records))
            except Exception:
                log.exception("batch handler failed; handling its records one by one")
                answers = [await self._one(record) for record in records]
            for i, answer in zip(valid, answers, strict=True):
                outcomes[i] = answer
        return outcomes

    async def _one(self, record: Any) -> Outcome:
        try:
            answers = list(await self.stage.handler([record]))  # type: ignore[misc]
            self.stage.check(answers, 1)
            return answers[0]
        except Exception as exc:
            log.exception("handler failed on one record")
            return Reject(f"{self.stage.name}_error", f"{type(exc).__name__}: {exc}")

    async def _emit(self, emit: Emit) -> None:
        await deliver(self.outputs[emit.topic.key], key=emit.key, value=emit.value, settings=self.settings)

    async def handle_batch(self, stream: faust.StreamT, events: Sequence[Any]) -> None:
        name = self.stage.name
        count = len(events)
        metrics.EVENTS_IN.labels(name).inc(count)
        metrics.BATCH_SIZE.labels(name).observe(count)
        start = time.perf_counter()
        payloads: list[bytes | None] = [event.value for event in events]
        try:
            outcomes = await self.outcomes(payloads)
            sends = []
            emitted = 0
            for event, outcome in zip(events, outcomes, strict=True):
                if isinstance(outcome, Reject):
                    sends.append(self._dead(event, str(outcome.error), outcome.reason))
                else:
                    emitted += len(outcome)
                    sends.extend(self._emit(emit) for emit in outcome)
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
        for event in events:
            await stream.ack(event)
            self.guard.done(event)

    async def _dead(self, event: Any, error: str, reason: str) -> None:
        await self.dead.send(
            error=error, reason=reason, payload=event.value or b"", key=event.key, event=event
        )


def build_stage_app(
    stage: Stage[Any], settings: Settings | None = None, **make_app_options: Any
) -> faust.App:
    """The faust app of ``stage``: ``make_app`` + topics + sequence guard + the batching agent.

    Refuses (``UnsupportedFaustVersion``) on a faust-streaming release other than the tested one.
    Run it with ``shared.streaming.run_worker`` (graceful shutdown as every stage).
    """
    check_faust_version()
    settings = settings or get_settings()
    app = make_app(stage.name, settings, **{**stage.app_options, **make_app_options})
    runner = StageRunner(app, stage, settings)

    @app.agent(runner.source, name=stage.agent, concurrency=stage.concurrency)
    async def run_stage(stream: faust.StreamT) -> None:
        runner.guard.attach(stream)
        async for events in stream.noack_take(stage.batch_size, within=stage.batch_wait):
            await runner.handle_batch(stream, events)

    @app.on_before_shutdown.connect
    async def _close(app: faust.App, **kwargs: Any) -> None:
        runner.close()

    app.wirewatch_runner = runner  # type: ignore[attr-defined]
    return app
