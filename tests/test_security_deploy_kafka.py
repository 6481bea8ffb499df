"""The compose Kafka's configuration (deploy/kafka/server.properties), run for real: the same Kafka
version as the image (4.3.1, the jars the local stack uses), the storage formatted with the
wirewatch-admin SCRAM credential as deploy/kafka/start.sh does, the certificates made by
deploy/bootstrap-secrets.py. Only the ports, paths and advertised host are changed (to free local
ports and a temporary directory); every security setting is used as written."""

from __future__ import annotations

import base64
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from shared.config import Settings
from shared.kafka_security import aiokafka_options
from tests.support import free_port
from wirewatch.stack import kafka
from wirewatch.stack.download import kafka_home
from wirewatch.stack.process import Identity, stop_pid, tail
from wirewatch.stack.system import find_java

REPO = Path(__file__).resolve().parents[1]
PROPERTIES = REPO / "deploy" / "kafka" / "server.properties"


def _read(path: Path) -> dict[str, str]:
    props: dict[str, str] = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            props[key] = value
    return props


@pytest.fixture(scope="module")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    home = kafka_home(Settings().cache_dir)
    if not (home / "libs").is_dir():
        pytest.skip(f"no Kafka jars in {home} yet (`wirewatch stack up` downloads them)")
    root = tmp_path_factory.mktemp("compose-kafka")
    secrets = root / "secrets"
    subprocess.run(
        [sys.executable, str(REPO / "deploy" / "bootstrap-secrets.py"), "--dir", str(secrets)],
        check=True,
        capture_output=True,
    )
    ports = {name: free_port() for name in ("SASL_SSL", "EXTERNAL", "CONTROLLER", "BROKER")}
    props = _read(PROPERTIES)
    listeners = []
    for listener in props["listeners"].split(","):
        name, _, address = listener.partition("://")
        host = address.rsplit(":", 1)[0]
        listeners.append(f"{name}://{host}:{ports[name]}")
    props["listeners"] = ",".join(listeners)
    props["advertised.listeners"] = ",".join(
        f"{n}://127.0.0.1:{ports[n]}" for n in ("SASL_SSL", "EXTERNAL", "BROKER")
    )
    props["controller.quorum.voters"] = f"1@127.0.0.1:{ports['CONTROLLER']}"
    props["log.dirs"] = str(root / "data")
    props["ssl.keystore.location"] = str(secrets / "tls" / "kafka.pem")
    props["ssl.truststore.location"] = str(secrets / "tls" / "ca.crt")
    config = root / "server.properties"
    config.write_text("".join(f"{k}={v}\n" for k, v in props.items()))
    logs = root / "logs"
    logs.mkdir()
    (root / "log4j2.properties").write_text(kafka.LOG4J2)
    admin_password = (secrets / "kafka-admin-password").read_text().strip()
    java = find_java()
    base = [
        str(java.bin),
        "-Xms256m",
        "-Xmx256m",
        f"-Dlog4j2.configurationFile={root / 'log4j2.properties'}",
        f"-Dkafka.logs.dir={logs}",
        "-cp",
        str(home / "libs" / "*"),
    ]
    cluster = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
    # what deploy/kafka/start.sh runs on the first start
    fmt = subprocess.run(
        [
            *base,
            "kafka.tools.StorageTool",
            "format",
            "--ignore-formatted",
            "--cluster-id",
            cluster,
            "--config",
            str(config),
            "--add-scram",
            f"SCRAM-SHA-512=[name=wirewatch-admin,password={admin_password}]",
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr
    out = (logs / "kafka.out").open("ab")
    proc = subprocess.Popen(
        [*base, kafka.MAIN_CLASS, str(config)],
        stdout=out,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    out.close()
    ident = Identity(cmdline=(kafka.MAIN_CLASS, str(config)))
    info: dict[str, object] = {"ports": ports, "secrets": secrets, "admin_password": admin_password}
    try:
        admin = _client(info, "SASL_SSL", "wirewatch-admin", admin_password)
        deadline = time.monotonic() + 150
        while not kafka.answers(
            Settings(), timeout=5.0, server=f"127.0.0.1:{ports['SASL_SSL']}", security=aiokafka_options(admin)
        ):
            assert proc.poll() is None, tail(logs / "server.log", 30)
            assert time.monotonic() < deadline, tail(logs / "server.log", 30)
            time.sleep(1)
        yield info
    finally:
        stop_pid(proc.pid, ident, timeout=30)
        proc.wait(30)


def _client(info: dict[str, object], listener: str, user: str, password: str, ca: bool = True) -> Settings:
    secrets = info["secrets"]
    assert isinstance(secrets, Path)
    return Settings(
        kafka_security_protocol="SASL_SSL",
        kafka_sasl_mechanism="SCRAM-SHA-512",
        kafka_sasl_username=user,
        kafka_sasl_password=SecretStr(password),
        kafka_ssl_cafile=secrets / "tls" / "ca.crt" if ca else None,
    )


def _answers(info: dict[str, object], listener: str, settings: Settings | None, protocol: str = "") -> bool:
    ports = info["ports"]
    assert isinstance(ports, dict)
    security = aiokafka_options(settings) if settings is not None else {"security_protocol": protocol}
    return kafka.answers(Settings(), timeout=4.0, server=f"127.0.0.1:{ports[listener]}", security=security)


def test_the_admin_gets_in_over_sasl_ssl_on_both_client_listeners(broker: dict[str, object]) -> None:
    password = str(broker["admin_password"])
    for listener in ("SASL_SSL", "EXTERNAL"):
        assert _answers(broker, listener, _client(broker, listener, "wirewatch-admin", password))


def test_wrong_password_unknown_user_and_plaintext_are_refused(broker: dict[str, object]) -> None:
    assert not _answers(broker, "SASL_SSL", _client(broker, "SASL_SSL", "wirewatch-admin", "wrong-password"))
    assert not _answers(broker, "SASL_SSL", _client(broker, "SASL_SSL", "wirewatch-parser", "anything"))
    assert not _answers(broker, "SASL_SSL", None, protocol="PLAINTEXT")  # no unauthenticated clients


def test_the_broker_certificate_must_verify(broker: dict[str, object]) -> None:
    password = str(broker["admin_password"])
    # without the deployment's CA (the system CAs only) the TLS handshake fails
    assert not _answers(
        broker, "SASL_SSL", _client(broker, "SASL_SSL", "wirewatch-admin", password, ca=False)
    )
