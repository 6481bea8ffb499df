#!/usr/bin/env python3
"""Make ``deploy/secrets/`` for the compose deployment: random passwords, a private CA with the
Kafka and Elasticsearch certificates, and one env file per service holding only its own keys.

    python3 deploy/bootstrap-secrets.py [--dir deploy/secrets] [--days 825]

Never overwrites: it stops if any file it would write exists (delete the directory to start over,
which also means new passwords for every Kafka and Elasticsearch user). Nothing secret is printed.
The directory is git-ignored. Files read inside containers (certificates, keys, the two admin
passwords: compose ``secrets:``) are mode 0644 so the container users can read them; the directory
itself is 0700, so other users of the host cannot. The env files are read by ``docker compose`` on
the host only (0600). The same env files feed ``deploy/k8s-secrets.py`` for Kubernetes.
Needs the ``cryptography`` package (a Wirewatch dependency): run it with ``.venv/bin/python``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import ipaddress
import os
import secrets
import sys
from pathlib import Path

STAGES = ("fetcher", "parser", "classifier", "grouper", "indexer", "alerter")
KAFKA_USERS = ("admin", *STAGES, "tools")  # wirewatch-<name>, deploy/kafka/acls.yaml


def _password() -> str:
    return secrets.token_urlsafe(24)  # [A-Za-z0-9_-]: safe in env files, JAAS and SCRAM strings


def _write(path: Path, text: str, mode: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.chmod(path, mode)  # the umask may have narrowed it


def _env(values: dict[str, str], note: str) -> str:
    return f"# {note}\n" + "".join(f"{k}={v}\n" for k, v in values.items())


def certificates(days: int) -> dict[str, str]:
    """PEM texts: ca.crt, ca.key, kafka.pem (key + certificate), elasticsearch.crt/.key."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = dt.datetime.now(dt.UTC)

    def pem_key(key: ec.EllipticCurvePrivateKey) -> str:
        return key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode()

    def name(cn: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(name("wirewatch-ca"))
        .issuer_name(name("wirewatch-ca"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .sign(ca_key, hashes.SHA256())
    )

    def leaf(cn: str, dns: list[str]) -> tuple[str, str]:
        key = ec.generate_private_key(ec.SECP256R1())
        sans: list[x509.GeneralName] = [x509.DNSName(d) for d in dns]
        sans.append(x509.IPAddress(ipaddress.ip_address("127.0.0.1")))
        cert = (
            x509.CertificateBuilder()
            .subject_name(name(cn))
            .issuer_name(ca.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=days))
            .add_extension(x509.SubjectAlternativeName(sans), critical=False)
            .add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]),
                critical=False,
            )
            .sign(ca_key, hashes.SHA256())
        )
        return cert.public_bytes(serialization.Encoding.PEM).decode(), pem_key(key)

    kafka_crt, kafka_key = leaf("kafka", ["kafka", "localhost"])
    es_crt, es_key = leaf("elasticsearch", ["elasticsearch", "localhost"])
    return {
        "ca.crt": ca.public_bytes(serialization.Encoding.PEM).decode(),
        "ca.key": pem_key(ca_key),
        "kafka.pem": kafka_key + kafka_crt,  # Kafka's PEM keystore: the key, then the chain
        "elasticsearch.crt": es_crt,
        "elasticsearch.key": es_key,
    }


def plan(days: int) -> dict[str, tuple[str, int]]:
    """relative path -> (content, mode) of everything to write."""
    kafka = {user: _password() for user in KAFKA_USERS}
    elastic, kibana_system = _password(), _password()
    files: dict[str, tuple[str, int]] = {}
    for cert_name, text in certificates(days).items():
        files[f"tls/{cert_name}"] = (text, 0o600 if cert_name == "ca.key" else 0o644)
    files["kafka-admin-password"] = (kafka["admin"], 0o644)
    files["elastic-password"] = (elastic, 0o644)
    for user in (*STAGES, "tools"):
        values = {
            "WIREWATCH_KAFKA_SASL_USERNAME": f"wirewatch-{user}",
            "WIREWATCH_KAFKA_SASL_PASSWORD": kafka[user],
        }
        note = f"{user}: its own Kafka principal only"
        if user == "alerter":
            note += "; add the Slack webhooks of deploy/alerts.yaml (SLACK_WEBHOOK_...=https://hooks.slack.com/...)"
        files[f"{user}.env"] = (_env(values, note), 0o600)
    # the search API: a first key for the operator (the key itself in its own file, only its sha256
    # in the API's env file, as `wirewatch api keys` stores them); its Elasticsearch key comes from
    # the setup job (volume es-key-api)
    operator_key = "ww_" + secrets.token_urlsafe(32)
    files["api-key-operator"] = (operator_key + "\n", 0o600)
    api_keys = f"operator:{hashlib.sha256(operator_key.encode()).hexdigest()}"
    files["api.env"] = (
        _env({"WIREWATCH_API_KEYS": api_keys}, "api: hashed keys, name:sha256hex[,...] (wirewatch api keys)"),
        0o600,
    )
    setup = {
        "WIREWATCH_KAFKA_SASL_USERNAME": "wirewatch-admin",
        "WIREWATCH_KAFKA_SASL_PASSWORD": kafka["admin"],
        **{f"WIREWATCH_KAFKA_PASSWORD_{u.upper()}": kafka[u] for u in KAFKA_USERS},
        "WIREWATCH_ELASTICSEARCH_USERNAME": "elastic",
        "WIREWATCH_ELASTICSEARCH_PASSWORD": elastic,
        "WIREWATCH_KIBANA_SYSTEM_PASSWORD": kibana_system,
    }
    files["setup.env"] = (_env(setup, "setup job: the admin principals and the users' passwords"), 0o600)
    kibana = {
        "ELASTICSEARCH_PASSWORD": kibana_system,
        "XPACK_ENCRYPTEDSAVEDOBJECTS_ENCRYPTIONKEY": _password(),
    }
    files["kibana.env"] = (_env(kibana, "kibana: the kibana_system user's password"), 0o600)
    files["kibana-setup.env"] = (
        _env({"KIBANA_USERNAME": "elastic", "KIBANA_PASSWORD": elastic}, "kibana-setup: saved objects"),
        0o600,
    )
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=Path(__file__).resolve().parent / "secrets")
    parser.add_argument("--days", type=int, default=825, help="validity of the certificates")
    args = parser.parse_args(argv)
    files = plan(args.days)
    existing = [rel for rel in files if os.path.lexists(args.dir / rel)]
    if existing:
        print(f"error: {args.dir} already has {', '.join(existing[:3])}...; nothing written", file=sys.stderr)
        return 2
    args.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(args.dir, 0o700)
    for rel, (text, mode) in files.items():
        _write(args.dir / rel, text, mode)
    print(f"wrote {len(files)} files to {args.dir} (add the Slack webhooks to alerter.env)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
