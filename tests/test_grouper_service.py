"""``wirewatch grouper`` as a real subprocess on the real Kafka: the three seed reports of one event
(Arabic, French, German) come out with one story id, the other seeds with their own; a bad record is
dead-lettered; after a restart the table's changelog gives every article its story again, even when
the articles come back in another order."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from services.classifier.engine import Classifier
from services.grouper.cli import seed_records
from services.grouper.settings import GrouperSettings
from shared.config import Settings
from shared.contracts import ClassifiedArticle, DeadLetter, ParsedArticle
from shared.kafka import producer, read_topic, wait_for_records
from shared.topics import CLASSIFIED, DEADLETTER, GROUPED
from tests.support import ServiceProcess, free_port, settings_env


def seed_articles(folder: Path) -> list[ClassifiedArticle]:
    classifier = Classifier()
    out = []
    for r in seed_records(folder):
        url = f"https://seeds.test/{r['id']}"
        parsed = ParsedArticle(id=r["id"], url=url, title=r["title"], text=r["text"])
        out.append(classifier.classify_article(parsed))  # language detected, as in the pipeline
    return out


def start(settings: Settings, tmp_path: Path, name: str) -> ServiceProcess:
    port = free_port()
    svc = settings.model_copy(update={"web_port": port, "web_host": "127.0.0.1"})
    env = settings_env(svc, GrouperSettings())
    proc = ServiceProcess(["grouper"], env, tmp_path / f"{name}.log", web_port=port).start()
    proc.wait_healthy()
    return proc


async def send(settings: Settings, articles: list[ClassifiedArticle], extra: tuple[bytes, ...] = ()) -> None:
    async with producer(settings) as prod:
        for raw in extra:
            await prod.send_and_wait(CLASSIFIED.name(settings), key=b"bad", value=raw)
        for a in articles:
            await prod.send_and_wait(CLASSIFIED.name(settings), key=a.id.encode(), value=a.encode())


async def grouped(settings: Settings, count: int) -> list[ClassifiedArticle]:
    records = await wait_for_records(settings, GROUPED.name(settings), count, timeout=120)
    return [ClassifiedArticle.decode(r.value) for r in records]


async def test_seed_reports_of_one_event_share_a_story_across_a_restart(
    settings: Settings, tmp_path: Path, shared_material: Path
) -> None:
    articles = {a.id: a for a in seed_articles(shared_material / "datasets" / "seeds")}
    assert len(articles) == 5
    first = [articles[i] for i in ("seed-000", "seed-001", "seed-002", "seed-003", "seed-004")]
    proc = start(settings, tmp_path, "grouper-1")
    try:
        await send(settings, first, extra=(b'{"id": "bad", "text": 7}',))
        out = {a.id: a for a in await grouped(settings, 5)}
        assert set(out) == set(articles)
        meta = {out[i].story_id for i in ("seed-000", "seed-002", "seed-003")}
        assert len(meta) == 1 and None not in meta, {i: (a.story_id, a.story_reason) for i, a in out.items()}
        others = {out["seed-001"].story_id, out["seed-004"].story_id}
        assert len(others) == 2 and not others & meta
        assert out["seed-002"].story_reason and "Midjourney" in (
            out["seed-002"].story_reason + (out["seed-003"].story_reason or "")
        )
        # the classified topic has several partitions: any of the three may come first and open the story
        seeds = ("seed-000", "seed-002", "seed-003")
        opened = [i for i in seeds if (out[i].story_reason or "").startswith("new")]
        assert len(opened) == 1
        opener = opened[0]
        assert out["seed-002"].title == articles["seed-002"].title  # the article itself passes unchanged
        [dead] = await wait_for_records(settings, DEADLETTER.name(settings), 1, timeout=60)
        letter = DeadLetter.decode(dead.value)
        assert letter.stage == "grouper" and letter.error == "invalid_contract"
        assert letter.payload == b'{"id": "bad", "text": 7}'
        assert letter.source_topic == CLASSIFIED.name(settings)
        assert proc.alive()
    finally:
        assert proc.stop() == 0, proc.output()[-3000:]

    proc = start(settings, tmp_path, "grouper-2")
    try:
        # the same articles again, except the report that opened the Meta/Midjourney story: without
        # the restored table, the first of the other two would now open a story under its own id
        again = [a for i, a in sorted(articles.items(), reverse=True) if i != opener]
        await send(settings, again)
        wanted = {i: 1 if i == opener else 2 for i in articles}
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 120
        while True:  # at least once: a record handled just before the stop may come out once more
            seen: dict[str, list[tuple[str | None, str | None]]] = {}
            for r in await read_topic(settings, GROUPED.name(settings)):
                a = ClassifiedArticle.decode(r.value)
                seen.setdefault(a.id, []).append((a.story_id, a.story_reason))
            if all(len(seen.get(i, [])) >= n for i, n in wanted.items()) or loop.time() > deadline:
                break
            await asyncio.sleep(0.5)
        assert all(len(seen.get(i, [])) >= n for i, n in wanted.items()), seen
        first_run = {i: {(a.story_id, a.story_reason)} for i, a in out.items()}
        assert {i: set(v) for i, v in seen.items()} == first_run
    finally:
        proc.stop()


def last_grouped(proc: ServiceProcess) -> str:
    """The time (HH:MM:SS) of the process's last "article grouped" log line, "" if none."""
    lines = [line for line in proc.output().splitlines() if "article grouped" in line]
    return lines[-1][:8] if lines else ""


async def wait_each(
    settings: Settings, wanted: dict[str, int], timeout: float = 120
) -> dict[str, list[tuple[Any, Any]]]:
    """Poll grouped until every id in ``wanted`` came out at least that many times."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        seen: dict[str, list[tuple[Any, Any]]] = {}
        for r in await read_topic(settings, GROUPED.name(settings)):
            a = ClassifiedArticle.decode(r.value)
            seen.setdefault(a.id, []).append((a.story_id, a.story_reason))
        if all(len(seen.get(i, [])) >= n for i, n in wanted.items()) or loop.time() > deadline:
            return seen
        await asyncio.sleep(0.5)


async def test_two_replicas_one_decider_and_a_sigkilled_owner_is_taken_over(
    settings: Settings, tmp_path: Path, shared_material: Path
) -> None:
    articles = {a.id: a for a in seed_articles(shared_material / "datasets" / "seeds")}
    fast = settings.model_copy(update={"kafka_session_timeout": 6.0})  # quick takeover after the kill
    replicas = [start(fast, tmp_path, "replica-a"), start(fast, tmp_path, "replica-b")]
    try:
        await send(settings, list(articles.values()))
        first = await wait_each(settings, dict.fromkeys(articles, 1))
        assert all(len(v) >= 1 for v in first.values()) and set(first) == set(articles)
        story = {i: v[0][0] for i, v in first.items()}
        assert story["seed-000"] == story["seed-002"] == story["seed-003"]
        assert len({story["seed-000"], story["seed-001"], story["seed-004"]}) == 3
        # the replica that decides holds the queue partition (it logs "article grouped"); the other only
        # routes. Kill the decider (if the partition moved once while the group settled, the later one)
        owner = max(replicas, key=last_grouped)
        assert last_grouped(owner), [p.output()[-2000:] for p in replicas]
        owner.kill()
        survivor = next(p for p in replicas if p is not owner)
        # reports of the same stories again, the openers left out: only the changelog can name them
        openers = {i for i, v in first.items() if v[0][1].startswith("new story")}
        again = [a for i, a in articles.items() if i not in openers]
        await send(settings, again)
        seen = await wait_each(settings, {i: 2 for i in articles if i not in openers}, timeout=180)
        assert all(len(seen.get(a.id, [])) >= 2 for a in again), survivor.output()[-3000:]
        assert {i: {sid for sid, _ in v} for i, v in seen.items()} == {i: {story[i]} for i in seen}
        assert survivor.alive()
    finally:
        for p in replicas:
            p.stop()
