"""Feed parsing (feedparser, from an in-memory stream) and the entry records the poller hands to the
page fetcher.

``feedparser.parse`` takes a ``str``/``bytes`` argument for a URL or a file name first and opens it:
a server answering ``/etc/passwd`` or ``/dev/zero`` would make the fetcher read a local file. The body
is therefore always handed over as ``io.BytesIO``, which feedparser only reads.
"""

from __future__ import annotations

import calendar
import hashlib
import io
import json
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import feedparser
from pydantic import BaseModel, ConfigDict

from services.fetcher.errors import FetcherError
from services.fetcher.urls import article_id_for, resolve

MAX_SUMMARY_CHARS = 20_000
MAX_TITLE_CHARS = 2_000
# feedparser builds every entry of a body before the entry cap can apply (100,000 entries: seconds of
# CPU and hundreds of MB per poll), so a body with more than PARSE_FACTOR x max_entries entries is cut
# after that many, in document order, before it is parsed.
PARSE_FACTOR = 4
_ENTRY_END = re.compile(rb"</(?:[A-Za-z][\w.-]*:)?(?:item|entry)\s*>")


class EntryRecord(BaseModel):
    """One feed entry on the internal ENTRIES topic, keyed by article id (fetcher only)."""

    model_config = ConfigDict(extra="ignore")

    id: str  # article id of the canonical URL
    feed_id: str
    feed_url: str
    source: str
    lang_hint: str | None = None
    entry_url: str  # absolute entry link as the feed gives it
    canonical_url: str
    title: str | None = None
    summary: str | None = None
    author: str | None = None
    published: datetime | None = None

    def encode(self) -> bytes:
        return self.model_dump_json().encode("utf-8")

    @classmethod
    def decode(cls, data: bytes) -> EntryRecord:
        return cls.model_validate_json(data)


@dataclass
class Rejected:
    """An entry that cannot become an article (no link, not http(s) ...)."""

    reason: str
    error: FetcherError  # no_link, bad_link
    entry: dict[str, Any]

    @property
    def key(self) -> str:
        """A stable id of the rejected entry, so that it is reported once, not at every poll."""
        text = json.dumps(self.entry, sort_keys=True, ensure_ascii=False)
        return "x" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:31]


@dataclass
class ParsedFeed:
    entries: list[EntryRecord] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    duplicates: int = 0
    version: str = ""
    bozo_error: str | None = None  # feedparser's complaint; what parsed is still used
    total: int = 0  # entries in the body
    skipped: int = 0  # entries over ``max_entries`` (not handled)

    @property
    def is_feed(self) -> bool:
        return bool(self.version) or bool(self.entries) or bool(self.rejected)


def _text(value: Any, limit: int) -> str | None:
    if not value:
        return None
    text = str(value).strip()
    return text[:limit] or None


def _published(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), UTC)
            except (OverflowError, ValueError, TypeError):
                continue
    return None


def parse_feed(
    body: bytes,
    *,
    feed_url: str,
    feed_id: str,
    source: str,
    lang_hint: str | None,
    content_type: str | None = None,
    base_url: str | None = None,
    max_entries: int | None = None,
) -> ParsedFeed:
    """Entries of a feed body; relative links resolved against ``base_url`` (the URL after redirects).

    At most ``max_entries`` entries are handled: the newest by date (undated ones after the dated, in
    feed order) of the first ``PARSE_FACTOR x max_entries`` (the body is cut after those); ``skipped``
    counts the others."""
    base_url = base_url or feed_url
    headers: dict[str, str] = {}  # no content-location: links are resolved here, guids left as they are
    if content_type:
        headers["content-type"] = content_type
    not_parsed = 0
    if max_entries is not None:
        body, not_parsed = _cut(body, max_entries * PARSE_FACTOR)
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers, sanitize_html=True)
    out = ParsedFeed(version=parsed.get("version", "") or "", total=len(parsed.entries) + not_parsed)
    out.skipped = not_parsed
    if parsed.get("bozo") and not not_parsed:  # a body cut here is no longer well-formed: no complaint
        exc = parsed.get("bozo_exception")
        out.bozo_error = f"{type(exc).__name__}: {exc}"[:500] if exc else "malformed feed"
    entries = list(parsed.entries)
    if max_entries is not None and len(entries) > max_entries:
        out.skipped += len(entries) - max_entries
        entries = _newest(entries, max_entries)
    seen: set[str] = set()
    for entry in entries:
        link = entry.get("link")
        guid = str(entry.get("id") or "")
        if link and entry.get("guidislink") and not guid.startswith(("http://", "https://")):
            link = None  # an RSS guid taken for a permalink that is no URL (e.g. "12345")
        if not link:
            if guid.startswith(("http://", "https://")):
                link = guid
        if not link:
            out.rejected.append(Rejected("entry has no link", FetcherError.NO_LINK, _summary(entry)))
            continue
        absolute = resolve(base_url, link)
        try:
            canonical, aid = article_id_for(absolute)
        except ValueError as exc:
            out.rejected.append(Rejected(str(exc), FetcherError.BAD_LINK, _summary(entry)))
            continue
        if aid in seen:
            out.duplicates += 1
            continue
        seen.add(aid)
        out.entries.append(
            EntryRecord(
                id=aid,
                feed_id=feed_id,
                feed_url=feed_url,
                source=source,
                lang_hint=lang_hint,
                entry_url=absolute,
                canonical_url=canonical,
                title=_text(entry.get("title"), MAX_TITLE_CHARS),
                summary=_text(entry.get("summary"), MAX_SUMMARY_CHARS),
                author=_text(entry.get("author"), MAX_TITLE_CHARS),
                published=_published(entry),
            )
        )
    return out


def _cut(body: bytes, limit: int) -> tuple[bytes, int]:
    """``body`` cut after its ``limit``-th entry (``</item>``, ``</entry>``), and how many entries
    followed; the body unchanged when it has no more than ``limit``."""
    ends = _ENTRY_END.finditer(body)
    cut_at = None
    for n, match in enumerate(ends, 1):
        if n == limit:
            cut_at = match.end()
            break
    if cut_at is None:
        return body, 0
    rest = sum(1 for _ in _ENTRY_END.finditer(body, cut_at))
    return (body[:cut_at], rest) if rest else (body, 0)


def _newest(entries: list[Any], n: int) -> list[Any]:
    """The ``n`` newest entries (by date; undated ones after the dated), in feed order."""

    def key(pair: tuple[int, Any]) -> tuple[int, float, int]:
        index, entry = pair
        published = _published(entry)
        return (0, -published.timestamp(), index) if published else (1, 0.0, index)

    chosen = sorted(enumerate(entries), key=key)[:n]
    return [entry for _, entry in sorted(chosen, key=lambda pair: pair[0])]


def _summary(entry: Any) -> dict[str, Any]:
    return {
        "title": _text(entry.get("title"), MAX_TITLE_CHARS),
        "id": _text(entry.get("id"), MAX_TITLE_CHARS),
        "link": _text(entry.get("link"), MAX_TITLE_CHARS),
    }


def now() -> float:
    return time.time()
