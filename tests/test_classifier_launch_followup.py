"""Launch follow-up to round 10: the classes of launch errors colleagues found on our own blind sets.

Fixed as general classes in ``services/classifier/taxonomy/tags/launch.yaml`` (commit 8b6b6ed and the next
one), each group below with our own sentences in every language where the wording exists and controls that
must keep (or must not get) the tag:

- not a launch: a rule about releases in general, with a generic subject ("every model released to the
  public must be registered", "tout modèle mis sur le marché", "jedes Modell, das veröffentlicht wird",
  "todo modelo lanzado", "كل نموذج يطرح");
- launch recall: a model published by researchers whose sentence mentions training texts ("ont publié un
  modèle ... entraîné sur des textes": "texte" vetoed the rule), "disponible sur la plateforme Hugging
  Face"; a robot as the product (de, es); the Spanish plural past ("presentaron", "lanzaron"); كشف عن with a
  longer subject or a versioned name ("تكشف عن ... 4"); "estrena" with a bare name in a headline plus "ya
  permite" (and "permet désormais", "ermöglicht ab sofort", as the "now lets users" of English); a product
  named "... Review" with an apposition that says what it is ("launched Codex Review, a code-review agent")
  is no review launched; available to a longer audience "from today".

Before these rules: orgs_generalise2 launch P/R 0.86 / 0.67 (og3-en-01 false, og3-fr-07, og3-de-06,
og3-es-06 missed), stories_generalise3 launch 0.86 / 0.67 (gs5-h05-es, gs5-h08-en, gs5-h11-ar missed).
"""

from __future__ import annotations

import json

import pytest

from services.classifier.engine import Classifier
from services.classifier.evaluate import evaluate, read_jsonl
from tests.support import REPO

DATA = REPO / "tests" / "data"


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier()


# (class, lang, title, text, expected: launch or not)
CASES: list[tuple[str, str, str, str, bool]] = [
    # ---- a rule about releases in general (generic subject): no launch
    (
        "generic subject",
        "en",
        "",
        "Under the new law, every chatbot released to the public in the EU must carry a label.",
        False,
    ),
    (
        "generic subject",
        "en",
        "",
        "Any app launched in India after March must store its data locally, the ministry said.",
        False,
    ),
    ("generic subject", "en", "", "All AI systems placed on the market will need a conformity check.", False),
    (
        "generic subject",
        "fr",
        "",
        "Tout modèle mis sur le marché européen devra publier un résumé de ses données.",
        False,
    ),
    ("generic subject", "fr", "", "Chaque application lancée en France doit être déclarée à la CNIL.", False),
    (
        "generic subject",
        "de",
        "",
        "Jedes Modell, das in der EU veröffentlicht wird, muss künftig registriert werden.",
        False,
    ),
    (
        "generic subject",
        "de",
        "",
        "Alle KI-Anwendungen, die auf den Markt kommen, müssen gekennzeichnet sein.",
        False,
    ),
    (
        "generic subject",
        "es",
        "",
        "Todo asistente lanzado en la UE deberá informar de sus datos de entrenamiento.",
        False,
    ),
    (
        "generic subject",
        "es",
        "",
        "Cualquier aplicación que se lance en Brasil tendrá que cumplir la norma.",
        False,
    ),
    ("generic subject", "ar", "", "كل تطبيق يطرح في السوق يجب أن يحصل على موافقة الهيئة.", False),
    # controls: a release with a quantifier elsewhere stays a launch
    (
        "generic subject",
        "en",
        "",
        "Nexora released Atlas 2 to all users on Tuesday; every model in the family is free.",
        True,
    ),
    (
        "generic subject",
        "fr",
        "",
        "Mistral a lancé mardi son nouveau modèle pour tous les utilisateurs.",
        True,
    ),
    (
        "generic subject",
        "de",
        "",
        "Aleph Alpha hat am Montag ein neues Modell veröffentlicht, das alle Behörden nutzen können.",
        True,
    ),
    (
        "generic subject",
        "es",
        "",
        "Mistral lanzó el martes un nuevo modelo de lenguaje para todos los usuarios.",
        True,
    ),
    ("generic subject", "ar", "", "طرحت الشركة نموذجها الجديد لجميع المستخدمين يوم الثلاثاء.", True),
    # controls: a quantifier over the releases of a named day is a release event
    ("generic subject", "en", "", "Each model released on Tuesday is available to all users now.", True),
    (
        "generic subject",
        "fr",
        "",
        "Chaque modèle lancé mardi est disponible pour tous les utilisateurs.",
        True,
    ),
    ("generic subject", "es", "", "Cada modelo lanzado hoy está disponible para todos los usuarios.", True),
    # ---- a model published, training texts in the sentence; on "the platform" Hugging Face
    (
        "published model",
        "fr",
        "",
        "Des chercheurs lyonnais ont publié jeudi un modèle de traduction entraîné "
        "sur des textes juridiques.",
        True,
    ),
    ("published model", "fr", "", "Le modèle a été déposé sur la plateforme Hugging Face.", True),
    ("published model", "es", "", "El modelo está disponible en la plataforma Hugging Face desde hoy.", True),
    (
        "published model",
        "fr",
        "",
        "L'équipe a publié jeudi une nouvelle version du texte de loi sur l'IA.",
        False,
    ),
    ("published model", "fr", "", "Le jeu de données est disponible sur la plateforme Hugging Face.", False),
    (
        "published model",
        "es",
        "",
        "El conjunto de datos está disponible en la plataforma Hugging Face.",
        False,
    ),
    ("published model", "en", "", "The dataset is available on the Hugging Face hub.", False),
    # ---- a robot as the product
    ("robot", "de", "", "Das Start-up Neura hat einen Haushaltsroboter für 9.000 Euro vorgestellt.", True),
    ("robot", "es", "", "La empresa presentó el martes un robot humanoide que cuesta 5.000 dólares.", True),
    ("robot", "fr", "", "Le fabricant a présenté mardi un robot humanoïde vendu 6 000 euros.", True),
    ("robot", "en", "", "Figure unveiled a humanoid robot priced at $20,000 on Monday.", True),
    ("robot", "de", "", "Der Konzern hat einen Plan für Roboter in Fabriken vorgestellt.", False),
    ("robot", "es", "", "Un estudio presenta pruebas de que los robots fallan en casa.", False),
    # ---- Spanish plural past
    (
        "plural past",
        "es",
        "",
        "Investigadores de la Universidad de Chile presentaron el lunes un modelo de "
        "lenguaje para el mapudungun.",
        True,
    ),
    ("plural past", "es", "", "Dos empresas lanzaron ayer una aplicación de traducción con IA.", True),
    ("plural past", "es", "", "Los abogados presentaron una demanda contra el modelo de la empresa.", False),
    (
        "plural past",
        "es",
        "",
        "Los investigadores presentaron sus resultados sobre el modelo en un congreso.",
        False,
    ),
    ("plural past", "es", "", "Las empresas presentan nuevos modelos cada mes.", False),
    # ---- كشف عن: a longer subject, a versioned name
    ("kashf an", "ar", "", "كشفت الشركة عن ماسترو 2 لتحرير الفيديو.", True),
    ("kashf an", "ar", "", "كشف فريق البحث في جامعة الملك عبدالله عن الإصدار الثاني من نموذجه اللغوي.", True),
    ("kashf an", "ar", "", "كشفت الشركة عن نمو 20 في المئة في إيراداتها.", False),
    ("kashf an", "ar", "", "كشفت الحكومة عن رؤية 2030 للذكاء الاصطناعي.", False),
    ("kashf an", "ar", "", "كشف مسؤول في الشركة عن أن 5 موظفين غادروا.", False),
    # ---- "estrena" + a bare name in a headline; users can now (ya permite, permet désormais, ab sofort)
    (
        "estrena, now lets",
        "es",
        "TikTok estrena Mosaico",
        "La plataforma ya permite crear collages con inteligencia artificial desde el móvil.",
        True,
    ),
    (
        "estrena, now lets",
        "es",
        "",
        "WhatsApp ya permite a los usuarios generar stickers con inteligencia artificial.",
        True,
    ),
    (
        "estrena, now lets",
        "fr",
        "",
        "L'application permet désormais à ses abonnés de traduire leurs appels en direct.",
        True,
    ),
    (
        "estrena, now lets",
        "fr",
        "",
        "L'assistant permet désormais aux utilisateurs de réserver un billet de train.",
        True,
    ),
    ("estrena, now lets", "de", "", "Die App ermöglicht ab sofort Übersetzungen in Echtzeit.", True),
    (
        "estrena, now lets",
        "es",
        "Netflix estrena Dune",
        "La película de ciencia ficción se podrá ver desde el viernes.",
        False,
    ),
    (
        "estrena, now lets",
        "es",
        "",
        "La ley ya permite usar datos públicos para entrenar modelos de IA.",
        False,
    ),
    (
        "estrena, now lets",
        "fr",
        "",
        "La loi permet désormais aux éditeurs de refuser l'entraînement des modèles d'IA.",
        False,
    ),
    ("estrena, now lets", "de", "", "Das Gesetz erlaubt ab sofort den Einsatz von KI in Behörden.", False),
    # ---- a product named "... Review" with an apposition; available to a longer audience from today
    (
        "named review",
        "en",
        "",
        "Nexora on Tuesday launched Draft Review, a writing assistant for lawyers.",
        True,
    ),
    (
        "named review",
        "en",
        "",
        "The assistant is available to Pro and Team subscribers in Europe from today.",
        True,
    ),
    ("named review", "en", "", "The regulator launched a review, a process that will take months.", False),
    ("named review", "en", "", "The FTC launched a market review, an inquiry into AI chips.", False),
    (
        "named review",
        "en",
        "",
        "The report will be available to members of the committee from Monday.",
        False,
    ),
]


@pytest.mark.parametrize(
    ("cls", "lang", "title", "text", "expected"),
    CASES,
    ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)],
)
def test_launch_followup_case(
    clf: Classifier, cls: str, lang: str, title: str, text: str, expected: bool
) -> None:
    result = clf.classify(title, text, lang)
    assert ("launch" in result.tag_names) is expected, (cls, [(t.name, t.score) for t in result.tags])


def test_every_class_has_controls() -> None:
    classes = {c[0] for c in CASES}
    for cls in classes:
        outcomes = {c[4] for c in CASES if c[0] == cls}
        assert outcomes == {True, False}, cls


def test_blind_set_orgs_generalise2_launch(clf: Classifier) -> None:
    report = evaluate(read_jsonl(DATA / "orgs_generalise2.jsonl"), clf)
    launch = report.per_tag["launch"]
    # before: P 0.86 R 0.67, micro-F1 0.941, primary 0.925
    assert launch.precision >= 0.99 and launch.recall >= 0.99, report.as_dict()
    assert report.micro_f1 >= 0.98 and report.primary_accuracy >= 0.99, report.as_dict()


@pytest.mark.parametrize("story", ["gs5-h05-es", "gs5-h08-en", "gs5-h11-ar"])
def test_blind_set_stories_generalise3_launches(clf: Classifier, story: str) -> None:
    with (DATA / "stories_generalise3.jsonl").open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    record = next(r for r in records if r["id"] == story)
    result = clf.classify(record["title"], record["text"], record["lang"])
    assert "launch" in result.tag_names, [(t.name, t.score) for t in result.tags]
    assert result.primary_tag == "launch"
