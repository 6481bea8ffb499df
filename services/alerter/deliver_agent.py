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
from collections.abc import Sequence

from services.alerter import metrics
from services.alerter.digest_box import DigestBox
from services.alerter.errors import AlertError
from services.alerter.instant import InstantAlerts
from services.alerter.marks import handled_before, progress_key
from services.alerter.ports import DeadLetterPort, Store
from services.alerter.posting import Poster
from services.alerter.records import AlertRecord
from services.alerter.settings import AlerterSettings
from services.alerter.stories import StoryMarks
from services.alerter.subscriptions import Subscription
from shared.contracts import ContractError
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
        self.stories = StoryMarks(delivery)
        self.digests = DigestBox(settings, delivery, self.stories, poster)
        self.instant = InstantAlerts(settings, delivery, self.stories, poster)

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
        elif await self.stories.later(sub, alert.article, at.partition):
            # replaying it is harmless: counted once per id
            await self.delivery.put(progress, at.offset, partition=at.partition)
        elif sub.mode == "digest":
            await self.digests.queue(sub, alert.article, at, progress)
        else:
            await self.instant.send(sub, alert.article, at, progress, self.dead)
