"""``wirewatch kafka security apply|show``: the per-service SCRAM users and ACLs of deploy/kafka/acls.yaml."""

from __future__ import annotations

import asyncio
from pathlib import Path

import typer

from shared.config import get_settings


def register(app: typer.Typer) -> None:
    kafka = typer.Typer(help="Kafka administration.", no_args_is_help=True)
    security = typer.Typer(help="SCRAM users and ACLs (deploy/kafka/acls.yaml).", no_args_is_help=True)
    kafka.add_typer(security, name="security")
    app.add_typer(kafka, name="kafka")

    acls_opt = typer.Option(None, "--acls", help="ACL spec (default: deploy/kafka/acls.yaml)")
    prefix_opt = typer.Option(None, "--prefix", help="topic prefix (default WIREWATCH_TOPIC_PREFIX)")

    @security.command("apply")
    def apply_cmd(
        acls: Path = acls_opt,
        prefix: str = prefix_opt,
        passwords_dir: Path = typer.Option(
            None,
            "--passwords-dir",
            help="directory with one file per principal, named after it, holding its password "
            "(e.g. a mounted Secret); else each principal's password_env variable",
        ),
        prune: bool = typer.Option(
            True, "--prune/--no-prune", help="delete the principals' ACLs (on this prefix) the file lacks"
        ),
    ) -> None:
        """Create/update the SCRAM users and ACLs on the broker (connect as the admin principal).

        Users whose password is not given are left as they are. Idempotent.
        """
        from aiokafka.errors import KafkaError

        from shared.kafka_security import KafkaSecurityError, describe
        from wirewatch.ops.kafka_acls import DEFAULT_SPEC, apply, load_spec, passwords_for

        settings = get_settings()
        spec = load_spec(acls or DEFAULT_SPEC, prefix or settings.topic_prefix)
        passwords = passwords_for(spec, passwords_dir=passwords_dir)
        try:
            mechanism = settings.kafka_sasl_mechanism
            result = asyncio.run(apply(settings, spec, passwords, mechanism=mechanism, prune=prune))
        except (KafkaError, KafkaSecurityError, OSError) as exc:
            where = settings.kafka_bootstrap
            typer.echo(f"applying {acls or DEFAULT_SPEC} on {where} failed: {exc}", err=True)
            raise typer.Exit(1) from exc
        typer.echo(f"connected to {settings.kafka_bootstrap} ({describe(settings)})")
        typer.echo(f"SCRAM credentials set: {', '.join(result.users) or 'none'}")
        if result.skipped_users:
            typer.echo(f"no password given, left as they are: {', '.join(result.skipped_users)}")
        typer.echo(f"ACLs in place: {len(result.acls)}; removed: {len(result.removed)}")
        for binding in result.removed:
            typer.echo(f"  removed {binding.describe()}")

    @security.command("show")
    def show_cmd(acls: Path = acls_opt, prefix: str = prefix_opt) -> None:
        """Print the ACLs the spec grants, one per line (reads only the file)."""
        from wirewatch.ops.kafka_acls import DEFAULT_SPEC, load_spec

        spec = load_spec(acls or DEFAULT_SPEC, prefix or get_settings().topic_prefix)
        for p in spec.principals:
            if p.super_user:
                typer.echo(f"User:{p.name} super user (broker super.users)")
        for binding in spec.bindings():
            typer.echo(binding.describe())
