"""Settings of the parser stage (``WIREWATCH_PARSER_*``)."""

from __future__ import annotations

import os

from pydantic import Field

from shared.config import ServiceSettings


def _cpu_count() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class ParserSettings(ServiceSettings, service="parser"):
    """Limits and extraction options of the parser; every limit has an explicit default."""

    # Process pool
    workers: int = Field(
        default_factory=_cpu_count, ge=1, description="extraction worker processes (default: CPU count)"
    )
    max_in_flight: int = Field(
        0,
        ge=0,
        description="records being handled at once (faust actors; 0: 2 x workers); at most `workers` "
        "of them are in the pool, the others decoded and waiting; bounds memory",
    )
    stream_buffer: int = Field(
        0,
        ge=0,
        description="raw records faust buffers per partition ahead of the actors, and records per poll "
        "(0: 4 x max_in_flight, at least 16); with max_in_flight this bounds the pages held in memory",
    )
    doc_timeout_seconds: float = Field(
        20.0, gt=0, description="per-document extraction time limit; slower pages go to the dead-letter topic"
    )
    max_tasks_per_worker: int = Field(
        10000, ge=0, description="recycle a worker process after this many documents (0: never)"
    )
    # Input limits
    max_input_bytes: int = Field(
        5 * 1024 * 1024,
        ge=1024,
        description="largest HTML page (UTF-8 bytes) the parser handles; larger pages are dead-lettered "
        "with error 'page_too_large' (never truncated)",
    )
    max_text_chars: int = Field(
        100_000,
        ge=1000,
        description="longest article text passed on, in characters: a longer text is cut at a paragraph "
        "break and marked text_truncated (keeps every record downstream bounded: docs/security.md)",
    )
    # Extraction
    min_text_chars: int = Field(
        250,
        ge=0,
        description="extracted text shorter than this is 'too little': the feed summary is used instead "
        "(summary_only); with no summary the page is dead-lettered as 'no_article'",
    )
    fast: bool = Field(
        True,
        description="trafilatura fast mode (skip the readability/jusText fallbacks): measured better F1 "
        "and cheaper on the extraction benchmark, see docs/performance.md",
    )
    favor_precision: bool = Field(False, description="trafilatura: less text, less noise")
    favor_recall: bool = Field(
        True,
        description="trafilatura: more text when unsure; with fast mode the best F1 on the benchmark, "
        "also on its non-English pages, and the cheapest (docs/performance.md)",
    )
    include_tables: bool = True
    extensive_date_search: bool = Field(
        False, description="htmldate extensive search (slower; finds dates in free text)"
    )

    @property
    def in_flight_limit(self) -> int:
        return self.max_in_flight or 2 * self.workers

    @property
    def stream_buffer_size(self) -> int:
        return self.stream_buffer or max(16, 4 * self.in_flight_limit)
