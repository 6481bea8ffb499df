"""Round 11 of the grouper (``tests/data/stories_generalise8.jsonl``, ids ``gs11-``): its misses when
written (0.876: P 1.000 R 0.780, 11 pairs) were fixed as classes, each tested here on sentences and
reports of our own, with controls that must stay apart:

1. "fine" inside a hyphenated compound ("traffic-fine law", "fine-tunes") or «amendement» is no fine
   (a launch was read as a fine stage, kept from every report about no legal affair);
2. what a product does is no event of its maker's: "an agent that negotiates", «un agente que negocia»
   are not talks;
3. a plan or wish to buy ("X will Y übernehmen", "wants to buy", «veut racheter», «quiere comprar»,
   «تسعى للاستحواذ») is talks (a deal not yet made), not "X to buy Y" (an agreed deal);
4. names of Spanish and German speakers as Arabic writes them: "j", German "ch" as «خ», Spanish "z" as
   «ث» ("Brújula" / «بروخولا», "Ferrándiz" / «فيرانديث») — a second sound key;
5. arrivals in more countries are expansions ("débarque au Maroc", «يصل إلى المغرب»);
6. a deal that says it confirms the earlier reports (rumours) joins the reports of the talks; a deal
   signed after talks that says nothing of them stays apart (round 4), and so does a confirmation of
   another company's deal.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from services.grouper.features import confirms_reports, events_of, extract, stage_of
from services.grouper.grouping import pair_scores
from services.grouper.translit import arabic_skeleton, latin_skeleton, latin_skeleton_alt
from tests.grouper_helpers import Grouped, group_set, joined, merged_pairs, report, set_records

SET8 = Path(__file__).parent / "data" / "stories_generalise8.jsonl"  # round 11 (gs11-)
DAY0 = datetime(2027, 5, 3, 9, tzinfo=UTC)


@pytest.fixture(scope="module")
def grouped() -> Grouped:
    return group_set(set_records(path=SET8))


def test_round11_score_floor(grouped: Grouped) -> None:
    records, found = grouped
    scores = pair_scores({r["id"]: r["story"] for r in records}, found)
    # 0.876 when written (P 1.000 R 0.780); 0.990 after round 11 (P 1.000 R 0.980)
    assert scores.precision >= 0.95 and scores.recall >= 0.95


def test_round11_hard_negatives_stay_apart(grouped: Grouped) -> None:
    pairs = [
        ("marrowick-solvane-licence-r11", "marrowick-solvane-suit-r11"),
        ("tindra-raise-r11", "praxen-raise-r11"),
        ("corbelle-pictavo-suit-r11", "corbelle-pictavo-injunction-r11"),
        ("alboran-brujula-spain-r11", "alboran-brujula-morocco-r11"),
        ("ostrel-parla2-r11", "kaimari-sauti3-r11"),
        ("tenmark-raise-r11", "tenmark-redline-r11"),
    ]
    assert merged_pairs(grouped, pairs) == []


# 1. a fine is a fine, not a word of a compound


@pytest.mark.parametrize(
    "title",
    [
        "Quillmark's app explains traffic-fine law to drivers",
        "Hestia lets developers fine-tune its speech model",
        "Le Sénat adopte un amendement sur les modèles d'IA",
        "Fine-grained controls arrive in Corvane's assistant",
    ],
)
def test_fine_inside_a_compound_is_no_stage(title: str) -> None:
    assert stage_of(title, "") is None


@pytest.mark.parametrize(
    "title",
    [
        "EU fines Brightwave €20 million over data transfers",
        "Brightwave fined for training on customer calls",
        "La CNIL inflige une amende de 20 millions d'euros à Brightwave",
        "Multa de 20 millones a Brightwave",
    ],
)
def test_a_fine_is_still_a_fine(title: str) -> None:
    assert stage_of(title, "") == "fine"


# 2. what a product does is not its maker's talks; 3. a plan to buy is talks


@pytest.mark.parametrize(
    "title",
    [
        "Ledgerly launches Haggle, a bot that negotiates supplier prices",
        "Ledgerly presenta Regateo, un agente que negocia con proveedores",
        "Ledgerly dévoile une IA qui négocie les loyers",
        "Ledgerly startet einen Agenten, der Lieferverträge verhandelt",
    ],
)
def test_what_a_product_does_is_no_talks(title: str) -> None:
    assert "talks" not in events_of(title)


@pytest.mark.parametrize(
    "title",
    [
        "Ledgerly in talks to buy payments start-up Coinrail",
        "Ledgerly négocie avec Coinrail",
        "Ledgerly negocia la compra de Coinrail",
        "Bericht: Ledgerly will den Zahlungsdienst Coinrail übernehmen",
        "Ledgerly wants to buy Coinrail, people familiar say",
        "Ledgerly veut racheter la fintech Coinrail",
        "Ledgerly quiere comprar la fintech Coinrail",
        "ليدجرلي تسعى للاستحواذ على كوينريل",
    ],
)
def test_talks_and_plans_to_buy_are_talks(title: str) -> None:
    assert "talks" in events_of(title)


@pytest.mark.parametrize(
    "title",
    [
        "Ledgerly to buy Coinrail for $300 million",
        "Ledgerly rachète Coinrail pour 300 millions de dollars",
        "Ledgerly übernimmt Coinrail",
    ],
)
def test_an_agreed_deal_is_no_talks(title: str) -> None:
    assert "talks" not in events_of(title)


# 4. names read the Spanish or German way


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [("Brújula", "بروخولا"), ("Ferrándiz", "فيرانديث"), ("Jiménez", "خيمينيث"), ("Reichelt", "رايخلت")],
)
def test_spanish_and_german_names_as_arabic_writes_them(latin: str, arabic: str) -> None:
    assert latin_skeleton_alt(latin) == arabic_skeleton(arabic)
    assert latin_skeleton(latin) != arabic_skeleton(arabic)  # the usual reading alone missed them


def test_the_usual_reading_stays_first() -> None:
    assert latin_skeleton("Jordan") == arabic_skeleton("جوردان")  # "j" as «ج» still meets
    assert latin_skeleton_alt("Schmidt") is None  # "sch" is «ش»: no second reading
    assert latin_skeleton_alt("Mansour") is None  # no j, ch, z or soft c


def test_a_name_read_the_spanish_way_is_a_sound_key_in_any_latin_language() -> None:
    for lang, title in (
        ("fr", "L'application Jalisco Verde arrive chez les Marocains"),
        ("en", "Free app Jalisco Verde reaches Moroccan users"),
    ):
        rep = extract(
            article_id=f"t-{lang}",
            title=title,
            text="",
            lang=lang,
            published=None,
            primary="launch",
            orgs=[],
            amounts=[],
        )
        assert f"x:{arabic_skeleton('خاليسكو')}" in rep.keys, (lang, rep.keys)


# 5. arrivals in more countries


@pytest.mark.parametrize(
    "title",
    [
        "L'assistant Pluma débarque au Maroc",
        "Pluma llega a México",
        "Pluma kommt nach Polen",
        "Pluma arrives in Saudi Arabia",
        "تطبيق بلوما يصل إلى المغرب",
    ],
)
def test_an_arrival_in_another_country_is_an_expansion(title: str) -> None:
    assert "expansion" in events_of(title)


def test_a_first_launch_is_no_expansion() -> None:
    assert "expansion" not in events_of("Pluma lanza un asistente gratuito para dudas fiscales")
    assert "expansion" not in events_of("L'assistant Pluma est disponible dès aujourd'hui")


# 6. a deal confirming the rumoured talks


@pytest.mark.parametrize(
    "text",
    [
        "Ledgerly has agreed to buy Coinrail, confirming earlier reports of a deal.",
        "Ledgerly rachète Coinrail. Les rumeurs d'un rachat circulaient depuis lundi.",
        "Ledgerly bestätigt Berichte über den Kauf von Coinrail.",
        "Ledgerly compra Coinrail y confirma los rumores.",
        "La operación fue adelantada por la prensa el lunes.",
        "وكانت تقارير صحفية قد تحدثت عن الصفقة يوم الاثنين.",
    ],
)
def test_a_deal_confirming_earlier_reports(text: str) -> None:
    assert confirms_reports(text)


@pytest.mark.parametrize(
    "text",
    [
        "Apple and Google have signed the agreement, the companies confirmed on Friday.",
        "Ledgerly a confirmé l'accord vendredi.",
        "Ledgerly confirmó la compra este viernes.",
        "أكدت الشركتان توقيع الاتفاق يوم الجمعة.",
    ],
)
def test_a_confirmed_deal_that_recalls_no_reports(text: str) -> None:
    assert not confirms_reports(text)


ORGS = ["Ledgerly", "Coinrail", "Paydock"]
RUMOUR = (
    "Ledgerly in talks to buy payments start-up Coinrail, sources say",
    "Ledgerly is in advanced talks to acquire Coinrail, the Porto payments start-up, in a deal that could "
    "value it at more than $300 million, two people familiar with the matter said. Coinrail's founder, Rui "
    "Vidal, would join Ledgerly's board. Ledgerly and Coinrail declined to comment.",
)


def _deal(lang: str, confirms: bool, target: str = "Coinrail") -> tuple[str, str]:
    """A report of the deal two days after the rumour: in French or Spanish, with or without the sentence
    saying the deal was reported before."""
    if lang == "fr":
        title = f"Ledgerly rachète la fintech portugaise {target} pour 340 millions de dollars"
        text = (
            f"Ledgerly a annoncé jeudi un accord pour racheter {target}, la fintech de Porto, pour 340 "
            "millions de dollars payés en numéraire. Son fondateur, Rui Vidal, rejoint la direction. "
        )
        last = "Les rumeurs d'une transaction circulaient depuis lundi."
        return title, text + (last if confirms else "Le fondateur reste.")
    title = f"Ledgerly compra la fintech portuguesa {target} por 340 millones de dólares"
    text = (
        f"Ledgerly ha cerrado un acuerdo para adquirir {target}, la fintech de Oporto, por 340 millones "
        "de dólares. Su fundador, Rui Vidal, entra en la dirección. "
    )
    last = "La operación fue adelantada por la prensa el lunes."
    return title, text + (last if confirms else "El fundador se queda.")


def _pair(lang: str, confirms: bool, target: str = "Coinrail") -> str | None:
    """The reason the deal's report joins the rumour's (None: its own story)."""
    talks = report("rumour-en", "en", *RUMOUR, ["Ledgerly", "Coinrail"], "investment", DAY0, [(3e8, "USD")])
    title, text = _deal(lang, confirms, target)
    deal = report(
        f"deal-{lang}",
        lang,
        title,
        text,
        ["Ledgerly", target],
        "investment",
        DAY0 + timedelta(days=2),
        [(3.4e8, "USD")],
    )
    return joined(talks, deal, ORGS, DAY0)


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_a_deal_confirming_the_rumour_joins_the_talks(lang: str) -> None:
    reason = _pair(lang, confirms=True)
    assert reason is not None and "confirming the reported talks" in reason


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_a_deal_after_talks_that_recalls_no_reports_stays_apart(lang: str) -> None:
    assert _pair(lang, confirms=False) is None


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_a_confirmed_deal_for_another_target_stays_apart(lang: str) -> None:
    assert _pair(lang, confirms=True, target="Paydock") is None
