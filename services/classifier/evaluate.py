"""Scoring of the classifier on a labelled JSONL file (format of shared/datasets/LABELS.md)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from services.classifier.engine import Classifier


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: set[str], pred: set[str]) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)


@dataclass
class Miss:
    id: str
    gold_tags: list[str]
    pred_tags: list[str]
    gold_primary: str | None
    pred_primary: str | None
    missing_orgs: list[str]
    extra_orgs: list[str]

    @property
    def tags_wrong(self) -> bool:
        return set(self.gold_tags) != set(self.pred_tags) or self.gold_primary != self.pred_primary


NONE = "none"  # the primary of a story with no tag, in the confusion table


@dataclass
class Report:
    n: int = 0
    per_tag: dict[str, PRF] = field(default_factory=dict)
    micro: PRF = field(default_factory=PRF)
    orgs: PRF = field(default_factory=PRF)
    primary_right: int = 0
    no_event: int = 0  # stories labelled with no tag
    no_event_untagged: int = 0  # ... that the classifier left untagged
    confusion: dict[tuple[str, str], int] = field(default_factory=dict)  # (gold primary, predicted) -> n
    per_lang: dict[str, Report] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)
    hide_misses: bool = False  # held-out side: aggregates only, never the individual errors
    withheld: int = 0  # records scored whose errors are not listed (held-out records in ``all``)

    @property
    def no_event_untagged_share(self) -> float:
        return self.no_event_untagged / self.no_event if self.no_event else 1.0

    def add(
        self,
        gold_tags: set[str],
        pred_tags: set[str],
        gold_primary: str | None,
        pred_primary: str | None,
        gold_orgs: set[str],
        pred_orgs: set[str],
    ) -> None:
        self.n += 1
        for name in gold_tags | pred_tags:
            self.per_tag.setdefault(name, PRF()).add({name} & gold_tags, {name} & pred_tags)
        self.micro.add(gold_tags, pred_tags)
        if gold_primary == pred_primary:
            self.primary_right += 1
        key = (gold_primary or NONE, pred_primary or NONE)
        self.confusion[key] = self.confusion.get(key, 0) + 1
        if not gold_tags:
            self.no_event += 1
            self.no_event_untagged += not pred_tags
        self.orgs.add(gold_orgs, pred_orgs)

    @property
    def micro_f1(self) -> float:
        return self.micro.f1

    @property
    def primary_accuracy(self) -> float:
        return self.primary_right / self.n if self.n else 1.0

    @property
    def org_f1(self) -> float:
        return self.orgs.f1

    def as_dict(self, langs: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "stories": self.n,
            "micro_f1": round(self.micro_f1, 4),
            "micro_precision": round(self.micro.precision, 4),
            "micro_recall": round(self.micro.recall, 4),
            "primary_accuracy": round(self.primary_accuracy, 4),
            "no_event_stories": self.no_event,
            "no_event_untagged": self.no_event_untagged,
            "org_precision": round(self.orgs.precision, 4),
            "org_recall": round(self.orgs.recall, 4),
            "org_f1": round(self.org_f1, 4),
            "tags": {
                k: {
                    "precision": round(v.precision, 4),
                    "recall": round(v.recall, 4),
                    "f1": round(v.f1, 4),
                    "tp": v.tp,
                    "fp": v.fp,
                    "fn": v.fn,
                }
                for k, v in sorted(self.per_tag.items())
            },
            "confusion": [
                {"gold": g, "predicted": p, "n": n} for (g, p), n in sorted(self.confusion.items())
            ],
        }
        if langs:
            out["langs"] = {k: v.as_dict(langs=False) for k, v in sorted(self.per_lang.items())}
        if not self.hide_misses:
            out["misclassified"] = [m.id for m in self.misses if m.tags_wrong]
        if self.withheld:
            out["withheld"] = self.withheld
        return out


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    records = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if line:
                record = json.loads(line)
                record.setdefault("id", f"line-{n}")
                records.append(record)
    return records


SPLITS = ("all", "dev", "heldout")


def select_split(records: list[dict[str, Any]], split: str) -> list[dict[str, Any]]:
    """The records of one side of the frozen split (``shared/splits.py``); ``all``: every record."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    if split == "all":
        return records
    from shared.splits import record_side

    return [r for r in records if record_side(r) == split]


def evaluate(
    records: Iterable[dict[str, Any]],
    classifier: Classifier,
    use_lang: bool = True,
    hide_misses: bool = False,
    withhold: Callable[[Mapping[str, Any]], bool] | None = None,
) -> Report:
    """Score ``classifier`` on labelled records; ``hide_misses``: keep only aggregate figures (the
    held-out side, whose individual errors must not be read while writing rules); ``withhold``: the
    records, among others, whose errors are scored but not listed (the held-out records of a file
    scored whole)."""
    report = Report(hide_misses=hide_misses)
    for name in classifier.taxonomy.tags:
        report.per_tag[name] = PRF()
    for rec in records:
        c = classifier.classify(rec.get("title"), rec.get("text"), rec.get("lang") if use_lang else None)
        gold_tags = set(rec.get("tags") or [])
        pred_tags = set(c.tag_names)
        gold_primary = rec.get("primary")
        gold_orgs, pred_orgs = set(rec.get("orgs") or []), set(c.orgs)
        lang = str(rec.get("lang") or c.lang or "?")
        sub = report.per_lang.get(lang)
        if sub is None:
            # misses are listed once, on the whole report: a language's block has none of its own
            sub = report.per_lang[lang] = Report(
                per_tag={name: PRF() for name in classifier.taxonomy.tags}, hide_misses=True
            )
        for r in (report, sub):
            r.add(gold_tags, pred_tags, gold_primary, c.primary_tag, gold_orgs, pred_orgs)
        if hide_misses:
            continue
        if withhold is not None and withhold(rec):
            report.withheld += 1
            continue
        miss = Miss(
            id=str(rec.get("id")),
            gold_tags=sorted(gold_tags),
            pred_tags=sorted(pred_tags),
            gold_primary=gold_primary,
            pred_primary=c.primary_tag,
            missing_orgs=sorted(gold_orgs - pred_orgs),
            extra_orgs=sorted(pred_orgs - gold_orgs),
        )
        if miss.tags_wrong or miss.missing_orgs or miss.extra_orgs:
            report.misses.append(miss)
    return report


def load_seeds(directory: Path) -> list[dict[str, Any]]:
    """The seed articles as labelled records: the first line of each text is taken as its title."""
    records = []
    for label in read_jsonl(directory / "labels.jsonl"):
        raw = (directory / label["file"]).read_text(encoding="utf-8")
        title, _, text = raw.strip().partition("\n")
        records.append({**label, "id": label["file"], "title": title, "text": text})
    return records


def demo_records(directory: Path | None = None) -> list[dict[str, Any]]:
    """The demo corpus (``wirewatch/demo/articles``) as labelled records in the LABELS.md format.

    The text is the article body, one paragraph per line pair, as the demo page serves it.
    """
    from wirewatch.demo.corpus import load_articles

    return [
        {
            "id": a.slug,
            "lang": a.lang,
            "title": a.title,
            "text": a.text,
            "published": a.published.isoformat(),
            "source": a.source,
            "tags": list(a.tags),
            "primary": a.primary,
            "orgs": list(a.orgs),
        }
        for a in load_articles(directory=directory)
    ]


def _f(x: float) -> str:
    return f"{x:.3f}"


def render(report: Report, title: str = "classifier evaluation") -> Any:
    """A rich renderable (tables) of the report: per tag, per language, the summary, the confusion
    of primaries, and the misclassified ids (not for a held-out side)."""
    from rich.console import Group
    from rich.table import Table

    tags = Table(title=title)
    for col in ("tag", "precision", "recall", "F1", "tp", "fp", "fn"):
        tags.add_column(col, justify="left" if col == "tag" else "right")
    for name, prf in sorted(report.per_tag.items()):
        tags.add_row(
            name,
            f"{prf.precision:.3f}",
            f"{prf.recall:.3f}",
            f"{prf.f1:.3f}",
            str(prf.tp),
            str(prf.fp),
            str(prf.fn),
        )
    m = report.micro
    tags.add_row(
        "[b]micro[/b]",
        f"{m.precision:.3f}",
        f"{m.recall:.3f}",
        f"[b]{m.f1:.3f}[/b]",
        str(m.tp),
        str(m.fp),
        str(m.fn),
    )
    summary = Table(show_header=False)
    summary.add_column("metric")
    summary.add_column("value", justify="right")
    summary.add_row("stories", str(report.n))
    summary.add_row("micro-F1", f"{report.micro_f1:.3f}")
    summary.add_row(
        "primary-tag accuracy", f"{report.primary_accuracy:.3f} ({report.primary_right}/{report.n})"
    )
    o = report.orgs
    summary.add_row("organisations P / R / F1", f"{o.precision:.3f} / {o.recall:.3f} / {o.f1:.3f}")
    summary.add_row(
        "no-event stories left untagged",
        f"{report.no_event_untagged}/{report.no_event} ({report.no_event_untagged_share:.0%})",
    )
    names = sorted({n for r in report.per_lang.values() for n in r.per_tag} | set(report.per_tag))
    langs = Table(title="per language")
    for col in ("lang", "stories", "micro-F1", "primary", "no-event untagged", "org F1"):
        langs.add_column(col, justify="left" if col == "lang" else "right")
    lang_tags = Table(title="per language and tag")
    for col in ("lang", "tag", "precision", "recall", "F1", "tp", "fp", "fn"):
        lang_tags.add_column(col, justify="left" if col in ("lang", "tag") else "right")
    for lang, r in sorted(report.per_lang.items()):
        langs.add_row(
            lang,
            str(r.n),
            _f(r.micro_f1),
            f"{_f(r.primary_accuracy)} ({r.primary_right}/{r.n})",
            f"{r.no_event_untagged}/{r.no_event}",
            _f(r.org_f1),
        )
        for n in names:
            tag_prf = r.per_tag.get(n)
            if tag_prf is None or tag_prf.tp + tag_prf.fp + tag_prf.fn == 0:
                continue
            lang_tags.add_row(
                lang,
                n,
                _f(tag_prf.precision),
                _f(tag_prf.recall),
                _f(tag_prf.f1),
                str(tag_prf.tp),
                str(tag_prf.fp),
                str(tag_prf.fn),
            )
    primaries = sorted({k for pair in report.confusion for k in pair} | {NONE}, key=lambda k: (k == NONE, k))
    confusion = Table(title="primary tags: gold (rows) x predicted (columns)")
    confusion.add_column("gold \\ predicted")
    for p in primaries:
        confusion.add_column(p, justify="right")
    for g in primaries:
        cells = []
        for p in primaries:
            v = report.confusion.get((g, p), 0)
            cells.append(f"[b]{v}[/b]" if g == p else (str(v) if v else "."))
        confusion.add_row(g, *cells)
    if report.hide_misses:
        return Group(tags, summary, langs, lang_tags, confusion)
    misses = Table(title="misclassified")
    for col in (
        "id",
        "gold tags",
        "predicted",
        "gold primary",
        "predicted primary",
        "orgs missed",
        "orgs extra",
    ):
        misses.add_column(col, overflow="fold")
    if report.withheld:
        misses.caption = f"{report.withheld} held-out records scored above, their errors not listed"
    for miss in report.misses:
        misses.add_row(
            miss.id if miss.tags_wrong else f"[dim]{miss.id}[/dim]",
            ",".join(miss.gold_tags),
            ",".join(miss.pred_tags),
            str(miss.gold_primary),
            str(miss.pred_primary),
            ", ".join(miss.missing_orgs),
            ", ".join(miss.extra_orgs),
        )
    return Group(tags, summary, langs, lang_tags, confusion, misses)
