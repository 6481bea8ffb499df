"""The grouper's one code path for the service and the offline command: articles -> reports -> stories,
and the pairwise evaluation against labelled ``story`` keys."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from services.grouper.engine import Assignment, StoryIndex
from services.grouper.features import Report, extract, recalled_amount
from services.grouper.settings import GrouperSettings
from shared.contracts import ClassifiedArticle


class Grouper:
    """A ``StoryIndex`` fed with classified articles (the service) or classified records (offline)."""

    def __init__(self, settings: GrouperSettings | None = None) -> None:
        self.settings = settings or GrouperSettings()
        self.index = StoryIndex(self.settings)

    def _extract(self, **kw: Any) -> Report:
        s = self.settings
        return extract(
            max_text_chars=s.max_text_chars,
            lead_chars=s.lead_chars,
            max_keys=s.max_keys,
            num_perm=s.num_perm,
            **kw,
        )

    def report_for_article(self, article: ClassifiedArticle) -> Report:
        return self._extract(
            article_id=article.id,
            title=article.title,
            text=article.text,
            lang=article.lang,
            published=article.published,
            primary=article.primary_tag,
            tags=article.tag_names,
            orgs=article.orgs,
            org_surfaces={m.name: m.surface for m in article.org_mentions if m.surface},
            amounts=[
                (a.value, a.currency) for a in article.amounts if not recalled_amount(a.sentence, a.text)
            ],
            tag_starts={t.name: min(e.start for e in t.evidence) for t in article.tags if t.evidence},
            seen=article.fetched_at or article.parsed_at,
        )

    def report_for_record(self, record: Mapping[str, Any]) -> Report:
        """A JSONL record that went through ``Classifier.classify_record`` (lang, primary_tag, orgs...)."""
        return self._extract(
            article_id=str(record["id"]),
            title=record.get("title"),
            text=record.get("text"),
            lang=record.get("lang"),
            published=record.get("published"),
            primary=record.get("primary_tag"),
            tags=[str(t["name"]) for t in record.get("tags") or [] if isinstance(t, dict) and "name" in t],
            orgs=record.get("orgs") or [],
            org_surfaces={
                str(m["name"]): str(m["surface"])
                for m in record.get("org_mentions") or []
                if isinstance(m, dict) and m.get("name") and m.get("surface")
            },
            amounts=[
                (float(a["value"]), str(a["currency"]))
                for a in record.get("amounts") or []
                if not recalled_amount(str(a.get("sentence") or ""), str(a.get("text") or ""))
            ],
            tag_starts=_tag_starts(record.get("tags") or []),
        )

    def assign(self, report: Report) -> tuple[Assignment, list[str]]:
        return self.index.assign(report)


def _tag_starts(tags: Any) -> dict[str, int]:
    """(Round 7) Each tag of a classified record and where its first evidence starts in the text."""
    starts: dict[str, int] = {}
    for t in tags if isinstance(tags, list) else []:
        if not isinstance(t, dict) or "name" not in t:
            continue
        offsets = [e.get("start") for e in t.get("evidence") or [] if isinstance(e, dict)]
        ints = [o for o in offsets if isinstance(o, int)]
        if ints:
            starts[str(t["name"])] = min(ints)
    return starts


def published_order(records: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Published order, ties (and records without a date, which come last) by id."""
    far = datetime.max.replace(tzinfo=UTC)

    def key(r: Mapping[str, Any]) -> tuple[datetime, str]:
        value = r.get("published")
        when = far
        if value:
            try:
                when = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
                when = when if when.tzinfo else when.replace(tzinfo=UTC)
            except ValueError:
                pass
        return when, str(r.get("id"))

    return sorted(records, key=key)


def group_records(
    records: Iterable[Mapping[str, Any]], classifier: Any, settings: GrouperSettings | None = None
) -> list[dict[str, Any]]:
    """Classify the records and assign story ids in published order: one result per record."""
    grouper = Grouper(settings)
    out = []
    for record in published_order(records):
        classified = classifier.classify_record(dict(record))
        assignment, _ = grouper.assign(grouper.report_for_record(classified))
        out.append(
            {
                "id": str(record["id"]),
                "story_id": assignment.story_id,
                "story_reason": assignment.reason,
                "new_story": assignment.new_story,
                "joined_with": assignment.joined_with,
            }
        )
    return out


@dataclass
class PairScores:
    records: int
    stories: int  # labelled
    groups: int  # found
    true_pairs: int
    found_pairs: int
    correct_pairs: int
    missed: list[tuple[str, str]] = field(default_factory=list)
    wrong: list[tuple[str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.found_pairs if self.found_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self, details: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {
            "records": self.records,
            "labelled_stories": self.stories,
            "found_stories": self.groups,
            "true_pairs": self.true_pairs,
            "found_pairs": self.found_pairs,
            "correct_pairs": self.correct_pairs,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }
        if details:
            d["missed"] = [list(p) for p in self.missed]
            d["wrong"] = [list(p) for p in self.wrong]
        return d


def _pairs(groups: Mapping[str, str]) -> set[tuple[str, str]]:
    by: dict[str, list[str]] = {}
    for rid, g in groups.items():
        by.setdefault(g, []).append(rid)
    return {
        tuple(sorted(p))  # type: ignore[misc]  # tuple(sorted(pair)) is tuple[str, ...] to mypy: still a pair
        for ids in by.values()
        for p in itertools.combinations(sorted(ids), 2)
    }


def pair_scores(truth: Mapping[str, str], found: Mapping[str, str]) -> PairScores:
    """Pairwise precision/recall over the records in ``truth`` (id -> labelled story key)."""
    found = {rid: found[rid] for rid in truth}
    t, f = _pairs(truth), _pairs(found)
    return PairScores(
        records=len(truth),
        stories=len(set(truth.values())),
        groups=len(set(found.values())),
        true_pairs=len(t),
        found_pairs=len(f),
        correct_pairs=len(t & f),
        missed=sorted(t - f),
        wrong=sorted(f - t),
    )
