"""The hub's exception tree: one root, split by what the caller should do about an error.

    KoordinateError
    ├── TransientError            retry later; nothing is wrong with the input
    │   └── BrokerUnavailable     the Kafka cluster did not answer in time
    ├── PermanentError            this input will never succeed; dead-letter it with the reason
    └── MisuseError               the hub is set up or called wrongly; fix configuration or code
        ├── SettingsError         a setting has a wrong value or form
        ├── BrokerError           the local broker cannot be started, stopped or found
        └── ToolMissing           a program the hub needs (java, mvn) is not installed

Errors of the libraries below (aiokafka, subprocess) are translated into these at one boundary each,
so the CLI can print one line instead of a traceback.
"""

from __future__ import annotations


class KoordinateError(Exception):
    """Root of every error the hub raises on purpose."""


class TransientError(KoordinateError):
    """Raised when an operation may succeed if retried later."""


class BrokerUnavailable(TransientError):
    """Raised when the Kafka cluster does not answer within the configured time."""


class PermanentError(KoordinateError):
    """Raised when an input can never be processed; it belongs in the dead-letter topic."""


class MisuseError(KoordinateError):
    """Raised when the hub is configured or called wrongly."""


class SettingsError(MisuseError):
    """Raised when a setting has a wrong value; the message names the setting."""


class BrokerError(MisuseError):
    """Raised when the local broker cannot be started, stopped or inspected."""


class ToolMissing(MisuseError):
    """Raised when a required program is not installed; the message says what to install."""
