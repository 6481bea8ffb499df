"""Issue 13, round 19: contexts that say a trigger reports no event, whatever its tag
(taxonomy/contexts.yaml), and launches told by what people can do from a day on (the "round 19" rules
of tags/launch.yaml).

From round 18's blind set: talk dense in event words was tagged (1 of its 15 no-event stories untagged).
A context is a negation or a hypothetical standing before the trigger in its clause, a sentence denying a
report, talk about events, an enumeration of kinds of events, or a market or business-line figure; its
``void`` words leave the event standing ("did not disclose the terms of the licence", "not only raised").
Launches told through a consequence ("Since Friday, every driver can order ...") were missed. Every class
is written in the five languages, with sentences that must stay untagged and sentences that must keep
their tag.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from services.classifier.engine import Classifier
from services.classifier.settings import ClassifierSettings
from services.classifier.taxonomy import TaxonomyError, load_taxonomy
from tests.classifier_helpers import (
    Case,
    assert_every_class_has_a_control,
    assert_every_class_in_languages,
    assert_tags,
    over_cases,
)

LI, LA, LS, IN = "licensing", "launch", "lawsuit", "investment"
NEG = "negation"
HYP = "hypothetical"
DENY = "denial"
TALK = "talk-about"
LIST = "event-list"
FIG = "market-figure"
SINCE = "since-a-day"

CASES: list[Case] = [
    # a negation before the trigger drops it; disclosure words, "not only", "ne ... que" leave it standing
    (
        NEG,
        "en",
        "Harbourline has not signed a licensing agreement with any publisher, its founder said.",
        set(),
    ),
    (NEG, "en", "No lawsuit has been filed against Greyfern over the app.", set()),
    (NEG, "en", "Brackwater never raised outside funding in its ten years.", set()),
    (
        NEG,
        "en",
        "Tessellate did not disclose the terms of its licensing agreement with the Morning Ledger.",
        {LI},
    ),
    (
        NEG,
        "en",
        "Tessellate not only raised $40 million from Birchgate Ventures but also hired a new chief.",
        {IN},
    ),
    (NEG, "en", "The no-code start-up Lumen raised $5 million from Alder Ventures on Tuesday.", {IN}),
    (NEG, "fr", "Marbrelune n'a signé aucun accord de licence avec les éditeurs.", set()),
    (NEG, "fr", "Aucune plainte n'a été déposée contre Ondivo.", set()),
    (
        NEG,
        "fr",
        "Ondivo n'a pas précisé le montant de sa levée de fonds de 12 millions d'euros auprès de Frêne "
        "Capital.",
        {IN},
    ),
    (NEG, "fr", "Korrig n'a levé que 2 millions d'euros auprès de Frêne Capital.", {IN}),
    (NEG, "de", "Nordfels hat keine Lizenz für die Bilder erworben.", set()),
    (NEG, "de", "Gegen Wellbrand wurde nie Klage erhoben.", set()),
    (
        NEG,
        "de",
        "Nordfels nannte keine Details zur Finanzierungsrunde über 20 Millionen Euro mit Eichwald Capital.",
        {IN},
    ),
    (
        NEG,
        "de",
        "Birkental hat nicht nur das Archiv des Verlags Seeblick lizenziert, sondern auch dessen Fotos.",
        {LI},
    ),
    (NEG, "es", "Solvento no ha firmado ningún acuerdo de licencia con medios.", set()),
    (NEG, "es", "Nunca se presentó una demanda contra Brisa.", set()),
    (
        NEG,
        "es",
        "Brisa no reveló el importe de la ronda de 8 millones de euros liderada por Nazca Capital.",
        {IN},
    ),
    (
        NEG,
        "es",
        "Brisa no solo cerró una ronda de 5 millones de euros con Nazca Capital: también fichó a un "
        "nuevo director.",
        {IN},
    ),
    (NEG, "ar", "لم توقع شركة نجمة أي اتفاق ترخيص مع الناشرين.", set()),
    (NEG, "ar", "لم ترفع أي دعوى قضائية ضد شركة رمال.", set()),
    (NEG, "ar", "لم تكشف شركة رمال عن قيمة جولة التمويل البالغة 20 مليون دولار بقيادة صندوق واحة.", {IN}),
    (NEG, "ar", "لم تفصح شركة نجمة عن شروط اتفاق الترخيص الذي وقعته مع دار الواحة لتدريب نماذجها.", {LI}),
    # a hypothetical before the trigger; an appeal of a ruling leaves the ruling standing
    (HYP, "en", "Pollux said it could face a lawsuit from the authors if talks fail.", set()),
    (
        HYP,
        "en",
        "Greyfern said it would appeal the ruling that ordered it to pay the authors $2 million.",
        {LS},
    ),
    (HYP, "fr", "Carrelet pourrait lancer son assistant au printemps.", set()),
    (HYP, "fr", "Carrelet a lancé mardi son assistant vocal, qui pourrait séduire les banques.", {LA}),
    (
        HYP,
        "de",
        "Tatsächlich dürfte die Vereinbarung zwischen Birkental und dem Verlag Seeblick über "
        "Deutschland hinaus Beachtung finden, in der Birkental das Archiv des Verlags lizenziert.",
        {LI},
    ),
    (HYP, "de", "Birkental könnte den Verlag Seeblick verklagen, sagte ein Anwalt.", set()),
    (HYP, "es", "Ocaso podría lanzar su asistente el próximo año.", set()),
    (HYP, "es", "Ocaso lanzó el martes su asistente, que podría llegar a Portugal.", {LA}),
    (HYP, "ar", "ربما تطلق شركة نخيل مساعدها الذكي العام المقبل.", set()),
    (HYP, "ar", "أطلقت شركة نخيل يوم الثلاثاء مساعدها الذكي الجديد.", {LA}),
    # a sentence denying a report
    (
        DENY,
        "en",
        "Rivermint denied reports that it was in talks to buy the chip designer Coldharbour.",
        set(),
    ),
    (DENY, "en", "Rivermint agreed to buy the chip designer Coldharbour for $200 million.", {IN}),
    (DENY, "fr", "Brumaire dément les rumeurs d'un rachat par Orange.", set()),
    (DENY, "fr", "Orange a finalisé le rachat de Brumaire pour 40 millions d'euros.", {IN}),
    (DENY, "de", "Kranich dementiert Berichte über eine Übernahme durch SAP.", set()),
    (DENY, "de", "SAP übernimmt Kranich für 50 Millionen Euro.", {IN}),
    (DENY, "es", "Cumbre desmintió las informaciones sobre su venta a Telefónica.", set()),
    (DENY, "es", "Telefónica compró Cumbre por 30 millones de euros.", {IN}),
    (DENY, "ar", "نفت شركة سحاب الأنباء عن استحواذ شركة أرامكو عليها.", set()),
    (DENY, "ar", "استحوذت أرامكو على شركة سحاب مقابل 100 مليون دولار.", {IN}),
    # talk about events
    (TALK, "en", "Speakers at the summit talked about licensing deals and lawsuits for hours.", set()),
    (TALK, "en", "At the summit, Harbourline announced a licensing deal with the Morning Ledger.", {LI}),
    (TALK, "fr", "Les fondateurs ont évoqué les litiges sur les données pendant la table ronde.", set()),
    (TALK, "fr", "Les auteurs ont porté plainte contre Ondivo mardi devant le tribunal de Paris.", {LS}),
    (TALK, "de", "Auf dem Podium sprachen die Gründer über Klagen und Lizenzen.", set()),
    (TALK, "de", "Der Verlag Seeblick hat am Montag Klage gegen Birkental eingereicht.", {LS}),
    (TALK, "es", "En el congreso se habló de demandas y de acuerdos de licencia.", set()),
    (TALK, "es", "Los autores presentaron una demanda contra Brisa el lunes.", {LS}),
    (TALK, "ar", "دار الحديث في المنتدى عن صفقات الترخيص والدعاوى القضائية.", set()),
    (TALK, "ar", "رفعت دار الواحة دعوى قضائية ضد شركة نجمة يوم الاثنين.", {LS}),
    # an enumeration of kinds of events is a topic; an event told after it is still one
    (LIST, "en", "A year of licences, lawsuits and launches has left the sector tired.", set()),
    (
        LIST,
        "en",
        "After a year of licences, lawsuits and launches, Lumen raised $5 million from Alder Ventures.",
        {IN},
    ),
    (LIST, "fr", "Entre accords de licence, procès et levées de fonds, l'année a été chargée.", set()),
    (LIST, "de", "Lizenzen, Klagen und Finanzierungsrunden bestimmten das Jahr der Branche.", set()),
    (LIST, "es", "Licencias, demandas y rondas de financiación marcaron el año del sector.", set()),
    (LIST, "ar", "هيمنت التراخيص والدعاوى والاستحواذات على عام القطاع.", set()),
    (LIST, "ar", "وقعت شركة نجمة اتفاق ترخيص مع دار الواحة لتدريب نماذجها على كتبها.", {LI}),
    # a market or business-line figure; a company's shares moving on a deal leave the deal standing
    (FIG, "en", "Licence revenue at Quarrystone rose 14% from a year earlier.", set()),
    (
        FIG,
        "en",
        "Quarrystone shares rose 14% after it agreed to buy the start-up Pellow for $90 million.",
        {IN},
    ),
    (FIG, "fr", "Les revenus de licences de Carrelet ont augmenté de 9 % sur un an.", set()),
    (FIG, "fr", "Carrelet a racheté la start-up Pivoine pour 20 millions d'euros.", {IN}),
    (FIG, "de", "Die Erlöse aus Lizenzen stiegen bei Birkental um 12 Prozent gegenüber dem Vorjahr.", set()),
    (
        FIG,
        "de",
        "Birkental hat das Archiv des Verlags Seeblick für das Training seiner Modelle lizenziert.",
        {LI},
    ),
    (FIG, "es", "Los ingresos por licencias de Ocaso subieron un 11 % interanual.", set()),
    (
        FIG,
        "es",
        "El capital riesgo invirtió en startups españolas un 20 % menos que en el mismo periodo de 2025.",
        set(),
    ),
    (FIG, "es", "Ocaso compró la startup Brisa por 12 millones de euros.", {IN}),
    (FIG, "ar", "ارتفعت إيرادات التراخيص لدى شركة نخيل بنسبة 12% مقارنة بالعام الماضي.", set()),
    (FIG, "ar", "استحوذت شركة نخيل على شركة رمال مقابل 50 مليون دولار.", {IN}),
    # a launch told by what people can do from a day on; old, negated or product-less wordings are none
    (
        SINCE,
        "en",
        "The steering kit from Harrowfield went on sale to growers across Canada on Thursday, the "
        "company said.",
        {LA},
    ),
    (
        SINCE,
        "en",
        "Since Friday, every driver in the city can order the robot valet through the Parkwise app.",
        {LA},
    ),
    (SINCE, "en", "Since 2019, customers can order the robot valet through the Parkwise app.", set()),
    (SINCE, "en", "Since Monday, drivers can no longer use the old Parkwise app.", set()),
    (SINCE, "en", "Since Monday, residents can apply for parking permits at the town hall.", set()),
    (
        SINCE,
        "fr",
        "La jeune pousse rennaise Korrig a mis son traducteur vocal à la disposition de tous les "
        "internautes jeudi.",
        {LA},
    ),
    (SINCE, "fr", "Depuis lundi, les abonnés ne peuvent plus utiliser l'ancienne application.", set()),
    (
        SINCE,
        "fr",
        "Depuis lundi, les habitants peuvent demander leur carte de stationnement en mairie.",
        set(),
    ),
    (
        SINCE,
        "de",
        "Den Übersetzungsdienst Wortwerk kann seit Montag jede Kanzlei in Österreich buchen.",
        {LA},
    ),
    (SINCE, "de", "Seit Dienstag können alle Kunden der Sparkasse den Sprachassistenten Finn nutzen.", {LA}),
    (SINCE, "de", "Seit Montag können Kunden die alte App nicht mehr nutzen.", set()),
    (SINCE, "de", "Seit Montag können Anwohner ihren Parkausweis im Rathaus beantragen.", set()),
    (
        SINCE,
        "es",
        "Desde este jueves, los 20.000 clientes de Rutaverde tienen en la aplicación un asistente que "
        "planifica sus viajes.",
        {LA},
    ),
    (
        SINCE,
        "es",
        "Los agricultores pueden desde el lunes pedir a Campo, el asistente de la cooperativa, que "
        "calcule el riego.",
        {LA},
    ),
    (SINCE, "es", "Desde el lunes, los clientes ya no pueden usar la antigua aplicación.", set()),
    (
        SINCE,
        "es",
        "Desde el lunes, los vecinos pueden solicitar el permiso de aparcamiento en el ayuntamiento.",
        set(),
    ),
    (SINCE, "ar", "صار بإمكان عملاء البنك منذ الأحد استخدام مساعد ذكي جديد في تطبيقه.", {LA}),
    (SINCE, "ar", "بدأت شركة الطيران منذ الاثنين تشغيل مساعد ذكي يجيب عن أسئلة المسافرين.", {LA}),
    (SINCE, "ar", "منذ الأحد لم يعد بإمكان العملاء استخدام التطبيق القديم.", set()),
    (SINCE, "ar", "صار بإمكان السكان منذ الأحد طلب تصاريح الوقوف من البلدية.", set()),
]


@over_cases(CASES)
def test_contexts_and_launches_from_a_day(clf: Classifier, lang: str, text: str, expected: set[str]) -> None:
    assert_tags(clf, lang, text, expected)


def test_every_class_has_a_control_and_all_five_languages() -> None:
    assert_every_class_has_a_control(CASES)
    assert_every_class_in_languages(CASES)


def test_a_context_names_only_known_tags(tmp_path: Path) -> None:
    extra = tmp_path / "ctx.yaml"
    extra.write_text("contexts:\n  - id: x-neg\n    cue: '\\bnot\\b'\n    tags: [merger]\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match="unknown tags"):
        load_taxonomy(ClassifierSettings().taxonomy_dir, [extra])


def test_an_extra_file_replaces_a_context_by_id(tmp_path: Path) -> None:
    """The contexts are data: an extra taxonomy file with the same id replaces the built-in one (here the
    English negation, narrowed to a cue that never occurs), and the negated funding counts again."""
    text = "Brackwater never raised outside funding in its ten years."
    extra = tmp_path / "ctx.yaml"
    extra.write_text(
        "contexts:\n  - id: en-negation\n    lang: en\n    cue: '\\bzzzz\\b'\n", encoding="utf-8"
    )
    base = ClassifierSettings()
    assert Classifier(base).classify("", text, "en").tag_names == []
    wider = Classifier(base.model_copy(update={"extra_taxonomy_files": [extra]}))
    assert wider.classify("", text, "en").tag_names == [IN]
