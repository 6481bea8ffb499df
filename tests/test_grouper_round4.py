"""Round 4 of the generalisation set (``tests/data/stories_generalise2.jsonl``, ids ``gs4-``: 18
events, 48 reports in en/fr/de/es/ar, written and committed before the grouper was run on it, aimed
at the wrong merges of real news): its score, the pairs that must join and the hard negatives that
must stay apart, and the rules added after it, each with a control. Sentences are our own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.grouper import engine, features
from services.grouper.engine import StoryIndex
from services.grouper.features import (
    Report,
    _sound_keys,
    _title_numbers,
    events_of,
    headline_product,
    stage_of,
)
from services.grouper.grouping import pair_scores
from services.grouper.settings import GrouperSettings
from tests import grouper_helpers
from tests.grouper_helpers import SET2, Grouped, group_set, merged_pairs, report, set_records, veto

DAY0 = datetime(2026, 6, 8, 9, 0, tzinfo=UTC)

# Two events of the same companies within days (or an event and a roundup naming it): never one story.
HARD_NEGATIVES_R4 = [
    ("mistral-raise", "mistral-magistral2"),  # a raise and, two days later, a launch recalling it
    ("amazon-anthropic-invest", "authors-amazon-anthropic-suit"),  # a deal and a suit of the same two
    ("gemini4-launch", "jules2-launch"),  # one company's two launches, the second built on the first
    ("getty-stability-filing", "getty-stability-ruling"),  # a suit filed, then a ruling five days later
    ("apple-google-talks", "apple-google-signed"),  # talks, then the signed deal, same amount
    ("meta-dpc-fine-550", "meta-appeal"),  # a fine, then its appeal, same amount
    ("humain-aws", "humain-nvidia"),  # one buyer's two deals, the second recalling the first's amount
    ("deepl-agent-launch", "deepl-raise"),  # a launch and a raise of one company three days apart
    ("roundup-week24", "mistral-raise"),  # a roundup of the week and the events it names
    ("roundup-week24", "gemini4-launch"),
    ("roundup-week24", "apple-google-signed"),
    ("roundup-week24", "getty-stability-ruling"),
]

# Reports of one event that must share a story: a syndicated copy with a new headline, amounts in
# other notations (€1.5bn / 1,5 Mrd. € / 1,5 milliard d'euros / 1.5 مليار يورو), names in Arabic
# letters, an op-ed about the event, a report naming other secondary organisations.
MUST_JOIN = [
    ("gs4-h01-en", "gs4-h01-en-wire"),  # the wire copy: "Microsoft bets big on Europe's AI champion"
    ("gs4-h01-en", "gs4-h01-de"),  # 1,5 Mrd. €, Nvidia named instead of Bpifrance
    ("gs4-h01-en", "gs4-h01-fr"),
    ("gs4-h01-en", "gs4-h01-ar"),  # ميسترال ... 1.5 مليار يورو
    ("gs4-h01-en", "gs4-h01-fr-oped"),  # the op-ed about the raise (untagged)
    ("gs4-h02-en", "gs4-h02-es"),  # the same versioned product, Magistral 2
    ("gs4-h05-en", "gs4-h05-ar"),  # جيميناي 4 / Gemini 4
    ("gs4-h17-en", "gs4-h17-de"),  # 550 Mio. Euro
    ("gs4-h18-en", "gs4-h18-es"),  # two reports of the appeal
    ("gs4-h10-en", "gs4-h10-ar"),  # the signed deal, untagged in Arabic
]


@pytest.fixture(scope="module")
def grouped() -> Grouped:
    return group_set(set_records("gs4-", SET2))


def test_round_four_is_what_it_says() -> None:
    records = set_records("gs4-", SET2)
    stories = {r["story"] for r in records}
    assert len(records) == 48 and len(stories) == 18
    assert {r["lang"] for r in records} == {"en", "fr", "de", "es", "ar"}
    assert sum(r["published"] is None for r in records) >= 15
    assert {s for pair in HARD_NEGATIVES_R4 for s in pair} <= stories
    by_id = {r["id"]: r for r in records}
    assert by_id["gs4-h01-fr-oped"]["story"] == "mistral-raise"  # an op-ed is of its event's story
    assert by_id["gs4-h11-en"]["story"] == "roundup-week24"  # a roundup is a story of its own
    # round 1's Irish fine of March is another event: no story key is shared with rounds 1-3
    assert not stories & {r["story"] for r in set_records()}


def test_round_four_score(grouped: Grouped) -> None:
    records, found = grouped
    scores = pair_scores({r["id"]: r["story"] for r in records}, found)
    # P 1.000 R 0.960 (48 of 50 pairs; the Arabic SAP report's two pairs missed: the classifier does not
    # find "ساب") with the classifier of 2026-12-02 03:30; P 0.506 R 0.860 F1 0.637 when written. The
    # tolerance leaves room for the classifier moving
    assert scores.precision >= 0.95, scores.wrong
    assert scores.recall >= 0.90, scores.missed


def test_round_four_hard_negatives_are_never_merged(grouped: Grouped) -> None:
    assert merged_pairs(grouped, HARD_NEGATIVES_R4) == []


@pytest.mark.parametrize(("a", "b"), MUST_JOIN)
def test_round_four_reports_of_one_event_join(grouped: Grouped, a: str, b: str) -> None:
    _, found = grouped
    assert found[a] == found[b]


def rep(
    rid: str,
    lang: str,
    title: str,
    text: str,
    orgs: list[str],
    primary: str | None = "launch",
    published: datetime | None = DAY0,
    amounts: list[tuple[float, str]] | None = None,
) -> Report:
    return report(rid, lang, title, text, orgs, primary, published, amounts)


def joined(a: Report, b: Report, orgs: list[str]) -> str | None:
    """The story ``b`` joins after ``a`` among reports of other events (None: a new story)."""
    return grouper_helpers.joined(a, b, orgs, DAY0)


# -- talks before a deal ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Nova in advanced talks to license Orion's model, sources say",
        "Nova négocie avec Orion pour utiliser son modèle",
        "Nova en discussions avancées avec Orion",
        "Nova in Gesprächen mit Orion über eine Lizenz",
        "Nova en conversaciones con Orion para usar su modelo",
        "نوفا تجري محادثات مع أوريون",
        "Nova nears $1 billion deal with Orion",
    ],
)
def test_talks_are_talks(title: str) -> None:
    assert "talks" in events_of(title)


@pytest.mark.parametrize(
    "title",
    [
        "Nova and Orion sign licensing deal",
        "Nova and Orion sign deal after months of talks",  # the signed deal, talks in its background
        "Nova und Orion besiegeln Lizenzvertrag",
        "Nova y Orion firman el acuerdo",
        "Le Parlement européen discute de l'AI Act",  # a debate, not talks with someone
        "نوفا تحفظ محادثات المستخدمين",  # a chatbot's conversations
    ],
)
def test_a_signed_deal_a_debate_or_chats_are_no_talks(title: str) -> None:
    assert "talks" not in events_of(title)


ORGS = ["Nova", "Orion"]
TALKS_EN = rep(
    "talks-en",
    "en",
    "Nova in talks to pay Orion $1 billion a year for its model",
    "Nova is in advanced talks to pay Orion about $1 billion a year to use its model in the Lyra assistant, "
    "people familiar with the matter said. No agreement has been signed.",
    ORGS,
    "licensing",
    amounts=[(1e9, "USD")],
)
TALKS_FR = rep(
    "talks-fr",
    "fr",
    "Nova négocie avec Orion pour son assistant Lyra",
    "Nova est en discussions avancées avec Orion pour faire tourner Lyra sur son modèle, pour environ 1 "
    "milliard de dollars par an.",
    ORGS,
    "licensing",
    DAY0 + timedelta(hours=6),
    amounts=[(1e9, "USD")],
)
SIGNED_EN = rep(
    "signed-en",
    "en",
    "Nova and Orion sign deal to put Orion's model behind Lyra",
    "Nova and Orion have signed a multi-year agreement under which Orion's model will power the Lyra "
    "assistant; Nova will pay about $1 billion a year.",
    ORGS,
    "licensing",
    DAY0 + timedelta(days=4),
    amounts=[(1e9, "USD")],
)


def test_talks_never_join_the_signed_deal(monkeypatch: pytest.MonkeyPatch) -> None:
    assert veto(TALKS_EN, SIGNED_EN) == "occasion"
    assert joined(TALKS_EN, SIGNED_EN, ORGS) is None
    # control: two reports of the talks join; without the rule the signed deal joined the talks
    assert joined(TALKS_EN, TALKS_FR, ORGS) is not None
    monkeypatch.setattr(engine, "OCCASIONS", engine.OCCASIONS - {"e:talks"})
    assert joined(TALKS_EN, SIGNED_EN, ORGS) is not None


# -- a roundup -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "The week in AI: Nova's €1.5bn, Orion 4 and a licensing deal",
        "Weekly roundup: Nova, Orion 4 and Lyra",
        "La semaine de l'IA : Nova, Orion 4 et Lyra",
        "KI-Wochenrückblick: Nova, Orion 4 und Lyra",
        "Resumen de la semana: Nova, Orion 4 y Lyra",
        "حصاد الأسبوع في الذكاء الاصطناعي: نوفا وأوريون",
    ],
)
def test_a_roundup_is_a_roundup(title: str) -> None:
    assert "roundup" in events_of(title)


@pytest.mark.parametrize(
    "title",
    [
        "Nova launches weekly planner for teams",
        "Nova adds an AI digest to its mail app",
        "Nova raises €1.5bn",
    ],
)
def test_a_product_or_an_event_is_no_roundup(title: str) -> None:
    assert "roundup" not in events_of(title)


RAISE_EN = rep(
    "raise-en",
    "en",
    "Nova raises €1.5bn in round led by Orion",
    "Nova has raised €1.5bn in a funding round led by Orion, the Paris start-up said on Monday, valuing it "
    "at €14bn. Chief executive Ada Martel said the money would fund a data centre near Paris.",
    ORGS,
    "investment",
    amounts=[(1.5e9, "EUR"), (14e9, "EUR")],
)
ROUNDUP = rep(
    "roundup",
    "en",
    "The week in AI: Nova's €1.5bn and a Lyra deal",
    "On Monday Nova raised €1.5bn in a round led by Orion, the largest for a European AI developer this "
    "year; chief executive Ada Martel wants a data centre near Paris. On Friday Lyra signed a licence.",
    [*ORGS, "Lyra"],
    "investment",
    DAY0 + timedelta(days=5),
    amounts=[(1.5e9, "EUR")],
)


def test_a_roundup_never_joins_an_event_it_names(monkeypatch: pytest.MonkeyPatch) -> None:
    assert veto(RAISE_EN, ROUNDUP) == "occasion"
    monkeypatch.setattr(engine, "OCCASIONS", engine.OCCASIONS - {"e:roundup"})
    assert joined(RAISE_EN, ROUNDUP, ORGS) is not None  # control: without the rule it joined


# -- an appeal -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Nova appeals €550 million fine in High Court",
        "Nova to appeal the regulator's decision",
        "Nova fait appel de l'amende de 550 millions d'euros",
        "Nova legt Berufung gegen das Bußgeld ein",
        "Nova recurre la multa de 550 millones de euros",
        "نوفا تستأنف الغرامة",
    ],
)
def test_an_appeal_is_a_stage(title: str) -> None:
    assert stage_of(title, "") == "appeal"


@pytest.mark.parametrize(
    ("title", "stage"),
    [
        ("Appeals court upholds fine against Nova", "ruling"),  # an appeals court decided: a ruling
        ("Court of appeal upholds fine on Nova", "ruling"),
        ("La cour d'appel confirme l'amende de Nova", "ruling"),
        ("Berufungsgericht bestätigt Strafe gegen Nova", "ruling"),
        ("Tribunal de apelación confirma la multa a Nova", "ruling"),
        ("Irish regulator fines Nova €550 million", "fine"),
    ],
)
def test_a_court_of_appeal_deciding_is_no_appeal(title: str, stage: str) -> None:
    assert stage_of(title, "") == stage


FINE = [(5.5e8, "EUR")]
APPEAL_TITLE = "Nova appeals €550 million Irish fine in High Court"
APPEAL_TEXT = (
    "Nova filed an appeal on Friday against the €550 million fine Ireland's regulator imposed on Tuesday "
    "over training its Lyra models on users' posts."
)
FINE_EN = rep(
    "fine-en",
    "en",
    "Irish regulator fines Nova €550 million over AI training",
    "Ireland's regulator fined Nova €550 million on Tuesday for training its Lyra models on users' posts.",
    ORGS,
    "lawsuit",
    amounts=[(5.5e8, "EUR")],
)
APPEAL_EN = rep("appeal-en", "en", APPEAL_TITLE, APPEAL_TEXT, ORGS, "lawsuit", DAY0 + timedelta(days=3), FINE)
APPEAL_ES = rep(
    "appeal-es",
    "es",
    "Nova recurre la multa de 550 millones de euros",
    "Nova presentó un recurso contra la multa de 550 millones de euros por entrenar sus modelos Lyra.",
    ORGS,
    "lawsuit",
    DAY0 + timedelta(days=3),
    amounts=[(5.5e8, "EUR")],
)


def test_an_appeal_never_joins_the_fine(monkeypatch: pytest.MonkeyPatch) -> None:
    assert (FINE_EN.stage, APPEAL_EN.stage, APPEAL_ES.stage) == ("fine", "appeal", "appeal")
    assert veto(FINE_EN, APPEAL_EN) == "stages"
    assert joined(APPEAL_EN, APPEAL_ES, ORGS) is not None  # control: two reports of the appeal join
    monkeypatch.setattr(features, "_STAGE_RULES", tuple(r for r in features._STAGE_RULES if r[0] != "appeal"))
    fine_again = rep("f", "en", APPEAL_TITLE, APPEAL_TEXT, ORGS, "lawsuit", DAY0 + timedelta(days=3), FINE)
    assert fine_again.stage == "fine"  # without the rule the appeal read as the fine, and joined it
    assert joined(FINE_EN, fine_again, ORGS) is not None


# -- the product a launch is about -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "product"),
    [
        ("Nova launches Lyra 2 coding agent, built on Orion 4", "lyra 2"),
        ("Nova unveils Orion 4, its most capable model yet", "orion 4"),
        ("Nova stellt KI-Modell Orion 4 vor", "orion 4"),
        ("Vega answers Nova with NVX-5.5, hours after Orion 4", "nvx-5.5"),
        ("Nova Claude Sonnet 5 arrives", "sonnet 5"),
        ("Nova raises €1.5bn in round led by Orion", None),  # an amount is no version
        ("Top 10 AI start-ups to watch", None),
        ("Nova swings to profit in Q2", None),
        ("Nova has 5 days to answer", None),
    ],
)
def test_the_versioned_product_a_headline_names_first(title: str, product: str | None) -> None:
    assert headline_product(title, set()) == product


GEN4 = rep(
    "orion4-en",
    "en",
    "Nova unveils Orion 4, its most capable model yet",
    "Nova on Tuesday released Orion 4, saying it beats its predecessor on reasoning and coding. Chief "
    "executive Ada Martel called it the company's biggest step. It is rolling out to developers in the "
    "Orion app and through Nova Cloud, in 40 languages, from its Lisbon lab.",
    ["Nova"],
)
AGENT = rep(
    "lyra2-en",
    "en",
    "Nova launches Lyra 2 coding agent, built on Orion 4",
    "Nova on Thursday launched Lyra 2, a coding agent that runs on Orion 4, the model Nova released on "
    "Tuesday. Chief executive Ada Martel said it connects to Nova Cloud and the Orion app, works in 40 "
    "languages and was built at the Lisbon lab. It is free for developers with a daily limit.",
    ["Nova"],
    published=DAY0 + timedelta(days=2),
)
GEN4_FR = rep(
    "orion4-fr",
    "fr",
    "Nova dévoile Orion 4",
    "Nova a présenté mardi Orion 4, qui selon l'entreprise dépasse son prédécesseur en raisonnement. Sa "
    "patronne Ada Martel parle du plus grand pas de Nova; le modèle arrive dans l'application Orion et sur "
    "Nova Cloud.",
    ["Nova"],
)


def test_a_second_launch_needs_more_evidence_than_one_product_in_two_languages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    index = StoryIndex(GrouperSettings())
    base = index.settings.join_score
    assert index._need(GEN4, AGENT) == pytest.approx(base * engine.LAUNCHED_ABSENT)  # "Lyra" never in GEN4
    assert index._need(GEN4, GEN4_FR) == pytest.approx(base)  # control: the same product
    assert joined(GEN4, AGENT, ["Nova"]) is None
    monkeypatch.setattr(engine, "LAUNCHED_ABSENT", 1.0)
    assert joined(GEN4, AGENT, ["Nova"]) is not None  # without the rule the second launch joined


def test_a_product_is_named_whatever_its_spelling() -> None:
    first = rep("a", "en", "Nova launches NVX-4o for images", "Nova launched NVX-4o on Monday.", ["Nova"])
    other = rep(
        "b", "de", "Nova schaltet ChatNVX-4o frei", "Nova hat ChatNVX-4o-Bilder freigeschaltet.", ["Nova"]
    )
    assert not engine._launched_absent(first, other)  # "nvx" is in "chatnvx-4o-bilder"
    raise_ = rep("c", "en", "Nova raises $2 billion", "Nova raised $2 billion.", ["Nova"], "investment")
    assert engine._launched_absent(first, raise_)  # control: a report that never names it
    assert not engine._launched_absent(raise_, first)  # a raise is not about a product


def test_the_same_versioned_product_in_both_launch_headlines_is_evidence() -> None:
    index = StoryIndex(GrouperSettings())
    for r in grouper_helpers.background(["Nova"], DAY0):
        index.assign(r)
    index.assign(GEN4)
    match = index._score(GEN4_FR, GEN4)
    assert match is not None and (engine.PRODUCT_SHARED, "p:orion 4") in match.shared
    reason = joined(GEN4, GEN4_FR, ["Nova"])
    assert reason is not None and "same product orion 4" in reason  # the reason says it
    # control: a launch and a report about another kind of event naming the same product get nothing
    retired = rep("r", "en", "Nova retires Orion 4", "Nova will retire Orion 4 next month.", ["Nova"])
    assert not engine._same_product(retired, GEN4)


# -- a name and its version, across scripts ----------------------------------------------------------


def test_a_name_and_its_version_sound_alike_across_scripts() -> None:
    latin = _sound_keys("Google unveils Gemini 4, its most capable model", False, set(), set())
    arabic = _sound_keys("غوغل تطلق جيميناي 4 أقوى نماذجها", True, set(), set())
    assert "y:gmn 4" in latin and "y:gmn 4" in arabic
    assert "y:snt 5" in _sound_keys("أنثروبيك تطلق كلود سونيت 5", True, set(), set())
    # control: a number that counts (billions, days) is no version
    assert not any(k.endswith(" 5") for k in _sound_keys("صفقة بقيمة 5 مليارات دولار", True, set(), set()))
    assert not any(
        k.endswith(" 10") for k in _sound_keys("Nova spent 10 billion on Orion", False, set(), set())
    )


# -- the amount a headline states --------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Mistral sammelt 1,5 Mrd. € ein",
        "Nova raises €1.5bn",
        "Nova lève 1,5 milliard d'euros",
        "نوفا تجمع 1.5 مليار يورو",
        "Nova recauda 1.500 millones de euros",
    ],
)
def test_a_headline_amount_in_every_notation(title: str) -> None:
    assert features._in_numbers(1.5e9, _title_numbers(title))


FIRST_DEAL = rep(
    "deal-a",
    "en",
    "Nova and Orion sign $5 billion AI zone deal",
    "Nova and Orion signed a $5 billion agreement on Wednesday to build an AI zone with data centres in "
    "Riyadh.",
    ORGS,
    "investment",
    amounts=[(5e9, "USD")],
)
SECOND_DEAL = rep(
    "deal-b",
    "en",
    "Nova orders 18,000 Orion chips in $10 billion deal",
    "Nova will buy 18,000 Orion chips in a deal worth about $10 billion for data centres in Riyadh, two days "
    "after signing a $5 billion agreement with Orion for an AI zone.",
    ORGS,
    "investment",
    DAY0 + timedelta(days=2),
    amounts=[(1e10, "USD"), (5e9, "USD")],
)


def test_a_second_deal_recalling_the_first_amount_needs_more_evidence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert SECOND_DEAL.headline_amounts == ("a:USD:1e+10",) and FIRST_DEAL.headline_amounts == (
        "a:USD:5e+09",
    )
    index = StoryIndex(GrouperSettings())
    base = index.settings.join_score
    assert index._need(FIRST_DEAL, SECOND_DEAL) == pytest.approx(base * engine.AMOUNTS_DIFFER)
    same = rep(
        "deal-a-fr",
        "fr",
        "Nova et Orion signent un accord de 5 milliards de dollars",
        "Nova et Orion ont signé un accord de 5 milliards de dollars pour une zone d'IA à Riyad.",
        ORGS,
        "investment",
        amounts=[(5e9, "USD")],
    )
    assert index._need(FIRST_DEAL, same) == pytest.approx(base)  # control: the same deal
    monkeypatch.setattr(engine, "HEADLINE_AMOUNT_ABSENT", False)
    assert index._need(FIRST_DEAL, SECOND_DEAL) == pytest.approx(base)


def test_a_price_is_no_headline_amount() -> None:
    # "$3bn" in the headline, the classifier also read "$3" (from "$3-billion"): only deals count
    amounts = [(3e9, "USD"), (3.0, "USD")]
    r = rep(
        "p", "en", "Nova ploughs $3bn into Orion", "A $3-billion stake.", ORGS, "investment", amounts=amounts
    )
    assert r.headline_amounts == ("a:USD:3e+09",)


def test_round_four_features_are_kept_in_the_tables_state() -> None:
    back = Report.from_state(SECOND_DEAL.to_state())
    assert back.headline_amounts == SECOND_DEAL.headline_amounts
    assert Report.from_state(AGENT.to_state()).product == "lyra 2"
    old = {k: v for k, v in AGENT.to_state().items() if k not in ("product", "headline_amounts")}
    restored = Report.from_state(old)  # a report written before round 4: the rules do not apply to it
    assert restored.product is None and restored.headline_amounts == ()
