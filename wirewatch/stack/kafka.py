"""The local Kafka: one KRaft node (broker + controller) on 127.0.0.1, run straight from its jars."""

from __future__ import annotations

import asyncio
import base64
import logging
import subprocess
import uuid
import zipfile
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

import psutil

from shared.config import Settings
from wirewatch.stack.process import Identity, StackError, find_ours, tail, write_pid
from wirewatch.stack.system import Java

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
    def __init__(self, settings: Settings) -> None:
        self.root = settings.state_dir / "kafka"
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
            "num.partitions=1",
            "default.replication.factor=1",
            "offsets.topic.replication.factor=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "auto.create.topics.enable=true",
            "delete.topic.enable=true",
            "log.retention.hours=168",
            "",
        ]
    )


def _java_cmd(java: Java, home: Path, settings: Settings, main: list[str]) -> list[str]:
    p = Paths(settings)
    heap = settings.stack_kafka_heap
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


def prepare(settings: Settings, java: Java, home: Path) -> None:
    """Write the configuration; format the storage on first start."""
    p = Paths(settings)
    for d in (p.data, p.logs):
        d.mkdir(parents=True, exist_ok=True)
    p.config.write_text(server_properties(settings))
    p.log4j.write_text(LOG4J2)
    if (p.data / "meta.properties").exists():
        return
    cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
    cmd = _java_cmd(java, home, settings, ["kafka.tools.StorageTool", "format", "-t", cluster_id])
    cmd += ["-c", str(p.config)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    if proc.returncode != 0:
        output = (proc.stdout + proc.stderr)[-1500:]
        raise StackError(f"formatting Kafka storage in {p.data} failed:\n{output}")


def start(settings: Settings, java: Java, home: Path) -> subprocess.Popen[bytes]:
    p = Paths(settings)
    prepare(settings, java, home)
    with p.out.open("ab") as out:
        proc = subprocess.Popen(
            _java_cmd(java, home, settings, [MAIN_CLASS, str(p.config)]),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=p.logs,
            start_new_session=True,
        )
    write_pid(p.pid_file, proc.pid)
    return proc


def running_pid(settings: Settings) -> int | None:
    return find_ours(Paths(settings).pid_file, identity(settings), settings.stack_kafka_port)


def failure_hint(settings: Settings) -> str:
    p = Paths(settings)
    return tail(p.server_log, 15) or tail(p.out, 15)


def answers(settings: Settings, timeout: float = 5.0) -> bool:
    """True when the broker answers a metadata request (aiokafka, in a private thread + loop)."""

    async def probe() -> None:
        from aiokafka import AIOKafkaConsumer

        consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap(settings),
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
