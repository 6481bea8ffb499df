"""One text folding (shared/textnorm.py) for search, tagging, organisations and alert keywords.

Before: an alert keyword ``انفيديا`` did not match a story writing ``إنفيديا`` (the alerter only
NFKC-case-folded), while search folded hamza forms; five folding implementations disagreed."""

from __future__ import annotations

import pytest

from services.alerter.matching import matches_filters
from services.alerter.subscriptions import Filters
from services.classifier.engine import Classifier
from services.classifier.taxonomy import fold as matching_fold
from services.classifier.textutil import lower_same_length, strip_marks
from shared.contracts import ClassifiedArticle
from shared.textnorm import fold, fold_same_length, strip_folded_away


def _article(title: str, text: str, orgs: list[str] | None = None) -> ClassifiedArticle:
    return ClassifiedArticle(id="a1", url="https://example.org/a1", title=title, text=text, orgs=orgs or [])


def _keyword(keyword: str, article: ClassifiedArticle) -> bool:
    return matches_filters(article, Filters(keywords=[keyword]))


def test_alert_keyword_matches_other_arabic_letter_forms() -> None:
    story = _article("إنفيديا تستثمر في أبوظبي", "أعلنت شركة إنفيديا عن استثمار جديد.")
    assert _keyword("انفيديا", story)  # bare alef; the story writes hamza below
    assert _keyword("ابوظبي", story)
    assert _keyword("إنفيديا", _article("انفيديا", "انفيديا تعلن"))  # and the other way round
    assert _keyword("الذكاء الاصطناعي", _article("", "الذَّكَاءُ الاصْطِنَاعِيُّ يتقدم"))  # harakat
    assert _keyword("مستشفى", _article("", "مستشفي جديد"))  # alef maqsura / yeh
    assert not _keyword("انفيديا", _article("", "أعلنت شركة إنتل عن استثمار."))  # control


def test_alert_keyword_ignores_case_accents_and_invisible_characters() -> None:
    story = _article("La Société Générale investit", "Ein Über\u00adblick: Goo\u200bgle und die KI.")
    assert _keyword("societe generale", story)
    assert _keyword("uberblick", story)
    assert _keyword("google", story)
    assert not _keyword("generales", story)  # whole words only


def test_alert_org_filter_takes_any_spelling_of_a_known_organisation() -> None:
    story = _article("", "", orgs=["Midjourney", "Nvidia"])
    assert matches_filters(story, Filters(orgs=["ميدجورني"]))
    assert matches_filters(story, Filters(orgs=["انفيديا"]))
    assert matches_filters(story, Filters(orgs=["midjourney"]))
    assert not matches_filters(story, Filters(orgs=["أوبن إيه آي"]))


SAME = [
    "إنفيديا",
    "أبوظبي",
    "آلة",
    "ٱلشركة",
    "الـذكـاء",
    "الذَّكَاءُ الاصْطِنَاعِيُّ",
    "مستشفى",
    "مسؤول",
    "رئيس",
    "Nvidia’s AI – news",
    "ﻻ",
    "NVIDIA and OPENAI",
]


@pytest.mark.parametrize("text", SAME)
def test_the_same_string_folds_identically_for_search_tagging_and_alerts(text: str) -> None:
    search = fold(text)
    alert_haystack = fold(text)  # services/alerter/matching.py folds with shared.textnorm.fold
    stripped, _ = strip_marks(text)  # the classifier's matching copy: marks out, then one-to-one
    tagging = lower_same_length(matching_fold(stripped))
    assert search == alert_haystack
    if len(fold(text, keep_case=True)) == len(stripped):  # no compatibility expansion (ﻻ -> لا)
        assert tagging == search


def test_tagging_keeps_latin_accents_that_tell_words_apart() -> None:
    # search and alerts fold accents; the classifier's matching form keeps them (jugés != juges)
    assert fold("jugés") == fold("juges")
    assert fold_same_length("jugés") != fold_same_length("juges")
    assert fold_same_length("Über") == "Über"
    assert fold_same_length("إنفيديا") == "انفيديا"


def test_matching_copy_keeps_offsets() -> None:
    text = "قالت «إنفيديا» إنّ الـذكـاء Nvidia’s"
    stripped, omap = strip_folded_away(text)
    assert omap is not None and len(omap) == len(stripped) + 1
    assert len(fold_same_length(stripped)) == len(stripped)
    i = stripped.index("الذكاء")
    assert text[omap[i] : omap[i + len("الذكاء") - 1] + 1] == "الـذكـاء"


def test_a_tag_rule_and_an_org_alias_match_every_arabic_spelling() -> None:
    clf = Classifier()
    for spelling in ("إنفيديا", "انفيديا", "إنفـيديا", "إِنْفِيدِيَا"):
        c = clf.classify("", f"رفعت شركة {spelling} دعوى قضائية ضد منافس.", "ar")
        assert c.orgs == ["Nvidia"], spelling
        assert "lawsuit" in c.tag_names, spelling


@pytest.mark.parametrize(
    "word", ["دعوى", "تسوية", "ٱلمحكمة", "دعوی", "کلاسیک", "مـحـكـمـة", "décision", "verfügung"]
)
def test_a_rule_written_plainly_matches_the_text_folded(word: str) -> None:
    """The grouper's stage rules are written in plain letters and matched on ``fold``ed text: a rule
    folded by ``fold_pattern`` matches every spelling ``fold`` makes one, and its regex syntax stays."""
    import re

    from shared.textnorm import fold_pattern

    assert re.search(fold_pattern(rf"\b{word}\b"), fold(f"قال إن {word} جديدة"))
    assert fold_pattern(r"\W\S\B\D") == r"\W\S\B\D"
