"""Issue 13, round 28: the classes of round 27's blind set (``tests/data/classifier_generalise27.jsonl``).

Round 27 was written as an ordinary day's mix of AI-industry news in varied outlet styles and scored 0.947
micro-F1 when written (primary 0.96, 13 of 15 no-event stories untagged), the same with the session's
starting code. Its five wrong stories were read and fixed as classes (the "round 28" edits of the tag
files). New sentences of ours, with controls:

- a revenue-share or licensing programme the company has with unnamed counterparts ("has a
  revenue-sharing programme with some publishers", «a un programme de partage de revenus avec plusieurs
  éditeurs», „hat ein Programm … mit einigen Verlagen", «tiene un programa … con algunos medios», «لدى …
  برنامج … مع عدد من الناشرين»): background;
- deals signed by unnamed plural subjects ("some publishers have signed licensing deals"), in every
  language; named ones ("several publishers, including X and Y, signed") stay;
- German contract compounds about customers' contracts („Vertragsfragen", „Mobilfunkverträge") are no deal;
- French near-words inside longer words («encourage» holds «cour», «jugent» holds «juge»);
- Spanish «muy demandada» (in demand), singular as plural;
- suing as what unnamed others choose ("others have turned to the courts", „setzen andere auf Klagen",
  «d'autres ont choisi la voie judiciaire», «otros han optado por los tribunales», «لجأ آخرون إلى
  القضاء»).
"""

from __future__ import annotations

from services.classifier.engine import Classifier
from tests.classifier_helpers import (
    Case,
    assert_every_class_has_a_control,
    assert_tags,
    kinds_by_class,
    over_cases,
)

IN, LI, LA, LS = "investment", "licensing", "launch", "lawsuit"
PROGRAMME = "programme-unnamed"
SOME_SIGNED = "some-signed"
CONTRACT_WORD = "contract-compound"
NEAR_WORD = "near-word-inside"
IN_DEMAND = "in-demand"
OTHERS_SUE = "others-sue"

CASES: list[Case] = [
    (
        PROGRAMME,
        "en",
        (
            "Oravo has a revenue-sharing programme with some publishers, though the Daily Ledger is "
            "not part of it."
        ),
        set(),
    ),
    (
        PROGRAMME,
        "en",
        (
            "Oravo signed a revenue-sharing agreement with the Daily Ledger on Tuesday, giving it the "
            "right to use the paper's archive in its answers."
        ),
        {LI},
    ),
    (
        PROGRAMME,
        "fr",
        (
            "Oravo a un programme de partage de revenus avec plusieurs éditeurs, mais Le Quotidien "
            "n'en fait pas partie."
        ),
        set(),
    ),
    (
        PROGRAMME,
        "fr",
        (
            "Oravo a signé mardi un accord de partage de revenus avec Le Quotidien, qui lui permet "
            "d'utiliser les archives du journal."
        ),
        {LI},
    ),
    (
        PROGRAMME,
        "de",
        "Oravo hat ein Programm zur Umsatzbeteiligung mit einigen Verlagen, die Tagespost gehört nicht dazu.",
        set(),
    ),
    (
        PROGRAMME,
        "de",
        (
            "Oravo hat am Dienstag eine Lizenzvereinbarung mit der Tagespost unterzeichnet, die die "
            "Nutzung des Archivs erlaubt."
        ),
        {LI},
    ),
    (
        PROGRAMME,
        "es",
        (
            "Oravo tiene un programa de reparto de ingresos con algunos medios, aunque El Diario no "
            "forma parte de él."
        ),
        set(),
    ),
    (
        PROGRAMME,
        "es",
        (
            "Oravo firmó el martes un acuerdo de licencia con El Diario para usar su archivo en las "
            "respuestas de su asistente."
        ),
        {LI},
    ),
    (
        PROGRAMME,
        "ar",
        "لدى شركة أورافو برنامج لتقاسم الإيرادات مع عدد من الناشرين، لكن صحيفة اليوم ليست جزءا منه.",
        set(),
    ),
    (
        PROGRAMME,
        "ar",
        "وقعت أورافو يوم الثلاثاء اتفاق ترخيص مع صحيفة اليوم يتيح لها استخدام أرشيف الصحيفة.",
        {LI},
    ),
    (
        CONTRACT_WORD,
        "de",
        (
            "Der Assistent sei zusätzlich darauf trainiert worden, bei Vertragsfragen an menschliche "
            "Mitarbeiter zu verweisen."
        ),
        set(),
    ),
    (
        CONTRACT_WORD,
        "de",
        (
            "Die Hotline beantwortet Fragen zu Mobilfunkverträgen, trainiert wurde der Chatbot mit "
            "alten Kundenanfragen."
        ),
        set(),
    ),
    (
        CONTRACT_WORD,
        "de",
        (
            "Der Verlag hat mit Oravo einen Vertrag geschlossen, der das Training der Modelle mit "
            "seinen Artikeln erlaubt."
        ),
        {LI},
    ),
    (NEAR_WORD, "fr", "« Dans un même département, un lycée interdit tout, le voisin encourage tout.", set()),
    (NEAR_WORD, "fr", "D'autres ont mis en garde contre une interdiction qu'ils jugent illusoire.", set()),
    (
        NEAR_WORD,
        "fr",
        "La CNIL a infligé une amende de 2 millions d'euros à Oravo pour défaut de consentement.",
        {LS},
    ),
    (
        NEAR_WORD,
        "fr",
        "La cour d'appel de Paris a interdit à Oravo d'exploiter les fichiers litigieux.",
        {LS},
    ),
    (
        IN_DEMAND,
        "es",
        "El sistema, con 140 empleados detrás, es una capacidad muy demandada tras la guerra de Ucrania.",
        set(),
    ),
    (IN_DEMAND, "es", "Es el perfil más demandado del sector, según la patronal.", set()),
    (
        IN_DEMAND,
        "es",
        "Oravo fue demandada por la editorial ante un juzgado de Madrid por infracción de derechos de autor.",
        {LS},
    ),
    (
        OTHERS_SUE,
        "en",
        "Some publishers have signed licensing deals; others have turned to the courts.",
        set(),
    ),
    (OTHERS_SUE, "en", "Other newspapers opted for lawsuits instead of talks.", set()),
    (OTHERS_SUE, "en", "The Daily Ledger sued Oravo in a federal court in Manhattan on Monday.", {LS}),
    (
        OTHERS_SUE,
        "fr",
        "Certains éditeurs signent des accords, d'autres ont choisi la voie judiciaire.",
        set(),
    ),
    (OTHERS_SUE, "fr", "Le Quotidien a assigné Oravo devant le tribunal judiciaire de Paris lundi.", {LS}),
    (
        OTHERS_SUE,
        "de",
        (
            "Während einige Häuser Lizenzverträge abschließen, setzen andere auf Klagen oder "
            "blockieren die Crawler der Anbieter."
        ),
        set(),
    ),
    (OTHERS_SUE, "de", "Einige Verlage verhandeln, andere gehen lieber vor Gericht.", set()),
    (OTHERS_SUE, "de", "Die Tagespost hat Oravo am Montag vor dem Landgericht Hamburg verklagt.", {LS}),
    (OTHERS_SUE, "es", "Algunos editores firman acuerdos; otros han optado por los tribunales.", set()),
    (OTHERS_SUE, "es", "El Diario demandó a Oravo el lunes ante un juzgado de Madrid.", {LS}),
    (OTHERS_SUE, "ar", "وبينما وقع بعض الناشرين اتفاقات، لجأ آخرون إلى القضاء.", set()),
    (OTHERS_SUE, "ar", "رفعت صحيفة اليوم دعوى قضائية ضد أورافو أمام محكمة في القاهرة يوم الاثنين.", {LS}),
    (
        SOME_SIGNED,
        "en",
        "Some publishers have signed licensing deals with AI firms, while others negotiate.",
        set(),
    ),
    (
        SOME_SIGNED,
        "en",
        (
            "Several publishers, including the Daily Ledger and Le Quotidien, signed licensing deals "
            "with Oravo on Monday."
        ),
        {LI},
    ),
    (
        SOME_SIGNED,
        "fr",
        "Certains éditeurs ont signé des accords de licence avec les entreprises d'IA.",
        set(),
    ),
    (
        SOME_SIGNED,
        "fr",
        "Le Quotidien a signé lundi un accord de licence avec Oravo pour l'utilisation de ses archives.",
        {LI},
    ),
    (SOME_SIGNED, "de", "Einige Verlage haben bereits Lizenzverträge mit KI-Firmen abgeschlossen.", set()),
    (SOME_SIGNED, "de", "Die Tagespost hat am Montag einen Lizenzvertrag mit Oravo abgeschlossen.", {LI}),
    (
        SOME_SIGNED,
        "es",
        "Algunos editores han firmado acuerdos de licencia con empresas de inteligencia artificial.",
        set(),
    ),
    (
        SOME_SIGNED,
        "es",
        "El Diario firmó el lunes un acuerdo de licencia con Oravo para el uso de su archivo.",
        {LI},
    ),
    (SOME_SIGNED, "ar", "وقع بعض الناشرين اتفاقات ترخيص مع شركات الذكاء الاصطناعي.", set()),
    (SOME_SIGNED, "ar", "وقعت صحيفة اليوم اتفاق ترخيص مع أورافو يوم الاثنين لاستخدام أرشيفها.", {LI}),
]


@over_cases(CASES)
def test_round28_case(clf: Classifier, lang: str, text: str, expected: set[str]) -> None:
    assert_tags(clf, lang, text, expected)


def test_round28_classes_have_controls() -> None:
    assert_every_class_has_a_control(CASES)


def test_round28_classes_are_written_in_several_languages() -> None:
    for group, seen in kinds_by_class(CASES).items():
        # the German compounds, the French near-words and the Spanish adjective are one language's
        assert len(seen) >= (1 if group in {CONTRACT_WORD, NEAR_WORD, IN_DEMAND} else 5), (
            group,
            sorted(seen),
        )
