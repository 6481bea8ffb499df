"""Issue 13: a colleague's review of round 25 (commit ddd8baf, the classes of round 24's blind set).

The reviewer wrote sentences of their own where round 25's contexts and senses dropped a real, reported
event, and confirmed 34 faults against the commit before it; the narrowing that followed fixed them. Each
sentence below reports its event and must keep its tag:

- a commitment to launch drops only the infinitive right after "to" ("the app Oravo promised to schools
  launched", "agreed to the deal and launched", "kept its promise to …, releasing") and, in Arabic, the
  verbal noun right after «على»;
- a licence "not included" is the licence or use negated as the object, not a signed licence told by what
  it leaves out («una licencia que no incluye los vídeos», «un accord de licence qui ne comprend pas»);
- licences acquired for training material are a sense with no one named, not any relative clause
  („einen Vertrag, für den der Konzern Lizenzgebühren erhält", «para los que firmó una licencia con Sony»);
- a court's old guidance needs the court, its guidance and no proceeding in the sentence;
- «el juicio de una periodista contra Oravo» is a trial; Arabic driving-licence senses leave a licence
  deal standing; compensation for past use is a licence; rights bought with a company keep the purchase.
"""

from __future__ import annotations

from services.classifier.engine import Classifier
from tests.classifier_helpers import Case, assert_tags, kinds_by_class, over_cases

IN, LI, LA, LS = "investment", "licensing", "launch", "lawsuit"
COMMITMENT = "commitment"
NOT_INCLUDED = "licence-not-included"
LICENSED_MATERIAL = "licensed-material"
OLD_GUIDANCE = "old-court-guidance"
JUICIO = "juicio"
DRIVING = "driving-licence"
ROYALTIES = "royalties"
RIGHTS_ACQUIRED = "rights-acquired"

CASES: list[Case] = [
    (COMMITMENT, "en", "Oravo made good on its promise to launch the app and released it on Tuesday.", {LA}),
    (
        COMMITMENT,
        "en",
        "Oravo delivered on its pledge to release the model and made it available on Tuesday.",
        {LA},
    ),
    (
        COMMITMENT,
        "en",
        "Oravo agreed to pay $5 million and launched a licensed version of its app on Tuesday.",
        {LA},
    ),
    (
        COMMITMENT,
        "en",
        "Oravo kept its promise to open-source the model, releasing the weights on Tuesday.",
        {LA},
    ),
    (COMMITMENT, "en", "Oravo vowed to compete and launched its own chatbot on Monday.", {LA}),
    (COMMITMENT, "en", "True to its pledge to ship by spring, Oravo launched the app on Tuesday.", {LA}),
    (COMMITMENT, "en", "Oravo fulfilled its commitment to launch the app in Europe on Tuesday.", {LA}),
    (
        COMMITMENT,
        "en",
        "Oravo, which agreed to launch the app last year, finally launched it on Tuesday.",
        {LA},
    ),
    (COMMITMENT, "en", "Oravo committed to open research and released its model weights on Tuesday.", {LA}),
    (
        COMMITMENT,
        "en",
        "Oravo agreed to terms with regulators and launched the app in Italy on Tuesday.",
        {LA},
    ),
    (COMMITMENT, "en", "Oravo, as promised, launched the app on Tuesday.", {LA}),
    (COMMITMENT, "en", "As it had promised to do, Oravo launched the app on Tuesday.", {LA}),
    (COMMITMENT, "en", "Oravo has now launched the app it had promised to release in March.", {LA}),
    (COMMITMENT, "en", "Oravo launched the app on Tuesday after users agreed to test it.", {LA}),
    (NOT_INCLUDED, "es", "Oravo firmó un acuerdo de licencia que no incluye los archivos de vídeo.", {LI}),
    (NOT_INCLUDED, "es", "El acuerdo de licencia firmado el lunes no cubre la música.", {LI}),
    (
        NOT_INCLUDED,
        "es",
        "El acuerdo de licencia con la editorial no contempla un pago inicial, sino regalías.",
        {LI},
    ),
    (
        NOT_INCLUDED,
        "es",
        "Oravo y la agencia firmaron una licencia que no permite el uso publicitario de las fotos.",
        {LI},
    ),
    (
        NOT_INCLUDED,
        "es",
        "Oravo obtuvo una licencia de Getty que no da derecho a revender las imágenes.",
        {LI},
    ),
    (
        NOT_INCLUDED,
        "es",
        "La licencia de tres años firmada por Oravo no abarca los contenidos de pago del diario.",
        {LI},
    ),
    (NOT_INCLUDED, "es", "Oravo pagará a la editorial por la licencia, que no incluye las fotos.", {LI}),
    (
        NOT_INCLUDED,
        "es",
        "Oravo y el diario firmaron el martes una licencia de contenidos que no otorga exclusividad.",
        {LI},
    ),
    (NOT_INCLUDED, "fr", "L'accord de licence signé lundi ne couvre pas les archives vidéo.", {LI}),
    (NOT_INCLUDED, "fr", "Oravo a signé un accord de licence qui ne comprend pas la musique.", {LI}),
    (NOT_INCLUDED, "fr", "La licence accordée à Oravo ne permet pas la revente des images.", {LI}),
    (NOT_INCLUDED, "fr", "L'accord de licence conclu avec Oravo ne prévoit pas de paiement initial.", {LI}),
    (NOT_INCLUDED, "fr", "Le contrat de licence de trois ans signé mardi ne porte pas sur les photos.", {LI}),
    (
        LICENSED_MATERIAL,
        "de",
        "Oravo hat mit dem Verlag einen Vertrag geschlossen, für den das Unternehmen jährlich "
        "Lizenzgebühren von zwei Millionen Euro zahlt.",
        {LI},
    ),
    (
        LICENSED_MATERIAL,
        "de",
        "Oravo nannte die Kataloge, für die das Unternehmen am Montag eine Lizenz mit Sony unterzeichnet "
        "hat.",
        {LI},
    ),
    (
        LICENSED_MATERIAL,
        "de",
        "Für die der GEMA gemeldeten Werke hat Oravo am Montag eine Lizenz erworben.",
        {LI},
    ),
    (
        LICENSED_MATERIAL,
        "de",
        "Oravo hat sich mit Universal auf einen Vertrag geeinigt, für den der Konzern Lizenzgebühren erhält.",
        {LI},
    ),
    (
        LICENSED_MATERIAL,
        "de",
        "Oravo und die Agentur unterzeichneten am Montag den Vertrag, für den die Agentur dem Unternehmen "
        "eine Lizenz für ihr Bildarchiv erteilt.",
        {LI},
    ),
    (
        LICENSED_MATERIAL,
        "de",
        "Sony ist einer der Rechteinhaber, für die das Abkommen mit Oravo Lizenzgebühren vorsieht.",
        {LI},
    ),
    (
        LICENSED_MATERIAL,
        "es",
        "Oravo detalló los catálogos para los que firmó el lunes una licencia con Sony Music.",
        {LI},
    ),
    (
        LICENSED_MATERIAL,
        "es",
        "Oravo anunció los países para los que firmó el martes acuerdos de licencia con Universal.",
        {LI},
    ),
    (
        OLD_GUIDANCE,
        "en",
        "A lawsuit filed years ago over the limits of fair use went to trial on Monday.",
        {LS},
    ),
    (
        OLD_GUIDANCE,
        "en",
        "Authors sued Oravo on Monday over books it copied years ago without meeting licensing requirements.",
        {LS},
    ),
    (
        OLD_GUIDANCE,
        "en",
        "A judge on Monday fined Oravo for breaching requirements it accepted years ago.",
        {LS},
    ),
    (
        OLD_GUIDANCE,
        "en",
        "The court ruled on Monday in a case brought years ago over the limits of scraping.",
        {LS},
    ),
    (
        OLD_GUIDANCE,
        "de",
        "Das Landgericht verurteilte Oravo am Montag wegen Verstoßes gegen vor Jahren erlassene Vorgaben.",
        {LS},
    ),
    (
        OLD_GUIDANCE,
        "de",
        "Die vor Jahren eingereichte Klage der Fotografen gegen Oravo wegen Verstößen gegen die Vorgaben "
        "des Urheberrechts wurde am Montag abgewiesen.",
        {LS},
    ),
    (
        OLD_GUIDANCE,
        "de",
        "Fotografen haben Oravo am Montag verklagt, weil das Unternehmen vor Jahren ihre Bilder ohne "
        "Lizenz kopiert und dabei die Grenzen des Zitatrechts überschritten habe.",
        {LS},
    ),
    (
        OLD_GUIDANCE,
        "es",
        "Un juez condenó el martes a Oravo por incumplir los requisitos que aceptó hace años.",
        {LS},
    ),
    (
        OLD_GUIDANCE,
        "fr",
        "Le tribunal a condamné lundi Oravo dans un procès intenté il y a plusieurs années sur les "
        "limites du droit d'auteur.",
        {LS},
    ),
    (
        OLD_GUIDANCE,
        "fr",
        "Des photographes ont porté plainte lundi contre Oravo pour des images copiées il y a des années "
        "sans respecter les exigences de la licence.",
        {LS},
    ),
    (OLD_GUIDANCE, "ar", "وقضت المحكمة يوم الاثنين بأن أورافو خالفت ضوابط وضعتها الهيئة منذ سنوات.", {LS}),
    (
        OLD_GUIDANCE,
        "ar",
        "ورفع مصورون دعوى قضائية ضد أورافو يوم الاثنين بسبب صور نسختها منذ سنوات دون احترام معايير الترخيص.",
        {LS},
    ),
    (JUICIO, "es", "El juicio de una periodista contra Oravo por difamación empezó el lunes.", {LS}),
    (JUICIO, "es", "El juicio de un editor contra Oravo por plagio comenzó el martes en Madrid.", {LS}),
    (
        JUICIO,
        "es",
        "Oravo se sentará en el banquillo: el juicio de un fotógrafo contra la empresa arranca el lunes.",
        {LS},
    ),
    (
        JUICIO,
        "es",
        "El juicio de un médico contra Oravo por un diagnóstico erróneo de su chatbot empezó el lunes.",
        {LS},
    ),
    (JUICIO, "es", "Un jurado popular decidirá el juicio humano más mediático del año contra Oravo.", {LS}),
    (
        DRIVING,
        "ar",
        "ووقعت أورافو اتفاق ترخيص مع هيئة المرور لاستخدام صور رخصة القيادة في تدريب نماذجها.",
        {LI},
    ),
    (
        DRIVING,
        "ar",
        "وحصلت أورافو على ترخيص من الناشر لاستخدام أرشيفه بقيادة فريقها الجديد برخصة حصرية.",
        {LI},
    ),
    (DRIVING, "ar", "ووقعت أورافو، التي تطور أنظمة القيادة الذاتية، اتفاق ترخيص مع الناشر.", {LI}),
    (DRIVING, "ar", "ووقعت أورافو اتفاق ترخيص مع الناشر لتدريب نماذج القيادة الذاتية.", {LI}),
    (
        DRIVING,
        "ar",
        "ووقعت شركة أورافو المتخصصة في تقنيات القيادة الذاتية اتفاق ترخيص مع ناشر بريطاني.",
        {LI},
    ),
    (
        ROYALTIES,
        "en",
        "Under the deal, Oravo will compensate Getty for past and future use of its images.",
        {LI},
    ),
    (
        ROYALTIES,
        "en",
        "Oravo agreed to compensate the agency for past use of its photos and to license its archive "
        "going forward.",
        {LI},
    ),
    (
        ROYALTIES,
        "en",
        "The agreement compensates the newspaper for past and future use of its archive in Oravo's models.",
        {LI},
    ),
    (
        ROYALTIES,
        "en",
        "Oravo will compensate the label for what its model has already generated and pay a fee per song "
        "from now on.",
        {LI},
    ),
    (
        RIGHTS_ACQUIRED,
        "de",
        "Oravo hat den Musikrechte-Verwerter Quillo für 40 Millionen Euro gekauft.",
        {IN},
    ),
    (
        RIGHTS_ACQUIRED,
        "de",
        "Oravo kauft Quillo für 40 Millionen Euro, um dessen Filmrechte zu erwerben.",
        {IN},
    ),
    (
        RIGHTS_ACQUIRED,
        "de",
        "Oravo übernimmt das Start-up Quillo, dessen Nutzungsrechte an 10.000 Songs der Konzern so "
        "miterwirbt.",
        {IN},
    ),
    (RIGHTS_ACQUIRED, "de", "Oravo hat Quillo samt seinen Senderechten für 40 Millionen Euro gekauft.", {IN}),
]


@over_cases(CASES)
def test_review_round25_case(clf: Classifier, lang: str, text: str, expected: set[str]) -> None:
    assert_tags(clf, lang, text, expected)


def test_review_round25_every_case_reports_an_event() -> None:
    assert all(expected for *_, expected in CASES)
    assert len(kinds_by_class(CASES)) == 8
