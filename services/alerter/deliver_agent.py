"""Agent 2, ``alerter-deliver``: an ``AlertRecord`` from ALERTS (keyed by subscription, so one replica
owns a subscription: its digest, its pacing) in -> a Slack message, a digest line, or a dead letter.

Before Slack is called, the marks are written and acknowledged: the story mark
(``story/<subscription>/<story>``: later reports of the story only count on it) and the progress mark
(``progress/<partition>`` = this record's offset; on a restart the sequence guard skips every record
at or below it). A crash between the marks and the call loses that one alert (at most once); a crash
after it never repeats it. The record is acked only after Slack answered or the dead letter was
acknowledged.
"""

from __future__ import annotations

import logging
import time

from services.alerter import metrics
from services.alerter.digest_box import DigestBox
from services.alerter.errors import AlertError
from services.alerter.marks import first_report, later_report, progress_key, story_mark_key
from services.alerter.matching import matching_tags
from services.alerter.ports import DeadLetterPort, Incoming, Store
from services.alerter.posting import Poster
from services.alerter.records import AlertRecord, story_key
from services.alerter.settings import AlerterSettings
from services.alerter.slack_message import story_message
from services.alerter.subscriptions import Subscription
from shared.contracts import ClassifiedArticle, ContractError

log = logging.getLogger("wirewatch.alerter")


class DeliverAgent:
    def __init__(
        self, settings: AlerterSettings, subscriptions: list[Subscription], delivery: Store, poster: Poster
    ) -> None:
        self.settings = settings
        self.by_name = {s.name: s for s in subscriptions}
        self.delivery = delivery
        self.poster = poster
        self.digests = DigestBox(settings, delivery, poster)

    async def handle(self, record: Incoming, dead: DeadLetterPort) -> None:
        """One ALERTS record: decoded, its subscription found, delivered (or dead-lettered)."""
        try:
            alert = AlertRecord.decode(record.payload)
        except ContractError as exc:
            await dead(AlertError.INVALID_CONTRACT, str(exc), record.payload, record.key)
            return
        sub = self.by_name.get(alert.subscription)
        if sub is None:
            if alert.kind == "flush":  # a tick queued before the subscription was removed: nothing to do
                return
            metrics.ALERTS_FAILED.labels("unknown", AlertError.UNKNOWN_SUBSCRIPTION).inc()
            reason = (
                f"subscription={alert.subscription[:100]!r} is not in the subscriptions file "
                f"({self.settings.subscriptions_file}); the alert was not delivered"
            )
            await dead(AlertError.UNKNOWN_SUBSCRIPTION, reason, record.payload, record.key)
            return
        try:
            await self.dispatch(sub, alert, record, dead)
        except Exception as exc:
            log.exception("delivery failed", extra={"subscription": sub.name})
            metrics.ALERTS_FAILED.labels(sub.name, AlertError.ALERTER_ERROR).inc()
            reason = f"subscription={sub.name}; {type(exc).__name__} while delivering"
            await dead(AlertError.ALERTER_ERROR, reason, record.payload, record.key)

    async def dispatch(
        self, sub: Subscription, alert: AlertRecord, at: Incoming, dead: DeadLetterPort
    ) -> None:
        progress = progress_key(at.partition)
        if alert.kind == "flush":
            await self.digests.flush(sub, at, progress, dead)
        elif alert.article is None:
            return
        elif await self.later_report(sub, alert.article):
            await self.delivery.put(progress, at.offset)  # replaying it is harmless: counted once per id
        elif sub.mode == "digest":
            await self.digests.queue(sub, alert.article, at, progress)
        else:
            await self.send_instant(sub, alert.article, at, progress, dead)

    async def later_report(self, sub: Subscription, article: ClassifiedArticle) -> bool:
        """True (and the story's counts updated) when ``article`` reports a story already alerted."""
        key = story_mark_key(sub.name, article)
        mark = self.delivery.get(key)
        if mark is None:
            return False
        updated = later_report(mark, article)
        if updated is None:  # the same report again (a redelivery): nothing new
            metrics.ALERTS_DUPLICATE.labels(sub.name).inc()
            return True
        await self.delivery.put(key, updated)
        metrics.STORY_REPORTS.labels(sub.name).inc()
        if sub.mode == "digest":  # still waiting in the pending digest: its line shows the new counts
            await self.digests.count(sub, story_key(article), updated)
        log.info(
            "later report of an alerted story",
            extra={"subscription": sub.name, "article_id": article.id, "story": story_key(article),
                   "reports": updated["reports"]},
        )
        return True

    async def send_instant(
        self, sub: Subscription, article: ClassifiedArticle, at: Incoming, progress: str, dead: DeadLetterPort
    ) -> None:
        mark = first_report(article, at.partition, time.time())
        await self.delivery.put(story_mark_key(sub.name, article), mark)  # acknowledged before progress
        await self.delivery.put(progress, at.offset)
        message = story_message(
            article,
            sub.name,
            tags=matching_tags(article, sub.filters) if sub.filters.tags else None,
            max_tags=self.settings.max_tags,
            evidence_chars=self.settings.evidence_chars,
        )
        payload = article.encode()
        if await self.poster.post(sub, message, mode="instant", payload=payload, key=article.id, dead=dead):
            log.info("alert sent", extra={"subscription": sub.name, "article_id": article.id})
