"""The classifier service: ``ParsedArticle`` (topic parsed) -> ``ClassifiedArticle`` (topic classified).

Each record is decoded and validated, classified in-process (a few milliseconds: rules and gazetteer,
no model, no I/O) and produced keyed by the article id. A record that is not a valid ParsedArticle,
or that the classifier fails on, goes to the dead-letter topic with the reason and the original
bytes; the agent goes on with the next record.
"""

from __future__ import annotations

import logging
from typing import Any

import faust

from services.classifier.engine import Classifier
from services.classifier.settings import ClassifierSettings
from shared import metrics
from shared.config import Settings, get_settings
from shared.contracts import ContractError, ParsedArticle
from shared.sequence import SequenceGuard
from shared.streaming import DeadLetters, Pipeline, Timer, app_topic, deliver, make_app, run_worker
from shared.topics import CLASSIFIED, PARSED

log = logging.getLogger(__name__)

STAGE = "classifier"


class ClassifierStage:
    """Turns one parsed record into a classified article or a dead letter."""

    def __init__(self, app: faust.App, settings: Settings, classifier: Classifier) -> None:
        self.classifier = classifier
        self.settings = settings
        self.classified = app_topic(app, CLASSIFIED, settings)
        self.dead = DeadLetters(app, STAGE, settings)

    async def handle(self, key: bytes | None, value: bytes | None, event: Any = None) -> bool:
        """Process one record; True when a classified article was produced."""
        metrics.EVENTS_IN.labels(STAGE).inc()
        payload = value or b""

        async def dead(error: str, reason: str) -> bool:
            await self.dead.send(error=error, reason=reason, payload=payload, key=key, event=event)
            return False

        with Timer(STAGE):
            try:
                article = ParsedArticle.decode(payload)
            except ContractError as exc:
                return await dead("invalid_contract", str(exc))
            try:
                out = self.classifier.classify_article(article)
            except Exception as exc:  # a bug in one rule must not stop the stage
                log.exception("classification failed", extra={"id": article.id})
                return await dead("classification_failed", f"{type(exc).__name__}: {exc}")
            # returns once Kafka acknowledged it (retried until then): only then is the input acked
            key_bytes = article.id.encode("utf-8")
            await deliver(self.classified, key=key_bytes, value=out.encode(), settings=self.settings)
            metrics.EVENTS_OUT.labels(STAGE).inc()
            return True


def build_app(
    settings: Settings | None = None, classifier_settings: ClassifierSettings | None = None
) -> faust.App:
    settings = settings or get_settings()
    cs = classifier_settings or ClassifierSettings()
    classifier = Classifier(cs)  # loads and validates the taxonomy before the worker starts
    app = make_app(STAGE, settings)
    stage = ClassifierStage(app, settings, classifier)
    parsed = app_topic(app, PARSED, settings)
    guard = SequenceGuard(app, PARSED, "classify-parsed", settings=settings)

    async def unexpected(event: Any, exc: Exception) -> None:  # a bug: never kill the actor, nor lose it
        log.error("unexpected error handling a parsed record", exc_info=exc)
        await stage.dead.send(
            error="classifier_error",
            reason=f"{type(exc).__name__}: {exc}",
            payload=event.value or b"",
            key=event.key,
            event=event,
        )

    @app.agent(parsed, name="classify-parsed", concurrency=cs.concurrency)
    async def classify_parsed(stream: faust.StreamT) -> None:
        # records are classified one by one; their outputs' acknowledgements are awaited in parallel
        # (up to send_max_in_flight), each input acked once its own output or dead letter is acked
        manual = guard.attach(stream.noack())
        pipeline = Pipeline(manual, settings.send_max_in_flight, on_error=unexpected)
        async for event in manual.events():
            await pipeline.submit(event, stage.handle(event.key, event.value, event))

    app.wirewatch_classifier = stage  # type: ignore[attr-defined]
    return app


def main() -> None:
    settings = get_settings()
    app = build_app(settings)
    run_worker(app, settings)
