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
    ("lawsuit", "fr", "Le Quotidien porte plainte contre Nexora", "Le Quotidien a porté plainte contre "
     "Nexora devant le tribunal de Paris, l'accusant d'avoir copié ses articles. Des juristes redoutent "
     "d'autres procès."),
    ("lawsuit", "de", "Verlag verklagt Nexora", "Der Tagesbote hat Nexora vor dem Landgericht verklagt. "
     "Juristen warnen, dass weitere Klagen folgen könnten."),
    ("lawsuit", "es", "El Diario demanda a Nexora", "El Diario presentó una demanda contra Nexora ante un "
     "tribunal de Madrid. Los expertos advierten de que podrían llegar más demandas."),
    ("lawsuit", "ar", "صحيفة تقاضي نيكسورا", "رفعت صحيفة اليوم دعوى قضائية ضد نيكسورا أمام محكمة في دبي. "
     "وحذر خبراء من أن شركات أخرى قد تواجه دعاوى مماثلة."),
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
