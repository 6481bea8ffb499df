"""Extraction quality metrics of the article-extraction-benchmark (scrapinghub), re-implemented.

Shingle metric (the benchmark's own, the bar): text -> ``\\w+`` tokens (Unicode, case kept) ->
4-token shingles (a text with fewer than 4 tokens is one shorter shingle, no tokens: none). Per page,
TP/FP/FN are multiset overlaps of shingles, normalised by their sum so every page weighs the same.
Precision is averaged over the pages that predicted something (TP+FP > 0), recall over the pages whose
truth has something (TP+FN > 0); F1 is the harmonic mean of those two averages. A page whose
prediction and truth are both non-empty and identical scores 1; an empty prediction scores recall 0
and does not enter precision.

Token metric (the corpus's SOURCE.md): the same, over whitespace-separated tokens (bag of words).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

_TOKEN = re.compile(r"\w+")


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = 4) -> Counter[tuple[str, ...]]:
    toks = tokens(text)
    out: Counter[tuple[str, ...]] = Counter()
    for i in range(max(1, len(toks) - n + 1)):
        gram = tuple(toks[i : i + n])
        if gram:
            out[gram] += 1
    return out


@dataclass(frozen=True)
class PageCounts:
    tp: float
    fp: float
    fn: float


K = TypeVar("K", str, tuple[str, ...])


def _counts(true: Counter[K], pred: Counter[K]) -> PageCounts:
    tp = float(sum((true & pred).values()))
    fp = float(sum((pred - true).values()))
    fn = float(sum((true - pred).values()))
    s = tp + fp + fn
    if s > 0:
        tp, fp, fn = tp / s, fp / s, fn / s
    return PageCounts(tp, fp, fn)


def shingle_counts(true: str | None, pred: str | None, n: int = 4) -> PageCounts:
    return _counts(shingles(true, n), shingles(pred, n))


def token_counts(true: str | None, pred: str | None) -> PageCounts:
    return _counts(Counter((true or "").split()), Counter((pred or "").split()))


def _precision(c: PageCounts) -> float:
    if c.fp == c.fn == 0:
        return 1.0
    if c.tp == c.fp == 0:
        return 0.0
    return c.tp / (c.tp + c.fp)


def _recall(c: PageCounts) -> float:
    if c.fp == c.fn == 0:
        return 1.0
    if c.tp == c.fn == 0:
        return 0.0
    return c.tp / (c.tp + c.fn)


@dataclass(frozen=True)
class Scores:
    f1: float
    precision: float
    recall: float
    pages: int


def aggregate(pages: Sequence[PageCounts]) -> Scores:
    precision = statistics.mean([_precision(c) for c in pages if c.tp + c.fp > 0] or [0.0])
    recall = statistics.mean([_recall(c) for c in pages if c.tp + c.fn > 0] or [0.0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(f1=f1, precision=precision, recall=recall, pages=len(pages))


def score(pairs: Iterable[tuple[str | None, str | None]], metric: str = "shingle") -> Scores:
    """Scores of (truth, prediction) pairs; metric 'shingle' (the benchmark's) or 'token'."""
    fn = shingle_counts if metric == "shingle" else token_counts
    return aggregate([fn(t, p) for t, p in pairs])
