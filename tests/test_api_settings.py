"""The search API's settings: ``WIREWATCH_API_*``, and the old ``WIREWATCH_INDEXER_API_*`` /
``WIREWATCH_INDEXER_SEARCH_MAX_LIMIT`` names still read when the new ones are not set."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from services.api.query import Limits
from services.api.settings import ApiSettings


def test_old_names_are_read_and_the_new_ones_win(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("WIREWATCH_API_PORT", "WIREWATCH_API_HOST", "WIREWATCH_API_MAX_LIMIT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("WIREWATCH_INDEXER_API_PORT", "9191")
    monkeypatch.setenv("WIREWATCH_INDEXER_API_HOST", "0.0.0.0")
    monkeypatch.setenv("WIREWATCH_INDEXER_API_HEALTH_TIMEOUT", "2.5")
    monkeypatch.setenv("WIREWATCH_INDEXER_SEARCH_MAX_LIMIT", "50")
    old = ApiSettings()
    assert (old.port, old.host, old.health_timeout, old.max_limit) == (9191, "0.0.0.0", 2.5, 50)
    monkeypatch.setenv("WIREWATCH_API_PORT", "9292")
    assert ApiSettings().port == 9292
    assert ApiSettings(port=1234).port == 1234  # by field name in Python (tests, the demo)


def test_limits_follow_the_settings_and_bad_values_are_refused() -> None:
    limits = Limits.of(ApiSettings(max_prefix_terms=2, max_limit=30))
    assert limits.max_prefix_terms == 2 and limits.max_limit == 30
    with pytest.raises(ValidationError):
        ApiSettings(max_window=20_000)  # Elasticsearch's max_result_window is 10,000
    with pytest.raises(ValidationError):
        ApiSettings(auth="open")  # type: ignore[arg-type]  # an unknown mode, on purpose
