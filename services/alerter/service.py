"""The alerter as a faust app: match classified articles, deliver to Slack once, send digests.

Two agents, each with a changelog-backed table co-partitioned with its input topic:

1. ``match`` reads CLASSIFIED (keyed by article id). The ``alerted`` table maps an article id to
   the subscriptions already alerted for it. For each matching subscription not in that list the
   agent first writes the new list to the table and waits until Kafka has acknowledged the
   changelog record, then queues an ``AlertRecord`` on ALERTS keyed by subscription name. A
   restart (or another replica taking the partition over) restores the table from its changelog,
   so a re-processed or re-indexed story never queues the same (subscription, story) twice.
2. ``deliver`` reads ALERTS (keyed by subscription, so one replica owns a subscription: its digest,
   its pacing). Before calling Slack it records, in the ``delivery`` table, the offset of the
   record it is about to act on (``progress/<partition>``) and waits for the acknowledgement; on a
   restart every record at or below that offset is skipped. Instant alerts are posted at once;
   digest alerts are added to ``digest/<subscription>`` and posted by a ``flush`` tick (sent by a
   timer on the leader) once the subscription's interval has passed since the first pending story.

Both marks are written *before* the side effect: a crash between the mark and the Slack call loses
that one alert (at most once), a crash after it never repeats it. The issue asks for "at most once"
per (subscription, story) and no duplicate after a restart, so duplicates are the failure we rule out.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import faust

from services.alerter import metrics
from services.alerter.matching import matching_subscriptions, matching_tags
from services.alerter.records import ALERTED_TABLE, DELIVERY_TABLE, AlertRecord, Health
from services.alerter.settings import AlerterSettings
from services.alerter.slack_client import DeliveryResult, SlackClient
from services.alerter.slack_message import StorySummary, digest_message, story_message
from services.alerter.subscriptions import Subscription, Webhook, WebhookUnavailable, resolve_webhook
from shared import metrics as shared_metrics
from shared.config import Settings
from shared.contracts import ClassifiedArticle, ContractError
from shared.sequence import SequenceGuard, TableProgress
from shared.streaming import DeadLetters, Timer, app_topic, make_app
from shared.topics import ALERTS, CLASSIFIED

log = logging.getLogger("wirewatch.alerter")
STAGE = "alerter"
DEFAULT_SESSION_TIMEOUT = 30.0  # when neither WIREWATCH_ALERTER_SESSION_TIMEOUT nor the global one is set


async def durable_set(table: Any, key: str, value: Any) -> None:
    """``table[key] = value``, returning once Kafka has acknowledged the changelog record.

    Changelog records of one partition are produced in order, so earlier writes of the same
    partition are acknowledged too.
    """
    fut = table.send_changelog(table.partition_for_key(key), key, value)
    table.data[key] = value
    await fut


class Alerter:
    """Subscriptions, webhooks and the Slack client shared by the agents."""

    def __init__(
        self, settings: Settings, alerter: AlerterSettings, subscriptions: list[Subscription]
    ) -> None:
        self.settings = settings
        self.alerter = alerter
        self.subscriptions = subscriptions
        self.by_name = {s.name: s for s in subscriptions}
        self.client = SlackClient(alerter)

    def webhook(self, sub: Subscription) -> Webhook:
        return resolve_webhook(
            sub, allowed_hosts=self.alerter.allowed_webhook_hosts, allow_loopback=self.alerter.allow_loopback
        )

    def too_old(self, article: ClassifiedArticle) -> bool:
        if article.published is None:
            return False
        published = article.published if article.published.tzinfo else article.published.replace(tzinfo=UTC)
        return datetime.now(UTC) - published > timedelta(hours=self.alerter.max_age_hours)

    def check_webhooks(self) -> None:
        """Log, once at start, which subscriptions can be delivered (never the URLs)."""
        for sub in self.subscriptions:
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


def build_app(
    settings: Settings, alerter_settings: AlerterSettings, subscriptions: list[Subscription]
) -> faust.App:
    app = make_app(
        STAGE,
        settings,
        session_timeout_setting=alerter_settings.session_timeout,
        default_session_timeout=DEFAULT_SESSION_TIMEOUT,
        broker_heartbeat_interval=alerter_settings.heartbeat_interval,
    )
    alerter = Alerter(settings, alerter_settings, subscriptions)
    classified = app_topic(app, CLASSIFIED, settings)
    alerts = app_topic(app, ALERTS, settings)
    dead = DeadLetters(app, STAGE, settings)
    alerted = app.Table(
        ALERTED_TABLE,
        default=None,
        partitions=CLASSIFIED.partition_count(settings),
        key_type=str,  # serializers: json for both (faust's default for non-bytes types)
    )
    delivery = app.Table(
        DELIVERY_TABLE,
        default=None,
        partitions=ALERTS.partition_count(settings),
        key_type=str,  # serializers: json for both (faust's default for non-bytes types)
    )
    app.wirewatch_alerter = alerter  # type: ignore[attr-defined]

    @app.task
    async def announce() -> None:
        alerter.check_webhooks()

    # -- stage 1: match ---------------------------------------------------------------------------

    # Both agents see every record of their partitions once, in order (shared.sequence); the last
    # handled offset of each partition lives in the agent's table (``progress/<partition>``).
    stall = alerter_settings.stall_check_seconds
    match_guard = SequenceGuard(
        app,
        CLASSIFIED,
        "match",
        settings=settings,
        progress=TableProgress(alerted),
        stall_check_seconds=stall,
    )
    deliver_guard = SequenceGuard(
        app, ALERTS, "deliver", settings=settings, progress=TableProgress(delivery), stall_check_seconds=stall
    )

    @app.agent(classified, name="alerter-match")
    async def match(stream: Any) -> None:
        async for event in match_guard.attach(stream).events():
            shared_metrics.EVENTS_IN.labels(STAGE).inc()
            try:
                await _match_event(event)
            finally:
                match_guard.done(event)

    async def _match_event(event: Any) -> None:
        try:
            article = ClassifiedArticle.decode(event.value)
        except ContractError as exc:
            await dead.send(
                error="invalid_contract", reason=str(exc), payload=event.value, key=event.key, event=event
            )
            return
        try:
            with Timer(STAGE):
                await _match_one(article)
        except Exception as exc:
            log.exception("matching failed", extra={"article_id": article.id})
            await dead.send(
                error="alerter_error",
                reason=f"{type(exc).__name__} while matching",
                payload=event.value,
                key=event.key,
                event=event,
            )

    async def _match_one(article: ClassifiedArticle) -> None:
        matched = matching_subscriptions(article, alerter.subscriptions)
        if not matched:
            return
        if alerter.too_old(article):
            log.info("story too old to alert", extra={"article_id": article.id})
            return
        done = set(alerted.get(article.id) or [])
        fresh = [s for s in matched if s.name not in done]
        for sub in matched:
            if sub.name in done:
                metrics.ALERTS_DUPLICATE.labels(sub.name).inc()
        if not fresh:
            return
        await durable_set(alerted, article.id, sorted(done | {s.name for s in fresh}))
        for sub in fresh:
            metrics.ALERTS_MATCHED.labels(sub.name).inc()
            record = AlertRecord(kind="alert", subscription=sub.name, article=article)
            await alerts.send(key=sub.name.encode(), value=record.encode())
            shared_metrics.EVENTS_OUT.labels(STAGE).inc()
        log.info(
            "story matched",
            extra={"article_id": article.id, "subscriptions": ",".join(s.name for s in fresh)},
        )

    # -- stage 2: deliver ---------------------------------------------------------------------------

    @app.agent(alerts, name="alerter-deliver")
    async def deliver(stream: Any) -> None:
        async for event in deliver_guard.attach(stream).events():  # skips records acted on before
            try:
                await _deliver_event(event)
            finally:
                deliver_guard.done(event)

    async def _deliver_event(event: Any) -> None:
        try:
            record = AlertRecord.decode(event.value)
        except ContractError as exc:
            await dead.send(
                error="invalid_contract", reason=str(exc), payload=event.value, key=event.key, event=event
            )
            return
        progress = TableProgress.key(event)
        sub = alerter.by_name.get(record.subscription)
        if sub is None:
            log.warning(
                "alert for an unknown subscription skipped", extra={"subscription": record.subscription}
            )
            return
        try:
            if record.kind == "flush":
                await _flush_digest(sub, progress, event)
            elif record.article is not None and sub.mode == "digest":
                _queue_digest(sub, record.article, progress, event.message.offset)
            elif record.article is not None:
                await _send_instant(sub, record.article, progress, event)
        except Exception as exc:
            log.exception("delivery failed", extra={"subscription": sub.name})
            metrics.ALERTS_FAILED.labels(sub.name, "alerter_error").inc()
            await dead.send(
                error="alerter_error",
                reason=f"subscription={sub.name}; {type(exc).__name__} while delivering",
                payload=event.value,
                key=event.key,
                event=event,
            )

    async def _send_instant(sub: Subscription, article: ClassifiedArticle, progress: str, event: Any) -> None:
        await durable_set(delivery, progress, event.message.offset)
        try:
            hook = alerter.webhook(sub)
        except WebhookUnavailable as exc:
            await _failed(sub, "webhook_unavailable", str(exc), article.encode(), article.id, event, None)
            return
        payload = story_message(
            article,
            sub.name,
            tags=matching_tags(article, sub.filters) if sub.filters.tags else None,
            max_tags=alerter_settings.max_tags,
            evidence_chars=alerter_settings.evidence_chars,
        )
        result = await alerter.client.post(hook, payload, subscription=sub.name)
        if result.ok:
            metrics.ALERTS_SENT.labels(sub.name, "instant").inc()
            _set_health(sub, result)
            log.info("alert sent", extra={"subscription": sub.name, "article_id": article.id})
            return
        await _failed(
            sub, _error_kind(result), result.describe(), article.encode(), article.id, event, result
        )

    def _queue_digest(sub: Subscription, article: ClassifiedArticle, progress: str, offset: int) -> None:
        key = f"digest/{sub.name}"
        state = dict(delivery.get(key) or {"since": time.time(), "stories": [], "dropped": 0})
        stories = list(state["stories"])
        if all(s["id"] != article.id for s in stories):
            if len(stories) < alerter_settings.digest_max_stories:
                stories.append(StorySummary.of(article).model_dump(mode="json"))
            else:
                state["dropped"] = int(state.get("dropped", 0)) + 1
        state["stories"] = stories
        delivery[key] = state
        delivery[progress] = offset  # a replay of this record is harmless: stories are deduplicated by id

    async def _flush_digest(sub: Subscription, progress: str, event: Any) -> None:
        key = f"digest/{sub.name}"
        state = delivery.get(key)
        if not state or not state.get("stories"):
            return
        if time.time() - float(state["since"]) < sub.digest_interval(alerter_settings.digest_minutes):
            return
        stories = [StorySummary.model_validate(s) for s in state["stories"]]
        dropped = int(state.get("dropped", 0))
        del delivery[key]
        await durable_set(delivery, progress, event.message.offset)
        raw = json.dumps(state, ensure_ascii=False).encode("utf-8")
        try:
            hook = alerter.webhook(sub)
        except WebhookUnavailable as exc:
            await _failed(sub, "webhook_unavailable", str(exc), raw, sub.name, event, None)
            return
        result = await alerter.client.post(
            hook, digest_message(sub.name, stories, dropped=dropped), subscription=sub.name
        )
        if result.ok:
            metrics.ALERTS_SENT.labels(sub.name, "digest").inc()
            _set_health(sub, result)
            log.info("digest sent", extra={"subscription": sub.name, "stories": len(stories) + dropped})
            return
        await _failed(sub, _error_kind(result), result.describe(), raw, sub.name, event, result)

    async def _failed(
        sub: Subscription,
        error: str,
        why: str,
        payload: bytes,
        key: str,
        event: Any,
        result: DeliveryResult | None,
    ) -> None:
        metrics.ALERTS_FAILED.labels(sub.name, error).inc()
        if result is None or result.permanent:  # Slack's own error string when it answered
            _set_health(sub, result, error=None if result is not None else error)
        await dead.send(
            error=error, reason=f"subscription={sub.name}; {why}", payload=payload, key=key, event=event
        )

    def _set_health(sub: Subscription, result: DeliveryResult | None, error: str | None = None) -> None:
        healthy = result is not None and result.ok
        health = Health(
            healthy=healthy,
            error=error or (result.error if result else "unknown"),
            status=result.status if result else None,
        )
        key = f"health/{sub.name}"
        previous = delivery.get(key)
        if previous is None or previous.get("healthy") != healthy or previous.get("error") != health.error:
            delivery[key] = health.model_dump(mode="json")
        metrics.SUBSCRIPTION_HEALTHY.labels(sub.name).set(1 if healthy else 0)

    # -- digest ticks -------------------------------------------------------------------------------

    digest_subs = [s for s in subscriptions if s.mode == "digest" and s.enabled]

    @app.timer(interval=alerter_settings.digest_check_seconds, on_leader=True)
    async def digest_ticks() -> None:
        for sub in digest_subs:
            await alerts.send(
                key=sub.name.encode(), value=AlertRecord(kind="flush", subscription=sub.name).encode()
            )

    return app


def _error_kind(result: DeliveryResult) -> str:
    if result.permanent:
        return "slack_refused"
    if result.error == "rate_limited":
        return "slack_rate_limited"
    return "slack_unavailable"
