"""A tag means the story reports the event: a licence demanded, a suit feared or warned of, a product
launch that labs "keep" making are not events. Our own sentences (written for this file) in
en/fr/de/es/ar, with controls in which the event is reported next to the same wording."""

from __future__ import annotations

import pytest

from services.classifier.engine import Classifier


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier()


NO_EVENT = [
    ("fr", "Les éditeurs réclament des licences", "Les éditeurs de presse réclament que les entreprises d'IA "
     "paient des licences pour utiliser leurs contenus. Aucun accord n'a été signé à ce stade."),
    ("de", "Verlage fordern Lizenzen", "Verlage fordern, dass KI-Firmen Lizenzen für die Nutzung ihrer "
     "Inhalte zahlen. Eine Einigung gibt es bisher nicht."),
    ("es", "Los editores exigen licencias", "Los editores exigen que las empresas de IA paguen licencias por "
     "usar sus contenidos. Todavía no hay acuerdo."),
    ("ar", "الناشرون يطالبون بتراخيص", "يطالب الناشرون شركات الذكاء الاصطناعي بدفع رسوم ترخيص لاستخدام "
     "محتواهم. ولم يتم توقيع أي اتفاق حتى الآن."),
    ("fr", "Des experts redoutent des procès", "Des juristes estiment que les entreprises d'IA pourraient "
     "faire face à des poursuites. Aucune plainte n'a encore été déposée."),
    ("fr", "Nexora retire une fonction", "Nexora a retiré une fonctionnalité de son application après des "
     "plaintes d'utilisateurs. La fonction sera corrigée."),
    ("de", "Juristen warnen vor Klagen", "Juristen warnen, dass KI-Firmen Klagen drohen könnten. Bislang "
     "wurde keine Klage eingereicht."),
    ("es", "Expertos advierten de posibles demandas", "Los expertos advierten de que las empresas de IA "
     "podrían enfrentarse a demandas. Aún no se ha presentado ninguna."),
    ("ar", "خبراء يحذرون من دعاوى", "حذر خبراء قانونيون من أن شركات الذكاء الاصطناعي قد تواجه دعاوى "
     "قضائية. ولم ترفع أي دعوى حتى الآن."),
    # a statutory maximum fine, a question about licensing, spending that "will stay high"
    ("en", "EU AI rules take effect", "The AI Act entered into force on Thursday. Companies that break the "
     "rules face fines of up to 7% of global turnover."),
    ("en", "Senators question AI firms over copyright", "Senators asked AI companies how they license the "
     "material used to train their models. The hearing did not produce any legislation."),
    ("ar", "نتائج نيكسورا", "ارتفعت إيرادات نيكسورا 40% إلى 12 مليار دولار في الربع. وقالت الشركة إن "
     "إنفاقها الرأسمالي سيبقى مرتفعا."),
    # a rollout as a trend, a past availability in a relative clause
    ("fr", "Gemini partout", "Gemini est désormais intégré à Gmail et à Docs, et Google déploie son "
     "assistant dans de plus en plus de produits. Les utilisateurs peuvent le désactiver."),
    ("de", "Gemini überall", "Gemini ist inzwischen in Gmail und Docs integriert, und Google bringt seinen "
     "Assistenten in immer mehr Produkte. Nutzer können ihn abschalten."),
    ("es", "Gemini en todas partes", "Gemini ya está integrado en Gmail y Docs, y Google despliega su "
     "asistente en cada vez más productos. Los usuarios pueden desactivarlo."),
    ("en", "Nvidia results beat forecasts", "Nvidia said demand for its Blackwell chips, which began "
     "shipping last year, remained strong. Revenue rose 60%."),
    ("en", "Nexora's assistant under review", "The data protection authority is reviewing Nexora's "
     "assistant, which became available in Europe in June. It has not opened formal proceedings."),
    ("ar", "النماذج المفتوحة", "تتيح النماذج المفتوحة من ديب سيك وميتا لأي شخص تشغيل روبوت محادثة "
     "على حاسوبه."),
    # money poured into a whole sector by investors in general: a trend
    ("en", "Is the AI boom a bubble?", "Investors have poured money into AI start-ups this year, and "
     "valuations have soared. Some analysts warn that many of them have yet to earn a profit."),
    ("fr", "Bulle ?", "Les investisseurs ont injecté des milliards dans l'IA cette année, et les "
     "valorisations s'envolent."),
    ("de", "Blase?", "Investoren haben in diesem Jahr Milliarden in KI-Start-ups gesteckt."),
    ("es", "¿Burbuja?", "Los inversores han inyectado miles de millones en la inteligencia artificial este "
     "año."),
    ("en", "Every week brings a new chatbot", "Labs keep releasing new models every few weeks, and users "
     "struggle to keep up. Most people still use one assistant, a survey found."),
]

EVENT = [
    ("licensing", "en", "Nexora signs licensing deal with the Daily Courier", "Nexora signed a licensing "
     "deal with the Daily Courier on Monday, after publishers demanded that AI firms pay for news. Nexora "
     "will pay $20 million a year to use the paper's archive to train its models."),
    ("licensing", "fr", "Nexora signe un accord de licence avec Le Quotidien", "Nexora a signé un accord de "
     "licence avec Le Quotidien, qui réclamait depuis des mois que les entreprises d'IA paient pour ses "
     "articles. L'accord permet d'entraîner ses modèles sur les archives."),
    ("licensing", "de", "Nexora schließt Lizenzvereinbarung mit Verlag", "Nexora hat eine "
     "Lizenzvereinbarung mit dem Tagesboten geschlossen. Der Verlag hatte lange gefordert, dass KI-Firmen "
     "für Inhalte zahlen. Nexora darf die Artikel nun für das Training nutzen."),
    ("licensing", "es", "Nexora firma un acuerdo de licencia con El Diario", "Nexora firmó un acuerdo de "
     "licencia con El Diario, que exigía que las empresas de IA paguen por sus noticias. El acuerdo permite "
     "usar el archivo para entrenar modelos."),
    ("licensing", "ar", "نيكسورا توقع اتفاقية ترخيص مع صحيفة", "وقعت نيكسورا اتفاقية ترخيص مع صحيفة اليوم "
     "تتيح لها استخدام أرشيف الصحيفة لتدريب نماذجها، بعد أن طالب الناشرون بالدفع مقابل المحتوى."),
    ("licensing", "en", "Music labels and Nexora settle on terms", "Three music labels reached terms with "
     "Nexora allowing its song generator to use their catalogues, with artists able to opt in."),
    ("licensing", "es", "Nexora obtiene los derechos de un archivo de imágenes", "Nexora obtuvo los derechos "
     "para usar el archivo de imágenes de Pictura en el entrenamiento de sus modelos."),
    ("lawsuit", "fr", "Le Quotidien porte plainte contre Nexora", "Le Quotidien a porté plainte contre "
     "Nexora devant le tribunal de Paris, l'accusant d'avoir copié ses articles. Des juristes redoutent "
     "d'autres procès."),
    ("lawsuit", "de", "Verlag verklagt Nexora", "Der Tagesbote hat Nexora vor dem Landgericht verklagt. "
     "Juristen warnen, dass weitere Klagen folgen könnten."),
    ("lawsuit", "es", "El Diario demanda a Nexora", "El Diario presentó una demanda contra Nexora ante un "
     "tribunal de Madrid. Los expertos advierten de que podrían llegar más demandas."),
    ("lawsuit", "ar", "صحيفة تقاضي نيكسورا", "رفعت صحيفة اليوم دعوى قضائية ضد نيكسورا أمام محكمة في دبي. "
     "وحذر خبراء من أن شركات أخرى قد تواجه دعاوى مماثلة."),
    ("lawsuit", "en", "Regulator fines Nexora", "The regulator fined Nexora $20 million on Tuesday for "
     "breaking data rules. The company could have faced fines of up to 4% of turnover."),
    ("lawsuit", "fr", "La CNIL inflige une amende à Nexora", "La CNIL a infligé une amende de 20 millions "
     "d'euros à Nexora. La société risquait des sanctions allant jusqu'à 4 % de son chiffre d'affaires."),
    ("lawsuit", "de", "Bußgeld gegen Nexora", "Die Behörde hat gegen Nexora ein Bußgeld von 20 Millionen "
     "Euro verhängt. Möglich gewesen wären Strafen von bis zu vier Prozent des Umsatzes."),
    ("lawsuit", "es", "Multa a Nexora", "La agencia impuso a Nexora una multa de 20 millones de euros. La "
     "ley prevé multas de hasta el 4 % de la facturación."),
    ("lawsuit", "de", "Streit beigelegt", "Die Verlage und Nexora haben ihren Patentstreit beigelegt."),
    ("lawsuit", "de", "Einigung", "Die Verlage und Nexora legen ihren Streit über Trainingsdaten bei."),
    ("lawsuit", "en", "Daily Courier sues Nexora", "The Daily Courier sued Nexora in federal court on "
     "Monday. Legal experts warned that other AI firms could face lawsuits."),
]


@pytest.mark.parametrize(("lang", "title", "text"), NO_EVENT)
def test_no_tag_without_a_reported_event(clf: Classifier, lang: str, title: str, text: str) -> None:
    assert clf.classify(title, text, lang).tag_names == []


@pytest.mark.parametrize(("tag", "lang", "title", "text"), EVENT)
def test_reported_event_still_tagged(clf: Classifier, tag: str, lang: str, title: str, text: str) -> None:
    c = clf.classify(title, text, lang)
    assert tag in c.tag_names and c.primary_tag == tag, c.tag_names


# licensing as background (deals with unnamed counterparts in a relative clause, other firms' deals),
# licensing as a business or a source of revenue, "whether to sign": no licensing tag
LICENSING_BACKGROUND = [
    ("lawsuit", "en", "Authors sue Nexora", "A group of authors sued Nexora on Monday, saying it trained its "
     "models on pirated books. Nexora, which has licensing deals with several news publishers, said it would "
     "fight the case."),
    ("lawsuit", "en", "Newspaper sues Nexora", "The Daily Courier sued Nexora, saying the company copied its "
     "articles. Other AI firms have struck content deals with publishers in recent months."),
    ("investment", "en", "Nexora raises $1 billion", "Nexora raised $1 billion from investors. The company "
     "makes money by licensing its models to banks and by selling subscriptions."),
    (None, "en", "Publishers debate AI deals", "At a conference in London, publishers debated whether to "
     "sign licensing agreements with AI companies. Some said such deals were a lifeline."),
    (None, "en", "AI firm's business model", "Nexora earns most of its revenue from licensing fees paid by "
     "enterprise customers who use its models, its chief financial officer said."),
    ("lawsuit", "fr", "Des auteurs poursuivent Nexora", "Des auteurs ont porté plainte contre Nexora, "
     "accusée d'avoir entraîné ses modèles sur des livres piratés. Nexora, qui a signé des accords de "
     "licence avec plusieurs éditeurs, conteste."),
    ("lawsuit", "de", "Autoren verklagen Nexora", "Autoren haben Nexora verklagt, weil die Firma ihre "
     "Modelle mit Raubkopien trainiert haben soll. Nexora, das Lizenzverträge mit mehreren Verlagen hat, "
     "weist die Vorwürfe zurück."),
    (None, "de", "Geschäftsmodell von Nexora", "Nexora verdient vor allem an Lizenzgebühren von "
     "Firmenkunden, die seine Modelle nutzen, sagte der Finanzchef."),
    ("lawsuit", "es", "Autores demandan a Nexora", "Un grupo de autores demandó a Nexora por entrenar sus "
     "modelos con libros pirateados. Nexora, que tiene acuerdos de licencia con varios editores, lo niega."),
    (None, "es", "El modelo de negocio de Nexora", "Nexora obtiene la mayor parte de sus ingresos de las "
     "licencias que pagan las empresas que usan sus modelos."),
    ("lawsuit", "ar", "مؤلفون يقاضون نيكسورا", "رفع مؤلفون دعوى قضائية ضد نيكسورا بتهمة تدريب نماذجها على "
     "كتب مقرصنة. وقالت نيكسورا التي لديها اتفاقيات ترخيص مع عدة ناشرين إنها ستطعن."),
    (None, "ar", "نموذج أعمال نيكسورا", "تحصل نيكسورا على معظم إيراداتها من رسوم الترخيص التي تدفعها "
     "الشركات التي تستخدم نماذجها."),
]

# controls: a named deal in the background stays a secondary tag; deals with several publishers reported
# as the event, and "such deals" next to a reported deal, stay licensing
LICENSING_REPORTED = [
    ("lawsuit", "en", "Authors sue Nexora", "A group of authors sued Nexora on Monday over pirated books. "
     "Nexora, which signed a licensing deal with the Daily Courier last year, said it would fight the case."),
    ("licensing", "en", "Nexora signs deal with Daily Courier", "Nexora signed a licensing deal with the "
     "Daily Courier on Monday. Such deals have become common as AI firms seek news content."),
    ("licensing", "en", "Nexora signs deals with publishers", "Nexora signed licensing deals with several "
     "publishers on Monday, including the Daily Courier, to use their archives to train its models."),
    ("licensing", "en", "Publishers sign deals with Nexora", "Several publishers signed licensing deals with "
     "Nexora on Monday, letting it train its models on their archives."),
    ("licensing", "fr", "Nexora signe avec plusieurs éditeurs", "Nexora a signé lundi des accords de "
     "licence avec plusieurs éditeurs, dont Le Quotidien, pour entraîner ses modèles sur leurs archives."),
    ("licensing", "de", "Nexora schließt Lizenzverträge", "Nexora hat am Montag Lizenzverträge mit mehreren "
     "Verlagen geschlossen, darunter der Tagesbote, um deren Archive für das Training zu nutzen."),
    ("licensing", "es", "Nexora firma con varios editores", "Nexora firmó el lunes acuerdos de licencia con "
     "varios editores, entre ellos El Diario, para entrenar sus modelos con sus archivos."),
    ("licensing", "ar", "نيكسورا توقع مع عدة ناشرين", "وقعت نيكسورا يوم الاثنين اتفاقيات ترخيص مع عدة "
     "ناشرين بينهم صحيفة اليوم لاستخدام أرشيفاتهم في تدريب نماذجها."),
]


@pytest.mark.parametrize(("primary", "lang", "title", "text"), LICENSING_BACKGROUND)
def test_licensing_background_is_no_tag(
    clf: Classifier, primary: str | None, lang: str, title: str, text: str
) -> None:
    c = clf.classify(title, text, lang)
    assert c.primary_tag == primary and "licensing" not in c.tag_names, c.tag_names


@pytest.mark.parametrize(("primary", "lang", "title", "text"), LICENSING_REPORTED)
def test_licensing_reported_or_named_keeps_the_tag(
    clf: Classifier, primary: str, lang: str, title: str, text: str
) -> None:
    c = clf.classify(title, text, lang)
    assert c.primary_tag == primary and "licensing" in c.tag_names, c.tag_names


# a launch story with a company-background sentence: suits it faces (unnamed), its valuation from an
# earlier round, "trained on licensed data" add no tag and do not take the primary
BACKGROUND_SENTENCE = [
    ("en", "Nexora launches Lumo 4", "Nexora launched its Lumo 4 model on Tuesday, available to all users "
     "today. Nexora, which faces several lawsuits from authors and publishers, said the model was trained "
     "on licensed data."),
    ("en", "Nexora unveils an agent", "Nexora unveiled a coding agent on Monday, now available to customers. "
     "The start-up, valued at $80 billion after its last funding round and backed by Lumen Capital, employs "
     "900 people."),
    ("fr", "Nexora lance Lumo 4", "Nexora a lancé mardi son modèle Lumo 4, disponible dès aujourd'hui. "
     "Nexora, visée par plusieurs plaintes d'auteurs, assure avoir entraîné le modèle sur des données sous "
     "licence."),
    ("fr", "Nexora dévoile un agent", "Nexora a dévoilé lundi un agent de programmation, disponible dès "
     "maintenant. La start-up, valorisée 80 milliards de dollars lors de sa dernière levée de fonds, emploie "
     "900 personnes."),
    ("de", "Nexora startet Lumo 4", "Nexora hat am Dienstag Lumo 4 vorgestellt, das ab sofort verfügbar "
     "ist. Nexora, gegen das mehrere Klagen von Autoren laufen, betont, das Modell mit lizenzierten Daten "
     "trainiert zu haben."),
    ("de", "Nexora stellt Agenten vor", "Nexora hat am Montag einen Coding-Agenten vorgestellt, der ab "
     "sofort verfügbar ist. Das Start-up, das bei seiner letzten Finanzierungsrunde mit 80 Milliarden "
     "Dollar bewertet wurde, beschäftigt 900 Menschen."),
    ("es", "Nexora lanza Lumo 4", "Nexora lanzó el martes su modelo Lumo 4, disponible desde hoy. Nexora, "
     "que afronta varias demandas de autores, asegura que entrenó el modelo con datos con licencia."),
    ("es", "Nexora presenta un agente", "Nexora presentó el lunes un agente de programación, ya disponible. "
     "La startup, valorada en 80.000 millones de dólares en su última ronda de financiación, emplea a 900 "
     "personas."),
    ("ar", "نيكسورا تطلق لومو 4", "أطلقت نيكسورا يوم الثلاثاء نموذجها لومو 4 وأصبح متاحا للجميع. وقالت "
     "نيكسورا التي تواجه عدة دعاوى قضائية من مؤلفين إن النموذج دُرّب على بيانات مرخصة."),
    ("ar", "نيكسورا تكشف عن وكيل برمجة", "كشفت نيكسورا يوم الاثنين عن وكيل برمجة جديد متاح الآن للعملاء. "
     "والشركة الناشئة التي قُدرت قيمتها بـ80 مليار دولار في آخر جولة تمويل توظف 900 شخص."),
]

# controls: the same wordings where the event is reported
BACKGROUND_WORDS_IN_EVENTS = [
    ("investment", "en", "Nexora raises $1 billion", "Nexora raised $1 billion in a funding round led by "
     "Lumen Capital, which valued it at $80 billion."),
    ("investment", "en", "Nexora raises more", "Nexora, which has raised $2 billion so far, raised another "
     "$500 million on Monday from Lumen Capital."),
    ("investment", "en", "Nexora plans hiring", "Nexora, which raised $300 million on Monday, plans to hire "
     "200 engineers."),
    ("investment", "fr", "Nexora lève 300 millions", "Nexora, qui a levé 300 millions d'euros lundi, va "
     "recruter 200 ingénieurs."),
    ("investment", "en", "Investors back Nexora", "Investors poured $200 million into Nexora on Monday in a "
     "round led by Lumen Capital."),
    ("investment", "de", "Nexora sammelt Geld", "Investoren haben am Montag 200 Millionen Euro in Nexora "
     "gesteckt, in einer Finanzierungsrunde unter Führung von Lumen."),
    ("investment", "en", "Nexora raises $300 million", "Nexora, backed by Lumen Capital, raised $300 million "
     "on Monday from new investors."),
    ("investment", "fr", "Nexora lève 1 milliard", "Nexora, soutenue par Lumen Capital, a levé 1 milliard "
     "d'euros lundi lors d'un tour de table qui la valorise 80 milliards."),
    ("investment", "es", "Nexora capta 1.000 millones", "Nexora captó 1.000 millones de dólares en una ronda "
     "liderada por Lumen Capital que la valora en 80.000 millones."),
    ("lawsuit", "en", "Authors file suits against Nexora", "Authors filed several lawsuits against Nexora on "
     "Monday in New York."),
    ("lawsuit", "en", "Daily Courier sues Nexora", "Nexora faces a lawsuit from the Daily Courier, filed on "
     "Monday in New York."),
    ("licensing", "en", "Nexora licenses Courier data", "Nexora will train its model on licensed data from "
     "the Daily Courier under a licensing deal signed on Monday."),
    ("licensing", "fr", "Nexora obtient une licence", "Nexora a signé lundi un accord de licence avec Le "
     "Quotidien pour entraîner son modèle sur des contenus sous licence."),
]


@pytest.mark.parametrize(("lang", "title", "text"), BACKGROUND_SENTENCE)
def test_background_sentence_adds_no_tag(clf: Classifier, lang: str, title: str, text: str) -> None:
    assert clf.classify(title, text, lang).tag_names == ["launch"]


@pytest.mark.parametrize(("tag", "lang", "title", "text"), BACKGROUND_WORDS_IN_EVENTS)
def test_background_words_in_reported_events(
    clf: Classifier, tag: str, lang: str, title: str, text: str
) -> None:
    c = clf.classify(title, text, lang)
    assert c.tag_names == [tag] and c.primary_tag == tag, c.tag_names


# a cross-link line left in an extracted page ("Read more: ...", "Lire aussi :", "Lesen Sie auch:",
# "Lee también:", "اقرأ أيضا:") is another story's headline: it adds no tag
CROSS_LINK = [
    ("en", "Daily Courier sues Nexora", "The Daily Courier sued Nexora in federal court on Monday.\n"
     "Read more: Nexora launches its new chatbot Lumo 4, available today\n"
     "The paper says Nexora copied its articles."),
    ("en", "Daily Courier sues Nexora", "The Daily Courier sued Nexora in federal court on Monday. Related: "
     "Lumen raises $300 million in a funding round\nThe paper says Nexora copied its articles."),
    ("fr", "Le Quotidien attaque Nexora", "Le Quotidien a porté plainte contre Nexora lundi.\nLire aussi : "
     "Nexora lance son nouveau modèle, disponible dès aujourd'hui\nLe journal accuse Nexora de copie."),
    ("de", "Verlag verklagt Nexora", "Der Tagesbote hat Nexora verklagt.\nLesen Sie auch: Nexora stellt "
     "neues KI-Modell vor, ab sofort verfügbar\nDer Verlag wirft Nexora Kopien vor."),
    ("es", "El Diario demanda a Nexora", "El Diario presentó una demanda contra Nexora.\nLee también: Nexora "
     "lanza su nuevo modelo, ya disponible para todos los usuarios\nEl diario acusa a Nexora de copiar."),
    ("ar", "صحيفة تقاضي نيكسورا", "رفعت صحيفة اليوم دعوى قضائية ضد نيكسورا.\nاقرأ أيضا: نيكسورا تطلق "
     "نموذجها الجديد وأصبح متاحا للمستخدمين\nوتتهم الصحيفة نيكسورا بنسخ مقالاتها."),
]


@pytest.mark.parametrize(("lang", "title", "text"), CROSS_LINK)
def test_cross_link_line_adds_no_tag(clf: Classifier, lang: str, title: str, text: str) -> None:
    c = clf.classify(title, text, lang)
    assert c.tag_names == ["lawsuit"] and c.primary_tag == "lawsuit", c.tag_names


def test_related_as_a_word_is_no_cross_link(clf: Classifier) -> None:
    c = clf.classify("Nexora launches Lumo 4", "Nexora launched Lumo 4 on Tuesday, available to all users "
                     "today.\nThe related tools are available too.", "en")
    assert c.tag_names == ["launch"]



# a sale or purchase only considered is no deal; a unit, stake or subsidiary sold to a buyer is
SALE_CONSIDERED = [
    ("en", "Brightwell weighs sale", "Brightwell is exploring a sale of its robotics unit to a rival, which "
     "could fetch about $1 billion."),
    ("es", "Brightwell estudia vender", "Brightwell estudia vender su división de robótica, valorada en unos "
     "1.000 millones de dólares."),
    ("en", "Founder sells shares", "Nexora's founder sold shares worth $20 million to cover taxes, a filing "
     "showed."),
]
SALE_DONE = [
    ("fr", "Corvid en discussions pour racheter Lyra", "Corvid serait en discussions avancées pour racheter "
     "la start-up Lyra pour environ 300 millions de dollars, selon deux sources."),
    ("en", "Brightwell sells robotics unit", "Brightwell sold its robotics unit to Lumen for $1 billion, "
     "after exploring a sale for months."),
    ("fr", "Brightwell cède sa division", "Brightwell a cédé sa division robotique à Lumen pour un milliard "
     "de dollars."),
    ("de", "Brightwell verkauft Sparte", "Brightwell hat seine Robotiksparte für eine Milliarde Dollar an "
     "Lumen verkauft."),
    ("es", "Brightwell vende su división", "Brightwell vendió su división de robótica a Lumen por 1.000 "
     "millones de dólares."),
    ("ar", "برايتويل تبيع وحدة الروبوتات", "باعت برايتويل وحدة الروبوتات إلى لومن مقابل مليار دولار."),
]


@pytest.mark.parametrize(("lang", "title", "text"), SALE_CONSIDERED)
def test_sale_considered_is_no_investment(clf: Classifier, lang: str, title: str, text: str) -> None:
    assert clf.classify(title, text, lang).tag_names == []


@pytest.mark.parametrize(("lang", "title", "text"), SALE_DONE)
def test_unit_sold_to_a_buyer_is_investment(clf: Classifier, lang: str, title: str, text: str) -> None:
    c = clf.classify(title, text, lang)
    assert c.tag_names == ["investment"] and c.primary_tag == "investment", c.tag_names
