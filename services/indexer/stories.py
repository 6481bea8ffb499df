"""Story summaries in the index: one document per ``story_id`` in ``<alias>.stories``.

The grouper gives every report of one event its ``story_id``; the indexer keeps, beside the
articles, one summary per story: how many reports it has, in which languages and from which
sources, when it was first and last seen, and its newest headline. ``search --stories``, the API
and ``wirewatch story`` read it for the story's totals (the collapsed search itself counts only the
reports that match the query); Kibana can chart it as a data view of its own.

After a batch's articles are acknowledged, the indexer reads the summaries of their stories, counts
the new reports in them and writes them back with optimistic concurrency (``apply``: no script, so
it runs on a cluster without the painless module too). A report is counted only once: a summary
keeps the ids of the reports it counted, so a redelivered batch, a replay or two indexer replicas
writing the same article change nothing, and two writers of one story never overwrite each other
(a write made on a stale read is refused with 409 and made again on a fresh one). Bounds:
at most ``story_max_report_ids`` ids are kept per story (past them the count goes on, and a
report redelivered, retried or twice in one batch after that may count more than once: the count is
at-least-once there), at most ``story_max_sources`` sources. A summary Elasticsearch refuses for good
(a 4xx: a key without the right on the index, a mapping changed by hand) is logged and the batch is
acknowledged: that report is then missing from its summary, never from the index.

The index is named ``<alias>.stories`` (not ``<alias>-...``, which the monthly article indices'
template and the alias would take).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from elasticsearch import BadRequestError

KEYWORD_LIMIT = 1024

MAPPING: dict[str, Any] = {
    "dynamic": "strict",
    "properties": {
        "story_id": {"type": "keyword"},
        "reports": {"type": "integer"},
        "langs": {"type": "keyword"},
        "lang_counts": {"type": "object", "enabled": False},  # lang -> reports (stored, not searched)
        "sources": {"type": "keyword", "ignore_above": KEYWORD_LIMIT},
        "first_seen": {"type": "date"},
        "last_seen": {"type": "date"},
        "headline": {
            "type": "text",
            "fields": {"keyword": {"type": "keyword", "ignore_above": KEYWORD_LIMIT}},
        },
        "headline_id": {"type": "keyword"},
        "primary_tag": {"type": "keyword"},  # the first report's
        "report_ids": {"type": "keyword", "index": False, "doc_values": False},
        "ids_capped": {"type": "boolean"},
    },
}


def stories_index(alias: str) -> str:
    return f"{alias}.stories"


async def setup(es: Any, alias: str, *, shards: int = 1, replicas: int = 0) -> bool:
    """Create the stories index when missing (a concurrent creator is fine); True when created."""
    name = stories_index(alias)
    if await es.indices.exists(index=name):
        return False
    try:
        await es.indices.create(
            index=name,
            mappings=MAPPING,
            settings={"number_of_shards": shards, "number_of_replicas": replicas},
        )
    except BadRequestError as exc:
        if exc.error != "resource_already_exists_exception":
            raise
        return False
    return True


def merge(
    stored: dict[str, Any] | None, reports: Iterable[dict[str, Any]], *, max_ids: int, max_sources: int
) -> dict[str, Any] | None:
    """The summary ``stored`` (None: a new story) with ``reports`` (article documents) counted, or
    None when every one of them is counted already. Pure: the same inputs give the same summary."""
    out: dict[str, Any] = copy.deepcopy(stored) if stored else {}
    changed = False
    for doc in reports:
        if not out:
            out = {
                "story_id": doc["story_id"],
                "reports": 0,
                "langs": [],
                "lang_counts": {},
                "sources": [],
                "report_ids": [],
                "ids_capped": False,
                "primary_tag": doc.get("primary_tag"),
                "headline": (doc.get("title") or "")[:KEYWORD_LIMIT],
                "headline_id": doc["id"],
                "first_seen": None,
                "last_seen": None,
            }
        if doc["id"] in out["report_ids"]:
            continue
        changed = True
        if len(out["report_ids"]) < max_ids:
            out["report_ids"].append(doc["id"])
        else:
            out["ids_capped"] = True
        out["reports"] += 1
        lang = doc.get("lang") or "unknown"
        if lang not in out["langs"]:
            out["langs"].append(lang)
        out["lang_counts"][lang] = out["lang_counts"].get(lang, 0) + 1
        source = doc.get("source")
        if source and source not in out["sources"] and len(out["sources"]) < max_sources:
            out["sources"].append(source)
        published = _utc(doc.get("published"))
        if published:
            if out["first_seen"] is None or published < out["first_seen"]:
                out["first_seen"] = published
            if out["last_seen"] is None or published >= out["last_seen"]:
                out["last_seen"] = published
                out["headline"], out["headline_id"] = (doc.get("title") or "")[:KEYWORD_LIMIT], doc["id"]
    return out if changed else None


def _utc(value: Any) -> str | None:
    """An ISO date as UTC, so that dates with other offsets compare as strings in time order."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).isoformat()


class SummaryConflict(Exception):
    """Another writer kept changing a story's summary for every round of ``apply``."""


async def apply(
    es: Any,
    alias: str,
    docs: Iterable[dict[str, Any]],
    *,
    max_ids: int,
    max_sources: int,
    rounds: int = 20,
) -> tuple[int, list[tuple[str, int, Any]]]:
    """Count the reports ``docs`` (article documents) in their stories' summaries.

    Optimistic concurrency, no script (a cluster without the painless module, as the local one,
    runs it too): read the summaries (``mget``), merge in Python, write each one back only if
    nobody wrote it meanwhile (``if_seq_no``/``if_primary_term``; ``create`` for a new story); a
    conflict reads that story again, up to ``rounds`` times. Returns (summaries written, refusals:
    (story id, status, error) for writes refused for good). Raises a typed Elasticsearch error when
    a request fails, ``SummaryConflict`` past ``rounds``, ``RetryStatus`` for a 429/5xx answer: the
    caller retries, and a retried report is not counted twice."""
    by_story: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        if doc.get("story_id"):
            by_story.setdefault(str(doc["story_id"]), []).append(doc)
    name = stories_index(alias)
    written = 0
    refused: list[tuple[str, int, Any]] = []
    for _ in range(rounds):
        if not by_story:
            return written, refused
        resp = await es.mget(index=name, ids=list(by_story))
        if any((got.get("error") or {}).get("type") == "index_not_found_exception" for got in resp["docs"]):
            # deleted while the indexer runs (or never set up): create it with its mapping, never
            # let a write auto-create it with dynamic fields
            await setup(es, alias)
            continue
        ops: list[dict[str, Any]] = []
        order: list[str] = []
        for got in resp["docs"]:
            sid = got["_id"]
            found = bool(got.get("found"))
            merged = merge(
                got["_source"] if found else None, by_story[sid], max_ids=max_ids, max_sources=max_sources
            )
            if merged is None:  # every report counted already
                del by_story[sid]
                continue
            meta: dict[str, Any] = {"_id": sid}
            if found:
                meta.update(if_seq_no=got["_seq_no"], if_primary_term=got["_primary_term"])
                ops += [{"index": meta}, merged]
            else:
                ops += [{"create": meta}, merged]
            order.append(sid)
        if not ops:
            return written, refused
        result = await es.bulk(index=name, operations=ops)
        for sid, item in zip(order, result["items"], strict=True):
            info = next(iter(item.values()))
            status = int(info.get("status", 0))
            if 200 <= status < 300:
                written += 1
                del by_story[sid]
            elif status == 409:  # written meanwhile (or created): read it again
                continue
            elif status == 429 or status >= 500:
                raise RetryStatus(f"story summary {sid}: {status}")
            else:
                refused.append((sid, status, info.get("error")))
                del by_story[sid]
    if by_story:
        raise SummaryConflict(f"{len(by_story)} story summaries still conflicting after {rounds} rounds")
    return written, refused


class RetryStatus(Exception):
    """Elasticsearch answered a story summary write with a status worth retrying (429, 5xx)."""


def summary(source: dict[str, Any]) -> dict[str, Any]:
    """The public fields of a stored summary (not the report ids)."""
    return {
        "reports": source.get("reports", 0),
        "langs": dict(source.get("lang_counts") or {}),
        "sources": list(source.get("sources") or []),
        "first_seen": source.get("first_seen"),
        "last_seen": source.get("last_seen"),
        "headline": source.get("headline"),
        "primary_tag": source.get("primary_tag"),
    }


async def get(es: Any, alias: str, story_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The stored summaries of ``story_ids`` (missing ones, and a missing index, are left out)."""
    if not story_ids:
        return {}
    resp = await es.options(ignore_status=404).mget(
        index=stories_index(alias), ids=story_ids, source_excludes=["report_ids"]
    )
    found = {}
    for doc in resp.body.get("docs", []) if resp.meta.status == 200 else []:
        if doc.get("found"):
            found[doc["_id"]] = summary(doc["_source"])
    return found
