"""Rules that hold against a whole story, not only the report matched (no Kafka, no classifier: the
classifier's organisations and tags are given). Sentences are our own."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from services.grouper import engine
from services.grouper.engine import StoryIndex
from services.grouper.features import Report, extract
from services.grouper.settings import GrouperSettings

DAY0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ORGS = ["Nova Robotics", "Atlas Labs"]


def report(rid: str, lang: str, title: str, text: str, primary: str | None, tags: list[str]) -> Report:
    return extract(
        article_id=rid,
        title=title,
        text=text,
        lang=lang,
        published=DAY0,
        primary=primary,
        tags=tags,
        orgs=ORGS,
        amounts=[],
    )


# A suit filed, an overview of the affair that names no stage, and the countersuit that answers the
# suit: the overview matches both, but the suit and the countersuit are two stories.
FILING = report(
    "filing-en",
    "en",
    "Nova Robotics sues Atlas Labs over the Orion chatbot",
    "Nova Robotics filed a lawsuit against Atlas Labs on Monday, saying the Orion chatbot copied code of "
    "its Vega assistant. Nova's lawyer Maria Keller said the Vega code was taken by two engineers.",
    "lawsuit",
    ["lawsuit"],
)
OVERVIEW = report(
    "overview-en",
    "en",
    "Nova Robotics and Atlas Labs: the Orion chatbot affair explained",
    "The quarrel between Nova Robotics and Atlas Labs over the Orion chatbot and the Vega assistant keeps "
    "growing, and Maria Keller, who speaks for Nova, expects a long fight over the Vega code.",
    "lawsuit",
    ["lawsuit"],
)
COUNTER = report(
    "counter-en",
    "en",
    "Atlas Labs countersues Nova Robotics over the Orion chatbot",
    "Atlas Labs answered on Friday with a countersuit against Nova Robotics, saying the Orion chatbot "
    "owes nothing to the Vega assistant and that Maria Keller's claims about the Vega code are false.",
    "lawsuit",
    ["lawsuit"],
)


def _assign_all(reports: list[Report]) -> dict[str, str]:
    index = StoryIndex(GrouperSettings(window_days=3650.0))
    out = {}
    for r in reports:
        fresh = Report.from_state(r.to_state())  # a new object each run (the index keeps what it is given)
        out[r.id] = index.assign(fresh)[0].story_id
    return out


def test_a_report_without_stage_does_not_bridge_two_stages() -> None:
    stories = _assign_all([FILING, OVERVIEW, COUNTER])
    assert stories["overview-en"] == stories["filing-en"]
    assert stories["counter-en"] != stories["filing-en"]


def test_without_the_story_rule_the_overview_bridges(monkeypatch: pytest.MonkeyPatch) -> None:
    # the scenario exercises the rule: matched pair by pair only, the countersuit joins the overview
    monkeypatch.setattr(engine, "_story_veto", lambda report, affairs: None)
    stories = _assign_all([FILING, OVERVIEW, COUNTER])
    assert stories["counter-en"] == stories["filing-en"]


def test_story_veto_reasons() -> None:
    from collections import Counter

    assert engine._story_veto(COUNTER, Counter({"filing": 1, "legal": 1})) == "the story has stage filing"
    assert engine._story_veto(COUNTER, Counter({"counterclaim": 2, "legal": 1})) is None
    deal = report(
        "deal-en", "en", "Nova Robotics licenses Orion to Atlas Labs", "", "licensing", ["licensing"]
    )
    assert engine._story_veto(deal, Counter({"settlement": 1})) == "the story has stage settlement"
    assert engine._story_veto(COUNTER, Counter({"counterclaim": 1, "-": 1})) is not None
    assert engine._story_veto(OVERVIEW, Counter({"filing": 1})) is None  # about the affair, no stage


def test_the_reason_names_the_match_its_story_kept_out() -> None:
    index = StoryIndex(GrouperSettings(window_days=3650.0))
    for r in (FILING, OVERVIEW, COUNTER):
        assignment = index.assign(Report.from_state(r.to_state()))[0]
    assert assignment.new_story
    assert assignment.reason.startswith("new story: no earlier report matches (overview-en matched but")
    assert "the story has stage filing" in assignment.reason


def _plain(rid: str, lang: str, title: str, text: str, orgs: list[str], **kw: Any) -> Report:
    return extract(
        article_id=rid,
        title=title,
        text=text,
        lang=lang,
        published=DAY0,
        primary="investment",
        tags=["investment"],
        orgs=orgs,
        amounts=[],
        **kw,
    )


def test_a_headline_organisation_the_other_report_never_names_needs_more_evidence() -> None:
    index = StoryIndex(GrouperSettings(window_days=3650.0))
    first = _plain(
        "round-en",
        "en",
        "Nova Robotics raises money from Atlas Labs",
        "Nova Robotics said Atlas Labs led the round for its Orion chatbot.",
        ["Nova Robotics", "Atlas Labs"],
    )
    other = _plain(
        "campus-en",
        "en",
        "Nova Robotics plans a data campus",  # (a headline naming Vega Cloud too: vetoed, headline-orgs)
        "Nova Robotics and Vega Cloud will build a campus for the Orion chatbot.",
        ["Vega Cloud", "Nova Robotics"],
    )
    same = _plain(
        "round-fr",
        "fr",
        "Nova Robotics lève des fonds auprès d'Atlas Labs",
        "Nova Robotics indique qu'Atlas Labs mène le tour de table pour son chatbot Orion.",
        ["Nova Robotics", "Atlas Labs"],
    )
    for r in (first, other, same):
        index.add(r)
    base = index.settings.join_score
    assert index.evaluate(first, same)["need"] == pytest.approx(base)
    assert index.evaluate(first, other)["need"] == pytest.approx(base * 1.3)


def test_an_arabic_headline_names_an_organisation_by_the_words_of_its_mention() -> None:
    title = "ميدجورني تبيع حصة لشركة نوفا"
    without = _plain("ar", "ar", title, "قالت ميدجورني إن نوفا دفعت المبلغ.", ["Midjourney", "Nova"])
    mentioned = _plain(
        "ar",
        "ar",
        title,
        "قالت ميدجورني إن نوفا دفعت المبلغ.",
        ["Midjourney", "Nova"],
        org_surfaces={"Midjourney": "ميدجورني", "Nova": "نو"},  # a surface too short is not looked for
    )
    assert "o:Midjourney" not in without.title_keys
    assert "o:Midjourney" in mentioned.title_keys
    assert "o:Nova" not in mentioned.title_keys
