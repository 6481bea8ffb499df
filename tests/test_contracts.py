"""Event contracts: validation where produced and consumed, JSON round trips, dead letters."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from shared.contracts import (
    SCHEMA_VERSION,
    Amount,
    ClassifiedArticle,
    ContractError,
    DeadLetter,
    Evidence,
    FeedConfig,
    ParsedArticle,
    RawItem,
    Tag,
    article_id,
)


def raw_item(**over: object) -> RawItem:
    fields: dict[str, Any] = {
        "id": article_id("https://example.org/a"),
        "feed_url": "https://example.org/feed.xml",
        "source": "Example",
        "entry_url": "https://example.org/a?utm_source=x",
        "canonical_url": "https://example.org/a",
        "final_url": "https://example.org/a",
        "http_status": 200,
        "html": "<html><body><p>مرحبا</p></body></html>",
    }
    fields.update(over)
    return RawItem(**fields)


def test_article_id_is_stable_and_url_specific() -> None:
    assert article_id("https://example.org/a") == article_id("https://example.org/a")
    assert article_id("https://example.org/a") != article_id("https://example.org/b")
    assert len(article_id("https://example.org/a")) == 32


def test_raw_item_round_trip_keeps_unicode_and_version() -> None:
    item = raw_item(entry_published=datetime(2026, 5, 1, 12, tzinfo=UTC))
    wire = item.encode()
    assert json.loads(wire)["schema_version"] == SCHEMA_VERSION
    back = RawItem.decode(wire)
    assert back == item
    assert "مرحبا" in back.html


def test_decode_rejects_missing_fields_with_named_fields() -> None:
    with pytest.raises(ContractError) as err:
        RawItem.decode(b'{"id": "x"}')
    assert "feed_url" in str(err.value)


def test_decode_rejects_unknown_schema_version() -> None:
    data = json.loads(raw_item().encode())
    data["schema_version"] = 99
    with pytest.raises(ContractError, match="schema_version"):
        RawItem.decode(json.dumps(data))


def test_decode_rejects_unknown_fields_and_non_json() -> None:
    data = json.loads(raw_item().encode())
    data["surprise"] = 1
    with pytest.raises(ContractError):
        RawItem.decode(json.dumps(data))
    with pytest.raises(ContractError):
        RawItem.decode(b"\xff\xfe not json")


def test_classified_article_extends_parsed_article() -> None:
    parsed = ParsedArticle(id="a1", url="https://example.org/a", text="Meta licenses Midjourney technology.")
    classified = ClassifiedArticle(
        **parsed.model_dump(),
        tags=[Tag(name="licensing", score=0.9, evidence=[Evidence(text="Meta licenses", start=0, end=13)])],
        primary_tag="licensing",
        orgs=["Meta", "Midjourney"],
        amounts=[Amount(value=14.3e9, currency="USD", text="14.3 مليار دولار", sentence="...")],
    )
    back = ClassifiedArticle.decode(classified.encode())
    assert back.tag_names == ["licensing"]
    assert back.amounts[0].value == pytest.approx(14.3e9)
    # a classified article is not a valid parsed article (extra fields are refused)
    with pytest.raises(ContractError):
        ParsedArticle.decode(classified.encode())


def test_tag_score_must_be_a_probability() -> None:
    with pytest.raises(ValueError):
        Tag(name="launch", score=1.5)


def test_dead_letter_keeps_original_bytes_exactly() -> None:
    original = b"\x00\xffnot-json\n" + "خبر".encode()
    letter = DeadLetter.wrap(
        stage="parser",
        error="invalid_contract",
        reason="bad",
        payload=original,
        key=b"k",
        source_topic="t",
        offset=7,
    )
    back = DeadLetter.decode(letter.encode())
    assert back.payload == original
    assert (back.stage, back.error, back.key, back.offset) == ("parser", "invalid_contract", "k", 7)
    assert back.failed_at.tzinfo is not None


def test_feed_config_interval_floor_and_stable_id() -> None:
    with pytest.raises(ValueError):
        FeedConfig(url="https://example.org/feed", source="x", interval_seconds=30)
    a = FeedConfig(url="https://example.org/feed", source="x")
    assert a.interval_seconds == 600
    assert a.feed_id == FeedConfig(url="https://example.org/feed", source="other").feed_id
