"""The local Kafka: one KRaft node (broker + controller) on 127.0.0.1, run straight from its jars.

``start``/``prepare`` run the PLAINTEXT stack broker (``wirewatch stack up``); ``start_secure`` runs a
separate, secured one (SASL_SSL + SCRAM-SHA-512, a throw-away CA, StandardAuthorizer ACLs) in a
directory of its own, for the security tests and ``wirewatch kafka secure-broker``.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import logging
import os
import secrets
import subprocess
import time
import uuid
import zipfile
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil
from pydantic import SecretStr

from shared.config import Settings
from wirewatch.processes import free_port
from wirewatch.stack.kafka_tls import TlsFiles, make_ca
from wirewatch.stack.process import Identity, StackError, find_ours, our_pid, stop_pid, tail, write_pid
from wirewatch.stack.system import (
    Java,
    RunAs,
    grant_traverse,
    owned_dir,
    run_as_options,
    spawn,
    user_dir,
    write_own_file,
)

NAME = "kafka"
MAIN_CLASS = "kafka.Kafka"

LOG4J2 = """\
status = warn
appender.file.type = RollingFile
appender.file.name = file
appender.file.fileName = ${sys:kafka.logs.dir}/server.log
appender.file.filePattern = ${sys:kafka.logs.dir}/server.log.%i
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
appender.file.policies.type = Policies
appender.file.policies.size.type = SizeBasedTriggeringPolicy
appender.file.policies.size.size = 50MB
appender.file.strategy.type = DefaultRolloverStrategy
appender.file.strategy.max = 3
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
logger.state.name = state.change.logger
logger.state.level = WARN
logger.request.name = kafka.request.logger
logger.request.level = WARN
"""


class Paths:
    def __init__(self, settings: Settings, root: Path | None = None) -> None:
        self.root = root if root is not None else settings.state_dir / "kafka"
        self.data = self.root / "data"
        self.logs = self.root / "logs"
        self.config = self.root / "server.properties"
        self.log4j = self.root / "log4j2.properties"
        self.pid_file = self.root / "kafka.pid"
        self.out = self.logs / "kafka.out"
        self.server_log = self.logs / "server.log"


def identity(settings: Settings) -> Identity:
    """How *our* Kafka is recognised (checked before a pid is signalled)."""
    return Identity(cmdline=(MAIN_CLASS, str(Paths(settings).config)))


def bootstrap(settings: Settings) -> str:
    return f"127.0.0.1:{settings.stack_kafka_port}"


def new_cluster_id() -> str:
    """A random KRaft cluster id (base64url of a UUID) that never starts with ``-``: kafka-storage's
    argument parser would read such an id as an option (``--cluster-id: expected one argument``)."""
    while True:
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cluster_id.startswith("-"):
            return cluster_id


# what a single-node cluster needs, whatever its listeners: every internal topic on its one replica
SINGLE_NODE_PROPERTIES: tuple[str, ...] = (
    "num.partitions=1",
    "default.replication.factor=1",
    "offsets.topic.replication.factor=1",
    "transaction.state.log.replication.factor=1",
    "transaction.state.log.min.isr=1",
    "share.coordinator.state.topic.replication.factor=1",
    "share.coordinator.state.topic.min.isr=1",
    "group.initial.rebalance.delay.ms=0",
)


def server_properties(settings: Settings) -> str:
    p = Paths(settings)
    port, ctl = settings.stack_kafka_port, settings.stack_kafka_controller_port
    return "\n".join(
        [
            "process.roles=broker,controller",
            "node.id=1",
            f"controller.quorum.voters=1@127.0.0.1:{ctl}",
            f"listeners=PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{ctl}",
            f"advertised.listeners=PLAINTEXT://127.0.0.1:{port}",
            "controller.listener.names=CONTROLLER",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "inter.broker.listener.name=PLAINTEXT",
            f"log.dirs={p.data}",
            *SINGLE_NODE_PROPERTIES,
            "auto.create.topics.enable=true",
            "delete.topic.enable=true",
            "log.retention.hours=168",
            "",
        ]
    )


def _java_cmd(
    java: Java,
    home: Path,
    settings: Settings,
    main: list[str],
    paths: Paths | None = None,
    heap: str | None = None,
) -> list[str]:
    p = paths or Paths(settings)
    heap = heap or settings.stack_kafka_heap
    return [
        str(java.bin),
        f"-Xms{heap}",
        f"-Xmx{heap}",
        "-XX:+UseG1GC",
        "-Djava.awt.headless=true",
        f"-Dlog4j2.configurationFile={p.log4j}",
        f"-Dkafka.logs.dir={p.logs}",
        "-cp",
        str(home / "libs" / "*"),
        *main,
    ]


def prepare(settings: Settings, java: Java, home: Path, run_as: RunAs | None = None) -> None:
    """Write the configuration (ours); format the storage (as ``run_as``, in its data dir) on first start."""
    run_as = run_as or RunAs()
    p = Paths(settings)
    owned_dir(p.root, adopt=True)
    for d in (p.data, p.logs):
        user_dir(d, run_as)
    write_own_file(p.config, server_properties(settings))
    write_own_file(p.log4j, LOG4J2)
    grant_traverse([home, p.root, java.home], run_as)
    if (p.data / "meta.properties").exists():
        return
    cluster_id = new_cluster_id()
    cmd = _java_cmd(java, home, settings, ["kafka.tools.StorageTool", "format", "-t", cluster_id])
    cmd += ["-c", str(p.config)]
    proc = subprocess.run(
        cmd, capture_output=True, text=True, timeout=120, check=False, cwd=p.logs, **run_as_options(run_as)
    )
    if proc.returncode != 0:
        output = (proc.stdout + proc.stderr)[-1500:]
        raise StackError(f"formatting Kafka storage in {p.data} failed:\n{output}")


def start(settings: Settings, java: Java, home: Path, run_as: RunAs | None = None) -> subprocess.Popen[bytes]:
    """Start the broker as ``run_as`` (as root: the ``wirewatch`` user); it opens its own log."""
    run_as = run_as or RunAs()
    p = Paths(settings)
    prepare(settings, java, home, run_as)
    cmd = _java_cmd(java, home, settings, [MAIN_CLASS, str(p.config)])
    proc = spawn(cmd, run_as=run_as, log=p.out, cwd=p.logs)
    write_pid(p.pid_file, proc.pid)
    return proc


def running_pid(settings: Settings) -> int | None:
    return find_ours(Paths(settings).pid_file, identity(settings), settings.stack_kafka_port)


def failure_hint(settings: Settings) -> str:
    p = Paths(settings)
    return tail(p.server_log, 15) or tail(p.out, 15)


def answers(
    settings: Settings,
    timeout: float = 5.0,
    *,
    server: str | None = None,
    security: dict[str, Any] | None = None,
) -> bool:
    """True when the broker answers a metadata request (aiokafka, in a private thread + loop).

    ``server``/``security``: another broker than the stack's (the secured one) and client options.
    """

    async def probe() -> None:
        from aiokafka import AIOKafkaConsumer

        consumer = AIOKafkaConsumer(
            **(security or {}),
            bootstrap_servers=server or bootstrap(settings),
            request_timeout_ms=int(timeout * 1000),
            connections_max_idle_ms=int(timeout * 2000),
        )
        try:
            await asyncio.wait_for(consumer.start(), timeout)
            await asyncio.wait_for(consumer.topics(), timeout)
        finally:
            await consumer.stop()

    quiet = logging.getLogger("aiokafka")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)
    try:
        with ThreadPoolExecutor(1, thread_name_prefix="kafka-probe") as pool:
            pool.submit(asyncio.run, probe()).result(timeout * 2 + 5)
        return True
    except (FutureTimeout, Exception):
        return False
    finally:
        quiet.setLevel(level)


def version_of(pid: int) -> str | None:
    """The Kafka version of the running process, read from the kafka-clients jar on its classpath."""
    try:
        cmd = psutil.Process(pid).cmdline()
    except psutil.Error:
        return None
    if "-cp" not in cmd:
        return None
    libs = Path(cmd[cmd.index("-cp") + 1].rstrip("*")).resolve()
    for jar in sorted(libs.glob("kafka-clients-*.jar")):
        try:
            with zipfile.ZipFile(jar) as zf:
                props = zf.read("kafka/kafka-version.properties").decode()
        except (KeyError, OSError, zipfile.BadZipFile):
            continue
        for line in props.splitlines():
            if line.startswith("version="):
                return line.split("=", 1)[1].strip()
    return None


# --- the secured broker: SASL_SSL + SCRAM-SHA-512, throw-away CA, StandardAuthorizer -------------

ADMIN_USER = "wirewatch-admin"  # the super user: creates topics, users and ACLs
SCRAM_MECHANISM = "SCRAM-SHA-512"
SCRAM_ITERATIONS = 8192
AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer"


def scram_salted_password(password: str, salt: bytes, iterations: int = SCRAM_ITERATIONS) -> bytes:
    """RFC 5802 SaltedPassword (PBKDF2-HMAC-SHA-512): what Kafka derives its stored and server keys from."""
    return hashlib.pbkdf2_hmac("sha512", password.encode(), salt, iterations)


@dataclass
class SecureBroker:
    """A running secured broker; ``client_settings`` gives the settings a client of it needs."""

    root: Path
    port: int
    controller_port: int
    tls: TlsFiles
    admin_password: SecretStr
    pid: int
    config: Path

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def identity(self) -> Identity:
        return Identity(cmdline=(MAIN_CLASS, str(self.config)))

    def client_settings(self, base: Settings, username: str, password: str | SecretStr) -> Settings:
        """``base`` pointed at this broker over SASL_SSL as ``username`` (trusting the throw-away CA)."""
        secret = password if isinstance(password, SecretStr) else SecretStr(password)
        return base.model_copy(
            update={
                "kafka_bootstrap": self.bootstrap,
                "kafka_security_protocol": "SASL_SSL",
                "kafka_sasl_mechanism": SCRAM_MECHANISM,
                "kafka_sasl_username": username,
                "kafka_sasl_password": secret,
                "kafka_ssl_cafile": self.tls.ca_cert,
            }
        )

    def admin_settings(self, base: Settings) -> Settings:
        return self.client_settings(base, ADMIN_USER, self.admin_password)

    def env(self, username: str, password: str) -> dict[str, str]:
        """The ``WIREWATCH_KAFKA_*`` variables of a client process of this broker."""
        return {
            "WIREWATCH_KAFKA_BOOTSTRAP": self.bootstrap,
            "WIREWATCH_KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
            "WIREWATCH_KAFKA_SASL_MECHANISM": SCRAM_MECHANISM,
            "WIREWATCH_KAFKA_SASL_USERNAME": username,
            "WIREWATCH_KAFKA_SASL_PASSWORD": password,
            "WIREWATCH_KAFKA_SSL_CAFILE": str(self.tls.ca_cert),
        }

    def stop(self, timeout: float = 30.0) -> bool:
        """Stop the broker (only this process, recognised by its command line)."""
        return stop_pid(self.pid, self.identity, timeout=timeout)


def secure_server_properties(
    paths: Paths, port: int, controller_port: int, tls: TlsFiles, admin_password: SecretStr
) -> str:
    """SASL_SSL for clients (SCRAM-SHA-512), mutual-TLS controller listener, ACLs enforced."""
    jaas = (
        "org.apache.kafka.common.security.scram.ScramLoginModule required "
        f'username="{ADMIN_USER}" password="{admin_password.get_secret_value()}";'
    )
    return "\n".join(
        [
            "process.roles=broker,controller",
            "node.id=1",
            f"controller.quorum.voters=1@127.0.0.1:{controller_port}",
            f"listeners=SASL_SSL://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controller_port}",
            f"advertised.listeners=SASL_SSL://127.0.0.1:{port}",
            "controller.listener.names=CONTROLLER",
            "listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:SSL",
            "inter.broker.listener.name=SASL_SSL",
            # clients: SCRAM only; the broker itself talks to its SASL_SSL listener as the admin
            f"sasl.enabled.mechanisms={SCRAM_MECHANISM}",
            f"sasl.mechanism.inter.broker.protocol={SCRAM_MECHANISM}",
            f"listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config={jaas}",
            # TLS: the stack's throw-away CA; the controller listener wants the broker's certificate
            "ssl.keystore.type=PEM",
            f"ssl.keystore.location={tls.broker_keystore}",
            "ssl.truststore.type=PEM",
            f"ssl.truststore.location={tls.ca_cert}",
            "ssl.enabled.protocols=TLSv1.3,TLSv1.2",
            "ssl.endpoint.identification.algorithm=https",
            "listener.name.controller.ssl.client.auth=required",
            # authorization: nothing without an ACL, but the admin and the broker's own certificate
            f"authorizer.class.name={AUTHORIZER}",
            f"super.users=User:{ADMIN_USER};{tls.broker_principal}",
            "allow.everyone.if.no.acl.found=false",
            f"log.dirs={paths.data}",
            *SINGLE_NODE_PROPERTIES,
            "auto.create.topics.enable=false",
            "delete.topic.enable=true",
            "",
        ]
    )


def write_private_text(path: Path, text: str) -> None:
    """Write ``text`` to a file created 0600 (a password, a config holding one)."""
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(text)


def start_secure(
    settings: Settings,
    root: Path,
    *,
    java: Java,
    home: Path,
    port: int | None = None,
    controller_port: int | None = None,
    heap: str = "512m",
    timeout: float | None = None,
) -> SecureBroker:
    """Start a secured single-node Kafka with its state, CA and logs under ``root`` (mode 0700).

    The admin super user (``wirewatch-admin``, random password) is bootstrapped into the metadata
    log at format time as a salted SCRAM credential (``kafka-storage format --add-scram``), so its
    password never appears on a command line. Returns once the admin gets metadata over SASL_SSL;
    the caller stops it with ``SecureBroker.stop()``.
    """
    root.mkdir(parents=True, exist_ok=True)
    root.chmod(0o700)
    p = Paths(settings, root)
    for d in (p.data, p.logs):
        d.mkdir(parents=True, exist_ok=True)
    requested_ports = bool(port or controller_port)
    port = port or free_port()
    controller_port = controller_port or free_port()
    tls = make_ca(root / "tls")
    admin_password = SecretStr(secrets.token_urlsafe(24))
    write_private_text(p.config, secure_server_properties(p, port, controller_port, tls, admin_password))
    p.log4j.write_text(LOG4J2)

    salt = secrets.token_bytes(24)
    salted = scram_salted_password(admin_password.get_secret_value(), salt)
    scram = (
        f"{SCRAM_MECHANISM}=[name={ADMIN_USER},iterations={SCRAM_ITERATIONS},"
        f'salt="{base64.b64encode(salt).decode()}",saltedpassword="{base64.b64encode(salted).decode()}"]'
    )
    cluster_id = new_cluster_id()
    fmt = ["kafka.tools.StorageTool", "format", "-t", cluster_id, "-c", str(p.config), "--add-scram", scram]
    proc = subprocess.run(
        _java_cmd(java, home, settings, fmt, p, heap="256m"),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    if proc.returncode != 0:
        output = (proc.stdout + proc.stderr)[-1500:]
        raise StackError(f"formatting the secured Kafka storage in {p.data} failed:\n{output}")

    from shared.kafka_security import aiokafka_options

    deadline = time.monotonic() + (timeout if timeout is not None else settings.stack_start_timeout)
    auto_ports = not requested_ports
    for attempt in (1, 2):
        with p.out.open("ab") as out:
            server = subprocess.Popen(
                _java_cmd(java, home, settings, [MAIN_CLASS, str(p.config)], p, heap=heap),
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=p.logs,
                start_new_session=True,
            )
        write_pid(p.pid_file, server.pid)
        broker = SecureBroker(root, port, controller_port, tls, admin_password, server.pid, p.config)
        security = aiokafka_options(broker.admin_settings(settings))
        while server.poll() is None:
            if answers(settings, timeout=5.0, server=broker.bootstrap, security=security):
                return broker
            if time.monotonic() >= deadline:
                broker.stop()
                raise StackError(
                    f"the secured Kafka on {broker.bootstrap} did not answer in time; last log lines:\n"
                    + (tail(p.server_log, 15) or tail(p.out, 15))
                )
            time.sleep(1.0)
        hint = tail(p.server_log, 15) or tail(p.out, 15)
        if attempt == 1 and auto_ports and "Address already in use" in (hint + tail(p.out, 40)):
            # a free port taken by someone else between our probe and Kafka's bind: new ports, once
            port, controller_port = free_port(), free_port()
            config = secure_server_properties(p, port, controller_port, tls, admin_password)
            write_private_text(p.config, config)
            continue
        raise StackError(
            f"the secured Kafka exited with code {server.returncode} while starting; last log lines:\n{hint}"
        )
    raise AssertionError("unreachable")


def stop_secure(root: Path, timeout: float = 30.0) -> bool:
    """Stop the secured broker whose state is ``root`` (by its pid file and command line)."""
    p = Paths(Settings(), root)
    pid = our_pid(p.pid_file, Identity(cmdline=(MAIN_CLASS, str(p.config))))
    if pid is None:
        return False
    stopped = stop_pid(pid, Identity(cmdline=(MAIN_CLASS, str(p.config))), timeout=timeout)
    p.pid_file.unlink(missing_ok=True)
    return stopped
