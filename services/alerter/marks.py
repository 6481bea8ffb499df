"""The once-only marks, pure: what is written to the tables so a story alerts once, and when a mark
expires. No I/O; the agents write what these functions return.

* ``alerted`` table, key article id: ``{"subs": [names matched], "at": time, "p": partition}``;
* ``delivery`` table, key ``story/<subscription>/<story>``: ``{"at", "p", "ids", "sources", "langs",
  "reports"}`` (the first report of a story for a subscription; later reports are only counted);
* ``delivery`` table, key ``progress/<partition>``: the last ALERTS offset acted on (never expires).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from services.alerter.records import alerted_names, expired, story_key
from services.alerter.subscriptions import Subscription
from shared.contracts import ClassifiedArticle

MAX_IDS = 50  # report ids kept per story mark (to spot a redelivery); the counts keep growing
MAX_SOURCES = 200


def progress_key(partition: int) -> str:
    return f"progress/{partition}"


def handled_before(progress: Any, offset: int) -> bool:
    """The record at ``offset`` was acted on before (its partition's progress mark is at or past it):
    after a restart it is skipped, so nothing it did (a Slack message) is done twice."""
    return progress is not None and offset <= int(progress)


def story_mark_key(subscription: str, article: ClassifiedArticle) -> str:
    return f"story/{subscription}/{story_key(article)}"


def source_of(article: ClassifiedArticle) -> str:
    return article.source or article.site_name or "unknown"


def too_old(article: ClassifiedArticle, max_age_hours: float, now: datetime) -> bool:
    """Published longer ago than ``max_age_hours`` (no flood from old history); undated: not too old."""
    if article.published is None:
        return False
    published = article.published if article.published.tzinfo else article.published.replace(tzinfo=UTC)
    return now - published > timedelta(hours=max_age_hours)


@dataclass(frozen=True)
class MatchDecision:
    """Which matching subscriptions are new for an article, and which already had it."""

    fresh: tuple[Subscription, ...]
    duplicates: tuple[Subscription, ...]
    done: frozenset[str]  # names in the article's mark before this decision

    def mark(self, now: float, partition: int) -> dict[str, Any]:
        """The article's new ``alerted`` value (``p``: where its tombstone goes when it expires)."""
        return {"subs": sorted(self.done | {s.name for s in self.fresh}), "at": now, "p": partition}


def decide_match(matched: Sequence[Subscription], previous: Any) -> MatchDecision:
    """Split the subscriptions an article matches by its ``alerted`` mark (``previous``, or None)."""
    done = frozenset(alerted_names(previous))
    return MatchDecision(
        fresh=tuple(s for s in matched if s.name not in done),
        duplicates=tuple(s for s in matched if s.name in done),
        done=done,
    )


def first_report(article: ClassifiedArticle, partition: int, now: float) -> dict[str, Any]:
    """The story mark written when a story is first delivered (or queued) for a subscription."""
    return {
        "at": now,
        "p": partition,
        "ids": [article.id],
        "sources": [source_of(article)],
        "langs": [article.lang] if article.lang else [],
        "reports": 1,
    }


def later_report(mark: dict[str, Any], article: ClassifiedArticle) -> dict[str, Any] | None:
    """The story mark with ``article`` counted as one more report, or None when it already was (the
    same report again: a redelivery)."""
    ids = list(mark.get("ids", []))
    if article.id in ids:
        return None
    langs = set(mark.get("langs", [])) | ({article.lang} if article.lang else set())
    return {
        **mark,
        "ids": [*ids, article.id][-MAX_IDS:],
        "reports": int(mark.get("reports", 1)) + 1,
        "sources": sorted(set(mark.get("sources", [])) | {source_of(article)})[:MAX_SOURCES],
        "langs": sorted(langs),
    }


def expired_marks(
    items: Iterable[tuple[str, Any]], now: float, retention_seconds: float
) -> list[tuple[str, int]]:
    """``(key, changelog partition)`` of every mark older than the retention (progress marks and
    digests have no ``at``/``p`` pair and never expire)."""
    return [(key, int(value["p"])) for key, value in items if expired(value, now, retention_seconds)]
