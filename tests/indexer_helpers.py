"""Helpers of the indexer and search tests: articles, producing them, counting documents, a TCP proxy."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from elasticsearch import AsyncElasticsearch

from services.indexer import index as idx
from shared.config import Settings
from shared.contracts import Amount, ClassifiedArticle, Evidence, Tag, article_id
from shared.elastic import make_client
from shared.kafka import producer
from shared.topics import GROUPED

BASE_DATE = datetime(2026, 10, 15, 9, 30, tzinfo=UTC)


def make_article(n: int, **overrides: Any) -> ClassifiedArticle:
    """A valid classified article; ``n`` makes its URL (and so its id) unique."""
    url = overrides.pop("url", f"https://news.example.org/ai/{n}")
    text = overrides.pop(
        "text",
        f"Article {n}. OpenAI announced a licensing deal with a publisher worth $250 million. "
        "The agreement covers archives and new stories.",
    )
    fields: dict[str, Any] = {
        "id": article_id(url),
        "url": url,
        "feed_url": "https://news.example.org/feed.xml",
        "source": "Example News",
        "title": f"Licensing deal number {n}",
        "text": text,
        "published": BASE_DATE - timedelta(minutes=n),
        "lang": "en",
        "word_count": len(text.split()),
        "fetched_at": BASE_DATE,
        "tags": [
            Tag(name="licensing", score=0.9, evidence=[Evidence(text="a licensing deal", start=0, end=16)])
        ],
        "primary_tag": "licensing",
        "orgs": ["OpenAI"],
        "amounts": [Amount(value=250e6, currency="USD", text="$250 million", sentence="worth $250 million")],
    }
    fields.update(overrides)
    return ClassifiedArticle(**fields)


async def produce(settings: Settings, values: Iterable[tuple[bytes | None, bytes]]) -> int:
    """Send (key, value) records to the GROUPED topic (the indexer's input); returns how many."""
    topic = GROUPED.name(settings)
    count = 0
    async with producer(settings, linger_ms=20) as prod:
        futures = []
        for key, value in values:
            futures.append(await prod.send(topic, value=value, key=key))
            count += 1
        await asyncio.gather(*futures)
    return count


async def produce_articles(settings: Settings, articles: Iterable[ClassifiedArticle]) -> int:
    return await produce(settings, ((a.id.encode(), a.encode()) for a in articles))


async def count_docs(es: AsyncElasticsearch, alias: str) -> int:
    """Documents under the alias, after a refresh (so a count is current)."""
    await es.options(ignore_status=404).indices.refresh(index=idx.index_pattern(alias), allow_no_indices=True)
    resp = await es.count(index=idx.index_pattern(alias), ignore_unavailable=True, allow_no_indices=True)
    return int(resp["count"])


async def distinct_ids(es: AsyncElasticsearch, alias: str) -> int:
    await es.options(ignore_status=404).indices.refresh(index=idx.index_pattern(alias), allow_no_indices=True)
    resp = await es.search(
        index=idx.index_pattern(alias),
        size=0,
        aggs={"ids": {"cardinality": {"field": "id", "precision_threshold": 40000}}},
        ignore_unavailable=True,
        allow_no_indices=True,
    )
    return int(resp["aggregations"]["ids"]["value"])


async def wait_count(es: AsyncElasticsearch, alias: str, at_least: int, timeout: float = 120.0) -> int:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    count = 0
    while loop.time() < deadline:
        count = await count_docs(es, alias)
        if count >= at_least:
            return count
        await asyncio.sleep(0.3)
    raise TimeoutError(f"{alias}: {count} documents after {timeout}s, wanted {at_least}")


@asynccontextmanager
async def es_client(settings: Settings, cleanup: bool = True) -> AsyncIterator[AsyncElasticsearch]:
    """A client on the real cluster; deletes the test's indices and template afterwards."""
    es = make_client(settings)
    try:
        yield es
    finally:
        if cleanup:
            await idx.delete_all(es, settings.index_alias)
        await es.close()


class TcpProxy:
    """A real TCP proxy (asyncio, own thread) in front of Elasticsearch that can cut the network.

    ``cut()`` closes every open connection and stops listening (new connections are refused);
    ``restore()`` listens again on the same port.
    """

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = 0
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.server: asyncio.Server | None = None
        self.writers: set[asyncio.StreamWriter] = set()

    def start(self) -> TcpProxy:
        self.thread.start()
        self._call(self._listen())
        return self

    def _call(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(30)

    async def _listen(self) -> None:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", self.port)
        self.port = self.server.sockets[0].getsockname()[1]

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.close()
            return
        self.writers |= {writer, up_writer}

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            try:
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                dst.close()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))
        self.writers -= {writer, up_writer}

    async def _cut(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        for w in list(self.writers):
            w.transport.abort()
        self.writers.clear()

    def cut(self) -> None:
        self._call(self._cut())

    def restore(self) -> None:
        self._call(self._listen())

    def close(self) -> None:
        self._call(self._cut())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
