"""A subscription's pending digest, pure: ``digest/<subscription>`` in the delivery table is
``{"since": time of the first pending story, "stories": [StorySummary as JSON], "dropped": n}``.
One line per story (the grouper's story id, else the article id); no I/O here."""

from __future__ import annotations

from typing import Any

from services.alerter.records import story_key
from services.alerter.slack_message import StorySummary
from shared.contracts import ClassifiedArticle


def digest_key(subscription: str) -> str:
    return f"digest/{subscription}"


def _story_of(entry: dict[str, Any]) -> str:
    return str(entry.get("story") or entry["id"])


def add_story(
    state: dict[str, Any] | None, article: ClassifiedArticle, max_stories: int, now: float
) -> dict[str, Any]:
    """The digest with ``article``'s story in it: a new line, or (past ``max_stories``) one more
    dropped story; unchanged when the story already has its line. A new digest starts at ``now``."""
    digest = dict(state or {"since": now, "stories": [], "dropped": 0})
    stories = list(digest["stories"])
    if all(_story_of(s) != story_key(article) for s in stories):
        if len(stories) < max_stories:
            stories.append(StorySummary.of(article).model_dump(mode="json"))
        else:
            digest["dropped"] = int(digest.get("dropped", 0)) + 1
    digest["stories"] = stories
    return digest


def count_report(state: dict[str, Any] | None, story: str, mark: dict[str, Any]) -> dict[str, Any] | None:
    """The digest with the line of ``story`` showing the counts of its story ``mark``; None when
    there is no pending digest or the story has no line in it (nothing to write)."""
    if not state:
        return None
    stories = list(state["stories"])
    for i, entry in enumerate(stories):
        if _story_of(entry) == story:
            counts = {"reports": mark["reports"], "sources": mark["sources"], "langs": mark["langs"]}
            stories[i] = {**entry, **counts}
            return {**state, "stories": stories}
    return None


def is_due(state: dict[str, Any] | None, interval_seconds: float, now: float) -> bool:
    """A digest with stories whose first story has waited ``interval_seconds``."""
    if not state or not state.get("stories"):
        return False
    return now - float(state["since"]) >= interval_seconds


def summaries(state: dict[str, Any]) -> tuple[list[StorySummary], int]:
    """The digest's story lines and how many stories did not fit."""
    return [StorySummary.model_validate(s) for s in state["stories"]], int(state.get("dropped", 0))
