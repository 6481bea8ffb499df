"""The indexer service: grouped articles (topic GROUPED) -> Elasticsearch, in bulk.

At-least-once, without duplicates:

* the agent reads with ``stream.noack().noack_take(n, within)``: batches of events that faust does
  NOT ack by itself. (Plain ``take()`` acks the buffered events in a ``finally`` -- also when the
  body raised or the task was cancelled -- so a batch that never reached Elasticsearch could be
  committed; see faust issues robinhood/faust#513 and faust-streaming/faust#189.)
* each event is acked with ``stream.ack(event)`` only after Elasticsearch acknowledged its
  document, or after a document Elasticsearch rejected was written to the dead-letter topic;
  faust commits acked offsets only.
* documents are written with ``_id`` = article id into the monthly index of the article's date,
  so a redelivered event overwrites the same document instead of adding one.
* while Elasticsearch is unreachable or answers 429/5xx, ``BulkIndexer`` retries with backoff and
  the agent does not ask for more events (backpressure): nothing is dropped.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import faust

from services.indexer import index as idx
from services.indexer.bulk import BulkIndexer
from services.indexer.settings import IndexerSettings
from shared import metrics
from shared.config import Settings, get_settings
from shared.contracts import ClassifiedArticle, ContractError
from shared.elastic import is_healthy, make_client
from shared.logs import StateLog
from shared.sequence import SequenceGuard
from shared.streaming import DeadLetters, Timer, add_readiness_check, app_topic, make_app
from shared.topics import GROUPED

log = logging.getLogger(__name__)

STAGE = "indexer"
DEFAULT_SESSION_TIMEOUT = 30.0  # when neither WIREWATCH_INDEXER_SESSION_TIMEOUT_SECONDS nor the global is set


def build_app(settings: Settings | None = None, indexer_settings: IndexerSettings | None = None) -> faust.App:
    settings = settings or get_settings()
    opts = indexer_settings or IndexerSettings()
    app = make_app(
        STAGE,
        settings,
        session_timeout_setting=opts.session_timeout_seconds,
        default_session_timeout=DEFAULT_SESSION_TIMEOUT,
    )
    source = app_topic(app, GROUPED, settings)
    guard = SequenceGuard(app, GROUPED, "index-articles", settings=settings)
    dead_letters = DeadLetters(app, STAGE, settings)
    es = make_client(settings, request_timeout=opts.request_timeout)
    bulk = BulkIndexer(es, settings.index_alias, opts, log_every=settings.outage_log_every_seconds)
    setup_state = StateLog(log, "Elasticsearch index setup", every=settings.outage_log_every_seconds)
    batch_state = StateLog(log, "indexer batch", every=settings.outage_log_every_seconds)

    async def elasticsearch() -> bool:
        return await is_healthy(es)

    add_readiness_check(app, elasticsearch)

    @app.task
    async def setup_index() -> None:
        # The template must exist before the first bulk auto-creates a monthly index. Wait for the
        # cluster as long as it takes: the agent's bulk retries would wait the same way.
        delay = opts.retry_initial_seconds
        while True:
            try:
                info = await idx.setup(
                    es,
                    settings.index_alias,
                    shards=opts.shards,
                    replicas=opts.replicas,
                    refresh_interval=opts.refresh_interval,
                )
                setup_state.success()
                log.info("index ready: %s", info)
                app.wirewatch_index_ready.set()  # type: ignore[attr-defined]
                return
            except Exception as exc:
                setup_state.failure(exc)
                await asyncio.sleep(delay)
                delay = min(delay * 2, opts.retry_max_seconds)

    app.wirewatch_index_ready = asyncio.Event()  # type: ignore[attr-defined]

    @app.agent(source)
    async def index_articles(stream: faust.StreamT[bytes]) -> None:
        await app.wirewatch_index_ready.wait()  # type: ignore[attr-defined]
        manual = guard.attach(stream.noack())  # admits each event before it is batched
        async for events in manual.noack_take(opts.batch_size, within=opts.batch_seconds):
            delay = opts.retry_initial_seconds
            while True:  # a batch is acked only once it was fully handled; retry it otherwise
                try:
                    with Timer(STAGE):
                        await handle_batch(list(events), bulk, dead_letters)
                    batch_state.success()
                    break
                except asyncio.CancelledError:
                    raise
                except Exception as exc:  # a bug (sends are retried inside): same batch again
                    if not batch_state.down:
                        log.exception("batch of %d failed; retrying", len(events))
                    batch_state.failure(exc)
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, opts.retry_max_seconds)
            for event in events:
                await manual.ack(event)

    @app.on_before_shutdown.connect
    async def _close_es(app: faust.App, **kwargs: Any) -> None:
        # after the consumer stopped and the streams drained: no "Unclosed client session" at exit
        await es.close()

    app.wirewatch_es = es  # type: ignore[attr-defined]
    return app


async def handle_batch(events: list[Any], bulk: BulkIndexer, dead_letters: DeadLetters) -> None:
    """Index one batch of faust events; returns once every event may be acked."""
    metrics.EVENTS_IN.labels(STAGE).inc(len(events))
    metrics.BATCH_SIZE.labels(STAGE).observe(len(events))
    articles: list[ClassifiedArticle] = []
    origin: list[Any] = []
    for event in events:
        try:
            articles.append(ClassifiedArticle.decode(event.value))
            origin.append(event)
        except ContractError as exc:
            await dead_letters.send(
                error="invalid_contract", reason=str(exc), payload=event.value, key=event.key, event=event
            )
    result = await bulk.index(articles)
    metrics.EVENTS_OUT.labels(STAGE).inc(result.indexed)
    for rejection in result.rejected:
        event = origin[rejection.position]
        await dead_letters.send(
            error="es_rejected",
            reason=f"Elasticsearch {rejection.status} {rejection.error_type}: {rejection.reason}",
            payload=event.value,
            key=event.key,
            event=event,
        )
    if result.rejected or result.attempts > 1:
        log.info(
            "batch: %d indexed, %d rejected, %d bulk attempts",
            result.indexed,
            len(result.rejected),
            result.attempts,
        )
