"""The one language detector, used by the parser and the classifier (py3langid, chosen by measurement:
docs/performance.md#parser).

``detect_language(text, title=..., focus=...)`` returns an ISO 639-1 code, or None when there are too
few letters to tell:

1. when most letters are in a script that none of the focus languages is written in (CJK, Cyrillic,
   Greek, Hebrew, Devanagari ...), py3langid over all its 97 languages;
2. a long text (``SHORT_CHARS`` or more) over all languages, kept when py3langid is sure
   (``MIN_CONFIDENCE``);
3. otherwise (short or unsure) over the focus languages only, where a few words suffice.

The focus languages default to the classifier's configured languages
(``WIREWATCH_CLASSIFIER_LANGUAGES``, by default ``FOCUS_LANGUAGES``: the languages its taxonomy has
rules for), so the parser and the classifier detect over the same list; the classifier passes its
own. Before this module the parser's detector focused on five languages (ar fr de en es), so a
short Italian, Portuguese or Dutch text came out as es or en.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

# The classifier's default languages (services/classifier/settings.py: languages).
FOCUS_LANGUAGES: tuple[str, ...] = ("en", "ar", "fr", "de", "es", "it", "pt", "nl")
MIN_LETTERS = 3
SHORT_CHARS = 120
# Only the head of a long article is classified: cost is linear in length, the language is settled
# within a few sentences.
MAX_CHARS = 400
MIN_CONFIDENCE = 0.5

# Scripts of the focus languages: Latin (with its extensions) and Arabic.
_ARABIC_LANGS = frozenset({"ar", "fa", "ur", "ps", "ku", "ug", "sd"})
_LATIN = re.compile(r"[A-Za-zÀ-ɏḀ-ỿ]")
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")


@lru_cache(maxsize=1)
def default_focus() -> tuple[str, ...]:
    """The classifier's configured languages (WIREWATCH_CLASSIFIER_LANGUAGES), else FOCUS_LANGUAGES."""
    try:
        from services.classifier.settings import ClassifierSettings

        configured = list(ClassifierSettings().languages)
    except Exception:  # a bad setting must not stop language detection
        configured = []
    codes = sorted({c.strip().lower() for c in configured if c and c.strip()})
    return tuple(codes) or tuple(sorted(FOCUS_LANGUAGES))


def _canonical_focus(focus: Iterable[str] | None) -> tuple[str, ...]:
    if focus is None:
        return default_focus()
    codes = sorted({c.strip().lower() for c in focus if c and c.strip()})
    return tuple(codes) or default_focus()


@lru_cache(maxsize=8)
def _identifier(focus: tuple[str, ...] | None) -> Any:
    """py3langid's identifier over all its languages (``None``) or over ``focus`` only."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if focus is not None:
        known = set(ident.nb_classes)
        ident.set_languages([c for c in focus if c in known])
    return ident


def foreign_script(sample: str, focus: Iterable[str] | None = None) -> bool:
    """True when fewer than half of the letters are in a script one of the focus languages uses."""
    langs = _canonical_focus(focus)
    letters = [ch for ch in sample[:1000] if ch.isalpha()]
    if len(letters) < MIN_LETTERS:
        return False
    latin = any(c not in _ARABIC_LANGS for c in langs)
    arabic = any(c in _ARABIC_LANGS for c in langs)
    native = sum(1 for ch in letters if (latin and _LATIN.match(ch)) or (arabic and _ARABIC.match(ch)))
    return native * 2 < len(letters)


def detect_language(text: str, *, title: str | None = None, focus: Iterable[str] | None = None) -> str | None:
    """Language code of ``text`` (the title is prepended when the text is short)."""
    langs = _canonical_focus(focus)
    sample = (text or "")[:MAX_CHARS]
    if title and len(sample) < SHORT_CHARS * 2:
        sample = f"{title}\n{sample}"
    if sum(1 for ch in sample[:SHORT_CHARS] if ch.isalpha()) < MIN_LETTERS:
        return None
    if foreign_script(sample, langs):
        return str(_identifier(None).classify(sample)[0])
    if len(sample) >= SHORT_CHARS:
        lang, prob = _identifier(None).classify(sample)
        if prob >= MIN_CONFIDENCE:
            return str(lang)
    lang, _ = _identifier(langs).classify(sample)
    return str(lang)


def preload(focus: Iterable[str] | None = None) -> None:
    """Load both models now (a worker does this at start, so no document pays for it)."""
    _identifier(None)
    _identifier(_canonical_focus(focus))
