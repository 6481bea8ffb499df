"""Backfill (issue 13 item 6): re-tag stories already in Elasticsearch with the current taxonomy.

``wirewatch reclassify [--since 30d] [--tag T] [--dry-run]`` reads the indexed documents (title, text,
lang), classifies them again and updates only those whose tags, primary tag or ``taxonomy_version``
differ from the current taxonomy's, or whose organisations or amounts do (the version covers the
gazetteer and the amount rules too): a second run changes nothing (idempotent). The update is partial
(``tags``, ``primary_tag``, ``tag_scores``, ``evidence``, ``search_evidence``, ``orgs``,
``org_mentions``, ``amounts``, ``taxonomy_version``); the text, the story (``story_id``: a story is
never regrouped after the fact) and every other field stay as indexed.

The indexed ``text`` is the first ``IndexerSettings.max_text_chars`` of the story, which is more than
the classifier reads of a text by default (``max_chars``), so re-tagging sees what tagging saw.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from services.classifier.engine import Classifier
from services.indexer.index import ADDED_FIELDS, classification_fields

SOURCE_FIELDS = [
    "id", "title", "text", "lang", "tags", "primary_tag", "tag_scores", "taxonomy_version", "orgs", "amounts"
]  # fmt: skip
VERSION_MAPPING = {"taxonomy_version": {"type": "keyword"}}


@dataclass
class Change:
    id: str
    index: str
    old_tags: list[str]
    new_tags: list[str]
    old_primary: str | None
    new_primary: str | None
    old_version: str | None
    old_orgs: list[str] = field(default_factory=list)
    new_orgs: list[str] = field(default_factory=list)
    amounts_changed: bool = False

    @property
    def tags_changed(self) -> bool:
        return set(self.old_tags) != set(self.new_tags) or self.old_primary != self.new_primary

    @property
    def orgs_changed(self) -> bool:
        return self.old_orgs != self.new_orgs


@dataclass
class ReclassifyReport:
    version: str
    dry_run: bool
    scanned: int = 0
    unchanged: int = 0
    tags_changed: int = 0  # documents whose tags or primary tag change
    orgs_changed: int = 0  # documents whose organisations or amounts change (tags may not)
    version_only: int = 0  # documents re-stamped with the current version, nothing else changes
    updated: int = 0  # documents written (0 in a dry run)
    failed: int = 0  # updates Elasticsearch refused
    added: Counter[str] = field(default_factory=Counter)  # tag -> documents that gain it
    removed: Counter[str] = field(default_factory=Counter)  # tag -> documents that lose it
    primary_moves: Counter[tuple[str, str]] = field(default_factory=Counter)  # (old, new) primary
    examples: list[Change] = field(default_factory=list)  # the first changed documents

    def as_dict(self) -> dict[str, Any]:
        return {
            "taxonomy_version": self.version,
            "dry_run": self.dry_run,
            "scanned": self.scanned,
            "unchanged": self.unchanged,
            "tags_changed": self.tags_changed,
            "orgs_changed": self.orgs_changed,
            "version_only": self.version_only,
            "updated": self.updated,
            "failed": self.failed,
            "added": dict(sorted(self.added.items())),
            "removed": dict(sorted(self.removed.items())),
            "primary_moves": [
                {"from": a, "to": b, "n": n} for (a, b), n in sorted(self.primary_moves.items())
            ],
        }


def _amount_keys(amounts: list[dict[str, Any]]) -> list[tuple[float, str, str]]:
    return [(float(a.get("value") or 0), str(a.get("currency")), str(a.get("text"))) for a in amounts]


def _query(since: datetime | None, tag: str | None) -> dict[str, Any]:
    filters: list[dict[str, Any]] = []
    if since is not None:
        filters.append({"range": {"published": {"gte": since.isoformat()}}})
    if tag:
        filters.append({"term": {"tags": tag}})
    return {"bool": {"filter": filters}} if filters else {"match_all": {}}


async def _documents(es: Any, alias: str, query: dict[str, Any], page: int) -> AsyncIterator[dict[str, Any]]:
    """Every matching document, in pages sorted by _id-independent shard order (point in time +
    search_after, so updates made meanwhile do not move documents between pages)."""
    pit = await es.open_point_in_time(index=alias, keep_alive="2m")
    pit_id = pit["id"]
    after: list[Any] | None = None
    try:
        while True:
            body: dict[str, Any] = {
                "size": page,
                "query": query,
                "pit": {"id": pit_id, "keep_alive": "2m"},
                "sort": [{"_shard_doc": "asc"}],
                "_source": SOURCE_FIELDS,
            }
            if after is not None:
                body["search_after"] = after
            res = await es.search(**body)
            pit_id = res.get("pit_id", pit_id)
            hits = res["hits"]["hits"]
            if not hits:
                return
            for hit in hits:
                yield hit
            after = hits[-1]["sort"]
    finally:
        await es.close_point_in_time(id=pit_id)


async def count(es: Any, alias: str, since: datetime | None = None, tag: str | None = None) -> int:
    res = await es.count(index=alias, query=_query(since, tag))
    return int(res["count"])


async def ensure_version_field(es: Any, alias: str) -> None:
    """Indices created before ``taxonomy_version`` (or ``org_mentions``) was mapped get the field
    (mappings are strict: an update carrying it would be refused)."""
    await es.indices.put_mapping(index=alias, properties={**VERSION_MAPPING, **ADDED_FIELDS})


async def reclassify(
    es: Any,
    alias: str,
    classifier: Classifier,
    *,
    since: datetime | None = None,
    tag: str | None = None,
    dry_run: bool = False,
    page: int = 200,
    refresh: bool = False,
    progress: Callable[[int], None] | None = None,
    max_examples: int = 20,
) -> ReclassifyReport:
    """Re-tag the documents of ``alias`` (published since ``since``, tagged ``tag`` when given) with
    ``classifier``'s taxonomy; update the ones that change unless ``dry_run``."""
    from elasticsearch.helpers import async_bulk

    version = classifier.taxonomy.version
    report = ReclassifyReport(version=version, dry_run=dry_run)
    if not dry_run:
        await ensure_version_field(es, alias)
    pending: list[dict[str, Any]] = []

    async def flush() -> None:
        if not pending:
            return
        ok, errors = await async_bulk(es, pending, raise_on_error=False, refresh=refresh)
        report.updated += ok
        report.failed += len(errors) if isinstance(errors, list) else int(errors)
        pending.clear()

    async for hit in _documents(es, alias, _query(since, tag), page):
        src = hit.get("_source") or {}
        report.scanned += 1
        c = classifier.classify(src.get("title"), src.get("text"), src.get("lang"))
        change = Change(
            id=hit["_id"],
            index=hit["_index"],
            old_tags=list(src.get("tags") or []),
            new_tags=c.tag_names,
            old_primary=src.get("primary_tag"),
            new_primary=c.primary_tag,
            old_version=src.get("taxonomy_version"),
            old_orgs=list(src.get("orgs") or []),
            new_orgs=list(c.orgs),
        )
        derived = classification_fields(c.tags, c.org_mentions, c.amounts)
        change.amounts_changed = _amount_keys(src.get("amounts") or []) != _amount_keys(derived["amounts"])
        others_changed = change.orgs_changed or change.amounts_changed
        if not change.tags_changed and not others_changed and change.old_version == version:
            report.unchanged += 1
        else:
            if others_changed:
                report.orgs_changed += 1
            if change.tags_changed:
                report.tags_changed += 1
                report.added.update(set(change.new_tags) - set(change.old_tags))
                report.removed.update(set(change.old_tags) - set(change.new_tags))
                if change.old_primary != change.new_primary:
                    report.primary_moves[(change.old_primary or "none", change.new_primary or "none")] += 1
                if len(report.examples) < max_examples:
                    report.examples.append(change)
            elif not others_changed:
                report.version_only += 1
            if not dry_run:
                # tag_scores is an object: a partial update merges it, so tags that went away are nulled
                scores: dict[str, float | None] = dict.fromkeys((src.get("tag_scores") or {}), None)
                scores.update({t.name: t.score for t in c.tags})
                pending.append(
                    {
                        "_op_type": "update",
                        "_index": change.index,
                        "_id": change.id,
                        "doc": {
                            "tags": c.tag_names,
                            "primary_tag": c.primary_tag,
                            "tag_scores": scores,
                            "evidence": derived["evidence"],
                            "search_evidence": derived["search_evidence"],
                            "orgs": list(c.orgs),
                            "org_mentions": derived["org_mentions"],
                            "amounts": derived["amounts"],
                            "taxonomy_version": version,
                        },
                    }
                )
                if len(pending) >= page:
                    await flush()
        if progress is not None:
            progress(1)
    await flush()
    return report


def render(report: ReclassifyReport) -> Any:
    """Rich tables: the counts, then documents per tag gained and lost, then primary moves."""
    from rich.console import Group
    from rich.table import Table

    summary = Table(
        title=f"reclassify with taxonomy {report.version}" + (" (dry run)" if report.dry_run else "")
    )
    summary.add_column("documents")
    summary.add_column("n", justify="right")
    for label, n in (
        ("scanned", report.scanned),
        ("unchanged", report.unchanged),
        ("tags or primary changed", report.tags_changed),
        ("organisations or amounts changed", report.orgs_changed),
        ("version stamp only", report.version_only),
        (
            "would be updated" if report.dry_run else "updated",
            report.scanned - report.unchanged if report.dry_run else report.updated,
        ),
        ("failed", report.failed),
    ):
        summary.add_row(label, str(n))
    tags = Table(title="changed tags")
    for col in ("tag", "gained", "lost"):
        tags.add_column(col, justify="left" if col == "tag" else "right")
    for name in sorted(set(report.added) | set(report.removed)):
        tags.add_row(name, str(report.added.get(name, 0)), str(report.removed.get(name, 0)))
    moves = Table(title="primary tag moves")
    for col in ("from", "to", "n"):
        moves.add_column(col, justify="right" if col == "n" else "left")
    for (a, b), n in sorted(report.primary_moves.items()):
        moves.add_row(a, b, str(n))
    examples = Table(title="first changed documents")
    for col in ("id", "tags before", "tags now", "primary before", "primary now"):
        examples.add_column(col, overflow="fold")
    for ch in report.examples:
        examples.add_row(
            ch.id, ",".join(ch.old_tags), ",".join(ch.new_tags), str(ch.old_primary), str(ch.new_primary)
        )
    return Group(summary, tags, moves, examples)
