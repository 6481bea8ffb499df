"""Pid files, process identity, ports and stopping: the stack only ever stops what it started.

Files are read and written without following symlinks (``O_NOFOLLOW``) and only if they are
regular files: when the stack runs as root, some of them live in directories the unprivileged
``wirewatch`` user owns (``docs/security.md``, "Local stack: never lending root").
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psutil

from shared.errors import StackError as StackError  # re-exported: the stack's modules raise it from here


@dataclass(frozen=True)
class Identity:
    """How to recognise *our* java process: strings its command line holds, environment it has."""

    cmdline: tuple[str, ...]
    environ: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Owner:
    pid: int
    name: str


def read_regular(path: Path, limit: int = 1 << 20) -> bytes | None:
    """The first ``limit`` bytes of ``path`` if it is a regular file (never through a symlink, never
    blocking on a FIFO); None when it is missing, a symlink or anything but a regular file."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        chunks: list[bytes] = []
        size = 0
        while size < limit:
            chunk = os.read(fd, min(1 << 16, limit - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def create_new(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Write ``data`` to ``path`` atomically: a fresh temporary sibling opened with
    ``O_CREAT | O_EXCL | O_NOFOLLOW`` (never an existing file, never through a symlink), renamed over
    ``path`` (a symlink there is replaced, not followed)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        os.unlink(tmp)  # a leftover of a crashed run (unlink never follows a symlink)
    except FileNotFoundError:
        pass
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, mode)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def read_pid(pid_file: Path) -> int | None:
    """The pid written in ``pid_file``, or None when the file is missing, not regular or garbage."""
    data = read_regular(pid_file, limit=64)
    text = data.decode("ascii", "replace").strip() if data is not None else ""
    return int(text) if text.isdigit() and int(text) > 0 else None


def write_pid(pid_file: Path, pid: int) -> None:
    pid_file.parent.mkdir(parents=True, exist_ok=True)
    create_new(pid_file, f"{pid}\n".encode())


def is_ours(pid: int, ident: Identity) -> bool:
    """True when ``pid`` is alive, is a java process and matches ``ident``."""
    try:
        proc = psutil.Process(pid)
        if proc.status() == psutil.STATUS_ZOMBIE:
            return False
        cmd = proc.cmdline()
        if not cmd or not os.path.basename(cmd[0]).startswith("java"):
            return False
        joined = "\0".join(cmd)
        if not all(n in joined for n in ident.cmdline):
            return False
        if ident.environ:
            env = proc.environ()
            return all(env.get(k) == v for k, v in ident.environ)
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return False
    return True


def our_pid(pid_file: Path, ident: Identity) -> int | None:
    """The pid from ``pid_file`` if it still belongs to our java process; a stale file is removed."""
    pid = read_pid(pid_file)
    if pid is None:
        return None
    if is_ours(pid, ident):
        return pid
    pid_file.unlink(missing_ok=True)
    return None


def find_ours(pid_file: Path, ident: Identity, port: int, *, remember: bool = True) -> int | None:
    """Our pid from ``pid_file``; when the file is lost, the listener of ``port`` if it is ours
    (written back to ``pid_file`` when ``remember``: never into a directory another user owns)."""
    pid = our_pid(pid_file, ident)
    if pid is not None:
        return pid
    owner = port_owner(port)
    if owner is not None and is_ours(owner.pid, ident):
        if remember:
            write_pid(pid_file, owner.pid)
        return owner.pid
    return None


def stop_pid(pid: int, ident: Identity, timeout: float = 30.0) -> bool:
    """SIGTERM ``pid`` (only if it is still our process), SIGKILL after ``timeout``.

    Returns True when a process was stopped.
    """
    if not is_ours(pid, ident):
        return False
    try:
        proc = psutil.Process(pid)
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except psutil.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
    except psutil.NoSuchProcess:
        pass
    return True


def port_free(port: int, host: str = "127.0.0.1") -> bool:
    """True when nothing listens on ``host:port`` (we can bind it ourselves)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


def port_owner(port: int) -> Owner | None:
    """The process listening on ``port`` when the OS lets us see it."""
    try:
        conns = psutil.net_connections(kind="tcp")
    except (psutil.AccessDenied, PermissionError):
        return None
    for conn in conns:
        if conn.status == psutil.CONN_LISTEN and conn.laddr and conn.laddr.port == port and conn.pid:
            try:
                return Owner(conn.pid, " ".join(psutil.Process(conn.pid).cmdline()[:3])[:120])
            except psutil.Error:
                return Owner(conn.pid, "?")
    return None


def check_ports_free(ports: dict[str, int]) -> None:
    """Raise :class:`StackError` naming the first port (and its setting) already in use."""
    for setting, port in ports.items():
        if not port_free(port):
            owner = port_owner(port)
            who = f" by pid {owner.pid} ({owner.name})" if owner else ""
            env = "WIREWATCH_" + setting.upper()
            raise StackError(
                f"port {port} ({setting}) is already in use{who}; stop that process or choose "
                f"another port with {env}=<port>"
            )


def wait_until(predicate: Callable[[], object], timeout: float, interval: float = 0.5) -> bool:
    """Poll ``predicate()`` until it is truthy or ``timeout`` seconds have passed."""
    deadline = time.monotonic() + timeout
    while True:
        if predicate():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)


def tail(path: Path, lines: int = 20) -> str:
    """The last ``lines`` lines of a text file ('' when missing, a symlink or not a regular file)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return ""
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return ""
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        fh.seek(max(0, size - 64 * 1024))
        data = fh.read().decode("utf-8", "replace")
    return "\n".join(data.splitlines()[-lines:])
