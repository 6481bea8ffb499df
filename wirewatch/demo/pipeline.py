"""The pipeline services (fetcher, parser, classifier, grouper, indexer) as separate local processes.

Used by ``wirewatch demo``, the end-to-end tests and ``bench/e2e_latency.py``. Each service is
``python -m wirewatch.cli <service>`` with its own ``WIREWATCH_WEB_PORT`` (``/healthz``,
``/readyz``, ``/metrics``) and its output in ``<log_dir>/<service>.log``. The services see the given
``Settings`` (every field is passed as a ``WIREWATCH_*`` variable, over this process's
environment) plus per-service extra variables, e.g. the fetcher's
``WIREWATCH_FETCHER_ALLOWED_NETWORKS``.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

import httpx
from pydantic import SecretStr
from pydantic_settings import BaseSettings

from shared.config import ENV_PREFIX, Settings

STAGES: tuple[str, ...] = ("fetcher", "parser", "classifier", "grouper", "indexer")


def free_port(host: str = "127.0.0.1") -> int:
    return free_ports(1, host)[0]


def free_ports(count: int, host: str = "127.0.0.1", exclude: Iterable[int] = ()) -> list[int]:
    """``count`` distinct free ports, none in ``exclude``: every candidate stays bound until all are
    chosen (ports asked for one at a time can come back twice: the demo once gave two stages the same
    web port)."""
    excluded = set(exclude)
    held: list[socket.socket] = []
    chosen: list[int] = []
    try:
        while len(chosen) < count:
            sock = socket.socket()
            held.append(sock)  # an excluded port stays bound too, so it is not offered again
            sock.bind((host, 0))
            port = int(sock.getsockname()[1])
            if port not in excluded:
                chosen.append(port)
        return chosen
    finally:
        for sock in held:
            sock.close()


def settings_env(*sections: BaseSettings, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """An environment in which a child process sees these settings.

    Starts from ``base`` (default: this process's environment, so service-specific variables such
    as ``WIREWATCH_PARSER_WORKERS`` pass through) and sets every field of every section on top
    (secrets in clear: it is the child's environment).
    """
    env = dict(os.environ if base is None else base)
    for section in sections:
        prefix = str(section.model_config.get("env_prefix", ENV_PREFIX))
        for name in type(section).model_fields:
            value = getattr(section, name)
            if value is None:
                continue
            if isinstance(value, SecretStr):
                text = value.get_secret_value()
            elif isinstance(value, (list, dict)):
                text = json.dumps(value)
            elif isinstance(value, bool):
                text = "true" if value else "false"
            else:
                text = str(value)
            env[f"{prefix}{name}".upper()] = text
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def local_fetcher_env(
    allowed_networks: Iterable[str] = ("127.0.0.1/32",),
    poll_interval: float | None = None,
    per_host_delay: float = 0.0,
) -> dict[str, str]:
    """Fetcher variables for feeds served on this machine (the demo, tests, benchmarks).

    The SSRF guard refuses loopback addresses unless they are allowed; the feed list comes from the
    feeds topic only (no ``deploy/feeds.yaml``); one local host is fetched without politeness delay.
    """
    env = {
        "WIREWATCH_FETCHER_FEEDS_FILE": "",
        "WIREWATCH_FETCHER_ALLOWED_NETWORKS": ",".join(allowed_networks),
        "WIREWATCH_FETCHER_PER_HOST_DELAY": str(per_host_delay),
        "WIREWATCH_FETCHER_PER_HOST_CONCURRENCY": "8",
        "WIREWATCH_FETCHER_RETRY_BASE_DELAY": "0.5",
        "WIREWATCH_FETCHER_RETRY_MAX_DELAY": "5",
    }
    if poll_interval is not None:
        env["WIREWATCH_FETCHER_POLL_INTERVAL_OVERRIDE"] = str(poll_interval)
    return env


class ServiceProcess:
    """One ``wirewatch <service>`` process with its output appended to a log file."""

    def __init__(
        self, name: str, env: dict[str, str], log_path: Path, web_port: int, cwd: Path | None = None
    ):
        self.name = name
        self.env = env
        self.log_path = log_path
        self.web_port = web_port
        self.cwd = cwd
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc is not None else None

    def start(self) -> ServiceProcess:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            stamp = datetime.now(UTC).isoformat(timespec="seconds")
            log.write(f"=== wirewatch {self.name} started {stamp} (web port {self.web_port}) ===\n".encode())
            log.flush()
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "wirewatch.cli", self.name],
                env={**self.env, "WIREWATCH_WEB_PORT": str(self.web_port)},
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=self.cwd,
                start_new_session=True,  # Ctrl-C in a terminal reaches the parent only; it stops us cleanly
            )
        return self

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    @property
    def returncode(self) -> int | None:
        return self.proc.poll() if self.proc is not None else None

    def healthy(self) -> bool:
        try:
            return httpx.get(f"http://127.0.0.1:{self.web_port}/healthz", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def metrics_text(self) -> str | None:
        try:
            resp = httpx.get(f"http://127.0.0.1:{self.web_port}/metrics", timeout=3)
        except httpx.HTTPError:
            return None
        return resp.text if resp.status_code == 200 else None

    def tail(self, lines: int = 40) -> str:
        if not self.log_path.exists():
            return ""
        text = self.log_path.read_text("utf-8", "replace").splitlines()
        return "\n".join(text[-lines:])

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 40.0) -> int | None:
        """Send ``sig`` and wait; a process still running after ``timeout`` seconds is killed."""
        if self.proc is None:
            return None
        if self.proc.poll() is not None:
            return self.proc.returncode
        self.proc.send_signal(sig)
        return self.wait(timeout)

    def wait(self, timeout: float) -> int | None:
        """Wait for the process to end; kill it after ``timeout`` seconds."""
        if self.proc is None:
            return None
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait(10)

    def kill(self) -> int | None:
        return self.stop(signal.SIGKILL, timeout=10)


class ServiceFailed(RuntimeError):
    def __init__(self, service: ServiceProcess, message: str) -> None:
        super().__init__(message)
        self.service = service


class Pipeline:
    """The services as processes: ``start()``, ``wait_healthy()``, ``stop()``, ``restart(name)``."""

    def __init__(
        self,
        settings: Settings,
        log_dir: Path,
        *,
        stages: Iterable[str] = STAGES,
        extra_env: Mapping[str, Mapping[str, str]] | None = None,
        common_env: Mapping[str, str] | None = None,
        sections: Iterable[BaseSettings] = (),
        cwd: Path | None = None,
    ) -> None:
        self.settings = settings
        self.log_dir = log_dir
        base = settings_env(settings, *sections)
        base.update(common_env or {})
        extra = extra_env or {}
        names = list(stages)
        ports = free_ports(len(names))
        self.services: dict[str, ServiceProcess] = {
            name: ServiceProcess(
                name, {**base, **extra.get(name, {})}, log_dir / f"{name}.log", port, cwd=cwd
            )
            for name, port in zip(names, ports, strict=True)
        }

    def __getitem__(self, name: str) -> ServiceProcess:
        return self.services[name]

    def start(self) -> Pipeline:
        for svc in self.services.values():
            svc.start()
        return self

    def restart(self, name: str) -> ServiceProcess:
        svc = self.services[name]
        svc.stop()
        others = [other.web_port for other in self.services.values() if other is not svc]
        svc.web_port = free_ports(1, exclude=others)[0]
        return svc.start()

    def check_alive(self) -> None:
        """Raise ``ServiceFailed`` when a service has exited."""
        for svc in self.services.values():
            if svc.proc is not None and not svc.alive():
                raise ServiceFailed(svc, f"wirewatch {svc.name} exited with code {svc.returncode}")

    def wait_healthy(self, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        pending = dict(self.services)
        while pending:
            self.check_alive()
            for name, svc in list(pending.items()):
                if svc.healthy():
                    del pending[name]
            if not pending:
                return
            if time.monotonic() > deadline:
                svc = next(iter(pending.values()))
                raise ServiceFailed(svc, f"wirewatch {svc.name} not healthy after {timeout:.0f}s")
            time.sleep(0.5)

    def stop(self, timeout: float = 40.0) -> dict[str, int | None]:
        """SIGTERM to every service at once, then wait for each (killed after ``timeout`` s)."""
        for svc in self.services.values():
            if svc.alive():
                assert svc.proc is not None
                svc.proc.send_signal(signal.SIGTERM)
        return {name: svc.wait(timeout) for name, svc in self.services.items()}

    def __enter__(self) -> Pipeline:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
