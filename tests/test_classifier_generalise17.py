"""Issue 13, round 17: a product opened to every user, reader or member is a launch in English and Arabic too.

French and Spanish already read «a ouvert son assistant à tous les utilisateurs», «abrió su asistente a
todos los usuarios», German the present „öffnet … für alle Nutzer" but not the perfect „hat … für alle
Nutzer geöffnet"; English required the audience to be users, customers, developers ... (not readers,
listeners, members) and a product noun from a list without summarisers or writing editors, and Arabic
required «باب التجربة/الوصول» before «أمام» (or «لـ»). Noticed on our own sentences in grouper round 8's
notes; the rules are the "Round 17" lines of services/classifier/taxonomy/tags/launch.yaml. Controls: a
building, an archive, a debate or a town hall opened to all is no launch, nor a pool open "since Dienstag"
(the weekday is no "Dienst", a service).
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

LA = "launch"
OPENED = "opened-to-all"
CASES: list[Case] = [
    (OPENED, "en", "Readwell on Tuesday opened its article summariser to every reader of its app.", {LA}),
    (OPENED, "en", "Tunefold opened its playlist assistant to all listeners in Canada on Monday.", {LA}),
    (OPENED, "en", "Pagecraft has opened its writing editor to every member of its platform.", {LA}),
    (OPENED, "en", "The museum opened its doors to every visitor on Sunday.", set()),
    (OPENED, "en", "The club opened its books to every member after the vote.", set()),
    (OPENED, "en", "The newspaper opened its archive to all readers, its editor said.", set()),
    (OPENED, "ar", "فتحت شركة نوفرا مساعدها الذكي أمام جميع المستخدمين يوم الثلاثاء.", {LA}),
    (OPENED, "ar", "وفتحت منصة قلم أداة الكتابة الجديدة أمام كافة المشتركين.", {LA}),
    (OPENED, "ar", "فتحت الشركة أبواب مقرها أمام الجميع في يوم مفتوح للزوار.", set()),
    (OPENED, "ar", "فتحت الشركة باب النقاش حول نموذجها أمام الجميع.", set()),
    (OPENED, "ar", "فتحت الشركة تطبيقها الجديد للجميع يوم الأحد.", {LA}),
    (OPENED, "ar", "فتحت الشركة أبواب مقرها للجميع في يوم مفتوح.", set()),
    (OPENED, "fr", "Lumio a ouvert mardi son assistant à tous les utilisateurs.", {LA}),
    (OPENED, "fr", "La mairie a ouvert ses jardins à tous les habitants.", set()),
    (OPENED, "de", "Lumio hat am Dienstag seinen Assistenten für alle Nutzer geöffnet.", {LA}),
    (OPENED, "de", "Die Stadt hat ihr Rathaus am Sonntag für alle Bürger geöffnet.", set()),
    (OPENED, "de", "Das Schwimmbad ist seit Dienstag für alle Mitglieder geöffnet.", set()),
    (OPENED, "es", "Lumio abrió el martes su asistente a todos los usuarios.", {LA}),
    (OPENED, "es", "El ayuntamiento abrió sus jardines a todos los vecinos.", set()),
]


@over_cases(CASES)
def test_round17_case(clf: Classifier, lang: str, text: str, expected: set[str]) -> None:
    assert_tags(clf, lang, text, expected)


def test_round17_classes_have_controls_in_every_language() -> None:
    assert_every_class_has_a_control(CASES)
    assert_every_class_in_languages(CASES, control_in_each=True)
