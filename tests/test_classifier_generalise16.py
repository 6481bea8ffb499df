"""Issue 13, round 16: tags on a second set written for organisations, and the rules it showed missing.

``tests/data/orgs_generalise4.jsonl`` holds 45 stories of ours (en 10, fr 10, de 9, ar 8, es 8) written for
organisation recognition (organisations round 5), with tags and primaries labelled too; no tag rule had
been written against it, so its tag figures before round 16 measured how the tag rules generalise: micro-F1
0.880, primary 0.867 (39/45), no-event stories untagged 6/6; licensing P/R 0.50/1.00, lawsuit 1.00/0.67,
investment 1.00/0.86, launch 1.00/1.00. One lawsuit label was fixed first (og5-de-06: a consumer
association's Abmahnung is a cease-and-desist letter, no proceeding under real-news-dev.md's convention):
on the fixed labels the old rules scored 0.892 / 0.889.

The cases below are our own sentences for each failure class fixed in round 16 (the "round 16" blocks of
services/classifier/taxonomy/tags/investment.yaml, lawsuit.yaml and licensing.yaml), in every language,
each group with controls that must not be tagged. Languages whose rules already read a class have
sentences too, so that the class stays read everywhere: an operating licence from a central bank, a model
published under an open licence and a cooperation with a university "of science and technology" are no
licensing deal; investors taking part in a company (beteiligen sich an, steigt ein, buys into, participan
en la ronda, يساهم في رأس مال), money committed in reported speech (investiere, investissait) and a joint
venture founded to build data centres are investment (a joint venture developing models is not, as the
set's labels have it); a formal complaint lodged with an authority and a regulator's formal notice
(L'Arcom a mis en demeure, förmlich aufgefordert, requerido formalmente, إنذارا رسميا) are lawsuit,
while a private party's mise en demeure, Abmahnung or cease-and-desist letter is not.
"""

from __future__ import annotations

from services.classifier.engine import Classifier
from services.classifier.evaluate import evaluate, read_jsonl
from tests.classifier_helpers import (
    assert_every_class_has_a_control,
    assert_every_class_in_languages,
    assert_set_floors,
    assert_tags,
    over_cases,
)
from tests.support import REPO

ORGS_GENERALISE4 = REPO / "tests" / "data" / "orgs_generalise4.jsonl"
L, LA, S, INV = "licensing", "launch", "lawsuit", "investment"


def test_orgs_generalise4_tags_round_sixteen(clf: Classifier) -> None:
    records = read_jsonl(ORGS_GENERALISE4)
    assert len(records) == 45
    counts = {lang: sum(r["lang"] == lang for r in records) for lang in ("en", "fr", "de", "ar", "es")}
    assert counts == {"en": 10, "fr": 10, "de": 9, "ar": 8, "es": 8}
    assert all(r["primary"] in r["tags"] for r in records if r["tags"])
    by_id = {r["id"]: r for r in records}
    # the label fix of round 16: a consumer association's Abmahnung is a cease-and-desist letter
    assert by_id["og5-de-06"]["tags"] == [] and by_id["og5-de-06"]["primary"] is None
    report = evaluate(records, clf)
    # after round 16: micro-F1 1.000, primary 1.000 (45/45), no-event 7/7, every tag P = R = 1.00
    assert_set_floors(report)


# (group, lang, text, expected tags)
CASES: list[tuple[str, str, str, set[str]]] = [
    (
        "operating licence",
        "ar",
        "وقالت شركة دفتر إنها حصلت على ترخيص من مصرف الإمارات العربية المتحدة المركزي.",
        set(),
    ),
    ("operating licence", "ar", "حصلت المنصة على ترخيص من البنك المركزي السعودي لتقديم خدمات الدفع.", set()),
    (
        "operating licence",
        "ar",
        "حصلت الشركة على ترخيص من وكالة رويترز لاستخدام أرشيفها في تدريب نموذجها.",
        {L},
    ),
    (
        "operating licence",
        "en",
        "The start-up said it had obtained a licence from the central bank of the UAE.",
        set(),
    ),
    (
        "operating licence",
        "en",
        "Ledgerly obtained a licence from Reuters to use its news archive for training its model.",
        {L},
    ),
    (
        "operating licence",
        "fr",
        (
            "La société a obtenu une licence de la Banque de France "
            "pour exercer comme établissement de paiement."
        ),
        set(),
    ),
    (
        "operating licence",
        "fr",
        "La société a obtenu une licence de l'AFP pour utiliser ses dépêches pour entraîner son modèle.",
        {L},
    ),
    ("operating licence", "de", "Das Unternehmen hat eine Banklizenz der BaFin erhalten.", set()),
    (
        "operating licence",
        "de",
        "Das Unternehmen hat eine Lizenz von Getty Images für die Nutzung der Bilder zum Training erhalten.",
        {L},
    ),
    (
        "operating licence",
        "es",
        "La empresa obtuvo una licencia del Banco de España para operar como entidad de pago.",
        set(),
    ),
    (
        "operating licence",
        "es",
        "La empresa obtuvo una licencia de la agencia EFE para usar sus noticias en el entrenamiento.",
        {L},
    ),
    ("open licence", "es", "Cervantia lo publicará con licencia abierta.", set()),
    ("open licence", "es", "Los pesos se distribuyen con una licencia permisiva.", set()),
    (
        "open licence",
        "es",
        "Cervantia firmó un acuerdo de licencia con la agencia EFE para entrenar el modelo con sus noticias.",
        {L},
    ),
    ("open licence", "en", "Cervantia will publish the weights under an open licence.", set()),
    (
        "open licence",
        "en",
        "Cervantia signed a licensing deal with the Associated Press for its archive.",
        {L},
    ),
    ("open licence", "fr", "Cervantia le publiera sous licence ouverte.", set()),
    (
        "open licence",
        "fr",
        "Cervantia a signé un accord de licence avec l'AFP pour utiliser ses archives.",
        {L},
    ),
    ("open licence", "de", "Die Gewichte stehen unter einer freien Lizenz.", set()),
    (
        "open licence",
        "de",
        "Cervantia hat eine Lizenzvereinbarung mit der dpa über ihr Archiv geschlossen.",
        {L},
    ),
    ("open licence", "ar", "ستنشر الشركة أوزان النموذج برخصة مفتوحة.", set()),
    ("open licence", "ar", "وقعت الشركة اتفاقية ترخيص مع وكالة الأنباء لاستخدام أرشيفها.", {L}),
    ("institution name", "ar", "وتتعاون نمارق مع جامعة الملك عبدالله للعلوم والتقنية.", set()),
    ("institution name", "ar", "وتتعاون الشركة مع معهد التقنية في جدة.", set()),
    (
        "institution name",
        "ar",
        "وقعت الشركة اتفاقية مع دار نشر للحصول على حقوق استخدام محتواها في تدريب النماذج.",
        {L},
    ),
    (
        "institution name",
        "en",
        "Namariq also works with the King Abdullah University of Science and Technology.",
        set(),
    ),
    (
        "institution name",
        "en",
        "Namariq signed a deal with a publisher for the right to use its archive to train models.",
        {L},
    ),
    (
        "institution name",
        "fr",
        "Namariq collabore avec l'Université des sciences et technologies de Lille.",
        set(),
    ),
    (
        "institution name",
        "fr",
        "Namariq a signé un accord de licence avec un éditeur pour entraîner ses modèles sur ses archives.",
        {L},
    ),
    (
        "institution name",
        "de",
        "Namariq arbeitet mit dem Karlsruher Institut für Technologie zusammen.",
        set(),
    ),
    (
        "institution name",
        "de",
        (
            "Namariq hat eine Lizenzvereinbarung mit einem Verlag "
            "über dessen Archiv für das Training geschlossen."
        ),
        {L},
    ),
    (
        "institution name",
        "es",
        "Namariq colabora con la Universidad de Ciencia y Tecnología de Hong Kong.",
        set(),
    ),
    (
        "institution name",
        "es",
        "Namariq firmó un acuerdo de licencia con una editorial para entrenar sus modelos con su archivo.",
        {L},
    ),
    ("investors take part", "de", "Staatsfonds aus Katar steigt bei Tiefenblick ein", {INV}),
    (
        "investors take part",
        "de",
        "Die Qatar Investment Authority und die Familienholding Athos beteiligen sich an Tiefenblick.",
        {INV},
    ),
    ("investors take part", "de", "Die Kunden beteiligen sich an der Umfrage.", set()),
    (
        "investors take part",
        "de",
        "Der frühere Google-Manager steigt bei Tiefenblick als Vertriebschef ein.",
        set(),
    ),
    ("investors take part", "en", "Qatar's sovereign fund buys into Tiefenblick.", {INV}),
    ("investors take part", "en", "Few analysts buy into the idea that the market will cool.", set()),
    ("investors take part", "fr", "Le fonds souverain du Qatar entre au capital de Tiefenblick.", {INV}),
    (
        "investors take part",
        "fr",
        "Le fonds souverain du Qatar entre au conseil scientifique de Tiefenblick.",
        set(),
    ),
    ("investors take part", "es", "El fondo de Qatar y Athos participan en la ronda de Tiefenblick.", {INV}),
    ("investors take part", "es", "El fondo de Qatar participa en el debate sobre la regulación.", set()),
    ("investors take part", "ar", "يساهم جهاز قطر للاستثمار في رأس مال تيفنبليك.", {INV}),
    ("investors take part", "ar", "يساهم الباحثون في تطوير النموذج.", set()),
    (
        "reported speech",
        "de",
        "Ein Sprecher der Volkswagen AG sagte, der Konzern investiere dafür rund eine Milliarde Euro.",
        {INV},
    ),
    ("reported speech", "de", "Ob der Konzern dafür eine Milliarde Euro investiere, sei offen.", set()),
    (
        "reported speech",
        "de",
        "Der Konzern investiere viel Zeit in die Entwicklung, sagte ein Sprecher.",
        set(),
    ),
    (
        "reported speech",
        "fr",
        "Un porte-parole de Volkswagen a indiqué que le groupe y investissait environ un milliard d'euros.",
        {INV},
    ),
    (
        "reported speech",
        "fr",
        "Un porte-parole a indiqué que le groupe y investissait beaucoup de temps.",
        set(),
    ),
    (
        "reported speech",
        "en",
        "A Volkswagen spokesman said the group was investing about one billion euros in it.",
        {INV},
    ),
    (
        "reported speech",
        "en",
        "A Volkswagen spokesman said the group was investing a lot of time in it.",
        set(),
    ),
    (
        "reported speech",
        "es",
        "Un portavoz de Volkswagen dijo que el grupo invierte en ello unos mil millones de euros.",
        {INV},
    ),
    (
        "reported speech",
        "es",
        "Un portavoz de Volkswagen dijo que el grupo invierte mucho tiempo en ello.",
        set(),
    ),
    (
        "reported speech",
        "ar",
        "وقال متحدث باسم فولكس فاغن إن المجموعة تستثمر نحو مليار يورو في المشروع.",
        {INV},
    ),
    ("reported speech", "ar", "وقال متحدث باسم فولكس فاغن إن المجموعة تستثمر وقتا طويلا في المشروع.", set()),
    ("joint venture data centres", "ar", "أرامكو وهواوي تؤسسان مشروعا مشتركا لمراكز البيانات", {INV}),
    (
        "joint venture data centres",
        "ar",
        (
            "أعلنت أرامكو السعودية وشركة هواوي عن تأسيس مشروع مشترك "
            "باسم سحابة الجزيرة لبناء مراكز بيانات للذكاء الاصطناعي."
        ),
        {INV},
    ),
    (
        "joint venture data centres",
        "ar",
        "أعلنت الشركتان عن تأسيس مشروع مشترك لتطوير نماذج لغوية باللهجات الخليجية.",
        set(),
    ),
    (
        "joint venture data centres",
        "en",
        "Aramco and Huawei form a joint venture to build AI data centres.",
        {INV},
    ),
    (
        "joint venture data centres",
        "en",
        "Aramco and Huawei form a joint venture to develop Arabic language models.",
        set(),
    ),
    (
        "joint venture data centres",
        "fr",
        "Aramco et Huawei créent une coentreprise pour construire des centres de données.",
        {INV},
    ),
    (
        "joint venture data centres",
        "fr",
        "TotalEnergies et Mistral AI créent une coentreprise qui développera des modèles pour l'industrie.",
        set(),
    ),
    (
        "joint venture data centres",
        "de",
        "Aramco und Huawei gründen ein Gemeinschaftsunternehmen für Rechenzentren.",
        {INV},
    ),
    (
        "joint venture data centres",
        "de",
        "Telekom und SAP gründen ein Gemeinschaftsunternehmen für KI-Anwendungen in Behörden.",
        set(),
    ),
    (
        "joint venture data centres",
        "es",
        "Aramco y Huawei crean una empresa conjunta para construir centros de datos.",
        {INV},
    ),
    (
        "joint venture data centres",
        "es",
        "Indra y Telefónica crean una empresa conjunta que desarrollará sistemas de IA para la defensa.",
        set(),
    ),
    (
        "joint venture data centres",
        "es",
        "Aramco y Huawei negocian una empresa conjunta para construir centros de datos.",
        set(),
    ),
    (
        "complaint to authority",
        "es",
        "Facua ha denunciado ante la Agencia Española de Protección de Datos a Pixelia.",
        {S},
    ),
    ("complaint to authority", "es", "Facua denuncia a Pixelia ante la AEPD.", {S}),
    ("complaint to authority", "es", "Facua denuncia que la app guarda las fotos sin informar.", set()),
    ("complaint to authority", "es", "Facua estudia denunciar a Pixelia ante la AEPD.", set()),
    (
        "complaint to authority",
        "en",
        "Facua has lodged a complaint with Spain's data protection agency over Pixelia.",
        {S},
    ),
    (
        "complaint to authority",
        "en",
        "Facua is considering whether to file a complaint with the data protection agency.",
        set(),
    ),
    (
        "complaint to authority",
        "fr",
        "L'UFC-Que Choisir a porté plainte auprès de la Cnil contre Pixelia.",
        {S},
    ),
    ("complaint to authority", "fr", "Des utilisateurs se plaignent de la lenteur de l'application.", set()),
    (
        "complaint to authority",
        "de",
        "Der Verband hat bei der Datenschutzbehörde Beschwerde gegen Pixelia eingelegt.",
        {S},
    ),
    (
        "complaint to authority",
        "de",
        "Der Verband prüft, ob er bei der Datenschutzbehörde Beschwerde gegen Pixelia einlegt.",
        set(),
    ),
    (
        "complaint to authority",
        "ar",
        "قدمت جمعية حماية المستهلك شكوى إلى هيئة حماية البيانات ضد بيكسيليا.",
        {S},
    ),
    ("complaint to authority", "ar", "تعتزم الجمعية تقديم شكوى إلى هيئة حماية البيانات ضد بيكسيليا.", set()),
    ("complaint to authority", "ar", "اشتكى المستخدمون من بطء التطبيق.", set()),
    (
        "regulator formal notice",
        "fr",
        "L'Arcom met en demeure une appli de deepfakes diffusée sur TikTok",
        {S},
    ),
    (
        "regulator formal notice",
        "fr",
        "L'Arcom a mis en demeure Facetto, l'éditeur d'une application de trucage vidéo.",
        {S},
    ),
    ("regulator formal notice", "fr", "Le Monde a adressé une mise en demeure à la start-up.", set()),
    (
        "regulator formal notice",
        "fr",
        "L'avocat des auteurs a mis en demeure Facetto de retirer les vidéos.",
        set(),
    ),
    (
        "regulator formal notice",
        "en",
        "Ofcom issued a formal notice to Facetto over the missing watermarks.",
        {S},
    ),
    ("regulator formal notice", "en", "The publisher sent Facetto a cease-and-desist letter.", set()),
    (
        "regulator formal notice",
        "de",
        "Die Bundesnetzagentur hat Facetto förmlich aufgefordert, die Videos zu kennzeichnen.",
        {S},
    ),
    (
        "regulator formal notice",
        "de",
        "Der Verbraucherzentrale Bundesverband hat die Betreiberin der App abgemahnt.",
        set(),
    ),
    ("regulator formal notice", "de", "Der Verlag hat Facetto abgemahnt.", set()),
    (
        "regulator formal notice",
        "es",
        "La AEPD ha requerido formalmente a Facetto que retire las fotos.",
        {S},
    ),
    ("regulator formal notice", "es", "El editor envió un burofax a Facetto.", set()),
    ("regulator formal notice", "ar", "وجهت هيئة تنظيم الاتصالات إنذارا رسميا إلى شركة فاسيتو.", {S}),
    ("regulator formal notice", "ar", "أرسلت دار النشر إنذارا إلى الشركة.", set()),
]


@over_cases(CASES)
def test_round_sixteen_senses(clf: Classifier, lang: str, text: str, expected: set[str]) -> None:
    assert_tags(clf, lang, text, expected)


def test_every_round_sixteen_rule_has_a_control() -> None:
    assert_every_class_has_a_control(CASES)


def test_every_round_sixteen_class_is_written_in_every_language() -> None:
    # every language has a tagged sentence and a control that must not be tagged
    assert_every_class_in_languages(CASES, control_in_each=True)
