"""Round 7 of the grouper (``tests/data/stories_generalise5.jsonl``, ids ``gs7-``): reports of one event
that the classifier sees differently -- an organisation it did not find but the text names by a word of
its name, an acquisition headline against the classifier's investment, a principal written by sound in
an Arabic headline, a stake and a licence told first by one source and second by another, a launch's
unversioned product, more ruling verbs; each rule with a control. Sentences of our own."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from services.grouper.engine import StoryIndex, _facets, _launched_absent, _principals_apart, _word_of
from services.grouper.features import Report, launched_name, lead_tags, stage_of
from services.grouper.grouping import pair_scores
from services.grouper.settings import GrouperSettings
from tests.grouper_helpers import Grouped, group_set, merged_pairs, report, set_records

SET5 = Path(__file__).parent / "data" / "stories_generalise5.jsonl"  # round 7 (gs7-)
DAY0 = datetime(2026, 5, 4, 9, tzinfo=UTC)


@pytest.fixture(scope="module")
def grouped() -> Grouped:
    return group_set(set_records(path=SET5))


def test_round7_score_floor(grouped: Grouped) -> None:
    records, found = grouped
    scores = pair_scores({r["id"]: r["story"] for r in records}, found)
    assert scores.precision >= 0.95 and scores.f1 >= 0.90  # 0.615 when written (P 0.960 R 0.453)


@pytest.mark.parametrize(
    "story",
    [
        "springer-mistral-r7",  # a stake first (de), the product first (fr), Arabic letters
        "tervia-raise-r7",  # rounded and converted amounts, an analysis piece, Arabic letters
        "cohere-parsewell-r7",  # "buys" against "s'offre", the target named as a headline word
        "prh-sorrel-suit-r7",  # the Arabic headline writes the plaintiff by sound
        "servicenow-noctua-r7",  # CHF, USD and EUR; the target not found in one report
        "samsung-halvard-r7",  # an investment against an alliance
        "umg-cadenza-r7",  # a stake within a licence, a profile
        "oracle-xai-r7",
        "lemonde-perplexity-r7",
    ],
)
def test_noisy_reports_of_one_event_join(grouped: Grouped, story: str) -> None:
    records, found = grouped
    ids = [r["id"] for r in records if r["story"] == story]
    assert len({found[i] for i in ids}) == 1, story


def test_hard_negatives_stay_apart(grouped: Grouped) -> None:
    pairs = [
        ("tervia-raise-r7", "tervia-harbourmaster-r7"),  # one start-up's raise and launch, 3 days apart
        ("cohere-commands-r7", "cohere-parsewell-r7"),  # one company's launch and acquisition
        ("lemonde-perplexity-r7", "prisa-openai-r7"),  # two licensing deals on one day
        ("prh-sorrel-suit-r7", "prh-sorrel-ruling-r7"),  # a suit filed, then a ruling on it
    ]
    assert merged_pairs(grouped, pairs) == []


def _report(
    rid: str, lang: str, title: str, text: str, orgs: list[str], primary: str | None, **kw: Any
) -> Report:
    return report(rid, lang, title, text, orgs, primary, DAY0, **kw)


def test_organisation_named_by_a_word_of_its_name_and_control() -> None:
    en = _report(
        "en",
        "en",
        "Brightloom buys Quorvane Systems",
        "Brightloom said it had bought Quorvane Systems, a maker of planning software.",
        ["Brightloom", "Quorvane Systems"],
        "investment",
    )
    de = _report(
        "de",
        "de",
        "Brightloom übernimmt Planungssoftware",
        "Der Konzern kauft das Start-up Quorvane aus Leeds.",
        ["Brightloom"],
        "investment",
    )
    assert _word_of("o:Quorvane Systems", de) is False  # named in the text, not in the headline
    # its headline's first word, read as an ordinary word, names it too
    es = _report("es", "es", "Quorvane pasa a manos de Brightloom", "", ["Brightloom"], "investment")
    assert _word_of("o:Quorvane Systems", es) is True
    # control: a generic word of the name ("Systems") names no organisation
    other = _report("x", "de", "Brightloom übernimmt Systems-Sparte", "Die Sparte ...", ["Brightloom"], None)
    assert _word_of("o:Quorvane Systems", other) is None
    index = StoryIndex(GrouperSettings())
    index.add(en)
    ev = index.evaluate(de, en)
    assert ev["veto"] is None and ev["need"] == pytest.approx(14.0), ev  # no x1.3: the target is named


def test_acquisition_headline_is_the_investment_kind_and_control() -> None:
    index = StoryIndex(GrouperSettings())
    buys = _report("a", "en", "Brightloom buys Quorvane", "", ["Brightloom", "Quorvane"], "investment")
    offre = _report("b", "fr", "Brightloom s'offre Quorvane", "", ["Brightloom", "Quorvane"], "investment")
    orgs = ["Brightloom", "Quorvane"]
    launch = _report("c", "fr", "Brightloom et Quorvane dévoilent Atlas", "", orgs, "launch")
    assert "e:acquisition" in buys.title_keys and "e:acquisition" not in offre.title_keys
    assert index._need(buys, offre) == pytest.approx(14.0)
    assert index._need(buys, launch) == pytest.approx(14.0 * 1.6)  # control: another kind of event


def test_latin_principal_by_sound_in_arabic_headline_and_control() -> None:
    en = _report("en", "en", "Penrose Books sues Tessaly", "Penrose said ...", ["Penrose Books"], "lawsuit")
    ar = _report("ar", "ar", "بنروز بوكس ترفع دعوى ضد تيسالي", "رفعت الدار دعوى.", ["تيسالي"], "lawsuit")
    assert not _principals_apart(en, ar)
    control = _report("ar2", "ar", "كوارتز ترفع دعوى ضد تيسالي", "رفعت الشركة دعوى.", ["تيسالي"], "lawsuit")
    assert _principals_apart(en, control)


def test_launch_name_without_version_and_controls() -> None:
    assert launched_name("Tessel launches Harbourline, an agent for ports", {"tessel"}, "en") == "harbourline"
    assert launched_name("Tessel launches its new agent for ports", {"tessel"}, "en") is None
    assert launched_name("Tessel stellt Container-Agenten Harbourline vor", {"tessel"}, "de") is None
    launch = _report("l", "en", "Tessel launches Harbourline, an agent for ports", "", ["Tessel"], "launch")
    raise_ = _report(
        "r", "en", "Tessel raises $90 million", "It raised $90 million.", ["Tessel"], "investment"
    )
    other_launch = _report("o", "fr", "Tessel lance un agent pour les ports", "", ["Tessel"], "launch")
    assert launch.product == "harbourline"
    assert _launched_absent(launch, raise_)  # a raise never names the launched product: another event
    # control: against another launch report an unversioned name is no evidence of another product
    assert not _launched_absent(launch, other_launch)


def test_lead_tags_and_one_sided_facet_with_control() -> None:
    text = "Quay takes a stake in Tessel. Tessel will license its catalogue to Quay. It was founded in 2020."
    assert lead_tags(text, {"investment": 0, "licensing": 30}) == ("investment", "licensing")
    assert lead_tags(text, {"investment": 0, "licensing": 75}) == ("investment",)  # third sentence
    stake = _report(
        "s", "de", "Quay steigt bei Tessel ein", text, ["Quay", "Tessel"], "investment",
        tag_starts={"investment": 0, "licensing": 30},
    )  # fmt: skip
    licence = _report("l", "en", "Tessel licenses its catalogue to Quay", "", ["Quay", "Tessel"], "licensing")
    assert _facets(stake, licence)
    recalled = _report(
        "r", "de", "Quay steigt bei Tessel ein", text, ["Quay", "Tessel"], "investment",
        tag_starts={"investment": 0, "licensing": 75},
    )  # fmt: skip
    assert not _facets(recalled, licence)  # control: a licence told only in the background


def test_more_ruling_verbs_and_control() -> None:
    assert stage_of("Gericht stoppt Schreibassistenten von Tessel vorläufig", "") == "ruling"
    assert stage_of("Un juez prohíbe a Tessel vender su asistente", "") == "ruling"
    assert stage_of("Judge bars Tessel from selling its assistant", "") == "ruling"
    assert stage_of("Tessel stoppt den Verkauf seines Assistenten", "") is None  # no court: a company's step
