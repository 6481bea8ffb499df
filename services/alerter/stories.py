"""A story's once-only mark per subscription (``story/<subscription>/<story>`` in the delivery
table): written when the story is first delivered or queued; a later report of the story (same
story id, another article) only counts on it -- and on its digest line while that digest is pending.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from services.alerter import metrics
from services.alerter.digests import count_report, digest_key
from services.alerter.marks import first_report, later_report, story_mark_key
from services.alerter.ports import Store
from services.alerter.records import story_key
from services.alerter.subscriptions import Subscription
from shared.contracts import ClassifiedArticle

log = logging.getLogger("wirewatch.alerter")


class StoryMarks:
    def __init__(self, delivery: Store) -> None:
        self.delivery = delivery

    async def first(self, sub: Subscription, article: ClassifiedArticle, partition: int) -> None:
        """The story's mark, acknowledged (before its message is sent or its digest line written)."""
        mark = first_report(article, partition, time.time())
        await self.delivery.put(story_mark_key(sub.name, article), mark, partition=partition)

    async def later(self, sub: Subscription, article: ClassifiedArticle, partition: int) -> bool:
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
            await self._count_in_digest(sub, story_key(article), updated, partition)
        extra = {"subscription": sub.name, "article_id": article.id, "reports": updated["reports"]}
        log.info("later report of an alerted story", extra={**extra, "story": story_key(article)})
        return True

    async def _count_in_digest(
        self, sub: Subscription, story: str, mark: dict[str, Any], partition: int
    ) -> None:
        key = digest_key(sub.name)
        digest = count_report(self.delivery.get(key), story, mark)
        if digest is not None:
            await self.delivery.put(key, digest, partition=partition)
