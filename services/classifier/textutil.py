"""Sentence splitting with character offsets (shared by the tagger and the amount reader)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from shared.textnorm import strip_folded_away

# A sentence ends at . ! ? ؟ … (with closing quotes/brackets) followed by white space, or at a line break.
_END = re.compile(r"""[.!?؟…]+["'”»)\]]*\s+|\n+""")
# Tokens that end with a full stop but do not end a sentence.
_ABBREV = re.compile(
    r"(?:\b(?:Mio|Mrd|Mrds|Tsd|Mr|Mrs|Ms|Dr|Prof|St|Inc|Corp|Co|Ltd|Jr|Sr|vs|bzw|ca|Nr|Abs|Art|Sen|Rep|Gov|"
    r"Gen|No|approx|etc|al|M|Mme|Mlle|z\.B|u\.a|d\.h|U\.S|U\.K|e\.g|i\.e|Sr|Sra|Dott|Ing|Av)\.|\b[A-Z]\.)$"
)


def strip_marks(text: str) -> tuple[str, list[int] | None]:
    """``text`` without diacritics and invisible characters (what shared/textnorm.py folds away), and
    the map from its offsets to the original's (None when nothing was removed, so offsets are the same)."""
    return strip_folded_away(text)


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


_Trie = dict[str, "_Trie"]  # one node per character; the key "" marks the end of a word


def trie_regex(words: list[str]) -> str:
    """A regular expression matching any of ``words`` (literals), as a prefix trie, so that the
    regex engine tries one branch per character instead of every word at every position."""
    trie: _Trie = {}
    for word in set(words):
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_to_regex(trie)


def _trie_to_regex(node: _Trie) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _trie_to_regex(child) for ch, child in sorted(node.items()) if ch != ""]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?"
    return body


def lower_same_length(text: str) -> str:
    """``text.lower()``, except characters whose lower case is longer stay as they are (offsets kept)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(lc := c.lower()) != 1 else lc for c in text)


def lower_pattern(pattern: str) -> str:
    """Lower-case the letters of a regular expression, leaving escapes (\\S, \\W, \\B, \\D) alone."""
    out: list[str] = []
    escaped = False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        else:
            out.append(ch.lower())
    return "".join(out)
