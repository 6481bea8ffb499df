"""Organisations, round 3 (issue 13 point 3): the project's own blind set
``tests/data/orgs_generalise2.jsonl`` (40 stories, en 9 / fr 9 / ar 8 / de 7 / es 7, written and committed
before the classifier was run on it) keeps an organisation-F1 floor in every language, and sentences of
our own read each round-3 class as it should, in every language where it exists, with controls that
must not become organisations: article names contracted with a preposition («au Figaro», «del
Confidencial»), an Arabic name with its Latin form in brackets, a quoted Arabic name completed by the
words after it, subsidiaries and holdings, German compounds without a hyphen, a field after a Romance
descriptor, plural investor cues, appositions ("one of Britain's largest forums", "the maker of X"),
Romance prefix heads («Fundación X»), Agency as a head noun, mastheads with their article, a person's
employer ("an analyst at X"), place names at the start of a longer name. Company names in the
sentences are invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.classifier.engine import Classifier
from services.classifier.evaluate import Report, evaluate, read_jsonl
from tests.classifier_helpers import assert_found, assert_not_reported, assert_org_f1, org_mentions

SET = Path(__file__).parent / "data" / "orgs_generalise2.jsonl"
LANGS = ("en", "fr", "de", "es", "ar")
# Per-language org F1 on the set after round 3: en 0.993, fr 0.994, de 0.982, es 0.976, ar 0.983
# (before: en 0.919, fr 0.869, de 0.914, es 0.822, ar 0.839; all 0.874 -> 0.986). What is left is
# naming conventions (the gazetteer's "Deutscher Journalisten-Verband" and "Al Shorouk", "Alibaba Cloud"
# read as Alibaba like Google Cloud), "The Times" (ambiguous, not matched alone) and a union given by its
# acronym.
F1_FLOOR = 0.95


def test_the_set_has_forty_stories_in_five_languages() -> None:
    records = read_jsonl(SET)
    counts = {lang: sum(1 for r in records if r["lang"] == lang) for lang in LANGS}
    assert counts == {"en": 9, "fr": 9, "de": 7, "es": 7, "ar": 8}
    assert all(str(r["id"]).startswith("og3-") for r in records)


@pytest.fixture(scope="module")
def scores(clf: Classifier) -> Report:
    """The set scored by the classifier's own evaluation (organisations micro over stories)."""
    return evaluate(read_jsonl(SET), clf)


@pytest.mark.parametrize("lang", LANGS)
def test_org_f1_floor_per_language(scores: Report, lang: str) -> None:
    assert_org_f1(scores, lang, F1_FLOOR)


# (lang, text, [(canonical name, known)] expected among the mentions)
FOUND = [
    # a name's article contracted with a preposition (fr, es)
    ("fr", "Le président a confié au Figaro que la vente était bouclée.", [("Le Figaro", True)]),
    ("fr", "« Non », a déclaré son président, Antoine Mercier, au Figaro.", [("Le Figaro", True)]),
    ("fr", "Selon une source des Echos, l'accord sera signé lundi.", [("Les Echos", True)]),
    ("es", "Fuentes del Confidencial aseguran que la compra está cerrada.", [("El Confidencial", True)]),
    # ar: the Latin form in brackets is the organisation, also where the Arabic name stands alone
    ("ar", 'استثمرت شركة "نبراس" (Nibras Labs) في السوق، وقالت نبراس إنها ستتوسع.', [("Nibras Labs", False)]),
    # ar: a quoted name completed by the words after it is the known name
    ("ar", 'شارك صندوق "وعد" للاستثمار الجريء في الجولة.', [("Wa'ed Ventures", True)]),
    ("ar", 'وقعت شركة "أرامكو" السعودية الاتفاقية.', [("Aramco", True)]),
    # a subsidiary names its parent
    ("en", "Lumenor, a subsidiary of Quorvane, makes the chips.", [("Lumenor", False), ("Quorvane", False)]),
    ("fr", "Ebra, filiale du Crédit Mutuel, a signé l'accord.", [("Ebra", True), ("Crédit Mutuel", True)]),
    ("es", "La filial mexicana de Andamio abrió oficinas.", [("Andamio", False)]),
    ("de", "Die Tochter von Kaltwerk baut das Rechenzentrum.", [("Kaltwerk", False)]),
    # holdings and multinationals
    ("fr", "La holding familiale Vautrin Frères garde le contrôle.", [("Vautrin Frères", False)]),
    (
        "es",
        "La multinacional Nestlé y la multinacional Alimentia lo prueban.",
        [("Nestlé", True), ("Alimentia", False)],
    ),
    ("en", "The holding company Tallisford owns the rest.", [("Tallisford", False)]),
    # de: a compound descriptor without a hyphen
    ("de", "Zu den Kunden gehört der Roboterhersteller Kernwerk.", [("Kernwerk", False)]),
    ("de", "Auch der Versandhändler Paketfuchs ist dabei.", [("Paketfuchs", False)]),
    # es/fr: a field of several words after the descriptor
    ("es", "La patronal de centros de datos Nubia DC calcula 5.000 empleos.", [("Nubia DC", False)]),
    (
        "fr",
        "La start-up de cybersécurité des réseaux Pare-Feu Ouest a levé 3 millions.",
        [("Pare-Feu Ouest", False)],
    ),
    # plural investor cues before a list
    (
        "de",
        "Beteiligt sind die Investoren Blaufeld und Sequoia.",
        [("Blaufeld", False), ("Sequoia Capital", True)],
    ),
    ("es", "Participaron los inversores Aguaribay y Kaszek.", [("Aguaribay", False), ("Kaszek", True)]),
    # appositions
    ("en", "Nestwick, one of Britain's largest online parenting forums, sued.", [("Nestwick", False)]),
    ("en", "Tindal, the maker of the Nova app, raised $5 million.", [("Tindal", False)]),
    ("fr", "Pixelune, la maison mère de l'application Lumo, a levé des fonds.", [("Pixelune", False)]),
    ("es", "Andamio, la matriz de la app Pico, cerró la compra.", [("Andamio", False)]),
    ("de", "Blauwerk, der Mutterkonzern von Kiko, wächst.", [("Blauwerk", False)]),
    # Romance prefix heads, Agency as a head noun
    ("es", "La Fundación Marambio financió el proyecto.", [("Fundación Marambio", False)]),
    ("fr", "La Fondation Vauclair a soutenu les chercheurs.", [("Fondation Vauclair", False)]),
    ("en", "Guidance came from the Nordic Data Agency on Monday.", [("Nordic Data Agency", False)]),
    # a masthead keeps its article after a media descriptor
    ("es", "Lo publicó el diario El Vigía de Salta.", [("El Vigía de Salta", False)]),
    ("fr", "Selon le quotidien Le Matinal, la vente est faite.", [("Le Matinal", False)]),
    # a person's employer
    (
        "en",
        '"It is over," said Mark Chen, an analyst at Redwing Securities.',
        [("Redwing Securities", False)],
    ),
    ("fr", "« C'est fini », estime Paul Roux, analyste chez Brisval.", [("Brisval", False)]),
    ("de", "„Das ist vorbei“, sagte Jan Roth, Analyst bei Kornmark.", [("Kornmark", False)]),
    ("es", '"Se acabó", dijo Ana Gil, analista de Valoralia.', [("Valoralia", False)]),
    # a place at the start of a longer name; gentilics before a name
    ("en", "The insurer China Pacific Insurance took part.", [("China Pacific Insurance", False)]),
    (
        "es",
        "La empresa chilena Cobreval y el fondo argentino Aguaribay invierten.",
        [("Cobreval", False), ("Aguaribay", False)],
    ),
    # the head of an organisation, and German compound roles (a hyphenated known name is that name)
    ("en", "The chairman of Quorvane and the head of Google DeepMind spoke.", [("Quorvane", False)]),
    ("fr", "Le patron de Pixelune, Paul Roux, a parlé.", [("Pixelune", False)]),
    ("es", "El presidente de Andamio habló.", [("Andamio", False)]),
    ("de", "Kernwerk-Chef Jan Roth sprach.", [("Kernwerk", False)]),
    ("de", "So äußerte sich Aleph-Alpha-Gründer Jonas Andrulis.", [("Aleph Alpha", True)]),
    # research institutes and pollsters as sources
    (
        "fr",
        "Selon l'institut Brisval et l'observatoire Numeria, la hausse continue.",
        [("Brisval", False), ("Numeria", False)],
    ),
    (
        "de",
        "Laut dem Marktforschungsinstitut Kornmark und dem Branchendienst Techwelt.",
        [("Kornmark", False), ("Techwelt", False)],
    ),
    ("es", "Según el instituto Valoralia, crece.", [("Valoralia", False)]),
    ("en", "According to pollster Quillmetrics, support fell.", [("Quillmetrics", False)]),
    # plural organisation nouns with examples, and "-based" / "-backed" before a name
    ("en", "AI labs such as Reka and Quillbright are hiring.", [("Reka", True), ("Quillbright", False)]),
    (
        "fr",
        "Des start-up comme Pixelune ou Mistral AI recrutent.",
        [("Pixelune", False), ("Mistral AI", True)],
    ),
    ("es", "Empresas como Andamio y Telefónica invierten.", [("Andamio", False), ("Telefónica", True)]),
    ("de", "Start-ups wie Kernwerk und Aleph Alpha wachsen.", [("Kernwerk", False), ("Aleph Alpha", True)]),
    (
        "en",
        "San Francisco-based Quillo and SoftBank-backed Veltra raised money.",
        [("Quillo", False), ("SoftBank", True), ("Veltra", False)],
    ),
    # real organisations the gazetteer gained this round (agencies, regulators, research, media)
    (
        "en",
        "Japan's Financial Services Agency and Nasscom commented.",
        [("Financial Services Agency", True), ("Nasscom", True)],
    ),
    (
        "fr",
        "L'Agence nationale de la recherche et la Bibliothèque nationale de France ont financé le GENCI.",
        [("French National Research Agency", True), ("National Library of France", True), ("GENCI", True)],
    ),
    (
        "de",
        "Forschende des Forschungszentrums Jülich und der Deutschen Nationalbibliothek.",
        [("Forschungszentrum Jülich", True), ("German National Library", True)],
    ),
    (
        "es",
        "La Comisión Nacional Bancaria y de Valores (CNBV) y la Corfo lo respaldan.",
        [("CNBV", True), ("Corfo", True)],
    ),
    (
        "ar",
        "رحب اتحاد إذاعات الدول العربية بالاتفاق مع مكتب الصناعة والأمن.",
        [("Arab States Broadcasting Union", True), ("Bureau of Industry and Security", True)],
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), FOUND)
def test_found_with_canonical_name_and_known_flag(
    clf: Classifier, lang: str, text: str, expected: list[tuple[str, bool]]
) -> None:
    assert_found(clf, lang, text, expected)


def test_a_spelt_out_acronym_is_never_matched_by_spelling(clf: Classifier) -> None:
    # "إس في سي" is one letter from stc's "إس تي سي": an acronym spelt out is another name, not a misspelling
    mentions = org_mentions(clf, 'قاد صندوق "إس في سي" الجولة.', "ar")
    assert [(m.name, m.known) for m in mentions] == [("إس في سي", False)]
    # a long name one letter off is still read as the known one
    assert [m.name for m in org_mentions(clf, "أعلنت شركة انفيدبا الأمريكية عن نتائجها.", "ar")] == ["Nvidia"]


def test_an_arabic_name_given_in_latin_is_reported_once(clf: Classifier) -> None:
    title = "«نبراس» تجمع تمويلا جديدا"
    text = 'استثمرت شركة "نبراس" (Nibras Labs) في السوق.'
    assert [m.name for m in org_mentions(clf, text, "ar", title)] == ["Nibras Labs"]


# (lang, text, names that must not be reported; None: no organisation at all)
NOT_ORGS = [
    # a capitalised word next to a contracted article: no newspaper
    ("fr", "La finale de la Coupe du Monde aura lieu à Paris.", None),
    ("es", "La policía del País Vasco y la Copa del Mundo.", None),
    # a spokesperson speaks for a man; a bare head noun is no name
    ("en", "A spokesperson for Musk declined to comment, said an analyst at the Times.", None),
    ("de", "Ein Sprecher von Ive wollte sich nicht äußern.", None),
    # places alone, in every spelling
    ("fr", "Les ventes ont progressé en Chine, au Japon et en Suisse.", None),
    ("es", "La empresa abrió oficinas en Bogotá, Lima y Santiago.", None),
    ("de", "Das Start-up hat Büros in Wien und Zürich.", None),
    ("fr", "Selon l'agence Chine nouvelle, la société a confirmé.", ["Chine"]),
    # courts and ministries
    ("de", "Das Landgericht Hamburg und das Bundeswirtschaftsministerium äußerten sich nicht.", None),
    ("es", "El Ministerio de Defensa y el Tribunal Supremo no comentaron.", None),
    ("fr", "Le tribunal judiciaire de Paris et le ministère de l'Économie ont été saisis.", None),
    ("en", "The High Court in London and the Ministry of Communications declined to comment.", None),
    ("ar", "ورحبت وزارة الاتصالات وتقنية المعلومات بالقرار في مركز الملك عبدالله المالي.", None),
    # countries and products after "such as"; a nationality after "-based"; a list on the next line
    ("en", "Countries such as France and Japan, and products such as ChatGPT, were named.", None),
    ("fr", "Dans des pays comme la France et l'Espagne.", None),
    ("de", "Länder wie Frankreich und Spanien.", None),
    ("en", "A London-based Turkish founder spoke.", None),
    ("en", "Suits were brought against companies including\nHours after the ruling, shares fell.", None),
    # heads of states, governments and parties; a descriptor in a compound role
    ("en", "The president of the United States spoke.", None),
    ("fr", "Le président de la République a parlé.", None),
    ("es", "La presidenta del Gobierno habló.", None),
    ("de", "CDU-Chef Friedrich Merz und KI-Chef Tom Lee sprachen mit dem Start-up-Gründer.", None),
    # products and programmes named like companies
    ("en", "Users compared Le Chat, Copilot and Qwen under the IndiaAI Mission.", None),
]


@pytest.mark.parametrize(("lang", "text", "banned"), NOT_ORGS)
def test_controls_are_not_organisations(
    clf: Classifier, lang: str, text: str, banned: list[str] | None
) -> None:
    assert_not_reported(clf, lang, text, banned)
