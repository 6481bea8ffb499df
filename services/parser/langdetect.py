"""Language of an article's text, with py3langid (chosen by measurement: docs/performance.md#parser).

Long texts are classified over py3langid's 97 languages. Short texts (< ``SHORT_CHARS``, e.g. a
summary-only article) and unsure results are classified over the project's languages only
(``FOCUS_LANGUAGES``), where a few words suffice. Returns an ISO 639-1 code, or None when there are
too few letters to tell.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

FOCUS_LANGUAGES: tuple[str, ...] = ("ar", "fr", "de", "en", "es")
MIN_LETTERS = 3
SHORT_CHARS = 120
# Only the head of a long article is classified: cost is linear in length, the language is settled
# within a few sentences.
MAX_CHARS = 400
MIN_CONFIDENCE = 0.5


@lru_cache(maxsize=2)
def _identifier(focus: bool) -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if focus:
        ident.set_languages(list(FOCUS_LANGUAGES))
    return ident


def detect_language(text: str, *, title: str | None = None) -> str | None:
    """Language code of ``text`` (the title is prepended when the text is short)."""
    sample = text[:MAX_CHARS]
    if title and len(sample) < SHORT_CHARS * 2:
        sample = f"{title}\n{sample}"
    if sum(1 for ch in sample[:SHORT_CHARS] if ch.isalpha()) < MIN_LETTERS:
        return None
    if len(sample) >= SHORT_CHARS:
        lang, prob = _identifier(False).classify(sample)
        if prob >= MIN_CONFIDENCE:
            return str(lang)
    lang, _ = _identifier(True).classify(sample)
    return str(lang)


def preload() -> None:
    """Load both models now (a worker does this at start, so no document pays for it)."""
    _identifier(False)
    _identifier(True)
