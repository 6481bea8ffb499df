"""Issue 13, round 8: no-event stories stay untagged, and the licensing, lawsuit and investment tags
mean a reported deal, proceeding or stake.

``tests/data/classifier_generalise8.jsonl`` holds 30 stories of ours (6 per language: 15 no-event stories
of kinds the earlier sets did not cover, 15 deals in unusual wordings), written before the classifier was
run on them. The sense cases below are our own sentences, one group per distinction added in this
round, in every language, each with controls that must keep the tag. Only the three tags of this round
are compared (launch is another rule set's).
"""

from __future__ import annotations

import pytest

from services.classifier.engine import Classifier
from services.classifier.evaluate import evaluate, read_jsonl
from tests.support import REPO

GENERALISE8 = REPO / "tests" / "data" / "classifier_generalise8.jsonl"
OURS = frozenset({"licensing", "lawsuit", "investment"})


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier()


def test_own_generalisation_set_round_eight() -> None:
    # written before running on them: micro-F1 0.552, primary 0.567, no-event untagged 9/15 then
    # (licensing P 0.44: a negated grant, an interview, a hearing, a survey, a conference; investment P
    # 0.67: analysts on spending; recall 0.40 for lawsuit and investment: Musterfeststellungsklage, un
    # juzgado, أقام قضية ضد, money for a share of the capital in fr/es/ar)
    records = read_jsonl(GENERALISE8)
    assert {r["lang"] for r in records} == {"en", "ar", "fr", "de", "es"} and len(records) == 30
    report = evaluate(records, Classifier())
    assert report.no_event == 15 and report.no_event_untagged == 15, report.as_dict()
    assert report.micro_f1 >= 0.95 and report.primary_accuracy >= 0.95, report.as_dict()
    for name in OURS:
        assert report.per_tag[name].precision >= 0.95, (name, report.as_dict())


L, W, INV = "licensing", "lawsuit", "investment"

CASES: list[tuple[str, str, str, str, set[str]]] = [
    # ---- a grant or a deal negated is no licence
    (
        "negated grant",
        "en",
        "",
        "The pilot grants neither company rights to the other's models, the firms said.",
        set(),
    ),
    (
        "negated grant",
        "en",
        "",
        "The union has not signed any agreement with an AI developer and is still talking to several.",
        set(),
    ),
    (
        "negated grant",
        "fr",
        "",
        "Le partenariat n'accorde aucun droit d'utilisation des archives à la start-up, a précisé l'éditeur.",
        set(),
    ),
    (
        "negated grant",
        "de",
        "",
        "Der Verlag hat keine Nutzungsrechte an seinen Artikeln vergeben, betonte eine Sprecherin.",
        set(),
    ),
    (
        "negated grant",
        "es",
        "",
        "La editorial no ha firmado ningún acuerdo de licencia con empresas de inteligencia artificial.",
        set(),
    ),
    (
        "negated grant",
        "ar",
        "",
        "وأكدت الدار أنها لم توقع أي اتفاق لترخيص محتواها لشركات الذكاء الاصطناعي.",
        set(),
    ),
    (
        "negated grant",
        "en",
        "",
        "The archive has granted Lumo the right to use its footage to train its video model.",
        {L},
    ),
    (
        "negated grant",
        "fr",
        "",
        "L'éditeur a accordé à la start-up le droit d'utiliser ses archives pour entraîner son modèle.",
        {L},
    ),
    ("negated grant", "ar", "", "منحت الدار شركة ناشئة حق استخدام أرشيفها في تدريب نموذجها.", {L}),
    # ---- licensing advocated, lobbied or called for is a position
    (
        "advocacy",
        "en",
        "",
        "The guild is lobbying lawmakers for a collective licensing scheme for books.",
        set(),
    ),
    (
        "advocacy",
        "fr",
        "",
        "Les éditeurs ont plaidé pour plus de transparence et pour un système de licences négocié.",
        set(),
    ),
    (
        "advocacy",
        "de",
        "",
        "Der Verband spricht sich seit Monaten für verbindliche Lizenzen beim KI-Training aus.",
        set(),
    ),
    (
        "advocacy",
        "es",
        "",
        "La asociación aboga por un modelo de licencias colectivas para las obras usadas por la IA.",
        set(),
    ),
    ("advocacy", "ar", "", "ودعا ناشرون إلى وضع إطار لترخيص المحتوى المستخدم في تدريب النماذج.", set()),
    (
        "advocacy",
        "en",
        "",
        "After months of lobbying, the guild signed a licensing deal with Orbis on Monday.",
        {L},
    ),
    ("advocacy", "fr", "", "L'éditeur a signé un accord de licence avec la start-up pour ses archives.", {L}),
    # ---- a quoted opinion as the headline
    (
        "quoted headline",
        "en",
        "'Licensing is the only fair road,' says guild head",
        "The guild head spoke at a book fair on Monday.",
        set(),
    ),
    (
        "quoted headline",
        "fr",
        "« La licence est la seule voie », estime la présidente des auteurs",
        "Elle s'exprimait lundi lors d'un salon.",
        set(),
    ),
    (
        "quoted headline",
        "de",
        "„Ohne Lizenz kein Training“, sagt die Verlegerin",
        "Sie sprach am Montag auf einer Messe.",
        set(),
    ),
    (
        "quoted headline",
        "es",
        "«La licencia es el único camino», afirma la presidenta de los autores",
        "Habló el lunes en una feria.",
        set(),
    ),
    (
        "quoted headline",
        "en",
        "'We have signed a licensing deal with Orbis,' says publisher",
        "The publisher spoke on Monday.",
        {L},
    ),
    (
        "quoted headline",
        "en",
        "Publisher licenses its archive to Orbis",
        "The publisher spoke on Monday.",
        {L},
    ),
    # ---- licences as the content of a bill, a law, a rule or a report
    (
        "legislation",
        "en",
        "",
        "One senator said a bill requiring licences for training data would be introduced next month.",
        set(),
    ),
    (
        "legislation",
        "fr",
        "",
        "Un rapport parlementaire propose de créer une licence légale pour les œuvres utilisées par l'IA.",
        set(),
    ),
    (
        "legislation",
        "de",
        "",
        "Der Bundestag beriet über einen Antrag, der Lizenzpflichten für das KI-Training vorsieht.",
        set(),
    ),
    (
        "legislation",
        "es",
        "",
        "La propuesta obligaría a las empresas de IA a negociar licencias con los editores.",
        set(),
    ),
    (
        "legislation",
        "ar",
        "",
        "ويلزم مشروع القانون شركات الذكاء الاصطناعي بالحصول على تراخيص قبل استخدام المحتوى المحمي.",
        set(),
    ),
    (
        "legislation",
        "de",
        "",
        "Der Verlag hat mit dem KI-Unternehmen eine Lizenzvereinbarung für sein Archiv geschlossen.",
        {L},
    ),
    (
        "legislation",
        "es",
        "",
        "La editorial ha cerrado un acuerdo de licencia con la start-up para su catálogo.",
        {L},
    ),
    # ---- licensing as a topic discussed, a team, or asked about
    (
        "topic",
        "en",
        "",
        "Delegates discussed copyright and the licensing of training data for three days.",
        set(),
    ),
    ("topic", "en", "", "She will oversee the company's licensing and litigation teams.", set()),
    (
        "topic",
        "en",
        "",
        "Lawmakers pressed the executives on whether they pay for the books used to train their models.",
        set(),
    ),
    ("topic", "ar", "", "وناقش المشاركون حقوق الملكية الفكرية وتراخيص البيانات ومستقبل العمل.", set()),
    (
        "topic",
        "es",
        "",
        "Los diputados debatieron el martes una propuesta sobre licencias para el entrenamiento de modelos.",
        set(),
    ),
    (
        "topic",
        "en",
        "",
        "The two firms, which discussed terms for months, signed a licensing agreement on Tuesday.",
        {L},
    ),
    # ---- deals as an unnamed passing reference
    (
        "passing reference",
        "en",
        "",
        "The publisher, which signed a content deal with an AI company last year, is cutting 400 jobs.",
        set(),
    ),
    (
        "passing reference",
        "fr",
        "",
        "Sous sa direction, le groupe avait conclu plusieurs accords de licence avec des éditeurs.",
        set(),
    ),
    (
        "passing reference",
        "de",
        "",
        "Das Start-up hat mehrere Lizenzverträge mit Verlagen, sagte der Gründer beim Abschied.",
        set(),
    ),
    (
        "passing reference",
        "en",
        "",
        "The publisher signed a content deal with Orbis to let it train on its archive.",
        {L},
    ),
    (
        "passing reference",
        "de",
        "",
        "Das Start-up hat am Montag mehrere Lizenzverträge mit Verlagen geschlossen.",
        {L},
    ),
    (
        "passing reference",
        "fr",
        "",
        "Le groupe a signé lundi plusieurs accords de licence avec des éditeurs régionaux.",
        {L},
    ),
    # ---- software seats bought for staff, a broadcasting licence fee
    ("seats", "en", "", "The ministry bought 20,000 Copilot licences for its civil servants.", set()),
    (
        "seats",
        "fr",
        "",
        "La région a acheté 5 000 licences pour ses agents afin d'utiliser un assistant.",
        set(),
    ),
    ("seats", "de", "", "Die Stadt kauft KI-Lizenzen für alle Mitarbeiter der Verwaltung.", set()),
    ("seats", "es", "", "El ayuntamiento compró licencias para sus empleados de un asistente de IA.", set()),
    ("seats", "en", "", "The broadcaster is funded by the television licence fee.", set()),
    (
        "seats",
        "en",
        "",
        "The ministry licensed the national library's archive to Orbis to train its model.",
        {L},
    ),
    # ---- investment: a share of a company taken for money (recall)
    (
        "share for money",
        "en",
        "",
        "The fund put $40 million into the start-up in exchange for a minority stake.",
        {INV},
    ),
    (
        "share for money",
        "fr",
        "",
        "Le fonds a apporté 18 millions d'euros à la société "
        "en échange d'une part minoritaire de son capital.",
        {INV},
    ),
    (
        "share for money",
        "de",
        "",
        "Im Gegenzug erhalten die Geldgeber für 30 Millionen Euro ein Viertel der Firmenanteile.",
        {INV},
    ),
    (
        "share for money",
        "es",
        "",
        "El fondo se ha hecho con el 30 % de la empresa por 500 millones de euros.",
        {INV},
    ),
    ("share for money", "ar", "", "دفع الصندوق 60 مليون دولار مقابل ربع أسهم الشركة.", {INV}),
    ("share for money", "en", "", "The assistant took 30% of the market in a year.", set()),
    ("share for money", "es", "", "El partido se ha hecho con el 30 % de los votos.", set()),
    # ---- investment: spending as a cost burden in commentary
    (
        "spending burden",
        "en",
        "",
        "Analysts said the company's spending on data centres would weigh on margins for a year.",
        set(),
    ),
    (
        "spending burden",
        "fr",
        "",
        "Les dépenses du groupe en centres de données pèseront sur ses marges, selon les analystes.",
        set(),
    ),
    (
        "spending burden",
        "de",
        "",
        "Die hohen Investitionen in Rechenzentren belasten die Marge des Konzerns, sagen Analysten.",
        set(),
    ),
    (
        "spending burden",
        "es",
        "",
        "Los analistas creen que la inversión en centros de datos presionará los márgenes.",
        set(),
    ),
    ("spending burden", "ar", "", "وقال محللون إن إنفاق الشركة على مراكز البيانات سيضغط على هوامشها.", set()),
    (
        "spending burden",
        "en",
        "",
        "The company will spend $10 billion on two new data centres in Ohio.",
        {INV},
    ),
    ("spending burden", "ar", "", "تستثمر الشركة ملياري دولار في مراكز بيانات جديدة.", {INV}),
    # ---- investment: an IPO planned or rumoured; buying goods; a valuation after a share move
    (
        "ipo, goods, market value",
        "en",
        "",
        "Kite has picked banks to prepare a possible IPO next year.",
        set(),
    ),
    (
        "ipo, goods, market value",
        "en",
        "",
        "Kite raised $600 million in its IPO on Nasdaq on Thursday.",
        {INV},
    ),
    (
        "ipo, goods, market value",
        "en",
        "",
        "The bank is buying software tools worth $20 million from three vendors.",
        set(),
    ),
    (
        "ipo, goods, market value",
        "en",
        "",
        "The bank is buying software company Loom for $20 million.",
        {INV},
    ),
    (
        "ipo, goods, market value",
        "de",
        "",
        "Die Reederei kauft Grafikprozessoren für 120 Millionen Euro.",
        set(),
    ),
    ("ipo, goods, market value", "ar", "", "اشترت الشركة خوادم بقيمة 50 مليون دولار.", set()),
    (
        "ipo, goods, market value",
        "en",
        "",
        "Shares jumped 20%, giving the company a valuation of $8 billion.",
        set(),
    ),
    (
        "ipo, goods, market value",
        "de",
        "",
        "Pyrit wird an der Börse nun mit 8 Milliarden Euro bewertet.",
        set(),
    ),
    (
        "ipo, goods, market value",
        "de",
        "",
        "Nach der Finanzierungsrunde wird das Start-up mit 2 Milliarden Euro bewertet.",
        {INV},
    ),
    # ---- lawsuit recall: compounds and court words
    (
        "court words",
        "de",
        "",
        "Der Verband hat eine Musterfeststellungsklage gegen den Anbieter eingereicht.",
        {W},
    ),
    ("court words", "de", "", "Das Amtsgericht wies die Forderung des Start-ups zurück.", {W}),
    (
        "court words",
        "es",
        "",
        "Un juzgado de Madrid ha condenado a la plataforma a indemnizar a los traductores.",
        {W},
    ),
    (
        "court words",
        "fr",
        "",
        "Des comédiens ont assigné la société devant le tribunal judiciaire de Paris.",
        {W},
    ),
    ("court words", "ar", "", "أقام مصورون قضية ضد الشركة بسبب نسخ صورهم.", {W}),
    ("court words", "en", "", "Four photographers took the company to court over their pictures.", {W}),
    ("court words", "de", "", "Die Verlage beklagen sinkende Einnahmen.", set()),
    ("court words", "de", "", "Der Brief war an die Behörde gerichtet.", set()),
    # ---- lawsuit: legal words in another sense
    ("other sense", "en", "", "The company ruled out further layoffs this year.", set()),
    ("other sense", "en", "", "The ruling party passed the AI bill on Tuesday.", set()),
    ("other sense", "en", "", "She was charged with leading the company's AI unit.", set()),
    ("other sense", "en", "", "A panel of judges picked the winning start-up at the contest.", set()),
    ("other sense", "fr", "", "Les éditeurs refusent ce procès d'intention fait à l'IA.", set()),
    ("other sense", "fr", "", "Sans IA, ces petites agences sont condamnées à disparaître.", set()),
    ("other sense", "de", "", "Seine Berufung zum Vorstand gilt als Signal.", set()),
    ("other sense", "de", "", "Nutzer klagen über langsame Antworten des Assistenten.", set()),
    ("other sense", "es", "", "A juicio de los expertos, la ley llega tarde.", set()),
    ("other sense", "es", "", "Los perfiles más demandados son los de ingeniería de datos.", set()),
    ("other sense", "ar", "", "وتوقعت الشركة استئناف المفاوضات مع الموردين الشهر المقبل.", set()),
    ("other sense", "ar", "", "وأقر البرلمان القانون القاضي بفرض رسوم على المنصات.", set()),
    ("other sense", "en", "", "A judge ruled on Friday that the company must pay the authors.", {W}),
    ("other sense", "fr", "", "La société a été condamnée à payer 2 millions d'euros aux auteurs.", {W}),
    ("other sense", "ar", "", "قضت محكمة الاستئناف بتغريم الشركة.", {W}),
    # ---- round 8, second probes: recall without the usual words; a payment judged necessary, a theme
    (
        "recall without the usual words",
        "en",
        "",
        "The label will let Sonica train its music model on its catalogue in return for a share of revenue.",
        {L},
    ),
    (
        "recall without the usual words",
        "en",
        "",
        "The agency signed on as a data partner, supplying millions of images to train the generator.",
        {L},
    ),
    (
        "recall without the usual words",
        "fr",
        "",
        "Le groupe met ses archives à disposition de la start-up pour entraîner son modèle.",
        {L},
    ),
    (
        "recall without the usual words",
        "fr",
        "",
        "La société a obtenu le droit d'exploiter la technologie du laboratoire pendant dix ans.",
        {L},
    ),
    (
        "recall without the usual words",
        "es",
        "",
        "El diario pone su archivo a disposición de la empresa para entrenar sus modelos de IA.",
        {L},
    ),
    (
        "recall without the usual words",
        "ar",
        "",
        "وضعت الصحيفة أرشيفها تحت تصرف الشركة لتدريب نماذجها.",
        {L},
    ),
    (
        "recall without the usual words",
        "en",
        "",
        "The label will let fans use its logo on their posters.",
        set(),
    ),
    (
        "recall without the usual words",
        "fr",
        "",
        "La société réclame le droit d'exploiter la technologie du laboratoire.",
        set(),
    ),
    (
        "recall without the usual words",
        "fr",
        "",
        "Le géant va consacrer 5 milliards d'euros à la construction de centres de données en France.",
        {INV},
    ),
    (
        "recall without the usual words",
        "es",
        "",
        "La tecnológica ha cerrado una ronda de 40 millones de euros liderada por un fondo.",
        {INV},
    ),
    (
        "recall without the usual words",
        "es",
        "",
        "Los ministros celebraron una ronda de negociaciones en Bruselas.",
        set(),
    ),
    (
        "recall without the usual words",
        "es",
        "",
        "La Audiencia Provincial de Barcelona ha dado la razón a los artistas frente a la plataforma.",
        {W},
    ),
    (
        "recall without the usual words",
        "ar",
        "",
        "غرمت هيئة حماية البيانات الشركة 10 ملايين يورو.",
        {W},
    ),
    (
        "payment judged necessary, theme",
        "fr",
        "",
        "Dans un entretien, la ministre a jugé « indispensable » de mieux rémunérer les auteurs.",
        set(),
    ),
    (
        "payment judged necessary, theme",
        "en",
        "",
        "It is only fair that AI companies pay the writers whose books they use, she said.",
        set(),
    ),
    (
        "payment judged necessary, theme",
        "es",
        "",
        "Es justo que las empresas de IA paguen a los autores, dijo la escritora.",
        set(),
    ),
    (
        "payment judged necessary, theme",
        "de",
        "",
        "Die Konferenz in Berlin widmete sich Fragen des Urheberrechts und der Lizenzierung.",
        set(),
    ),
    (
        "payment judged necessary, theme",
        "en",
        "",
        "The conference was devoted to questions of licensing and copyright.",
        set(),
    ),
    (
        "payment judged necessary, theme",
        "de",
        "",
        "Der Verlag hat sich mit dem KI-Anbieter auf eine Lizenz für sein Archiv geeinigt.",
        {L},
    ),
    # ---- round 8, third probes: a buyback of its own shares is no stake
    ("buyback", "en", "", "The company bought back $5 billion of its own shares.", set()),
    ("buyback", "fr", "", "Le groupe a racheté pour 2 milliards d'euros de ses propres actions.", set()),
    ("buyback", "de", "", "Der Konzern kauft eigene Aktien für 3 Milliarden Euro zurück.", set()),
    ("buyback", "es", "", "La empresa anunció una recompra de acciones por 500 millones de euros.", set()),
    ("buyback", "ar", "", "أعلنت الشركة إعادة شراء أسهمها بقيمة 200 مليون دولار.", set()),
    ("buyback", "en", "", "The government took a 10% stake in the chipmaker for $9 billion.", {INV}),
    ("buyback", "fr", "", "Le groupe a racheté la start-up pour 200 millions d'euros.", {INV}),
]


@pytest.mark.parametrize(
    ("lang", "title", "text", "expected"),
    [c[1:] for c in CASES],
    ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)],
)
def test_round_eight_senses(clf: Classifier, lang: str, title: str, text: str, expected: set[str]) -> None:
    got = clf.classify(title, text, lang)
    tags = set(got.tag_names) & OURS
    assert tags == expected, [(t.name, [e.text for e in t.evidence]) for t in got.tags]


def test_every_distinction_has_controls_in_several_languages() -> None:
    groups: dict[str, tuple[set[str], int]] = {}
    for group, lang, _title, _text, expected in CASES:
        langs, tagged = groups.get(group, (set(), 0))
        groups[group] = (langs | {lang}, tagged + bool(expected))
    for group, (langs, tagged) in groups.items():
        assert len(langs) >= 2 and tagged >= 1, group
