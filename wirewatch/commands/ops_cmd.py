"""``wirewatch lag`` and ``wirewatch dlq list|show|replay``: what operators look at and do.

Declarations only (names, options, help); the work is in ``wirewatch/ops/cli_utils.py`` (the logic
in ``wirewatch.ops.lag`` and ``wirewatch.ops.deadletters``).
"""

from __future__ import annotations

import typer

from shared.topics import STAGE_INPUT
from wirewatch.clitools import run
from wirewatch.ops import cli_utils

STAGES = tuple(STAGE_INPUT)


def _stage(value: str) -> str:
    if value not in STAGES:
        raise typer.BadParameter(f"one of {', '.join(STAGES)}")
    return value


def register(app: typer.Typer) -> None:
    @app.command("lag")
    def lag(
        group: list[str] = typer.Option(None, "--group", "-g", help="only these consumer groups"),
        all_groups: bool = typer.Option(False, "--all", help="every group on the cluster, not only ours"),
        as_json: bool = typer.Option(False, "--json", help="machine-readable output"),
    ) -> None:
        """Consumer lag per consumer group and partition, with the member that owns each partition."""
        run(cli_utils.lag, group or None, all_groups, as_json)

    dlq = typer.Typer(help="Dead letters: records a stage could not handle.", no_args_is_help=True)
    app.add_typer(dlq, name="dlq")

    stage_opt = typer.Option(..., "--stage", "-s", callback=_stage, help=f"one of {', '.join(STAGES)}")
    since_opt = typer.Option(None, "--since", help="only letters since: 30m, 2h, 7d, 1w or an ISO date")
    error_opt = typer.Option(None, "--error", help="only letters of this error kind")

    @dlq.command("list")
    def dlq_list(stage: str = stage_opt, since: str = since_opt, error: str = error_opt) -> None:
        """A table of the stage's dead letters, oldest first."""
        run(cli_utils.dlq_list, stage, since, error)

    @dlq.command("show")
    def dlq_show(
        stage: str = stage_opt,
        since: str = since_opt,
        error: str = error_opt,
        ref: list[str] = typer.Option(None, "--ref", help="only this letter, PARTITION:OFFSET (repeatable)"),
        payload_chars: int = typer.Option(2000, help="characters of the payload to print (0: none)"),
    ) -> None:
        """Every field of the stage's dead letters, with the start of the original payload."""
        run(cli_utils.dlq_show, stage, since, error, ref, payload_chars)

    @dlq.command("replay")
    def dlq_replay(
        stage: str = stage_opt,
        since: str = since_opt,
        error: str = error_opt,
        again: bool = typer.Option(False, "--again", help="ignore the replay mark (replay again)"),
        dry_run: bool = typer.Option(False, "--dry-run", help="count only: produce nothing, keep the mark"),
    ) -> None:
        """Re-inject the stage's dead letters into its input topic (after a fix); prints how many.

        A replay mark (consumer group <prefix>-dlq-replay-<stage>) makes a second replay skip the
        letters already replayed; --again overrides it.
        """
        run(cli_utils.dlq_replay, stage, since, error, again, dry_run)
