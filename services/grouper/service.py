"""The grouper service: ``ClassifiedArticle`` (topic classified) -> the same article with its story
(topic grouped), for the indexer and the alerter.

Two agents:

1. ``grouper-route`` reads CLASSIFIED (6 partitions, keyed by article id; every replica takes some),
   validates each record (a bad one is dead-lettered with the reason and the original bytes) and
   forwards it to GROUPER_QUEUE, a topic of ONE partition, waiting for Kafka's acknowledgement
   before its input record is acknowledged.
2. ``grouper-assign`` reads GROUPER_QUEUE. One partition means one active replica decides every
   story, in one order: two replicas never open two stories for one event. Its memory (the recent
   reports: features and story id) is the ``stories`` table, whose changelog restores it on restart
   or on the replica that takes the partition over; each decision is written to the table (and
   acknowledged) before the grouped article is produced, and the input record is acknowledged only
   after the grouped article is. A re-delivered article finds itself in the table and keeps its story.

The table is bounded by ``WIREWATCH_GROUPER_WINDOW_DAYS`` and ``MAX_REPORTS``: forgotten reports are
deleted from it (tombstones in the compacted changelog).
"""

from __future__ import annotations

import gc
import logging
from typing import Any

import faust

from services.grouper.features import Report
from services.grouper.grouping import Grouper
from services.grouper.settings import GrouperSettings
from shared import metrics
from shared.config import Settings, get_settings
from shared.contracts import ClassifiedArticle, ContractError
from shared.sequence import SequenceGuard
from shared.streaming import DeadLetters, Timer, app_topic, deliver, durable_set, make_app, run_worker
from shared.topics import CLASSIFIED, GROUPED, GROUPER_QUEUE

log = logging.getLogger(__name__)

STAGE = "grouper"
TABLE = "stories"


class GrouperStage:
    """The two agents' work, with the story index rebuilt from the table when needed."""

    def __init__(self, app: faust.App, settings: Settings, gs: GrouperSettings, table: Any) -> None:
        self.gs = gs
        self.settings = settings
        self.table = table
        self.queue = app_topic(app, GROUPER_QUEUE, settings)
        self.grouped = app_topic(app, GROUPED, settings)
        self.dead = DeadLetters(app, STAGE, settings)
        self.grouper: Grouper | None = None  # built from the table on the first record after assignment

    def reset(self) -> None:
        self.grouper = None

    def _grouper(self) -> Grouper:
        if self.grouper is None:
            grouper = Grouper(self.gs)
            reports = []
            for key, value in list(self.table.data.items()):
                if isinstance(value, dict) and value.get("id"):
                    try:
                        reports.append(Report.from_state(value))
                    except (KeyError, TypeError, ValueError):
                        log.warning("unreadable story state skipped", extra={"key": str(key)})
            grouper.index.restore(reports)
            del reports
            gc.collect()
            gc.freeze()  # the restored index is long-lived: keep it out of the collector's scans
            log.info("story index restored", extra={"reports": len(grouper.index)})
            self.grouper = grouper
        return self.grouper

    async def _dead(self, error: str, reason: str, payload: bytes, key: Any, event: Any) -> None:
        await self.dead.send(error=error, reason=reason, payload=payload, key=key, event=event)

    async def route(self, key: bytes | None, value: bytes | None, event: Any = None) -> bool:
        """classified -> the one-partition queue (validated first)."""
        metrics.EVENTS_IN.labels(STAGE).inc()
        payload = value or b""
        if len(payload) > self.gs.max_record_bytes:
            await self._dead(
                "record_too_large", f"{len(payload)} bytes > {self.gs.max_record_bytes}", payload, key, event
            )
            return False
        try:
            article = ClassifiedArticle.decode(payload)
        except ContractError as exc:
            await self._dead("invalid_contract", str(exc), payload, key, event)
            return False
        # returns once Kafka acknowledged it (retried until then): only then is the input acked
        await deliver(self.queue, key=article.id.encode("utf-8"), value=payload, settings=self.settings)
        return True

    async def assign(self, key: bytes | None, value: bytes | None, event: Any = None) -> bool:
        """One queued article -> its story, remembered, then produced to grouped."""
        payload = value or b""
        with Timer(STAGE):
            try:
                article = ClassifiedArticle.decode(payload)
            except ContractError as exc:
                await self._dead("invalid_contract", str(exc), payload, key, event)
                return False
            grouper = self._grouper()
            try:
                report = grouper.report_for_article(article)
                assignment, gone = grouper.assign(report)
            except Exception as exc:  # a bug on one record must not stop the stage
                log.exception("grouping failed", extra={"id": article.id})
                await self._dead("grouping_failed", f"{type(exc).__name__}: {exc}", payload, key, event)
                return False
            if not assignment.known:
                await durable_set(self.table, article.id, report.to_state(), self.settings)
            for rid in gone:
                await durable_set(self.table, rid, None, self.settings)
            out = article.model_copy(
                update={"story_id": assignment.story_id, "story_reason": assignment.reason}
            )
            await deliver(
                self.grouped, key=article.id.encode("utf-8"), value=out.encode(), settings=self.settings
            )
            metrics.EVENTS_OUT.labels(STAGE).inc()
            log.info(
                "article grouped",
                extra={
                    "id": article.id,
                    "story_id": assignment.story_id,
                    "new_story": assignment.new_story,
                    "reason": assignment.reason[:300],
                },
            )
            return True


def build_app(settings: Settings | None = None, grouper_settings: GrouperSettings | None = None) -> faust.App:
    settings = settings or get_settings()
    gs = grouper_settings or GrouperSettings()
    app = make_app(STAGE, settings)
    classified = app_topic(app, CLASSIFIED, settings)
    table = app.Table(TABLE, default=None, partitions=GROUPER_QUEUE.partition_count(settings), key_type=str)
    stage = GrouperStage(app, settings, gs, table)
    route_guard = SequenceGuard(app, CLASSIFIED, "grouper-route", settings=settings)
    assign_guard = SequenceGuard(app, GROUPER_QUEUE, "grouper-assign", settings=settings)

    @app.agent(classified, name="grouper-route")
    async def route(stream: faust.StreamT) -> None:
        async for event in route_guard.attach(stream).events():
            try:
                await stage.route(event.key, event.value, event)
            except Exception:  # never let one record kill the actor
                log.exception("unexpected error routing a classified record")

    @app.agent(stage.queue, name="grouper-assign")
    async def assign(stream: faust.StreamT) -> None:
        async for event in assign_guard.attach(stream).events():
            try:
                await stage.assign(event.key, event.value, event)
            except Exception:
                log.exception("unexpected error grouping a record")

    @app.on_partitions_revoked.connect
    async def _revoked(app: faust.App, revoked: set[Any], **kwargs: Any) -> None:
        queue = GROUPER_QUEUE.name(settings)
        if any(tp.topic == queue for tp in revoked):
            stage.reset()  # the table may move: rebuild the index from it on the next record

    app.wirewatch_grouper = stage  # type: ignore[attr-defined]
    return app


def main() -> None:
    settings = get_settings()
    app = build_app(settings)
    run_worker(app, settings)
