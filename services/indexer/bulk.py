"""Bulk indexing of one batch of articles, with retries that never drop a document.

``BulkIndexer.index(batch)`` returns only when every document of the batch is either
acknowledged by Elasticsearch or rejected by it for good (a 4xx other than 408/429: mapping error,
value out of range ...). Two retry layers, neither written by hand:

* the ES helpers' own (``async_streaming_bulk(max_retries=..., retry_on_status=RETRY_ON_STATUS)``):
  documents answered 408/429/5xx, and a whole bulk request answered so, are sent again with
  exponential backoff;
* around it, tenacity for as long as it takes: Elasticsearch unreachable (a typed
  ``elasticsearch.TransportError``: connection refused, timeout), or still answering a retry status
  once the helper gave up. The caller (the stage runner) does not ack its records meanwhile, so
  consumption pauses (backpressure) and nothing is dropped or committed early.

Indexing is idempotent: ``_id`` = article id, in the monthly index of the article's date.
"""

from __future__ import annotations

import logging
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from elasticsearch import ApiError, AsyncElasticsearch, TransportError
from elasticsearch.helpers import async_streaming_bulk
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_never, wait_exponential

from services.indexer import index as idx
from services.indexer import stories
from services.indexer.settings import IndexerSettings
from shared.contracts import ClassifiedArticle
from shared.logs import StateLog

log = logging.getLogger(__name__)

# statuses worth trying again (per document and per request): timeout, too many requests, server side
RETRY_ON_STATUS = (408, 429, 500, 502, 503, 504)


@dataclass(frozen=True)
class Rejection:
    position: int  # index of the article in the batch
    article_id: str
    status: int
    error_type: str
    reason: str


@dataclass
class BatchResult:
    indexed: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    attempts: int = 0  # bulk rounds made (1 when Elasticsearch answered the first; helper retries within)
    moved: int = 0  # older copies deleted from another month
    stories: int = 0  # story summaries written (none for reports they counted already)


class NotAcknowledged(Exception):
    """Documents Elasticsearch did not acknowledge (a retry status after the helper's retries)."""


def _transient(status: Any) -> bool:
    """Retry: no HTTP status (connection error, timeout) or one of ``RETRY_ON_STATUS`` / any 5xx."""
    return not isinstance(status, int) or status in RETRY_ON_STATUS or status >= 500


def _describe(error: Any) -> tuple[str, str]:
    if isinstance(error, dict):
        kind = str(error.get("type", "error"))
        reason = str(error.get("reason", ""))
        cause = error.get("caused_by")
        if isinstance(cause, dict):
            reason += f" (caused by {cause.get('type')}: {cause.get('reason')})"
        return kind, reason
    return "error", str(error)


def _retry_worthy(exc: BaseException) -> bool:
    """Typed Elasticsearch errors waited for: unreachable (``TransportError``), documents not
    acknowledged (``NotAcknowledged``), a bulk request refused as a whole (``ApiError``: 401/403
    until the key is fixed, 5xx ...) -- except 413, too large: the runner then sends the batch's
    records one by one."""
    if isinstance(exc, (TransportError, NotAcknowledged)):
        return True
    return isinstance(exc, ApiError) and exc.status_code != 413


def _summary_retry_worthy(exc: BaseException) -> bool:
    """For story summaries: what may get better, and a summary other writers kept changing."""
    return _transient_error(exc) or isinstance(exc, (stories.SummaryConflict, stories.RetryStatus))


def _transient_error(exc: BaseException) -> bool:
    """For the deletion of older copies: only what may get better (a 4xx will not)."""
    if isinstance(exc, (TransportError, NotAcknowledged)):
        return True
    return isinstance(exc, ApiError) and _transient(exc.status_code)


class BulkIndexer:
    """Indexes batches of ``ClassifiedArticle`` into the monthly indices of ``alias``."""

    def __init__(
        self,
        es: AsyncElasticsearch,
        alias: str,
        settings: IndexerSettings | None = None,
        *,
        log_every: float = 60.0,
    ) -> None:
        self.es = es
        self.alias = alias
        self.settings = settings or IndexerSettings()
        self.retries_total = 0
        # one line when Elasticsearch stops acknowledging, one every outage_log_every_seconds, one when back
        self.state = StateLog(log, "Elasticsearch bulk indexing", every=log_every)
        # refusals of story summaries (a 4xx: a key without the right on <alias>.stories ...): said
        # once, then at most every log_every seconds, not once per batch
        self.summaries = StateLog(log, "story summaries", every=log_every)

    def actions(self, articles: list[ClassifiedArticle]) -> list[dict[str, Any]]:
        now = datetime.now(UTC)
        return [
            {
                "_op_type": "index",
                "_index": idx.index_for(self.alias, article),
                "_id": article.id,
                "_source": idx.document(article, indexed=now, max_text_chars=self.settings.max_text_chars),
            }
            for article in articles
        ]

    def _retrying(self, what: str, worth: Callable[[BaseException], bool] = _retry_worthy) -> AsyncRetrying:
        """Wait for Elasticsearch for as long as it takes (exponential backoff up to the cap)."""

        def failed(retry: RetryCallState) -> None:
            exc = retry.outcome.exception() if retry.outcome else None
            self.retries_total += 1
            self.state.failure(f"{what}: {exc!r}"[:500])

        return AsyncRetrying(
            wait=wait_exponential(
                multiplier=self.settings.retry_initial_seconds, max=self.settings.retry_max_seconds
            ),
            stop=stop_never,
            retry=retry_if_exception(worth),
            before_sleep=failed,
            reraise=True,
        )

    async def index(self, articles: list[ClassifiedArticle]) -> BatchResult:
        result = BatchResult()
        if not articles:
            return result
        actions = self.actions(articles)
        done: dict[int, tuple[int, Any]] = {}  # position -> (status, error) once final
        async for attempt in self._retrying("bulk indexing"):
            with attempt:
                result.attempts += 1
                await self._bulk([i for i in range(len(actions)) if i not in done], actions, done)
        self.state.success()
        for pos in range(len(actions)):
            status, error = done[pos]
            if 200 <= status < 300:
                result.indexed += 1
            else:
                kind, reason = _describe(error)
                result.rejected.append(Rejection(pos, actions[pos]["_id"], status, kind, reason))
        if self.settings.replace_across_months:
            result.moved = await self._delete_other_months(actions, result)
        if self.settings.stories:
            result.stories = await self._update_stories(actions, result)
        return result

    async def _update_stories(self, actions: list[dict[str, Any]], result: BatchResult) -> int:
        """Count the acknowledged reports in their stories' summaries (``stories.apply``) before the
        batch is acknowledged: retried like the articles while Elasticsearch does not answer (a
        retried report is not counted twice). A summary Elasticsearch refuses for good is logged, not
        a reason to dead-letter an article that is indexed."""
        rejected = {r.article_id for r in result.rejected}
        docs = [a["_source"] for a in actions if a["_id"] not in rejected and a["_source"].get("story_id")]
        if not docs:
            return 0
        es = self.es.options(request_timeout=self.settings.request_timeout)
        try:
            async for attempt in self._retrying("story summaries", _summary_retry_worthy):
                with attempt:
                    written, refused = await stories.apply(
                        es,
                        self.alias,
                        docs,
                        max_ids=self.settings.story_max_report_ids,
                        max_sources=self.settings.story_max_sources,
                    )
        except ApiError as exc:  # a 4xx no retry helps (a key without the right, a mapping changed ...)
            self.summaries.failure(f"{exc.status_code} {exc.error}"[:300])
            return 0
        for story_id, status, error in refused:
            kind, reason = _describe(error)
            self.summaries.failure(f"{status} {kind}: {reason}"[:300], story_id=story_id)
        if not refused:
            self.summaries.success()
        self.state.success()
        return written

    async def _bulk(self, pending: list[int], actions: list[dict[str, Any]], done: dict[int, Any]) -> None:
        """One ``async_streaming_bulk`` over the pending actions (the helper retries 408/429/5xx
        itself); records each document's final answer in ``done``; raises ``NotAcknowledged`` when
        some were still answered a retry status, a typed Elasticsearch error when the request failed."""
        positions: dict[str, deque[int]] = defaultdict(deque)  # the helper answers retried ones later
        for pos in pending:
            positions[actions[pos]["_id"]].append(pos)
        unacked: list[str] = []
        async for _ok, item in async_streaming_bulk(
            self.es.options(request_timeout=self.settings.request_timeout),
            [actions[pos] for pos in pending],
            chunk_size=len(pending),
            max_chunk_bytes=50 * 1024 * 1024,
            raise_on_error=False,  # per-document errors are answers (dead letters), not exceptions
            raise_on_exception=True,  # a failed request is a typed exception: retried by tenacity
            max_retries=self.settings.bulk_max_retries,
            initial_backoff=self.settings.retry_initial_seconds,
            max_backoff=self.settings.retry_max_seconds,
            retry_on_status=RETRY_ON_STATUS,
            yield_ok=True,
        ):
            info = next(iter(item.values()))
            queue = positions.get(str(info.get("_id")))
            if not queue:
                continue
            pos = queue.popleft()
            status = info.get("status")
            if _transient(status):
                unacked.append(f"{status}: {_describe(info.get('error'))[1][:200]}")
            else:
                done[pos] = (int(status), info.get("error"))
        missing = sum(len(queue) for queue in positions.values())  # no answer at all
        if unacked or missing:
            raise NotAcknowledged(
                f"{len(unacked) + missing} of {len(pending)} documents not acknowledged"
                + (f" ({unacked[-1]})" if unacked else "")
            )

    async def _delete_other_months(self, actions: list[dict[str, Any]], result: BatchResult) -> int:
        """Delete older copies of these articles that live in another monthly index.

        (An ids search plus bulk deletes: ``_delete_by_query`` lives in the reindex module, which
        the server-core local cluster does not have.)
        """
        rejected = {r.article_id for r in result.rejected}
        target: dict[str, str] = {a["_id"]: a["_index"] for a in actions if a["_id"] not in rejected}
        if not target:
            return 0
        try:
            async for attempt in self._retrying("delete of older copies", _transient_error):
                with attempt:
                    return await self._delete_stale(target)
        except ApiError as exc:  # a 4xx no retry helps: the newer copy is indexed anyway
            log.error("could not delete older copies of re-dated articles: %r", exc)
        return 0

    async def _delete_stale(self, target: dict[str, str]) -> int:
        es = self.es.options(request_timeout=self.settings.request_timeout)
        resp = await es.search(
            index=idx.index_pattern(self.alias),
            query={"ids": {"values": list(target)}},
            size=min(10_000, 2 * len(target) + 10),
            source=False,
            ignore_unavailable=True,
            allow_no_indices=True,
        )
        stale = [
            {"delete": {"_index": hit["_index"], "_id": hit["_id"]}}
            for hit in resp["hits"]["hits"]
            if target.get(hit["_id"]) not in (None, hit["_index"])
        ]
        if not stale:
            return 0
        done = await es.bulk(operations=stale)
        deleted = sum(1 for item in done["items"] if item["delete"].get("status") in (200, 404))
        if deleted < len(stale):
            raise NotAcknowledged(f"{len(stale) - deleted} stale copies not deleted")
        log.info("deleted %d older copies of re-dated articles", deleted)
        return deleted
