"""Issue 13, from round 19's blind set: invented organisations named by a sector word, and an "of" before
them.

A sector word ends a name ("Glasshook Games", "Kinterra Health", "Farrow Research", "Tessel Analytics")
or starts one («Éditions Albâtre», «Discos Alcázar», «Transportes Ebro», „Stadtwerke Leipzig"); a person
or "Shares" before "of" is not part of it ("Marisa Quint of Farrow Research"), an organisation word is
("Institute of Cancer Research"). Controls: a product of a known company ("Apple Music", "Google
Health"), two sector words ("Education Software"), a sector word inside a longer name ("Public Health
England" is not "Public Health").
"""

from __future__ import annotations

import pytest

from services.classifier.engine import Classifier
from tests.classifier_helpers import org_mentions

CASES: list[tuple[str, str, set[str]]] = [
    ("en", "Glasshook Games filed a copyright suit against RunVault on Friday.", {"Glasshook Games"}),
    (
        "en",
        "Kinterra Health raised $12 million from Birchgate Ventures.",
        {"Kinterra Health", "Birchgate Ventures"},
    ),
    ("en", "Marisa Quint of Farrow Research said sales slowed.", {"Farrow Research"}),
    ("en", "Shares of Brightline Systems rose 4% on Tuesday.", {"Brightline Systems"}),
    (
        "en",
        "Researchers at the Institute of Cancer Research said the tool helped.",
        {"Institute of Cancer Research"},
    ),
    ("en", "Listeners can now hear the album on Apple Music.", {"Apple"}),
    ("en", "Google Health said the tool would ship next year.", {"Google"}),
    ("en", "The company sells Education Software to schools.", set()),
    ("en", "Public Health England issued a warning on Monday.", set()),
    (
        "fr",
        "Les Éditions Albâtre ont signé un accord avec la start-up Korrig.",
        {"Éditions Albâtre", "Korrig"},
    ),
    (
        "es",
        "Discos Alcázar firmó un acuerdo con el estudio Pandora Play.",
        {"Discos Alcázar", "Pandora Play"},
    ),
    ("es", "Transportes Ebro usará los mapas de la empresa Cartovía.", {"Transportes Ebro", "Cartovía"}),
    (
        "de",
        "Die Stadtwerke Leipzig beteiligen sich an dem Start-up Speicherwerk.",
        {"Stadtwerke Leipzig", "Speicherwerk"},
    ),
]


@pytest.mark.parametrize(
    ("lang", "text", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_sector_names(clf: Classifier, lang: str, text: str, expected: set[str]) -> None:
    assert {m.name for m in org_mentions(clf, text, lang)} == expected
