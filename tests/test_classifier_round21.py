"""Issue 13, round 21: the classes of round 20's blind set (``tests/data/classifier_generalise20.jsonl``).

Round 20 was written while round 19 was being fixed and scored 0.804 micro-F1 then; its errors were read
in the round-21 session and fixed as classes, in ``services/classifier/taxonomy/contexts.yaml`` (the "round
21" contexts) and the tag files. The sentences here are new ones of ours for each class, in each language
the class is written for, with controls that keep their tag:

- an offer or a bid is no deal ("offered to buy", "licensing offers", «offres de rachat», „Übernahmeangebote",
  «ofertas de compra», «عرضا للاستحواذ»), an accepted one is;
- what a survey's respondents prefer is no event;
- an event ruled out («écarte toute acquisition», «تستبعد صفقات الاستحواذ», „sei ausgeschlossen");
- a licence under negotiation with nothing signed yet, wherever the cue stands in the sentence;
- a conditional sentence ("If a deal is reached, it would ..."), a gerund or an infinitive as the subject of
  a modal ("Raising a round would mean ..."), a wish ("wants to buy", «رغبتها في الحصول على حصة»);
- "whether", „ob", „notfalls", «en cas de», «en caso de», «إذا» before the trigger;
- German: what is not planned told after its object („plane sie … nicht", „sei „kein Thema“" past a
  relative clause);
- launches told as a service switched on, a product put on sale, a pronoun object («Lo puso en marcha el
  lunes») or an Arabic noun with its possessive suffix («منصتها»);
- senses: «juge» the verb, „übernimmt … die Leitung", „verzichtet auf eine Klage", and „Trotz Klage …:"
  before a headline's launch.
"""

from __future__ import annotations

from services.classifier.engine import Classifier
from tests.classifier_helpers import (
    Case,
    assert_every_class_has_a_control,
    assert_every_class_in_languages,
    assert_tags,
    over_cases,
)

IN, LI, LA, LS = "investment", "licensing", "launch", "lawsuit"
OFFER = "offer"
SURVEY = "survey"
RULED_OUT = "ruled-out"
NOT_SIGNED = "not-signed"
CONDITIONAL = "conditional"
IDEA_AS_SUBJECT = "idea-as-subject"
WISH = "wish"
HYPOTHETICAL = "hypothetical"
NOT_PLANNED_AFTER = "not-planned-after"
LAUNCH_WORDING = "launch-wording"
SENSE = "sense"

CASES: list[Case] = [
    (
        OFFER,
        "en",
        "Over the years, three rivals offered to buy Tamsel Freight, and the founder refused each time.",
        set(),
    ),
    (
        OFFER,
        "en",
        "Tamsel Freight has turned down licensing offers from two AI labs for its shipping records.",
        set(),
    ),
    (OFFER, "en", "Tamsel Freight accepted Corvane's offer to buy it for $45 million on Monday.", {IN}),
    (OFFER, "fr", "La PME a reçu trois offres de rachat, toutes refusées par son fondateur.", set()),
    (OFFER, "fr", "Le groupe Varenne a racheté la PME pour 12 millions d'euros, a-t-il annoncé mardi.", {IN}),
    (
        OFFER,
        "de",
        "Die Reederei hat zwei Übernahmeangebote von Finanzinvestoren über 80 Millionen Euro abgelehnt.",
        set(),
    ),
    (
        OFFER,
        "de",
        "Die Reederei Holmsand übernimmt den Hamburger Softwareanbieter Kajen für 80 Millionen Euro.",
        {IN},
    ),
    (
        OFFER,
        "es",
        "La empresa recibió ofertas de compra de dos fondos por 30 millones de euros y las rechazó.",
        set(),
    ),
    (
        OFFER,
        "es",
        "El fondo Litoral compró la empresa por 30 millones de euros tras aceptar esta su oferta.",
        {IN},
    ),
    (OFFER, "ar", "رفضت شركة «مدار» عرضا للاستحواذ عليها من مجموعة أكبر بقيمة 50 مليون دولار.", set()),
    (OFFER, "ar", "قبلت شركة «مدار» عرضا للاستحواذ عليها من مجموعة أكبر بقيمة 50 مليون دولار.", {IN}),
    (
        SURVEY,
        "en",
        "Most respondents said they would rather license their archives than sue AI companies.",
        set(),
    ),
    (
        SURVEY,
        "en",
        "Brellin Press signed a licence with Oravo on Tuesday, letting it train on 30 years of articles.",
        {LI},
    ),
    (
        SURVEY,
        "fr",
        "La plupart des sondés préfèrent les licences annuelles aux procès contre les développeurs.",
        set(),
    ),
    (SURVEY, "fr", "L'éditeur Brassac a signé une licence avec Oravo mardi pour ses archives.", {LI}),
    (SURVEY, "de", "Die meisten Befragten setzen auf Lizenzverträge mit KI-Firmen statt auf Klagen.", set()),
    (SURVEY, "de", "Der Verlag Lindholm hat am Dienstag einen Lizenzvertrag mit Oravo unterzeichnet.", {LI}),
    (
        SURVEY,
        "es",
        "Los encuestados prefieren las licencias anuales a los pleitos contra las empresas de IA.",
        set(),
    ),
    (
        SURVEY,
        "es",
        "La editorial Brisa firmó el martes un acuerdo de licencia con Oravo para su archivo.",
        {LI},
    ),
    (
        SURVEY,
        "ar",
        "وفضل معظم المشاركين في الاستطلاع منح تراخيص لمحتواهم على مقاضاة شركات الذكاء الاصطناعي.",
        set(),
    ),
    (SURVEY, "ar", "وقعت دار «الضياء» اتفاق ترخيص مع شركة «أورافو» يوم الثلاثاء لاستخدام أرشيفها.", {LI}),
    (RULED_OUT, "en", "The new chief executive ruled out acquisitions for the next two years.", set()),
    (
        RULED_OUT,
        "en",
        "The new chief executive announced the acquisition of Perrin Labs for $20 million.",
        {IN},
    ),
    (RULED_OUT, "fr", "La nouvelle directrice écarte toute acquisition d'une start-up avant 2028.", set()),
    (
        RULED_OUT,
        "fr",
        "La nouvelle directrice a annoncé l'acquisition de la start-up Perrin pour 20 millions d'euros.",
        {IN},
    ),
    (
        RULED_OUT,
        "de",
        "Ein Börsengang oder eine Übernahme des Start-ups sei ausgeschlossen, sagte die Chefin.",
        set(),
    ),
    (RULED_OUT, "de", "Der Konzern übernimmt das Start-up Perrin für 20 Millionen Euro.", {IN}),
    (
        RULED_OUT,
        "es",
        "La nueva consejera delegada descarta nuevas adquisiciones de empresas hasta 2028.",
        set(),
    ),
    (
        RULED_OUT,
        "es",
        "La compañía anunció la adquisición de la start-up Perrin por 20 millones de euros.",
        {IN},
    ),
    (RULED_OUT, "ar", "الرئيسة التنفيذية الجديدة تستبعد صفقات الاستحواذ خلال العامين المقبلين.", set()),
    (RULED_OUT, "ar", "أعلنت الشركة استحواذها على شركة «بيرين» الناشئة مقابل 20 مليون دولار.", {IN}),
    (
        NOT_SIGNED,
        "en",
        "Talks with two labs over a licence for its photo archive go on, but no agreement has been signed.",
        set(),
    ),
    (
        NOT_SIGNED,
        "en",
        "Talks ended on Monday with a licence for its photo archive signed by both sides.",
        {LI},
    ),
    (
        NOT_SIGNED,
        "fr",
        "Des discussions sur une licence de ses archives se poursuivent, mais rien n'est signé.",
        set(),
    ),
    (NOT_SIGNED, "fr", "Le journal a signé lundi une licence de ses archives avec Oravo.", {LI}),
    (
        NOT_SIGNED,
        "de",
        "Über Lizenzen für das Archiv werde mit zwei Firmen gesprochen, unterschrieben sei bislang nichts.",
        set(),
    ),
    (NOT_SIGNED, "de", "Der Verlag hat mit zwei Anbietern Lizenzen für sein Archiv unterschrieben.", {LI}),
    (
        NOT_SIGNED,
        "es",
        "Las conversaciones sobre una licencia de su archivo siguen, pero todavía no hay acuerdo.",
        set(),
    ),
    (NOT_SIGNED, "es", "El diario firmó el lunes una licencia de su archivo con Oravo.", {LI}),
    (
        NOT_SIGNED,
        "ar",
        "تتواصل المحادثات حول ترخيص أرشيف الصور، لكن الطرفين لم يوقعا أي اتفاق حتى الآن.",
        set(),
    ),
    (NOT_SIGNED, "ar", "وقع الطرفان اتفاق ترخيص لأرشيف الصور يوم الاثنين.", {LI}),
    (
        CONDITIONAL,
        "en",
        "If a deal is reached, it would be the first in which an insurer is paid for training data.",
        set(),
    ),
    (
        CONDITIONAL,
        "en",
        "The deal, reached on Monday, is the first in which an insurer is paid for training data.",
        {LI},
    ),
    (
        CONDITIONAL,
        "fr",
        "Si l'accord de licence est signé, il permettrait à Oravo d'entraîner ses modèles sur les archives.",
        set(),
    ),
    (
        CONDITIONAL,
        "fr",
        "L'accord de licence signé lundi permet à Oravo d'entraîner ses modèles sur les archives.",
        {LI},
    ),
    (
        CONDITIONAL,
        "de",
        "Sollte die Übernahme des Start-ups für 40 Millionen Euro gelingen, würde der Konzern Marktführer.",
        set(),
    ),
    (
        CONDITIONAL,
        "de",
        "Nach der Übernahme des Start-ups für 40 Millionen Euro ist der Konzern Marktführer.",
        {IN},
    ),
    (
        CONDITIONAL,
        "es",
        "Si se firma el acuerdo de licencia, Oravo podría entrenar sus modelos con el archivo.",
        set(),
    ),
    (
        CONDITIONAL,
        "es",
        "Tras firmar el acuerdo de licencia, Oravo entrena sus modelos con el archivo.",
        {LI},
    ),
    (IDEA_AS_SUBJECT, "en", "Raising a round would mean raising expectations, she said.", set()),
    (
        IDEA_AS_SUBJECT,
        "en",
        "Announcing the round on Tuesday, Corvane said it had raised $12 million from Halden Ventures.",
        {IN},
    ),
    (
        IDEA_AS_SUBJECT,
        "fr",
        "Lever des fonds auprès d'investisseurs serait une erreur, estime la fondatrice.",
        set(),
    ),
    (
        IDEA_AS_SUBJECT,
        "fr",
        "La start-up a levé 12 millions d'euros auprès d'investisseurs, estime la fondatrice.",
        {IN},
    ),
    (
        IDEA_AS_SUBJECT,
        "es",
        "Demandar a una empresa de IA ante los tribunales sería demasiado caro, dijo el editor.",
        set(),
    ),
    (IDEA_AS_SUBJECT, "es", "El editor demandó a una empresa de IA ante los tribunales de Madrid.", {LS}),
    (WISH, "en", "Corvane wants to buy a rival start-up for about $20 million, its founder said.", set()),
    (WISH, "en", "Corvane bought a rival start-up for about $20 million, its founder said.", {IN}),
    (WISH, "fr", "Le groupe souhaite racheter une start-up de la région pour 20 millions d'euros.", set()),
    (WISH, "fr", "Le groupe a racheté une start-up de la région pour 20 millions d'euros.", {IN}),
    (WISH, "es", "El grupo quiere comprar una start-up de la región por 20 millones de euros.", set()),
    (WISH, "es", "El grupo compró una start-up de la región por 20 millones de euros.", {IN}),
    (
        WISH,
        "ar",
        "وأبدت الشركة رغبتها في الحصول على حصة في شركة «بيرين» الناشئة بقيمة 20 مليون دولار.",
        set(),
    ),
    (WISH, "ar", "وحصلت الشركة على حصة في شركة «بيرين» الناشئة بقيمة 20 مليون دولار.", {IN}),
    (
        HYPOTHETICAL,
        "en",
        "It is unclear whether the company will license a model from a large AI lab.",
        set(),
    ),
    (HYPOTHETICAL, "en", "The company has licensed a model from a large AI lab, it said on Monday.", {LI}),
    (HYPOTHETICAL, "de", "Ob dafür das Modell eines großen KI-Anbieters lizenziert wird, ist offen.", set()),
    (HYPOTHETICAL, "de", "Dafür hat die Firma das Modell eines großen KI-Anbieters lizenziert.", {LI}),
    (
        HYPOTHETICAL,
        "de",
        "Der Verband ermutigte seine Mitglieder, ihre Rechte notfalls gerichtlich durchzusetzen.",
        set(),
    ),
    (
        HYPOTHETICAL,
        "fr",
        "Le syndicat prépare une aide juridique en cas de procès contre les développeurs.",
        set(),
    ),
    (HYPOTHETICAL, "fr", "Le syndicat a porté plainte contre deux développeurs d'IA lundi.", {LS}),
    (HYPOTHETICAL, "es", "El gremio ofrece ayuda legal en caso de demanda contra las empresas de IA.", set()),
    (HYPOTHETICAL, "es", "El gremio presentó una demanda contra dos empresas de IA el lunes.", {LS}),
    (HYPOTHETICAL, "ar", "وقالت الجمعية إنها ستدرس رفع دعوى قضائية إذا لزم الأمر.", set()),
    (HYPOTHETICAL, "ar", "ورفعت الجمعية دعوى قضائية ضد شركتين للذكاء الاصطناعي يوم الاثنين.", {LS}),
    (
        NOT_PLANNED_AFTER,
        "de",
        "Einen Börsengang oder eine neue Finanzierungsrunde plane sie „in den nächsten zwei Jahren nicht“.",
        set(),
    ),
    (
        NOT_PLANNED_AFTER,
        "de",
        "Auch eine Beteiligung an einem Start-up, über die zuletzt spekuliert worden war, sei „kein Thema“.",
        set(),
    ),
    (
        NOT_PLANNED_AFTER,
        "de",
        "Eine Finanzierungsrunde über 20 Millionen Euro hat das Start-up am Montag abgeschlossen.",
        {IN},
    ),
    (
        LAUNCH_WORDING,
        "en",
        "Callers reach Tellwise, an AI interpreting service that the council switched on for its contact "
        "centre on Monday.",
        {LA},
    ),
    (
        LAUNCH_WORDING,
        "en",
        "The carrier put its AI-based same-hour delivery service on sale to all customers on Tuesday.",
        {LA},
    ),
    (
        LAUNCH_WORDING,
        "en",
        "The caretaker switched on the lights for the evening service at the chapel.",
        set(),
    ),
    (LAUNCH_WORDING, "en", "The authors sued last year, weeks after Quillmark put its app on sale.", {LS}),
    (
        LAUNCH_WORDING,
        "es",
        "El operador presentó un filtro de llamadas con IA. Lo puso en marcha el lunes en toda España.",
        {LA},
    ),
    (LAUNCH_WORDING, "ar", "وفي اليوم نفسه، أطلقت الشركة رسمياً منصتها «نسب» لتحليل الطفرات الوراثية.", {LA}),
    (LAUNCH_WORDING, "ar", "وفي اليوم نفسه، أطلقت الشركة رسمياً حملتها الإعلانية في الرياض.", set()),
    (
        SENSE,
        "fr",
        "La Commission doit publier un modèle de clauses, que le syndicat juge « indispensable ».",
        set(),
    ),
    (SENSE, "fr", "Le juge a condamné Oravo à verser 2 millions d'euros à l'éditeur.", {LS}),
    (
        SENSE,
        "de",
        "Im Januar übernimmt Katrin Vogt, bisher Digitalchefin bei Strabag, die Leitung des Unternehmens.",
        set(),
    ),
    (
        SENSE,
        "de",
        "Im Januar übernimmt der Baukonzern Strabag das Start-up Pylon für 30 Millionen Euro.",
        {IN},
    ),
    (SENSE, "de", "Der Verlag verzichtet auf eine Klage gegen KI-Firmen.", set()),
    (SENSE, "de", "Der Verlag hat Klage gegen zwei KI-Firmen eingereicht.", {LS}),
    (SENSE, "de", "Trotz Klage der Fotografen: Nordblick startet seine KI-App für Nachrichten", {LA, LS}),
]


@over_cases(CASES)
def test_round21_case(clf: Classifier, lang: str, text: str, expected: set[str]) -> None:
    assert_tags(clf, lang, text, expected)


def test_round21_classes_have_controls() -> None:
    assert_every_class_has_a_control(CASES)


def test_round21_classes_in_their_languages() -> None:
    five = [c for c in CASES if c[0] in {OFFER, SURVEY, RULED_OUT, NOT_SIGNED, HYPOTHETICAL}]
    assert_every_class_in_languages(five)
    assert_every_class_in_languages([c for c in CASES if c[0] == CONDITIONAL], ("en", "fr", "de", "es"))
    assert_every_class_in_languages([c for c in CASES if c[0] == WISH], ("en", "fr", "es", "ar"))


def test_a_concessive_label_leaves_the_headline_launch_primary(clf: Classifier) -> None:
    title = "Trotz Klage der Fotografen: Nordblick startet seine KI-App für Nachrichten"
    text = (
        "Der Medienkonzern Nordblick hat am Donnerstag seine App veröffentlicht, die Nachrichten per KI "
        "zusammenfasst. Im Oktober hatten zwölf Fotografen vor dem Landgericht Hannover Klage gegen den "
        "Verlag eingereicht."
    )
    result = clf.classify(title, text, "de")
    assert set(result.tag_names) == {LA, LS}
    assert result.primary_tag == LA
