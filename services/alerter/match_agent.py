"""Agent 1, ``alerter-match``: a grouped article in -> an ``AlertRecord`` on ALERTS per subscription
it newly matches (keyed by subscription name). A ``shared.runtime`` handler (worker thread).

Its answer per record: a ``Put`` of the article's ``alerted`` mark (the subscriptions already matched)
and an ``Emit`` per new alert; the runner writes the mark, and Kafka acknowledges it, before the
alerts are produced, and acks the record after both: a re-read or re-indexed article never queues
the same (subscription, story) twice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from services.alerter import metrics
from services.alerter.errors import AlertError
from services.alerter.marks import decide_match, too_old
from services.alerter.matching import matching_subscriptions
from services.alerter.records import AlertRecord
from services.alerter.settings import AlerterSettings
from services.alerter.subscriptions import Subscription
from shared.contracts import ClassifiedArticle, ContractError
from shared.runtime import Effect, Emit, Message, Outcome, Put, Reject, Table
from shared.topics import ALERTS

log = logging.getLogger("wirewatch.alerter")


class MatchHandler:
    """``Stage`` handler over raw messages (the mark needs the record's partition)."""

    def __init__(self, settings: AlerterSettings, subscriptions: list[Subscription], alerted: Table) -> None:
        self.settings = settings
        self.subscriptions = subscriptions
        self.alerted = alerted

    def __call__(self, records: Sequence[Message]) -> list[Outcome]:
        written: dict[str, Any] = {}  # marks of this batch, not in the table until the runner writes them
        return [self.one(message, written) for message in records]

    def one(self, message: Message, written: dict[str, Any]) -> Outcome:
        try:
            article = ClassifiedArticle.decode(message.value or b"")
        except ContractError as exc:
            return Reject(AlertError.INVALID_CONTRACT, str(exc))
        try:
            return self.match(article, message.partition, written)
        except Exception as exc:
            log.exception("matching failed", extra={"article_id": article.id})
            return Reject(AlertError.ALERTER_ERROR, f"{type(exc).__name__} while matching")

    def match(
        self, article: ClassifiedArticle, partition: int, written: dict[str, Any]
    ) -> tuple[Effect, ...]:
        matched = matching_subscriptions(article, self.subscriptions)
        if not matched:
            return ()
        if too_old(article, self.settings.max_age_hours, datetime.now(UTC)):
            log.info("story too old to alert", extra={"article_id": article.id})
            return ()
        previous = written[article.id] if article.id in written else self.alerted.get(article.id)
        decision = decide_match(matched, previous)
        for sub in decision.duplicates:
            metrics.ALERTS_DUPLICATE.labels(sub.name).inc()
        if not decision.fresh:
            return ()
        mark = written[article.id] = decision.mark(time.time(), partition)  # "p": where its tombstone goes
        effects: list[Effect] = [Put(self.alerted, article.id, mark)]
        for sub in decision.fresh:
            metrics.ALERTS_MATCHED.labels(sub.name).inc()
            alert = AlertRecord(kind="alert", subscription=sub.name, article=article)
            effects.append(Emit(ALERTS, sub.name.encode(), alert.encode()))
        names = ",".join(s.name for s in decision.fresh)
        log.info("story matched", extra={"article_id": article.id, "subscriptions": names})
        return tuple(effects)
