"""Search normalisation: the same folding for indexed text and for queries.

The local Elasticsearch is server-core only (no ``asciifolding``, ``arabic_normalization`` or ICU
filters), so folding happens here, in Python, and the folded text goes into ``search_*`` fields
analysed with the built-in ``standard`` analyzer. Queries are folded with the same function.

Folding, character by character:

* case folding (``Straße`` -> ``strasse``, ``É`` -> ``é``),
* compatibility decomposition, then removal of Latin and Arabic combining marks: accents
  (``é`` -> ``e``, ``ü`` -> ``u``), Arabic diacritics (harakat, shadda, sukun, superscript alef)
  and the hamza/madda carried by a letter (``أ إ آ`` -> ``ا``, ``ؤ`` -> ``و``, ``ئ`` -> ``ي``),
* Arabic letter variants: alef wasla ``ٱ`` -> ``ا``, alef maqsura ``ى`` -> ``ي``, ta marbuta
  ``ة`` -> ``ه``, Persian ``ی``/``ک`` -> ``ي``/``ك``; tatweel ``ـ`` removed,
* other scripts keep their marks (Indic vowel signs are letters, not accents).

Because folding is per character, ``fold_with_offsets`` can map a folded position back to the
original text, which is how the search highlighter marks the original words.
"""

from __future__ import annotations

import unicodedata

TATWEEL = "\u0640"

# Arabic letters folded to a canonical form after the marks are gone.
_ARABIC_LETTERS = {
    "\u0671": "\u0627",  # alef wasla -> alef
    "\u0672": "\u0627",  # alef with wavy hamza above
    "\u0673": "\u0627",  # alef with wavy hamza below
    "\u0675": "\u0627",  # high hamza alef
    "\u0649": "\u064a",  # alef maqsura -> yeh
    "\u06cc": "\u064a",  # farsi yeh -> yeh
    "\u06d2": "\u064a",  # yeh barree -> yeh
    "\u0629": "\u0647",  # teh marbuta -> heh
    "\u06a9": "\u0643",  # keheh -> kaf
    "\u0640": "",  # tatweel
}


def _is_folded_mark(ch: str) -> bool:
    """Combining marks that folding removes: Latin/Greek/Cyrillic accents and Arabic marks."""
    cp = ord(ch)
    return (
        0x0300 <= cp <= 0x036F  # combining diacritical marks
        or 0x1AB0 <= cp <= 0x1AFF
        or 0x1DC0 <= cp <= 0x1DFF
        or 0x20D0 <= cp <= 0x20FF
        or 0xFE20 <= cp <= 0xFE2F
        or 0x0610 <= cp <= 0x061A  # Arabic signs
        or 0x064B <= cp <= 0x065F  # harakat, shadda, sukun, hamza above/below, madda
        or cp == 0x0670  # superscript alef
        or 0x06D6 <= cp <= 0x06ED  # Quranic annotation marks
        or 0x08D3 <= cp <= 0x08FF  # extended Arabic marks
    )


def fold_char(ch: str) -> str:
    """The folded form of one character (possibly empty or several characters)."""
    out = []
    for c in unicodedata.normalize("NFKD", ch.casefold()):
        if _is_folded_mark(c):
            continue
        out.append(_ARABIC_LETTERS.get(c, c))
    return unicodedata.normalize("NFC", "".join(out))


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table that computes and remembers the folding of each new character."""

    def __missing__(self, codepoint: int) -> str:
        folded = fold_char(chr(codepoint))
        self[codepoint] = folded
        return folded


_TABLE = _FoldTable()


def fold(text: str | None) -> str:
    """Fold ``text`` for search (the same function is applied to documents and to queries)."""
    if not text:
        return ""
    if text.isascii():  # fast path: for ASCII, folding is lower-casing
        return text.lower()
    return text.translate(_TABLE)


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` and, for each folded character, the index of the original character it came from.

    The list has one extra entry (``len(text)``) so that an end offset maps too.
    """
    pieces: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        piece = _TABLE[ord(ch)]
        if piece:
            pieces.append(piece)
            origin.extend([i] * len(piece))
    origin.append(len(text))
    return "".join(pieces), origin


def fold_terms(text: str) -> list[str]:
    """The folded word tokens of ``text`` (letters and digits), as the highlighter compares them."""
    import re

    return [m.group(0) for m in re.finditer(r"\w+", fold(text))]
