"""Print the demo corpus counts as Markdown tables (used to write docs/demo.md).

.venv/bin/python -m wirewatch.demo.stats
"""

from __future__ import annotations

from collections.abc import Callable

from wirewatch.demo.corpus import LANGS, TAG_NAMES, DemoArticle, load_articles


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def markdown_tables(articles: list[DemoArticle] | None = None) -> str:
    arts = articles if articles is not None else load_articles()
    columns = [*LANGS, "total"]

    def count(pred: Callable[[DemoArticle], bool], lang: str) -> int:
        return sum(1 for a in arts if (lang == "total" or a.lang == lang) and pred(a))

    def has_tag(tag: str) -> Callable[[DemoArticle], bool]:
        return lambda a: tag in a.tags

    def has_primary(tag: str) -> Callable[[DemoArticle], bool]:
        return lambda a: a.primary == tag

    rows: list[tuple[str, Callable[[DemoArticle], bool]]] = [("articles", lambda a: True)]
    rows += [(f"tag `{t}`", has_tag(t)) for t in TAG_NAMES]
    rows += [(f"primary `{t}`", has_primary(t)) for t in TAG_NAMES]
    rows += [
        ("no tag", lambda a: not a.tags),
        ("two tags", lambda a: len(a.tags) >= 2),
    ]
    lines = [_row(["", *columns]), _row(["---"] * (len(columns) + 1))]
    for label, pred in rows:
        lines.append(_row([label, *(str(count(pred, c)) for c in columns)]))
    words = [a.word_count for a in arts]
    lines.append("")
    lines.append(
        f"Body length: {min(words)}–{max(words)} words (mean {sum(words) / len(words):.0f}); "
        f"published {min(a.published for a in arts):%Y-%m-%d} to {max(a.published for a in arts):%Y-%m-%d}."
    )
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown_tables())
