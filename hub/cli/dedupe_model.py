"""The scoring model a command runs with: the shipped one, or a file from `koordinate dedupe train`.

One loader for `koordinate dedupe --model`, `koordinate worker --dedupe-model` and
`koordinate replay --dedupe-model`, so a model file that one accepts the others accept too, and a bad
one is refused before anything starts, with the file and the reason.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from hub.engine import EngineConfig
from hub.engine.dedupe.config import DedupeConfig
from hub.engine.dedupe.model import ModelError
from hub.replay.training import load_model

__all__ = ["MODEL_ENV", "dedupe_config", "engine_config", "model_option"]

# The worker runs under a process manager or in a container; the setting also comes from the environment.
MODEL_ENV = "KOORDINATE_DEDUPE_MODEL"


def model_option() -> Optional[Path]:
    return typer.Option(
        None, "--dedupe-model", envvar=MODEL_ENV, exists=True, dir_okay=False,
        help="Duplicate scoring model from `koordinate dedupe train` (default: the one shipped with the hub).",
    )


def dedupe_config(model: Optional[Path], param_hint: str = "--dedupe-model") -> DedupeConfig:
    if model is None:
        return DedupeConfig()
    try:
        return DedupeConfig(model=load_model(model))
    except (ModelError, ValueError, OSError) as exc:
        raise typer.BadParameter(f"{model}: {exc}", param_hint=param_hint) from None


def engine_config(model: Optional[Path]) -> EngineConfig:
    return EngineConfig(dedupe=dedupe_config(model))
