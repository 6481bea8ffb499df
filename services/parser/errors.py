"""The parser's error kinds (the ``error`` of its dead letters, metrics and ``wirewatch parse`` output)
and its exceptions (``shared.errors`` families)."""

from __future__ import annotations

import enum

from shared.errors import RecordRejected, WirewatchError


class ParserError(enum.StrEnum):
    """Why a page did not become an article."""

    # the extractor's own (``ExtractionError.kind``)
    PAGE_TOO_LARGE = "page_too_large"  # over max_input_bytes (never truncated)
    EMPTY_PAGE = "empty_page"  # an empty body and no feed summary
    NOT_HTML = "not_html"  # binary junk or no markup, and no feed summary
    NO_ARTICLE = "no_article"  # too little text and no feed summary
    # the pool's and the stage's
    TIMEOUT = "timeout"  # over doc_timeout_seconds: the worker was killed and replaced
    WORKER_CRASHED = "worker_crashed"
    EXTRACTION_FAILED = "extraction_failed"  # a bug in extraction (the exception's type and message)
    INVALID_OUTPUT = "invalid_output"  # the fields do not make a valid ParsedArticle
    # ``wirewatch parse`` only
    UNREADABLE = "unreadable"  # the input file could not be read


class ExtractionError(RecordRejected):
    """A page that cannot become an article; ``kind`` (a ``ParserError``) is the dead letter's ``error``."""

    kind: ParserError

    def __init__(self, kind: ParserError, reason: str) -> None:
        super().__init__(ParserError(kind), reason)


class DocumentTimeout(WirewatchError):
    """The document took longer than the per-document limit; its worker was killed and replaced."""


class WorkerCrashed(WirewatchError):
    """The worker process died while handling the document (it has been replaced)."""
