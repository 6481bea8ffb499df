"""The one bridge between a command's declaration (typer) and its work (a plain function).

A command module declares names, options and help, and its body is ``run(work, ...)``: the work is
a plain function (tests call it directly) that returns an exit status (``None`` or 0: success) and
raises ``shared.errors.UsageError`` for an option it cannot use, shown as click's usage error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec

import typer

from shared.errors import UsageError

P = ParamSpec("P")


def run(work: Callable[P, int | None], *args: P.args, **kwargs: P.kwargs) -> None:
    """Do ``work``; exit with its status when that is not 0."""
    try:
        code = work(*args, **kwargs)
    except UsageError as exc:
        raise typer.BadParameter(str(exc), param_hint=exc.option) from exc
    if code:
        raise typer.Exit(code)
