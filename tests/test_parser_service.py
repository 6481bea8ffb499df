"""The parser service end to end through the real Kafka: raw events in, articles and dead letters out."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import httpx
import pytest

from services.parser.settings import ParserSettings
from shared.config import Settings
from shared.contracts import DeadLetter, ParsedArticle, RawItem
from shared.kafka import producer, wait_for_records
from shared.topics import DEADLETTER, PARSED, RAW
from tests.support import free_port, running, settings_env
from tests.test_parser_extract import AR_PARAS, EN_PARAS, LOGIN_WALL, page

pytestmark = pytest.mark.integration


def raw(ident: str, html: str, **extra: Any) -> RawItem:
    url = f"https://news.example.org/{ident}"
    return RawItem(
        id=ident,
        feed_url="https://news.example.org/feed.xml",
        source="example",
        entry_url=url,
        canonical_url=url,
        final_url=url,
        http_status=200,
        content_type="text/html",
        html=html,
        **extra,
    )


def slow_page(paragraphs: int = 40_000) -> str:
    """A link-heavy 3.6 MB page that takes trafilatura ~13 CPU-seconds (the limit below is 3 s)."""
    body = "".join(
        f'<p>Paragraph {i} about <a href="/m{i}">model {i}</a> releases and licence {i * 7}.</p>'
        for i in range(paragraphs)
    )
    return f"<html><body><article>{body}</article></body></html>"


async def test_raw_events_become_articles_and_bad_ones_dead_letters(
    settings: Settings, tmp_path: Path
) -> None:
    port = free_port()
    parser_settings = ParserSettings(
        workers=1, doc_timeout_seconds=3.0, max_input_bytes=4 * 1024 * 1024, max_tasks_per_worker=0
    )
    env = settings_env(settings, parser_settings, WIREWATCH_WEB_PORT=str(port))
    big = "<html><body>" + "<p>Too large a page for the parser setting.</p>" * 100_000 + "</body></html>"
    assert 4 * 1024 * 1024 < len(big) < 7 * 1024 * 1024  # over the setting, under Kafka's record limit
    assert len(slow_page()) < 4 * 1024 * 1024
    good = {
        "en-1": raw("en-1", page(EN_PARAS)),
        "summary-1": raw("summary-1", "", entry_summary="<p>Meta signed a licensing deal for news.</p>",
                         entry_title="Meta signs news licensing deal"),
        "ar-1": raw("ar-1", page(AR_PARAS, title="نموذج عربي جديد", lang="ar", dir_="rtl")),
        "en-last": raw("en-last", page(EN_PARAS[::-1], title="Sent after the bad ones")),
        # random bytes served as text/html, with a feed summary: a summary-only article that says why
        "junk-summary": raw("junk-summary", os.urandom(20_000).decode("latin-1"),
                            entry_summary="<p>Anthropic raised new funding.</p>", entry_title="Funding"),
    }
    bad = {
        "junk": (raw("junk", os.urandom(50_000).decode("latin-1")).encode(), "not_html"),
        "not-json": (b"{this is not json", "invalid_contract"),
        "wall": (raw("wall", LOGIN_WALL).encode(), "no_article"),
        "big": (raw("big", big).encode(), "page_too_large"),
        "slow": (raw("slow", slow_page()).encode(), "timeout"),
    }
    with running(["parser"], env, tmp_path / "parser.log", web_port=port) as service:
        async with producer(settings) as prod:
            for key in ("en-1", "summary-1"):
                await prod.send_and_wait(RAW.name(settings), key=key.encode(), value=good[key].encode())
            for key, (value, _) in bad.items():
                await prod.send_and_wait(RAW.name(settings), key=key.encode(), value=value)
            for key in ("ar-1", "junk-summary", "en-last"):
                await prod.send_and_wait(RAW.name(settings), key=key.encode(), value=good[key].encode())

        parsed = await wait_for_records(settings, PARSED.name(settings), len(good), timeout=120)
        letters = await wait_for_records(settings, DEADLETTER.name(settings), len(bad), timeout=120)
        assert service.alive()
        async with httpx.AsyncClient() as http:
            metrics = (await http.get(f"http://127.0.0.1:{port}/metrics", timeout=5)).text
        assert "wirewatch_events_failed_total" in metrics
        assert 'wirewatch_parser_extraction_fallbacks_total{reason="not_html"} 1.0' in metrics

    articles = {a.id: a for a in (ParsedArticle.decode(r.value) for r in parsed)}
    assert set(articles) == set(good)
    en = articles["en-1"]
    assert en.lang == "en" and not en.summary_only and en.word_count > 50
    assert en.url == "https://news.example.org/en-1" and en.feed_url and en.source == "example"
    assert EN_PARAS[1] in en.text and en.title == "Robotics firm signs licensing deal"
    assert articles["ar-1"].lang == "ar" and AR_PARAS[0] in articles["ar-1"].text
    summary = articles["summary-1"]
    assert summary.summary_only and summary.text == "Meta signed a licensing deal for news."
    assert summary.title == "Meta signs news licensing deal"
    assert articles["en-last"].title == "Sent after the bad ones"
    junk = articles["junk-summary"]
    assert junk.summary_only and junk.text == "Anthropic raised new funding."
    assert junk.extraction_fallback and junk.extraction_fallback.startswith("not_html: ")
    assert en.extraction_fallback is None and (summary.extraction_fallback or "").startswith("empty_page: ")

    got = {(r.key or b"").decode(): DeadLetter.decode(r.value) for r in letters}
    assert {k: v.error for k, v in got.items()} == {k: kind for k, (_, kind) in bad.items()}
    for key, (value, _) in bad.items():
        letter = got[key]
        assert letter.payload_size == len(value)
        assert letter.payload_sha256 == hashlib.sha256(value).hexdigest()
        if key in ("big", "slow"):  # 4.6 and 3.6 MB: over deadletter_max_bytes (1 MiB): the head is kept
            assert letter.payload_truncated and len(letter.payload) < 1024 * 1024
            assert value.startswith(letter.payload) and len(letter.payload) > 512 * 1024
        else:
            assert letter.payload == value and not letter.payload_truncated  # the original, untouched
        assert letter.stage == "parser" and letter.reason
        assert letter.source_topic == RAW.name(settings)
    assert max(len(r.value) for r in letters) <= settings.deadletter_max_bytes
