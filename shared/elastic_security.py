"""Elasticsearch roles and per-service API keys from ``deploy/elasticsearch/roles.yaml``.

    python -m shared.elastic_security apply --roles deploy/elasticsearch/roles.yaml \
        [--keys-dir DIR] [--rotate SERVICE ...]
    python -m shared.elastic_security check --roles deploy/elasticsearch/roles.yaml

``apply`` (the setup job; idempotent) PUTs every role, sets the ``kibana_system`` password when its
variable is set, and with ``--keys-dir`` mints one API key per service of ``api_keys`` into
``DIR/<service>/api_key`` (mode 0600, written atomically, never through a symlink) unless that file
already exists. ``--rotate S`` mints a new key for S and invalidates the previous one. It connects
with the usual settings (``WIREWATCH_ELASTICSEARCH_*``). Keys and passwords are never printed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from shared.config import Settings
from shared.errors import ConfigError

if TYPE_CHECKING:
    from elasticsearch import AsyncElasticsearch

# Privileges Elasticsearch 9 knows (reference: security privileges); a typo fails `check`.
CLUSTER_PRIVILEGES = frozenset(
    {
        "all", "cancel_task", "create_snapshot", "cross_cluster_replication", "cross_cluster_search",
        "grant_api_key", "manage", "manage_api_key", "manage_ccr", "manage_enrich", "manage_ilm",
        "manage_index_templates", "manage_inference", "manage_ingest_pipelines", "manage_logstash_pipelines",
        "manage_ml", "manage_own_api_key", "manage_pipeline", "manage_rollup", "manage_saml",
        "manage_search_application", "manage_security", "manage_service_account", "manage_slm",
        "manage_token", "manage_transform", "manage_watcher", "monitor", "monitor_enrich",
        "monitor_inference", "monitor_ml", "monitor_rollup", "monitor_snapshot", "monitor_text_structure",
        "monitor_transform", "monitor_watcher", "none", "read_ccr", "read_ilm", "read_pipeline",
        "read_security", "read_slm", "transport_client",
    }
)
INDEX_PRIVILEGES = frozenset(
    {
        "all", "auto_configure", "create", "create_doc", "create_index", "cross_cluster_replication",
        "cross_cluster_replication_internal", "delete", "delete_index", "index", "maintenance", "manage",
        "manage_data_stream_lifecycle", "manage_follow_index", "manage_ilm", "manage_leader_index",
        "monitor", "none", "read", "read_cross_cluster", "view_index_metadata", "write",
    }
)
_KIBANA_FEATURE = re.compile(r"^(all|read|feature_[a-z_]+\.(all|read|minimal_all|minimal_read))$")


class RolesError(ConfigError):
    """A roles file that is not what Elasticsearch (or Wirewatch) expects."""


@dataclass(frozen=True)
class RolesFile:
    roles: dict[str, dict[str, Any]]
    api_keys: dict[str, str]
    kibana_system_password_env: str | None = None
    problems: list[str] = field(default_factory=list)


def _substitute(value: Any, alias: str) -> Any:
    if isinstance(value, str):
        return value.replace("{alias}", alias)
    if isinstance(value, list):
        return [_substitute(v, alias) for v in value]
    if isinstance(value, dict):
        return {k: _substitute(v, alias) for k, v in value.items()}
    return value


def validate(doc: dict[str, Any]) -> list[str]:
    """Every problem of a parsed roles file (empty when it is fine)."""
    problems: list[str] = []
    if doc.get("version") != 1:
        problems.append("version must be 1")
    roles = doc.get("roles")
    if not isinstance(roles, dict) or not roles:
        return [*problems, "roles: a mapping of role name -> definition"]
    for name, role in roles.items():
        if not re.fullmatch(r"wirewatch_[a-z_]+", str(name)):
            problems.append(f"role {name}: names are wirewatch_<what>")
        unknown = set(role) - {"cluster", "indices", "applications", "metadata"}
        if unknown:
            problems.append(f"role {name}: unknown keys {sorted(unknown)}")
        for priv in role.get("cluster", []):
            if priv not in CLUSTER_PRIVILEGES:
                problems.append(f"role {name}: unknown cluster privilege {priv!r}")
        for entry in role.get("indices", []):
            if not entry.get("names") or not entry.get("privileges"):
                problems.append(f"role {name}: an indices entry needs names and privileges")
            for priv in entry.get("privileges", []):
                if priv not in INDEX_PRIVILEGES:
                    problems.append(f"role {name}: unknown index privilege {priv!r}")
            for index in entry.get("names", []):
                if index in ("*", "_all") or index.startswith("."):
                    problems.append(f"role {name}: index pattern {index!r} is beyond Wirewatch's indices")
        for app in role.get("applications", []):
            if app.get("application") != "kibana-.kibana":
                problems.append(f"role {name}: only Kibana application privileges are expected")
            for priv in app.get("privileges", []):
                if not _KIBANA_FEATURE.match(priv):
                    problems.append(f"role {name}: unknown Kibana privilege {priv!r}")
    for service, role_name in (doc.get("api_keys") or {}).items():
        if role_name not in roles:
            problems.append(f"api_keys: {service} names the unknown role {role_name!r}")
    return problems


def load_roles(path: Path, alias: str) -> RolesFile:
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    problems = validate(doc)
    if problems:
        raise RolesError(f"{path}: " + "; ".join(problems))
    return RolesFile(
        roles=_substitute(doc["roles"], alias),
        api_keys=dict(doc.get("api_keys") or {}),
        kibana_system_password_env=doc.get("kibana_system_password_env"),
    )


def write_secret_file(path: Path, value: str) -> None:
    """Write ``value`` to ``path`` (mode 0600) atomically; never follows a symlink at the temp name.

    The temporary file is created with ``O_CREAT | O_EXCL | O_NOFOLLOW`` next to ``path`` and renamed
    over it, so a planted symlink (at either name) is replaced, never written through.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(value + "\n")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


async def apply(
    es: AsyncElasticsearch,
    roles: RolesFile,
    *,
    keys_dir: Path | None = None,
    rotate: frozenset[str] = frozenset(),
) -> dict[str, str]:
    """PUT the roles, set kibana_system's password, mint missing (or rotated) keys; a summary."""
    done: dict[str, str] = {}
    for name, role in roles.roles.items():
        await es.security.put_role(name=name, **role)
        done[f"role {name}"] = "applied"
    env = roles.kibana_system_password_env
    if env and os.environ.get(env):
        await es.security.change_password(username="kibana_system", password=os.environ[env])
        done["user kibana_system"] = "password set"
    if keys_dir is None:
        return done
    for service, role_name in roles.api_keys.items():
        key_file = keys_dir / service / "api_key"
        id_file = keys_dir / service / "api_key_id"
        if key_file.exists() and service not in rotate:
            done[f"api key {service}"] = "kept"
            continue
        created = await es.security.create_api_key(
            name=f"wirewatch-{service}",
            role_descriptors={role_name: roles.roles[role_name]},
            metadata={"application": "wirewatch", "service": service},
        )
        old_id = id_file.read_text().strip() if id_file.exists() else ""
        write_secret_file(key_file, str(created["encoded"]))
        write_secret_file(id_file, str(created["id"]))
        if old_id and old_id != created["id"]:
            await es.security.invalidate_api_key(ids=[old_id])
        done[f"api key {service}"] = "rotated" if old_id else "created"
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shared.elastic_security", description=__doc__)
    parser.add_argument("command", choices=("apply", "check"))
    parser.add_argument("--roles", type=Path, required=True)
    parser.add_argument("--keys-dir", type=Path, default=None)
    parser.add_argument("--rotate", action="append", default=[], metavar="SERVICE")
    parser.add_argument(
        "--wait", type=float, default=180.0, metavar="SECONDS",
        help="wait this long for the cluster to be yellow or green first (a fresh node's security index)",
    )
    args = parser.parse_args(argv)
    settings = Settings()
    try:
        roles = load_roles(args.roles, settings.index_alias)
    except (RolesError, OSError, yaml.YAMLError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.command == "check":
        print(f"{args.roles}: {len(roles.roles)} roles, api keys for {', '.join(roles.api_keys)}")
        return 0

    async def run() -> dict[str, str]:
        from shared.elastic import make_client, wait_healthy

        es = make_client(settings)
        try:
            await wait_healthy(es, timeout=args.wait)
            return await apply(es, roles, keys_dir=args.keys_dir, rotate=frozenset(args.rotate))
        finally:
            await es.close()

    try:
        done = asyncio.run(run())
    except TimeoutError as exc:
        hint = f"is {settings.elasticsearch_url} reachable, its certificate trusted?"
        print(f"error: {exc} ({hint})", file=sys.stderr)
        return 1
    for what, outcome in done.items():
        print(f"{what}: {outcome}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
