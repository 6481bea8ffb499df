"""The demo corpus: short AI-industry stories written for this project, with their expected labels.

The stories live as data in ``wirewatch/demo/articles/<lang>.yaml``; ``load_articles`` validates them
into ``DemoArticle`` models. The labels (``tags``, ``primary``, ``orgs``) follow
``../shared/datasets/LABELS.md`` and are what the end-to-end test expects the classifier to find.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ARTICLES_DIR = Path(__file__).resolve().parent / "articles"
LANGS: tuple[str, ...] = ("en", "fr", "de", "ar")
TAG_NAMES: tuple[str, ...] = ("licensing", "launch", "lawsuit", "investment")

Lang = Literal["en", "fr", "de", "ar"]
TagLabel = Literal["licensing", "launch", "lawsuit", "investment"]


class DemoArticle(BaseModel):
    """One demo story and its expected labels."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    lang: Lang
    source: str
    title: str
    published: datetime
    author: str
    summary: str
    body: list[str] = Field(min_length=1)
    tags: list[TagLabel] = Field(default_factory=list)
    primary: TagLabel | None = None
    orgs: list[str] = Field(default_factory=list)

    @field_validator("published")
    @classmethod
    def _aware(cls, v: datetime) -> datetime:
        if v.tzinfo is None:
            raise ValueError("published must carry a UTC offset")
        return v

    @model_validator(mode="after")
    def _labels_consistent(self) -> DemoArticle:
        if len(set(self.tags)) != len(self.tags):
            raise ValueError(f"{self.slug}: duplicate tags")
        if len(set(self.orgs)) != len(self.orgs):
            raise ValueError(f"{self.slug}: duplicate orgs")
        if self.tags and self.primary not in self.tags:
            raise ValueError(f"{self.slug}: primary {self.primary!r} is not one of its tags")
        if not self.tags and self.primary is not None:
            raise ValueError(f"{self.slug}: an untagged story has no primary tag")
        return self

    @property
    def path(self) -> str:
        """The article page's path on the demo server."""
        return f"/articles/{self.slug}.html"

    @property
    def text(self) -> str:
        """The article body as plain text, one paragraph per line."""
        return "\n\n".join(self.body)

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@lru_cache(maxsize=4)
def _load(directory: str) -> tuple[DemoArticle, ...]:
    articles: list[DemoArticle] = []
    for path in sorted(Path(directory).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for raw in data.get("articles", []):
            articles.append(DemoArticle.model_validate(raw))
    slugs = Counter(a.slug for a in articles)
    dupes = [s for s, n in slugs.items() if n > 1]
    if dupes:
        raise ValueError(f"duplicate slugs in the demo corpus: {dupes}")
    articles.sort(key=lambda a: a.published, reverse=True)
    return tuple(articles)


def load_articles(lang: str | None = None, directory: Path | None = None) -> list[DemoArticle]:
    """All demo articles (newest first), optionally only those of one language."""
    articles = _load(str(directory or ARTICLES_DIR))
    return [a for a in articles if lang is None or a.lang == lang]


def articles_by_slug() -> dict[str, DemoArticle]:
    return {a.slug: a for a in load_articles()}
