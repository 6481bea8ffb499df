"""Commands of the alerter stage: ``wirewatch alerter`` and ``wirewatch alerts list|test``.

Declarations only (names, options, help); the work is in ``services/alerter/cli_utils.py``."""

from __future__ import annotations

from pathlib import Path

import typer

from wirewatch.clitools import run

SUBSCRIPTIONS_HELP = (
    "subscriptions YAML (default: WIREWATCH_ALERTER_SUBSCRIPTIONS_FILE or deploy/alerts.yaml)"
)


def register(app: typer.Typer) -> None:
    @app.command("alerter")
    def alerter_cmd(
        subscriptions: Path | None = typer.Option(None, "--subscriptions", "-s", help=SUBSCRIPTIONS_HELP),
    ) -> None:
        """Run the alerter service: grouped articles -> matching subscriptions -> Slack (once per story)."""
        from services.alerter import cli_utils

        run(cli_utils.run_alerter, subscriptions)

    alerts = typer.Typer(help="Alert subscriptions: list them, send a test message.", no_args_is_help=True)
    app.add_typer(alerts, name="alerts")

    @alerts.command("list")
    def list_alerts_cmd(
        file: Path | None = typer.Option(None, "--file", "-f", help=SUBSCRIPTIONS_HELP),
        health: bool = typer.Option(True, "--health/--no-health", help="read delivery health from Kafka"),
        as_json: bool = typer.Option(False, "--json", help="one JSON object per subscription"),
    ) -> None:
        """Subscriptions with their filters, webhook source (never the URL) and delivery health."""
        from services.alerter import cli_utils

        run(cli_utils.list_alerts, file, health, as_json)

    @alerts.command("test")
    def test_alert_cmd(
        name: str = typer.Argument(..., help="subscription name"),
        file: Path | None = typer.Option(None, "--file", "-f", help=SUBSCRIPTIONS_HELP),
    ) -> None:
        """Send a sample message to the subscription's webhook (same pacing and retry policy)."""
        from services.alerter import cli_utils

        run(cli_utils.send_test_alert, name, file)
