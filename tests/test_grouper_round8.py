"""Round 8 of the grouper (``tests/data/stories_generalise6.jsonl``, ids ``gs8-``): follow-ups over several
days and later stages of one product or deal (a price changed, a deal completed, a beta and its general
availability), regulators named or only described by their country, a headline's first word that the
other report writes as a name, a person's launches for two companies, principals in hyphenated compounds,
a silent "gh" in names written in Arabic letters; each rule with a control. Sentences of our own."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from services.grouper.engine import (
    StoryIndex,
    _first_words,
    _launches_apart,
    _named,
    _principals_apart,
    _regulators_apart,
)
from services.grouper.features import (
    Report,
    events_of,
    headline_first_word,
    launch_phase,
    launched_name,
    regulators_of,
)
from services.grouper.grouping import pair_scores
from services.grouper.settings import GrouperSettings
from services.grouper.translit import arabic_skeleton, latin_skeleton
from tests.grouper_helpers import Grouped, group_set, merged_pairs, report, set_records

SET6 = Path(__file__).parent / "data" / "stories_generalise6.jsonl"  # round 8 (gs8-)
DAY0 = datetime(2026, 5, 4, 9, tzinfo=UTC)


@pytest.fixture(scope="module")
def grouped() -> Grouped:
    return group_set(set_records(path=SET6))


def test_round8_score_floor(grouped: Grouped) -> None:
    records, found = grouped
    scores = pair_scores({r["id"]: r["story"] for r in records}, found)
    # 0.667 when written (P 0.667 R 0.667: 19 wrong pairs, three hard negatives merged); 0.914 after
    assert scores.precision >= 0.95 and scores.f1 >= 0.88


@pytest.mark.parametrize(
    "story",
    [
        "cnil-brightwave-r8",  # the regulator named (fr) and described (en, de, es, ar)
        "garante-brightwave-r8",  # the second regulator's fine, the first one recalled in a clause
        "okafor-quiverly-r8",  # the chief executive leads two headlines ("Quiverly-Chefin Dana Okafor")
        "fennel-parallax-r8",  # a founder's new start-up, her former employer in every headline
        "stannard-mirelo-r8",  # a wire story, two trimmed copies with new headlines, a translation
        "nsg-tonecraft-r8",  # translations of one wire story
        "halvern-tessaro-r8",  # a takeover and a follow-up the next day adding the payment in shares
        "halvern-tessaro-close-r8",
        "pellucid-canvas-ga-r8",
        "ostrander-vantor-r8",
    ],
)
def test_reports_of_one_event_join(grouped: Grouped, story: str) -> None:
    records, found = grouped
    ids = [r["id"] for r in records if r["story"] == story]
    assert len({found[i] for i in ids}) == 1, story


def test_follow_ups_over_three_days_join(grouped: Grouped) -> None:
    _, found = grouped
    # the launch (en), its price the next day (fr: "Sift 3 d'Ondara coûtera ..."), its date two days later
    assert len({found[i] for i in ("gs8-b01-en", "gs8-b01-fr", "gs8-b01-de")}) == 1


def test_hard_negatives_stay_apart(grouped: Grouped) -> None:
    pairs = [
        ("ondara-sift3-r8", "ondara-pricecut-r8"),  # a launch and its price cut six days later
        ("ostrander-halden-r8", "ostrander-vantor-r8"),  # one CEO's launches for two companies, one day
        ("cnil-brightwave-r8", "garante-brightwave-r8"),  # two regulators fine one company, three days apart
        ("pellucid-canvas-beta-r8", "pellucid-canvas-ga-r8"),  # a beta and its general availability
        ("halvern-tessaro-r8", "halvern-tessaro-close-r8"),  # a takeover agreed, then completed
    ]
    assert merged_pairs(grouped, pairs) == []


def _report(
    rid: str, lang: str, title: str, text: str, orgs: list[str], primary: str | None, **kw: Any
) -> Report:
    return report(rid, lang, title, text, orgs, primary, DAY0, **kw)


@pytest.mark.parametrize(
    "title",
    [
        "Brelka halves Nimbo 2 price after complaints",
        "Brelka baisse le prix de Nimbo 2",
        "Brelka senkt Preis für Nimbo 2 auf 10 Dollar",
        "Brelka rebaja el precio de Nimbo 2",
        "بريلكا تخفض سعر نيمبو 2",
    ],
)
def test_price_change_is_an_occasion(title: str) -> None:
    assert "pricing" in events_of(title)


def test_price_change_controls() -> None:
    assert events_of("Nimbo 2 de Brelka coûtera 30 dollars par mois") == []  # a price stated: no change
    assert "pricing" not in events_of("Brelka raises $30 million for Nimbo")
    launch = _report("l", "en", "Brelka releases Nimbo 2", "Brelka released Nimbo 2.", ["Brelka"], "launch")
    price = _report("p", "en", "Brelka halves Nimbo 2 price", "Brelka cut the price.", ["Brelka"], None)
    index = StoryIndex(GrouperSettings())
    assert index._veto(launch, price) == "occasion"
    again = _report("q", "de", "Brelka senkt Preis für Nimbo 2", "Nimbo 2 kostet weniger.", ["Brelka"], None)
    assert index._veto(price, again) is None  # two reports of the price cut


@pytest.mark.parametrize(
    "title",
    [
        "Halvern completes $2 billion takeover of Tessaro",
        "Halvern finalise le rachat de Tessaro",
        "Halvern schließt Übernahme von Tessaro ab",
        "Halvern cierra la compra de Tessaro",
        "هالفرن تستكمل صفقة الاستحواذ على تيسارو",
    ],
)
def test_completed_deal_is_an_occasion(title: str) -> None:
    assert "completion" in events_of(title)


def test_completed_deal_controls() -> None:
    assert "completion" not in events_of("Halvern agrees to buy Tessaro for $2 billion")
    assert "completion" not in events_of("Halvern cierra un acuerdo para la compra de Tessaro")
    assert "completion" not in events_of("Halvern closes in on Tessaro deal")


def test_launch_phases_and_controls() -> None:
    assert launch_phase("Pellucid opens beta of Canvas") == "beta"
    assert launch_phase("Pellucid testet Canvas als Beta") == "beta"
    assert launch_phase("Canvas leaves beta, now costs $12 a month") == "ga"  # recalls the beta: GA
    assert launch_phase("Pellucid lance officiellement Canvas après quatre mois de bêta") == "ga"
    assert launch_phase("Canvas ya está disponible para todos") == "ga"
    assert launch_phase("Pellucid launches Canvas") is None  # control: no phase
    beta = _report("b", "en", "Pellucid opens beta of Canvas", "A beta.", ["Pellucid"], "launch")
    ga = _report("g", "es", "Canvas ya está disponible para todos", "Pellucid.", ["Pellucid"], "launch")
    ga2 = _report("h", "en", "Pellucid's Canvas is now generally available", ".", ["Pellucid"], "launch")
    index = StoryIndex(GrouperSettings())
    assert index._late_veto(beta, ga) == "launch-phases"
    assert index._late_veto(ga, ga2) is None  # control: two reports of the general availability


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("France's data protection authority fines Brightwave", "FR"),
        ("La CNIL inflige une amende à Brightwave", "FR"),
        ("El regulador francés multa a Brightwave", "FR"),
        ("Französische Datenschutzbehörde verhängt Strafe gegen Brightwave", "FR"),
        ("هيئة حماية البيانات الفرنسية تغرم برايتويف", "FR"),
        ("Italy's privacy watchdog fines Brightwave", "IT"),
        ("le gendarme italien de la vie privée sanctionne Brightwave", "IT"),
        ("Italian Data Protection Authority", "IT"),
    ],
)
def test_regulator_by_its_country(text: str, country: str) -> None:
    assert regulators_of(text) == {country}


def test_regulator_controls() -> None:
    assert regulators_of("French start-up Mistral raises €600 million") == set()  # no regulator's noun
    assert regulators_of("CMA CGM buys a stake in Mistral") == set()
    fr = _report("fr", "fr", "La CNIL inflige une amende à Brightwave", ".", ["CNIL", "Brightwave"], None)
    en = _report("en", "en", "France's data protection authority fines Brightwave", ".", [], None)
    it = _report("it", "en", "Italy's privacy watchdog fines Brightwave", ".", [], None)
    eu = _report("eu", "en", "EU regulators fine Brightwave", ".", [], None)
    assert "r:FR" in fr.title_keys and "r:FR" in en.title_keys
    assert _named("o:CNIL", fr, en)  # the regulator named by its description
    assert not _named("o:CNIL", fr, it)  # control: another country's regulator
    assert _regulators_apart(en, it)
    assert not _regulators_apart(fr, en)  # control: one country's regulator named and described
    assert not _regulators_apart(eu, it)  # control: a union's regulators are no country's


def test_headline_first_word_named_by_the_other_and_control() -> None:
    assert headline_first_word("Ondara releases Sift 3", set()) == "ondara"
    assert headline_first_word("OpenAI releases GPT-6", set()) is None  # a capital inside: a name already
    assert headline_first_word("The agent that reads case law", set()) is None
    en = _report("en", "en", "Ondara releases Sift 3, a research agent", "Ondara said so.", [], "launch")
    fr = _report("fr", "fr", "Sift 3 d'Ondara coûtera 30 dollars", "L'agent.", [], "launch")
    assert en.first == "ondara" and "n:ondara" in fr.title_keys
    # each headline's first word is a name of the other's headline: the company, and the product
    assert _first_words(en, fr) == {"n:ondara": True, "n:sift": True}
    other = _report("o", "fr", "Nimbo 3 de Brelka coûtera 30 dollars", "L'agent.", [], "launch")
    assert _first_words(en, other) == {}  # control: neither writes the other's first word as a name
    es = _report("es", "es", "Halo, el agente de voz", "La start-up ha puesto a la venta Halo.", [], None)
    assert "n:halo" in es.title_keys  # its own text writes the headline's first word as a name
    plain = _report("p", "es", "Agentes de voz para todos", "Los agentes llegan.", [], None)
    assert not any(k.startswith("n:") for k in plain.title_keys)  # control


def test_launch_products_of_one_person_and_controls() -> None:
    orgs = {"halden", "robotics"}
    assert launched_name("Rafael Ostrander unveils Halden's H2 humanoid robot", orgs, "en") == "h2"
    assert launched_name("Rafael Ostrander unveils Vantor's Quill chatbot", orgs, "en") == "quill"
    robot = _report(
        "r", "en", "Rafael Ostrander unveils Halden's H2 humanoid robot",
        "Ostrander, who also runs Vantor, showed the robot.", ["Halden Robotics", "Vantor"], "launch",
    )  # fmt: skip
    bot = _report(
        "b", "en", "Rafael Ostrander unveils Vantor's Quill chatbot",
        "Hours after a robot for Halden Robotics, Ostrander showed Quill.", ["Halden Robotics"], "launch",
    )  # fmt: skip
    assert _launches_apart(robot, bot)
    same = _report("s", "en", "Ostrander shows Quill", "Vantor's Quill books travel.", ["Vantor"], "launch")
    assert not _launches_apart(bot, same)  # control: one product
    named = _report(
        "n", "en", "Rafael Ostrander unveils Halden's H2 humanoid robot", "He also showed Quill.",
        ["Halden Robotics"], "launch",
    )  # fmt: skip
    assert not _launches_apart(named, bot)  # control: the other's product is named


def test_hyphenated_principal_and_control() -> None:
    en = _report("en", "en", "Quiverly raises $200 million", ".", ["Quiverly"], "investment")
    de = _report(
        "de", "de", "Quiverly-Chefin Dana Okafor sammelt 200 Millionen Dollar ein", ".",
        ["Quiverly-Chefin Dana Okafor"], "investment",
    )  # fmt: skip
    assert not _principals_apart(en, de)
    other = _report("o", "en", "Brelka raises $200 million", ".", ["Brelka"], "investment")
    assert _principals_apart(other, de)  # control: another company


def test_silent_gh_and_control() -> None:
    assert latin_skeleton("Brightwave") == arabic_skeleton("برايتويف") == "brtf"
    assert latin_skeleton("Lightspeed") == arabic_skeleton("لايتسبيد")
    assert latin_skeleton("Ghana") == "gn"  # control: a "gh" before a vowel is a g
