"""Round 13 of the grouper (``tests/data/stories_generalise10.jsonl``, ids ``gs13-``: two regulators'
fines of one company in a week, two acquisitions of one buyer, a launch and its extension to new markets,
two suits against one company on one day, a licence then an investment between two companies, a ruling
and its appeal): its errors when written (0.763: P 0.652 R 0.918, 24 wrong pairs, 4 missed) were fixed
as classes, each tested here on reports and sentences of our own, with controls:

1. an amount in the time clause a sentence opens on ("Two days after agreeing to pay $1.2 billion for
   Tessaro, Halvern has struck another deal") is the earlier event's, not the report's; an amount of the
   main clause stays the report's;
2. a text that turns from the event it recalls to its news ("... Three days later the relationship has
   become financial") is about the news: its primary, lead and lead tags are read from the turn;
3. a product that now speaks a new language ("spricht jetzt Deutsch", "now speaks Spanish") is extended
   to new markets (the expansion event); a first launch in a language or a country is not;
4. German „geht gegen das Urteil in Berufung" (words between the verb and „in Berufung") is an appeal,
   not the ruling it names, and so are a few other appeal wordings.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from services.grouper.engine import StoryIndex
from services.grouper.features import (
    Report,
    events_of,
    extract,
    news_turn,
    recalled_amount,
    stage_of,
    turned_primary,
)
from services.grouper.grouping import Grouper, pair_scores
from services.grouper.settings import GrouperSettings
from tests.grouper_helpers import Grouped, group_set, joined, merged_pairs, report, set_records, veto

SET10 = Path(__file__).parent / "data" / "stories_generalise10.jsonl"  # round 13 (gs13-)
DAY0 = datetime(2027, 9, 14, 9, tzinfo=UTC)  # a Tuesday


@pytest.fixture(scope="module")
def grouped() -> Grouped:
    return group_set(set_records(path=SET10))


def test_round13_score_floor(grouped: Grouped) -> None:
    records, found = grouped
    scores = pair_scores({r["id"]: r["story"] for r in records}, found)
    # 0.763 when written (P 0.652 R 0.918); 1.000 after round 13
    assert scores.precision >= 0.95 and scores.recall >= 0.95


def test_round13_hard_negatives_stay_apart(grouped: Grouped) -> None:
    pairs = [
        ("aepd-xai-fine-r13", "garante-xai-fine-r13"),
        ("nvidia-paravel-acquisition-r13", "nvidia-brindle-acquisition-r13"),
        ("nvidia-paravel-acquisition-r13", "blackforestlabs-round-r13"),
        ("mistral-lechatvoix-france-launch-r13", "mistral-lechatvoix-expansion-r13"),
        ("paramount-runway-suit-r13", "vgbildkunst-runway-suit-r13"),
        ("spotify-elevenlabs-licence-r13", "spotify-elevenlabs-investment-r13"),
        ("gema-suno-ruling-r13", "suno-gema-appeal-r13"),
        ("suno-gema-appeal-r13", "sacem-suno-licence-r13"),
    ]
    assert merged_pairs(grouped, pairs) == []


def _record(
    rid: str,
    lang: str,
    title: str,
    text: str,
    orgs: list[str],
    published: datetime | None,
    tags: dict[str, int],
    amounts: list[tuple[float, str, str]],
) -> dict[str, Any]:
    """A classified record as the classifier writes it: tags with the start of their evidence, amounts
    with their words (found in ``text``) and their sentence."""
    sentences = [s.strip() for s in text.replace("\n", " ").split(". ")]

    def sentence_of(words: str) -> str:
        return next(s for s in sentences if words in s)

    return {
        "id": rid,
        "lang": lang,
        "title": title,
        "text": text,
        "published": published.isoformat() if published else None,
        "primary_tag": min(tags, key=lambda t: tags[t]),
        "tags": [{"name": t, "evidence": [{"start": s, "end": s + 10}]} for t, s in tags.items()],
        "orgs": orgs,
        "amounts": [
            {"value": v, "currency": c, "text": w, "sentence": sentence_of(w)} for v, c, w in amounts
        ],
    }


def _report(record: dict[str, Any]) -> Report:
    return Grouper().report_for_record(record)


# 1. an amount in a leading time clause is the earlier event's


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        (
            "Two days after agreeing to pay $1.2 billion for Tessaro, Halvern has struck another deal.",
            "$1.2 billion",
        ),
        ("Just a week after its $1.2 billion Tessaro purchase, Halvern is buying again.", "$1.2 billion"),
        (
            "Deux jours après avoir accepté de payer 1,2 milliard de dollars pour Tessaro, Halvern rachète "
            "Brevik.",
            "1,2 milliard de dollars",
        ),
        (
            "Zwei Tage nachdem Halvern 1,2 Milliarden Dollar für Tessaro geboten hatte, kauft der Konzern "
            "Brevik.",
            "1,2 Milliarden Dollar",
        ),
        (
            "Dos días después de pagar 1.200 millones de dólares por Tessaro, Halvern compra Brevik.",
            "1.200 millones de dólares",
        ),
        (
            "بعد يومين من استحواذها على تيسارو مقابل 1.2 مليار دولار، أعلنت هالفرن شراء بريفيك.",
            "1.2 مليار دولار",
        ),
    ],
)
def test_an_amount_in_a_leading_time_clause_is_recalled(sentence: str, words: str) -> None:
    assert recalled_amount(sentence, words)


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        # the main clause's amount, after the time clause
        (
            "Two days after agreeing to pay $1.2 billion for Tessaro, Halvern said it would buy Brevik for "
            "$90 million.",
            "$90 million",
        ),
        ("After months of talks, Halvern agreed to buy Tessaro for $1.2 billion.", "$1.2 billion"),
        (
            "Halvern agreed to buy Tessaro for $1.2 billion, two weeks after its last purchase.",
            "$1.2 billion",
        ),
        # German „nach" has no comma before the main verb: the clause cannot be told from it
        (
            "Zwei Tage nach der Übernahme von Tessaro für 1,2 Milliarden Dollar kauft Halvern Brevik für 90 "
            "Millionen Dollar, wie es heißt.",
            "90 Millionen Dollar",
        ),
        ("Halvern paga 1.200 millones de dólares por Tessaro.", "1.200 millones de dólares"),
    ],
)
def test_an_amount_of_the_main_clause_is_kept(sentence: str, words: str) -> None:
    assert not recalled_amount(sentence, words)
    assert not recalled_amount(sentence)  # no words given: only the older rule (a distance in time)


ACQ_ORGS = ["Halvern", "Tessaro", "Brevik"]
TESSARO = _record(
    "tessaro-en",
    "en",
    "Halvern to buy Danish sensor maker Tessaro for $1.2 billion",
    "Halvern has agreed to acquire Tessaro, a Danish maker of lidar sensors for warehouse robots, for $1.2 "
    "billion in cash. Tessaro employs 310 people in Aarhus. The deal needs approval in the EU.",
    ["Halvern", "Tessaro"],
    DAY0,
    {"investment": 0},
    [(1.2e9, "USD", "$1.2 billion")],
)
BREVIK = _record(
    "brevik-en",
    "en",
    "Halvern's second deal of the week: Oslo software firm Brevik",
    "Two days after agreeing to pay $1.2 billion for the Danish sensor maker Tessaro, Halvern has struck "
    "another, much smaller acquisition. The company said on Thursday it would buy Brevik, an Oslo company "
    "whose software plans robot routes, for about $90 million. Unlike the Tessaro purchase, the deal needs "
    "no long review.",
    ["Halvern", "Tessaro", "Brevik"],
    DAY0 + timedelta(days=2),
    {"investment": 0},
    [(1.2e9, "USD", "$1.2 billion"), (9e7, "USD", "$90 million")],
)


def test_a_second_acquisition_keeps_the_first_ones_amount_out() -> None:
    brevik = _report(BREVIK)
    assert brevik.amounts == ("a:USD:9e+07",)
    assert joined(_report(TESSARO), brevik, ACQ_ORGS, DAY0) is None


def test_a_report_of_the_first_acquisition_still_joins_it() -> None:
    again = _record(
        "tessaro-de",
        "de",
        "Halvern kauft Tessaro für 1,2 Milliarden Dollar",
        "Der Konzern Halvern übernimmt den dänischen Lidar-Hersteller Tessaro aus Aarhus für 1,2 Milliarden "
        "Dollar. Tessaro beschäftigt 310 Mitarbeiter.",
        ["Halvern", "Tessaro"],
        DAY0 + timedelta(hours=5),
        {"investment": 0},
        [(1.2e9, "USD", "1,2 Milliarden Dollar")],
    )
    reason = joined(_report(TESSARO), _report(again), ACQ_ORGS, DAY0)
    assert reason is not None and "tessaro-en" in reason


# 2. a text that turns from the event it recalls to its news

TURN_TEXTS = {
    "en": (
        "On Monday Hestia said it would license Corvane's synthetic voices for its podcasts. The terms "
        "were not disclosed. ",
        "Three days later the relationship has become financial. Hestia said on "
        "Thursday it had invested $80 million in Corvane.",
    ),
    "fr": (
        "Lundi, Hestia annonçait une licence pour les voix de Corvane. Les conditions sont restées "
        "secrètes. ",
        "Trois jours plus tard, Hestia investit 80 millions de dollars dans Corvane.",
    ),
    "de": (
        "Am Montag hatte Hestia eine Lizenz für die Stimmen von Corvane verkündet. ",
        "Drei Tage später steigt Hestia mit 80 Millionen Dollar bei Corvane ein.",
    ),
    "es": (
        "El lunes Hestia anunció una licencia de las voces de Corvane. ",
        "Tres días después, Hestia invierte 80 millones de dólares en Corvane.",
    ),
    "ar": (
        "أعلنت هيستيا يوم الاثنين ترخيص أصوات كورفان. ",
        "وبعد ثلاثة أيام، استثمرت هيستيا 80 مليون دولار في كورفان.",
    ),
}


@pytest.mark.parametrize("lang", sorted(TURN_TEXTS))
def test_a_turn_to_the_news_is_found(lang: str) -> None:
    before, after = TURN_TEXTS[lang]
    text = before + after
    assert news_turn(text) == len(before)
    assert turned_primary(text, "licensing", {"licensing": 0, "investment": len(before) + 5}) == (
        "investment",
        len(before),
    )


@pytest.mark.parametrize(
    "text",
    [
        # a company's history in the background: years are no turn
        "Hestia invested $80 million in Corvane on Thursday. Corvane was founded in 2019. Two years later it "
        "licensed its voices to Hestia.",
        # the text starts with it: nothing recalled before
        "Three days later than planned, Hestia invested $80 million in Corvane. It also licenses voices.",
        # a time clause («después de»): the event it names is context, not a turn
        "Hestia invirtió en Corvane. Tres días después de la licencia, llegó la inversión.",
        # too far down the text to be its lead
        "Hestia licensed voices. It pays per listen. Podcasts come first. Audiobooks follow. Three days "
        "later it invested.",
    ],
)
def test_no_turn(text: str) -> None:
    assert news_turn(text) is None


def test_the_primary_stays_without_a_later_tag_or_when_it_is_the_news() -> None:
    before, after = TURN_TEXTS["en"]
    text = before + after
    assert turned_primary(text, "licensing", {"licensing": 0}) == ("licensing", 0)
    assert turned_primary(text, "investment", {"investment": len(before) + 5, "licensing": 0}) == (
        "investment",
        0,
    )
    assert turned_primary(text, None, {"licensing": 0, "investment": 200}) == (None, 0)


DEAL_ORGS = ["Hestia", "Corvane"]
LICENCE_TEXT = (
    "Hestia has signed a multi-year licence with Corvane to narrate its podcasts with Corvane's synthetic "
    "voices in 18 languages, the companies said on Monday. Terms were not disclosed."
)
BET_TEXT = (
    "On Monday Hestia said it would license Corvane's synthetic voices to narrate its podcasts in 18 "
    "languages. The terms were not disclosed.\n\nThree days later the relationship has become financial. "
    "Hestia said on Thursday it had invested $80 million in Corvane for a minority stake, in a round that "
    "values the voice start-up at $2 billion."
)


def _bet(text: str = BET_TEXT) -> Report:
    at = text.find("Hestia said on Thursday")
    return extract(
        article_id="bet-en",
        title="Hestia deepens its Corvane bet",
        text=text,
        lang="en",
        published=DAY0 + timedelta(days=3),
        primary="licensing",
        tags=["licensing", "investment"],
        tag_starts={"licensing": 17, "investment": at},
        orgs=DEAL_ORGS,
        amounts=[(8e7, "USD"), (2e9, "USD")],
    )


def test_an_investment_recalling_a_licence_is_the_investment() -> None:
    bet = _bet()
    assert bet.primary == "investment"
    assert bet.lead_tags == ("investment",)
    assert "w:en:narrate" not in bet.keys  # the recalled licence's words are not its lead
    licence = report(
        "licence-en", "en", "Hestia licenses Corvane voices", LICENCE_TEXT, DEAL_ORGS, "licensing", DAY0
    )
    assert joined(licence, bet, DEAL_ORGS, DAY0) is None


def test_the_investment_report_joins_another_report_of_the_investment() -> None:
    stake = report(
        "stake-de",
        "de",
        "Hestia steigt mit 80 Millionen Dollar bei Corvane ein",
        "Hestia hat 80 Millionen Dollar in Corvane investiert und hält nun eine Minderheitsbeteiligung. Die "
        "Runde bewertet Corvane mit 2 Milliarden Dollar.",
        DEAL_ORGS,
        "investment",
        DAY0 + timedelta(days=3, hours=4),
        amounts=[(8e7, "USD"), (2e9, "USD")],
    )
    reason = joined(_bet(), stake, DEAL_ORGS, DAY0)
    assert reason is not None and "bet-en" in reason


def test_without_the_turn_the_report_is_read_as_before() -> None:
    plain = _bet(BET_TEXT.replace("Three days later the relationship", "The relationship"))
    assert plain.primary == "licensing"
    assert "licensing" in plain.lead_tags


# 3. a product that now speaks a new language: an expansion


@pytest.mark.parametrize(
    "title",
    [
        "Vela now speaks German and Spanish",
        "Corvane's assistant now available in Arabic",
        "L'assistant Vela parle désormais allemand",
        "Vela, désormais en arabe",
        "Vela spricht jetzt Deutsch",
        "Nun auch auf Spanisch: der Sprachassistent Vela",
        "El asistente Vela ya habla español",
        "Vela, ahora en catalán",
        "المساعد الصوتي فيلا يتحدث الآن العربية",
    ],
)
def test_a_product_that_now_speaks_a_new_language_is_extended(title: str) -> None:
    assert "expansion" in events_of(title)


@pytest.mark.parametrize(
    "title",
    [
        "Corvane launches Vela voice assistant in French",  # a first launch, in its language
        "Corvane lance Vela, son assistant vocal, d'abord en France",
        "Corvane startet Sprachassistenten – vorerst nur in Frankreich",
        "Corvane habla claro sobre su asistente Vela",  # no language named
        "Jetzt ist es offiziell: Corvane startet Vela",
        "Corvane speaks to investors about Vela",
    ],
)
def test_a_first_launch_is_no_extension(title: str) -> None:
    assert "expansion" not in events_of(title)


VELA_ORGS = ["Corvane"]


def test_an_extension_needs_more_evidence_against_the_first_launch() -> None:
    launch = report(
        "vela-de-launch",
        "de",
        "Corvane startet Sprachassistenten – vorerst nur in Frankreich",
        "Das Pariser Unternehmen Corvane hat mit Vela einen Sprachassistenten veröffentlicht, zunächst nur "
        "auf Französisch. Das Abo kostet 9,99 Euro.",
        VELA_ORGS,
        "launch",
        None,
    )
    extension = report(
        "vela-de-ext",
        "de",
        "Vela spricht jetzt Deutsch",
        "Zwölf Tage nach dem Start in Frankreich bringt Corvane seinen Sprachassistenten Vela nach "
        "Deutschland. Das Abo kostet weiter 9,99 Euro.",
        VELA_ORGS,
        "launch",
        DAY0 + timedelta(days=12),
    )
    extension_es = report(
        "vela-es-ext",
        "es",
        "El asistente Vela de Corvane llega a España",
        "Corvane ha extendido su asistente de voz Vela a España y a Alemania. La suscripción cuesta 9,99 "
        "euros.",
        VELA_ORGS,
        "launch",
        DAY0 + timedelta(days=12, hours=3),
    )
    index = StoryIndex(GrouperSettings())
    for r in (launch, extension, extension_es):
        index.add(r)
    base = GrouperSettings().join_score
    assert index.evaluate(launch, extension)["need"] > base  # another kind: the extension
    assert index.evaluate(extension_es, extension)["need"] == base  # two reports of the extension


# 4. an appeal with words between the verb and „in Berufung"


@pytest.mark.parametrize(
    "title",
    [
        "Corvane geht gegen das Urteil des Landgerichts in Berufung",
        "Corvane geht gegen GEMA-Urteil in Berufung",
        "Verlage wollen in Revision gehen",
        "Corvane zieht vor das Oberlandesgericht",
        "Corvane se pourvoit en cassation",
        "Corvane takes the authors' case to the appeals court",
        "Corvane lleva el caso al Tribunal Supremo",
    ],
)
def test_an_appeal_is_read(title: str) -> None:
    assert stage_of(title, "") == "appeal"


@pytest.mark.parametrize(
    ("title", "stage"),
    [
        ("Landgericht: Urteil gegen Corvane wegen Urheberrechtsverletzung", "ruling"),
        ("Autoren verklagen Corvane vor dem Landgericht", "filing"),
        ("Die Gründerin geht in den Ruhestand, nicht in Berufung", None),  # a comma: no appeal
        ("Corvane takes authors to court", "filing"),
    ],
)
def test_other_stages_are_no_appeal(title: str, stage: str | None) -> None:
    assert stage_of(title, "") == stage


APPEAL_ORGS = ["Corvane", "Lyra"]


def test_an_appeal_stays_apart_from_its_ruling_and_joins_other_appeals() -> None:
    appeal_de = report(
        "appeal-de",
        "de",
        "Corvane geht gegen Lyra-Urteil in Berufung",
        "Corvane hat Berufung gegen das Urteil des Landgerichts Köln eingelegt.",
        APPEAL_ORGS,
        "lawsuit",
        DAY0,
    )
    appeal_en = report(
        "appeal-en",
        "en",
        "Corvane appeals Cologne ruling in Lyra copyright case",
        "Corvane has appealed against the Cologne court's ruling for Lyra.",
        APPEAL_ORGS,
        "lawsuit",
        None,
    )
    ruling = report(
        "ruling-de",
        "de",
        "Urteil in Köln: Corvane verletzt Rechte von Lyra",
        "Das Landgericht Köln hat entschieden, dass Corvane Rechte von Lyra verletzt.",
        APPEAL_ORGS,
        "lawsuit",
        DAY0 - timedelta(days=5),
    )
    assert appeal_de.stage == appeal_en.stage == "appeal"
    assert veto(appeal_de, ruling) == "stages"
    assert veto(appeal_de, appeal_en) is None
