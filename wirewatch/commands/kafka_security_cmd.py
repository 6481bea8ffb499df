"""``wirewatch kafka security apply|show``: the per-service SCRAM users and ACLs of deploy/kafka/acls.yaml;
``wirewatch kafka secure-broker up|down``: a local secured broker to try them on (docs/local-stack.md)."""

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

    broker_app = typer.Typer(
        help="A local secured Kafka (SASL_SSL, SCRAM-SHA-512, ACLs), separate from `stack up`'s.",
        no_args_is_help=True,
    )
    kafka.add_typer(broker_app, name="secure-broker")
    dir_opt = typer.Option(
        None, "--dir", help="its state, CA and logs (default $WIREWATCH_STATE_DIR/kafka-secure)"
    )

    @broker_app.command("up")
    def secure_up(
        directory: Path = dir_opt,
        port: int = typer.Option(0, help="SASL_SSL port (0: a free one)"),
        controller_port: int = typer.Option(0, help="controller port (0: a free one)"),
    ) -> None:
        """Start it with a fresh CA and apply deploy/kafka/acls.yaml with new random passwords.

        Passwords go to 0600 files (``<dir>/passwords/<principal>``, ``<dir>/<principal>.env``), never to
        the terminal.
        """
        import secrets

        from wirewatch.ops.kafka_acls import DEFAULT_SPEC, apply, load_spec
        from wirewatch.stack.download import install_kafka
        from wirewatch.stack.kafka import ADMIN_USER, start_secure, write_private_text
        from wirewatch.stack.process import StackError
        from wirewatch.stack.system import find_java

        settings = get_settings()
        root = directory or settings.state_dir / "kafka-secure"
        if (root / "data" / "meta.properties").exists():
            typer.echo(
                f"{root} holds a broker already: `wirewatch kafka secure-broker down --dir {root}` "
                "and remove the directory first",
                err=True,
            )
            raise typer.Exit(1)
        try:
            broker = start_secure(
                settings,
                root,
                java=find_java(),
                home=install_kafka(settings.cache_dir, progress=typer.echo),
                port=port or None,
                controller_port=controller_port or None,
            )
        except StackError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(1) from exc
        spec = load_spec(DEFAULT_SPEC, settings.topic_prefix)
        passwords = {p.name: secrets.token_urlsafe(24) for p in spec.principals if not p.super_user}
        passwords[ADMIN_USER] = broker.admin_password.get_secret_value()
        secret_dir = root / "passwords"
        secret_dir.mkdir(mode=0o700, exist_ok=True)
        for name, password in passwords.items():
            write_private_text(secret_dir / name, password + "\n")
            env = broker.env(name, password)
            write_private_text(root / f"{name}.env", "".join(f"{k}={v}\n" for k, v in env.items()))
        admin = broker.admin_settings(settings)
        asyncio.run(apply(admin, spec, {k: v for k, v in passwords.items() if k != ADMIN_USER}))
        typer.echo(f"secured Kafka on {broker.bootstrap} (pid {broker.pid}), CA {broker.tls.ca_cert}")
        typer.echo(f"users and ACLs of {DEFAULT_SPEC.name} applied for prefix {settings.topic_prefix!r}")
        typer.echo(f"client settings per principal: {root}/<principal>.env (e.g. {root}/{ADMIN_USER}.env)")
        typer.echo(f"stop it with: wirewatch kafka secure-broker down --dir {root}")

    @broker_app.command("down")
    def secure_down(directory: Path = dir_opt) -> None:
        """Stop the secured broker started with ``up`` (its pid file, checked against its command line)."""
        from wirewatch.stack.kafka import stop_secure

        root = directory or get_settings().state_dir / "kafka-secure"
        typer.echo("stopped" if stop_secure(root) else f"no secured Kafka of {root} is running")
