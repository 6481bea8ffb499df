"""The work of ``wirewatch stack up|down|status|logs`` (declared in ``wirewatch/stack/cli.py``), as
plain functions that tests call directly; each returns the command's exit status."""

from __future__ import annotations

import time
from pathlib import Path

import typer


def up(timeout: float | None = None) -> int:
    """Start (and first fetch) the stack, or find it running; 1 with the reason when it cannot."""
    from rich.console import Console

    from wirewatch.stack import StackError, ensure_up

    console = Console(stderr=True, log_path=False)
    t0 = time.monotonic()
    try:
        with console.status("starting the local stack ...") as spinner:

            def progress(message: str) -> None:
                console.log(message)
                spinner.update(message)

            info = ensure_up(progress=progress, timeout=timeout)
    except StackError as exc:
        # the message holds log lines: printed as they are (rich would read '[local]' as markup)
        console.print("[bold red]stack up failed:[/]")
        console.print(str(exc), markup=False, highlight=False, soft_wrap=True)
        return 1
    took = time.monotonic() - t0
    if info.started:
        console.print(f"[green]started[/] {', '.join(info.started)} in {took:.1f}s")
    else:
        console.print("[green]already running[/]")
    console.print(
        f"Kafka {info.kafka_version} on {info.kafka_bootstrap}, "
        f"Elasticsearch {info.elasticsearch_version} on {info.elasticsearch_url}"
    )
    return 0


def down() -> int:
    """Stop what ``up`` started (by pid)."""
    from rich.console import Console

    from wirewatch.stack import stop

    console = Console(stderr=True, log_path=False)
    stopped = stop(progress=console.log)
    console.print(f"stopped: {', '.join(stopped)}" if stopped else "nothing was running")
    return 0


def status() -> int:
    """The components' table; 1 unless every one is healthy."""
    from rich.console import Console
    from rich.table import Table

    from wirewatch.stack import status as components

    rows = components()
    table = Table(title="wirewatch local stack")
    for col in ("component", "version", "port", "pid", "health"):
        table.add_column(col)
    for c in rows:
        color = "green" if c.healthy else "red"
        table.add_row(c.name, c.version or "-", str(c.port), str(c.pid or "-"), f"[{color}]{c.health}[/]")
    Console().print(table)
    return 0 if all(c.healthy for c in rows) else 1


def logs(component: str | None = None, lines: int = 50, follow: bool = False) -> int:
    """The end of each chosen server log; with ``follow``, new lines until Ctrl-C."""
    from shared.config import Settings
    from wirewatch.stack import elasticsearch as es
    from wirewatch.stack import kafka
    from wirewatch.stack.process import tail

    s = Settings()
    files = {kafka.NAME: kafka.Paths(s).server_log, es.NAME: es.Paths(s).server_log}
    chosen = [component] if component else list(files)
    for name in chosen:
        path = files[name]
        if len(chosen) > 1:
            typer.secho(f"==> {name}: {path} <==", bold=True)
        if not path.exists():
            typer.echo(f"(no log yet at {path})")
            continue
        text = tail(path, lines)
        if text:
            typer.echo(text)
    if follow:
        _follow([files[n] for n in chosen], prefix=len(chosen) > 1)
    return 0


def _follow(paths: list[Path], prefix: bool) -> None:
    """Print lines appended to ``paths`` until Ctrl-C (reopens a file that was rotated)."""
    offsets: dict[Path, int] = {p: p.stat().st_size if p.exists() else 0 for p in paths}
    try:
        while True:
            for path in list(offsets):
                try:
                    size = path.stat().st_size
                except FileNotFoundError:
                    continue
                if size < offsets[path]:
                    offsets[path] = 0
                if size > offsets[path]:
                    with path.open("rb") as fh:
                        fh.seek(offsets[path])
                        chunk = fh.read()
                    offsets[path] += len(chunk)
                    for line in chunk.decode("utf-8", "replace").splitlines():
                        typer.echo(f"{path.parent.parent.name}| {line}" if prefix else line)
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
