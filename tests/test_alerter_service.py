"""The alerter as a real subprocess against the real Kafka and a local Slack stand-in (real HTTP).

* matching stories produce exactly one message each, with the expected blocks; others none;
* 429 (Retry-After), 500, slow answers, 404 no_service and a forbidden host each end the way the
  issue says (retry, dead letter, unhealthy subscription visible in ``alerts list``);
* a SIGKILL mid-stream and a restart send no duplicate; a re-indexed story does not alert again;
  pending digest stories survive the restart;
* the webhook URLs (and their path tokens) appear nowhere in the captured JSON logs, the dead
  letters or the CLI output.
"""

from __future__ import annotations

import asyncio
import json
import re
import signal
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

from services.alerter.settings import AlerterSettings
from shared.config import Settings
from shared.contracts import ClassifiedArticle, DeadLetter
from shared.kafka import admin_client, end_offsets, producer, read_topic
from shared.topics import ALERTS, DEADLETTER, GROUPED, consumer_group
from tests.alerter_articles import (
    arabic_launch,
    big_investment,
    lawsuit_midjourney,
    small_investment,
    unrelated,
)
from tests.slack_server import Reply, SlackServer
from tests.support import ServiceProcess, free_port, run_cli, settings_env

LEGAL = "T0LEGAL01/B0LEGAL01/legalTokenQ7w8e9r0t1y2"
MENA = "T0MENA001/B0MENA001/menaTokenZx5c6v7b8n9m"
DEALS = "T0DEALS01/B0DEALS01/dealsTokenA1s2d3f4g5h6"
SLOW = "T0SLOW001/B0SLOW001/slowTokenP0o9i8u7y6t5"
FORBIDDEN_URL = "https://chat.example.org/services/T0BAD/B0BAD/badHostTokenK3j4h5"
CLOSED_URL = f"http://127.0.0.1:{free_port()}/services/T0CLOSED/B0CLOSED/closedPortTokenW2e3"

SUBSCRIPTIONS = """
subscriptions:
  - name: midjourney-lawsuits
    webhook_env: TEST_HOOK_LEGAL
    filters: {tags: [lawsuit], min_score: 0.5, orgs: [Midjourney]}
  - name: arabic-launches
    webhook_env: TEST_HOOK_MENA
    filters: {tags: [launch], languages: [ar]}
  - name: big-deals
    webhook_env: TEST_HOOK_DEALS
    mode: digest
    digest_minutes: {digest_minutes}
    filters: {tags: [investment], min_amount: 1000000000, currency: USD}
  - name: slow-channel
    webhook_env: TEST_HOOK_SLOW
    filters: {keywords: [Midjourney]}
  - name: wrong-host
    webhook_env: TEST_HOOK_FORBIDDEN
    filters: {languages: [ar]}
  - name: nobody-listens
    webhook_env: TEST_HOOK_CLOSED
    filters: {languages: [ar]}
"""


def _start(
    settings: Settings, tmp: Path, slack: SlackServer, *, digest_minutes: float, log_name: str
) -> tuple[ServiceProcess, dict[str, str]]:
    subs_file = tmp / "alerts.yaml"
    subs_file.write_text(SUBSCRIPTIONS.replace("{digest_minutes}", str(digest_minutes)))
    web_port = free_port()
    alerter = AlerterSettings(
        subscriptions_file=subs_file,
        request_timeout=0.5,
        max_attempts=2,
        backoff_initial=0.1,
        backoff_max=0.2,
        rate_per_webhook=20.0,
        allow_loopback=True,
        digest_check_seconds=0.5,
        stall_check_seconds=1.0,
        session_timeout=6.0,
        heartbeat_interval=1.0,
    )
    env = settings_env(
        settings.model_copy(update={"web_port": web_port, "log_format": "json", "log_level": "INFO"}),
        alerter,
        TEST_HOOK_LEGAL=slack.url(LEGAL),
        TEST_HOOK_MENA=slack.url(MENA),
        TEST_HOOK_DEALS=slack.url(DEALS),
        TEST_HOOK_SLOW=slack.url(SLOW),
        TEST_HOOK_FORBIDDEN=FORBIDDEN_URL,
        TEST_HOOK_CLOSED=CLOSED_URL,
    )
    proc = ServiceProcess(["alerter"], env, tmp / log_name, web_port).start()
    proc.wait_healthy()
    return proc, env


async def _produce(settings: Settings, articles: Sequence[ClassifiedArticle | bytes]) -> None:
    async with producer(settings) as prod:
        for item in articles:
            if isinstance(item, bytes):
                await prod.send_and_wait(GROUPED.name(settings), item, key=b"garbage")
            else:
                await prod.send_and_wait(GROUPED.name(settings), item.encode(), key=item.id.encode())


async def _handled_everything(settings: Settings, timeout: float = 180.0) -> None:
    """Wait until the alerter has handled every record now in its inputs: its committed offsets (the
    sequence guard's, never past an unhandled record) reach the ends of GROUPED, then of ALERTS (where
    matching the GROUPED records queued their alerts). Then nothing it was given is still to come, so
    a test can assert that something was *not* sent without sleeping and hoping."""
    group = consumer_group("alerter", settings)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    for spec in (GROUPED, ALERTS):
        topic = spec.name(settings)
        ends = await end_offsets(settings, topic)
        committed: dict[int, int] = {}
        while True:
            async with admin_client(settings) as admin:
                offsets = await admin.list_consumer_group_offsets(group)
            committed = {tp.partition: m.offset for tp, m in offsets.items() if tp.topic == topic}
            if all(committed.get(p, 0) >= end for p, end in ends.items() if end > 0):
                break
            assert loop.time() < deadline, f"alerter behind on {topic}: committed {committed}, ends {ends}"
            await asyncio.sleep(0.5)


def _urls(payloads: list[dict[str, Any]]) -> list[str]:
    return [p["blocks"][0]["text"]["text"].split("<", 1)[1].split("|", 1)[0] for p in payloads]


def _secrets(slack: SlackServer) -> list[str]:
    out = [FORBIDDEN_URL, "badHostTokenK3j4h5", CLOSED_URL, "closedPortTokenW2e3"]
    for token in (LEGAL, MENA, DEALS, SLOW):
        out += [slack.url(token), token, token.rsplit("/", 1)[1]]
    return out


async def test_alerter_delivers_each_match_once_and_handles_every_slack_answer(
    settings: Settings, tmp_path: Path
) -> None:
    with SlackServer() as slack:
        slack.script(LEGAL, Reply(429, "rate_limited", retry_after=1), Reply(500, "rollup_error"))
        slack.always(MENA, Reply(404, "no_service"))
        slack.always(SLOW, Reply(200, "ok", delay=2.0))
        proc, env = _start(settings, tmp_path, slack, digest_minutes=0.05, log_name="alerter.log")
        try:
            lawsuits = [lawsuit_midjourney(0), lawsuit_midjourney(1)]
            deals = [big_investment(0), big_investment(1)]
            await _produce(
                settings,
                [
                    lawsuits[0],
                    unrelated(0),
                    arabic_launch(0),
                    deals[0],
                    small_investment(0),
                    b"not json at all",
                    lawsuits[1],
                    deals[1],
                    unrelated(1),
                ],
            )
            assert slack.wait_for(lambda: len(slack.delivered(LEGAL)) >= 2, timeout=60), proc.output()[-3000:]
            assert slack.wait_for(lambda: len(slack.delivered(DEALS)) >= 1, timeout=60), proc.output()[-3000:]
            assert slack.wait_for(lambda: len(slack.received(SLOW)) >= 4, timeout=60)
            assert slack.wait_for(lambda: len(slack.received(MENA)) >= 1, timeout=30)

            # the same stories re-indexed later: no second alert
            await _produce(settings, [lawsuits[0], deals[0], arabic_launch(0)])
            dead: list[DeadLetter] = []

            async def dead_letters() -> list[DeadLetter]:
                return [
                    DeadLetter.decode(r.value) for r in await read_topic(settings, DEADLETTER.name(settings))
                ]

            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                dead = await dead_letters()
                if len(dead) >= 6:
                    break
                await asyncio.sleep(0.5)
            await _handled_everything(settings)  # the re-indexed stories too: any (wrong) extra message is in
            dead = await dead_letters()

            # instant: one message per matching story, with the expected blocks
            legal = slack.delivered(LEGAL)
            assert sorted(_urls(legal)) == sorted(a.url for a in lawsuits)
            assert [r.status for r in slack.received(LEGAL)][:3] == [429, 500, 200]
            message = next(p for p in legal if lawsuits[0].url in p["blocks"][0]["text"]["text"])
            assert "Midjourney" in message["blocks"][0]["text"]["text"]
            context = " ".join(e["text"] for e in message["blocks"][1]["elements"])
            assert (
                "Example Wire" in context and "*Language:* en" in context and "midjourney-lawsuits" in context
            )
            assert any("*lawsuit*" in b.get("text", {}).get("text", "") for b in message["blocks"])
            assert any("federal court" in b.get("text", {}).get("text", "") for b in message["blocks"])
            assert any("Midjourney" in f["text"] for b in message["blocks"] for f in b.get("fields", []))
            assert lawsuits[0].url in message["text"]

            # digest: both big deals listed once, not the small one. Usually one message; on a loaded
            # machine the two deals can fall on either side of a digest tick (every 3 s here), so the deals
            # are counted over the digest messages, and the headers' counts add up to them
            assert slack.wait_for(
                lambda: all(d.url in json.dumps(slack.delivered(DEALS)) for d in deals), timeout=60
            )
            digest = slack.delivered(DEALS)
            assert 1 <= len(digest) <= 2
            listed = json.dumps(digest)
            assert all(sum(d.url in json.dumps(m) for m in digest) == 1 for d in deals)  # in one message each
            assert small_investment(0).url not in listed
            headers = [m["blocks"][0]["text"]["text"] for m in digest]
            found = [re.search(r"(\d+) new stories for big-deals", h) for h in headers]
            assert all(found) and sum(int(m.group(1)) for m in found if m) == 2, headers

            # refusals and exhausted retries: dead letters with the subscription name, no URL
            by_kind = {(d.error, d.reason.split(";")[0]) for d in dead}
            assert ("invalid_contract", "invalid ClassifiedArticle") in {
                (e, r.split(":")[0]) for e, r in by_kind
            }
            assert ("slack_refused", "subscription=arabic-launches") in by_kind
            assert ("slack_unavailable", "subscription=slow-channel") in by_kind
            assert ("webhook_unavailable", "subscription=wrong-host") in by_kind
            closed = next(d for d in dead if d.reason.startswith("subscription=nobody-listens"))
            assert closed.error == "slack_unavailable" and "connection_error" in closed.reason
            refused = next(d for d in dead if d.error == "slack_refused")
            assert "no_service" in refused.reason
            assert ClassifiedArticle.decode(refused.payload).id == arabic_launch(0).id
            assert len(slack.received(MENA)) == 1  # 404: no retry
            assert len([d for d in dead if d.reason.startswith("subscription=slow-channel")]) == 2
            assert len(slack.received(SLOW)) == 4  # 2 attempts each, then given up

            # metrics per subscription
            page = (
                await asyncio.to_thread(httpx.get, f"http://127.0.0.1:{proc.web_port}/metrics", timeout=5)
            ).text
            assert (
                'wirewatch_alerts_sent_total{mode="instant",subscription="midjourney-lawsuits"} 2.0' in page
            )
            assert 'wirewatch_alerts_sent_total{mode="digest",subscription="big-deals"} 1.0' in page
            assert (
                'wirewatch_alerts_retried_total{reason="rate_limited",subscription="midjourney-lawsuits"} 1.0'
                in page
            )
            assert (
                'wirewatch_alerts_retried_total{reason="server_error",subscription="midjourney-lawsuits"} 1.0'
                in page
            )
            assert (
                'wirewatch_alerts_failed_total{error="slack_refused",subscription="arabic-launches"} 1.0'
                in page
            )

            # `alerts list` shows the unhealthy subscription; `alerts test` sends a sample
            listing = await asyncio.to_thread(run_cli, ["alerts", "list", "--json"], env)
            assert listing.returncode == 0, listing.stderr
            rows = {r["name"]: r for r in map(json.loads, listing.stdout.splitlines())}
            assert (
                rows["arabic-launches"]["healthy"] is False
                and "no_service" in rows["arabic-launches"]["health"]
            )
            assert rows["midjourney-lawsuits"]["healthy"] is True
            assert rows["wrong-host"]["webhook"].endswith("(unavailable)")
            sample = await asyncio.to_thread(run_cli, ["alerts", "test", "midjourney-lawsuits"], env)
            assert sample.returncode == 0, sample.stderr
            assert "Wirewatch test alert" in json.dumps(slack.delivered(LEGAL)[-1])
            failing = await asyncio.to_thread(run_cli, ["alerts", "test", "arabic-launches"], env)
            assert failing.returncode == 1 and "no_service" in failing.stderr
        finally:
            proc.stop()

        # nothing secret anywhere: logs (JSON lines), dead letters, CLI output
        logs = proc.output()
        assert any(line.startswith("{") and '"subscription"' in line for line in logs.splitlines())
        captured = logs + json.dumps([d.model_dump(mode="json") for d in dead]) + listing.stdout
        captured += listing.stderr + sample.stdout + sample.stderr + failing.stdout + failing.stderr
        for secret in _secrets(slack):
            assert secret not in captured, f"a webhook secret leaked: {secret[:12]}…"


async def test_restart_mid_stream_sends_no_duplicate(settings: Settings, tmp_path: Path) -> None:
    with SlackServer() as slack:
        slack.always(LEGAL, Reply(200, "ok", delay=0.25))  # slow enough to be killed mid-stream
        slack.always(SLOW, Reply(200, "ok"))
        stories = [lawsuit_midjourney(i) for i in range(10)]
        deals = [big_investment(0), big_investment(1)]
        proc, _ = _start(settings, tmp_path, slack, digest_minutes=0.3, log_name="first.log")
        try:
            await _produce(settings, [*deals, *stories])
            assert slack.wait_for(lambda: len(slack.delivered(LEGAL)) >= 3, timeout=60), proc.output()[-3000:]
        finally:
            proc.stop(signal.SIGKILL)  # no graceful commit: the restart re-reads uncommitted records
        before = len(slack.delivered(LEGAL))
        assert before < len(stories) and not slack.delivered(DEALS)

        proc, _ = _start(settings, tmp_path, slack, digest_minutes=0.3, log_name="second.log")
        try:
            at_most_one_lost = len(stories) - 1
            assert slack.wait_for(lambda: len(slack.delivered(LEGAL)) >= at_most_one_lost, timeout=90)
            assert slack.wait_for(lambda: len(slack.delivered(DEALS)) >= 1, timeout=60), proc.output()[-3000:]
            await _produce(settings, stories[:3])  # re-indexed: must not alert again
            await _handled_everything(settings)
        finally:
            proc.stop()

        urls = _urls(slack.delivered(LEGAL))
        assert len(urls) == len(set(urls)), "a story was alerted twice"
        assert set(urls) <= {s.url for s in stories} and len(urls) >= at_most_one_lost
        slow_urls = _urls(slack.delivered(SLOW))
        assert len(slow_urls) == len(set(slow_urls)) and len(slow_urls) >= at_most_one_lost
        digests = slack.delivered(DEALS)
        assert len(digests) == 1  # stories queued before the kill were kept and sent once
        assert all(d.url in json.dumps(digests[0]) for d in deals)
