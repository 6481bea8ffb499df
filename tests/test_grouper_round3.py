"""Round 3 of the generalisation set (``tests/data/stories_generalise.jsonl``, ids ``gs3-``: 20
events, 50 reports in en/fr/de/es/ar, written after the round-2 rules and before the grouper was run
on them, aimed at precision): its floor, its hard negatives never merged, and the rules added after
it, each with a control. Sentences are our own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.grouper import engine
from services.grouper.engine import StoryIndex
from services.grouper.features import Report, events_of
from services.grouper.grouping import pair_scores
from services.grouper.settings import GrouperSettings
from tests import grouper_helpers
from tests.grouper_helpers import Grouped, group_set, merged_pairs, report, set_records, veto

DAY0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)

# Two events of the same companies (or of one publisher, one investor) within days: never one story.
HARD_NEGATIVES_R3 = [
    ("pplx-guardian", "pplx-zeit"),  # one AI firm's licensing deals with two publishers, same week
    ("newscorp-cohere", "newscorp-pplx"),  # one publisher's suits against two AI firms, three days apart
    ("cohere-raise", "cohere-talks"),  # a funding round, then talks at a new valuation four days later
    ("pulse-us", "pulse-europe"),  # a launch and its expansion to Europe five days later
    ("claude-sonnet5", "openai-gpt55"),  # a launch and a rival's launch the same day naming both
    ("umg-udio-settle", "umg-suno-suit"),  # a settlement and a new suit by the same plaintiff
    ("amd-lumora", "amd-lumora-approval"),  # an acquisition and its approval three weeks later
    ("salesforce-quorra", "salesforce-quorra-cma"),  # an acquisition and its approval three days later
    ("veltrix-round", "nomadiq-round"),  # two rounds of one amount led by one investor, same day
    ("softbank-openai", "softbank-earnings"),  # an investment and results recalling it, six days later
    ("pplx-guardian", "newscorp-pplx"),  # a deal of one firm and a suit against it, same week
    ("openai-gpt55", "pulse-europe"),  # one company's launch and expansion, two days apart
    ("cohere-raise", "newscorp-cohere"),  # a raise of one company and a suit against it, six days apart
]


@pytest.fixture(scope="module")
def grouped() -> Grouped:
    return group_set(set_records("gs3-"))


def test_round_three_is_what_it_says() -> None:
    records = set_records("gs3-")
    stories = {r["story"] for r in records}
    assert len(records) == 50 and len(stories) == 20
    assert {r["lang"] for r in records} == {"en", "fr", "de", "es", "ar"}
    assert sum(r["published"] is None for r in records) >= 15
    assert {s for pair in HARD_NEGATIVES_R3 for s in pair} <= stories
    # an op-ed whose subject is the event is of the event's story (the issue: the same main event)
    assert next(r for r in records if r["id"] == "gs3-g03-en-oped")["story"] == "newscorp-cohere"


def test_round_three_floor(grouped: Grouped) -> None:
    records, found = grouped
    scores = pair_scores({r["id"]: r["story"] for r in records}, found)
    # P 1.000 R 0.902 with the classifier of 2026-12-02 01:00 (P 0.514 R 0.878 when written); the
    # floor leaves room for the classifier moving
    assert scores.precision >= 0.95, scores.wrong
    assert scores.recall >= 0.85, scores.missed


def test_round_three_hard_negatives_are_never_merged(grouped: Grouped) -> None:
    assert merged_pairs(grouped, HARD_NEGATIVES_R3) == []


def rep(
    rid: str,
    lang: str,
    title: str,
    text: str,
    orgs: list[str],
    primary: str | None = "investment",
    published: datetime | None = DAY0,
    amounts: list[tuple[float, str]] | None = None,
) -> Report:
    return report(rid, lang, title, text, orgs, primary, published, amounts)


def joined(a: Report, b: Report, orgs: list[str]) -> str | None:
    """The story ``b`` joins after ``a`` among reports of other events (None: a new story)."""
    return grouper_helpers.joined(a, b, orgs, DAY0)


@pytest.mark.parametrize(
    "title",
    [
        "EU clears Nova's purchase of Orion",
        "UK watchdog clears Nova deal in fast-track review",
        "Nova wins regulatory approval for Orion takeover",
        "Bruxelles donne son feu vert au rachat d'Orion par Nova",
        "EU-Kommission genehmigt Übernahme von Orion durch Nova",
        "La Comisión Europea aprueba la compra de Orion por Nova",
        "هيئة المنافسة توافق على صفقة نوفا",
    ],
)
def test_a_regulator_clearing_a_deal_is_an_approval(title: str) -> None:
    assert "approval" in events_of(title)


@pytest.mark.parametrize(
    "title",
    [
        "Nova to buy Orion for $2 billion",
        "Regulators open an inquiry into Nova's Orion deal",  # an inquiry is not an approval
        "Nova clears the way for a new chatbot",  # no regulator
    ],
)
def test_a_deal_or_an_inquiry_is_no_approval(title: str) -> None:
    assert "approval" not in events_of(title)


@pytest.mark.parametrize(
    "title",
    [
        "Nova swings to record profit on Orion gains",
        "Nova quarterly revenue jumps 40%",
        "Nova renoue avec un bénéfice record",
        "Nova meldet Rekordgewinn",
        "Nova dispara sus ganancias",
        "أرباح نوفا تقفز",
    ],
)
def test_results_are_earnings(title: str) -> None:
    assert "earnings" in events_of(title)


@pytest.mark.parametrize(
    "title",
    ["Nova raises $50 million", "Die Gewinner des KI-Preises stehen fest", "Nova invests in Orion"],
)
def test_a_round_or_a_winner_is_no_earnings(title: str) -> None:
    assert "earnings" not in events_of(title)


@pytest.mark.parametrize(
    "title",
    [
        "Orion Pulse arrives in Europe",
        "Orion Pulse débarque en Europe",
        "Orion Pulse startet in Europa",
        "Orion Pulse llega a Europa",
        "Nova expands Orion Pulse to 40 more countries",
    ],
)
def test_a_product_reaching_a_new_region_is_an_expansion(title: str) -> None:
    assert "expansion" in events_of(title)


@pytest.mark.parametrize(
    "title", ["Nova launches Orion Pulse, a morning briefing, in the US", "Nova lanza Orion Pulse"]
)
def test_a_first_launch_is_no_expansion(title: str) -> None:
    assert "expansion" not in events_of(title)


ORGS = ["Nova", "Orion"]
DEAL_EN = rep(
    "deal-en",
    "en",
    "Nova to buy Orion for $2 billion",
    "Nova has agreed to buy Orion, a Toronto chip start-up, for $2 billion in cash and stock.",
    ORGS,
    "acquisition",
    amounts=[(2e9, "USD")],
)
CLEARED_EN = rep(
    "cleared-en",
    "en",
    "EU clears Nova's $2 billion purchase of Orion",
    "The European Commission approved Nova's $2 billion acquisition of Orion, the Toronto chip start-up.",
    ORGS,
    "acquisition",
    DAY0 + timedelta(days=3),
    amounts=[(2e9, "USD")],
)
CLEARED_DE = rep(
    "cleared-de",
    "de",
    "EU-Kommission genehmigt Übernahme von Orion durch Nova",
    "Die EU-Kommission hat die Übernahme des Chip-Start-ups Orion aus Toronto durch Nova für 2 Milliarden "
    "Dollar genehmigt.",
    ORGS,
    "acquisition",
    DAY0 + timedelta(days=3),
    amounts=[(2e9, "USD")],
)


def test_an_approval_never_joins_the_deal_it_clears(monkeypatch: pytest.MonkeyPatch) -> None:
    assert veto(DEAL_EN, CLEARED_EN) == "occasion"
    assert joined(DEAL_EN, CLEARED_EN, ORGS) is None
    # control: two reports of the approval join; without the rule the approval joined the deal
    assert joined(CLEARED_EN, CLEARED_DE, ORGS) is not None
    monkeypatch.setattr(engine, "OCCASION_VETO", False)
    assert joined(DEAL_EN, CLEARED_EN, ORGS) is not None


FIRST_SUIT = rep(
    "suit-a",
    "en",
    "Herald Group sues Nova over its articles",
    "Herald Group sued Nova in New York, accusing it of copying Herald Post articles to train models, "
    "and seeks $1 billion in damages.",
    ["Herald Group", "Nova", "Herald Post"],
    "lawsuit",
    amounts=[(1e9, "USD")],
)
SECOND = rep(
    "suit-b",
    "en",
    "Herald Group sues Orion over its articles",
    "Its second suit in a week: on Thursday Herald Group took Orion to a New York court over Herald Post "
    "articles it says trained the start-up's models, seeking $1 billion.",
    ["Herald Group", "Orion", "Herald Post"],
    "lawsuit",
    DAY0 + timedelta(days=3),
    amounts=[(1e9, "USD")],
)
SECOND_FR = rep(
    "suit-b-fr",
    "fr",
    "Herald Group porte plainte contre Orion",
    "Herald Group a porté plainte à New York contre Orion, accusé de copier les articles du Herald Post.",
    ["Herald Group", "Orion", "Herald Post"],
    "lawsuit",
    DAY0 + timedelta(days=3),
)


def test_one_plaintiff_suing_two_firms_is_two_stories(monkeypatch: pytest.MonkeyPatch) -> None:
    orgs = ["Herald Group", "Nova", "Orion", "Herald Post"]
    assert veto(FIRST_SUIT, SECOND) == "headline-orgs"
    assert joined(FIRST_SUIT, SECOND, orgs) is None
    # control: the second suit's two reports join; only one side's headline organisation missing from
    # the other report is the x1.3 of the earlier rounds, not this veto
    assert joined(SECOND, SECOND_FR, orgs) is not None
    one_side = rep("one", "en", "Herald Group sues over its articles", SECOND.id, ["Herald Group"], "lawsuit")
    assert veto(FIRST_SUIT, one_side) is None
    monkeypatch.setattr(engine, "HEADLINE_ORGS_VETO", False)
    monkeypatch.setattr(engine, "SUBJECT_VETO", False)
    assert joined(FIRST_SUIT, SECOND, orgs) is not None


LAUNCH = rep(
    "launch-a",
    "en",
    "Nova launches Orion 5 for coding",
    "Nova on Tuesday released Orion 5, a model it says beats its larger model at coding.",
    ["Nova"],
    "launch",
)
RIVAL = rep(
    "launch-b",
    "en",
    "Vega answers Nova with Lyra 2, hours after Orion 5",
    "Vega released Lyra 2 on Tuesday, hours after Nova launched Orion 5, in the rivals' coding race.",
    ["Vega", "Nova"],
    "launch",
)


def test_a_rivals_launch_naming_both_is_the_rivals_story(monkeypatch: pytest.MonkeyPatch) -> None:
    assert RIVAL.subject == "o:Vega" and LAUNCH.subject == "o:Nova"
    assert veto(LAUNCH, RIVAL) == "subject"
    monkeypatch.setattr(engine, "SUBJECT_VETO", False)
    assert veto(LAUNCH, RIVAL) is None


def test_a_headline_starting_with_a_product_has_no_subject() -> None:
    # control: "Orion Atlas défie Vega" is about Nova's product; Vega is its object, not its subject
    r = rep("atlas-fr", "fr", "Orion Atlas défie Vega", "Le navigateur de Nova défie Vega.", ["Vega", "Nova"])
    assert r.subject is None
    assert Report.from_state(RIVAL.to_state()).subject == "o:Vega"  # kept in the table's state


def test_one_primary_with_two_headline_events_needs_more_evidence() -> None:
    # the facet rule (each tagged with the other's primary) is for two primaries: the same primary
    # with another headline event (a launch and its expansion) is another kind of event
    first = rep(
        "us", "en", "Nova launches Orion Pulse in the US", "Nova launches Orion Pulse.", ["Nova"], "launch"
    )
    later = rep(
        "eu", "en", "Orion Pulse arrives in Europe", "Nova brings Orion Pulse to Europe.", ["Nova"], "launch"
    )
    index = StoryIndex(GrouperSettings())
    base = index.settings.join_score
    assert index._need(first, later) == pytest.approx(base * engine.PRIMARY_DIFFERS)
    again = rep(
        "eu2", "en", "Orion Pulse lands in Europe", "Nova brings Orion Pulse to Europe.", ["Nova"], "launch"
    )
    assert index._need(later, again) == pytest.approx(base)  # control: the same headline event


def test_two_models_of_one_line_are_two_launches(monkeypatch: pytest.MonkeyPatch) -> None:
    orgs = ["Nova"]
    opus = rep(
        "opus-es",
        "es",
        "Nova lanza Orion Opus",
        "Nova presenta Orion Opus, su modelo más potente.",
        orgs,
        "launch",
    )
    sonnet = rep(
        "sonnet-en",
        "en",
        "Nova launches Orion Sonnet for coding",
        "Nova released Orion Sonnet, which it says beats its larger Opus model.",
        orgs,
        "launch",
    )
    assert veto(opus, sonnet) == "products"
    # control: the same model in two languages, and a report naming the other's model in its text
    same = rep(
        "opus-en",
        "en",
        "Nova releases Orion Opus",
        "Nova released Orion Opus, its largest model.",
        orgs,
        "launch",
    )
    assert veto(opus, same) is None
    both = rep(
        "both",
        "en",
        "Nova launches Orion Sonnet",
        "Orion Sonnet joins Orion Opus in the line.",
        orgs,
        "launch",
    )
    assert veto(opus, both) is None
    gpt41 = rep("r41", "en", "Nova retires NVX-4.1", "Nova will retire NVX-4.1 next month.", orgs, "launch")
    gpt52 = rep("r52", "en", "Nova launches NVX-5.2", "Nova launched NVX-5.2 on Tuesday.", orgs, "launch")
    assert veto(gpt41, gpt52) == "products"  # an acronym and two versions
    monkeypatch.setattr(engine, "PRODUCT_VETO", False)
    assert veto(opus, sonnet) is None
