"""Searching the article indices: one query builder for ``wirewatch search`` and the HTTP API.

The query text is folded with ``shared.textnorm.fold`` -- the function the indexer applied to the
``search_*`` fields -- so ``اعلان`` finds ``إعلان``/``إعـلان``/``إِعْلَان`` and ``societe generale``
finds ``Société Générale``. The query syntax is Elasticsearch's ``simple_query_string``: words
(all required), ``"a phrase"``, ``a | b`` (or), ``-word`` (not), ``prefix*``.

Where the cluster has language analyzers, the index also has stemmed subfields (``text.french`` ...,
see ``services/indexer/index.py``): the unfolded query runs against them too, beside the folded
fields, which stay the fallback. Organisation names in the query are resolved through the
classifier's gazetteer, so ``Midjourney`` also finds the Arabic report that writes ميدجورني.

Elasticsearch does the highlighting over the first ``highlight_max_analyzed_offset`` characters:
one fragment of the text as written when the query as typed matches it (most English), else of the
folded text (lower case, no accents); the folded title's marks are projected onto the original
title (folding is per character, ``fold_with_offsets``), so the title shows the article's own
spelling. Only the fields a result row shows are fetched (no full text).

Every request is bounded (``validate``): length of the query, its terms and prefix terms,
``offset + limit``, ``since``; a violation is a ``QueryError`` (HTTP 422).
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from shared import durations
from shared.errors import InvalidInput
from shared.logs import StateLog
from shared.textnorm import fold, fold_with_offsets

log = logging.getLogger(__name__)
# unreadable story summaries (a key without the right on <alias>.stories ...): said once, not per search
_SUMMARIES = StateLog(log, "reading story summaries", every=300.0)

FOLDED_FIELDS = ("search_title^3", "search_evidence^2", "search_text")
SEARCH_FIELDS = FOLDED_FIELDS  # the fields every cluster has
# the fields a result row shows (never the full text)
SOURCE_FIELDS = [
    "id",
    "title",
    "url",
    "source",
    "lang",
    "tags",
    "primary_tag",
    "orgs",
    "amounts",
    "published",
    "story_id",
]
_WORD = re.compile(r"\w+")
_TERM = re.compile(r"-?\w+\*?")
_MAX_TITLE_CHARS = 2000  # titles longer than this are shown without marks


class QueryError(InvalidInput):
    """A request outside the bounds (HTTP 422, CLI exit code 2); the message names the parameter."""


@dataclass(frozen=True)
class Limits:
    """Bounds of one request (``services.api.settings.ApiSettings`` has the configured values)."""

    max_limit: int = 200
    max_window: int = 10_000
    max_query_chars: int = 500
    max_query_terms: int = 32
    max_prefix_terms: int = 4
    min_prefix_chars: int = 2
    max_filter_values: int = 50
    max_since_days: int = 36_600
    search_timeout: float = 5.0
    highlight_max_analyzed_offset: int = 100_000
    fragment_chars: int = 220

    @classmethod
    def of(cls, opts: Any) -> Limits:
        """The limits of an ``ApiSettings``."""
        return cls(**{name: getattr(opts, name) for name in cls.__dataclass_fields__})


def parse_since(value: str | None, now: datetime | None = None, max_days: int = 36_600) -> datetime | None:
    """``7d``, ``12h``, ``2w``, ``30m`` (relative to now) or an ISO date/time (``2026-11-01``) — the
    grammar of ``shared.durations`` — at most ``max_days`` back and not in the future."""
    now = now or datetime.now(UTC)
    try:
        parsed = durations.parse_since(value, now=now)
    except durations.SpanTooLarge as exc:
        raise QueryError(f"since: at most {max_days} days back, got {value!r}") from exc
    except ValueError as exc:
        raise QueryError(f"since: expected e.g. 7d, 12h, 2w or an ISO date, got {value!r}") from exc
    if parsed is None:
        return None
    if parsed > now + timedelta(days=1):
        raise QueryError(f"since: {value!r} is in the future")
    if now - parsed > timedelta(days=max_days):
        raise QueryError(f"since: at most {max_days} days back, got {value!r}")
    return parsed


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


def query_terms(text: str) -> tuple[set[str], set[str]]:
    """Folded words and prefixes (``word*``) of a query, without negated words and operators."""
    words: set[str] = set()
    prefixes: set[str] = set()
    for raw in _TERM.findall(fold(text)):
        if raw.startswith("-"):
            continue
        if raw.endswith("*"):
            prefixes.add(raw[:-1])
        else:
            words.add(raw)
    return words, prefixes


def validate(req: SearchRequest, limits: Limits = Limits()) -> None:
    """Raise ``QueryError`` when the request is outside the bounds."""
    if len(req.text) > limits.max_query_chars:
        raise QueryError(f"q: at most {limits.max_query_chars} characters, got {len(req.text)}")
    terms = _TERM.findall(fold(req.text))
    if len(terms) > limits.max_query_terms:
        raise QueryError(f"q: at most {limits.max_query_terms} terms, got {len(terms)}")
    prefixes = [t for t in terms if t.endswith("*")]
    if len(prefixes) > limits.max_prefix_terms:
        raise QueryError(f"q: at most {limits.max_prefix_terms} prefix terms (word*), got {len(prefixes)}")
    short = [t for t in prefixes if len(t.lstrip("-")) - 1 < limits.min_prefix_chars]
    if short:
        raise QueryError(
            f"q: a prefix needs at least {limits.min_prefix_chars} characters before *: {short[0]}"
        )
    if req.limit < 1 or req.limit > limits.max_limit:
        raise QueryError(f"limit: between 1 and {limits.max_limit}, got {req.limit}")
    if req.offset < 0:
        raise QueryError(f"offset: at least 0, got {req.offset}")
    if req.offset + req.limit > limits.max_window:
        raise QueryError(
            f"offset + limit: at most {limits.max_window}, got {req.offset + req.limit} (narrow the query)"
        )
    for name, values in (("tag", req.tags), ("org", req.orgs), ("lang", req.langs), ("source", req.sources)):
        if len(values) > limits.max_filter_values:
            raise QueryError(f"{name}: at most {limits.max_filter_values} values, got {len(values)}")
        too_long = [v for v in values if len(v) > 1024]
        if too_long:
            raise QueryError(f"{name}: a value is at most 1024 characters")


# --- organisations named in the query --------------------------------------------------------


_QUERY_TOKEN = re.compile(r"\S+")
_EDGE = "\"'()|+*~«»“”"
_MAX_ORG_WORDS = 4  # longest organisation name looked up, in words


@lru_cache(maxsize=1)
def _org_lookup() -> Callable[[str], str | None]:
    """The classifier's gazetteer (read-only): ``term`` -> canonical name when the whole term is
    one organisation's alias (``services.classifier.orgs.canonical_org``)."""
    try:
        from services.classifier.orgs import canonical_org

        return canonical_org
    except ImportError:  # an older classifier: the finder's hits that cover the whole term
        from services.classifier.orgs import OrgFinder
        from services.classifier.settings import TAXONOMY_DIR
        from services.classifier.taxonomy import cached_taxonomy

        finder = OrgFinder(cached_taxonomy(TAXONOMY_DIR))

        def lookup(term: str) -> str | None:
            for hit in finder.hits(term):
                if hit.start == 0 and hit.end >= len(term.rstrip("s'")):
                    return str(hit.name)
            return None

        return lookup


def org_filter_names(orgs: Sequence[str]) -> list[str]:
    """The names an ``--org`` filter matches: each as typed, and its canonical name when the
    gazetteer knows it as an alias (``ميدجورني``, ``NYT``) -- the ``orgs`` field holds canonical
    names, the surface form only for organisations the gazetteer does not know."""
    names: dict[str, None] = {}
    for org in orgs:
        typed = org.strip()
        if not typed:
            continue
        names[typed] = None
        try:
            canonical = _org_lookup()(typed)
        except Exception:  # the gazetteer is a help, never a reason for a search to fail
            canonical = None
        if canonical:
            names[canonical] = None
    return list(names)


@dataclass(frozen=True)
class OrgInQuery:
    name: str  # canonical name, as in the ``orgs`` field
    rest: str  # the query without the words that named it


def orgs_in_query(text: str, max_terms: int = 64) -> list[OrgInQuery]:
    """Organisations the gazetteer finds in the query (runs of up to four words; not negated ones)."""
    tokens = [(m.start(), m.end(), m.group(0)) for m in _QUERY_TOKEN.finditer(text)][:max_terms]
    if not tokens:
        return []
    try:
        lookup = _org_lookup()
    except Exception:  # the gazetteer is a help, never a reason for a search to fail
        return []
    out: dict[str, OrgInQuery] = {}
    i = 0
    while i < len(tokens):
        for n in range(min(_MAX_ORG_WORDS, len(tokens) - i), 0, -1):
            first, last = tokens[i], tokens[i + n - 1]
            if first[2].startswith("-"):
                break
            term = text[first[0] : last[1]].strip(_EDGE)
            try:
                name = lookup(term) if term else None
            except Exception:
                name = None
            if name:
                rest = (text[: first[0]] + " " + text[last[1] :]).strip()
                out.setdefault(name, OrgInQuery(name, rest))
                i += n - 1
                break
        i += 1
    return list(out.values())


# --- the query ---------------------------------------------------------------------------------


def filters(req: SearchRequest) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if req.tags:
        out.append({"terms": {"tags": [t.strip().lower() for t in req.tags]}})
    if req.langs:
        out.append({"terms": {"lang": [x.strip().lower() for x in req.langs]}})
    if req.orgs:  # organisation names as analysts type them: case and alias do not matter
        out.append(
            {
                "bool": {
                    "should": [
                        {"term": {"orgs": {"value": name, "case_insensitive": True}}}
                        for name in org_filter_names(req.orgs)
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


_FLAGS = "AND|OR|NOT|PHRASE|PREFIX|PRECEDENCE|WHITESPACE|ESCAPE"


def _sqs(text: str, fields: list[str]) -> dict[str, Any]:
    return {
        "simple_query_string": {
            "query": text,
            "fields": fields,
            "default_operator": "and",
            "flags": _FLAGS,
        }
    }


def text_clause(text: str, stemmed_fields: tuple[str, ...] = ()) -> dict[str, Any] | None:
    """The full-text part: the folded query on the folded fields, the query as written on the
    stemmed subfields (when the index has them), and for an organisation named in the query its
    ``orgs`` value (plus the rest of the query), whatever script the report wrote the name in."""
    folded = fold(text).strip()
    if not folded:
        return None
    should: list[dict[str, Any]] = [_sqs(folded, list(FOLDED_FIELDS))]
    if stemmed_fields:
        should.append(_sqs(text.strip(), list(stemmed_fields)))
    for org in orgs_in_query(text):
        must: list[dict[str, Any]] = [{"term": {"orgs": org.name}}]
        rest = fold(org.rest).strip()
        if rest and _WORD.search(rest):
            must.append(_sqs(rest, list(FOLDED_FIELDS)))
        should.append({"bool": {"must": must}})
    if len(should) == 1:
        return should[0]
    return {"bool": {"should": should, "minimum_should_match": 1}}


def build_query(req: SearchRequest, stemmed_fields: tuple[str, ...] = ()) -> dict[str, Any]:
    """The ``query`` of a search request."""
    clause = text_clause(req.text, stemmed_fields)
    return {"bool": {"must": [clause] if clause else [{"match_all": {}}], "filter": filters(req)}}


def highlight_spec(limits: Limits, text: str = "") -> dict[str, Any]:
    """Elasticsearch highlights: the folded text (``search_text``) for the folded query, and the
    text as written (``text``) for the query as typed -- that fragment is preferred when the query
    matched it (same spelling, e.g. most English), else the folded one; without a match, the
    beginning of the text as written."""
    fragment = {"type": "unified", "fragment_size": limits.fragment_chars, "number_of_fragments": 1}
    fields: dict[str, Any] = {
        "search_text": fragment,
        "search_title": {"type": "unified", "number_of_fragments": 0},
        "text": {**fragment, "no_match_size": limits.fragment_chars},
    }
    if text.strip():
        fields["text"]["highlight_query"] = _sqs(text.strip(), ["text"])
    return {
        "encoder": "html",
        "pre_tags": ["<em>"],
        "post_tags": ["</em>"],
        "max_analyzed_offset": limits.highlight_max_analyzed_offset,
        "require_field_match": True,
        "fields": fields,
    }


def build_search(
    req: SearchRequest,
    max_limit: int = 200,
    *,
    limits: Limits | None = None,
    stemmed_fields: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Keyword arguments of ``es.search`` for this request."""
    limits = limits or Limits(max_limit=max_limit)
    limit = max(1, min(req.limit, limits.max_limit))
    sort: list[Any] = (
        ["_score", {"published": "desc"}] if fold(req.text).strip() else [{"published": "desc"}, "_score"]
    )
    return {
        "query": build_query(req, stemmed_fields),
        "size": limit,
        "from_": max(0, min(req.offset, limits.max_window - limit)),
        "sort": sort,
        "source_includes": SOURCE_FIELDS,
        "highlight": highlight_spec(limits, req.text),
        "timeout": f"{int(limits.search_timeout * 1000)}ms",
        "track_total_hits": True,
        "ignore_unavailable": True,
        "allow_no_indices": True,
    }


# --- highlighting -----------------------------------------------------------------------------

Segment = tuple[str, bool]  # (text, is a match)
_SPACES = re.compile(r"\s+")
_EM = re.compile(r"<em>(.*?)</em>", re.DOTALL)


def _matches(text: str, words: set[str], prefixes: set[str]) -> list[tuple[int, int]]:
    """Spans of ``text`` (original offsets) whose folded word is a query word or has a query prefix."""
    folded, origin = fold_with_offsets(text)
    starts = tuple(p for p in prefixes if p)
    spans = []
    for m in _WORD.finditer(folded):
        token = m.group(0)
        if token in words or (starts and token.startswith(starts)):
            spans.append((origin[m.start()], origin[m.end()]))
    return spans


def highlight(text: str | None, query: str, *, fragment: int = 220, whole: bool = False) -> list[Segment]:
    """The best fragment of ``text`` for ``query`` as segments; the whole text when ``whole``.

    Linear in the text (a sliding window over the matches); used for short texts (titles) and by
    the tests -- the API lets Elasticsearch highlight full texts."""
    if not text:
        return []
    words, prefixes = query_terms(query)
    spans = _matches(text, words, prefixes) if (words or prefixes) else []
    if whole:
        lo, hi = 0, len(text)
    elif spans:
        # the window (starting at a match) that holds the most matches: two pointers over the spans
        best_start, best_count, j = spans[0][0], 0, 0
        for i, (start, _) in enumerate(spans):
            j = max(j, i)
            while j < len(spans) and spans[j][1] <= start + fragment:
                j += 1
            if j - i > best_count:
                best_start, best_count = start, j - i
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


def html_segments(fragment: str) -> list[Segment]:
    """Elasticsearch's HTML-encoded fragment (matches in ``<em>``) as segments of plain text."""
    return [(_SPACES.sub(" ", t) if not m else t, m) for t, m in html_segments_raw(fragment) if t]


def project(original: str, folded_fragment: str) -> list[Segment] | None:
    """The marks of Elasticsearch's highlight of ``fold(original)`` (the whole field) on ``original``.

    None when the highlighted text is not ``fold(original)`` (then the caller falls back)."""
    folded, origin = fold_with_offsets(original)
    plain: list[str] = []
    marks: list[tuple[int, int]] = []
    pos = 0
    for seg, match in html_segments_raw(folded_fragment):
        if match:
            marks.append((pos, pos + len(seg)))
        plain.append(seg)
        pos += len(seg)
    if "".join(plain) != folded:
        return None
    segments: list[Segment] = []
    at = 0
    for s, e in marks:
        start, end = origin[s], origin[e]
        if start > at:
            segments.append((original[at:start], False))
        segments.append((original[start:end], True))
        at = end
    if at < len(original):
        segments.append((original[at:], False))
    return segments


def html_segments_raw(fragment: str) -> list[Segment]:
    """Like ``html_segments`` but keeping whitespace as it is (for ``project``)."""
    segments: list[Segment] = []
    pos = 0
    for m in _EM.finditer(fragment):
        if m.start() > pos:
            segments.append((html.unescape(fragment[pos : m.start()]), False))
        segments.append((html.unescape(m.group(1)), True))
        pos = m.end()
    if pos < len(fragment):
        segments.append((html.unescape(fragment[pos:]), False))
    return segments


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
    story_id: str | None = None

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
    timed_out: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"total": self.total, "timed_out": self.timed_out, "hits": [h.to_json() for h in self.hits]}


def _title_segments(title: str | None, highlighted: list[str] | None, query: str) -> list[Segment]:
    if not title:
        return []
    if len(title) > _MAX_TITLE_CHARS:
        return [(title, False)]
    if highlighted:
        projected = project(title, highlighted[0])
        if projected is not None:
            return projected
    if not highlighted and query.strip():
        return [(title, False)]  # nothing of the query is in the title
    return highlight(title, query, whole=True)


def to_hit(raw: dict[str, Any], query: str) -> Hit:
    src = raw.get("_source", {})
    marks = raw.get("highlight", {})
    as_written = (marks.get("text") or [""])[0]
    folded = (marks.get("search_text") or [""])[0]
    fragment = as_written if "<em>" in as_written or "<em>" not in folded else folded
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
        title_segments=_title_segments(src.get("title"), marks.get("search_title"), query),
        snippet_segments=html_segments(fragment),
        amounts=src.get("amounts") or [],
        story_id=src.get("story_id"),
    )


async def to_hits(raw_hits: list[dict[str, Any]], query: str) -> list[Hit]:
    """``to_hit`` of each hit, in a worker thread (titles are projected in Python)."""
    if not raw_hits:
        return []
    return await asyncio.to_thread(lambda: [to_hit(h, query) for h in raw_hits])


def _total(hits: dict[str, Any]) -> int:
    total = hits.get("total")
    return int(total["value"]) if isinstance(total, dict) else int(total or 0)


async def search(
    es: Any,
    alias: str,
    req: SearchRequest,
    max_limit: int = 200,
    *,
    limits: Limits | None = None,
    stemmed_fields: tuple[str, ...] = (),
) -> SearchResult:
    resp = await es.search(
        index=alias, **build_search(req, max_limit, limits=limits, stemmed_fields=stemmed_fields)
    )
    hits = resp["hits"]
    return SearchResult(
        total=_total(hits),
        hits=await to_hits(hits["hits"], req.text),
        timed_out=bool(resp.get("timed_out")),
    )


# --- stories: one row per story_id ---------------------------------------------------------------


@dataclass
class StoryRow:
    story_id: str
    reports: int  # reports of the story that match the query
    langs: dict[str, int]  # those reports per language
    top: Hit  # the best (or newest) matching report
    first_seen: str | None = None  # earliest publication date of those reports (ISO)
    last_seen: str | None = None  # latest
    # the story's stored totals (``<alias>.stories``: every report, matching or not), when kept
    summary: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "story_id": self.story_id,
            "reports": self.reports,
            "langs": self.langs,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "top": self.top.to_json(),
            "summary": self.summary,
        }


@dataclass
class StoryResult:
    total: int  # stories (approximate beyond 3000: a cardinality count)
    stories: list[StoryRow]
    timed_out: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "timed_out": self.timed_out,
            "stories": [s.to_json() for s in self.stories],
        }


async def search_stories(
    es: Any,
    alias: str,
    req: SearchRequest,
    *,
    limits: Limits | None = None,
    stemmed_fields: tuple[str, ...] = (),
) -> StoryResult:
    """Matching reports collapsed on ``story_id``: one row per story, with how many of its reports
    match and in which languages. Documents without ``story_id`` (indexed before the grouping
    stage) are left out of grouped searches."""
    limits = limits or Limits()
    kwargs = build_search(req, limits=limits, stemmed_fields=stemmed_fields)
    kwargs["query"]["bool"]["filter"].append({"exists": {"field": "story_id"}})
    kwargs["collapse"] = {"field": "story_id"}
    kwargs["aggs"] = {"stories": {"cardinality": {"field": "story_id", "precision_threshold": 3000}}}
    kwargs["track_total_hits"] = False
    resp = await es.search(index=alias, **kwargs)
    raw_hits = resp["hits"]["hits"]
    ids = [h["_source"].get("story_id") or h["fields"]["story_id"][0] for h in raw_hits]
    counts: dict[str, tuple[int, dict[str, int], str | None, str | None]] = {}
    if ids:
        query = build_query(req, stemmed_fields)
        query["bool"]["filter"].append({"terms": {"story_id": ids}})
        agg = await es.search(
            index=alias,
            query=query,
            size=0,
            timeout=kwargs["timeout"],
            ignore_unavailable=True,
            allow_no_indices=True,
            aggs={
                "stories": {
                    "terms": {"field": "story_id", "size": len(ids)},
                    "aggs": {
                        "langs": {"terms": {"field": "lang", "size": 50, "missing": "unknown"}},
                        "first_seen": {"min": {"field": "published"}},
                        "last_seen": {"max": {"field": "published"}},
                    },
                }
            },
        )
        for b in agg["aggregations"]["stories"]["buckets"]:
            langs = {str(x["key"]): int(x["doc_count"]) for x in b["langs"]["buckets"]}
            first, last = b["first_seen"].get("value_as_string"), b["last_seen"].get("value_as_string")
            counts[str(b["key"])] = (int(b["doc_count"]), langs, first, last)
    summaries = await story_summaries(es, alias, ids)
    rows = []
    for top, sid in zip(await to_hits(raw_hits, req.text), ids, strict=True):
        reports, langs, first, last = counts.get(sid, (1, {top.lang or "unknown": 1}, None, None))
        rows.append(
            StoryRow(
                story_id=sid,
                reports=reports,
                langs=langs,
                top=top,
                first_seen=first,
                last_seen=last,
                summary=summaries.get(sid),
            )
        )
    total = int(resp.get("aggregations", {}).get("stories", {}).get("value", len(rows)))
    return StoryResult(total=total, stories=rows, timed_out=bool(resp.get("timed_out")))


async def story_summaries(es: Any, alias: str, story_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The stored summaries of these stories (``services.indexer.stories``); none when they cannot be
    read: the per-query counts stand on their own."""
    from services.indexer import stories

    try:
        found = await stories.get(es, alias, story_ids)
    except Exception as exc:  # a summary is a help, never a reason for a search to fail
        _SUMMARIES.failure(exc)
        return {}
    _SUMMARIES.success()
    return found


async def story_reports(es: Any, alias: str, story_id: str, max_reports: int = 200) -> list[Hit] | None:
    """The reports of one story, oldest first; None when no document has this ``story_id``."""
    resp = await es.search(
        index=alias,
        query={"term": {"story_id": story_id}},
        size=max_reports,
        sort=[{"published": "asc"}],
        source_includes=SOURCE_FIELDS,
        ignore_unavailable=True,
        allow_no_indices=True,
    )
    hits = resp["hits"]["hits"]
    if not hits:
        return None
    return await to_hits(hits, "")


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


async def stats(
    es: Any,
    alias: str,
    req: SearchRequest | None = None,
    days: int = 30,
    stemmed_fields: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Counts by tag, language, source and day (the day histogram covers the last ``days`` days
    unless the request has its own ``since``)."""
    req = req or SearchRequest()
    day_from = req.since or (datetime.now(UTC) - timedelta(days=days))
    resp = await es.search(
        index=alias,
        query=build_query(req, stemmed_fields),
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


async def stemmed_fields_of(es: Any, alias: str) -> tuple[str, ...] | None:
    """The stemmed subfields (``text.french`` ...) the indices behind ``alias`` have, with the
    weights of their parent fields; empty on a cluster without language analyzers; None when
    Elasticsearch could not tell."""
    from services.indexer.index import STEMMED_ANALYZERS, STEMMED_PARENTS

    try:
        resp = await es.field_caps(
            index=alias,
            fields=[f"{parent}.*" for parent in STEMMED_PARENTS],
            ignore_unavailable=True,
            allow_no_indices=True,
        )
    except Exception:
        return None
    out = []
    for name in sorted(resp.get("fields", {})):
        parent, _, sub = name.partition(".")
        if sub in STEMMED_ANALYZERS:
            out.append(f"{name}{STEMMED_PARENTS.get(parent, '')}")
    return tuple(out)
