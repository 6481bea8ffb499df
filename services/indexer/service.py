"""The indexer service: grouped articles (topic GROUPED) -> Elasticsearch, in bulk, on the stage runtime.

A sink stage (``shared.runtime``: no output topic, the effect is the bulk write):

* the runner reads batches (``batch_size`` up to ``WIREWATCH_INDEXER_BATCH_SIZE``, a partial one
  after ``BATCH_SECONDS``) behind the sequence guard, decodes and validates them (an invalid record
  is dead-lettered ``invalid_contract`` with its original bytes);
* ``IndexBatch`` (async, awaited on the loop) bulk-indexes the batch through ``BulkIndexer``, which
  returns only when Elasticsearch acknowledged every document or rejected it for good (retrying
  with the ES helpers' ``max_retries`` / ``retry_on_status`` and, while Elasticsearch is unreachable,
  with tenacity for as long as it takes: backpressure); each rejected document becomes a
  ``Reject(es_rejected)``, a dead letter with the reason and the original payload;
* the runner acks the batch only after that (and after its dead letters were acknowledged): nothing
  is committed that Elasticsearch has not acknowledged. A batch in progress at SIGTERM or SIGKILL
  stays unacked and is indexed again, harmlessly: documents are written with ``_id`` = article id
  into the monthly index of the article's date, so a redelivered record overwrites its document.

The index template and alias are set up by a start task (waiting for the cluster as long as it
takes); the handler waits for it before its first bulk.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from elasticsearch import AsyncElasticsearch
from tenacity import AsyncRetrying, RetryCallState, stop_never, wait_exponential

from services.indexer import index as idx
from services.indexer.bulk import BulkIndexer
from services.indexer.settings import IndexerSettings
from shared.config import Settings, get_settings
from shared.contracts import ClassifiedArticle
from shared.elastic import is_healthy, make_client
from shared.logs import StateLog
from shared.runtime import Context, Outcome, Reject, Stage, Unit
from shared.topics import GROUPED

if TYPE_CHECKING:
    import faust

log = logging.getLogger(__name__)

STAGE = "indexer"
AGENT = "index-articles"
DEFAULT_SESSION_TIMEOUT = 30.0  # when neither WIREWATCH_INDEXER_SESSION_TIMEOUT_SECONDS nor the global is set


class IndexerError(enum.StrEnum):
    ES_REJECTED = "es_rejected"  # Elasticsearch refused the document for good (mapping, value range...)


class IndexBatch:
    """The handler: a batch of articles -> Elasticsearch; one outcome per article (``()`` indexed,
    ``Reject(es_rejected)`` refused). Waits for the index setup before its first bulk."""

    def __init__(self, bulk: BulkIndexer, ready: asyncio.Event | None = None) -> None:
        self.bulk = bulk
        self.ready = ready

    async def __call__(self, records: Sequence[ClassifiedArticle]) -> list[Outcome]:
        if self.ready is not None:
            await self.ready.wait()
        result = await self.bulk.index(list(records))
        outcomes: list[Outcome] = [() for _ in records]
        for rejection in result.rejected:
            outcomes[rejection.position] = Reject(
                IndexerError.ES_REJECTED,
                f"Elasticsearch {rejection.status} {rejection.error_type}: {rejection.reason}",
            )
        if result.rejected or result.attempts > 1:
            log.info(
                "batch: %d indexed, %d rejected, %d bulk rounds",
                result.indexed,
                len(result.rejected),
                result.attempts,
            )
        return outcomes


class IndexSetup:
    """Start task: the template must exist before the first bulk auto-creates a monthly index."""

    def __init__(self, es: AsyncElasticsearch, alias: str, opts: IndexerSettings, log_every: float) -> None:
        self.es = es
        self.alias = alias
        self.opts = opts
        self.ready = asyncio.Event()
        self.state = StateLog(log, "Elasticsearch index setup", every=log_every)

    async def __call__(self, context: Context | None = None) -> None:
        def failed(retry: RetryCallState) -> None:
            exc = retry.outcome.exception() if retry.outcome else None
            self.state.failure(exc if exc is not None else "unknown error")

        quiet_request_log()  # the worker has configured logging by now
        opts = self.opts
        async for attempt in AsyncRetrying(  # as long as it takes: the batches wait the same way
            wait=wait_exponential(multiplier=opts.retry_initial_seconds, max=opts.retry_max_seconds),
            stop=stop_never,
            before_sleep=failed,
            reraise=True,
        ):
            with attempt:
                info = await idx.setup(
                    self.es,
                    self.alias,
                    shards=opts.shards,
                    replicas=opts.replicas,
                    refresh_interval=opts.refresh_interval,
                )
        self.state.success()
        log.info("index ready: %s", info)
        self.ready.set()


def quiet_request_log() -> None:
    """elastic_transport renders every request and response body (the whole bulk body, ~1.6 MB for a
    batch of 500) into a DEBUG line whenever its ``elastic_transport.node`` logger has a handler up
    the tree (``hasHandlers()``, not the level), then drops it by level: with the worker's root
    handler that is every bulk. That logger logs nothing else, so unless DEBUG is enabled for it it is
    cut from the root handler. Called after the worker configured logging (which resets it)."""
    logger = logging.getLogger("elastic_transport.node")
    if not logger.isEnabledFor(logging.DEBUG):
        logger.propagate = False


def unit(settings: Settings, opts: IndexerSettings, es: AsyncElasticsearch) -> Unit:
    """The indexer as a declared unit: one sink stage, its index-setup task, ES readiness."""
    bulk = BulkIndexer(es, settings.index_alias, opts, log_every=settings.outage_log_every_seconds)
    setup = IndexSetup(es, settings.index_alias, opts, settings.outage_log_every_seconds)

    async def elasticsearch() -> bool:
        return await is_healthy(es)

    stage: Stage[ClassifiedArticle] = Stage(
        name=STAGE,
        agent=AGENT,
        input=GROUPED,
        contract=ClassifiedArticle,
        outputs=(),  # a sink: the effect is the bulk write
        handler=IndexBatch(bulk, setup.ready),
        batch_size=opts.batch_size,
        batch_wait=opts.batch_seconds,
        offload="loop",
        # after the consumer stopped and the streams drained: no "Unclosed client session" at exit
        on_shutdown=(es.close,),
        app_options={
            "session_timeout_setting": opts.session_timeout_seconds,
            "default_session_timeout": DEFAULT_SESSION_TIMEOUT,
        },
    )
    return Unit(STAGE, (stage,), tasks=(setup,), readiness=(elasticsearch,))


def build_app(settings: Settings | None = None, indexer_settings: IndexerSettings | None = None) -> faust.App:
    from shared.runtime.runner import build_unit_app

    settings = settings or get_settings()
    opts = indexer_settings or IndexerSettings()
    es = make_client(settings, request_timeout=opts.request_timeout)
    app = build_unit_app(unit(settings, opts, es), settings)
    app.wirewatch_es = es  # type: ignore[attr-defined]  # our attribute on the faust app
    return app
