"""How every Kafka client of Wirewatch authenticates and encrypts: one place, from the settings.

``WIREWATCH_KAFKA_SECURITY_PROTOCOL`` picks the protocol (``PLAINTEXT`` default, ``SSL``,
``SASL_PLAINTEXT``, ``SASL_SSL``); SASL uses ``WIREWATCH_KAFKA_SASL_MECHANISM`` (``SCRAM-SHA-512``
default) with ``WIREWATCH_KAFKA_SASL_USERNAME`` / ``WIREWATCH_KAFKA_SASL_PASSWORD``; TLS verifies the
broker against ``WIREWATCH_KAFKA_SSL_CAFILE`` (else the system CAs) and its host name, and presents
``WIREWATCH_KAFKA_SSL_CERTFILE`` / ``..._KEYFILE`` when both are set (mutual TLS).

:func:`aiokafka_options` serves aiokafka producers, consumers and admin clients
(``shared.kafka.client_options``); ``shared.runtime.streaming.faust_credentials`` builds the faust
apps' credentials from the same checks and TLS context. The password leaves its ``SecretStr`` only
inside these options;
:func:`describe` is the loggable summary (never the password).
"""

from __future__ import annotations

import ssl
from typing import Any

from shared.config import Settings
from shared.errors import ConfigError

SASL_PROTOCOLS = frozenset({"SASL_PLAINTEXT", "SASL_SSL"})
TLS_PROTOCOLS = frozenset({"SSL", "SASL_SSL"})


class KafkaSecurityError(ConfigError):
    """The Kafka security settings contradict each other (names the settings, never a secret)."""


def uses_sasl(settings: Settings) -> bool:
    return settings.kafka_security_protocol in SASL_PROTOCOLS


def uses_tls(settings: Settings) -> bool:
    return settings.kafka_security_protocol in TLS_PROTOCOLS


def check(settings: Settings) -> None:
    """Refuse settings that would silently connect less securely than asked."""
    protocol = settings.kafka_security_protocol
    has_user = bool(settings.kafka_sasl_username)
    has_password = bool(settings.kafka_sasl_password and settings.kafka_sasl_password.get_secret_value())
    if uses_sasl(settings):
        if not (has_user and has_password):
            raise KafkaSecurityError(
                f"WIREWATCH_KAFKA_SECURITY_PROTOCOL={protocol} needs WIREWATCH_KAFKA_SASL_USERNAME and "
                "WIREWATCH_KAFKA_SASL_PASSWORD"
            )
    elif has_user or has_password:
        raise KafkaSecurityError(
            "WIREWATCH_KAFKA_SASL_USERNAME/PASSWORD are set but "
            f"WIREWATCH_KAFKA_SECURITY_PROTOCOL={protocol}: set it to SASL_SSL (or SASL_PLAINTEXT)"
        )
    if bool(settings.kafka_ssl_certfile) != bool(settings.kafka_ssl_keyfile):
        raise KafkaSecurityError(
            "set both WIREWATCH_KAFKA_SSL_CERTFILE and WIREWATCH_KAFKA_SSL_KEYFILE, or neither"
        )
    if not uses_tls(settings) and (settings.kafka_ssl_cafile or settings.kafka_ssl_certfile):
        raise KafkaSecurityError(
            f"WIREWATCH_KAFKA_SSL_* files are set but WIREWATCH_KAFKA_SECURITY_PROTOCOL={protocol} has no TLS"
        )
    if settings.kafka_sasl_mechanism == "PLAIN" and protocol == "SASL_PLAINTEXT":
        raise KafkaSecurityError(
            "SASL mechanism PLAIN over SASL_PLAINTEXT would send the password in clear text: use SASL_SSL"
        )


def ssl_context(settings: Settings) -> ssl.SSLContext | None:
    """The client TLS context (None without TLS): verifies the broker's chain and host name."""
    if not uses_tls(settings):
        return None
    cafile = str(settings.kafka_ssl_cafile) if settings.kafka_ssl_cafile else None
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=cafile)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.check_hostname = settings.kafka_ssl_check_hostname
    context.verify_mode = ssl.CERT_REQUIRED
    if settings.kafka_ssl_certfile and settings.kafka_ssl_keyfile:
        context.load_cert_chain(str(settings.kafka_ssl_certfile), str(settings.kafka_ssl_keyfile))
    return context


def aiokafka_options(settings: Settings) -> dict[str, Any]:
    """Security keyword arguments of ``AIOKafkaProducer/Consumer/AdminClient`` (no bootstrap)."""
    check(settings)
    opts: dict[str, Any] = {"security_protocol": settings.kafka_security_protocol}
    context = ssl_context(settings)
    if context is not None:
        opts["ssl_context"] = context
    if uses_sasl(settings):
        assert settings.kafka_sasl_password is not None  # check() above
        opts.update(
            sasl_mechanism=settings.kafka_sasl_mechanism,
            sasl_plain_username=settings.kafka_sasl_username,
            sasl_plain_password=settings.kafka_sasl_password.get_secret_value(),
        )
    return opts


def describe(settings: Settings) -> str:
    """One loggable line: protocol, mechanism, user and CA file (never the password)."""
    parts: list[str] = [settings.kafka_security_protocol]
    if uses_sasl(settings):
        parts.append(f"{settings.kafka_sasl_mechanism} as {settings.kafka_sasl_username or '?'}")
    if uses_tls(settings):
        parts.append(f"CA {settings.kafka_ssl_cafile or 'system'}")
        if settings.kafka_ssl_certfile:
            parts.append(f"client cert {settings.kafka_ssl_certfile}")
    return ", ".join(parts)
