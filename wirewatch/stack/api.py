"""Sync Python API of the local stack: ``ensure_up``, ``stop``, ``status``, ``is_up``.

Plain blocking functions (httpx sync; the Kafka probe runs aiokafka in its own thread and loop),
so they can be called from sync code and from inside a running event loop alike.
"""

from __future__ import annotations

import fcntl
import logging
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from shared.config import Settings
from wirewatch.stack import elasticsearch as es
from wirewatch.stack import kafka
from wirewatch.stack.download import install_elasticsearch, install_kafka
from wirewatch.stack.process import StackError, check_ports_free, stop_pid
from wirewatch.stack.system import find_java, stack_run_as
from wirewatch.stack.versions import ES_VERSION, KAFKA_VERSION, MIN_JAVA_ES

log = logging.getLogger("wirewatch.stack")
Progress = Callable[[str], None]
STOP_TIMEOUT = 30.0


@dataclass(frozen=True)
class ComponentStatus:
    name: str
    version: str | None
    port: int
    pid: int | None
    healthy: bool
    health: str


@dataclass(frozen=True)
class StackInfo:
    kafka_bootstrap: str
    elasticsearch_url: str
    kafka_version: str
    elasticsearch_version: str
    started: tuple[str, ...]  # components this call started ('' when all were running)


def _log_progress(message: str) -> None:
    log.info("%s", message)


@contextmanager
def _lock(settings: Settings) -> Iterator[None]:
    """One ``up``/``down`` at a time per state dir (e.g. two test sessions starting together)."""
    settings.state_dir.mkdir(parents=True, exist_ok=True)
    with (settings.state_dir / "stack.lock").open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _settings(settings: Settings | None) -> Settings:
    return settings if settings is not None else Settings()


def kafka_status(settings: Settings) -> ComponentStatus:
    pid = kafka.running_pid(settings)
    ok = kafka.answers(settings, timeout=3.0) if pid else False
    version = kafka.version_of(pid) if pid else None
    health = "ok" if ok else ("not answering" if pid else "stopped")
    return ComponentStatus(kafka.NAME, version, settings.stack_kafka_port, pid, ok, health)


def es_status(settings: Settings) -> ComponentStatus:
    pid = es.running_pid(settings)
    color = es.health(settings, timeout=3.0) if pid else None
    ok = color in ("green", "yellow")
    version = es.version(settings, timeout=3.0) if ok else None
    health = color or ("not answering" if pid else "stopped")
    return ComponentStatus(es.NAME, version, settings.stack_es_port, pid, ok, health)


def status(settings: Settings | None = None) -> list[ComponentStatus]:
    s = _settings(settings)
    return [kafka_status(s), es_status(s)]


def is_up(settings: Settings | None = None) -> bool:
    return all(c.healthy for c in status(settings))


def _info(
    s: Settings, started: tuple[str, ...], kafka_version: str | None, es_version: str | None
) -> StackInfo:
    return StackInfo(
        kafka.bootstrap(s), es.url(s), kafka_version or KAFKA_VERSION, es_version or ES_VERSION, started
    )


def ensure_up(
    settings: Settings | None = None, *, progress: Progress | None = None, timeout: float | None = None
) -> StackInfo:
    """Start whatever part of the stack is not running and wait until both answer.

    Idempotent and blocking: returns when Kafka answers metadata requests and Elasticsearch is
    yellow or green, or raises :class:`StackError` (port taken, download failed, start failed,
    not ready within ``timeout`` seconds, default ``settings.stack_start_timeout``).
    """
    s = _settings(settings)
    say = progress or _log_progress
    wait_s = timeout if timeout is not None else s.stack_start_timeout
    with _lock(s):
        k_pid, e_pid = kafka.running_pid(s), es.running_pid(s)
        # ports first: a taken port fails fast, before any download
        ports: dict[str, int] = {}
        if k_pid is None:
            ports |= {"stack_kafka_port": s.stack_kafka_port}
            ports |= {"stack_kafka_controller_port": s.stack_kafka_controller_port}
        if e_pid is None:
            ports |= {"stack_es_port": s.stack_es_port}
        check_ports_free(ports)
        if k_pid and e_pid and kafka.answers(s) and es.health(s) in ("green", "yellow"):
            return _info(s, (), kafka.version_of(k_pid), es.version(s))

        java = find_java(MIN_JAVA_ES)
        k_home = install_kafka(s.cache_dir, progress=say) if k_pid is None else None
        e_home = install_elasticsearch(s.cache_dir, progress=say) if e_pid is None else None

        started: list[str] = []
        launcher: subprocess.Popen[bytes] | None = None
        kafka_proc: subprocess.Popen[bytes] | None = None
        run_as = stack_run_as()  # as root: the unprivileged wirewatch user runs both
        who = f" as user {run_as.name!r}" if run_as.name else ""
        if e_home is not None:
            say(f"starting Elasticsearch {ES_VERSION} on port {s.stack_es_port}{who}")
            launcher = es.start(s, e_home, java, run_as)
            started.append(es.NAME)
        if k_home is not None:
            say(f"starting Kafka {KAFKA_VERSION} on port {s.stack_kafka_port}{who}")
            kafka_proc = kafka.start(s, java, k_home, run_as)
            started.append(kafka.NAME)
        restart: Callable[[], subprocess.Popen[bytes]] | None = None
        if e_home is not None:
            home = e_home

            def restart() -> subprocess.Popen[bytes]:
                return es.start(s, home, java, run_as)

        _wait_ready(s, wait_s, say, launcher, kafka_proc, restart_es=restart)
        k_pid = kafka.running_pid(s)
        return _info(s, tuple(started), kafka.version_of(k_pid) if k_pid else None, es.version(s))


LAUNCHER_GRACE = 30.0  # seconds the node may still come up after its launcher exited non-zero


def _failure(summary: str, hint: str) -> StackError:
    """The log tail first and the one-line reason last: the end of a CI log is what gets read."""
    return StackError(f"last log lines:\n{hint}\n{summary}" if hint else summary)


def _wait_ready(
    s: Settings,
    timeout: float,
    say: Progress,
    launcher: subprocess.Popen[bytes] | None,
    kafka_proc: subprocess.Popen[bytes] | None,
    *,
    restart_es: Callable[[], subprocess.Popen[bytes]] | None = None,
) -> None:
    """Wait until Kafka answers and Elasticsearch is yellow or green.

    When Elasticsearch's launcher failed and no node came up, it is started once more (``restart_es``)
    before giving up: a first start on a new machine has failed that way once, unexplained.
    """
    t0 = time.monotonic()
    deadline = t0 + timeout
    kafka_ok = es_ok = False
    last_note = 0.0
    launcher_failed: tuple[int, float] | None = None  # (exit code, when): the node may be up anyway
    while True:
        now = time.monotonic()
        if not kafka_ok:
            if kafka_proc is not None and kafka_proc.poll() is not None:
                raise _failure(
                    f"Kafka exited with code {kafka_proc.returncode} while starting", kafka.failure_hint(s)
                )
            kafka_ok = kafka.answers(s, timeout=3.0)
            if kafka_ok:
                say(f"Kafka answers on {kafka.bootstrap(s)} ({time.monotonic() - t0:.1f}s)")
        if not es_ok:
            code = launcher.poll() if launcher is not None else None
            if code not in (None, 0) and launcher_failed is None:
                assert code is not None
                launcher_failed = (code, now)
                say(f"the Elasticsearch launcher exited with code {code}; waiting for the node itself")
            es_ok = es.health(s, timeout=3.0) in ("green", "yellow")
            if es_ok:
                say(f"Elasticsearch is {es.health(s)} on {es.url(s)} ({time.monotonic() - t0:.1f}s)")
            elif launcher_failed is not None:
                code, since = launcher_failed
                node_gone = es.running_pid(s) is None and es.health(s, timeout=3.0) is None
                if node_gone and now - since >= 5.0 and restart_es is not None:
                    say(f"no Elasticsearch node runs after its launcher's exit {code}: starting it again")
                    launcher, restart_es, launcher_failed = restart_es(), None, None
                elif (node_gone and now - since >= 5.0) or now - since >= LAUNCHER_GRACE:
                    state = "no node is running" if node_gone else "the node does not answer"
                    raise _failure(
                        f"Elasticsearch's launcher exited with code {code} while starting and {state}"
                        f" {now - since:.0f}s later",
                        es.failure_hint(s),
                    )
        if kafka_ok and es_ok:
            return
        now = time.monotonic()
        if now >= deadline:
            waiting = [n for n, ok in ((kafka.NAME, kafka_ok), (es.NAME, es_ok)) if not ok]
            hint = kafka.failure_hint(s) if not kafka_ok else es.failure_hint(s)
            raise _failure(
                f"{' and '.join(waiting)} not ready after {timeout:.0f}s (raise WIREWATCH_STACK_START_TIMEOUT"
                " if the machine is just slow)",
                hint,
            )
        if now - last_note >= 10:
            waiting = [n for n, ok in ((kafka.NAME, kafka_ok), (es.NAME, es_ok)) if not ok]
            say(f"waiting for {', '.join(waiting)} ({now - t0:.0f}s of {timeout:.0f}s)")
            last_note = now
        time.sleep(1.0)


def stop(settings: Settings | None = None, *, progress: Progress | None = None) -> list[str]:
    """Stop the processes the stack started (by pid file, after checking the command line)."""
    s = _settings(settings)
    say = progress or _log_progress
    stopped: list[str] = []
    with _lock(s):
        for name, pid_of, pid_file, marks in (
            (kafka.NAME, kafka.running_pid, kafka.Paths(s).pid_file, kafka.identity(s)),
            (es.NAME, es.running_pid, es.Paths(s).pid_file, es.identity(s)),
        ):
            pid = pid_of(s)
            if pid is None:
                say(f"{name} is not running")
                continue
            say(f"stopping {name} (pid {pid})")
            if stop_pid(pid, marks, timeout=STOP_TIMEOUT):
                stopped.append(name)
            Path(pid_file).unlink(missing_ok=True)
    return stopped
