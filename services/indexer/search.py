"""Searching the article indices: one query builder for ``wirewatch search`` and the HTTP API.

The query text is folded with ``shared.textnorm.fold`` -- the function the indexer applied to the
``search_*`` fields -- so ``اعلان`` finds ``إعلان``/``إعـلان``/``إِعْلَان`` and ``societe generale``
finds ``Société Générale``. The query syntax is Elasticsearch's ``simple_query_string``: words
(all required), ``"a phrase"``, ``a | b`` (or), ``-word`` (not), ``prefix*``.

Highlights are computed here, on the original text: folded positions map back to the original
characters (``fold_with_offsets``), so the analyst sees the article's own spelling marked.
"""

from __future__ import annotations

import html
import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from shared.textnorm import fold, fold_with_offsets

SEARCH_FIELDS = ("search_title^3", "search_evidence^2", "search_text")
SOURCE_FIELDS = [
    "id",
    "title",
    "url",
    "source",
    "lang",
    "tags",
    "primary_tag",
    "tag_scores",
    "orgs",
    "amounts",
    "published",
    "date_source",
    "indexed",
    "word_count",
    "summary_only",
    "text",
]
_DURATION = re.compile(r"^\s*(\d+)\s*([mhdw])\s*$", re.IGNORECASE)
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_WORD = re.compile(r"\w+")


def parse_since(value: str | None, now: datetime | None = None) -> datetime | None:
    """``7d``, ``12h``, ``2w``, ``30m`` (relative to now) or an ISO date/time (``2026-11-01``)."""
    if value is None or not value.strip():
        return None
    now = now or datetime.now(UTC)
    m = _DURATION.match(value)
    if m:
        return now - timedelta(**{_UNITS[m.group(2).lower()]: int(m.group(1))})
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise ValueError(f"--since: expected e.g. 7d, 12h, 2w or an ISO date, got {value!r}") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@dataclass
class SearchRequest:
    text: str = ""
    tags: list[str] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)
    langs: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 20
    offset: int = 0


def filters(req: SearchRequest) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if req.tags:
        out.append({"terms": {"tags": [t.strip().lower() for t in req.tags]}})
    if req.langs:
        out.append({"terms": {"lang": [x.strip().lower() for x in req.langs]}})
    if req.orgs:  # organisation names as analysts type them: case does not matter
        out.append(
            {
                "bool": {
                    "should": [
                        {"term": {"orgs": {"value": org.strip(), "case_insensitive": True}}}
                        for org in req.orgs
                    ],
                    "minimum_should_match": 1,
                }
            }
        )
    if req.sources:
        out.append({"terms": {"source": req.sources}})
    if req.since or req.until:
        rng: dict[str, str] = {}
        if req.since:
            rng["gte"] = req.since.isoformat()
        if req.until:
            rng["lt"] = req.until.isoformat()
        out.append({"range": {"published": rng}})
    return out


def build_query(req: SearchRequest) -> dict[str, Any]:
    """The ``query`` of a search request."""
    must: list[dict[str, Any]] = []
    folded = fold(req.text).strip()
    if folded:
        must.append(
            {
                "simple_query_string": {
                    "query": folded,
                    "fields": list(SEARCH_FIELDS),
                    "default_operator": "and",
                    "flags": "AND|OR|NOT|PHRASE|PREFIX|PRECEDENCE|WHITESPACE|ESCAPE",
                }
            }
        )
    return {"bool": {"must": must or [{"match_all": {}}], "filter": filters(req)}}


def build_search(req: SearchRequest, max_limit: int = 200) -> dict[str, Any]:
    """Keyword arguments of ``es.search`` for this request."""
    limit = max(1, min(req.limit, max_limit))
    sort: list[Any] = (
        ["_score", {"published": "desc"}] if fold(req.text).strip() else [{"published": "desc"}, "_score"]
    )
    return {
        "query": build_query(req),
        "size": limit,
        "from_": max(0, req.offset),
        "sort": sort,
        "source_includes": SOURCE_FIELDS,
        "track_total_hits": True,
        "ignore_unavailable": True,
        "allow_no_indices": True,
    }


# --- highlighting -----------------------------------------------------------------------------

Segment = tuple[str, bool]  # (text, is a match)
_SPACES = re.compile(r"\s+")


def query_terms(text: str) -> tuple[set[str], set[str]]:
    """Folded words and prefixes (``word*``) of a query, without negated words and operators."""
    words: set[str] = set()
    prefixes: set[str] = set()
    for raw in re.findall(r"-?\w+\*?", fold(text)):
        if raw.startswith("-"):
            continue
        if raw.endswith("*"):
            prefixes.add(raw[:-1])
        else:
            words.add(raw)
    return words, prefixes


def _matches(text: str, words: set[str], prefixes: set[str]) -> list[tuple[int, int]]:
    """Spans of ``text`` (original offsets) whose folded word is a query word or has a query prefix."""
    folded, origin = fold_with_offsets(text)
    spans = []
    for m in _WORD.finditer(folded):
        token = m.group(0)
        if token in words or any(token.startswith(p) for p in prefixes if p):
            start = origin[m.start()]
            end = origin[m.end()]  # includes marks/tatweel that folded away after the word
            spans.append((start, end))
    return spans


def highlight(text: str | None, query: str, *, fragment: int = 220, whole: bool = False) -> list[Segment]:
    """The best fragment of ``text`` for ``query`` as segments; the whole text when ``whole``."""
    if not text:
        return []
    words, prefixes = query_terms(query)
    spans = _matches(text, words, prefixes) if (words or prefixes) else []
    if whole:
        lo, hi = 0, len(text)
    elif spans:
        # the window (starting a little before a match) that holds the most matches
        best_start, best_count = spans[0][0], 0
        for start, _ in spans:
            count = sum(1 for s, e in spans if start <= s and e <= start + fragment)
            if count > best_count:
                best_start, best_count = start, count
        lo = max(0, best_start - fragment // 4)
        space = text.rfind(" ", 0, lo) if lo else -1
        lo = space + 1 if space >= 0 and lo - space < 30 else lo
        hi = min(len(text), lo + fragment)
    else:
        lo, hi = 0, min(len(text), fragment)
    segments: list[Segment] = []
    pos = lo
    for s, e in spans:
        if e <= lo or s >= hi:
            continue
        s, e = max(s, lo), min(e, hi)
        if s > pos:
            segments.append((text[pos:s], False))
        segments.append((text[s:e], True))
        pos = e
    if pos < hi:
        segments.append((text[pos:hi], False))
    if not whole:
        if lo > 0:
            segments.insert(0, ("…", False))
        if hi < len(text):
            segments.append(("…", False))
    # collapse whitespace runs (paragraph breaks) but keep the spaces between a match and its neighbours
    return [(_SPACES.sub(" ", t) if not m else t, m) for t, m in segments]


def segments_html(segments: list[Segment]) -> str:
    """Segments as HTML-escaped text with matches in ``<em>``."""
    return "".join(f"<em>{html.escape(t)}</em>" if m else html.escape(t) for t, m in segments)


# --- results ----------------------------------------------------------------------------------


@dataclass
class Hit:
    id: str
    index: str
    score: float | None
    title: str | None
    url: str | None
    source: str | None
    lang: str | None
    tags: list[str]
    primary_tag: str | None
    orgs: list[str]
    published: str | None
    title_segments: list[Segment]
    snippet_segments: list[Segment]
    amounts: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("title_segments")
        data.pop("snippet_segments")
        data["title_highlight"] = segments_html(self.title_segments)
        data["highlight"] = segments_html(self.snippet_segments)
        return data


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]

    def to_json(self) -> dict[str, Any]:
        return {"total": self.total, "hits": [h.to_json() for h in self.hits]}


def to_hit(raw: dict[str, Any], query: str) -> Hit:
    src = raw.get("_source", {})
    return Hit(
        id=raw["_id"],
        index=raw["_index"],
        score=raw.get("_score"),
        title=src.get("title"),
        url=src.get("url"),
        source=src.get("source"),
        lang=src.get("lang"),
        tags=src.get("tags") or [],
        primary_tag=src.get("primary_tag"),
        orgs=src.get("orgs") or [],
        published=src.get("published"),
        title_segments=highlight(src.get("title"), query, whole=True),
        snippet_segments=highlight(src.get("text"), query),
        amounts=src.get("amounts") or [],
    )


async def search(es: Any, alias: str, req: SearchRequest, max_limit: int = 200) -> SearchResult:
    resp = await es.search(index=alias, **build_search(req, max_limit))
    hits = resp["hits"]
    total = hits["total"]["value"] if isinstance(hits.get("total"), dict) else int(hits.get("total") or 0)
    return SearchResult(total=total, hits=[to_hit(h, req.text) for h in hits["hits"]])


async def get_article(es: Any, alias: str, article_id: str) -> dict[str, Any] | None:
    """The stored document of one article (whatever its month), or None."""
    resp = await es.search(
        index=alias,
        query={"ids": {"values": [article_id]}},
        size=1,
        source_excludes=["search_title", "search_text", "search_evidence"],
        ignore_unavailable=True,
        allow_no_indices=True,
    )
    hits = resp["hits"]["hits"]
    if not hits:
        return None
    return {"_index": hits[0]["_index"], **hits[0]["_source"]}


async def stats(es: Any, alias: str, req: SearchRequest | None = None, days: int = 30) -> dict[str, Any]:
    """Counts by tag, language, source and day (the day histogram covers the last ``days`` days
    unless the request has its own ``since``)."""
    req = req or SearchRequest()
    day_from = req.since or (datetime.now(UTC) - timedelta(days=days))
    resp = await es.search(
        index=alias,
        query=build_query(req),
        size=0,
        track_total_hits=True,
        ignore_unavailable=True,
        allow_no_indices=True,
        aggs={
            "tags": {"terms": {"field": "tags", "size": 50}},
            "untagged": {"missing": {"field": "tags"}},
            "langs": {"terms": {"field": "lang", "size": 50, "missing": "unknown"}},
            "sources": {"terms": {"field": "source", "size": 20}},
            "orgs": {"terms": {"field": "orgs", "size": 20}},
            "recent": {
                "filter": {"range": {"published": {"gte": day_from.isoformat()}}},
                "aggs": {
                    "days": {
                        "date_histogram": {
                            "field": "published",
                            "calendar_interval": "day",
                            "format": "yyyy-MM-dd",
                        }
                    }
                },
            },
        },
    )
    aggs = resp.get("aggregations", {})

    def buckets(name: str) -> dict[str, int]:
        return {str(b["key"]): int(b["doc_count"]) for b in aggs.get(name, {}).get("buckets", [])}

    total = resp["hits"]["total"]["value"]
    by_tag = buckets("tags")
    if aggs.get("untagged", {}).get("doc_count"):
        by_tag["(none)"] = int(aggs["untagged"]["doc_count"])
    days_buckets = aggs.get("recent", {}).get("days", {}).get("buckets", [])
    return {
        "total": total,
        "by_tag": by_tag,
        "by_lang": buckets("langs"),
        "by_source": buckets("sources"),
        "top_orgs": buckets("orgs"),
        "by_day": {b["key_as_string"]: int(b["doc_count"]) for b in days_buckets},
    }
