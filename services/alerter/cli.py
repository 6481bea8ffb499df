"""Commands of the alerter stage: ``wirewatch alerter`` and ``wirewatch alerts list|test``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

SUBSCRIPTIONS_HELP = (
    "subscriptions YAML (default: WIREWATCH_ALERTER_SUBSCRIPTIONS_FILE or deploy/alerts.yaml)"
)


def _load(file: Path | None) -> tuple[Any, list[Any]]:
    from services.alerter.settings import AlerterSettings
    from services.alerter.subscriptions import SubscriptionError, load_subscriptions

    alerter = AlerterSettings()
    if file is not None:
        alerter = alerter.model_copy(update={"subscriptions_file": file})
    try:
        subs = load_subscriptions(alerter.subscriptions_file)
    except SubscriptionError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    return alerter, subs


def _filters_summary(sub: Any) -> str:
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


async def _read_health(settings: Any) -> dict[str, Any]:
    import asyncio

    from services.alerter.records import DELIVERY_TABLE, changelog_topic, latest_health
    from shared.kafka import read_topic

    records = await asyncio.wait_for(read_topic(settings, changelog_topic(settings, DELIVERY_TABLE)), 20)
    return latest_health(records)


def register(app: typer.Typer) -> None:
    @app.command("alerter")
    def run_alerter(
        subscriptions: Path | None = typer.Option(None, "--subscriptions", "-s", help=SUBSCRIPTIONS_HELP),
    ) -> None:
        """Run the alerter service: grouped articles -> matching subscriptions -> Slack (once per story)."""
        from services.alerter.service import build_app
        from shared.config import get_settings
        from shared.logs import setup_logging
        from shared.streaming import run_worker

        settings = get_settings()
        setup_logging(settings.log_format, settings.log_level)
        alerter, subs = _load(subscriptions)
        (settings.state_dir / "faust").mkdir(parents=True, exist_ok=True)  # faust's datadir parent
        run_worker(build_app(settings, alerter, subs), settings)

    alerts = typer.Typer(help="Alert subscriptions: list them, send a test message.", no_args_is_help=True)
    app.add_typer(alerts, name="alerts")

    @alerts.command("list")
    def list_alerts(
        file: Path | None = typer.Option(None, "--file", "-f", help=SUBSCRIPTIONS_HELP),
        health: bool = typer.Option(True, "--health/--no-health", help="read delivery health from Kafka"),
        as_json: bool = typer.Option(False, "--json", help="one JSON object per subscription"),
    ) -> None:
        """Subscriptions with their filters, webhook source (never the URL) and delivery health."""
        import asyncio

        from services.alerter.subscriptions import WebhookUnavailable, resolve_webhook
        from shared.config import get_settings

        alerter, subs = _load(file)
        states: dict[str, Any] = {}
        health_error = ""
        if health:
            try:
                states = asyncio.run(_read_health(get_settings()))
            except Exception as exc:
                health_error = f"unknown ({type(exc).__name__})"
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
            if not health:
                health_text = "-"
            elif health_error:
                health_text = health_error
            elif state is None:
                health_text = "no delivery yet"
            elif state.healthy:
                health_text = "healthy"
            else:
                health_text = (
                    f"UNHEALTHY: {state.error} (HTTP {state.status or '-'}) at {state.at:%Y-%m-%d %H:%M}"
                )
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
                    "health": health_text,
                    "healthy": None if state is None else state.healthy,
                }
            )
        if as_json:
            for row in rows:
                typer.echo(json.dumps(row, ensure_ascii=False))
            return
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"alert subscriptions ({alerter.subscriptions_file})")
        for column in ("name", "mode", "filters", "webhook", "health"):
            table.add_column(column, overflow="fold")
        for row in rows:
            name = row["name"] if row["enabled"] else f"{row['name']} (disabled)"
            table.add_row(name, row["mode"], row["filters"], row["webhook"], row["health"])
        Console().print(table)

    @alerts.command("test")
    def test_alert(
        name: str = typer.Argument(..., help="subscription name"),
        file: Path | None = typer.Option(None, "--file", "-f", help=SUBSCRIPTIONS_HELP),
    ) -> None:
        """Send a sample message to the subscription's webhook (same pacing and retry policy)."""
        import asyncio

        from services.alerter.slack_client import SlackClient
        from services.alerter.slack_message import sample_article, story_message
        from services.alerter.subscriptions import WebhookUnavailable, resolve_webhook
        from shared.config import get_settings
        from shared.logs import setup_logging

        settings = get_settings()
        setup_logging(settings.log_format, settings.log_level)
        alerter, subs = _load(file)
        sub = next((s for s in subs if s.name == name), None)
        if sub is None:
            typer.echo(f"error: no subscription named {name!r}", err=True)
            raise typer.Exit(2)
        try:
            hook = resolve_webhook(
                sub, allowed_hosts=alerter.allowed_webhook_hosts, allow_loopback=alerter.allow_loopback
            )
        except WebhookUnavailable as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None
        payload = story_message(sample_article(), sub.name)

        async def send() -> Any:
            async with SlackClient(alerter) as client:
                return await client.post(hook, payload, subscription=sub.name)

        result = asyncio.run(send())
        if result.ok:
            typer.echo(f"{sub.name}: test message sent ({result.describe()})")
            return
        typer.echo(f"{sub.name}: test message failed: {result.describe()}", err=True)
        raise typer.Exit(1)
