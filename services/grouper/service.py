"""The grouper service: ``ClassifiedArticle`` (topic classified) -> the same article with its story
(topic grouped), for the indexer and the alerter. A ``Unit`` of two stages on ``shared.runtime``:

1. ``grouper-route`` reads CLASSIFIED (6 partitions, keyed by article id; every replica takes some),
   validates each record (too large or invalid: dead-lettered with the reason and the original
   bytes) and forwards it to GROUPER_QUEUE, a topic of ONE partition; the runner acks the input
   only once Kafka acknowledged the forwarded record.
2. ``grouper-assign`` reads GROUPER_QUEUE. One partition means one active replica decides every
   story, in one order: two replicas never open two stories for one event. Its memory (the recent
   reports: features and story id) is the ``stories`` table, whose changelog restores it on restart
   or on the replica that takes the partition over. Each decision is a ``Put`` to the table, which
   the runner writes and has acknowledged before it produces the grouped article, and the input
   record is acked only after the grouped article is. A re-delivered article finds itself in the
   table and keeps its story.

The table is bounded by ``WIREWATCH_GROUPER_WINDOW_DAYS`` and ``MAX_REPORTS``: forgotten reports are
deleted from it (tombstones in the compacted changelog); the table's ``max_keys`` is a backstop.
The decisions themselves are ``services/grouper/grouping.py`` (``Grouper``).
"""

from __future__ import annotations

import enum
import gc
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from services.grouper.features import Report
from services.grouper.grouping import Grouper
from services.grouper.settings import GrouperSettings
from shared.config import Settings, get_settings
from shared.contracts import ClassifiedArticle, ContractError
from shared.runtime import Emit, ErrorKind, Message, Outcome, Put, Reject, Stage, Table, Unit
from shared.topics import CLASSIFIED, GROUPED, GROUPER_QUEUE

if TYPE_CHECKING:
    import faust

log = logging.getLogger(__name__)

STAGE = "grouper"
TABLE = "stories"
ROUTE_AGENT = "grouper-route"
ASSIGN_AGENT = "grouper-assign"


class GrouperError(enum.StrEnum):
    RECORD_TOO_LARGE = "record_too_large"  # over WIREWATCH_GROUPER_MAX_RECORD_BYTES
    GROUPING_FAILED = "grouping_failed"  # the grouping raised on this article (a bug): the stage goes on


class Route:
    """Stage 1 (pure): each classified record, validated, to the one-partition queue."""

    def __init__(self, gs: GrouperSettings) -> None:
        self.max_bytes = gs.max_record_bytes

    def __call__(self, records: Sequence[Message]) -> list[Outcome]:
        return [self.one(record) for record in records]

    def one(self, record: Message) -> Outcome:
        payload = record.value or b""
        if len(payload) > self.max_bytes:
            return Reject(GrouperError.RECORD_TOO_LARGE, f"{len(payload)} bytes > {self.max_bytes}")
        try:
            article = ClassifiedArticle.decode(payload)
        except ContractError as exc:
            return Reject(ErrorKind.INVALID_CONTRACT, str(exc))
        return (Emit(GROUPER_QUEUE, article.id.encode("utf-8"), payload),)  # the original bytes


class Assign:
    """Stage 2 (pure but for its memory): each queued article -> its story; the decision is written
    to the ``stories`` table (``Put``) and the article produced to GROUPED with its story.

    The story index is built from the table on the first batch after an assignment (``reset`` on
    revocation: the table may have moved).
    """

    def __init__(self, gs: GrouperSettings, table: Table) -> None:
        self.gs = gs
        self.table = table
        self.grouper: Grouper | None = None

    def reset(self, partitions: set[int] | None = None) -> None:
        self.grouper = None

    def _grouper(self) -> Grouper:
        grouper = self.grouper
        if grouper is None:
            grouper = Grouper(self.gs)
            reports = []
            for key, value in self.table.items():
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
        return grouper

    def __call__(self, records: Sequence[ClassifiedArticle]) -> list[Outcome]:
        grouper = self._grouper()
        return [self.one(grouper, article) for article in records]

    def one(self, grouper: Grouper, article: ClassifiedArticle) -> Outcome:
        try:
            report = grouper.report_for_article(article)
            assignment, gone = grouper.assign(report)
        except Exception as exc:  # a bug on one record must not stop the stage
            log.exception("grouping failed", extra={"id": article.id})
            return Reject(GrouperError.GROUPING_FAILED, f"{type(exc).__name__}: {exc}")
        effects: list[Put | Emit] = []
        if not assignment.known:
            effects.append(Put(self.table, article.id, report.to_state()))
        effects.extend(Put(self.table, rid, None) for rid in gone)
        out = article.model_copy(update={"story_id": assignment.story_id, "story_reason": assignment.reason})
        effects.append(Emit(GROUPED, article.id.encode("utf-8"), out.encode()))
        log.info(
            "article grouped",
            extra={
                "id": article.id,
                "story_id": assignment.story_id,
                "new_story": assignment.new_story,
                "reason": assignment.reason[:300],
            },
        )
        return effects


def unit(gs: GrouperSettings) -> Unit:
    """The grouper as a declared unit: route and assign, the ``stories`` table."""
    # the grouper forgets past max_reports itself; the table's bound only catches a leak
    stories = Table(TABLE, partitions=GROUPER_QUEUE, max_keys=2 * gs.max_reports)
    assign = Assign(gs, stories)
    route_stage: Stage[Message] = Stage(
        name=STAGE,
        agent=ROUTE_AGENT,
        input=CLASSIFIED,
        contract=None,  # the size is checked on the raw bytes before decoding
        outputs=(GROUPER_QUEUE,),
        handler=Route(gs),
        batch_size=gs.batch_size,
        batch_wait=gs.batch_wait_seconds,
    )
    assign_stage: Stage[ClassifiedArticle] = Stage(
        name=STAGE,
        agent=ASSIGN_AGENT,
        input=GROUPER_QUEUE,
        contract=ClassifiedArticle,
        outputs=(GROUPED,),
        handler=assign,
        batch_size=gs.batch_size,
        batch_wait=gs.batch_wait_seconds,
        tables=(stories,),
        on_revoked=(assign.reset,),  # the table may move: rebuild the index from it on the next batch
    )
    return Unit(STAGE, (route_stage, assign_stage), tables=(stories,))


def build_app(settings: Settings | None = None, grouper_settings: GrouperSettings | None = None) -> faust.App:
    from shared.runtime.runner import build_unit_app

    settings = settings or get_settings()
    gs = grouper_settings or GrouperSettings()
    declared = unit(gs)
    app = build_unit_app(declared, settings)
    app.wirewatch_grouper = declared.stages[1].handler  # type: ignore[attr-defined]  # our attribute on the faust app
    return app


def main() -> None:
    from shared.runtime.streaming import run_worker

    settings = get_settings()
    app = build_app(settings)
    run_worker(app, settings)
