"""The alerter's pure decisions without Kafka: which subscriptions an article newly matches, the
once-only story marks, the pending digest, the health record, the digest ticks, which marks expire,
and the dead-letter kinds."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from services.alerter.digests import add_story, count_report, digest_key, is_due, summaries
from services.alerter.errors import AlertError, delivery_error
from services.alerter.health import health_key, next_health
from services.alerter.marks import (
    MAX_IDS,
    decide_match,
    expired_marks,
    first_report,
    handled_before,
    later_report,
    progress_key,
    story_mark_key,
    too_old,
)
from services.alerter.slack_client import DeliveryResult
from services.alerter.subscriptions import parse_subscriptions
from services.alerter.timers import expire, flush_ticks
from tests.alerter_articles import make_article

SUBS = parse_subscriptions(
    """
- {name: a, webhook_env: A}
- {name: b, webhook_env: B, mode: digest}
- {name: c, webhook_env: C, mode: digest, enabled: false}
"""
)


def report(slug: str, story: str, *, lang: str = "en", source: str = "Example Wire") -> Any:
    article = make_article(slug, title=f"Launch {slug}", tags={"launch": 0.9}, lang=lang, source=source)
    return article.model_copy(update={"story_id": story})


def test_error_kinds_are_the_strings_dead_letters_carry() -> None:
    assert [str(k) for k in AlertError] == [
        "invalid_contract",
        "alerter_error",
        "unknown_subscription",
        "webhook_unavailable",
        "slack_refused",
        "slack_rate_limited",
        "slack_unavailable",
    ]
    assert delivery_error(DeliveryResult(False, 404, "no_service", 1, permanent=True)) == "slack_refused"
    assert delivery_error(DeliveryResult(False, 429, "rate_limited", 6)) is AlertError.SLACK_RATE_LIMITED
    down = DeliveryResult(False, 503, "service_unavailable", 5)
    assert delivery_error(down) is AlertError.SLACK_UNAVAILABLE
    assert delivery_error(DeliveryResult(False, None, "timeout", 5)) is AlertError.SLACK_UNAVAILABLE


def test_a_match_is_new_once_per_subscription() -> None:
    a, b, _ = SUBS
    first = decide_match([a, b], None)
    assert first.fresh == (a, b) and first.duplicates == ()
    mark = first.mark(1000.0, 3)
    assert mark == {"subs": ["a", "b"], "at": 1000.0, "p": 3}
    again = decide_match([a, b], mark)
    assert again.fresh == () and again.duplicates == (a, b)
    legacy = decide_match([a, b], ["a"])  # a bare list: the value before retention existed
    assert legacy.fresh == (b,) and legacy.duplicates == (a,)
    assert legacy.mark(5.0, 0)["subs"] == ["a", "b"]


def test_records_at_or_below_the_progress_mark_were_acted_on() -> None:
    assert progress_key(3) == "progress/3"
    assert not handled_before(None, 0)  # nothing acted on in the partition yet
    assert handled_before(7, 7) and handled_before(7, 2) and not handled_before(7, 8)


def test_old_stories_do_not_alert() -> None:
    now = datetime(2026, 1, 10, tzinfo=UTC)
    article = make_article("old", title="Old")
    assert too_old(article.model_copy(update={"published": now - timedelta(hours=73)}), 72, now)
    assert not too_old(article.model_copy(update={"published": now - timedelta(hours=71)}), 72, now)
    naive = (now - timedelta(hours=100)).replace(tzinfo=None)  # read as UTC
    assert too_old(article.model_copy(update={"published": naive}), 72, now)
    assert not too_old(article.model_copy(update={"published": None}), 72, now)


def test_later_reports_count_on_the_story_mark_and_a_redelivery_counts_nothing() -> None:
    en, fr = report("nova-en", "nova"), report("nova-fr", "nova", lang="fr", source="Exemple Presse")
    assert story_mark_key("launches", en) == "story/launches/nova" == story_mark_key("launches", fr)
    assert story_mark_key("launches", make_article("solo", title="x")).startswith("story/launches/")
    mark = first_report(en, 2, 100.0)
    assert mark == {
        "at": 100.0,
        "p": 2,
        "ids": [en.id],
        "sources": ["Example Wire"],
        "langs": ["en"],
        "reports": 1,
    }
    assert later_report(mark, en) is None  # the same report again
    second = later_report(mark, fr)
    assert second is not None
    assert second["reports"] == 2 and second["ids"] == [en.id, fr.id]
    assert second["sources"] == ["Example Wire", "Exemple Presse"] and second["langs"] == ["en", "fr"]
    assert second["at"] == 100.0 and second["p"] == 2  # the first report's time: retention counts from it
    many = second
    for i in range(MAX_IDS + 5):
        counted = later_report(many, report(f"nova-{i}", "nova"))
        assert counted is not None
        many = counted
    assert len(many["ids"]) == MAX_IDS and many["reports"] == MAX_IDS + 7


def test_the_digest_has_one_line_per_story_and_counts_later_reports() -> None:
    nova, orbit = report("nova-en", "nova"), report("orbit", "orbit")
    digest = add_story(None, nova, max_stories=2, now=50.0)
    assert digest["since"] == 50.0 and digest["dropped"] == 0 and len(digest["stories"]) == 1
    assert add_story(digest, report("nova-fr", "nova", lang="fr"), 2, 60.0) == digest  # same story
    digest = add_story(digest, orbit, 2, 70.0)
    full = add_story(digest, report("third", "third"), 2, 80.0)
    assert len(full["stories"]) == 2 and full["dropped"] == 1 and full["since"] == 50.0
    assert digest_key("b") == "digest/b"

    mark = later_report(first_report(nova, 0, 50.0), report("nova-ar", "nova", lang="ar", source="S2"))
    assert mark is not None
    counted = count_report(full, "nova", mark)
    assert counted is not None
    stories, dropped = summaries(counted)
    assert dropped == 1 and stories[0].coverage == "reported by 2 sources in 2 languages"
    assert stories[1].coverage == ""
    assert count_report(full, "elsewhere", mark) is None and count_report(None, "nova", mark) is None

    assert not is_due(None, 60, 1000.0) and not is_due({"since": 0, "stories": []}, 60, 1000.0)
    assert not is_due(full, 60.0, 109.0) and is_due(full, 60.0, 110.0)


def test_health_is_written_only_when_it_changes() -> None:
    ok = DeliveryResult(True, 200, "ok", 1)
    gone = DeliveryResult(False, 404, "no_service", 1, permanent=True)
    assert health_key("a") == "health/a"
    first = next_health(None, ok)
    assert first is not None and first.healthy and first.error == "ok" and first.status == 200
    stored = first.model_dump(mode="json")
    assert next_health(stored, ok) is None
    refused = next_health(stored, gone)
    assert refused is not None and not refused.healthy and refused.error == "no_service"
    unavailable = next_health(refused.model_dump(mode="json"), None, "webhook_unavailable")
    assert unavailable is not None and unavailable.status is None
    assert unavailable.error == "webhook_unavailable" and not unavailable.healthy


def test_digest_ticks_go_to_enabled_digest_subscriptions_only() -> None:
    ticks = flush_ticks(SUBS)
    assert [key for key, _ in ticks] == [b"b"]
    assert b'"kind":"flush"' in ticks[0][1] and b'"subscription":"b"' in ticks[0][1]


class DictTable:
    """An ``ExpiringTable`` over a dict: the retention logic alone, no faust."""

    def __init__(self, data: dict[str, Any], owned: set[int]) -> None:
        self.name = "t"
        self.data = data
        self.partitions = owned
        self.tombstones: list[tuple[int, str]] = []

    def items(self) -> Iterable[tuple[str, Any]]:
        return list(self.data.items())

    def owned(self) -> set[int]:
        return self.partitions

    async def delete(self, key: str, partition: int) -> None:
        self.tombstones.append((partition, key))
        self.data.pop(key)

    def __len__(self) -> int:
        return len(self.data)


async def test_expired_marks_are_tombstoned_by_their_owner() -> None:
    day = 86400.0
    data: dict[str, Any] = {
        "old-article": {"subs": ["a"], "at": 0.0, "p": 1},
        "story/a/old": {**first_report(report("x", "old"), 2, 0.0)},
        "fresh-article": {"subs": ["a"], "at": 9 * day, "p": 1},
        progress_key(1): 12345,  # progress marks never expire
        "digest/b": {"since": 0.0, "stories": [], "dropped": 0},  # nor pending digests
        "health/a": {"healthy": True, "error": "ok", "status": 200, "at": "2026-01-01T00:00:00Z"},
    }
    assert sorted(expired_marks(data.items(), 10 * day, 5 * day)) == [("old-article", 1), ("story/a/old", 2)]
    table = DictTable(data, owned={1})
    assert await expire(table, 5 * day, 10 * day) == 1
    assert table.tombstones == [(1, "old-article")]  # partition 2 is another replica's: its owner's to delete
    assert set(table.data) == {"story/a/old", "fresh-article", "progress/1", "digest/b", "health/a"}
    table.partitions = {1, 2}  # the partition moved here
    assert await expire(table, 5 * day, 10 * day) == 1 and table.tombstones[-1] == (2, "story/a/old")
    assert await expire(table, 5 * day, 10 * day) == 0
