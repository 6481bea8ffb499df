"""Feature rules of the grouper (no Kafka): stage and event rules written with Arabic letter forms that
folding changes, the counterclaim stage, transliterated names across scripts. Sentences are our own."""

from __future__ import annotations

from services.grouper.features import events_of, stage_of


def test_arabic_rules_match_folded_text() -> None:
    # "دعوى" (alef maqsura) is folded to "دعوي": a rule written with the original letter must still match
    assert stage_of("شركة نوفا ترفع دعوى ضد شركة أطلس", "") == "filing"
    assert stage_of("أطلس تواجه دعوى قضائية ضد منصتها", "") == "filing"
    assert events_of("نوفا تستحوذ على أطلس") == ["acquisition"]


def test_a_counterclaim_is_not_the_suit_it_answers() -> None:
    assert stage_of("Atlas countersues Nova over its chatbot", "") == "counterclaim"
    assert stage_of("Atlas contre-attaque et vise Nova en justice", "") == "counterclaim"
    assert stage_of("Atlas reicht Widerklage gegen Nova ein", "") == "counterclaim"
    assert stage_of("Atlas presenta una demanda reconvencional contra Nova", "") == "counterclaim"
    assert stage_of("أطلس ترفع دعوى مضادة ضد نوفا", "") == "counterclaim"
    assert stage_of("Nova sues Atlas over its chatbot", "") == "filing"
