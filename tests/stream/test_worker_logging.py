"""The worker's logging once faust's worker has started: the hub's handler and format stay, and faust's and
mode's debug lines are not built at all at the hub's usual levels.

The regressions behind it: faust's worker replaced the root logger's handler with a plain-text one of its
own (faust's and aiokafka's lines in the worker log were not JSON), and for its terminal spinner it set the
root logger to DEBUG whenever the worker logged at WARNING, so every debug line of faust and mode (one per
changelog record in a recovery) was built and handed to the spinner, which asked each time whether stdout
is a terminal.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from hub.logs import configure_logging
from hub.settings import Settings
from hub.stream._faust import SERVICE_LOGGERS
from hub.stream.app import WorkerProcess, create_worker_app


@pytest.fixture
def logging_restored() -> Iterator[None]:
    loggers = [logging.getLogger(name) for name in ("", *SERVICE_LOGGERS)]
    saved = [(logger.level, list(logger.handlers)) for logger in loggers]
    try:
        yield
    finally:
        for logger, (level, handlers) in zip(loggers, saved):
            logger.handlers[:] = handlers
            logger.setLevel(level)


def _started_worker(tmp_path: Path, log_level: str) -> WorkerProcess:
    settings = Settings(topic_prefix="logging-check", home=tmp_path, log_level=log_level)
    process = WorkerProcess(create_worker_app(settings), settings)
    if process.override_logging:  # what mode's worker does first when it starts (`default_on_first_start`)
        process._setup_logging()
    return process


@pytest.mark.usefixtures("logging_restored")
def test_faust_lines_come_out_in_the_hubs_format_and_its_debug_lines_are_not_built(tmp_path: Path, capsys):
    configure_logging("json", "info")  # what the command line does before any command
    handlers = list(logging.getLogger().handlers)
    _started_worker(tmp_path, "info")
    root = logging.getLogger()
    assert root.handlers == handlers and root.level == logging.INFO
    assert not logging.getLogger("faust.tables.recovery").isEnabledFor(logging.DEBUG)
    assert not logging.getLogger("mode.services").isEnabledFor(logging.INFO)  # every service start and stop
    assert not logging.getLogger("hub.stream._faust").isEnabledFor(logging.INFO)  # the fence's faust services
    logging.getLogger("faust.transport.consumer").warning("Group Coordinator Request failed")
    line = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert line["event"] == "Group Coordinator Request failed" and line["level"] == "warning"


@pytest.mark.usefixtures("logging_restored")
def test_at_debug_faust_debug_lines_are_kept(tmp_path: Path):
    # `--log-level debug` asks for them
    configure_logging("json", "debug")
    _started_worker(tmp_path, "debug")
    assert logging.getLogger("faust.tables.recovery").isEnabledFor(logging.DEBUG)
