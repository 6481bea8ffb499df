"""The one duration grammar (shared/durations.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from shared.durations import SpanTooLarge, parse_since, parse_span

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "span"),
    [("45s", timedelta(seconds=45)), ("30m", timedelta(minutes=30)), ("30 min", timedelta(minutes=30)),
     ("2h", timedelta(hours=2)), ("1.5hr", timedelta(minutes=90)), ("7d", timedelta(days=7)),
     ("1W", timedelta(weeks=1))],
)
def test_spans(text: str, span: timedelta) -> None:
    assert parse_span(text) == span
    assert parse_since(text, now=NOW) == NOW - span


def test_iso_dates_and_empty() -> None:
    assert parse_since("2026-11-01", now=NOW) == datetime(2026, 11, 1, tzinfo=UTC)
    assert parse_since("2026-11-01T10:00:00Z", now=NOW) == datetime(2026, 11, 1, 10, tzinfo=UTC)
    assert parse_since("  ", now=NOW) is None
    assert parse_since(None, now=NOW) is None


@pytest.mark.parametrize("text", ["7 days", "d7", "-3d", "yesterday", "3y"])
def test_rejects_other_forms_with_the_accepted_ones(text: str) -> None:
    assert parse_span(text) is None
    with pytest.raises(ValueError, match="30m, 2h, 7d"):
        parse_since(text, now=NOW)


def test_a_span_too_large_for_a_datetime_is_its_own_error() -> None:
    with pytest.raises(SpanTooLarge):
        parse_since("99999999999d", now=NOW)
