"""Does a classified article match a subscription? Pure functions, no I/O."""

from __future__ import annotations

import re
from functools import lru_cache

from services.alerter.subscriptions import Filters, Subscription
from shared.contracts import ClassifiedArticle
from shared.textnorm import fold as _fold  # the search folding: case, accents, Arabic letter forms


@lru_cache(maxsize=4096)
def _keyword_pattern(keyword: str) -> re.Pattern[str]:
    # Whole words (or phrases): "AI" must not match "said". \w is Unicode-aware, so Arabic and
    # accented words are bounded the same way.
    return re.compile(r"(?<!\w)" + re.escape(_fold(keyword.strip())) + r"(?!\w)")


@lru_cache(maxsize=1024)
def _wanted_orgs(orgs: tuple[str, ...]) -> frozenset[str]:
    """Subscription organisations folded, each also as its canonical name when the gazetteer knows it
    ("ميدجورني" or "midjourney" -> Midjourney, which is what the classifier writes)."""
    from services.classifier.orgs import canonical_org

    out: set[str] = set()
    for o in orgs:
        out.add(_fold(o))
        canonical = canonical_org(o)
        if canonical:
            out.add(_fold(canonical))
    return frozenset(out)


def matching_tags(article: ClassifiedArticle, filters: Filters) -> list[str]:
    """Tags of the article that satisfy the tag filters (all scored tags when no tag is asked for)."""
    wanted = {_fold(t) for t in filters.tags}
    return [
        t.name
        for t in article.tags
        if t.score >= filters.min_score and (not wanted or _fold(t.name) in wanted)
    ]


def matches_filters(article: ClassifiedArticle, filters: Filters) -> bool:
    if (filters.tags or filters.min_score > 0) and not matching_tags(article, filters):
        return False
    if filters.orgs:
        wanted = _wanted_orgs(tuple(filters.orgs))
        if not any(_fold(o) in wanted for o in article.orgs):
            return False
    if filters.languages and (article.lang or "").lower() not in filters.languages:
        return False
    if filters.sources:
        sources = {_fold(s) for s in filters.sources}
        if _fold(article.source or "") not in sources:
            return False
    if filters.keywords:
        haystack = _fold(f"{article.title or ''}\n{article.text}")
        if not any(_keyword_pattern(k).search(haystack) for k in filters.keywords if k.strip()):
            return False
    if filters.min_amount is not None:
        if not any(
            a.value >= filters.min_amount
            and (filters.currency is None or a.currency.upper() == filters.currency)
            for a in article.amounts
        ):
            return False
    return True


def matches(article: ClassifiedArticle, sub: Subscription) -> bool:
    return sub.enabled and matches_filters(article, sub.filters)


def matching_subscriptions(article: ClassifiedArticle, subs: list[Subscription]) -> list[Subscription]:
    return [s for s in subs if matches(article, s)]
