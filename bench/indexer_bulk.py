"""Indexer bulk throughput alone: synthetic classified articles -> the local Elasticsearch.

    .venv/bin/python bench/indexer_bulk.py [--docs 20000] [--batch 500] [--words 400] [--searches]

Builds ``--docs`` synthetic ClassifiedArticles (en/fr/de/ar sentences, tags, orgs, amounts),
then times ``BulkIndexer.index`` batch by batch into a throw-away alias on the running stack
(``wirewatch stack up``), the way the service calls it (documents built and folded in Python,
one bulk request per batch, the cross-month delete-by-query included). Prints docs/s for the
document building alone and for the whole indexing, then deletes its indices.

``--story-size K`` gives the articles story ids, K reports per story (as the grouper does; 0: none),
so the story summaries (``<alias>.stories``) are written too; ``WIREWATCH_INDEXER_STORIES=false``
measures the same without them.

``--searches`` runs a search on the alias every 0.5 s meanwhile, as analysts do in production:
shards that are searched stay "search-active" and refresh every second, which costs indexing
throughput (without searches, idle shards skip refreshes). ``WIREWATCH_INDEXER_REPLACE_ACROSS_MONTHS
=false`` measures without the per-batch lookup of older copies in other months.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import time
import uuid
from datetime import UTC, datetime, timedelta

from services.indexer import index as idx
from services.indexer.bulk import BulkIndexer
from services.indexer.settings import IndexerSettings
from shared.config import Settings
from shared.contracts import Amount, ClassifiedArticle, Evidence, Tag, article_id
from shared.elastic import make_client, wait_healthy

SENTENCES = {
    "en": "The company announced a licensing agreement with several publishers and said revenue grew.",
    "fr": "La société a annoncé un accord de licence avec plusieurs éditeurs à Paris cette année.",
    "de": "Das Unternehmen kündigte eine Lizenzvereinbarung mit mehreren Verlagen in München an.",
    "ar": "أعلنت الشركة عن اتفاقية ترخيص مع عدة ناشرين وقالت إن الإيرادات ارتفعت هذا العام.",
}
TAGS = ("licensing", "launch", "lawsuit", "investment")
ORGS = ("OpenAI", "Anthropic", "Mistral AI", "Google DeepMind", "Meta", "Nvidia", "Microsoft")


def synthetic(n: int, words: int, rng: random.Random, story_size: int = 0) -> ClassifiedArticle:
    lang = rng.choice(list(SENTENCES))
    sentence = SENTENCES[lang]
    repeat = max(1, words // len(sentence.split()))
    text = " ".join([sentence] * repeat)
    url = f"https://bench.example.org/{n}"
    tag = rng.choice(TAGS)
    return ClassifiedArticle(
        id=article_id(url),
        url=url,
        source="Bench",
        title=f"{sentence[:60]} {n}",
        text=text,
        lang=lang,
        word_count=len(text.split()),
        published=datetime(2026, 11, 1, tzinfo=UTC) - timedelta(hours=rng.randrange(24 * 180)),
        tags=[Tag(name=tag, score=0.8, evidence=[Evidence(text=sentence[:80], start=0, end=80)])],
        primary_tag=tag,
        orgs=rng.sample(ORGS, 2),
        story_id=f"s-{n // story_size:016x}" if story_size else None,
        amounts=[
            Amount(value=1e6 * rng.randrange(1, 900), currency="USD", text="$ million", sentence=sentence)
        ],
    )


async def run(docs: int, batch: int, words: int, searches: bool = False, story_size: int = 0) -> None:
    settings = Settings()
    alias = f"wirewatch-bench-{uuid.uuid4().hex[:8]}"
    opts = IndexerSettings(batch_size=batch)
    rng = random.Random(7)
    articles = [synthetic(n, words, rng, story_size) for n in range(docs)]

    t0 = time.perf_counter()
    for a in articles[: min(docs, 5000)]:
        idx.document(a)
    build_rate = min(docs, 5000) / (time.perf_counter() - t0)

    es = make_client(settings, request_timeout=120)
    try:
        await wait_healthy(es, timeout=60)
        await idx.setup(es, alias, shards=opts.shards, replicas=opts.replicas)
        bulk = BulkIndexer(es, alias, opts)
        await bulk.index(articles[:batch])  # warm-up (creates the monthly indices)
        stop = asyncio.Event()

        async def analyst() -> None:
            while not stop.is_set():
                await es.search(index=alias, size=0, ignore_unavailable=True, allow_no_indices=True)
                await asyncio.sleep(0.5)

        searcher = asyncio.create_task(analyst()) if searches else None
        t0 = time.perf_counter()
        indexed = summaries = 0
        for start in range(batch, docs, batch):
            result = await bulk.index(articles[start : start + batch])
            indexed += result.indexed
            summaries += result.stories
        elapsed = time.perf_counter() - t0
        stop.set()
        if searcher is not None:
            await searcher
        await es.indices.refresh(index=idx.index_pattern(alias))
        count = (await es.count(index=idx.index_pattern(alias)))["count"]
        size_words = sum(a.word_count for a in articles) / docs
        print(
            f"articles: {docs} (~{size_words:.0f} words each), batch {batch}, "
            f"replace_across_months={opts.replace_across_months}, searches={searches}, "
            f"story summaries={opts.stories and bool(story_size)} ({story_size} reports per story)"
        )
        print(f"document building (fold + dict): {build_rate:,.0f} docs/s")
        print(f"bulk indexing: {indexed} docs in {elapsed:.1f}s = {indexed / elapsed:,.0f} docs/s")
        print(f"documents in the indices: {count} (expected {docs}); story summaries written: {summaries}")
    finally:
        await idx.delete_all(es, alias)
        await es.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--words", type=int, default=400)
    parser.add_argument("--searches", action="store_true", help="search the alias every 0.5 s meanwhile")
    parser.add_argument("--story-size", type=int, default=0, help="reports per story (0: no story ids)")
    args = parser.parse_args()
    asyncio.run(run(args.docs, args.batch, args.words, args.searches, args.story_size))


if __name__ == "__main__":
    main()
