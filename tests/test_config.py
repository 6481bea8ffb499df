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


def test_url_credentials_are_masked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREWATCH_ELASTICSEARCH_URL", "https://elastic:pw-in-url-123@es.internal:9200")
    monkeypatch.setenv("WIREWATCH_KAFKA_BOOTSTRAP", "kafka-1:9092")
    shown = masked(Settings())
    assert shown["elasticsearch_url"] == "https://********@es.internal:9200"
    assert shown["kafka_bootstrap"] == "kafka-1:9092"  # nothing else is touched
    result = CliRunner().invoke(app, ["config"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert "pw-in-url-123" not in result.output and "es.internal:9200" in result.output


@pytest.mark.parametrize(
    ("stage", "specific", "stage_default", "expected_global_unset", "expected_global_10"),
    [
        ("fetcher", None, None, None, 10.0),
        ("parser", None, None, None, 10.0),
        ("classifier", None, None, None, 10.0),
        ("indexer", None, 30.0, 30.0, 10.0),
        ("alerter", None, 30.0, 30.0, 10.0),
        ("indexer", 8.0, 30.0, 8.0, 8.0),
        ("alerter", 6.0, 30.0, 6.0, 6.0),
    ],
)
def test_session_timeout_precedence_per_stage(
    stage: str,
    specific: float | None,
    stage_default: float | None,
    expected_global_unset: float | None,
    expected_global_10: float | None,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: object,
) -> None:
    """stage-specific setting > WIREWATCH_KAFKA_SESSION_TIMEOUT > the stage's default > faust's default."""
    from pathlib import Path

    from shared.runtime.streaming import make_app, session_timeout

    monkeypatch.delenv("WIREWATCH_KAFKA_SESSION_TIMEOUT", raising=False)
    base = Settings(_env_file=None, state_dir=Path(str(tmp_path)))
    assert session_timeout(base, specific=specific, default=stage_default) == expected_global_unset
    monkeypatch.setenv("WIREWATCH_KAFKA_SESSION_TIMEOUT", "10")
    glob = Settings(_env_file=None, state_dir=Path(str(tmp_path)))
    assert session_timeout(glob, specific=specific, default=stage_default) == expected_global_10
    app = make_app(stage, glob, session_timeout_setting=specific, default_session_timeout=stage_default)
    assert app.conf.broker_session_timeout == expected_global_10


def test_stage_settings_feed_the_precedence_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """The indexer's and alerter's own variables are unset by default, so the global one applies."""
    from services.alerter.settings import AlerterSettings
    from services.indexer.settings import IndexerSettings

    for var in ("WIREWATCH_INDEXER_SESSION_TIMEOUT_SECONDS", "WIREWATCH_ALERTER_SESSION_TIMEOUT"):
        monkeypatch.delenv(var, raising=False)
    assert IndexerSettings(_env_file=None).session_timeout_seconds is None
    assert AlerterSettings(_env_file=None).session_timeout is None
    monkeypatch.setenv("WIREWATCH_INDEXER_SESSION_TIMEOUT_SECONDS", "12")
    monkeypatch.setenv("WIREWATCH_ALERTER_SESSION_TIMEOUT", "14")
    assert IndexerSettings(_env_file=None).session_timeout_seconds == 12
    assert AlerterSettings(_env_file=None).session_timeout == 14


def test_each_stage_applies_the_precedence_rule(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    """WIREWATCH_KAFKA_SESSION_TIMEOUT=10 gives every stage 10 s, also the indexer and the alerter
    (whose own default is 30 s); their own variables still win."""
    from pathlib import Path

    from services.alerter.service import build_app as alerter_app
    from services.alerter.settings import AlerterSettings
    from services.classifier.service import build_app as classifier_app
    from services.indexer.service import build_app as indexer_app
    from services.indexer.settings import IndexerSettings
    from services.parser.service import build_app as parser_app

    for var in ("WIREWATCH_INDEXER_SESSION_TIMEOUT_SECONDS", "WIREWATCH_ALERTER_SESSION_TIMEOUT"):
        monkeypatch.delenv(var, raising=False)

    def timeouts(settings: Settings, **stage: float) -> dict[str, float]:
        apps = {
            "parser": parser_app(settings),
            "classifier": classifier_app(settings),
            "indexer": indexer_app(
                settings, IndexerSettings(_env_file=None, session_timeout_seconds=stage.get("indexer"))
            ),
            "alerter": alerter_app(
                settings, AlerterSettings(_env_file=None, session_timeout=stage.get("alerter")), []
            ),
        }
        return {name: app.conf.broker_session_timeout for name, app in apps.items()}

    state = Path(str(tmp_path))
    unset = Settings(_env_file=None, state_dir=state, kafka_session_timeout=None)
    faust_default = timeouts(unset)["parser"]
    assert timeouts(unset) == {"parser": faust_default, "classifier": faust_default, "indexer": 30.0,
                               "alerter": 30.0}
    glob = Settings(_env_file=None, state_dir=state, kafka_session_timeout=10.0)
    assert timeouts(glob) == dict.fromkeys(("parser", "classifier", "indexer", "alerter"), 10.0)
    assert timeouts(glob, indexer=8.0, alerter=12.0) == {
        "parser": 10.0, "classifier": 10.0, "indexer": 8.0, "alerter": 12.0
    }
