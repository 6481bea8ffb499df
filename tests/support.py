"""Test helpers: settings <-> environment, free ports, services run as real subprocesses."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from pydantic import SecretStr
from pydantic_settings import BaseSettings

from shared.config import Settings
from wirewatch.demo.pipeline import free_ports

REPO = Path(__file__).resolve().parents[1]
SHARED_MATERIAL = REPO.parent / "shared"  # ../shared: datasets and corpora, read-only


_HANDED_OUT: set[int] = set()


def free_port() -> int:
    """A free port never handed out before in this test run: ports asked for one at a time can come
    back twice (two services of one test on one port), so every port given is remembered."""
    (port,) = free_ports(1, exclude=_HANDED_OUT)
    _HANDED_OUT.add(port)
    return port


def settings_env(*sections: BaseSettings, **extra: str) -> dict[str, str]:
    """The environment that makes a subprocess see exactly these settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}
    for section in sections:
        prefix = section.model_config.get("env_prefix", "WIREWATCH_")
        for name in type(section).model_fields:
            value = getattr(section, name)
            if value is None:
                continue
            if isinstance(value, SecretStr):
                value = value.get_secret_value()
            elif isinstance(value, (list, dict)):
                import json

                value = json.dumps(value)
            elif isinstance(value, bool):
                value = "true" if value else "false"
            env[f"{prefix}{name}".upper()] = str(value)
    env.update(extra)
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


class ServiceProcess:
    """A ``wirewatch <command>`` subprocess with its output captured to a file."""

    def __init__(
        self, args: list[str], env: dict[str, str], log_path: Path, web_port: int | None = None
    ) -> None:
        self.args = args
        self.env = env
        self.log_path = log_path
        self.web_port = web_port
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> ServiceProcess:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "wirewatch.cli", *self.args],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=REPO,
            start_new_session=True,
        )
        return self

    def wait_healthy(self, timeout: float = 90.0, path: str = "/healthz") -> None:
        assert self.web_port, "no web port configured"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(
                    f"{self.args} exited with {self.proc.returncode}:\n{self.output()[-3000:]}"
                )
            try:
                if httpx.get(f"http://127.0.0.1:{self.web_port}{path}", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise TimeoutError(f"{self.args} not healthy on {path} after {timeout}s:\n{self.output()[-3000:]}")

    def output(self) -> str:
        return self.log_path.read_text("utf-8", "replace") if self.log_path.exists() else ""

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 40.0) -> int | None:
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else None
        self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait(10)

    def kill(self) -> None:
        self.stop(signal.SIGKILL)


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
        await es.options(ignore_status=404).indices.delete_index_template(name=f"{alias}*")
    except Exception:
        pass
    finally:
        await es.close()
    _PREFIXES.discard((prefix, alias))


async def purge_registered(base: Settings) -> None:
    for prefix, alias in list(_PREFIXES):
        await purge(base.model_copy(update={"topic_prefix": prefix, "index_alias": alias}))
