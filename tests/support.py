"""Test helpers: settings <-> environment, free ports, services run as real subprocesses."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic_settings import BaseSettings

from shared.config import Settings
from wirewatch import processes
from wirewatch.processes import free_port

__all__ = [
    "REPO",
    "SHARED_MATERIAL",
    "ServiceProcess",
    "free_port",
    "isolated",
    "purge",
    "purge_registered",
    "register_for_cleanup",
    "run_cli",
    "running",
    "settings_env",
]

REPO = Path(__file__).resolve().parents[1]
SHARED_MATERIAL = REPO.parent / "shared"  # ../shared: datasets and corpora, read-only


def settings_env(*sections: BaseSettings, **extra: str) -> dict[str, str]:
    """The environment that makes a subprocess see exactly these settings (no ``WIREWATCH_*``
    variable of the test run's own environment leaks through)."""
    return processes.settings_env(*sections, base=processes.environ_without_settings(), **extra)


class ServiceProcess(processes.ServiceProcess):
    """A ``wirewatch <command>`` subprocess run from the repository, its output captured to a file."""

    health_poll_seconds = 0.1  # a test waits for every start: asked every 0.1 s, not 0.5 s

    def __init__(
        self,
        args: str | list[str],
        env: dict[str, str],
        log_path: Path,
        web_port: int | None = None,
        *,
        module: str = "wirewatch.cli",
    ) -> None:
        super().__init__(args, env, log_path, web_port, cwd=REPO, module=module)


async def committed_total(settings: Settings, group: str, topic: str) -> int:
    """The sum of ``group``'s committed offsets on ``topic`` (0 where none is committed)."""
    from shared.kafka import admin_client

    async with admin_client(settings) as admin:
        offsets = await admin.list_consumer_group_offsets(group)
    return sum(max(m.offset, 0) for tp, m in offsets.items() if tp.topic == topic)


def run_cli(
    args: list[str], env: dict[str, str] | None = None, *, stdin: str | None = None, timeout: float = 60.0
) -> subprocess.CompletedProcess[str]:
    """``wirewatch <args>`` run to its end from the repository, its output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "wirewatch.cli", *args],
        env=env,
        input=stdin,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@contextmanager
def running(
    args: list[str], env: dict[str, str], log_path: Path, web_port: int | None = None, healthy: bool = True
) -> Iterator[ServiceProcess]:
    proc = ServiceProcess(args, env, log_path, web_port).start()
    try:
        if healthy and web_port:
            proc.wait_healthy()
        yield proc
    finally:
        proc.stop()


# --- cleanup: every test's topics and indices are deleted when the run is done with them ----------

_PREFIXES: set[tuple[str, str]] = set()


def isolated(base: Settings, kind: str, **update: object) -> Settings:
    """Settings with their own topic prefix and index alias, registered for deletion at session end."""
    import uuid

    tag = uuid.uuid4().hex[:10]
    isolated_settings = base.model_copy(
        update={"topic_prefix": f"{kind}-{tag}", "index_alias": f"wirewatch-{kind}-{tag}", **update}
    )
    register_for_cleanup(isolated_settings)
    return isolated_settings


def register_for_cleanup(settings: Settings) -> None:
    _PREFIXES.add((settings.topic_prefix, settings.index_alias))


async def purge(settings: Settings) -> None:
    """Delete the topics (incl. faust changelogs) and indices that belong to these isolated settings."""
    from aiokafka.errors import KafkaError

    from shared.elastic import make_client
    from shared.kafka import admin_client

    prefix, alias = settings.topic_prefix, settings.index_alias
    assert prefix and prefix != "wirewatch" and alias != "wirewatch-articles", "refusing to purge defaults"
    try:
        async with admin_client(settings) as admin:
            names = [t for t in await admin.list_topics() if t.startswith((f"{prefix}.", f"{prefix}-"))]
            for start in range(0, len(names), 50):
                await admin.delete_topics(names[start : start + 50])
    except KafkaError:
        pass  # the broker is what a test broke; the next run's purge will catch up
    es = make_client(settings)
    try:
        await es.options(ignore_status=404).indices.delete(index=f"{alias}-*", expand_wildcards="all")
        await es.options(ignore_status=404).indices.delete(index=f"{alias}.stories")
        await es.options(ignore_status=404).indices.delete_index_template(name=f"{alias}*")
    except Exception:
        pass
    finally:
        await es.close()
    _PREFIXES.discard((prefix, alias))


async def purge_registered(base: Settings) -> None:
    for prefix, alias in list(_PREFIXES):
        await purge(base.model_copy(update={"topic_prefix": prefix, "index_alias": alias}))
