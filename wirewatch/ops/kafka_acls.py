"""Kafka principals and ACLs as data (``deploy/kafka/acls.yaml``), applied through Kafka's admin API.

``load_spec`` reads the file (``{prefix}`` becomes the topic prefix); ``apply`` creates or updates
each principal's SCRAM credential (AlterUserScramCredentials: the client sends only the salted
password, RFC 5802) and creates the ACLs (CreateAcls; an ACL that exists already is kept), and with
``prune`` deletes the ACLs of the managed principals on this prefix's resources that the file no
longer lists, so the broker converges on the file. aiokafka has no public API for these requests:
they are built here on its protocol classes (like ``wirewatch.ops.lag``).
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from aiokafka.errors import for_code
from aiokafka.protocol.api import Request, RequestStruct, Response
from aiokafka.protocol.types import (
    Array,
    CompactArray,
    CompactBytes,
    CompactString,
    Int8,
    Int16,
    Int32,
    Schema,
    String,
    TaggedFields,
)
from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.config import Settings
from shared.kafka import admin_client

DEFAULT_SPEC = Path(__file__).resolve().parents[2] / "deploy" / "kafka" / "acls.yaml"

RESOURCE_TYPES = {"topic": 2, "group": 3, "cluster": 4}
PATTERN_LITERAL, PATTERN_PREFIXED = 3, 4
PERMISSION_ALLOW = 3
OPERATIONS = {
    "All": 2,
    "Read": 3,
    "Write": 4,
    "Create": 5,
    "Delete": 6,
    "Alter": 7,
    "Describe": 8,
    "ClusterAction": 9,
    "DescribeConfigs": 10,
    "AlterConfigs": 11,
    "IdempotentWrite": 12,
}
SCRAM_MECHANISMS = {"SCRAM-SHA-256": (1, "sha256"), "SCRAM-SHA-512": (2, "sha512")}
SCRAM_ITERATIONS = 8192

Operation = Literal[
    "All",
    "Read",
    "Write",
    "Create",
    "Delete",
    "Alter",
    "Describe",
    "ClusterAction",
    "DescribeConfigs",
    "AlterConfigs",
    "IdempotentWrite",
]


class AclRule(BaseModel):
    """One line of ``acls``: exactly one resource (topic, topic_prefix, group, group_prefix, cluster)."""

    model_config = ConfigDict(extra="forbid")

    topic: str | None = None
    topic_prefix: str | None = None
    group: str | None = None
    group_prefix: str | None = None
    cluster: bool = False
    ops: list[Operation] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_resource(self) -> AclRule:
        given = [v for v in (self.topic, self.topic_prefix, self.group, self.group_prefix) if v] + (
            ["cluster"] if self.cluster else []
        )
        if len(given) != 1:
            raise ValueError("an ACL names exactly one of topic, topic_prefix, group, group_prefix, cluster")
        return self

    def resource(self, prefix: str) -> tuple[int, str, int]:
        """(resource type, name, pattern type) with ``{prefix}`` filled in."""
        if self.cluster:
            return RESOURCE_TYPES["cluster"], "kafka-cluster", PATTERN_LITERAL
        for kind, value, pattern in (
            ("topic", self.topic, PATTERN_LITERAL),
            ("topic", self.topic_prefix, PATTERN_PREFIXED),
            ("group", self.group, PATTERN_LITERAL),
            ("group", self.group_prefix, PATTERN_PREFIXED),
        ):
            if value:
                return RESOURCE_TYPES[kind], value.replace("{prefix}", prefix), pattern
        raise AssertionError("validated above")


class PrincipalSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z0-9._-]+$")
    password_env: str | None = None
    super_user: bool = False
    acls: list[AclRule] = Field(default_factory=list)

    @property
    def principal(self) -> str:
        return f"User:{self.name}"


class AclSpecFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Literal[1] = 1
    principals: list[PrincipalSpec]

    @model_validator(mode="after")
    def _unique(self) -> AclSpecFile:
        names = [p.name for p in self.principals]
        if len(names) != len(set(names)):
            raise ValueError("a principal is listed twice")
        return self


@dataclass(frozen=True, order=True)
class Binding:
    """One ACL as Kafka stores it (always ALLOW, any host)."""

    principal: str
    resource_type: int
    resource_name: str
    pattern_type: int
    operation: int
    host: str = "*"
    permission: int = PERMISSION_ALLOW

    def describe(self) -> str:
        kind = {v: k for k, v in RESOURCE_TYPES.items()}.get(self.resource_type, str(self.resource_type))
        op = {v: k for k, v in OPERATIONS.items()}.get(self.operation, str(self.operation))
        star = "*" if self.pattern_type == PATTERN_PREFIXED else ""
        return f"{self.principal} {op} {kind} {self.resource_name}{star}"


@dataclass
class Spec:
    principals: list[PrincipalSpec]
    prefix: str

    def bindings(self) -> list[Binding]:
        out: set[Binding] = set()
        for p in self.principals:
            for rule in p.acls:
                rtype, name, pattern = rule.resource(self.prefix)
                for op in rule.ops:
                    out.add(Binding(p.principal, rtype, name, pattern, OPERATIONS[op]))
        return sorted(out)

    def owns(self, binding: Binding) -> bool:
        """True for an ACL on this deployment's resources (``<prefix>.*``, ``<prefix>-*``, the cluster):
        pruning never touches what another prefix sharing the broker was granted."""
        if binding.resource_type == RESOURCE_TYPES["cluster"]:
            return True
        return binding.resource_name.startswith((f"{self.prefix}.", f"{self.prefix}-"))

    def principal(self, name: str) -> PrincipalSpec:
        for p in self.principals:
            if p.name == name:
                return p
        raise KeyError(name)


def load_spec(path: Path = DEFAULT_SPEC, prefix: str = "wirewatch") -> Spec:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return Spec(AclSpecFile.model_validate(data).principals, prefix)


def passwords_for(
    spec: Spec, env: Mapping[str, str] | None = None, passwords_dir: Path | None = None
) -> dict[str, str]:
    """Each principal's password: the file ``<passwords_dir>/<name>``, else its ``password_env`` variable."""
    env = os.environ if env is None else env
    out: dict[str, str] = {}
    for p in spec.principals:
        if passwords_dir is not None and (passwords_dir / p.name).is_file():
            value = (passwords_dir / p.name).read_text(encoding="utf-8").strip()
        else:
            value = env.get(p.password_env, "") if p.password_env else ""
        if value:
            out[p.name] = value
    return out


# --- the protocol: AlterUserScramCredentials v0, CreateAcls v1, DescribeAcls v1, DeleteAcls v1 -----


class _AlterScramResponse(Response):
    API_KEY = 51
    API_VERSION = 0
    SCHEMA = Schema(
        ("throttle_time_ms", Int32),
        (
            "results",
            CompactArray(
                ("user", CompactString("utf-8")),
                ("error_code", Int16),
                ("error_message", CompactString("utf-8")),
                ("tags", TaggedFields),
            ),
        ),
        ("tags", TaggedFields),
    )


class _AlterScramStruct(RequestStruct):
    FLEXIBLE_VERSION = True
    API_KEY = 51
    API_VERSION = 0
    RESPONSE_TYPE = _AlterScramResponse
    SCHEMA = Schema(
        (
            "deletions",
            CompactArray(("name", CompactString("utf-8")), ("mechanism", Int8), ("tags", TaggedFields)),
        ),
        (
            "upsertions",
            CompactArray(
                ("name", CompactString("utf-8")),
                ("mechanism", Int8),
                ("iterations", Int32),
                ("salt", CompactBytes),
                ("salted_password", CompactBytes),
                ("tags", TaggedFields),
            ),
        ),
        ("tags", TaggedFields),
    )


class _AlterScram(Request[_AlterScramStruct]):
    API_KEY = 51

    def __init__(self, upsertions: list[tuple[Any, ...]]) -> None:
        self._upsertions = upsertions

    def build(self, request_struct_class: type[_AlterScramStruct]) -> _AlterScramStruct:
        return request_struct_class([], self._upsertions, {})


_ACL_FILTER = (
    ("resource_type", Int8),
    ("resource_name", String("utf-8")),
    ("pattern_type", Int8),
    ("principal", String("utf-8")),
    ("host", String("utf-8")),
    ("operation", Int8),
    ("permission_type", Int8),
)


class _CreateAclsResponse(Response):
    API_KEY = 30
    API_VERSION = 1
    SCHEMA = Schema(
        ("throttle_time_ms", Int32),
        ("results", Array(("error_code", Int16), ("error_message", String("utf-8")))),
    )


class _CreateAclsStruct(RequestStruct):
    API_KEY = 30
    API_VERSION = 1
    RESPONSE_TYPE = _CreateAclsResponse
    SCHEMA = Schema(("creations", Array(*_ACL_FILTER)))


class _CreateAcls(Request[_CreateAclsStruct]):
    API_KEY = 30

    def __init__(self, bindings: list[Binding]) -> None:
        self._rows = [_row(b) for b in bindings]

    def build(self, request_struct_class: type[_CreateAclsStruct]) -> _CreateAclsStruct:
        return request_struct_class(self._rows)


class _DescribeAclsResponse(Response):
    API_KEY = 29
    API_VERSION = 1
    SCHEMA = Schema(
        ("throttle_time_ms", Int32),
        ("error_code", Int16),
        ("error_message", String("utf-8")),
        (
            "resources",
            Array(
                ("resource_type", Int8),
                ("resource_name", String("utf-8")),
                ("pattern_type", Int8),
                (
                    "acls",
                    Array(
                        ("principal", String("utf-8")),
                        ("host", String("utf-8")),
                        ("operation", Int8),
                        ("permission_type", Int8),
                    ),
                ),
            ),
        ),
    )


class _DescribeAclsStruct(RequestStruct):
    API_KEY = 29
    API_VERSION = 1
    RESPONSE_TYPE = _DescribeAclsResponse
    SCHEMA = Schema(*_ACL_FILTER)


class _DescribeAcls(Request[_DescribeAclsStruct]):
    API_KEY = 29

    def __init__(self, principal: str) -> None:
        self._principal = principal

    def build(self, request_struct_class: type[_DescribeAclsStruct]) -> _DescribeAclsStruct:
        # any resource type (1), any name, any pattern (1), this principal, any host/op/permission
        return request_struct_class(1, None, 1, self._principal, None, 1, 1)


class _DeleteAclsResponse(Response):
    API_KEY = 31
    API_VERSION = 1
    SCHEMA = Schema(
        ("throttle_time_ms", Int32),
        (
            "filter_results",
            Array(
                ("error_code", Int16),
                ("error_message", String("utf-8")),
                (
                    "matching_acls",
                    Array(
                        ("error_code", Int16),
                        ("error_message", String("utf-8")),
                        ("resource_type", Int8),
                        ("resource_name", String("utf-8")),
                        ("pattern_type", Int8),
                        ("principal", String("utf-8")),
                        ("host", String("utf-8")),
                        ("operation", Int8),
                        ("permission_type", Int8),
                    ),
                ),
            ),
        ),
    )


class _DeleteAclsStruct(RequestStruct):
    API_KEY = 31
    API_VERSION = 1
    RESPONSE_TYPE = _DeleteAclsResponse
    SCHEMA = Schema(("filters", Array(*_ACL_FILTER)))


class _DeleteAcls(Request[_DeleteAclsStruct]):
    API_KEY = 31

    def __init__(self, bindings: list[Binding]) -> None:
        self._rows = [_row(b) for b in bindings]

    def build(self, request_struct_class: type[_DeleteAclsStruct]) -> _DeleteAclsStruct:
        return request_struct_class(self._rows)


def _row(b: Binding) -> tuple[Any, ...]:
    return (b.resource_type, b.resource_name, b.pattern_type, b.principal, b.host, b.operation, b.permission)


def _raise(code: int, message: str | None, what: str) -> None:
    if code:
        raise for_code(code)(f"{what}: {message or ''}".rstrip(": "))


def scram_upsertion(name: str, password: str, mechanism: str = "SCRAM-SHA-512") -> tuple[Any, ...]:
    """(name, mechanism, iterations, salt, salted password): the password itself is not sent."""
    code, digest = SCRAM_MECHANISMS[mechanism]
    salt = secrets.token_bytes(32)
    salted = hashlib.pbkdf2_hmac(digest, password.encode(), salt, SCRAM_ITERATIONS)
    return (name, code, SCRAM_ITERATIONS, salt, salted, {})


@dataclass
class ApplyResult:
    users: list[str] = field(default_factory=list)  # SCRAM credentials created or updated
    skipped_users: list[str] = field(default_factory=list)  # no password given: left as they are
    acls: list[Binding] = field(default_factory=list)  # ACLs the file asks for (created or kept)
    removed: list[Binding] = field(default_factory=list)  # ACLs pruned


async def current_acls(settings: Settings, principal: str) -> list[Binding]:
    """The ALLOW and DENY ACLs Kafka holds for ``principal`` (e.g. ``User:wirewatch-parser``)."""
    async with admin_client(settings) as admin:
        response = await admin._send_request(_DescribeAcls(principal))
    _raise(response.error_code, response.error_message, f"describing ACLs of {principal}")
    out = []
    for rtype, rname, pattern, acls in response.resources:
        for who, host, op, permission in acls:
            out.append(Binding(who, rtype, rname, pattern, op, host, permission))
    return sorted(out)


async def apply(
    settings: Settings,
    spec: Spec,
    passwords: Mapping[str, str],
    *,
    mechanism: str = "SCRAM-SHA-512",
    prune: bool = True,
) -> ApplyResult:
    """Make the broker match ``spec``: SCRAM users (those with a password), ACLs, stale ACLs removed."""
    result = ApplyResult()
    wanted = spec.bindings()
    async with admin_client(settings) as admin:
        upserts = []
        for p in spec.principals:
            if p.name in passwords:
                upserts.append(scram_upsertion(p.name, passwords[p.name], mechanism))
                result.users.append(p.name)
            else:
                result.skipped_users.append(p.name)
        if upserts:
            response = await admin._send_request(_AlterScram(upserts))
            for user, code, message, _tags in response.results:
                _raise(code, message, f"setting the SCRAM credential of {user}")
        if wanted:
            response = await admin._send_request(_CreateAcls(wanted))
            for (code, message), binding in zip(response.results, wanted, strict=True):
                _raise(code, message, f"creating ACL {binding.describe()}")
        result.acls = wanted
    if prune:
        keep = set(wanted)
        stale: list[Binding] = []
        for p in spec.principals:
            stale.extend(
                b for b in await current_acls(settings, p.principal) if b not in keep and spec.owns(b)
            )
        if stale:
            async with admin_client(settings) as admin:
                response = await admin._send_request(_DeleteAcls(stale))
            for (code, message, _matching), binding in zip(response.filter_results, stale, strict=True):
                _raise(code, message, f"deleting ACL {binding.describe()}")
            result.removed = stale
    return result
