"""The one duration grammar: ``--since 7d``, retention settings, ``reclassify --since 30d``.

A span is a number and a unit: ``45s``, ``30m``/``30min``, ``2h``/``2hr``, ``7d``, ``1w`` (decimals
allowed: ``1.5h``). ``parse_since`` also takes an ISO date or datetime (UTC when it has no zone).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from shared.errors import InvalidInput

_SPAN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr|d|w)\s*$", re.IGNORECASE)
_SECONDS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400, "w": 7 * 86400}
SPAN_HELP = "e.g. 30m, 2h, 7d, 1w or an ISO date (2026-01-31)"


class SpanTooLarge(InvalidInput):
    """A span beyond what a datetime can hold (``99999999999d``)."""


def parse_span(value: str) -> timedelta | None:
    """``7d`` -> 7 days; None when ``value`` is not a span."""
    match = _SPAN.match(value)
    if not match:
        return None
    try:
        return timedelta(seconds=float(match.group(1)) * _SECONDS[match.group(2).lower()])
    except OverflowError as exc:
        raise SpanTooLarge(f"{value!r}: span too large") from exc


def parse_since(value: str | None, now: datetime | None = None) -> datetime | None:
    """A span ago (``2h``, ``7d`` ...) or an ISO date/datetime -> an aware datetime; None when empty.

    Raises ``ValueError`` with the accepted forms for anything else."""
    if value is None or not value.strip():
        return None
    span = parse_span(value)
    if span is not None:
        try:
            return (now or datetime.now(UTC)) - span
        except OverflowError as exc:
            raise SpanTooLarge(f"--since {value!r}: span too large") from exc
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise InvalidInput(f"--since {value!r}: use {SPAN_HELP}") from exc
    return when if when.tzinfo else when.replace(tzinfo=UTC)
