"""The one language detector (shared/langdetect.py), used by the parser and the classifier.

Our own short texts in every language the classifier tags: before it, the parser's five-language
focus set (ar fr de en es) turned short Italian, Portuguese and Dutch texts into es or en."""

from __future__ import annotations

import pytest

from shared.langdetect import FOCUS_LANGUAGES, detect_language, foreign_script

SHORT = {
    "it": [
        "La startup milanese ha raccolto dieci milioni di euro.",
        "Il nuovo modello sarà disponibile da lunedì anche in Italia.",
        "L'azienda ha firmato un accordo di licenza con l'editore.",
        "Il tribunale ha respinto la causa contro la società.",
    ],
    "pt": [
        "A empresa anunciou hoje um novo modelo de linguagem.",
        "O tribunal condenou a startup a pagar uma multa.",
        "A rodada de investimento foi liderada por um fundo brasileiro.",
        "O acordo de licenciamento vale por três anos.",
    ],
    "nl": [
        "Het bedrijf heeft vandaag een nieuw taalmodel gelanceerd.",
        "De rechter heeft de zaak tegen het bedrijf afgewezen.",
        "De startup haalde twintig miljoen euro op bij investeerders.",
        "Het nieuwe model is vanaf maandag beschikbaar in Nederland.",
    ],
    "es": [
        "La empresa presentó ayer un nuevo modelo de lenguaje.",
        "El tribunal admitió la demanda contra la compañía.",
        "La ronda de financiación fue liderada por un fondo español.",
    ],
    "en": [
        "The company unveiled a new language model on Tuesday.",
        "A judge dismissed the lawsuit against the startup.",
        "The funding round was led by a London investor.",
    ],
    "fr": [
        "La société a dévoilé mardi un nouveau modèle de langage.",
        "Le tribunal a rejeté la plainte contre la start-up.",
        "La levée de fonds a été menée par un investisseur parisien.",
    ],
    "de": [
        "Das Unternehmen hat am Dienstag ein neues Sprachmodell vorgestellt.",
        "Das Gericht hat die Klage gegen das Start-up abgewiesen.",
        "Die Finanzierungsrunde wurde von einem Berliner Investor angeführt.",
    ],
    "ar": [
        "أطلقت الشركة نموذجا لغويا جديدا يوم الثلاثاء.",
        "رفضت المحكمة الدعوى المرفوعة ضد الشركة الناشئة.",
        "قاد صندوق سعودي جولة التمويل الجديدة.",
    ],
}


@pytest.mark.parametrize(("lang", "text"), [(lang, t) for lang, texts in SHORT.items() for t in texts])
def test_short_texts_in_every_tagged_language(lang: str, text: str) -> None:
    assert detect_language(text) == lang


def test_focus_covers_the_classifiers_languages() -> None:
    from services.classifier.settings import ClassifierSettings

    assert set(ClassifierSettings().languages) <= set(FOCUS_LANGUAGES)
    assert {"it", "pt", "nl"} <= set(FOCUS_LANGUAGES)


def test_a_title_helps_a_tiny_text() -> None:
    assert detect_language("Lançamento", title="A empresa lançou hoje o seu novo assistente") == "pt"


def test_other_scripts_are_read_over_all_languages() -> None:
    assert foreign_script("这家公司今天发布了新的语言模型")
    assert detect_language("这家公司今天发布了新的语言模型。") == "zh"
    assert detect_language("Компания представила новую языковую модель во вторник.") == "ru"
    assert not foreign_script("Die Firma hat ein Modell vorgestellt.")


def test_too_few_letters() -> None:
    assert detect_language("12 345 — 678") is None
    assert detect_language("") is None


def test_a_narrower_focus_is_respected() -> None:
    text = "O tribunal condenou a startup a pagar uma multa."
    assert detect_language(text, focus=["es", "en"]) in {"es", "en"}
    assert detect_language(text, focus=["pt", "es", "en"]) == "pt"


def test_the_parser_and_the_classifier_use_this_detector() -> None:
    import services.parser.langdetect as parser_detector
    from services.classifier.engine import Classifier

    assert parser_detector.detect_language is detect_language
    text = "Het nieuwe model is vanaf maandag beschikbaar in Nederland."
    assert Classifier().detect("", text) == "nl"


def test_the_default_focus_is_the_classifiers_configured_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    from shared import langdetect

    langdetect.default_focus.cache_clear()
    try:
        monkeypatch.setenv("WIREWATCH_CLASSIFIER_LANGUAGES", "es,en")
        assert langdetect.default_focus() == ("en", "es")
        assert detect_language("O tribunal condenou a startup a pagar uma multa.") in {"es", "en"}
    finally:
        monkeypatch.delenv("WIREWATCH_CLASSIFIER_LANGUAGES")
        langdetect.default_focus.cache_clear()
    assert set(langdetect.default_focus()) == set(FOCUS_LANGUAGES)
