"""Sentence splitting with character offsets (shared by the tagger and the amount reader)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# A sentence ends at . ! ? ؟ … (with closing quotes/brackets) followed by white space, or at a line break.
_END = re.compile(r"""[.!?؟…]+["'”»)\]]*\s+|\n+""")
# Tokens that end with a full stop but do not end a sentence.
_ABBREV = re.compile(
    r"(?:\b(?:Mio|Mrd|Mrds|Tsd|Mr|Mrs|Ms|Dr|Prof|St|Inc|Corp|Co|Ltd|Jr|Sr|vs|bzw|ca|Nr|Abs|Art|Sen|Rep|Gov|"
    r"Gen|No|approx|etc|al|M|Mme|Mlle|z\.B|u\.a|d\.h|U\.S|U\.K|e\.g|i\.e|Sr|Sra|Dott|Ing|Av)\.|\b[A-Z]\.)$"
)


# Arabic short vowels, shadda, sukun, superscript alef, tatweel; zero-width characters; soft hyphen.
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640\u200b-\u200f\u2060\ufeff\u00ad]")


def strip_marks(text: str) -> tuple[str, list[int] | None]:
    """``text`` without diacritics and invisible characters, and the map from its offsets to the
    original's (None when nothing was removed, so offsets are the same)."""
    if _MARKS.search(text) is None:
        return text, None
    keep = [i for i, ch in enumerate(text) if not _MARKS.match(ch)]
    stripped = "".join(text[i] for i in keep)
    keep.append(len(text))  # the end offset maps to the end of the original
    return stripped, keep


def map_span(omap: list[int] | None, start: int, end: int) -> tuple[int, int]:
    if omap is None:
        return start, end
    if end <= start:
        return omap[start], omap[start]
    return omap[start], omap[end - 1] + 1


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with offsets; white space around them is left out."""
    out: list[Sentence] = []
    start = 0
    n = len(text)
    for m in _END.finditer(text):
        cut = m.start()
        piece_end = cut + len(m.group(0).rstrip())
        if "\n" not in m.group(0) and _ABBREV.search(text, max(start, piece_end - 8), piece_end):
            continue
        _add(out, text, start, piece_end)
        start = m.end()
    if start < n:
        _add(out, text, start, n)
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))


class SentenceIndex:
    """Find the sentence that holds a character offset."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self.sentences = sentences
        self._starts = [s.start for s in sentences]

    def index_of(self, offset: int) -> int:
        i = bisect_right(self._starts, offset) - 1
        return max(i, 0)

    def at(self, offset: int) -> Sentence | None:
        if not self.sentences:
            return None
        return self.sentences[self.index_of(offset)]
