"""A digest subscription's pending digest in the delivery table: stories queued as they arrive,
their later reports counted on their line, the whole digest posted once its interval has passed
(on a ``flush`` tick). The state changes themselves are pure (``services.alerter.digests``)."""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from services.alerter.digests import add_story, count_report, digest_key, is_due, summaries
from services.alerter.marks import first_report, story_mark_key
from services.alerter.ports import DeadLetterPort, Store
from services.alerter.posting import Poster
from services.alerter.settings import AlerterSettings
from services.alerter.slack_message import digest_message
from services.alerter.subscriptions import Subscription
from shared.contracts import ClassifiedArticle
from shared.runtime import Message

log = logging.getLogger("wirewatch.alerter")


class DigestBox:
    def __init__(self, settings: AlerterSettings, delivery: Store, poster: Poster) -> None:
        self.settings = settings
        self.delivery = delivery
        self.poster = poster

    async def queue(self, sub: Subscription, article: ClassifiedArticle, at: Message, progress: str) -> None:
        """The story's line added to the digest; the story mark, the digest, then the progress mark,
        each acknowledged before the next (a replay of the record adds nothing: one line per story)."""
        key = digest_key(sub.name)
        digest = add_story(self.delivery.get(key), article, self.settings.digest_max_stories, time.time())
        mark = first_report(article, at.partition, time.time())
        await self.delivery.put(story_mark_key(sub.name, article), mark, partition=at.partition)
        await self.delivery.put(key, digest, partition=at.partition)
        await self.delivery.put(progress, at.offset, partition=at.partition)

    async def count(self, sub: Subscription, story: str, mark: dict[str, Any], partition: int) -> None:
        """A later report of a story still waiting in the digest: its line shows the new counts."""
        key = digest_key(sub.name)
        digest = count_report(self.delivery.get(key), story, mark)
        if digest is not None:
            await self.delivery.put(key, digest, partition=partition)

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
        raw = json.dumps(digest, ensure_ascii=False).encode("utf-8")
        message = digest_message(sub.name, stories, dropped=dropped)
        sent = await self.poster.post(
            sub, message, mode="digest", payload=raw, key=sub.name, partition=at.partition, dead=dead
        )
        if sent:
            log.info("digest sent", extra={"subscription": sub.name, "stories": len(stories) + dropped})
