"""Made-up classified articles for the alerter tests (our own sample text)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from shared.contracts import Amount, ClassifiedArticle, Evidence, Tag, article_id


def make_article(
    slug: str,
    *,
    title: str,
    text: str = "",
    tags: dict[str, float] | None = None,
    orgs: list[str] | None = None,
    lang: str = "en",
    source: str = "Example Wire",
    amounts: list[tuple[float, str, str]] | None = None,
    evidence: str | None = None,
) -> ClassifiedArticle:
    url = f"https://news.example.com/{slug}"
    text = text or f"{title}. More details follow in this made-up article about {slug}."
    snippet = evidence or text[:200]
    return ClassifiedArticle(
        id=article_id(url),
        url=url,
        source=source,
        title=title,
        text=text,
        lang=lang,
        published=datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1),
        tags=[
            Tag(name=name, score=score, evidence=[Evidence(text=snippet, start=0, end=len(snippet))])
            for name, score in (tags or {}).items()
        ],
        primary_tag=next(iter(tags), None) if tags else None,
        orgs=orgs or [],
        amounts=[
            Amount(value=value, currency=currency, text=words, sentence=text[:120])
            for value, currency, words in (amounts or [])
        ],
    )


def lawsuit_midjourney(n: int = 0) -> ClassifiedArticle:
    return make_article(
        f"midjourney-suit-{n}",
        title=f"Artists file lawsuit naming Midjourney over training data (part {n})",
        tags={"lawsuit": 0.92},
        orgs=["Midjourney", "Stability AI"],
        evidence="A group of artists filed a lawsuit in federal court naming Midjourney as a defendant.",
    )


def big_investment(n: int = 0) -> ClassifiedArticle:
    return make_article(
        f"big-round-{n}",
        title=f"Model maker raises $2 billion in new funding round ({n})",
        tags={"investment": 0.88},
        orgs=["Example Labs"],
        amounts=[(2e9, "USD", "$2 billion")],
    )


def small_investment(n: int = 0) -> ClassifiedArticle:
    return make_article(
        f"small-round-{n}",
        title=f"Startup raises $20 million seed round ({n})",
        tags={"investment": 0.9},
        orgs=["Tiny AI"],
        amounts=[(2e7, "USD", "$20 million")],
    )


def arabic_launch(n: int = 0) -> ClassifiedArticle:
    return make_article(
        f"arabic-launch-{n}",
        title=f"شركة ناشئة تطلق نموذجا جديدا للغة العربية {n}",
        text="أعلنت الشركة اليوم إطلاق نموذج لغوي جديد يدعم اللهجات العربية.",
        tags={"launch": 0.8},
        orgs=["Example Labs"],
        lang="ar",
        source="Example Arabic News",
    )


def unrelated(n: int = 0) -> ClassifiedArticle:
    return make_article(f"weather-{n}", title=f"Weather stays mild this week ({n})", tags={})
