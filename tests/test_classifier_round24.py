"""Issue 13, round 24: the classes of round 23's blind set (``tests/data/classifier_generalise23.jsonl``).

Round 23 was written in the style of real web news about the large AI companies and scored 0.926
micro-F1 when written (primary 0.96, 13 of 15 no-event stories untagged), the best first figure of any
blind round. Its seven wrong stories were read and fixed as classes (the "round 24" contexts of
``services/classifier/taxonomy/contexts.yaml`` and senses of the tag files). New sentences of ours, with
controls that keep their tag:

- «ordena los resultados» (sorts) is no court order; «a-t-il lancé» after a quote is a verb of saying;
- a results figure carried by licences («eleva un 6 % su resultado gracias a las licencias»);
- French negation after the trigger («tant qu'un accord n'est pas trouvé»), a complaint "not rejected" kept;
- a product on sale for a year or more is no launch («commercialisé depuis plus d'un an»);
- what a company owns or licenses ("footage the company owns or licenses") is no licence deal.
"""

from __future__ import annotations

from services.classifier.engine import Classifier
from tests.classifier_helpers import (
    Case,
    assert_every_class_has_a_control,
    assert_tags,
    kinds_by_class,
    over_cases,
)

IN, LI, LA, LS = "investment", "licensing", "launch", "lawsuit"
SENSE = "sense"
RESULTS_FIGURE = "results-figure"
NEGATION_AFTER = "negation-after"
SINCE_A_YEAR = "since-a-year"
OWNED_OR_LICENSED = "owned-or-licensed"

CASES: list[Case] = [
    (SENSE, "es", "El buscador ordena los resultados según el precio y la distancia.", set()),
    (SENSE, "es", "El juez ordena a la empresa pagar 2 millones de euros al fotógrafo.", {LS}),
    (SENSE, "fr", "« Ce qui compte, c'est le temps gagné », a-t-il lancé devant la salle.", set()),
    (SENSE, "fr", "Mistral a lancé lundi un nouvel assistant pour les entreprises.", {LA}),
    (
        RESULTS_FIGURE,
        "es",
        "Prisa eleva un 6 % su resultado gracias a las suscripciones y las licencias de contenido.",
        set(),
    ),
    (RESULTS_FIGURE, "es", "Prisa firmó el lunes una licencia de contenido con Oravo para su archivo.", {LI}),
    (
        RESULTS_FIGURE,
        "en",
        "Content licences lifted the publisher's profit by 6% in the third quarter.",
        set(),
    ),
    (
        RESULTS_FIGURE,
        "en",
        "The publisher signed a content licence with Oravo for its archive on Monday.",
        {LI},
    ),
    (
        RESULTS_FIGURE,
        "fr",
        "Les licences de contenu portent le résultat de l'éditeur en hausse de 6 %.",
        set(),
    ),
    (
        RESULTS_FIGURE,
        "fr",
        "L'éditeur a signé lundi une licence de contenu avec Oravo pour ses archives.",
        {LI},
    ),
    (RESULTS_FIGURE, "de", "Lizenzen für Inhalte steigern den Gewinn des Verlags um 6 Prozent.", set()),
    (
        RESULTS_FIGURE,
        "de",
        "Der Verlag hat am Montag einen Lizenzvertrag für Inhalte mit Oravo unterzeichnet.",
        {LI},
    ),
    (
        NEGATION_AFTER,
        "fr",
        "Les éditeurs réclament l'interdiction de ces résumés tant qu'un accord n'est pas trouvé.",
        set(),
    ),
    (NEGATION_AFTER, "fr", "L'accord de licence avec les éditeurs n'a jamais été signé.", set()),
    (NEGATION_AFTER, "fr", "L'accord de licence avec les éditeurs a été signé lundi.", {LI}),
    (
        NEGATION_AFTER,
        "fr",
        "La plainte des auteurs n'a pas été rejetée par le tribunal, a dit leur avocat.",
        {LS},
    ),
    (
        SINCE_A_YEAR,
        "fr",
        "Le Chat Enterprise, commercialisé depuis plus d'un an, traite les réclamations.",
        set(),
    ),
    (SINCE_A_YEAR, "fr", "L'assistant est commercialisé depuis lundi auprès des assureurs.", {LA}),
    (SINCE_A_YEAR, "en", "The assistant, which went on sale for more than a year, handles claims.", set()),
    (SINCE_A_YEAR, "es", "El asistente se comercializa desde hace más de un año en España.", set()),
    (SINCE_A_YEAR, "es", "La compañía lanzó el lunes su asistente en España.", {LA}),
    (SINCE_A_YEAR, "ar", "وأطلقت الشركة المساعد منذ أكثر من عام في السعودية.", set()),
    (SINCE_A_YEAR, "ar", "وأطلقت الشركة المساعد يوم الاثنين في السعودية.", {LA}),
    (OWNED_OR_LICENSED, "en", "The tool is trained only on footage the company owns or licenses.", set()),
    (
        OWNED_OR_LICENSED,
        "en",
        "The company has licensed its footage to Oravo under a three-year agreement.",
        {LI},
    ),
    (
        OWNED_OR_LICENSED,
        "de",
        "Das Modell lernt nur mit Bildern, die der Verlag besitzt oder lizenziert.",
        set(),
    ),
    (OWNED_OR_LICENSED, "de", "Der Verlag hat seine Bilder für drei Jahre an Oravo lizenziert.", {LI}),
    (OWNED_OR_LICENSED, "es", "El modelo se entrena con imágenes que la agencia posee o licencia.", set()),
    (OWNED_OR_LICENSED, "es", "La agencia firmó un acuerdo de licencia de sus imágenes con Oravo.", {LI}),
]


@over_cases(CASES)
def test_round24_case(clf: Classifier, lang: str, text: str, expected: set[str]) -> None:
    assert_tags(clf, lang, text, expected)


def test_round24_classes_have_controls() -> None:
    assert_every_class_has_a_control(CASES)


def test_round24_classes_are_written_in_several_languages() -> None:
    for group, seen in kinds_by_class(CASES).items():
        # French alone has the negation after its verb written this way
        assert len(seen) >= (1 if group == NEGATION_AFTER else 2), (group, sorted(seen))
