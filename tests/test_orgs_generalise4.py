"""Organisations, round 5 (issue 13): the project's own blind set ``tests/data/orgs_generalise4.jsonl``
(45 stories, en 10 / fr 10 / de 9 / ar 8 / es 8, written and committed before the classifier was run
on it) keeps an organisation-F1 floor in every language, and sentences of our own read each round-5
class as it should, in every language where it exists, with controls that must not become
organisations: a single sentence-initial name before a definite apposition ("X, the not-for-profit
that", «X, l'association qui», «X, la fundación que», "X, the group's closest rival"); lists where one
organisation is known and the others read as names, in a sentence about parties (investors, clients,
partners), the first item possibly starting the sentence; members of a consortium and investors of a
round; joint ventures and consortia with their names; a name that raises money; units named as such,
which claim their parent's alias («Orange Business, la filiale du groupe Orange»); platforms where
something is posted (not organisations there, LABELS.md); a first name before a one-word alias (a
person); Arabic names closed by a head word («مجموعة X القابضة», «صندوق X للاستثمار»), with their seat
(«شركة X ومقرها»), or named «باسم "X"»; investment heads (Invest, Participations, Inversiones, Family
Office, "Bank of X"); "shares of X"; "X, which builds"; „beteiligt sich an X"; "X" and "X AI" as one
organisation; more descriptors (Kanzlei, Familienholding, Technologiefonds, maison d'édition, spin-off,
-tochter); investors alongside a round's lead («aux côtés de», «con la participación de»,
"alongside", „unter Beteiligung von"). Company names in the sentences are invented; the controls are
sentence adverbs, places, people, products, a lone adjective of origin, common nouns."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.classifier.engine import Classifier
from services.classifier.evaluate import Report, evaluate, read_jsonl
from tests.classifier_helpers import assert_found, assert_not_reported, assert_org_f1, org_mentions

SET = Path(__file__).parent / "data" / "orgs_generalise4.jsonl"
LANGS = ("en", "fr", "de", "es", "ar")
# Per-language org F1 on the set after round 5 (before: en 0.792, fr 0.745, de 0.747, ar 0.811, es 0.716;
# all 0.764, P 0.917 R 0.654). The set's errors were read to write the fixes, so this floor guards them;
# the sentences below are the generalisation check.
F1_FLOOR = 0.90


def test_the_set_has_forty_five_stories_in_five_languages() -> None:
    records = read_jsonl(SET)
    counts = {lang: sum(1 for r in records if r["lang"] == lang) for lang in LANGS}
    assert counts == {"en": 10, "fr": 10, "de": 9, "es": 8, "ar": 8}
    assert all(str(r["id"]).startswith("og5-") for r in records)


@pytest.fixture(scope="module")
def scores(clf: Classifier) -> Report:
    """The set scored by the classifier's own evaluation (organisations micro over stories)."""
    return evaluate(read_jsonl(SET), clf)


@pytest.mark.parametrize("lang", LANGS)
def test_org_f1_floor_per_language(scores: Report, lang: str) -> None:
    assert_org_f1(scores, lang, F1_FLOOR)


# (lang, text, [(canonical name, known)] expected among the mentions)
FOUND = [
    # a single sentence-initial name before a definite apposition
    (
        "en",
        "Brenwick, the nonprofit that runs a registry of open datasets, sued the company.",
        [("Brenwick", False)],
    ),
    ("en", "Tamsel, the group's closest rival, cut prices.", [("Tamsel", False)]),
    (
        "fr",
        "Ombrelle, l'association qui représente les traducteurs, a saisi la justice.",
        [("Ombrelle", False)],
    ),
    ("es", "Lumbrera, la fundación que gestiona el archivo, presentó una demanda.", [("Lumbrera", False)]),
    ("de", "Wortwerk, der gemeinnützige Verein, der Texte sammelt, klagt.", [("Wortwerk", False)]),
    # a list with one known organisation, about parties; the first item may start the sentence
    (
        "en",
        "Corvane, Tilbury Point and Nvidia also took part in the round.",
        [("Corvane", False), ("Tilbury Point", False), ("Nvidia", True)],
    ),
    (
        "fr",
        "Brisane, Caldéra et Thales comptent parmi ses clients.",
        [("Brisane", False), ("Caldéra", False)],
    ),
    (
        "de",
        "Die Runde führten Kestrel, Morvin und Lakestar an, wie die Firma mitteilte.",
        [("Kestrel", False), ("Morvin", False), ("Lakestar", True)],
    ),
    (
        "es",
        "Entre sus clientes están Iberdrola, Solvente y Alcora.",
        [("Solvente", False), ("Alcora", False)],
    ),
    # members of a consortium, with an article before an item
    (
        "en",
        "A consortium of Hitachi, Marrow Energy and the Development Bank of Japan will invest.",
        [("Marrow Energy", False), ("Development Bank of Japan", True)],
    ),
    ("fr", "Un consortium réunissant Airbus, Solvane et l'Inria fournira les données.", [("Solvane", False)]),
    (
        "es",
        "Un consorcio formado por Navantia, Tecnalis y la Universidad de Sevilla aportará tecnología.",
        [("Navantia", True), ("Tecnalis", False), ("University of Seville", True)],
    ),
    (
        "de",
        "Ein Konsortium aus Siemens, Voltaris und der Fraunhofer-Gesellschaft baut das Netz.",
        [("Voltaris", False)],
    ),
    # investors of a round
    (
        "en",
        "It raised $30 million in a round led by Quarrow, Bellmead and Accel.",
        [("Quarrow", False), ("Bellmead", False)],
    ),
    (
        "fr",
        "Elle a levé 8 millions d'euros auprès de Kerlon, Vasque et Partech.",
        [("Kerlon", False), ("Vasque", False)],
    ),
    ("es", "Cerró una ronda liderada por Talaia, Brezo y Seaya.", [("Talaia", False), ("Brezo", False)]),
    # investors alongside a round's lead
    (
        "fr",
        "Le tour de table est mené par Elaia, aux côtés de Sofimac et Varenne Invest.",
        [("Sofimac", False)],
    ),
    ("es", "La ronda la lidera Kibo Ventures, con la participación de Abedul y Enisa.", [("Abedul", False)]),
    ("en", "The round was led by Accel, alongside Quorvane and Index Ventures.", [("Quorvane", False)]),
    (
        "de",
        "Die Finanzierungsrunde führt Lakestar an, unter Beteiligung von Kornfeld und Earlybird.",
        [("Kornfeld", False)],
    ),
    # joint ventures and consortia with their names
    (
        "en",
        "They formed a joint venture, Kaito Compute Partners, that will build data centres.",
        [("Kaito Compute Partners", False)],
    ),
    (
        "en",
        "It joined a consortium called the Open Seed Alliance last year.",
        [("Open Seed Alliance", False)],
    ),
    ("fr", "Ils créent une coentreprise, baptisée Solaria Lab, à Lyon.", [("Solaria Lab", False)]),
    ("de", "Sie gründen ein Gemeinschaftsunternehmen namens Nordwerk Data.", [("Nordwerk Data", False)]),
    ("es", "Han creado una empresa conjunta, Vigía Digital, que venderá drones.", [("Vigía Digital", False)]),
    ("ar", 'أعلنت الشركتان تأسيس مشروع مشترك باسم "واحة البيانات" في الرياض.', [("واحة البيانات", False)]),
    # a name that raises money, at a sentence's start
    ("en", "Quillbury has raised $12 million in a seed round.", [("Quillbury", False)]),
    ("fr", "Tressage a levé 8 millions d'euros auprès de Partech.", [("Tressage", False), ("Partech", True)]),
    ("es", "Lumiar ha levantado 5 millones de euros.", [("Lumiar", False)]),
    ("de", "Kranwerk hat in einer Finanzierungsrunde 9 Millionen Euro eingesammelt.", [("Kranwerk", False)]),
    # units named as such claim their parent's alias; the parent where it is named alone
    (
        "fr",
        "Orange Business, la filiale du groupe Orange, signe un accord.",
        [("Orange Business", False), ("Orange", True)],
    ),
    (
        "fr",
        "La filiale TotalEnergies Digital Factory hébergera les équipes.",
        [("TotalEnergies Digital Factory", False)],
    ),
    ("es", "Lo hará a través de su filial Telefónica Tech.", [("Telefónica Tech", False)]),
    ("de", "Die Telekom-Tochter T-Systems betreibt das Netz.", [("T-Systems", True)]),
    ("en", "SB Energy, a SoftBank unit, will supply power.", [("SB Energy", False), ("SoftBank", True)]),
    # a platform that speaks or is acted against is its company
    ("en", "TikTok said it would appeal. The US ban on TikTok is delayed.", [("TikTok", True)]),
    ("ar", "قالت تيك توك إنها ستطعن في القرار.", [("TikTok", True)]),
    # a one-word alias without a first name before it
    ("fr", "Renault a annoncé un accord avec Mistral AI.", [("Renault", True)]),
    ("de", "Porsche hat das System bestellt.", [("Porsche", True)]),
    # Arabic names closed by a head word, with their seat, or named
    ("ar", "استحوذت مجموعة الظفرة القابضة على الشركة.", [("الظفرة القابضة", False)]),
    ("ar", "قادها صندوق أفق الخليج للاستثمار.", [("أفق الخليج للاستثمار", False)]),
    ("ar", "شارك في الجولة شركة الصباح كابيتال.", [("الصباح كابيتال", False)]),
    ("ar", "تطوره شركة فوكسلاين ومقرها دبي.", [("فوكسلاين", False)]),
    ("ar", "وكانت الشركة قد جمعت تمويلا من شركة ألجبرا فنتشرز.", [("Algebra Ventures", True)]),
    # investment heads
    (
        "en",
        "Investors included Lindor Invest and Norrland Family Office.",
        [("Lindor Invest", False), ("Norrland Family Office", False)],
    ),
    ("fr", "La holding Brenac Participations a investi.", [("Brenac Participations", False)]),
    ("es", "También participa Torrealba Inversiones.", [("Torrealba Inversiones", False)]),
    # shares of a listed company
    ("en", "Shares of Tellurix Systems fell 3%.", [("Tellurix Systems", False)]),
    ("fr", "L'action de Vornex a chuté de 5 %.", [("Vornex", False)]),
    ("es", "Las acciones de Brumal cayeron un 4 %.", [("Brumal", False)]),
    # what it makes, in a relative clause
    ("en", "Tessellate, which builds warehouse arms, was founded in 2021.", [("Tessellate", False)]),
    ("fr", "Diagnoz, qui développe un assistant, a été fondée à Nantes.", [("Diagnoz", False)]),
    ("es", "Rutaq, que fabrica drones, fue fundada en Medellín.", [("Rutaq", False)]),
    # German: a stake taken in a company
    ("de", "Die Qatar Investment Authority beteiligt sich an Tiefenblick.", [("Tiefenblick", False)]),
    # one organisation written with and without "AI"
    (
        "es",
        "Kairon, la startup valenciana que desarrolla asistentes, demandó a Kairon AI.",
        [("Kairon AI", False)],
    ),
    # more descriptors
    ("de", "Brandauer & Pohl, eine Kanzlei aus Köln, vertritt den Verein.", [("Brandauer & Pohl", False)]),
    ("de", "Die Familienholding Athos beteiligt sich.", [("Athos", False)]),
    ("de", "Zu den Geldgebern zählt der Technologiefonds TGFS.", [("TGFS", False)]),
    (
        "de",
        "Cariad, die Softwaretochter von Volkswagen, arbeitet mit Partnern.",
        [("Cariad", True), ("Volkswagen", True)],
    ),
    ("fr", "Orbéa, la maison d'édition lyonnaise, s'est jointe à la procédure.", [("Orbéa", False)]),
    ("fr", "L'Arcom a mis en demeure Facetto, l'éditeur d'une application.", [("Facetto", False)]),
    ("fr", "Une levée d'Hexalyse, spécialiste des puces, a été annoncée.", [("Hexalyse", False)]),
    ("es", "Ha adquirido la colombiana Rutaq por una cifra no revelada.", [("Rutaq", False)]),
    ("es", "Cervantia, la spin-off del centro, lo publicará.", [("Cervantia", False)]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), FOUND)
def test_found_with_canonical_name_and_known_flag(
    clf: Classifier, lang: str, text: str, expected: list[tuple[str, bool]]
) -> None:
    assert_found(clf, lang, text, expected)


def test_a_unit_is_reported_without_its_parent_unless_the_parent_is_named_alone(clf: Classifier) -> None:
    names = [m.name for m in org_mentions(clf, "Lo hará a través de su filial Telefónica Tech.", "es")]
    assert names == ["Telefónica Tech"]
    names = [m.name for m in org_mentions(clf, "Sony Music sued the start-up.", "en")]
    assert names == ["Sony Music"]
    text = "Sony Music sued the start-up. Other units of Sony were not party to the suit."
    assert [m.name for m in org_mentions(clf, text, "en")] == ["Sony Music", "Sony"]


# (lang, text, names that must not be reported; None: no organisation at all)
NOT_ORGS = [
    # sentence adverbs before a definite or indefinite apposition
    ("en", "Separately, the company that makes the chips said nothing.", None),
    ("en", "Separately, a consortium of lenders will invest.", None),
    ("fr", "Parallèlement, l'association qui représente les auteurs a réagi.", None),
    ("es", "Finalmente, la fundación que gestiona el archivo respondió.", None),
    # lists with one known organisation: places, people, products, no parties
    ("en", "Paris, Lyon and Google hosted the investors.", ["Paris", "Lyon"]),
    ("en", "Sam Altman, Greg Brockman and OpenAI agreed on the plan.", ["Sam Altman", "Greg Brockman"]),
    ("en", "Gemini, Copilot and OpenAI were compared by the customers.", ["Gemini", "Copilot"]),
    ("en", "Bristol, Leeds and Google were mentioned in the speech.", ["Bristol", "Leeds"]),
    # one adjective phrase after a round's cue; a joint venture with a known company only
    ("en", "The round was led by the Latin American e-commerce giant Mercado Libre.", ["Latin American"]),
    ("en", "They formed a joint venture with Nvidia in Japan.", ["Japan"]),
    # "alongside" without a round: people
    ("fr", "Il a défilé aux côtés de Macron et Scholz à Paris.", None),
    ("en", "She spoke alongside Microsoft and Brennan at the hearing.", ["Brennan"]),
    # raising money: a person's surname, a common noun, no amount
    ("en", "Elon Musk runs the company. Musk raised $6 billion for it.", None),
    ("de", "Das Unternehmen hat 5 Millionen Euro eingesammelt.", None),
    ("de", "Brandwerk hat die Genehmigung erhalten.", None),
    # platforms where something is posted or sold
    ("en", "The clips were posted on YouTube and TikTok.", None),
    ("fr", "Les vidéos ont circulé sur TikTok et Instagram.", None),
    ("de", "Die Werbung lief auch auf Spotify.", None),
    ("es", "Se promociona en TikTok e Instagram.", None),
    ("ar", "ينتشر التطبيق على يوتيوب وتيك توك.", None),
    # people whose surname is a company's name
    ("fr", "Michel Renault, avocat associé, salue un gain de temps.", None),
    ("de", "Peter Porsche, Digitalchef der Stadt, lobte das Modell.", None),
    ("en", "Its founder, Morgan Stanford, spoke.", None),
    # a family office in lower case; shares of a class; places with a relative clause
    ("en", "The family office of the founder invested.", None),
    ("en", "Holders of shares of Class A stock can vote.", None),
    ("en", "Taiwan, which makes most of the chips, is at risk.", None),
    ("en", "Pittsburgh, which hosts the plant, welcomed the news.", None),
    # German: taking part in a debate
    ("de", "Der Bund beteiligt sich an der Debatte.", None),
    # Arabic: a common noun after a descriptor, an adjective
    ("ar", "رحبت شركة كبرى بالقرار.", None),
]


@pytest.mark.parametrize(("lang", "text", "banned"), NOT_ORGS)
def test_controls_are_not_organisations(
    clf: Classifier, lang: str, text: str, banned: list[str] | None
) -> None:
    assert_not_reported(clf, lang, text, banned)
