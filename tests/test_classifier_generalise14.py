"""Issue 13, round 14: a blind set for the primary choice, and the rules it showed missing.

``tests/data/classifier_generalise14.jsonl`` holds 50 stories of ours (en, fr, de, ar, es: 10 each), written
and committed before the classifier ran on it: each tells one main event in its headline and lead and other
event kinds in the body, as background, consequence or news of its own (a launch beside last year's named
round, suits whose cause was a licensing deal, raises listing the products the money will build, a licence
told as part of a launch, acquisitions with a later product, rulings on suits about a product, a raise and a
launch on one day, a suit a week after the defendant's licence with a rival, settlements that come with a
licence). Before its fixes: micro-F1 0.958, primary 0.900 (45/50): ar 0.941 / 1.000, de 0.941 / 0.900, en
1.000 / 0.900, es 1.000 / 1.000, fr 0.903 / 0.700; launch precision 0.79 (background launch words), every
other tag P and R >= 0.96.

The cases below are our own sentences for each rule added in round 14 (the primary choice in
services/classifier/tagger.py, and the "round 14" blocks of services/classifier/taxonomy/tags/), each group
with controls that must keep their answer.
"""

from __future__ import annotations

import pytest

from services.classifier.engine import Classifier
from services.classifier.evaluate import evaluate, read_jsonl
from tests.classifier_helpers import (
    assert_every_class_has_a_control,
    assert_set_floors,
    assert_tags,
    over_cases,
)
from tests.support import REPO

GENERALISE14 = REPO / "tests" / "data" / "classifier_generalise14.jsonl"
L, LA, S, INV = "licensing", "launch", "lawsuit", "investment"


def test_own_generalisation_set_round_fourteen(clf: Classifier) -> None:
    records = read_jsonl(GENERALISE14)
    assert len(records) == 50
    counts = {lang: sum(r["lang"] == lang for r in records) for lang in ("en", "fr", "de", "ar", "es")}
    assert counts == {"en": 10, "fr": 10, "de": 10, "ar": 10, "es": 10}
    assert all(r["primary"] in r["tags"] for r in records)
    report = evaluate(records, clf)
    # after round 14: micro-F1 1.000, primary 1.000 (50/50), every tag P = R = 1.00, in every language
    assert_set_floors(report)


# (group, lang, title, text, primary): the primary the tagger must choose
PRIMARY: list[tuple[str, str, str, str, str]] = [
    # ---- a headline's relative clause is what a party did before, not the headline's event
    (
        "headline relative clause",
        "en",
        "Novelists' guild goes after Quillo, which licensed 5,000 books from Clairval last year",
        "The Novelists' Guild filed a lawsuit against Quillo in federal court on Monday, accusing it of "
        "training "
        "its app on pirated books. The guild is asking for damages.",
        S,
    ),
    (
        "headline relative clause",
        "en",
        "Quillo licenses 5,000 books from Clairval, which sued it last year",
        "Quillo signed a licensing deal with the publisher Clairval on Monday covering 5,000 books. "
        "Clairval had "
        "sued Quillo in 2024 over the same books.",
        L,
    ),
    (
        "headline relative clause",
        "fr",
        "Le groupe Ondine attaque Vocalis, à qui il avait cédé les droits de ses livres",
        "Le groupe Ondine a porté plainte contre la société Vocalis lundi. L'éditeur lui reproche d'avoir "
        "utilisé "
        "ses livres audio sans autorisation.",
        S,
    ),
    (
        "headline relative clause",
        "fr",
        "Vocalis obtient les droits des livres audio d'Ondine, qui l'avait poursuivie en justice",
        "Vocalis a signé lundi un accord de licence avec le groupe Ondine pour ses livres audio. Ondine "
        "avait "
        "porté plainte contre Vocalis en 2024.",
        L,
    ),
    (
        "headline relative clause",
        "de",
        "Verlag Brenner geht gegen Lingo vor, dem er 2023 eine Lizenz erteilt hatte",
        "Der Verlag Brenner hat beim Landgericht München Klage gegen den Übersetzungsdienst Lingo "
        "eingereicht. "
        "Er fordert Schadenersatz.",
        S,
    ),
    (
        "headline relative clause",
        "ar",
        "دار المنارة تلاحق صدى، التي منحتها ترخيصا لاستخدام كتبها",
        "رفعت دار المنارة دعوى قضائية ضد شركة صدى أمام المحكمة الاقتصادية. وتطالب الدار بتعويض.",
        S,
    ),
    # ---- a headline's second clause after a dash and a conjunction, when the rules do not read the first
    (
        "dash-and second clause",
        "de",
        "Aleph Alpha holt sich 90 Millionen Euro – und stellt neues Modell vor",
        "Aleph Alpha hat in einer Finanzierungsrunde 90 Millionen Euro erhalten. Die Runde führte die "
        "Schwarz-Gruppe an. Zeitgleich stellte das Unternehmen das Modell Pharia 3 vor.",
        INV,
    ),
    (
        "dash-and second clause",
        "fr",
        "Mistral empoche une somme record – et met en ligne Magistral 2",
        "Mistral AI a annoncé mardi une levée de fonds de 1,5 milliard d'euros menée par General Catalyst. "
        "La "
        "start-up est valorisée 14 milliards d'euros. Le même jour, elle a mis en ligne Magistral 2, un "
        "modèle "
        "de raisonnement.",
        INV,
    ),
    (
        "dash-and second clause",
        "en",
        "Vantor bags a nine-figure sum - and opens its cloud console",
        "Vantor Compute raised $300 million in a round led by Fidelity on Tuesday. The company was valued "
        "at $2 "
        "billion. It also launched Vantor Cloud, a console for renting chips by the hour.",
        INV,
    ),
    (
        "dash-and second clause",
        "en",
        "Vantor launches its cloud app - and raises $300 million",
        "Vantor Compute launched Vantor Cloud, an app for renting chips by the hour, on Tuesday. The company "
        "also raised $300 million in a round led by Fidelity.",
        LA,
    ),
    (
        "dash-and second clause",
        "de",
        "Aleph Alpha stellt neues Modell vor – und sammelt 90 Millionen Euro ein",
        "Aleph Alpha hat am Mittwoch das Modell Pharia 3 vorgestellt. Zudem erhielt das Unternehmen in einer "
        "Finanzierungsrunde 90 Millionen Euro.",
        LA,
    ),
    # ---- with no event read in the headline, the lead's first sentence outranks its second
    (
        "lead's first sentence",
        "en",
        "Sonora's new AI radio app plays Meridian Records' whole catalogue",
        "Sonora on Thursday launched Airwaves, an app that builds a personal radio station with an AI "
        "host. To "
        "stock it, the company signed a licensing agreement with Meridian Records. The app costs $6.99 a "
        "month.",
        LA,
    ),
    (
        "lead's first sentence",
        "es",
        "Oído, la app de Compás, resume los podcasts de Radio Sur",
        "La empresa Compás lanzó el jueves Oído, una aplicación que resume podcasts con inteligencia "
        "artificial. "
        "Para su estreno, Compás firmó un acuerdo de licencia con la cadena Radio Sur. Cuesta 3,99 euros "
        "al mes.",
        LA,
    ),
    (
        "lead's first sentence",
        "en",
        "Meridian Records and Sonora: what the catalogue means for radio",
        "Meridian Records signed a licensing agreement with Sonora on Thursday covering its whole catalogue. "
        "Sonora on Thursday launched Airwaves, an app that builds a personal radio station with an AI host.",
        L,
    ),
    # ---- a headline's leading "with" phrase is the means of the main clause's event
    (
        "leading with phrase",
        "fr",
        "Avec un accord de licence signé avec L'Écho du Sud, Kairn lance un moteur de recherche",
        "La société Kairn a lancé lundi Mémoires, un moteur de recherche historique. Kairn a conclu un "
        "accord de "
        "licence avec le quotidien L'Écho du Sud.",
        LA,
    ),
    (
        "leading with phrase",
        "en",
        "With a licensing deal from Meridian in hand, Sonora launches an AI radio app",
        "Sonora signed a licensing deal with Meridian Records last week. On Thursday it launched Airwaves, "
        "an "
        "app with an AI host.",
        LA,
    ),
    (
        "leading with phrase",
        "es",
        "Con un acuerdo de licencia con Radio Sur, Compás lanza su app de podcasts",
        "Compás firmó la semana pasada un acuerdo de licencia con Radio Sur. El jueves lanzó Oído, una "
        "aplicación que resume podcasts.",
        LA,
    ),
    (
        "leading with phrase",
        "fr",
        "Kairn signe un accord de licence avec L'Écho du Sud",
        "La société Kairn a conclu un accord de licence avec le quotidien L'Écho du Sud. Elle a lancé lundi "
        "Mémoires, un moteur de recherche historique.",
        L,
    ),
    # ---- a headline's trailing time or concession clause is background; when all its event words are in
    # its background, the lead's first sentence tells the headline's event
    (
        "headline trailing clause",
        "en",
        "Lumeo opens its answer engine to every reader, weeks after publishers sued it",
        "Lumeo made its AI answer engine free for every reader on Monday. Publishers led by Harbor Media "
        "sued the company in October over its use of their articles.",
        LA,
    ),
    (
        "headline trailing clause",
        "en",
        "Harbor Media's archive heads to Northstar in a paid deal, a month after it sued Lumeo",
        "Harbor Media will let Northstar AI use its archive in answers under a paid agreement announced on "
        "Monday. Harbor sued Lumeo last month.",
        L,
    ),
    (
        "headline trailing clause",
        "fr",
        "Lumio ouvre son moteur de réponses à tous, malgré la plainte des éditeurs",
        "Lumio a rendu son moteur de réponses accessible à tous les internautes lundi. Les éditeurs de "
        "presse ont porté plainte contre Lumio en octobre.",
        LA,
    ),
    (
        "headline trailing clause",
        "de",
        "Findr öffnet seine Suchmaschine für alle – trotz Klage der Verlage",
        "Findr hat seine KI-Suchmaschine am Montag für alle Nutzer freigeschaltet. Die Verlage hatten im "
        "Oktober Klage gegen Findr eingereicht.",
        LA,
    ),
    (
        "headline trailing clause",
        "es",
        "Buscalia abre su buscador a todos tras la demanda de los editores",
        "Buscalia puso su buscador con inteligencia artificial a disposición de todos los usuarios el lunes. "
        "Los editores presentaron una demanda contra la empresa en octubre.",
        LA,
    ),
    (
        "headline trailing clause",
        "en",
        "Harbor Media sues Lumeo, weeks after licensing its archive to Northstar",
        "Harbor Media filed a lawsuit against Lumeo on Monday. The publisher signed a licensing deal with "
        "Northstar AI last month.",
        S,
    ),
    (
        "headline trailing clause",
        "en",
        "Shares of Lumeo slide after publishers sue",
        "Publishers led by Harbor Media sued Lumeo on Monday. Lumeo had launched its answer engine for all "
        "readers in May.",
        S,
    ),
    (
        "headline trailing clause",
        "fr",
        "Les éditeurs portent plainte contre Lumio, malgré son accord avec L'Écho du Sud",
        "Les éditeurs de presse ont porté plainte contre Lumio lundi. Lumio avait signé un accord de licence "
        "avec L'Écho du Sud en mai.",
        S,
    ),
]


@pytest.mark.parametrize(
    ("lang", "title", "text", "primary"),
    [c[1:] for c in PRIMARY],
    ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(PRIMARY)],
)
def test_round_fourteen_primary(clf: Classifier, lang: str, title: str, text: str, primary: str) -> None:
    got = clf.classify(title, text, lang)
    assert got.primary_tag == primary, (got.primary_tag, got.tag_names)


def test_every_primary_rule_has_a_control() -> None:
    groups: dict[str, tuple[set[str], set[str]]] = {}
    for group, lang, _title, _text, primary in PRIMARY:
        langs, primaries = groups.get(group, (set(), set()))
        groups[group] = (langs | {lang}, primaries | {primary})
    for group, (langs, primaries) in groups.items():
        assert len(langs) >= 2 and len(primaries) >= 2, (group, langs, primaries)


# (group, lang, text, tags): the tags a sentence must get
CASES: list[tuple[str, str, str, set[str]]] = [
    # ---- launch recall: a search engine launched (fr)
    (
        "search engine launched",
        "fr",
        "Kairn a lancé lundi Mémoires, un moteur de recherche historique.",
        {LA},
    ),
    ("search engine launched", "fr", "Le moteur de recherche de Kairn est lent depuis lundi.", set()),
    # ---- not a launch: an amount or terms not disclosed (fr)
    (
        "not disclosed",
        "fr",
        "Dassault Systèmes a racheté la start-up Formia pour un montant non dévoilé.",
        {INV},
    ),
    ("not disclosed", "fr", "Les conditions financières n'ont pas été dévoilées.", set()),
    ("not disclosed", "fr", "Dassault Systèmes a dévoilé lundi un nouvel outil de simulation.", {LA}),
    # ---- not a launch: works described as published (de)
    ("published works", "de", "Die App sei mit veröffentlichten Übersetzungen trainiert worden.", set()),
    (
        "published works",
        "de",
        "Der Dienst wurde mit bereits veröffentlichten Büchern trainiert, sagte der Verband.",
        set(),
    ),
    ("published works", "de", "Der Anbieter hat die App Wortlaut am Montag veröffentlicht.", {LA}),
    # ---- not a launch: the story's own product's launch as a point in time, a company's first products (ar)
    ("launch as a point in time", "ar", "ورفع المصممون الدعوى بعد أشهر من طرح التطبيق في الأسواق.", {S}),
    (
        "launch as a point in time",
        "ar",
        "وتأتي هذه الخطوة بعد أشهر من إطلاق الشركة تطبيق المحادثة الجديد.",
        {LA},
    ),
    ("launch as a point in time", "ar", "وكانت الشركة قد أطلقت أول منتجاتها عام 2023.", set()),
    ("launch as a point in time", "ar", "أطلقت الشركة يوم الأحد أول تطبيق لها للمحادثة.", {LA}),
    # ---- not a stake: a share of revenue (de)
    ("revenue share", "de", "Der Sender erhält einen Anteil an den Abo-Erlösen.", set()),
    ("revenue share", "de", "Der Sender erwirbt einen Anteil an dem Start-up für 5 Millionen Euro.", {INV}),
    # ---- investment recall: «une levée de 32 millions d'euros» (fr)
    (
        "raise with its amount",
        "fr",
        "Hexa a finalisé une levée de 32 millions d'euros auprès de Partech.",
        {INV},
    ),
    ("raise with its amount", "fr", "Hexa envisage une levée de 30 millions d'euros l'an prochain.", set()),
    ("raise with its amount", "fr", "Hexa a finalisé une levée de boucliers contre le projet.", set()),
    # ---- lawsuit recall: «X assigne Y» (fr)
    ("assigne a party", "fr", "Le groupe Ondine assigne Vocalis.", {S}),
    ("assigne a party", "fr", "L'éditeur a assigné Vocalis pour avoir copié ses livres.", {S}),
    ("assigne a party", "fr", "Le directeur assigne un nouveau rôle à chaque équipe.", set()),
    ("assigne a party", "fr", "La direction assigne Marie au poste de directrice.", set()),
    # ---- launch recall: a search or answer engine as the product (en/fr/de/es/ar near words), a product made
    # accessible to all (fr), put at the disposal of all users with more words between (es)
    ("engine as the product", "en", "Lumeo made its AI answer engine free for every reader on Monday.", {LA}),
    (
        "engine as the product",
        "en",
        "Lumeo will make its answer engine free for every reader next year.",
        set(),
    ),
    (
        "engine as the product",
        "de",
        "Findr hat seine KI-Suchmaschine am Montag für alle Nutzer freigeschaltet.",
        {LA},
    ),
    (
        "engine as the product",
        "de",
        "Findr wird seine Suchmaschine im nächsten Jahr für alle Nutzer freischalten.",
        set(),
    ),
    (
        "accessible to all",
        "fr",
        "Lumio a rendu son moteur de réponses accessible à tous les internautes lundi.",
        {LA},
    ),
    ("accessible to all", "fr", "La ville a rendu les transports accessibles à tous.", set()),
    (
        "accessible to all",
        "fr",
        "Lumio rendra son moteur de réponses accessible à tous l'an prochain.",
        set(),
    ),
    (
        "accessible to all",
        "es",
        "Buscalia puso su buscador con inteligencia artificial a disposición de todos los usuarios el lunes.",
        {LA},
    ),
    (
        "accessible to all",
        "es",
        "Buscalia pondrá su buscador a disposición de todos los usuarios el próximo año.",
        set(),
    ),
    (
        "accessible to all",
        "es",
        "El diario puso su archivo de artículos a disposición de todos los usuarios.",
        set(),
    ),
]


@over_cases(CASES)
def test_round_fourteen_senses(clf: Classifier, lang: str, text: str, expected: set[str]) -> None:
    assert_tags(clf, lang, text, expected)


def test_every_tag_rule_has_a_control() -> None:
    assert_every_class_has_a_control(CASES)
