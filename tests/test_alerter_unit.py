"""Alerter pieces without Kafka: subscriptions, matching, Block Kit messages, the webhook client
against the local Slack stand-in (a real HTTP server)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from services.alerter.matching import matches, matching_subscriptions
from services.alerter.settings import AlerterSettings
from services.alerter.slack_client import SlackClient, retry_after_seconds, slack_error
from services.alerter.slack_message import (
    HEADER_TEXT_MAX,
    MAX_BLOCKS,
    SECTION_TEXT_MAX,
    StorySummary,
    clip,
    clip_mrkdwn,
    digest_message,
    sample_article,
    story_message,
)
from services.alerter.subscriptions import (
    SubscriptionError,
    Webhook,
    WebhookUnavailable,
    load_subscriptions,
    parse_subscriptions,
    resolve_webhook,
)
from shared.logs import RedactSecrets
from tests.alerter_articles import (
    arabic_launch,
    big_investment,
    lawsuit_midjourney,
    make_article,
    small_investment,
    unrelated,
)
from tests.slack_server import Reply, SlackServer, validate
from tests.support import REPO

SUBS = """
subscriptions:
  - name: midjourney-lawsuits
    webhook_env: HOOK_A
    filters: {tags: [lawsuit], min_score: 0.5, orgs: [midjourney]}
  - name: big-money
    webhook_env: HOOK_B
    mode: digest
    digest_minutes: 5
    filters: {tags: investment, min_amount: 1e9, currency: usd}
  - name: arabic-launches
    webhook_file: /run/secrets/hook-c
    filters: {tags: [launch], languages: [AR]}
  - name: keyword
    webhook_env: HOOK_D
    filters: {keywords: ["open weights", "AI"], sources: ["example wire"]}
"""


def test_deploy_subscriptions_file_is_valid() -> None:
    subs = load_subscriptions(REPO / "deploy" / "alerts.yaml")
    names = {s.name for s in subs}
    assert {"midjourney-lawsuits", "billion-dollar-investments", "arabic-launches"} <= names
    assert all(s.webhook_env or s.webhook_file for s in subs)


def test_matching_follows_each_filter() -> None:
    subs = {s.name: s for s in parse_subscriptions(SUBS)}
    assert matches(lawsuit_midjourney(), subs["midjourney-lawsuits"])
    weak = make_article("weak", title="Midjourney maybe sued", tags={"lawsuit": 0.3}, orgs=["Midjourney"])
    assert not matches(weak, subs["midjourney-lawsuits"])  # below min_score
    other_org = make_article("o", title="Suit", tags={"lawsuit": 0.9}, orgs=["OpenAI"])
    assert not matches(other_org, subs["midjourney-lawsuits"])
    assert matches(big_investment(), subs["big-money"])
    assert not matches(small_investment(), subs["big-money"])  # under the minimum amount
    eur = make_article("eur", title="x", tags={"investment": 0.9}, amounts=[(3e9, "EUR", "3 Mrd. Euro")])
    assert not matches(eur, subs["big-money"])  # other currency
    assert matches(arabic_launch(), subs["arabic-launches"])
    english_launch = make_article("en-launch", title="Launch", tags={"launch": 0.9}, lang="en")
    assert not matches(english_launch, subs["arabic-launches"])
    assert matching_subscriptions(unrelated(), list(subs.values())) == []


def test_keywords_match_whole_words_in_title_or_text() -> None:
    sub = next(s for s in parse_subscriptions(SUBS) if s.name == "keyword")
    assert matches(make_article("k1", title="New open weights model", text="Body."), sub)
    assert matches(make_article("k2", title="x", text="A new AI chip."), sub)
    assert not matches(make_article("k3", title="He said so", text="Nothing in particular."), sub)
    assert not matches(make_article("k4", title="AI news", source="Other Wire"), sub)  # source filter


def test_invalid_subscriptions_are_refused_without_echoing_secrets() -> None:
    with pytest.raises(SubscriptionError, match="exactly one of webhook_env or webhook_file"):
        parse_subscriptions("- name: a\n  filters: {}\n")
    with pytest.raises(SubscriptionError, match="appears twice"):
        parse_subscriptions("- {name: a, webhook_env: X}\n- {name: a, webhook_env: Y}\n")
    with pytest.raises(SubscriptionError):
        parse_subscriptions(
            "- {name: a, webhook_env: X, webhook: 'https://hooks.slack.com/services/T/B/x'}\n"
        )
    with pytest.raises(SubscriptionError, match=r"(?i)extra inputs"):
        parse_subscriptions("- {name: a, webhook_env: X, filters: {tag: [lawsuit]}}\n")


def test_subscription_errors_are_config_errors() -> None:
    from shared.errors import ConfigError

    for cls in (SubscriptionError, WebhookUnavailable):  # ConfigError, still a ValueError
        assert issubclass(cls, ConfigError) and issubclass(cls, ValueError)
    with pytest.raises(ConfigError, match="appears twice"):
        parse_subscriptions("- {name: a, webhook_env: X}\n- {name: a, webhook_env: Y}\n")


def test_webhook_resolution_checks_host_and_registers_the_secret(tmp_path: Path) -> None:
    sub, *_ = parse_subscriptions("- {name: a, webhook_env: HOOK}\n")
    secret = "https://hooks.slack.com/services/T0001/B0001/AbCdEfGhIjKlMnOp"
    hook = resolve_webhook(sub, allowed_hosts=["hooks.slack.com"], environ={"HOOK": secret})
    assert hook.url == secret and secret not in repr(hook) and secret not in str(hook)
    record = logging.LogRecord("x", logging.INFO, "", 0, "posting to %s", (hook.url,), None)
    RedactSecrets().filter(record)
    assert secret not in record.getMessage()

    with pytest.raises(WebhookUnavailable, match="HOOK is not set"):
        resolve_webhook(sub, allowed_hosts=["hooks.slack.com"], environ={})
    bad = "https://evil.example.com/services/T0001/B0001/SeCrEtToKeN1"
    with pytest.raises(WebhookUnavailable) as info:
        resolve_webhook(sub, allowed_hosts=["hooks.slack.com"], environ={"HOOK": bad})
    assert "SeCrEtToKeN1" not in str(info.value)
    loop = "http://127.0.0.1:9/services/T/B/loopsecret"
    with pytest.raises(WebhookUnavailable):
        resolve_webhook(sub, allowed_hosts=["hooks.slack.com"], environ={"HOOK": loop})
    assert resolve_webhook(sub, allowed_hosts=[], allow_loopback=True, environ={"HOOK": loop}).url == loop

    file_sub, *_ = parse_subscriptions(f"- {{name: b, webhook_file: {tmp_path / 'hook'}}}\n")
    (tmp_path / "hook").write_text(secret + "\n")
    assert resolve_webhook(file_sub, allowed_hosts=["hooks.slack.com"]).url == secret


def test_story_message_has_the_expected_blocks_and_fits_slack_limits() -> None:
    article = lawsuit_midjourney()
    payload = story_message(article, "midjourney-lawsuits")
    assert validate(payload) is None
    blocks = payload["blocks"]
    headline = blocks[0]["text"]["text"]
    assert f"<{article.url}|" in headline and "Midjourney" in headline
    context = " ".join(e["text"] for e in blocks[1]["elements"])
    assert "Example Wire" in context and "*Language:* en" in context and "<!date^" in context
    assert any(
        "*lawsuit*" in b.get("text", {}).get("text", "") and "federal court" in b["text"]["text"]
        for b in blocks
    )
    fields = next(b["fields"] for b in blocks if "fields" in b)
    assert "Midjourney" in fields[0]["text"]
    assert "midjourney-lawsuits" in payload["text"] and article.url in payload["text"]

    money = story_message(big_investment(), "big")
    assert any("USD 2 billion" in f["text"] for b in money["blocks"] for f in b.get("fields", []))


def test_long_text_is_cut_cleanly() -> None:
    words = "lawsuit & <claims> " * 600
    article = make_article(
        "long",
        title="T " * 400,
        tags={"lawsuit": 0.9, "launch": 0.8, "licensing": 0.7, "investment": 0.6},
        evidence=words,
        orgs=[f"Org {i}" for i in range(500)],
    )
    payload = story_message(article, "s", evidence_chars=2500)
    assert validate(payload) is None
    for block in payload["blocks"]:
        text = block.get("text", {}).get("text", "")
        assert len(text) <= SECTION_TEXT_MAX
        if "*lawsuit*" in text:
            quote = text.split("\n> ", 1)[1]
            assert quote.endswith("…")
            assert "&amp" not in quote[-6:] or quote.endswith("&amp;…")  # no entity cut in half
            assert "&lt;claims&gt;" in quote
    assert clip("one two three", 9) == "one two…"
    assert clip_mrkdwn("a & b & c & d", 10) == "a &amp; b…"
    assert len(clip("x" * 500, HEADER_TEXT_MAX)) == HEADER_TEXT_MAX


def test_digest_message_stays_within_50_blocks() -> None:
    stories = [StorySummary.of(big_investment(i)) for i in range(120)]
    payload = digest_message("big-money", stories)
    assert validate(payload) is None
    assert len(payload["blocks"]) <= MAX_BLOCKS
    assert "120 new stories" in payload["blocks"][0]["text"]["text"]
    assert "more matching stories" in payload["blocks"][-1]["elements"][0]["text"]
    small = digest_message("big-money", stories[:3])
    assert len(small["blocks"]) == 4 and validate(small) is None


# -- the webhook client against the stand-in -----------------------------------------------------------


@pytest.fixture
def slack() -> Iterator[SlackServer]:
    with SlackServer() as server:
        yield server


def _client_settings(**overrides: object) -> AlerterSettings:
    base: dict[str, Any] = {
        "request_timeout": 0.5,
        "max_attempts": 3,
        "backoff_initial": 0.05,
        "backoff_max": 0.1,
        "rate_per_webhook": 20.0,
        "allow_loopback": True,
    }
    base.update(overrides)
    return AlerterSettings(**base)


def _hook(slack: SlackServer, token: str) -> Webhook:
    sub, *_ = parse_subscriptions("- {name: t, webhook_env: H}\n")
    return resolve_webhook(sub, allowed_hosts=[], allow_loopback=True, environ={"H": slack.url(token)})


async def test_client_retries_429_and_5xx_then_delivers(slack: SlackServer) -> None:
    token = "T1/B1/retry-token"
    slack.script(token, Reply(429, "rate_limited", retry_after=0.3), Reply(500, "rollup_error"))
    async with SlackClient(_client_settings()) as client:
        result = await client.post(
            _hook(slack, token), story_message(sample_article(), "t"), subscription="t"
        )
    assert result.ok and result.attempts == 3
    received = slack.received(token)
    assert [r.status for r in received] == [429, 500, 200]
    assert len(slack.delivered(token)) == 1
    # lower bound only: the retry after the 429 came no sooner than Retry-After said
    assert received[1].at - received[0].at >= 0.25


async def test_client_gives_up_after_max_attempts_on_5xx_and_timeouts(slack: SlackServer) -> None:
    slack.always("T2/B2/down", Reply(503, "service_unavailable"))
    slack.always("T3/B3/slow", Reply(200, "ok", delay=1.5))
    async with SlackClient(_client_settings()) as client:
        down = await client.post(_hook(slack, "T2/B2/down"), {"text": "x"}, subscription="t")
        slow = await client.post(_hook(slack, "T3/B3/slow"), {"text": "x"}, subscription="t")
    assert not down.ok and not down.permanent and down.attempts == 3 and down.error == "service_unavailable"
    assert not slow.ok and not slow.permanent and slow.error == "timeout" and slow.attempts == 3


@pytest.mark.parametrize(
    ("status", "body"), [(404, "no_service"), (404, "channel_not_found"), (403, "action_prohibited")]
)
async def test_client_does_not_retry_refusals(slack: SlackServer, status: int, body: str) -> None:
    slack.always("T4/B4/gone", Reply(status, body))
    async with SlackClient(_client_settings()) as client:
        result = await client.post(_hook(slack, "T4/B4/gone"), {"text": "x"}, subscription="t")
    assert not result.ok and result.permanent and result.error == body and result.attempts == 1
    assert len(slack.received("T4/B4/gone")) == 1


async def test_invalid_payload_is_a_refusal(slack: SlackServer) -> None:
    too_many = {"text": "x", "blocks": [{"type": "divider"}] * 51}
    async with SlackClient(_client_settings()) as client:
        result = await client.post(_hook(slack, "T5/B5/x"), too_many, subscription="t")
    assert result.permanent and result.status == 400 and result.error == "invalid_payload"


async def test_client_paces_each_webhook(slack: SlackServer) -> None:
    async with SlackClient(_client_settings(rate_per_webhook=5.0)) as client:
        hook = _hook(slack, "T6/B6/paced")
        for _ in range(4):
            assert (await client.post(hook, {"text": "x"}, subscription="t")).ok
    times = [r.at for r in slack.received("T6/B6/paced")]
    # lower bound only: at 5/s, messages 2 to 4 (connection already open) span at least 2 intervals
    assert times[-1] - times[1] >= 2 * 0.2 * 0.7


def test_slack_answer_parsing() -> None:
    assert slack_error(404, "no_service") == "no_service"
    assert slack_error(400, '{"ok": false, "error": "invalid_blocks"}') == "invalid_blocks"
    assert slack_error(500, "<html>Oops https://hooks.slack.com/x</html>") == "http_500"
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds(None) == 1.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0


def test_fallback_text_is_escaped_and_digest_lines_count_reports() -> None:
    from services.alerter.slack_message import StorySummary, digest_message, story_message
    from tests.alerter_articles import make_article

    article = make_article("hostile", title="Big <!channel> news & <@U123> mention", tags={"launch": 0.9})
    message = story_message(article, "launches")
    for text in [message["text"], *(b["text"]["text"] for b in message["blocks"] if "text" in b)]:
        assert "<!channel>" not in text and "<@U123>" not in text
    assert "&lt;!channel&gt;" in message["text"] and "&amp;" in message["text"]
    story = StorySummary.of(article).model_copy(
        update={"reports": 3, "sources": ["A", "B", "C"], "langs": ["ar", "en", "fr"]}
    )
    single = StorySummary.of(make_article("single", title="One report <!here>", tags={"launch": 0.9}))
    digest = digest_message("launches", [story, single])
    lines = [b["text"]["text"] for b in digest["blocks"] if b["type"] == "section"]
    assert len(lines) == 2 and "reported by 3 sources in 3 languages" in lines[0]
    assert "reported by" not in lines[1]
    assert "<!here>" not in digest["text"] and "&lt;!here&gt;" in digest["text"]
    assert "reported by 3 sources in 3 languages" in digest["text"]
