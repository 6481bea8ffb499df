"""Article extraction: HTML (str or bytes) -> clean text and metadata. Pure and picklable.

``extract_article`` is what the pool workers run (and what ``wirewatch parse`` runs in-process).
It never touches Kafka. Outcomes:

* an article: ``summary_only`` False, ``text`` from trafilatura;
* ``summary_only`` True: the page yielded less than ``min_text_chars`` of text, so the feed entry's
  summary (HTML stripped) is the text;
* ``ExtractionError(kind, reason)``: the page cannot become an article (too large, not HTML, no
  article and no summary). The service turns it into a dead letter with that kind and reason.

Metadata is read from the same parsed tree as the text (one parse per page): OpenGraph/meta tags
and JSON-LD through trafilatura's metadata helpers, the date through htmldate (non-extensive by
default), falling back to the feed entry's date. Trafilatura's full ``extract_metadata`` is not
used because it costs ~40% of the extraction itself (author heuristics over the body, categories,
tags, licence), see docs/performance.md.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from itertools import islice
from typing import Any

from services.fetcher.charsets import decode_html as decode_page
from services.parser.errors import ExtractionError, ParserError
from services.parser.langdetect import detect_language

log = logging.getLogger(__name__)

_BIDI_AND_INVISIBLE = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]")
_INLINE_SPACE = re.compile(r"[^\S\n]+")  # whitespace except newline (covers NBSP, thin spaces, tabs)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# UTF-8 text wrongly decoded as Latin-1/cp1252: a lead byte char followed by a continuation char.
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u017d\u017e\u0178]"
)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class ExtractOptions:
    """Extraction options (built from ``ParserSettings``; frozen and picklable for the pool)."""

    max_input_bytes: int = 5 * 1024 * 1024
    min_text_chars: int = 250
    max_text_chars: int = 100_000
    fast: bool = True
    favor_precision: bool = False
    favor_recall: bool = True
    include_tables: bool = True
    extensive_date_search: bool = False
    detect_lang: bool = True

    @classmethod
    def from_settings(cls, settings: Any) -> ExtractOptions:
        return cls(
            max_input_bytes=settings.max_input_bytes,
            min_text_chars=settings.min_text_chars,
            max_text_chars=settings.max_text_chars,
            fast=settings.fast,
            favor_precision=settings.favor_precision,
            favor_recall=settings.favor_recall,
            include_tables=settings.include_tables,
            extensive_date_search=settings.extensive_date_search,
        )


# --------------------------------------------------------------------------- text helpers


def normalize_text(text: str | None) -> str:
    """NFC, no invisible/bidi control characters, single spaces, paragraphs separated by a blank line."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _BIDI_AND_INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    lines = (_INLINE_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)


def normalize_inline(text: str | None) -> str | None:
    """A one-line field (title, author, ...): normalised, or None when empty."""
    if not text:
        return None
    out = " ".join(normalize_text(text).split())
    return out or None


def drop_leading_headline(text: str, titles: set[str]) -> str:
    """The text without a first paragraph that repeats the headline (it is in ``title`` already)."""
    first, sep, rest = text.partition("\n\n")
    if sep and rest and (normalize_inline(first) or "").casefold() in {t.casefold() for t in titles}:
        return rest
    return text


# one-line fields read from the page's metadata: a hostile page can put megabytes in a <title>
MAX_INLINE_CHARS = {"title": 2_000, "author": 500, "site_name": 500, "description": 5_000}


def cap_text(text: str, limit: int) -> tuple[str, bool]:
    """The text cut to at most ``limit`` characters, at the last paragraph (else word) break before
    the limit; and whether it was cut."""
    if len(text) <= limit:
        return text, False
    head = text[:limit]
    for sep in ("\n\n", " "):
        cut = head.rfind(sep)
        if cut >= limit // 2:
            return head[:cut].rstrip(), True
    return head, True


def capped_inline(name: str, text: str | None) -> str | None:
    value = normalize_inline(text)
    return cap_text(value, MAX_INLINE_CHARS[name])[0] if value else value


def word_count(text: str) -> int:
    return len(text.split())


def html_to_text(fragment: str | None) -> str:
    """Text of an HTML fragment such as a feed summary (paragraphs kept)."""
    if not fragment:
        return ""
    if "<" not in fragment:
        return normalize_text(fragment)
    try:
        import lxml.html

        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        for br in root.iter("br"):
            br.tail = "\n" + (br.tail or "")
        for el in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
            el.tail = "\n" + (el.tail or "")
        return normalize_text(root.text_content())
    except Exception:  # malformed fragment: drop the tags the crude way
        return normalize_text(_TAG.sub(" ", fragment))


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Bytes -> str with the pipeline's one decoder (``services.fetcher.charsets``: byte-order mark,
    valid UTF-8, the declared charset -- ``declared``, then ``<meta>`` -- checked against the bytes,
    charset detection): a page given to ``wirewatch parse`` reads as the fetcher would have read it."""
    content_type = f"text/html; charset={declared}" if declared else None
    return decode_page(data, content_type)[0]


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as Latin-1/cp1252 (a page whose declared charset was wrong), when it clearly is."""
    sample = text[:65536]
    hits = sum(1 for _ in islice(_MOJIBAKE.finditer(sample), 3))
    if hits < 3:
        return text
    hits = len(_MOJIBAKE.findall(text[:200_000]))
    for enc in ("cp1252", "latin-1"):
        try:
            fixed = text.encode(enc).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if len(_MOJIBAKE.findall(fixed[:200_000])) < hits:
            return fixed
    return text


def check_not_binary(text: str) -> None:
    """Raise ``not_html`` for binary junk (control characters, replacement characters, no markup).
    The head of the page (16 KiB) decides: binary data shows there."""
    if not text[:65536].strip():
        raise ExtractionError(ParserError.EMPTY_PAGE, "the page body is empty")
    sample = text[:16384]
    bad = len(_CONTROL.findall(sample)) + sample.count("\ufffd")
    if bad > max(16, len(sample) // 100):
        raise ExtractionError(
            ParserError.NOT_HTML,
            f"{bad} control/replacement characters in the first {len(sample)} characters: binary data",
        )
    if "<" not in text[:65536]:
        raise ExtractionError(ParserError.NOT_HTML, "no markup in the first 64 KiB")


def utf8_size(text: str, limit: int) -> int:
    """UTF-8 size of ``text``, computed only when it could exceed ``limit`` (cheap for normal pages)."""
    if len(text) * 4 <= limit:
        return len(text)
    return len(text.encode("utf-8", errors="surrogatepass"))


# --------------------------------------------------------------------------- metadata


def _published(tree: Any, url: str | None, options: ExtractOptions) -> date | None:
    from htmldate import find_date

    try:
        found = find_date(
            tree,
            extensive_search=options.extensive_date_search,
            original_date=True,
            url=url,
            max_date=datetime.now(UTC).strftime("%Y-%m-%d"),
        )
    except Exception as exc:  # htmldate bugs must not lose the article
        log.debug("htmldate failed: %s", exc)
        return None
    if not found:
        return None
    try:
        return date.fromisoformat(found[:10])
    except ValueError:
        return None


def _metadata(tree: Any, url: str | None, options: ExtractOptions) -> dict[str, Any]:
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_sitename, extract_title

    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:  # trafilatura's rule: a single token is rarely a name
        meta.author = None
    try:
        meta = extract_meta_json(tree, meta)
    except Exception as exc:  # malformed JSON-LD
        log.debug("JSON-LD metadata failed: %s", exc)
    title = meta.title or extract_title(tree)
    sitename = meta.sitename or extract_sitename(tree)
    if sitename:
        sitename = sitename.lstrip("@")
    return {
        "title": title,
        "author": meta.author,
        "site_name": sitename,
        "description": meta.description,
        "image": meta.image,
        "date": _published(tree, url or meta.url, options),
    }


def choose_published(page_date: date | None, feed_date: datetime | None) -> datetime | None:
    """The page's own date wins; the feed's timestamp is kept when it is the same day (it has a time)."""
    if feed_date is not None and feed_date.tzinfo is None:
        feed_date = feed_date.replace(tzinfo=UTC)
    if page_date is None:
        return feed_date
    if feed_date is not None and feed_date.astimezone(UTC).date() == page_date:
        return feed_date
    return datetime.combine(page_date, time(0, 0), tzinfo=UTC)


# --------------------------------------------------------------------------- the worker function


def extract_article(
    html: str | bytes,
    *,
    url: str | None = None,
    charset: str | None = None,
    summary: str | None = None,
    feed_title: str | None = None,
    feed_author: str | None = None,
    feed_published: datetime | None = None,
    lang_hint: str | None = None,
    options: ExtractOptions = ExtractOptions(),
) -> dict[str, Any]:
    """Extract one page. Returns the ParsedArticle fields this stage derives from the page
    (title, text, author, published, site_name, description, image, lang, word_count, summary_only);
    raises ``ExtractionError`` for a page that cannot become an article."""
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    if isinstance(html, bytes):
        if len(html) > options.max_input_bytes:
            raise ExtractionError(
                ParserError.PAGE_TOO_LARGE, f"{len(html)} bytes > max_input_bytes {options.max_input_bytes}"
            )
        html = decode_html(html, charset)
    else:
        size = utf8_size(html, options.max_input_bytes)
        if size > options.max_input_bytes:
            raise ExtractionError(
                ParserError.PAGE_TOO_LARGE, f"{size} bytes > max_input_bytes {options.max_input_bytes}"
            )

    meta: dict[str, Any] = {}
    text = ""
    problem: ExtractionError | None = None
    try:
        check_not_binary(html)
    except ExtractionError as exc:  # empty or binary: only the feed summary can save it
        problem = exc
    else:
        html = repair_mojibake(html)
        tree = load_html(html)
        if tree is not None:
            meta = _metadata(tree, url, options)
            doc = bare_extraction(
                tree,
                url=url,
                fast=options.fast,
                favor_precision=options.favor_precision,
                favor_recall=options.favor_recall,
                include_comments=False,
                include_tables=options.include_tables,
                with_metadata=False,
            )
            if doc is not None:  # a Document (a dict only with as_dict=True, which is not asked for)
                text = normalize_text(doc["text"] if isinstance(doc, dict) else doc.text)

    summary_only = False
    fallback: str | None = None
    if problem is not None or len(text) < options.min_text_chars:
        summary_text = html_to_text(summary)
        if summary_text:
            if problem is not None:
                fallback = f"{problem.kind}: {problem.reason}"
            else:
                got = f"{len(text)} characters of text" if text else "no text"
                fallback = f"too_little_text: {got} (< min_text_chars {options.min_text_chars})"
            text, summary_only = summary_text, True
        elif problem is not None:
            raise problem
        else:
            got = f"{len(text)} characters of text" if text else "no text"
            raise ExtractionError(
                ParserError.NO_ARTICLE,
                f"extraction gave {got} (< min_text_chars {options.min_text_chars}) and the feed entry "
                "has no summary",
            )

    page_title, entry_title = capped_inline("title", meta.get("title")), capped_inline("title", feed_title)
    # a page that gave no article (login wall, error page) has a title that is not the story's
    title = (entry_title or page_title) if summary_only else (page_title or entry_title)
    if not summary_only:
        text = drop_leading_headline(text, {t for t in (page_title, entry_title) if t})
    text, text_truncated = cap_text(text, options.max_text_chars)
    lang = None
    if options.detect_lang:
        lang = detect_language(text, title=title) or (lang_hint.lower() if lang_hint else None)
    published = choose_published(meta.get("date"), feed_published)
    return {
        "title": title,
        "text": text,
        "author": capped_inline("author", meta.get("author")) or capped_inline("author", feed_author),
        "published": published,
        "site_name": capped_inline("site_name", meta.get("site_name")),
        "description": capped_inline("description", meta.get("description")),
        "image": (meta.get("image") or "").strip() or None,
        "lang": lang,
        "word_count": word_count(text),
        "summary_only": summary_only,
        "extraction_fallback": fallback,
        "text_truncated": text_truncated,
    }
