"""The one copy of the service-process helpers (wirewatch/processes.py) the demo, the tests and the
secured broker share: ports, settings as a child's environment, ``wirewatch <command>`` children."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr

from services.parser.settings import ParserSettings
from shared.config import Settings
from tests.support import REPO
from tests.support import settings_env as clean_env
from wirewatch import processes
from wirewatch.demo import pipeline
from wirewatch.stack import kafka


def test_one_copy_used_by_the_demo_the_tests_and_the_stack() -> None:
    assert pipeline.free_ports is processes.free_ports and pipeline.settings_env is processes.settings_env
    assert pipeline.ServiceProcess is processes.ServiceProcess
    assert vars(kafka)["free_port"] is processes.free_port
    from tests import support

    assert support.free_port is processes.free_port
    assert issubclass(support.ServiceProcess, processes.ServiceProcess)


def test_a_port_is_never_handed_out_twice_in_one_process() -> None:
    singles = [processes.free_port() for _ in range(30)]
    batch = processes.free_ports(30)
    assert len(set(singles) | set(batch)) == 60


def test_settings_env_names_every_field_with_its_sections_prefix() -> None:
    common = Settings(kafka_sasl_password=SecretStr("pw"), topic_prefix="t-1")
    parser = ParserSettings(workers=3, fast=False)
    env = processes.settings_env(common, parser, base={"KEEP": "1"}, WIREWATCH_EXTRA="x")
    assert env["KEEP"] == "1" and env["WIREWATCH_EXTRA"] == "x" and env["PYTHONUNBUFFERED"] == "1"
    assert env["WIREWATCH_KAFKA_SASL_PASSWORD"] == "pw"  # a child's environment: in clear
    assert env["WIREWATCH_TOPIC_PREFIX"] == "t-1"
    assert env["WIREWATCH_PARSER_WORKERS"] == "3" and env["WIREWATCH_PARSER_FAST"] == "false"
    assert "WIREWATCH_KAFKA_SASL_USERNAME" not in env  # None: left unset, the default applies


def test_the_tests_env_drops_the_runs_own_wirewatch_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREWATCH_PARSER_WORKERS", "9")
    assert "WIREWATCH_PARSER_WORKERS" not in clean_env(Settings())
    assert processes.settings_env(Settings())["WIREWATCH_PARSER_WORKERS"] == "9"  # the demo's passes


def test_service_process_tells_the_child_its_port_and_logs_a_banner(tmp_path: Path) -> None:
    """A real child (`wirewatch config`, which prints its effective settings) sees the port."""
    port = processes.free_port()
    log = tmp_path / "config.log"
    env = {**clean_env(Settings()), "COLUMNS": "200"}
    proc = processes.ServiceProcess(
        "config", env, log, port, cwd=REPO, port_variable="WIREWATCH_WEB_PORT", banner=True
    ).start()
    assert proc.wait(120) == 0
    out = proc.output()
    assert out.startswith("=== wirewatch config started ") and f"(web port {port})" in out.splitlines()[0]
    assert any("WIREWATCH_WEB_PORT" in line and str(port) in line for line in out.splitlines()[1:])
    assert proc.tail(1) == out.splitlines()[-1] and not proc.alive() and proc.returncode == 0
