"""Query building and highlighting of the search module (pure parts; the real searches are in
test_search_integration.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.api.query import (
    SearchRequest,
    build_query,
    build_search,
    highlight,
    parse_since,
    query_terms,
    segments_html,
)


def test_parse_since() -> None:
    now = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
    assert parse_since("7d", now) == now - timedelta(days=7)
    assert parse_since("12h", now) == now - timedelta(hours=12)
    assert parse_since("2w", now) == now - timedelta(weeks=2)
    assert parse_since("2026-11-01", now) == datetime(2026, 11, 1, tzinfo=UTC)
    assert parse_since(None, now) is None
    with pytest.raises(ValueError):
        parse_since("last tuesday", now)


def test_query_is_folded_and_filters_are_applied() -> None:
    req = SearchRequest(
        text="Société أعلنت",
        tags=["Lawsuit"],
        orgs=["openai"],
        langs=["FR"],
        since=datetime(2026, 1, 1, tzinfo=UTC),
    )
    q = build_query(req)
    assert q["bool"]["must"][0]["simple_query_string"]["query"] == "societe اعلنت"
    filters = q["bool"]["filter"]
    assert {"terms": {"tags": ["lawsuit"]}} in filters
    assert {"terms": {"lang": ["fr"]}} in filters
    org = next(f for f in filters if "bool" in f)
    assert org["bool"]["should"][0]["term"]["orgs"] == {"value": "openai", "case_insensitive": True}
    assert {"range": {"published": {"gte": "2026-01-01T00:00:00+00:00"}}} in filters


def test_empty_query_sorts_by_date_and_limit_is_capped() -> None:
    kwargs = build_search(SearchRequest(limit=10_000), max_limit=50)
    assert kwargs["size"] == 50
    assert kwargs["sort"][0] == {"published": "desc"}
    assert kwargs["query"]["bool"]["must"] == [{"match_all": {}}]


def test_query_terms_skip_negations_and_keep_prefixes() -> None:
    words, prefixes = query_terms('"Straße" -Zürich licen* | OpenAI')
    assert words == {"strasse", "openai"}
    assert prefixes == {"licen"}


def test_highlight_marks_the_original_spelling() -> None:
    text = "Un long préambule. " * 30 + "La Société Générale investit dans l'IA. " + "Fin. " * 40
    segments = highlight(text, "societe generale")
    marked = [t for t, m in segments if m]
    assert marked == ["Société", "Générale"]
    assert segments[0] == ("…", False) and segments[-1] == ("…", False)
    assert "<em>Société</em>" in segments_html(segments)


def test_highlight_arabic_with_tatweel_and_hamza() -> None:
    text = "قالت الشركة إنّ الـذكـاء الاصطناعي سيغير السوق"
    marked = [t for t, m in highlight(text, "انّ الذكاء", whole=True) if m]
    assert marked == ["إنّ", "الـذكـاء"]


def test_highlight_escapes_html() -> None:
    assert segments_html(highlight("<b>OpenAI</b> & co", "openai", whole=True)) == (
        "&lt;b&gt;<em>OpenAI</em>&lt;/b&gt; &amp; co"
    )


def test_highlight_keeps_the_spaces_around_a_match() -> None:
    text = "عيّنت إنفيديا مديراً إقليمياً\n\nجديداً للمنطقة"
    segments = highlight(text, "انفيديا", whole=True)
    rendered = "".join(t for t, _ in segments)
    assert rendered == "عيّنت إنفيديا مديراً إقليمياً جديداً للمنطقة"
    assert [t for t, m in segments if m] == ["إنفيديا"]


def test_search_fetches_no_full_text_and_lets_elasticsearch_highlight() -> None:
    from services.api.query import Limits

    kwargs = build_search(SearchRequest(text="openai"), limits=Limits(highlight_max_analyzed_offset=5000))
    assert "text" not in kwargs["source_includes"] and "title" in kwargs["source_includes"]
    spec = kwargs["highlight"]
    assert spec["max_analyzed_offset"] == 5000 and spec["encoder"] == "html"
    assert spec["fields"]["search_text"]["number_of_fragments"] == 1
    assert kwargs["timeout"] == "5000ms"


def test_title_marks_are_projected_onto_the_original_spelling() -> None:
    from services.api.query import html_segments, project

    title = "La Société Générale & l'إعـلان"
    folded = "la <em>societe</em> generale &amp; l&#x27;<em>اعلان</em>"
    assert [t for t, m in project(title, folded) or [] if m] == ["Société", "إعـلان"]
    assert project(title, "something else") is None  # not the folded title: the caller falls back
    assert html_segments("a <em>b&amp;c</em>  d") == [("a ", False), ("b&c", True), (" d", False)]


def test_organisations_in_the_query_keep_the_rest_of_it() -> None:
    from services.api.query import orgs_in_query, text_clause

    assert [(o.name, o.rest) for o in orgs_in_query("midjourney Klage")] == [("Midjourney", "Klage")]
    assert orgs_in_query("-Midjourney lawsuit") == []
    clause = text_clause("ميدجورني")
    assert clause is not None
    org = clause["bool"]["should"][1]["bool"]["must"]
    assert org == [{"term": {"orgs": "Midjourney"}}]
