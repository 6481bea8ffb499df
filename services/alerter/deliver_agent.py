"""Agent 2, ``alerter-deliver``: an ``AlertRecord`` from ALERTS (keyed by subscription, so one replica
owns a subscription: its digest, its pacing) in -> a Slack message, a digest line, or a dead letter.

Before Slack is called, the marks are written and acknowledged: the story mark
(``story/<subscription>/<story>``: later reports of the story only count on it) and the progress mark
(``progress/<partition>`` = this record's offset; a record at or below it, read again after a
restart or a rebalance, is skipped). A crash between the marks and the call loses that one alert
(at most once); a crash after it never repeats it. The record is acked only after Slack answered or
the dead letter was acknowledged.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence

from services.alerter import metrics
from services.alerter.digest_box import DigestBox
from services.alerter.errors import AlertError
from services.alerter.marks import (
    first_report,
    handled_before,
    later_report,
    progress_key,
    story_mark_key,
)
from services.alerter.matching import matching_tags
from services.alerter.ports import DeadLetterPort, Store
from services.alerter.posting import Poster
from services.alerter.records import AlertRecord, story_key
from services.alerter.settings import AlerterSettings
from services.alerter.slack_message import story_message
from services.alerter.subscriptions import Subscription
from shared.contracts import ClassifiedArticle, ContractError
from shared.runtime import Message, Outcome, Reject

log = logging.getLogger("wirewatch.alerter")


class DeliverHandler:
    """``Stage`` handler over raw messages (the marks need the record's partition and offset), awaited
    on the loop: its work is waiting for Slack."""

    def __init__(
        self,
        settings: AlerterSettings,
        subscriptions: list[Subscription],
        delivery: Store,
        poster: Poster,
        dead: DeadLetterPort,
    ) -> None:
        self.settings = settings
        self.by_name = {s.name: s for s in subscriptions}
        self.delivery = delivery
        self.poster = poster
        self.dead = dead
        self.digests = DigestBox(settings, delivery, poster)

    async def __call__(self, records: Sequence[Message]) -> list[Outcome]:
        return [await self.handle(message) for message in records]

    async def handle(self, record: Message) -> Outcome:
        """One ALERTS record: delivered, queued in a digest, counted on its story, or rejected (the
        runner dead-letters it with its bytes). Slack failures are dead-lettered here, with the
        article (or the digest) as the payload."""
        if handled_before(self.delivery.get(progress_key(record.partition)), record.offset):
            log.debug("record acted on before: skipped", extra={"partition": record.partition})
            return ()
        try:
            alert = AlertRecord.decode(record.value or b"")
        except ContractError as exc:
            return Reject(AlertError.INVALID_CONTRACT, str(exc))
        sub = self.by_name.get(alert.subscription)
        if sub is None:
            if alert.kind == "flush":  # a tick queued before the subscription was removed: nothing to do
                return ()
            metrics.ALERTS_FAILED.labels("unknown", AlertError.UNKNOWN_SUBSCRIPTION).inc()
            return Reject(
                AlertError.UNKNOWN_SUBSCRIPTION,
                f"subscription={alert.subscription[:100]!r} is not in the subscriptions file "
                f"({self.settings.subscriptions_file}); the alert was not delivered",
            )
        try:
            await self.dispatch(sub, alert, record)
        except Exception as exc:
            log.exception("delivery failed", extra={"subscription": sub.name})
            metrics.ALERTS_FAILED.labels(sub.name, AlertError.ALERTER_ERROR).inc()
            return Reject(
                AlertError.ALERTER_ERROR, f"subscription={sub.name}; {type(exc).__name__} while delivering"
            )
        return ()

    async def dispatch(self, sub: Subscription, alert: AlertRecord, at: Message) -> None:
        progress = progress_key(at.partition)
        if alert.kind == "flush":
            await self.digests.flush(sub, at, progress, self.dead)
        elif alert.article is None:
            return
        elif await self.later_report(sub, alert.article, at.partition):
            # replaying it is harmless: counted once per id
            await self.delivery.put(progress, at.offset, partition=at.partition)
        elif sub.mode == "digest":
            await self.digests.queue(sub, alert.article, at, progress)
        else:
            await self.send_instant(sub, alert.article, at, progress)

    async def later_report(self, sub: Subscription, article: ClassifiedArticle, partition: int) -> bool:
        """True (and the story's counts updated) when ``article`` reports a story already alerted."""
        key = story_mark_key(sub.name, article)
        mark = self.delivery.get(key)
        if mark is None:
            return False
        updated = later_report(mark, article)
        if updated is None:  # the same report again (a redelivery): nothing new
            metrics.ALERTS_DUPLICATE.labels(sub.name).inc()
            return True
        await self.delivery.put(key, updated, partition=partition)
        metrics.STORY_REPORTS.labels(sub.name).inc()
        if sub.mode == "digest":  # still waiting in the pending digest: its line shows the new counts
            await self.digests.count(sub, story_key(article), updated, partition)
        log.info(
            "later report of an alerted story",
            extra={
                "subscription": sub.name,
                "article_id": article.id,
                "story": story_key(article),
                "reports": updated["reports"],
            },
        )
        return True

    async def send_instant(
        self, sub: Subscription, article: ClassifiedArticle, at: Message, progress: str
    ) -> None:
        mark = first_report(article, at.partition, time.time())
        # the story mark, then the progress mark, each acknowledged, before Slack is called
        await self.delivery.put(story_mark_key(sub.name, article), mark, partition=at.partition)
        await self.delivery.put(progress, at.offset, partition=at.partition)
        message = story_message(
            article,
            sub.name,
            tags=matching_tags(article, sub.filters) if sub.filters.tags else None,
            max_tags=self.settings.max_tags,
            evidence_chars=self.settings.evidence_chars,
        )
        payload = article.encode()
        sent = await self.poster.post(
            sub,
            message,
            mode="instant",
            payload=payload,
            key=article.id,
            partition=at.partition,
            dead=self.dead,
        )
        if sent:
            log.info("alert sent", extra={"subscription": sub.name, "article_id": article.id})
