"""The CLI is declared apart from its work: command modules hold names, options and help; each
command's body hands its options to a plain function, which tests call directly (as here)."""

from __future__ import annotations

import ast
import importlib
import io
import json
from collections import defaultdict
from pathlib import Path

import pytest
import typer

from shared.errors import UsageError
from wirewatch.cli import COMMAND_MODULES
from wirewatch.clitools import run


def _is_command(node: ast.FunctionDef) -> bool:
    for deco in node.decorator_list:
        target = deco.func if isinstance(deco, ast.Call) else deco
        if isinstance(target, ast.Attribute) and target.attr in ("command", "callback"):
            return True
    return False


def _work_statements(node: ast.FunctionDef) -> list[ast.stmt]:
    body = node.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring: the command's help
    return [s for s in body if not isinstance(s, (ast.Import, ast.ImportFrom))]


# command modules whose work is still in the module (plain functions above ``register``): the check
# below fails when one of them moves its work out, so that it leaves this list
WORK_AT_HOME: tuple[str, ...] = ()


def test_every_command_body_only_hands_its_options_to_its_work() -> None:
    fat: list[str] = []
    at_home: dict[str, list[str]] = defaultdict(list)
    commands = 0
    for name in COMMAND_MODULES:
        path = Path(importlib.import_module(name).__file__ or "")
        tree = ast.parse(path.read_text("utf-8"))
        # functions of the command module itself: the work must not be one of them
        local = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
        local.discard("register")
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and _is_command(node):
                commands += 1
                work = _work_statements(node)
                # one call (the `api` group's callback first returns when a sub-command runs)
                if len(work) > 2:
                    fat.append(f"{path.name}:{node.lineno} {node.name} ({len(work)} statements)")
                used = {n.id for s in work for n in ast.walk(s) if isinstance(n, ast.Name)} & local
                if used:
                    at_home[name].append(f"{node.lineno} {node.name} ({', '.join(sorted(used))})")
    assert commands >= 40  # every command was looked at
    assert not fat, "commands doing their own work: " + ", ".join(fat)
    pending = {name: at_home.pop(name, []) for name in WORK_AT_HOME}
    assert not at_home, f"work declared with its command (move it to a cli_utils module): {at_home}"
    assert all(pending.values()), f"work moved out: take these off WORK_AT_HOME: {pending}"


def test_run_turns_a_status_into_an_exit_and_a_usage_error_into_clicks() -> None:
    run(lambda: None)
    run(lambda: 0)
    with pytest.raises(typer.Exit) as done:
        run(lambda code: code, 3)
    assert done.value.exit_code == 3

    def bad() -> int:
        raise UsageError("use 7d", "--since")

    with pytest.raises(typer.BadParameter) as usage:
        run(bad)
    assert usage.value.param_hint == "--since" and "use 7d" in usage.value.format_message()


def test_classify_stream_is_plain_work() -> None:
    from services.classifier.cli_utils import classify_stream

    class Tagger:
        def classify_record(self, record: dict[str, object]) -> dict[str, object]:
            return {**record, "tags": ["launch"]}

    out, err = io.StringIO(), io.StringIO()
    lines = ['{"id": "a", "title": "t", "text": "x"}', "not json", '{"id": "b", "title": "u", "text": "y"}']
    assert classify_stream(Tagger(), lines, out, err) == (2, 1)
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == ["a", "b"]
    assert "line 2" in err.getvalue()


def test_api_keys_work_without_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from services.api import cli_utils

    monkeypatch.delenv("WIREWATCH_API_KEYS_FILE", raising=False)
    keys = tmp_path / "keys"
    assert cli_utils.keys_create("alice", ["search"], keys) == 0
    assert cli_utils.keys_create("bad name!", [], keys) == 2
    assert cli_utils.keys_revoke("alice", keys) == 0
    assert cli_utils.keys_revoke("alice", keys) == 1  # revoked already: no active key of that name
    assert cli_utils.keys_revoke("bob", tmp_path / "none") == 2  # no keys file
    assert cli_utils.keys_list(keys) == 0
    out = capsys.readouterr()
    assert "key for alice (shown once" in out.out and "alice\tsearch\trevoked\tsha256:" in out.out
    assert "no active key named 'alice'" in out.err and "no keys file" in out.err


def test_fetcher_and_alerter_work_without_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from services.alerter import cli_utils as alerter
    from services.fetcher import cli_utils as fetcher

    monkeypatch.setattr("shared.logs.setup_logging", lambda *args: None)  # leave pytest's logging be
    # refused before any Kafka is asked
    assert fetcher.feeds_add("ftp://x.example/feed") == 1
    bad = tmp_path / "bad.yaml"
    bad.write_text("feeds: 3\n")
    assert fetcher.feeds_import(bad) == 1
    assert alerter.list_alerts(bad, health=False) == 2
    assert alerter.send_test_alert("nosuch", bad) == 2
    err = capsys.readouterr().err
    assert "not an http(s) feed URL: 'ftp://x.example/feed'" in err and "expected a `feeds:` list" in err
    assert "Extra inputs are not permitted" in err
    subs = tmp_path / "alerts.yaml"
    subs.write_text("- {name: legal, webhook_env: WW_TEST_UNSET_HOOK, filters: {tags: [lawsuit]}}\n")
    monkeypatch.delenv("WW_TEST_UNSET_HOOK", raising=False)
    assert alerter.list_alerts(subs, health=False, as_json=True) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["name"] == "legal" and row["webhook"] == "env:WW_TEST_UNSET_HOOK (unavailable)"
    assert alerter.send_test_alert("nosuch", subs) == 2
    assert "no subscription named 'nosuch'" in capsys.readouterr().err
