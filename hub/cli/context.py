"""What every command shares: the loaded settings and the console, kept on the click context."""

from __future__ import annotations

from dataclasses import dataclass

import typer
from rich.console import Console

from hub.settings import Settings


@dataclass
class CliState:
    settings: Settings
    console: Console
    err: Console


def state(ctx: typer.Context) -> CliState:
    root = ctx.find_root()
    if not isinstance(root.obj, CliState):  # a sub-app invoked on its own, e.g. in tests
        from hub.settings import load_settings

        root.obj = CliState(load_settings(), Console(), Console(stderr=True))
    return root.obj
