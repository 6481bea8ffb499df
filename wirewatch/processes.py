"""Service processes: free ports, settings as a child's environment, ``wirewatch <command>`` children.

The one copy of these helpers: the demo pipeline (``wirewatch.demo.pipeline``), the local stack's
secured broker (``wirewatch.stack.kafka``), the tests (``tests/support.py``) and the benchmarks use
them. No heavy imports (httpx is imported when a health page is asked for).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Self

from pydantic import SecretStr
from pydantic_settings import BaseSettings

from shared.config import ENV_PREFIX
from shared.errors import ServiceError

# every port handed out by this process: ports asked for one at a time can come back twice (two
# services of one test, or two stages of the demo, once got the same port), so none is given twice
_HANDED_OUT: set[int] = set()


def free_ports(count: int, host: str = "127.0.0.1", exclude: Iterable[int] = ()) -> list[int]:
    """``count`` distinct free ports, none in ``exclude`` and none handed out before by this process:
    every candidate stays bound until all are chosen."""
    excluded = set(exclude) | _HANDED_OUT
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
        _HANDED_OUT.update(chosen)
        return chosen
    finally:
        for sock in held:
            sock.close()


def free_port(host: str = "127.0.0.1") -> int:
    """One free port never handed out before by this process."""
    return free_ports(1, host)[0]


def env_value(value: object) -> str:
    """A setting's value as a ``WIREWATCH_*`` variable reads it back (secrets in clear)."""
    if isinstance(value, SecretStr):
        return value.get_secret_value()
    if isinstance(value, (list, dict)):
        return json.dumps(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def environ_without_settings() -> dict[str, str]:
    """This process's environment without any ``WIREWATCH_*`` variable."""
    return {k: v for k, v in os.environ.items() if not k.startswith(ENV_PREFIX)}


def settings_env(
    *sections: BaseSettings, base: Mapping[str, str] | None = None, **extra: str
) -> dict[str, str]:
    """An environment in which a child process sees these settings.

    Starts from ``base`` (default: this process's environment, so service-specific variables such
    as ``WIREWATCH_PARSER_WORKERS`` pass through), sets every field of every section on top, then
    ``extra`` variables.
    """
    env = dict(os.environ if base is None else base)
    for section in sections:
        prefix = str(section.model_config.get("env_prefix", ENV_PREFIX))
        for name in type(section).model_fields:
            value = getattr(section, name)
            if value is not None:
                env[f"{prefix}{name}".upper()] = env_value(value)
    env.update(extra)
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


class ServiceFailed(ServiceError):
    """A service process exited, or did not become healthy in time."""

    def __init__(self, service: ServiceProcess, message: str) -> None:
        super().__init__(message)
        self.service = service


class ServiceProcess:
    """One ``wirewatch <command>`` process (``python -m wirewatch.cli``) with its output appended to
    a log file.

    ``command`` is a service name (``"parser"``) or the command's arguments (``["api", "--port",
    "8080"]``); ``module`` is what ``python -m`` runs (a test module with its own ``__main__``, say).
    With ``port_variable`` (e.g. ``WIREWATCH_WEB_PORT``) the child is told ``web_port``
    through it at every start; ``banner`` writes a start line into the log first.
    """

    health_poll_seconds = 0.5  # how often ``wait_healthy`` asks (the tests' subclass asks more often)

    def __init__(
        self,
        command: str | Sequence[str],
        env: Mapping[str, str],
        log_path: Path,
        web_port: int | None = None,
        *,
        cwd: Path | None = None,
        port_variable: str | None = None,
        banner: bool = False,
        module: str = "wirewatch.cli",
    ) -> None:
        self.args = [command] if isinstance(command, str) else list(command)
        self.module = module
        self.name = " ".join(self.args)
        self.env = dict(env)
        self.log_path = log_path
        self.web_port = web_port
        self.cwd = cwd
        self.port_variable = port_variable
        self.banner = banner
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc is not None else None

    @property
    def returncode(self) -> int | None:
        return self.proc.poll() if self.proc is not None else None

    def start(self) -> Self:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        env = dict(self.env)
        if self.port_variable and self.web_port is not None:
            env[self.port_variable] = str(self.web_port)
        with self.log_path.open("ab") as log:
            if self.banner:
                stamp = datetime.now(UTC).isoformat(timespec="seconds")
                line = f"=== wirewatch {self.name} started {stamp} (web port {self.web_port}) ===\n"
                log.write(line.encode())
                log.flush()
            self.proc = subprocess.Popen(
                [sys.executable, "-m", self.module, *self.args],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=self.cwd,
                start_new_session=True,  # Ctrl-C in a terminal reaches the parent only; it stops us cleanly
            )
        return self

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def _get(self, path: str, timeout: float) -> tuple[int, str] | None:
        import httpx

        try:
            resp = httpx.get(f"http://127.0.0.1:{self.web_port}{path}", timeout=timeout)
        except httpx.HTTPError:
            return None
        return resp.status_code, resp.text

    def healthy(self, path: str = "/healthz") -> bool:
        answer = self._get(path, 2.0)
        return answer is not None and answer[0] == 200

    def metrics_text(self) -> str | None:
        answer = self._get("/metrics", 3.0)
        return answer[1] if answer is not None and answer[0] == 200 else None

    def wait_healthy(self, timeout: float = 90.0, path: str = "/healthz") -> None:
        """Return once ``path`` answers 200; ``ServiceFailed`` when the process exits first,
        ``TimeoutError`` after ``timeout`` seconds (both with the end of the log)."""
        assert self.web_port, "no web port configured"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise ServiceFailed(
                    self, f"{self.args} exited with {self.proc.returncode}:\n{self.output()[-3000:]}"
                )
            if self.healthy(path):
                return
            time.sleep(self.health_poll_seconds)
        raise TimeoutError(f"{self.args} not healthy on {path} after {timeout}s:\n{self.output()[-3000:]}")

    def output(self) -> str:
        return self.log_path.read_text("utf-8", "replace") if self.log_path.exists() else ""

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.output().splitlines()[-lines:])

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
