"""Round 7 of the generalisation checks (issue 13): launch senses around products that already exist.

``tests/data/classifier_generalise7.jsonl`` holds 30 stories of ours (en/fr/de/es/ar, six each), written
before the classifier was run on them: 15 no-event stories about an existing product (a review or a
hands-on test, a comparison of models, an outage, a price change, a ban or a controversy, a withdrawal, a
keynote demo of a prototype, plans and a road map, download figures) and 15 true launches in unusual
wordings (a general availability, a rollout to a new country or tier, a public beta, a preview for a
waiting list, open weights, a keynote unveiling, a headline with no launch verb). Before the round-7 rules:
micro-F1 0.000, primary 0.500, no-event untagged 15/15, launch P 1.00 (nothing tagged) / R 0.00.

The sense tests below are our own sentences (written for this file) for each distinction added in round 7,
in every language, with controls that must still be a launch:

- not a launch: an update as the time or cause of an outage; prices or fees introduced; a prototype,
  concept or demo shown; a road map presented; "since launch"; a generic, conditional or required release
  ("companies that release", "wer ... startet", "las empresas que lancen", "الشركات التي تطلق"); a launch
  as the matter of a probe, complaint or criticism; a person's part in a past launch; "every time a lab
  launches"; products in general launched this year; tools rolled out to a company's own staff; a chart
  debut; a report presented (fr); content or an archive made available to an AI firm (a licence's terms); a
  past launch dated with words in between; a launch postponed; a launch event, date or partner; a
  satellite launched; the pressure or decision to launch; a document or a recording made available; a launch
  years ago or judged ("was a failure"); launches in general; a policy or rules rolled out; an arrival
  dated in the past ("arrived on phones in October", "went live two years ago"); availability alleged in a
  complaint; a coverage figure in an apposition ("its assistant, now available in 40 countries,");
- a launch: on sale or in the shops; unveiling idioms ("took the wraps off", "a levé le voile sur",
  "quitó el velo", "أزاحت الستار عن") with a product after them; opened, switched on or offered to a new
  audience, country or tier; out of preview or beta; users who can use it from today; a preview or version
  published (es); a named model's weights published (not a family's: "the weights of its Llama models").

Left (probes that still fail): a review's "que llegan con un asistente" (es: "llega con" also heads real
launch stories), an essay's "Meta has released the weights of its Llama models" (plural family, but
"released the weights of" reads as an event), "its chatbot, which it rolled out to teenagers" inside a
lawsuit story (a relative clause with "it" is kept as an event on purpose by an earlier rule).
"""

from __future__ import annotations

import pytest

from services.classifier.engine import Classifier
from services.classifier.evaluate import evaluate, read_jsonl
from tests.support import REPO

GENERALISE7 = REPO / "tests" / "data" / "classifier_generalise7.jsonl"


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier()


def test_own_generalisation_set_round_seven(clf: Classifier) -> None:
    # 30 stories of ours on launch senses around existing products, written before running on them
    # (micro-F1 0.000, primary 0.500 then: every true launch missed, no false tag)
    records = read_jsonl(GENERALISE7)
    assert {r["lang"] for r in records} == {"en", "ar", "fr", "de", "es"} and len(records) == 30
    assert sum(1 for r in records if r["tags"] == ["launch"]) == 15
    report = evaluate(records, clf)
    assert report.no_event == 15 and report.no_event_untagged == 15, report.as_dict()
    assert report.micro_f1 >= 0.95 and report.primary_accuracy >= 0.95, report.as_dict()
    launch = report.as_dict()["tags"]["launch"]
    assert launch["fp"] == 0 and launch["recall"] >= 0.9, launch


NOT_A_LAUNCH = [
    # a review or hands-on test of an existing product
    ("en", "I tested Nexora's new glasses for a week", "Nexora's Lumo glasses, unveiled in the autumn, "
     "promise hands-free answers. After a week, the assistant is good at directions and poor at names. "
     "Battery life is four hours."),
    ("fr", "Test : les lunettes Lumo de Nexora", "Nous avons testé pendant une semaine les lunettes Lumo, "
     "présentées par Nexora comme un assistant mains libres. Le micro est bon, l'autonomie décevante."),
    ("de", "Im Test: Nexoras Lumo-Brille", "Wir haben die Lumo-Brille von Nexora eine Woche lang getestet. "
     "Der eingebaute Assistent hilft bei der Navigation, die Akkulaufzeit enttäuscht."),
    ("ar", "تجربتنا مع نظارات لومو", "جربنا نظارات لومو من نيكسورا لمدة أسبوع، وهي تضم مساعدا صوتيا ذكيا. "
     "والبطارية تدوم أربع ساعات فقط."),
    # a comparison or benchmark of existing models
    ("en", "Which chatbot writes the best code?", "We compared four chatbots on 50 programming tasks. "
     "Nexora's latest model solved the most, while the newest version of Lumo was the fastest. None was "
     "reliable on security."),
    ("fr", "Quel modèle code le mieux ?", "Nous avons comparé quatre modèles sur 50 exercices. La dernière "
     "version de Lumo est la plus rapide, le nouveau modèle de Nexora le plus juste."),
    ("de", "Welches Modell programmiert am besten?", "Wir haben vier Modelle mit 50 Aufgaben verglichen. "
     "Die neueste Version von Lumo war am schnellsten, das neue Modell von Nexora am genauesten."),
    ("es", "¿Qué modelo programa mejor?", "Comparamos cuatro modelos con 50 tareas. La última versión de "
     "Lumo fue la más rápida y el nuevo modelo de Nexora, el más preciso."),
    ("ar", "أي نموذج يبرمج أفضل؟", "قارنا أربعة نماذج في خمسين مهمة برمجية. وكانت أحدث نسخة من لومو "
     "الأسرع، بينما كان النموذج الجديد من نيكسورا الأدق."),
    # an outage after an update (the update is its time or cause)
    ("en", "Lumo down for hours", "Nexora's Lumo assistant was unavailable for five hours on Monday after "
     "an update rolled out to servers broke logins. Service is back, the company said."),
    ("fr", "Panne géante de Lumo", "L'assistant Lumo de Nexora a été indisponible pendant cinq heures "
     "lundi, après une mise à jour déployée sur ses serveurs. Le service est rétabli."),
    ("de", "Stundenlanger Ausfall bei Lumo", "Der Assistent Lumo von Nexora war am Montag fünf Stunden "
     "lang nicht erreichbar, nachdem ein Update ausgerollt worden war. Der Dienst läuft wieder."),
    ("es", "Caída de Lumo", "El asistente Lumo de Nexora estuvo caído cinco horas el lunes tras una "
     "actualización desplegada en sus servidores. El servicio ya funciona."),
    ("ar", "عطل في لومو", "توقف مساعد لومو من نيكسورا عن العمل خمس ساعات يوم الاثنين بعد تحديث طرح على "
     "خوادمه. وعادت الخدمة إلى العمل."),
    # prices or fees introduced
    ("en", "Nexora raises Lumo prices", "Nexora introduced new prices for its Lumo app on Monday: the Pro "
     "plan goes from $10 to $14 a month. Existing subscribers keep the old price until June."),
    ("fr", "Lumo augmente ses prix", "Nexora présente de nouveaux tarifs pour son application Lumo : "
     "l'offre Pro passe de 10 à 14 euros par mois."),
    ("de", "Lumo wird teurer", "Nexora führt neue Preise für die Lumo-App ein: Das Pro-Abo kostet künftig "
     "14 statt 10 Euro im Monat."),
    ("es", "Lumo sube precios", "Nexora presenta nuevos precios para su aplicación Lumo: el plan Pro pasa "
     "de 10 a 14 euros al mes."),
    ("ar", "نيكسورا ترفع أسعار لومو", "أعلنت نيكسورا عن أسعار جديدة لتطبيق لومو، إذ يرتفع الاشتراك الشهري "
     "من عشرة إلى أربعة عشر دولارا."),
    # a prototype, concept or demo shown at a keynote
    ("en", "Nexora shows prototype glasses at its conference", "At its developer conference, Nexora "
     "unveiled a prototype of glasses that translate speech in real time. It gave no price or date: the "
     "device is a research project."),
    ("fr", "Nexora montre un prototype", "Lors de sa conférence, Nexora a présenté un prototype de "
     "lunettes capables de traduire une conversation. Aucune date de sortie n'a été donnée."),
    ("de", "Nexora zeigt Prototyp", "Auf seiner Konferenz stellte Nexora einen Prototyp einer Brille vor, "
     "die Gespräche übersetzt. Einen Termin nannte die Firma nicht."),
    ("es", "Nexora enseña un prototipo", "En su conferencia, Nexora presentó un prototipo de gafas que "
     "traducen conversaciones. No dio fecha ni precio."),
    ("ar", "نيكسورا تعرض نموذجا أوليا", "كشفت نيكسورا خلال مؤتمرها عن نموذج أولي لنظارات تترجم المحادثات "
     "فوريا، من دون تحديد موعد أو سعر."),
    # a road map presented
    ("en", "Nexora's road map", "Nexora presented a road map on Tuesday that includes a new model and a "
     "phone app by 2027. It gave no dates."),
    ("de", "Nexoras Fahrplan", "Nexora hat am Dienstag einen Fahrplan für neue Modelle und eine App "
     "vorgestellt. Termine nannte das Unternehmen nicht."),
    ("es", "La hoja de ruta de Nexora", "Nexora presentó el martes su hoja de ruta para su generador de "
     "vídeo y una nueva aplicación. No dio fechas."),
    ("ar", "خارطة طريق نيكسورا", "كشفت نيكسورا عن خارطة طريق تشمل نموذجا جديدا وتطبيقا للهاتف بحلول عام "
     "2027."),
    ("fr", "La feuille de route de Nexora", "Nexora a dévoilé mardi sa feuille de route : un nouveau "
     "modèle et une application mobile d'ici 2027."),
    # a product withdrawn
    ("en", "Nexora retires Lumo 3", "Nexora is retiring its Lumo 3 model from the app next month; users "
     "will be moved to Lumo 4. Developers keep access to the older model through the API until June."),
    ("fr", "Nexora retire Lumo 3", "Nexora retire son modèle Lumo 3 de son application le mois prochain. "
     "Les utilisateurs passeront à Lumo 4."),
    ("de", "Nexora schaltet Lumo 3 ab", "Nexora schaltet sein Modell Lumo 3 im nächsten Monat ab und "
     "stellt die Nutzer auf Lumo 4 um."),
    ("es", "Nexora retira Lumo 3", "Nexora retirará su modelo Lumo 3 de la aplicación el mes que viene y "
     "pasará a los usuarios a Lumo 4."),
    ("ar", "نيكسورا توقف لومو 3", "قررت نيكسورا إيقاف نموذج لومو 3 في تطبيقها الشهر المقبل ونقل المستخدمين "
     "إلى لومو 4."),
    # a ban or a controversy
    ("en", "Italy bans Lumo chatbot", "Italy's privacy regulator ordered Nexora to stop offering its Lumo "
     "chatbot in the country. Lumo, available in Italy since March, collected data on minors, it said."),
    ("fr", "Polémique autour de Lumo", "La nouvelle fonctionnalité de Lumo, qui permet de créer des images "
     "de personnes réelles, suscite la polémique. Nexora dit travailler sur des garde-fous."),
    ("de", "Kritik an Lumo-Funktion", "Die neue Funktion von Lumo, mit der sich Bilder realer Personen "
     "erzeugen lassen, sorgt für Kritik. Nexora kündigte Schutzmaßnahmen an."),
    ("es", "Polémica por Lumo", "La nueva función de Lumo, que permite crear imágenes de personas reales, "
     "desata la polémica. Nexora dice que añadirá protecciones."),
    ("ar", "جدل حول ميزة لومو", "أثارت الميزة الجديدة في لومو، التي تسمح بإنشاء صور لأشخاص حقيقيين، جدلا "
     "واسعا. وقالت نيكسورا إنها ستضيف ضوابط."),
    # download figures, "since launch"
    ("en", "Lumo app hits 10 million downloads", "Nexora's Lumo app has been downloaded 10 million times "
     "since launch, and the app is available in 40 countries. Most users are in India."),
    ("fr", "Lumo dépasse 10 millions de téléchargements", "L'application Lumo, disponible dans 40 pays, a "
     "été téléchargée 10 millions de fois, selon Nexora."),
    ("de", "Lumo-App mit 10 Millionen Downloads", "Die Lumo-App, die in 40 Ländern verfügbar ist, wurde 10 "
     "Millionen Mal heruntergeladen."),
    ("es", "Lumo supera 10 millones de descargas", "La aplicación Lumo, disponible en 40 países, se ha "
     "descargado 10 millones de veces desde su llegada."),
    ("ar", "لومو يتجاوز 10 ملايين تحميل", "تجاوز تطبيق لومو المتاح في 40 دولة عشرة ملايين تحميل منذ إطلاقه."),
    # a generic, conditional or required release (regulation news)
    ("en", "EU rules for AI models take effect", "Under the new rules, companies that release "
     "general-purpose models must publish a summary of their training data. Developers releasing a model "
     "with systemic risk must also test it."),
    ("en", "What the AI Act means for start-ups", "If a start-up launches a chatbot in Europe, it has to "
     "tell users they are talking to a machine. Fines for breaches can reach 7% of turnover."),
    ("fr", "Ce que change l'AI Act", "Les entreprises qui lancent un modèle d'IA à usage général devront "
     "publier un résumé de leurs données d'entraînement. Celles qui déploient un système à haut risque "
     "devront le faire évaluer."),
    ("fr", "Règles européennes", "Avant de mettre en ligne un chatbot, un fournisseur devra informer les "
     "utilisateurs qu'ils parlent à une machine."),
    ("de", "Was der AI Act verlangt", "Anbieter, die ein KI-Modell veröffentlichen, müssen künftig eine "
     "Zusammenfassung der Trainingsdaten vorlegen. Wer einen Chatbot startet, muss Nutzer informieren."),
    ("es", "Lo que exige la ley europea", "Las empresas que lancen un modelo de IA deberán publicar un "
     "resumen de sus datos. Quien despliegue un sistema de alto riesgo tendrá que evaluarlo."),
    ("ar", "ما يفرضه القانون الأوروبي", "يجب على الشركات التي تطلق نماذج ذكاء اصطناعي عامة أن تنشر ملخصا "
     "لبيانات التدريب. ويتعين على من يطرح تطبيقا للمستخدمين إبلاغهم بأنهم يتحدثون إلى آلة."),
    # a launch as the matter of a probe, complaint or criticism
    ("en", "EU opens probe into Meta AI in WhatsApp", "The European Commission opened an investigation "
     "into Meta's rollout of its AI assistant in WhatsApp. Regulators want to know whether the launch of "
     "the assistant shut out rival chatbots."),
    ("fr", "Bruxelles enquête sur Meta AI", "La Commission européenne a ouvert une enquête sur le "
     "déploiement de l'assistant Meta AI dans WhatsApp. Elle soupçonne Meta d'écarter les chatbots "
     "concurrents."),
    ("fr", "Critiques contre le lancement de Lumo", "Des associations dénoncent le lancement précipité de "
     "l'assistant Lumo auprès des adolescents. Nexora n'a pas répondu."),
    ("de", "EU prüft Meta AI", "Die EU-Kommission untersucht die Einführung des Assistenten Meta AI in "
     "WhatsApp. Sie vermutet, dass Meta Konkurrenten ausschließt."),
    ("es", "Bruselas investiga Meta AI", "La Comisión Europea investiga el despliegue del asistente Meta "
     "AI en WhatsApp. Sospecha que Meta excluye a otros chatbots."),
    ("ar", "تحقيق أوروبي في ميتا", "فتحت المفوضية الأوروبية تحقيقا في إطلاق ميتا لمساعدها الذكي في واتساب، "
     "للتأكد من أنها لا تقصي برامج الدردشة المنافسة."),
    # a person's part in a past launch
    ("en", "Former OpenAI executive joins Meta", "Jane Doe, who led the launch of ChatGPT's voice mode, is "
     "joining Meta as head of product. She left OpenAI in June."),
    ("en", "Nexora hires new CTO", "Nexora named Sam Lee chief technology officer. Lee oversaw the rollout "
     "of the Lumo assistant at his previous employer."),
    ("fr", "Nexora recrute une ancienne d'OpenAI", "Nexora recrute Jane Doe, qui a piloté le lancement du "
     "mode vocal de ChatGPT, comme directrice produit."),
    ("de", "Neue Produktchefin bei Nexora", "Nexora holt Jane Doe als Produktchefin. Sie leitete bei "
     "OpenAI die Einführung des Sprachmodus von ChatGPT."),
    ("es", "Nexora ficha a una exdirectiva de OpenAI", "Nexora ha fichado a Jane Doe, que dirigió el "
     "lanzamiento del modo de voz de ChatGPT, como directora de producto."),
    ("ar", "نيكسورا تعين مديرة جديدة", "عينت نيكسورا جين دو مديرة للمنتجات، وهي التي قادت إطلاق الوضع "
     "الصوتي في تشات جي بي تي."),
    # every time / chaque fois / cada vez que
    ("en", "Opinion: the hype cycle", "Every time a lab launches a new model, the same claims follow. "
     "Whenever a company releases a chatbot, critics find its flaws within hours."),
    ("fr", "Tribune : l'emballement", "Chaque fois qu'une entreprise lance un nouveau modèle, les mêmes "
     "promesses reviennent. À chaque sortie d'un chatbot, les critiques suivent."),
    ("de", "Kommentar: Der Hype", "Jedes Mal, wenn ein Labor ein neues Modell vorstellt, folgen dieselben "
     "Versprechen."),
    ("es", "Opinión: el ciclo del bombo", "Cada vez que una empresa lanza un nuevo modelo, vuelven las "
     "mismas promesas."),
    ("ar", "رأي: دورة الضجيج", "كلما أطلقت شركة نموذجا جديدا، تكررت الوعود نفسها."),
    # products in general launched this year (earnings)
    ("en", "Nexora profit rises", "Nexora's quarterly profit rose 20%, helped by sales of products "
     "launched this year. Revenue reached $4 billion."),
    ("fr", "Nexora publie ses résultats", "Le chiffre d'affaires de Nexora a progressé de 20 %, porté par "
     "les produits lancés cette année."),
    # tools rolled out to a company's own staff
    ("fr", "La banque mise sur l'IA", "La Banque du Centre déploie des outils d'IA générative auprès de "
     "ses 10 000 conseillers pour rédiger des courriers. Les syndicats s'inquiètent."),
    ("en", "Bank bets on AI", "Central Bank is rolling out generative AI tools to its 10,000 advisers to "
     "draft letters, it said. Unions are worried."),
    # a how-to about a standing feature
    ("en", "How to turn on Lumo's memory", "Lumo's memory feature is available to all users. Here's how to "
     "turn it on: open settings, tap Memory and switch the toggle."),
    ("fr", "Comment activer la mémoire de Lumo", "La fonctionnalité mémoire de Lumo est disponible pour "
     "tous les utilisateurs. Voici comment l'activer : ouvrez les réglages."),
    # a chart debut, a ranking
    ("en", "Lumo tops app charts", "Lumo was the most downloaded app in the US last week, ahead of "
     "ChatGPT. The app debuted at number one in 12 countries."),
    ("fr", "Lumo en tête des téléchargements", "Lumo est l'application la plus téléchargée en France cette "
     "semaine, devant ChatGPT."),
    # French verbs of the lists in other senses (a report presented, sortir du rouge, a vision)
    ("fr", "Rapport sur l'IA", "Le rapport présenté mardi par la commission recommande d'encadrer les "
     "services d'IA pour les utilisateurs mineurs."),
    ("fr", "Nexora sort du rouge", "Nexora est sortie du rouge grâce à ses services d'IA, selon ses "
     "comptes présentés jeudi."),
    ("fr", "Le patron de Nexora présente sa vision", "Le patron de Nexora a présenté sa vision des "
     "assistants d'IA lors d'une conférence, sans annoncer de produit."),
    # a past launch dated with words in between, postponed, an event, a satellite, the pressure to launch
    ("en", "What is ChatGPT?", "ChatGPT, launched by OpenAI in 2022, is a chatbot that answers questions. "
     "It now has 800 million weekly users."),
    ("en", "Nexora to hold launch event", "Nexora has sent invitations to a launch event on Tuesday, where "
     "it is expected to show a new model. The company declined to comment."),
    ("en", "Nexora delays Lumo 5", "Nexora postponed the launch of its Lumo 5 model to next year, citing "
     "safety tests. The model had been expected in December."),
    ("en", "Ahead of the launch", "In the run-up to the launch of Lumo 5, Nexora's shares rose 5%. "
     "Analysts expect the model to lift subscriptions."),
    ("en", "Nexora buys back shares", "Nexora launched a $5 billion share buyback on Monday after strong "
     "results. Its chatbot has 100 million users."),
    ("en", "Satellite for broadband", "Nexora launched a satellite on Friday for its broadband service, "
     "the company said. It plans 500 more."),
    ("en", "The race to ship", "Labs are under pressure to release models faster, researchers say. The "
     "decision to launch a chatbot before it is safe is a business one."),
    ("en", "Nexora cuts jobs", "Nexora is cutting 500 jobs to focus on its AI assistant. The assistant, "
     "released to customers in 2024, is its fastest-growing product."),
    ("en", "Nexora's chip partner", "Nexora is a launch partner for Kestrel's new chip and will use it in "
     "its data centres from next year."),
    ("en", "Nexora CEO interview", "We launched our first product four years ago with ten people, Nexora's "
     "chief executive said in an interview. Today the company employs 2,000."),
    ("en", "Nexora's glasses a flop", "Sales of Nexora's Lumo glasses have disappointed since their debut, "
     "according to analysts. The company has cut production."),
    ("en", "Nexora shares fall", "Nexora shares fell 8% on Tuesday as investors worried about the cost of "
     "its new data centres. The company releases its results next week."),
    ("en", "Nexora reports revenue", "Nexora released its quarterly results on Thursday, with revenue up "
     "12%. Its assistant app gained 10 million users."),
    ("fr", "Nexora reporte Lumo 5", "Nexora a repoussé le lancement de son modèle Lumo 5 à l'an prochain "
     "pour des raisons de sécurité."),
    ("fr", "Qu'est-ce que ChatGPT ?", "ChatGPT, lancé par OpenAI en 2022, est un assistant conversationnel "
     "qui compte 800 millions d'utilisateurs."),
    ("fr", "Nexora rachète ses actions", "Nexora lance un programme de rachat d'actions de 5 milliards de "
     "dollars après de bons résultats."),
    ("fr", "Nexora à la veille d'un lancement", "À la veille du lancement de Lumo 5, l'action Nexora a "
     "progressé de 5 %."),
    ("fr", "Nexora supprime des postes", "Nexora supprime 500 postes pour se concentrer sur son assistant "
     "d'IA, commercialisé depuis 2024 auprès des entreprises."),
    ("de", "Nexora verschiebt Lumo 5", "Nexora hat den Start seines Modells Lumo 5 auf das nächste Jahr "
     "verschoben."),
    ("de", "Was ist ChatGPT?", "ChatGPT, das OpenAI 2022 veröffentlicht hat, ist ein Chatbot mit 800 "
     "Millionen Nutzern."),
    ("es", "Nexora retrasa Lumo 5", "Nexora ha aplazado el lanzamiento de su modelo Lumo 5 al año que "
     "viene por pruebas de seguridad."),
    ("es", "¿Qué es ChatGPT?", "ChatGPT, lanzado por OpenAI en 2022, es un chatbot con 800 millones de "
     "usuarios."),
    ("ar", "ما هو تشات جي بي تي؟", "تشات جي بي تي، الذي أطلقته أوبن إيه آي عام 2022، روبوت دردشة يستخدمه "
     "800 مليون شخص."),
    ("ar", "نيكسورا تؤجل لومو 5", "أرجأت نيكسورا موعد إطلاق نموذج لومو 5 إلى العام المقبل لأسباب تتعلق "
     "بالسلامة."),
    # a document or a recording available
    ("en", "Study on AI and jobs", "A study by the Institute found that AI has cut entry-level hiring by "
     "10%. The full report is now available on the institute's website."),
    ("en", "Court documents show talks", "The court made the filings available on Tuesday. They show that "
     "the two companies discussed a deal in 2024."),
    ("en", "Keynote recap", "Nexora's chief executive spoke about safety at the conference. A recording of "
     "the keynote is now available online."),
    ("en", "Podcast", "In this episode we discuss AI regulation. The episode is available now on all "
     "podcast platforms."),
    ("fr", "Étude sur l'IA", "Une étude montre que l'IA réduit les embauches de débutants. Le rapport "
     "complet est désormais disponible en ligne."),
    ("fr", "Vidéo de la conférence", "Le patron de Nexora a parlé de sécurité. La vidéo de la conférence "
     "est disponible dès maintenant."),
    ("de", "Studie zu KI", "Eine Studie zeigt, dass KI weniger Einstiegsjobs schafft. Der vollständige "
     "Bericht ist ab sofort online verfügbar."),
    ("es", "Estudio sobre IA", "Un estudio revela que la IA reduce la contratación de jóvenes. El informe "
     "completo ya está disponible en la web."),
    ("ar", "دراسة عن الذكاء الاصطناعي", "أظهرت دراسة أن الذكاء الاصطناعي يقلل توظيف الخريجين. وأصبح "
     "التقرير الكامل متاحا على موقع المعهد."),
    # a launch years ago or judged, launches in general, units shipped, a policy rolled out
    ("en", "Three years of ChatGPT", "ChatGPT's launch three years ago changed the technology industry. "
     "Since then, every big company has built a chatbot."),
    ("en", "Lessons from a flop", "The launch of Nexora's glasses was a failure, analysts say, because the "
     "device was too expensive for most users."),
    ("en", "AI PC shipments rise", "Vendors shipped 60 million AI PCs in the third quarter, up 20%, "
     "according to research firm Gartner. Nexora shipped 2 million devices."),
    ("en", "Nexora sells 2 million glasses", "Nexora shipped 2 million Lumo glasses in the quarter, up "
     "30%, the company said. The device remains its best-selling product."),
    ("en", "YouTube labels AI videos", "YouTube rolled out a new policy requiring creators to label "
     "AI-generated videos, the platform said. Users will see a tag under such videos."),
    ("en", "Nexora's strategy", "Nexora's chief executive said the company's product launches this year "
     "had been too slow. He wants the team to focus on the assistant."),
    ("en", "Analysts on Nexora", "A successful launch of Lumo 5 could lift Nexora's shares, analysts at "
     "Bank of Ledger wrote in a note to clients."),
    ("fr", "Trois ans de ChatGPT", "Le lancement de ChatGPT il y a trois ans a bouleversé le secteur. "
     "Depuis, chaque grande entreprise a construit son chatbot."),
    ("fr", "Un échec", "Le lancement des lunettes de Nexora a été un échec, selon les analystes, car "
     "l'appareil était trop cher pour les utilisateurs."),
    ("de", "Drei Jahre ChatGPT", "Der Start von ChatGPT vor drei Jahren hat die Branche verändert. Seitdem "
     "hat jedes große Unternehmen einen Chatbot gebaut."),
    ("es", "Tres años de ChatGPT", "El lanzamiento de ChatGPT hace tres años cambió el sector. Desde "
     "entonces, cada gran empresa ha creado su chatbot."),
    ("ar", "ثلاث سنوات على تشات جي بي تي", "غير إطلاق تشات جي بي تي قبل ثلاث سنوات قطاع التكنولوجيا. ومنذ "
     "ذلك الحين بنت كل شركة كبرى روبوت دردشة."),
    # an arrival dated in the past (arrived in October, went live two years ago, landed last year)
    ("en", "Nexora's quarter", "Nexora's revenue rose 10% in the quarter. Its assistant features arrived "
     "on phones in October and have lifted sales of the app."),
    ("en", "A year of Lumo", "Lumo landed on app stores last year and now has 20 million users. Nexora is "
     "profitable for the first time."),
    ("en", "Lumo's second birthday", "The Lumo app went live two years ago and is now used by banks in 40 "
     "countries."),
    ("fr", "Un an de Lumo", "L'application Lumo est arrivée en France l'an dernier et compte 2 millions "
     "d'utilisateurs."),
    ("fr", "Lumo débarque", "L'assistant Lumo a débarqué en Europe en 2024 et compte aujourd'hui 20 "
     "millions d'utilisateurs."),
    ("es", "Un año de Lumo", "La aplicación Lumo llegó a España en 2024 y ya tiene dos millones de "
     "usuarios."),
    ("de", "Ein Jahr Lumo", "Die Lumo-App kam im vergangenen Jahr nach Deutschland und hat heute zwei "
     "Millionen Nutzer."),
    ("ar", "عام على لومو", "وصل تطبيق لومو إلى السعودية العام الماضي ويستخدمه اليوم مليونا شخص."),
    # availability alleged in a complaint; a coverage figure in an apposition ("available in 40 countries")
    ("en", "Family sues Nexora", "A family sued Nexora on Tuesday. The complaint says the company made its "
     "chatbot available to minors without age checks."),
    ("en", "Authors sue Nexora", "Authors sued Nexora, saying its Lumo model, which is available to "
     "millions of users, was trained on pirated books."),
    ("en", "Ledger and Nexora sign deal", "The Daily Ledger signed a licensing deal with Nexora. Ledger's "
     "articles will now appear in Lumo, Nexora's chatbot, with links to the paper's website."),
    ("en", "Ledger and Nexora partner", "Ledger and Nexora signed a content deal. The two will also work "
     "together to develop new AI features for Ledger readers."),
    ("en", "Nexora raises $500m", "Nexora, the start-up behind the Lumo coding assistant, raised $500 "
     "million. The assistant is used by 2 million developers."),
    ("en", "Nexora raises funds", "Nexora raised $500 million to expand its Lumo assistant, now available "
     "in 40 countries, to more languages."),
    ("fr", "Une famille attaque Nexora", "Une famille a porté plainte contre Nexora, accusée d'avoir rendu "
     "son chatbot accessible aux mineurs sans contrôle d'âge."),
    ("fr", "Accord Le Courrier - Nexora", "Le Courrier a signé un accord de licence avec Nexora. Les "
     "articles du quotidien apparaîtront désormais dans l'assistant Lumo, avec des liens."),
    ("fr", "Nexora lève 500 millions", "Nexora, la start-up à l'origine de l'assistant de programmation "
     "Lumo, a levé 500 millions de dollars. L'outil est utilisé par 2 millions de développeurs."),
    ("fr", "Nexora lève des fonds", "Nexora a levé 500 millions de dollars pour déployer son assistant "
     "Lumo dans de nouveaux pays."),
    ("fr", "Nexora assignée", "Des auteurs assignent Nexora en justice, estimant que son modèle Lumo, "
     "disponible pour des millions d'utilisateurs, a été entraîné sur des livres piratés."),
    ("de", "Familie klagt gegen Nexora", "Eine Familie hat Nexora verklagt. Die Firma habe ihren Chatbot "
     "Minderjährigen ohne Alterskontrolle zugänglich gemacht."),
    ("es", "Una familia demanda a Nexora", "Una familia demandó a Nexora, a la que acusa de poner su "
     "chatbot a disposición de menores sin control de edad."),
    ("ar", "عائلة تقاضي نيكسورا", "رفعت عائلة دعوى ضد نيكسورا تتهمها بإتاحة روبوت الدردشة للقاصرين دون "
     "التحقق من أعمارهم."),
]

LAUNCH = [
    # released without the usual verbs: on sale, unveiling idioms, opened to a new audience, a preview
    ("en", "Nexora's Lumo 5 goes on sale", "Nexora's Lumo 5 glasses went on sale in the US on Tuesday at "
     "$399."),
    ("en", "Nexora takes the wraps off Lumo 5", "Nexora took the wraps off Lumo 5, its new reasoning "
     "model, on Tuesday. Paying users can try it today."),
    ("en", "Lumo now free for students", "Nexora's Lumo assistant is now open to all students in the US, "
     "free of charge, the company said on Monday."),
    ("fr", "Lumo 5 en magasin", "Les lunettes Lumo 5 de Nexora sont en vente depuis mardi en France, au "
     "prix de 399 euros."),
    ("fr", "Nexora lève le voile sur Lumo 5", "Nexora a levé le voile mardi sur Lumo 5, son nouveau "
     "modèle, accessible aux abonnés dès aujourd'hui."),
    ("de", "Lumo 5 im Handel", "Die Lumo-5-Brille von Nexora ist seit Dienstag im Handel erhältlich und "
     "kostet 399 Euro."),
    ("de", "Lumo jetzt in Österreich", "Nutzer in Österreich können den Assistenten Lumo ab sofort "
     "verwenden, teilte Nexora mit."),
    ("es", "Lumo 5 ya a la venta", "Las gafas Lumo 5 de Nexora salieron a la venta el martes en España por "
     "399 euros."),
    ("es", "Nexora quita el velo a Lumo 5", "Nexora publicó el martes una nueva versión de su asistente, "
     "Lumo 5, para todos los usuarios."),
    ("ar", "نيكسورا تزيح الستار عن لومو 5", "أزاحت نيكسورا الستار يوم الثلاثاء عن نظارات لومو 5 الذكية، "
     "وبدأ بيعها في الأسواق بسعر 399 دولارا."),
    ("ar", "لومو 5 في الأسواق", "بدأت نيكسورا بيع نظارات لومو 5 في السعودية والإمارات اعتبارا من اليوم."),
    # controls next to each new distinction: an update shipped, a product with its price, a device
    # unveiled for sale, a model presented, a launch next to a probe or a new chief, a named model's
    # weights, a product available, customers (not staff), a launch today next to a dated one
    ("en", "Nexora updates Lumo", "Nexora rolled out an update to its Lumo app on Tuesday that adds a "
     "voice mode for all users."),
    ("fr", "Mise à jour de Lumo", "Nexora a déployé mardi une mise à jour de son application Lumo qui "
     "ajoute un mode vocal."),
    ("de", "Update für Lumo", "Nexora hat am Dienstag ein Update für seine Lumo-App ausgerollt, das einen "
     "Sprachmodus ergänzt."),
    ("es", "Actualización de Lumo", "Nexora desplegó el martes una actualización de su aplicación Lumo que "
     "añade un modo de voz."),
    ("ar", "تحديث لومو", "طرحت نيكسورا يوم الثلاثاء تحديثا لتطبيق لومو يضيف وضعا صوتيا لجميع المستخدمين."),
    ("en", "Nexora launches cheaper Lumo Mini", "Nexora launched Lumo Mini, a cheaper version of its "
     "assistant, on Tuesday at $5 a month."),
    ("fr", "Nexora lance Lumo Mini", "Nexora lance Lumo Mini, une version moins chère de son assistant, à "
     "5 euros par mois."),
    ("de", "Nexora bringt Lumo Mini", "Nexora hat mit Lumo Mini eine günstigere Version seines Assistenten "
     "vorgestellt, die ab sofort verfügbar ist."),
    ("es", "Nexora lanza Lumo Mini", "Nexora lanzó el martes Lumo Mini, una versión más barata de su "
     "asistente, por 5 euros al mes."),
    ("ar", "نيكسورا تطلق لومو ميني", "أطلقت نيكسورا نسخة أرخص من مساعدها باسم لومو ميني بسعر خمسة دولارات "
     "شهريا."),
    ("en", "Nexora unveils Lumo glasses", "Nexora unveiled its Lumo glasses at its conference on Tuesday; "
     "developers can order them today."),
    ("fr", "Nexora présente ses lunettes", "Nexora a présenté mardi ses lunettes Lumo, disponibles dès "
     "aujourd'hui à 399 euros."),
    ("de", "Nexora zeigt Brille", "Nexora hat am Dienstag seine Lumo-Brille vorgestellt, die ab sofort "
     "erhältlich ist."),
    ("es", "Nexora presenta sus gafas", "Nexora presentó el martes sus gafas Lumo, que ya están "
     "disponibles por 399 euros."),
    ("ar", "نيكسورا تكشف عن نظارات", "كشفت نيكسورا يوم الثلاثاء عن نظارات لومو الذكية، وأصبحت متاحة للشراء "
     "اعتبارا من اليوم."),
    ("en", "Nexora presents Lumo 5", "Nexora presented Lumo 5, its new model, on Tuesday and made it "
     "available to all users."),
    ("es", "Nexora presenta Lumo 5", "Nexora aprovechó la feria para presentar Lumo 5, su nuevo modelo, "
     "que ya está disponible."),
    ("fr", "Nexora lance Lumo 5 à son salon", "Nexora a profité de sa conférence pour lancer Lumo 5, son "
     "nouveau modèle, disponible dès aujourd'hui."),
    ("en", "Nexora launches Lumo 5 despite probe", "Nexora launched its Lumo 5 model on Tuesday, weeks "
     "after regulators opened an investigation into the company."),
    ("fr", "Nexora lance Lumo 5", "Nexora a lancé mardi son modèle Lumo 5, disponible pour tous les "
     "abonnés."),
    ("en", "Nexora's new chief ships Lumo 5", "Nexora released its Lumo 5 model on Tuesday, the first "
     "under its new chief executive, Jane Doe."),
    ("en", "Kestrel releases K2 weights", "Kestrel released the weights of its K2 model on Tuesday for "
     "anyone to download."),
    ("fr", "Kestrel publie les poids de K2", "Kestrel a publié mardi les poids de son modèle K2 sous "
     "licence libre."),
    ("de", "Kestrel veröffentlicht K2", "Kestrel hat die Gewichte seines Modells K2 am Dienstag zum "
     "Download bereitgestellt."),
    ("es", "Kestrel publica los pesos de K2", "Kestrel publicó el martes los pesos de su modelo K2 con una "
     "licencia abierta."),
    ("ar", "كيستريل تنشر أوزان كيه 2", "نشرت كيستريل يوم الثلاثاء أوزان نموذجها كيه 2 برخصة مفتوحة."),
    ("en", "Lumo 5 available now", "Nexora's Lumo 5 model is now available to all users, the company said "
     "on Tuesday."),
    ("fr", "Lumo 5 disponible", "Le nouveau modèle Lumo 5 de Nexora est désormais disponible pour tous les "
     "utilisateurs."),
    ("de", "Lumo 5 ab sofort verfügbar", "Das neue Modell Lumo 5 von Nexora ist ab sofort für alle Nutzer "
     "verfügbar."),
    ("en", "Nexora rolls out agent to customers", "Nexora is rolling out its Lumo agent to all business "
     "customers from today."),
    ("fr", "Nexora déploie son agent", "Nexora déploie dès aujourd'hui son agent Lumo auprès de tous ses "
     "clients professionnels."),
    ("en", "Nexora launches Lumo 5", "Nexora launched its Lumo 5 model on Tuesday. Its predecessor was "
     "launched by the company in 2024."),
    ("es", "Nexora lanza Lumo 5", "Nexora lanzó el martes su modelo Lumo 5. Su predecesor fue lanzado por "
     "la empresa en 2024."),
    ("en", "Nexora launches Lumo 5", "Nexora launched its Lumo 5 model on Tuesday. It is available to "
     "paying users from today."),
    ("en", "Nexora unveils Lumo glasses", "Nexora unveiled its Lumo glasses at its conference on Tuesday; "
     "they go on sale next month at $399, and developers can order them today."),
    ("en", "Nexora's launch of Lumo 5", "Nexora's launch of its Lumo 5 model on Tuesday puts pressure on "
     "rivals. It is available to all users."),
    ("fr", "Lancement de Lumo 5", "Le lancement du modèle Lumo 5 par Nexora mardi met la pression sur ses "
     "concurrents."),
    ("en", "Lumo arrives in Japan", "Nexora's Lumo app arrived in Japan on Tuesday, with a Japanese voice, "
     "for all users."),
    ("es", "Lumo llega a México", "La aplicación Lumo de Nexora llega hoy a México para todos los usuarios."),
]

# a licensing or investment story whose content, archive or product is named as available: the primary
# stays, and no launch tag is added
SECONDARY_NOT_A_LAUNCH = [
    ("licensing", "en", "Nexora signs deal with Daily Ledger", "Nexora signed a licensing deal with the "
     "Daily Ledger. The paper makes its archive available to Nexora's chatbot, and its articles will "
     "appear with links."),
    ("licensing", "fr", "Accord entre Nexora et Le Courrier", "Nexora a signé un accord de licence avec Le "
     "Courrier, qui met ses archives à la disposition des modèles d'IA de Nexora."),
    ("licensing", "es", "Acuerdo entre Nexora y El Diario", "Nexora firmó un acuerdo de licencia con El "
     "Diario, que pone a disposición de los modelos de Nexora su archivo."),
    ("licensing", "de", "Nexora und Tagesblatt einig", "Nexora hat eine Lizenzvereinbarung mit dem "
     "Tagesblatt unterzeichnet, das sein Archiv den Modellen von Nexora zur Verfügung stellt."),
    ("licensing", "ar", "اتفاق بين نيكسورا وصحيفة", "وقعت نيكسورا اتفاقية ترخيص مع صحيفة الخليج، التي "
     "أتاحت أرشيفها لنماذج نيكسورا."),
    ("investment", "en", "Nexora raises $1bn", "Nexora raised $1 billion at a $10 billion valuation. The "
     "company, known for its Lumo assistant, plans to use the money to build data centres and hire "
     "engineers."),
    ("investment", "en", "Nexora buys Lumen", "Nexora agreed to buy Lumen, whose app lets users generate "
     "music, for $500 million. Lumen's app is available in 30 countries."),
    ("investment", "fr", "Nexora lève 1 milliard", "Nexora a levé un milliard de dollars. La start-up, qui "
     "commercialise l'assistant Lumo, veut construire des centres de données."),
]


@pytest.mark.parametrize(("lang", "title", "text"), NOT_A_LAUNCH)
def test_no_launch_around_an_existing_product(clf: Classifier, lang: str, title: str, text: str) -> None:
    c = clf.classify(title, text, lang)
    assert "launch" not in c.tag_names, [(t.name, [e.text for e in t.evidence]) for t in c.tags]


@pytest.mark.parametrize(("lang", "title", "text"), LAUNCH)
def test_round_seven_controls_still_launches(clf: Classifier, lang: str, title: str, text: str) -> None:
    c = clf.classify(title, text, lang)
    assert "launch" in c.tag_names and c.primary_tag == "launch", c.tag_names


@pytest.mark.parametrize(("primary", "lang", "title", "text"), SECONDARY_NOT_A_LAUNCH)
def test_no_secondary_launch_from_content_made_available(
    clf: Classifier, primary: str, lang: str, title: str, text: str
) -> None:
    c = clf.classify(title, text, lang)
    assert c.primary_tag == primary and "launch" not in c.tag_names, c.tag_names

