"""A learned text model beside the tag rules: is it worth adopting? (issue 13, deliver 2)

Not a test and not shipped: an experiment whose figures are in docs/classifier.md. It needs the bench
extra (``pip install -e '.[bench]'``: scikit-learn) and the git history (the blind sets' commits).

1. **Text model alone**: TF-IDF over character n-grams (2-5, within words) of the headline (twice) and
   the first 1,200 characters, one logistic regression per tag, trained on every labelled story we may
   train on (the dev side of real-news-dev, ai-news-dev, our own sets in tests/data). Scored by grouped
   cross-validation (a set's stories are never trained on while it is scored: the dev side is scored by
   a model that saw no real news; its 4 parts are the stacker's folds only).
2. **Stacked**: a logistic regression over the rules' output (tag applied, its score, primary) and the
   text model's probability; also as a filter only (it may drop a rule's tag, never add one). Trained
   where the rules had *not* been fitted: each blind set scored by
   the rules of the commit that added it (before its round's fixes), the dev side of real-news-dev by
   the rules of the commit that froze the split. Those rows are the only ones whose rule errors look
   like the rules' errors on new text; the current rules fit every set, so rows scored by them teach a
   stacker only to trust the rules.
3. ``--heldout``: both, with the current rules, on the held-out side of real-news-dev, **aggregates
   only** (micro-F1, P, R, no-event stories untagged). Each look at it makes it a little less blind: run
   it once per decision. ``--blind FILE``: the same on one of our sets, left out of all training (a set
   no rule was fixed against, such as round 18's).

    .venv/bin/python bench/classifier_learned.py [--heldout] [--blind tests/data/FILE.jsonl]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from services.classifier.engine import Classifier  # noqa: E402
from services.classifier.evaluate import read_jsonl  # noqa: E402
from shared.splits import record_side  # noqa: E402

TAGS = ("licensing", "launch", "lawsuit", "investment")
DATASETS = ROOT.parent / "shared" / "datasets"
REAL = DATASETS / "real-news-dev.jsonl"
DATA = ROOT / "tests" / "data"
# (commit, file): the rules just before a set's round (the commit that added the set, alone, before any
# rule was written against it); c45db04 froze the real-news split, before the issue-13 rules
UNFITTED: tuple[tuple[str, Path], ...] = (
    ("c45db04", REAL),
    ("a02ebcb", DATA / "classifier_generalise7.jsonl"),
    ("494494a", DATA / "classifier_generalise8.jsonl"),
    ("250382f", DATA / "classifier_generalise9.jsonl"),
    ("1ffc40f", DATA / "classifier_generalise10.jsonl"),
    ("fae2564", DATA / "classifier_generalise11.jsonl"),
    ("b5daa14", DATA / "classifier_generalise12.jsonl"),
    ("903201c", DATA / "classifier_generalise13.jsonl"),
    ("78acc4d", DATA / "classifier_generalise14.jsonl"),
    ("7f4ec41", DATA / "orgs_generalise.jsonl"),
    ("326a23f", DATA / "orgs_generalise2.jsonl"),
    ("304e116", DATA / "orgs_generalise3.jsonl"),
    ("3b7622a", DATA / "orgs_generalise4.jsonl"),
    ("bd7e908", DATA / "classifier_generalise18.jsonl"),
    ("a2f9176", DATA / "classifier_generalise19.jsonl"),
    ("040afae", DATA / "classifier_generalise20.jsonl"),
    ("87da3e3", DATA / "classifier_generalise21.jsonl"),
)
Record = dict[str, Any]
Pred = dict[str, Any]  # {"tags": {name: score}, "primary": name | None}

_DUMP = """
import json, os, sys
wt = sys.argv[1]
sys.path.insert(0, wt)
os.chdir(wt)
from services.classifier.engine import Classifier
clf = Classifier()
for line in open(sys.argv[2], encoding="utf-8"):
    if line.strip():
        r = json.loads(line)
        c = clf.classify(r.get("title"), r.get("text"), r.get("lang"))
        tags = {t.name: t.score for t in c.tags}
        n = max(len(r.get("text") or ""), 1)
        # where each tag's evidence stands: how many sentences, the first one's offset in the text (0-1),
        # and whether the headline is its only evidence
        where = {t.name: [len(t.evidence), min((e.start for e in t.evidence), default=n) / n,
                          float(all(e.start == 0 and e.end == 0 for e in t.evidence))] for t in c.tags}
        print(json.dumps({"id": r.get("id"), "tags": tags, "primary": c.primary_tag, "where": where}))
"""


def pool() -> list[Record]:
    """Every labelled story we may train on, each with its group (``_g``: its file)."""
    out: list[Record] = []
    for r in read_jsonl(REAL):
        if record_side(r) == "dev":
            out.append({**r, "_g": REAL.stem})
    for r in read_jsonl(DATASETS / "ai-news-dev.jsonl"):
        out.append({**r, "_g": "ai-news-dev"})
    for path in sorted(DATA.glob("*.jsonl")):
        if not path.name.startswith("stories_"):
            out.extend({**r, "_g": path.stem} for r in read_jsonl(path) if "tags" in r)
    return out


def _doc(r: Record) -> str:
    title = str(r.get("title") or "")
    return f"{title} \n {title} \n {str(r.get('text') or '')[:1200]}".lower()


class TextModel:
    def __init__(self, records: Sequence[Record]) -> None:
        self.vec = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True, max_features=200_000
        )
        x = self.vec.fit_transform([_doc(r) for r in records])
        y = np.array([[t in (r.get("tags") or []) for t in TAGS] for r in records], dtype=int)
        self.models = [
            LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced").fit(x, y[:, j])
            for j in range(len(TAGS))
        ]

    def proba(self, records: Sequence[Record]) -> np.ndarray[Any, np.dtype[np.float64]]:
        x = self.vec.transform([_doc(r) for r in records])
        return np.stack([m.predict_proba(x)[:, 1] for m in self.models], axis=1)


def scores(gold: Sequence[set[str]], pred: Sequence[set[str]]) -> str:
    tp = sum(len(g & p) for g, p in zip(gold, pred, strict=True))
    fp = sum(len(p - g) for g, p in zip(gold, pred, strict=True))
    fn = sum(len(g - p) for g, p in zip(gold, pred, strict=True))
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    none = [i for i, g in enumerate(gold) if not g]
    untagged = sum(1 for i in none if not pred[i])
    return f"| {f1:.3f} | {precision:.2f} | {recall:.2f} | {untagged}/{len(none)} |"


def unfitted_predictions() -> dict[tuple[str, str], Pred]:
    """(file stem, id) -> the prediction of the rules that had not seen the file."""
    found: dict[tuple[str, str], Pred] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n, (commit, path) in enumerate(UNFITTED, 1):
            tree = Path(tmp) / commit
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-f", str(tree), commit],
                check=True,
                capture_output=True,
            )
            try:
                out = subprocess.run(
                    [sys.executable, "-c", _DUMP, str(tree), str(path)],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
            finally:
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], capture_output=True
                )
            for line in out.splitlines():
                p = json.loads(line)
                found[(path.stem, str(p["id"]))] = p
            print(f"  [{n}/{len(UNFITTED)}] rules of {commit} on {path.name}", file=sys.stderr)
    return found


def _features(pred: Pred, prob: float, j: int) -> list[float]:
    tag = TAGS[j]
    odds = float(np.log(prob / (1.0 - prob + 1e-6) + 1e-6))
    onehot = [1.0 if k == j else 0.0 for k in range(len(TAGS))]
    applied = 1.0 if tag in pred["tags"] else 0.0
    primary = 1.0 if pred["primary"] == tag else 0.0
    score = float(pred["tags"].get(tag, 0.0))
    n_ev, first, title_only = pred.get("where", {}).get(tag, [0, 1.0, 0.0])
    return [
        applied,
        score,
        primary,
        prob,
        odds,
        float(len(pred["tags"])),
        *onehot,
        float(n_ev),
        float(first),
        float(title_only),
        applied * float(first),
    ]


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--heldout", action="store_true", help="also score the held-out side (aggregates only)")
    ap.add_argument("--blind", type=Path, help="a set of ours to leave out of all training and score")
    args = ap.parse_args(argv)
    records = [r for r in pool() if not args.blind or r["_g"] != args.blind.stem]
    groups = [r["_g"] for r in records]
    print(f"{len(records)} labelled stories to train on, {len(set(groups))} sets", file=sys.stderr)
    # 1. grouped out-of-fold probabilities: a set is scored by a model that never saw it
    prob = np.zeros((len(records), len(TAGS)))
    parts = {i: f"{g}#{i % 4}" if g == REAL.stem else g for i, g in enumerate(groups)}
    for g in sorted(set(parts.values())):
        test = [i for i, p in parts.items() if p == g]
        train = [r for r in records if r["_g"] != records[test[0]]["_g"]]
        prob[test] = TextModel(train).proba([records[i] for i in test])
    gold = [set(r.get("tags") or []) for r in records]
    model_tags = [{t for j, t in enumerate(TAGS) if prob[i, j] >= 0.5} for i in range(len(records))]
    real = [i for i, g in enumerate(groups) if g == REAL.stem]
    print("\n| text model alone (grouped CV) | micro-F1 | P | R | no-event untagged |")
    print("| --- | --- | --- | --- | --- |")
    print(f"| all {len(records)} stories {scores(gold, model_tags)}")
    print(f"| real-news-dev, dev side {scores([gold[i] for i in real], [model_tags[i] for i in real])}")
    # 2. the stacker, on rows scored by rules that had not seen them
    unfitted = unfitted_predictions()
    rows = [i for i, r in enumerate(records) if (r["_g"], str(r["id"])) in unfitted]
    preds = {i: unfitted[(records[i]["_g"], str(records[i]["id"]))] for i in rows}
    x = np.array([_features(preds[i], prob[i, j], j) for i in rows for j in range(len(TAGS))])
    y = np.array([TAGS[j] in gold[i] for i in rows for j in range(len(TAGS))], dtype=int)
    row_part = np.array([parts[i] for i in rows for _ in TAGS])
    stacked: dict[int, set[str]] = {i: set() for i in rows}
    for g in sorted(set(row_part)):
        test = row_part == g
        fitted = LogisticRegression(C=1.0, max_iter=2000).fit(x[~test], y[~test])
        for k, p in zip(np.where(test)[0], fitted.predict_proba(x[test])[:, 1], strict=True):
            if p >= 0.5:
                stacked[rows[k // len(TAGS)]].add(TAGS[k % len(TAGS)])
    head = f"{len(rows)} stories, rules before their round (grouped CV)"
    print(f"\n| {head} | micro-F1 | P | R | no-event untagged |")
    print("| --- | --- | --- | --- | --- |")
    print(f"| rules {scores([gold[i] for i in rows], [set(preds[i]['tags']) for i in rows])}")
    print(f"| text model {scores([gold[i] for i in rows], [model_tags[i] for i in rows])}")
    print(f"| stacked {scores([gold[i] for i in rows], [stacked[i] for i in rows])}")
    # filter-only: the stacker may drop a rule's tag, never add one (every tag keeps the rules' evidence)
    kept = [stacked[i] & set(preds[i]["tags"]) for i in rows]
    print(f"| stacked, filter only {scores([gold[i] for i in rows], kept)}")
    if not (args.heldout or args.blind):
        return
    stacker = LogisticRegression(C=1.0, max_iter=2000).fit(x, y)
    model = TextModel(records)
    clf = Classifier()
    if args.blind:
        blind = read_jsonl(args.blind)
        _score_unseen(f"{args.blind.name} ({len(blind)}, never trained on)", blind, model, stacker, clf)
    if args.heldout:
        held = [r for r in read_jsonl(REAL) if record_side(r) == "heldout"]
        _score_unseen(f"held-out side ({len(held)}, aggregates only)", held, model, stacker, clf)


def _score_unseen(
    title: str, records: Sequence[Record], model: TextModel, stacker: LogisticRegression, clf: Classifier
) -> None:
    """The current rules, the text model and the stacker on stories none of them was trained on."""
    prob = model.proba(records)
    rules_tags: list[set[str]] = []
    stacked_tags: list[set[str]] = []
    for i, r in enumerate(records):
        c = clf.classify(r.get("title"), r.get("text"), r.get("lang"))
        n = max(len(r.get("text") or ""), 1)
        where = {
            t.name: [
                len(t.evidence),
                min((e.start for e in t.evidence), default=n) / n,
                float(all(e.start == 0 and e.end == 0 for e in t.evidence)),
            ]
            for t in c.tags
        }
        pred: Pred = {"tags": {t.name: t.score for t in c.tags}, "primary": c.primary_tag, "where": where}
        rules_tags.append(set(pred["tags"]))
        p = stacker.predict_proba(np.array([_features(pred, prob[i, j], j) for j in range(len(TAGS))]))
        stacked_tags.append({t for j, t in enumerate(TAGS) if p[j, 1] >= 0.5})
    gold = [set(r.get("tags") or []) for r in records]
    model_tags = [{t for j, t in enumerate(TAGS) if prob[i, j] >= 0.5} for i in range(len(records))]
    print(f"\n| {title} | micro-F1 | P | R | no-event untagged |")
    print("| --- | --- | --- | --- | --- |")
    print(f"| current rules {scores(gold, rules_tags)}")
    print(f"| text model {scores(gold, model_tags)}")
    print(f"| stacked (current rules) {scores(gold, stacked_tags)}")
    kept = [s & r for s, r in zip(stacked_tags, rules_tags, strict=True)]
    print(f"| stacked, filter only (current rules) {scores(gold, kept)}")


if __name__ == "__main__":
    main()
