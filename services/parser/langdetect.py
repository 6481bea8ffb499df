"""The parser's language detector is the shared one (``shared/langdetect.py``), so the parser and the
classifier agree on a story's language; this module only re-exports it for existing imports."""

from __future__ import annotations

from shared.langdetect import (
    FOCUS_LANGUAGES,
    MAX_CHARS,
    MIN_CONFIDENCE,
    MIN_LETTERS,
    SHORT_CHARS,
    detect_language,
    preload,
)

__all__ = [
    "FOCUS_LANGUAGES",
    "MAX_CHARS",
    "MIN_CONFIDENCE",
    "MIN_LETTERS",
    "SHORT_CHARS",
    "detect_language",
    "preload",
]
