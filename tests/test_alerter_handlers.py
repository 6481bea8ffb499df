"""The alerter's two agents as handlers, without Kafka: the match handler's answers (the mark as a
``Put``, one ``Emit`` per new alert), and the deliver handler against the local Slack stand-in (a
real HTTP server) with its table in a plain dict: one message per story, later reports counted,
re-read records skipped, the digest by story, unknown subscriptions rejected, refusals dead-lettered
with the article and the subscription marked unhealthy."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from services.alerter.deliver_agent import DeliverHandler
from services.alerter.match_agent import MatchHandler
from services.alerter.posting import Poster
from services.alerter.records import AlertRecord
from services.alerter.settings import AlerterSettings
from services.alerter.slack_client import SlackClient
from services.alerter.subscriptions import parse_subscriptions
from shared.contracts import ClassifiedArticle
from shared.runtime import Emit, Message, Put, Reject, Table
from shared.topics import ALERTS, GROUPED
from tests.alerter_articles import make_article
from tests.slack_server import Reply, SlackServer

SUBS = parse_subscriptions(
    """
- {name: launches, webhook_env: HANDLER_HOOK_LAUNCHES, filters: {tags: [launch]}}
- {name: launch-digest, webhook_env: HANDLER_HOOK_DIGEST, mode: digest, filters: {tags: [launch]}}
- {name: gone, webhook_env: HANDLER_HOOK_GONE, filters: {tags: [lawsuit]}}
"""
)
SETTINGS = AlerterSettings(
    _env_file=None, allow_loopback=True, rate_per_webhook=50.0, request_timeout=2.0, max_attempts=2
)


def report(
    slug: str, story: str, *, tags: dict[str, float] | None = None, lang: str = "en"
) -> ClassifiedArticle:
    article = make_article(slug, title=f"Report {slug}", tags=tags or {"launch": 0.9}, lang=lang, source=slug)
    return article.model_copy(update={"story_id": story})


def grouped(article: ClassifiedArticle | bytes, partition: int = 2, offset: int = 0) -> Message:
    value = article if isinstance(article, bytes) else article.encode()
    return Message(b"k", value, GROUPED.key, partition, offset)


def alert(sub: str, article: ClassifiedArticle | None, offset: int, partition: int = 1) -> Message:
    record = AlertRecord(kind="flush" if article is None else "alert", subscription=sub, article=article)
    return Message(sub.encode(), record.encode(), ALERTS.key, partition, offset)


def test_match_answers_the_mark_then_one_alert_per_new_subscription() -> None:
    data: dict[str, Any] = {}
    alerted = Table("alerted", partitions=GROUPED, max_keys=100)
    alerted.bind(data)
    handler = MatchHandler(SETTINGS, SUBS, alerted)
    nova = report("nova-en", "nova")
    [first] = handler([grouped(nova)])
    assert not isinstance(first, Reject)
    put, *emits = first
    assert isinstance(put, Put) and put.table is alerted and put.key == nova.id and put.partition is None
    assert put.value["subs"] == ["launch-digest", "launches"] and put.value["p"] == 2
    assert all(isinstance(e, Emit) and e.topic is ALERTS for e in emits)
    assert sorted(e.key or b"" for e in emits if isinstance(e, Emit)) == [b"launch-digest", b"launches"]
    data[put.key] = put.value  # what the runner writes (acknowledged) before it produces the emits
    assert handler([grouped(nova, offset=5)]) == [()]  # re-read or re-indexed: nothing again

    orbit = report("orbit", "orbit")
    twice = handler([grouped(orbit), grouped(orbit, offset=1)])  # one batch: the second sees the first
    assert not isinstance(twice[0], Reject) and len(twice[0]) == 3 and twice[1] == ()
    unrelated = report("suit", "suit", tags={"licensing": 0.9})
    assert handler([grouped(unrelated)]) == [()]
    [bad] = handler([grouped(b"not json")])
    assert isinstance(bad, Reject) and bad.error == "invalid_contract"
    assert bad.reason.startswith("invalid ClassifiedArticle")


class DictStore:
    """``ports.Store`` over a dict (the runtime's table in production), recording each write."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}
        self.writes: list[tuple[str, int]] = []

    def get(self, key: str) -> Any:
        return self.data.get(key)

    async def put(self, key: str, value: Any, *, partition: int) -> None:
        self.writes.append((key, partition))
        if value is None:
            self.data.pop(key, None)
        else:
            self.data[key] = value


class Letters:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str, bytes, str]] = []

    async def __call__(self, error: str, reason: str, payload: bytes, key: str) -> None:
        self.sent.append((error, reason, payload, key))


@pytest.fixture
def slack(monkeypatch: pytest.MonkeyPatch) -> Iterator[SlackServer]:
    with SlackServer() as server:
        for sub, token in (
            ("LAUNCHES", "T1/B1/launches"),
            ("DIGEST", "T2/B2/digest"),
            ("GONE", "T3/B3/gone"),
        ):
            monkeypatch.setenv(f"HANDLER_HOOK_{sub}", server.url(token))
        server.always("T3/B3/gone", Reply(404, "no_service"))
        yield server


async def test_deliver_posts_once_per_story_and_handles_what_it_cannot_deliver(slack: SlackServer) -> None:
    store, letters = DictStore(), Letters()
    async with SlackClient(SETTINGS) as client:
        handler = DeliverHandler(SETTINGS, SUBS, store, Poster(SETTINGS, client, store), letters)
        en, fr = report("nova-en", "nova"), report("nova-fr", "nova", lang="fr")
        assert await handler([alert("launches", en, 0)]) == [()]
        assert len(slack.delivered("T1/B1/launches")) == 1
        assert store.data["progress/1"] == 0 and store.data["story/launches/nova"]["reports"] == 1
        # the marks were written (to the record's partition) before Slack was called
        assert store.writes[:2] == [("story/launches/nova", 1), ("progress/1", 1)]
        assert store.data["health/launches"]["healthy"] is True

        assert await handler([alert("launches", fr, 1)]) == [()]  # a later report of the story
        assert await handler([alert("launches", en, 0)]) == [()]  # offset 0 again, after a restart
        assert len(slack.delivered("T1/B1/launches")) == 1
        assert store.data["story/launches/nova"]["reports"] == 2 and store.data["progress/1"] == 1

        [unknown] = await handler([alert("no-such-sub", en, 2)])
        assert isinstance(unknown, Reject) and unknown.error == "unknown_subscription"
        assert "no-such-sub" in unknown.reason
        assert await handler([alert("no-such-sub", None, 3)]) == [()]  # a stale tick: nothing to do
        [invalid] = await handler([Message(b"x", b"{}", ALERTS.key, 1, 4)])
        assert isinstance(invalid, Reject) and invalid.error == "invalid_contract"

        suit = report("suit", "suit", tags={"lawsuit": 0.9})
        assert await handler([alert("gone", suit, 5)]) == [()]
        [(error, reason, payload, key)] = letters.sent
        assert error == "slack_refused" and reason.startswith("subscription=gone;") and "no_service" in reason
        assert ClassifiedArticle.decode(payload).id == suit.id == key
        assert (
            store.data["health/gone"]["healthy"] is False
            and store.data["health/gone"]["error"] == "no_service"
        )
        assert len(slack.received("T3/B3/gone")) == 1  # a refusal is not retried
        for secret in ("T1/B1/launches", "T3/B3/gone"):
            assert secret not in json.dumps([store.data, [r for _, r, _, _ in letters.sent]])


async def test_the_digest_lists_each_story_once_and_is_posted_when_due(slack: SlackServer) -> None:
    store, letters = DictStore(), Letters()
    async with SlackClient(SETTINGS) as client:
        handler = DeliverHandler(SETTINGS, SUBS, store, Poster(SETTINGS, client, store), letters)
        reports = [report("nova-en", "nova"), report("nova-ar", "nova", lang="ar"), report("orbit", "orbit")]
        for offset, article in enumerate(reports):
            assert await handler([alert("launch-digest", article, offset, partition=0)]) == [()]
        digest = store.data["digest/launch-digest"]
        assert [s["story"] for s in digest["stories"]] == ["nova", "orbit"] and digest["stories"][0][
            "reports"
        ] == 2
        assert await handler([alert("launch-digest", None, 3, partition=0)]) == [()]  # not due yet
        assert slack.delivered("T2/B2/digest") == [] and "digest/launch-digest" in store.data

        store.data["digest/launch-digest"] = {**digest, "since": 0.0}  # the first story waited an interval
        assert await handler([alert("launch-digest", None, 4, partition=0)]) == [()]
        [posted] = slack.delivered("T2/B2/digest")
        assert "2 new stories for launch-digest" in posted["blocks"][0]["text"]["text"]
        assert "reported by 2 sources in 2 languages" in json.dumps(posted)
        assert "digest/launch-digest" not in store.data and store.data["progress/0"] == 4
        assert await handler([alert("launch-digest", None, 4, partition=0)]) == [()]  # re-read: skipped
        assert len(slack.delivered("T2/B2/digest")) == 1 and letters.sent == []
