"""Fetching Kafka and Elasticsearch from Maven Central into the cache, verified and atomically.

Layout under ``Settings().cache_dir``::

    m2/                      Maven local repository (downloads, kept across resets)
    kafka-<version>/libs/    the jars of kafka.Kafka + StorageTool; marker file written last
    elasticsearch-<version>/ the unpacked integ-test-zip distribution; marker file written last

Everything is built in a hidden temporary sibling directory and renamed into place only when
complete, so an interrupted or failed install is never used.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import zipfile
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path

from wirewatch.stack.process import StackError
from wirewatch.stack.system import find_mvn, make_readable
from wirewatch.stack.versions import (
    ES_ARTIFACT,
    ES_GROUP,
    ES_POM,
    ES_VERSION,
    ES_ZIP_SHA256,
    KAFKA_JARS_SHA256,
    KAFKA_POM,
    KAFKA_SCALA,
    KAFKA_VERSION,
    MAVEN_DEPENDENCY_PLUGIN,
)

MARKER = ".wirewatch-installed"
MAVEN_TIMEOUT = 1200.0
Progress = Callable[[str], None]
_DOWNLOADED = re.compile(r"Downloaded from \S+: (\S+) \(([^)]*)\)")


def _noop(_: str) -> None:
    return None


def is_installed(path: Path) -> bool:
    """Installed (marker written last) and ours: an install another user owns (an older version
    gave Elasticsearch's to the ``wirewatch`` user) is not trusted, since root reads and runs it."""
    try:
        owner = os.lstat(path).st_uid
    except FileNotFoundError:
        return False
    return owner == os.geteuid() and (path / MARKER).is_file()


def kafka_home(cache_dir: Path) -> Path:
    return cache_dir / f"kafka-{KAFKA_VERSION}"


def es_home(cache_dir: Path) -> Path:
    return cache_dir / f"elasticsearch-{ES_VERSION}"


def _staging(dest: Path) -> Path:
    """A fresh temporary sibling of ``dest`` (stale ones from earlier crashes are removed)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    for stale in dest.parent.glob(f".{dest.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)
    tmp = dest.parent / f".{dest.name}.tmp-{os.getpid()}"
    tmp.mkdir()
    return tmp


def _commit(built: Path, dest: Path, note: str) -> None:
    """Write the marker last, then rename ``built`` to ``dest`` in one step."""
    make_readable(built)  # the unprivileged user that runs it reads it; nobody else may write it
    (built / MARKER).write_text(note + "\n")
    # a leftover without marker, or one not ours: replace it (rmtree does not follow symlinks)
    if dest.is_symlink() or dest.is_file():
        dest.unlink()
    elif dest.exists():
        shutil.rmtree(dest)
    os.rename(built, dest)


def run_maven(
    pom: Path,
    args: Sequence[str],
    repo: Path,
    *,
    strict_checksums: bool,
    offline: bool = False,
    progress: Progress = _noop,
    what: str = "artifacts",
) -> None:
    """Run ``mvn`` on ``pom``; downloads are reported through ``progress``; failure -> StackError."""
    mvn = find_mvn()
    cmd = [mvn, "-B", "-f", str(pom), f"-Dmaven.repo.local={repo}"]
    cmd.append("-C" if strict_checksums else "-c")
    if offline:
        cmd.append("-o")
    cmd.extend(args)
    last: deque[str] = deque(maxlen=25)
    try:
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, stdin=subprocess.DEVNULL
        )
    except OSError as exc:
        raise StackError(f"cannot run {mvn}: {exc}") from exc
    assert proc.stdout is not None
    small = 0
    for line in proc.stdout:
        line = line.rstrip()
        last.append(line)
        match = _DOWNLOADED.search(line)
        if match:
            if " MB" in match.group(2):  # report the big files, count the rest (poms, plugins)
                progress(f"downloaded {match.group(1).rsplit('/', 1)[-1]} ({match.group(2)})")
            else:
                small += 1
    if small:
        progress(f"downloaded {small} smaller files (poms, Maven plugin)")
    try:
        rc = proc.wait(timeout=MAVEN_TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise StackError(f"downloading {what} with Maven took more than {MAVEN_TIMEOUT:.0f}s") from None
    if rc != 0:
        errors = [ln for ln in last if "[ERROR]" in ln][:5] or list(last)[-8:]
        raise StackError(f"downloading {what} with Maven failed (exit {rc}):\n" + "\n".join(errors))


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_jars(libs: Path, pins: dict[str, str]) -> None:
    """Exactly the pinned jars, each with its pinned SHA-256, or :class:`StackError` naming the first
    difference (missing, unexpected or changed jar)."""
    found = {p.name for p in libs.glob("*.jar")} if libs.is_dir() else set()
    missing = sorted(set(pins) - found)
    extra = sorted(found - set(pins))
    if missing or extra:
        what = (f"missing {', '.join(missing[:3])}" if missing else "") + (
            f"{'; ' if missing else ''}not pinned {', '.join(extra[:3])}" if extra else ""
        )
        raise StackError(f"the Kafka jars are not the pinned set ({what}); not installed")
    for name in sorted(pins):
        actual = sha256_of(libs / name)
        if actual != pins[name]:
            raise StackError(
                f"checksum mismatch for {name}: expected sha256 {pins[name]}, got {actual} "
                "(corrupt or tampered download; Kafka was not installed)"
            )


def unpack_zip(zip_path: Path, dest: Path, sha256: str, top_dir: str) -> None:
    """Verify ``zip_path`` against ``sha256`` and unpack its ``top_dir`` atomically to ``dest``."""
    actual = sha256_of(zip_path)
    if actual != sha256:
        raise StackError(
            f"checksum mismatch for {zip_path.name}: expected sha256 {sha256}, got {actual} "
            "(corrupt or tampered download; it was not installed)"
        )
    tmp = _staging(dest)
    try:
        try:
            with zipfile.ZipFile(zip_path) as zf:
                for info in zf.infolist():
                    target = Path(zf.extract(info, tmp))
                    mode = (info.external_attr >> 16) & 0o777
                    if mode and not info.is_dir():
                        target.chmod(mode)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise StackError(f"{zip_path.name} is corrupt and was not installed: {exc}") from exc
        built = tmp / top_dir
        if not built.is_dir():
            raise StackError(f"{zip_path.name} does not contain {top_dir}/; not installed")
        _commit(built, dest, f"{zip_path.name} sha256={sha256}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def install_kafka(cache_dir: Path, *, offline: bool = False, progress: Progress = _noop) -> Path:
    """The Kafka jars (``<home>/libs``), fetched with strict checksums when not cached yet."""
    dest = kafka_home(cache_dir)
    if is_installed(dest):
        return dest
    progress(f"fetching Kafka {KAFKA_VERSION} jars from Maven Central")
    tmp = _staging(dest)
    try:
        run_maven(
            KAFKA_POM,
            [
                f"{MAVEN_DEPENDENCY_PLUGIN}:copy-dependencies",
                f"-Dkafka.version={KAFKA_VERSION}",
                f"-DoutputDirectory={tmp / 'libs'}",
                "-DincludeScope=runtime",
            ],
            cache_dir / "m2",
            strict_checksums=True,
            offline=offline,
            progress=progress,
            what=f"Kafka {KAFKA_VERSION}",
        )
        for jar in (f"kafka_{KAFKA_SCALA}-{KAFKA_VERSION}.jar", f"kafka-clients-{KAFKA_VERSION}.jar"):
            path = tmp / "libs" / jar
            if not zipfile.is_zipfile(path):
                raise StackError(f"Kafka download incomplete: {jar} missing or corrupt; not installed")
        progress(f"verifying the {len(KAFKA_JARS_SHA256)} Kafka jars against their pinned SHA-256")
        verify_jars(tmp / "libs", KAFKA_JARS_SHA256)
        _commit(tmp, dest, f"kafka {KAFKA_VERSION}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return dest


def install_elasticsearch(cache_dir: Path, *, offline: bool = False, progress: Progress = _noop) -> Path:
    """The unpacked Elasticsearch distribution, fetched and SHA-256-checked when not cached yet."""
    dest = es_home(cache_dir)
    if is_installed(dest):
        return dest
    progress(f"fetching Elasticsearch {ES_VERSION} (~95 MB) from Maven Central")
    repo = cache_dir / "m2"
    stage = _staging(cache_dir / f"elasticsearch-{ES_VERSION}.zip")
    try:
        run_maven(
            ES_POM,
            [
                f"{MAVEN_DEPENDENCY_PLUGIN}:copy-dependencies",
                f"-Des.version={ES_VERSION}",
                f"-DoutputDirectory={stage}",
                "-DincludeTypes=zip",
            ],
            repo,
            strict_checksums=False,  # Central has no checksum file for this zip: pinned SHA-256 instead
            offline=offline,
            progress=progress,
            what=f"Elasticsearch {ES_VERSION}",
        )
        zip_path = stage / f"{ES_ARTIFACT}-{ES_VERSION}.zip"
        if not zip_path.is_file():
            raise StackError(f"Maven did not produce {zip_path.name}; Elasticsearch not installed")
        progress(f"verifying and unpacking {zip_path.name}")
        try:
            unpack_zip(zip_path, dest, ES_ZIP_SHA256, f"elasticsearch-{ES_VERSION}")
        except StackError:
            # drop the bad copy from the Maven cache so that the next attempt downloads it again
            shutil.rmtree(repo / Path(*ES_GROUP.split(".")) / ES_ARTIFACT / ES_VERSION, ignore_errors=True)
            raise
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return dest
