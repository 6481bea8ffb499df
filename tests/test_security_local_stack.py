"""The local stack never lends root (docs/security.md, "Local stack: never lending root"): as root,
Kafka and Elasticsearch run as the unprivileged ``wirewatch`` user; root writes only in directories
it owns, never through a symlink; the children open their own logs; files root reads from the
user's directories are opened without following symlinks. Also: the Kafka jars are checked against
their pinned SHA-256s.

Tests that need root and the ``wirewatch`` user (as CI runs ``wirewatch stack up``) skip, saying
so, elsewhere. Nothing here touches the running stack: separate state dirs and ports only."""

from __future__ import annotations

import os
import pwd
import shutil
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.config import Settings
from wirewatch.stack import elasticsearch as es
from wirewatch.stack import kafka
from wirewatch.stack.download import kafka_home, sha256_of, verify_jars
from wirewatch.stack.process import StackError, create_new, read_pid, stop_pid, tail, write_pid
from wirewatch.stack.system import (
    RunAs,
    copy_as,
    find_java,
    owned_dir,
    spawn,
    stack_run_as,
    user_dir,
    write_own_file,
)
from wirewatch.stack.versions import KAFKA_JARS_SHA256

IS_ROOT = os.geteuid() == 0


def _wirewatch_user() -> RunAs:
    if not IS_ROOT:
        pytest.skip("needs root (CI runs `wirewatch stack up` as root): the privilege boundary is root's")
    return stack_run_as()


@pytest.fixture
def tmp_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh directory the ``wirewatch`` user can traverse (pytest's own base is mode 0700)."""
    path = Path(tempfile.mkdtemp(prefix="ww-sec-", dir="/tmp"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A root-owned file outside every state dir: nothing may write to it."""
    path = tmp_path / "outside" / "victim.txt"
    path.parent.mkdir()
    path.write_text("untouched\n")
    path.chmod(0o644)
    return path


# ---- file helpers (any user) -----------------------------------------------------------------------


def test_create_new_replaces_a_planted_symlink_without_writing_through_it(
    tmp_path: Path, victim: Path
) -> None:
    target = tmp_path / "server.properties"
    target.symlink_to(victim)
    (tmp_path / f".server.properties.{os.getpid()}.tmp").symlink_to(victim)  # the temp name, too
    create_new(target, b"listeners=...\n")
    assert victim.read_text() == "untouched\n"
    assert not target.is_symlink() and target.read_text() == "listeners=...\n"
    write_pid(tmp_path / "kafka.pid", 4242)
    assert read_pid(tmp_path / "kafka.pid") == 4242


def test_reads_do_not_follow_symlinks_or_block_on_a_fifo(tmp_path: Path, victim: Path) -> None:
    victim.write_text("4242\nsecret line\n")
    (tmp_path / "pid").symlink_to(victim)
    (tmp_path / "log").symlink_to(victim)
    assert read_pid(tmp_path / "pid") is None
    assert tail(tmp_path / "log") == ""
    os.mkfifo(tmp_path / "fifo")  # would block an open() for reading forever
    assert read_pid(tmp_path / "fifo") is None and tail(tmp_path / "fifo") == ""
    (tmp_path / "real.log").write_text("a\nb\nc\n")
    assert tail(tmp_path / "real.log", 2) == "b\nc"


def test_write_own_file_refuses_a_directory_another_user_owns(tmp_path: Path) -> None:
    user = _wirewatch_user()
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    os.chown(theirs, user.uid or 0, user.gid or 0)
    with pytest.raises(StackError, match="not owned"):
        write_own_file(theirs / "config", "x=1\n")
    assert list(theirs.iterdir()) == []


def test_owned_dir_takes_back_or_replaces_what_the_user_planted(tmp_path: Path, victim: Path) -> None:
    user = _wirewatch_user()
    assert user.uid and user.gid
    root = tmp_path / "elasticsearch"
    root.mkdir()
    os.chown(root, user.uid, user.gid)  # the old layout gave the whole dir to the user
    data = root / "data"
    data.mkdir()
    os.chown(data, user.uid, user.gid)
    (root / "config.src").symlink_to(victim.parent)  # planted by the user
    owned_dir(root, adopt=True)
    assert os.lstat(root).st_uid == 0 and os.lstat(data).st_uid == user.uid  # contents keep their owner
    src = owned_dir(root / "config.src")
    assert not src.is_symlink() and os.lstat(src).st_uid == 0 and list(src.iterdir()) == []
    assert victim.read_text() == "untouched\n"
    assert sorted(p.name for p in victim.parent.iterdir()) == ["victim.txt"]
    foreign = root / "foreign"
    foreign.mkdir()
    (foreign / "jvm.options").symlink_to(victim)
    os.chown(foreign, user.uid, user.gid)
    owned_dir(foreign)  # not ours: emptied, never read
    assert list(foreign.iterdir()) == [] and victim.read_text() == "untouched\n"


def test_user_dir_creates_for_the_user_and_never_chowns_through_a_symlink(
    tmp_path: Path, victim: Path
) -> None:
    user = _wirewatch_user()
    logs = user_dir(tmp_path / "logs", user)
    assert os.lstat(logs).st_uid == user.uid and stat.S_IMODE(os.lstat(logs).st_mode) == 0o750
    (tmp_path / "data").symlink_to(victim.parent)
    with pytest.raises(StackError, match="not a directory"):
        user_dir(tmp_path / "data", user)
    assert os.lstat(victim.parent).st_uid == 0 and os.lstat(victim).st_uid == 0


def test_the_child_opens_its_own_log_as_the_user_and_cannot_be_pointed_elsewhere(
    tmp_path: Path, victim: Path
) -> None:
    user = _wirewatch_user()
    logs = user_dir(tmp_path / "logs", user)
    proc = spawn(["id", "-u"], run_as=user, log=logs / "out.log", cwd=logs)
    assert proc.wait(30) == 0
    assert (logs / "out.log").read_text().strip() == str(user.uid)
    assert os.lstat(logs / "out.log").st_uid == user.uid  # opened by the child, not by root
    # a symlink in the user's log dir to a root-owned file: root would have appended to it
    (logs / "evil.log").symlink_to(victim)
    proc = spawn(["echo", "overwritten"], run_as=user, log=logs / "evil.log", cwd=logs)
    assert proc.wait(30) != 0
    assert victim.read_text() == "untouched\n"


def test_the_configuration_is_copied_by_the_user_into_its_own_dir(tmp_path: Path, victim: Path) -> None:
    user = _wirewatch_user()
    src = owned_dir(tmp_path / "config.src")
    write_own_file(src / "elasticsearch.yml", "http.port: 1\n")
    dest = user_dir(tmp_path / "config", user)
    (dest / "jvm.options").symlink_to(victim)  # the user's own symlink: followed with its rights only
    copy_as(src, dest, user)
    assert os.lstat(dest / "elasticsearch.yml").st_uid == user.uid  # written by the user, not root
    write_own_file(src / "jvm.options", "-Xmx1g\n")
    with pytest.raises(StackError, match="could not copy"):
        copy_as(src, dest, user)  # cp, as the user, may not write through to a root-owned file
    assert victim.read_text() == "untouched\n"


# ---- Kafka and Elasticsearch as the user, in a separate state dir ----------------------------------


def _separate(tmp_path: Path) -> Settings:
    """Settings of a stack of our own: its state dir and free ports, never the running stack's."""
    from tests.support import free_port

    return Settings(
        state_dir=tmp_path / "state",
        stack_kafka_port=free_port(),
        stack_kafka_controller_port=free_port(),
        stack_es_port=free_port(),
        stack_kafka_heap="256m",
    )


def _kafka_home() -> Path:
    home = kafka_home(Settings().cache_dir)
    if not (home / "libs").is_dir():
        pytest.skip(f"no Kafka jars in {home} yet (`wirewatch stack up` downloads them)")
    return home


def test_kafka_runs_as_the_user_with_root_writing_only_its_own_files(tmp_path: Path, victim: Path) -> None:
    user = _wirewatch_user()
    settings = _separate(tmp_path)
    p = kafka.Paths(settings)
    p.root.mkdir(parents=True)
    p.config.symlink_to(victim)  # root's write must replace it, not follow it
    java = find_java()
    proc = kafka.start(settings, java, _kafka_home(), user)
    try:
        deadline = time.monotonic() + 120
        while not kafka.answers(settings, timeout=3.0):
            assert proc.poll() is None, kafka.failure_hint(settings)
            assert time.monotonic() < deadline, kafka.failure_hint(settings)
            time.sleep(1)
        import psutil

        assert psutil.Process(proc.pid).uids().real == user.uid  # the broker JVM itself (sh exec'd it)
        assert victim.read_text() == "untouched\n"
        assert not p.config.is_symlink() and os.lstat(p.config).st_uid == 0
        assert os.lstat(p.data / "meta.properties").st_uid == user.uid  # formatted by the user
        assert os.lstat(p.out).st_uid == user.uid  # its log opened by itself
        assert kafka.running_pid(settings) == proc.pid
    finally:
        stop_pid(proc.pid, kafka.identity(settings), timeout=30)
        proc.wait(30)


def test_elasticsearch_prepare_copies_the_config_as_the_user(tmp_path: Path, victim: Path) -> None:
    user = _wirewatch_user()
    settings = _separate(tmp_path)
    home = tmp_path / "es-home"  # a stand-in distribution: only its config/ is read here
    (home / "config").mkdir(parents=True)
    (home / "config" / "jvm.options").write_text("-Xss1m\n--add-modules=jdk.incubator.vector\n")
    p = es.Paths(settings)
    p.root.mkdir(parents=True)
    os.chown(p.root, user.uid or 0, user.gid or 0)  # the old layout: the user owned it all
    (p.root / "config.src").symlink_to(victim.parent)
    es.prepare(settings, home, find_java(), user)
    assert victim.read_text() == "untouched\n" and [x.name for x in victim.parent.iterdir()] == ["victim.txt"]
    assert os.lstat(p.root).st_uid == 0 and os.lstat(p.config_src).st_uid == 0
    for d in (p.data, p.logs, p.tmp, p.run, p.config):
        assert os.lstat(d).st_uid == user.uid, d
    copied = p.config / "elasticsearch.yml"
    assert os.lstat(copied).st_uid == user.uid
    assert f"http.port: {settings.stack_es_port}" in copied.read_text()
    assert "jdk.incubator.vector" not in (p.config / "jvm.options").read_text()


# ---- pinned Kafka jars -------------------------------------------------------------------------------


def _fake_libs(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    libs = tmp_path / "libs"
    libs.mkdir()
    pins: dict[str, str] = {}
    for name in ("kafka-clients-4.3.1.jar", "scala-library-2.13.18.jar"):
        (libs / name).write_bytes(name.encode() * 100)
        pins[name] = sha256_of(libs / name)
    return libs, pins


def test_verify_jars_accepts_exactly_the_pinned_set(tmp_path: Path) -> None:
    libs, pins = _fake_libs(tmp_path)
    verify_jars(libs, pins)
    (libs / "scala-library-2.13.18.jar").write_bytes(b"tampered")
    with pytest.raises(StackError, match="checksum mismatch for scala-library"):
        verify_jars(libs, pins)


@pytest.mark.parametrize("change", ["missing", "extra"])
def test_verify_jars_refuses_a_missing_or_unpinned_jar(tmp_path: Path, change: str) -> None:
    libs, pins = _fake_libs(tmp_path)
    if change == "missing":
        (libs / "kafka-clients-4.3.1.jar").unlink()
    else:
        (libs / "log4j-core-2.99.jar").write_bytes(b"new transitive dependency")
    with pytest.raises(StackError, match="not the pinned set"):
        verify_jars(libs, pins)


def test_the_pins_match_the_jars_maven_fetched() -> None:
    libs = _kafka_home() / "libs"
    verify_jars(libs, KAFKA_JARS_SHA256)
    assert any(n.startswith("kafka-clients-") for n in KAFKA_JARS_SHA256)


def test_a_foreign_owned_install_is_not_trusted(tmp_path: Path) -> None:
    user = _wirewatch_user()
    from wirewatch.stack.download import MARKER, is_installed

    home = tmp_path / "elasticsearch-9.2.0"
    home.mkdir()
    (home / MARKER).write_text("x\n")
    assert is_installed(home)
    assert user.uid is not None and user.gid is not None
    shutil.chown(home, user.uid, user.gid)
    assert not is_installed(home)  # root would run code the user could have changed: reinstalled
    assert pwd.getpwuid(os.lstat(home).st_uid).pw_name == user.name
    subprocess.run(["true"], check=True)
