"""Issue 13, round 26: the classes of round 25's blind set (``tests/data/classifier_generalise25.jsonl``).

Round 25 was written in the style of real web news and scored 0.935 micro-F1 when written (primary 0.94,
13 of 15 no-event stories untagged); round 25's own fixes (``test_classifier_round25.py``) did not move
it. Its six wrong stories were read and fixed as classes (the "round 26" edits of
``services/classifier/taxonomy/contexts.yaml`` and the tag files). New sentences of ours, with controls:

- a reader's-question headline drops the story's tags only when the question is the whole headline: a
  teaser question followed by the news ("Can you translate your voice offline? Oravo releases Lingo 2")
  keeps it;
- a model made available under a licence that allows use names the licence in passing ("under a licence
  that allows commercial use"); a licence signed with someone that allows training stays a deal;
- a collective (labour) agreement is no content deal («la convention collective», «el convenio colectivo»);
- a label heading before a sentence («Por qué ahora. Google lanzó …») is not the sentence's "why": the
  explanation sense («por qué X lanzó») stops at a sentence end;
- senses: „vor allem" after „stellen" is no „stellt … vor"; an acquired company's technology that "will be
  integrated" (ستدمج) is no licence.
"""

from __future__ import annotations

from services.classifier.engine import Classifier
from tests.classifier_helpers import (
    FIVE,
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
TEASER_QUESTION = "teaser-question"
LICENCE_IN_PASSING = "licence-that-allows"
COLLECTIVE_AGREEMENT = "collective-agreement"
LABEL_HEADING = "label-heading"

CASES: list[Case] = [
    (
        LICENCE_IN_PASSING,
        "en",
        "The model is available on Hugging Face under a licence that allows commercial use.",
        set(),
    ),
    (
        LICENCE_IN_PASSING,
        "en",
        "Oravo signed a licence with the publisher that allows it to train models on the archive.",
        {LI},
    ),
    (
        LICENCE_IN_PASSING,
        "fr",
        "Le modèle est disponible sur Hugging Face sous une licence qui autorise l'usage commercial.",
        set(),
    ),
    (
        LICENCE_IN_PASSING,
        "fr",
        "Oravo a signé avec l'éditeur une licence qui l'autorise à entraîner ses modèles sur les archives.",
        {LI},
    ),
    (
        LICENCE_IN_PASSING,
        "de",
        "Die Gewichte stehen unter einer Lizenz bereit, die kommerzielle Nutzung erlaubt.",
        set(),
    ),
    (
        LICENCE_IN_PASSING,
        "de",
        "Oravo hat mit dem Verlag eine Lizenz vereinbart, die das Training mit dem Archiv erlaubt.",
        {LI},
    ),
    (LICENCE_IN_PASSING, "es", "Los pesos se publican con una licencia que permite el uso comercial.", set()),
    (
        LICENCE_IN_PASSING,
        "es",
        "Oravo firmó con la editorial una licencia que le permite entrenar modelos con su archivo.",
        {LI},
    ),
    (LICENCE_IN_PASSING, "ar", "والنموذج متاح للتنزيل بترخيص يسمح بالاستخدام التجاري.", set()),
    (
        LICENCE_IN_PASSING,
        "ar",
        "ووقعت أورافو مع الناشر اتفاق ترخيص يسمح لها بتدريب نماذجها على أرشيفه.",
        {LI},
    ),
    (
        COLLECTIVE_AGREEMENT,
        "en",
        "The union wants the new collective agreement to ban synthetic copies of its members' voices.",
        set(),
    ),
    (
        COLLECTIVE_AGREEMENT,
        "en",
        "The union signed a licensing agreement with Oravo for its members' recorded voices.",
        {LI},
    ),
    (
        COLLECTIVE_AGREEMENT,
        "fr",
        "Le syndicat veut que la convention collective interdise les copies synthétiques des voix.",
        set(),
    ),
    (
        COLLECTIVE_AGREEMENT,
        "fr",
        "Le syndicat a signé un accord de licence avec Oravo pour les voix enregistrées de ses membres.",
        {LI},
    ),
    (
        COLLECTIVE_AGREEMENT,
        "es",
        "El sindicato pide que el convenio colectivo prohíba las copias sintéticas de las voces y obras.",
        set(),
    ),
    (
        COLLECTIVE_AGREEMENT,
        "es",
        "El sindicato firmó un acuerdo de licencia con Oravo para las voces grabadas de sus socios.",
        {LI},
    ),
    (LABEL_HEADING, "es", "Por qué ahora. Oravo lanzó el martes en España su asistente de voz.", {LA}),
    (LABEL_HEADING, "es", "Por qué Oravo lanzó su asistente de voz en España.", set()),
    (LABEL_HEADING, "fr", "Pourquoi maintenant. Oravo a lancé mardi son assistant vocal en France.", {LA}),
    (LABEL_HEADING, "fr", "Pourquoi Oravo a lancé son assistant vocal en France.", set()),
    (
        LABEL_HEADING,
        "de",
        "Warum jetzt. Oravo hat am Dienstag seinen Sprachassistenten in Deutschland veröffentlicht.",
        {LA},
    ),
    (LABEL_HEADING, "de", "Warum Oravo seinen Sprachassistenten in Deutschland veröffentlicht hat.", set()),
    (
        SENSE,
        "de",
        "Die neuen Stellen sollen vor allem in Teams entstehen, die neue Funktionen für die App entwickeln.",
        set(),
    ),
    (SENSE, "de", "Oravo stellt am Dienstag eine neue App für Lehrkräfte vor.", {LA}),
    (
        SENSE,
        "ar",
        "وقال مسؤول إن الصفقة تمنح المجموعة خبرة أعمق، مشيرا إلى أن تقنيات الشركة ستدمج في خدماتها.",
        set(),
    ),
    (SENSE, "ar", "ووقعت أورافو اتفاقا مع الناشر يتيح لها استخدام أرشيفه وتقنياته في تدريب نماذجها.", {LI}),
]

LINGO_EN = "Oravo released Lingo 2, a speech translation model that runs on a phone, on Thursday."
LINGO_FR = (
    "Oravo a publié jeudi Lingo 2, un modèle de traduction de la parole qui fonctionne sur un téléphone."
)
LINGO_DE = "Oravo hat am Donnerstag Lingo 2 veröffentlicht, ein Übersetzungsmodell, das auf dem Handy läuft."
LINGO_ES = "Oravo lanzó el jueves Lingo 2, un modelo de traducción de voz que funciona en el teléfono."
LINGO_AR = "أطلقت أورافو يوم الخميس نموذج لينغو 2 لترجمة الكلام على الهاتف."

HEADLINES: list[HeadlineCase] = [
    (TEASER_QUESTION, "en", "Can you translate your voice offline? Oravo releases Lingo 2", LINGO_EN, {LA}),
    (TEASER_QUESTION, "en", "Can I sue an AI firm for copying my voice?", LINGO_EN, set()),
    (TEASER_QUESTION, "fr", "Peut-on traduire sa voix sans réseau ? Oravo publie Lingo 2", LINGO_FR, {LA}),
    (TEASER_QUESTION, "fr", "Peut-on poursuivre une IA qui copie sa voix ?", LINGO_FR, set()),
    (
        TEASER_QUESTION,
        "de",
        "Kann ich meine Stimme offline übersetzen? Oravo veröffentlicht Lingo 2",
        LINGO_DE,
        {LA},
    ),
    (
        TEASER_QUESTION,
        "de",
        "Darf man eine KI-Firma verklagen, die die eigene Stimme kopiert?",
        LINGO_DE,
        set(),
    ),
    (TEASER_QUESTION, "es", "¿Se puede traducir la voz sin conexión? Oravo lanza Lingo 2", LINGO_ES, {LA}),
    (TEASER_QUESTION, "es", "¿Puedo demandar a una empresa de IA que copia mi voz?", LINGO_ES, set()),
    (TEASER_QUESTION, "ar", "هل يمكنك ترجمة صوتك دون إنترنت؟ أورافو تطلق نموذج لينغو 2", LINGO_AR, {LA}),
    (TEASER_QUESTION, "ar", "هل يمكنني مقاضاة شركة تنسخ صوتي؟", LINGO_AR, set()),
]


@over_cases(CASES)
def test_round26_case(clf: Classifier, lang: str, text: str, expected: set[str]) -> None:
    assert_tags(clf, lang, text, expected)


@over_headline_cases(HEADLINES)
def test_round26_headline(clf: Classifier, lang: str, title: str, text: str, expected: set[str]) -> None:
    assert set(clf.classify(title, text, lang).tag_names) == expected


def test_round26_classes_have_controls() -> None:
    assert_every_class_has_a_control(CASES)
    assert_every_class_has_a_control(headline_controls(HEADLINES))


def test_round26_classes_are_written_in_several_languages() -> None:
    for group, seen in kinds_by_class(CASES + headline_controls(HEADLINES)).items():
        assert len(seen) >= (5 if group in {TEASER_QUESTION, LICENCE_IN_PASSING} else 2), (
            group,
            sorted(seen),
        )
    assert {lang for _, lang, *_ in HEADLINES} == FIVE
