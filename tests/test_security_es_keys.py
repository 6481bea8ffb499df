"""Elasticsearch: every service that talks to it sends its own API key, over verified TLS
(docs/security.md, "Elasticsearch: TLS, roles and API keys per service").

The local distribution has no security module, so the services run for real (subprocesses, the
indexer on the real local Kafka) against a local HTTPS server that RECORDS each request and answers
minimally as Elasticsearch does for the calls made; what matters is the ``Authorization`` header it
sees. The setup step (``python -m shared.elastic_security apply``) is checked the same way: the
roles of deploy/elasticsearch/roles.yaml PUT as written, one key per service, minted once."""

from __future__ import annotations

import base64
import datetime as dt
import http.server
import ipaddress
import json
import os
import ssl
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from pydantic import SecretStr

from shared.config import Settings
from shared.elastic import ElasticConfigError, client_options
from shared.elastic_security import RolesError, load_roles, validate
from tests.support import free_port, running, settings_env

REPO = Path(__file__).resolve().parents[1]
ROLES = REPO / "deploy" / "elasticsearch" / "roles.yaml"


# ---- a recording HTTPS server that answers as Elasticsearch does --------------------------------------


def _tls(directory: Path, name: str = "ca") -> tuple[Path, Path, Path]:
    """(CA certificate, server certificate, server key) for 127.0.0.1, written to ``directory``."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"test-{name}")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    directory.mkdir(parents=True, exist_ok=True)
    paths = (directory / f"{name}.crt", directory / "server.crt", directory / "server.key")
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return paths


@dataclass
class Seen:
    method: str
    path: str
    authorization: str | None
    body: Any


@dataclass
class RecordingES:
    ca: Path
    port: int = 0
    seen: list[Seen] = field(default_factory=list)
    keys_created: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def answer(self, method: str, path: str, body: Any) -> Any:
        route = path.split("?", 1)[0]
        if route.startswith("/_cluster/health"):
            return {"cluster_name": "recording", "status": "green", "timed_out": False}
        if route == "/_security/api_key" and method in ("POST", "PUT"):
            with self.lock:
                self.keys_created += 1
                n = self.keys_created
            name = body.get("name", "?") if isinstance(body, dict) else "?"
            secret = f"secret-{n}"
            encoded = base64.b64encode(f"id-{n}:{secret}".encode()).decode()
            return {"id": f"id-{n}", "name": name, "api_key": secret, "encoded": encoded}
        if route == "/_security/api_key" and method == "DELETE":
            return {
                "invalidated_api_keys": body.get("ids", []),
                "previously_invalidated_api_keys": [],
                "error_count": 0,
            }
        if route.startswith("/_security/role/"):
            return {"role": {"created": True}}
        if route.startswith("/_security/user/") and route.endswith("/_password"):
            return {}
        if route.endswith("/_analyze"):
            return {
                "tokens": [
                    {
                        "token": "wirewatch",
                        "start_offset": 0,
                        "end_offset": 9,
                        "type": "<ALPHANUM>",
                        "position": 0,
                    }
                ]
            }
        if "_search" in route:
            return {
                "took": 1,
                "timed_out": False,
                "hits": {"total": {"value": 0, "relation": "eq"}, "hits": []},
                "aggregations": {},
            }
        if route == "/":
            return {
                "name": "recording",
                "cluster_name": "recording",
                "version": {"number": "9.2.0"},
                "tagline": "You Know, for Search",
            }
        return {"acknowledged": True}


@pytest.fixture
def recording_es(tmp_path: Path) -> Iterator[RecordingES]:
    ca, cert, key = _tls(tmp_path / "tls")
    rec = RecordingES(ca)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            return None

        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body: Any = json.loads(raw) if raw else None
            except ValueError:
                body = raw.decode("utf-8", "replace")  # NDJSON (bulk)
            with rec.lock:
                rec.seen.append(Seen(self.command, self.path, self.headers.get("Authorization"), body))
            out = (
                b""
                if self.command == "HEAD"
                else json.dumps(rec.answer(self.command, self.path, body)).encode()
            )
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("X-Elastic-Product", "Elasticsearch")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    rec.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield rec
    finally:
        server.shutdown()
        server.server_close()


def _wait_for_requests(rec: RecordingES, proc: Any, timeout: float = 120.0) -> list[Seen]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with rec.lock:
            if rec.seen:
                return list(rec.seen)
        if proc is not None and not proc.alive():
            raise AssertionError(f"the service exited first:\n{proc.output()[-2000:]}")
        time.sleep(0.25)
    raise AssertionError("no request reached the recording Elasticsearch")


def _es_env(base: Settings, rec: RecordingES, **extra: str) -> dict[str, str]:
    env = settings_env(base, WIREWATCH_ELASTICSEARCH_URL=rec.url, WIREWATCH_ELASTICSEARCH_CA_FILE=str(rec.ca))
    for name in (
        "WIREWATCH_ELASTICSEARCH_API_KEY",
        "WIREWATCH_ELASTICSEARCH_USERNAME",
        "WIREWATCH_ELASTICSEARCH_PASSWORD",
        "WIREWATCH_ELASTICSEARCH_API_KEY_FILE",
    ):
        env.pop(name, None)
    env.update(extra)
    return env


def _only(seen: list[Seen], authorization: str) -> None:
    assert seen
    wrong = {s.authorization for s in seen} - {authorization}
    assert not wrong, f"requests without this service's key: {wrong}"


# ---- per service ---------------------------------------------------------------------------------


def test_indexer_sends_its_api_key_over_verified_tls(
    settings: Settings, recording_es: RecordingES, tmp_path: Path
) -> None:
    web = free_port()
    env = _es_env(
        settings, recording_es, WIREWATCH_ELASTICSEARCH_API_KEY="indexer-key-1", WIREWATCH_WEB_PORT=str(web)
    )
    with running(["indexer"], env, tmp_path / "indexer.log", web_port=web, healthy=False) as proc:
        _wait_for_requests(recording_es, proc)
        deadline = time.monotonic() + 120  # its start-up index setup reaches the template
        while True:
            with recording_es.lock:
                seen = list(recording_es.seen)
            if any("_index_template" in s.path for s in seen) or time.monotonic() > deadline:
                break
            assert proc.alive(), proc.output()[-2000:]
            time.sleep(0.25)
    _only(seen, "ApiKey indexer-key-1")
    assert any("_index_template" in s.path for s in seen)  # its start-up index setup, with its key
    assert "indexer-key-1" not in proc.output()


def test_search_api_reads_its_key_from_the_mounted_file(
    stack: Settings, recording_es: RecordingES, tmp_path: Path
) -> None:
    key_file = tmp_path / "es-key" / "api_key"
    key_file.parent.mkdir()
    key_file.write_text("api-key-from-file\n")
    key_file.chmod(0o600)
    port = free_port()
    env = _es_env(stack, recording_es, WIREWATCH_ELASTICSEARCH_API_KEY_FILE=str(key_file))
    with running(
        ["api", "--host", "127.0.0.1", "--port", str(port)], env, tmp_path / "api.log", healthy=False
    ) as proc:
        deadline = time.monotonic() + 60
        while True:
            try:
                ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=5)
                break
            except httpx.HTTPError:
                assert proc.alive(), proc.output()[-2000:]
                assert time.monotonic() < deadline, proc.output()[-2000:]
                time.sleep(0.5)
        assert ready.status_code == 200, ready.text  # the recording cluster is "green"
        with recording_es.lock:
            seen = list(recording_es.seen)
    _only(seen, "ApiKey api-key-from-file")
    assert any(s.path.startswith("/_cluster/health") for s in seen)
    assert "api-key-from-file" not in proc.output()


def _cli(args: list[str], env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_the_cli_index_setup_sends_its_key(stack: Settings, recording_es: RecordingES) -> None:
    env = _es_env(
        stack,
        recording_es,
        WIREWATCH_ELASTICSEARCH_API_KEY="tools-key-7",
        WIREWATCH_INDEX_ALIAS="wirewatch-recorded",
    )
    done = _cli(["wirewatch.cli", "index", "setup"], env)
    assert done.returncode == 0, done.stdout + done.stderr
    _only(recording_es.seen, "ApiKey tools-key-7")
    assert any(s.method == "PUT" and "_index_template/" in s.path for s in recording_es.seen)


def test_no_key_leaves_over_a_connection_whose_certificate_does_not_verify(
    stack: Settings, recording_es: RecordingES, tmp_path: Path
) -> None:
    other_ca, _, _ = _tls(tmp_path / "other", "other-ca")
    env = _es_env(
        stack,
        recording_es,
        WIREWATCH_ELASTICSEARCH_API_KEY="must-not-leak",
        WIREWATCH_ELASTICSEARCH_CA_FILE=str(other_ca),
    )
    done = _cli(["shared.elastic_security", "apply", "--roles", str(ROLES), "--wait", "3"], env, timeout=120)
    assert done.returncode != 0
    assert recording_es.seen == []  # the TLS handshake failed before any request was sent
    assert "must-not-leak" not in done.stdout + done.stderr


def test_a_ca_file_with_a_plain_http_url_is_refused() -> None:
    with pytest.raises(ElasticConfigError, match="not https"):
        client_options(Settings(elasticsearch_url="http://es:9200", elasticsearch_ca_file=Path("/ca.crt")))
    opts = client_options(
        Settings(
            elasticsearch_url="https://es:9200",
            elasticsearch_ca_file=Path("/ca.crt"),
            elasticsearch_api_key=SecretStr("k"),
        )
    )
    assert opts["ca_certs"] == "/ca.crt" and opts["verify_certs"] is True and opts["api_key"] == "k"


def test_an_empty_or_unreadable_key_file_is_an_error_not_an_anonymous_client(tmp_path: Path) -> None:
    empty = tmp_path / "api_key"
    empty.write_text("\n")
    with pytest.raises(ElasticConfigError, match="is empty"):
        client_options(Settings(elasticsearch_api_key_file=empty))
    with pytest.raises(ElasticConfigError, match="cannot read"):
        client_options(Settings(elasticsearch_api_key_file=tmp_path / "missing"))


# ---- the setup step: roles and keys --------------------------------------------------------------


def test_setup_puts_the_roles_and_mints_one_key_per_service_once(
    stack: Settings, recording_es: RecordingES, tmp_path: Path
) -> None:
    keys = tmp_path / "keys"
    env = _es_env(
        stack,
        recording_es,
        WIREWATCH_ELASTICSEARCH_USERNAME="elastic",
        WIREWATCH_ELASTICSEARCH_PASSWORD="setup-pw",
        WIREWATCH_KIBANA_SYSTEM_PASSWORD="kib-pw",
        WIREWATCH_INDEX_ALIAS="wirewatch-articles",
    )
    args = ["shared.elastic_security", "apply", "--roles", str(ROLES), "--keys-dir", str(keys)]
    first = _cli(args, env)
    assert first.returncode == 0, first.stdout + first.stderr
    basic = "Basic " + base64.b64encode(b"elastic:setup-pw").decode()
    _only(recording_es.seen, basic)  # the setup job uses its own login
    expected = load_roles(ROLES, "wirewatch-articles")
    put = {
        s.path.split("?")[0].removeprefix("/_security/role/"): s.body
        for s in recording_es.seen
        if s.method in ("PUT", "POST") and s.path.startswith("/_security/role/")
    }
    assert put == expected.roles  # each role exactly as written (with the alias filled in)
    assert put["wirewatch_api"]["indices"][0]["names"][0] == "wirewatch-articles"
    created = [
        s.body for s in recording_es.seen if s.path.startswith("/_security/api_key") and s.method != "DELETE"
    ]
    assert sorted(c["name"] for c in created) == ["wirewatch-api", "wirewatch-indexer", "wirewatch-tools"]
    for body in created:
        service = body["name"].removeprefix("wirewatch-")
        role = expected.api_keys[service]
        assert body["role_descriptors"] == {role: expected.roles[role]}
        path = keys / service / "api_key"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert base64.b64decode(path.read_text().strip()).decode().startswith("id-")
        assert path.read_text().strip() not in first.stdout + first.stderr  # never printed
    password = [s for s in recording_es.seen if s.path.startswith("/_security/user/kibana_system/_password")]
    assert password and password[0].body == {"password": "kib-pw"}
    # again: roles re-applied, no new keys
    before = recording_es.keys_created
    again = _cli(args, env)
    assert again.returncode == 0 and recording_es.keys_created == before
    assert "api key api: kept" in again.stdout
    # rotation: a new key for the API, the old one invalidated
    old = (keys / "api" / "api_key").read_text()
    rotated = _cli([*args, "--rotate", "api"], env)
    assert rotated.returncode == 0, rotated.stderr
    assert (keys / "api" / "api_key").read_text() != old
    invalidated = [
        s.body for s in recording_es.seen if s.method == "DELETE" and s.path.startswith("/_security/api_key")
    ]
    assert invalidated == [{"ids": [base64.b64decode(old.strip()).decode().split(":")[0]]}]


# ---- the role definitions, structurally ------------------------------------------------------------


def _roles() -> dict[str, Any]:
    doc: dict[str, Any] = yaml.safe_load(ROLES.read_text())
    return doc


def _privileges(role: dict[str, Any], index: str) -> set[str]:
    import fnmatch

    out: set[str] = set()
    for entry in role.get("indices", []):
        if any(
            fnmatch.fnmatch(index, pattern.replace("{alias}", "wirewatch-articles"))
            for pattern in entry["names"]
        ):
            out.update(entry["privileges"])
    return out


WRITES = {"write", "index", "create", "create_doc", "delete", "all", "manage", "delete_index", "create_index"}


def test_roles_grant_each_service_only_what_it_does() -> None:
    doc = _roles()
    assert validate(doc) == []
    roles = doc["roles"]
    monthly, stories = "wirewatch-articles-2026.12", "wirewatch-articles.stories"
    # the indexer writes the article indices (and the stories index)
    for index in (monthly, stories):
        assert {"index", "create_index", "delete", "read"} <= _privileges(roles["wirewatch_indexer"], index)
    # the API and the alerter read only
    for name in ("wirewatch_api", "wirewatch_alerter", "wirewatch_tools", "wirewatch_analyst"):
        for index in (monthly, stories):
            assert "read" in _privileges(roles[name], index), (name, index)
            assert not _privileges(roles[name], index) & WRITES, (name, index)
        assert not set(roles[name]["cluster"]) - {"monitor"}, name
    # templates and aliases: the setup job (and the indexer's own start-up setup)
    assert {"manage_index_templates"} <= set(roles["wirewatch_setup"]["cluster"])
    assert "manage" in _privileges(roles["wirewatch_setup"], monthly)
    # nobody reaches indices beyond Wirewatch's (Kibana's, security's, other applications')
    for name, role in roles.items():
        for index in (".kibana", ".security-7", "other-app", "logs-2026"):
            assert not _privileges(role, index), (name, index)
    # analysts: Kibana feature privileges, no management
    (app,) = roles["wirewatch_analyst"]["applications"]
    assert app["application"] == "kibana-.kibana"
    assert all(p.startswith("feature_") and p.endswith(".read") for p in app["privileges"])
    # one key per service that talks to Elasticsearch; the alerter does not (it reads Kafka only)
    assert doc["api_keys"] == {
        "indexer": "wirewatch_indexer",
        "api": "wirewatch_api",
        "tools": "wirewatch_tools",
    }
    alerter_code = "\n".join(p.read_text() for p in (REPO / "services" / "alerter").glob("*.py"))
    assert "make_client" not in alerter_code and "AsyncElasticsearch" not in alerter_code


def test_the_roles_check_catches_typos_and_overreach() -> None:
    doc = _roles()
    edits: tuple[tuple[Callable[[dict[str, Any]], object], str], ...] = (
        (
            lambda d: d["roles"]["wirewatch_api"]["indices"][0]["privileges"].append("raed"),
            "unknown index privilege",
        ),
        (lambda d: d["roles"]["wirewatch_api"]["cluster"].append("monitorr"), "unknown cluster privilege"),
        (lambda d: d["roles"]["wirewatch_api"]["indices"][0]["names"].append("*"), "beyond"),
        (lambda d: d["api_keys"].update(grouper="wirewatch_grouper"), "unknown role"),
    )
    for edit, message in edits:
        broken = json.loads(json.dumps(doc))
        edit(broken)
        problems = validate(broken)
        assert any(message in p for p in problems), (message, problems)
    path = Path(os.devnull)
    with pytest.raises(RolesError, match="version must be 1"):
        load_roles(path, "x")
