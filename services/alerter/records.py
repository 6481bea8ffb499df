"""What the alerter keeps in Kafka: work records on the ALERTS topic and its table names.

No record here ever holds a webhook URL: subscriptions are named, never addressed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.config import Settings
from shared.contracts import ClassifiedArticle, ContractError, utcnow
from shared.topics import consumer_group

ALERTED_TABLE = "alerted"  # article id -> its once-only mark (key layout: services.alerter.tables)
DELIVERY_TABLE = "delivery"  # story marks, progress marks, digests, health (services.alerter.tables)


def story_key(article: ClassifiedArticle) -> str:
    """What "the same story" means for alerts: the grouper's story id, else the article itself."""
    return article.story_id or article.id


def alerted_names(value: Any) -> list[str]:
    """Subscriptions recorded in an ``alerted`` value (a dict since retention; a bare list before)."""
    if isinstance(value, dict):
        return list(value.get("subs") or [])
    return list(value or [])


def expired(value: Any, now: float, retention_seconds: float) -> bool:
    """A table value with a timestamp older than the retention (progress marks have none: kept)."""
    if not (isinstance(value, dict) and "at" in value and "p" in value):
        return False
    return now - float(value["at"]) > retention_seconds


class AlertRecord(BaseModel):
    """An alert to deliver (``kind="alert"``) or a digest tick (``kind="flush"``), keyed by subscription."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["alert", "flush"]
    subscription: str
    article: ClassifiedArticle | None = None
    at: datetime = Field(default_factory=utcnow)

    def encode(self) -> bytes:
        return self.model_dump_json().encode("utf-8")

    @classmethod
    def decode(cls, data: bytes | str) -> AlertRecord:
        try:
            return cls.model_validate_json(data)
        except ValueError as exc:
            raise ContractError(f"invalid AlertRecord: {str(exc).splitlines()[0]}") from exc


class Health(BaseModel):
    """Last delivery outcome of a subscription (``alerts list`` shows it)."""

    healthy: bool
    error: str = "ok"
    status: int | None = None
    at: datetime = Field(default_factory=utcnow)


def changelog_topic(settings: Settings, table: str) -> str:
    """Name faust gives the changelog of one of the alerter's tables."""
    return f"{consumer_group('alerter', settings)}-{table}-changelog"


def latest_health(records: list[Any]) -> dict[str, Health]:
    """Subscription health from the delivery table's changelog records (last write wins)."""
    import json

    out: dict[str, Health] = {}
    for record in records:
        try:
            key = json.loads(record.key) if record.key else None
        except ValueError:
            continue
        if not isinstance(key, str) or not key.startswith("health/"):
            continue
        name = key.removeprefix("health/")
        if record.value is None:
            out.pop(name, None)
            continue
        try:
            out[name] = Health.model_validate_json(record.value)
        except ValueError:
            continue
    return out
