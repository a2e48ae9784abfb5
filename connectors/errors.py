"""The exceptions connectors raise, split by what the runtime does about them.

    ConnectorError
    ├── SourceUnavailable     transient: the source did not answer (network, 5xx, 429); retry later
    ├── RecordError           permanent: one record cannot be read or normalised; dead-letter it
    └── ConnectorMisuse       misuse: stop the connector with a clear message
        ├── ConfigError       a connector config file is wrong; the message names the file and key
        └── SourceRefused     the source refuses us (4xx other than 429): wrong URL or credentials

Connectors know formats, not Kafka: the runtime (``hub.connect``) translates these into the hub's
tree (``hub.errors``) at one boundary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One reason a record failed: the field path (``area.ags`` or a column or tag), why, the value shown."""

    path: str
    reason: str
    value_shown: str = ""

    def __str__(self) -> str:
        shown = f" (got {self.value_shown})" if self.value_shown else ""
        return f"{self.path or '<record>'}: {self.reason}{shown}"


class ConnectorError(Exception):
    """Root of every error a connector raises on purpose."""


class SourceUnavailable(ConnectorError):
    """Raised when the source did not answer or asked us to slow down; ``retry_after`` in seconds if known."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class RecordError(ConnectorError):
    """Raised when one record cannot be read or normalised; ``problems`` name the fields."""

    def __init__(self, problems: Sequence[Problem], cause_class: str | None = None, reason: str = "") -> None:
        self.problems = list(problems)
        # a short code of why (``duplicate_record_key``); empty: the problems say it
        self.reason = reason
        # the class that really failed (e.g. pydantic's ValidationError), for the dead letter header
        self.cause_class = cause_class or f"{type(self).__module__}.{type(self).__qualname__}"
        super().__init__("; ".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, path: str, reason: str, value_shown: str = "") -> RecordError:
        return cls([Problem(path, reason, value_shown)])

    @property
    def reason_code(self) -> str:
        """What a dead letter is grouped by: the explicit reason, else the first problem's field and reason."""
        if self.reason:
            return self.reason
        first = self.problems[0] if self.problems else Problem("", "unknown")
        return f"{first.path or '<record>'}: {first.reason.split(' [column')[0][:80]}"

    @property
    def field_path(self) -> str:
        """The paths of every problem, comma separated (the dead letter's field path header)."""
        return ",".join(p.path for p in self.problems if p.path)


class ConnectorMisuse(ConnectorError):
    """Raised when a connector is configured or called wrongly; nothing will succeed until that is fixed."""


class ConfigError(ConnectorMisuse):
    """Raised when a connector config file is wrong; the message names the file and the key."""


class SourceRefused(ConnectorMisuse):
    """Raised when the source answers 4xx (other than 429): the URL, token or request is wrong."""
