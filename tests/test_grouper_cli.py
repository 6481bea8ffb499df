"""``wirewatch group`` as a real subprocess: JSONL records in, one JSON object per record out (id,
story_id, story_reason) in published order; ``--eval`` scores a labelled file per split."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support import REPO
from tests.test_grouper_engine import FILED, INVEST, LAUNCH_SAME_WEEK, RULING


def run(args: list[str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wirewatch.cli", "group", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )


def test_group_reads_records_and_writes_story_ids() -> None:
    records = [*INVEST, LAUNCH_SAME_WEEK, *FILED, *RULING]
    stdin = "".join(json.dumps({k: v for k, v in r.items() if k != "story"}) + "\n" for r in records)
    done = run([], stdin + "not json\n")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [set(r) for r in rows] == [{"id", "story_id", "story_reason"}] * len(records)
    story = {r["id"]: r["story_id"] for r in rows}
    assert len({story[r["id"]] for r in INVEST}) == 1
    assert len({story["launch-en"], story["inv-en"], story["suit-en"], story["ruling-en"]}) == 4
    assert [r["id"] for r in rows][:2] == ["inv-en", "inv-fr"]  # published order
    assert "skipped" in done.stderr  # the bad line is reported, not fatal


def test_group_eval_scores_pairs_per_split(tmp_path: Path) -> None:
    labelled = tmp_path / "labelled.jsonl"
    labelled.write_text("".join(json.dumps(r) + "\n" for r in [*INVEST, LAUNCH_SAME_WEEK, *FILED, *RULING]))
    done = run(["--eval", str(labelled), "--split", "all", "--json"])
    assert done.returncode == 0, done.stderr
    [scores] = json.loads(done.stdout).values()
    assert scores["true_pairs"] == 6 + 1 + 1  # 4 reports of the investment, 2 filings, 2 rulings
    assert scores["precision"] == 1.0 and scores["recall"] == 1.0
    assert "missed" not in scores  # pairs are listed for the dev side only
    bad = run(["--eval", str(labelled), "--split", "nope"])
    assert bad.returncode != 0
