"""The work of the alerter's commands (declared in ``services/alerter/cli.py``): plain functions that
tests call directly, no option parsing here. Each returns the command's exit status."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from services.alerter.records import Health
    from services.alerter.settings import AlerterSettings
    from services.alerter.subscriptions import Subscription
    from shared.config import Settings


def _load(file: Path | None) -> tuple[AlerterSettings, list[Subscription]] | None:
    """The alerter's settings and the subscriptions of ``file`` (default: the setting's); None when
    the file does not load (the error is printed)."""
    from services.alerter.settings import AlerterSettings
    from services.alerter.subscriptions import SubscriptionError, load_subscriptions

    alerter = AlerterSettings()
    if file is not None:
        alerter = alerter.model_copy(update={"subscriptions_file": file})
    try:
        subs = load_subscriptions(alerter.subscriptions_file)
    except SubscriptionError as exc:
        typer.echo(f"error: {exc}", err=True)
        return None
    return alerter, subs


def _filters_summary(sub: Subscription) -> str:
    f = sub.filters
    parts = []
    if f.tags:
        parts.append("tags=" + ",".join(f.tags) + (f">={f.min_score:g}" if f.min_score else ""))
    elif f.min_score:
        parts.append(f"score>={f.min_score:g}")
    for name in ("orgs", "languages", "sources", "keywords"):
        values = getattr(f, name)
        if values:
            parts.append(f"{name}=" + ",".join(values))
    if f.min_amount is not None:
        parts.append(f"amount>={f.min_amount:,.0f}{' ' + f.currency if f.currency else ''}")
    return "; ".join(parts) or "(everything)"


async def _read_health(settings: Settings) -> dict[str, Health]:
    import asyncio

    from services.alerter.records import DELIVERY_TABLE, changelog_topic, latest_health
    from shared.kafka import read_topic

    records = await asyncio.wait_for(read_topic(settings, changelog_topic(settings, DELIVERY_TABLE)), 20)
    return latest_health(records)


def _with_logging(file: Path | None) -> tuple[Settings, AlerterSettings, list[Subscription]] | None:
    """The settings (logging set up from them), the alerter's settings and the subscriptions; None
    when the subscriptions do not load (the error is printed)."""
    from shared.config import get_settings
    from shared.logs import setup_logging

    settings = get_settings()
    setup_logging(settings.log_format, settings.log_level)
    loaded = _load(file)
    if loaded is None:
        return None
    return settings, *loaded


def run_alerter(subscriptions: Path | None = None) -> int:
    """The alerter service, until it is stopped; 2 when the subscriptions do not load."""
    from services.alerter.service import build_app
    from shared.runtime.streaming import run_worker

    loaded = _with_logging(subscriptions)
    if loaded is None:
        return 2
    settings, alerter, subs = loaded
    (settings.state_dir / "faust").mkdir(parents=True, exist_ok=True)  # faust's datadir parent
    run_worker(build_app(settings, alerter, subs), settings)
    return 0


def _health_text(state: Health | None, health: bool, health_error: str) -> str:
    if not health:
        return "-"
    if health_error:
        return health_error
    if state is None:
        return "no delivery yet"
    if state.healthy:
        return "healthy"
    return f"UNHEALTHY: {state.error} (HTTP {state.status or '-'}) at {state.at:%Y-%m-%d %H:%M}"


def subscription_rows(
    alerter: AlerterSettings,
    subs: list[Subscription],
    states: dict[str, Health],
    health: bool,
    health_error: str,
) -> list[dict[str, Any]]:
    """One row per subscription: filters, webhook source and state (never the URL), health."""
    from services.alerter.subscriptions import WebhookUnavailable, resolve_webhook

    rows = []
    for sub in subs:
        try:
            resolve_webhook(
                sub, allowed_hosts=alerter.allowed_webhook_hosts, allow_loopback=alerter.allow_loopback
            )
            webhook_state = "set"
        except WebhookUnavailable:
            webhook_state = "unavailable"
        state = states.get(sub.name)
        mode = (
            f"digest every {sub.digest_minutes or alerter.digest_minutes:g} min"
            if sub.mode == "digest"
            else "instant"
        )
        rows.append(
            {
                "name": sub.name,
                "enabled": sub.enabled,
                "mode": mode,
                "filters": _filters_summary(sub),
                "webhook": f"{sub.webhook_source} ({webhook_state})",
                "health": _health_text(state, health, health_error),
                "healthy": None if state is None else state.healthy,
            }
        )
    return rows


def list_alerts(file: Path | None = None, health: bool = True, as_json: bool = False) -> int:
    """``wirewatch alerts list``: the subscriptions as a table or JSON lines; 2 when they do not load."""
    import asyncio

    from shared.config import get_settings

    loaded = _load(file)
    if loaded is None:
        return 2
    alerter, subs = loaded
    states: dict[str, Health] = {}
    health_error = ""
    if health:
        try:
            states = asyncio.run(_read_health(get_settings()))
        except Exception as exc:
            health_error = f"unknown ({type(exc).__name__})"
    rows = subscription_rows(alerter, subs, states, health, health_error)
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"alert subscriptions ({alerter.subscriptions_file})")
    for column in ("name", "mode", "filters", "webhook", "health"):
        table.add_column(column, overflow="fold")
    for row in rows:
        name = row["name"] if row["enabled"] else f"{row['name']} (disabled)"
        table.add_row(name, row["mode"], row["filters"], row["webhook"], row["health"])
    Console().print(table)
    return 0


def send_test_alert(name: str, file: Path | None = None) -> int:
    """``wirewatch alerts test NAME``: a sample message to the subscription's webhook; 1 when Slack
    did not take it, 2 when there is no such subscription or no usable webhook."""
    import asyncio

    from services.alerter.slack_client import SlackClient
    from services.alerter.slack_message import sample_article, story_message
    from services.alerter.subscriptions import WebhookUnavailable, resolve_webhook

    loaded = _with_logging(file)
    if loaded is None:
        return 2
    _, alerter, subs = loaded
    sub = next((s for s in subs if s.name == name), None)
    if sub is None:
        typer.echo(f"error: no subscription named {name!r}", err=True)
        return 2
    try:
        hook = resolve_webhook(
            sub, allowed_hosts=alerter.allowed_webhook_hosts, allow_loopback=alerter.allow_loopback
        )
    except WebhookUnavailable as exc:
        typer.echo(f"error: {exc}", err=True)
        return 2
    payload = story_message(sample_article(), sub.name)

    async def send() -> Any:
        async with SlackClient(alerter) as client:
            return await client.post(hook, payload, subscription=sub.name)

    result = asyncio.run(send())
    if result.ok:
        typer.echo(f"{sub.name}: test message sent ({result.describe()})")
        return 0
    typer.echo(f"{sub.name}: test message failed: {result.describe()}", err=True)
    return 1
