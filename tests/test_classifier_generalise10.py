"""Issue 13, round 10: launch and lawsuit on text written like real pages, English and French first.

``tests/data/classifier_generalise10.jsonl`` holds 36 stories of ours (en 10, fr 10, de 6, es 5, ar 5), 7-12
sentences each with datelines, quotes, company background and catchy headlines: 17 with no event but dense
in launch and lawsuit vocabulary (a hands-on review, a benchmark comparison, an earnings call, a lawyer's
op-ed, a law coming into force, a roadmap interview, a regulator's consultation, a trial's anniversary, a
feature explainer, a test report, a guest column), 15 launches and suits in wordings the rules did not know
(a launch told through its price and availability, "now shipping", "goes live", "débarque", "est arrivé",
"kommt nach Deutschland", "llega a", a beta opened, a suit told through its plaintiffs, "porte plainte",
"saisit la justice", "verklagt", "Klage eingereicht", "demanda", "رفعت دعوى"), and 4 two-event stories whose
headline event decides the primary. Written and committed before the classifier was run on it (commit
1ffc40f); then micro-F1 0.643, primary 0.472, no-event untagged 5/17; launch P 0.78 R 0.58 (5 launches
missed: pricing and availability, now shipping, est arrivé, a beta opened, "bat bi-imkan" in Arabic),
lawsuit P 0.55 (9 no-event stories tagged: courts as a prospect, a lawyer's op-ed, a consultation, a law
coming into force), 3 licensing and 1 investment false tags (files owned by another engineer).

The sense cases below are our own sentences for each class fixed in round 10 and its probes, in
en/fr/de/es/ar where the wording exists, each group with controls that keep the tag:

- launch recall: now shipping; arrived on a platform or at a time; a beta opened; downloadable or
  purchasable from a day, a waiting list ended, "بات بإمكان المستخدمين"; a product launched in a country; a
  named or versioned product right after the verb ("released o5-mini", "a publié jeudi GPT-5.5"); out or
  live now, made free for all; "fait son apparition", "gibt es jetzt", "bietet ... seit heute an", "geht in
  den Verkauf", "aterriza en";
- launch, not a release: availability as a point in time ("since its models became available"), a next
  version in a temporal clause ("when the next generation arrives"), on sale for a while, a past arrival by
  its reception, a bare-plural habit ("Labs release whatever number ..."), quarterly figures released, a
  person who "ist da", a past date, the publisher's own app or newsletter in page boilerplate, a fix rolled
  out after an outage, a launch recounted in the first person ("when we launched");
- launch, not a release (third probe round): a habit with its frequency after the verb ("ships new features
  almost every week"), a launch last quarter or season, a generic plural class as subject ("Les entreprises
  déploient", "Las empresas lanzan"), launches over a past period ("lancés ces deux dernières années");
  a launch as the point in time of another event ("after its image model launched"), postponed in the
  active voice ("a repoussé à l'an prochain la sortie de"); a device "that ships with" a model, an
  agreement presented ("el acuerdo que ambas compañías han presentado"); recall: "puso en marcha ... una
  aplicación", "ya puede descargarse";
- launch recall (second probe round): a versioned or marked name right after the verb in fr/de/es ("a
  dévoilé Firefly Image 5", "lance officiellement Alexa+", "hat Alexa+ ... eingeführt", "ha lanzado Alexa+"),
  available at once or from a named day, early access, "généralise ... à tous", "rend ... gratuit pour tous",
  weights or a model put on Hugging Face, "can now access ... on WhatsApp";
- lawsuit, not a proceeding: a court as a prospect or a question ("could end up in court", "ob ... vor
  Gericht Bestand haben"), nobody sued, whether to sue, whoever sues, a suit as a kind ("every new
  complaint", "eine Klage ist"), unnamed rulings so far, a hypothetical verdict, litigation considered, a
  power to fine, a lawyer's speciality, a sanction negated, a ruling as a task's object; a judgement as an
  opinion ("unser Urteil", "juicio de valor"), the court of public opinion, "beklagt" (laments), "im Prozess
  der Entwicklung", damages demanded;
- lawsuit (second probe round): a review's verdict ("the verdict: useful"), courts in general that have
  barely begun to answer, a legal question ("Faut-il un juge ... ?", "¿Puede un chatbot difamar?"), a
  figurative trial ("procès en sorcellerie"); recall: "obtenu gain de cause", "le dio la razón";
- lawsuit (third probe round): litigation as a risk or a cost ("litigation risk", "risques de
  contentieux", "Klagerisiken", "riesgo de litigios"), a profession ("plaintiffs' lawyers"), suits as
  documents drafted with AI ("Klageschriften entwerfen");
- lawsuit recall: "Strafanzeige erstattet", "Beschwerde eingelegt", "denunciar ante la justicia", "multado";
- primary: a headline's leading participle or circumstance phrase ("Sued by authors on Monday, Anthropic
  ships ...", "Accusée de plagiat, Suno lance ...") is context: the main clause's event is the primary.
"""

from __future__ import annotations

import pytest

from services.classifier.engine import Classifier
from services.classifier.evaluate import evaluate, read_jsonl
from tests.support import REPO

GENERALISE10 = REPO / "tests" / "data" / "classifier_generalise10.jsonl"
MINE = frozenset({"launch", "lawsuit"})


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier()


def test_own_generalisation_set_round_ten(clf: Classifier) -> None:
    records = read_jsonl(GENERALISE10)
    assert len(records) == 36
    counts = {lang: sum(r["lang"] == lang for r in records) for lang in ("en", "fr", "de", "es", "ar")}
    assert counts == {"en": 10, "fr": 10, "de": 6, "es": 5, "ar": 5}
    assert sum(not r["tags"] for r in records) == 17
    assert sum(len(r["tags"]) == 2 for r in records) == 4
    report = evaluate(records, clf)
    # after round 10: 0.902 / 0.917 / 14 of 17 with the licensing and investment rules as they were (their
    # false tags are the other files' to fix), launch and lawsuit recall 1.00
    assert report.no_event == 17 and report.no_event_untagged >= 14, report.as_dict()
    assert report.micro_f1 >= 0.89 and report.primary_accuracy >= 0.9, report.as_dict()
    launch, lawsuit = report.per_tag["launch"], report.per_tag["lawsuit"]
    assert launch.precision >= 0.99 and launch.recall >= 0.99, report.as_dict()
    assert lawsuit.precision >= 0.9 and lawsuit.recall >= 0.99, report.as_dict()


L, W = "launch", "lawsuit"

# (class, lang, title, text, expected tags among launch and lawsuit)
CASES: list[tuple[str, str, str, str, set[str]]] = [
    # ---- launch recall: now shipping
    (
        "now shipping",
        "en",
        "",
        "Lumen's AI pendant is now shipping to buyers in the US, the start-up said on Monday.",
        {L},
    ),
    (
        "now shipping",
        "fr",
        "",
        "Les premières livraisons des lunettes de la start-up ont commencé lundi en France.",
        {L},
    ),
    ("now shipping", "de", "", "Die KI-Brille wird seit Montag an die ersten Kunden ausgeliefert.", {L}),
    ("now shipping", "es", "", "Las gafas inteligentes ya se envían a los compradores de México.", {L}),
    ("now shipping", "ar", "", "بدأت الشركة شحن جهازها الجديد إلى العملاء في الإمارات يوم الاثنين.", {L}),
    ("now shipping", "en", "", "The pendant will begin shipping to buyers next month.", set()),
    ("now shipping", "fr", "", "Les premières livraisons des lunettes commenceront au printemps.", set()),
    ("now shipping", "de", "", "Die KI-Brille soll ab März an die Kunden ausgeliefert werden.", set()),
    ("now shipping", "ar", "", "ستبدأ الشركة شحن الجهاز الجديد إلى العملاء الشهر المقبل.", set()),
    # ---- arrived on a platform or at a time
    ("arrived", "en", "", "Gemini 3 has arrived on Android phones, Google said on Tuesday.", {L}),
    ("arrived", "fr", "", "Grok 5, le nouveau modèle de xAI, est arrivé jeudi soir sur l'application.", {L}),
    ("arrived", "de", "", "Das neue Modell von Mistral ist da und steht allen Nutzern offen.", {L}),
    ("arrived", "es", "", "El nuevo asistente de Meta ha llegado a España con voz propia.", {L}),
    ("arrived", "ar", "", "وصل المساعد الجديد إلى مستخدمي التطبيق في مصر هذا الأسبوع.", {L}),
    ("arrived", "en", "", "The moment has arrived for Europe to build its own models.", set()),
    ("arrived", "fr", "", "Le nouveau patron de Mistral est arrivé chez Renault mardi matin.", set()),
    (
        "arrived",
        "fr",
        "",
        "L'application Lumo est arrivée en France l'an dernier et compte 2 millions d'utilisateurs.",
        set(),
    ),
    ("arrived", "de", "", "Der neue Chef von Aleph Alpha ist da und will das Modell neu ausrichten.", set()),
    (
        "arrived",
        "es",
        "",
        "El avión con los directivos de OpenAI aterriza en Madrid para presentar su plan.",
        set(),
    ),
    (
        "arrived",
        "ar",
        "",
        "وصل شات جي بي تي إلى المستخدمين العرب قبل عامين، ولا يزال الأكثر استخداما.",
        set(),
    ),
    # ---- a beta opened
    ("beta opened", "en", "", "Udio opened the beta of its app to users in Mexico on Thursday.", {L}),
    ("beta opened", "fr", "", "Mistral a ouvert la bêta de son agent aux développeurs européens.", {L}),
    ("beta opened", "de", "", "Aleph Alpha öffnet die Beta seines Assistenten für Firmenkunden.", {L}),
    ("beta opened", "es", "", "Udio abrió este jueves la beta de su aplicación a usuarios de Chile.", {L}),
    ("beta opened", "ar", "", "فتحت الشركة النسخة التجريبية من تطبيقها أمام المستخدمين في السعودية.", {L}),
    ("beta opened", "en", "", "The company will open the beta to all users next month.", set()),
    ("beta opened", "fr", "", "Mistral ouvrira la bêta de son agent au printemps.", set()),
    ("beta opened", "es", "", "Udio abrirá la beta de su aplicación en España el año próximo.", set()),
    # ---- downloadable or purchasable from a day, a waiting list ended, users can now (ar)
    (
        "from a day",
        "en",
        "",
        "The browser can be downloaded by anyone in the US as of Wednesday, ending a waiting list.",
        {L},
    ),
    ("from a day", "fr", "", "L'application peut être téléchargée depuis mardi, sans liste d'attente.", {L}),
    ("from a day", "de", "", "Die App kann seit Dienstag in Deutschland heruntergeladen werden.", {L}),
    ("from a day", "es", "", "La aplicación puede descargarse desde este jueves en España.", {L}),
    ("from a day", "ar", "", "بات بإمكان المستخدمين الاشتراك في التطبيق ابتداء من اليوم الثلاثاء.", {L}),
    (
        "from a day",
        "en",
        "",
        "The browser could be downloaded by anyone from Wednesday if regulators agree.",
        set(),
    ),
    ("from a day", "ar", "", "سيصبح بإمكان المستخدمين الاشتراك في التطبيق الشهر المقبل.", set()),
    # ---- a product launched in a market
    (
        "in a country",
        "en",
        "",
        "Suno launches its song maker Chirp in the UK with a monthly subscription.",
        {L},
    ),
    ("in a country", "fr", "", "Suno lance son studio de création musicale en France.", {L}),
    ("in a country", "de", "", "Suno startet seinen Musikdienst in Deutschland.", {L}),
    ("in a country", "es", "", "Suno lanza su Studio para músicos en España.", {L}),
    ("in a country", "en", "", "OpenAI launches its lobbying campaign in the UK.", set()),
    ("in a country", "fr", "", "Mistral lance son offensive commerciale en Europe.", set()),
    ("in a country", "de", "", "OpenAI startet seine Kampagne in Deutschland.", set()),
    ("in a country", "es", "", "OpenAI lanza su campaña en España.", set()),
    # ---- a named or versioned product after the verb; out or live now; new idioms
    ("named product", "en", "", "OpenAI released o5-mini on Thursday.", {L}),
    ("named product", "en", "", "OpenAI on Tuesday introduced Sora 3 to ChatGPT Plus users.", {L}),
    ("named product", "fr", "", "OpenAI a publié jeudi GPT-5.5 pour tous les utilisateurs.", {L}),
    (
        "named product",
        "en",
        "",
        "Microsoft released its quarterly earnings on Tuesday; Copilot revenue was not broken out.",
        set(),
    ),
    (
        "named product",
        "fr",
        "",
        "La CNIL a publié jeudi sa version finale des recommandations sur l'IA générative.",
        set(),
    ),
    ("out or live", "en", "", "Anthropic's coding agent is now live for all Pro subscribers.", {L}),
    ("out or live", "en", "", "xAI has made Grok 5 free for all users on X.", {L}),
    ("out or live", "en", "", "Sam Altman is out as chief executive, the board said on Friday.", set()),
    (
        "out or live",
        "en",
        "",
        "The feature was made free for all users in 2024 and withdrawn a year later.",
        set(),
    ),
    (
        "idiom",
        "fr",
        "",
        "L'assistant Meta AI fait son apparition dans WhatsApp en France à partir de ce mardi.",
        {L},
    ),
    ("idiom", "fr", "", "ChatGPT a fait son apparition en France il y a trois ans.", set()),
    ("idiom", "de", "", "Anthropic bietet Claude seit heute Unternehmenskunden in Deutschland an.", {L}),
    ("idiom", "de", "", "Das KI-Phone der Telekom geht am Freitag in den Verkauf.", {L}),
    ("idiom", "de", "", "Apple Intelligence gibt es jetzt noch nicht in Deutschland.", set()),
    ("idiom", "es", "", "Meta AI aterriza en WhatsApp en España con voz propia.", {L}),
    # ---- launch as background
    (
        "point in time",
        "en",
        "",
        "Gemini was the cheapest, a point Google has pressed since its models became available to"
        " developers.",
        set(),
    ),
    (
        "point in time",
        "fr",
        "",
        "Depuis que l'outil est disponible, les ventes de la société ont doublé.",
        set(),
    ),
    ("point in time", "de", "", "Seit das Modell verfügbar ist, wächst die Zahl der Nutzer.", set()),
    ("point in time", "es", "", "Desde que la aplicación está disponible, los usuarios han crecido.", set()),
    ("point in time", "ar", "", "منذ أن أصبح التطبيق متاحا، تضاعف عدد المستخدمين.", set()),
    ("point in time", "en", "", "Its models became available to developers in Europe on Tuesday.", {L}),
    (
        "next version",
        "en",
        "",
        "We will rerun the comparison of models when the next generation arrives.",
        set(),
    ),
    (
        "next version",
        "fr",
        "",
        "Quand la prochaine version de Le Chat sortira, Mistral promet un mode vocal.",
        set(),
    ),
    (
        "next version",
        "de",
        "",
        "Wenn die nächste Generation von ChatGPT erscheint, will OpenAI auch ein Gerät zeigen.",
        set(),
    ),
    (
        "next version",
        "es",
        "",
        "Cuando llegue la próxima versión de Gemini, Google promete más funciones.",
        set(),
    ),
    ("next version", "ar", "", "عندما يصل الجيل المقبل من النموذج، تعد الشركة بميزات جديدة.", set()),
    ("next version", "en", "", "The next generation of Pixel phones went on sale in the US on Tuesday.", {L}),
    (
        "next version",
        "fr",
        "",
        "La nouvelle version de Le Chat est disponible dès aujourd'hui pour tous les utilisateurs.",
        {L},
    ),
    (
        "for a while",
        "en",
        "",
        "The phone has been on sale for a couple of months now, and the update arrived with little fanfare.",
        set(),
    ),
    (
        "for a while",
        "fr",
        "",
        "Les lunettes connectées de Meta sont commercialisées en France depuis plusieurs mois.",
        set(),
    ),
    (
        "for a while",
        "es",
        "",
        "Los asistentes están disponibles desde hace meses en España; los comparamos.",
        set(),
    ),
    ("for a while", "ar", "", "النظارة الذكية متوفرة في الأسواق منذ أشهر، وقد جربناها أسبوعا.", set()),
    ("for a while", "en", "", "Samsung's AI fridge went on sale in the US on Monday for $3,999.", {L}),
    (
        "for a while",
        "fr",
        "",
        "Les lunettes connectées de Meta sont commercialisées en France depuis jeudi.",
        {L},
    ),
    (
        "habit",
        "en",
        "",
        '"Labs release whatever number flatters the model that just shipped," she said.',
        set(),
    ),
    ("habit", "en", "", "Both labs released new models on Tuesday, Mistral said.", {L}),
    # ---- the publisher's own app or newsletter, a fix after an outage, a launch told in the first person
    (
        "boilerplate",
        "en",
        "",
        "Download our app, now available on iOS and Android, to get breaking news alerts.",
        set(),
    ),
    ("boilerplate", "en", "", "Sign up for our newsletter, now available to all readers for free.", set()),
    ("boilerplate", "fr", "", "Notre application est disponible gratuitement sur iOS et Android.", set()),
    ("boilerplate", "de", "", "Unsere neue App ist jetzt im App Store verfügbar.", set()),
    ("boilerplate", "es", "", "Nuestra aplicación ya está disponible en iOS y Android.", set()),
    ("boilerplate", "en", "", "Perplexity's app is now available on iOS and Android.", {L}),
    ("boilerplate", "fr", "", "L'application de Mistral est désormais disponible sur iOS et Android.", {L}),
    ("fix", "en", "", "The chatbot went down on Tuesday; the company said it had rolled out a fix.", set()),
    ("fix", "fr", "", "Le chatbot a connu une panne mardi ; l'entreprise a déployé un correctif.", set()),
    ("fix", "es", "", "El asistente falló el martes y la empresa desplegó un parche en dos horas.", set()),
    ("fix", "en", "", "The company rolled out a new voice mode to all users on Tuesday.", {L}),
    (
        "first person",
        "en",
        "",
        '"When we launched Le Chat, nobody expected it to work," Arthur Mensch said.',
        set(),
    ),
    (
        "first person",
        "fr",
        "",
        "« Quand nous avons lancé Le Chat, personne ne pensait que cela marcherait », dit-il.",
        set(),
    ),
    (
        "first person",
        "es",
        "",
        "«Cuando lanzamos la aplicación, nadie la usaba», recuerda la fundadora.",
        set(),
    ),
    (
        "first person",
        "fr",
        "",
        "« Nous avons lancé mardi notre nouvel assistant pour tous les utilisateurs », dit-il.",
        {L},
    ),
    # ---- a versioned or marked name after the verb, with no product noun (fr/de/es); not a count or a date
    ("versioned name", "en", "", "Adobe unveiled Firefly Image 5 at its Max conference on Tuesday.", {L}),
    ("versioned name", "fr", "", "Adobe a dévoilé Firefly Image 5 lors de sa conférence Max, mardi.", {L}),
    ("versioned name", "fr", "", "Amazon lance officiellement Alexa+ en France ce jeudi.", {L}),
    ("versioned name", "de", "", "Amazon hat Alexa+ in Deutschland eingeführt.", {L}),
    ("versioned name", "es", "", "Amazon ha lanzado Alexa+ en España este jueves.", {L}),
    ("versioned name", "en", "", "The chatbot launched in 40 countries last spring.", set()),
    (
        "versioned name",
        "de",
        "",
        "Google hat Gemini 2 im Jahr 2024 vorgestellt, das Modell ist inzwischen veraltet.",
        set(),
    ),
    (
        "versioned name",
        "es",
        "",
        "Meta presentó Llama 3 en 2024 y desde entonces ha lanzado varias versiones.",
        set(),
    ),
    (
        "versioned name",
        "fr",
        "",
        "Le gouvernement lance officiellement France 2030 pour l'intelligence artificielle.",
        set(),
    ),
    # ---- available at once, early access, rolled out or made free for all, put on Hugging Face
    (
        "at once",
        "en",
        "",
        "Alibaba open-sourced Qwen 4 on Tuesday, posting the weights on Hugging Face.",
        {L},
    ),
    ("at once", "en", "", "ElevenLabs' new v4 model is available via its API starting Monday.", {L}),
    ("at once", "en", "", "Users in the EU can now access Meta AI on WhatsApp.", {L}),
    (
        "at once",
        "fr",
        "",
        "OpenAI a annoncé jeudi GPT-5.2, immédiatement disponible pour les abonnés payants.",
        {L},
    ),
    (
        "at once",
        "fr",
        "",
        "Le nouveau modèle de Mistral est proposé en accès anticipé aux développeurs.",
        {L},
    ),
    ("at once", "fr", "", "Microsoft généralise Copilot à tous les utilisateurs de Windows 11.", {L}),
    ("at once", "fr", "", "xAI rend Grok 5 gratuit pour tous les utilisateurs de X.", {L}),
    ("at once", "de", "", "DeepL hat sein neues Sprachmodell auf Hugging Face veröffentlicht.", {L}),
    (
        "at once",
        "es",
        "",
        "La nueva versión del asistente está disponible de inmediato para los usuarios.",
        {L},
    ),
    (
        "at once",
        "en",
        "",
        "The company's spokesman was not available immediately for comment on the model.",
        set(),
    ),
    (
        "at once",
        "en",
        "",
        "Researchers posted a dataset of 10,000 chatbot conversations on Hugging Face.",
        set(),
    ),
    (
        "at once",
        "fr",
        "",
        "Les fonds sont immédiatement disponibles pour la start-up, selon les investisseurs.",
        set(),
    ),
    (
        "at once",
        "fr",
        "",
        "Les poids du modèle sont disponibles sur Hugging Face depuis l'an dernier.",
        set(),
    ),
    ("at once", "de", "", "Die Fördermittel sind sofort verfügbar, teilte das Ministerium mit.", set()),
    ("at once", "es", "", "Los fondos están disponibles de inmediato para la empresa.", set()),
    ("at once", "ar", "", "الأموال متاحة فورا للشركة الناشئة بحسب المستثمرين.", set()),
    ("at once", "ar", "", "أصبح التطبيق الجديد متاحا فورا لجميع المستخدمين.", {L}),
    # ---- a habit with its frequency, last quarter, a generic plural subject, a past period
    (
        "habit",
        "en",
        "",
        "OpenAI ships new features almost every week, a pace rivals struggle to match.",
        set(),
    ),
    (
        "habit",
        "en",
        "",
        "New agents are unveiled every week, but few companies use them in production.",
        set(),
    ),
    ("habit", "en", "", "Intel is cutting jobs; it launched a new chip last quarter.", set()),
    (
        "habit",
        "fr",
        "",
        "Les entreprises déploient des agents d'IA dans leurs services clients, selon une enquête.",
        set(),
    ),
    ("habit", "fr", "", "Ses puces équipent la plupart des modèles lancés ces deux dernières années.", set()),
    ("habit", "es", "", "Las empresas lanzan asistentes de IA para sus clientes, según una encuesta.", set()),
    (
        "habit",
        "fr",
        "",
        "Les deux entreprises déploient mardi un assistant commun pour tous leurs clients.",
        {L},
    ),
    ("habit", "es", "", "Telefónica y Google lanzan este martes un asistente común para sus clientes.", {L}),
    # ---- a launch as the point in time of another event, a launch postponed in the active voice
    (
        "after",
        "en",
        "",
        "ChatGPT stays ahead of Gemini, which climbed after its image model launched.",
        set(),
    ),
    ("after", "fr", "", "Apple a repoussé à l'an prochain la sortie de sa nouvelle version de Siri.", set()),
    (
        "after",
        "es",
        "",
        "Apple ha aplazado al año que viene el lanzamiento de su nueva versión de Siri.",
        set(),
    ),
    ("after", "en", "", "Nvidia shares rose after the company launched a new chip on Tuesday.", {L}),
    ("after", "fr", "", "Apple a lancé mardi la nouvelle version de Siri, repoussée depuis un an.", {L}),
    # ---- Arabic: "سوف" (will) only as a word, not inside مايكروسوفت (Microsoft);
    # glasses in any form; users can now talk to a named assistant
    ("arabic", "ar", "", "أتاحت مايكروسوفت مساعدها كوبايلوت مجانا لجميع مستخدمي ويندوز 11.", {L}),
    ("arabic", "ar", "", "سوف تتيح مايكروسوفت مساعدها كوبايلوت مجانا لجميع المستخدمين.", set()),
    ("arabic", "ar", "", "طرحت ميتا نظارتها الذكية الجديدة في أسواق الإمارات بسعر 1500 درهم.", {L}),
    (
        "arabic",
        "ar",
        "",
        "أصبح بإمكان المستخدمين في مصر التحدث مع جيميناي باللغة العربية بدءا من اليوم.",
        {L},
    ),
    (
        "arabic",
        "ar",
        "",
        "سيصبح بإمكان المستخدمين في مصر التحدث مع جيميناي باللغة العربية العام المقبل.",
        set(),
    ),
    ("arabic", "en", "", "Microsoft will make Copilot free for all Windows 11 users next year.", set()),
    ("arabic", "ar", "", "وقعت الشركة عقد شراكة، ثم رفعت دعوى أمام المحكمة ضد منافسها.", {W}),
    ("arabic", "ar", "", "قد تجد الشركة نفسها أمام المحكمة إذا خالفت القانون.", set()),
    # ---- a device that ships with a model, an agreement presented, put into operation (es)
    ("agreement", "en", "", "Sony will pay a fee for every device that ships with the models.", set()),
    ("agreement", "en", "", "The two companies unveiled a five-year partnership on models and chips.", set()),
    (
        "agreement",
        "es",
        "",
        "El acuerdo que ambas compañías han presentado este jueves cubre sus modelos.",
        set(),
    ),
    ("agreement", "fr", "", "Les deux groupes ont présenté un accord sur les modèles d'IA.", set()),
    (
        "agreement",
        "es",
        "",
        "La empresa puso en marcha Eco, una aplicación que ya puede descargarse en iPhone.",
        {L},
    ),
    ("agreement", "es", "", "El Gobierno puso en marcha un plan para las aplicaciones de IA.", set()),
    (
        "agreement",
        "en",
        "",
        "Sony's new console ships to buyers in Europe on Friday with the models built in.",
        {L},
    ),
    # ---- lawsuit: a court as a prospect or a question, nobody sued
    (
        "prospect",
        "en",
        "",
        "Lawyers expect the first disputes over the rules to reach the Court of Justice within a few years.",
        set(),
    ),
    (
        "prospect",
        "fr",
        "",
        "Ces obligations pourraient finir devant les tribunaux, selon les avocats.",
        set(),
    ),
    (
        "prospect",
        "de",
        "",
        "Ob die Vorgaben vor Gericht Bestand haben, wird sich erst in einigen Jahren zeigen.",
        set(),
    ),
    (
        "prospect",
        "de",
        "",
        "„Niemand wird am Montag verklagt, aber die Uhr läuft“, sagte die Anwältin.",
        set(),
    ),
    (
        "prospect",
        "es",
        "",
        "Las obligaciones podrían acabar en los tribunales si chocan con el reglamento europeo.",
        set(),
    ),
    ("prospect", "ar", "", "قال محام إن الشركات قد تجد نفسها أمام القضاء خلال عام.", set()),
    (
        "prospect",
        "en",
        "",
        "The dispute reached the Court of Justice, which ruled against Meta on Tuesday.",
        {W},
    ),
    ("prospect", "fr", "", "L'affaire a fini devant le tribunal, qui a condamné la société mardi.", {W}),
    ("prospect", "de", "", "Das Landgericht München hat OpenAI am Dienstag verurteilt.", {W}),
    ("prospect", "es", "", "El tribunal condenó a la empresa a pagar una multa.", {W}),
    ("prospect", "ar", "", "رفعت الشركة دعوى أمام المحكمة يوم الاثنين.", {W}),
    # ---- whether to sue, whoever sues, a suit as a kind
    ("a kind", "en", "", "Clients keep asking me whether to sue AI companies.", set()),
    ("a kind", "en", "", "Every new complaint is mostly an opening bid.", set()),
    ("a kind", "fr", "", "Un auteur me demande s'il doit porter plainte contre un chatbot.", set()),
    ("a kind", "de", "", "Ein Mandant fragt, ob er einen KI-Anbieter verklagen soll.", set()),
    (
        "a kind",
        "de",
        "",
        "Wer in Deutschland klagt, muss nachweisen, dass seine Werke in den Trainingsdaten stecken.",
        set(),
    ),
    ("a kind", "de", "", "Eine Klage ist ein Druckmittel, kein Geschäftsmodell.", set()),
    ("a kind", "es", "", "Los autores no saben si deben demandar a las empresas de IA.", set()),
    ("a kind", "en", "", "The authors sued OpenAI in federal court on Monday.", {W}),
    ("a kind", "fr", "", "Le syndicat a porté plainte contre Midjourney lundi.", {W}),
    ("a kind", "de", "", "Der Verlag verklagt Google wegen der KI-Übersichten.", {W}),
    ("a kind", "es", "", "Los editores han presentado una demanda contra OpenAI.", {W}),
    # ---- unnamed rulings so far, a hypothetical verdict
    ("rulings so far", "en", "", "The few rulings so far point in different directions.", set()),
    ("rulings so far", "en", "", "Even a clear verdict would be appealed.", set()),
    ("rulings so far", "fr", "", "Les décisions rendues jusqu'ici vont dans des sens différents.", set()),
    ("rulings so far", "de", "", "Die bisherigen Urteile widersprechen sich in zentralen Punkten.", set()),
    ("rulings so far", "es", "", "Incluso una sentencia favorable sería recurrida.", set()),
    ("rulings so far", "en", "", "The judge's ruling on Tuesday sided with the authors.", {W}),
    ("rulings so far", "de", "", "Das Urteil des Landgerichts Köln fiel am Dienstag.", {W}),
    # ---- litigation considered, a power to fine, a lawyer's speciality, a negated sanction, a task
    ("considered", "en", "", "Several publishers are considering legal action against AI developers.", set()),
    (
        "considered",
        "fr",
        "",
        "Plusieurs éditeurs envisagent des recours contre des développeurs d'IA.",
        set(),
    ),
    ("considered", "de", "", "Mehrere Verlage erwägen eine Klage gegen KI-Firmen.", set()),
    ("considered", "es", "", "Varios editores estudian demandar a las empresas de IA.", set()),
    ("considered", "ar", "", "تدرس دور نشر مقاضاة شركات الذكاء الاصطناعي.", set()),
    (
        "considered",
        "fr",
        "",
        "Le régulateur peut infliger des amendes allant jusqu'à 4 % du chiffre d'affaires.",
        set(),
    ),
    ("considered", "ar", "", "وقال محام متخصص في قضايا التقنية إن القواعد واضحة.", set()),
    (
        "considered",
        "fr",
        "",
        "« Nous ne sanctionnons pas, nous clarifions », dit la présidente de la CNIL.",
        set(),
    ),
    ("considered", "es", "", "Pedimos al asistente resumir una sentencia del Supremo.", set()),
    ("considered", "en", "", "We asked the chatbot to summarise a court ruling.", set()),
    ("considered", "fr", "", "La CNIL a infligé une amende de 20 millions d'euros à Clearview AI.", {W}),
    ("considered", "en", "", "Several publishers took legal action against AI developers on Monday.", {W}),
    # ---- legal words in another sense
    ("other sense", "de", "", "Unser Urteil nach zwei Wochen: Das Modell ist schnell, aber ungenau.", set()),
    ("other sense", "de", "", "Die Verlagsbranche beklagt fehlende Regeln für KI-Anbieter.", set()),
    ("other sense", "de", "", "Im Prozess der Entwicklung hat das Team das Modell neu trainiert.", set()),
    ("other sense", "de", "", "Die Autoren fordern Schadenersatz von den KI-Firmen.", set()),
    ("other sense", "en", "", "In the court of public opinion, OpenAI is losing.", set()),
    (
        "other sense",
        "fr",
        "",
        "Devant le tribunal de l'opinion, les géants de l'IA perdent la bataille.",
        set(),
    ),
    (
        "other sense",
        "es",
        "",
        "Es un juicio de valor decir que la IA destruye empleo, afirma el ministro.",
        set(),
    ),
    ("other sense", "ar", "", "حكم المستخدمين على التطبيق الجديد كان قاسيا.", set()),
    ("other sense", "de", "", "Die Beklagte hat gegen das Urteil Berufung eingelegt.", {W}),
    ("other sense", "de", "", "Der Prozess gegen den Chatbot-Betreiber beginnt im Mai.", {W}),
    # ---- a review's verdict, courts in general, a legal question, a figurative trial
    ("topic", "en", "", "We tried ChatGPT's new agent on real tasks; the verdict: useful, but slow.", set()),
    ("topic", "fr", "", "Un chatbot peut-il diffamer ? La justice commence à peine à répondre.", set()),
    (
        "topic",
        "fr",
        "",
        "Faut-il un juge spécialisé pour les litiges liés à l'IA ? Le débat agite les juristes.",
        set(),
    ),
    (
        "topic",
        "fr",
        "",
        "Les défenseurs de l'IA dénoncent un procès en sorcellerie contre les générateurs.",
        set(),
    ),
    (
        "topic",
        "de",
        "",
        "Darf ein Chatbot Menschen verleumden? Die Gerichte haben sich damit kaum befasst.",
        set(),
    ),
    ("topic", "es", "", "¿Puede un chatbot difamar? Los tribunales apenas han empezado a responder.", set()),
    ("topic", "en", "", "The courts ruled on Tuesday that the chatbot had defamed the mayor.", {W}),
    ("topic", "fr", "", "La justice a condamné mardi l'éditeur du chatbot pour diffamation.", {W}),
    ("topic", "de", "", "Die Gerichte in Köln und Hamburg haben die Klagen abgewiesen.", {W}),
    ("topic", "es", "", "Los tribunales de Madrid condenaron a la empresa por difamación.", {W}),
    ("topic", "fr", "", "Les auteurs ont obtenu gain de cause contre Anthropic devant le juge.", {W}),
    # ---- litigation as a risk or cost, a profession, suits as documents drafted with AI
    (
        "risk",
        "en",
        "",
        "In its annual report, the company lists litigation risk among the threats to its AI business.",
        set(),
    ),
    (
        "risk",
        "en",
        "",
        "Plaintiffs' lawyers are using chatbots to sift through documents faster, a survey found.",
        set(),
    ),
    (
        "risk",
        "fr",
        "",
        "Le rapport annuel cite les risques de contentieux parmi les menaces pour l'activité.",
        set(),
    ),
    (
        "risk",
        "de",
        "",
        "Kanzleien nutzen KI, um Klageschriften schneller zu entwerfen, zeigt eine Umfrage.",
        set(),
    ),
    (
        "risk",
        "es",
        "",
        "El informe anual cita el riesgo de litigios entre las amenazas para el negocio.",
        set(),
    ),
    ("risk", "en", "", "The company said the litigation with the authors was settled on Monday.", {W}),
    (
        "risk",
        "de",
        "",
        "Die Kläger haben beim Landgericht eine Klageschrift gegen den Konzern eingereicht.",
        {W},
    ),
    # ---- lawsuit recall
    ("recall", "de", "", "Ein Politiker hat Strafanzeige gegen den Betreiber eines Chatbots erstattet.", {W}),
    ("recall", "de", "", "Noyb hat bei der Datenschutzbehörde Beschwerde gegen OpenAI eingelegt.", {W}),
    ("recall", "es", "", "Un grupo de editores ha denunciado a OpenAI ante la justicia.", {W}),
    ("recall", "es", "", "La AEPD ha multado a Clearview AI con 20 millones de euros.", {W}),
    ("recall", "de", "", "Der Politiker droht mit einer Strafanzeige gegen den Betreiber.", set()),
    ("recall", "es", "", "Los editores amenazan con acudir a la justicia.", set()),
]


@pytest.mark.parametrize(("cls", "lang", "title", "text", "expected"), CASES)
def test_round_ten_senses(
    clf: Classifier, cls: str, lang: str, title: str, text: str, expected: set[str]
) -> None:
    c = clf.classify(title, text, lang)
    got = {t.name for t in c.tags} & MINE
    assert got == expected, (cls, [(t.name, t.score, [e.text for e in t.evidence]) for t in c.tags])


# (lang, title, text, primary): a headline's leading participle or circumstance phrase is context
PRIMARY: list[tuple[str, str, str, str]] = [
    (
        "en",
        "Sued by authors on Monday, Anthropic ships a new Claude on Tuesday",
        "Anthropic released Claude Haiku 5 to all users on Tuesday. A day earlier, novelists sued the"
        " company in"
        " federal court.",
        L,
    ),
    (
        "fr",
        "Accusée de plagiat, Suno lance son studio en France",
        "Suno a mis en ligne mardi son logiciel de création musicale, trois semaines après avoir été"
        " assignée en"
        " justice par la Sacem. L'outil est disponible dès aujourd'hui.",
        L,
    ),
    (
        "es",
        "Demandada en EE. UU., Udio abre su beta en México",
        "Udio abrió este jueves la beta de su aplicación a usuarios de México. La empresa se defiende de una"
        " demanda de las discográficas en Nueva York.",
        L,
    ),
    (
        "de",
        "Verklagt von Autoren, bringt Anthropic ein neues Modell heraus",
        "Anthropic hat am Dienstag ein neues Modell veröffentlicht. Am Montag hatten Autoren den Konzern"
        " vor dem"
        " Landgericht verklagt.",
        L,
    ),
    # controls: the suit in the main clause stays the primary
    (
        "en",
        "Authors sue Anthropic, which ships a new Claude",
        "Novelists sued Anthropic in federal court on Monday. The company released Claude Haiku 5 to all"
        " users"
        " on Tuesday.",
        W,
    ),
    (
        "fr",
        "Après le lancement de son studio, Suno est assignée en justice par la Sacem",
        "La Sacem a assigné Suno devant le tribunal judiciaire de Paris. Suno a mis en ligne mardi en"
        " France son"
        " logiciel de création musicale, disponible dès aujourd'hui.",
        W,
    ),
]


@pytest.mark.parametrize(("lang", "title", "text", "primary"), PRIMARY)
def test_round_ten_headline_phrase_is_context(
    clf: Classifier, lang: str, title: str, text: str, primary: str
) -> None:
    c = clf.classify(title, text, lang)
    assert {L, W} <= set(c.tag_names), c.tags
    assert c.primary_tag == primary, c.tags


ENGLISH_ONLY = {"out or live"}  # "is out now", "now live": English wordings


def test_every_class_has_controls_in_several_languages() -> None:
    for cls in {c[0] for c in CASES}:
        rows = [c for c in CASES if c[0] == cls]
        assert any(c[4] for c in rows) and any(not c[4] for c in rows), cls
        assert len({c[1] for c in rows}) >= (1 if cls in ENGLISH_ONLY else 2), cls
