"""Helpers of the grouper's generalisation tests (``tests/test_grouper_generalise.py``,
``tests/test_grouper_round3.py``, ``tests/test_grouper_round4.py``, ``tests/test_grouper_round5.py``):
the story sets, grouped through the real classifier, and reports built from the classifier's fields
for the rules' unit tests."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from services.classifier.engine import Classifier
from services.grouper.engine import StoryIndex
from services.grouper.features import Report, extract
from services.grouper.grouping import group_records
from services.grouper.settings import GrouperSettings

SET = Path(__file__).parent / "data" / "stories_generalise.jsonl"
SET2 = Path(__file__).parent / "data" / "stories_generalise2.jsonl"  # round 4 (gs4-)
SET3 = Path(__file__).parent / "data" / "stories_generalise3.jsonl"  # round 5 (gs5-)
SET4 = Path(__file__).parent / "data" / "stories_generalise4.jsonl"  # round 6 (gs6-)

Grouped = tuple[list[dict[str, Any]], dict[str, str]]


def set_records(prefix: str = "", path: Path = SET) -> list[dict[str, Any]]:
    """The set's records (``path``: rounds 1-3 by default, ``SET2`` for round 4, ``SET3`` for round 5)
    whose id starts with ``prefix`` (all of them by default)."""
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [r for r in records if r["id"].startswith(prefix)]


def group_set(records: list[dict[str, Any]]) -> Grouped:
    """``records`` and the story id each got, through ``wirewatch group``'s path (the real classifier)."""
    rows = group_records(records, Classifier(), GrouperSettings(window_days=3650.0))
    return records, {row["id"]: row["story_id"] for row in rows}


def merged_pairs(grouped: Grouped, pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The pairs of story keys whose reports share a story id (a hard negative merged)."""
    records, found = grouped
    by_story: dict[str, set[str]] = {}
    for r in records:
        by_story.setdefault(r["story"], set()).add(found[r["id"]])
    return [(a, b) for a, b in pairs if by_story[a] & by_story[b]]


def report(
    rid: str,
    lang: str,
    title: str,
    text: str,
    orgs: list[str],
    primary: str | None,
    published: datetime | None,
    amounts: list[tuple[float, str]] | None = None,
    **kw: Any,
) -> Report:
    """A report as the grouper extracts it, with the classifier's primary (its only tag) and orgs
    (``kw``: more of ``extract``'s arguments, e.g. ``tag_starts``)."""
    return extract(
        article_id=rid,
        title=title,
        text=text,
        lang=lang,
        published=published,
        primary=primary,
        tags=[primary] if primary else [],
        orgs=orgs,
        amounts=amounts or [],
        **kw,
    )


def background(orgs: list[str], day0: datetime) -> list[Report]:
    """40 earlier reports of other events (ten days before ``day0``: never joined, still in the
    window), a quarter of them naming one of ``orgs``: organisations as common as in a real window,
    not as rare as in an empty one."""
    return [
        report(
            f"bg-{i}",
            "en",
            f"Weekly roundup number {i} of the robotics trade",
            f"Item {i} of the weekly roundup.",
            ([orgs[i % len(orgs)]] if i % 4 == 0 else []) + [f"Filler {i}"],
            "launch",
            day0 - timedelta(days=10),
        )
        for i in range(40)
    ]


def joined(a: Report, b: Report, orgs: list[str], day0: datetime) -> str | None:
    """The story ``b`` joins after ``a`` in an index holding ``background(orgs, day0)`` (None: a new
    story)."""
    index = StoryIndex(GrouperSettings())
    for r in background(orgs, day0):
        index.assign(r)
    index.assign(a)
    second, _ = index.assign(b)
    return None if second.new_story else second.reason


def veto(a: Report, b: Report) -> str | None:
    """The rule that keeps ``a`` and ``b`` apart whatever they share (the vetoes, then the late ones
    checked only for a pair that would otherwise join), or None."""
    index = StoryIndex(GrouperSettings())
    return index._veto(a, b) or index._late_veto(a, b)
