"""Posting to Slack incoming webhooks: pacing, retries and Slack's answers.

Slack's incoming-webhook contract (https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks,
"Handling errors"; https://api.slack.com/changelog/2016-05-17-changes-to-errors-for-incoming-webhooks;
https://api.slack.com/docs/rate-limits):

* ``200 ok``: posted.
* ``429``: too many messages; the ``Retry-After`` header says how many seconds to wait. Slack allows
  "no more than one message per second" per webhook with short bursts, so we pace each webhook to
  ``rate_per_webhook`` (default 1/s) and, after a 429, hold that webhook for Retry-After.
* ``5xx`` (``rollup_error``...), timeouts, connection errors: transient; retried with exponential
  backoff up to ``max_attempts``, then given up (the caller dead-letters the alert).
* ``400 invalid_payload`` / ``invalid_blocks`` / ``no_text``, ``403 action_prohibited`` /
  ``invalid_token``, ``404 no_service`` / ``channel_not_found``, ``410 channel_is_archived``: the
  message or the webhook is wrong; no retry, the subscription is unhealthy.

Nothing here puts the URL in a log line, an exception or a result: results carry Slack's short
error string (sanitised) and the HTTP status only.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import logging
import random
import re
import time
from dataclasses import dataclass
from typing import Any

import httpx

from services.alerter import metrics
from services.alerter.settings import AlerterSettings
from services.alerter.subscriptions import Webhook
from shared import metrics as shared_metrics

log = logging.getLogger(__name__)

_ERROR_WORD = re.compile(r"^[a-z0-9_]{1,64}$")


@dataclass(frozen=True)
class DeliveryResult:
    ok: bool
    status: int | None  # last HTTP status, None when no answer came
    error: str  # "ok" or Slack's error string, "timeout", "connection_error", "http_<status>"
    attempts: int  # HTTP requests made
    permanent: bool = False  # Slack refused the message or the webhook: the subscription is unhealthy

    def describe(self) -> str:
        status = self.status if self.status is not None else "no answer"
        return f"{self.error} (HTTP {status}) after {self.attempts} attempt(s)"


def slack_error(status: int, body: str) -> str:
    """Slack's short error string from a response body, or ``http_<status>``: never free text."""
    text = body.strip()
    if text.startswith("{"):
        try:
            text = str(json.loads(text).get("error", ""))
        except (ValueError, AttributeError):
            text = ""
    text = text.lower()
    return text if _ERROR_WORD.match(text) else f"http_{status}"


def retry_after_seconds(value: str | None, default: float = 1.0) -> float:
    """``Retry-After`` as seconds: a number, or an HTTP date (RFC 9110 allows both)."""
    if not value:
        return default
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    return max(0.0, when.timestamp() - time.time())


class WebhookPacer:
    """At most ``rate`` messages per second per webhook, and a hold after a 429."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate
        self._next: dict[Webhook, float] = {}
        self._locks: dict[Webhook, asyncio.Lock] = {}

    async def acquire(self, webhook: Webhook) -> None:
        lock = self._locks.setdefault(webhook, asyncio.Lock())
        async with lock:
            now = time.monotonic()
            ready = self._next.get(webhook, now)
            if ready > now:
                await asyncio.sleep(ready - now)
            self._next[webhook] = max(time.monotonic(), ready) + self.interval

    def hold(self, webhook: Webhook, seconds: float) -> None:
        self._next[webhook] = max(self._next.get(webhook, 0.0), time.monotonic() + seconds)


class SlackClient:
    """One shared HTTP client for every webhook; ``post`` applies pacing and the retry policy."""

    def __init__(self, settings: AlerterSettings, *, client: httpx.AsyncClient | None = None) -> None:
        self.settings = settings
        self._client = client
        self._own_client = client is None
        self.pacer = WebhookPacer(settings.rate_per_webhook)

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(
                timeout=httpx.Timeout(self.settings.request_timeout),
                follow_redirects=False,  # a redirect would send the payload somewhere unchecked
                headers={"User-Agent": "wirewatch-alerter"},
            )
        return self._client

    async def aclose(self) -> None:
        if self._client is not None and self._own_client:
            await self._client.aclose()
            self._client = None

    async def __aenter__(self) -> SlackClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    def _backoff(self, attempt: int) -> float:
        base: float = min(self.settings.backoff_max, self.settings.backoff_initial * 2.0 ** (attempt - 1))
        return base * random.uniform(0.8, 1.2)

    async def post(self, webhook: Webhook, payload: dict[str, Any], *, subscription: str) -> DeliveryResult:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json; charset=utf-8"}
        attempts = 0  # HTTP requests made
        transient = 0  # 5xx answers, timeouts, connection errors (429s have their own limit)
        rate_limited = 0
        while True:
            await self.pacer.acquire(webhook)
            attempts += 1
            status: int | None = None
            try:
                response = await self._http().post(webhook.url, content=body, headers=headers)
            except httpx.TimeoutException:
                error, reason = "timeout", "timeout"
            except httpx.TransportError:
                error, reason = "connection_error", "connection"
            else:
                status = response.status_code
                error = slack_error(status, response.text[:200])
                if 200 <= status < 300:
                    shared_metrics.HTTP_OUTCOMES.labels("alerter", "ok").inc()
                    return DeliveryResult(True, status, "ok", attempts)
                if status == 429:
                    shared_metrics.HTTP_OUTCOMES.labels("alerter", "rate_limited").inc()
                    wait = min(
                        self.settings.max_retry_after,
                        retry_after_seconds(response.headers.get("Retry-After")),
                    )
                    rate_limited += 1
                    if rate_limited > self.settings.max_rate_limited:
                        return DeliveryResult(False, status, "rate_limited", attempts)
                    metrics.ALERTS_RETRIED.labels(subscription, "rate_limited").inc()
                    log.info(
                        "slack rate limited the webhook; waiting",
                        extra={"subscription": subscription, "retry_after": round(wait, 2)},
                    )
                    self.pacer.hold(webhook, wait)
                    continue
                if status < 500:
                    shared_metrics.HTTP_OUTCOMES.labels("alerter", "rejected").inc()
                    return DeliveryResult(False, status, error, attempts, permanent=True)
                reason = "server_error"
            shared_metrics.HTTP_OUTCOMES.labels("alerter", reason).inc()
            transient += 1
            if transient >= self.settings.max_attempts:
                return DeliveryResult(False, status, error, attempts)
            delay = self._backoff(transient)
            metrics.ALERTS_RETRIED.labels(subscription, reason).inc()
            log.info(
                "slack webhook call failed; retrying",
                extra={
                    "subscription": subscription,
                    "error": error,
                    "status": status,
                    "delay": round(delay, 2),
                },
            )
            await asyncio.sleep(delay)
