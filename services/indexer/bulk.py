"""Bulk indexing of one batch of articles, with retries that never drop a document.

``BulkIndexer.index(batch)`` returns only when every document of the batch is either
acknowledged by Elasticsearch or rejected by it for good (a 4xx other than 429: mapping error,
value out of range ...). Connection errors, timeouts, 429 and 5xx are retried with exponential
backoff, for as long as it takes: the caller (the faust agent) does not ack its events meanwhile,
so consumption pauses (backpressure) and nothing is dropped or committed early.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from elasticsearch import AsyncElasticsearch
from elasticsearch.helpers import async_streaming_bulk

from services.indexer import index as idx
from services.indexer.settings import IndexerSettings
from shared.contracts import ClassifiedArticle
from shared.logs import StateLog

log = logging.getLogger(__name__)


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
    attempts: int = 0  # bulk requests made (1 when nothing had to be retried)
    moved: int = 0  # older copies deleted from another month


def _transient(status: Any) -> bool:
    """Retry: no HTTP status (connection error, timeout), 408, 429 or any 5xx."""
    return not isinstance(status, int) or status in (408, 429) or status >= 500


def _describe(error: Any) -> tuple[str, str]:
    if isinstance(error, dict):
        kind = str(error.get("type", "error"))
        reason = str(error.get("reason", ""))
        cause = error.get("caused_by")
        if isinstance(cause, dict):
            reason += f" (caused by {cause.get('type')}: {cause.get('reason')})"
        return kind, reason
    return "error", str(error)


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

    async def index(self, articles: list[ClassifiedArticle]) -> BatchResult:
        result = BatchResult()
        if not articles:
            return result
        actions = self.actions(articles)
        pending = list(range(len(actions)))
        delay = self.settings.retry_initial_seconds
        while pending:
            result.attempts += 1
            outcomes = await self._bulk_once([actions[i] for i in pending])
            retry: list[int] = []
            last_problem = ""
            for pos, (status, error) in zip(pending, outcomes, strict=True):
                if isinstance(status, int) and 200 <= status < 300:
                    result.indexed += 1
                elif _transient(status):
                    retry.append(pos)
                    last_problem = f"{status}: {_describe(error)[1][:300]}"
                else:
                    kind, reason = _describe(error)
                    result.rejected.append(Rejection(pos, actions[pos]["_id"], int(status), kind, reason))
            if retry:
                self.retries_total += 1
                self.state.failure(f"{len(retry)} of {len(pending)} documents not acked ({last_problem})")
                await asyncio.sleep(delay)
                delay = min(delay * 2, self.settings.retry_max_seconds)
            else:
                self.state.success()
            pending = retry
        if self.settings.replace_across_months:
            result.moved = await self._delete_other_months(actions, result)
        return result

    async def _bulk_once(self, actions: list[dict[str, Any]]) -> list[tuple[Any, Any]]:
        """One bulk request: the (status, error) of each action, in order."""
        outcomes: list[tuple[Any, Any]] = []
        try:
            async for _ok, item in async_streaming_bulk(
                self.es.options(request_timeout=self.settings.request_timeout),
                actions,
                chunk_size=len(actions),
                max_chunk_bytes=50 * 1024 * 1024,
                raise_on_error=False,
                raise_on_exception=False,
                max_retries=0,
                yield_ok=True,
            ):
                info = next(iter(item.values()))
                outcomes.append((info.get("status"), info.get("error")))
        except Exception as exc:  # anything the helper did not turn into per-item errors (logged by index)
            return [(None, repr(exc))] * len(actions)
        if len(outcomes) != len(actions):  # a chunk failed in a way the helper reported partially
            return outcomes + [(None, "no answer")] * (len(actions) - len(outcomes))
        return outcomes

    async def _delete_other_months(self, actions: list[dict[str, Any]], result: BatchResult) -> int:
        """Delete older copies of these articles that live in another monthly index.

        (An ids search plus bulk deletes: ``_delete_by_query`` lives in the reindex module, which
        the server-core local cluster does not have.)
        """
        rejected = {r.article_id for r in result.rejected}
        target: dict[str, str] = {a["_id"]: a["_index"] for a in actions if a["_id"] not in rejected}
        if not target:
            return 0
        delay = self.settings.retry_initial_seconds
        while True:
            try:
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
                    raise RuntimeError(f"{len(stale) - deleted} stale copies not deleted")
                log.info("deleted %d older copies of re-dated articles", deleted)
                return deleted
            except Exception as exc:
                status = getattr(getattr(exc, "meta", None), "status", None)
                if isinstance(status, int) and not _transient(status):
                    log.error("could not delete older copies of re-dated articles: %r", exc)
                    return 0
                self.state.failure(f"delete of older copies: {exc!r}")
                await asyncio.sleep(delay)
                delay = min(delay * 2, self.settings.retry_max_seconds)
