"""Issue 13, orgset2: the tag errors of ``tests/data/orgs_generalise2.jsonl`` (40 stories written for
organisations, tags labelled too, never used to write tag rules) fixed for licensing and investment.

Before (blind): micro-F1 0.861, primary 0.875 (35/40), no-event untagged 1/2, licensing P 0.67, investment
P/R 0.90/0.86. The classes fixed, each with our own sentences in en/fr/de/es/ar and controls that keep the
tag: licensing -- licences a rule requires before goods are shipped or exported, data or technology in an
institution's name; investment -- a forecast that a market will see more mergers, a company's backers named
in a relative clause with no sum (with the valuation the sentence states), and for recall an acquisition
told as a noun with its buyer ("la compra de X por parte de Y"), a data centre built for a sum, and a
past raise from a named fund in a relative clause ("qui a levé 6 millions d'euros auprès du fonds Elaia l'an
dernier": a distinct event, a secondary tag by LABELS.md) while a running total stays background.
"""

from __future__ import annotations

import pytest

from services.classifier.engine import Classifier
from services.classifier.evaluate import evaluate, read_jsonl
from tests.support import REPO

ORGSET2 = REPO / "tests" / "data" / "orgs_generalise2.jsonl"
L, INV = "licensing", "investment"


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier()


def test_orgset2_tag_figures_after(clf: Classifier) -> None:
    records = read_jsonl(ORGSET2)
    assert len(records) == 40
    report = evaluate(records, clf)
    # after: micro-F1 0.941, primary 0.925 (37/40), no-event untagged 2/2, licensing P 0.86 R 1.00 (the one
    # left: "los datos procedían de un acuerdo con tres hospitales", a data deal by LABELS.md's wording),
    # investment P = R = 1.00
    assert report.micro_f1 >= 0.92 and report.primary_accuracy >= 0.9, report.as_dict()
    assert report.no_event_untagged == report.no_event == 2, report.as_dict()
    lic, inv = report.per_tag[L], report.per_tag[INV]
    assert lic.precision >= 0.85 and lic.recall >= 0.99, report.as_dict()
    assert inv.precision >= 0.99 and inv.recall >= 0.95, report.as_dict()


# (lang, sentence, tag, expected present)
CASES: list[tuple[str, str, str, bool]] = [
    # ---- licensing: a licence a rule requires before goods are shipped or exported
    (
        "en",
        "The new rules require chipmakers to obtain licences before shipping their processors to the Gulf.",
        L,
        False,
    ),
    (
        "fr",
        "Les nouvelles règles obligent les fabricants à obtenir des "
        "licences avant d'expédier leurs puces vers le Golfe.",
        L,
        False,
    ),
    (
        "de",
        "Die neuen Regeln verpflichten die Hersteller, Lizenzen zu "
        "beantragen, bevor sie Chips in den Golf liefern.",
        L,
        False,
    ),
    (
        "es",
        "Las nuevas normas obligan a los fabricantes a obtener licencias antes de enviar sus chips al Golfo.",
        L,
        False,
    ),
    ("ar", "وتلزم القواعد الجديدة الشركات المصنعة بالحصول على تراخيص قبل شحن الرقائق إلى الخليج.", L, False),
    # controls: a licence to use content or technology stays licensing
    (
        "en",
        "The publisher signed a licensing deal that lets the start-up use its archive to train models.",
        L,
        True,
    ),
    (
        "fr",
        "L'éditeur a signé un accord de licence qui permet à la start-up "
        "d'utiliser ses archives pour entraîner ses modèles.",
        L,
        True,
    ),
    (
        "de",
        "Der Verlag hat einen Lizenzvertrag unterzeichnet, der dem Start-up "
        "die Nutzung seines Archivs für das Training erlaubt.",
        L,
        True,
    ),
    (
        "es",
        "La editorial firmó un acuerdo de licencia que permite a la "
        "startup usar su archivo para entrenar modelos.",
        L,
        True,
    ),
    ("ar", "ووقعت دار النشر اتفاقية ترخيص تتيح للشركة الناشئة استخدام أرشيفها لتدريب النماذج.", L, True),
    # ---- licensing: data or technology in an institution's name
    ("ar", "ورحبت وزارة الاتصالات وتقنية المعلومات بالصفقة.", L, False),
    (
        "ar",
        "وقال إن الصفقة تهدف إلى بناء منظومة حول نموذج طورته الهيئة السعودية للبيانات والذكاء الاصطناعي.",
        L,
        False,
    ),
    (
        "en",
        "The deal aims to build an ecosystem around a model developed by the national Data and AI Authority.",
        L,
        False,
    ),
    # controls: a deal for data or technology stays licensing
    ("ar", "ووقعت الشركة اتفاقية مع الصحيفة لاستخدام أرشيف مقالاتها في تدريب النماذج.", L, True),
    ("en", "The newspaper signed a deal to license its archive of articles for AI training.", L, True),
    # ---- investment: a forecast that a market will see more mergers
    (
        "en",
        "An analyst said the Chinese market will see more mergers among the start-ups this year.",
        INV,
        False,
    ),
    (
        "fr",
        "Selon un analyste, le marché chinois connaîtra davantage de fusions entre les start-up.",
        INV,
        False,
    ),
    ("de", "Ein Analyst erwartet weitere Fusionen unter den chinesischen Start-ups.", INV, False),
    (
        "es",
        "Un analista dijo que el mercado chino verá más fusiones entre las empresas emergentes.",
        INV,
        False,
    ),
    ("ar", "وقال محلل إن السوق الصينية ستشهد مزيدا من الاندماجات بين الشركات الناشئة.", INV, False),
    # controls: a merger reported stays investment
    ("en", "The start-up agreed to merge with its rival in a deal worth $400 million.", INV, True),
    ("fr", "La start-up a annoncé sa fusion avec son concurrent pour 400 millions d'euros.", INV, True),
    ("es", "La empresa anunció su fusión con su rival por 400 millones de euros.", INV, True),
    ("ar", "وأعلنت الشركة الاندماج مع منافستها في صفقة بقيمة 400 مليون دولار.", INV, True),
    # ---- investment: backers named in a relative clause with no sum, and the valuation the sentence states
    (
        "es",
        "Verdia, que ha recibido inversiones de dos fondos de Silicon "
        "Valley, está valorada en 900 millones de dólares.",
        INV,
        False,
    ),
    (
        "fr",
        "Verdia, qui a reçu des investissements de deux fonds "
        "californiens, est valorisée à 900 millions de dollars.",
        INV,
        False,
    ),
    (
        "de",
        "Verdia, das Investitionen von zwei kalifornischen Fonds erhalten hat, entwickelt Rezepte mit KI.",
        INV,
        False,
    ),
    (
        "ar",
        "وتطور فيرديا، التي تلقت استثمارات من صندوقين أمريكيين، وصفات غذائية بالذكاء الاصطناعي.",
        INV,
        False,
    ),
    # controls: a round with its sum stays investment
    (
        "es",
        "Verdia ha cerrado una ronda de 60 millones de dólares liderada por dos fondos de Silicon Valley.",
        INV,
        True,
    ),
    ("fr", "Verdia a levé 60 millions de dollars auprès de deux fonds californiens.", INV, True),
    ("ar", "وحصلت فيرديا على تمويل بقيمة 60 مليون دولار من صندوقين أمريكيين.", INV, True),
    # ---- investment recall: an acquisition told as a noun with its buyer
    (
        "en",
        "The competition authority has cleared the purchase of Nubaria by the insurer Sanitas.",
        INV,
        True,
    ),
    ("fr", "L'Autorité de la concurrence a autorisé le rachat de Nubaria par l'assureur Sanitas.", INV, True),
    (
        "de",
        "Das Kartellamt hat die Übernahme von Nubaria durch den Versicherer Sanitas genehmigt.",
        INV,
        True,
    ),
    (
        "es",
        "La CNMC analiza por separado la compra de Nubaria por parte de la aseguradora Sanitas.",
        INV,
        True,
    ),
    # controls: buying goods or shares back is not an acquisition
    ("en", "Regulators looked at the purchase of chips by the cloud providers.", INV, False),
    ("es", "La CNMC analiza la compra de licencias por parte de los hospitales.", INV, False),
    # ---- investment recall: a data centre built for a sum
    ("en", "The operator is building a data centre in Munich for around one billion euros.", INV, True),
    (
        "fr",
        "L'opérateur construit un centre de données à Munich pour environ un milliard d'euros.",
        INV,
        True,
    ),
    ("de", "Der Betreiber baut für rund eine Milliarde Euro ein Rechenzentrum in München.", INV, True),
    ("es", "El operador construye un centro de datos en Múnich por unos 1.000 millones de euros.", INV, True),
    ("ar", "ويبني المشغل مركز بيانات في ميونخ بقيمة مليار يورو تقريبا.", INV, True),
    # controls: a data centre built with no sum is no commitment told
    ("en", "The operator has built data centres in several countries.", INV, False),
    ("de", "Der Betreiber hat bereits mehrere Rechenzentren gebaut.", INV, False),
    # ---- investment: a past raise from a named fund in a relative clause is a distinct event (secondary tag)
    (
        "en",
        "The guild has sued Songbird, which raised $6 million from the venture fund Elaia last year.",
        INV,
        True,
    ),
    (
        "fr",
        "La Sacem poursuit Maison Nuage, qui a levé 6 millions d'euros auprès du fonds Elaia l'an dernier.",
        INV,
        True,
    ),
    (
        "de",
        "Die GEMA verklagt Songbird, das im vergangenen Jahr 6 "
        "Millionen Euro vom Fonds Elaia eingesammelt hat.",
        INV,
        True,
    ),
    (
        "es",
        "La SGAE demanda a Songbird, que ha captado 6 millones de euros del fondo Elaia el año pasado.",
        INV,
        True,
    ),
    ("ar", "وتقاضي الجمعية شركة سونغبيرد، التي جمعت 6 ملايين دولار من صندوق إيلايا العام الماضي.", INV, True),
    # controls: a running total in a relative clause stays background
    ("en", "The guild has sued Songbird, which has raised about $2 billion so far.", INV, False),
    ("fr", "La Sacem poursuit Maison Nuage, qui a levé 200 millions d'euros depuis sa création.", INV, False),
    ("de", "Die GEMA verklagt Songbird, das bislang 2 Milliarden Euro eingesammelt hat.", INV, False),
    ("es", "La SGAE demanda a Songbird, que ha captado 200 millones de euros hasta ahora.", INV, False),
    ("ar", "وتقاضي الجمعية شركة سونغبيرد، التي جمعت 200 مليون دولار حتى الآن.", INV, False),
]


@pytest.mark.parametrize(("lang", "text", "tag", "present"), CASES)
def test_orgset2_sense_cases(clf: Classifier, lang: str, text: str, tag: str, present: bool) -> None:
    got = clf.classify("", text, lang).tag_names
    assert (tag in got) is present, (lang, text, got)
