"""Agent 1, ``alerter-match``: a grouped article in -> an ``AlertRecord`` on ALERTS per subscription
it newly matches (keyed by subscription name).

The ``alerted`` table (article id -> subscriptions already matched) is written, and acknowledged by
Kafka, before the alerts are queued: a re-read or re-indexed article never queues the same
(subscription, story) twice. The record is acked only after every alert (or its dead letter) is
acknowledged.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime

from services.alerter import metrics
from services.alerter.errors import AlertError
from services.alerter.marks import decide_match, too_old
from services.alerter.matching import matching_subscriptions
from services.alerter.ports import DeadLetterPort, Incoming, Outbox, Store
from services.alerter.records import AlertRecord
from services.alerter.settings import AlerterSettings
from services.alerter.subscriptions import Subscription
from shared import metrics as shared_metrics
from shared.contracts import ClassifiedArticle, ContractError

log = logging.getLogger("wirewatch.alerter")
STAGE = "alerter"


class MatchAgent:
    def __init__(
        self, settings: AlerterSettings, subscriptions: list[Subscription], alerted: Store, alerts: Outbox
    ) -> None:
        self.settings = settings
        self.subscriptions = subscriptions
        self.alerted = alerted
        self.alerts = alerts

    async def handle(self, record: Incoming, dead: DeadLetterPort) -> None:
        """One GROUPED record: decoded, matched; what cannot be handled is dead-lettered."""
        shared_metrics.EVENTS_IN.labels(STAGE).inc()
        try:
            article = ClassifiedArticle.decode(record.payload)
        except ContractError as exc:
            await dead(AlertError.INVALID_CONTRACT, str(exc), record.payload, record.key)
            return
        try:
            await self.timed_match(article)
        except Exception as exc:
            log.exception("matching failed", extra={"article_id": article.id})
            reason = f"{type(exc).__name__} while matching"
            await dead(AlertError.ALERTER_ERROR, reason, record.payload, record.key)

    async def timed_match(self, article: ClassifiedArticle) -> None:
        start = time.perf_counter()
        try:
            await self.match(article)
        finally:
            shared_metrics.PROCESSING_SECONDS.labels(STAGE).observe(time.perf_counter() - start)

    async def match(self, article: ClassifiedArticle) -> None:
        matched = matching_subscriptions(article, self.subscriptions)
        if not matched:
            return
        if too_old(article, self.settings.max_age_hours, datetime.now(UTC)):
            log.info("story too old to alert", extra={"article_id": article.id})
            return
        decision = decide_match(matched, self.alerted.get(article.id))
        for sub in decision.duplicates:
            metrics.ALERTS_DUPLICATE.labels(sub.name).inc()
        if not decision.fresh:
            return
        mark = decision.mark(time.time(), self.alerted.partition_for(article.id))
        await self.alerted.put(article.id, mark)
        for sub in decision.fresh:
            metrics.ALERTS_MATCHED.labels(sub.name).inc()
            alert = AlertRecord(kind="alert", subscription=sub.name, article=article)
            await self.alerts.emit(sub.name.encode(), alert.encode())  # acknowledged (retried until it is)
            shared_metrics.EVENTS_OUT.labels(STAGE).inc()
        names = ",".join(s.name for s in decision.fresh)
        log.info("story matched", extra={"article_id": article.id, "subscriptions": names})
