"""Alerts per story, through the real Kafka and the Slack stand-in (real HTTP).

* three reports of one story (same ``story_id``, three languages and sources) give one instant
  message; another story gives its own; the digest lists stories, one line each, with
  "reported by 3 sources in 3 languages";
* a title carrying ``<!channel>`` reaches Slack escaped in the fallback text too;
* an alert for a subscription that does not exist is dead-lettered with the reason;
* the once-only marks expire after the retention: tombstones in the changelog, and the same story
  alerts again.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from services.alerter.records import ALERTED_TABLE, DELIVERY_TABLE, AlertRecord, changelog_topic
from services.alerter.settings import AlerterSettings
from shared.config import Settings
from shared.contracts import ClassifiedArticle, DeadLetter
from shared.kafka import producer, read_topic, wait_for_records
from shared.topics import ALERTS, DEADLETTER, GROUPED
from tests.alerter_articles import make_article
from tests.slack_server import SlackServer
from tests.support import ServiceProcess, free_port, settings_env

INSTANT = "T0STORY01/B0STORY01/storyTokenInstant01"
DIGEST = "T0STORY02/B0STORY02/storyTokenDigest002"

SUBSCRIPTIONS = """
subscriptions:
  - name: launches
    webhook_env: TEST_HOOK_INSTANT
    filters: {tags: [launch]}
  - name: launch-digest
    webhook_env: TEST_HOOK_DIGEST
    mode: digest
    digest_minutes: 0.15
    filters: {tags: [launch]}
"""


def report(slug: str, story: str, lang: str, source: str, title: str) -> ClassifiedArticle:
    article = make_article(slug, title=title, tags={"launch": 0.9}, lang=lang, source=source)
    return article.model_copy(update={"story_id": story})


def _alerter(settings: Settings, tmp: Path, slack: SlackServer, **opts: Any) -> ServiceProcess:
    subs = tmp / "alerts.yaml"
    subs.write_text(SUBSCRIPTIONS)
    port = free_port()
    alerter = AlerterSettings(
        subscriptions_file=subs,
        request_timeout=2.0,
        rate_per_webhook=20.0,
        allow_loopback=True,
        digest_check_seconds=0.5,
        stall_check_seconds=1.0,
        session_timeout=6.0,
        heartbeat_interval=1.0,
        **opts,
    )
    env = settings_env(
        settings.model_copy(update={"web_port": port, "web_host": "127.0.0.1"}),
        alerter,
        TEST_HOOK_INSTANT=slack.url(INSTANT),
        TEST_HOOK_DIGEST=slack.url(DIGEST),
    )
    return ServiceProcess(["alerter"], env, tmp / "alerter.log", web_port=port).start()


async def _send(settings: Settings, articles: list[ClassifiedArticle]) -> None:
    async with producer(settings) as prod:  # one partition: the order of the reports is the test's
        for a in articles:
            await prod.send_and_wait(GROUPED.name(settings), a.encode(), key=a.id.encode(), partition=0)


async def _wait(condition: Callable[[], object], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        await asyncio.sleep(0.2)
    raise TimeoutError("condition not met")


def _story_urls(payloads: list[dict[str, Any]]) -> list[str]:
    return [p["blocks"][0]["text"]["text"].split("<", 1)[1].split("|", 1)[0] for p in payloads]


async def test_reports_of_one_story_alert_once_and_the_digest_lists_stories(
    settings: Settings, tmp_path: Path
) -> None:
    story_1 = [
        report("nova-en", "story-nova", "en", "Example Wire", "Example Labs launches Nova model"),
        report("nova-fr", "story-nova", "fr", "Exemple Presse", "Example Labs lance le modèle Nova"),
        report("nova-ar", "story-nova", "ar", "Example Arabic News", "إكزامبل لابز تطلق نموذج نوفا"),
    ]
    story_2 = report("orbit", "story-orbit", "en", "Other Wire", "Orbit <!channel> ships & <b>launches</b>")
    sentinel = report("sentinel", "story-sentinel", "en", "Example Wire", "Sentinel launch")
    with SlackServer() as slack:
        proc = _alerter(settings, tmp_path, slack)
        try:
            await asyncio.to_thread(proc.wait_healthy, 90.0)
            await _send(settings, [*story_1, story_2, sentinel])
            async with producer(settings) as prod:  # an alert queued for a subscription that is not there
                stray = AlertRecord(kind="alert", subscription="no-such-sub", article=story_2)
                await prod.send_and_wait(ALERTS.name(settings), stray.encode(), key=b"no-such-sub")

            # instant: the sentinel is the last report on the partition; once it is out, all were handled
            await _wait(lambda: sentinel.url in _story_urls(slack.delivered(INSTANT)))
            urls = _story_urls(slack.delivered(INSTANT))
            assert sorted(urls) == sorted([story_1[0].url, story_2.url, sentinel.url])  # one per story
            [orbit] = [p for p in slack.delivered(INSTANT) if story_2.url in json.dumps(p)]
            assert "<!channel>" not in orbit["text"] and "&lt;!channel&gt;" in orbit["text"]
            assert "&amp;" in orbit["text"] and "<b>" not in orbit["text"]

            # digest: one line per story, the three reports counted on one line
            def digest_lines() -> list[str]:
                return [b["text"]["text"] for p in slack.delivered(DIGEST) for b in p["blocks"][1:]
                        if b.get("type") == "section"]

            await _wait(lambda: any(sentinel.url in line for line in digest_lines()), timeout=60)
            lines = digest_lines()
            nova = [line for line in lines if "story-nova" in line or "nova-" in line]
            assert len(nova) == 1, lines
            assert "reported by 3 sources in 3 languages" in nova[0]
            assert sum(story_2.url in line for line in lines) == 1
            assert all("reported by" not in line for line in lines if sentinel.url in line)

            letters = await wait_for_records(settings, DEADLETTER.name(settings), 1, timeout=60)
            [letter] = [DeadLetter.decode(r.value) for r in letters]
            assert letter.error == "unknown_subscription" and "no-such-sub" in letter.reason
            assert AlertRecord.decode(letter.payload).subscription == "no-such-sub"
            assert proc.alive()
        finally:
            proc.stop()


async def test_once_only_marks_expire_after_the_retention(settings: Settings, tmp_path: Path) -> None:
    article = report("expiring", "story-expiring", "en", "Example Wire", "Expiring launch story")
    changelog = changelog_topic(settings, ALERTED_TABLE)
    with SlackServer() as slack:
        retention = {"state_retention_days": 6 / 86400, "retention_check_seconds": 1.0}
        proc = _alerter(settings, tmp_path, slack, **retention)
        try:
            await asyncio.to_thread(proc.wait_healthy, 90.0)
            await _send(settings, [article])
            await _wait(lambda: len(slack.delivered(INSTANT)) == 1)

            async def tombstoned() -> bool:  # both marks: the article's (match) and the story's (deliver)
                article_mark = any(
                    json.loads(r.key) == article.id and r.value is None
                    for r in await read_topic(settings, changelog)
                )
                story_mark = any(
                    json.loads(r.key) == "story/launches/story-expiring" and r.value is None
                    for r in await read_topic(settings, changelog_topic(settings, DELIVERY_TABLE))
                )
                return article_mark and story_mark

            deadline = time.monotonic() + 60
            while not await tombstoned():
                assert time.monotonic() < deadline, "no tombstone for the expired mark"
                await asyncio.sleep(0.5)
            await _send(settings, [article])  # the mark is gone: the story alerts again
            await _wait(lambda: len(slack.delivered(INSTANT)) == 2)
            assert _story_urls(slack.delivered(INSTANT)) == [article.url, article.url]
        finally:
            proc.stop()
