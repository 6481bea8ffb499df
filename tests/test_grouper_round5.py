"""Round 5 of the generalisation set (``tests/data/stories_generalise3.jsonl``, ids ``gs5-``: 17
stories, 45 reports in en/fr/de/es/ar, 16 undated, written and committed before the grouper was run on
it, aimed at recall on noisy reports of one event): its score, the pairs that must join and the hard
negatives that must stay apart, and the rules added after it, each with a control. Sentences are our
own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.grouper import engine, features
from services.grouper.engine import StoryIndex
from services.grouper.features import Report, _sound_keys, events_of, extract, headline_context
from services.grouper.grouping import pair_scores
from services.grouper.settings import GrouperSettings
from tests import grouper_helpers
from tests.grouper_helpers import SET3, Grouped, group_set, merged_pairs, report, set_records

DAY0 = datetime(2026, 9, 7, 9, 0, tzinfo=UTC)

# Two events of the same companies within days: never one story.
HARD_NEGATIVES_R5 = [
    ("corvid-raise-r5", "corvid-launch-r5"),  # a raise and, three days later, a launch recalling it
    ("springer-perplexity-suit-r5", "perplexity-raise-r5"),  # a suit and a raise that recalls it
    ("instagram-restyle-r5", "meta-italy-fine-r5"),  # a launch and, two days later, a fine naming it
    ("wadi-raise-r5", "wadi-humain-r5"),  # a raise and a deal two days later that recalls its amount
    ("alphafold4-r5", "isomorphic-raise-r5"),  # a model and the sister company's raise "days after" it
]
# still merged (see test_known_merge_of_an_acquisition_and_the_launch_built_on_it)
KNOWN_MERGE_R5 = [("openai-quillpoint-r5", "chatgpt-codex-review-r5")]

# Reports of one event that must share a story, with the noise each shows.
MUST_JOIN = [
    ("gs5-h01-en", "gs5-h01-fr"),  # $600 million / 550 millions d'euros; Amazon / AWS; investor / start-up
    ("gs5-h01-en", "gs5-h01-ar"),  # كورفيد روبوتيكس, not found by the classifier
    ("gs5-h01-en", "gs5-h01-de"),  # short, undated, "Roboterfirma Corvid"
    ("gs5-h02-en", "gs5-h02-fr"),  # the same product; the French report's primary is investment
    ("gs5-h04-en", "gs5-h04-es"),  # the valuation in one headline, not read as an amount in the other
    ("gs5-h05-en", "gs5-h05-es"),  # Instagram / Meta, short, untagged
    ("gs5-h07-en", "gs5-h07-de"),  # $1.1 billion / "rund eine Milliarde Dollar"
    ("gs5-h09-ar", "gs5-h09-en"),  # the Arabic headline names no organisation the classifier found
    ("gs5-h09-en", "gs5-h09-fr"),  # $120m / 110 millions d'euros
    ("gs5-h11-en", "gs5-h11-de"),  # Google DeepMind / Google
    ("gs5-h11-en", "gs5-h11-ar"),  # ألفافولد 4 / AlphaFold 4, untagged
    ("gs5-h14-es", "gs5-h14-en"),  # plaintiff-led / defendant-led, two days apart
    ("gs5-h15-en", "gs5-h15-de"),  # $250 million / 230 Millionen Euro, and the 400 million total
    ("gs5-h17-en", "gs5-h17-es"),  # "agrees €400m sale to SAP" / "unos 430 millones de dólares"
]


@pytest.fixture(scope="module")
def grouped() -> Grouped:
    return group_set(set_records("gs5-", SET3))


def test_round_five_is_what_it_says() -> None:
    records = set_records("gs5-", SET3)
    stories = {r["story"] for r in records}
    assert len(records) == 45 and len(stories) == 17
    assert {r["lang"] for r in records} == {"en", "fr", "de", "es", "ar"}
    assert sum(r["published"] is None for r in records) >= 12
    assert {s for pair in HARD_NEGATIVES_R5 + KNOWN_MERGE_R5 for s in pair} <= stories
    sizes = {s: sum(r["story"] == s for r in records) for s in stories}
    assert sum(2 <= n <= 4 for n in sizes.values()) == 16
    # no story key is shared with rounds 1-4
    assert not stories & {r["story"] for r in set_records() + set_records("", grouper_helpers.SET2)}


def test_round_five_score(grouped: Grouped) -> None:
    records, found = grouped
    scores = pair_scores({r["id"]: r["story"] for r in records}, found)
    # P 0.932 R 1.000 (41 of 41 pairs; 3 wrong pairs: the Quillpoint acquisition and the launch built on
    # it) with the classifier of 2026-12-02 04:00; P 0.806 R 0.707 F1 0.753 when written. The tolerance
    # leaves room for the classifier moving
    assert scores.precision >= 0.90, scores.wrong
    assert scores.recall >= 0.90, scores.missed


def test_round_five_hard_negatives_are_never_merged(grouped: Grouped) -> None:
    assert merged_pairs(grouped, HARD_NEGATIVES_R5) == []


@pytest.mark.xfail(strict=True, reason="the classifier tags the launch investment and misses Quillpoint")
def test_known_merge_of_an_acquisition_and_the_launch_built_on_it(grouped: Grouped) -> None:
    assert merged_pairs(grouped, KNOWN_MERGE_R5) == []


@pytest.mark.parametrize(("a", "b"), MUST_JOIN)
def test_round_five_reports_of_one_event_join(grouped: Grouped, a: str, b: str) -> None:
    _, found = grouped
    assert found[a] == found[b]


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
    return grouper_helpers.joined(a, b, orgs, DAY0)


# -- one amount in two notations ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "y"),
    [
        ((5.5e8, "EUR"), (6e8, "USD")),  # converted
        ((1.1e8, "EUR"), (1.2e8, "USD")),
        ((2.3e8, "EUR"), (2.5e8, "USD")),
        ((4.3e8, "USD"), (4e8, "EUR")),
        ((1e9, "USD"), (1.1e9, "USD")),  # "rund eine Milliarde" / $1.1 billion: a round figure
        ((3.5e9, "GBP"), (4.5e9, "USD")),
    ],
)
def test_one_amount_in_two_notations(x: tuple[float, str], y: tuple[float, str]) -> None:
    a, b = features.amount_key(*x), features.amount_key(*y)
    assert engine._amount_close(a, b) and engine._amount_close(b, a)


@pytest.mark.parametrize(
    ("x", "y"),
    [
        ((1.1e9, "USD"), (1.2e9, "USD")),  # neither is a round figure: two amounts
        ((5e8, "USD"), (6e8, "USD")),  # a round figure 20% away
        ((4e8, "EUR"), (6e8, "USD")),  # converted, still 50% apart
        ((1e9, "XYZ"), (1e9, "USD")),  # a currency without a rate
    ],
)
def test_different_amounts_stay_different(x: tuple[float, str], y: tuple[float, str]) -> None:
    assert not engine._amount_close(features.amount_key(*x), features.amount_key(*y))


ORGS = ["Nova", "Orion Robotics"]
RAISE_EN = rep(
    "raise-en",
    "en",
    "Nova leads $600 million round in Orion Robotics",
    "Nova has led a $600 million investment in Orion Robotics, the warehouse-robot maker said on Monday. "
    "Chief executive Lina Marsh said the money would pay for a plant in Ohio.",
    ORGS,
    amounts=[(6e8, "USD")],
)
RAISE_FR = rep(
    "raise-fr",
    "fr",
    "Orion Robotics lève 550 millions d'euros auprès de Nova",
    "La start-up Orion Robotics annonce une levée de 550 millions d'euros menée par Nova. Lina Marsh, sa "
    "dirigeante, veut ouvrir une usine dans l'Ohio.",
    ["Orion Robotics", "Nova"],
    published=DAY0 + timedelta(hours=5),
    amounts=[(5.5e8, "EUR")],
)


def test_a_converted_amount_is_shared_and_said(monkeypatch: pytest.MonkeyPatch) -> None:
    index = StoryIndex(GrouperSettings())
    assert index._need(RAISE_EN, RAISE_FR) == GrouperSettings().join_score  # no "amounts differ"
    reason = joined(RAISE_EN, RAISE_FR, ORGS)
    assert reason is not None and "amounts alike EUR 550 000 000 ~ USD 600 000 000" in reason
    # control: without the rule the two amounts differ (x1.8, and each headline's amount is absent)
    monkeypatch.setattr(engine, "AMOUNTS_CLOSE", False)
    engine._amount_close.cache_clear()
    try:
        assert index._need(RAISE_EN, RAISE_FR) > GrouperSettings().join_score * 1.7
    finally:
        monkeypatch.setattr(engine, "AMOUNTS_CLOSE", True)
        engine._amount_close.cache_clear()


def test_both_headlines_stating_one_amount_waive_the_headline_amount_factor() -> None:
    a = rep(
        "val-en",
        "en",
        "Nova raises $500 million at $22 billion valuation",
        "Nova has raised $500 million at a $22 billion valuation.",
        ["Nova"],
        amounts=[(5e8, "USD"), (2.2e10, "USD")],
    )
    b = rep(
        "val-es",
        "es",
        "Nova capta 500 millones de dólares",
        "Nova cierra una ronda de 500 millones de dólares que la valora en 22.000 millones.",
        ["Nova"],
        amounts=[(5e8, "USD")],
    )
    assert a.headline_amounts == ("a:USD:5e+08", "a:USD:2.2e+10")
    assert not engine._headline_amount_absent(a, b)
    # control: a headline with another amount (a second deal) still counts as amounts differing
    c = rep(
        "deal2",
        "en",
        "Nova signs $10 billion deal",
        "The $10 billion deal follows its $500 million one.",
        ["Nova"],
        amounts=[(1e10, "USD"), (5e8, "USD")],
    )
    assert engine._headline_amount_absent(c, b)


# -- principals ---------------------------------------------------------------------------------------


def _principal_report(rid: str, title: str, orgs: list[str], lang: str = "en") -> Report:
    return rep(rid, lang, title, f"{title}. " + " and ".join(orgs) + " said so.", orgs)


def test_a_subsidiary_and_its_parent_are_one_principal(monkeypatch: pytest.MonkeyPatch) -> None:
    aws = _principal_report(
        "aws", "Orion Robotics raises money from AWS", ["Orion Robotics", "Amazon Web Services"]
    )
    amazon = _principal_report("amz", "Amazon backs Orion", ["Amazon", "Orion"])
    assert not engine._principals_apart(aws, amazon)
    deepmind = _principal_report("gdm", "Google DeepMind unveils Orion 4", ["Google DeepMind"])
    google = _principal_report("goo", "Google shows Orion 4", ["Google"])
    assert not engine._principals_apart(deepmind, google)
    # control: two other companies are apart; and without the rule the parent and its subsidiary were
    other = _principal_report("coh", "Cohere unveils Orion 4", ["Cohere"])
    assert engine._principals_apart(deepmind, other)
    monkeypatch.setattr(engine, "PRINCIPALS_LOOSE", False)
    assert engine._principals_apart(deepmind, google)


def test_a_headline_naming_no_found_organisation_has_no_principals_of_its_own() -> None:
    # the Arabic headline names the start-up and its investor, neither found; its first two named are
    # the investor's owner and a co-investor
    ar = rep(
        "wadi-ar",
        "ar",
        "سنابل تقود جولة بقيمة 120 مليون دولار في شركة وادي",
        "قادت سنابل المملوكة لصندوق الاستثمارات العامة جولة في وادي بمشاركة STV.",
        ["Public Investment Fund", "STV"],
        amounts=[(1.2e8, "USD")],
    )
    en = rep(
        "wadi-en",
        "en",
        "Saudi start-up Wadi AI raises $120m",
        "Wadi AI raised $120 million in a round led by Sanabil Investments, with STV taking part.",
        ["Wadi AI", "Sanabil Investments", "STV"],
        amounts=[(1.2e8, "USD")],
    )
    assert not {k for k in ar.title_keys if k[0] == "o"} and not ar.principal & en.principal
    assert not engine._principals_apart(ar, en)  # it writes Sanabil (a principal of en) by sound
    # controls: the same headline whose text never names the other's principals; and a headline naming
    # its organisation keeps its principals
    ar_other = rep(
        "wadi-ar2",
        "ar",
        "جولة بقيمة 120 مليون دولار في شركة ناشئة",
        "قاد صندوق الاستثمارات العامة الجولة بمشاركة STV.",
        ["Public Investment Fund", "STV"],
        amounts=[(1.2e8, "USD")],
    )
    assert engine._principals_apart(ar_other, en)
    cohere = _principal_report("coh", "Cohere raises money from STV", ["Cohere", "Thrive Capital", "STV"])
    assert engine._principals_apart(cohere, en)


# -- a headline's time clause ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "main"),
    [
        ("Isomorphic Labs raises $600m days after AlphaFold 4 release", "Isomorphic Labs raises $600m"),
        ("Nova answers Orion with Lyra 5, hours after Vega 2", "Nova answers Orion with Lyra 5"),
        ("Nova lève 600 millions quelques jours après le lancement de Lyra 5", "Nova lève 600 millions"),
        ("Nova sammelt 600 Millionen ein, Tage nach dem Start von Lyra 5", "Nova sammelt 600 Millionen ein"),
        ("Nova capta 600 millones días después de lanzar Lyra 5", "Nova capta 600 millones"),
        ("نوفا تجمع 600 مليون دولار بعد أيام من إطلاق ليرا 5", "نوفا تجمع 600 مليون دولار"),
        ("Tras cerrar una ronda de 60 millones, Nova lanza Lyra 5", "Nova lanza Lyra 5"),
    ],
)
def test_a_time_clause_is_context(title: str, main: str) -> None:
    assert headline_context(title)[0] == main


@pytest.mark.parametrize(
    "title",
    [
        "Nova capta 500 millones de dólares pese a la ofensiva de los editores",
        "Aftermath of the deal: what Nova gets",
        "Following",  # nothing before it: the headline stays whole
        "After Nova",  # a leading clause without a comma
    ],
)
def test_a_headline_without_a_time_clause_stays_whole(title: str) -> None:
    assert headline_context(title) == (title, "")


def test_the_time_clause_names_no_headline_product_nor_event(monkeypatch: pytest.MonkeyPatch) -> None:
    def raise_report() -> Report:
        return rep(
            "iso",
            "en",
            "Nova Labs raises $600m days after Orion 4 release",
            "Nova Labs raised $600 million. Orion 4 was released on Tuesday.",
            ["Nova Labs"],
            amounts=[(6e8, "USD")],
        )

    r = raise_report()
    assert r.product is None and "n:orion" not in r.title_keys and "n:orion" in r.keys
    assert r.headline_amounts == ("a:USD:6e+08",)
    monkeypatch.setattr(features, "CONTEXT_CLAUSE", False)  # control: the clause was the headline's
    assert raise_report().product == "orion 4"


# -- a launch tagged with another primary; its product by sound in Arabic -------------------------------


def _tagged(rid: str, title: str, text: str, primary: str, tags: list[str], lang: str = "fr") -> Report:
    return extract(
        article_id=rid,
        title=title,
        text=text,
        lang=lang,
        published=None,
        primary=primary,
        tags=tags,
        orgs=["Orion Robotics"],
        amounts=[],
    )


def test_a_report_tagged_launch_is_about_its_headline_product(monkeypatch: pytest.MonkeyPatch) -> None:
    fr = _tagged(
        "p-fr",
        "Avec Picker 2, Orion veut conquérir les entrepôts",
        "Orion Robotics commercialise Picker 2, vendu via AWS, après sa levée de fonds.",
        "investment",
        ["investment", "launch"],
    )
    en = _tagged(
        "p-en",
        "Orion Robotics launches Picker 2 arm",
        "Orion Robotics launched Picker 2 on Thursday.",
        "launch",
        ["launch"],
        "en",
    )
    raise_fr = _tagged(
        "r-fr",
        "Orion Robotics lève 550 millions d'euros",
        "Orion Robotics lève 550 millions d'euros.",
        "investment",
        ["investment"],
    )
    assert engine._about_product(fr) and engine._same_product(fr, en)
    assert engine._launched_absent(fr, raise_fr)  # the raise never names Picker 2: x1.6
    # controls: a report of another headline event or without the launch tag is not about the product
    retired = _tagged(
        "ret", "Orion retires Picker 2", "Orion will retire Picker 2.", "launch", ["launch"], "en"
    )
    assert not engine._about_product(retired) and not engine._same_product(retired, en)
    assert not engine._about_product(raise_fr)
    monkeypatch.setattr(engine, "LAUNCH_TAGGED", False)
    assert not engine._about_product(fr) and not engine._same_product(fr, en)


def test_a_launch_product_against_an_arabic_report_is_compared_by_sound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    en = _tagged(
        "p-en", "Orion Robotics launches Picker 2 arm", "Picker 2 is out.", "launch", ["launch"], "en"
    )
    named = _tagged("p-ar", "أوريون تطلق بيكر 2", "أطلقت الشركة الذراع بيكر 2.", "launch", ["launch"], "ar")
    other = _tagged(
        "r-ar", "أوريون تجمع 600 مليون دولار", "جمعت الشركة 600 مليون دولار.", "investment", [], "ar"
    )
    assert not engine._launched_absent(en, named)
    assert engine._launched_absent(en, other)
    assert engine._names_product_by_sound(other, "o1")  # too short to be written by sound: named
    monkeypatch.setattr(engine, "PRODUCT_BY_SOUND", False)  # control: before, never compared
    assert not engine._launched_absent(en, other)


# -- Arabic names with a hamza'd alef and lam -------------------------------------------------------------


def test_a_hamzad_alef_lam_is_no_article(monkeypatch: pytest.MonkeyPatch) -> None:
    keys = _sound_keys("ديب مايند تكشف عن ألفافولد 4", True, set(), set())
    assert "x:lfld" in keys and "y:lfld 4" in keys  # AlphaFold 4: x:lfld, y:lfld 4 in Latin script
    assert "y:lfld 4" in _sound_keys("Google DeepMind unveils AlphaFold 4", False, set(), set())
    # control: the article (a bare alef) is still stripped ("الفافولد": fld), and without the rule
    assert "x:lfld" not in _sound_keys("تكشف عن الفافولد 4", True, set(), set())
    monkeypatch.setattr(features, "ARABIC_HAMZA_NAMES", False)
    assert "x:lfld" not in _sound_keys("ديب مايند تكشف عن ألفافولد 4", True, set(), set())


# -- the target's side of an acquisition ------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Konfig agrees €400m sale to SAP",
        "Konfig agrees its sale to SAP",
        "Konfig to be bought by SAP",
        "Konfig sells itself to SAP",
        "Konfig accepte son rachat par SAP",
        "Konfig se vend à SAP",
        "Konfig wird von SAP übernommen",
        "Konfig acepta su venta a SAP",
        "Konfig será comprada por SAP",
        "كونفيغ توافق على بيع نفسها لساب",
    ],
)
def test_the_targets_side_is_an_acquisition(title: str) -> None:
    assert "acquisition" in events_of(title)


@pytest.mark.parametrize(
    "title",
    ["Nvidia agrees chip sale to China", "US blocks Nvidia chip sale to China", "Konfig agrees to talks"],
)
def test_a_sale_of_goods_is_no_acquisition(title: str) -> None:
    assert "acquisition" not in events_of(title)
