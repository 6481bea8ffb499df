"""Money amounts: "14.3 مليار دولار" -> 14.3e9 USD, "2,5 Mrd. Euro", "$850bn", "€600m" ...

Currencies and scale words come from ``taxonomy/amounts.yaml``; how a number is written (decimal
comma or point, Arabic-Indic digits, thousands separators) depends on the language of the text.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass

from services.classifier.bounds import clip_window
from services.classifier.taxonomy import ANY_LANG, FLAGS, Taxonomy, fold
from services.classifier.textutil import SentenceIndex, split_sentences
from shared.contracts import Amount

# Languages that write 2,5 for two and a half and 1.500 for fifteen hundred.
DECIMAL_COMMA = frozenset(
    {"de", "fr", "es", "it", "pt", "nl", "ru", "pl", "tr", "sv", "da", "no", "fi", "cs"}
)

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_NUM = r"\d{1,3}(?:[,.٬\u00a0\u202f]\d{3})+(?:[.,٫]\d+)?|\d+(?:[.,٫]\d+)?"
_CONNECT = r"(?:\s*(?:de|d'|of|di|dei|in|van)\s*)?"
_ARTICLE = r"(?:a|one|un|une|ein|eine|einer|uno|una|um|uma|een)"
_ARTICLE_BEFORE = re.compile(rf"(?<![\w]){_ARTICLE}\s+$", re.IGNORECASE)


def parse_number(raw: str, lang: str | None) -> float | None:
    """Read a written number ("1,2", "1.500", "٣", "14.3", "2 500") as a float."""
    s = raw.translate(_DIGITS).replace("\u00a0", "").replace("\u202f", "").replace("٬", "")
    s = s.replace("٫", ".")
    has_dot, has_comma = "." in s, "," in s
    if has_dot and has_comma:
        if s.rfind(",") > s.rfind("."):
            s = s.replace(".", "").replace(",", ".")
        else:
            s = s.replace(",", "")
    elif has_comma:
        groups = s.split(",")
        thousands = len(groups) > 2 or (
            (lang or "en") not in DECIMAL_COMMA and all(len(g) == 3 for g in groups[1:])
        )
        s = s.replace(",", "") if thousands else s.replace(",", ".")
    elif has_dot:
        groups = s.split(".")
        thousands = len(groups) > 2 or (
            (lang or "en") in DECIMAL_COMMA and all(len(g) == 3 for g in groups[1:])
        )
        if thousands:
            s = s.replace(".", "")
    try:
        return float(s)
    except ValueError:
        return None


@dataclass(frozen=True)
class _Compiled:
    regexes: tuple[re.Pattern[str], ...]
    scales: list[tuple[re.Pattern[str], float]]
    symbols: dict[str, str]
    words: list[tuple[re.Pattern[str], str]]


def _alternation(fragments: list[str]) -> str:
    return "|".join(sorted(set(fragments), key=len, reverse=True))


class AmountReader:
    """Finds money amounts in a text of a given language."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self._cache: dict[str, _Compiled] = {}

    def _compiled(self, lang: str) -> _Compiled:
        got = self._cache.get(lang)
        if got is not None:
            return got
        scales: list[tuple[str, float]] = []
        for spec in self.taxonomy.scales:
            if ANY_LANG in spec.lang or lang in spec.lang:
                scales.extend((fold(w), spec.factor) for w in spec.words)
        symbols: dict[str, str] = {}
        words: list[tuple[str, str]] = []
        for cur in self.taxonomy.currencies.values():
            for sym in cur.symbols:
                symbols[fold(sym)] = cur.code
            words.extend((fold(w), cur.code) for w in cur.words)
        sym_re = _alternation([re.escape(s) for s in symbols])
        word_re = _alternation([w for w, _ in words] + [re.escape(s) for s in symbols])
        scale_re = _alternation([w for w, _ in scales])
        long_scale_re = _alternation([w for w, f in scales if len(w.rstrip("?.\\")) >= 4 and f >= 1e6])
        # Three separate expressions, each starting with something the regex engine can look for
        # quickly (a symbol, a digit, a scale word); one alternation of the three is ten times slower.
        patterns = (
            rf"(?P<sym>{sym_re})\s?(?P<num1>{_NUM})(?i:(?:\s|-(?={long_scale_re}))?(?P<scale1>{scale_re})(?!\w))?",
            rf"(?<![\w.,])(?P<num2>{_NUM})(?i:(?:(?:\s|-(?={long_scale_re}))?(?P<scale2>{scale_re})(?!\w))?[\s-]?{_CONNECT}(?P<cur2>{word_re}))(?!\w)",
            rf"(?<![\w.,])(?i:(?P<scale3>{long_scale_re})\s{_CONNECT}(?P<cur3>{word_re}))(?!\w)",
        )
        compiled = _Compiled(
            regexes=tuple(re.compile(p, re.UNICODE) for p in patterns),
            scales=[(re.compile(rf"(?:{w})\Z", FLAGS), f) for w, f in scales],
            symbols=symbols,
            words=[(re.compile(rf"(?:{w})\Z", FLAGS), c) for w, c in words],
        )
        self._cache[lang] = compiled
        return compiled

    def _factor(self, c: _Compiled, word: str | None) -> float:
        if not word:
            return 1.0
        if word in ("M", "m", "B", "b", "k", "K"):  # exact letters first: case matters for one-letter scales
            return {"m": 1e6, "M": 1e6, "b": 1e9, "B": 1e9, "k": 1e3, "K": 1e3}[word]
        best = 1.0
        for regex, factor in c.scales:
            if regex.match(word):
                return factor
        return best

    def _currency(self, c: _Compiled, word: str) -> str | None:
        if word in c.symbols:
            return c.symbols[word]
        upper = word.upper()
        if upper in c.symbols:
            return c.symbols[upper]
        for regex, code in c.words:
            if regex.match(word):
                return code
        return None

    def find(
        self,
        text: str,
        lang: str | None,
        index: SentenceIndex | None = None,
        limit: int | None = None,
        sentence_chars: int | None = None,
    ) -> list[Amount]:
        """Amounts in ``text``: at most ``limit`` (the first ones), each ``sentence`` at most
        ``sentence_chars`` long (a window around the amount in a longer sentence)."""
        lang = lang or "en"
        if limit is not None and limit <= 0:
            return []
        c = self._compiled(lang)
        folded = fold(text)
        if index is None:
            index = SentenceIndex(split_sentences(text))
        out: list[Amount] = []
        # each expression's matches come in text order: merged lazily, so a text with 16,000 amounts
        # costs no more than its first ``limit``
        matches = heapq.merge(
            *(regex.finditer(folded) for regex in c.regexes), key=lambda m: (m.start(), -m.end())
        )
        last_end = -1
        for m in matches:
            if m.start() < last_end:
                continue  # overlaps an amount already read ("US$ 5 billion" is not also "5 billion $")
            groups = m.groupdict()
            if groups.get("sym") is not None:
                currency = c.symbols.get(m.group("sym"))
                value = parse_number(m.group("num1"), lang)
                factor = self._factor(c, m.group("scale1"))
            elif groups.get("num2") is not None:
                currency = self._currency(c, m.group("cur2"))
                value = parse_number(m.group("num2"), lang)
                factor = self._factor(c, m.group("scale2"))
            else:
                if not re.match(r"[\u0600-\u06FF]", m.group("scale3")) and not _ARTICLE_BEFORE.search(
                    folded, max(0, m.start() - 8), m.start()
                ):
                    continue  # "millions of dollars" is not an amount; "a billion dollars" is
                currency = self._currency(c, m.group("cur3"))
                value = 1.0
                factor = self._factor(c, m.group("scale3"))
            if currency is None or value is None:
                continue
            start, end = m.span()
            last_end = end
            sentence = index.at(start)
            if sentence is None:
                sentence_text = text[start:end]
            elif sentence_chars is None or sentence.end - sentence.start <= sentence_chars:
                sentence_text = sentence.text
            else:
                a, b = clip_window(sentence.start, sentence.end, start, end, sentence_chars)
                sentence_text = text[a:b]
            out.append(
                Amount(
                    value=round(value * factor, 6),
                    currency=currency,
                    text=text[start:end],
                    sentence=sentence_text,
                    start=start,
                    end=end,
                )
            )
            if limit is not None and len(out) >= limit:
                break
        return out
