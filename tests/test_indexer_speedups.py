"""The per-message savings the indexer's ratio work added (docs/performance.md, ## Indexer), each
shown to keep what it replaces: the runner's direct hand-off from faust's fetch loop (a hand-off that
blocks still goes through faust's ``wait_first`` and is still abandoned when the flow is suspended),
the lean faust monitor (what faust reads back is still kept) and the quiet Elasticsearch request log.

The hand-off tests drive a real faust consumer's ``wait_first`` (built, not started: no broker is
involved at this level); the fetch loop itself runs in the Kafka tests (tests/test_indexer_service.py,
tests/test_runtime_kafka.py)."""

from __future__ import annotations

import asyncio
import logging
import logging.config
from collections.abc import AsyncIterator
from typing import Any

import faust
import pytest

from services.indexer.service import quiet_request_log
from shared.logs import logging_config
from shared.runtime.runner import LeanMonitor, install_direct_hand_off


@pytest.fixture
async def consumer() -> AsyncIterator[Any]:
    # built inside the running loop: faust's wait_first makes its tasks on the consumer's loop
    app = faust.App("wirewatch-test-hand-off", broker="kafka://127.0.0.1:1", store="memory://")
    app.loop = asyncio.get_running_loop()
    consumer = app.consumer
    consumer.loop = asyncio.get_running_loop()
    install_direct_hand_off(consumer)
    yield consumer


async def test_a_hand_off_that_does_not_block_runs_in_the_callers_task(consumer: Any) -> None:
    seen: list[Any] = []

    async def hand_off(value: int) -> int:
        seen.append(asyncio.current_task())
        return value * 2

    before = len(asyncio.all_tasks())
    result = await consumer.wait_first(hand_off(21), consumer.suspend_flow.wait())
    assert result.results == [42] and not result.stopped
    assert seen == [asyncio.current_task()]  # no task was made for it
    assert len(asyncio.all_tasks()) == before


async def test_a_blocked_hand_off_finishes_through_faust_and_returns_its_value(consumer: Any) -> None:
    room: asyncio.Future[str] = asyncio.get_running_loop().create_future()
    steps: list[str] = []
    started = asyncio.Event()

    async def hand_off() -> str:
        steps.append("first")
        started.set()
        value = await room  # the stream buffer is full: wait for room
        steps.append("rest")
        return value

    waiting = asyncio.ensure_future(consumer.wait_first(hand_off(), consumer.suspend_flow.wait()))
    await asyncio.wait_for(started.wait(), 30)
    assert steps == ["first"] and not waiting.done()
    room.set_result("put")
    result = await waiting
    assert steps == ["first", "rest"] and "put" in result.results


async def test_a_blocked_hand_off_is_abandoned_when_the_flow_is_suspended(consumer: Any) -> None:
    never = asyncio.get_running_loop().create_future()
    outcome: list[str] = []

    async def hand_off() -> None:
        try:
            await never
        except asyncio.CancelledError:
            outcome.append("abandoned")
            raise

    waiting = asyncio.ensure_future(consumer.wait_first(hand_off(), consumer.suspend_flow.wait()))
    for _ in range(5):
        await asyncio.sleep(0)
    assert not waiting.done()
    consumer.suspend_flow.set()  # a rebalance: faust gives the hand-off up, as without the fast path
    await asyncio.wait_for(waiting, 30)
    for _ in range(5):
        await asyncio.sleep(0)
    assert outcome == ["abandoned"]


async def test_while_the_flow_is_suspended_every_hand_off_is_fausts(consumer: Any) -> None:
    seen: list[Any] = []

    async def hand_off() -> None:
        seen.append(asyncio.current_task())

    consumer.suspend_flow.set()
    await consumer.wait_first(hand_off(), consumer.suspend_flow.wait())
    assert seen and seen[0] is not asyncio.current_task()  # faust's own task


async def test_a_failing_hand_off_raises_to_the_fetch_loop(consumer: Any) -> None:
    async def hand_off() -> None:
        raise ValueError("undecodable")

    with pytest.raises(ValueError, match="undecodable"):
        await consumer.wait_first(hand_off(), consumer.suspend_flow.wait())


def test_the_lean_monitor_keeps_what_faust_reads_back() -> None:
    app = faust.App("wirewatch-test-monitor", broker="kafka://127.0.0.1:1", Monitor=LeanMonitor)
    monitor = app.monitor
    assert isinstance(monitor, LeanMonitor)
    tp = faust.types.TP("grouped", 0)
    assert monitor.on_stream_event_in(tp, 5, object(), object()) is None
    assert tp in monitor.stream_inbound_time  # faust's "stream is not processing" check reads it
    monitor.on_message_in(tp, 5, object())
    monitor.on_stream_event_out(tp, 5, object(), object(), None)
    monitor.on_message_out(tp, 5, object())
    assert monitor.messages_received_total == 0 and monitor.events_total == 0  # no per-message books
    monitor.on_send_completed(None, monitor.on_send_initiated(None, "t", None, 1, 1), None)
    monitor.track_tp_end_offset(tp, 9)
    assert monitor.tp_end_offsets[tp] == 9


def test_the_request_log_is_cut_only_when_its_debug_lines_would_be_dropped() -> None:
    node = logging.getLogger("elastic_transport.node")
    saved = (node.propagate, node.level)
    try:
        logging.config.dictConfig(logging_config("text", "INFO"))
        assert not node.hasHandlers()  # the services' logging config cuts it from the root handler
        node.propagate = True  # a configuration that does not (faust's own, say)
        assert node.hasHandlers()  # elastic_transport would render every bulk body for DEBUG
        quiet_request_log()
        assert not node.hasHandlers()
        node.propagate = True
        node.setLevel(logging.DEBUG)  # someone wants those lines: left alone
        quiet_request_log()
        assert node.propagate
    finally:
        node.propagate, node.level = saved
