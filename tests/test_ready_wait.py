"""``stack up``'s readiness wait when Elasticsearch's launcher exits non-zero.

The launcher (``bin/elasticsearch -d``) may exit with an error after the node itself has started; the
wait then goes by the node (healthy: ready), and fails only when no node answers, with the launcher's
exit code on the message's last line (the end of a CI log is what gets read).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from shared.config import Settings
from tests.support import free_port
from wirewatch.stack import StackError
from wirewatch.stack.api import _wait_ready


def failed_launcher(code: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([sys.executable, "-c", f"raise SystemExit({code})"])
    proc.wait(timeout=60)
    return proc


def test_a_launcher_error_with_the_node_healthy_is_ready(stack: Settings) -> None:
    notes: list[str] = []
    _wait_ready(stack, 120.0, notes.append, failed_launcher(3), None)
    assert any("exited with code 3" in n for n in notes)
    assert any("Elasticsearch is" in n for n in notes)


def test_a_launcher_error_and_no_node_fails_with_the_code_last(stack: Settings, tmp_path: Path) -> None:
    nowhere = stack.model_copy(update={"stack_es_port": free_port(), "state_dir": tmp_path / "state"})
    with pytest.raises(StackError) as err:
        _wait_ready(nowhere, 300.0, lambda _m: None, failed_launcher(7), None)
    last = str(err.value).splitlines()[-1]
    assert "launcher exited with code 7" in last
    assert "no node is running" in last


def test_a_failed_start_is_tried_once_more(stack: Settings, tmp_path: Path) -> None:
    nowhere = stack.model_copy(update={"stack_es_port": free_port(), "state_dir": tmp_path / "state"})
    restarts: list[int] = []

    def restart() -> subprocess.Popen[bytes]:
        restarts.append(1)
        return failed_launcher(9)

    with pytest.raises(StackError) as err:
        _wait_ready(nowhere, 300.0, lambda _m: None, failed_launcher(7), None, restart_es=restart)
    assert restarts == [1]
    assert "launcher exited with code 9" in str(err.value).splitlines()[-1]
