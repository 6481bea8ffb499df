"""Settings come from WIREWATCH_* variables; secrets are masked when shown."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from shared.config import Settings, masked
from wirewatch.cli import app


def test_environment_overrides_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREWATCH_KAFKA_BOOTSTRAP", "kafka-1:9092,kafka-2:9092")
    monkeypatch.setenv("WIREWATCH_TOPIC_PARTITIONS", "12")
    s = Settings()
    assert s.kafka_bootstrap == "kafka-1:9092,kafka-2:9092"
    assert s.topic_partitions == 12
    assert Settings(_env_file=None).elasticsearch_url.startswith("http")


def test_invalid_values_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREWATCH_TOPIC_PARTITIONS", "0")
    with pytest.raises(ValueError):
        Settings()


def test_secrets_are_masked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREWATCH_ELASTICSEARCH_API_KEY", "super-secret-key-value")
    shown = masked(Settings())
    assert shown["elasticsearch_api_key"] == "********"
    result = CliRunner().invoke(app, ["config"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "super-secret-key-value" not in result.output
    assert "WIREWATCH_ELASTICSEARCH_API_KEY" in result.output


def test_list_settings_accept_commas_or_json() -> None:
    from shared.config import split_list

    assert split_list("127.0.0.1/32, 10.0.0.0/8,") == ["127.0.0.1/32", "10.0.0.0/8"]
    assert split_list('["en", "fr"]') == ["en", "fr"]
    assert split_list(["de"]) == ["de"]
