"""Issue 13, round 25: the classes of round 24's blind set (``tests/data/classifier_generalise24.jsonl``).

Round 24 was written in the style of real web news and scored 0.887 micro-F1 when written (primary 0.94,
12 of 15 no-event stories untagged). Its wrong stories were read and fixed as classes (the "round 25"
contexts of ``services/classifier/taxonomy/contexts.yaml`` and senses of the tag files). New sentences of
ours, with controls that keep their tag:

- a launch agreed to, pledged or promised is a commitment ("agreeing to launch", «ووافقت على إطلاق»);
- a licence the deal does not include («El pacto no incluye ningún acuerdo de licencia», «ne prévoit
  aucune licence»), while money a round "does not include" is another matter;
- licences acquired for a model's training material, in a relative clause about it („für die das
  Unternehmen Lizenzen erworben habe", «para las que adquirió licencias»);
- a high court's old guidance dated only "years ago" („vor Jahren strenge Vorgaben");
- senses: «el juicio de un examinador» (judgement), Arabic driving licences with their article or a
  forged one, compensation "for what already happened" (damages, not a royalty), „Lizenzen erworben"
  (no acquisition).
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
COMMITMENT = "commitment"
NOT_INCLUDED = "licence-not-included"
LICENSED_MATERIAL = "licensed-material"
OLD_GUIDANCE = "old-court-guidance"

CASES: list[Case] = [
    (
        COMMITMENT,
        "en",
        "The suit was settled in March, with Oravo agreeing to launch a homework app for schools.",
        set(),
    ),
    (COMMITMENT, "en", "Oravo has pledged to release its translation model as open weights.", set()),
    (COMMITMENT, "en", "Oravo launched a homework app for schools on Tuesday.", {LA}),
    (COMMITMENT, "en", "Oravo agreed to buy the Lisbon start-up Quillo for $40 million.", {IN}),
    (COMMITMENT, "ar", "وتعهدت الشركة بإطلاق نسخة مدفوعة للمدارس العام المقبل.", set()),
    (COMMITMENT, "ar", "ووافقت أورافو على إطلاق تطبيق للطلاب ضمن التسوية.", set()),
    (COMMITMENT, "ar", "وأطلقت أورافو يوم الثلاثاء تطبيقاً جديداً للطلاب.", {LA}),
    (
        NOT_INCLUDED,
        "es",
        "El pacto no incluye el uso de los contenidos para entrenar modelos, precisó la editora.",
        set(),
    ),
    (
        NOT_INCLUDED,
        "es",
        "El acuerdo de contenidos permite a Oravo usar el archivo del diario para entrenar modelos.",
        {LI},
    ),
    (
        NOT_INCLUDED,
        "es",
        "La ronda de 30 millones de euros de Quillo no incluye deuda, según la empresa.",
        {IN},
    ),
    (
        NOT_INCLUDED,
        "fr",
        "L'accord sur les archives ne prévoit aucune licence pour l'entraînement des modèles.",
        set(),
    ),
    (
        NOT_INCLUDED,
        "fr",
        "L'accord de licence permet à Oravo d'utiliser les archives du journal pour ses modèles.",
        {LI},
    ),
    (
        LICENSED_MATERIAL,
        "de",
        "Oravo versichert, das Modell lerne mit Texten, für die die Firma Lizenzen erworben habe.",
        set(),
    ),
    (
        LICENSED_MATERIAL,
        "de",
        "Für die Lizenz zahlt Oravo dem Verlag jährlich zwei Millionen Euro.",
        {LI},
    ),
    (
        LICENSED_MATERIAL,
        "es",
        "Oravo asegura que entrenó el modelo con textos para los que compró licencias.",
        set(),
    ),
    (
        LICENSED_MATERIAL,
        "es",
        "Oravo firmó una licencia con la editorial para entrenar el modelo con sus textos.",
        {LI},
    ),
    (
        OLD_GUIDANCE,
        "de",
        "Der Bundesgerichtshof hatte schon vor Jahren enge Grenzen für die Gesichtserkennung gesetzt.",
        set(),
    ),
    (
        OLD_GUIDANCE,
        "es",
        "El Tribunal Supremo ya fijó hace años criterios estrictos para las cámaras de tráfico.",
        set(),
    ),
    (
        OLD_GUIDANCE,
        "en",
        "Years ago the Supreme Court set strict limits on such cameras.",
        set(),
    ),
    (
        OLD_GUIDANCE,
        "de",
        "Das Landgericht Hamburg hat die Klage der Fotografen gegen Oravo am Montag abgewiesen.",
        {LS},
    ),
    (
        OLD_GUIDANCE,
        "es",
        "Un juzgado de Madrid condenó el martes a Oravo a pagar 2 millones de euros a los fotógrafos.",
        {LS},
    ),
    (SENSE, "es", "La nota final depende del juicio de un examinador experimentado.", set()),
    (SENSE, "es", "El juicio contra Oravo por la copia de fotografías empezará en marzo.", {LS}),
    (SENSE, "ar", "ويتم إصدار رخص القيادة وتجديدها عبر منصة حكومية فقط.", set()),
    (SENSE, "ar", "ويعاقب القانون على قيادة السيارة برخصة منتهية.", set()),
    (SENSE, "ar", "ووقعت أورافو اتفاق ترخيص مع الناشر لاستخدام أرشيفه في تدريب نماذجها.", {LI}),
    (SENSE, "en", '"The payment is compensation for what already happened," the lawyer said.', set()),
    (SENSE, "en", "Oravo will pay royalties to authors whose books it uses for training.", {LI}),
    (SENSE, "de", "Die Firma hat nach eigenen Angaben Lizenzen für rund 10.000 Lieder erworben.", {LI}),
    (SENSE, "de", "Oravo hat das Start-up Quillo für 40 Millionen Euro erworben.", {IN}),
]


@over_cases(CASES)
def test_round25_case(clf: Classifier, lang: str, text: str, expected: set[str]) -> None:
    assert_tags(clf, lang, text, expected)


def test_round25_classes_have_controls() -> None:
    assert_every_class_has_a_control(CASES)


def test_round25_classes_are_written_in_several_languages() -> None:
    for group, seen in kinds_by_class(CASES).items():
        assert len(seen) >= 2, (group, sorted(seen))
