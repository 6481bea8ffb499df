"""A launch tag needs a reported release: our own sentences (written for this file) for the classes a
launch rule fired on without one, in en/fr/de/es/ar, each with controls that must still be a launch.

- a launch being prepared, expected, possible or not (yet) done ("is preparing to launch its next
  model": the context word "next model" next to an excluded trigger does not vouch for it either);
- a start-up, company or lab "launched" (founded), not a product;
- a generic verb of the launch lists with an object that is no product: "l'IA présente des risques",
  "un estudio presenta pruebas", "كشفت دراسة عن أن ..." (a disclosure), "طرح خبراء أسئلة" (a question
  posed).
"""

from __future__ import annotations

import pytest

from services.classifier.engine import Classifier


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier()


NOT_A_LAUNCH = [
    ("en", "Nexora readies its next model", "Nexora is preparing to launch its next model, people familiar "
     "with the matter said. The company could release the assistant as soon as next month."),
    ("en", "AI start-up founded by former researchers", "Two former researchers launched a start-up that "
     "builds tools for lawyers, they said on Monday. It has not released a product yet."),
    ("fr", "Nexora prépare son prochain modèle", "Nexora prépare le lancement de son prochain modèle, selon "
     "des sources proches du dossier. L'entreprise n'a pas commenté."),
    ("fr", "L'IA au bureau, selon un rapport", "Selon un rapport, l'intelligence artificielle présente des "
     "risques pour les emplois de bureau. Les syndicats demandent des règles."),
    ("fr", "Deux chercheurs fondent une société", "Deux anciens chercheurs lancent une start-up d'outils "
     "d'IA pour les avocats. Le produit n'a pas encore été dévoilé."),
    ("de", "Nexora arbeitet an neuem Modell", "Nexora bereitet laut Insidern den Start eines neuen Modells "
     "vor. Das Modell ist noch nicht verfügbar."),
    ("es", "Nexora prepara su próximo modelo", "Nexora prepara el lanzamiento de su próximo modelo, según "
     "fuentes cercanas. La empresa no quiso comentar."),
    ("es", "Un estudio halla errores en la IA", "Un estudio presenta pruebas de que los modelos de IA "
     "inventan fuentes. Las empresas no respondieron."),
    ("ar", "دراسة عن نماذج الذكاء الاصطناعي", "كشفت دراسة حديثة عن أن نماذج الذكاء الاصطناعي تخترع مصادر "
     "في إجابة من كل خمس. ولم تعلق الشركات."),
    ("ar", "الشركة تستعد لنموذجها المقبل", "تستعد الشركة لإطلاق نموذجها المقبل بحسب مصادر مطلعة. وقد يتم "
     "طرح المساعد الشهر المقبل."),
    ("ar", "خبراء يناقشون الذكاء الاصطناعي", "طرح خبراء أسئلة حول سلامة نماذج الذكاء الاصطناعي خلال مؤتمر "
     "في دبي. وقال أحدهم إن المستخدمين يحتاجون إلى حماية أكبر."),
    ("fr", "Un modèle importé", "La question est de savoir si un modèle d'IA entraîné à l'étranger peut "
     "être considéré comme une copie lorsqu'il est importé et mis à disposition en France."),
    # a past launch as an attribute, in a relative clause, last month or last season: background
    ("en", "Nexora names new chief executive", "Nexora named Dana Reyes chief executive on Monday. Reyes led "
     "the team that shipped the company's first chatbot and built its cloud business."),
    ("fr", "Nexora supprime 500 postes", "Nexora va supprimer 500 postes pour se concentrer sur ses produits "
     "d'IA, dont l'assistant lancé au printemps."),
    ("de", "Nexora streicht 500 Stellen", "Nexora streicht 500 Stellen und konzentriert sich auf seine "
     "KI-Produkte, darunter den im Frühjahr vorgestellten Assistenten."),
    ("de", "Neuer Chef bei Nexora", "Nexora hat Dana Reyes zur Chefin ernannt. Reyes leitete das Team, das "
     "den ersten Chatbot des Unternehmens veröffentlichte."),
    ("es", "Lo que los asistentes de IA aún hacen mal", "Uso chatbots a diario desde la llegada de ChatGPT. "
     "Gemini 3, lanzado el mes pasado, es más rápido, pero sigue inventando datos."),
    # a launch over a past period (a standing state), an explanation of why something was released
    ("en", "Inside Nexora's growth", "Nexora's assistant, rolled out over the past year to banks, now "
     "answers a million questions a day. The company has hired 300 engineers."),
    ("en", "Why Nexora open-sourced its model", "In an interview, Nexora's founder explained why the company "
     "released its model as open source: to win developers' trust."),
    ("fr", "ChatGPT a changé l'école", "L'outil, déployé depuis quelques mois dans les lycées, inquiète les "
     "enseignants."),
    # more verbs of the launch lists in other senses (begins, comes out of, reports losses)
    ("de", "Nexora mit Verlust", "Nexora startet mit einem Verlust ins neue Geschäftsjahr, weil Kunden ihre "
     "Systeme später kaufen."),
    ("fr", "Nexora en difficulté", "Nexora sort affaibli de l'année, ses clients ayant reporté l'achat de "
     "ses systèmes."),
    ("es", "Nexora en apuros", "Nexora presenta pérdidas por primera vez porque sus clientes retrasan la "
     "compra de sistemas."),
    # plural past releases in a retrospective
    ("en", "Veltra chief steps down", "Veltra's chief executive stepped down on Friday. Under her, the "
     "company released a string of translation tools and grew to 2,000 staff."),
    ("fr", "Départ chez Veltra", "La directrice de Veltra quitte ses fonctions. Sous sa direction, la "
     "société a lancé plusieurs outils de traduction."),
    # a habitual release: a trend
    ("fr", "Tribune", "Chaque semaine, une entreprise présente un nouvel outil censé tout révolutionner."),
    ("de", "Kommentar", "Jede Woche stellt irgendein Unternehmen ein neues Modell vor."),
    ("ar", "مقال", "تطرح الشركات كل أسبوع أدوات جديدة للتعليم، لكن المدارس ما زالت مترددة."),
    # an unnamed product's launch in the past perfect: a passing reference
    ("de", "Kestrel baut Werk", "Kestrel investiert vier Milliarden Euro in ein neues Werk. Die Firma hatte "
     "im Frühjahr ihren neuesten Prozessor vorgestellt."),
    ("en", "Kestrel builds a plant", "Kestrel will invest $5 billion in a new plant. It had unveiled its "
     "latest processor a few weeks earlier."),
    ("en", "Corvid in talks to buy Lyra", "Corvid is in advanced talks to acquire Lyra for about $300 "
     "million. Corvid launched its first voice product last year."),
    # French verbs of the launch list in other senses
    ("fr", "Un nouveau patron pour Nexora", "Le nouveau directeur arrive de Google, où il dirigeait l'équipe "
     "chargée des modèles d'IA et des assistants."),
    ("ar", "أرباح الشركة تتراجع", "كشفت الشركة عن تراجع أرباحها الفصلية بسبب ضعف مبيعات الرقائق. وقالت إن "
     "الطلب على أنظمتها الجديدة ما زال قويا."),
]

LAUNCH = [
    ("en", "Nexora releases Lumo 3", "Nexora released its Lumo 3 model on Thursday after months of "
     "preparation. The model is available to all users of its app from today."),
    ("en", "Start-up ships its first product", "Veltra, a start-up launched last year by two former "
     "researchers, shipped its first product on Tuesday: a coding agent, available now to customers."),
    ("fr", "Nexora présente son nouveau modèle", "Nexora a présenté lundi son nouveau modèle de langage. "
     "Le modèle est disponible dès aujourd'hui. L'entreprise préparait ce lancement depuis un an."),
    ("fr", "Nexora lance un assistant pour les avocats", "Nexora lance un assistant pour les avocats, "
     "disponible dès maintenant en France. La start-up présente l'outil comme le premier du genre."),
    ("de", "Nexora stellt neues Modell vor", "Nexora hat am Montag sein neues KI-Modell vorgestellt. Das "
     "Modell ist ab sofort für alle Nutzer verfügbar. Den Start hatte die Firma lange vorbereitet."),
    ("es", "Nexora presenta su nuevo modelo", "Nexora presentó el lunes su nuevo modelo de lenguaje, que ya "
     "está disponible para los usuarios. La empresa preparaba el lanzamiento desde hace un año."),
    ("ar", "نيكسورا تطلق نموذجها الجديد", "أطلقت شركة نيكسورا نموذجها الجديد يوم الاثنين، وأصبح متاحا "
     "لجميع مستخدمي التطبيق. وكانت الشركة تستعد لهذا الإطلاق منذ عام."),
    ("ar", "نيكسورا تكشف عن مساعد للمحامين", "كشفت نيكسورا عن مساعد جديد للمحامين يعمل بالذكاء "
     "الاصطناعي، وهو متاح الآن في الإمارات."),
    ("ar", "نيكسورا تطرح متصفحا جديدا", "طرحت الشركة متصفحا جديدا مدعوما بالذكاء الاصطناعي للمستخدمين "
     "في مصر والأردن."),
    # the same verbs reporting this launch (a plural past tense is not an attribute)
    ("de", "Nexora und Lumen stellen Modell vor", "Nexora und Lumen veröffentlichten am Montag ein neues "
     "KI-Modell, das ab sofort für alle Nutzer verfügbar ist."),
    ("de", "Nexora veröffentlicht Modell", "Nexora veröffentlichte am Montag ein neues KI-Modell für "
     "Entwickler."),
    ("fr", "Lumo 3 lancé lundi", "Lumo 3, lancé lundi par Nexora, est un nouveau modèle de langage "
     "disponible dès aujourd'hui."),
    ("es", "Lumo 3, lanzado el lunes", "Lumo 3, el nuevo modelo lanzado el lunes por Nexora, ya está "
     "disponible para todos los usuarios."),
    # a launch reported next to an accusation or a complaint
    ("en", "Nexora launches Lumo 4", "Nexora launched Lumo 4 on Tuesday, the company said. Critics claim "
     "the model is too expensive."),
    ("fr", "Nexora lance Lumo 4", "Nexora a lancé mardi son modèle Lumo 4. Ses concurrents l'accusent de "
     "copier leurs idées."),
    ("de", "Nexora veröffentlicht Lumo 4", "Nexora hat am Dienstag das Modell Lumo 4 veröffentlicht. "
     "Kritiker werfen der Firma vor, zu teuer zu sein."),
    ("de", "Nexora startet Chatbot", "Nexora startet am Montag seinen neuen Chatbot für Kunden in "
     "Deutschland."),
    ("en", "Nexora makes Lumo available", "Nexora made Lumo 4 available to all users on Tuesday."),
    ("en", "Nexora ships a series of updates", "Nexora released a series of updates to its assistant on "
     "Tuesday, including a voice mode available today."),
    ("en", "Nexora launches Lumo", "Nexora launched Lumo on Tuesday, and the model will be updated every "
     "week."),
    ("fr", "Nexora lance un outil", "Nexora a lancé mardi un outil qui publie chaque semaine un résumé de "
     "l'actualité."),
    ("ar", "نيكسورا تطلق تطبيقا", "أطلقت نيكسورا تطبيقا جديدا يرسل للمستخدمين ملخصا كل أسبوع."),
    ("en", "Nexora launches Lumo 5", "Nexora launched Lumo 5 on Tuesday, available today. It had released "
     "Lumo 4 only in May."),
    ("de", "Nexora stellt Lumo 5 vor", "Nexora hat am Dienstag Lumo 5 vorgestellt. Die Firma hatte im "
     "Frühjahr Lumo 4 veröffentlicht."),
    ("ar", "كيستريل تكشف عن معالج جديد", "كشفت شركة كيستريل يوم الاثنين عن معالج جديد للذكاء الاصطناعي، "
     "وأصبح متاحا للطلب اعتبارا من اليوم."),
    ("de", "Brightwell erweitert Brio", "Brightwell hat seinen Assistenten Brio um einen "
     "Bildbearbeitungsmodus erweitert. Zunächst können zahlende Nutzer die Funktion verwenden."),
    ("ar", "برايتويل تضيف تحرير الصور", "أضافت برايتويل يوم الثلاثاء وضعا لتحرير الصور إلى مساعدها، وهو "
     "متاح أولا للمشتركين."),
    # availability wordings: opened to all, made available, released for all, no longer in preview
    ("fr", "Nexora ouvre l'accès à son agent", "Nexora ouvre l'accès à son agent de programmation à tous "
     "les développeurs. L'outil était en test depuis mars."),
    ("fr", "L'application Lumo est disponible sur Android", "L'application Lumo de Nexora est désormais "
     "proposée sur Android, après une version iPhone."),
    ("fr", "Nexora dévoile un mode vocal", "Nexora a mis à disposition un mode vocal pour son assistant. Les "
     "abonnés peuvent l'essayer dès aujourd'hui."),
    ("de", "Nexora gibt Coding-Agenten frei", "Nexora hat seinen Coding-Agenten für alle Entwickler "
     "freigegeben. Das Werkzeug war seit März im Test."),
    ("de", "Lumo-App jetzt für Android", "Die Lumo-App von Nexora steht ab sofort auch für Android zur "
     "Verfügung."),
    ("es", "Nexora abre su agente a todos", "Nexora abrió su agente de programación a todos los "
     "desarrolladores. La herramienta estaba en pruebas desde marzo."),
    ("ar", "نيكسورا تتيح وكيل البرمجة للجميع", "أتاحت نيكسورا وكيل البرمجة الخاص بها لجميع المطورين بعد "
     "فترة اختبار بدأت في مارس."),
    ("ar", "نيكسورا تضيف وضعا صوتيا", "أعلنت نيكسورا عن وضع صوتي جديد لمساعدها الذكي، يمكن للمشتركين "
     "تجربته اعتبارا من اليوم."),
]


@pytest.mark.parametrize(("lang", "title", "text"), NOT_A_LAUNCH)
def test_no_launch_without_a_reported_release(clf: Classifier, lang: str, title: str, text: str) -> None:
    assert "launch" not in clf.classify(title, text, lang).tag_names


@pytest.mark.parametrize(("lang", "title", "text"), LAUNCH)
def test_controls_still_launches(clf: Classifier, lang: str, title: str, text: str) -> None:
    c = clf.classify(title, text, lang)
    assert "launch" in c.tag_names and c.primary_tag == "launch", c.tag_names


# a lawsuit or a deal story whose release is the matter of the complaint, or background (last March):
# the primary stays, and no launch tag is added
SECONDARY_NOT_A_LAUNCH = [
    ("lawsuit", "en", "Family sues Nexora over chatbot", "The family of a teenager sued Nexora in state "
     "court on Tuesday. The lawsuit alleges that Nexora released its Lumo 4 model despite internal "
     "safety warnings and rushed the chatbot to market to beat rivals."),
    ("lawsuit", "fr", "Une famille poursuit Nexora", "Une famille a porté plainte contre Nexora mardi. Elle "
     "accuse l'entreprise d'avoir lancé son modèle Lumo 4 malgré des alertes internes."),
    ("lawsuit", "de", "Familie verklagt Nexora", "Eine Familie hat Nexora am Dienstag verklagt. Sie wirft "
     "dem Unternehmen vor, das Modell Lumo 4 trotz interner Warnungen veröffentlicht zu haben."),
    ("lawsuit", "ar", "عائلة تقاضي نيكسورا", "رفعت عائلة دعوى قضائية ضد نيكسورا يوم الثلاثاء، وتتهم الشركة "
     "بإطلاق نموذجها لومو 4 رغم تحذيرات داخلية."),
    ("investment", "en", "Nexora buys chip start-up", "Nexora agreed to buy the chip start-up Lumen for $2 "
     "billion. Lumen's chips power the assistant Nexora launched in March."),
    ("investment", "fr", "Nexora officialise le rachat de Lumen", "Nexora officialise le rachat de la "
     "start-up Lumen, qui développe des outils et des modèles d'IA, pour 2 milliards d'euros."),
]


@pytest.mark.parametrize(("primary", "lang", "title", "text"), SECONDARY_NOT_A_LAUNCH)
def test_no_secondary_launch_from_a_complaint_or_background(
    clf: Classifier, primary: str, lang: str, title: str, text: str
) -> None:
    c = clf.classify(title, text, lang)
    assert c.primary_tag == primary and "launch" not in c.tag_names, c.tag_names
