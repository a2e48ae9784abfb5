"""Structured logging: JSON lines by default, a readable console format on request.

Every log line about a processed event carries its event id and source; bind them with
`log.bind(event_id=..., source=...)` (see `event_logger`).
"""

from __future__ import annotations

import logging
import sys
from typing import Any, Literal

import structlog

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}


def configure_logging(fmt: Literal["json", "console"] = "json", level: str = "info") -> None:
    """Configure structlog and the standard library's loggers (aiokafka, faust) to one format."""
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.stdlib.ExtraAdder(),
    ]
    renderer: Any = (
        structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
        if fmt == "console"
        else structlog.processors.JSONRenderer()
    )
    structlog.configure(
        processors=[*shared, structlog.processors.format_exc_info, renderer],
        wrapper_class=structlog.make_filtering_bound_logger(_LEVELS[level]),
        logger_factory=_CurrentStderrLogger,
        cache_logger_on_first_use=False,
    )
    handler = _CurrentStderrHandler()
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(foreign_pre_chain=shared, processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer])
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(max(_LEVELS[level], logging.INFO) if level != "debug" else logging.DEBUG)
    # The Kafka clients are chatty at INFO about every rebalance and connection. httpx and httpcore
    # log every request's full URL (at INFO and DEBUG), and a source's URL may carry its API key or
    # a feed token in the query string: they stay at WARNING even when the hub logs at debug.
    for noisy in ("aiokafka", "kafka", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


class _CurrentStderrLogger:
    """Writes each line to whatever sys.stderr is *now*.

    Binding the stream at configuration time breaks when it is swapped and closed later (test
    capture, CLI runners, daemonising): every later line would raise "I/O operation on closed file".
    """

    def __init__(self, *args: Any) -> None:
        pass

    def msg(self, message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    log = debug = info = warn = warning = error = critical = exception = fatal = msg


class _CurrentStderrHandler(logging.StreamHandler):
    """A logging handler that, like `_CurrentStderrLogger`, looks up sys.stderr on every record."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def get_logger(name: str | None = None, **context: Any) -> Any:
    """A lazy logger: it takes the configuration in force when it first logs, not at import."""
    return structlog.get_logger(name, **context)


def event_logger(log: Any, event_id: str, source: str, **context: Any) -> Any:
    """A logger bound to one event: every line it writes names the event id and source."""
    return log.bind(event_id=event_id, source=source, **context)
