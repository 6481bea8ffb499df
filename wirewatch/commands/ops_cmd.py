"""``wirewatch lag`` and ``wirewatch dlq list|show|replay``: what operators look at and do.

The logic lives in ``wirewatch.ops.lag`` and ``wirewatch.ops.deadletters``; this module only
parses options and prints.
"""

from __future__ import annotations

import asyncio
import json
from datetime import datetime

import typer
from rich.console import Console
from rich.table import Table

from shared.config import get_settings
from shared.topics import STAGE_INPUT

STAGES = tuple(STAGE_INPUT)


def _stage(value: str) -> str:
    if value not in STAGES:
        raise typer.BadParameter(f"one of {', '.join(STAGES)}")
    return value


def _since(value: str | None) -> datetime | None:
    from shared.durations import parse_since

    try:
        return parse_since(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


def register(app: typer.Typer) -> None:
    @app.command("lag")
    def lag(
        group: list[str] = typer.Option(None, "--group", "-g", help="only these consumer groups"),
        all_groups: bool = typer.Option(False, "--all", help="every group on the cluster, not only ours"),
        as_json: bool = typer.Option(False, "--json", help="machine-readable output"),
    ) -> None:
        """Consumer lag per consumer group and partition, with the member that owns each partition."""
        from wirewatch.ops.lag import consumer_lag, total_by_group

        settings = get_settings()
        rows = asyncio.run(consumer_lag(settings, group or None, all_groups=all_groups))
        if as_json:
            out = [
                {
                    "group": r.group,
                    "topic": r.topic,
                    "partition": r.partition,
                    "committed": r.committed,
                    "end": r.end,
                    "lag": r.lag,
                    "owner": r.owner,
                }
                for r in rows
            ]
            typer.echo(json.dumps(out, indent=2))
            return
        table = Table(title=f"Consumer lag on {settings.kafka_bootstrap}")
        numeric = ("partition", "committed", "end", "lag")
        for col in ("group", "topic", "partition", "committed", "end", "lag", "owner"):
            table.add_column(col, justify="right" if col in numeric else "left")
        for r in rows:
            committed = "-" if r.committed is None or r.committed < 0 else str(r.committed)
            cells = (r.group, r.topic, str(r.partition), committed, str(r.end), str(r.lag), r.owner or "")
            table.add_row(*cells)
        console = Console()
        console.print(table)
        for name, total in total_by_group(rows).items():
            console.print(f"{name}: total lag {total}")

    dlq = typer.Typer(help="Dead letters: records a stage could not handle.", no_args_is_help=True)
    app.add_typer(dlq, name="dlq")

    stage_opt = typer.Option(..., "--stage", "-s", callback=_stage, help=f"one of {', '.join(STAGES)}")
    since_opt = typer.Option(None, "--since", help="only letters since: 30m, 2h, 7d, 1w or an ISO date")
    error_opt = typer.Option(None, "--error", help="only letters of this error kind")

    @dlq.command("list")
    def dlq_list(stage: str = stage_opt, since: str = since_opt, error: str = error_opt) -> None:
        """A table of the stage's dead letters, oldest first."""
        from wirewatch.ops.deadletters import list_letters

        settings = get_settings()
        letters = asyncio.run(list_letters(settings, stage, since=_since(since), error=error))
        table = Table(title=f"Dead letters of {stage}: {len(letters)}")
        for col in ("ref", "failed at", "error", "key", "reason"):
            table.add_column(col)
        for x in letters:
            table.add_row(
                x.ref, x.letter.failed_at.isoformat(timespec="seconds"), x.letter.error, x.letter.key or "",
                x.letter.reason[:120],
            )
        Console().print(table)

    @dlq.command("show")
    def dlq_show(
        stage: str = stage_opt,
        since: str = since_opt,
        error: str = error_opt,
        ref: list[str] = typer.Option(None, "--ref", help="only this letter, PARTITION:OFFSET (repeatable)"),
        payload_chars: int = typer.Option(2000, help="characters of the payload to print (0: none)"),
    ) -> None:
        """Every field of the stage's dead letters, with the start of the original payload."""
        from wirewatch.ops.deadletters import list_letters

        settings = get_settings()
        letters = asyncio.run(list_letters(settings, stage, since=_since(since), error=error))
        if ref:
            letters = [x for x in letters if x.ref in set(ref)]
        for x in letters:
            doc = x.letter.model_dump(mode="json", exclude={"payload_b64"})
            doc["ref"] = x.ref
            if payload_chars:
                doc["payload"] = x.letter.payload.decode("utf-8", "replace")[:payload_chars]
            doc["payload_bytes"] = len(x.letter.payload)
            typer.echo(json.dumps(doc, indent=2, ensure_ascii=False))
        typer.echo(f"{len(letters)} dead letter(s) of {stage}", err=True)

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
        from wirewatch.ops.deadletters import replay

        settings = get_settings()
        result = asyncio.run(
            replay(settings, stage, since=_since(since), error=error, again=again, dry_run=dry_run)
        )
        verb = "would replay" if dry_run else "replayed"
        typer.echo(f"{verb} {result.replayed} dead letter(s) of {stage} into {result.target_topic}")
        if result.already_replayed:
            typer.echo(f"skipped {result.already_replayed} already replayed (use --again to replay them too)")
        if result.truncated:
            typer.echo(f"not replayable: {len(result.truncated)} truncated letter(s) (payload_truncated)")
        if result.passed_over:
            note = "left out by --since/--error" + ("" if dry_run else " (now behind the mark)")
            typer.echo(f"passed over {result.passed_over} {note}")
