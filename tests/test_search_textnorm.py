"""Search folding (shared.textnorm): documents and queries fold to the same words."""

from __future__ import annotations

import pytest

from shared.textnorm import fold, fold_terms, fold_with_offsets


@pytest.mark.parametrize(
    ("variant", "plain"),
    [
        ("أعلنت", "اعلنت"),  # alef with hamza above
        ("إعلان", "اعلان"),  # alef with hamza below
        ("آلة", "اله"),  # alef with madda, ta marbuta
        ("ٱلشركة", "الشركه"),  # alef wasla
        ("الـذكـاء", "الذكاء"),  # tatweel
        ("الذَّكَاءُ الاصْطِنَاعِيُّ", "الذكاء الاصطناعي"),  # harakat, shadda, sukun
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("Société Générale", "societe generale"),
        ("Straße", "strasse"),
        ("ÜBER Müller", "uber muller"),
        ("Ça coûte", "ca coute"),
        ("ﬁnance", "finance"),  # compatibility ligature
    ],
)
def test_variants_fold_to_the_plain_form(variant: str, plain: str) -> None:
    assert fold(variant) == fold(plain) == plain


def test_scripts_whose_marks_are_letters_keep_them() -> None:
    assert fold("हिन्दी") == "हिन्दी"
    assert fold("한국어") == "한국어"


def test_empty_and_none() -> None:
    assert fold(None) == ""
    assert fold("") == ""


def test_offsets_map_folded_positions_to_the_original() -> None:
    original = "Die Straße von Zürich — الـذكـاء"
    folded, origin = fold_with_offsets(original)
    assert folded == fold(original)
    assert len(origin) == len(folded) + 1
    start = folded.index("zurich")
    end = start + len("zurich")
    assert original[origin[start] : origin[end - 1] + 1] == "Zürich"
    start = folded.index("الذكاء")
    end = start + len("الذكاء")
    assert original[origin[start] : origin[end - 1] + 1] == "الـذكـاء"


def test_fold_terms() -> None:
    assert fold_terms("L'Élysée, 2026!") == ["l", "elysee", "2026"]
