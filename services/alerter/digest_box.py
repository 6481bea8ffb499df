"""A digest subscription's pending digest in the delivery table: stories queued as they arrive (their
later reports are counted on their line by ``stories``), the whole digest posted once its interval
has passed (on a ``flush`` tick). The state changes themselves are pure (``services.alerter.digests``)."""

from __future__ import annotations

import json
import logging
import time

from services.alerter.digests import add_story, digest_key, is_due, summaries
from services.alerter.ports import DeadLetterPort, Store
from services.alerter.posting import Alert, Poster
from services.alerter.settings import AlerterSettings
from services.alerter.slack_message import digest_message
from services.alerter.stories import StoryMarks
from services.alerter.subscriptions import Subscription
from shared.contracts import ClassifiedArticle
from shared.runtime import Message

log = logging.getLogger("wirewatch.alerter")


class DigestBox:
    def __init__(
        self, settings: AlerterSettings, delivery: Store, stories: StoryMarks, poster: Poster
    ) -> None:
        self.settings = settings
        self.delivery = delivery
        self.stories = stories
        self.poster = poster

    async def queue(self, sub: Subscription, article: ClassifiedArticle, at: Message, progress: str) -> None:
        """The story's line added to the digest; the story mark, the digest, then the progress mark,
        each acknowledged before the next (a replay of the record adds nothing: one line per story)."""
        key = digest_key(sub.name)
        digest = add_story(self.delivery.get(key), article, self.settings.digest_max_stories, time.time())
        await self.stories.first(sub, article, at.partition)
        await self.delivery.put(key, digest, partition=at.partition)
        await self.delivery.put(progress, at.offset, partition=at.partition)

    async def flush(self, sub: Subscription, at: Message, progress: str, dead: DeadLetterPort) -> None:
        """Post the digest if it is due. It is deleted (and the progress mark written) before the
        post: a crash after this point loses the digest rather than sending it twice."""
        key = digest_key(sub.name)
        digest = self.delivery.get(key)
        if not is_due(digest, sub.digest_interval(self.settings.digest_minutes), time.time()):
            return
        stories, dropped = summaries(digest)
        await self.delivery.put(key, None, partition=at.partition)
        await self.delivery.put(progress, at.offset, partition=at.partition)
        alert = Alert(json.dumps(digest, ensure_ascii=False).encode("utf-8"), sub.name, at.partition)
        message = digest_message(sub.name, stories, dropped=dropped)
        if await self.poster.post(sub, message, mode="digest", alert=alert, dead=dead):
            log.info("digest sent", extra={"subscription": sub.name, "stories": len(stories) + dropped})
