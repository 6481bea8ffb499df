"""``wirewatch kafka security apply|show``: the per-service SCRAM users and ACLs of deploy/kafka/acls.yaml;
``wirewatch kafka secure-broker up|down``: a local secured broker to try them on (docs/local-stack.md).

Declarations only (names, options, help); the work is in ``wirewatch/ops/cli_utils.py``."""

from __future__ import annotations

from pathlib import Path

import typer

from wirewatch.clitools import run
from wirewatch.ops import cli_utils


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
        run(cli_utils.security_apply, acls, prefix, passwords_dir, prune)

    @security.command("show")
    def show_cmd(acls: Path = acls_opt, prefix: str = prefix_opt) -> None:
        """Print the ACLs the spec grants, one per line (reads only the file)."""
        run(cli_utils.security_show, acls, prefix)

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
        run(cli_utils.secure_broker_up, directory, port, controller_port)

    @broker_app.command("down")
    def secure_down(directory: Path = dir_opt) -> None:
        """Stop the secured broker started with ``up`` (its pid file, checked against its command line)."""
        run(cli_utils.secure_broker_down, directory)
