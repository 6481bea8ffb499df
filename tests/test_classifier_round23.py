"""Issue 13, round 23: the classes of round 22's blind set (``tests/data/classifier_generalise22.jsonl``).

Round 22 was written while round 21 was being fixed; it scored 0.8125 micro-F1 when written and the same
after round 21's classes. Its errors were then read and fixed as classes (the "round 23" contexts of
``services/classifier/taxonomy/contexts.yaml`` and rules of the tag files). New sentences of ours, with
controls that keep their tag:

- negations: "yet" after an auxiliary is no contrast ("No airline has yet been fined"); an Arabic negation
  after a quote mark («لا يجري أي مفاوضات»); German negation and hypothetical after the trigger („Eine Klage
  wurde bisher nicht eingereicht", „... wäre unseriös"), a suit "nicht abgewiesen" kept;
- senses: «fait appel à des investisseurs», «conteste toute contrefaçon», «يجمع التطبيق الركاب», "spent
  eleven years backing", produce bought from producers, «start-up» with its hyphen in Spanish;
- a capital increase closed (es/fr/en), a service opened in shops (fr), a function ready since a day (de),
  a bank's account launched (es/en);
- habits and preferences ("prefer to", «suele», „in der Regel"), threats to stop buying, statutory maximum
  fines ("of up to", «que alcanzan», „von bis zu");
- a reader's question headline in Arabic («هل تستطيع مقاضاة ...؟»).
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
NEGATION = "negation"
HYPOTHETICAL_AFTER = "hypothetical-after"
SENSE = "sense"
CAPITAL_INCREASE = "capital-increase"
LAUNCH_WORDING = "launch-wording"
HABIT = "habit"
THREAT = "threat"
FINE_MAXIMUM = "fine-maximum"
HEADLINE_GENRE = "headline-genre"

CASES: list[Case] = [
    (NEGATION, "en", "No airline has yet been fined under the new rules.", set()),
    (NEGATION, "en", "Skyfare has been fined £2 million under the new rules.", {LS}),
    (NEGATION, "ar", "وقال إن المصرف «لا يجري أي مفاوضات اندماج في الوقت الحالي».", set()),
    (NEGATION, "ar", "وقال إن المصرف «أتم اندماجه مع مصرف الخليج بقيمة 300 مليون دولار».", {IN}),
    (NEGATION, "de", "Eine Klage wurde bisher nicht eingereicht.", set()),
    (NEGATION, "de", "Die Klage wurde vom Landgericht nicht abgewiesen, sagte der Anwalt.", {LS}),
    (NEGATION, "de", "Eine Klage wurde am Montag beim Landgericht Köln eingereicht.", {LS}),
    (
        HYPOTHETICAL_AFTER,
        "de",
        "„Eine Finanzierungsrunde nach einem Wochenende wäre unseriös“, sagte sie.",
        set(),
    ),
    (
        HYPOTHETICAL_AFTER,
        "de",
        "Die Finanzierungsrunde über zwölf Millionen Euro schloss das Start-up am Montag ab.",
        {IN},
    ),
    (SENSE, "fr", "C'est la première fois que la start-up fait appel à des investisseurs extérieurs.", set()),
    (SENSE, "fr", "La start-up a fait appel du jugement devant la cour d'appel de Lyon.", {LS}),
    (SENSE, "fr", "La marque conteste toute contrefaçon et affirme que ses étiquettes sont claires.", set()),
    (SENSE, "fr", "Le tribunal a condamné la marque pour contrefaçon à verser 200 000 euros.", {LS}),
    (SENSE, "ar", "ويجمع التطبيق الركاب المتجهين إلى المحطة نفسها، وتبلغ الأجرة أربعة ريالات.", set()),
    (SENSE, "ar", "وجمعت الشركة أربعة ملايين ريال في جولة تمويل قادها صندوق محلي.", {IN}),
    (
        SENSE,
        "en",
        "She has spent eleven years backing farm-technology companies with a £140 million fund.",
        set(),
    ),
    (SENSE, "en", "Her fund is backing the farm-technology company Rootwise with £14 million.", {IN}),
    (
        SENSE,
        "es",
        "La agencia ha multado con 1,2 millones de euros a la distribuidora por comprar tomate a "
        "productores de Almería.",
        {LS},
    ),
    (SENSE, "es", "La distribuidora compró la empresa almeriense Huerta Sol por 20 millones de euros.", {IN}),
    (
        SENSE,
        "es",
        "La tecnología es de Farmavía, la start-up barcelonesa que Cabify compró en septiembre por 8 "
        "millones de euros.",
        {IN},
    ),
    (
        CAPITAL_INCREASE,
        "es",
        "La cadena ha cerrado una ampliación de capital de 25 millones de euros liderada por el fondo Miura.",
        {IN},
    ),
    (CAPITAL_INCREASE, "es", "La junta votará en marzo una posible ampliación de capital.", set()),
    (
        CAPITAL_INCREASE,
        "fr",
        "Le groupe a bouclé une augmentation de capital de 30 millions d'euros souscrite par ses "
        "actionnaires.",
        {IN},
    ),
    (
        CAPITAL_INCREASE,
        "fr",
        "Le conseil proposera une augmentation de capital à la prochaine assemblée.",
        set(),
    ),
    (
        CAPITAL_INCREASE,
        "en",
        "The lender completed a capital increase of €40 million led by its two largest shareholders.",
        {IN},
    ),
    (CAPITAL_INCREASE, "en", "The lender could need a capital increase next year, analysts said.", set()),
    (
        LAUNCH_WORDING,
        "fr",
        "L'enseigne a ouvert samedi son service de location de vélos dans 80 magasins.",
        {LA},
    ),
    (LAUNCH_WORDING, "fr", "L'enseigne a ouvert samedi son capital à un fonds d'investissement.", set()),
    (
        LAUNCH_WORDING,
        "de",
        "Seit Dienstag steht in der App eine Funktion bereit, die den besten Erntezeitpunkt vorschlägt.",
        {LA},
    ),
    (LAUNCH_WORDING, "de", "Seit Dienstag steht das Rote Kreuz mit 200 Helfern bereit.", set()),
    (
        LAUNCH_WORDING,
        "es",
        "El banco ha lanzado este lunes una cuenta remunerada al 2,5 % TAE para nuevos clientes.",
        {LA},
    ),
    (LAUNCH_WORDING, "es", "El banco lanzará en enero una cuenta remunerada para nuevos clientes.", set()),
    (
        LAUNCH_WORDING,
        "en",
        "The bank launched a savings account paying 4% interest to new customers on Monday.",
        {LA},
    ),
    (LAUNCH_WORDING, "en", "The bank launched a campaign to win savings customers from its rivals.", set()),
    (
        HABIT,
        "en",
        "We prefer to take a minority stake once a product has been on farms for two seasons.",
        set(),
    ),
    (
        HABIT,
        "en",
        "We took a minority stake in Rootwise for £3 million once its product had been on farms for two "
        "seasons.",
        {IN},
    ),
    (HABIT, "es", "El fondo suele comprar participaciones minoritarias en empresas familiares.", set()),
    (
        HABIT,
        "es",
        "El fondo compró una participación minoritaria en la empresa familiar Conservas Lira.",
        {IN},
    ),
    (
        HABIT,
        "fr",
        "Le fonds préfère prendre des participations minoritaires dans des entreprises familiales.",
        set(),
    ),
    (
        HABIT,
        "fr",
        "Le fonds a pris une participation minoritaire dans l'entreprise familiale Conserves Lira pour 5 "
        "millions d'euros.",
        {IN},
    ),
    (
        HABIT,
        "de",
        "Der Fonds beteiligt sich in der Regel mit Minderheitsanteilen an Familienunternehmen.",
        set(),
    ),
    (
        HABIT,
        "de",
        "Der Fonds beteiligt sich mit 20 Prozent am Familienunternehmen Lira für fünf Millionen Euro.",
        {IN},
    ),
    (
        THREAT,
        "es",
        "La distribuidora amenazó con dejar de comprar a quienes no aceptaran las rebajas.",
        set(),
    ),
    (THREAT, "en", "The retailer threatened to pull its investment in the supplier if prices rose.", set()),
    (THREAT, "en", "The retailer invested $20 million in the supplier after prices rose.", {IN}),
    (
        FINE_MAXIMUM,
        "es",
        "La agencia podría abrir un expediente, con multas que en los casos graves alcanzan los 20 millones.",
        set(),
    ),
    (FINE_MAXIMUM, "en", "Breaches can bring fines of up to 4% of global turnover.", set()),
    (FINE_MAXIMUM, "en", "The regulator fined the gym chain €1.2 million on Monday.", {LS}),
    (
        FINE_MAXIMUM,
        "de",
        "Verstöße können mit Bußgeldern von bis zu 20 Millionen Euro geahndet werden.",
        set(),
    ),
    (FINE_MAXIMUM, "de", "Die Behörde verhängte ein Bußgeld von 1,2 Millionen Euro gegen die Kette.", {LS}),
]

HEADLINES: list[HeadlineCase] = [
    (
        HEADLINE_GENRE,
        "ar",
        "هل تستطيع مقاضاة شركة الطيران التي ألغت رحلتك؟",
        "الجواب القصير: نعم، لكن الدعوى ليست دائماً الطريق الأسرع.",
        set(),
    ),
    (
        HEADLINE_GENRE,
        "ar",
        "مسافرون يقاضون شركة طيران ألغت رحلاتهم",
        "رفع 40 مسافرا دعوى قضائية ضد شركة الطيران أمام محكمة دبي يوم الاثنين.",
        {LS},
    ),
]


@over_cases(CASES)
def test_round23_case(clf: Classifier, lang: str, text: str, expected: set[str]) -> None:
    assert_tags(clf, lang, text, expected)


@over_headline_cases(HEADLINES)
def test_round23_headline(clf: Classifier, lang: str, title: str, text: str, expected: set[str]) -> None:
    assert set(clf.classify(title, text, lang).tag_names) == expected


def test_round23_classes_have_controls() -> None:
    assert_every_class_has_a_control(CASES)
    assert_every_class_has_a_control(headline_controls(HEADLINES))


def test_round23_classes_are_written_in_several_languages() -> None:
    for group, seen in kinds_by_class(CASES).items():
        # German alone puts the verb that voids the event after it
        assert len(seen) >= (1 if group == HYPOTHETICAL_AFTER else 2), (group, sorted(seen))
