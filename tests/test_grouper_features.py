"""Feature rules of the grouper (no Kafka): stage and event rules written with Arabic letter forms that
folding changes, the counterclaim stage, transliterated names across scripts. Sentences are our own."""

from __future__ import annotations

from services.grouper.features import events_of, extract, org_sound_keys, stage_of
from services.grouper.translit import arabic_skeleton, latin_skeleton


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


def test_a_refiled_suit_is_not_the_first_filing() -> None:
    assert stage_of("Nova refiles its lawsuit against Atlas", "") == "refiling"
    assert stage_of("Nova renueva sus acciones legales contra Atlas", "") == "refiling"
    assert stage_of("نوفا تعيد رفع الدعوى ضد أطلس", "") == "refiling"
    assert stage_of("Nova verklagt Atlas erneut", "") == "refiling"


def test_names_have_one_skeleton_in_both_scripts() -> None:
    for latin, arabic in [("Brandtmeier", "براندتماير"), ("Dariusz", "داريوس"), ("Musk", "ماسك")]:
        assert latin_skeleton(latin) == arabic_skeleton(arabic)
    assert latin_skeleton("Brandtmeier") == "brndtmr"
    assert latin_skeleton("Kowalczyk") != latin_skeleton("Brandtmeier")


def test_sound_keys_come_from_names_only() -> None:
    en = extract(
        article_id="en",
        title="Atlas Robotics hires Dariusz Brandtmeier as chief scientist",
        text="Atlas Robotics said on Tuesday that Dariusz Brandtmeier will join in October from Lyon.",
        lang="en",
        published=None,
        primary=None,
        orgs=["Atlas Robotics"],
        amounts=[],
    )
    ar = extract(
        article_id="ar",
        title="أطلس روبوتيكس تعين داريوس براندتماير كبيرا للعلماء",
        text="قالت الشركة يوم الثلاثاء إن داريوس براندتماير سينضم من مختبر في ليون.",
        lang="ar",
        published=None,
        primary=None,
        orgs=["Atlas Robotics"],
        amounts=[],
    )
    assert "y:drs brndtmr" in en.keys and "x:brndtmr" in en.keys
    assert "y:drs brndtmr" in ar.keys and "x:brndtmr" in ar.keys
    assert "y:drs brndtmr" in en.title_keys and "y:drs brndtmr" in ar.title_keys
    assert "x:ktbr" not in en.keys  # months and weekdays name no one
    # the organisation (found by the classifier on both sides) is compared as its o: key: the Arabic
    # report leaves its sound out; the Latin one carries it only for an Arabic report that did not find it
    assert not any(k[0] in "xy" and "tls" in k for k in ar.keys)
    assert set(org_sound_keys("Atlas Robotics")) <= set(en.keys)


def test_persian_letters_and_script_languages() -> None:
    from services.grouper.translit import arabic_script

    assert arabic_skeleton("پاتریک") == latin_skeleton("Patrick")  # پ = p, the class of b
    assert arabic_script("ar") and arabic_script("fa") and arabic_script("UR")
    assert not arabic_script("en") and not arabic_script(None)


def test_instagram_written_in_arabic_is_not_a_fine() -> None:
    # "غرامة" (a fine) is inside "إنستغرام" (Instagram): only the word, with its prefixes, is a stage
    assert stage_of("نوفا تعلن شراكة مع فيسبوك وإنستغرام لنشر صورها", "") is None
    assert stage_of("غرامة بمليون يورو على نوفا", "") == "fine"
    assert stage_of("الهيئة تفرض الغرامة على أطلس", "") == "fine"
    assert stage_of("فرض غرامات على أطلس", "") == "fine"


def test_arabic_indic_digits_are_the_same_numbers() -> None:
    def keys(title: str, text: str, lang: str) -> set[str]:
        r = extract(
            article_id="x",
            title=title,
            text=text,
            lang=lang,
            published=None,
            primary=None,
            orgs=[],
            amounts=[],
        )
        return set(r.keys)

    ar = keys(
        "نوفا تطرح طراز أوريون ٣٥٠ بذاكرة ١٢٫٥ تيرابايت", "قالت نوفا إن الطراز الجديد متاح في ۴۰ دولة.", "ar"
    )
    en = keys(
        "Nova ships Orion 350 with 12.5 TB of memory", "Nova said the model is sold in 40 countries.", "en"
    )
    assert {"d:350", "d:12.5", "d:40"} <= ar & en


def test_a_court_or_judge_and_what_it_decided_is_a_ruling() -> None:
    for title in (
        "Appeals court upholds the verdict for Nova Robotics",
        "Federal judge orders Atlas Labs to hand over its chat logs",
        "La justice ordonne à Atlas Labs de publier ses données",
        "Nova Robotics débouté en appel face à Atlas Labs",
        "Gericht in Hamburg verbietet Atlas Labs das Training",
        "Un juez federal rechaza la demanda de Nova Robotics",
        "محكمة أمريكية ترفض دعوى نوفا ضد أطلس",
        "قاضية فيدرالية تلزم أطلس بتسليم السجلات",
    ):
        assert stage_of(title, "") == "ruling", title
    # "court" alone decides nothing: taking a company to court is a filing, not a ruling
    assert stage_of("Nova Robotics takes Atlas Labs to court over Orion", "") == "filing"
    assert stage_of("Nova Robotics sues Atlas Labs over Orion", "") == "filing"
