"""Round 9 of the grouper (``tests/data/stories_generalise7.jsonl``, ids ``gs9-``): headlines led by the
amount, the product, a person or a reaction, a subsidiary and its parent, an agency by acronym and full
name, Arabic transliterations, wire copies, reports a day or two apart; hard negatives (a licence deal then
a launch of the same companies, two rounds led by one investor on one day, a suit then a ruling, a round
announced then closed, a rival's launch). Its misses when written (0.889: P 0.923 R 0.857) were fixed as
classes, each below with sentences of our own and a control:

1. a settlement told as ending the litigation: «met fin au litige», «mettre fin à l'action collective»,
   «pagará … para cerrar la demanda colectiva» (was read as a suit filed: a different stage);
2. a silent final "b" after "m" in a name's sound ("Ashcombe" / «أشكوم»);
3. classifier: "249 دولارا" (the accusative after 11-99) is an amount; German descriptors glued to a
   name („der Zeitschriftenverlag X", „vom US-Investor X") are dropped; the gazetteer's Writer is not
   found in "Writers" ("Prairie Writers' Guild").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from services.classifier.engine import Classifier
from services.grouper.features import stage_of
from services.grouper.grouping import pair_scores
from services.grouper.translit import arabic_skeleton, latin_skeleton
from tests.grouper_helpers import Grouped, group_set, merged_pairs, set_records

SET7 = Path(__file__).parent / "data" / "stories_generalise7.jsonl"  # round 9 (gs9-)


@pytest.fixture(scope="module")
def grouped() -> Grouped:
    return group_set(set_records(path=SET7))


def test_round9_score_floor(grouped: Grouped) -> None:
    records, found = grouped
    scores = pair_scores({r["id"]: r["story"] for r in records}, found)
    # 0.889 when written (P 0.923 R 0.857); 0.929 after (P 0.929 R 0.929); 0.963 after round 10
    # (P 1.000 R 0.929)
    assert scores.precision >= 0.9 and scores.recall >= 0.9


@pytest.mark.parametrize(
    "story",
    [
        "trevanne-raise-r9",
        "aws-chile-r9",
        "dpa-mistral-r9",
    ],
)
def test_reports_of_one_event_join(grouped: Grouped, story: str) -> None:
    records, found = grouped
    ids = [r["id"] for r in records if r["story"] == story]
    assert len({found[i] for i in ids}) == 1, story


def test_a_settlement_told_three_ways_joins(grouped: Grouped) -> None:
    _, found = grouped
    # "settles" (en), «met fin au litige» (fr), «para cerrar la demanda» (es); the Arabic report stays
    # apart (left: the English one names no organisation, "Ottavo AI" has no cue there)
    assert len({found[i] for i in ("gs9-k01-en", "gs9-k01-fr", "gs9-k01-es")}) == 1


def test_hard_negatives_stay_apart(grouped: Grouped) -> None:
    pairs = [
        ("bluecastle-sonique-suit-r9", "bluecastle-sonique-tro-r9"),  # a suit, then a ruling six days on
        ("trevanne-raise-r9", "trevanne-close-r9"),  # a round announced, then closed larger
    ]
    assert merged_pairs(grouped, pairs) == []


@pytest.mark.parametrize(
    ("title", "lead"),
    [
        ("Lumio met fin au litige avec les auteurs", ""),
        (
            "Lumio paiera 5 millions",
            "Lumio a accepté de verser 5 millions pour mettre fin à l'action collective.",
        ),
        ("Lumio y los autores ponen fin a la demanda", ""),
        ("Lumio puso fin a la demanda de los autores", ""),
        ("Lumio pagará 5 millones", "Lumio pagará 5 millones de dólares para cerrar la demanda colectiva."),
    ],
)
def test_ending_the_litigation_is_a_settlement(title: str, lead: str) -> None:
    assert stage_of(title, lead) == "settlement"


def test_settlement_controls() -> None:
    assert stage_of("Des auteurs lancent une action collective contre Lumio", "") != "settlement"
    assert stage_of("Escritores presentan una demanda colectiva contra Lumio", "") != "settlement"
    assert stage_of("Lumio met fin à son partenariat avec Orbix", "") is None  # no litigation ended
    assert stage_of("Le parquet met fin aux poursuites contre Lumio", "") != "settlement"  # no agreement


def test_silent_final_b_after_m() -> None:
    assert latin_skeleton("Ashcombe") == arabic_skeleton("أشكوم") == "skm"
    assert latin_skeleton("Holcomb") == arabic_skeleton("هولكوم")
    # controls: a "b" that is sounded stays
    assert latin_skeleton("Lamborghini").startswith("lmb")
    assert latin_skeleton("Combell") == "kmbl"
    # a sounded final "b" written in Arabic letters meets the Latin name that drops it, whatever follows it
    assert latin_skeleton("Lacombe") == arabic_skeleton("لاكومب")
    assert latin_skeleton("Tampa") == arabic_skeleton("تامبا")
    assert latin_skeleton("Kemp") == arabic_skeleton("كيمب")


def test_classifier_fixes_of_round_nine(clf: Classifier) -> None:
    amounts = clf.classify("", "تبيع الشركة السماعات بسعر 249 دولارا في الولايات المتحدة.", "ar").amounts
    assert [(a.currency, a.value) for a in amounts] == [("USD", 249.0)]

    def orgs(text: str, lang: str) -> list[str]:
        return [m.name for m in clf.classify("", text, lang).org_mentions]

    assert orgs("Angeführt wird die Runde vom US-Investor Harrowgate Ventures.", "de") == [
        "Harrowgate Ventures"
    ]
    assert orgs("Der Zeitschriftenverlag Ashcombe Media hat seine Archive lizenziert.", "de") == [
        "Ashcombe Media"
    ]
    assert "Writer" not in orgs("The Prairie Writers' Guild said the deal was fair.", "en")
    # controls: the company Writer, and its possessive
    assert orgs("Writer's new model was praised. Writer said it would grow.", "en") == ["Writer"]
