"""The parser's extraction on normal and bad input (pure function, no Kafka)."""

from __future__ import annotations

import os
import unicodedata
from datetime import UTC, datetime

import pytest

from services.parser.errors import ExtractionError
from services.parser.extract import (
    ExtractOptions,
    capped_inline,
    decode_html,
    extract_article,
    html_to_text,
    normalize_text,
)
from services.parser.scoring import score, shingles

# Sample text written for these tests.
EN_PARAS = [
    "A small robotics company said on Monday that it had signed a licensing agreement with a large "
    "publisher, giving its assistant access to decades of technical manuals and repair guides.",
    "The agreement covers text and diagrams, and the company will pay an annual fee that neither side "
    "would disclose. Executives said the deal would make the assistant far more useful to mechanics.",
    "Analysts said the arrangement follows a wave of similar contracts between content owners and "
    "developers of language models, many of which were signed after lawsuits over training data.",
]
AR_PARAS = [
    "أعلنت شركة ناشئة في دبي اليوم عن إطلاق نموذج جديد للذكاء الاصطناعي "
    "يدعم اللغة العربية ولهجاتها المختلفة.",
    "وقال المدير التنفيذي للشركة إن النموذج تم تدريبه على بيانات مرخصة من ناشرين عرب خلال العام الماضي.",
    "ومن المتوقع أن يتاح النموذج للمطورين خلال الأشهر المقبلة عبر واجهة برمجية مدفوعة.",
    "وتأتي هذه الخطوة في ظل منافسة متزايدة بين الشركات التقنية في المنطقة "
    "على تطوير أدوات ذكية باللغة العربية.",
]


def page(paras: list[str], *, title: str = "Robotics firm signs licensing deal", head: str = "",
         lang: str = "en", dir_: str = "ltr", wrap: str = "article") -> str:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (
        f'<!DOCTYPE html><html lang="{lang}" dir="{dir_}"><head><meta charset="utf-8"><title>{title}</title>'
        f"{head}</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<{wrap}><h1>{title}</h1>{body}</{wrap}><footer>Copyright footer text</footer></body></html>"
    )


def test_article_fields_paragraphs_and_metadata() -> None:
    head = (
        '<meta property="og:site_name" content="Machine Weekly">'
        '<meta property="og:description" content="A licensing agreement for manuals.">'
        '<meta property="og:image" content="https://example.org/img/robot.jpg">'
        '<meta name="author" content="Jane Writer">'
        '<meta property="article:published_time" content="2026-03-04T10:00:00+00:00">'
    )
    out = extract_article(page(EN_PARAS, head=head), url="https://example.org/news/robot-deal")
    assert out["summary_only"] is False
    assert out["title"] == "Robotics firm signs licensing deal"
    assert out["lang"] == "en"
    assert out["site_name"] == "Machine Weekly"
    assert out["description"] == "A licensing agreement for manuals."
    assert out["image"] == "https://example.org/img/robot.jpg"
    assert out["author"] == "Jane Writer"
    assert out["published"] == datetime(2026, 3, 4, tzinfo=UTC)
    # paragraphs kept, boilerplate dropped
    assert EN_PARAS[0] in out["text"] and EN_PARAS[2] in out["text"]
    assert f"{EN_PARAS[0]}\n\n{EN_PARAS[1]}" in out["text"]
    assert "Copyright footer" not in out["text"]
    assert out["word_count"] == len(out["text"].split())


def test_feed_date_is_the_fallback_and_wins_on_the_same_day() -> None:
    feed_date = datetime(2026, 1, 2, 15, 30, tzinfo=UTC)
    out = extract_article(page(EN_PARAS), feed_published=feed_date)
    assert out["published"] == feed_date
    head = '<meta property="article:published_time" content="2026-01-02">'
    out = extract_article(page(EN_PARAS, head=head), feed_published=feed_date)
    assert out["published"] == feed_date  # same day: the feed's timestamp is more precise


def test_unicode_nfc_and_whitespace_normalised() -> None:
    decomposed = "Cafe\u0301   owners\u00a0\u00a0and\tengineers"
    out = extract_article(page([decomposed + " " + EN_PARAS[0], EN_PARAS[1], EN_PARAS[2]]))
    assert "Café owners and engineers" in out["text"]
    assert unicodedata.is_normalized("NFC", out["text"])
    assert normalize_text("  a \u200b b  \n\n\n  c ") == "a b\n\nc"


def test_arabic_page_with_right_to_left_markup() -> None:
    paras = [f"\u200f{p}\u200f" for p in AR_PARAS]
    paras[1] = f'<span dir="rtl">\u202b{AR_PARAS[1]}\u202c</span>'
    html = page(paras, title="إطلاق نموذج عربي جديد", lang="ar", dir_="rtl")
    out = extract_article(html)
    assert out["lang"] == "ar"
    assert AR_PARAS[0] in out["text"] and AR_PARAS[1] in out["text"]
    assert not any(ch in out["text"] for ch in "\u200f\u202b\u202c")
    assert out["title"] == "إطلاق نموذج عربي جديد"


def test_wrong_declared_charset_bytes_are_decoded_as_what_they_are() -> None:
    paras = ["Der Übersetzungsdienst erhält eine Lizenz für Wörterbücher und Fachtexte aus Köln. " * 3,
             "Die Vereinbarung läuft über fünf Jahre; die Höhe der Zahlungen wurde nicht genannt. " * 3]
    html = page(paras, title="Lizenz für Wörterbücher", lang="de").replace(
        '<meta charset="utf-8">', '<meta charset="iso-8859-1">'
    )
    out = extract_article(html.encode("utf-8"), charset="iso-8859-1")
    assert "Übersetzungsdienst erhält" in out["text"]
    assert out["lang"] == "de"
    # the same page already decoded wrongly (mojibake in a str) is repaired
    mojibake = html.encode("utf-8").decode("latin-1")
    assert "Ã" in mojibake
    out = extract_article(mojibake)
    assert "Übersetzungsdienst erhält" in out["text"]
    # a real Latin-1 page decodes with its declaration
    latin1 = html.encode("latin-1")
    assert decode_html(latin1, None).count("Wörterbücher") >= 1


def test_fifty_megabyte_page_is_refused_with_reason() -> None:
    para = "<p>" + "A sentence that repeats to make a very large page. " * 20 + "</p>"
    big = "<html><body>" + para * (50 * 1024 * 1024 // len(para) + 1) + "</body></html>"
    assert len(big) > 50 * 1024 * 1024
    for html in (big, big.encode("utf-8")):
        with pytest.raises(ExtractionError) as err:
            extract_article(html, options=ExtractOptions(max_input_bytes=5 * 1024 * 1024))
        assert err.value.kind == "page_too_large"
        assert "max_input_bytes" in err.value.reason


def test_deeply_nested_markup_has_a_clear_outcome() -> None:
    para = "<p>" + "Deep markup hides a paragraph about model releases and their licences. " * 6 + "</p>"
    html = "<html><body>" + "<div>" * 50_000 + para * 4 + "</div>" * 50_000 + "</body></html>"
    try:
        out = extract_article(html)
    except ExtractionError as exc:
        assert exc.kind == "no_article"
    else:
        assert out["text"]
    # with a summary the same page still becomes an (summary-only) article
    out = extract_article(html, summary="<p>A model release summary from the feed.</p>")
    assert out["text"]


def test_binary_junk_labelled_html_is_not_html() -> None:
    junk = os.urandom(300_000)
    with pytest.raises(ExtractionError) as err:
        extract_article(junk, charset="utf-8")
    assert err.value.kind == "not_html"
    with pytest.raises(ExtractionError) as err:
        extract_article(junk.decode("latin-1"))
    assert err.value.kind == "not_html"
    out = extract_article(junk, summary="A feed summary of the story behind the broken page.")
    assert out["summary_only"] is True


@pytest.mark.parametrize("html", ["", "   \n ", b"", "<html><body></body></html>"])
def test_empty_body(html: str | bytes) -> None:
    with pytest.raises(ExtractionError) as err:
        extract_article(html)
    assert err.value.kind in {"empty_page", "no_article"}
    out = extract_article(html, summary="Nvidia said on Tuesday it would invest in a robotics startup.")
    assert out["summary_only"] is True
    assert out["text"].startswith("Nvidia said")
    assert out["lang"] == "en"


LOGIN_WALL = """<!DOCTYPE html><html><head><title>Sign in</title></head><body>
<header><a href="/">The Daily Ledger</a></header>
<main><div class="paywall"><h2>Subscribe to continue reading</h2>
<form action="/login" method="post"><label>Email <input name="email"></label>
<label>Password <input type="password" name="password"></label><button>Log in</button></form>
<p>Already a subscriber? <a href="/login">Sign in</a>.</p></div></main>
<footer><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer></body></html>"""


def test_login_wall_falls_back_to_summary_or_dead_letter() -> None:
    with pytest.raises(ExtractionError) as err:
        extract_article(LOGIN_WALL)
    assert err.value.kind == "no_article"
    summary = (
        "<p>OpenAI signed a <b>content licensing</b> deal with a newspaper group.</p>"
        "<p>Terms undisclosed.</p>"
    )
    out = extract_article(LOGIN_WALL, summary=summary, feed_title="OpenAI signs licensing deal")
    assert out["summary_only"] is True
    expected = "OpenAI signed a content licensing deal with a newspaper group.\n\nTerms undisclosed."
    assert out["text"] == expected
    assert out["title"] == "OpenAI signs licensing deal"


def test_html_to_text_keeps_paragraphs() -> None:
    assert html_to_text("<p>One</p><p>Two<br>three</p>") == "One\n\nTwo\n\nthree"
    assert html_to_text("plain  text") == "plain text"


def test_scorer_matches_the_benchmark_rules() -> None:
    assert shingles("a b c") == {("a", "b", "c"): 1}
    assert shingles("") == {}
    perfect = score([("one two three four five", "one two three four five")])
    assert perfect.f1 == 1.0
    empty = score([("one two three four five", None), ("a b c d e", "a b c d e")])
    assert empty.recall == 0.5 and empty.precision == 1.0
    half = score([("a b c d e f g h", "a b c d x y z w")])
    assert 0 < half.f1 < 1


def test_headline_repeated_as_first_paragraph_is_dropped_from_text() -> None:
    from services.parser.extract import drop_leading_headline, extract_article

    paragraphs = "".join(
        f"<p>Meta said on Friday, in statement {i}, that it will license the image technology of "
        "Midjourney for future models and products across its apps.</p>"
        for i in range(4)
    )
    page = (
        "<html><head><title>Meta licenses Midjourney tech</title></head><body><article>"
        f"<h1>Meta licenses Midjourney tech</h1>{paragraphs}</article></body></html>"
    )
    article = extract_article(page)
    assert article["title"] == "Meta licenses Midjourney tech"
    assert article["text"].startswith("Meta said on Friday, in statement 0")
    # only a repeat of the headline goes; a different first paragraph or a lone paragraph stays
    assert drop_leading_headline("Intro\n\nBody", {"Headline"}) == "Intro\n\nBody"
    assert drop_leading_headline("HEADLINE", {"Headline"}) == "HEADLINE"


def test_long_text_is_cut_at_a_paragraph_and_marked() -> None:
    paras = [f"Paragraph {i}. " + EN_PARAS[i % 3] for i in range(2000)]  # about 400,000 characters
    options = ExtractOptions(max_text_chars=20_000)
    hostile_title = "<meta property='og:title' content='" + "T" * 50_000 + "'>"
    fields = extract_article(page(paras, head=hostile_title), options=options)
    assert fields["text_truncated"] is True
    assert 10_000 <= len(fields["text"]) <= 20_000
    assert fields["text"].endswith(tuple(p[-40:] for p in EN_PARAS))  # cut at a paragraph break
    assert "Paragraph 10." in fields["text"] and "Paragraph 1999." not in fields["text"]
    assert capped_inline("title", "T" * 50_000) == "T" * 2_000  # a hostile <title> is capped too
    assert fields["title"] is None or len(fields["title"]) <= 2_000
    short = extract_article(page(EN_PARAS), options=options)
    assert short["text_truncated"] is False and EN_PARAS[2] in short["text"]
