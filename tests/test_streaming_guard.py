"""The sequence guard (``shared.runtime.sequence``): its decisions, and replicas that churn losing no record.

* pure decisions (no Kafka): given the last handled offset, the committed offset and the log start,
  a record is admitted, skipped, or answered by a seek back to the first missing offset; commits
  never pass a record that was admitted but not finished;
* real classifier subprocesses on the real Kafka: one replica works through a backlog while a
  second and a third join (rebalances) and the first is SIGKILLed; every input id must come out
  on the output topic (duplicates are allowed: the stage is at-least-once).

The faust loss this guards against is timing-dependent. Without the guard, this classifier run lost
nothing in 14 runs (three variants: joins then SIGKILL of a joiner, joins then SIGKILL of the first,
SIGKILL then restart); the alerter's restart test (tables, slow side effects) lost alerts in 2 of 4
runs without the guard's gap detection and in none of 5 with the shared guard. So this test is a
regression test of the guard on a stateless stage (it must admit, skip and commit correctly under
churn), not a reliable reproduction.
"""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

from services.classifier.settings import ClassifierSettings
from shared.config import Settings
from shared.contracts import ParsedArticle
from shared.kafka import admin_client, end_offsets, producer, read_topic
from shared.runtime.sequence import Admit, Ledger, decide
from shared.topics import CLASSIFIED, PARSED, consumer_group
from tests.support import ServiceProcess, free_port, settings_env

# -- decisions ----------------------------------------------------------------------------------


def test_next_offset_is_admitted_and_older_ones_skipped() -> None:
    assert decide(offset=10, expected=10, earliest=0) == Admit.ADMIT
    assert decide(offset=9, expected=10, earliest=0) == Admit.SKIP
    assert decide(offset=0, expected=10, earliest=0) == Admit.SKIP


def test_a_gap_asks_for_a_seek_unless_retention_removed_the_missing_records() -> None:
    assert decide(offset=15, expected=10, earliest=0) == Admit.SEEK
    assert decide(offset=15, expected=10, earliest=12) == Admit.SEEK  # 12..14 still exist
    assert decide(offset=15, expected=10, earliest=15) == Admit.ADMIT  # 10..14 expired
    assert decide(offset=15, expected=10, earliest=None) == Admit.SEEK


def test_ledger_seeds_from_committed_then_log_start() -> None:
    ledger = Ledger()
    start: int | None = ledger.expected
    assert start is None
    ledger.seed(committed=None, earliest=4)
    assert ledger.expected == 4
    ledger.seed(committed=7, earliest=4)  # a seed never moves an established position
    assert ledger.expected == 4
    fresh = Ledger()
    fresh.seed(committed=7, earliest=4)
    assert fresh.expected == 7


def test_ledger_walks_in_order_and_commits_only_finished_records() -> None:
    ledger = Ledger()
    ledger.seed(committed=10, earliest=0)
    assert ledger.commit_position() == 10
    assert ledger.admit(10) == Admit.ADMIT
    assert ledger.admit(11) == Admit.ADMIT
    assert ledger.admit(11) == Admit.SKIP  # the same offset again (re-read after a seek)
    assert ledger.commit_position() == 10  # 10 and 11 are still being handled
    ledger.finish(11)
    assert ledger.commit_position() == 10  # 10 is not finished: a crash now must re-read it
    ledger.finish(10)
    assert ledger.commit_position() == 12
    assert ledger.admit(14) == Admit.SEEK  # 12 and 13 never arrived
    assert ledger.expected == 12 and ledger.commit_position() == 12
    assert ledger.admit(12) == Admit.ADMIT


def test_ledger_accepts_a_gap_that_retention_explains() -> None:
    ledger = Ledger()
    ledger.seed(committed=3, earliest=0)
    assert ledger.admit(9, earliest=9) == Admit.ADMIT
    assert ledger.expected == 10


def test_a_compacted_topics_gaps_are_admitted_and_its_re_reads_still_skipped() -> None:
    """Gap mode (the fetcher's compacted ``feeds``): compaction leaves holes, so a later record is
    admitted where a contiguous topic would seek; older records are still re-reads, and commits still
    wait for every admitted record."""
    assert decide(offset=15, expected=10, earliest=0, gaps=True) == Admit.ADMIT
    assert decide(offset=9, expected=10, earliest=0, gaps=True) == Admit.SKIP
    ledger = Ledger(gaps=True)
    ledger.seed(committed=None, earliest=0)
    assert ledger.admit(4) == Admit.ADMIT  # 0..3 compacted away
    assert ledger.admit(9) == Admit.ADMIT and ledger.expected == 10
    assert ledger.admit(4) == Admit.SKIP  # read again after a seek
    assert ledger.commit_position() == 4
    ledger.finish(4)
    assert ledger.commit_position() == 9  # 9 still being handled
    ledger.finish(9)
    assert ledger.commit_position() == 10


def test_ledger_progress_kept_elsewhere_is_authoritative() -> None:
    """A table-backed progress mark (the alerter's) wins over the committed offset."""
    ledger = Ledger()
    ledger.seed(committed=50, earliest=0, last_handled=41)
    assert ledger.expected == 42
    assert ledger.admit(50) == Admit.SEEK  # faust committed past 42..49: read them again
    assert ledger.admit(41) == Admit.SKIP


# -- replicas churning on the real Kafka ---------------------------------------------------------

BACKLOG = 1500
TRICKLE_BATCH = 30
TRICKLE_PAUSE = 0.2
# How long the replicas may take to classify everything produced: derived from the work, not fixed.
# One article of _article's size takes ~21 ms of CPU to classify (measured on the dev machine); on a
# loaded 2-core CI machine the replicas may share one core at half that speed, hence the factor.
CLASSIFY_SECONDS = 0.021
LOAD_FACTOR = 5.0
REBALANCE_SECONDS = 60.0  # the killed replica's session timeout (6 s) and the rebalances it causes
STALL_SECONDS = 90.0  # no commit moved at all for this long: the replicas are stuck, stop waiting


def _article(i: int) -> ParsedArticle:
    return ParsedArticle(
        id=f"guard-{i}",
        url=f"https://example.test/guard/{i}",
        lang="en",
        title=f"Startup {i} raises $40 million to build AI agents",
        text=(
            f"Startup {i} said on Tuesday it raised $40 million in a round led by Sequoia Capital. "
            "The company builds agents on top of open-weight models and plans to launch in Europe. "
        )
        * 40,  # ~7 KB: ~21 ms to classify, so each replica holds a fetched backlog when partitions move
    )


async def _committed(settings: Settings, group: str) -> dict[int, int]:
    async with admin_client(settings) as admin:
        offsets = await admin.list_consumer_group_offsets(group)
    topic = PARSED.name(settings)
    return {tp.partition: meta.offset for tp, meta in offsets.items() if tp.topic == topic}


async def test_replicas_joining_and_dying_lose_no_record(settings: Settings, tmp_path: Path) -> None:
    svc = settings.model_copy(update={"kafka_session_timeout": 6.0, "web_host": "127.0.0.1"})
    procs: list[ServiceProcess] = []

    async def start(name: str) -> ServiceProcess:
        port = free_port()
        env = settings_env(svc.model_copy(update={"web_port": port}), ClassifierSettings())
        proc = ServiceProcess(["classifier"], env, tmp_path / f"{name}.log", web_port=port).start()
        procs.append(proc)
        await asyncio.to_thread(proc.wait_healthy)
        return proc

    produced: list[str] = []
    stop_producing = asyncio.Event()

    async def produce() -> None:
        topic = PARSED.name(settings)
        async with producer(settings, linger_ms=20) as prod:
            pending = []
            for i in range(BACKLOG):
                pending.append(await prod.send(topic, _article(i).encode(), key=f"guard-{i}".encode()))
                produced.append(f"guard-{i}")
            await asyncio.gather(*pending)
            i = BACKLOG
            while not stop_producing.is_set():
                batch = []
                for _ in range(TRICKLE_BATCH):
                    batch.append(await prod.send(topic, _article(i).encode(), key=f"guard-{i}".encode()))
                    produced.append(f"guard-{i}")
                    i += 1
                await asyncio.gather(*batch)
                await asyncio.sleep(TRICKLE_PAUSE)

    try:
        first = await start("first")
        producing = asyncio.create_task(produce())
        await asyncio.sleep(1.0)
        second = await start("second")  # rebalance 1, mid-backlog
        await asyncio.sleep(1.0)
        third = await start("third")  # rebalance 2
        await asyncio.sleep(1.5)
        first.stop(signal.SIGKILL)  # no commit, no leave: its partitions move after the session timeout
        await asyncio.sleep(1.0)
        stop_producing.set()
        await producing

        group = consumer_group("classifier", settings)
        ends = await end_offsets(settings, PARSED.name(settings))
        loop = asyncio.get_running_loop()
        started = last_move = loop.time()
        deadline = started + len(produced) * CLASSIFY_SECONDS * LOAD_FACTOR + REBALANCE_SECONDS
        committed: dict[int, int] = {}
        done = 0
        while loop.time() < deadline and loop.time() - last_move < STALL_SECONDS:
            committed = await _committed(settings, group)
            if all(committed.get(p, 0) >= end for p, end in ends.items()):
                break
            now_done = sum(min(committed.get(p, 0), end) for p, end in ends.items())
            if now_done > done:
                done, last_move = now_done, loop.time()
            await asyncio.sleep(0.5)
        waited = loop.time() - started
        assert second.alive() and third.alive()
    finally:
        for proc in procs:
            proc.stop()

    out = {r.key.decode() for r in await read_topic(settings, CLASSIFIED.name(settings))}
    missing = sorted(set(produced) - out, key=lambda k: int(k.rsplit("-", 1)[1]))
    assert not missing, (
        f"{len(missing)} of {len(produced)} records never came out after waiting {waited:.0f}s "
        f"(committed {committed}, ends {ends}): {missing[:20]}"
    )
