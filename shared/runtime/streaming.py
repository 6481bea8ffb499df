"""The faust side of every service: app factory, dead letters, health and metrics pages, worker.

A stage builds its app with ``make_app("parser", settings)``, declares its topics with
``app_topic``, writes its agent, and runs it with ``run_worker(app, settings)``. Every app serves
``/healthz`` (alive), ``/readyz`` (Kafka answers, plus the stage's own checks) and ``/metrics``.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any

import faust
from faust.types import TP
from faust.types.auth import CredentialsT
from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception_type, stop_never, wait_exponential

from shared import kafka_security, metrics
from shared.config import Settings, get_settings
from shared.contracts import DeadLetter
from shared.logs import StateLog, logging_config
from shared.topics import DEADLETTER, TopicSpec, consumer_group

log = logging.getLogger(__name__)

ReadinessCheck = Callable[[], Awaitable[bool]]

SEND_RETRIES = Counter(
    "wirewatch_send_retries_total", "Records produced again after Kafka refused or failed them", ["topic"]
)

# Large raw pages travel through Kafka: producers and consumers accept up to 8 MiB records.
MAX_RECORD_BYTES = 8 * 1024 * 1024


def faust_credentials(settings: Settings) -> CredentialsT | None:
    """``broker_credentials`` of a faust app: SASL (over TLS for SASL_SSL), TLS alone, or None."""
    kafka_security.check(settings)
    context = kafka_security.ssl_context(settings)
    if kafka_security.uses_sasl(settings):
        assert settings.kafka_sasl_password is not None
        credentials = faust.SASLCredentials(
            username=settings.kafka_sasl_username,
            password=settings.kafka_sasl_password.get_secret_value(),
            ssl_context=context,
            mechanism=settings.kafka_sasl_mechanism,
        )
        return credentials
    if context is not None:
        return faust.SSLCredentials(context)
    return None


def make_app(
    service: str,
    settings: Settings | None = None,
    *,
    session_timeout_setting: float | None = None,
    default_session_timeout: float | None = None,
    **conf: Any,
) -> faust.App:
    """A faust app whose id (= consumer group) is ``<prefix>-<service>``: replicas share it.

    The session timeout follows ``session_timeout`` (stage setting > global setting > stage default).
    """
    settings = settings or get_settings()
    datadir = settings.state_dir / "faust" / f"{service}-{settings.web_port}"
    datadir.parent.mkdir(parents=True, exist_ok=True)  # faust creates only the last level
    options: dict[str, Any] = {
        "broker": [f"kafka://{h.strip()}" for h in settings.kafka_bootstrap.split(",")],
        "store": "memory://",
        "key_serializer": "raw",
        "value_serializer": "raw",
        "topic_partitions": settings.topic_partitions,
        "topic_replication_factor": settings.topic_replication,
        "topic_allow_declare": True,
        "consumer_auto_offset_reset": "earliest",
        "producer_compression_type": "lz4",
        "producer_acks": -1,
        "producer_max_request_size": MAX_RECORD_BYTES,
        "consumer_max_fetch_size": MAX_RECORD_BYTES * 2,
        "broker_commit_every": 500,
        "broker_commit_interval": 1.0,
        "table_standby_replicas": 0,
        "web_enabled": True,  # our /healthz, /readyz and /metrics pages only:
        "web_router_enabled": False,  # faust's /router/ (cluster topology) and
        "web_tables_enabled": False,  # /table/<name>/ (table contents) would be served without auth
        "web_stats_enabled": False,
        "web_graph_enabled": False,
        "web_host": settings.web_host,
        "web_port": settings.web_port,
        "datadir": str(datadir),
        "logging_config": _logging(settings),
        "worker_redirect_stdouts": False,
        "autodiscover": False,
    }
    session = session_timeout(settings, specific=session_timeout_setting, default=default_session_timeout)
    if session is not None:
        options["broker_session_timeout"] = session
        options["broker_heartbeat_interval"] = min(3.0, session / 4)
    options.update(conf)
    credentials = faust_credentials(settings)  # TLS / SASL from the WIREWATCH_KAFKA_* security settings
    if credentials is not None:
        options.setdefault("broker_credentials", credentials)
    app = faust.App(consumer_group(service, settings), **options)
    app.wirewatch_service = service  # type: ignore[attr-defined]  # our attribute on the faust app
    app.wirewatch_settings = settings  # type: ignore[attr-defined]  # our attribute on the faust app
    app.wirewatch_checks = []  # type: ignore[attr-defined]  # our attribute on the faust app
    _add_pages(app, service)
    _add_lag_timer(app, service, settings.lag_report_seconds)
    return app


def _logging(settings: Settings) -> dict[str, Any]:
    return logging_config(settings.log_format, settings.log_level, settings.outage_log_every_seconds)


def session_timeout(
    settings: Settings, *, specific: float | None = None, default: float | None = None
) -> float | None:
    """The consumer-group session timeout of a stage, by one precedence rule for every stage:

    the stage's own setting (``specific``: ``WIREWATCH_INDEXER_SESSION_TIMEOUT_SECONDS``,
    ``WIREWATCH_ALERTER_SESSION_TIMEOUT``; unset by default) > ``WIREWATCH_KAFKA_SESSION_TIMEOUT``
    > the stage's default (``default``) > faust's default (``None``: 60 s).
    """
    for value in (specific, settings.kafka_session_timeout, default):
        if value is not None:
            return float(value)
    return None


def app_topic(app: faust.App, spec: TopicSpec, settings: Settings | None = None) -> faust.TopicT:
    """The faust topic object for one of ``shared.topics``; keys and values are raw bytes."""
    settings = settings or app.wirewatch_settings  # type: ignore[attr-defined]  # set by make_app
    return app.topic(
        spec.name(settings),
        key_type=bytes,
        value_type=bytes,
        key_serializer="raw",
        value_serializer="raw",
        partitions=spec.partition_count(settings),
        internal=False,
    )


def add_readiness_check(app: faust.App, check: ReadinessCheck) -> None:
    """Extra condition for ``/readyz`` (e.g. Elasticsearch answers)."""
    app.wirewatch_checks.append(check)  # type: ignore[attr-defined]  # set by make_app


_SEND_STATES: dict[str, StateLog] = {}


def _send_state(topic: str, settings: Settings) -> StateLog:
    state = _SEND_STATES.get(topic)
    if state is None:
        state = _SEND_STATES[topic] = StateLog(
            log, f"producing to {topic}", every=settings.outage_log_every_seconds
        )
    return state


def _retrieve(future: asyncio.Future[Any]) -> None:
    if not future.cancelled():
        future.exception()


def _until_acknowledged(
    settings: Settings, before_sleep: Callable[[RetryCallState], None] | None = None
) -> AsyncRetrying:
    """Retry a send for as long as it takes, with exponential backoff up to
    ``send_retry_max_seconds``; ``CancelledError`` (shutdown) is not retried."""
    return AsyncRetrying(
        wait=wait_exponential(
            multiplier=settings.send_retry_initial_seconds, max=settings.send_retry_max_seconds
        ),
        stop=stop_never,
        retry=retry_if_exception_type(Exception),
        before_sleep=before_sleep,
        reraise=True,
    )


async def deliver(topic: faust.TopicT, *, key: bytes | None, value: bytes, settings: Settings) -> None:
    """Produce one record and return only once Kafka has acknowledged it.

    A refused or failed send (broker down, record over the topic's ``max.message.bytes``, ...) is
    retried with exponential backoff (``send_retry_initial_seconds`` doubling up to
    ``send_retry_max_seconds``) for as long as it takes, logged once per change of state: the caller's
    input record is acked only after this returns, so nothing is committed past a record whose output
    went nowhere, and the partition waits (backpressure) instead of losing it.
    """
    name = topic.get_topic_name()
    state = _send_state(name, settings)

    def failed(retry: RetryCallState) -> None:
        exc = retry.outcome.exception() if retry.outcome else None
        SEND_RETRIES.labels(name).inc()
        state.failure(exc if exc is not None else "unknown error", topic=name, attempt=retry.attempt_number)

    async for attempt in _until_acknowledged(settings, before_sleep=failed):
        with attempt:
            message = topic.as_future_message(key=key, value=value)
            message.add_done_callback(_retrieve)  # its error is handled here: asyncio need not report it
            delivery = await topic.publish_message(message)
            await delivery  # the broker's acknowledgement (or its error), not just the local buffer
    state.success(topic=name)


class DeadLetters:
    """Sends records a stage could not handle to the dead-letter topic, counted per error kind.

    ``send`` returns once Kafka acknowledged the dead letter (retrying as ``deliver`` does), so the
    caller may ack the original record afterwards. A dead letter always fits: a payload that would
    make it larger than ``deadletter_max_bytes`` is cut to its head, with its size and sha256.
    """

    def __init__(self, app: faust.App, stage: str, settings: Settings | None = None) -> None:
        self.stage = stage
        self.settings = settings or app.wirewatch_settings  # type: ignore[attr-defined]  # set by make_app
        self.topic = app_topic(app, DEADLETTER, settings)

    async def send(
        self,
        *,
        error: str,
        reason: str,
        payload: bytes | str,
        key: bytes | str | None = None,
        event: Any = None,
        position: tuple[str, int, int] | None = None,
    ) -> None:
        """``event`` (a faust Event) or ``position`` (topic, partition, offset): where the original
        came from, recorded in the letter."""
        where: dict[str, Any] = {}
        if event is not None:
            msg = event.message
            position = (msg.topic, msg.partition, msg.offset)
        if position is not None:
            topic, partition, offset = position
            where = {"source_topic": topic, "partition": partition, "offset": offset}
        letter = DeadLetter.wrap(
            stage=self.stage,
            error=error,
            reason=reason,
            payload=payload,
            key=key,
            max_bytes=self.settings.deadletter_max_bytes,
            **where,
        )
        raw_key = key if isinstance(key, bytes) else (key.encode() if key else None)
        await deliver(self.topic, key=raw_key, value=letter.encode(), settings=self.settings)
        metrics.EVENTS_FAILED.labels(self.stage, error).inc()
        log.warning(
            "dead-lettered record",
            extra={
                "stage": self.stage,
                "error": error,
                "reason": letter.reason[:300],
                "payload_truncated": letter.payload_truncated,
                **where,
            },
        )


async def durable_set(
    table: Any, key: str, value: Any, settings: Settings, *, partition: int | None = None
) -> None:
    """``table[key] = value`` (``None``: delete, a tombstone), returning once Kafka has acknowledged
    the changelog record; a failed write is retried with backoff for as long as it takes (the input
    is not acked meanwhile). ``partition``: the changelog partition (default: faust's
    ``partition_for_key``, the partition of the event being handled). A written key moves to the end
    of the table's order (``shared.runtime`` trims a bounded table from its start: written longest ago).

    The record is published from the caller's task and awaited (as ``deliver`` does), not queued with
    ``Table.send_changelog``: faust's producer buffer sends queued records one after the other from
    one background task, and the grouper's first decision once waited there five minutes, until the
    shutdown flushed it (the agent awaiting it stalled as long). Used by the grouper (story decisions)
    and the alerter (marks, digests, health: one acknowledged before the next is sent, so an
    acknowledged progress mark means the writes before it are acknowledged too).
    """
    async for attempt in _until_acknowledged(settings):
        with attempt:
            topic = table.changelog_topic
            message = topic.as_future_message(
                key=key,
                value=value,
                partition=table.partition_for_key(key) if partition is None else partition,
                key_serializer=table.key_serializer,
                value_serializer="raw" if value is None else table.value_serializer,  # None: a tombstone
            )
            delivery = await topic.publish_message(message)
            await delivery
    table.data.pop(key, None)
    if value is not None:
        table.data[key] = value


def _add_pages(app: faust.App, service: str) -> None:
    @app.page("/healthz")
    async def healthz(web: Any, request: Any) -> Any:
        return web.json({"status": "ok", "service": service})

    @app.page("/readyz")
    async def readyz(web: Any, request: Any) -> Any:
        checks: dict[str, bool] = {"kafka": await kafka_ready(app)}
        for check in app.wirewatch_checks:  # type: ignore[attr-defined]  # set by make_app
            try:
                checks[getattr(check, "__name__", "check")] = bool(await asyncio.wait_for(check(), 5))
            except Exception:
                checks[getattr(check, "__name__", "check")] = False
        ok = all(checks.values())
        return web.json({"ready": ok, "service": service, "checks": checks}, status=200 if ok else 503)

    @app.page("/metrics")
    async def prometheus(web: Any, request: Any) -> Any:
        return web.bytes(generate_latest(), content_type=CONTENT_TYPE_LATEST.split(";")[0])


async def kafka_ready(app: faust.App) -> bool:
    """True when the worker is running and a fresh metadata request to Kafka succeeds."""
    producer = getattr(app.producer, "_producer", None)
    if producer is None or not app.started:
        return False
    try:
        await asyncio.wait_for(producer.client.fetch_all_metadata(), 5)
    except Exception:
        return False
    return True


def _add_lag_timer(app: faust.App, service: str, interval: float) -> None:
    async def report_lag() -> None:
        from shared.runtime.sequence import committed_offsets

        consumer = app.consumer
        assigned: set[TP] = consumer.assignment()
        if not assigned:
            return
        highwaters = await consumer.highwaters(*assigned)
        for tp in assigned:
            committed = committed_offsets(app).get(tp)
            position = committed if committed is not None else 0
            lag = max(0, (highwaters.get(tp) or 0) - position)
            metrics.CONSUMER_LAG.labels(service, tp.topic, str(tp.partition)).set(lag)

    app.timer(interval=interval)(report_lag)


class Timer:
    """``with Timer(stage):`` observes the processing-time histogram."""

    def __init__(self, stage: str) -> None:
        self.stage = stage
        self.start = 0.0

    def __enter__(self) -> Timer:
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        metrics.PROCESSING_SECONDS.labels(self.stage).observe(time.perf_counter() - self.start)


def _arm_exit_deadline(seconds: float) -> None:
    """After SIGTERM: end the process if the graceful stop has not finished within ``seconds``.

    Nothing is lost by this: offsets are committed only for records that were handled, so what was
    still in flight is consumed again by the replica that takes the partition over.
    """

    def expire() -> None:
        log.error("graceful shutdown still running after %.0fs: exiting now", seconds)
        logging.shutdown()
        os._exit(3)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()


def run_worker(app: faust.App, settings: Settings | None = None) -> None:
    """Run the faust worker in this process until SIGTERM/SIGINT (graceful: commits, then exits).

    On SIGTERM the worker stops fetching, lets in-flight records finish (or leaves them unacked, so
    they are consumed again), commits the offsets of handled records, leaves the consumer group and
    exits; ``settings.shutdown_timeout`` bounds the whole stop (below the orchestrators' 30-40 s).
    """
    from faust.worker import Worker

    settings = settings or app.wirewatch_settings  # type: ignore[attr-defined]  # set by make_app
    deadline = settings.shutdown_timeout

    class BoundedWorker(Worker):
        def _schedule_shutdown(self, signal: Any) -> None:
            if not self._signal_stop_time:
                _arm_exit_deadline(deadline)
            super()._schedule_shutdown(signal)

    worker = BoundedWorker(
        app,
        loglevel=settings.log_level,
        quiet=True,
        redirect_stdouts=False,
        logging_config=_logging(settings),
    )
    worker.execute_from_commandline()
