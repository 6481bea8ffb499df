"""Parser quality and speed on the article-extraction-benchmark: bare trafilatura vs ``wirewatch parse``.

    .venv/bin/python bench/parser_quality.py [--variants]

Reads ../shared/corpora/article-extraction-benchmark (181 gzipped pages + ground-truth.json) at run
time. Prints, for each extractor, the benchmark's shingle F1 (the bar; services.parser.scoring), the
token F1 of the corpus's SOURCE.md, per-language shingle F1 (language of the ground truth), and speed:

* bare trafilatura: ``trafilatura.extract(html, include_comments=False)`` on the page decoded as UTF-8,
  exactly as the upstream benchmark runs it;
* ``wirewatch parse``: the real CLI run as a subprocess over all 181 files (its JSON output is scored);
  wall time of that run includes interpreter start;
* speed per CPU-second: bare trafilatura and ``extract_article`` (what the CLI and the service's
  workers run) timed page by page, interleaved, in this process, three rounds, median.

``--variants`` also scores other extraction options through ``extract_article`` (the default is
fast mode + favor_recall + tables: ``ParserSettings``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from services.parser.errors import ExtractionError  # noqa: E402
from services.parser.extract import ExtractOptions, extract_article  # noqa: E402
from services.parser.langdetect import detect_language  # noqa: E402
from services.parser.scoring import Scores, score  # noqa: E402

CORPUS = ROOT / ".." / "shared" / "corpora" / "article-extraction-benchmark"


def load() -> tuple[dict[str, str], dict[str, bytes], dict[str, Path]]:
    data = json.loads((CORPUS / "ground-truth.json").read_text())
    truth = {k: v.get("articleBody", "") for k, v in data.items()}
    paths = {p.name.split(".", 1)[0]: p for p in sorted((CORPUS / "html").glob("*.html.gz"))}
    raw = {k: gzip.decompress(p.read_bytes()) for k, p in paths.items()}
    return truth, raw, paths


def bare(html: bytes) -> str | None:
    import trafilatura

    return trafilatura.extract(html.decode("utf-8"), include_comments=False)


def ours(options: ExtractOptions) -> Callable[[bytes], str | None]:
    def run(html: bytes) -> str | None:
        try:
            return str(extract_article(html, options=options)["text"])
        except ExtractionError:
            return None

    return run


CLI_LANGS: dict[str, str | None] = {}


def run_cli(paths: dict[str, Path]) -> tuple[dict[str, str | None], float]:
    cmd = [sys.executable, "-m", "wirewatch.cli", "parse", *map(str, paths.values())]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, check=False, cwd=ROOT)
    wall = time.perf_counter() - t0
    out: dict[str, str | None] = {}
    for line in proc.stdout.decode().splitlines():
        obj = json.loads(line)
        out[obj["id"]] = obj.get("text")
        CLI_LANGS[obj["id"]] = obj.get("lang")
    return out, wall


def report(name: str, truth: dict[str, str], preds: dict[str, str | None], langs: dict[str, str]) -> Scores:
    pairs = [(truth[k], preds.get(k)) for k in truth]
    s, tok = score(pairs), score(pairs, "token")
    by_lang: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for k in truth:
        by_lang["en" if langs[k] == "en" else "non-en"].append((truth[k], preds.get(k)))
    per = "  ".join(f"{g}({len(v)})={score(v).f1:.3f}" for g, v in sorted(by_lang.items()))
    empty = sum(1 for k in truth if not preds.get(k))
    print(f"{name:<34} shingleF1={s.f1:.4f} P={s.precision:.4f} R={s.recall:.4f}  tokenF1={tok.f1:.4f}  "
          f"{per}  empty={empty}")
    return s


def cpu_speed(raw: dict[str, bytes], fns: dict[str, Callable[[bytes], str | None]], rounds: int = 3
              ) -> dict[str, float]:
    """Pages per CPU-second of each function, timed page by page and interleaved (fair under load)."""
    per_round: dict[str, list[float]] = defaultdict(list)
    for fn in fns.values():  # warm-up: imports, models, stoplists
        for html in list(raw.values())[:3]:
            fn(html)
    for _ in range(rounds):
        spent = dict.fromkeys(fns, 0.0)
        for html in raw.values():
            for name, fn in fns.items():
                t0 = time.process_time()
                fn(html)
                spent[name] += time.process_time() - t0
        for name in fns:
            per_round[name].append(len(raw) / spent[name])
    return {name: statistics.median(v) for name, v in per_round.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--variants", action="store_true", help="also score other extraction options")
    args = ap.parse_args()
    truth, raw, paths = load()
    langs = {k: detect_language(v) or "?" for k, v in truth.items()}
    print(f"{len(truth)} pages; ground-truth languages: "
          + ", ".join(f"{lang}={n}" for lang, n in sorted(
              {lang: list(langs.values()).count(lang) for lang in set(langs.values())}.items(),
              key=lambda kv: -kv[1])))

    t0 = time.process_time()
    bare_preds = {k: bare(h) for k, h in raw.items()}
    bare_cpu = time.process_time() - t0
    report("bare trafilatura.extract", truth, bare_preds, langs)
    cli_preds, cli_wall = run_cli(paths)
    report("wirewatch parse (CLI)", truth, cli_preds, langs)
    import py3langid

    full = {k: py3langid.classify(v)[0] for k, v in truth.items()}
    agree = sum(1 for k in truth if CLI_LANGS.get(k) == full[k])
    print(f"language: wirewatch parse's lang = py3langid on the whole ground-truth body for "
          f"{agree}/{len(truth)} pages")

    if args.variants:
        print("extract_article variants:")
        base = ExtractOptions()
        for label, opts in {
            "  fast, balanced": {"favor_recall": False},
            "  no fast, balanced (= bare)": {"fast": False, "favor_recall": False},
            "  no fast, favor_recall": {"fast": False},
            "  fast, favor_precision": {"favor_precision": True, "favor_recall": False},
            "  fast, favor_recall, no tables": {"include_tables": False},
        }.items():
            fn = ours(ExtractOptions(**{**base.__dict__, **opts}))
            report(label, truth, {k: fn(h) for k, h in raw.items()}, langs)

    speeds = cpu_speed(raw, {"bare": bare, "ours": ours(ExtractOptions())})
    print(f"\nspeed: bare trafilatura {len(raw) / bare_cpu:.1f} pages/CPU-s (single pass); "
          f"wirewatch parse CLI {len(raw) / cli_wall:.1f} pages/s wall incl. start-up ({cli_wall:.1f} s)")
    print(f"interleaved, median of 3 rounds: bare {speeds['bare']:.1f} pages/CPU-s, "
          f"extract_article {speeds['ours']:.1f} pages/CPU-s "
          f"({100 * speeds['ours'] / speeds['bare']:.0f}% of bare)")


if __name__ == "__main__":
    main()
