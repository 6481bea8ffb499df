"""The alerter, declared as a ``shared.runtime`` unit (no faust here: the runner builds the app).

    GROUPED ──▶ alerter-match   (MatchHandler;   table ``alerted``)  ──▶ ALERTS
    ALERTS  ──▶ alerter-deliver (DeliverHandler; table ``delivery``) ──▶ Slack | deadletter
    timers: digest-ticks (leader) ──▶ ALERTS;  expire-marks ──▶ tombstones in both changelogs
    task: announce (which subscriptions can be delivered, logged once)

Both agents are behind the sequence guard (every record of a partition once, in order, from the
committed offset). Re-read records do no harm: an article's ``alerted`` mark says which subscriptions
it already queued, and the deliver agent skips a record at or below its partition's progress mark
(``progress/<partition>`` in ``delivery``, written before Slack is called).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from services.alerter.context_ports import ExpiringView, Runtime, TableStore, TopicOutbox
from services.alerter.deliver_agent import DeliverHandler
from services.alerter.match_agent import MatchHandler
from services.alerter.posting import Poster
from services.alerter.settings import AlerterSettings
from services.alerter.slack_client import SlackClient
from services.alerter.subscriptions import Subscription
from services.alerter.tables import alerted_table, delivery_table
from services.alerter.timers import DigestTicks, MarkExpiry
from shared.config import Settings
from shared.runtime import Context, Message, Stage, Timer, Unit
from shared.topics import ALERTS, GROUPED

if TYPE_CHECKING:
    import faust

STAGE = "alerter"
DEFAULT_SESSION_TIMEOUT = 30.0  # when neither WIREWATCH_ALERTER_SESSION_TIMEOUT nor the global one is set


def unit(alerter: AlerterSettings, subscriptions: list[Subscription]) -> Unit:
    """The alerter's declaration: two agents, two tables, two timers, a start task."""
    runtime = Runtime(STAGE)
    alerted, delivery = alerted_table(alerter), delivery_table(alerter)
    store = TableStore(delivery, runtime)
    poster = Poster(alerter, SlackClient(alerter), store)
    match: Stage[Message] = Stage(
        name=STAGE,
        agent="alerter-match",
        input=GROUPED,
        contract=None,  # raw messages: the marks need the record's partition
        outputs=(ALERTS,),
        handler=MatchHandler(alerter, subscriptions, alerted),
        tables=(alerted,),
        stall_check_seconds=alerter.stall_check_seconds,
    )
    deliver: Stage[Message] = Stage(
        name=STAGE,
        agent="alerter-deliver",
        input=ALERTS,
        contract=None,  # raw messages: the marks need the record's partition and offset
        outputs=(),  # a sink: Slack
        handler=DeliverHandler(alerter, subscriptions, store, poster, runtime.dead_letter),
        offload="loop",
        tables=(delivery,),
        stall_check_seconds=alerter.stall_check_seconds,
    )
    ticks = DigestTicks(subscriptions, TopicOutbox(ALERTS, runtime))
    expiry = MarkExpiry(
        [ExpiringView(alerted, runtime, GROUPED), ExpiringView(delivery, runtime, ALERTS)],
        alerter.state_retention_days,
    )

    async def digest_ticks(context: Context) -> None:
        await ticks()

    async def expire_marks(context: Context) -> None:
        await expiry()

    async def announce(context: Context) -> None:
        poster.announce(subscriptions)

    return Unit(
        STAGE,
        (match, deliver),
        tables=(alerted, delivery),
        timers=(
            Timer("alerter-digest-ticks", alerter.digest_check_seconds, digest_ticks, on_leader=True),
            Timer("alerter-expire-marks", alerter.retention_check_seconds, expire_marks),
        ),
        tasks=(announce,),
        on_build=(runtime.bind,),
        app_options={
            "session_timeout_setting": alerter.session_timeout,
            "default_session_timeout": DEFAULT_SESSION_TIMEOUT,
            "broker_heartbeat_interval": alerter.heartbeat_interval,
        },
        on_shutdown=(poster.client.aclose,),
    )


def build_app(settings: Settings, alerter: AlerterSettings, subscriptions: list[Subscription]) -> faust.App:
    from shared.runtime.runner import build_unit_app

    return build_unit_app(unit(alerter, subscriptions), settings)
