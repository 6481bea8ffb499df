"""The alerter's wiring into faust (the one alerter module that touches faust): its two tables, two
agents behind the sequence guard, the digest and retention timers, and the adapters that give the
units (``ports``) the tables and topics.

    GROUPED ──▶ alerter-match (MatchAgent, table ``alerted``) ──▶ ALERTS
    ALERTS  ──▶ alerter-deliver (DeliverAgent, table ``delivery``) ──▶ Slack | deadletter
    timers: DigestTicks (leader) ──▶ ALERTS;  MarkExpiry ──▶ tombstones in both changelogs
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import faust
from faust.types import TP

from services.alerter.deliver_agent import DeliverAgent
from services.alerter.match_agent import MatchAgent
from services.alerter.ports import DeadLetterPort, Incoming
from services.alerter.posting import Poster
from services.alerter.records import ALERTED_TABLE, DELIVERY_TABLE
from services.alerter.settings import AlerterSettings
from services.alerter.slack_client import SlackClient
from services.alerter.subscriptions import Subscription
from services.alerter.timers import DigestTicks, MarkExpiry
from shared.config import Settings
from shared.sequence import SequenceGuard, TableProgress
from shared.streaming import DeadLetters, app_topic, deliver, durable_set, make_app
from shared.topics import ALERTS, GROUPED

STAGE = "alerter"
DEFAULT_SESSION_TIMEOUT = 30.0  # when neither WIREWATCH_ALERTER_SESSION_TIMEOUT nor the global one is set


class TableStore:
    """``ports.Store`` over a faust table: writes acknowledged by Kafka (``durable_set``)."""

    def __init__(self, table: Any, settings: Settings) -> None:
        self.table, self.settings = table, settings

    def get(self, key: str) -> Any:
        return self.table.get(key)

    async def put(self, key: str, value: Any) -> None:
        await durable_set(self.table, key, value, self.settings)

    def partition_for(self, key: str) -> int:
        return int(self.table.partition_for_key(key))


class TopicOutbox:
    """``ports.Outbox`` over a topic; ``acked=False`` queues in faust's producer (the digest ticks)."""

    def __init__(self, topic: faust.TopicT, settings: Settings, *, acked: bool = True) -> None:
        self.topic, self.settings, self.acked = topic, settings, acked

    async def emit(self, key: bytes, value: bytes) -> None:
        if self.acked:
            await deliver(self.topic, key=key, value=value, settings=self.settings)
        else:
            await self.topic.send(key=key, value=value)


class ExpiringTableView:
    """``ports.ExpiringTable`` over a faust table and the topic it is co-partitioned with."""

    def __init__(self, app: faust.App, table: Any, source: faust.TopicT) -> None:
        self.app, self.table, self.name = app, table, str(table.name)
        self.source = source.get_topic_name()

    def items(self) -> Iterable[tuple[str, Any]]:
        return list(self.table.data.items())

    def owns(self, partition: int) -> bool:
        return TP(self.source, partition) in self.app.consumer.assignment()

    def tombstone(self, partition: int, key: str) -> None:
        self.table.send_changelog(partition, key, None, value_serializer="raw")

    def forget(self, key: str) -> None:
        self.table.data.pop(key, None)

    def __len__(self) -> int:
        return len(self.table.data)


def incoming(event: Any) -> Incoming:
    msg = event.message
    return Incoming(payload=event.value, key=event.key, partition=msg.partition, offset=msg.offset)


def dead_letters_of(dead: DeadLetters, event: Any) -> DeadLetterPort:
    """The dead-letter port of one event (its topic, partition and offset go with each letter)."""

    async def send(error: str, reason: str, payload: bytes, key: bytes | str | None) -> None:
        await dead.send(error=str(error), reason=reason, payload=payload, key=key, event=event)

    return send


def build_app(settings: Settings, alerter: AlerterSettings, subscriptions: list[Subscription]) -> faust.App:
    app = make_app(
        STAGE,
        settings,
        session_timeout_setting=alerter.session_timeout,
        default_session_timeout=DEFAULT_SESSION_TIMEOUT,
        broker_heartbeat_interval=alerter.heartbeat_interval,
    )
    grouped, alerts = app_topic(app, GROUPED, settings), app_topic(app, ALERTS, settings)
    dead = DeadLetters(app, STAGE, settings)
    # key and value serializers: json (faust's default for non-bytes types)
    partitions = GROUPED.partition_count(settings), ALERTS.partition_count(settings)
    alerted = app.Table(ALERTED_TABLE, default=None, partitions=partitions[0], key_type=str)
    delivery = app.Table(DELIVERY_TABLE, default=None, partitions=partitions[1], key_type=str)

    poster = Poster(alerter, SlackClient(alerter), TableStore(delivery, settings))
    matcher = MatchAgent(alerter, subscriptions, TableStore(alerted, settings), TopicOutbox(alerts, settings))
    deliverer = DeliverAgent(alerter, subscriptions, TableStore(delivery, settings), poster)
    ticks = DigestTicks(subscriptions, TopicOutbox(alerts, settings, acked=False))
    expiry = MarkExpiry(
        [ExpiringTableView(app, alerted, grouped), ExpiringTableView(app, delivery, alerts)],
        alerter.state_retention_days,
    )

    # each agent sees every record of its partitions once, in order (shared.sequence); the last
    # handled offset of each partition lives in the agent's table (``progress/<partition>``)
    stall = alerter.stall_check_seconds
    guards = {
        "match": SequenceGuard(app, GROUPED, "match", settings=settings, progress=TableProgress(alerted),
                               stall_check_seconds=stall),
        "deliver": SequenceGuard(app, ALERTS, "deliver", settings=settings, progress=TableProgress(delivery),
                                 stall_check_seconds=stall),
    }

    def agent(topic: faust.TopicT, name: str, guard: SequenceGuard, unit: Any) -> None:
        async def run(stream: Any) -> None:
            async for event in guard.attach(stream).events():  # skips records handled before
                try:
                    await unit.handle(incoming(event), dead_letters_of(dead, event))
                finally:
                    guard.done(event)

        app.agent(topic, name=name)(run)

    agent(grouped, "alerter-match", guards["match"], matcher)
    agent(alerts, "alerter-deliver", guards["deliver"], deliverer)

    async def announce() -> None:
        poster.announce(subscriptions)

    async def digest_ticks() -> None:
        await ticks()

    async def expire_marks() -> None:
        await expiry()

    app.task(announce)
    app.timer(interval=alerter.digest_check_seconds, on_leader=True)(digest_ticks)
    app.timer(interval=alerter.retention_check_seconds)(expire_marks)
    return app
