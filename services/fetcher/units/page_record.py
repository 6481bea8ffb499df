"""From a fetched page to its RawItem, or to the reason it becomes a dead letter (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from services.fetcher.errors import PERMANENT_PAGE_FAILURES, FetcherError, FetchError, FetchKind, page_error
from services.fetcher.http import Response
from services.fetcher.polling import EntryRecord
from shared.contracts import RawItem
from shared.logs import redact_url
from shared.runtime.streaming import MAX_RECORD_BYTES

PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
PAGE_TYPES = ("html", "xml", "text/plain")
# A RawItem is JSON: a page of control characters grows sixfold (\u0001). What does not fit the send
# limit (less room for the key, headers and batch overhead) is dead-lettered ``page_too_large``.
RAW_RECORD_LIMIT = MAX_RECORD_BYTES - 64 * 1024


def is_permanent(kind: FetchKind) -> bool:
    """A page failure remembered in ``seen`` (not fetched again); else a later entry may retry it."""
    return kind in PERMANENT_PAGE_FAILURES


def check_content_type(url: str, resp: Response) -> None:
    """Raises ``unsupported_content_type`` for a page that is neither HTML, XML nor plain text."""
    content_type = resp.content_type
    if content_type and not any(t in content_type.lower() for t in PAGE_TYPES):
        raise FetchError(FetchKind.UNSUPPORTED_CONTENT_TYPE, f"{url}: {content_type}", status=resp.status)


def raw_item(entry: EntryRecord, resp: Response, html: str, charset: str | None) -> RawItem:
    """The page as a RawItem; every URL redacted (no userinfo or ?token= values in RAW, the index,
    dead letters), the id staying that of the real URL."""
    return RawItem(
        id=entry.id,
        feed_url=redact_url(entry.feed_url),
        source=entry.source,
        lang_hint=entry.lang_hint,
        entry_url=redact_url(entry.entry_url),
        canonical_url=redact_url(entry.canonical_url),
        final_url=redact_url(resp.final_url),
        entry_title=entry.title,
        entry_summary=entry.summary,
        entry_author=entry.author,
        entry_published=entry.published,
        http_status=resp.status,
        content_type=resp.content_type,
        charset=charset,
        html=html,
    )


def encoded(item: RawItem, fetched: int) -> bytes:
    """The record to publish; ``too_large`` when it would not fit the send limit."""
    value = item.encode()
    if len(value) > RAW_RECORD_LIMIT:
        msg = (
            f"{item.final_url}: the record is {len(value)} bytes once encoded as JSON ({fetched} bytes "
            f"fetched), over the send limit of {RAW_RECORD_LIMIT}"
        )
        raise FetchError(FetchKind.TOO_LARGE, msg, status=item.http_status)
    return value


@dataclass(frozen=True)
class Published:
    """The page's RawItem, encoded, for RAW."""

    value: bytes


@dataclass(frozen=True)
class Failed:
    """A dead letter (``page_<kind>``); ``permanent``: remembered in ``seen``, not fetched again."""

    error: FetcherError
    reason: str
    permanent: bool


def failure(exc: FetchError) -> Failed:
    return Failed(page_error(exc.kind), exc.reason, is_permanent(exc.kind))
