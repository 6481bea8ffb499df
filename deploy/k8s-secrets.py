#!/usr/bin/env python3
"""Create or update the per-service Kubernetes Secrets from git-ignored env files.

    python deploy/k8s-secrets.py [--dir deploy/secrets] [--keys-dir DIR] [--only indexer] [--dry-run]

For each service ``S`` it reads ``<dir>/S.env`` (``KEY=value`` lines; plus ``<keys-dir>/S/api_key``,
the Elasticsearch API key minted by ``python -m shared.elastic_security apply --keys-dir``) and
applies the Secret ``wirewatch-S`` holding exactly those keys (``kubectl apply -f -``, the manifest
on stdin, never a value on a command line). It checks every Secret before applying any, and refuses:

- a missing file (a Secret is never created empty), an empty value (never blanks a key),
- a key the service must not hold (each service gets only its own credentials: ``ALLOWED``),
- a Kafka user that is not the service's own principal (``wirewatch-S``; the setup job's is
  ``wirewatch-admin``).

Values are never printed. The Secrets are outside the kustomization, so ``kubectl apply -k
deploy/k8s`` never overwrites them.
"""

from __future__ import annotations

import argparse
import base64
import json
import re
import subprocess
import sys
from pathlib import Path

KAFKA = (r"WIREWATCH_KAFKA_SASL_USERNAME", r"WIREWATCH_KAFKA_SASL_PASSWORD")
ES_KEY = r"WIREWATCH_ELASTICSEARCH_API_KEY"
# service -> the keys (regular expressions) its Secret may hold
ALLOWED: dict[str, tuple[str, ...]] = {
    "fetcher": KAFKA,
    "parser": KAFKA,
    "classifier": KAFKA,
    "grouper": KAFKA,
    "indexer": (*KAFKA, ES_KEY),
    "alerter": (*KAFKA, r"SLACK_WEBHOOK_[A-Z0-9_]+"),
    "api": (ES_KEY, r"WIREWATCH_API_KEYS"),
    "setup": (
        *KAFKA,
        r"WIREWATCH_KAFKA_PASSWORD_[A-Z]+",  # the SCRAM passwords it sets (deploy/kafka/acls.yaml)
        r"WIREWATCH_ELASTICSEARCH_USERNAME",  # a user allowed to manage roles (deploy/elasticsearch)
        r"WIREWATCH_ELASTICSEARCH_PASSWORD",
        r"WIREWATCH_KIBANA_SYSTEM_PASSWORD",
    ),
}
# keys each Secret must have
REQUIRED: dict[str, tuple[str, ...]] = {
    "fetcher": KAFKA,
    "parser": KAFKA,
    "classifier": KAFKA,
    "grouper": KAFKA,
    "indexer": (*KAFKA, ES_KEY),
    "alerter": KAFKA,
    "api": (ES_KEY,),
    "setup": (*KAFKA, "WIREWATCH_ELASTICSEARCH_USERNAME", "WIREWATCH_ELASTICSEARCH_PASSWORD"),
}
_LINE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$")


class SecretError(ValueError):
    """An env file that would make a wrong Secret (the message never holds a value)."""


def principal(service: str) -> str:
    return "wirewatch-admin" if service == "setup" else f"wirewatch-{service}"


def read_env_file(path: Path) -> dict[str, str]:
    """``KEY=value`` lines; blank lines and ``#`` comments skipped; anything else is an error."""
    if not path.is_file():
        raise SecretError(f"{path} is missing: no Secret is created without it")
    values: dict[str, str] = {}
    for number, raw in enumerate(path.read_text().splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _LINE.match(line)
        if match is None:
            raise SecretError(f"{path}:{number}: not a KEY=value line")
        key, value = match.group(1), match.group(2).strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]  # as docker compose reads the same file
        if key in values:
            raise SecretError(f"{path}:{number}: {key} given twice")
        values[key] = value
    return values


def check(service: str, values: dict[str, str], source: str = "") -> None:
    """Raise :class:`SecretError` unless ``values`` is a complete Secret for ``service`` only."""
    where = source or service
    if service not in ALLOWED:
        raise SecretError(f"unknown service {service!r}; known: {', '.join(ALLOWED)}")
    for key, value in values.items():
        if not any(re.fullmatch(pattern, key) for pattern in ALLOWED[service]):
            raise SecretError(f"{where}: {key} does not belong in the {service} Secret")
        if not value:
            raise SecretError(f"{where}: {key} is empty (a Secret is never blanked)")
    missing = [key for key in REQUIRED[service] if key not in values]
    if missing:
        raise SecretError(f"{where}: missing {', '.join(missing)}")
    user = values.get("WIREWATCH_KAFKA_SASL_USERNAME")
    if user is not None and user != principal(service):
        raise SecretError(f"{where}: Kafka user must be {principal(service)!r}, the service's own principal")


def load(service: str, env_dir: Path, keys_dir: Path | None = None) -> dict[str, str]:
    """The checked keys of ``wirewatch-<service>``: its env file, plus the API key the setup minted
    (``<keys_dir>/<service>/api_key``, from ``python -m shared.elastic_security apply --keys-dir``)."""
    path = env_dir / f"{service}.env"
    values = read_env_file(path)
    key_file = keys_dir / service / "api_key" if keys_dir else None
    if key_file is not None and key_file.is_file():
        if ES_KEY in values:
            raise SecretError(f"{path}: {ES_KEY} given both here and in {key_file}")
        values[ES_KEY] = key_file.read_text(encoding="utf-8").strip()
    check(service, values, str(path))
    return values


def manifest(service: str, values: dict[str, str], namespace: str) -> dict[str, object]:
    """The Secret (values base64-encoded, as ``data``); applied from stdin, never on a command line."""
    return {
        "apiVersion": "v1",
        "kind": "Secret",
        "type": "Opaque",
        "metadata": {
            "name": f"wirewatch-{service}",
            "namespace": namespace,
            "labels": {"app.kubernetes.io/part-of": "wirewatch", "app.kubernetes.io/component": service},
        },
        "data": {k: base64.b64encode(v.encode()).decode() for k, v in sorted(values.items())},
    }


def apply(doc: dict[str, object]) -> None:
    subprocess.run(["kubectl", "apply", "-f", "-"], input=json.dumps(doc).encode(), check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=Path("deploy/secrets"), help="directory of <service>.env")
    parser.add_argument("--namespace", default="wirewatch")
    parser.add_argument("--only", action="append", choices=sorted(ALLOWED), help="these services only")
    parser.add_argument("--keys-dir", type=Path, default=None, help="the minted API keys, <service>/api_key")
    parser.add_argument("--dry-run", action="store_true", help="check the files, print key names only")
    args = parser.parse_args(argv)
    services = args.only or list(ALLOWED)
    try:  # check every Secret before applying any
        secrets = {s: load(s, args.dir, args.keys_dir) for s in services}
    except SecretError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for service, values in secrets.items():
        if not args.dry_run:
            apply(manifest(service, values, args.namespace))
        verb = "would apply" if args.dry_run else "applied"
        print(f"secret wirewatch-{service}: {verb} ({', '.join(sorted(values))})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
