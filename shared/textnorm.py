"""The one text folding: search (documents and queries), tagging and organisation matching in the
classifier, and alert keywords all fold text with the functions of this module, so a word written
``إنفيديا`` in a story and ``انفيديا`` in a query, a tag rule or an alert keyword is the same word.

* ``fold(text)``: the search form (case-folded); ``fold_with_offsets`` maps it back to the original;
* ``fold(text, keep_case=True)``: the same without case folding (organisation aliases match with
  their case: "Apple" the company, not "apple");
* ``fold_same_length(text)``: the classifier's matching form (tag rules, gazetteer, amounts): one
  character for one character, case and Latin accents kept (accents tell words apart there: "jugés"
  is not "juges", "Über" is not "Uber"), on a copy of the text whose offsets must stay those of the
  original; characters that fold to nothing (Arabic diacritics, tatweel, invisible characters) are
  removed beforehand by ``strip_folded_away`` (with an offset map), those that fold to several
  (``ﬁ``) are left as they are. Arabic is folded exactly as for search.

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
* invisible format characters removed (zero-width space/joiners, direction marks, soft hyphen, BOM),
* typographic apostrophes ``’ ‘ ʼ`` -> ``'`` and dashes ``– — ‑`` -> ``-``,
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
_PUNCT = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u2013": "-", "\u2014": "-", "\u2011": "-"}
# Invisible format characters: zero-width space/non-joiner/joiner, direction marks, word joiner,
# BOM, soft hyphen.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad")


def _is_accent(cp: int) -> bool:
    """Latin/Greek/Cyrillic combining accents."""
    return (
        0x0300 <= cp <= 0x036F  # combining diacritical marks
        or 0x1AB0 <= cp <= 0x1AFF
        or 0x1DC0 <= cp <= 0x1DFF
        or 0x20D0 <= cp <= 0x20FF
        or 0xFE20 <= cp <= 0xFE2F
    )


def _is_folded_mark(ch: str, keep_accents: bool = False) -> bool:
    """Combining marks that folding removes: Latin/Greek/Cyrillic accents (unless ``keep_accents``)
    and Arabic marks."""
    cp = ord(ch)
    return (
        (not keep_accents and _is_accent(cp))
        or 0x0610 <= cp <= 0x061A  # Arabic signs
        or 0x064B <= cp <= 0x065F  # harakat, shadda, sukun, hamza above/below, madda
        or cp == 0x0670  # superscript alef
        or 0x06D6 <= cp <= 0x06ED  # Quranic annotation marks
        or 0x08D3 <= cp <= 0x08FF  # extended Arabic marks
    )


def fold_char(ch: str, keep_case: bool = False, keep_accents: bool = False) -> str:
    """The folded form of one character (possibly empty or several characters)."""
    if ch in _INVISIBLE:
        return ""
    if ch in _PUNCT:
        return _PUNCT[ch]
    out = []
    for c in unicodedata.normalize("NFKD", ch if keep_case else ch.casefold()):
        if _is_folded_mark(c, keep_accents):
            continue
        out.append(_ARABIC_LETTERS.get(c, c))
    return unicodedata.normalize("NFC", "".join(out))


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table that computes and remembers the folding of each new character."""

    def __init__(self, keep_case: bool = False, same_length: bool = False) -> None:
        super().__init__()
        self.keep_case = keep_case
        self.same_length = same_length  # the matching form: case, Latin accents and length kept

    def __missing__(self, codepoint: int) -> str:
        ch = chr(codepoint)
        folded = fold_char(ch, self.keep_case, keep_accents=self.same_length)
        if self.same_length and len(folded) != 1:
            folded = ch
        self[codepoint] = folded
        return folded


_TABLE = _FoldTable()
_TABLE_CASED = _FoldTable(keep_case=True)
_TABLE_SAME_LENGTH = _FoldTable(keep_case=True, same_length=True)


class _MatchingTable(dict[int, str]):
    """What the matching form folds each character to, before the same-length rule."""

    def __missing__(self, codepoint: int) -> str:
        folded = fold_char(chr(codepoint), keep_case=True, keep_accents=True)
        self[codepoint] = folded
        return folded


_TABLE_MATCHING = _MatchingTable()


def fold(text: str | None, *, keep_case: bool = False) -> str:
    """Fold ``text`` for search (the same function is applied to documents and to queries)."""
    if not text:
        return ""
    if text.isascii() and "`" not in text:  # fast path: for ASCII, folding is lower-casing
        return text if keep_case else text.lower()
    return text.translate(_TABLE_CASED if keep_case else _TABLE)


def fold_pattern(pattern: str) -> str:
    """A regular expression written in plain letters, for matching text folded by ``fold``: its
    non-ASCII characters are folded as ``fold`` folds them (``دعوى`` -> ``دعوي``, ``à`` -> ``a``), its
    ASCII (the regex syntax: ``\\W``, ``\\S``, ``\\B``) is left alone."""
    return "".join(ch if ch.isascii() else fold_char(ch) for ch in pattern)


def fold_same_length(text: str) -> str:
    """The matching form of the classifier: ``fold(text, keep_case=True)`` except that Latin accents
    are kept (they tell words apart in rules and names: French "jugés" is not "juges", German "Über"
    is not "Uber"), one character for one character: a character that would fold to nothing or to
    several characters is kept as it is, so offsets into the result are offsets into ``text``.
    Arabic letter forms, diacritics, tatweel, compatibility forms and typographic quotes and dashes
    fold exactly as in ``fold``."""
    if text.isascii() and "`" not in text:
        return text
    return text.translate(_TABLE_SAME_LENGTH)


def strip_folded_away(text: str) -> tuple[str, list[int] | None]:
    """``text`` without the characters that folding removes (diacritics, tatweel, invisible
    characters), and the map from its offsets to the original's (None when nothing was removed)."""
    if text.isascii():
        return text, None
    table = _TABLE_MATCHING
    keep = [i for i, ch in enumerate(text) if table[ord(ch)] != "" or ch.isspace()]
    if len(keep) == len(text):
        return text, None
    stripped = "".join(text[i] for i in keep)
    keep.append(len(text))  # the end offset maps to the end of the original
    return stripped, keep


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
