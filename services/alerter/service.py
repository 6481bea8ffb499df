"""The alerter as a faust app: match classified articles, deliver to Slack once, send digests.

Two agents, each with a changelog-backed table co-partitioned with its input topic:

1. ``match`` reads GROUPED (keyed by article id). The ``alerted`` table maps an article id to
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
from faust.types import TP

from services.alerter import metrics
from services.alerter.matching import matching_subscriptions, matching_tags
from services.alerter.records import (
    ALERTED_TABLE,
    DELIVERY_TABLE,
    AlertRecord,
    Health,
    alerted_names,
    expired,
    story_key,
)
from services.alerter.settings import AlerterSettings
from services.alerter.slack_client import DeliveryResult, SlackClient
from services.alerter.slack_message import StorySummary, digest_message, story_message
from services.alerter.subscriptions import Subscription, Webhook, WebhookUnavailable, resolve_webhook
from shared import metrics as shared_metrics
from shared.config import Settings
from shared.contracts import ClassifiedArticle, ContractError
from shared.sequence import SequenceGuard, TableProgress
from shared.streaming import DeadLetters, Timer, app_topic, durable_set, make_app
from shared.streaming import deliver as deliver_record
from shared.topics import ALERTS, GROUPED

log = logging.getLogger("wirewatch.alerter")
STAGE = "alerter"
DEFAULT_SESSION_TIMEOUT = 30.0  # when neither WIREWATCH_ALERTER_SESSION_TIMEOUT nor the global one is set


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
    classified = app_topic(app, GROUPED, settings)
    alerts = app_topic(app, ALERTS, settings)
    dead = DeadLetters(app, STAGE, settings)
    alerted = app.Table(
        ALERTED_TABLE,
        default=None,
        partitions=GROUPED.partition_count(settings),
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
        GROUPED,
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
        done = set(alerted_names(alerted.get(article.id)))
        fresh = [s for s in matched if s.name not in done]
        for sub in matched:
            if sub.name in done:
                metrics.ALERTS_DUPLICATE.labels(sub.name).inc()
        if not fresh:
            return
        await durable_set(
            alerted,
            article.id,
            {
                "subs": sorted(done | {s.name for s in fresh}),
                "at": time.time(),
                "p": alerted.partition_for_key(article.id),  # where its tombstone goes when it expires
            },
            settings,
        )
        for sub in fresh:
            metrics.ALERTS_MATCHED.labels(sub.name).inc()
            record = AlertRecord(kind="alert", subscription=sub.name, article=article)
            # acknowledged by Kafka (retried until it is) before the article's record is acked
            await deliver_record(alerts, key=sub.name.encode(), value=record.encode(), settings=settings)
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
            if record.kind == "flush":  # a tick queued before the subscription was removed: nothing to do
                return
            metrics.ALERTS_FAILED.labels("unknown", "unknown_subscription").inc()
            await dead.send(
                error="unknown_subscription",
                reason=f"subscription={record.subscription[:100]!r} is not in the subscriptions file "
                f"({alerter.alerter.subscriptions_file}); the alert was not delivered",
                payload=event.value,
                key=event.key,
                event=event,
            )
            return
        try:
            if record.kind == "flush":
                await _flush_digest(sub, progress, event)
            elif record.article is not None and await _later_report(sub, record.article, event):
                # replaying it is harmless: counted once per id
                await durable_set(delivery, progress, event.message.offset, settings)
            elif record.article is not None and sub.mode == "digest":
                await _queue_digest(sub, record.article, progress, event)
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

    async def _story_mark(sub: Subscription, article: ClassifiedArticle, event: Any) -> None:
        """The first report of a story for ``sub``: later reports of it (same story id) do not alert."""
        mark = {
            "at": time.time(),
            "p": event.message.partition,
            "ids": [article.id],
            "sources": [article.source or article.site_name or "unknown"],
            "langs": [article.lang] if article.lang else [],
            "reports": 1,
        }
        await durable_set(delivery, f"story/{sub.name}/{story_key(article)}", mark, settings)

    async def _later_report(sub: Subscription, article: ClassifiedArticle, event: Any) -> bool:
        """True (and the story's counts updated) when ``article`` reports a story already alerted."""
        key = f"story/{sub.name}/{story_key(article)}"
        state = delivery.get(key)
        if state is None:
            return False
        ids = list(state.get("ids", []))
        if article.id in ids:  # the same report again (a redelivery): nothing new
            metrics.ALERTS_DUPLICATE.labels(sub.name).inc()
            return True
        state = dict(state)
        state["ids"] = [*ids, article.id][-50:]  # bounded: the counts below keep growing
        state["reports"] = int(state.get("reports", 1)) + 1
        source = article.source or article.site_name or "unknown"
        state["sources"] = sorted(set(state.get("sources", [])) | {source})[:200]
        state["langs"] = sorted(set(state.get("langs", [])) | ({article.lang} if article.lang else set()))
        await durable_set(delivery, key, state, settings)
        metrics.STORY_REPORTS.labels(sub.name).inc()
        if sub.mode == "digest":  # still waiting in the pending digest: its line shows the new counts
            await _count_in_digest(sub, article, state)
        log.info(
            "later report of an alerted story",
            extra={"subscription": sub.name, "article_id": article.id, "story": story_key(article),
                   "reports": state["reports"]},
        )
        return True

    async def _count_in_digest(sub: Subscription, article: ClassifiedArticle, story: dict[str, Any]) -> None:
        key = f"digest/{sub.name}"
        state = delivery.get(key)
        if not state:
            return
        stories = list(state["stories"])
        for i, entry in enumerate(stories):
            if (entry.get("story") or entry["id"]) == story_key(article):
                stories[i] = {
                    **entry,
                    "reports": story["reports"],
                    "sources": story["sources"],
                    "langs": story["langs"],
                }
                await durable_set(delivery, key, {**state, "stories": stories}, settings)
                return

    async def _send_instant(sub: Subscription, article: ClassifiedArticle, progress: str, event: Any) -> None:
        await _story_mark(sub, article, event)  # acknowledged before the progress mark is written
        await durable_set(delivery, progress, event.message.offset, settings)
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
            await _set_health(sub, result)
            log.info("alert sent", extra={"subscription": sub.name, "article_id": article.id})
            return
        await _failed(
            sub, _error_kind(result), result.describe(), article.encode(), article.id, event, result
        )

    async def _queue_digest(sub: Subscription, article: ClassifiedArticle, progress: str, event: Any) -> None:
        key = f"digest/{sub.name}"
        state = dict(delivery.get(key) or {"since": time.time(), "stories": [], "dropped": 0})
        stories = list(state["stories"])
        if all((s.get("story") or s["id"]) != story_key(article) for s in stories):
            if len(stories) < alerter_settings.digest_max_stories:
                stories.append(StorySummary.of(article).model_dump(mode="json"))
            else:
                state["dropped"] = int(state.get("dropped", 0)) + 1
        state["stories"] = stories
        await _story_mark(sub, article, event)
        await durable_set(delivery, key, state, settings)
        # a replay of this record is harmless (one line per story)
        await durable_set(delivery, progress, event.message.offset, settings)

    async def _flush_digest(sub: Subscription, progress: str, event: Any) -> None:
        key = f"digest/{sub.name}"
        state = delivery.get(key)
        if not state or not state.get("stories"):
            return
        if time.time() - float(state["since"]) < sub.digest_interval(alerter_settings.digest_minutes):
            return
        stories = [StorySummary.model_validate(s) for s in state["stories"]]
        dropped = int(state.get("dropped", 0))
        await durable_set(delivery, key, None, settings)  # acknowledged before the progress mark
        await durable_set(delivery, progress, event.message.offset, settings)
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
            await _set_health(sub, result)
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
            await _set_health(sub, result, error=None if result is not None else error)
        await dead.send(
            error=error, reason=f"subscription={sub.name}; {why}", payload=payload, key=key, event=event
        )

    async def _set_health(sub: Subscription, result: DeliveryResult | None, error: str | None = None) -> None:
        healthy = result is not None and result.ok
        health = Health(
            healthy=healthy,
            error=error or (result.error if result else "unknown"),
            status=result.status if result else None,
        )
        key = f"health/{sub.name}"
        previous = delivery.get(key)
        if previous is None or previous.get("healthy") != healthy or previous.get("error") != health.error:
            await durable_set(delivery, key, health.model_dump(mode="json"), settings)
        metrics.SUBSCRIPTION_HEALTHY.labels(sub.name).set(1 if healthy else 0)

    # -- digest ticks -------------------------------------------------------------------------------

    digest_subs = [s for s in subscriptions if s.mode == "digest" and s.enabled]

    @app.timer(interval=alerter_settings.digest_check_seconds, on_leader=True)
    async def digest_ticks() -> None:
        for sub in digest_subs:
            await alerts.send(
                key=sub.name.encode(), value=AlertRecord(kind="flush", subscription=sub.name).encode()
            )

    # -- retention: the once-only marks do not grow forever ------------------------------------------

    retention = alerter_settings.state_retention_days * 86400.0

    @app.timer(interval=alerter_settings.retention_check_seconds)
    async def expire_marks() -> None:
        """Delete marks older than the retention from memory and (tombstones) from the changelogs."""
        try:
            assigned = app.consumer.assignment()
            for table, source in ((alerted, classified), (delivery, alerts)):
                removed = expire_table(table, source.get_topic_name(), assigned, retention, time.time())
                if removed:
                    metrics.STATE_EXPIRED.labels(table.name).inc(removed)
                    log.info("expired once-only marks", extra={"table": table.name, "removed": removed})
                metrics.STATE_KEYS.labels(table.name).set(len(table.data))
        except Exception:  # e.g. the consumer not started yet: the next tick tries again
            log.exception("expiring once-only marks failed")

    app.wirewatch_expire_marks = expire_marks  # type: ignore[attr-defined]
    return app


def expire_table(table: Any, source_topic: str, assigned: set[TP], retention: float, now: float) -> int:
    """Remove the expired marks of the partitions this replica owns: a tombstone to the changelog
    partition the mark was written to (so compaction drops it, and a restore does not bring it back),
    then the in-memory key. Returns how many were removed."""
    removed = 0
    for key, value in list(table.data.items()):
        if not expired(value, now, retention):
            continue
        partition = int(value["p"])
        if TP(source_topic, partition) in assigned:
            table.send_changelog(partition, key, None, value_serializer="raw")
        # else: a partition this replica no longer owns; its owner writes the tombstone: only forget it
        table.data.pop(key, None)
        removed += 1
    return removed


def _error_kind(result: DeliveryResult) -> str:
    if result.permanent:
        return "slack_refused"
    if result.error == "rate_limited":
        return "slack_rate_limited"
    return "slack_unavailable"
