"""Issue 13, round 27: the classes of round 26's blind set (``tests/data/classifier_generalise26.jsonl``).

Round 26 was written to put the words of events in stories without the event (products compared, deals
denied, analysts' expectations, panels, government programmes, open licences in passing) and scored 0.833
micro-F1 when written (primary 0.84, 10 of 15 no-event stories untagged), the same before and after rounds
25 and 26. Its wrong stories were read and fixed as classes (the "round 27" edits of
``services/classifier/taxonomy/contexts.yaml`` and the tag files). New sentences of ours, with controls:

- a headline listing event words as topics of talk ("AI bosses talk licences, lawsuits and …");
- a denial headline with "rejects" («rejette», „weist Bericht über … zurück", «rechaza»);
- an expectation ("analysts expect a new round", «s'attendent à», „erwarten", «esperan», «يتوقع»), not
  «prévoit»/«prevé» (a contract provides for its terms);
- not planned after the trigger („… ist nicht vorgesehen", «no está prevista»); an Arabic duty («على
  الشركات أن تستثمر»);
- senses: an answer or a moment "arrived"; «presenta como»; a plan presented on a weekday; «طرح أسئلة»
  as a span (the launch in the same sentence stands); „Anteil an den Werbeerlösen";
- recall: „Seit Montag steht … ein Assistent zur Verfügung"; „erhält das Recht, die Software …
  einzubauen".
"""

from __future__ import annotations

from services.classifier.engine import Classifier
from tests.classifier_helpers import (
    Case,
    HeadlineCase,
    assert_every_class_has_a_control,
    assert_tags,
    headline_controls,
    kinds_by_class,
    over_cases,
    over_headline_cases,
)

IN, LI, LA, LS = "investment", "licensing", "launch", "lawsuit"
SENSE = "sense"
RECALL = "recall"
EXPECTATION = "expectation"
NOT_PLANNED = "not-planned"
DUTY = "duty"
TALK_TOPICS = "talk-topics"
DENIAL = "denial-rejects"

CASES: list[Case] = [
    (EXPECTATION, "en", "Analysts expect a new funding round for Oravo in 2027.", set()),
    (
        EXPECTATION,
        "en",
        "Oravo raised $90 million in a Series B round led by Index Ventures on Tuesday.",
        {IN},
    ),
    (EXPECTATION, "fr", "Les analystes s'attendent à une nouvelle levée de fonds d'Oravo en 2027.", set()),
    (
        EXPECTATION,
        "fr",
        "Oravo a levé 90 millions d'euros lors d'un tour de table mené par Eurazeo mardi.",
        {IN},
    ),
    (EXPECTATION, "de", "Analysten erwarten eine neue Finanzierungsrunde von Oravo im Jahr 2027.", set()),
    (
        EXPECTATION,
        "de",
        "Oravo hat am Dienstag in einer Finanzierungsrunde 90 Millionen Euro eingesammelt.",
        {IN},
    ),
    (EXPECTATION, "es", "Los analistas esperan una nueva ronda de financiación de Oravo en 2027.", set()),
    (EXPECTATION, "es", "Oravo cerró el martes una ronda de financiación de 90 millones de euros.", {IN}),
    (EXPECTATION, "ar", "ويتوقع المحللون جولة تمويل جديدة لشركة أورافو في 2027.", set()),
    (EXPECTATION, "ar", "وجمعت أورافو يوم الثلاثاء 90 مليون دولار في جولة تمويل.", {IN}),
    (
        EXPECTATION,
        "fr",
        "Le contrat de licence signé mardi avec Oravo prévoit une redevance annuelle pour l'éditeur.",
        {LI},
    ),
    (
        NOT_PLANNED,
        "de",
        "Eine Übernahme des Start-ups ist nach Angaben beider Seiten nicht vorgesehen.",
        set(),
    ),
    (
        NOT_PLANNED,
        "de",
        "Die Übernahme des Start-ups für 40 Millionen Euro ist nach Angaben beider Seiten abgeschlossen.",
        {IN},
    ),
    (NOT_PLANNED, "es", "La compra de la startup no está prevista, según ambas empresas.", set()),
    (
        NOT_PLANNED,
        "es",
        "La compra de la startup por 40 millones de euros se cerró el martes, según ambas empresas.",
        {IN},
    ),
    (DUTY, "ar", "وقال الخبراء إن على الشركات الناشئة أن تستثمر في جمع البيانات.", set()),
    (DUTY, "ar", "واستثمرت أورافو 20 مليون دولار في شركة ناشئة سعودية.", {IN}),
    (SENSE, "en", "One answer arrived on Wednesday, when the agency published its report.", set()),
    (SENSE, "en", "Oravo's new translation app arrived in app stores on Tuesday.", {LA}),
    (SENSE, "fr", "La réponse est arrivée mercredi, dans un communiqué de l'agence.", set()),
    (SENSE, "fr", "La nouvelle application d'Oravo est arrivée mardi sur les smartphones.", {LA}),
    (SENSE, "es", "La respuesta llegó el miércoles en un comunicado de la agencia.", set()),
    (SENSE, "es", "Algo que la empresa presenta como una garantía para los usuarios.", set()),
    (SENSE, "es", "La empresa presenta el martes su nuevo asistente de voz.", {LA}),
    (SENSE, "es", "El ministerio presentó el lunes un plan para llevar la IA a los ayuntamientos.", set()),
    (SENSE, "es", "Oravo presentó el lunes un asistente de voz para los ayuntamientos.", {LA}),
    (SENSE, "ar", "وأطلقت أورافو يوم الأحد مساعدا ذكيا يتيح للقراء طرح أسئلة عن الأخبار.", {LA}),
    (SENSE, "ar", "وأتاح المنتدى للحضور طرح أسئلة على المتحدثين.", set()),
    (
        SENSE,
        "de",
        "Der Verlag erhält einen Anteil an den Werbeerlösen, die Oravo mit den Antworten erzielt.",
        set(),
    ),
    (SENSE, "de", "Oravo hat Anteile an dem Start-up für 20 Millionen Euro gekauft.", {IN}),
    (
        RECALL,
        "de",
        "Seit Montag steht den rund 40.000 Kanzleien ein Assistent zur Verfügung, der Bescheide prüft.",
        {LA},
    ),
    (
        RECALL,
        "de",
        "Seit Montag diskutieren die Kanzleien über einen Assistenten, der Bescheide prüft.",
        set(),
    ),
    (RECALL, "de", "Oravo erhält das Recht, die Software des Start-ups in seine Geräte einzubauen.", {LI}),
    (RECALL, "de", "Oravo erhält das Recht, seine eigenen Geräte selbst zu reparieren.", set()),
]

LICENCE = {
    "en": "Oravo signed a licensing agreement with the publisher on Tuesday for its archive.",
    "fr": "Oravo a signé mardi un accord de licence avec l'éditeur pour ses archives.",
    "de": "Oravo hat am Dienstag einen Lizenzvertrag mit dem Verlag für sein Archiv unterzeichnet.",
    "es": "Oravo firmó el martes un acuerdo de licencia con la editorial para su archivo.",
    "ar": "ووقعت أورافو يوم الثلاثاء اتفاق ترخيص مع الناشر لاستخدام أرشيفه.",
}
PURCHASE = {
    "en": "Oravo agreed to buy Quillo for $40 million on Tuesday.",
    "fr": "Oravo a accepté mardi de racheter Quillo pour 40 millions d'euros.",
    "de": "Oravo übernimmt Quillo für 40 Millionen Euro.",
    "es": "Oravo comprará Quillo por 40 millones de euros.",
}

HEADLINES: list[HeadlineCase] = [
    (
        TALK_TOPICS,
        "en",
        "At Web Summit, AI bosses talk licences, lawsuits and the money question",
        LICENCE["en"],
        set(),
    ),
    (TALK_TOPICS, "en", "Oravo signs licensing deal with the publisher", LICENCE["en"], {LI}),
    (
        TALK_TOPICS,
        "fr",
        "Au salon VivaTech, les patrons de l'IA débattent de licences, de procès et de financement",
        LICENCE["fr"],
        set(),
    ),
    (TALK_TOPICS, "fr", "Oravo signe un accord de licence avec l'éditeur", LICENCE["fr"], {LI}),
    (
        TALK_TOPICS,
        "de",
        "Auf der Republica diskutieren KI-Chefs über Lizenzen, Klagen und Geld",
        LICENCE["de"],
        set(),
    ),
    (TALK_TOPICS, "de", "Oravo unterzeichnet Lizenzvertrag mit Verlag", LICENCE["de"], {LI}),
    (
        TALK_TOPICS,
        "es",
        "En el South Summit, los jefes de la IA debaten sobre licencias, demandas y dinero",
        LICENCE["es"],
        set(),
    ),
    (TALK_TOPICS, "es", "Oravo firma un acuerdo de licencia con la editorial", LICENCE["es"], {LI}),
    (
        TALK_TOPICS,
        "ar",
        "في قمة الويب: قادة الذكاء الاصطناعي يناقشون التراخيص والدعاوى والتمويل",
        LICENCE["ar"],
        set(),
    ),
    (TALK_TOPICS, "ar", "أورافو توقع اتفاق ترخيص مع الناشر", LICENCE["ar"], {LI}),
    (DENIAL, "en", "Oravo rejects reports of takeover talks with Quillo", PURCHASE["en"], set()),
    (DENIAL, "en", "Oravo buys Quillo for $40 million", PURCHASE["en"], {IN}),
    (DENIAL, "fr", "Oravo rejette les rumeurs de rachat de Quillo", PURCHASE["fr"], set()),
    (DENIAL, "fr", "Oravo rachète Quillo pour 40 millions d'euros", PURCHASE["fr"], {IN}),
    (DENIAL, "de", "Oravo weist Bericht über Übernahmegespräche mit Quillo zurück", PURCHASE["de"], set()),
    (DENIAL, "de", "Oravo übernimmt Quillo", PURCHASE["de"], {IN}),
    (DENIAL, "es", "Oravo rechaza las informaciones sobre la compra de Quillo", PURCHASE["es"], set()),
    (DENIAL, "es", "Oravo compra Quillo por 40 millones", PURCHASE["es"], {IN}),
]


@over_cases(CASES)
def test_round27_case(clf: Classifier, lang: str, text: str, expected: set[str]) -> None:
    assert_tags(clf, lang, text, expected)


@over_headline_cases(HEADLINES)
def test_round27_headline(clf: Classifier, lang: str, title: str, text: str, expected: set[str]) -> None:
    assert set(clf.classify(title, text, lang).tag_names) == expected


def test_round27_classes_have_controls() -> None:
    assert_every_class_has_a_control(CASES)
    assert_every_class_has_a_control(headline_controls(HEADLINES))


def test_round27_classes_are_written_in_several_languages() -> None:
    for group, seen in kinds_by_class(CASES + headline_controls(HEADLINES)).items():
        # the Arabic duty and the German recall rules are written for their language alone
        assert len(seen) >= (1 if group in {DUTY, RECALL} else 2), (group, sorted(seen))
