"""Organisations the classifier reports in Arabic letters (names not in the gazetteer keep their
surface: «شركة وادي الناشئة» gives "وادي") compared with a Latin-script report's organisations by
their consonant skeletons (``engine._spelled_alike``): in the headline-organisation and subject vetoes
(``engine._named``) and between principals (``engine._principals_apart``). Sentences are our own."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.grouper import engine
from services.grouper.features import Report
from tests.grouper_helpers import report

DAY0 = datetime(2026, 9, 7, 9, 0, tzinfo=UTC)


def rep(rid: str, lang: str, title: str, text: str, orgs: list[str]) -> Report:
    return report(rid, lang, title, text, orgs, "investment", DAY0, [(3e8, "USD")])


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("وادي", "Wadi AI"),  # a short name: the Latin name's skeleton whole ("AI" is only vowels)
        ("كورفيد لابز", "Corvid Labs"),
        ("كويلبوينت", "Quillpoint"),
        ("ميدجورني", "Midjourney"),
    ],
)
def test_a_name_in_arabic_letters_is_spelled_like_its_latin_form(arabic: str, latin: str) -> None:
    assert engine._spelled_alike(arabic, latin)


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("وادي", "Wayve"),  # other consonants
        ("وادي", "Dia Labs"),  # a short name matches a whole name only, not its first word
        ("كورفيد لابز", "Corvid"),  # the Latin name has fewer words than the Arabic one
        ("ميدجورني", "Mistral AI"),
    ],
)
def test_other_names_are_not_spelled_alike(arabic: str, latin: str) -> None:
    assert not engine._spelled_alike(arabic, latin)


AR = rep(
    "corvid-ar",
    "ar",
    "كورفيد لابز تجمع 300 مليون دولار",
    "جمعت شركة كورفيد لابز الناشئة 300 مليون دولار.",
    ["كورفيد لابز"],
)
EN = rep(
    "corvid-en",
    "en",
    "Corvid Labs raises $300 million",
    "Corvid Labs raised $300 million in a round led by Andreessen Horowitz.",
    ["Corvid Labs", "Andreessen Horowitz"],
)


def test_principals_spelled_alike_across_scripts_are_not_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    assert AR.principal == frozenset({"o:كورفيد لابز"})
    assert not engine._principals_apart(AR, EN)
    assert not engine._principals_apart(EN, AR)
    # control: without the rule they are apart (the veto that split the two reports of one raise)
    monkeypatch.setattr(engine, "ORG_SPELLED_ARABIC", False)
    # (round 7) the Arabic headline also writes Corvid Labs by its sound: that rule off too
    monkeypatch.setattr(engine, "PRINCIPAL_BY_SOUND", False)
    assert engine._principals_apart(AR, EN)


def test_another_company_in_latin_letters_stays_apart() -> None:
    other = rep(
        "kestrel-en",
        "en",
        "Kestrel Robotics raises $300 million",
        "Kestrel Robotics raised $300 million.",
        ["Kestrel Robotics"],
    )
    assert engine._principals_apart(AR, other)


def test_a_headline_organisation_in_arabic_letters_is_named_by_the_latin_report() -> None:
    assert engine._named("o:كورفيد لابز", AR, EN)  # the Latin report names Corvid Labs
    assert engine._named("o:Corvid Labs", EN, AR)  # and the other way round
    assert not engine._named("o:Andreessen Horowitz", EN, AR)  # control: a name the Arabic never writes
