"""One settings base: a service's class names its service and its variables' prefix follows."""

from __future__ import annotations

import pytest
from pydantic import Field

from services.alerter.settings import AlerterSettings
from services.api.settings import ApiSettings
from services.classifier.settings import ClassifierSettings
from services.fetcher.settings import FetcherSettings
from services.indexer.settings import IndexerSettings
from services.parser.settings import ParserSettings
from shared.config import ServiceSettings, WirewatchSettings


@pytest.mark.parametrize(
    ("cls", "prefix"),
    [
        (AlerterSettings, "WIREWATCH_ALERTER_"),
        (ApiSettings, "WIREWATCH_API_"),
        (ClassifierSettings, "WIREWATCH_CLASSIFIER_"),
        (FetcherSettings, "WIREWATCH_FETCHER_"),
        (IndexerSettings, "WIREWATCH_INDEXER_"),
        (ParserSettings, "WIREWATCH_PARSER_"),
    ],
)
def test_each_service_reads_its_own_prefix(cls: type[ServiceSettings], prefix: str) -> None:
    assert issubclass(cls, ServiceSettings)
    assert cls.model_config["env_prefix"] == prefix
    # the rest of the header every service used to copy
    assert cls.model_config["env_file"] == ".env" and cls.model_config["extra"] == "ignore"
    assert WirewatchSettings.model_config["env_prefix"] == "WIREWATCH_"  # the base is not changed


def test_a_variable_reaches_its_service_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREWATCH_PARSER_MIN_TEXT_CHARS", "17")
    monkeypatch.setenv("WIREWATCH_INDEXER_BATCH_SIZE", "33")
    monkeypatch.setenv("WIREWATCH_MAX_TEXT_CHARS", "5000")  # no service's: ignored by both
    parser, indexer = ParserSettings(), IndexerSettings()
    assert parser.min_text_chars == 17 and indexer.batch_size == 33
    assert parser.max_text_chars == 100_000 and indexer.max_text_chars == 100_000


def test_api_old_names_still_read_and_new_ones_win(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREWATCH_INDEXER_API_PORT", "9001")
    monkeypatch.setenv("WIREWATCH_API_MAX_WINDOW", "500")
    assert ApiSettings().port == 9001 and ApiSettings().max_window == 500
    monkeypatch.setenv("WIREWATCH_API_PORT", "9002")
    assert ApiSettings().port == 9002
    assert ApiSettings(port=9003, max_window=7).model_dump()["port"] == 9003  # names work in Python


def test_a_subclass_keeps_its_parents_service_and_a_new_base_must_name_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Tuned(ParserSettings):
        extra_knob: int = Field(1)

    monkeypatch.setenv("WIREWATCH_PARSER_EXTRA_KNOB", "4")
    assert Tuned.service == "parser" and Tuned().extra_knob == 4
    with pytest.raises(TypeError, match="name the service"):

        class Nameless(ServiceSettings):
            knob: int = 1
