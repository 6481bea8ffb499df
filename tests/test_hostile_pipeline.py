"""The pipeline core under hostile input, through the real Kafka and Elasticsearch.

* a record whose output Kafka refuses (over the output topic's ``max.message.bytes``) is not acked:
  it is produced again with backoff and comes out exactly once when the cause is gone;
* the dead letter of a 7.4 MB record fits (its payload's head, size and sha256), in the parser and
  in the indexer, and both stages go on;
* faust's ``/table/`` and ``/router/`` views are not served;
* an Elasticsearch that refuses every connection costs a bounded number of log lines.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import socket
import threading
import time
from pathlib import Path

import httpx
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

from services.indexer.settings import IndexerSettings
from services.parser.settings import ParserSettings
from shared.config import Settings
from shared.contracts import DeadLetter, ParsedArticle, RawItem
from shared.kafka import admin_client, producer, read_topic, wait_for_records
from shared.topics import CLASSIFIED, DEADLETTER, PARSED, RAW, STAGE_INPUT
from tests.indexer_helpers import es_client, make_article, wait_count
from tests.support import ServiceProcess, free_port, settings_env
from tests.test_parser_extract import EN_PARAS, page


def raw_item(ident: str, html: str) -> RawItem:
    url = f"https://news.example.org/{ident}"
    return RawItem(
        id=ident, feed_url="https://news.example.org/feed.xml", source="example", entry_url=url,
        canonical_url=url, final_url=url, http_status=200, content_type="text/html", html=html,
    )


async def set_max_message_bytes(settings: Settings, topic: str, value: int) -> None:
    async with admin_client(settings) as admin:
        await admin.alter_configs(
            [ConfigResource(ConfigResourceType.TOPIC, topic, configs={"max.message.bytes": str(value)})]
        )


async def wait_for_log(proc: ServiceProcess, text: str, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in proc.output():
            return
        assert proc.alive(), proc.output()[-3000:]
        await asyncio.sleep(0.3)
    raise TimeoutError(f"{text!r} not logged within {timeout}s:\n{proc.output()[-3000:]}")


def _parser(settings: Settings, tmp_path: Path, name: str) -> ServiceProcess:
    port = free_port()
    svc = settings.model_copy(
        update={"web_port": port, "web_host": "127.0.0.1", "send_retry_max_seconds": 1.0}
    )
    env = settings_env(svc, ParserSettings(workers=1, max_tasks_per_worker=0))
    return ServiceProcess(["parser"], env, tmp_path / f"{name}.log", web_port=port)


async def test_output_refused_by_kafka_is_retried_not_acked_and_comes_out_once(
    settings: Settings, tmp_path: Path
) -> None:
    parsed_topic = PARSED.name(settings)
    await set_max_message_bytes(settings, parsed_topic, 512)  # any parsed article is larger
    first = raw_item("refused-1", page(EN_PARAS))
    proc = _parser(settings, tmp_path, "parser").start()
    try:
        await asyncio.to_thread(proc.wait_healthy, 120.0)
        async with httpx.AsyncClient() as http:  # faust's own views expose tables and topology
            for path in ("/table/", "/router/", "/table/alerted/"):
                answer = await http.get(f"http://127.0.0.1:{proc.web_port}{path}", timeout=5)
                assert answer.status_code == 404, (path, answer.status_code)
        async with producer(settings) as prod:
            await prod.send_and_wait(RAW.name(settings), key=first.id.encode(), value=first.encode())
            await wait_for_log(proc, f"producing to {parsed_topic} failing")
            assert await read_topic(settings, parsed_topic) == []
            await set_max_message_bytes(settings, parsed_topic, 1024 * 1024)  # the cause is gone
            await wait_for_records(settings, parsed_topic, 1, timeout=90)
            sentinel = raw_item("sentinel-1", page(EN_PARAS[::-1], title="Sentinel"))
            await prod.send_and_wait(RAW.name(settings), key=sentinel.id.encode(), value=sentinel.encode())
        records = await wait_for_records(settings, parsed_topic, 2, timeout=90)
        ids = sorted(ParsedArticle.decode(r.value).id for r in records)
        assert ids == ["refused-1", "sentinel-1"]  # exactly once each
        assert await read_topic(settings, DEADLETTER.name(settings)) == []  # not dead-lettered either
        log = proc.output()
        assert log.count(f"producing to {parsed_topic} failing") == 1  # one line per state change
        assert f"producing to {parsed_topic} back after" in log
        assert proc.alive()
    finally:
        proc.stop()


async def test_dead_letters_of_a_7_4_mb_record_fit_in_parser_and_indexer(
    settings: Settings, tmp_path: Path
) -> None:
    huge = os.urandom(7_400_000)  # not JSON: invalid_contract; base64 would make a 9.9 MB dead letter
    indexer_input = STAGE_INPUT["indexer"].name(settings)  # the grouped topic
    await set_max_message_bytes(settings, indexer_input, 8 * 1024 * 1024)
    parser = _parser(settings, tmp_path, "parser").start()
    port = free_port()
    svc = settings.model_copy(update={"web_port": port, "web_host": "127.0.0.1"})
    env = settings_env(svc, IndexerSettings(batch_size=10, batch_seconds=0.2))
    indexer = ServiceProcess(["indexer"], env, tmp_path / "indexer.log", web_port=port).start()
    try:
        await asyncio.to_thread(parser.wait_healthy, 120.0)
        await asyncio.to_thread(indexer.wait_healthy, 120.0)
        after = make_article(1)
        sentinel = raw_item("after-huge", page(EN_PARAS))
        async with producer(settings) as prod:
            await prod.send_and_wait(RAW.name(settings), key=b"huge-raw", value=huge)
            await prod.send_and_wait(RAW.name(settings), key=sentinel.id.encode(), value=sentinel.encode())
            await prod.send_and_wait(indexer_input, key=b"huge-classified", value=huge)
            await prod.send_and_wait(indexer_input, key=after.id.encode(), value=after.encode())
        letters = await wait_for_records(settings, DEADLETTER.name(settings), 2, timeout=120)
        by_stage = {DeadLetter.decode(r.value).stage: (r, DeadLetter.decode(r.value)) for r in letters}
        assert set(by_stage) == {"parser", "indexer"}
        for record, letter in by_stage.values():
            assert len(record.value) <= settings.deadletter_max_bytes
            assert letter.error == "invalid_contract" and letter.payload_truncated
            assert letter.payload_size == len(huge)
            assert letter.payload_sha256 == hashlib.sha256(huge).hexdigest()
            assert huge.startswith(letter.payload) and len(letter.payload) > 512 * 1024
        # both stages went on: the records after the huge ones came out
        [parsed] = await wait_for_records(settings, PARSED.name(settings), 1, timeout=90)
        assert ParsedArticle.decode(parsed.value).id == "after-huge"
        async with es_client(settings) as es:
            assert await wait_count(es, settings.index_alias, 1, timeout=90) == 1
        assert parser.alive() and indexer.alive()
    finally:
        parser.stop()
        indexer.stop()


class RefusingServer:
    """A TCP port that accepts connections and closes them at once, counting them (a dead Elasticsearch)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        self.sock.settimeout(0.2)
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop = True
        self._thread.join(5)
        self.sock.close()


async def test_elasticsearch_down_costs_a_bounded_number_of_log_lines(
    settings: Settings, tmp_path: Path
) -> None:
    dead_es = RefusingServer()
    port = free_port()
    svc = settings.model_copy(
        update={"web_port": port, "web_host": "127.0.0.1", "elasticsearch_url": f"http://127.0.0.1:{dead_es.port}"}
    )
    opts = IndexerSettings(retry_initial_seconds=0.05, retry_max_seconds=0.1, request_timeout=2.0)
    env = settings_env(svc, opts)
    proc = ServiceProcess(["indexer"], env, tmp_path / "indexer.log", web_port=port).start()
    try:
        await asyncio.to_thread(proc.wait_healthy, 120.0)
        deadline = time.monotonic() + 120
        while dead_es.connections < 60 and time.monotonic() < deadline:  # dozens of failed attempts
            assert proc.alive(), proc.output()[-3000:]
            await asyncio.sleep(0.3)
        assert dead_es.connections >= 60, dead_es.connections
        lines = [  # (faust's "timer woke up too late" warnings of a loaded machine are not ours)
            line
            for line in proc.output().splitlines()
            if (" WARNING " in line or " ERROR " in line) and " mode." not in line
        ]
        assert "Elasticsearch index setup failing" in "\n".join(lines)
        assert "Traceback" not in proc.output()
        assert len(lines) <= 8, "\n".join(lines)  # state changes, not one line per attempt
    finally:
        proc.stop()
        dead_es.close()


def test_dead_letter_reason_is_redacted_and_the_letter_fits() -> None:
    payload = os.urandom(3 * 1024 * 1024)
    letter = DeadLetter.wrap(
        stage="fetcher",
        error="fetch_failed",
        reason="GET https://user:s3cr3t-pw@feeds.example.org/rss?token=abc123&x=1 failed: 403",
        payload=payload,
        key=b"k",
        max_bytes=64 * 1024,
        source_topic="t",
        partition=0,
        offset=7,
    )
    encoded = letter.encode()
    assert len(encoded) <= 64 * 1024
    assert "s3cr3t-pw" not in letter.reason and "abc123" not in letter.reason and "x=1" in letter.reason
    back = DeadLetter.decode(encoded)
    assert back.payload_truncated and back.payload_size == len(payload)
    assert back.payload_sha256 == hashlib.sha256(payload).hexdigest() and payload.startswith(back.payload)
    small = DeadLetter.wrap(stage="parser", error="x", reason="r", payload=b"\x00\xff", max_bytes=64 * 1024)
    assert small.payload == b"\x00\xff" and not small.payload_truncated and small.payload_size == 2


async def test_classifier_output_refused_by_kafka_comes_out_once_after_the_cause_is_gone(
    settings: Settings, tmp_path: Path
) -> None:
    from services.classifier.settings import ClassifierSettings
    from shared.contracts import ClassifiedArticle

    classified_topic = CLASSIFIED.name(settings)
    await set_max_message_bytes(settings, classified_topic, 256)
    port = free_port()
    svc = settings.model_copy(
        update={"web_port": port, "web_host": "127.0.0.1", "send_retry_max_seconds": 1.0}
    )
    proc = ServiceProcess(
        ["classifier"], settings_env(svc, ClassifierSettings()), tmp_path / "classifier.log", web_port=port
    ).start()
    first, sentinel = (
        ParsedArticle(id=ident, url=f"https://example.test/{ident}", lang="en", title=title, text=title + ".")
        for ident, title in (("cls-refused", "Nvidia takes $2 billion stake in Mistral AI"),
                             ("cls-sentinel", "OpenAI launches a new model"))
    )
    try:
        await asyncio.to_thread(proc.wait_healthy, 120.0)
        async with producer(settings) as prod:
            await prod.send_and_wait(PARSED.name(settings), key=first.id.encode(), value=first.encode())
            await wait_for_log(proc, f"producing to {classified_topic} failing")
            await set_max_message_bytes(settings, classified_topic, 1024 * 1024)
            await wait_for_records(settings, classified_topic, 1, timeout=90)
            await prod.send_and_wait(PARSED.name(settings), key=sentinel.id.encode(), value=sentinel.encode())
        records = await wait_for_records(settings, classified_topic, 2, timeout=90)
        ids = sorted(ClassifiedArticle.decode(r.value).id for r in records)
        assert ids == ["cls-refused", "cls-sentinel"]  # exactly once each
        assert await read_topic(settings, DEADLETTER.name(settings)) == []
        assert proc.alive()
    finally:
        proc.stop()


async def test_truncated_dead_letters_are_not_replayed(settings: Settings) -> None:
    from wirewatch.ops.deadletters import replay

    whole = DeadLetter.wrap(stage="parser", error="timeout", reason="slow", payload=b"small page", key=b"a")
    cut = DeadLetter.wrap(
        stage="parser", error="page_too_large", reason="big", payload=os.urandom(100_000), key=b"b",
        max_bytes=32 * 1024,
    )
    assert cut.payload_truncated and not whole.payload_truncated
    async with producer(settings) as prod:
        for letter in (whole, cut):
            key = (letter.key or "").encode()
            await prod.send_and_wait(DEADLETTER.name(settings), letter.encode(), key=key)
    result = await replay(settings, "parser")
    assert result.replayed == 1 and [x.letter.key for x in result.truncated] == ["b"]
    [replayed] = await wait_for_records(settings, RAW.name(settings), 1, timeout=30)
    assert replayed.key == b"a" and replayed.value == b"small page"  # the head of b never reaches RAW
