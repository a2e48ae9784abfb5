"""The worker's logging as faust sets it up when the worker starts: at the hub's usual levels, the debug
lines of faust and mode are not built at all.

The regression behind it: faust's terminal spinner set the root logger to DEBUG whenever the worker
logged at WARNING, so every debug line of faust and mode (one per changelog record in a recovery) was
built and handed to the spinner, which asked each time whether stdout is a terminal.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from hub.settings import Settings
from hub.stream.app import WorkerProcess, create_worker_app


@pytest.fixture
def root_logger_restored() -> Iterator[None]:
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


def _worker_logging_set_up(tmp_path: Path, faust_level: str) -> None:
    settings = Settings(topic_prefix="logging-check", home=tmp_path)
    process = WorkerProcess(create_worker_app(settings), settings, loglevel=faust_level, quiet=True,
                            redirect_stdouts=False)
    process._setup_logging()  # what faust's worker does first when it starts


@pytest.mark.usefixtures("root_logger_restored")
def test_at_warning_faust_debug_lines_are_not_built(tmp_path: Path):
    _worker_logging_set_up(tmp_path, "WARNING")
    root = logging.getLogger()
    assert not logging.getLogger("faust.tables.recovery").isEnabledFor(logging.DEBUG)
    assert not logging.getLogger("mode.services").isEnabledFor(logging.DEBUG)
    assert root.getEffectiveLevel() == logging.WARNING
    assert not any(type(handler).__name__ == "SpinnerHandler" for handler in root.handlers)


@pytest.mark.usefixtures("root_logger_restored")
def test_at_debug_faust_debug_lines_are_kept(tmp_path: Path):
    # `--log-level debug` asks for them: the worker passes DEBUG to faust then
    _worker_logging_set_up(tmp_path, "DEBUG")
    assert logging.getLogger("faust.tables.recovery").isEnabledFor(logging.DEBUG)
