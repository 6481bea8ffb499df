"""Grouping on a story set nobody tuned the grouper to (``tests/data/stories_generalise.jsonl``: 16
events, 48 reports in en/fr/de/es/ar, written before the grouper was run on it), its hard negatives
(two events of the same companies within days) never merged, and the rules added after it, each
with a control. The set goes through the real classifier (``wirewatch group``'s path); the unit
tests give the classifier's organisations and tags themselves. Sentences are our own."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.grouper import engine
from services.grouper.engine import StoryIndex, _kind
from services.grouper.features import Report, acronym_keys, extract, org_sound_keys, stage_of
from services.grouper.grouping import pair_scores
from services.grouper.settings import GrouperSettings
from tests import grouper_helpers
from tests.grouper_helpers import Grouped, group_set, merged_pairs, report, set_records

DAY0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

# Two events of the same companies (or of one investor) within days: never one story.
HARD_NEGATIVES = [
    ("anthropic-raise", "anthropic-opus5"),  # a raise and a launch, two days apart, the raise recalled
    ("nyt-perplexity-filing", "nyt-perplexity-order"),  # a suit filed and a ruling on it, six days later
    ("corvid-series-b", "tessel-round"),  # two rounds of two companies led by one investor
    ("google-flash", "google-veo4"),  # one company's two launches in one week
    ("spiegel-mistral", "mistral-quillmark"),  # a licence and an acquisition by one company
    ("xai-raise", "xai-grok5"),  # a raise and a launch, the raise recalled in the launch
    ("apple-google-siri", "google-flash"),  # Gemini in both
    ("openai-retire-41", "openai-gpt52"),  # one company retires a model and launches another, same day
    ("figaro-openai", "elmundo-openai"),  # two publishers' deals with one company, same day
    ("authors-anthropic", "anthropic-lyrics-settle"),  # a suit filed and another suit settled, same week
]


@pytest.fixture(scope="module")
def grouped() -> Grouped:
    return group_set(set_records())


def test_the_set_is_what_it_says() -> None:
    records = set_records()
    stories = {r["story"] for r in records}
    # round 1 (gs-): 16 events, 48 reports; round 2 (gs2-): 9 events, 22 reports, written after the
    # round-1 rules and before running the grouper on them; round 3 (gs3-): 20 events, 50 reports,
    # written after the round-2 rules, before running the grouper on them (tests/test_grouper_round3.py)
    assert len(records) == 120 and len(stories) == 45
    assert sum(r["id"].startswith("gs2-") for r in records) == 22
    assert sum(r["id"].startswith("gs3-") for r in records) == 50
    assert {r["lang"] for r in records} == {"en", "fr", "de", "es", "ar"}
    assert any(r["published"] is None for r in records)
    assert {s for pair in HARD_NEGATIVES for s in pair} <= stories


def test_pairwise_floor_on_the_generalisation_set(grouped: Grouped) -> None:
    records, found = grouped
    scores = pair_scores({r["id"]: r["story"] for r in records}, found)
    # 1.000 / 1.000 with the classifier of 2026-12-02 (round 1: 0.939 / 0.885 before the rules below;
    # round 2: 1.000 / 0.765 when written); the floor leaves room for the classifier moving
    assert scores.precision >= 0.95, scores.wrong
    assert scores.recall >= 0.90, scores.missed


def test_hard_negatives_are_never_merged(grouped: Grouped) -> None:
    assert merged_pairs(grouped, HARD_NEGATIVES) == []


def rep(
    rid: str,
    lang: str,
    title: str,
    text: str,
    orgs: list[str],
    primary: str | None = "licensing",
    published: datetime | None = DAY0,
) -> Report:
    return report(rid, lang, title, text, orgs, primary, published)


def joined(a: Report, b: Report, orgs: list[str]) -> str | None:
    """The story ``b`` joins after ``a`` among reports of other events (None: a new story)."""
    return grouper_helpers.joined(a, b, orgs, DAY0)


# -- a court and what it decided, in the past tense and further apart -------------------------------


def test_a_ruling_in_the_past_tense_is_a_ruling() -> None:
    for title, lead in (
        ("Nova loses its bid", "A federal judge in Boston on Monday denied Nova's request."),
        ("Judge refuses to block Atlas Labs' chatbot", ""),
        ("Richterin lehnt Eilantrag von Nova gegen Atlas ab", ""),
        ("Nova scheitert", "Das Landgericht München hat den Eilantrag von Nova abgelehnt."),
        ("La juge a rejeté la demande de Nova", ""),
        ("El juez federal rechazó la demanda de Nova", ""),
        ("محكمة أمريكية رفضت طلب نوفا", ""),
    ):
        assert stage_of(title, lead) == "ruling", (title, lead)
    # controls: a suit filed in a court, a report (Bericht) that was turned down, a court and no decision
    lead = "Nova sued Atlas in federal court in Boston on Monday, accusing it of copying."
    assert stage_of("Nova takes legal steps", lead) == "filing"
    assert stage_of("Der Bericht wurde abgelehnt", "") is None
    assert stage_of("Berichterstattung gibt Anlass zur Sorge", "") is None
    assert stage_of("Nova opens a court for its developers in Boston", "") is None


def test_more_words_of_a_settlement_and_of_a_filing() -> None:
    assert stage_of("Nova und Atlas legen ihren Urheberrechtsstreit bei", "") == "settlement"
    assert stage_of("Nova y Atlas ponen fin a su disputa judicial", "") == "settlement"
    assert stage_of("Nova et Atlas mettent fin à leur litige", "") == "settlement"
    assert stage_of("Nova and Atlas end their copyright fight", "") == "settlement"
    assert stage_of("Le New York Times attaque Nova en justice", "") == "filing"
    assert stage_of("Atlas zieht gegen Nova vor Gericht", "") == "filing"
    # controls: "legt ... bei" without a dispute, an end that is no dispute's
    assert stage_of("Nova legt bei der Bewertung zu", "") is None
    assert stage_of("Nova and Atlas end their partnership talks", "") is None


# -- a number between two names does not break their run -------------------------------------------


def test_a_number_between_two_names_keeps_their_pair() -> None:
    en = rep("en", "en", "Nova launches Vela 3.5 Corvus, a faster model", "", ["Nova"], "launch")
    ar = rep("ar", "ar", "نوفا تطلق فيلا 3.5 كورفوس الأسرع", "", ["Nova"], "launch")
    assert "y:fl krfs" in en.keys and "y:fl krfs" in ar.keys
    assert "y:fl krfs" in en.title_keys and "y:fl krfs" in ar.title_keys
    # control: a word between the names breaks the run
    other = rep("en2", "en", "Nova launches Vela and then Corvus", "", ["Nova"], "launch")
    assert "y:fl krfs" not in other.keys


# -- an organisation written by sound in an Arabic report ----------------------------------------

KESTREL_EN = (
    "Kestrel Media licenses its archive to Nova Systems",
    "The German publisher Kestrel Media will let Nova Systems train its models on its archive and quote "
    "its articles in the Vela assistant, under a multi-year agreement. Terms were not disclosed.",
)
KESTREL_AR = (
    "نوفا سيستمز توقع اتفاق ترخيص مع كيستريل ميديا",
    "وقعت شركة نوفا سيستمز اتفاقا متعدد السنوات مع دار النشر الألمانية كيستريل ميديا يتيح لها استخدام "
    "أرشيفها في تدريب نماذجها. ولم تكشف قيمة الصفقة.",
)


def test_an_organisation_written_by_sound_is_that_organisation(monkeypatch: pytest.MonkeyPatch) -> None:
    assert org_sound_keys("Kestrel Media") == ("x:kstrl", "y:kstrl md")
    en = rep("k-en", "en", *KESTREL_EN, ["Kestrel Media", "Nova Systems"])
    ar = rep("k-ar", "ar", *KESTREL_AR, ["Nova Systems"])  # the classifier did not find Kestrel Media
    assert "x:kstrl" in ar.keys and "x:kstrl" in en.keys
    orgs = ["Kestrel Media", "Nova Systems"]
    reason = joined(en, ar, orgs)
    assert reason is not None and "kstrl" in reason and "named by one only" not in reason
    # control: without the rule the headline organisation counts as one the Arabic report never
    # names (x1.3 the need), and the sound keys are not enough for that
    monkeypatch.setattr(engine, "ORG_BY_SOUND", False)
    assert joined(en, ar, orgs) is None


def test_an_organisation_both_found_is_counted_once() -> None:
    en = rep("k-en", "en", *KESTREL_EN, ["Kestrel Media", "Nova Systems"])
    ar = rep("k-ar", "ar", *KESTREL_AR, ["Nova Systems", "Kestrel Media"])
    # the Arabic report found it: its sound is left out there, so only the o: key is shared
    assert not any(k in ar.keys for k in org_sound_keys("Kestrel Media"))
    index = StoryIndex(GrouperSettings())
    index.add(en)
    index.add(ar)
    with_rule = index.evaluate(ar, en)["score"]
    saved = engine.ORG_BY_SOUND
    engine.ORG_BY_SOUND = False
    try:
        assert index.evaluate(ar, en)["score"] == pytest.approx(with_rule)
    finally:
        engine.ORG_BY_SOUND = saved


# -- the same stage read in both reports is evidence -----------------------------------------------

RULING_EN = (
    "Judge refuses to block Atlas Labs' chatbot for now",
    "A federal judge in Boston on Monday denied Nova Robotics' request for a temporary restraining "
    "order against Atlas Labs, saying it had not shown irreparable harm.",
)
RULING_DE = (
    "Richterin lehnt Eilantrag von Nova Robotics gegen Atlas Labs ab",
    "Eine Bundesrichterin hat den Eilantrag abgelehnt. Ein nicht wiedergutzumachender Schaden sei nicht "
    "dargelegt worden.",
)


def test_two_rulings_share_their_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    orgs = ["Nova Robotics", "Atlas Labs"]
    en = rep("r-en", "en", *RULING_EN, orgs, "lawsuit")
    de = rep("r-de", "de", *RULING_DE, orgs, "lawsuit")
    assert en.stage == de.stage == "ruling"
    reason = joined(en, de, orgs)
    assert reason is not None and "stage ruling" in reason
    # control: without the stage as evidence the two organisations alone are not enough
    monkeypatch.setattr(engine, "STAGE_SHARED", 0.0)
    assert joined(en, de, orgs) is None


def test_a_filing_and_a_ruling_stay_apart_whatever_they_share() -> None:
    orgs = ["Nova Robotics", "Atlas Labs"]
    ruling = rep("r-en", "en", *RULING_EN, orgs, "lawsuit")
    filing = rep(
        "f-en",
        "en",
        "Nova Robotics sues Atlas Labs over its chatbot",
        "Nova Robotics sued Atlas Labs in federal court in Boston, seeking a temporary restraining order "
        "against Atlas Labs' chatbot and saying it suffers irreparable harm.",
        orgs,
        "lawsuit",
    )
    assert filing.stage == "filing"
    assert joined(filing, ruling, orgs) is None


def test_the_kind_of_event_is_one_answer_with_two_headline_events() -> None:
    r = rep("k", "en", "Nova buys Atlas and renames it Vela", "", ["Nova", "Atlas"], "investment")
    assert {"e:acquisition", "e:rename"} <= r.title_keys
    assert _kind(r) == "e:acquisition"  # the least of the events, whatever the set's order


# -- acronyms written by their letters' names in Arabic --------------------------------------------


def test_an_acronym_and_its_version_by_letter_names() -> None:
    assert acronym_keys("نوفا تطلق جي بي تي 5.2 بقدرات أفضل", True, set()) == ["x:#gbt", "y:#gbt 5.2"]
    assert acronym_keys("آي بي إم تكشف عن نموذج", True, set()) == ["x:#ibm"]
    latin = acronym_keys("Nova ships GPT-5.2 in ChatGPT, with IBM; GPT-4o stays", False, set())
    assert latin == ["x:#gbt", "y:#gbt 5.2", "x:#gbt", "x:#ibm", "x:#gbt"]
    # controls: two letter names are no acronym (إيه آي: AI), nor two capitals; a found organisation's
    # words are left out; a model with a letter after its number has no version key
    assert acronym_keys("شركة إيه آي الناشئة", True, set()) == []
    assert acronym_keys("The EU and AI rules", False, set()) == []
    assert acronym_keys("Nova buys IBM's unit", False, {"ibm"}) == []
    assert "y:#gbt 4" not in latin


def test_a_model_written_by_letter_names_joins_its_latin_reports() -> None:
    en = rep(
        "m-en",
        "en",
        "Nova launches GPT-7.5 with better coding",
        "Nova Systems on Tuesday launched GPT-7.5, an update to its flagship model that writes code "
        "more reliably.",
        ["Nova Systems"],
        "launch",
    )
    ar = rep(
        "m-ar",
        "ar",
        "نوفا سيستمز تطلق جي بي تي 7.5 بقدرات برمجة أفضل",
        "أطلقت نوفا سيستمز يوم الثلاثاء نموذج جي بي تي 7.5، وهو تحديث لنموذجها الرئيسي.",
        ["Nova Systems"],
        "launch",
    )
    assert "y:#gbt 7.5" in en.title_keys and "y:#gbt 7.5" in ar.title_keys
    reason = joined(en, ar, ["Nova Systems"])
    assert reason is not None and "#gbt 7.5" in reason
    # control: another version of the model is another launch (only the acronym is shared)
    other = rep(
        "m-ar2",
        "ar",
        "نوفا سيستمز تطلق جي بي تي 8 بقدرات أفضل",
        "أطلقت نوفا سيستمز نموذج جي بي تي 8.",
        ["Nova Systems"],
        "launch",
    )
    assert joined(en, other, ["Nova Systems"]) is None


# -- an organisation named inside another's name -------------------------------------------------


def test_an_organisation_inside_another_name_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    fr = rep(
        "f-fr",
        "fr",
        "Le Courrier signe un accord avec Nova Systems",
        "Le groupe Courrier a conclu un partenariat avec Nova Systems : ses articles apparaîtront dans Vela.",
        ["Le Courrier", "Nova Systems", "Courrier"],  # the classifier found the short name too
    )
    en = rep(
        "f-en",
        "en",
        "Nova Systems strikes content deal with France's Le Courrier",
        "Nova Systems has signed a content partnership with the French daily Le Courrier to show its "
        "articles in Vela.",
        ["Nova Systems", "Le Courrier"],
    )
    index = StoryIndex(GrouperSettings())
    need = index.evaluate(en, fr)["need"]
    assert need == pytest.approx(GrouperSettings().join_score)  # "Courrier" is named by "Le Courrier"
    # control: without the rule the short name is a headline organisation the other never names
    monkeypatch.setattr(engine, "ORG_CONTAINED", False)
    assert index.evaluate(en, fr)["need"] == pytest.approx(need * engine.HEADLINE_ORG_ABSENT)
    # and a name that merely starts like another is not inside it
    assert not engine._contains("Courriers Unis", "Courrier")


def test_class_actions_are_filings() -> None:
    assert stage_of("Novelists file class action against Nova", "") == "filing"
    assert stage_of("Des romanciers lancent une action collective contre Nova", "") == "filing"
    assert stage_of("Autoren reichen Sammelklage gegen Nova ein", "") == "filing"
    assert stage_of("Escritores presentan una demanda colectiva contra Nova", "") == "filing"
    assert stage_of("كتاب يرفعون دعوى جماعية على نوفا", "") == "filing"
    # control: an action that is no suit
    assert stage_of("Nova takes collective action on safety", "") is None


def test_the_same_stage_is_the_same_kind_of_event_whatever_the_primaries() -> None:
    def settle(rid: str, lang: str, title: str, primary: str, tags: list[str]) -> Report:
        r = extract(
            article_id=rid,
            title=title,
            text="The two companies ended their dispute over song lyrics; terms were not disclosed.",
            lang=lang,
            published=DAY0,
            primary=primary,
            tags=tags,
            orgs=["Nova Systems", "Lyra Music"],
            amounts=[],
        )
        return r

    en = settle("s-en", "en", "Nova Systems settles lyrics lawsuit with Lyra Music", "lawsuit", ["lawsuit"])
    de = settle(
        "s-de", "de", "Nova Systems einigt sich mit Lyra Music", "licensing", ["licensing", "lawsuit"]
    )
    assert en.stage == de.stage == "settlement"
    index = StoryIndex(GrouperSettings())
    assert index.evaluate(de, en)["need"] == pytest.approx(GrouperSettings().join_score)
    # control: no stage read on one side: a licence and a suit are different kinds (x1.6 the need)
    plain = settle(
        "p-de", "de", "Nova Systems und Lyra Music: neue Partnerschaft", "licensing", ["licensing", "lawsuit"]
    )
    assert plain.stage is None
    assert index.evaluate(plain, en)["need"] == pytest.approx(
        GrouperSettings().join_score * engine.PRIMARY_DIFFERS
    )
