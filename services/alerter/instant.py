"""An instant subscription's alert: one Slack message per story."""

from __future__ import annotations

import logging

from services.alerter.matching import matching_tags
from services.alerter.ports import DeadLetterPort, Store
from services.alerter.posting import Alert, Poster
from services.alerter.settings import AlerterSettings
from services.alerter.slack_message import story_message
from services.alerter.stories import StoryMarks
from services.alerter.subscriptions import Subscription
from shared.contracts import ClassifiedArticle
from shared.runtime import Message

log = logging.getLogger("wirewatch.alerter")


class InstantAlerts:
    def __init__(
        self, settings: AlerterSettings, delivery: Store, stories: StoryMarks, poster: Poster
    ) -> None:
        self.settings = settings
        self.delivery = delivery
        self.stories = stories
        self.poster = poster

    async def send(
        self, sub: Subscription, article: ClassifiedArticle, at: Message, progress: str, dead: DeadLetterPort
    ) -> None:
        """The story mark, then the progress mark, each acknowledged, then the message (a failure
        is dead-lettered with the article: the alert is given up, never repeated)."""
        await self.stories.first(sub, article, at.partition)
        await self.delivery.put(progress, at.offset, partition=at.partition)
        message = story_message(
            article,
            sub.name,
            tags=matching_tags(article, sub.filters) if sub.filters.tags else None,
            max_tags=self.settings.max_tags,
            evidence_chars=self.settings.evidence_chars,
        )
        alert = Alert(article.encode(), article.id, at.partition)
        if await self.poster.post(sub, message, mode="instant", alert=alert, dead=dead):
            log.info("alert sent", extra={"subscription": sub.name, "article_id": article.id})
