"""Issue 13, round 9: long English and French stories with heavy company background.

``tests/data/classifier_generalise9.jsonl`` holds 24 stories of ours (12 en, 12 fr), each 10-11 sentences
like a real news page (a dateline, a lead, quotes, paragraphs of background naming earlier rounds, deals,
suits and acquisitions, analysts, a "read more" line): per language 6 stories whose main event is one of
the four tags (named background events are secondary tags, per LABELS.md), 3 with no event despite the
background (an analysis, an interview, a market wrap-up, an explainer) and 3 with a catchy headline that
names no event. Written and committed before the classifier was run on them; then micro-F1 0.836,
primary 0.833, no-event untagged 2/6 (en 0.839, fr 0.833), licensing P 0.58, lawsuit P 0.58, investment
P 0.89, every recall 1.00: all errors were false tags from background and commentary.

The sense cases below are our own sentences for each distinction added in round 9, in en/fr/de/es/ar
where the wording exists, each group with controls that keep the tag:

- lawsuit: suits as a topic with no named party (plural suits against a class of defendants, the outcome
  of pending suits), litigation avoided or unwanted, an unnamed party ("one of them") fined or sued;
- investment: spending as a question of payback ("whether the spending will pay off");
- licensing: permission to use data as a standing policy ("data we are allowed to use"), a payment wished
  for ("qui réclament d'être rémunérés"), a licence defined in general ("Un accord de licence, c'est un
  loyer"), technology of a company the firm bought ("built on technology from X, which it bought").

Then probes of ours (kept out of the repository; their classes are here with controls):

- launch: a launch as a point in time in a gerund or a clause ("since releasing", "depuis qu'elle a
  lancé", "seit sie ... veröffentlicht hat", "desde que lanzó", "منذ أن أطلقت"); a past launch described by
  its reception in an apposition ("launched to great fanfare,", "lancé en grande pompe,"); a launch last year
  with up to seven words between; a launch postponed in the passive ("la sortie ... a été repoussée");
- lawsuit: a suit negated with "never", unnamed past suits, more suits expected; recall: "attaquer ... en
  justice" with words between;
- licensing: deals of a kind as a trend ("licensing deals like these");
- investment: spending by a whole unnamed class of companies ("big technology companies are spending"),
  repeated unnamed raises ("a levé des fonds à plusieurs reprises").

None of these moved the held-out side of real-news-dev (aggregates only): rules from our own wordings
reach the held-out pages only where the wordings meet.
"""

from __future__ import annotations

import pytest

from services.classifier.engine import Classifier
from services.classifier.evaluate import evaluate, read_jsonl
from tests.classifier_helpers import assert_tags, over_cases
from tests.support import REPO

GENERALISE9 = REPO / "tests" / "data" / "classifier_generalise9.jsonl"
OURS = frozenset({"licensing", "lawsuit", "investment"})


def test_own_generalisation_set_round_nine(clf: Classifier) -> None:
    records = read_jsonl(GENERALISE9)
    assert len(records) == 24
    assert sum(r["lang"] == "en" for r in records) == 12 and sum(r["lang"] == "fr" for r in records) == 12
    assert all(len(r["text"].split(". ")) >= 8 for r in records)
    report = evaluate(records, clf)
    assert report.no_event == 6 and report.no_event_untagged == 6, report.as_dict()
    assert report.micro_f1 >= 0.95 and report.primary_accuracy >= 0.95, report.as_dict()
    for name, scores in report.per_tag.items():
        assert scores.precision >= 0.9 and scores.recall >= 0.9, (name, report.as_dict())


L, W, INV = "licensing", "lawsuit", "investment"

CASES: list[tuple[str, str, str, set[str]]] = [
    # ---- lawsuit: suits as a topic, no named party
    (
        "suits as a topic",
        "en",
        "She declined to comment on the lawsuits that writers have brought against AI companies.",
        set(),
    ),
    (
        "suits as a topic",
        "en",
        "Publishers are waiting for the outcome of the pending lawsuits before deciding.",
        set(),
    ),
    (
        "suits as a topic",
        "fr",
        "Interrogé sur les procès intentés aux développeurs d'IA, il n'a pas répondu.",
        set(),
    ),
    ("suits as a topic", "fr", "Les éditeurs attendent l'issue des procès en cours aux États-Unis.", set()),
    (
        "suits as a topic",
        "de",
        "Zu den Klagen gegen KI-Firmen wollte sich die Managerin nicht äußern.",
        set(),
    ),
    (
        "suits as a topic",
        "es",
        "No quiso hablar de las demandas presentadas contra las empresas de IA.",
        set(),
    ),
    ("suits as a topic", "ar", "ورفضت التعليق على الدعاوى المرفوعة ضد شركات الذكاء الاصطناعي.", set()),
    ("suits as a topic", "en", "Eleven novelists filed a lawsuit against Quillmark on Thursday.", {W}),
    (
        "suits as a topic",
        "fr",
        "Des illustrateurs ont déposé plainte contre la société Pixelor mercredi.",
        {W},
    ),
    ("suits as a topic", "de", "Autoren haben am Montag Klage gegen das Start-up Lexa eingereicht.", {W}),
    ("suits as a topic", "es", "Varios autores han presentado una demanda contra la empresa Lumo.", {W}),
    ("suits as a topic", "ar", "رفع كتاب دعوى قضائية ضد شركة لومو يوم الاثنين.", {W}),
    # ---- lawsuit: litigation avoided or unwanted
    (
        "litigation avoided",
        "en",
        "Such deals will become the norm because nobody wants years of litigation.",
        set(),
    ),
    (
        "litigation avoided",
        "fr",
        "Ce contrat va devenir la norme, parce que personne ne veut dix ans de procès.",
        set(),
    ),
    (
        "litigation avoided",
        "de",
        "Die Verlage setzen auf Verträge, um einen langen Rechtsstreit zu vermeiden.",
        set(),
    ),
    ("litigation avoided", "es", "Las editoriales prefieren negociar para evitar largos pleitos.", set()),
    ("litigation avoided", "en", "The company settled the lawsuit with the actors for $60 million.", {W}),
    (
        "litigation avoided",
        "fr",
        "Le tribunal a condamné la société à verser 2 millions d'euros aux auteurs.",
        {W},
    ),
    # ---- lawsuit: an unnamed party fined or sued
    (
        "unnamed party",
        "en",
        "Rivals offer similar tools, and one of them was fined by a privacy regulator last year.",
        set(),
    ),
    (
        "unnamed party",
        "fr",
        "Ses concurrents proposent des outils proches, et l'un d'eux a été condamné l'an dernier.",
        set(),
    ),
    (
        "unnamed party",
        "es",
        "Sus rivales ofrecen herramientas similares y uno de ellos fue multado el año pasado.",
        set(),
    ),
    ("unnamed party", "en", "A privacy regulator fined Kitebridge 35 million euros on Friday.", {W}),
    (
        "unnamed party",
        "fr",
        "La CNIL a infligé jeudi une amende de 12 millions d'euros à la société Calypso.",
        {W},
    ),
    # ---- investment: spending as a question of payback
    ("payback question", "en", "Investors are divided on whether the spending will pay off.", set()),
    (
        "payback question",
        "fr",
        "Les investisseurs doutent que ces investissements soient un jour rentables.",
        set(),
    ),
    (
        "payback question",
        "de",
        "Investoren fragen, ob sich die Investitionen in Rechenzentren lohnen.",
        set(),
    ),
    (
        "payback question",
        "es",
        "Los inversores dudan de que la inversión en centros de datos sea rentable.",
        set(),
    ),
    ("payback question", "en", "The company will spend $10 billion on two new data centres in Ohio.", {INV}),
    (
        "payback question",
        "fr",
        "Le groupe va investir 5 milliards d'euros dans des centres de données.",
        {INV},
    ),
    ("payback question", "de", "Der Konzern investiert 3 Milliarden Euro in neue Rechenzentren.", {INV}),
    # ---- licensing: permission to use data as a standing policy
    ("data policy", "en", "Our job is to use data we are allowed to use, she said in the interview.", set()),
    (
        "data policy",
        "fr",
        "Nous n'utilisons que des données que nos clients nous autorisent à utiliser.",
        set(),
    ),
    ("data policy", "de", "Wir trainieren nur mit Daten, die wir nutzen dürfen, sagte die Gründerin.", set()),
    ("data policy", "es", "Solo usamos datos que nuestros clientes nos permiten usar, dijo.", set()),
    ("data policy", "en", "The archive has allowed Orbis to use its articles to train its models.", {L}),
    (
        "data policy",
        "fr",
        "L'éditeur autorise la start-up à utiliser ses archives pour entraîner ses modèles.",
        {L},
    ),
    # ---- licensing: a payment wished for
    (
        "payment wished for",
        "fr",
        "Elle est critiquée par les éditeurs, qui réclament d'être rémunérés pour les textes utilisés.",
        set(),
    ),
    ("payment wished for", "en", "Authors want to be paid for the books used to train the models.", set()),
    (
        "payment wished for",
        "es",
        "Los autores exigen ser remunerados por las obras usadas para entrenar modelos.",
        set(),
    ),
    ("payment wished for", "de", "Die Autoren wollen für ihre Werke bezahlt werden.", set()),
    (
        "payment wished for",
        "fr",
        "Lexia versera aux éditeurs une redevance annuelle pour utiliser leurs archives.",
        {L},
    ),
    (
        "payment wished for",
        "en",
        "Verity will pay the newspaper an annual fee to use its articles in its chatbot.",
        {L},
    ),
    # ---- licensing: a licence defined in general
    (
        "licence defined",
        "fr",
        "« Un accord de licence, c'est un loyer », résume un dirigeant de presse.",
        set(),
    ),
    (
        "licence defined",
        "en",
        "A licensing deal is not a favour, it is the price of the raw material, he said.",
        set(),
    ),
    ("licence defined", "es", "Un acuerdo de licencia es un alquiler, resume un editor.", set()),
    ("licence defined", "fr", "Le journal a signé un accord de licence avec Lexia pour ses archives.", {L}),
    ("licence defined", "en", "The paper signed a licensing deal with Verity covering its archive.", {L}),
    # ---- licensing: technology of a company it bought is its own
    # (the purchase itself is a named acquisition: investment, not licensing)
    (
        "acquired technology",
        "en",
        "It is built on technology from Fennel, a start-up that Brightdesk bought in January.",
        {INV},
    ),
    (
        "acquired technology",
        "en",
        "The tool runs on the company's own technology, built over five years.",
        set(),
    ),
    (
        "acquired technology",
        "en",
        "The feature is powered by models from Kestrel, which it licensed last year.",
        {L},
    ),
    (
        "acquired technology",
        "fr",
        "La fonction repose sur la technologie maison de Scriba, développée depuis 2019.",
        set(),
    ),
    (
        "acquired technology",
        "fr",
        "L'outil repose sur une technologie fournie sous licence par la start-up Verbe.",
        {L},
    ),
    # ---- round 9 probes: a suit negated with "never", more suits expected
    ("never sued, expected suits", "en", "The company has never been sued.", set()),
    ("never sued, expected suits", "de", "Die Firma wurde noch nie verklagt.", set()),
    ("never sued, expected suits", "es", "La empresa nunca ha sido demandada.", set()),
    ("never sued, expected suits", "fr", "Les avocats s'attendent à d'autres plaintes l'an prochain.", set()),
    ("never sued, expected suits", "de", "Anwälte erwarten weitere Klagen im nächsten Jahr.", set()),
    ("never sued, expected suits", "es", "Los abogados esperan más demandas el año que viene.", set()),
    ("never sued, expected suits", "en", "The authors sued Quillmark in federal court on Thursday.", {W}),
    ("never sued, expected suits", "fr", "Des auteurs ont attaqué la société en justice lundi.", {W}),
    # ---- round 9 probes: deals of a kind as a trend
    ("deals like these", "en", "Licensing deals like these have become common across the industry.", set()),
    ("deals like these", "fr", "Des accords comme celui-ci se multiplient dans la presse.", set()),
    ("deals like these", "de", "Lizenzverträge wie dieser sind in der Branche üblich geworden.", set()),
    ("deals like these", "es", "Los acuerdos de licencia como este se han vuelto habituales.", set()),
    (
        "deals like these",
        "en",
        "The publisher signed a licensing deal with Orbis, its first deal like this.",
        {L},
    ),
    # ---- round 9 probes: spending by a whole unnamed class of companies
    (
        "sector spending",
        "en",
        "Big technology companies are spending record sums on data centres, analysts say.",
        set(),
    ),
    (
        "sector spending",
        "fr",
        "Les dépenses des géants du numérique dans les centres de données devraient dépasser 400 milliards.",
        set(),
    ),
    (
        "sector spending",
        "de",
        "Die Ausgaben der großen Tech-Konzerne für Rechenzentren dürften 400 Milliarden Dollar übersteigen.",
        set(),
    ),
    (
        "sector spending",
        "es",
        "El gasto de las grandes tecnológicas en centros de datos superará los 400.000 millones de dólares.",
        set(),
    ),
    (
        "sector spending",
        "ar",
        "ويتوقع أن يتجاوز إنفاق شركات التكنولوجيا الكبرى على مراكز البيانات 400 مليار دولار.",
        set(),
    ),
    ("sector spending", "fr", "La société a levé des fonds à plusieurs reprises depuis sa création.", set()),
    ("sector spending", "en", "Microsoft will spend $80 billion on data centres this year.", {INV}),
    (
        "sector spending",
        "en",
        "The largest cloud companies led by Amazon invested $5 billion in Anthropic.",
        {INV},
    ),
    ("sector spending", "fr", "La société a levé 20 millions d'euros auprès du fonds Alpin Capital.", {INV}),
]


@over_cases(CASES)
def test_round_nine_senses(clf: Classifier, lang: str, text: str, expected: set[str]) -> None:
    assert_tags(clf, lang, text, expected, among=OURS)


LAUNCH_CASES: list[tuple[str, str, str, bool]] = [
    # ---- a launch as a point in time in a gerund or a clause: background
    ("since launching", "en", "Since releasing its first model, the start-up has hired 300 people.", False),
    (
        "since launching",
        "fr",
        "Depuis qu'elle a lancé son assistant, la société a recruté 200 personnes.",
        False,
    ),
    (
        "since launching",
        "de",
        "Seit sie ihr erstes Modell veröffentlicht hat, hat die Firma 300 Leute eingestellt.",
        False,
    ),
    (
        "since launching",
        "es",
        "Desde que lanzó su primer modelo, la empresa ha contratado a 300 personas.",
        False,
    ),
    ("since launching", "ar", "منذ أن أطلقت الشركة نموذجها الأول، وظفت 300 شخص.", False),
    ("since launching", "en", "Corvid on Tuesday released Tern 3, a compact model for laptops.", True),
    ("since launching", "es", "La empresa lanzó el martes su primer modelo de lenguaje.", True),
    # ---- a past launch described by its reception in an apposition: background
    (
        "reception apposition",
        "en",
        "Its chatbot, launched to great fanfare, has struggled to find paying users.",
        False,
    ),
    (
        "reception apposition",
        "fr",
        "Son agent conversationnel, lancé en grande pompe, peine à trouver des clients payants.",
        False,
    ),
    ("reception apposition", "es", "Su chatbot, lanzado a bombo y platillo, no encuentra clientes.", False),
    ("reception apposition", "en", "Aster launched its glasses with great fanfare on Thursday.", True),
    ("reception apposition", "fr", "Domestia a lancé jeudi en grande pompe son robot Maïa.", True),
    # ---- a launch last year with more words in between
    ("last year, far", "en", "The company debuted its assistant at a conference in May last year.", False),
    ("last year, far", "en", "The company debuted its assistant at a conference in Paris on Monday.", True),
    (
        "last year, far",
        "fr",
        "La société a présenté son assistant à un salon en mai l'an dernier.",
        False,
    ),
    (
        "last year, far",
        "de",
        "Die Firma hat im vergangenen Jahr auf einer Messe ihren Assistenten vorgestellt.",
        False,
    ),
    (
        "last year, far",
        "es",
        "La empresa presentó su asistente en una feria en mayo del año pasado.",
        False,
    ),
    ("last year, far", "fr", "La société a présenté lundi son assistant lors d'un salon à Paris.", True),
    # ---- a launch postponed in the passive, the launch noun first
    ("passive postponement", "fr", "La sortie du modèle a été repoussée à l'an prochain.", False),
    ("passive postponement", "fr", "Le lancement de l'application est reporté à mars.", False),
    (
        "passive postponement",
        "es",
        "El lanzamiento del modelo se ha retrasado hasta el año que viene.",
        False,
    ),
    ("passive postponement", "ar", "تم تأجيل إطلاق النموذج إلى العام المقبل.", False),
    ("passive postponement", "en", "The release of the model has been pushed back to next year.", False),
    (
        "passive postponement",
        "fr",
        "Mistelle a lancé mardi son modèle Aigrette, dont la sortie avait été repoussée deux fois.",
        True,
    ),
    (
        "passive postponement",
        "en",
        "Corvid released Tern 3 on Tuesday after the launch was delayed twice.",
        True,
    ),
]


@pytest.mark.parametrize(
    ("lang", "text", "launch"),
    [c[1:] for c in LAUNCH_CASES],
    ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(LAUNCH_CASES)],
)
def test_round_nine_launch_senses(clf: Classifier, lang: str, text: str, launch: bool) -> None:
    got = clf.classify("", text, lang)
    assert ("launch" in got.tag_names) is launch, [(t.name, [e.text for e in t.evidence]) for t in got.tags]


def test_every_distinction_has_controls_in_several_languages() -> None:
    groups: dict[str, tuple[set[str], int, int]] = {}
    for group, lang, _text, expected in [
        *CASES,
        *((g, la, t, {"launch"} if x else set()) for g, la, t, x in LAUNCH_CASES),
    ]:
        langs, tagged, untagged = groups.get(group, (set(), 0, 0))
        groups[group] = (langs | {lang}, tagged + bool(expected), untagged + (not expected))
    for group, (langs, tagged, untagged) in groups.items():
        assert len(langs) >= 2 and tagged >= 1 and untagged >= 1, group
