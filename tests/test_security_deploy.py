"""Hardening of the deployment files (docs/security.md, "Kubernetes and compose hardening"):
every compose service and every Kubernetes pod is checked for each control, and the checks are
shown to catch a file that lacks one. Also: per-service Secrets (deploy/k8s-secrets.py), the
compose secrets bootstrap, Kafka SASL_SSL and https Elasticsearch everywhere."""

from __future__ import annotations

import copy
import importlib.util
import ipaddress
import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
K8S = REPO / "deploy" / "k8s"
STAGES = ("fetcher", "parser", "classifier", "grouper", "indexer", "alerter")
PODS = (*STAGES, "api", "setup")  # every workload of deploy/k8s
KAFKA_CLIENTS = (*STAGES, "setup")
ES_CLIENTS = ("indexer", "api", "setup")


def _load_script(name: str) -> Any:
    module_name = name.removesuffix(".py").replace("-", "_")
    spec = importlib.util.spec_from_file_location(module_name, REPO / "deploy" / name)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _compose() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(json.dumps(yaml.safe_load((REPO / "docker-compose.yml").read_text())))
    return doc


def _manifests() -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = []
    for path in sorted(K8S.glob("*.yaml")):
        if path.name != "kustomization.yaml":
            docs.extend(d for d in yaml.safe_load_all(path.read_text()) if d)
    return docs


def _workloads(docs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """component -> pod template of every Deployment and Job."""
    out: dict[str, dict[str, Any]] = {}
    for doc in docs:
        if doc["kind"] in ("Deployment", "Job"):
            template = doc["spec"]["template"]
            out[template["metadata"]["labels"]["app.kubernetes.io/component"]] = template
    return out


# ---- compose -------------------------------------------------------------------------------------


def compose_problems(compose: dict[str, Any]) -> list[str]:
    """Every service lacking one of the hardening controls."""
    problems: list[str] = []
    for name, svc in compose["services"].items():
        if svc.get("read_only") is not True:
            problems.append(f"{name}: read_only")
        if svc.get("cap_drop") != ["ALL"] or svc.get("cap_add"):
            problems.append(f"{name}: cap_drop [ALL] (and no cap_add)")
        if "no-new-privileges:true" not in (svc.get("security_opt") or []):
            problems.append(f"{name}: no-new-privileges")
        if not isinstance(svc.get("pids_limit"), int) or svc["pids_limit"] <= 0:
            problems.append(f"{name}: pids_limit")
        if not svc.get("mem_limit"):
            problems.append(f"{name}: mem_limit")
        if not any(str(t).split(":")[0] == "/tmp" for t in svc.get("tmpfs", [])):
            problems.append(f"{name}: a tmpfs /tmp (the root file system is read-only)")
        if svc.get("privileged") or svc.get("network_mode") == "host" or svc.get("pid") == "host":
            problems.append(f"{name}: privileged / host namespaces")
        user = str(svc.get("user", "")).split(":")[0]
        if not user.isdigit() or int(user) == 0:
            problems.append(f"{name}: an explicit non-root user")
        networks = svc.get("networks") or []
        if "backend" not in networks or svc.get("network_mode"):
            problems.append(f"{name}: on the internal backend network")
        outside = set(networks) - {"backend"}
        allowed = {"published"} if svc.get("ports") else set()
        if name in ("fetcher", "alerter"):
            allowed = {"internet"}
        if outside - allowed:
            extra = sorted(outside - allowed)
            problems.append(f"{name}: on networks with a route out it does not need: {extra}")
    return problems


def test_every_compose_service_is_hardened() -> None:
    compose = _compose()
    assert {"kafka", "elasticsearch", "kibana", "kibana-setup", "setup", *STAGES, "api", "tools"} <= set(
        compose["services"]
    )
    assert compose_problems(compose) == []


def test_the_compose_hardening_check_catches_each_missing_control() -> None:
    compose = _compose()
    for key, broken in (
        ("read_only", False),
        ("cap_drop", ["NET_RAW"]),
        ("security_opt", []),
        ("pids_limit", None),
        ("mem_limit", None),
        ("tmpfs", []),
    ):
        for service in ("kafka", "grouper"):
            bad = copy.deepcopy(compose)
            bad["services"][service][key] = broken
            assert compose_problems(bad), (service, key)
    bad = copy.deepcopy(compose)
    bad["services"]["alerter"]["cap_add"] = ["NET_ADMIN"]
    assert compose_problems(bad) == ["alerter: cap_drop [ALL] (and no cap_add)"]
    bad = copy.deepcopy(compose)
    bad["services"]["parser"]["networks"] = ["backend", "internet"]  # a parser that could exfiltrate
    bad["services"]["kafka"]["user"] = "0"
    assert compose_problems(bad) == [
        "kafka: an explicit non-root user",
        "parser: on networks with a route out it does not need: ['internet']",
    ]


def test_compose_backend_network_has_no_route_out() -> None:
    networks = _compose()["networks"]
    assert networks["backend"]["internal"] is True
    assert not networks["internet"].get("internal") and not networks["published"].get("internal")
    on_internet = {n for n, s in _compose()["services"].items() if "internet" in (s.get("networks") or [])}
    assert on_internet == {"fetcher", "alerter"}


def test_compose_clients_use_sasl_ssl_and_https_with_the_ca_and_their_own_principal() -> None:
    services = _compose()["services"]
    for name in (*STAGES, "api", "setup", "tools"):
        env = services[name]["environment"]
        assert env["WIREWATCH_KAFKA_SECURITY_PROTOCOL"] == "SASL_SSL", name
        assert env["WIREWATCH_KAFKA_SASL_MECHANISM"] == "SCRAM-SHA-512", name
        assert env["WIREWATCH_ELASTICSEARCH_URL"].startswith("https://"), name
        assert env["WIREWATCH_KAFKA_SSL_CAFILE"] == "/run/secrets/ca", name
        assert env["WIREWATCH_ELASTICSEARCH_CA_FILE"] == "/run/secrets/ca", name
        assert "ca" in services[name]["secrets"], name
    # the Elasticsearch key volumes: written by setup, each mounted (read-only) by its own service only
    keys = {v for v in _compose()["volumes"] if v.startswith("es-key-")}
    assert keys == {"es-key-indexer", "es-key-api", "es-key-tools"}
    for volume in keys:
        owner = volume.removeprefix("es-key-")
        users = {n for n, s in services.items() for m in s.get("volumes", []) if m.split(":")[0] == volume}
        assert users == {owner, "setup"}, volume
        (mount,) = [m for m in services[owner]["volumes"] if m.split(":")[0] == volume]
        assert mount.endswith(":ro")
        assert services[owner]["environment"]["WIREWATCH_ELASTICSEARCH_API_KEY_FILE"].startswith(
            mount.split(":")[1] + "/"
        )


def test_compose_kafka_listeners_are_sasl_ssl_except_the_container_loopback() -> None:
    props: dict[str, str] = {}
    for line in (REPO / "deploy" / "kafka" / "server.properties").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            props[key] = value
    protocols = dict(item.split(":") for item in props["listener.security.protocol.map"].split(","))
    for listener in props["listeners"].split(","):
        name, _, address = listener.partition("://")
        host = address.rsplit(":", 1)[0]
        if protocols[name] != "SASL_SSL":
            # a PLAINTEXT listener (controller, inter-broker) is bound to the container's loopback
            assert ipaddress.ip_address(host).is_loopback, listener
    assert protocols["SASL_SSL"] == protocols["EXTERNAL"] == "SASL_SSL"
    assert props["sasl.enabled.mechanisms"] == "SCRAM-SHA-512"
    assert props["allow.everyone.if.no.acl.found"] == "false"
    assert "StandardAuthorizer" in props["authorizer.class.name"]
    assert props["ssl.keystore.location"] == "/run/secrets/kafka-keystore"
    for key, value in props.items():
        assert not ("password" in key and value), f"{key} holds a password in a committed file"
    kafka = _compose()["services"]["kafka"]
    assert kafka["ports"] == ["127.0.0.1:29092:29092"]
    assert "9093" not in json.dumps(kafka.get("ports")) and "9094" not in json.dumps(kafka.get("ports"))


def test_compose_elasticsearch_and_kibana_security_on_with_tls() -> None:
    services = _compose()["services"]
    env = services["elasticsearch"]["environment"]
    assert env["xpack.security.enabled"] == "true"
    assert env["xpack.security.http.ssl.enabled"] == env["xpack.security.transport.ssl.enabled"] == "true"
    secrets = set(services["elasticsearch"]["secrets"])
    for key in ("http", "transport"):
        for part in ("key", "certificate", "certificate_authorities"):
            path = env[f"xpack.security.{key}.ssl.{part}"]
            assert path.startswith("/run/secrets/") and path.removeprefix("/run/secrets/") in secrets
    assert env["ELASTIC_PASSWORD_FILE"] == "/run/secrets/elastic-password"
    kibana = services["kibana"]["environment"]
    assert kibana["ELASTICSEARCH_USERNAME"] == "kibana_system"
    assert json.loads(kibana["ELASTICSEARCH_HOSTS"]) == ["https://elasticsearch:9200"]
    assert kibana["ELASTICSEARCH_SSL_CERTIFICATEAUTHORITIES"] == "/run/secrets/ca"


def test_bootstrap_secrets_writes_private_files_once_and_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "secrets"
    script = REPO / "deploy" / "bootstrap-secrets.py"
    command = [sys.executable, str(script), "--dir", str(target)]
    first = subprocess.run(command, capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o700
    setup_env = (target / "setup.env").read_text()
    assert stat.S_IMODE((target / "setup.env").stat().st_mode) == 0o600
    assert stat.S_IMODE((target / "tls" / "ca.key").stat().st_mode) == 0o600
    prefix = "WIREWATCH_KAFKA_SASL_PASSWORD="
    password = next(ln.removeprefix(prefix) for ln in setup_env.splitlines() if ln.startswith(prefix))
    assert len(password) >= 24 and password not in first.stdout + first.stderr
    # each service's file holds only its own principal, whose password the setup job sets
    for stage in STAGES:
        lines = (target / f"{stage}.env").read_text().splitlines()
        values = dict(ln.split("=", 1) for ln in lines if "=" in ln)
        assert values["WIREWATCH_KAFKA_SASL_USERNAME"] == f"wirewatch-{stage}"
        own = values["WIREWATCH_KAFKA_SASL_PASSWORD"]
        assert f"WIREWATCH_KAFKA_PASSWORD_{stage.upper()}={own}" in setup_env
    # the certificates chain to the CA and name the compose hosts
    from cryptography import x509

    ca = x509.load_pem_x509_certificate((target / "tls" / "ca.crt").read_bytes())
    es = x509.load_pem_x509_certificate((target / "tls" / "elasticsearch.crt").read_bytes())
    es.verify_directly_issued_by(ca)
    sans = es.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert "elasticsearch" in sans.get_values_for_type(x509.DNSName)
    # the passwords that must agree do: Kibana's system user, the elastic superuser, the Kafka admin
    def env_of(name: str) -> dict[str, str]:
        lines = (target / name).read_text().splitlines()
        return dict(ln.split("=", 1) for ln in lines if "=" in ln and not ln.startswith("#"))

    setup = env_of("setup.env")
    assert env_of("kibana.env")["ELASTICSEARCH_PASSWORD"] == setup["WIREWATCH_KIBANA_SYSTEM_PASSWORD"]
    elastic = (target / "elastic-password").read_text().strip()
    assert env_of("kibana-setup.env")["KIBANA_PASSWORD"] == elastic
    assert setup["WIREWATCH_ELASTICSEARCH_PASSWORD"] == elastic
    admin = (target / "kafka-admin-password").read_text().strip()
    assert setup["WIREWATCH_KAFKA_SASL_PASSWORD"] == setup["WIREWATCH_KAFKA_PASSWORD_ADMIN"] == admin
    assert len({setup[f"WIREWATCH_KAFKA_PASSWORD_{u.upper()}"] for u in (*STAGES, "admin", "tools")}) == 8
    # the search API's first key: the key in its own file, only its hash where the API reads it
    from services.api.auth import digest, parse_entry

    operator_key = (target / "api-key-operator").read_text().strip()
    assert stat.S_IMODE((target / "api-key-operator").stat().st_mode) == 0o600
    api_env = (target / "api.env").read_text()
    assert operator_key not in api_env
    (entry,) = [ln.split("=", 1)[1] for ln in api_env.splitlines() if ln.startswith("WIREWATCH_API_KEYS=")]
    assert parse_entry(entry).digest == digest(operator_key)
    kafka_pem = (target / "tls" / "kafka.pem").read_text()
    assert kafka_pem.startswith("-----BEGIN PRIVATE KEY-----") and "BEGIN CERTIFICATE" in kafka_pem
    # a second run changes nothing
    before = {p: p.read_bytes() for p in target.rglob("*") if p.is_file()}
    second = subprocess.run(command, capture_output=True, text=True, check=False)
    assert second.returncode == 2 and "nothing written" in second.stderr
    assert {p: p.read_bytes() for p in target.rglob("*") if p.is_file()} == before


def test_bootstrap_secrets_does_not_write_through_a_planted_symlink(tmp_path: Path) -> None:
    target = tmp_path / "secrets"
    target.mkdir(mode=0o700)
    outside = tmp_path / "outside.txt"
    outside.write_text("untouched\n")
    (target / "fetcher.env").symlink_to(outside)
    run = subprocess.run(
        [sys.executable, str(REPO / "deploy" / "bootstrap-secrets.py"), "--dir", str(target)],
        capture_output=True, text=True,
    )
    assert run.returncode == 2
    assert outside.read_text() == "untouched\n"
    assert [p.name for p in target.iterdir()] == ["fetcher.env"]


# ---- Kubernetes ----------------------------------------------------------------------------------


def k8s_problems(docs: list[dict[str, Any]]) -> list[str]:
    """Every pod lacking one of the controls (securityContext, token, writable paths, Secret)."""
    problems: list[str] = []
    for component, template in _workloads(docs).items():
        spec = template["spec"]
        if spec.get("automountServiceAccountToken") is not False:
            problems.append(f"{component}: automountServiceAccountToken false")
        pod_sc = spec.get("securityContext", {})
        if pod_sc.get("runAsNonRoot") is not True or not pod_sc.get("runAsUser"):
            problems.append(f"{component}: runAsNonRoot with a non-zero runAsUser")
        if pod_sc.get("seccompProfile", {}).get("type") != "RuntimeDefault":
            problems.append(f"{component}: seccomp RuntimeDefault")
        volumes = {v["name"]: v for v in spec.get("volumes", [])}
        for container in spec["containers"]:
            sc = container.get("securityContext", {})
            if sc.get("readOnlyRootFilesystem") is not True:
                problems.append(f"{component}: readOnlyRootFilesystem")
            if sc.get("allowPrivilegeEscalation") is not False:
                problems.append(f"{component}: allowPrivilegeEscalation false")
            if sc.get("capabilities", {}).get("drop") != ["ALL"] or sc.get("capabilities", {}).get("add"):
                problems.append(f"{component}: capabilities drop ALL")
            if sc.get("privileged"):
                problems.append(f"{component}: privileged")
            if not container.get("resources", {}).get("limits", {}).get("memory"):
                problems.append(f"{component}: a memory limit")
            mounts = container.get("volumeMounts", [])
            writable = {m["mountPath"] for m in mounts if "emptyDir" in volumes[m["name"]]}
            if not {"/tmp", "/var/lib/wirewatch"} <= writable:
                problems.append(f"{component}: emptyDir for /tmp and the state dir (faust's datadir)")
            secrets = [e["secretRef"]["name"] for e in container.get("envFrom", []) if "secretRef" in e]
            secrets += [v["secret"]["secretName"] for v in volumes.values() if "secret" in v]
            if secrets != [f"wirewatch-{component}"]:
                problems.append(f"{component}: references the Secrets {secrets}, not only its own")
    return problems


def test_every_k8s_pod_is_hardened_and_references_only_its_own_secret() -> None:
    docs = _manifests()
    assert set(_workloads(docs)) == set(PODS)
    assert k8s_problems(docs) == []
    assert not [d for d in docs if d["kind"] == "Secret"], "no Secret in the kustomization"


def test_the_k8s_hardening_check_catches_each_missing_control() -> None:
    docs = _manifests()

    def broken(edit: Any) -> list[str]:
        bad = copy.deepcopy(docs)
        edit(_workloads(bad)["grouper"]["spec"])
        return k8s_problems(bad)

    assert broken(lambda s: s.pop("automountServiceAccountToken"))
    assert broken(lambda s: s["securityContext"].pop("seccompProfile"))
    assert broken(lambda s: s["containers"][0]["securityContext"].update(readOnlyRootFilesystem=False))
    assert broken(lambda s: s["containers"][0]["securityContext"]["capabilities"].update(drop=["NET_RAW"]))
    assert broken(lambda s: s["containers"][0]["securityContext"].pop("allowPrivilegeEscalation"))
    assert broken(lambda s: s["containers"][0]["envFrom"][1]["secretRef"].update(name="wirewatch-indexer"))
    other = {"secretRef": {"name": "wirewatch-alerter"}}
    assert broken(lambda s: s["containers"][0]["envFrom"].append(other))


def _policies(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [d for d in docs if d["kind"] == "NetworkPolicy"]


def _selects(policy: dict[str, Any], labels: dict[str, str]) -> bool:
    selector = policy["spec"]["podSelector"]
    if not selector:
        return True
    if any(labels.get(k) != v for k, v in selector.get("matchLabels", {}).items()):
        return False
    for expr in selector.get("matchExpressions", []):
        assert expr["operator"] == "In"
        if labels.get(expr["key"]) not in expr["values"]:
            return False
    return True


def _egress(docs: list[dict[str, Any]], component: str) -> list[dict[str, Any]]:
    labels = _workloads(docs)[component]["metadata"]["labels"]
    rules: list[dict[str, Any]] = []
    for policy in _policies(docs):
        if _selects(policy, labels) and "Egress" in policy["spec"]["policyTypes"]:
            rules.extend(policy["spec"].get("egress", []))
    return rules


def _ingress(docs: list[dict[str, Any]], component: str) -> list[dict[str, Any]]:
    labels = _workloads(docs)[component]["metadata"]["labels"]
    rules: list[dict[str, Any]] = []
    for policy in _policies(docs):
        if _selects(policy, labels) and "Ingress" in policy["spec"]["policyTypes"]:
            rules.extend(policy["spec"].get("ingress", []))
    return rules


def _namespaces(rules: list[dict[str, Any]]) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for rule in rules:
        ports = {p["port"] for p in rule.get("ports", [])}
        for peer in rule.get("to", rule.get("from", [])):
            ns = peer.get("namespaceSelector", {}).get("matchLabels", {}).get("kubernetes.io/metadata.name")
            if ns:
                out.setdefault(ns, set()).update(ports)
    return out


def _ip_blocks(rules: list[dict[str, Any]]) -> list[tuple[dict[str, Any], set[int]]]:
    return [
        (peer["ipBlock"], {p["port"] for p in rule.get("ports", [])})
        for rule in rules
        for peer in rule.get("to", [])
        if "ipBlock" in peer
    ]


PRIVATE = [
    "10.0.0.1", "172.16.0.1", "192.168.1.1", "169.254.169.254", "127.0.0.1", "100.64.0.1",
    "::1", "fd00::1", "fe80::1", "::ffff:10.0.0.1",
]


def _reachable(blocks: list[tuple[dict[str, Any], set[int]]], address: str, port: int) -> bool:
    ip = ipaddress.ip_address(address)
    for block, ports in blocks:
        net = ipaddress.ip_network(block["cidr"])
        if ip.version == net.version and ip in net and port in ports:
            if not any(ip in ipaddress.ip_network(e) for e in block.get("except", [])):
                return True
    return False


def test_network_policies_default_deny_and_each_pod_reaches_only_its_own_targets() -> None:
    docs = _manifests()
    deny = [p for p in _policies(docs) if p["spec"]["podSelector"] == {}
            and set(p["spec"]["policyTypes"]) == {"Ingress", "Egress"} and not p["spec"].get("ingress")
            and not p["spec"].get("egress")]
    assert deny, "a default-deny policy selecting every pod"
    config = next(d for d in docs if d["kind"] == "ConfigMap")["data"]
    kafka_port = int(config["WIREWATCH_KAFKA_BOOTSTRAP"].rsplit(":", 1)[1])
    es_port = int(config["WIREWATCH_ELASTICSEARCH_URL"].rsplit(":", 1)[1])
    for component in PODS:
        egress = _egress(docs, component)
        reach = _namespaces(egress)
        assert reach.pop("kube-system") == {53}, component  # DNS only
        expected = {}
        if component in KAFKA_CLIENTS:
            expected["kafka"] = {kafka_port}
        if component in ES_CLIENTS:
            expected["elastic"] = {es_port}
        assert reach == expected, component
        blocks = _ip_blocks(egress)
        if component == "fetcher":
            assert _reachable(blocks, "93.184.216.34", 443) and _reachable(blocks, "2606:2800:220:1::1", 80)
        elif component == "alerter":
            assert _reachable(blocks, "34.1.2.3", 443) and not _reachable(blocks, "34.1.2.3", 80)
        else:
            assert blocks == [], f"{component} must not reach the internet"
        for address in PRIVATE:
            for port in (80, 443, 6443, 8080):
                assert not _reachable(blocks, address, port), (component, address, port)
    # ingress: only the API from anywhere; the stages' metrics from the monitoring namespace
    for component in PODS:
        ingress = _ingress(docs, component)
        from_anywhere = [r for r in ingress if not r.get("from")]
        if component == "api":
            assert [{p["port"] for p in r["ports"]} for r in from_anywhere] == [{8080}]
        else:
            assert from_anywhere == [], component
            if component != "setup":
                assert _namespaces(ingress) == {"monitoring": {6066}}, component


def test_k8s_clients_use_sasl_ssl_and_https_with_mounted_cas() -> None:
    docs = _manifests()
    config = next(d for d in docs if d["kind"] == "ConfigMap")["data"]
    assert config["WIREWATCH_KAFKA_SECURITY_PROTOCOL"] == "SASL_SSL"
    assert config["WIREWATCH_KAFKA_SASL_MECHANISM"] == "SCRAM-SHA-512"
    assert config["WIREWATCH_ELASTICSEARCH_URL"].startswith("https://")
    for component, template in _workloads(docs).items():
        (container,) = template["spec"]["containers"]
        mounts = {m["mountPath"]: m for m in container["volumeMounts"]}
        volumes = {v["name"]: v for v in template["spec"]["volumes"]}
        for setting in ("WIREWATCH_KAFKA_SSL_CAFILE", "WIREWATCH_ELASTICSEARCH_CA_FILE"):
            directory = str(Path(config[setting]).parent)
            assert directory in mounts and mounts[directory]["readOnly"] is True, (component, setting)
            assert volumes[mounts[directory]["name"]]["configMap"]["name"] == "wirewatch-ca"
        env = {e["name"] for e in container.get("env", [])}
        assert not env & {"WIREWATCH_KAFKA_SECURITY_PROTOCOL", "WIREWATCH_ELASTICSEARCH_URL"}, component
    for obj in (d for d in docs if d["kind"] == "ScaledObject"):
        (trigger,) = obj["spec"]["triggers"]
        assert trigger["authenticationRef"]["name"] == "wirewatch-kafka-lag"
    (auth,) = [d for d in docs if d["kind"] == "TriggerAuthentication"]
    params = {r["parameter"]: r for r in auth["spec"]["secretTargetRef"]}
    assert set(params) == {"sasl", "tls", "username", "password", "ca"}
    assert {r["name"] for r in params.values()} == {"wirewatch-keda"}


def test_grouper_runs_one_active_replica() -> None:
    deployments = {d["metadata"]["name"]: d for d in _manifests() if d["kind"] == "Deployment"}
    grouper = deployments["wirewatch-grouper"]
    assert grouper["spec"]["replicas"] == 1 and grouper["spec"]["strategy"]["type"] == "Recreate"
    assert not [d for d in _manifests() if d["kind"] == "ScaledObject" and "grouper" in d["metadata"]["name"]]
    compose = _compose()["services"]["grouper"]
    assert compose["command"] == ["grouper"] and compose["deploy"]["replicas"] == 1


# ---- deploy/k8s-secrets.py -----------------------------------------------------------------------


def _write_env(directory: Path, service: str, values: dict[str, str]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{service}.env").write_text("".join(f"{k}={v}\n" for k, v in values.items()))


def _complete(directory: Path) -> Path:
    tool = _load_script("k8s-secrets.py")
    for service in tool.ALLOWED:
        values = {key: "x" for key in tool.REQUIRED[service] if key != tool.ES_KEY}
        if "WIREWATCH_KAFKA_SASL_USERNAME" in values:
            values["WIREWATCH_KAFKA_SASL_USERNAME"] = tool.principal(service)
        _write_env(directory, service, values)
        if tool.ES_KEY in tool.REQUIRED[service]:
            (directory / "keys" / service).mkdir(parents=True)
            (directory / "keys" / service / "api_key").write_text(f"key-of-{service}\n")
    return directory


def test_k8s_secrets_builds_one_secret_per_service_with_only_its_keys(tmp_path: Path) -> None:
    tool = _load_script("k8s-secrets.py")
    directory = _complete(tmp_path)
    assert set(tool.ALLOWED) == set(PODS)
    for service in tool.ALLOWED:
        values = tool.load(service, directory, directory / "keys")
        doc = tool.manifest(service, values, "wirewatch")
        assert doc["metadata"]["name"] == f"wirewatch-{service}"
        if service in ("indexer", "api"):
            import base64

            assert base64.b64decode(doc["data"][tool.ES_KEY]).decode() == f"key-of-{service}"
    run = subprocess.run(
        [sys.executable, str(REPO / "deploy" / "k8s-secrets.py"), "--dir", str(directory), "--keys-dir",
         str(directory / "keys"), "--dry-run"],
        capture_output=True, text=True,
    )
    assert run.returncode == 0, run.stderr
    assert "key-of-" not in run.stdout and "=x" not in run.stdout  # names only, never values


@pytest.mark.parametrize(
    ("service", "values", "reason"),
    [
        ("parser", {"WIREWATCH_KAFKA_SASL_USERNAME": "wirewatch-parser", "WIREWATCH_KAFKA_SASL_PASSWORD": ""},
         "is empty"),
        ("parser", {"WIREWATCH_KAFKA_SASL_USERNAME": "wirewatch-admin", "WIREWATCH_KAFKA_SASL_PASSWORD": "p"},
         "own principal"),
        ("parser", {"WIREWATCH_KAFKA_SASL_USERNAME": "wirewatch-parser", "WIREWATCH_KAFKA_SASL_PASSWORD": "p",
                    "WIREWATCH_ELASTICSEARCH_API_KEY": "k"}, "does not belong"),
        ("api", {"WIREWATCH_ELASTICSEARCH_API_KEY": "k", "SLACK_WEBHOOK_LEGAL": "https://x"},
         "does not belong"),
        ("indexer", {"WIREWATCH_KAFKA_SASL_USERNAME": "wirewatch-indexer",
                     "WIREWATCH_KAFKA_SASL_PASSWORD": "p"}, "missing WIREWATCH_ELASTICSEARCH_API_KEY"),
    ],
)
def test_k8s_secrets_refuses_blank_foreign_or_incomplete_secrets(
    tmp_path: Path, service: str, values: dict[str, str], reason: str
) -> None:
    tool = _load_script("k8s-secrets.py")
    directory = _complete(tmp_path)
    _write_env(directory, service, values)
    with pytest.raises(tool.SecretError, match=reason):
        tool.load(service, directory, None)
    run = subprocess.run(
        [sys.executable, str(REPO / "deploy" / "k8s-secrets.py"), "--dir", str(directory), "--dry-run"],
        capture_output=True, text=True, env={**os.environ, "PATH": "/nonexistent"},
    )
    assert run.returncode == 2 and "would apply" not in run.stdout  # checked all before applying any


# ---- deploy/k8s/eck: Elasticsearch and Kibana on Kubernetes ------------------------------------------


def _eck() -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = []
    for path in sorted((K8S / "eck").glob("*.yaml")):
        if path.name != "kustomization.yaml":
            docs.extend(d for d in yaml.safe_load_all(path.read_text()) if d)
    return docs


def test_eck_elasticsearch_and_kibana_have_security_and_tls_on() -> None:
    docs = _eck()
    listed = set(yaml.safe_load((K8S / "eck" / "kustomization.yaml").read_text())["resources"])
    assert listed == {p.name for p in (K8S / "eck").glob("*.yaml")} - {"kustomization.yaml"}
    (es,) = [d for d in docs if d["kind"] == "Elasticsearch"]
    (kibana,) = [d for d in docs if d["kind"] == "Kibana"]
    assert es["spec"]["http"]["tls"]["selfSignedCertificate"]["disabled"] is False
    for node_set in es["spec"]["nodeSets"]:
        config = node_set["config"]
        assert config["xpack.security.enabled"] is True
        assert config["xpack.security.http.ssl.enabled"] is True
        assert config["xpack.security.transport.ssl.enabled"] is True
        pod = node_set["podTemplate"]["spec"]
        assert pod["automountServiceAccountToken"] is False
        assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault"
        (container,) = pod["containers"]
        assert container["securityContext"]["capabilities"]["drop"] == ["ALL"]
        assert container["securityContext"]["allowPrivilegeEscalation"] is False
    assert kibana["spec"]["elasticsearchRef"]["name"] == es["metadata"]["name"]
    assert kibana["spec"]["http"]["tls"]["selfSignedCertificate"]["disabled"] is False
    # the URL wirewatch's services use is ECK's HTTP service of this cluster, over https
    config = next(d for d in _manifests() if d["kind"] == "ConfigMap")["data"]
    host = config["WIREWATCH_ELASTICSEARCH_URL"].removeprefix("https://").split(":")[0]
    assert host == f"{es['metadata']['name']}-es-http.{es['metadata']['namespace']}.svc"


def test_eck_network_policies_open_kibana_only_and_elasticsearch_to_its_clients() -> None:
    import kubernetes_validate

    policies = [d for d in _eck() if d["kind"] == "NetworkPolicy"]
    for policy in policies:
        kubernetes_validate.validate(policy, kubernetes_validate.latest_version(), strict=True)
        assert policy["metadata"]["namespace"] == "elastic"
    assert any(p["spec"]["podSelector"] == {} and set(p["spec"]["policyTypes"]) == {"Ingress", "Egress"}
               and not p["spec"].get("ingress") and not p["spec"].get("egress") for p in policies)
    es_pod = {
        "common.k8s.elastic.co/type": "elasticsearch",
        "elasticsearch.k8s.elastic.co/cluster-name": "elasticsearch",
    }
    kibana_pod = {"common.k8s.elastic.co/type": "kibana", "kibana.k8s.elastic.co/name": "kibana"}

    def ingress(labels: dict[str, str]) -> list[dict[str, Any]]:
        return [r for p in policies if _selects(p, labels) and "Ingress" in p["spec"]["policyTypes"]
                for r in p["spec"].get("ingress", [])]

    # Kibana: 5601 from anywhere (the Ingress controller), nothing else
    assert [{q["port"] for q in r["ports"]} for r in ingress(kibana_pod)] == [{5601}]
    assert all(not r.get("from") for r in ingress(kibana_pod))
    # Elasticsearch: nothing from anywhere; 9200 from Kibana, the operator and wirewatch's ES clients
    es_rules = ingress(es_pod)
    assert es_rules and all(r.get("from") for r in es_rules)
    http = [r for r in es_rules if {q["port"] for q in r["ports"]} == {9200}]
    (rule,) = http
    peers = rule["from"]
    selectors = [p.get("podSelector", {}).get("matchLabels") for p in peers]
    assert {"common.k8s.elastic.co/type": "kibana"} in selectors
    wirewatch = [p for p in peers if p.get("namespaceSelector", {}).get("matchLabels", {}).get(
        "kubernetes.io/metadata.name") == "wirewatch"]
    (peer,) = wirewatch
    (expr,) = peer["podSelector"]["matchExpressions"]
    assert set(expr["values"]) == set(ES_CLIENTS)  # the same pods wirewatch's egress policy lets out
    transport = [r for r in es_rules if {q["port"] for q in r["ports"]} == {9300}]
    assert transport and all(p.get("podSelector", {}).get("matchLabels") == es_pod for r in transport
                             for p in r["from"])
