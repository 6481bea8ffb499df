"""One Slack message for one subscription, and what its outcome leaves behind: the metrics, the
subscription's health (``health/<name>`` in the delivery table) and, when it was not delivered, the
dead letter. Nothing here logs or returns a webhook URL."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from services.alerter import metrics
from services.alerter.errors import AlertError, delivery_error
from services.alerter.health import health_key, next_health
from services.alerter.ports import DeadLetterPort, Store
from services.alerter.settings import AlerterSettings
from services.alerter.slack_client import DeliveryResult, SlackClient
from services.alerter.subscriptions import Subscription, Webhook, WebhookUnavailable, resolve_webhook

log = logging.getLogger("wirewatch.alerter")


@dataclass(frozen=True, slots=True)
class Alert:
    """What a message is about, should it not be delivered: the dead letter's payload (the article,
    or the digest) and key; the partition of the record being handled (where the health goes)."""

    payload: bytes
    key: str
    partition: int


class Poster:
    """Resolves the webhook, posts (pacing and retries: ``SlackClient``), records the outcome."""

    def __init__(self, settings: AlerterSettings, client: SlackClient, delivery: Store) -> None:
        self.settings = settings
        self.client = client
        self.delivery = delivery

    def webhook(self, sub: Subscription) -> Webhook:
        hosts, loopback = self.settings.allowed_webhook_hosts, self.settings.allow_loopback
        return resolve_webhook(sub, allowed_hosts=hosts, allow_loopback=loopback)

    async def post(
        self, sub: Subscription, message: dict[str, Any], *, mode: str, alert: Alert, dead: DeadLetterPort
    ) -> bool:
        """True once Slack accepted ``message``; else ``alert`` is dead-lettered (acknowledged by
        Kafka) and False is returned."""
        try:
            hook = self.webhook(sub)
        except WebhookUnavailable as exc:
            await self.failed(sub, AlertError.WEBHOOK_UNAVAILABLE, str(exc), alert, dead, None)
            return False
        result = await self.client.post(hook, message, subscription=sub.name)
        if result.ok:
            metrics.ALERTS_SENT.labels(sub.name, mode).inc()
            await self.set_health(sub, result, alert.partition)
            return True
        await self.failed(sub, delivery_error(result), result.describe(), alert, dead, result)
        return False

    async def failed(
        self,
        sub: Subscription,
        error: AlertError,
        why: str,
        alert: Alert,
        dead: DeadLetterPort,
        result: DeliveryResult | None,
    ) -> None:
        """Counted, the health updated when Slack refused (or no call could be made), dead-lettered."""
        metrics.ALERTS_FAILED.labels(sub.name, str(error)).inc()
        if result is None or result.permanent:  # Slack's own error string when it answered
            error_text = None if result is not None else str(error)
            await self.set_health(sub, result, alert.partition, error=error_text)
        await dead(str(error), f"subscription={sub.name}; {why}", alert.payload, alert.key)

    async def set_health(
        self, sub: Subscription, result: DeliveryResult | None, partition: int, error: str | None = None
    ) -> None:
        key = health_key(sub.name)
        health = next_health(self.delivery.get(key), result, error)
        if health is not None:
            await self.delivery.put(key, health.model_dump(mode="json"), partition=partition)
        metrics.SUBSCRIPTION_HEALTHY.labels(sub.name).set(1 if result is not None and result.ok else 0)

    def announce(self, subscriptions: list[Subscription]) -> None:
        """Log, once at start, which subscriptions can be delivered (the source, never the URL)."""
        for sub in subscriptions:
            try:
                self.webhook(sub)
                state = "ready"
            except WebhookUnavailable as exc:
                state = "unavailable"
                log.warning("webhook unavailable: %s", exc, extra={"subscription": sub.name})
            log.info(
                "subscription loaded",
                extra={
                    "subscription": sub.name,
                    "mode": sub.mode,
                    "webhook": sub.webhook_source,
                    "webhook_state": state,
                    "enabled": sub.enabled,
                },
            )
