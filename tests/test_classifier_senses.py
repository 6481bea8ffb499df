"""Issue 13: a tag means the story *reports* that event. Sense distinctions on our own sentences, in
every tagged language (en, ar, fr, de, es), each failure class with controls that must still be tagged.

Failure classes (found on the dev side of real-news-dev, sentences here are written for this file):
- a launch as background: in a relative clause ("the firm that launched ChatGPT"), as a point in
  time ("since the launch of"), refused or not done;
- a launch in the future ("will launch in 2026"), a plan, project, fund or initiative "presented";
- a business or payment model "introduced" is not a product model;
- a licence offered, demanded, possible: not a licensing deal;
- a suit threatened, a cease-and-desist letter, "unter Berufung auf" (citing): not litigation;
- an uncompleted bid, funding named as a motive, "lever le voile": not an investment.
"""

from __future__ import annotations

import pytest

from services.classifier.engine import Classifier


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier()


def _tags(clf: Classifier, lang: str, text: str, title: str = "") -> set[str]:
    return set(clf.classify(title, text, lang).tag_names)


# (lang, text): none of these may carry the tag
BACKGROUND_LAUNCH = [
    ("en", "Altman leads the company that launched ChatGPT three years ago and now employs 3,000 people."),
    ("en", "In the two years since Nexora's launch of its chatbot, the firm has hired a new chief."),
    ("en", "The board refused to launch the assistant app before the audit, the company said on Monday."),
    ("fr", "Le directeur de la société qui a lancé le chatbot Lumo quitte ses fonctions."),
    ("fr", "Depuis le lancement du modèle Lumo, l'entreprise a doublé ses effectifs et changé de siège."),
    ("de", "Seit dem Start des Chatbots Lumo hat das Unternehmen seine Belegschaft verdoppelt."),
    ("de", "Die Firma, die den Chatbot Lumo gestartet hatte, bekommt einen neuen Vorstandschef."),
    ("es", "El fundador de la empresa que lanzó el chatbot Lumo deja el cargo, informó la compañía."),
    ("es", "Desde el lanzamiento del modelo Lumo, la empresa ha duplicado su plantilla."),
    ("ar", "غادر المؤسس الشركة التي أطلقت روبوت المحادثة لومو قبل عامين، وفق بيان للشركة."),
    ("ar", "قالت الشركة إنها تحتاج إلى توسيع السعة مع طرح نماذج جديدة خلال السنوات المقبلة."),
    ("ar", "رفضت الشركة إطلاق التطبيق الجديد قبل انتهاء المراجعة الداخلية."),
]

FUTURE_OR_PLAN_LAUNCH = [
    ("en", "Under the agreement, Nexora will launch new, licensed music models in 2026."),
    ("en", "The consortium unveiled a $20 billion plan for AI data centres at the White House."),
    ("en", "Nexora launched a revenue-sharing initiative for publishers on Tuesday."),
    ("fr", "Nexora lancera son nouveau modèle d'IA l'an prochain, selon son patron."),
    ("fr", "Le projet d'intelligence artificielle « Aurora » a été présenté à l'Élysée lundi."),
    ("de", "Nexora wird das neue KI-Modell im kommenden Jahr vorstellen, sagte die Chefin."),
    ("de", "Die Regierung hat am Montag einen Plan für KI-Rechenzentren vorgestellt."),
    ("es", "Nexora lanzará su nuevo modelo de IA el próximo año, según su director."),
    ("es", "Se esperaba la posible presentación de un nuevo modelo GPT, que finalmente no ocurrió."),
    ("ar", "ستطلق الشركة نموذجها الجديد للذكاء الاصطناعي العام المقبل بحسب مديرها."),
    ("ar", "أطلقت الحكومة مبادرة لتدريب نماذج الذكاء الاصطناعي على اللهجات المحلية."),
]

BUSINESS_MODEL = [
    ("en", "Nexora introduces a new business model for publishers that splits subscription income."),
    ("fr", "Nexora présente un nouveau modèle économique pour les éditeurs de presse et l'IA."),
    ("de", "Nexora führt ein neues Bezahlmodell für Verlage ein, das auf KI-Suche setzt."),
    ("es", "Nexora presenta un nuevo modelo de negocio para los medios basado en la IA."),
    ("ar", "تقدم الشركة نموذج عمل جديدا للناشرين يعتمد على تطبيق الذكاء الاصطناعي."),
]

REAL_LAUNCH = [  # controls: each reports a launch
    ("en", "Nexora launched its Lumo 2 model for all users on Tuesday."),
    ("en", "Nexora unveils the Vega server systems for AI training at its annual conference."),
    ("fr", "Nexora a lancé mardi son modèle Lumo 2 pour tous les utilisateurs."),
    ("de", "Nexora hat den Browser Lumo offiziell vorgestellt, zunächst für macOS und ChatGPT-Nutzer."),
    ("es", "Nexora presentó el martes su nuevo modelo Lumo 2 para todos los usuarios."),
    ("ar", "أطلقت الشركة نموذجها الجديد لومو 2 لجميع المستخدمين يوم الثلاثاء."),
]


@pytest.mark.parametrize(("lang", "text"), BACKGROUND_LAUNCH + FUTURE_OR_PLAN_LAUNCH + BUSINESS_MODEL)
def test_launch_not_reported(clf: Classifier, lang: str, text: str) -> None:
    assert "launch" not in _tags(clf, lang, text)


@pytest.mark.parametrize(("lang", "text"), REAL_LAUNCH)
def test_launch_reported(clf: Classifier, lang: str, text: str) -> None:
    assert "launch" in _tags(clf, lang, text)


NOT_A_LICENCE = [
    ("en", "The publisher sent a letter offering to discuss a potential licensing deal; no reply came."),
    ("en", "Authors' groups are pushing for licensing of their books before any training takes place."),
    ("fr", "Les éditeurs réclament des accords de licence avec les acteurs de l'IA générative."),
    ("fr", "Un éventuel accord de licence avec Nexora est évoqué, mais rien n'est signé."),
    ("de", "Der Verband fordert Lizenzgebühren von KI-Firmen für die Nutzung von Musik."),
    ("de", "Die Verlage haben Nexora eine mögliche Lizenzvereinbarung angeboten, ohne Antwort."),
    ("de", "Die Urheber werden nicht gefragt, noch erhalten sie eine Vergütung für ihre Werke."),
    ("es", "Los editores exigen licencias a las empresas de IA por el uso de sus contenidos."),
    ("es", "Se habla de un posible acuerdo de licencia con Nexora, aún sin firmar."),
    ("ar", "تطالب النقابة شركات الذكاء الاصطناعي بالحصول على ترخيص لاستخدام أغاني أعضائها."),
    ("ar", "قالت الشركتان إن هذه الشراكة ستتطلب استخدام ملايين من وحدات معالجة الرسومات لتدريب النماذج."),
    ("ar", "عند تطبيقها على البنى اللغوية المعقدة تفقد هذه النماذج الدقة في فهم اللهجات."),
]

REAL_LICENCE = [
    ("en", "Nexora signed a licensing deal with the Daily Ledger to use its archive for training."),
    ("fr", "Nexora a signé un accord de licence avec le journal Le Quotidien pour utiliser ses archives."),
    ("de", "Nexora hat eine Lizenzvereinbarung mit dem Verlag Tagesblatt über dessen Archiv unterzeichnet."),
    ("es", "Nexora firmó un acuerdo de licencia con el diario El Cronista para usar su archivo."),
    ("ar", "وقعت الشركة اتفاقية ترخيص مع صحيفة الراصد لاستخدام أرشيفها في تدريب نماذجها."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_A_LICENCE)
def test_licensing_not_reported(clf: Classifier, lang: str, text: str) -> None:
    assert "licensing" not in _tags(clf, lang, text)


@pytest.mark.parametrize(("lang", "text"), REAL_LICENCE)
def test_licensing_reported(clf: Classifier, lang: str, text: str) -> None:
    assert "licensing" in _tags(clf, lang, text)


NOT_A_SUIT = [
    ("en", "The magazine recently sent Nexora a cease-and-desist letter over the use of its articles."),
    ("fr", "Les éditeurs brandissent la menace de saisir les tribunaux si aucun accord n'est trouvé."),
    ("fr", "En jeu, la perspective de recours judiciaire contre les géants de l'IA."),
    ("de", "Dies berichtete die Zeitung unter Berufung auf Kreise des Unternehmens."),
    ("de", "Der Verband droht mit einer Klage, falls Nexora nicht zahlt."),
    ("es", "Los editores amenazan con demandar a Nexora si no llega a un acuerdo."),
    ("ar", "هددت النقابة بمقاضاة الشركة إذا لم تدفع للفنانين."),
]

REAL_SUIT = [
    ("en", "The Daily Ledger sued Nexora in federal court on Monday for copyright infringement."),
    ("fr", "Le journal a porté plainte contre Nexora devant le tribunal de Paris."),
    ("de", "Der Verlag hat beim Landgericht Klage gegen Nexora eingereicht."),
    ("de", "Markenrechtsstreit um den Namen Lumo vor Gericht."),
    ("es", "Nexora y la familia acordaron resolver la demanda, según documentos judiciales."),
    ("ar", "رفعت الصحيفة دعوى قضائية ضد الشركة أمام محكمة فيدرالية."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_A_SUIT)
def test_lawsuit_not_reported(clf: Classifier, lang: str, text: str) -> None:
    assert "lawsuit" not in _tags(clf, lang, text)


@pytest.mark.parametrize(("lang", "text"), REAL_SUIT)
def test_lawsuit_reported(clf: Classifier, lang: str, text: str) -> None:
    assert "lawsuit" in _tags(clf, lang, text)


NOT_AN_INVESTMENT = [
    ("en", "Nexora accused the billionaire of a sham $90 billion bid meant to disrupt its restructuring."),
    ("fr", "La présentation de mardi a levé le voile sur l'ampleur de la menace pour les concurrents."),
    ("fr", "Il est accusé d'avoir proposé une offre « fictive » de rachat de 90 milliards de dollars."),
    ("de", "Das Übernahmeangebot über 90 Milliarden Dollar wurde vom Vorstand abgelehnt."),
    ("es", "La empresa cambia su estructura para asegurar financiación de 40.000 millones de dólares."),
    ("ar", "تعتبر الشركة هذه الخطوة ضرورية لتأمين تمويل بقيمة 40 مليار دولار."),
]

REAL_INVESTMENT = [
    ("en", "Nexora raised $40 million in a Series B funding round led by Apex Ventures."),
    ("fr", "Nexora a levé 40 millions d'euros lors d'un tour de table mené par Apex."),
    ("de", "Nexora hat in einer Finanzierungsrunde 40 Millionen Euro eingesammelt."),
    ("es", "Nexora cerró una ronda de financiación de 40 millones de dólares."),
    ("ar", "جمعت الشركة 40 مليون دولار في جولة تمويل قادها صندوق أبكس."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_AN_INVESTMENT)
def test_investment_not_reported(clf: Classifier, lang: str, text: str) -> None:
    assert "investment" not in _tags(clf, lang, text)


@pytest.mark.parametrize(("lang", "text"), REAL_INVESTMENT)
def test_investment_reported(clf: Classifier, lang: str, text: str) -> None:
    assert "investment" in _tags(clf, lang, text)


@pytest.mark.parametrize(
    ("lang", "title", "text", "primary"),
    [
        # the headline's label is its event when its main clause names none
        (
            "de",
            "Markenrechtsstreit: Nexora entfernt Ankündigung",
            "Der Verlag Tagesblatt hat Nexora verklagt. Zuvor hatte Nexora die Firma Lumo für 2 Milliarden "
            "Euro übernommen. Mit der Übernahme wechselt das Team.",
            "lawsuit",
        ),
        (
            "en",
            "Copyright fight: Nexora removes announcement",
            "The Daily Ledger sued Nexora last week. Nexora had acquired Lumo for $2 billion. The deal "
            "closed in May after the acquisition was approved.",
            "lawsuit",
        ),
        # a trailing "while"-clause of the headline is background, in every language
        (
            "en",
            "Nexora signs content deals with publishers while the Ledger sues Globex",
            "Nexora signed multi-year deals with five publishers for access to their content. The Daily "
            "Ledger sued Globex on Friday for copyright infringement.",
            "licensing",
        ),
        (
            "es",
            "Nexora amplía su IA con contenido de medios mientras El Cronista demanda a Globex",
            "Estos convenios plurianuales permiten a Nexora acceder al contenido de sus socios. "
            "Las respuestas de su chatbot citarán las fuentes. "
            "El Cronista demandó a Globex por infracción de derechos de autor.",
            "licensing",
        ),
        (
            "fr",
            "Nexora signe des accords de contenus alors que Le Quotidien poursuit Globex en justice",
            "Nexora a signé des accords de licence avec cinq éditeurs pour leurs archives. Le Quotidien a "
            "porté plainte contre Globex devant le tribunal.",
            "licensing",
        ),
        (
            "de",
            "Nexora schließt Lizenzverträge mit Verlagen, während das Tagesblatt Globex verklagt",
            "Nexora hat Lizenzvereinbarungen mit fünf Verlagen über deren Archive unterzeichnet. Das "
            "Tagesblatt hat beim Landgericht Klage gegen Globex eingereicht.",
            "licensing",
        ),
        (
            "ar",
            "نكسورا توقع اتفاقيات ترخيص مع الناشرين بينما تقاضي صحيفة الراصد شركة غلوبكس",
            "وقعت نكسورا اتفاقيات ترخيص مع خمسة ناشرين لاستخدام أرشيفهم. ورفعت صحيفة الراصد دعوى قضائية ضد "
            "غلوبكس أمام محكمة فيدرالية.",
            "licensing",
        ),
        # ... and context when the main clause names one
        (
            "en",
            "After the lawsuit: Nexora and the Daily Ledger sign a licensing deal",
            "Nexora signed a licensing deal with the Daily Ledger for its archive. The newspaper had sued "
            "Nexora in 2024.",
            "licensing",
        ),
    ],
)
def test_primary_follows_the_headline(
    clf: Classifier, lang: str, title: str, text: str, primary: str
) -> None:
    assert clf.classify(title, text, lang).primary_tag == primary


# a product's past launch dated as background, or a product withdrawn

WITHDRAWN_OR_DATED_LAUNCH = [
    ("en", "GPT-4o, which was launched in May 2024, will no longer be available in ChatGPT from February."),
    ("en", "ChatGPT, released in November 2022, now has 800 million weekly users."),
    ("en", "Nexora will retire the Lumo 1 model next month and it will no longer be available to users."),
    ("fr", "Le modèle Lumo, lancé en 2023, ne sera plus disponible dans l'application à partir de février."),
    ("de", "Das Modell Lumo, 2023 gestartet, wird ab Februar nicht mehr verfügbar sein."),
    ("es", "El modelo Lumo, lanzado en 2023, ya no estará disponible en la aplicación a partir de febrero."),
    ("ar", "لن يكون نموذج لومو الذي أطلق عام 2023 متاحا في التطبيق بعد فبراير."),
]

# a licence or payment as a requirement

LICENCE_REQUIRED = [
    ("en", "AI companies must license the content they use and should pay publishers, the report says."),
    ("fr", "Les entreprises d'IA doivent obtenir une licence et payer les éditeurs, estime le rapport."),
    ("de", "KI-Firmen müssen Lizenzen erwerben und die Verlage bezahlen, heißt es in dem Bericht."),
    ("es", "Las empresas de IA deben obtener licencias y pagar a los editores, según el informe."),
    ("ar", "يجب على شركات الذكاء الاصطناعي الحصول على ترخيص ودفع المال للناشرين بحسب التقرير."),
]

# a market value after a share move, a research grant

MARKET_VALUE_OR_GRANT = [
    ("en", "Nexora shares rose 5 percent, giving the company a market value of $3 trillion."),
    (
        "fr",
        "L'action Nexora a bondi de 5 %, portant sa capitalisation boursière à 3 000 milliards de dollars.",
    ),
    ("de", "Die Nexora-Aktie stieg um 5 Prozent, der Börsenwert liegt nun bei 3 Billionen Dollar."),
    (
        "es",
        "Las acciones de Nexora subieron un 5 %: su capitalización bursátil alcanza 3 billones de dólares.",
    ),
    ("ar", "ارتفعت أسهم نكسورا 5 في المئة لتصل قيمتها السوقية إلى 3 تريليونات دولار."),
    (
        "en",
        "The university received a $1 million grant from the foundation to fund research on Arabic models.",
    ),
    (
        "fr",
        "L'université a reçu une subvention de 1 million de dollars pour financer la recherche.",
    ),
    ("de", "Die Universität erhielt eine Förderung von 1 Million Euro von der Stiftung für die Forschung."),
    (
        "es",
        "La universidad recibió una subvención de 1 millón de dólares para financiar la investigación.",
    ),
    ("ar", "حصلت الجامعة على منحة بقيمة مليون دولار من المؤسسة لتمويل أبحاث النماذج العربية."),
]


@pytest.mark.parametrize(("lang", "text"), WITHDRAWN_OR_DATED_LAUNCH)
def test_withdrawn_or_dated_launch(clf: Classifier, lang: str, text: str) -> None:
    assert "launch" not in _tags(clf, lang, text)


@pytest.mark.parametrize(("lang", "text"), LICENCE_REQUIRED)
def test_licence_as_a_requirement(clf: Classifier, lang: str, text: str) -> None:
    assert "licensing" not in _tags(clf, lang, text)


@pytest.mark.parametrize(("lang", "text"), MARKET_VALUE_OR_GRANT)
def test_market_value_or_grant(clf: Classifier, lang: str, text: str) -> None:
    assert "investment" not in _tags(clf, lang, text)


# no event at all: investigation openings, regulation, how-tos, layoffs ("licencié"), earnings, opinions,
# rankings, controversies, a cancelled tender
NO_EVENT = [
    (
        "en",
        "The European Commission opened an investigation into Nexora's use of user data for AI training on "
        "Tuesday.",
    ),
    (
        "fr",
        "La Commission européenne a ouvert une enquête sur l'utilisation des données par Nexora pour "
        "entraîner son IA.",
    ),
    (
        "de",
        "Die EU-Kommission hat ein Kartellverfahren gegen Nexora eingeleitet und prüft die Nutzung von "
        "Daten.",
    ),
    ("de", "Die EU-Kommission leitet eine Untersuchung gegen Nexora wegen der KI-Funktion in WhatsApp ein."),
    (
        "es",
        "La Comisión Europea abrió una investigación sobre el uso de datos de Nexora para entrenar su IA.",
    ),
    ("ar", "فتحت المفوضية الأوروبية تحقيقا في استخدام نكسورا لبيانات المستخدمين لتدريب الذكاء الاصطناعي."),
    (
        "en",
        "The AI Act bans social scoring and requires providers of general-purpose models to publish "
        "summaries of training data.",
    ),
    (
        "fr",
        "Le règlement européen sur l'IA interdit la notation sociale et impose des obligations de "
        "transparence.",
    ),
    ("de", "Das KI-Gesetz verbietet Social Scoring und verpflichtet Anbieter, Trainingsdaten offenzulegen."),
    (
        "es",
        "La ley de IA prohíbe la puntuación social y obliga a los proveedores a publicar resúmenes de datos.",
    ),
    (
        "ar",
        "يحظر قانون الذكاء الاصطناعي الأوروبي التقييم الاجتماعي ويلزم المزودين بنشر ملخصات لبيانات التدريب.",
    ),
    ("en", "Here is how to use the new memory feature in the Lumo app: open the settings and turn it on."),
    ("es", "Cómo usar la nueva función de memoria en la aplicación Lumo: abre los ajustes y actívala."),
    ("fr", "Nexora a licencié 300 salariés et remplace une partie du service client par de l'IA."),
    ("en", "Nexora's revenue rose to $4 billion in the third quarter, up 40 percent from a year earlier."),
    ("de", "Der Umsatz von Nexora stieg im dritten Quartal auf 4 Milliarden Dollar."),
    ("fr", "Le chiffre d'affaires de Nexora a atteint 4 milliards de dollars au troisième trimestre."),
    ("es", "Los ingresos de Nexora alcanzaron 4.000 millones de dólares en el tercer trimestre."),
    ("ar", "ارتفعت إيرادات نكسورا إلى 4 مليارات دولار في الربع الثالث."),
    ("en", "Critics say training on copyrighted books may be illegal without permission from authors."),
    (
        "de",
        "Kritiker meinen, das Training mit urheberrechtlich geschützten Büchern könnte rechtswidrig sein.",
    ),
    ("fr", "Selon des juristes, l'entraînement sur des livres protégés pourrait être illégal."),
    ("es", "Según juristas, entrenar con libros protegidos podría ser ilegal."),
    ("en", "Lumo topped the ranking of Arabic chatbots published by the institute on Monday."),
    ("ar", "تصدر لومو تصنيف روبوتات المحادثة العربية الذي نشره المعهد يوم الاثنين."),
    ("en", "Nexora's chatbot drew criticism after it gave false answers about the election."),
    ("en", "The ministry reversed its decision to buy Nexora's software after the tender was cancelled."),
]


@pytest.mark.parametrize(("lang", "text"), NO_EVENT)
def test_no_event_stays_untagged(clf: Classifier, lang: str, text: str) -> None:
    assert _tags(clf, lang, text) == set()


# teasers, work in progress, rankings, renames, delays: not launches
NOT_LAUNCHED = [
    ("en", "Nexora teased Lumo 3 in a video on Monday, ahead of an event next week."),
    (
        "en",
        "Nexora is working on a new version of its Lumo assistant, according to people familiar with the "
        "matter.",
    ),
    (
        "en",
        "The new Lumo model outperforms GPT-4 on most benchmarks, according to a ranking published on "
        "Monday.",
    ),
    ("de", "Das Modell Lumo übertrifft GPT-4 in den meisten Tests, zeigt eine Rangliste."),
    ("fr", "Le modèle Lumo surpasse GPT-4 dans la plupart des tests, selon un classement publié lundi."),
    (
        "es",
        "El modelo Lumo supera a GPT-4 en la mayoría de las pruebas, según una clasificación publicada el "
        "lunes.",
    ),
    ("ar", "يتفوق نموذج لومو على GPT-4 في معظم الاختبارات وفق تصنيف نشر يوم الاثنين."),
    ("en", "Bard is now called Gemini, Google said, renaming its chatbot."),
    ("de", "Nexora benennt seinen Chatbot Lumo in Vega um."),
    ("en", "Nexora said on Monday it had delayed the release of Lumo 3 until next year."),
    ("fr", "Nexora a reporté la sortie de Lumo 3 à l'an prochain."),
    ("de", "Nexora hat den Start von Lumo 3 auf das kommende Jahr verschoben."),
    ("es", "Nexora ha retrasado el lanzamiento de Lumo 3 hasta el próximo año."),
    ("ar", "أجلت نكسورا إطلاق نموذج لومو 3 إلى العام المقبل."),
]

# a release reported, with the product named rather than described
RELEASED_NAMED = [
    ("en", "Nexora released Lumo 3, its newest model, to all ChatGPT Plus users on Thursday."),
    ("fr", "Nexora a dévoilé jeudi Lumo 3, son nouveau modèle, disponible pour tous les utilisateurs."),
    ("de", "Nexora hat am Donnerstag sein neues Modell Lumo 3 veröffentlicht."),
    ("es", "Nexora lanzó el jueves Lumo 3, su nuevo modelo, para todos los usuarios."),
    ("ar", "كشفت نكسورا يوم الخميس عن نموذجها الجديد لومو 3 المتاح لجميع المستخدمين."),
    ("de", "Ab sofort ist die neue Funktion für alle Nutzer in Deutschland verfügbar."),
    ("es", "La nueva función ya está disponible para todos los usuarios en España."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_LAUNCHED)
def test_not_launched(clf: Classifier, lang: str, text: str) -> None:
    assert "launch" not in _tags(clf, lang, text)


@pytest.mark.parametrize(("lang", "text"), RELEASED_NAMED)
def test_released_named(clf: Classifier, lang: str, text: str) -> None:
    assert "launch" in _tags(clf, lang, text)


# the licensing market, licensing revenue, a trend: not a reported deal
LICENSING_MARKET = [
    ("en", "The market for AI licensing is expected to reach $30 billion by 2030, analysts said."),
    ("en", "Nexora's licensing revenue grew 20 percent in the quarter."),
    ("en", "AI firms increasingly sign licensing deals, but many authors remain sceptical."),
    ("fr", "Le marché des licences d'IA devrait atteindre 30 milliards de dollars d'ici 2030."),
    ("de", "Der Markt für KI-Lizenzen soll bis 2030 auf 30 Milliarden Dollar wachsen."),
    ("es", "El mercado de licencias de IA alcanzará 30.000 millones de dólares en 2030, según analistas."),
    ("ar", "من المتوقع أن يصل سوق تراخيص الذكاء الاصطناعي إلى 30 مليار دولار بحلول 2030."),
]

# a model available under an open licence: neither a licence deal nor a launch
OPEN_LICENCE_PROPERTY = [
    ("en", "Nexora's model is open-weight and free to download, the company said."),
    ("de", "Das Modell ist quelloffen und unter einer freien Lizenz verfügbar."),
    ("fr", "Le modèle est publié sous licence libre et téléchargeable gratuitement."),
    ("es", "El modelo es de código abierto y se puede descargar con licencia Apache 2.0."),
    ("ar", "النموذج مفتوح المصدر ومتاح للتنزيل برخصة أباتشي 2.0."),
]

# controls: a deal to use an archive for training is licensing
ARCHIVE_DEAL = [
    ("en", "Nexora signed a deal with the Daily Ledger to use its archive to train its models."),
    (
        "fr",
        "Nexora a conclu un accord avec Le Quotidien pour utiliser ses archives afin d'entraîner ses "
        "modèles.",
    ),
    (
        "es",
        "Nexora cerró un acuerdo con El Cronista para usar su archivo en el entrenamiento de sus modelos.",
    ),
    ("ar", "أبرمت نكسورا صفقة مع صحيفة الراصد لاستخدام أرشيفها في تدريب نماذجها."),
    (
        "de",
        "Nexora hat mit dem Tagesblatt eine Vereinbarung über die Nutzung seines Archivs für das Training "
        "getroffen.",
    ),
]


@pytest.mark.parametrize(("lang", "text"), LICENSING_MARKET)
def test_licensing_market_is_not_a_deal(clf: Classifier, lang: str, text: str) -> None:
    assert "licensing" not in _tags(clf, lang, text)


@pytest.mark.parametrize(("lang", "text"), OPEN_LICENCE_PROPERTY)
def test_open_licence_is_a_property(clf: Classifier, lang: str, text: str) -> None:
    assert _tags(clf, lang, text) == set()


@pytest.mark.parametrize(("lang", "text"), ARCHIVE_DEAL)
def test_archive_deal_is_licensing(clf: Classifier, lang: str, text: str) -> None:
    assert "licensing" in _tags(clf, lang, text)


# a product that exists and is available (a state) is not a launch ...
AVAILABLE_STATE = [
    (
        "en",
        "The Lumo app, which is available in 40 countries, has 30 million users, Nexora said at its annual "
        "meeting.",
    ),
    (
        "fr",
        "L'application Lumo, qui est disponible dans 40 pays, compte 30 millions d'utilisateurs, selon "
        "Nexora.",
    ),
    ("de", "Die App Lumo, die in 40 Ländern verfügbar ist, hat 30 Millionen Nutzer, teilte Nexora mit."),
    ("es", "La aplicación Lumo, disponible en 40 países, tiene 30 millones de usuarios, según Nexora."),
    ("ar", "يستخدم تطبيق لومو المتاح في 40 دولة 30 مليون شخص بحسب نكسورا."),
]

# ... becoming available is
BECOMES_AVAILABLE = [
    ("en", "The Lumo app is now available in 40 more countries, Nexora said on Tuesday."),
    ("fr", "L'application Lumo est désormais disponible dans 40 nouveaux pays, a annoncé Nexora."),
    ("de", "Nexora macht die App Lumo ab sofort in 40 weiteren Ländern verfügbar."),
    ("es", "La aplicación Lumo ya está disponible en 40 nuevos países, anunció Nexora."),
    ("ar", "أصبح تطبيق لومو متاحا في 40 دولة جديدة اعتبارا من اليوم بحسب نكسورا."),
]


@pytest.mark.parametrize(("lang", "text"), AVAILABLE_STATE)
def test_available_state_is_not_a_launch(clf: Classifier, lang: str, text: str) -> None:
    assert "launch" not in _tags(clf, lang, text)


@pytest.mark.parametrize(("lang", "text"), BECOMES_AVAILABLE)
def test_becoming_available_is_a_launch(clf: Classifier, lang: str, text: str) -> None:
    assert "launch" in _tags(clf, lang, text)


# recall: more ways of reporting a launch (features added, rolled out, switched on)
LAUNCH_WORDINGS = [
    ("en", "Nexora has begun rolling out a memory feature to Lumo users in Europe."),
    ("en", "Nexora adds voice mode to its Lumo chatbot for paying subscribers."),
    ("en", "Lumo now lets users book flights directly from the chat, Nexora said on Wednesday."),
    ("en", "Nexora debuts Lumo Pro, a faster model for businesses."),
    ("fr", "Nexora ajoute un mode vocal à son chatbot Lumo pour les abonnés."),
    ("fr", "Nexora déploie une nouvelle fonctionnalité de mémoire dans Lumo en Europe."),
    ("fr", "Nexora met en ligne Lumo Pro, un modèle plus rapide pour les entreprises."),
    ("fr", "Nexora rend son assistant Lumo accessible à tous les utilisateurs gratuitement."),
    ("de", "Nexora ergänzt seinen Chatbot Lumo um einen Sprachmodus für zahlende Nutzer."),
    ("de", "Nexora schaltet die neue Gedächtnisfunktion für Lumo-Nutzer in Europa frei."),
    ("de", "Nexora bringt mit Lumo Pro ein schnelleres Modell für Unternehmen heraus."),
    ("es", "Nexora incorpora un modo de voz a su chatbot Lumo para los suscriptores."),
    ("es", "Nexora despliega una nueva función de memoria en Lumo para usuarios europeos."),
    ("es", "Nexora estrena Lumo Pro, un modelo más rápido para empresas."),
    ("ar", "أضافت نكسورا ميزة المحادثة الصوتية إلى روبوت المحادثة لومو للمشتركين."),
    ("ar", "أتاحت نكسورا ميزة الذاكرة الجديدة لمستخدمي لومو في أوروبا."),
    ("ar", "بدأت نكسورا طرح نموذج لومو برو الأسرع للشركات."),
    ("ar", "أعلنت نكسورا عن نموذج جديد يحمل اسم لومو برو للشركات."),
]

# recall: more ways of reporting a content deal
LICENCE_WORDINGS = [
    ("en", "Nexora struck a multi-year deal giving it access to the Daily Ledger's archive."),
    ("en", "Nexora will pay the Daily Ledger $20 million a year for access to its articles."),
    ("en", "Nexora inked a content partnership with the Daily Ledger covering news articles."),
    (
        "fr",
        "Nexora a signé un partenariat avec Le Quotidien portant sur l'utilisation de ses contenus par son "
        "chatbot.",
    ),
    ("fr", "Nexora versera 20 millions d'euros par an au Quotidien pour accéder à ses articles."),
    (
        "de",
        "Nexora darf künftig die Inhalte des Tagesblatts in seinem Chatbot nutzen, dafür zahlt das "
        "Unternehmen jährlich.",
    ),
    ("de", "Nexora hat einen Lizenzvertrag mit dem Tagesblatt abgeschlossen."),
    ("de", "Nexora erhält Zugriff auf das Archiv des Tagesblatts, wie beide Unternehmen mitteilten."),
    ("es", "Nexora pagará 20 millones de dólares al año a El Cronista por acceder a sus artículos."),
    ("es", "Nexora y El Cronista sellaron una alianza de contenidos para el chatbot Lumo."),
    ("ar", "ستدفع نكسورا 20 مليون دولار سنويا لصحيفة الراصد مقابل الوصول إلى مقالاتها."),
    ("ar", "أبرمت نكسورا شراكة محتوى مع صحيفة الراصد تتيح لها استخدام أخبارها في روبوت المحادثة."),
]

# controls for the payment rules: customers paying for a service is a price, not a licence
CUSTOMERS_PAY = [
    ("es", "Los clientes solo pagan por el uso de la plataforma de Nexora, dijo un portavoz."),
    ("fr", "Les clients paient pour l'utilisation de la plateforme de Nexora, selon un porte-parole."),
]


@pytest.mark.parametrize(("lang", "text"), LAUNCH_WORDINGS)
def test_launch_wordings(clf: Classifier, lang: str, text: str) -> None:
    assert "launch" in _tags(clf, lang, text)


@pytest.mark.parametrize(("lang", "text"), LICENCE_WORDINGS)
def test_licence_wordings(clf: Classifier, lang: str, text: str) -> None:
    assert "licensing" in _tags(clf, lang, text)


@pytest.mark.parametrize(("lang", "text"), CUSTOMERS_PAY)
def test_customers_paying_is_not_licensing(clf: Classifier, lang: str, text: str) -> None:
    assert "licensing" not in _tags(clf, lang, text)


# recall: more ways of reporting a suit, a ruling, a fine or a settlement
LAWSUIT_WORDINGS = [
    ("fr", "Le Quotidien attaque Nexora en justice pour contrefaçon."),
    ("fr", "Le Quotidien assigne Nexora devant le tribunal de commerce."),
    ("fr", "Nexora a été condamnée à verser 5 millions d'euros au Quotidien."),
    ("fr", "Les auteurs ont obtenu gain de cause contre Nexora en appel."),
    ("fr", "Nexora et Le Quotidien ont conclu un accord transactionnel qui met fin à leur litige."),
    ("fr", "La CNIL a infligé une amende de 15 millions d'euros à Nexora."),
    ("fr", "Le Quotidien saisit la justice contre Nexora pour violation du droit d'auteur."),
    ("de", "Das Tagesblatt zieht gegen Nexora vor Gericht."),
    ("de", "Nexora muss nach einem Urteil des Landgerichts 5 Millionen Euro zahlen."),
    ("de", "Nexora und das Tagesblatt einigen sich außergerichtlich."),
    ("de", "Die Datenschutzbehörde verhängt ein Bußgeld von 15 Millionen Euro gegen Nexora."),
    ("es", "El Cronista lleva a Nexora a los tribunales por violación de derechos de autor."),
    ("es", "Un juez falló a favor de los autores en su caso contra Nexora."),
    ("es", "Nexora fue condenada a pagar 5 millones de euros a El Cronista."),
    ("es", "La autoridad de protección de datos impuso una multa de 15 millones de euros a Nexora."),
    ("ar", "رفعت صحيفة الراصد دعوى ضد نكسورا بتهمة انتهاك حقوق النشر."),
    ("ar", "قضت محكمة بإلزام نكسورا بدفع 5 ملايين دولار لصحيفة الراصد."),
    ("ar", "فرضت هيئة حماية البيانات غرامة قدرها 15 مليون يورو على نكسورا."),
    ("ar", "توصلت نكسورا وصحيفة الراصد إلى تسوية تنهي النزاع القضائي بينهما."),
    ("en", "A judge ruled in favour of the authors in their case against Nexora."),
    ("en", "The data protection authority fined Nexora 15 million euros."),
    ("en", "Nexora agreed to pay $5 million to settle the authors' claims."),
]


@pytest.mark.parametrize(("lang", "text"), LAWSUIT_WORDINGS)
def test_lawsuit_wordings(clf: Classifier, lang: str, text: str) -> None:
    assert "lawsuit" in _tags(clf, lang, text)


# revenue-share programmes and collecting-society licence schemes are licensing (LABELS.md), not launches
LICENCE_SCHEMES = [
    (
        "en",
        "Nexora launched a revenue-sharing programme that pays publishers when their articles are used in "
        "answers.",
    ),
    (
        "fr",
        "Nexora lance un programme de partage des revenus avec les éditeurs dont les articles sont cités "
        "par son chatbot.",
    ),
    (
        "de",
        "Nexora startet ein Programm zur Umsatzbeteiligung für Verlage, deren Artikel im Chatbot zitiert "
        "werden.",
    ),
    (
        "es",
        "Nexora pone en marcha un programa de reparto de ingresos con los editores cuyos artículos cita su "
        "chatbot.",
    ),
    (
        "ar",
        "أطلقت نكسورا برنامجا لتقاسم الإيرادات مع الناشرين الذين تستخدم مقالاتهم في إجابات روبوت المحادثة.",
    ),
    (
        "de",
        "Die Verwertungsgesellschaft stellt ein Lizenzmodell für KI-Anbieter vor, die Musik ihrer "
        "Mitglieder nutzen.",
    ),
    (
        "fr",
        "La société d'auteurs présente une offre de licence pour les entreprises d'IA qui utilisent les "
        "œuvres de ses membres.",
    ),
    (
        "en",
        "The collecting society unveiled a licence scheme for AI companies that train on its members' songs.",
    ),
    (
        "es",
        "La sociedad de autores presentó una licencia para las empresas de IA que usan las obras de sus "
        "socios.",
    ),
    ("ar", "كشفت جمعية المؤلفين عن نظام ترخيص لشركات الذكاء الاصطناعي التي تستخدم أعمال أعضائها."),
]


@pytest.mark.parametrize(("lang", "text"), LICENCE_SCHEMES)
def test_licence_schemes(clf: Classifier, lang: str, text: str) -> None:
    assert _tags(clf, lang, text) == {"licensing"}


# headlines alone (the primary is the headline's event): each names its event
HEADLINES = [
    ("fr", "Nexora sort Lumo 3, son modèle le plus puissant", "launch"),
    ("fr", "Lumo 3 : Nexora dégaine un nouveau modèle de raisonnement", "launch"),
    ("fr", "Nexora officialise son assistant Lumo pour les entreprises", "launch"),
    ("fr", "Nexora dévoile ses lunettes connectées Vega", "launch"),
    ("fr", "Nexora signe avec Le Quotidien pour nourrir son IA", "licensing"),
    ("fr", "Le Quotidien cède ses archives à Nexora pour entraîner son IA", "licensing"),
    ("fr", "Accord entre Nexora et l'AFP pour utiliser les dépêches dans son chatbot", "licensing"),
    ("fr", "Droits d'auteur : Le Quotidien porte plainte contre Nexora", "lawsuit"),
    ("fr", "Nexora condamné pour contrefaçon", "lawsuit"),
    ("fr", "La justice américaine donne raison à Nexora face aux auteurs", "lawsuit"),
    ("fr", "Nexora lève 600 millions d'euros", "investment"),
    ("fr", "Nexora rachète la start-up Lumo", "investment"),
    ("fr", "Nexora valorisée 6 milliards après une levée de fonds", "investment"),
    ("de", "Nexora bringt Lumo 3 auf den Markt", "launch"),
    ("de", "Nexora zeigt neues KI-Modell Lumo 3", "launch"),
    ("de", "Neues KI-Modell: Nexora schickt Lumo 3 ins Rennen", "launch"),
    ("de", "Nexora macht Lumo 3 für alle Nutzer zugänglich", "launch"),
    ("de", "KI-Deal: Nexora darf Artikel des Tagesblatts nutzen", "licensing"),
    ("de", "Tagesblatt und Nexora schließen Lizenzdeal", "licensing"),
    ("de", "Nexora zahlt Verlag für Inhalte", "licensing"),
    ("de", "Urheberrecht: Tagesblatt verklagt Nexora", "lawsuit"),
    ("de", "Gericht gibt Autoren gegen Nexora recht", "lawsuit"),
    ("de", "Nexora sammelt 600 Millionen Euro ein", "investment"),
    ("de", "Nexora kauft Start-up Lumo", "investment"),
    ("de", "Nexora übernimmt Lumo für 2 Milliarden Euro", "investment"),
    ("es", "Nexora saca Lumo 3, su modelo más potente", "launch"),
    ("es", "Nexora y El Cronista firman un acuerdo para usar sus noticias en la IA", "licensing"),
    ("es", "El Cronista demanda a Nexora por derechos de autor", "lawsuit"),
    ("es", "Nexora levanta 600 millones de euros", "investment"),
    ("es", "Nexora compra la startup Lumo", "investment"),
    ("ar", "نكسورا تطرح لومو 3 أقوى نماذجها", "launch"),
    ("ar", "نكسورا توقع صفقة مع صحيفة الراصد لاستخدام محتواها", "licensing"),
    ("ar", "صحيفة الراصد تقاضي نكسورا", "lawsuit"),
    ("ar", "نكسورا تجمع 600 مليون دولار", "investment"),
    ("ar", "نكسورا تستحوذ على شركة لومو الناشئة", "investment"),
    ("en", "Nexora rolls out Lumo 3 to everyone", "launch"),
    ("en", "Daily Ledger lets Nexora train on its archive in new deal", "licensing"),
    ("en", "Nexora pays Daily Ledger for news in chatbot deal", "licensing"),
    ("en", "Daily Ledger takes Nexora to court over copyright", "lawsuit"),
    ("en", "Nexora hit with $15 million fine", "lawsuit"),
    ("en", "Nexora raises $600 million", "investment"),
    ("en", "Nexora buys startup Lumo", "investment"),
]

# controls: a conditional "bring to market" about musicians is not a launch
NOT_A_MARKET_LAUNCH = [
    ("de", "Sollte es keine Musiker mehr geben, die frische Stücke auf den Markt bringen, verliert die KI."),
]


@pytest.mark.parametrize(("lang", "title", "tag"), HEADLINES)
def test_headline_alone(clf: Classifier, lang: str, title: str, tag: str) -> None:
    c = clf.classify(title, "", lang)
    assert c.tag_names == [tag] and c.primary_tag == tag


@pytest.mark.parametrize(("lang", "text"), NOT_A_MARKET_LAUNCH)
def test_conditional_market_is_not_a_launch(clf: Classifier, lang: str, text: str) -> None:
    assert "launch" not in _tags(clf, lang, text)


# an index, ranking, contest, academy or event launched, or a launch scheduled: not a product launch
NOT_A_PRODUCT = [
    (
        "en",
        "The ministry launched an index that ranks AI models by their knowledge of local culture; Gemini "
        "came first.",
    ),
    ("en", "Nexora launched an accelerator programme and a hackathon for Arabic AI start-ups."),
    (
        "fr",
        "Le ministère a lancé un classement des modèles d'IA selon leur connaissance de la culture locale.",
    ),
    ("fr", "Nexora lance un concours et une académie de formation à l'IA pour les étudiants."),
    ("de", "Das Ministerium startet einen Index, der KI-Modelle nach ihrem Kulturwissen bewertet."),
    ("de", "Nexora startet einen Wettbewerb für KI-Start-ups und eine Akademie."),
    ("es", "El ministerio lanzó un índice que clasifica los modelos de IA según su conocimiento cultural."),
    ("es", "Nexora lanza un concurso y una academia de IA para estudiantes."),
    ("ar", "أطلقت وزارة الثقافة مؤشرا يصنف نماذج الذكاء الاصطناعي حسب معرفتها بالثقافة المحلية."),
    ("ar", "أطلقت نكسورا مسابقة وأكاديمية لتدريب الطلاب على الذكاء الاصطناعي."),
    ("ar", "من المقرر أن تطلق الشركة نموذج لومو 3 خلال أسبوعين."),
    ("en", "Grok 3 is coming in the next week or two, Musk said, calling it scary smart."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_A_PRODUCT)
def test_index_contest_or_event_is_not_a_launch(clf: Classifier, lang: str, text: str) -> None:
    assert "launch" not in _tags(clf, lang, text)


# more no-event stories: a procurement reversal, a chatbot controversy, leadership changes, withdrawals
NO_EVENT_MORE = [
    ("ar", "تراجعت الوزارة عن قرار شراء برمجيات نكسورا بعد إلغاء المناقصة."),
    ("ar", "أثار روبوت المحادثة لومو جدلا واسعا بعد أن نشر إجابات مسيئة، ما دفع الشركة إلى حذفها."),
    ("ar", "أقال مجلس إدارة نكسورا رئيسها التنفيذي الذي قاد الشركة منذ إطلاق روبوت المحادثة لومو."),
    (
        "de",
        "Der Aufsichtsrat von Nexora hat den Chef entlassen, der das Unternehmen seit dem Start des "
        "Chatbots führte.",
    ),
    (
        "fr",
        "Le conseil d'administration de Nexora a limogé son patron, qui dirigeait l'entreprise depuis le "
        "lancement de Lumo.",
    ),
    (
        "es",
        "El consejo de Nexora destituyó a su consejero delegado, que dirigía la empresa desde el "
        "lanzamiento de Lumo.",
    ),
    ("en", "Nexora's board ousted its chief executive, who had led the company since the launch of Lumo."),
    (
        "en",
        "Nexora will retire GPT-4o from its app on February 13; the model remains available through the API.",
    ),
    (
        "de",
        "Nexora nimmt das Modell Lumo 1 am 13. Februar aus seiner App; über die API bleibt es erhältlich.",
    ),
    (
        "fr",
        "Nexora retirera le modèle Lumo 1 de son application le 13 février ; il restera accessible via "
        "l'API.",
    ),
    (
        "es",
        "Nexora retirará el modelo Lumo 1 de su aplicación el 13 de febrero; seguirá disponible en la API.",
    ),
    ("ar", "ستسحب نكسورا نموذج لومو 1 من تطبيقها في 13 فبراير وسيبقى متاحا عبر الواجهة البرمجية."),
]


@pytest.mark.parametrize(("lang", "text"), NO_EVENT_MORE)
def test_more_no_event_stays_untagged(clf: Classifier, lang: str, text: str) -> None:
    assert _tags(clf, lang, text) == set()


# a deal between an AI firm and a news organisation (gazetteer kind: media) is a content deal; the same
# deal with a firm that is not a news organisation is not (rules with `near_orgs`)
DEAL_WITH_MEDIA = [
    (
        "en",
        "OpenAI signs a deal with AFP to bring its news into ChatGPT.",
        "OpenAI signs a deal with Nexora to bring its tools into ChatGPT.",
    ),
    (
        "fr",
        "Mistral AI signe un accord avec l'AFP pour son chatbot Le Chat.",
        "Mistral AI signe un accord avec Nexora pour son chatbot Le Chat.",
    ),
    (
        "de",
        "OpenAI kooperiert mit der AFP für seinen Chatbot.",
        "OpenAI kooperiert mit Nexora für seinen Chatbot.",
    ),
    (
        "es",
        "OpenAI firma un acuerdo con la AFP para su chatbot.",
        "OpenAI firma un acuerdo con Nexora para su chatbot.",
    ),
    (
        "ar",
        "وقعت أوبن إيه آي اتفاقا مع وكالة فرانس برس لدمج أخبارها في شات جي بي تي.",
        "وقعت أوبن إيه آي اتفاقا مع نكسورا لدمج أدواتها في شات جي بي تي.",
    ),
]


@pytest.mark.parametrize(("lang", "with_media", "without"), DEAL_WITH_MEDIA)
def test_deal_with_a_news_organisation(clf: Classifier, lang: str, with_media: str, without: str) -> None:
    assert "AFP" in clf.classify("", with_media, lang).orgs
    assert _tags(clf, lang, with_media) == {"licensing"}
    assert _tags(clf, lang, without) == set()


def test_near_orgs_needs_every_kind(clf: Classifier) -> None:
    from services.classifier.tagger import TITLE, Tagger
    from services.classifier.taxonomy import RuleSpec, TagSpec, Taxonomy

    spec = TagSpec(
        name="partnership",
        rules=[
            RuleSpec(id="p", lang=["en"], pattern=r"\bdeal\b", near_orgs=["media", "company"], weight=0.9)
        ],
    )
    tagger = Tagger(Taxonomy(tags={"partnership": spec}))
    title = "A deal"
    assert tagger.tag(title, "", [], "en", {TITLE: frozenset({"media", "company"})}).tags
    assert not tagger.tag(title, "", [], "en", {TITLE: frozenset({"media"})}).tags
    assert not tagger.tag(title, "", [], "en", None).tags


# a statement of objections is a formal proceeding (real-news-dev.md: lawsuit, doubtful), also when the
# sentence says when the proceedings were opened; opening them alone is not (test_no_event_stays_untagged)
OBJECTIONS = [
    ("en", "The Commission sent Nexora a statement of objections."),
    ("fr", "La Commission a adressé une communication des griefs à Nexora dans le cadre de son enquête."),
    (
        "de",
        "Die EU-Kommission hat Nexora die Beschwerdepunkte in dem im Dezember eingeleiteten Kartellverfahren "
        "übermittelt.",
    ),
    ("es", "La Comisión envió un pliego de cargos a Nexora."),
    ("ar", "أرسلت المفوضية بيان اعتراضات إلى نكسورا."),
]


@pytest.mark.parametrize(("lang", "text"), OBJECTIONS)
def test_statement_of_objections_is_a_proceeding(clf: Classifier, lang: str, text: str) -> None:
    assert _tags(clf, lang, text) == {"lawsuit"}


# a named product's past launch as a point in time ("since ChatGPT's launch", "le lancement de ChatGPT en
# novembre 2022"): background, not a launch
PAST_LAUNCH_AS_TIME = [
    ("en", "Since ChatGPT's launch, the chatbot has drawn 800 million weekly users."),
    ("en", "The launch of ChatGPT in November 2022 set off an AI boom that has lifted chip makers."),
    ("en", "Demand for chips has soared since the release of GPT-4 in 2023."),
    ("fr", "Depuis l'arrivée de ChatGPT fin 2022, les éditeurs s'inquiètent pour leurs revenus."),
    ("fr", "Le lancement de ChatGPT en novembre 2022 a déclenché une course à l'IA."),
    ("de", "Seit dem Erscheinen von ChatGPT Ende 2022 investieren Konzerne Milliarden in KI."),
    ("de", "Mit dem Start von ChatGPT im November 2022 begann der KI-Boom."),
    ("es", "Desde la llegada de ChatGPT a finales de 2022, los editores temen por sus ingresos."),
    ("es", "El lanzamiento de ChatGPT en noviembre de 2022 desató una carrera por la IA."),
    ("ar", "منذ ظهور شات جي بي تي في أواخر 2022 يتسابق المستثمرون على شركات الذكاء الاصطناعي."),
    ("ar", "أدى إطلاق شات جي بي تي في نوفمبر 2022 إلى سباق في مجال الذكاء الاصطناعي."),
]


@pytest.mark.parametrize(("lang", "text"), PAST_LAUNCH_AS_TIME)
def test_past_launch_as_a_point_in_time(clf: Classifier, lang: str, text: str) -> None:
    assert "launch" not in _tags(clf, lang, text)


# launch verbs with objects that are not products (ambitions, results, apologies, a warning, a chief),
# "présente dans 40 pays" (present in), "l'IA arrive dans les classes"
NOT_A_PRODUCT_OBJECT = [
    ("fr", "Nexora, présente dans 40 pays, emploie 3 000 personnes dans l'IA."),
    ("fr", "Nexora dévoile ses ambitions dans l'IA générative pour les cinq prochaines années."),
    ("fr", "Nexora dévoile ses résultats annuels, portés par son assistant IA."),
    ("fr", "Le patron de Nexora lance un avertissement sur les risques de l'IA."),
    ("fr", "Nexora déploie des efforts considérables pour rattraper OpenAI dans l'IA."),
    ("fr", "L'IA arrive dans les salles de classe, mais les enseignants restent sceptiques."),
    ("fr", "Nexora présente ses excuses après les erreurs de son chatbot."),
    ("fr", "Nexora présente un bilan mitigé de son assistant IA après un an."),
    ("de", "Nexora stellt seine Pläne für die KI-Sparte am Montag vor."),
    ("de", "Nexora präsentiert starke Quartalszahlen dank seines KI-Assistenten."),
    ("de", "Der Chef von Nexora startet einen Appell an die Politik zur KI-Regulierung."),
    ("es", "Nexora presenta sus resultados anuales impulsados por su asistente de IA."),
    ("es", "Nexora presenta sus disculpas tras los errores de su chatbot."),
    ("es", "La IA llega a las aulas, pero los profesores siguen escépticos."),
    ("en", "Nexora unveiled its ambitions for generative AI at an investor day."),
    ("en", "Nexora introduced its new chief executive to staff on Monday, days after the AI model debacle."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_A_PRODUCT_OBJECT)
def test_launch_verb_without_a_product(clf: Classifier, lang: str, text: str) -> None:
    assert "launch" not in _tags(clf, lang, text)


# not litigation: condemning (criticising), users' complaints, idioms, a regulation forbidding
NOT_LITIGATION = [
    ("fr", "Le ministre condamne les dérives de l'IA générative sur les réseaux sociaux."),
    ("fr", "Les plaintes des utilisateurs se multiplient sur les réponses du chatbot Lumo."),
    ("fr", "Nexora promet plus de justice sociale grâce à l'IA."),
    ("fr", "Le règlement interdit la reconnaissance faciale en temps réel dans l'espace public."),
    ("fr", "Le juge de paix du football, la VAR, s'appuie désormais sur l'IA."),
    ("de", "Nutzer beklagen sich über falsche Antworten des Chatbots Lumo."),
    ("de", "Der Minister verurteilt die Auswüchse der KI in sozialen Netzwerken."),
    ("es", "El ministro condena los abusos de la IA en las redes sociales."),
    ("es", "Las quejas de los usuarios se multiplican por las respuestas del chatbot Lumo."),
    ("en", "The minister condemned the abuses of generative AI on social networks."),
    ("en", "Users complained about false answers from the Lumo chatbot."),
    ("ar", "أدان الوزير تجاوزات الذكاء الاصطناعي على مواقع التواصل الاجتماعي."),
    ("ar", "تتزايد شكاوى المستخدمين من إجابات روبوت المحادثة لومو."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_LITIGATION)
def test_not_litigation(clf: Classifier, lang: str, text: str) -> None:
    assert "lawsuit" not in _tags(clf, lang, text)


# "AI" alone is not a product: a launch verb whose only product cue is "IA" / "KI" is weak (0.35), so
# "présente sa vision de l'IA" is not a launch, while a named model or assistant still is
AI_ONLY = [
    (
        "fr",
        "Nexora présente sa vision de l'IA pour la santé.",
        "Nexora présente son nouveau modèle d'IA Lumo 3.",
    ),
    (
        "es",
        "Nexora presenta su visión de la IA para la salud.",
        "Nexora presenta su nuevo modelo de IA Lumo 3.",
    ),
    (
        "de",
        "Nexora präsentiert seine Sicht auf KI in der Medizin.",
        "Nexora präsentiert sein neues KI-Modell Lumo 3.",
    ),
    (
        "fr",
        "Nexora dévoile «Aurora», un projet d'intelligence artificielle de 50 milliards.",
        "Nexora dévoile Aurora, son nouvel assistant d'intelligence artificielle.",
    ),
]


@pytest.mark.parametrize(("lang", "vision", "product"), AI_ONLY)
def test_ai_alone_is_not_a_product(clf: Classifier, lang: str, vision: str, product: str) -> None:
    assert "launch" not in _tags(clf, lang, vision)
    assert "launch" in _tags(clf, lang, product)


# regulatory and business licences (banking, operating, trade) and idioms are not licensing deals
BUSINESS_LICENCE = [
    ("de", "Die Finanzaufsicht hat Nexora eine Banklizenz erteilt."),
    ("de", "Der Behörde zufolge wurde dem Anbieter die Betriebslizenz entzogen."),
    ("de", "Das neue KI-Modell ist für Nexora eine Lizenz zum Gelddrucken."),
    ("es", "Nexora obtuvo una licencia bancaria del regulador para su asistente financiero."),
    ("fr", "Nexora a obtenu une licence bancaire pour son assistant financier."),
    ("en", "Nexora obtained a banking licence for its AI financial assistant."),
    ("ar", "حصلت نكسورا على ترخيص مصرفي لتشغيل مساعدها المالي بالذكاء الاصطناعي."),
    ("ar", "منحت الهيئة الشركة رخصة تجارية لمزاولة نشاطها في الذكاء الاصطناعي."),
]


@pytest.mark.parametrize(("lang", "text"), BUSINESS_LICENCE)
def test_business_licence_is_not_licensing(clf: Classifier, lang: str, text: str) -> None:
    assert "licensing" not in _tags(clf, lang, text)


# an industry trend ("companies are investing billions in AI") or a market statistic is not a reported
# investment (the controls in REAL_INVESTMENT still are)
INVESTMENT_TREND = [
    ("en", "Companies are investing billions in AI, but few see returns yet, a survey found."),
    (
        "fr",
        "Les entreprises investissent des milliards dans l'IA, mais peu en voient les bénéfices, selon une "
        "étude.",
    ),
    ("de", "Seit dem Erscheinen von ChatGPT investieren Konzerne Milliarden in KI."),
    ("es", "Las empresas invierten miles de millones en IA, pero pocas ven beneficios, según un estudio."),
    ("ar", "تستثمر الشركات مليارات الدولارات في الذكاء الاصطناعي لكن قلة منها ترى عوائد بحسب دراسة."),
    ("en", "Investment in AI start-ups fell 20 percent in the quarter, according to PitchBook data."),
    ("de", "Die Investitionen in KI-Start-ups sanken im Quartal um 20 Prozent."),
    ("fr", "Les investissements dans les start-up d'IA ont reculé de 20 % au trimestre."),
    ("es", "La inversión en startups de IA cayó un 20 % en el trimestre."),
    ("ar", "تراجعت الاستثمارات في الشركات الناشئة للذكاء الاصطناعي بنسبة 20 في المئة خلال الربع."),
]


@pytest.mark.parametrize(("lang", "text"), INVESTMENT_TREND)
def test_investment_trend_is_not_an_event(clf: Classifier, lang: str, text: str) -> None:
    assert _tags(clf, lang, text) == set()


# a launch last year, ahead of a launch, or in a relative clause with its subject: background
LAUNCH_LAST_YEAR = [
    ("en", "Ahead of the launch of Lumo 3, Nexora hired 200 engineers."),
    ("en", "The model, which Nexora unveiled last year, is used by 30 million people."),
    ("en", "Nexora launched Lumo last year and has since signed up 30 million users."),
    ("fr", "Le modèle Lumo, dévoilé l'an dernier par Nexora, compte 30 millions d'utilisateurs."),
    (
        "de",
        "Das Modell Lumo, das Nexora im vergangenen Jahr vorgestellt hatte, nutzen 30 Millionen Menschen.",
    ),
    ("es", "El modelo Lumo, que Nexora presentó el año pasado, tiene 30 millones de usuarios."),
    ("ar", "يستخدم نموذج لومو الذي كشفت عنه نكسورا العام الماضي 30 مليون شخص."),
]


@pytest.mark.parametrize(("lang", "text"), LAUNCH_LAST_YEAR)
def test_launch_last_year_is_background(clf: Classifier, lang: str, text: str) -> None:
    assert "launch" not in _tags(clf, lang, text)


# controls: "said that it launched" reports the launch (a complement, not a relative clause)
SAID_IT_LAUNCHED = [
    ("en", "Nexora said that it launched Lumo 3 for all users on Tuesday."),
    ("en", "Nexora said it has released its Lumo 3 model to all subscribers."),
    ("fr", "Nexora a annoncé qu'elle lançait mardi son modèle Lumo 3 pour tous les utilisateurs."),
]


@pytest.mark.parametrize(("lang", "text"), SAID_IT_LAUNCHED)
def test_said_it_launched(clf: Classifier, lang: str, text: str) -> None:
    assert "launch" in _tags(clf, lang, text)


# ... and in French and Spanish: after a verb of saying, "qu'elle a lancé" / "que lanzó" is a complement
SAID_IT_LAUNCHED_COMPLEMENT = [
    ("fr", "Nexora a annoncé qu'elle a lancé mardi son modèle Lumo 3 pour tous les utilisateurs."),
    ("es", "Nexora anunció que lanzó el martes su modelo Lumo 3 para todos los usuarios."),
]
RELATIVE_CONTROLS = [
    ("fr", "Le patron de la société qu'il a lancé avec le chatbot Lumo quitte ses fonctions."),
    ("es", "El fundador de la empresa que lanzó el chatbot Lumo deja el cargo."),
]


@pytest.mark.parametrize(("lang", "text"), SAID_IT_LAUNCHED_COMPLEMENT)
def test_said_it_launched_complement(clf: Classifier, lang: str, text: str) -> None:
    assert "launch" in _tags(clf, lang, text)


@pytest.mark.parametrize(("lang", "text"), RELATIVE_CONTROLS)
def test_relative_launch_stays_background(clf: Classifier, lang: str, text: str) -> None:
    assert "launch" not in _tags(clf, lang, text)


# German: on the market since a recent date, or a wider availability, is a launch; for years, not
ON_THE_MARKET = [
    ("de", "Seit Januar ist die App von Nexora auf dem Markt.", True),
    ("de", "Nexora kündigt die breitere Verfügbarkeit seines Modells Lumo an.", True),
    ("de", "Die App ist seit Jahren auf dem Markt und hat viele Nutzer.", False),
]


@pytest.mark.parametrize(("lang", "text", "launched"), ON_THE_MARKET)
def test_on_the_market(clf: Classifier, lang: str, text: str, launched: bool) -> None:
    assert ("launch" in _tags(clf, lang, text)) is launched


# a temporal background clause ("when OpenAI released ChatGPT", "depuis qu'OpenAI a lancé"): not a launch ...
TEMPORAL_BACKGROUND = [
    ("en", "When OpenAI released ChatGPT, few expected it to reshape the search business."),
    ("en", "Ever since Google launched Bard, rivals have rushed to build chatbots."),
    ("fr", "Quand OpenAI a lancé ChatGPT, peu imaginaient un tel bouleversement."),
    ("fr", "Depuis qu'OpenAI a lancé ChatGPT, les concurrents se sont multipliés."),
    ("de", "Seitdem OpenAI ChatGPT veröffentlicht hat, überschlagen sich die Konkurrenten."),
    ("es", "Cuando OpenAI lanzó ChatGPT, pocos imaginaban semejante cambio."),
    ("es", "Desde que OpenAI lanzó ChatGPT, los competidores se han multiplicado."),
    ("ar", "عندما أطلقت أوبن إيه آي شات جي بي تي لم يتوقع كثيرون هذا التحول."),
    ("ar", "منذ أن أطلقت أوبن إيه آي شات جي بي تي تسارع المنافسون إلى بناء روبوتات المحادثة."),
]

# ... but "after X launched Y on Tuesday" reports one
AFTER_IT_LAUNCHED = [
    ("en", "Shares rose after Nexora launched its Lumo 3 model for all users on Tuesday."),
    ("de", "Nachdem Nexora am Dienstag sein neues Modell Lumo 3 veröffentlicht hat, stieg die Aktie."),
    ("ar", "ارتفعت أسهم نكسورا بعد أن أطلقت نموذجها الجديد لومو 3 لجميع المستخدمين يوم الثلاثاء."),
]


@pytest.mark.parametrize(("lang", "text"), TEMPORAL_BACKGROUND)
def test_temporal_background_clause(clf: Classifier, lang: str, text: str) -> None:
    assert "launch" not in _tags(clf, lang, text)


@pytest.mark.parametrize(("lang", "text"), AFTER_IT_LAUNCHED)
def test_after_it_launched_is_a_launch(clf: Classifier, lang: str, text: str) -> None:
    assert "launch" in _tags(clf, lang, text)


# a settlement's terms (destroying pirated copies) are not a licensing agreement
SETTLEMENT_TERMS = [
    ("en", "Under the agreement, Nexora will destroy the copies it downloaded from shadow libraries."),
    ("en", "Under the deal, Nexora must delete the copies of the books it had pirated."),
]


@pytest.mark.parametrize(("lang", "text"), SETTLEMENT_TERMS)
def test_settlement_terms_are_not_licensing(clf: Classifier, lang: str, text: str) -> None:
    assert "licensing" not in _tags(clf, lang, text)
