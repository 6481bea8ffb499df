"""Issue 13, round 22: the classes of round 21's blind set (``tests/data/classifier_generalise21.jsonl``).

Round 21 was written before round 20's fixes and scored 0.674 micro-F1 when written (5 of its 20 no-event
stories untagged) and 0.674 again after round 20's fixes: those did not carry over. Its errors were then
read and fixed as classes (the "round 22" contexts of ``services/classifier/taxonomy/contexts.yaml`` and
rules of the tag files). The sentences here are new ones of ours, with controls that keep their tag:

- a headline that makes the story a guide, a how-to, a preview, a job advertisement or a reader's question
  (``scope: headline``), and a headline denying talks;
- a possible or eventual event («d'éventuels contentieux», «un posible pleito», „etwaige Klagen");
- a panel or round table, a topic discussed („wurden auch Lizenzmodelle diskutiert"), requests for funding,
  advice, a duty («devra négocier», «deberá firmar»), a generic subject ("any bank", «أي مؤسسة»), a wish;
- Arabic offers written with tanween («عروضاً»), "the licensed models" as an adjective, royalties that carry
  annual results;
- events told in less usual words: the right to use granted or rights ceded (licensing), a product made
  available in the passive or by an Arabic relative with this week's date (launch), money injected and a sum
  named before the company that raised it (investment).
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
POSSIBLE = "possible"
PANEL = "panel"
REQUEST_ADVICE = "request-advice"
DUTY_GENERIC = "duty-generic"
OFFER_AR = "offer-ar"
ROYALTIES = "royalties"
RIGHTS_GRANTED = "rights-granted"
MADE_AVAILABLE = "made-available"
INJECTED = "injected"
HEADLINE_GENRE = "headline-genre"
HEADLINE_DENIAL = "headline-denial"

CASES: list[Case] = [
    (POSSIBLE, "en", "The club dismissed questions about a possible lawsuit over the stadium.", set()),
    (POSSIBLE, "en", "The club filed a lawsuit over the stadium on Monday.", {LS}),
    (POSSIBLE, "fr", "Le juriste assure le suivi d'éventuels contentieux avec les clients.", set()),
    (
        POSSIBLE,
        "fr",
        "Le groupe a engagé un contentieux contre deux clients devant le tribunal de commerce.",
        {LS},
    ),
    (POSSIBLE, "de", "Die Kanzlei bereitet sich auf etwaige Klagen der Fotografen vor.", set()),
    (POSSIBLE, "de", "Die Fotografen haben Klage gegen den Verlag eingereicht.", {LS}),
    (POSSIBLE, "es", "El presidente zanjó las preguntas sobre un posible pleito por el estadio.", set()),
    (POSSIBLE, "es", "El club presentó una demanda por el estadio ante un juzgado de Sevilla.", {LS}),
    (POSSIBLE, "ar", "وتحدث المحامي عن دعوى محتملة ضد الشركة.", set()),
    (POSSIBLE, "ar", "ورفع المحامي دعوى قضائية ضد الشركة أمام محكمة دبي.", {LS}),
    (
        PANEL,
        "en",
        "On a panel in Leeds, three investors described funding rounds for robotics start-ups.",
        set(),
    ),
    (
        PANEL,
        "en",
        "Three investors led a $20 million funding round for the Leeds robotics start-up Corvane.",
        {IN},
    ),
    (
        PANEL,
        "fr",
        "Lors d'une table ronde à Lyon, des investisseurs ont évoqué les levées de fonds des start-up.",
        set(),
    ),
    (
        PANEL,
        "fr",
        "La start-up lyonnaise Corvane a levé 20 millions d'euros auprès de trois investisseurs.",
        {IN},
    ),
    (
        PANEL,
        "de",
        "Auf einer Podiumsdiskussion sprachen Investoren über Finanzierungsrunden junger Firmen.",
        set(),
    ),
    (
        PANEL,
        "de",
        "Investoren haben dem jungen Start-up Corvane 20 Millionen Euro in einer Finanzierungsrunde gegeben.",
        {IN},
    ),
    (PANEL, "de", "Als Alternative wurden auch Lizenzmodelle für Netzsoftware diskutiert.", set()),
    (
        PANEL,
        "es",
        "En una mesa redonda en Bilbao, varios inversores hablaron de rondas de financiación.",
        set(),
    ),
    (
        PANEL,
        "es",
        "La start-up bilbaína Corvane cerró una ronda de financiación de 20 millones de euros.",
        {IN},
    ),
    (PANEL, "ar", "وتخصص اللجنة جلسة حوارية عن تراخيص استخدام البذور المحسنة.", set()),
    (PANEL, "ar", "ووقعت الشركة اتفاق ترخيص لاستخدام البذور المحسنة مع مزارع المنطقة.", {LI}),
    (
        REQUEST_ADVICE,
        "en",
        "The fund said it received more requests for funding rounds than ever before.",
        set(),
    ),
    (
        REQUEST_ADVICE,
        "en",
        "The adviser recommended that founders explore licensing deals with publishers.",
        set(),
    ),
    (REQUEST_ADVICE, "en", "The founders signed a licensing deal with two publishers on Monday.", {LI}),
    (REQUEST_ADVICE, "de", "Wir bekommen mehr Anfragen für Finanzierungsrunden als je zuvor.", set()),
    (
        REQUEST_ADVICE,
        "de",
        "Die Beraterin empfahl den Gründern, Lizenzverträge mit Verlagen zu prüfen.",
        set(),
    ),
    (REQUEST_ADVICE, "de", "Die Gründer haben einen Lizenzvertrag mit zwei Verlagen unterzeichnet.", {LI}),
    (
        REQUEST_ADVICE,
        "es",
        "Salvà recomendó a los emprendedores explorar acuerdos de licencia con editoriales.",
        set(),
    ),
    (REQUEST_ADVICE, "es", "Los emprendedores firmaron un acuerdo de licencia con dos editoriales.", {LI}),
    (
        REQUEST_ADVICE,
        "fr",
        "La consultante conseille aux fondateurs de signer des accords de licence avec les éditeurs.",
        set(),
    ),
    (REQUEST_ADVICE, "fr", "Les fondateurs ont signé un accord de licence avec deux éditeurs.", {LI}),
    (
        DUTY_GENERIC,
        "fr",
        "La candidate devra négocier les accords de licence de données avec les ports.",
        set(),
    ),
    (
        DUTY_GENERIC,
        "fr",
        "La directrice a négocié et signé un accord de licence de données avec les ports.",
        {LI},
    ),
    (DUTY_GENERIC, "es", "El nuevo director deberá firmar acuerdos de licencia con las cadenas.", set()),
    (DUTY_GENERIC, "es", "El nuevo director firmó un acuerdo de licencia con las cadenas.", {LI}),
    (DUTY_GENERIC, "en", "Approval is needed before any bank buys a stake in a technology supplier.", set()),
    (
        DUTY_GENERIC,
        "en",
        "Halden Bank bought a 20% stake in the technology supplier Corvane for $40 million.",
        {IN},
    ),
    (
        DUTY_GENERIC,
        "ar",
        "وتشترط القواعد موافقة مسبقة قبل أن تستحوذ أي مؤسسة مالية على حصة في شركة تقنية.",
        set(),
    ),
    (DUTY_GENERIC, "ar", "واستحوذت مؤسسة مالية على حصة في شركة تقنية مقابل 40 مليون دولار.", {IN}),
    (DUTY_GENERIC, "ar", "وأن تخضع النماذج المرخصة من شركات خارجية لمراجعة مستقلة.", set()),
    (
        DUTY_GENERIC,
        "de",
        "Viele Gründer wollten Millionen für Wasserstoffprojekte einsammeln, die keine Kunden hätten.",
        set(),
    ),
    (
        DUTY_GENERIC,
        "de",
        "Die Gründer haben zwölf Millionen Euro für Wasserstoffprojekte eingesammelt.",
        {IN},
    ),
    (OFFER_AR, "ar", "ورفضت في سنواتها الأخيرة عروضاً من شركات تقنية للحصول على حق استخدام كتب الدار.", set()),
    (OFFER_AR, "ar", "ومنحت الدار شركة تقنية حق استخدام كتبها في تدريب نماذجها لمدة ثلاث سنوات.", {LI}),
    (
        ROYALTIES,
        "fr",
        "Les résultats sont portés par les redevances que lui versent les semenciers qui cultivent ses "
        "variétés sous licence.",
        set(),
    ),
    (
        ROYALTIES,
        "fr",
        "La coopérative a signé une licence avec un semencier espagnol pour cultiver ses variétés.",
        {LI},
    ),
    (
        RIGHTS_GRANTED,
        "en",
        "As of this week, Oravo has the right to use every story we have published to train its models, "
        "and it pays us a fee.",
        {LI},
    ),
    (
        RIGHTS_GRANTED,
        "en",
        "Oravo wants the right to use every story we have published to train its models.",
        set(),
    ),
    (
        RIGHTS_GRANTED,
        "fr",
        "Les droits numériques sur vingt ans d'annales publiées par l'éditeur ont été cédés pour quatre "
        "ans à une start-up qui entraîne un tuteur.",
        {LI},
    ),
    (RIGHTS_GRANTED, "fr", "Les droits de douane sur les livres importés ont été relevés à 20 %.", set()),
    (
        RIGHTS_GRANTED,
        "de",
        "Der Verlag hat einem KI-Start-up die Nutzungsrechte an seinem Archiv für drei Jahre übertragen.",
        {LI},
    ),
    (
        RIGHTS_GRANTED,
        "de",
        "Der Verlag fordert, dass KI-Firmen Rechte an seinem Archiv erst erwerben.",
        set(),
    ),
    (
        RIGHTS_GRANTED,
        "es",
        "La editorial ha cedido los derechos de su archivo a una empresa de IA durante tres años para "
        "entrenar su modelo.",
        {LI},
    ),
    (
        RIGHTS_GRANTED,
        "es",
        "La editorial reclama los derechos de su archivo frente a una empresa de IA.",
        set(),
    ),
    (
        MADE_AVAILABLE,
        "fr",
        "L'application a été mise à la disposition des clients de 48 magasins cette semaine.",
        {LA},
    ),
    (MADE_AVAILABLE, "fr", "Une salle a été mise à la disposition des associations du quartier.", set()),
    (MADE_AVAILABLE, "de", "Die App wurde den Kunden in 48 Filialen am Montag zur Verfügung gestellt.", {LA}),
    (MADE_AVAILABLE, "de", "Der Bund hat den Ländern 20 Millionen Euro zur Verfügung gestellt.", set()),
    (
        MADE_AVAILABLE,
        "es",
        "La aplicación ha sido puesta a disposición de los clientes de 48 tiendas esta semana.",
        {LA},
    ),
    (MADE_AVAILABLE, "es", "Un local ha sido puesto a disposición de las asociaciones del barrio.", set()),
    (
        MADE_AVAILABLE,
        "ar",
        "كان من أوائل مستخدمي المساعد الصوتي الذي أتاحته المجموعة هذا الأسبوع لمرضاها.",
        {LA},
    ),
    (
        MADE_AVAILABLE,
        "ar",
        "كان من أوائل مستخدمي المساعد الصوتي الذي أتاحته المجموعة منذ سنوات لمرضاها.",
        set(),
    ),
    (
        MADE_AVAILABLE,
        "en",
        "A discharge-planning assistant built by Lintel Health, a Cambridge company, was switched on "
        "across all wards on Monday.",
        {LA},
    ),
    (
        INJECTED,
        "en",
        "Halden Capital has pumped £25 million into the ferry operator in exchange for a 45% stake.",
        {IN},
    ),
    (INJECTED, "en", "The utility pumped water into the reservoir over the weekend.", set()),
    (
        INJECTED,
        "es",
        "La gestora ha inyectado 25 millones de euros en la naviera a cambio del 45 % de su capital.",
        {IN},
    ),
    (INJECTED, "es", "El banco central inyectó liquidez al mercado durante la crisis.", set()),
    (
        INJECTED,
        "fr",
        "Le fonds a injecté 25 millions d'euros dans la compagnie en échange de 45 % du capital.",
        {IN},
    ),
    (INJECTED, "fr", "La ville a injecté du béton dans les fondations du pont.", set()),
    (INJECTED, "ar", "ضخت الشركة 25 مليون دولار في شركة الشحن مقابل حصة 45 بالمئة.", {IN}),
    (INJECTED, "ar", "ضخت الشركة النفط عبر الأنبوب الجديد.", set()),
    (
        INJECTED,
        "en",
        "The roll-out is paid for with the 22 million pounds Greyfield raised last month from Lattice "
        "Partners.",
        {IN},
    ),
]

# (class, lang, headline, text, expected): the headline decides
HEADLINES: list[HeadlineCase] = [
    # a denial headline drops only the tags it names (investment, licensing): a suit in its text stays
    (
        HEADLINE_DENIAL,
        "en",
        "Corvane denies it is in talks to buy Pellmont",
        "Pellmont sued Corvane in a Delaware court on Monday over a patent.",
        {LS},
    ),
    (
        HEADLINE_GENRE,
        "en",
        "A beginner's guide to licensing your photo archive",
        "Most agencies sign a licence for two to five years. A buyer pays a flat fee and may train on the "
        "archive.",
        set(),
    ),
    (
        HEADLINE_GENRE,
        "en",
        "Pellmont licenses its photo archive to Oravo",
        "Pellmont signed a licence with Oravo on Monday, letting it train on its archive for three years.",
        {LI},
    ),
    (
        HEADLINE_GENRE,
        "fr",
        "On recrute : chargé de licences et de levées de fonds",
        "Le candidat devra négocier les licences de données et préparer une levée de fonds de 10 millions "
        "d'euros.",
        set(),
    ),
    (
        HEADLINE_GENRE,
        "fr",
        "Brassac cède une licence de ses archives à Oravo",
        "L'éditeur Brassac a signé lundi une licence avec Oravo pour ses archives.",
        {LI},
    ),
    (
        HEADLINE_GENRE,
        "de",
        "Was die Hannover Messe in diesem Jahr bringen dürfte",
        "Viele Aussteller zeigen Roboter, die seit Monaten im Handel sind. Ein Start-up hat 20 Millionen "
        "Euro eingesammelt.",
        set(),
    ),
    (
        HEADLINE_GENRE,
        "de",
        "Das Start-up Fermo sammelt 20 Millionen Euro ein",
        "Das Start-up Fermo hat in einer Finanzierungsrunde 20 Millionen Euro eingesammelt.",
        {IN},
    ),
    (
        HEADLINE_GENRE,
        "es",
        "¿Puedo demandar a una empresa de IA por usar mis fotos?",
        "Para que prospere una demanda hay que demostrar la copia. Muchos fotógrafos demandaron en 2024.",
        set(),
    ),
    (
        HEADLINE_GENRE,
        "es",
        "Un fotógrafo demanda a una empresa de IA por usar sus fotos",
        "El fotógrafo presentó una demanda ante un juzgado de Madrid el lunes.",
        {LS},
    ),
    (
        HEADLINE_GENRE,
        "ar",
        "كيف تختار شريكا لترخيص محتواك؟ دليل مبسط",
        "توقع بعض الدور اتفاقات ترخيص لمدة ثلاث سنوات مقابل رسوم سنوية.",
        set(),
    ),
    (
        HEADLINE_GENRE,
        "ar",
        "دار الضياء توقع اتفاق ترخيص مع أورافو",
        "وقعت دار «الضياء» اتفاق ترخيص مع شركة «أورافو» يوم الثلاثاء لاستخدام أرشيفها.",
        {LI},
    ),
    (
        HEADLINE_DENIAL,
        "en",
        "Corvane denies it is in talks to buy Pellmont",
        "A newspaper had reported that Corvane was close to a deal valuing Pellmont at $600 million.",
        set(),
    ),
    (
        HEADLINE_DENIAL,
        "en",
        "Corvane agrees to buy Pellmont for $600 million",
        "Corvane agreed to buy Pellmont for $600 million, the companies said.",
        {IN},
    ),
    (
        HEADLINE_DENIAL,
        "de",
        "Holmsand dementiert Übernahmegespräche mit Kajen",
        "Eine Zeitung hatte berichtet, Holmsand wolle Kajen für 80 Millionen Euro übernehmen.",
        set(),
    ),
    (
        HEADLINE_DENIAL,
        "de",
        "Holmsand übernimmt Kajen für 80 Millionen Euro",
        "Holmsand übernimmt den Softwareanbieter Kajen für 80 Millionen Euro.",
        {IN},
    ),
]


@over_cases(CASES)
def test_round22_case(clf: Classifier, lang: str, text: str, expected: set[str]) -> None:
    assert_tags(clf, lang, text, expected)


@over_headline_cases(HEADLINES)
def test_round22_headline(clf: Classifier, lang: str, title: str, text: str, expected: set[str]) -> None:
    assert set(clf.classify(title, text, lang).tag_names) == expected


def test_round22_classes_have_controls() -> None:
    assert_every_class_has_a_control(CASES)
    assert_every_class_has_a_control(headline_controls(HEADLINES))


def test_round22_classes_are_written_in_several_languages() -> None:
    for group, seen in kinds_by_class(CASES).items():
        assert len(seen) >= (1 if group in {OFFER_AR, ROYALTIES} else 4), (group, sorted(seen))
    genre = {lang for c, lang, *_ in HEADLINES if c == HEADLINE_GENRE}
    assert genre == {"en", "fr", "de", "es", "ar"}
