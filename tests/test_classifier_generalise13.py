"""Issue 13, round 13: a blind set for recall, and the near misses that keep precision.

``tests/data/classifier_generalise13.jsonl`` holds 60 stories of ours (en, fr, de, ar, es: 12 each), written
and committed before the classifier ran on it: 45 events told in wordings the rules might not know (rolled
out or opened to all users, shipped, a version named by its number, generally available after a beta, a
service launched in a new country; an agreement to use an archive, a catalogue or voices, a renewal, a paid
content partnership; taken to court, a class action, «assigne», «porte plainte», "Klage erhoben", "querella",
"لجأت إلى القضاء"; secured, a stake picked up, «décroche», «entre au capital», a convertible bond or notes,
"se hace con") and 15 near-miss controls (launches planned or rumoured, a regulator's licence, a suit
threatened or not ruled out, a raise weighed, a takeover rumoured). Before its fixes: micro-F1 0.882,
primary 0.817 (49/60), no-event untagged 8/15; precision licensing 0.83, launch 0.86, lawsuit 0.91,
investment 0.82; recall launch 0.80, investment 0.90, licensing and lawsuit 1.00. Recall was mostly there
already; the controls were the weaker side (7 of 15 tagged).

The cases below are our own sentences for each distinction added in round 13
(services/classifier/taxonomy/tags/, the "round 13" blocks), in en/fr/de/es/ar where the wording exists,
each group with controls.
"""

from __future__ import annotations

from services.classifier.engine import Classifier
from services.classifier.evaluate import evaluate, read_jsonl
from tests.classifier_helpers import assert_set_floors, assert_tags, over_cases
from tests.support import REPO

GENERALISE13 = REPO / "tests" / "data" / "classifier_generalise13.jsonl"
L, LA, S, INV = "licensing", "launch", "lawsuit", "investment"


def test_own_generalisation_set_round_thirteen(clf: Classifier) -> None:
    records = read_jsonl(GENERALISE13)
    assert len(records) == 60
    counts = {lang: sum(r["lang"] == lang for r in records) for lang in ("en", "fr", "de", "ar", "es")}
    assert counts == {"en": 12, "fr": 12, "de": 12, "ar": 12, "es": 12}
    report = evaluate(records, clf)
    # after round 13: micro-F1 1.000, primary 1.000 (60/60), no-event untagged 15/15, every tag P = R = 1.00
    assert report.no_event == 15 and report.no_event_untagged >= 14, report.as_dict()
    assert_set_floors(report)  # and every language's primary >= 0.9 (since 2026-12-03)


CASES: list[tuple[str, str, str, set[str]]] = [
    # ---- launch recall: offered or usable from a named day, provided to an audience, landing in a country,
    # put at the disposal of all users, generally available
    (
        "available from a day",
        "fr",
        "Le nouvel agent de Mistral est proposé dès aujourd'hui aux clients de Le Chat Pro.",
        {LA},
    ),
    (
        "available from a day",
        "fr",
        "L'outil de montage passe en disponibilité générale pour tous les abonnés.",
        {LA},
    ),
    ("available from a day", "fr", "Le modèle sera proposé dès lundi aux abonnés payants.", set()),
    (
        "available from a day",
        "fr",
        "Les données de l'étude sont accessibles depuis lundi aux chercheurs.",
        set(),
    ),
    (
        "available from a day",
        "ar",
        "أعلنت الشركة يوم الاثنين توفير نموذجها الجديد للمطورين عبر منصتها السحابية.",
        {LA},
    ),
    ("available from a day", "ar", "التطبيق الجديد متوفر اعتبارا من اليوم في متاجر التطبيقات.", {LA}),
    ("available from a day", "ar", "ستوفر الشركة نموذجها الجديد للمطورين في العام المقبل.", set()),
    ("available from a day", "ar", "تعمل الحكومة على توفير الكهرباء للمستخدمين في المناطق الريفية.", set()),
    (
        "available from a day",
        "es",
        "El modelo Sabia 4 ya es de uso general para todos los desarrolladores.",
        {LA},
    ),
    (
        "available from a day",
        "es",
        "Google ha puesto a disposición de todos los usuarios su nuevo asistente.",
        {LA},
    ),
    ("available from a day", "es", "La aplicación desembarca en Colombia con su tutor de voz.", {LA}),
    ("available from a day", "es", "La aplicación desembarcará en Colombia el próximo año.", set()),
    (
        "available from a day",
        "es",
        "Desde el lunes, los usuarios de Perú pueden descargarla en Android.",
        {LA},
    ),
    (
        "available from a day",
        "es",
        "Desde el lunes, los usuarios de Perú podrán descargarla en Android.",
        set(),
    ),
    # ---- not a launch: planned with a longer subject, or a rumour in the conditional
    (
        "launch planned or rumoured",
        "ar",
        "تعتزم شركة سما للتقنية الناشئة إطلاق تطبيقها الجديد العام المقبل.",
        set(),
    ),
    ("launch planned or rumoured", "ar", "أطلقت شركة سما للتقنية تطبيقها الجديد للمحادثة يوم الأحد.", {LA}),
    (
        "launch planned or rumoured",
        "es",
        "La empresa estaría preparando el lanzamiento de una nueva aplicación de compras.",
        set(),
    ),
    ("launch planned or rumoured", "es", "La empresa lanzó el martes una nueva aplicación de compras.", {LA}),
    (
        "launch planned or rumoured",
        "fr",
        "Apple préparerait le lancement de son nouvel assistant en France.",
        set(),
    ),
    ("launch planned or rumoured", "fr", "Apple a lancé mardi son nouvel assistant en France.", {LA}),
    (
        "launch planned or rumoured",
        "en",
        "Apple is reportedly preparing to launch a new assistant app in Europe.",
        set(),
    ),
    # ---- licensing, not a deal: a regulator's licence to operate
    ("regulator licence", "ar", "منحت الهيئة شركة وفرة ترخيصا لمزاولة نشاط التمويل الرقمي.", set()),
    ("regulator licence", "ar", "ويبلغ عدد الشركات المرخصة في القطاع عشر شركات.", set()),
    (
        "regulator licence",
        "ar",
        "وقعت الصحيفة اتفاقية ترخيص مع شركة بيان لاستخدام أرشيفها في تدريب النماذج.",
        {L},
    ),
    ("regulator licence", "fr", "La licence est accordée pour dix ans par le régulateur.", set()),
    (
        "regulator licence",
        "fr",
        "Le groupe a signé un accord de licence avec Mistral pour ses archives.",
        {L},
    ),
    (
        "regulator licence",
        "en",
        "The fintech won an e-money licence from the Financial Conduct Authority.",
        set(),
    ),
    (
        "regulator licence",
        "en",
        "The publisher signed a licensing deal with OpenAI covering its archive.",
        {L},
    ),
    (
        "regulator licence",
        "es",
        "La fintech obtuvo la licencia de entidad de dinero electrónico del Banco de España.",
        set(),
    ),
    # ---- lawsuit, not a proceeding: a suit not ruled out
    (
        "suit not ruled out",
        "de",
        "Eine Klage sei nicht ausgeschlossen, sagte die Vorsitzende des Verbands.",
        set(),
    ),
    ("suit not ruled out", "de", "Der Verband schließt eine Klage gegen den Anbieter nicht aus.", set()),
    (
        "suit not ruled out",
        "de",
        "Der Verband hat beim Landgericht Klage gegen den Anbieter eingereicht.",
        {S},
    ),
    ("suit not ruled out", "en", "A lawsuit is not ruled out, the union's lawyer said.", set()),
    ("suit not ruled out", "en", "The union did not rule out legal action against the company.", set()),
    ("suit not ruled out", "en", "The union filed a lawsuit against the company in federal court.", {S}),
    ("suit not ruled out", "fr", "Une plainte n'est pas exclue, a indiqué l'avocate du collectif.", set()),
    ("suit not ruled out", "fr", "Le collectif a porté plainte contre la société VoxIA.", {S}),
    ("suit not ruled out", "es", "Una demanda no está descartada, dijo la asociación de traductores.", set()),
    ("suit not ruled out", "ar", "لا تستبعد النقابة رفع دعوى ضد الشركة المطورة للتطبيق.", set()),
    ("suit not ruled out", "ar", "رفعت النقابة دعوى قضائية ضد الشركة المطورة للتطبيق.", {S}),
    # ---- investment recall: money raised told with other verbs and an amount right after
    ("raise with other verbs", "en", "Pallas picked up $20 million in a round led by Sequoia.", {INV}),
    (
        "raise with other verbs",
        "en",
        "The start-up netted $12 million from investors including Index Ventures.",
        {INV},
    ),
    ("raise with other verbs", "en", "The start-up picked up a $20 million contract from the Navy.", set()),
    (
        "raise with other verbs",
        "fr",
        "Hexa a décroché 12 millions d'euros auprès de ses investisseurs historiques.",
        {INV},
    ),
    (
        "raise with other verbs",
        "fr",
        "Hexa a décroché un contrat de 12 millions d'euros auprès de la région.",
        set(),
    ),
    (
        "raise with other verbs",
        "de",
        "Klarwerk holt sich 20 Millionen Euro von Investoren um Earlybird.",
        {INV},
    ),
    ("raise with other verbs", "de", "Klarwerk erhält 20 Millionen Euro Fördermittel vom Bund.", set()),
    (
        "raise with other verbs",
        "es",
        "Nubia consiguió 8 millones de dólares de un grupo de inversores.",
        {INV},
    ),
    ("raise with other verbs", "es", "Nubia consiguió 8 millones de dólares en ventas el año pasado.", set()),
    (
        "raise with other verbs",
        "en",
        "The company raised $8 million in convertible notes from angel investors.",
        {INV},
    ),
    (
        "raise with other verbs",
        "en",
        "The company plans to issue convertible notes worth $50 million next year.",
        set(),
    ),
    # ---- investment, not a deal: a raise weighed, a takeover rumoured or possible
    (
        "raise weighed, takeover rumoured",
        "en",
        "Brightline is weighing new funding as investors circle.",
        set(),
    ),
    (
        "raise weighed, takeover rumoured",
        "en",
        "Analysts say a possible takeover of the start-up would value it at $2 billion.",
        set(),
    ),
    (
        "raise weighed, takeover rumoured",
        "en",
        "Brightline secured new funding from investors led by Accel.",
        {INV},
    ),
    (
        "raise weighed, takeover rumoured",
        "de",
        "Gerüchte um eine Übernahme von Klarwerk durch Siemens machen die Runde.",
        set(),
    ),
    (
        "raise weighed, takeover rumoured",
        "de",
        "Eine mögliche Übernahme des Start-ups durch einen US-Konzern wird diskutiert.",
        set(),
    ),
    (
        "raise weighed, takeover rumoured",
        "de",
        "Siemens übernimmt das Start-up Klarwerk für 200 Millionen Euro.",
        {INV},
    ),
    (
        "raise weighed, takeover rumoured",
        "fr",
        "Des rumeurs de rachat visent la start-up lyonnaise depuis l'été.",
        set(),
    ),
    (
        "raise weighed, takeover rumoured",
        "es",
        "Los rumores de venta de la startup se intensificaron esta semana.",
        set(),
    ),
    (
        "raise weighed, takeover rumoured",
        "es",
        "Telefónica compra la startup Sentra por 20 millones de euros.",
        {INV},
    ),
    ("raise weighed, takeover rumoured", "ar", "تتزايد الأنباء عن استحواذ محتمل على الشركة الناشئة.", set()),
    (
        "raise weighed, takeover rumoured",
        "ar",
        "استحوذت الشركة على حصة في شركة ناشئة مقابل 15 مليون دولار.",
        {INV},
    ),
]


@over_cases(CASES)
def test_round_thirteen_senses(clf: Classifier, lang: str, text: str, expected: set[str]) -> None:
    assert_tags(clf, lang, text, expected)


def test_every_distinction_has_controls_in_several_languages() -> None:
    groups: dict[str, tuple[set[str], int, int]] = {}
    for group, lang, _text, expected in CASES:
        langs, tagged, untagged = groups.get(group, (set(), 0, 0))
        groups[group] = (langs | {lang}, tagged + bool(expected), untagged + (not expected))
    for group, (langs, tagged, untagged) in groups.items():
        assert len(langs) >= 3, (group, langs)
        assert tagged >= 2 and untagged >= 2, (group, tagged, untagged)


def test_veo_launch_in_french_is_tagged(clf: Classifier) -> None:
    """The French report of the Veo 4 launch (the grouper's round-6 set, gs6-f01-fr) names the event only as
    "est proposé dès mercredi aux abonnés"."""
    got = clf.classify(
        "Veo 4 : la vidéo générée par IA passe à la 4K",
        "La nouvelle version du modèle vidéo de Google produit des séquences de deux minutes en 4K. "
        "Veo 4 est proposé dès mercredi aux abonnés payants de l'application Gemini.",
        "fr",
    )
    assert got.tag_names == ["launch"] and got.primary_tag == "launch", got.tag_names
    assert any("proposé dès mercredi" in e.text for e in got.tags[0].evidence), got.tags[0].evidence
