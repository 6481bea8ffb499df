"""Bad input: the classifier gives a clear result (lang recorded, no tags) in bounded time, never a crash."""

from __future__ import annotations

import json

import pytest

from services.classifier.cli_utils import classify_stream as _classify_stream
from services.classifier.engine import Classifier
from services.classifier.settings import ClassifierSettings
from shared.contracts import ClassifiedArticle, ParsedArticle


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier(ClassifierSettings())


def test_empty_text(clf: Classifier) -> None:
    for title, text in (("", ""), (None, None), ("", "   \n\n  "), ("", "\u200b\u200b")):
        c = clf.classify(title, text, "en")
        assert c.tags == [] and c.primary_tag is None and c.orgs == [] and c.amounts == []
        assert c.lang == "en"
    c = clf.classify("", "", None)
    assert c.tags == [] and c.lang is None


def test_one_megabyte_text_is_read_up_to_the_limit(clf: Classifier) -> None:
    para = (
        "OpenAI launched a new model for all users. Reddit sued the start-up in federal court. "
        "The firm raised $40 million in a Series B round. Nothing else happened that day.\n\n"
    )
    text = para * (1_000_000 // len(para) + 1)
    assert len(text) > 1_000_000
    c = clf.classify("Quiet week", text, "en")
    assert c.truncated
    assert {"launch", "lawsuit", "investment"} <= set(c.tag_names)
    assert all(a.end <= clf.settings.max_chars for a in c.amounts)
    for tag in c.tags:
        assert len(tag.evidence) <= clf.settings.max_evidence
        for ev in tag.evidence:
            assert text[ev.start : ev.end] == ev.text


def test_one_megabyte_without_sentence_breaks(clf: Classifier) -> None:
    text = "x" * 1_000_000 + " lawsuit"
    c = clf.classify("", text, "en")
    assert c.truncated and c.tags == []


@pytest.mark.parametrize(
    "text",
    [
        "Этот текст написан на русском языке и рассказывает о погоде в Москве на этой неделе. "
        "OpenAI подала иск против компании, а Microsoft запустила новый продукт.",
        "これは日本語で書かれた記事です。OpenAIは新しいモデルを発表し、訴訟も起こされました。",
    ],
)
def test_unsupported_language(clf: Classifier, text: str) -> None:
    c = clf.classify("", text, None)
    assert c.lang not in clf.settings.languages and c.lang is not None
    assert c.tags == [] and c.primary_tag is None and not c.supported
    assert "OpenAI" in c.orgs  # organisations are looked up in any language


def test_declared_unsupported_language(clf: Classifier) -> None:
    c = clf.classify("Lawsuit", "The company sued its rival in court and launched a new app.", "sw")
    assert c.lang == "sw" and c.tags == [] and not c.supported


def test_mixed_scripts(clf: Classifier) -> None:
    text = (
        "رفعت شركة «روتانا» دعوى قضائية ضد Suno أمام محكمة فيدرالية. "
        "Meanwhile, Google launched Gemini 3 for all users, and 日本語のテキスト also appears here. "
        "وقالت ميتا إن Anthropic وGoogle تعاونتا."
    )
    c = clf.classify("«روتانا» تقاضي Suno", text, None)
    assert c.lang in ("ar", "en")
    assert {"Rotana", "Suno", "Google", "Meta", "Anthropic"} <= set(c.orgs)
    if c.lang == "ar":
        assert c.primary_tag == "lawsuit"


def test_html_left_in_text(clf: Classifier) -> None:
    text = (
        "<html><head><style>.lawsuit { color: red }</style><script>var launch = 'lawsuit';</script></head>"
        "<body><div class='article'><p>The weather was fine in Paris on Tuesday &amp; nothing else.</p>"
        "<!-- sued court lawsuit --></div></body></html>"
    )
    c = clf.classify("<b>Weather</b>", text, None)
    assert c.lang == "en"
    assert c.tags == [] and c.primary_tag is None
    real = "<p>Reddit <b>sued</b> Anthropic in a San Francisco court on Tuesday.</p>"
    c2 = clf.classify("", real, "en")
    assert c2.tag_names == ["lawsuit"]
    [ev] = c2.tags[0].evidence
    assert real[ev.start : ev.end] == ev.text


def test_junk_and_control_characters(clf: Classifier) -> None:
    junk = "\x00\x01\ufffd" * 1000 + "$$$ €€€ 1,2,3,4,5 ... ؟؟؟ " * 200 + "<" * 500 + "(" * 500
    c = clf.classify(junk, junk, None)
    assert c.tags == []


def test_classify_article_keeps_the_parsed_fields(clf: Classifier) -> None:
    article = ParsedArticle(
        id="a1",
        url="https://example.test/a1",
        title="Adobe acquires Pika for $600 million",
        text="Adobe has agreed to acquire the video start-up Pika for about $600 million in cash.",
        source="example",
    )
    out = clf.classify_article(article)
    assert isinstance(out, ClassifiedArticle)
    assert out.id == "a1" and out.source == "example" and out.lang == "en"
    assert out.primary_tag == "investment" and out.orgs == ["Adobe", "Pika"]
    assert out.amounts[0].value == pytest.approx(600e6)
    assert ClassifiedArticle.decode(out.encode()) == out


def test_cli_stream_skips_bad_lines(clf: Classifier) -> None:
    import io

    lines = [
        json.dumps(
            {"id": "1", "title": "Nvidia invests $2 billion in xAI", "text": "Nvidia took a stake in xAI."}
        ),
        "not json",
        "[1, 2]",
        "",
        json.dumps({"id": "2", "text": ""}),
    ]
    out, err = io.StringIO(), io.StringIO()
    done, bad = _classify_stream(clf, lines, out, err)
    assert (done, bad) == (2, 2)
    first, second = (json.loads(x) for x in out.getvalue().splitlines())
    assert first["id"] == "1" and first["primary_tag"] == "investment" and first["orgs"] == ["Nvidia", "xAI"]
    assert second["tags"] == [] and second["primary_tag"] is None
    assert "line 2" in err.getvalue() and "line 3" in err.getvalue()
