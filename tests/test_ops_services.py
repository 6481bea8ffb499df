"""Services as real subprocesses: /healthz, /readyz, /metrics, graceful SIGTERM during a backlog, and
``wirewatch dlq replay`` after a fix. Runs against the real local Kafka (and Elasticsearch)."""

from __future__ import annotations

import asyncio
import signal
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from aiokafka import ConsumerRecord
from prometheus_client.parser import text_string_to_metric_families
from pydantic_settings import BaseSettings

from shared.config import Settings
from shared.contracts import ParsedArticle, RawItem, article_id
from shared.kafka import producer, read_topic
from shared.topics import PARSED, RAW, STAGE_INPUT, consumer_group
from tests.support import REPO, ServiceProcess, free_port, settings_env
from wirewatch.ops.deadletters import list_letters, replay
from wirewatch.ops.lag import consumer_lag

WORDS = (
    "model weights licence partner cloud compute launch startup court filing investors round chips "
    "training data open source release benchmark agreement regulators developers"
).split()


def raw_item(n: int, paragraphs: int = 6) -> RawItem:
    url = f"https://news.example.test/2026/ops-{n}"
    body = "".join(
        f"<p>{' '.join(WORDS[(n + i + j) % len(WORDS)] for j in range(40))}. Story {n} part {i}.</p>"
        for i in range(paragraphs)
    )
    html = (
        f"<html><head><title>Story {n}</title></head><body><article><h1>Story {n} about AI</h1>"
        f"{body}</article></body></html>"
    )
    return RawItem(
        id=article_id(url),
        feed_url="https://news.example.test/feed.xml",
        source="ops-test",
        entry_url=url,
        canonical_url=url,
        final_url=url,
        entry_title=f"Story {n}",
        http_status=200,
        content_type="text/html",
        charset="utf-8",
        html=html,
    )


async def produce(settings: Settings, topic: str, records: list[tuple[bytes | None, bytes]]) -> None:
    async with producer(settings) as prod:
        futures = [await prod.send(topic, value, key=key) for key, value in records]
        await asyncio.gather(*futures)


def service(
    name: str, settings: Settings, tmp_path: Path, *extra_settings: BaseSettings, **env: str
) -> ServiceProcess:
    port = free_port()
    environ = settings_env(settings, *extra_settings, WIREWATCH_WEB_PORT=str(port), **env)
    return ServiceProcess([name], environ, tmp_path / f"{name}-{port}.log", web_port=port)


def metrics_of(proc: ServiceProcess) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    text = httpx.get(f"http://127.0.0.1:{proc.web_port}/metrics", timeout=5).text
    out: dict[tuple[str, tuple[tuple[str, str], ...]], float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            out[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return out


def metric(samples: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str, **labels: str) -> float:
    """Sum of the samples of ``name`` whose labels include ``labels``."""
    total = 0.0
    for (n, lab), value in samples.items():
        if n == name and all(dict(lab).get(k) == x for k, x in labels.items()):
            total += value
    return total


async def wait_until(check: Callable[[], object], timeout: float = 90.0, every: float = 0.5) -> object:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    last: object = None
    while loop.time() < deadline:
        last = await asyncio.to_thread(check)
        if last:
            return last
        await asyncio.sleep(every)
    raise TimeoutError(f"condition not met after {timeout}s (last: {last!r})")


def ready(proc: ServiceProcess) -> dict[str, object] | None:
    try:
        r = httpx.get(f"http://127.0.0.1:{proc.web_port}/readyz", timeout=8)
    except httpx.HTTPError:
        return None
    return r.json() if r.status_code == 200 else None


def implemented(name: str) -> bool:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "wirewatch.cli", name, "--help"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    return out.returncode == 0 and "not implemented" not in out.stdout


# ---- health, readiness, metrics -------------------------------------------------------------------


async def test_parser_serves_health_readiness_and_metrics(settings: Settings, tmp_path: Path) -> None:
    good = [raw_item(i) for i in range(5)]
    await produce(settings, RAW.name(settings), [(r.id.encode(), r.encode()) for r in good])
    await produce(settings, RAW.name(settings), [(b"junk", b"\x00 not json")])
    # the lag gauge is set every WIREWATCH_LAG_REPORT_SECONDS (10 by default): 1 s here, so the wait
    # for its first samples below is not a 10 s sleep
    lagging = settings.model_copy(update={"lag_report_seconds": 1.0})
    proc = service("parser", lagging, tmp_path, WIREWATCH_PARSER_WORKERS="1").start()
    try:
        proc.wait_healthy()
        health = await asyncio.to_thread(httpx.get, f"http://127.0.0.1:{proc.web_port}/healthz", timeout=5)
        assert health.status_code == 200 and health.json() == {"status": "ok", "service": "parser"}
        body = await wait_until(lambda: ready(proc))
        assert body == {"ready": True, "service": "parser", "checks": {"kafka": True}}

        records = await _wait_records(settings, PARSED.name(settings), 5)
        assert {r.key.decode() for r in records} == {r.id for r in good}
        assert all(ParsedArticle.decode(r.value).id for r in records)

        def counted() -> dict[tuple[str, tuple[tuple[str, str], ...]], float] | None:
            samples = metrics_of(proc)
            done = metric(samples, "wirewatch_events_in_total", stage="parser") >= 6
            lag_seen = any(n == "wirewatch_consumer_lag" for n, _ in samples)
            return samples if done and lag_seen else None

        samples = await wait_until(counted, timeout=60)
        assert isinstance(samples, dict)
        assert metric(samples, "wirewatch_events_in_total", stage="parser") == 6
        assert metric(samples, "wirewatch_events_out_total", stage="parser") == 5
        assert metric(samples, "wirewatch_events_failed_total", stage="parser", error="invalid_contract") == 1
        assert metric(samples, "wirewatch_processing_seconds_count", stage="parser") >= 5
        assert metric(samples, "wirewatch_processing_seconds_bucket", stage="parser", le="+Inf") >= 5
        lag = {
            dict(lab)["partition"]: v
            for (n, lab), v in samples.items()
            if n == "wirewatch_consumer_lag" and dict(lab).get("topic") == RAW.name(settings)
        }
        assert lag and all(v >= 0 for v in lag.values())
        dead = await list_letters(settings, "parser")
        assert [d.letter.error for d in dead] == ["invalid_contract"] and dead[0].letter.key == "junk"
    finally:
        proc.stop()


async def _wait_records(
    settings: Settings, topic: str, count: int, timeout: float = 120.0
) -> list[ConsumerRecord]:
    from shared.kafka import wait_for_records

    return await wait_for_records(settings, topic, count, timeout=timeout)


async def test_service_exits_non_zero_when_kafka_is_unreachable_at_start(
    settings: Settings, tmp_path: Path
) -> None:
    """No half-started worker: the orchestrator sees the exit and restarts it (compose/k8s policies)."""
    unreachable = settings.model_copy(update={"kafka_bootstrap": f"127.0.0.1:{free_port()}"})
    proc = service("parser", unreachable, tmp_path, WIREWATCH_PARSER_WORKERS="1").start()
    try:
        assert proc.proc is not None
        rc = await asyncio.to_thread(proc.proc.wait, 120)
    finally:
        proc.stop(signal.SIGKILL)
    assert rc != 0
    assert "Unable to bootstrap" in proc.output()


async def test_readyz_is_503_while_elasticsearch_is_unreachable_and_healthz_answers(
    settings: Settings, tmp_path: Path
) -> None:
    if not implemented("indexer"):
        pytest.skip("`wirewatch indexer` is not implemented yet")
    no_es = settings.model_copy(update={"elasticsearch_url": f"http://127.0.0.1:{free_port()}"})
    proc = service("indexer", no_es, tmp_path).start()
    try:
        proc.wait_healthy()

        def answered() -> httpx.Response | None:
            r = httpx.get(f"http://127.0.0.1:{proc.web_port}/readyz", timeout=15)
            return r if r.json()["checks"].get("kafka") else None  # the worker has started

        r = await wait_until(answered, timeout=90)
        assert isinstance(r, httpx.Response)
        assert r.status_code == 503
        body = r.json()
        assert body["ready"] is False and body["checks"] == {"kafka": True, "elasticsearch": False}
        health = await asyncio.to_thread(httpx.get, f"http://127.0.0.1:{proc.web_port}/healthz", timeout=5)
        assert health.status_code == 200
    finally:
        proc.stop()


STAGE_INPUT_JUNK = ("classifier", "indexer", "alerter")


@pytest.mark.parametrize("stage", STAGE_INPUT_JUNK)
async def test_stage_endpoints_and_dead_letter_metrics(
    stage: str, settings: Settings, tmp_path: Path
) -> None:
    if not implemented(stage):
        pytest.skip(f"`wirewatch {stage}` is not implemented yet")
    await produce(settings, STAGE_INPUT[stage].name(settings), [(b"junk-1", b"{not json")])
    proc = service(stage, settings, tmp_path).start()
    try:
        proc.wait_healthy()
        body = await wait_until(lambda: ready(proc), timeout=120)
        assert isinstance(body, dict) and body["ready"] is True and body["checks"]["kafka"] is True
        if stage == "indexer":
            assert len(body["checks"]) >= 2, "the indexer's readiness also checks Elasticsearch"

        def counted() -> dict[tuple[str, tuple[tuple[str, str], ...]], float] | None:
            s = metrics_of(proc)
            return s if metric(s, "wirewatch_events_failed_total", stage=stage) >= 1 else None

        samples = await wait_until(counted, timeout=90)
        assert isinstance(samples, dict)
        assert metric(samples, "wirewatch_events_in_total", stage=stage) >= 1
        letters = await list_letters(settings, stage)
        assert [x.letter.key for x in letters] == ["junk-1"]
    finally:
        proc.stop()


async def test_fetcher_serves_health_readiness_and_metrics(settings: Settings, tmp_path: Path) -> None:
    if not implemented("fetcher"):
        pytest.skip("`wirewatch fetcher` is not implemented yet")
    proc = service("fetcher", settings, tmp_path).start()
    try:
        proc.wait_healthy()
        body = await wait_until(lambda: ready(proc), timeout=120)
        assert isinstance(body, dict) and body["checks"]["kafka"] is True
        page = await asyncio.to_thread(httpx.get, f"http://127.0.0.1:{proc.web_port}/metrics", timeout=5)
        families = {f.name for f in text_string_to_metric_families(page.text)}
        # shared stage metrics, plus the fetcher's HTTP outcome metrics (polls by outcome, errors by kind)
        assert {"wirewatch_events_in", "wirewatch_events_out", "wirewatch_consumer_lag"} <= families
        assert {"wirewatch_fetcher_polls", "wirewatch_fetcher_errors"} <= families
    finally:
        proc.stop()


# ---- SIGTERM during a backlog --------------------------------------------------------------------


async def test_sigterm_during_backlog_loses_nothing(settings: Settings, tmp_path: Path) -> None:
    total = 240
    items = [raw_item(1000 + i, paragraphs=12) for i in range(total)]
    await produce(settings, RAW.name(settings), [(r.id.encode(), r.encode()) for r in items])
    first = service("parser", settings, tmp_path, WIREWATCH_PARSER_WORKERS="1").start()
    try:
        first.wait_healthy()
        # let it get going, then stop it while most of the backlog is still waiting
        await _wait_records(settings, PARSED.name(settings), 10, timeout=180)
        rc = await asyncio.to_thread(first.stop, signal.SIGTERM, 60.0)
    finally:
        first.stop(signal.SIGKILL)
    assert rc == 0, f"not a clean exit ({rc}):\n{first.output()[-3000:]}"
    assert "graceful shutdown still running" not in first.output()

    group = consumer_group("parser", settings)
    rows = [r for r in await consumer_lag(settings, [group]) if r.topic == RAW.name(settings)]
    committed = sum(r.committed or 0 for r in rows if r.committed and r.committed > 0)
    produced_before_restart = {r.key.decode() for r in await read_topic(settings, PARSED.name(settings))}
    assert committed <= len(produced_before_restart), "committed offsets of records never produced: loss"
    assert sum(r.lag for r in rows) > 0, "the backlog was drained already: nothing was interrupted"

    second = service("parser", settings, tmp_path, WIREWATCH_PARSER_WORKERS="1").start()
    try:
        second.wait_healthy()

        def drained() -> bool:
            return sum(r.lag for r in asyncio.run(consumer_lag(settings, [group]))) == 0

        await wait_until(drained, timeout=400, every=2.0)
    finally:
        rc2 = second.stop()
    assert rc2 == 0
    parsed = await read_topic(settings, PARSED.name(settings))
    ids = Counter(r.key.decode() for r in parsed)
    letters = await list_letters(settings, "parser")
    assert letters == [], [x.letter.reason for x in letters]
    assert set(ids) == {r.id for r in items}, f"missing: {len({r.id for r in items} - set(ids))}"


# ---- dlq replay after a fix ----------------------------------------------------------------------


async def test_dlq_replay_after_fix_gets_the_articles_through(settings: Settings, tmp_path: Path) -> None:
    small = [raw_item(i) for i in range(3)]
    big = [raw_item(100 + i, paragraphs=40) for i in range(4)]  # above the first limit below
    limit = min(len(b.html.encode()) for b in big) - 1
    assert all(len(s.html.encode()) < limit for s in small)
    await produce(settings, RAW.name(settings), [(r.id.encode(), r.encode()) for r in small + big])

    limits = {"WIREWATCH_PARSER_WORKERS": "1", "WIREWATCH_PARSER_MAX_INPUT_BYTES": str(limit)}
    strict = service("parser", settings, tmp_path, **limits).start()
    try:
        strict.wait_healthy()
        await _wait_records(settings, PARSED.name(settings), 3)

        async def four_letters() -> list[ConsumerRecord]:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + 90
            while loop.time() < deadline:
                got = await list_letters(settings, "parser", error="page_too_large")
                if len(got) >= 4:
                    return got
                await asyncio.sleep(0.5)
            raise TimeoutError("dead letters did not arrive")

        letters = await four_letters()
        assert {x.letter.key for x in letters} == {b.id for b in big}
    finally:
        assert strict.stop() == 0

    # the fix: a larger limit; then replay what failed
    fixed = service("parser", settings, tmp_path, WIREWATCH_PARSER_WORKERS="1").start()
    try:
        fixed.wait_healthy()
        result = await replay(settings, "parser")
        assert result.replayed == 4
        records = await _wait_records(settings, PARSED.name(settings), 7)
        assert {r.key.decode() for r in records} == {r.id for r in small + big}
        again = await replay(settings, "parser")
        assert again.replayed == 0
    finally:
        fixed.stop()
