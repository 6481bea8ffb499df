#!/usr/bin/env python3
"""Pin the third-party images of the deployment files by digest: ``name:tag`` -> ``name:tag@sha256:...``.

    python3 deploy/pin-images.py            # ask each registry, rewrite the files, update the list
    python3 deploy/pin-images.py --check    # exit 1 if any image is not pinned (CI)

For every image reference in ``docker-compose.yml``, ``deploy/k8s/**/*.yaml`` (``image:`` lines) and
the ``Dockerfile`` (``ARG ..._IMAGE=`` defaults and ``FROM`` lines) it asks the image's registry
(Docker Registry HTTP API v2, anonymous bearer token when the registry asks for one) for the manifest
of the tag and writes the digest the registry reports (``Docker-Content-Digest``, checked against
the sha256 of the manifest it sent). A reference already pinned is refreshed to the tag's current
digest. Our own image (``wirewatch``, built from the Dockerfile; Kubernetes rewrites it through the
kustomization's ``images:``) is left alone.

References that could not be pinned (registry unreachable, tag unknown) stay as they are and are
listed in ``deploy/unpinned-images.txt`` with the reason; the tests accept an unpinned reference
only when it is listed there, so an unpinned image is always visible. Needs ``httpx``.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
UNPINNED = REPO / "deploy" / "unpinned-images.txt"
OWN_IMAGES = ("wirewatch",)
DOCKER_HUB = "registry-1.docker.io"
MANIFEST_TYPES = ", ".join(
    (
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    )
)
# `image: ref` (YAML), `ARG X_IMAGE=ref`, `FROM ref [AS name]`
_PATTERNS = (
    re.compile(r"^(?P<lead>\s*-?\s*image:\s*[\"']?)(?P<ref>[^\s\"'#]+)(?P<trail>[\"']?.*)$"),
    re.compile(r"^(?P<lead>ARG\s+[A-Z0-9_]*IMAGE=)(?P<ref>\S+)(?P<trail>.*)$"),
    re.compile(
        r"^(?P<lead>FROM\s+(?:--platform=\S+\s+)?)(?P<ref>[^\s$]\S*)(?P<trail>(?:\s+AS\s+\S+)?\s*)$", re.I
    ),
)
_DIGEST = re.compile(r"^sha256:[0-9a-f]{64}$")


class PinError(RuntimeError):
    """The registry did not give a trustworthy digest for a tag."""


@dataclass(frozen=True)
class ImageRef:
    registry: str  # host[:port] as written ('' for Docker Hub)
    repository: str  # path as written (e.g. apache/kafka, python)
    tag: str
    digest: str | None

    @classmethod
    def parse(cls, ref: str) -> ImageRef:
        name, _, digest = ref.partition("@")
        registry = ""
        first, slash, rest = name.partition("/")
        if slash and ("." in first or ":" in first or first == "localhost"):
            registry, name = first, rest
        repository, colon, tag = name.rpartition(":")
        if not colon or "/" in tag:
            repository, tag = name, "latest"
        return cls(registry, repository, tag, digest or None)

    @property
    def name(self) -> str:
        return f"{self.registry}/{self.repository}" if self.registry else self.repository

    @property
    def api_host(self) -> str:
        return self.registry or DOCKER_HUB

    @property
    def api_repository(self) -> str:
        if not self.registry and "/" not in self.repository:
            return f"library/{self.repository}"  # Docker Hub's official images
        return self.repository

    def pinned(self, digest: str) -> str:
        return f"{self.name}:{self.tag}@{digest}"

    def __str__(self) -> str:
        return f"{self.name}:{self.tag}" + (f"@{self.digest}" if self.digest else "")


def is_own(ref: str) -> bool:
    """Our image: ``wirewatch[:tag]``, or a whole-reference variable defaulting to it."""
    whole = re.fullmatch(r"\$\{[A-Za-z0-9_]+:-([^}]+)\}", ref)
    if whole:
        ref = whole.group(1)
    return ImageRef.parse(ref).repository.split("/")[-1] in OWN_IMAGES


def deployment_files(root: Path = REPO) -> list[Path]:
    k8s = sorted((root / "deploy" / "k8s").rglob("*.yaml"))  # with deploy/k8s/eck
    files = [root / "docker-compose.yml", root / "Dockerfile", *k8s]
    return [f for f in files if f.is_file()]


def references(text: str) -> Iterable[tuple[int, re.Match[str]]]:
    """(line number, match) of every image reference in a deployment file's text."""
    for number, line in enumerate(text.splitlines()):
        for pattern in _PATTERNS:
            match = pattern.match(line)
            if match:
                yield number, match
                break


def third_party_references(root: Path = REPO) -> dict[str, list[Path]]:
    """Every third-party image reference -> the files that hold it."""
    found: dict[str, list[Path]] = {}
    for path in deployment_files(root):
        for _, match in references(path.read_text()):
            ref = match.group("ref")
            if not is_own(ref):
                found.setdefault(ref, []).append(path)
    return found


def _token(client: httpx.Client, challenge: str) -> str | None:
    """An anonymous bearer token for a ``WWW-Authenticate: Bearer realm=...`` challenge."""
    if not challenge.lower().startswith("bearer "):
        return None
    params = dict(re.findall(r'(\w+)="([^"]*)"', challenge))
    realm = params.pop("realm", None)
    if not realm:
        return None
    resp = client.get(realm, params=params)
    resp.raise_for_status()
    body = resp.json()
    token = body.get("token") or body.get("access_token")
    return str(token) if token else None


def resolve(client: httpx.Client, ref: ImageRef, base_urls: dict[str, str]) -> str:
    """The digest the registry serves for ``ref``'s tag (verified against the manifest bytes)."""
    base = base_urls.get(ref.api_host, f"https://{ref.api_host}").rstrip("/")
    url = f"{base}/v2/{ref.api_repository}/manifests/{ref.tag}"
    headers = {"Accept": MANIFEST_TYPES}
    resp = client.get(url, headers=headers)
    if resp.status_code == 401:
        token = _token(client, resp.headers.get("www-authenticate", ""))
        if token:
            resp = client.get(url, headers={**headers, "Authorization": f"Bearer {token}"})
    if resp.status_code != 200:
        raise PinError(f"{ref}: registry answered {resp.status_code} for {url}")
    actual = "sha256:" + hashlib.sha256(resp.content).hexdigest()
    claimed = resp.headers.get("docker-content-digest", actual)
    if not _DIGEST.match(claimed):
        raise PinError(f"{ref}: registry sent an unusable digest {claimed!r}")
    if claimed != actual:
        raise PinError(f"{ref}: manifest sha256 {actual} differs from the digest the registry claims")
    return claimed


def pin(
    root: Path, base_urls: dict[str, str], timeout: float = 20.0
) -> tuple[dict[str, str], dict[str, str]]:
    """Rewrite the files; (pinned ref -> new ref, unpinned ref -> reason)."""
    pinned: dict[str, str] = {}
    failed: dict[str, str] = {}
    with httpx.Client(timeout=timeout, follow_redirects=True) as client:
        for ref_text in third_party_references(root):
            ref = ImageRef.parse(ref_text)
            try:
                if "$" in ref_text:
                    raise PinError(f"{ref_text}: a variable in the reference cannot be pinned; write the tag")
                pinned[ref_text] = ref.pinned(resolve(client, ref, base_urls))
            except (PinError, httpx.HTTPError, ValueError) as exc:
                failed[ref_text] = str(exc) or type(exc).__name__
    for path in deployment_files(root):
        lines = path.read_text().splitlines(keepends=True)
        changed = False
        for number, match in list(references("".join(lines))):
            new = pinned.get(match.group("ref"))
            if new and new != match.group("ref"):
                ending = "\n" if lines[number].endswith("\n") else ""
                lines[number] = f"{match.group('lead')}{new}{match.group('trail')}{ending}"
                changed = True
        if changed:
            path.write_text("".join(lines))
    write_unpinned(root / "deploy" / "unpinned-images.txt", failed)
    return pinned, failed


def write_unpinned(path: Path, failed: dict[str, str]) -> None:
    header = (
        "# Third-party images of the deployment files NOT pinned by digest, with the reason.\n"
        "# Refresh with: python3 deploy/pin-images.py (needs the registries); the tests accept an\n"
        "# unpinned image reference only when it is listed here.\n"
    )
    path.write_text(header + "".join(f"{ref}  # {reason}\n" for ref, reason in sorted(failed.items())))


def read_unpinned(path: Path = UNPINNED) -> set[str]:
    if not path.is_file():
        return set()
    return {
        line.split("#", 1)[0].strip()
        for line in path.read_text().splitlines()
        if line.split("#", 1)[0].strip()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=REPO, help="the repository (default: this one)")
    parser.add_argument(
        "--registry", action="append", default=[], metavar="HOST=URL",
        help="talk to registry HOST at URL (a mirror; tests use a local server)",
    )
    parser.add_argument("--check", action="store_true", help="only report; exit 1 if anything is unpinned")
    args = parser.parse_args(argv)
    if args.check:
        loose = [r for r in third_party_references(args.root) if ImageRef.parse(r).digest is None]
        for ref in loose:
            print(f"unpinned: {ref}")
        return 1 if loose else 0
    base_urls = dict(item.split("=", 1) for item in args.registry)
    pinned, failed = pin(args.root, base_urls)
    for old, new in sorted(pinned.items()):
        print(f"pinned {old} -> {new}" if old != new else f"current {old}")
    for ref, reason in sorted(failed.items()):
        print(f"NOT pinned {ref}: {reason}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
