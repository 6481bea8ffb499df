"""A subscription's delivery health, pure: ``health/<subscription>`` in the delivery table (what
``wirewatch alerts list`` shows). Written only when it changes."""

from __future__ import annotations

from typing import Any

from services.alerter.records import Health
from services.alerter.slack_client import DeliveryResult


def health_key(subscription: str) -> str:
    return f"health/{subscription}"


def next_health(previous: Any, result: DeliveryResult | None, error: str | None = None) -> Health | None:
    """The health after a delivery (``result``; None when no call was made, then ``error`` says why),
    or None when it is the same as ``previous`` (healthy and error unchanged: nothing to write)."""
    healthy = result is not None and result.ok
    health = Health(
        healthy=healthy,
        error=error or (result.error if result else "unknown"),
        status=result.status if result else None,
    )
    if previous is not None and previous.get("healthy") == healthy and previous.get("error") == health.error:
        return None
    return health
