"""Grouper speed: articles per second assigned to stories with N stories already known (issue 14 item 7).

    .venv/bin/python bench/grouper_speed.py [--known 100000] [--articles 3000]

The index is filled with ``--known`` synthetic reports (one story each, features built directly:
organisations from a pool with a few very common ones, names, numbers, amounts, words, name
skeletons -- 60 for a report in Arabic, 8 otherwise --, MinHash signatures), spread over the
window. Then ``--articles`` new synthetic articles (title + ~250 words, a third of them reports of a
known story; those in Arabic have an Arabic-script title and lead) go through the service's whole
path in this process: feature extraction from the text (tokens, name skeletons, stage rules,
MinHash) and the assignment (candidate look-up in the inverted index, scoring, memory bounds). The
classifier's own cost is not included (it runs in its own stage). Prints the fill time, the rate,
the per-article latency percentiles and the resident memory.

    .venv/bin/python bench/grouper_speed.py --service 3000

measures the service instead: ``--service`` classified articles (the demo corpus' texts under new ids)
are produced to a fresh ``classified`` topic on the local Kafka, then one ``wirewatch grouper``
process groups them through its one-partition queue; the rate is taken from the timestamps of the
first and last ``grouped`` records (each record: queue hop, table write and output acknowledged by
Kafka before the next).
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import cast

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from services.grouper.engine import StoryIndex
from services.grouper.features import Report, amount_key, extract
from services.grouper.settings import GrouperSettings

HUBS = ["OpenAI", "Google", "Microsoft", "Nvidia", "Meta", "Amazon", "Anthropic", "Apple"]
LANGS = ["en", "fr", "de", "ar", "es"]
START = datetime(2026, 1, 1, tzinfo=UTC)


def vocab(rng: random.Random, n: int, prefix: str) -> list[str]:
    return [f"{prefix}{rng.randrange(36**5):05x}" for _ in range(n)]


_ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
_ar = random.Random(41)
ARABIC_WORDS = ["".join(_ar.choice(_ARABIC_LETTERS) for _ in range(_ar.randrange(3, 8))) for _ in range(8000)]


def known_report(i: int, rng: random.Random, orgs: list[str], names: list[str], words: list[str]) -> Report:
    lang = LANGS[i % len(LANGS)]
    picked = [rng.choice(orgs), rng.choice(orgs)] + ([rng.choice(HUBS)] if rng.random() < 0.6 else [])
    keys = [f"o:{o}" for o in picked]
    keys += [f"n:{rng.choice(names).lower()}" for _ in range(8)]
    keys += [f"d:{rng.randrange(10, 999)}" for _ in range(3)]
    amounts = (amount_key(rng.randrange(1, 900) * 1e6, "USD"),) if rng.random() < 0.4 else ()
    keys += list(amounts)
    keys += [f"w:{lang}:{rng.choice(words)}" for _ in range(40)]
    # name skeletons (x:/y:): an Arabic lead gives many (every uncommon word), a Latin one a few
    sounds = 30 if lang == "ar" else 4
    keys += [f"x:{rng.choice(names).lower()[:6]}" for _ in range(sounds)]
    keys += [f"y:{rng.choice(names).lower()[:4]} {rng.choice(names).lower()[:5]}" for _ in range(sounds)]
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
    lang = LANGS[j % len(LANGS)]
    vocabulary = ARABIC_WORDS if lang == "ar" else words
    body = " ".join(rng.choice(vocabulary) for _ in range(250))
    title = f"{a} and {b} sign {n1} deal"
    worth = rng.randrange(10, 999)
    text = f"{a} signed a deal with {b} on Monday for {n1} and {n2}, worth {worth} million dollars. "
    if lang == "ar":
        title = f"{a} و{b} {' '.join(rng.choice(ARABIC_WORDS) for _ in range(6))}"
        text = f"{a} {b} {' '.join(rng.choice(ARABIC_WORDS) for _ in range(20))} {worth} مليون دولار. "
    return {
        "article_id": f"new-{j}",
        "title": title,
        "text": text + body,
        "lang": lang,
        "published": START + timedelta(seconds=known * 15 + j * 5),
        "primary": "licensing",
        "orgs": [a, b, rng.choice(HUBS)],
        "amounts": [(rng.randrange(10, 999) * 1e6, "USD")],
    }


def another_report(first: dict[str, object], j: int, rng: random.Random) -> dict[str, object]:
    """The same event from another source a minute later: same title, a tenth of the words changed."""
    words = str(first["text"]).split()
    for k in rng.sample(range(len(words)), len(words) // 10):
        words[k] = words[rng.randrange(len(words))]
    published = first["published"]
    assert isinstance(published, datetime)
    later = published + timedelta(seconds=60)
    return {**first, "article_id": f"new-{j}", "text": " ".join(words), "published": later}


async def service_rate(count: int) -> None:
    import asyncio
    import shutil
    import tempfile
    import uuid

    from services.classifier.engine import Classifier
    from shared.config import Settings
    from shared.contracts import ParsedArticle
    from shared.kafka import admin_client, create_topics, producer, read_topic
    from shared.topics import CLASSIFIED, GROUPED
    from wirewatch.demo.corpus import load_articles
    from wirewatch.demo.pipeline import ServiceProcess, free_port, settings_env

    base = Settings()
    tag = uuid.uuid4().hex[:8]
    state = Path(tempfile.mkdtemp(prefix="wirewatch-bench-grouper-"))
    settings = base.model_copy(update={"topic_prefix": f"bench-{tag}", "state_dir": state})
    await create_topics(settings)
    classifier = Classifier()
    corpus = [
        classifier.classify_article(
            ParsedArticle(id=a.slug, url=f"https://b.test/{a.slug}", title=a.title, text=a.text, lang=a.lang)
        )
        for a in load_articles()
    ]
    try:
        async with producer(settings, linger_ms=20) as prod:
            futures = []
            for i in range(count):
                b = corpus[i % len(corpus)]
                art = b.model_copy(update={"id": f"bench-{i}", "title": f"{b.title} ({i})"})
                futures.append(
                    await prod.send(CLASSIFIED.name(settings), key=art.id.encode(), value=art.encode())
                )
            await asyncio.gather(*futures)
        proc = ServiceProcess("grouper", settings_env(settings), state / "grouper.log", free_port()).start()
        try:
            t0 = time.monotonic()
            while True:
                out = await read_topic(settings, GROUPED.name(settings))
                if len(out) >= count:
                    break
                if time.monotonic() - t0 > 900 or not proc.alive():
                    raise SystemExit(f"{len(out)} of {count} grouped; log: {proc.tail(20)}")
                await asyncio.sleep(2)
        finally:
            proc.stop()
        stamps = sorted(r.timestamp for r in out)
        span = (stamps[-1] - stamps[0]) / 1000
        stories = len({json.loads(r.value)["story_id"] for r in out})
        print(
            f"service: {count} articles grouped in {span:.1f}s = {count / span:,.0f} articles/s "
            f"(one grouper process, one-partition queue; {stories} stories)"
        )
    finally:
        async with admin_client(settings) as admin:
            names = [
                t
                for t in await admin.list_topics()
                if t.startswith((f"{settings.topic_prefix}.", f"{settings.topic_prefix}-"))
            ]
            if names:
                await admin.delete_topics(names)
        shutil.rmtree(state, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--known", type=int, default=100_000)
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument(
        "--service", type=int, default=0, help="measure the service on Kafka with this many articles"
    )
    args = ap.parse_args()
    if args.service:
        import asyncio

        asyncio.run(service_rate(args.service))
        return
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
    gc.collect()
    gc.freeze()  # as the service does after restoring its index
    print(f"filled {len(index)} known reports in {fill:.1f}s ({len(index) / fill:,.0f}/s)")
    articles = [new_article(j, rng, orgs, names, words, args.known) for j in range(args.articles)]
    for j in range(2, len(articles), 3):  # a third: another source's report of the article before it
        articles[j] = another_report(articles[j - 1], j, rng)
    s = settings
    latencies = []
    joined = 0
    t1 = time.perf_counter()
    c1 = time.process_time()
    for art in articles:
        t = time.perf_counter()
        report = extract(
            article_id=str(art["article_id"]),
            title=str(art["title"]),
            text=str(art["text"]),
            lang=str(art["lang"]),
            published=cast("datetime | str | None", art["published"]),
            primary=str(art["primary"]),
            orgs=cast("list[str]", art["orgs"]),
            amounts=cast("list[tuple[float, str]]", art["amounts"]),
            max_text_chars=s.max_text_chars,
            lead_chars=s.lead_chars,
            max_keys=s.max_keys,
            num_perm=s.num_perm,
        )
        assignment, _ = index.assign(report)
        joined += not assignment.new_story
        latencies.append(time.perf_counter() - t)
    elapsed = time.perf_counter() - t1
    cpu = time.process_time() - c1
    latencies.sort()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"assigned {len(articles)} articles in {elapsed:.2f}s: {len(articles) / elapsed:,.0f} articles/s "
        f"on one core, {len(articles) / cpu:,.0f} per CPU-second ({joined} joined an earlier story)"
    )
    print(
        f"latency ms: median {statistics.median(latencies) * 1000:.2f}, "
        f"p95 {latencies[int(0.95 * len(latencies))] * 1000:.2f}, max {latencies[-1] * 1000:.2f}; "
        f"peak RSS {rss:,.0f} MiB with {len(index):,} reports remembered"
    )


if __name__ == "__main__":
    main()
