"""Grouper speed: articles per second assigned to stories with N stories already known (issue 14 item 7).

    .venv/bin/python bench/grouper_speed.py [--known 100000] [--articles 3000]

The index is filled with ``--known`` synthetic reports (one story each, features built directly:
organisations from a pool with a few very common ones, names, numbers, amounts, words, MinHash
signatures), spread over the window. Then ``--articles`` new synthetic articles (title + ~250 words,
a third of them reports of a known story) go through the service's whole path in this process:
feature extraction from the text (tokens, stage rules, MinHash) and the assignment (candidate look-up
in the inverted index, scoring, memory bounds). The classifier's own cost is not included (it runs
in its own stage). Prints the fill time, the rate, the per-article latency percentiles and the
resident memory.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from services.grouper.engine import StoryIndex
from services.grouper.features import Report, amount_key, extract
from services.grouper.settings import GrouperSettings

HUBS = ["OpenAI", "Google", "Microsoft", "Nvidia", "Meta", "Amazon", "Anthropic", "Apple"]
LANGS = ["en", "fr", "de", "ar", "es"]
START = datetime(2026, 1, 1, tzinfo=UTC)


def vocab(rng: random.Random, n: int, prefix: str) -> list[str]:
    return [f"{prefix}{rng.randrange(36**5):05x}" for _ in range(n)]


def known_report(i: int, rng: random.Random, orgs: list[str], names: list[str], words: list[str]) -> Report:
    lang = LANGS[i % len(LANGS)]
    picked = [rng.choice(orgs), rng.choice(orgs)] + ([rng.choice(HUBS)] if rng.random() < 0.6 else [])
    keys = [f"o:{o}" for o in picked]
    keys += [f"n:{rng.choice(names).lower()}" for _ in range(8)]
    keys += [f"d:{rng.randrange(10, 999)}" for _ in range(3)]
    amounts = (amount_key(rng.randrange(1, 900) * 1e6, "USD"),) if rng.random() < 0.4 else ()
    keys += list(amounts)
    keys += [f"w:{lang}:{rng.choice(words)}" for _ in range(40)]
    return Report(
        id=f"known-{i}",
        lang=lang,
        published=START + timedelta(seconds=i * 15),  # 100 000 reports over ~17 days
        primary=rng.choice(["licensing", "launch", "lawsuit", "investment", None]),
        stage=None,
        keys=tuple(dict.fromkeys(keys)),
        title_keys=frozenset(keys[:4]),
        amounts=amounts,
        orgs=tuple(picked),
        principal=frozenset(keys[:2]),
        minhash=rng.randbytes(4 * 64),
        story_id=f"s-known-{i}",
    )


def new_article(
    j: int, rng: random.Random, orgs: list[str], names: list[str], words: list[str], known: int
) -> dict[str, object]:
    a, b = rng.choice(orgs), rng.choice(orgs)
    n1, n2 = rng.choice(names), rng.choice(names)
    body = " ".join(rng.choice(words) for _ in range(250))
    title = f"{a} and {b} sign {n1} deal"
    worth = rng.randrange(10, 999)
    text = f"{a} signed a deal with {b} on Monday for {n1} and {n2}, worth {worth} million dollars. "
    return {
        "article_id": f"new-{j}",
        "title": title,
        "text": text + body,
        "lang": LANGS[j % len(LANGS)],
        "published": START + timedelta(seconds=known * 15 + j * 5),
        "primary": "licensing",
        "orgs": [a, b, rng.choice(HUBS)],
        "amounts": [(rng.randrange(10, 999) * 1e6, "USD")],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--known", type=int, default=100_000)
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=14)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    orgs = [f"Org{k}" for k in range(5000)]
    names = [n.capitalize() for n in vocab(rng, 30_000, "n")]
    words = vocab(rng, 8000, "w")
    settings = GrouperSettings(max_reports=max(200_000, args.known + args.articles), window_days=30)
    index = StoryIndex(settings)
    t0 = time.perf_counter()
    for i in range(args.known):
        index.add(known_report(i, rng, orgs, names, words))
    fill = time.perf_counter() - t0
    print(f"filled {len(index)} known reports in {fill:.1f}s ({len(index) / fill:,.0f}/s)")
    articles = [new_article(j, rng, orgs, names, words, args.known) for j in range(args.articles)]
    s = settings
    latencies = []
    joined = 0
    t1 = time.perf_counter()
    for art in articles:
        t = time.perf_counter()
        report = extract(
            article_id=str(art["article_id"]),
            title=str(art["title"]),
            text=str(art["text"]),
            lang=str(art["lang"]),
            published=art["published"],  # type: ignore[arg-type]
            primary=str(art["primary"]),
            orgs=art["orgs"],  # type: ignore[arg-type]
            amounts=art["amounts"],  # type: ignore[arg-type]
            max_text_chars=s.max_text_chars,
            lead_chars=s.lead_chars,
            max_keys=s.max_keys,
            num_perm=s.num_perm,
        )
        assignment, _ = index.assign(report)
        joined += not assignment.new_story
        latencies.append(time.perf_counter() - t)
    elapsed = time.perf_counter() - t1
    latencies.sort()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"assigned {len(articles)} articles in {elapsed:.2f}s: {len(articles) / elapsed:,.0f} articles/s "
        f"on one core ({joined} joined an earlier story)"
    )
    print(
        f"latency ms: median {statistics.median(latencies) * 1000:.2f}, "
        f"p95 {latencies[int(0.95 * len(latencies))] * 1000:.2f}, max {latencies[-1] * 1000:.2f}; "
        f"peak RSS {rss:,.0f} MiB with {len(index):,} reports remembered"
    )


if __name__ == "__main__":
    main()
