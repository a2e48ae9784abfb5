"""Checks that deployment files name real `koordinate` commands, options and settings."""

from __future__ import annotations

import shlex
from typing import Any

import typer
from typer.testing import CliRunner

from hub.api.settings import ApiSettings
from hub.cli.main import app as koordinate_app
from hub.gateway.settings import GatewaySettings
from hub.settings import Settings

SETTINGS_BY_PREFIX = (("KOORDINATE_GATEWAY_", GatewaySettings), ("KOORDINATE_API_", ApiSettings),
                      ("KOORDINATE_", Settings))


def koordinate_args(command: list[str]) -> list[str]:
    """The arguments a container gives `koordinate` (through the image's entrypoint or a `sh -c`)."""
    assert isinstance(command, list), "exec form, so no shell splits the arguments differently"
    if command[:2] == ["sh", "-c"]:
        words = shlex.split(command[2])
        words = words[1:] if words[0] == "exec" else words
        assert words[0] in ("koordinate", "koordinate-entrypoint"), words
        return words[1:]
    return list(command)


def resolve(args: list[str], app: typer.Typer = koordinate_app) -> tuple[list[str], Any, list[str]]:
    """Walk the real CLI: (command path, the click command, the remaining arguments)."""
    command = typer.main.get_command(app)  # a click group (typer may bring its own click)
    path: list[str] = []
    rest = list(args)
    while hasattr(command, "commands") and rest and rest[0] in command.commands:
        path.append(rest[0])
        command = command.commands[rest.pop(0)]
    return path, command, rest


def assert_real_command(args: list[str], where: str, app: typer.Typer = koordinate_app) -> list[str]:
    """Fail unless `args` name a registered command whose options all exist and whose --help runs."""
    path, command, rest = resolve(args, app)
    assert path, f"{where}: {args} names no koordinate command"
    options = {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}
    for word in rest:
        if word.startswith("-"):
            assert word.split("=")[0] in options, f"{where}: koordinate {' '.join(path)} has no option {word}"
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, f"{where}: {result.output}"
    return path


def setting_exists(model: type, name: str) -> bool:
    """Whether `name` (lower case, nested with `__`) is a field of the settings model."""
    head, _, rest = name.partition("__")
    field = model.model_fields.get(head)
    if field is None:
        return False
    return not rest or setting_exists(field.annotation, rest)


def assert_real_setting(variable: str, where: str) -> None:
    for prefix, model in SETTINGS_BY_PREFIX:
        if variable.startswith(prefix):
            assert setting_exists(model, variable[len(prefix):].lower()), \
                f"{where}: {variable} is not a field of {model.__name__}"
            return
    raise AssertionError(f"{where}: {variable} is not a KOORDINATE_* setting")
