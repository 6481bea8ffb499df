"""Kafka security against a real, separately started secured broker (SASL_SSL, SCRAM-SHA-512, ACLs).

One throw-away broker for the module (own ports, own state and CA under the test's tmp dir), made by
the stack's own ``start_secure`` and always stopped by its finalizer. The users and ACLs come from
``deploy/kafka/acls.yaml`` through ``wirewatch kafka security apply``'s code; the parser runs as a
real ``wirewatch parser`` subprocess with its own principal. Nothing is mocked.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pytest
from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from aiokafka.errors import GroupAuthorizationFailedError, KafkaError, TopicAuthorizationFailedError
from pydantic import SecretStr

from services.parser.settings import ParserSettings
from shared.config import Settings
from shared.contracts import ClassifiedArticle, DeadLetter, ParsedArticle
from shared.kafka import admin_client, client_options, create_topics, producer, read_topic
from shared.kafka_security import KafkaSecurityError, aiokafka_options, check, describe
from shared.runtime.streaming import faust_credentials
from shared.topics import ALL_TOPICS, CLASSIFIED, DEADLETTER, FEEDS, GROUPED, PARSED, RAW, STAGE_INPUT
from tests.support import REPO, free_port, run_cli, running, settings_env

if TYPE_CHECKING:
    from faust.auth import SASLCredentials
from tests.test_parser_extract import EN_PARAS, page
from tests.test_parser_service import raw
from wirewatch.ops.kafka_acls import Binding, apply, current_acls, load_spec, passwords_for
from wirewatch.stack.kafka import ADMIN_USER, SecureBroker, start_secure
from wirewatch.stack.kafka_tls import make_ca

ACLS = REPO / "deploy" / "kafka" / "acls.yaml"
integration = pytest.mark.integration  # the tests that use the secured broker


# --- without a broker ---------------------------------------------------------------------------


def test_settings_that_would_weaken_security_are_refused() -> None:
    secret = SecretStr("s3cret-value")
    with pytest.raises(KafkaSecurityError, match="SASL_USERNAME"):
        check(Settings(kafka_security_protocol="SASL_SSL"))
    with pytest.raises(KafkaSecurityError, match="SECURITY_PROTOCOL=PLAINTEXT"):  # creds but no SASL
        check(Settings(kafka_sasl_username="u", kafka_sasl_password=secret))
    with pytest.raises(KafkaSecurityError, match="clear text"):
        check(
            Settings(
                kafka_security_protocol="SASL_PLAINTEXT",
                kafka_sasl_mechanism="PLAIN",
                kafka_sasl_username="u",
                kafka_sasl_password=secret,
            )
        )
    with pytest.raises(KafkaSecurityError, match="no TLS"):
        check(Settings(kafka_ssl_cafile=Path("/etc/ssl/ca.pem")))
    plain = client_options(Settings())
    assert plain == {"bootstrap_servers": "127.0.0.1:9092", "security_protocol": "PLAINTEXT"}


def test_security_setting_errors_are_config_errors() -> None:
    from shared.elastic_security import RolesError
    from shared.errors import ConfigError

    for cls in (KafkaSecurityError, RolesError):  # ConfigError, still a ValueError
        assert issubclass(cls, ConfigError) and issubclass(cls, ValueError)
    with pytest.raises(ConfigError, match="SASL_USERNAME"):
        check(Settings(kafka_security_protocol="SASL_SSL"))


def test_sasl_ssl_options_for_aiokafka_and_faust_and_no_password_in_descriptions() -> None:
    s = Settings(
        kafka_security_protocol="SASL_SSL",
        kafka_sasl_username="wirewatch-parser",
        kafka_sasl_password=SecretStr("s3cret-value"),
    )
    opts = aiokafka_options(s)
    assert opts["security_protocol"] == "SASL_SSL" and opts["sasl_mechanism"] == "SCRAM-SHA-512"
    assert opts["sasl_plain_username"] == "wirewatch-parser"
    assert opts["ssl_context"].check_hostname and opts["ssl_context"].verify_mode.name == "CERT_REQUIRED"
    creds = cast("SASLCredentials | None", faust_credentials(s))  # SASL settings: SASL credentials
    assert creds is not None
    assert creds.protocol.value == "SASL_SSL" and creds.mechanism.value == "SCRAM-SHA-512"
    assert creds.ssl_context is not None
    for text in (describe(s), repr(creds), repr(s), str(s.model_dump())):
        assert "s3cret-value" not in text
    assert faust_credentials(Settings()) is None


def test_wirewatch_config_masks_the_kafka_password() -> None:
    env = settings_env(
        Settings(
            kafka_security_protocol="SASL_SSL",
            kafka_sasl_username="wirewatch-tools",
            kafka_sasl_password=SecretStr("s3cret-value"),
        )
    )
    proc = run_cli(["config"], env)
    assert proc.returncode == 0, proc.stderr
    assert "SASL_SSL" in proc.stdout and "wirewatch-tools" in proc.stdout
    assert "s3cret-value" not in proc.stdout + proc.stderr


def test_acl_spec_gives_each_stage_its_input_and_dead_letters_only() -> None:
    spec = load_spec(ACLS, "p")
    bindings = spec.bindings()
    by_principal: dict[str, set[tuple[str, str]]] = {}
    for b in bindings:
        by_principal.setdefault(b.principal, set()).add((b.describe().split()[1], b.resource_name))
    for stage, topic in STAGE_INPUT.items():
        granted = by_principal[f"User:wirewatch-{stage}"]
        assert ("Read", topic.name(spec_settings("p"))) in granted
        assert ("Write", "p.deadletter") in granted
        assert ("Read", f"p-{stage}") in granted  # its consumer group
        assert not any(name == "p.feeds" and op == "Write" for op, name in granted)
    parser = by_principal["User:wirewatch-parser"]
    assert {name for op, name in parser if op == "Write"} == {"p.parsed", "p.deadletter", "p-parser-"}
    assert {name for op, name in parser if op == "Read"} == {"p.raw", "p-parser", "p-parser-"}
    assert spec.principal(ADMIN_USER).super_user and not spec.principal(ADMIN_USER).acls
    # every principal the services and tools use is declared
    assert {p.name for p in spec.principals} == {
        f"wirewatch-{n}"
        for n in ("admin", "fetcher", "parser", "classifier", "grouper", "indexer", "alerter", "tools")
    }


def test_every_topic_of_the_pipeline_has_a_writer_and_a_reader_in_the_acl_spec() -> None:
    """A new TopicSpec without ACLs would be unusable on a secured broker: caught here."""
    spec = load_spec(ACLS, "p")
    grants: dict[tuple[str, str], set[str]] = {}
    for b in spec.bindings():
        if b.pattern_type == 3:  # literal topics
            op = b.describe().split()[1]
            grants.setdefault((op, b.resource_name), set()).add(b.principal.removeprefix("User:wirewatch-"))
    for topic in ALL_TOPICS:
        name = topic.name(spec_settings("p"))
        writers = grants.get(("Write", name), set()) - {"tools"}
        readers = grants.get(("Read", name), set()) - {"tools"}
        if topic.key == "feeds":  # written by operators (`wirewatch feeds`), read by the fetcher
            writers = grants.get(("Write", name), set())
        if topic.key == "deadletter":  # read by operators (`wirewatch dlq`)
            readers = {"tools"}
        assert writers and readers, (name, writers, readers)


def test_client_certificate_is_loaded_for_mutual_tls(tmp_path: Path) -> None:
    tls = make_ca(tmp_path / "ca")
    s = Settings(
        kafka_security_protocol="SSL",
        kafka_ssl_cafile=tls.ca_cert,
        kafka_ssl_certfile=tls.broker_cert,
        kafka_ssl_keyfile=tls.broker_keystore,
    )
    opts = aiokafka_options(s)
    assert opts["security_protocol"] == "SSL" and "sasl_mechanism" not in opts
    assert opts["ssl_context"].get_ca_certs()[0]["subject"] == ((("commonName", "wirewatch local CA"),),)
    creds = faust_credentials(s)
    assert creds is not None and creds.protocol.value == "SSL"
    for path in (tls.broker_keystore, tls.directory):
        assert path.stat().st_mode & 0o077 == 0, path  # the key and its directory: owner only
    with pytest.raises(KafkaSecurityError, match="both"):
        check(s.model_copy(update={"kafka_ssl_keyfile": None}))


def spec_settings(prefix: str) -> Settings:
    return Settings(topic_prefix=prefix)


# --- the secured broker -------------------------------------------------------------------------


@dataclass
class Secured:
    broker: SecureBroker
    base: Settings  # this module's topic prefix and state dir
    passwords: dict[str, str]

    def as_user(self, name: str, password: str | None = None) -> Settings:
        return self.broker.client_settings(self.base, name, password or self.passwords[name])

    @property
    def admin(self) -> Settings:
        return self.broker.admin_settings(self.base)


@pytest.fixture(scope="module")
def secure_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SecureBroker]:
    from wirewatch.stack.download import install_kafka
    from wirewatch.stack.system import find_java

    base = Settings()
    home = install_kafka(base.cache_dir)
    root = tmp_path_factory.mktemp("secure-kafka")
    broker = start_secure(base, root, java=find_java(), home=home, timeout=150)
    try:
        yield broker
    finally:
        broker.stop()


@pytest.fixture(scope="module")
async def secured(
    secure_broker: SecureBroker, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Secured]:
    base = Settings(
        topic_prefix=f"sec-{uuid.uuid4().hex[:8]}",
        topic_partitions=2,
        state_dir=tmp_path_factory.mktemp("secure-state"),
    )
    spec = load_spec(ACLS, base.topic_prefix)
    services = [p for p in spec.principals if p.password_env and not p.super_user]
    env = {str(p.password_env): secrets.token_urlsafe(18) for p in services}
    passwords = passwords_for(spec, env=env)
    admin = secure_broker.admin_settings(base)
    # the admin principal (super user) creates the topics and the tables' changelogs, as the setup job's
    # `wirewatch topics create` does (a changelog faust creates at start can race its metadata)
    await create_topics(admin)
    result = await apply(admin, spec, passwords)
    assert set(result.users) == set(passwords) and ADMIN_USER in result.skipped_users
    yield Secured(secure_broker, base, passwords)


@integration
async def test_scram_client_trusting_the_ca_produces_and_consumes(secured: Secured) -> None:
    tools = secured.as_user("wirewatch-tools")
    topic = FEEDS.name(tools)
    async with producer(tools) as prod:
        await prod.send_and_wait(topic, key=b"feed-1", value=b'{"probe": 1}')
    records = await read_topic(tools, topic)
    assert [(r.key, r.value) for r in records] == [(b"feed-1", b'{"probe": 1}')]


async def _connect_error(settings: Settings, caplog: pytest.LogCaptureFixture) -> str:
    """Start a consumer that must fail to connect; the reason aiokafka logged for the failure."""
    consumer = AIOKafkaConsumer(**client_options(settings), request_timeout_ms=15000)
    caplog.clear()
    with caplog.at_level(logging.ERROR, logger="aiokafka"), pytest.raises(KafkaError):
        try:
            await consumer.start()
        finally:
            await consumer.stop()
    return caplog.text


@integration
async def test_wrong_password_and_unknown_user_are_refused(
    secured: Secured, caplog: pytest.LogCaptureFixture
) -> None:
    bad = secured.as_user("wirewatch-parser", "not-the-password")
    reason = await _connect_error(bad, caplog)
    assert "SaslAuthenticationFailed" in reason and "invalid credentials" in reason
    assert "not-the-password" not in reason
    reason = await _connect_error(secured.as_user("wirewatch-nobody", "whatever"), caplog)
    assert "SaslAuthenticationFailed" in reason
    with pytest.raises(KafkaError):  # the producer helper fails the same way (and closes its client)
        async with producer(bad):
            pass
    # the same client with the right password gets in (the refusal was about the credentials)
    async with producer(secured.as_user("wirewatch-parser")) as prod:
        await prod.send_and_wait(PARSED.name(secured.base), key=b"ok", value=b"{}")


@integration
async def test_client_that_does_not_trust_the_ca_fails(
    secured: Secured, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    parser = secured.as_user("wirewatch-parser")
    system_cas = parser.model_copy(update={"kafka_ssl_cafile": None})
    assert "CERTIFICATE_VERIFY_FAILED" in await _connect_error(system_cas, caplog)
    other_ca = make_ca(tmp_path / "other-ca").ca_cert  # a CA of the same name that did not sign the broker
    assert "CERTIFICATE_VERIFY_FAILED" in await _connect_error(
        parser.model_copy(update={"kafka_ssl_cafile": other_ca}), caplog
    )
    plaintext = secured.base.model_copy(update={"kafka_bootstrap": secured.broker.bootstrap})
    consumer = AIOKafkaConsumer(**client_options(plaintext), request_timeout_ms=5000)
    with pytest.raises(KafkaError):  # PLAINTEXT on the SASL_SSL listener gets nothing
        try:
            await consumer.start()
            await consumer.topics()
        finally:
            await consumer.stop()


async def wait_for_key(settings: Settings, topic: str, key: bytes, timeout: float) -> list[ConsumerRecord]:
    """The records of ``topic`` with ``key``, once there is at least one (polled until ``timeout``)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        found = [r for r in await read_topic(settings, topic) if r.key == key]
        if found or loop.time() > deadline:
            return found
        await asyncio.sleep(0.5)


@integration
async def test_parser_stage_runs_end_to_end_over_sasl_ssl_as_its_own_principal(
    secured: Secured, tmp_path: Path
) -> None:
    port = free_port()
    parser = secured.as_user("wirewatch-parser").model_copy(
        update={"web_port": port, "web_host": "127.0.0.1", "state_dir": tmp_path / "state"}
    )
    env = settings_env(parser, ParserSettings(workers=1, max_tasks_per_worker=0))
    admin = secured.admin
    with running(["parser"], env, tmp_path / "parser.log", web_port=port) as proc:
        async with producer(secured.as_user("wirewatch-tools")) as prod:  # dlq replay's right on raw
            item = raw("sec-1", page(EN_PARAS))
            await prod.send_and_wait(RAW.name(admin), key=b"sec-1", value=item.encode())
            await prod.send_and_wait(RAW.name(admin), key=b"sec-bad", value=b'{"id": "sec-bad"}')
        parsed = await wait_for_key(admin, PARSED.name(admin), b"sec-1", timeout=120)
        letters = await wait_for_key(admin, DEADLETTER.name(admin), b"sec-bad", timeout=60)
        proc.wait_healthy(path="/readyz")
    articles = [ParsedArticle.decode(r.value) for r in parsed]
    assert len(articles) == 1 and EN_PARAS[1] in articles[0].text
    assert [DeadLetter.decode(r.value).stage for r in letters] == ["parser"]
    log = proc.output()
    assert secured.passwords["wirewatch-parser"] not in log
    assert "Authoriz" not in log, log[-2000:]


@integration
async def test_grouper_with_its_table_runs_over_sasl_ssl_as_its_own_principal(
    secured: Secured, tmp_path: Path
) -> None:
    """A stage with a faust table: it uses its changelog under its own ``<prefix>-grouper-`` prefix
    (created by `wirewatch topics create`; faust declares it again at start) and its one-partition
    queue topic, with nothing more than the file grants."""
    from services.grouper.settings import GrouperSettings

    port = free_port()
    grouper = secured.as_user("wirewatch-grouper").model_copy(
        update={"web_port": port, "web_host": "127.0.0.1", "state_dir": tmp_path / "state"}
    )
    env = settings_env(grouper, GrouperSettings())
    admin = secured.admin
    article = ClassifiedArticle(
        id="sec-g1",
        url="https://news.example.org/sec-g1",
        lang="en",
        title="Nvidia invests $2 billion in Mistral AI",
        text="Nvidia has invested $2 billion in Mistral AI, the French start-up said on Tuesday.",
    )
    with running(["grouper"], env, tmp_path / "grouper.log", web_port=port) as proc:
        async with producer(secured.as_user("wirewatch-tools")) as prod:
            await prod.send_and_wait(CLASSIFIED.name(admin), key=b"sec-g1", value=article.encode())
        out = await wait_for_key(admin, GROUPED.name(admin), b"sec-g1", timeout=120)
        proc.wait_healthy(path="/readyz")
    assert [ClassifiedArticle.decode(r.value).story_id for r in out] != [None]
    async with admin_client(admin) as client:
        topics = await client.list_topics()
    own = f"{admin.topic_prefix}-grouper-"
    changelogs = [n for n in topics if n.startswith(own) and n.endswith("changelog")]
    assert changelogs, sorted(topics)
    log = proc.output()
    assert secured.passwords["wirewatch-grouper"] not in log
    assert "Authoriz" not in log, log[-2000:]


@integration
async def test_principal_is_refused_outside_its_acls(secured: Secured) -> None:
    parser = secured.as_user("wirewatch-parser")
    async with producer(parser) as prod:
        with pytest.raises(TopicAuthorizationFailedError):
            await prod.send_and_wait(CLASSIFIED.name(parser), key=b"x", value=b"{}")
    # reading the feeds: the topic is invisible to it (the admin sees a record there), and the broker
    # refuses its offsets there even in its own consumer group
    async with producer(secured.as_user("wirewatch-tools")) as prod:
        await prod.send_and_wait(FEEDS.name(parser), key=b"feed-2", value=b"{}")
    assert await read_topic(secured.admin, FEEDS.name(parser))
    assert await read_topic(parser, FEEDS.name(parser)) == []
    feeds = TopicPartition(FEEDS.name(parser), 0)
    reader = AIOKafkaConsumer(
        **client_options(parser), group_id=f"{parser.topic_prefix}-parser", enable_auto_commit=False
    )
    await reader.start()
    try:
        reader.assign([feeds])
        with pytest.raises(TopicAuthorizationFailedError):
            await reader.commit({feeds: 0})
    finally:
        await reader.stop()
    # a consumer group that is not its own
    consumer = AIOKafkaConsumer(
        RAW.name(parser), **client_options(parser), group_id=f"{parser.topic_prefix}-classifier"
    )
    with pytest.raises(GroupAuthorizationFailedError):
        try:
            await consumer.start()
            await consumer.getmany(timeout_ms=10000)
            await consumer.commit()
        finally:
            await consumer.stop()


@integration
async def test_the_setup_jobs_apply_command_sets_a_password_from_its_variable(secured: Secured) -> None:
    """``wirewatch kafka security apply --acls deploy/kafka/acls.yaml`` as the setup job runs it: the
    admin's settings, one principal's password from its variable; the new password works, the old fails."""
    new_password = secrets.token_urlsafe(18)
    env = settings_env(secured.admin, WIREWATCH_KAFKA_PASSWORD_CLASSIFIER=new_password)
    command = ["kafka", "security", "apply", "--acls", str(ACLS), "--no-prune"]
    proc = await asyncio.to_thread(run_cli, command, env, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "SCRAM credentials set: wirewatch-classifier" in proc.stdout
    assert new_password not in proc.stdout + proc.stderr
    assert secured.admin.kafka_sasl_password is not None
    assert secured.admin.kafka_sasl_password.get_secret_value() not in proc.stdout + proc.stderr
    old = secured.passwords["wirewatch-classifier"]
    secured.passwords["wirewatch-classifier"] = new_password
    assert await _can_produce(secured.as_user("wirewatch-classifier"))
    assert not await _can_produce(secured.as_user("wirewatch-classifier", old))


async def _can_produce(settings: Settings) -> bool:
    try:
        async with producer(settings) as prod:
            await prod.send_and_wait(CLASSIFIED.name(settings), key=b"probe", value=b"{}")
    except KafkaError:
        return False
    return True


@integration
async def test_apply_is_idempotent_and_prunes_acls_the_file_does_not_grant(secured: Secured) -> None:
    from wirewatch.ops.kafka_acls import OPERATIONS, PATTERN_LITERAL, RESOURCE_TYPES

    admin = secured.admin
    spec = load_spec(ACLS, secured.base.topic_prefix)
    extra = Binding(
        "User:wirewatch-parser",
        RESOURCE_TYPES["topic"],
        CLASSIFIED.name(admin),
        PATTERN_LITERAL,
        OPERATIONS["Write"],
    )
    elsewhere = Binding(  # another deployment's prefix on the same broker: not this file's to prune
        "User:wirewatch-parser", RESOURCE_TYPES["topic"], "other.parsed", PATTERN_LITERAL, OPERATIONS["Write"]
    )
    from shared.kafka import admin_client
    from wirewatch.ops.kafka_acls import _CreateAcls

    async with admin_client(admin) as client:
        await client._send_request(_CreateAcls([extra, elsewhere]))
    assert extra in await current_acls(admin, "User:wirewatch-parser")
    result = await apply(admin, spec, {})  # no passwords: users untouched, ACLs converge
    assert result.removed == [extra] and not result.users
    held = await current_acls(admin, "User:wirewatch-parser")
    assert extra not in held and elsewhere in held
    assert set(held) - {elsewhere} == {b for b in spec.bindings() if b.principal == "User:wirewatch-parser"}
    async with producer(secured.as_user("wirewatch-parser")) as prod:
        with pytest.raises(TopicAuthorizationFailedError):
            await prod.send_and_wait(CLASSIFIED.name(admin), key=b"x", value=b"{}")
    again = await apply(admin, spec, {})
    assert again.removed == [] and again.acls == result.acls
