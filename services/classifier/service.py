"""The classifier service: ``ParsedArticle`` (topic parsed) -> ``ClassifiedArticle`` (topic classified).

A ``shared.runtime`` stage: the runner reads batches of parsed records, decodes and validates them
(an invalid record is dead-lettered ``invalid_contract``), and hands the valid ones to
``ClassifyBatch`` in the stage's worker thread (rules and gazetteer, no model, no I/O: a few
milliseconds per article). Each article comes out keyed by its id; an article the classifier fails on
is dead-lettered ``classification_failed`` with the reason and the original bytes. The batch is acked
once every output and dead letter of it is acknowledged by Kafka.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from services.classifier.engine import Classifier
from services.classifier.settings import ClassifierSettings
from shared.config import Settings, get_settings
from shared.contracts import ParsedArticle
from shared.runtime import Emit, Outcome, Reject, Stage
from shared.runtime.streaming import run_worker
from shared.topics import CLASSIFIED, PARSED

if TYPE_CHECKING:
    import faust  # the type build_app returns; the runner builds it

log = logging.getLogger(__name__)

STAGE = "classifier"
AGENT = "classify-parsed"


class ClassifierError(enum.StrEnum):
    CLASSIFICATION_FAILED = "classification_failed"  # a bug in one rule: that article only


class ClassifyBatch:
    """The classifier's handler (pure): parsed articles in, a classified article or a reject each."""

    def __init__(self, classifier: Classifier) -> None:
        self.classifier = classifier

    def __call__(self, records: Sequence[ParsedArticle]) -> list[Outcome]:
        return [self.one(article) for article in records]

    def one(self, article: ParsedArticle) -> Outcome:
        try:
            out = self.classifier.classify_article(article)
        except Exception as exc:  # a bug in one rule must not stop the stage
            log.exception("classification failed", extra={"id": article.id})
            return Reject(ClassifierError.CLASSIFICATION_FAILED, f"{type(exc).__name__}: {exc}")
        return (Emit(CLASSIFIED, article.id.encode("utf-8"), out.encode()),)


def stage(classifier_settings: ClassifierSettings | None = None) -> Stage[ParsedArticle]:
    cs = classifier_settings or ClassifierSettings()
    classifier = Classifier(cs)  # loads and validates the taxonomy before the worker starts
    return Stage(
        name=STAGE,
        agent=AGENT,
        input=PARSED,
        contract=ParsedArticle,
        outputs=(CLASSIFIED,),
        handler=ClassifyBatch(classifier),
        batch_size=cs.batch_size,
        batch_wait=cs.batch_wait_seconds,
        concurrency=cs.concurrency,
    )


def build_app(
    settings: Settings | None = None, classifier_settings: ClassifierSettings | None = None
) -> faust.App:
    from shared.runtime.runner import build_stage_app

    settings = settings or get_settings()
    return build_stage_app(stage(classifier_settings), settings)


def main() -> None:
    settings = get_settings()
    app = build_app(settings)
    run_worker(app, settings)
