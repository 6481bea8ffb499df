"""Issue 13, round 12: genres without an event, and events told in those genres.

``tests/data/classifier_generalise12.jsonl`` holds 60 stories of ours (en 13, fr 12, de 12, ar 12, es 11),
written and committed before the classifier ran on it: 30 no-event pieces that use deal, launch and court
words only as background, plan, fear, requirement or history (earnings commentary, interviews about plans,
reviews of products on sale for a year, event calendars, explainers of open-weight models and their
licences, outages, a newsroom policy, a hiring piece, market analysis, a regulator's licence to operate) and
30 events told in those genres' style (an interview that announces a launch, a column whose lead reports a
new suit, an earnings story that reports an acquisition, a market report whose lead reports a round, a
column on a new licence, a review of a product on sale from today, a raise announced at a trade fair).
Before its fixes: micro-F1 0.635, primary 0.600 (36/60), no-event untagged 9/30, precision licensing 0.31,
lawsuit 0.42, investment 0.53, launch 0.88 (recall 0.70); every primary error came from a wrong or missing
tag.

The cases below are our own sentences for each distinction added in round 12
(services/classifier/taxonomy/tags/, the "round 12" blocks), in en/fr/de/es/ar where the wording exists,
each group with controls that keep the tag.
"""

from __future__ import annotations

from services.classifier.engine import Classifier
from services.classifier.evaluate import evaluate, read_jsonl
from tests.classifier_helpers import assert_set_floors, assert_tags, over_cases
from tests.support import REPO

GENERALISE12 = REPO / "tests" / "data" / "classifier_generalise12.jsonl"
L, LA, S, INV = "licensing", "launch", "lawsuit", "investment"


def test_own_generalisation_set_round_twelve(clf: Classifier) -> None:
    records = read_jsonl(GENERALISE12)
    assert len(records) == 60
    counts = {lang: sum(r["lang"] == lang for r in records) for lang in ("en", "fr", "de", "ar", "es")}
    assert counts == {"en": 13, "fr": 12, "de": 12, "ar": 12, "es": 11}
    report = evaluate(records, clf)
    # after round 12: micro-F1 1.000, primary 1.000 (60/60), no-event untagged 30/30, every tag P = R = 1.00
    assert report.no_event == 30 and report.no_event_untagged >= 28, report.as_dict()
    assert_set_floors(report)  # and every language's primary >= 0.9 (since 2026-12-03)


CASES: list[tuple[str, str, str, set[str]]] = [
    # ---- licensing: talks about a licence or a deal, a deal not close (interviews)
    (
        "licence talks",
        "en",
        "The start-up has held talks with two labels about licensing their catalogues.",
        set(),
    ),
    (
        "licence talks",
        "en",
        "The broadcaster confirmed discussions with the lab, but no agreement was close.",
        set(),
    ),
    (
        "licence talks",
        "fr",
        "L'éditeur discute avec deux laboratoires d'un éventuel accord d'accès à ses archives.",
        set(),
    ),
    ("licence talks", "de", "Der Verlag spricht mit zwei KI-Firmen über eine Lizenz für sein Archiv.", set()),
    (
        "licence talks",
        "es",
        "La editorial mantiene conversaciones con la startup sobre un acuerdo de licencia para su archivo.",
        set(),
    ),
    ("licence talks", "ar", "تجري الإذاعة محادثات أولية مع الشركة حول ترخيص أرشيفها الصوتي.", set()),
    (
        "licence talks",
        "en",
        "After months of talks, the broadcaster signed a licensing agreement with the lab for its archive.",
        {L},
    ),
    (
        "licence talks",
        "fr",
        "Les négociations ont abouti à un accord de licence qui permet au laboratoire d'utiliser ses textes.",
        {L},
    ),
    (
        "licence talks",
        "de",
        "Der Verlag hat mit der KI-Firma einen Lizenzvertrag über sein Archiv geschlossen.",
        {L},
    ),
    ("licence talks", "ar", "وقعت الإذاعة اتفاقية ترخيص مع الشركة لاستخدام أرشيفها الصوتي.", {L}),
    # ---- licensing: model licences described in general, a licence possibly needed some day (explainers)
    (
        "model licences",
        "en",
        "A company that builds on such a model may need a separate licence later.",
        set(),
    ),
    ("model licences", "en", "Licences vary widely from one model family to the next.", set()),
    ("model licences", "fr", "Les licences qui accompagnent ces modèles varient beaucoup.", set()),
    ("model licences", "es", "Las licencias que acompañan a estos modelos varían mucho.", set()),
    ("model licences", "ar", "وتختلف التراخيص المرافقة لهذه النماذج من مختبر إلى آخر.", set()),
    (
        "model licences",
        "en",
        "The lab granted the bank a licence to run its model on its own servers for an annual fee.",
        {L},
    ),
    (
        "model licences",
        "es",
        "El laboratorio ha firmado un acuerdo de licencia con el banco para usar su modelo.",
        {L},
    ),
    # ---- licensing: deals of an unnamed part of a class, a conditional preference, a licence a rule obliges
    (
        "unnamed or conditional",
        "en",
        "Other newspapers, some of which have signed licensing agreements with AI companies, went to court.",
        set(),
    ),
    (
        "unnamed or conditional",
        "fr",
        "Des journaux, dont certains ont signé des accords de licence avec des laboratoires, attendent.",
        set(),
    ),
    (
        "unnamed or conditional",
        "de",
        "Viele Unternehmen würden lieber Lizenzen erwerben, als vor Gericht zu streiten.",
        set(),
    ),
    (
        "unnamed or conditional",
        "ar",
        "تلزم القواعد الجديدة الشركات بالحصول على ترخيص مسبق من الهيئة.",
        set(),
    ),
    (
        "unnamed or conditional",
        "en",
        "The Ledger has signed a licensing agreement with Lyric AI covering its archive.",
        {L},
    ),
    (
        "unnamed or conditional",
        "de",
        "Der Tagesbote hat einen Lizenzvertrag mit Aleph Alpha über seine Artikel unterzeichnet.",
        {L},
    ),
    # ---- lawsuit: a suit or a court as a fear, a preference or a prospect (interviews, columns)
    ("suit feared", "en", "She is wary of lawsuits over training data.", set()),
    ("suit feared", "en", "We would rather pay for clean data than end up in court.", set()),
    (
        "suit feared",
        "fr",
        "Nous préférons payer pour des textes propres plutôt que de nous retrouver devant un juge.",
        set(),
    ),
    ("suit feared", "es", "Preferimos pagar por datos limpios que acabar ante un juez.", set()),
    ("suit feared", "de", "Klagen wegen Trainingsdaten fürchtet der Gründer nicht.", set()),
    ("suit feared", "de", "Die Kommission sollte klare Regeln schaffen, bevor die Gerichte es tun.", set()),
    ("suit feared", "en", "Seven publishers sued the start-up in federal court in New York on Monday.", {S}),
    (
        "suit feared",
        "fr",
        "Un collectif de photographes a déposé plainte contre la start-up devant le tribunal.",
        {S},
    ),
    (
        "suit feared",
        "es",
        "Una asociación de ilustradores presentó una demanda contra la empresa ante un juzgado.",
        {S},
    ),
    (
        "suit feared",
        "de",
        "Drei Verlage haben beim Landgericht München Klage gegen das Start-up eingereicht.",
        {S},
    ),
    # ---- lawsuit: a review's verdict, rules that oblige
    ("verdict or rule", "en", "Verdict: still excellent, four stars out of five.", set()),
    ("verdict or rule", "fr", "Verdict : une enceinte réussie, malgré quelques défauts.", set()),
    ("verdict or rule", "es", "Veredicto: una buena compra para viajar.", set()),
    ("verdict or rule", "ar", "أصدرت هيئة الرقابة قواعد جديدة تلزم الشركات بتعيين فريق للامتثال.", set()),
    ("verdict or rule", "en", "The jury returned a verdict against the chatbot maker on Friday.", {S}),
    ("verdict or rule", "ar", "فرضت هيئة المنافسة غرامة قدرها 20 مليون دولار على الشركة.", {S}),
    # ---- investment: announcements expected at an event, spending a class keeps up
    (
        "expected or general",
        "fr",
        "Des annonces d'investissements dans des centres de données sont attendues en marge du salon.",
        set(),
    ),
    (
        "expected or general",
        "es",
        "Se esperan también anuncios de inversiones en centros de datos en España.",
        set(),
    ),
    ("expected or general", "ar", "ويتوقع المنظمون الإعلان عن استثمارات جديدة في مراكز البيانات.", set()),
    (
        "expected or general",
        "fr",
        "Les grands groupes technologiques continuent d'investir massivement dans les centres de données.",
        set(),
    ),
    (
        "expected or general",
        "ar",
        "ضخت الصناديق السيادية خلال السنوات الأخيرة مبالغ كبيرة في شركات الذكاء الاصطناعي.",
        set(),
    ),
    (
        "expected or general",
        "fr",
        "Le groupe a annoncé jeudi un investissement de 2 milliards d'euros dans un centre de données.",
        {INV},
    ),
    (
        "expected or general",
        "ar",
        "أعلنت الشركة اليوم استثمار ملياري دولار في مركز بيانات جديد في الرياض.",
        {INV},
    ),
    (
        "expected or general",
        "es",
        "La operadora invertirá 500 millones de euros en un centro de datos en Madrid.",
        {INV},
    ),
    # ---- investment: unnamed purchases over the years, a round thought about or not sought, equity for staff
    (
        "no deal named",
        "en",
        "Over the past decade the company has bought a handful of small software firms.",
        set(),
    ),
    (
        "no deal named",
        "de",
        "Über eine neue Finanzierungsrunde denke man nach, entschieden sei nichts.",
        set(),
    ),
    ("no deal named", "ar", "وأضاف أن الشركة لا تبحث حاليا عن تمويل جديد رغم اهتمام المستثمرين.", set()),
    (
        "no deal named",
        "de",
        "Viele Start-ups bieten neben dem Gehalt Firmenanteile an, um Bewerber zu locken.",
        set(),
    ),
    ("no deal named", "es", "La empresa ha comprado varias startups pequeñas en los últimos años.", set()),
    (
        "no deal named",
        "en",
        "Brightline said it had agreed to acquire Vellum, an AI start-up, for about $900 million.",
        {INV},
    ),
    (
        "no deal named",
        "de",
        "Das Start-up hat in einer Finanzierungsrunde 150 Millionen Euro eingesammelt.",
        {INV},
    ),
    (
        "no deal named",
        "ar",
        "جمعت الشركة 120 مليون دولار في جولة تمويل قادها صندوق الاستثمارات العامة.",
        {INV},
    ),
    # ---- launch recall: a device on sale from today or this weekday (reviews); a past season is background
    (
        "on sale today",
        "fr",
        "L'enceinte connectée Aurore est commercialisée depuis ce jeudi en France au prix de 199 euros.",
        {LA},
    ),
    (
        "on sale today",
        "de",
        "Die neue Systemkamera ist seit heute in Deutschland für 2 199 Euro erhältlich.",
        {LA},
    ),
    (
        "on sale today",
        "es",
        "El portátil Astra 14 se puso a la venta este jueves en España por 1.099 euros.",
        {LA},
    ),
    ("on sale today", "fr", "L'enceinte connectée Aurore est commercialisée depuis 2023 en France.", set()),
    ("on sale today", "de", "Die Systemkamera ist seit 2024 in Deutschland erhältlich.", set()),
    ("on sale today", "es", "El portátil se puso a la venta hace dos años en España.", set()),
    ("on sale today", "ar", "طرح هاتف نجمة 5 في الأسواق العربية في الخريف الماضي.", set()),
    ("on sale today", "ar", "طرحت الشركة اليوم الثلاثاء هاتفها الجديد نجمة 6 في الأسواق العربية.", {LA}),
]


@over_cases(CASES)
def test_round_twelve_senses(clf: Classifier, lang: str, text: str, expected: set[str]) -> None:
    assert_tags(clf, lang, text, expected)


def test_every_distinction_has_controls_in_several_languages() -> None:
    groups: dict[str, tuple[set[str], int, int]] = {}
    for group, lang, _text, expected in CASES:
        langs, tagged, untagged = groups.get(group, (set(), 0, 0))
        groups[group] = (langs | {lang}, tagged + bool(expected), untagged + (not expected))
    for group, (langs, tagged, untagged) in groups.items():
        assert len(langs) >= 3, (group, langs)
        assert tagged >= 2 and untagged >= 2, (group, tagged, untagged)


def test_round_twelve_tags_keep_their_evidence(clf: Classifier) -> None:
    """Events told in these genres keep the sentence that reports them as evidence."""
    got = clf.classify(
        "Hands-on: the new glasses, on sale from today",
        "Orrin's first smart glasses went on sale on Thursday in the United States for $349. The frames look "
        "like ordinary sunglasses. Verdict: a confident start.",
        "en",
    )
    assert got.tag_names == ["launch"], got.tag_names
    assert any("went on sale" in e.text for e in got.tags[0].evidence), got.tags[0].evidence
