"""The pipeline services (fetcher, parser, classifier, grouper, indexer) as separate local processes.

Used by ``wirewatch demo``, the end-to-end tests and ``bench/e2e_latency.py``. Each service is
``python -m wirewatch.cli <service>`` with its own ``WIREWATCH_WEB_PORT`` (``/healthz``,
``/readyz``, ``/metrics``) and its output in ``<log_dir>/<service>.log``. The services see the given
``Settings`` (every field is passed as a ``WIREWATCH_*`` variable, over this process's
environment) plus per-service extra variables, e.g. the fetcher's
``WIREWATCH_FETCHER_ALLOWED_NETWORKS``.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType

from pydantic_settings import BaseSettings

from shared.config import Settings
from wirewatch.processes import ServiceFailed, ServiceProcess, free_port, free_ports, settings_env

__all__ = [
    "STAGES",
    "Pipeline",
    "ServiceFailed",
    "ServiceProcess",
    "free_port",
    "free_ports",
    "local_fetcher_env",
    "settings_env",
]

STAGES: tuple[str, ...] = ("fetcher", "parser", "classifier", "grouper", "indexer")


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
                name,
                {**base, **extra.get(name, {})},
                log_dir / f"{name}.log",
                port,
                cwd=cwd,
                port_variable="WIREWATCH_WEB_PORT",
                banner=True,
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
        others = [
            other.web_port
            for other in self.services.values()
            if other is not svc and other.web_port is not None
        ]
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
