"""Round 12 of the grouper (``tests/data/stories_generalise9.jsonl``, ids ``gs12-``: the large AI
companies in invented events, two events of one company in one week): its errors when run (0.923 with
the classifier of its day: P 0.913 R 0.933, 4 wrong pairs, 3 missed) were fixed as classes, each
tested here on reports and sentences of our own, with controls that must stay apart:

1. a headline that names no product (a recap of a company's week: "after X, the small open models") is
   about the product of the sentence its launch is told in, not the one it recalls from earlier in the
   week: it joins that launch's story and stays out of the first launch's (the wrong merges);
2. a case heard by a court is no negotiation: German „verhandeln" with a suit, a case or a court („die
   Klage muss neu verhandelt werden") is not talks (an occasion of its own that kept a ruling from its
   other reports); negotiations stay talks, in German and in the other languages;
3. a court that revives, reinstates or sends back a case has ruled (en/fr/de/es/ar);
4. a count with its scale word is one number in every notation ("40 billion", «40 milliards», «40.000
   millones», „40 Milliarden", «40 مليار»); a sum of money is not a count;
5. a name joined to a noun by a hyphen ("Llama-Modelle", "Gemini-powered") is that name too.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from services.grouper.engine import StoryIndex
from services.grouper.features import events_of, extract, launch_sentence_product, scaled_count, stage_of
from services.grouper.grouping import pair_scores
from services.grouper.settings import GrouperSettings
from tests.grouper_helpers import Grouped, group_set, joined, merged_pairs, report, set_records

SET9 = Path(__file__).parent / "data" / "stories_generalise9.jsonl"  # round 12 (gs12-)
DAY0 = datetime(2027, 6, 8, 9, tzinfo=UTC)  # a Tuesday


@pytest.fixture(scope="module")
def grouped() -> Grouped:
    return group_set(set_records(path=SET9))


def test_round12_score_floor(grouped: Grouped) -> None:
    records, found = grouped
    scores = pair_scores({r["id"]: r["story"] for r in records}, found)
    # 0.923 when run (P 0.913 R 0.933); 1.000 after round 12
    assert scores.precision >= 0.95 and scores.recall >= 0.95


def test_round12_hard_negatives_stay_apart(grouped: Grouped) -> None:
    pairs = [
        ("google-gemini4-ultra-launch-r12", "google-gemma4-launch-r12"),
        ("openai-lemonde-av-licence-r12", "openai-axelspringer-live-licence-r12"),
        ("nvidia-mistral-stake-r12", "nvidia-perplexity-investment-r12"),
        ("cedro-meta-suit-r12", "meta-authors-appeal-ruling-r12"),
        ("microsoft-germany-datacentres-r12", "microsoft-spain-datacentres-r12"),
        ("anthropic-round-talks-r12", "anthropic-round-closed-r12"),
    ]
    assert merged_pairs(grouped, pairs) == []


# 1. a recap of the week: the product of its launch sentence

ORGS = ["Corvane"]
RECAP = {
    "en": (
        "Corvane's two-track week: after Halo, the small open models",
        "It has been a busy week at Corvane. On Tuesday the company put Halo 3, its priciest model, in "
        "front of paying customers. ",
        "On Thursday Corvane released Nimbo 2, a family of open models in three sizes from 2 billion to "
        "30 billion parameters, free to download.",
    ),
    "fr": (
        "La semaine à deux vitesses de Corvane : après Halo, les petits modèles ouverts",
        "Semaine chargée chez Corvane. Mardi, l'entreprise a mis Halo 3, son modèle le plus cher, entre "
        "les mains de ses clients payants. ",
        "Jeudi, Corvane a publié Nimbo 2, une famille de modèles ouverts en trois tailles, de 2 à 30 "
        "milliards de paramètres, téléchargeables gratuitement.",
    ),
}
NIMBO = (
    "Corvane libera Nimbo 2: modelos abiertos de 2.000 a 30.000 millones de parámetros",
    "Corvane ha publicado Nimbo 2, su nueva familia de modelos abiertos, disponible desde este jueves. Hay "
    "tres tamaños, de 2.000 a 30.000 millones de parámetros.",
)
HALO = (
    "Corvane lanza Halo 3, su modelo más grande",
    "Corvane ha puesto Halo 3 a disposición de sus suscriptores de pago. El modelo maneja contextos de "
    "cinco millones de tokens y tareas de varias horas.",
)


def _recap(lang: str) -> tuple[str, str, int]:
    title, before, sentence = RECAP[lang]
    return title, before + sentence, len(before)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_recap_is_about_its_launch_sentence_product(lang: str) -> None:
    title, text, start = _recap(lang)
    r = report("recap", lang, title, text, ORGS, "launch", None, tag_starts={"launch": start})
    assert r.product == "nimbo 2"
    assert launch_sentence_product(text, start, {"corvane"}) == "nimbo 2"


def test_a_headline_product_is_kept_whatever_the_launch_sentence() -> None:
    text = "Corvane on Tuesday released Halo 3. On Thursday Corvane released Nimbo 2."
    r = report("h", "en", "Corvane releases Halo 3", text, ORGS, "launch", DAY0, tag_starts={"launch": 36})
    assert r.product == "halo 3"


def test_no_launch_sentence_no_product() -> None:
    title, text, _ = _recap("en")
    assert report("recap", "en", title, text, ORGS, "launch", None).product is None
    assert launch_sentence_product(text, None, set()) is None
    assert launch_sentence_product(text, len(text) + 5, set()) is None


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_recap_joins_the_launch_it_tells(lang: str) -> None:
    title, text, start = _recap(lang)
    recap = report("recap", lang, title, text, ORGS, "launch", None, tag_starts={"launch": start})
    nimbo = report(
        "nimbo-es", "es", *NIMBO, ORGS, "launch", DAY0 + timedelta(days=2), tag_starts={"launch": 0}
    )
    reason = joined(nimbo, recap, ORGS, DAY0)
    assert reason is not None and "nimbo-es" in reason


HALO_SAME_LANG = {
    "en": (
        "Corvane releases Halo 3, its largest model yet",
        "Corvane on Tuesday put Halo 3, its priciest model, in front of paying customers.",
    ),
    "fr": (
        "Corvane lance Halo 3, son plus grand modèle",
        "Mardi, Corvane a mis Halo 3, son modèle le plus cher, entre les mains de ses clients payants.",
    ),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_recap_stays_out_of_the_launch_it_recalls(lang: str) -> None:
    title, text, start = _recap(lang)
    recap = report("recap", lang, title, text, ORGS, "launch", None, tag_starts={"launch": start})
    for halo in (
        report("halo-es", "es", *HALO, ORGS, "launch", DAY0, tag_starts={"launch": 0}),
        report(f"halo-{lang}", lang, *HALO_SAME_LANG[lang], ORGS, "launch", DAY0, tag_starts={"launch": 0}),
    ):
        assert joined(halo, recap, ORGS, DAY0) is None
        index = StoryIndex(GrouperSettings())
        index.add(halo)
        # another product than the one the recap tells: more evidence needed (x1.6), whatever it shares
        assert index.evaluate(recap, halo)["need"] > GrouperSettings().join_score


# 2. a case heard by a court is no negotiation


@pytest.mark.parametrize(
    "title",
    [
        "US-Berufungsgericht: Autorenklage gegen Corvane muss neu verhandelt werden",
        "Der Fall Nimbo wird vor dem Landgericht Köln erneut verhandelt",
        "Musikerklage gegen Hestia: Prozess wird im Herbst verhandelt",
        "Die Klage der Verlage wird ab Montag verhandelt",
    ],
)
def test_a_case_heard_by_a_court_is_no_talks(title: str) -> None:
    assert "talks" not in events_of(title)


@pytest.mark.parametrize(
    "title",
    [
        "Corvane verhandelt mit Hestia über eine Übernahme",  # de: negotiations stay talks
        "Lizenzvertrag muss neu verhandelt werden",  # a contract renegotiated
        "Corvane in talks to settle authors' lawsuit",  # en: settlement talks in a legal affair
        "Corvane négocie avec les auteurs pour clore le procès",  # fr
        "Corvane negocia con los autores para cerrar la demanda",  # es
        "كورفان تتفاوض مع المؤلفين لتسوية الدعوى",  # ar
    ],
)
def test_negotiations_stay_talks(title: str) -> None:
    assert "talks" in events_of(title)


# 3. a court that revives or sends back a case has ruled


@pytest.mark.parametrize(
    "title",
    [
        "Appeals court revives novelists' claims against Corvane",
        "Court reinstates photographers' suit against Hestia",
        "Federal court sends back the Nimbo case to a lower court",
        "La cour d'appel relance la plainte des auteurs contre Corvane",
        "Berufungsgericht hebt Urteil zugunsten von Corvane auf",
        "El tribunal reabre la demanda de los autores contra Corvane",
        "محكمة الاستئناف تلغي حكما لصالح كورفان",
    ],
)
def test_a_court_reviving_a_case_has_ruled(title: str) -> None:
    assert stage_of(title, "") == "ruling"


@pytest.mark.parametrize(
    "title",
    [
        "Authors revive their lawsuit against Corvane",  # refiled by the plaintiffs: no ruling
        "Corvane relance sa plainte contre Hestia",
        "Corvane revives its Halo brand",  # no legal affair at all
    ],
)
def test_a_party_reviving_a_suit_is_no_ruling(title: str) -> None:
    assert stage_of(title, "") != "ruling"


# 4. a count in every notation


@pytest.mark.parametrize(
    ("lang", "text", "token"),
    [
        ("en", "models from 2 billion to 30 billion parameters", "30"),
        ("fr", "de 2 à 30 milliards de paramètres", "30"),
        ("es", "de 2.000 a 30.000 millones de parámetros", "30.000"),
        ("es", "un modelo de 30 mil millones de parámetros", "30"),
        ("de", "Modelle mit bis zu 30 Milliarden Parametern", "30"),
        ("ar", "نموذج يضم 30 مليار معلمة", "30"),
    ],
)
def test_a_count_is_one_number_in_every_notation(lang: str, text: str, token: str) -> None:
    at = text.index(token)
    assert scaled_count(token, text, at, at + len(token), lang) == "d:3e+10"


@pytest.mark.parametrize(
    ("lang", "text", "token"),
    [
        ("en", "it raised $30 billion", "30"),
        ("fr", "une levée de 30 milliards d'euros", "30"),
        ("es", "una ronda de 30.000 millones de dólares", "30.000"),
        ("de", "30 Milliarden Dollar für Rechenzentren", "30"),
        ("ar", "30 مليار دولار", "30"),
        ("en", "30 models on 30 servers", "30"),  # no scale word
    ],
)
def test_money_and_plain_numbers_are_no_scaled_count(lang: str, text: str, token: str) -> None:
    at = text.index(token)
    assert scaled_count(token, text, at, at + len(token), lang) is None


def test_spanish_billon_is_a_million_millions() -> None:
    text = "un billón de parámetros"
    assert scaled_count("un", text, 0, 2, "es") is None  # not a number
    text = "3 billones de tokens"
    assert scaled_count("3", text, 0, 1, "es") == "d:3e+12"


def test_reports_in_two_languages_share_the_count() -> None:
    en = extract(
        article_id="en",
        title="Corvane opens Nimbo 2",
        text="Sizes go from 2 billion to 30 billion parameters.",
        lang="en",
        published=None,
        primary="launch",
        orgs=["Corvane"],
        amounts=[],
    )
    es = extract(
        article_id="es",
        title="Corvane abre Nimbo 2",
        text="Los tamaños van de 2.000 a 30.000 millones de parámetros.",
        lang="es",
        published=None,
        primary="launch",
        orgs=["Corvane"],
        amounts=[],
    )
    assert "d:3e+10" in set(en.keys) & set(es.keys)


# 5. a name joined to a noun by a hyphen


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("de", "Das Gericht prüft, ob die Nimbo-Modelle dem Buchmarkt schaden.", "n:nimbo"),
        ("en", "The firm sells Halo-powered assistants to banks.", "n:halo"),
        ("fr", "Le groupe vend des assistants Halo-Pro aux banques.", "n:halo"),
    ],
)
def test_a_hyphenated_name_is_the_name(lang: str, text: str, name: str) -> None:
    r = extract(
        article_id="x",
        title="Ein Bericht",
        text=text,
        lang=lang,
        published=None,
        primary=None,
        orgs=[],
        amounts=[],
    )
    assert name in r.keys


def test_an_acronym_or_a_short_word_before_a_hyphen_is_no_name() -> None:
    text = "Das US-Gericht prüft die KI-Modelle und die EU-Regeln seit Jahren genau."
    r = extract(
        article_id="x",
        title="Ein Bericht",
        text=text,
        lang="de",
        published=None,
        primary=None,
        orgs=[],
        amounts=[],
    )
    assert not {"n:us", "n:ki", "n:eu"} & set(r.keys)
