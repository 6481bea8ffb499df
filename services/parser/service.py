"""The parser service: ``RawItem`` (topic raw) -> ``ParsedArticle`` (topic parsed).

Each raw event is decoded and validated here, its page is extracted in a worker process of the
bounded pool (``pool.ExtractionPool``: per-document time limit, workers killed and replaced when
stuck), and the article is validated and produced. Whatever goes wrong with one record (bad contract,
page too large, binary junk, no article and no summary, timeout, crashed worker, extraction bug,
invalid output) sends it to the dead-letter topic with the reason and the original bytes; the agent
goes on with the next record.

The agent runs ``max_in_flight`` actors (faust ``concurrency``, default 2 x workers), each holding
one decoded record, of which at most ``workers`` are in the pool at once (the others are decoded
and waiting, so a worker never idles between documents); the faust stream buffer is bounded too
(``stream_buffer``), so a backlog stays on the broker, not in memory.
"""

from __future__ import annotations

import logging
from typing import Any

import faust
from prometheus_client import Counter

from services.parser.extract import ExtractionError, ExtractOptions, extract_article, utf8_size
from services.parser.pool import DocumentTimeout, ExtractionPool, WorkerCrashed
from services.parser.settings import ParserSettings
from shared import metrics
from shared.config import Settings, get_settings
from shared.contracts import ContractError, ParsedArticle, RawItem
from shared.sequence import SequenceGuard
from shared.streaming import DeadLetters, Timer, app_topic, deliver, make_app, run_worker
from shared.topics import PARSED, RAW

log = logging.getLogger(__name__)

EXTRACTION_FALLBACKS = Counter(
    "wirewatch_parser_extraction_fallbacks_total",
    "Pages that gave no article text and became summary-only articles, by reason",
    ["reason"],
)

STAGE = "parser"


class Parser:
    """Turns one raw record into a parsed article or a dead letter (owns the process pool)."""

    def __init__(self, app: faust.App, settings: Settings, parser_settings: ParserSettings) -> None:
        self.settings = settings
        self.ps = parser_settings
        self.options = ExtractOptions.from_settings(parser_settings)
        self.parsed = app_topic(app, PARSED, settings)
        self.dead = DeadLetters(app, STAGE, settings)
        self._pool: ExtractionPool | None = None

    @property
    def pool(self) -> ExtractionPool:
        if self._pool is None:
            self._pool = ExtractionPool(
                self.ps.workers,
                timeout=self.ps.doc_timeout_seconds,
                max_tasks_per_worker=self.ps.max_tasks_per_worker,
            )
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close(wait=False)
            self._pool = None

    async def handle(self, key: bytes | None, value: bytes | None, event: Any = None) -> bool:
        """Process one record; True when an article was produced."""
        metrics.EVENTS_IN.labels(STAGE).inc()
        payload = value or b""

        async def dead(error: str, reason: str) -> bool:
            await self.dead.send(error=error, reason=reason, payload=payload, key=key, event=event)
            return False

        with Timer(STAGE):
            try:
                item = RawItem.decode(payload)
            except ContractError as exc:
                return await dead("invalid_contract", str(exc))
            size = utf8_size(item.html, self.options.max_input_bytes)
            if size > self.options.max_input_bytes:
                return await dead(
                    "page_too_large", f"{size} bytes > max_input_bytes {self.options.max_input_bytes}"
                )
            try:
                fields = await self.pool.run(
                    extract_article,
                    item.html,
                    url=item.final_url or item.canonical_url,
                    charset=item.charset,
                    summary=item.entry_summary,
                    feed_title=item.entry_title,
                    feed_author=item.entry_author,
                    feed_published=item.entry_published,
                    lang_hint=item.lang_hint,
                    options=self.options,
                )
            except ExtractionError as exc:
                return await dead(exc.kind, exc.reason)
            except DocumentTimeout as exc:
                return await dead("timeout", str(exc))
            except WorkerCrashed as exc:
                return await dead("worker_crashed", str(exc))
            except Exception as exc:  # a bug in extraction must not stop the stage
                log.exception("extraction failed", extra={"id": item.id})
                return await dead("extraction_failed", f"{type(exc).__name__}: {exc}")
            try:
                article = ParsedArticle(
                    id=item.id,
                    url=item.canonical_url,
                    final_url=item.final_url,
                    feed_url=item.feed_url,
                    source=item.source,
                    fetched_at=item.fetched_at,
                    **fields,
                )
            except ValueError as exc:  # pydantic ValidationError
                return await dead("invalid_output", str(exc)[:2000])
            if article.extraction_fallback:
                EXTRACTION_FALLBACKS.labels(article.extraction_fallback.split(":", 1)[0]).inc()
            # returns once Kafka acknowledged it (retried until then): only then is the raw record acked
            key_bytes = item.id.encode("utf-8")
            await deliver(self.parsed, key=key_bytes, value=article.encode(), settings=self.settings)
            metrics.EVENTS_OUT.labels(STAGE).inc()
            return True


def build_app(settings: Settings | None = None, parser_settings: ParserSettings | None = None) -> faust.App:
    settings = settings or get_settings()
    ps = parser_settings or ParserSettings()
    actors = ps.in_flight_limit
    app = make_app(
        STAGE,
        settings,
        stream_buffer_maxsize=ps.stream_buffer_size,
        broker_max_poll_records=ps.stream_buffer_size,
    )
    parser = Parser(app, settings, ps)
    raw = app_topic(app, RAW, settings)
    guard = SequenceGuard(app, RAW, "parse-raw", settings=settings)

    @app.agent(raw, name="parse-raw", concurrency=actors)
    async def parse_raw(stream: faust.StreamT) -> None:
        async for event in guard.attach(stream).events():
            try:
                await parser.handle(event.key, event.value, event)
            except Exception as exc:  # a bug: never let one record kill the actor, nor lose it
                log.exception("unexpected error handling a raw record")
                await parser.dead.send(
                    error="parser_error",
                    reason=f"{type(exc).__name__}: {exc}",
                    payload=event.value or b"",
                    key=event.key,
                    event=event,
                )

    @app.on_before_shutdown.connect
    async def _close_pool(app: faust.App, **kwargs: Any) -> None:
        parser.close()

    app.wirewatch_parser = parser  # type: ignore[attr-defined]
    return app


def main() -> None:
    settings = get_settings()
    (settings.state_dir / "faust").mkdir(parents=True, exist_ok=True)  # faust's datadir parent
    app = build_app(settings)
    run_worker(app, settings)
