"""The parser service: ``RawItem`` (topic raw) -> ``ParsedArticle`` (topic parsed).

A ``shared.runtime`` stage: the runner decodes and validates each raw event (an invalid one is
dead-lettered ``invalid_contract``) and awaits ``ParseBatch`` on the event loop, whose work happens
in a worker process of the bounded pool (``pool.ExtractionPool``: per-document time limit, workers
killed and replaced when stuck); the article is validated and produced. Whatever goes wrong with one
record (page too large, binary junk, no article and no summary, timeout, crashed worker, extraction
bug, invalid output) sends it to the dead-letter topic with the reason and the original bytes; the
stage goes on with the next record.

The stage runs ``max_in_flight`` actors (faust ``concurrency``, default 2 x workers), each holding
one decoded record (batches of one: a batch would wait for its slowest page), of which at most
``workers`` are in the pool at once (the others are decoded and waiting, so a worker never idles
between documents); the faust stream buffer is bounded too (``stream_buffer``), so a backlog stays on
the broker, not in memory.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from prometheus_client import Counter

from services.parser.errors import DocumentTimeout, ExtractionError, ParserError, WorkerCrashed
from services.parser.extract import ExtractOptions, extract_article, utf8_size
from services.parser.pool import ExtractionPool
from services.parser.settings import ParserSettings
from shared.config import Settings, get_settings
from shared.contracts import ParsedArticle, RawItem
from shared.runtime import Emit, Outcome, Reject, Stage
from shared.runtime.streaming import run_worker
from shared.topics import PARSED, RAW

if TYPE_CHECKING:
    import faust  # the type build_app returns; the runner builds it

log = logging.getLogger(__name__)

EXTRACTION_FALLBACKS = Counter(
    "wirewatch_parser_extraction_fallbacks_total",
    "Pages that gave no article text and became summary-only articles, by reason",
    ["reason"],
)

STAGE = "parser"
AGENT = "parse-raw"


class ParseBatch:
    """The parser's handler: raw items in, a parsed article or a reject each (owns the process pool)."""

    def __init__(self, parser_settings: ParserSettings) -> None:
        self.ps = parser_settings
        self.options = ExtractOptions.from_settings(parser_settings)
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

    async def __call__(self, records: Sequence[RawItem]) -> list[Outcome]:
        return list(await asyncio.gather(*(self.one(item) for item in records)))

    async def one(self, item: RawItem) -> Outcome:
        size = utf8_size(item.html, self.options.max_input_bytes)
        if size > self.options.max_input_bytes:
            return Reject(
                ParserError.PAGE_TOO_LARGE, f"{size} bytes > max_input_bytes {self.options.max_input_bytes}"
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
            return Reject(exc.kind, exc.reason)
        except DocumentTimeout as exc:
            return Reject(ParserError.TIMEOUT, str(exc))
        except WorkerCrashed as exc:
            return Reject(ParserError.WORKER_CRASHED, str(exc))
        except Exception as exc:  # a bug in extraction must not stop the stage
            log.exception("extraction failed", extra={"id": item.id})
            return Reject(ParserError.EXTRACTION_FAILED, f"{type(exc).__name__}: {exc}")
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
            return Reject(ParserError.INVALID_OUTPUT, str(exc)[:2000])
        if article.extraction_fallback:
            EXTRACTION_FALLBACKS.labels(article.extraction_fallback.split(":", 1)[0]).inc()
        return (Emit(PARSED, item.id.encode("utf-8"), article.encode()),)


def stage(parser_settings: ParserSettings | None = None) -> Stage[RawItem]:
    ps = parser_settings or ParserSettings()
    handler = ParseBatch(ps)
    return Stage(
        name=STAGE,
        agent=AGENT,
        input=RAW,
        contract=RawItem,
        outputs=(PARSED,),
        handler=handler,
        batch_size=1,
        batch_wait=1.0,
        offload="loop",  # the work is in the pool's processes; the loop only waits for it
        concurrency=ps.in_flight_limit,
        app_options={
            "stream_buffer_maxsize": ps.stream_buffer_size,
            "broker_max_poll_records": ps.stream_buffer_size,
        },
        on_shutdown=(handler.close,),
    )


def build_app(settings: Settings | None = None, parser_settings: ParserSettings | None = None) -> faust.App:
    from shared.runtime.runner import build_stage_app

    settings = settings or get_settings()
    return build_stage_app(stage(parser_settings), settings)


def main() -> None:
    settings = get_settings()
    (settings.state_dir / "faust").mkdir(parents=True, exist_ok=True)  # faust's datadir parent
    app = build_app(settings)
    run_worker(app, settings)
