"""The work of the operators' commands (declared in ``wirewatch/commands/ops_cmd.py`` and
``wirewatch/commands/kafka_security_cmd.py``): ``lag``, ``dlq list|show|replay``, ``kafka security
apply|show``, ``kafka secure-broker up|down``, as plain functions that tests call directly. The
logic itself is in ``wirewatch.ops.lag``, ``wirewatch.ops.deadletters`` and ``wirewatch.ops.kafka_acls``;
these print it."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from shared.config import get_settings
from shared.errors import InvalidInput, UsageError


def _since(value: str | None) -> datetime | None:
    from shared.durations import parse_since

    try:
        return parse_since(value)
    except InvalidInput as exc:
        raise UsageError(str(exc)) from exc


def lag(group: list[str] | None = None, all_groups: bool = False, as_json: bool = False) -> int:
    """Consumer lag per group and partition, as a table (and totals) or JSON."""
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
        return 0
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
    return 0


def dlq_list(stage: str, since: str | None = None, error: str | None = None) -> None:
    """A table of the stage's dead letters, oldest first."""
    from wirewatch.ops.deadletters import list_letters

    settings = get_settings()
    letters = asyncio.run(list_letters(settings, stage, since=_since(since), error=error))
    table = Table(title=f"Dead letters of {stage}: {len(letters)}")
    for col in ("ref", "failed at", "error", "key", "reason"):
        table.add_column(col)
    for x in letters:
        table.add_row(
            x.ref,
            x.letter.failed_at.isoformat(timespec="seconds"),
            x.letter.error,
            x.letter.key or "",
            x.letter.reason[:120],
        )
    Console().print(table)


def dlq_show(
    stage: str,
    since: str | None = None,
    error: str | None = None,
    ref: list[str] | None = None,
    payload_chars: int = 2000,
) -> None:
    """Every field of the stage's dead letters as JSON, with the start of the original payload."""
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


def dlq_replay(
    stage: str, since: str | None = None, error: str | None = None, again: bool = False, dry_run: bool = False
) -> None:
    """Re-inject the stage's dead letters into its input topic; say how many, and what was left out."""
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


def security_apply(
    acls: Path | None = None, prefix: str | None = None, passwords_dir: Path | None = None, prune: bool = True
) -> int:
    """Create/update the SCRAM users and ACLs of the spec; 1 when the broker refused or is unreachable."""
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
        return 1
    typer.echo(f"connected to {settings.kafka_bootstrap} ({describe(settings)})")
    typer.echo(f"SCRAM credentials set: {', '.join(result.users) or 'none'}")
    if result.skipped_users:
        typer.echo(f"no password given, left as they are: {', '.join(result.skipped_users)}")
    typer.echo(f"ACLs in place: {len(result.acls)}; removed: {len(result.removed)}")
    for binding in result.removed:
        typer.echo(f"  removed {binding.describe()}")
    return 0


def security_show(acls: Path | None = None, prefix: str | None = None) -> None:
    """The ACLs the spec grants, one per line (reads only the file)."""
    from wirewatch.ops.kafka_acls import DEFAULT_SPEC, load_spec

    spec = load_spec(acls or DEFAULT_SPEC, prefix or get_settings().topic_prefix)
    for p in spec.principals:
        if p.super_user:
            typer.echo(f"User:{p.name} super user (broker super.users)")
    for binding in spec.bindings():
        typer.echo(binding.describe())


def secure_broker_up(directory: Path | None = None, port: int = 0, controller_port: int = 0) -> int:
    """Start a local secured broker with a fresh CA, users and ACLs; 1 when it cannot."""
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
        return 1
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
        return 1
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
    return 0


def secure_broker_down(directory: Path | None = None) -> None:
    """Stop the secured broker of ``directory``."""
    from wirewatch.stack.kafka import stop_secure

    root = directory or get_settings().state_dir / "kafka-secure"
    typer.echo("stopped" if stop_secure(root) else f"no secured Kafka of {root} is running")
