"""Organisations on stories nobody tuned to (issue 13 point 3): the project's own set
``tests/data/orgs_generalise.jsonl`` (en/fr/de/es/ar, two rounds, each written before the classifier
was run on it) keeps an organisation-F1 floor in every language, and sentences of our own in each
language are read as they should be: the organisation found, its canonical name, whether the
gazetteer knows it, and controls (products, people, courts, places, months, acronyms) that are not
organisations. Company names in the sentences are invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.classifier.engine import Classifier
from services.classifier.evaluate import Report, evaluate, read_jsonl
from tests.classifier_helpers import assert_found, assert_not_reported, assert_org_f1, org_mentions

SET = Path(__file__).parent / "data" / "orgs_generalise.jsonl"
LANGS = ("en", "fr", "de", "es", "ar")
# Per-language org F1 on the set when this file was written: en 0.976, fr 0.976, de 1.000,
# es 0.987, ar 1.000 (before the work: en 0.931, fr 0.926, de 0.844, es 0.756, ar 0.850).
F1_FLOOR = 0.95


def test_the_set_covers_every_language_with_both_rounds() -> None:
    records = read_jsonl(SET)
    assert len(records) >= 50
    for lang in LANGS:
        ids = [str(r["id"]) for r in records if r["lang"] == lang]
        assert len(ids) >= 10, lang
        assert any(i.startswith("og2-") for i in ids), lang


@pytest.fixture(scope="module")
def scores(clf: Classifier) -> Report:
    """The set scored by the classifier's own evaluation (organisations micro over stories)."""
    return evaluate(read_jsonl(SET), clf)


@pytest.mark.parametrize("lang", LANGS)
def test_org_f1_floor_per_language(scores: Report, lang: str) -> None:
    assert_org_f1(scores, lang, F1_FLOOR)


# (lang, text, [(canonical name, known)] expected among the mentions)
FOUND = [
    # en: a wire credit, a regulator spelt out, a company with a legal form
    (
        "en",
        "WASHINGTON (Reuters) – The Federal Trade Commission sued Brindle Analytics Inc. on Tuesday.",
        [("Reuters", True), ("FTC", True), ("Brindle Analytics", False)],
    ),
    (
        "en",
        "Researchers at the University of Edinburgh and the Alan Turing Institute led the work, funded by "
        "UK Research and Innovation.",
        [
            ("University of Edinburgh", True),
            ("Alan Turing Institute", True),
            ("UK Research and Innovation", True),
        ],
    ),
    (
        "en",
        "Two professors at the American University of Kabul were freed.",
        [("American University of Kabul", False)],
    ),
    (
        "en",
        "Quillmark, one of the largest U.S. home insurers, said it would use the tool.",
        [("Quillmark", False)],
    ),
    (
        "en",
        "The National Union of Journalists urged AI firms to pay.",
        [("National Union of Journalists", True)],
    ),
    # fr
    (
        "fr",
        "PARIS (AFP) - La start-up nantaise Brumelle a été sanctionnée par la Commission nationale de "
        "l'informatique et des libertés.",
        [("AFP", True), ("Brumelle", False), ("CNIL", True)],
    ),
    (
        "fr",
        "Des chercheurs de l'université Paris-Saclay et le Syndicat national des journalistes (SNJ) "
        "ont signé.",
        [("Paris-Saclay University", True), ("Syndicat national des journalistes", True)],
    ),
    (
        "fr",
        "MONTRÉAL (La Presse canadienne) - La firme de cybersécurité Vigilorme a levé 8 millions de dollars.",
        [("Canadian Press", True), ("Vigilorme", False)],
    ),
    # de
    (
        "de",
        "Von dpa\nDas Kölner Start-up Funkelwerk hat 9 Millionen Euro eingesammelt.",
        [("Deutsche Presse-Agentur", True), ("Funkelwerk", False)],
    ),
    (
        "de",
        "Die Nordhafen Software AG übernimmt die Bremer Datenfirma Kielwasser Analytics GmbH.",
        [("Nordhafen Software", False), ("Kielwasser Analytics", False)],
    ),
    (
        "de",
        "Forschende der Technischen Universität Darmstadt und die österreichische Datenschutzbehörde "
        "arbeiten zusammen, wie der Norddeutsche Rundfunk berichtet.",
        [
            ("Technical University of Darmstadt", True),
            ("Austrian Data Protection Authority", True),
            ("NDR", True),
        ],
    ),
    (
        "de",
        "Wie die Tageszeitung Westfalenbote und das Magazin Rheinblick berichten.",
        [("Westfalenbote", False), ("Rheinblick", False)],
    ),
    (
        "fr",
        "Selon l'hebdomadaire Gazelle et la chaîne Télé Horizon, la radio Europe 1 a confirmé.",
        [("Gazelle", False), ("Télé Horizon", False), ("Europe 1", True)],
    ),
    # es
    (
        "es",
        "Según la emisora Onda Cero y la revista Mundo Curioso, el acuerdo está cerrado.",
        [("Onda Cero", True), ("Mundo Curioso", False)],
    ),
    (
        "es",
        "MADRID, 3 Feb. (EUROPA PRESS) - La operadora Ríos Móviles y los sindicatos CCOO y UGT "
        "firmaron el pacto.",
        [("Europa Press", True), ("Ríos Móviles", False), ("CCOO", True), ("UGT", True)],
    ),
    (
        "es",
        "El diario La Voz de Asturias demandó a la firma de ciberseguridad Almena Digital.",
        [("La Voz de Asturias", False), ("Almena Digital", False)],
    ),
    (
        "es",
        "Investigadores de la Universidad Politécnica de Madrid y de la Universidad de Granada "
        "lo presentaron.",
        [("Technical University of Madrid", True), ("University of Granada", True)],
    ),
    # ar: credits as abbreviations, a newspaper known with its descriptor, spellings of known names
    ("ar", "أبوظبي (وام) - أعلنت الشركة عن نتائجها.", [("WAM", True)]),
    ("ar", "الدوحة (قنا) - افتتحت الشركة مركزا جديدا.", [("QNA", True)]),
    ("ar", 'بحسب ما ذكرته صحيفة "عكاظ" اليوم.', [("Okaz", True)]),
    ("ar", 'وقعت شركة "ميدجرني" اتفاقا مع ناشرين.', [("Midjourney", True)]),
    ("ar", 'تعاونت شركة "هاجينج فايس" مع الباحثين.', [("Hugging Face", True)]),
    ("ar", "نشر باحثون في جامعة القاهرة دراسة جديدة.", [("Cairo University", True)]),
    ("ar", "أعلنت شركة انفيدبا الأمريكية عن نتائجها.", [("Nvidia", True)]),
    ("ar", "وقعت شركة هاجنج فيس اتفاقا مع جامعة.", [("Hugging Face", True)]),
    ("ar", "أعلنت الشركة الناشئة المصرية Sahra Robotics عن جمع تمويل.", [("Sahra Robotics", False)]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), FOUND)
def test_found_with_canonical_name_and_known_flag(
    clf: Classifier, lang: str, text: str, expected: list[tuple[str, bool]]
) -> None:
    assert_found(clf, lang, text, expected)


# (lang, text, names that must not be reported)
NOT_ORGS = [
    # en: products, people, places, months, acronyms, generic words before a head noun, a short form
    ("en", "In May, users compared ChatGPT, Gemini and Llama on GPUs in London.", None),
    ("en", "The pollutants hang in the air that the National Capital is breathing.", None),
    (
        "en",
        "Sandpiper Robotics Inc. launched a robot on Monday. Sandpiper CEO Tom Hale said demand was strong.",
        ["Sandpiper"],
    ),
    ("en", "The Wikileaks founder argued his case.", ["The Wikileaks"]),
    # fr: a court, a product, a person, a ministry, a law
    (
        "fr",
        "Selon Arthur Mensch, Le Chat arrive à Bercy; le Conseil d'État tranchera sur l'AI Act en septembre.",
        None,
    ),
    # de: capitalised nouns, months, KI, a court, a law
    (
        "de",
        "Im Januar nutzte jeder zweite Deutsche Künstliche Intelligenz (KI); das Bundesverwaltungsgericht "
        "prüft die KI-Verordnung.",
        None,
    ),
    ("de", "Das Start-up entwickelt Werkzeuge, mit denen Unternehmen Modelle prüfen.", ["Werkzeuge"]),
    # es: a court, a minister, a law, a country
    (
        "es",
        "El ministro Óscar López pidió respetar la ley de IA; el Tribunal Supremo y la Audiencia Nacional "
        "decidirán en España.",
        None,
    ),
    # ar: an unquoted word after a descriptor that is no known name is not reported
    ("ar", "أعلنت شركة ناشئة عن جولة تمويل، وقالت شركة محلية إن الطلب كبير.", None),
    # ar: a court, cities, a product, a person
    ("ar", "وقال سام ألتمان إن تطبيق ChatGPT متاح في القاهرة والرياض، وأمام ديوان المظالم.", None),
]


@pytest.mark.parametrize(("lang", "text", "banned"), NOT_ORGS)
def test_controls_are_not_organisations(
    clf: Classifier, lang: str, text: str, banned: list[str] | None
) -> None:
    assert_not_reported(clf, lang, text, banned)


def test_a_venture_arm_is_its_own_organisation(clf: Classifier) -> None:
    names = [m.name for m in org_mentions(clf, "Die Runde führt Siemens Ventures an.", "de")]
    assert names == ["Siemens Ventures"]
    # the parent alone stays the parent
    assert [m.name for m in org_mentions(clf, "Siemens hat investiert.", "de")] == ["Siemens"]


def test_an_arabic_spelling_close_to_two_organisations_is_left_as_written(clf: Classifier) -> None:
    # a short quoted name is never matched by spelling (too many near neighbours)
    mentions = org_mentions(clf, 'وقعت شركة "نوفا" اتفاقا.', "ar")
    assert all(not m.known for m in mentions), mentions
