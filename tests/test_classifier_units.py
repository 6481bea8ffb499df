"""Unit tests of the classifier: amounts, organisation aliases, sense rules, taxonomy loading."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.classifier.amounts import parse_number
from services.classifier.engine import Classifier
from services.classifier.settings import ClassifierSettings
from services.classifier.taxonomy import TaxonomyError, load_taxonomy


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier(ClassifierSettings())


@pytest.mark.parametrize(
    ("text", "lang", "value", "currency", "matched"),
    [
        ("جمعت الشركة 14.3 مليار دولار في الجولة.", "ar", 14.3e9, "USD", "14.3 مليار دولار"),
        ("وتقييمها يقفز إلى ٤٥ مليار دولار.", "ar", 45e9, "USD", "٤٥ مليار دولار"),
        ("بقيمة ٢٫٥ مليون يورو.", "ar", 2.5e6, "EUR", "٢٫٥ مليون يورو"),
        ("Die Runde bringt 2,5 Mrd. Euro ein.", "de", 2.5e9, "EUR", "2,5 Mrd. Euro"),
        ("Parloa sammelt 350 Mio. Dollar ein.", "de", 350e6, "USD", "350 Mio. Dollar"),
        ("Un tour de table de 1,2 milliard d'euros.", "fr", 1.2e9, "EUR", "1,2 milliard d'euros"),
        ("Une amende de 450 millions d’euros.", "fr", 450e6, "EUR", "450 millions d’euros"),
        ("It is valued at $850bn after the deal.", "en", 850e9, "USD", "$850bn"),
        ("The company will spend €600m on a campus.", "en", 600e6, "EUR", "€600m"),
        ("Revenue hit US$1.5 billion.", "en", 1.5e9, "USD", "US$1.5 billion"),
        ("A £40 million round.", "en", 40e6, "GBP", "£40 million"),
        ("Una ronda de 1.500 millones de dólares.", "es", 1.5e9, "USD", "1.500 millones de dólares"),
        ("Un investimento di 2 miliardi di euro.", "it", 2e9, "EUR", "2 miliardi di euro"),
        ("Um aporte de R$ 3 bilhões.", "pt", 3e9, "BRL", "R$ 3 bilhões"),
        ("Het bedrijf haalt 1,3 miljard euro op.", "nl", 1.3e9, "EUR", "1,3 miljard euro"),
        # a hyphenated compound adjective: the scale word after a hyphen is still the scale
        ("Amazon made a $3-billion strategic investment.", "en", 3e9, "USD", "$3-billion"),
        ("It closed a 40-million-dollar round.", "en", 40e6, "USD", "40-million-dollar"),
        ("Ein 2-Milliarden-Euro-Deal.", "de", 2e9, "EUR", "2-Milliarden-Euro"),
    ],
)
def test_amounts(clf: Classifier, text: str, lang: str, value: float, currency: str, matched: str) -> None:
    amounts = clf.classify("", text, lang).amounts
    assert len(amounts) == 1, amounts
    a = amounts[0]
    assert a.value == pytest.approx(value)
    assert a.currency == currency
    assert a.text == matched
    assert text[a.start : a.end] == matched
    assert a.sentence == text.strip()


def test_amounts_offsets_survive_arabic_diacritics(clf: Classifier) -> None:
    text = "وقَّعت الشركةُ صفقةً بقيمة 3 ملياراتِ دولارٍ أمس."
    [a] = clf.classify("", text, "ar").amounts
    assert a.value == pytest.approx(3e9) and a.currency == "USD"
    assert text[a.start : a.end] == a.text and a.text.startswith("3")


def test_percentages_and_years_are_not_amounts(clf: Classifier) -> None:
    text = "In 2025 revenue grew 10% and 300 engineers joined; millions of dollars were spent."
    assert clf.classify("", text, "en").amounts == []


@pytest.mark.parametrize(
    ("raw", "lang", "value"),
    [
        ("1,200", "en", 1200.0),
        ("1,2", "fr", 1.2),
        ("1.500", "de", 1500.0),
        ("14.3", "de", 14.3),
        ("٣٫٥", "ar", 3.5),
        ("2.450", "es", 2450.0),
        ("1,234,567", "en", 1234567.0),
        ("1.234,5", "de", 1234.5),
    ],
)
def test_parse_number(raw: str, lang: str, value: float) -> None:
    assert parse_number(raw, lang) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أعلنت ميتا عن صفقة مع أوبن إيه آي.", ["Meta", "OpenAI"]),
        ("وقالت ميتا بلاتفورمز إن «إنفيديا» وانفيديا شريكان.", ["Meta", "Nvidia"]),
        ("ووقعت أمازون، وجوجل، ولميتا اتفاقات.", ["Amazon", "Google", "Meta"]),
        ("وقالت Anthropic وGoogle إن ...", ["Anthropic", "Google"]),
        (
            "Meta Platforms and Alphabet's Google DeepMind met xAI.",
            ["Meta", "Alphabet", "Google DeepMind", "xAI"],  # Alphabet is its own entry (real-news labels)
        ),
        (
            "Kritik kommt vom Deutschen Journalisten-Verband und der EU-Kommission.",
            ["Deutscher Journalisten-Verband", "European Commission"],
        ),
        ("Googles Antwort und OpenAIs Modell.", ["Google", "OpenAI"]),
        (
            "Released under the MIT licence, unlike work at the Massachusetts Institute of Technology.",
            ["MIT"],
        ),
        ("The meta-analysis found that apple growers use open ai tools.", []),
    ],
)
def test_org_aliases(clf: Classifier, text: str, expected: list[str]) -> None:
    assert sorted(clf.orgs.find(text)) == sorted(expected)


def _tags(clf: Classifier, title: str, text: str, lang: str) -> set[str]:
    return set(clf.classify(title, text, lang).tag_names)


@pytest.mark.parametrize(
    ("title", "text", "lang", "absent", "present"),
    [
        (
            "Publishers launch lawsuit against AI start-up",
            "A group of publishers launched a lawsuit against the start-up on Monday, "
            "accusing it of copying articles.",
            "en",
            "launch",
            "lawsuit",
        ),
        (
            "Regulator launches probe into chatbot",
            "The regulator has launched an investigation into the chatbot. It is not an enforcement action.",
            "en",
            "launch",
            None,
        ),
        (
            "Lab releases new model under Apache 2.0 licence",
            "The lab released its new model on Tuesday under the Apache 2.0 licence, so anyone can use it.",
            "en",
            "licensing",
            "launch",
        ),
        (
            "Chipmaker's revenue jumps",
            "The chipmaker's quarterly revenue rose 40% to $30 billion, "
            "and customers paid more for each chip.",
            "en",
            "investment",
            None,
        ),
        (
            "Engineers invest time in safety",
            "Engineers said they invest time and effort in safety testing before each model ships.",
            "en",
            "investment",
            None,
        ),
        (
            "Police check licence plates with AI",
            "Police now read licence plates with an AI camera; drivers need a driving licence as before.",
            "en",
            "licensing",
            None,
        ),
        (
            "L'Autorité lance une enquête sur les assistants IA",
            "L'Autorité a lancé une enquête sur les assistants. "
            "Aucune sanction n'a été prononcée à ce stade.",
            "fr",
            "launch",
            None,
        ),
        (
            "Start-up veröffentlicht Modell unter Apache-Lizenz",
            "Das Start-up hat sein neues Modell vorgestellt. Es wird unter der Apache-Lizenz veröffentlicht.",
            "de",
            "licensing",
            "launch",
        ),
        (
            "شركة ناشئة تطلق نموذجاً مفتوح المصدر",
            "أطلقت الشركة نموذجاً جديداً متاحاً للمستخدمين، وقد طرح تحت رخصة مفتوحة المصدر.",
            "ar",
            "licensing",
            "launch",
        ),
        (
            "Sony signs licensing deal with AI music start-up",
            "Sony Music signed a licensing agreement that lets the start-up train on its catalogue.",
            "en",
            None,
            "licensing",
        ),
        (
            "Start-up raises $200 million",
            "The start-up raised $200 million in a Series C round led by Sequoia, valuing it at $2 billion.",
            "en",
            None,
            "investment",
        ),
    ],
)
def test_sense_rules(
    clf: Classifier, title: str, text: str, lang: str, absent: str | None, present: str | None
) -> None:
    tags = _tags(clf, title, text, lang)
    if absent:
        assert absent not in tags, tags
    if present:
        assert present in tags, tags


def test_primary_follows_the_headline(clf: Classifier) -> None:
    c = clf.classify(
        "Anthropic to pay news agency for archive access, ending court fight",
        "Anthropic agreed to pay the agency for access to its archive to train models. "
        "The agency sued Anthropic last year; both asked the court to dismiss the case.",
        "en",
    )
    assert {"licensing", "lawsuit"} <= set(c.tag_names)
    assert c.primary_tag == "licensing"


def test_tags_have_scores_and_evidence_offsets(clf: Classifier) -> None:
    text = "Intro line.\n\nThe start-up raised $50 million in a funding round led by Accel."
    c = clf.classify("", text, "en")
    [tag] = c.tags
    assert tag.name == "investment" and 0.5 <= tag.score <= 1.0
    [ev] = tag.evidence
    assert (
        text[ev.start : ev.end]
        == ev.text
        == "The start-up raised $50 million in a funding round led by Accel."
    )


def test_taxonomy_extension_by_configuration(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        """
tags:
  - name: partnership
    description: strategic partnerships
    rules:
      - id: en-partner
        lang: en
        pattern: '\\bpartner(?:s|ed|ship)\\b'
        weight: 0.9
orgs:
  - name: Acme Robotics
    aliases: [Acme Robotics, أكمي روبوتكس]
  - name: OpenAI
    aliases: [the ChatGPT maker]
""",
        encoding="utf-8",
    )
    clf = Classifier(ClassifierSettings(extra_taxonomy_files=[extra]))
    c = clf.classify(
        "Acme Robotics partners with the ChatGPT maker", "وقالت أكمي روبوتكس إن الشراكة بدأت.", "en"
    )
    assert "partnership" in c.tag_names
    assert c.orgs == ["Acme Robotics", "OpenAI"]


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    monkeypatch.setenv("WIREWATCH_CLASSIFIER_EXTRA_TAXONOMY_FILES", f"{a},{b}")
    monkeypatch.setenv("WIREWATCH_CLASSIFIER_LANGUAGES", "en,fr")
    s = ClassifierSettings()
    assert s.extra_taxonomy_files == [a, b]
    assert s.languages == ["en", "fr"]


def test_bad_taxonomy_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "tags:\n  - name: broken\n    rules:\n      - id: x\n        pattern: '(unclosed'\n", "utf-8"
    )
    with pytest.raises(TaxonomyError, match="bad regular expression"):
        load_taxonomy(ClassifierSettings().taxonomy_dir, [bad])
    clash = tmp_path / "clash.yaml"
    clash.write_text("orgs:\n  - name: Not Meta\n    aliases: [ميتا]\n", "utf-8")
    with pytest.raises(TaxonomyError, match="belongs to both"):
        load_taxonomy(ClassifierSettings().taxonomy_dir, [clash])
