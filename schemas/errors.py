"""The exceptions of the schema package, and a readable account of validation errors.

    SchemaError                 root: everything this package raises on purpose
    ├── EnvelopeError           a CloudEvent could not be read or does not fit its model
    └── PrivacyError            text carries personal data (raised by the standalone checks)

Model validation itself raises pydantic's ``ValidationError`` (privacy violations included, with
error type ``personal_data`` and the field path), so callers handle one error type per layer;
``describe_validation_error`` turns it into the lines a 400 response or dead letter shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import ValidationError

_SHOWN_CHARS = 40

# Pydantic's own wording is precise but terse for integrators who never saw the model.
_FRIENDLIER = {
    "extra_forbidden": "unknown field: not part of the contract (check the spelling)",
    "missing": "required field is missing",
}


# Names other systems give to fields the contract has under another name (HSDS, HXL and CSV exports)
CALLED_ELSEWHERE: dict[str, str] = {
    "venue": "name", "place": "name", "location_name": "name", "venue_name": "name",
    "zip": "postcode", "zipcode": "postcode", "zip_code": "postcode", "postal_code": "postcode", "plz": "postcode",
    "latitude": "lat", "longitude": "lon", "lng": "lon", "long": "lon",
    "homepage": "url", "website": "url", "web": "url", "mail": "email", "e_mail": "email", "e-mail": "email",
    "telephone": "phone", "tel": "phone", "telefon": "phone",
}


@dataclass(frozen=True)
class FieldProblem:
    """One problem with one field: where (``area.ags``), why, and the offending value shortened."""

    path: str
    reason: str
    value_shown: str

    def __str__(self) -> str:
        shown = f" (got {self.value_shown})" if self.value_shown else ""
        return f"{self.path or '<root>'}: {self.reason}{shown}"


class SchemaError(Exception):
    """Root of every error this package raises on purpose."""


class EnvelopeError(SchemaError):
    """Raised when a CloudEvent is foreign or broken: attributes, JSON, encoding or its data."""

    def __init__(self, problems: Sequence[FieldProblem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, path: str, reason: str, value: object = None) -> EnvelopeError:
        return cls([FieldProblem(path, reason, shorten(value) if value is not None else "")])


class PrivacyError(SchemaError, ValueError):
    """Raised when text carries personal data; ``kind`` names what was found (e.g. ``phone number``)."""

    def __init__(self, kind: str, message: str) -> None:
        self.kind = kind
        super().__init__(message)


def shorten(value: object, limit: int = _SHOWN_CHARS) -> str:
    """The value as an integrator would type it, cut to ``limit`` characters."""
    text = value if isinstance(value, str) else repr(value)
    text = text.replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_path(loc: Sequence[str | int]) -> str:
    """``("languages", 1)`` -> ``languages[1]``; ``("area", "ags")`` -> ``area.ags``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def describe_validation_error(exc: ValidationError, prefix: str = "") -> list[FieldProblem]:
    """One ``FieldProblem`` per error; personal data found in a value is never echoed back."""
    problems = []
    for err in exc.errors(include_url=False):
        loc = [p for p in err["loc"] if not _is_union_tag(p)]
        path = format_path(loc)
        if prefix:
            path = f"{prefix}.{path}" if path else prefix
        reason = _FRIENDLIER.get(err["type"], err["msg"])
        if err["type"] == "extra_forbidden" and loc and str(loc[-1]).lower() in CALLED_ELSEWHERE:
            reason = f"unknown field: the contract calls it {CALLED_ELSEWHERE[str(loc[-1]).lower()]!r}"
        if err["type"] == "personal_data" or err["type"] == "missing":
            shown = ""  # repeating the personal data in a dead letter would defeat the check
        else:
            shown = shorten(err.get("input"))
        problems.append(FieldProblem(path, reason, shown))
    return problems


def _is_union_tag(part: str | int) -> bool:
    # pydantic adds type names like "function-after[...]" to locations inside unions; noise for users
    return isinstance(part, str) and ("[" in part and part.endswith("]"))
