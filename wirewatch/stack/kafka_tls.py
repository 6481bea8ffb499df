"""A throw-away certificate authority and broker certificate for the local secured Kafka.

Made with ``cryptography`` into a private directory (mode 0700; private keys 0600), valid for a few
days and for 127.0.0.1 / localhost only. Nothing here is meant for production: there, the
certificates come from the deployment's own CA (docs/security.md).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

BROKER_CN = "wirewatch-broker"  # also the principal of the controller listener (mutual TLS)
VALID_DAYS = 7


@dataclass(frozen=True)
class TlsFiles:
    directory: Path
    ca_cert: Path  # what clients trust (WIREWATCH_KAFKA_SSL_CAFILE)
    broker_keystore: Path  # PEM: the broker's private key, then its certificate and the CA's
    broker_cert: Path

    @property
    def broker_principal(self) -> str:
        return f"User:CN={BROKER_CN}"


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to a file only its owner can read (created 0600, never wider)."""
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def make_ca(
    directory: Path, *, hosts: tuple[str, ...] = ("127.0.0.1", "localhost"), ca_cn: str = "wirewatch local CA"
) -> TlsFiles:
    """A new CA and a broker certificate signed by it, for ``hosts``; the CA key is not kept."""
    directory.mkdir(parents=True, exist_ok=True)
    directory.chmod(0o700)
    now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    until = now + dt.timedelta(days=VALID_DAYS)

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(_name(ca_cn))
        .issuer_name(_name(ca_cn))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(until)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )

    key = ec.generate_private_key(ec.SECP256R1())
    alt_names: list[x509.GeneralName] = []
    for host in hosts:
        try:
            alt_names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            alt_names.append(x509.DNSName(host))
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(BROKER_CN))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(until)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.SubjectAlternativeName(alt_names), critical=False)
        # server for clients, client towards its own controller listener (mutual TLS)
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )

    pem = serialization.Encoding.PEM
    files = TlsFiles(
        directory=directory,
        ca_cert=directory / "ca.pem",
        broker_keystore=directory / "broker-keystore.pem",
        broker_cert=directory / "broker.pem",
    )
    files.ca_cert.write_bytes(ca_cert.public_bytes(pem))
    files.broker_cert.write_bytes(cert.public_bytes(pem) + ca_cert.public_bytes(pem))
    key_pem = key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    _write_private(files.broker_keystore, key_pem + cert.public_bytes(pem) + ca_cert.public_bytes(pem))
    return files
