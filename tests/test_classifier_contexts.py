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


# -- from round 19's blind set (its errors read after it was scored twice, aggregates only) -------------
OFF = "called-off"
ASK = "question"
NOTPLAN = "not-planned"
PLAN = "plan"
BIZ = "licence-business"
YEAR = "since-a-year"
GAP = "wording-gaps"

ROUND19: list[Case] = [
    # a deal called off; a question; an event said not to be planned (the cue after the trigger); a plan
    # or an expectation (not for investment: a committed spend is the event); a licence business line; a
    # long-running activity is no launch; and wordings the rules missed (a German perfect "haben sich ...
    # beteiligt", «vient de racheter ... une application», «بدأت ... هذا الأسبوع تقديم خدمة», a long
    # „steht ... zur Verfügung", «pueden escanear ... y pagar»)
    (OFF, "en", "Harbourline called off its takeover of the chip designer Coldharbour on Friday.", set()),
    (
        OFF,
        "en",
        "Harbourline completed its $200 million takeover of the chip designer Coldharbour on Friday.",
        {IN},
    ),
    (OFF, "fr", "Le groupe Brévent a renoncé à racheter la start-up Pivoine.", set()),
    (OFF, "fr", "Le groupe Brévent a racheté la start-up Pivoine pour 20 millions d'euros.", {IN}),
    (OFF, "de", "Die Übernahme von Kranich durch SAP ist geplatzt.", set()),
    (OFF, "de", "SAP hat die Übernahme von Kranich für 50 Millionen Euro abgeschlossen.", {IN}),
    (OFF, "es", "Telefónica canceló la compra de la startup Cumbre.", set()),
    (OFF, "es", "Telefónica cerró la compra de la startup Cumbre por 30 millones de euros.", {IN}),
    (OFF, "ar", "ألغت شركة أرامكو صفقة الاستحواذ على شركة سحاب.", set()),
    (OFF, "ar", "أتمت شركة أرامكو صفقة الاستحواذ على شركة سحاب مقابل 100 مليون دولار.", {IN}),
    (ASK, "en", "Should a photographer sue the model maker or sell it a licence?", set()),
    (ASK, "fr", "Faut-il attaquer l'éditeur en justice ou lui vendre une licence ?", set()),
    (ASK, "de", "Soll der Verlag klagen oder eine Lizenz verkaufen?", set()),
    (ASK, "es", "¿Debe el fotógrafo demandar a la empresa o venderle una licencia?", set()),
    (ASK, "ar", "هل يرفع المصور دعوى قضائية أم يبيع ترخيصا للشركة؟", set()),
    (NOTPLAN, "en", "A new funding round is not on the agenda, the founder said.", set()),
    (NOTPLAN, "fr", "Une levée de fonds n'est pas à l'ordre du jour, selon la fondatrice.", set()),
    (NOTPLAN, "de", "Eine Finanzierungsrunde sei „kein Thema“, sagte der Gründer.", set()),
    (NOTPLAN, "es", "Una ronda de financiación no está prevista, según la fundadora.", set()),
    (NOTPLAN, "ar", "جولة التمويل ليست مطروحة حاليا، بحسب المؤسس.", set()),
    (PLAN, "en", "Harbourline expects to launch its assistant in 2027.", set()),
    (PLAN, "fr", "Korrig prévoit de lancer son assistant en 2027.", set()),
    (PLAN, "de", "Korrig plant, sein Assistenzprogramm 2027 auf den Markt zu bringen.", set()),
    (PLAN, "es", "Ocaso prevé lanzar su asistente en 2027.", set()),
    (PLAN, "ar", "تتوقع شركة نخيل إطلاق مساعدها الذكي في عام 2027.", set()),
    (PLAN, "en", "Harbourline will invest $1 billion in a data centre in Ohio, it said on Monday.", {IN}),
    (BIZ, "en", "Cadenza Music's licensing income climbs as streaming grows.", set()),
    (BIZ, "fr", "Les revenus de licences de Carrelet progressent.", set()),
    (BIZ, "de", "Lizenzerlöse tragen das Quartal bei Nordsoft.", set()),
    (BIZ, "es", "Los ingresos por licencias sostienen a Tramontana.", set()),
    (BIZ, "ar", "إيرادات التراخيص تدعم أرباح شركة نور.", set()),
    (BIZ, "en", "Cadenza Music signed a licensing deal with Tunefold on Monday.", {LI}),
    (YEAR, "fr", "Les éditions Albâtre publient depuis 1954 de la poésie et des essais.", set()),
    (YEAR, "fr", "Les éditions Albâtre ont lancé mardi une application de poésie.", {LA}),
    (
        YEAR,
        "de",
        "Die Vereinbarung zwischen dem Verlag Seeblick und Birkental umfasst Artikel seit 1947.",
        {LI},
    ),
    (
        GAP,
        "de",
        "Die Stadtwerke Leipzig haben sich mit 25 Prozent an dem Start-up Speicherwerk beteiligt.",
        {IN},
    ),
    (GAP, "de", "Die Stadtwerke Leipzig haben sich an der Studie der Universität beteiligt.", set()),
    (
        GAP,
        "fr",
        "La chaîne de boulangeries Fournil vient de racheter Pivoine, une application bordelaise.",
        {IN},
    ),
    (GAP, "ar", "بدأت شركة واحة تك هذا الأسبوع تقديم خدمة مسح جوي للمزارعين عبر تطبيق على الهاتف.", {LA}),
    (GAP, "ar", "بدأت شركة واحة تك هذا الأسبوع دراسة السوق في الأحساء.", set()),
    (
        GAP,
        "de",
        "Seit Montag steht Schülerinnen und Schülern der Klassen 5 bis 10 im ganzen Land der digitale "
        "Lernbegleiter Paul zur Verfügung.",
        {LA},
    ),
    (
        GAP,
        "de",
        "Seit Montag steht den Anwohnern im ganzen Viertel ein neuer Parkplatz zur Verfügung.",
        set(),
    ),
    (
        GAP,
        "es",
        "Desde el lunes, los clientes de sus 120 tiendas pueden escanear los productos con el móvil y pagar "
        "desde la aplicación.",
        {LA},
    ),
]


@over_cases(ROUND19)
def test_round_nineteen_classes(clf: Classifier, lang: str, text: str, expected: set[str]) -> None:
    assert_tags(clf, lang, text, expected)


def test_round_nineteen_classes_have_controls_in_every_language() -> None:
    assert_every_class_has_a_control([c for c in ROUND19 if c[0] not in (ASK, NOTPLAN, BIZ)])
    assert_every_class_in_languages([c for c in ROUND19 if c[0] not in (YEAR, GAP)])


def test_a_question_in_the_headline_is_still_read() -> None:
    """The question context reads body sentences only: a headline asking about a deal still names it."""
    c = Classifier()
    got = c.classify(
        "What does Cadenza Music's licensing deal with Tunefold mean for songwriters?",
        "Cadenza Music signed a licensing deal with Tunefold on Monday. Songwriters will share the fees.",
        "en",
    )
    assert got.tag_names == [LI] and got.primary_tag == LI


# -- a review of the contexts (sentences of a colleague's, each one a fault found and fixed) -------------
REVIEW = "review"
REVIEWED: list[Case] = [
    # a cue inside another word («البالغة», «تحديث», "language-study"), a number's comma taken for a clause
    # break, a noun taken for a conditional («consultoría», «retrait»), a "can take" that is no suit, a URL's
    # "?", a void word inside another («انتقال»), a sentence-wide cue in another clause, a plan cue that is
    # a noun or "as expected", "first ... since 2019", and a rule's own negation („hat sich nicht beteiligt")
    (REVIEW, "ar", "استحوذت شركة أرامكو على شركة نفطية في صفقة قيمتها البالغة ملياري دولار.", {IN}),
    (REVIEW, "ar", "لم تحصل الشركة على أي تمويل ولكنها أطلقت تطبيقا جديدا للدفع.", {LA}),
    (REVIEW, "en", "Acme has never signed 1,000 licensing deals with carmakers.", set()),
    (
        REVIEW,
        "es",
        "La consultoría madrileña Nexo ha comprado la empresa alemana Datafix por 40 millones de euros.",
        {IN},
    ),
    (REVIEW, "es", "La ingeniería vasca Sener ha adquirido la firma británica Orbix.", {IN}),
    (
        REVIEW,
        "fr",
        "Le retrait de Microsoft a permis à Orange de racheter la start-up lyonnaise Pixel pour 200 "
        "millions d'euros.",
        {IN},
    ),
    (REVIEW, "en", "Acme launched a robot that can take orders in restaurants.", {LA}),
    (REVIEW, "en", "Acme signed a licensing deal with Beta on Monday that can last a decade.", {LI}),
    (REVIEW, "fr", "Acme lance un robot qui peut prendre des commandes dans les restaurants.", {LA}),
    (REVIEW, "en", "Acme launched a new phone on Monday, available at acme.com/shop?id=42 from today.", {LA}),
    (REVIEW, "ar", "أعلنت الشركة في تحديث عن إطلاق تطبيق جديد للدفع.", {LA}),
    (REVIEW, "de", "Die Firma hat ohne Aufsehen eine neue App gestartet.", {LA}),
    (REVIEW, "de", "Die nicht börsennotierte Lumera hat eine neue App gestartet.", {LA}),
    (REVIEW, "de", "Keine zwei Jahre nach der Gründung sammelt Lumera 20 Millionen Euro ein.", {IN}),
    (
        REVIEW,
        "es",
        "La fundación sin ánimo de lucro Código Abierto ha lanzado una aplicación para aprender a programar.",
        {LA},
    ),
    (REVIEW, "en", "Acme bought Beta for $2 billion after its deal with Gamma collapsed in March.", {IN}),
    (
        REVIEW,
        "en",
        "Acme, whose merger with Gamma collapsed last year, launched a new phone on Monday.",
        {LA},
    ),
    (
        REVIEW,
        "en",
        "Beta sued Acme for patent infringement on Monday, according to media reports, and Acme denied "
        "the allegations.",
        {LS},
    ),
    (REVIEW, "en", "Acme, whose revenue rose 40% last year, raised $50 million in a Series B round.", {IN}),
    (
        REVIEW,
        "es",
        "La startup ha cerrado una ronda de 20 millones de euros bajo el liderazgo de Kibo Ventures, "
        "que aporta el 15% del total.",
        {IN},
    ),
    (REVIEW, "de", "Wie erwartet hat die Firma eine neue App gestartet.", {LA}),
    (REVIEW, "es", "Tras meses de espera Glovo lanza por fin su servicio de farmacia en Madrid.", {LA}),
    (REVIEW, "en", "The language-study platform Acme raised $30 million from Sequoia.", {IN}),
    (REVIEW, "es", "Seat lanza su primer modelo desde 2019, el Ibiza eléctrico.", {LA}),
    (REVIEW, "de", "Der Fonds hat sich nicht an dem Berliner Unternehmen beteiligt.", set()),
    (REVIEW, "de", "Mehr als 70 Prozent der Kunden haben sich an der Befragung beteiligt.", set()),
    (REVIEW, "fr", "Sur la plateforme, le rachat de smartphones d'occasion se fait en deux clics.", set()),
    (REVIEW, "ar", "منذ بداية عام 2019 يمكن للعملاء استخدام تطبيق الشركة للدفع.", set()),
    (
        REVIEW,
        "fr",
        "Depuis lundi, plus de 10 000 clients peuvent utiliser la nouvelle application de Lydia.",
        {LA},
    ),
]


@over_cases(REVIEWED)
def test_reviewed_faults(clf: Classifier, lang: str, text: str, expected: set[str]) -> None:
    assert_tags(clf, lang, text, expected)
