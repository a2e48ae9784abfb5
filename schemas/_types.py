"""Annotated field types shared by the models: AGS, language codes, Berlin-aware datetimes, ids.

Each check raises a ``PydanticCustomError`` with its own type name, so integrators read one
sentence saying the expected form instead of a generic regex message.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta, timezone
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from schemas._iso639 import ISO_639_1
from schemas.taxonomy import category_codes

BERLIN = ZoneInfo("Europe/Berlin")

AGS_PATTERN = r"^(0[1-9]|1[0-6])[0-9]{6}$"
UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


def _check_ags(value: str) -> str:
    if len(value) != 8 or not value.isascii() or not value.isdigit():
        raise PydanticCustomError(
            "ags_format",
            "AGS (Amtlicher Gemeindeschlüssel) must be exactly 8 digits, e.g. '14713000' for Leipzig",
        )
    if not 1 <= int(value[:2]) <= 16:
        raise PydanticCustomError(
            "ags_land",
            "AGS must start with a Land code 01..16; '{land}' is not a Land",
            {"land": value[:2]},
        )
    return value


def _check_language(value: str) -> str:
    if value not in ISO_639_1:
        raise PydanticCustomError(
            "language_code",
            "must be an ISO 639-1 two-letter language code in lower case, e.g. 'de', 'uk', 'ar'",
        )
    return value


def _check_category(value: str) -> str:
    if value not in category_codes():
        raise PydanticCustomError(
            "category_code",
            "unknown category code; use a taxonomy code such as 'language_education' or 'housing'",
        )
    return value


_CANONICAL_UUID = re.compile(UUID_PATTERN)


def _check_uuid(value: str) -> str:
    if _CANONICAL_UUID.fullmatch(value):  # the one spelling, checked without parsing (a tenth of the time)
        return value
    try:
        parsed = uuid.UUID(value)
    except ValueError:
        raise PydanticCustomError("uuid_format", "must be a UUID like '3f2b…-…' (see entity_id)") from None
    # one spelling per id, or equal ids would compare unequal as strings
    if str(parsed) != value:
        raise PydanticCustomError("uuid_format", "UUID must be written in lower case with hyphens")
    return value


# any character str.isspace() calls whitespace (re's \s for str patterns is that same Unicode class),
# found in C: the source is checked on every record a hub process validates
_WHITESPACE = re.compile(r"\s")


def _check_source(value: str) -> str:
    if not value or _WHITESPACE.search(value):
        raise PydanticCustomError(
            "source_format",
            "source must be a URI reference without spaces, e.g. 'urn:koordinate:source:sozialamt-leipzig'",
        )
    return value


def as_berlin_if_naive(value: datetime) -> datetime:
    """Naive datetimes are Berlin wall-clock time; store them with their fixed UTC offset."""
    if value.tzinfo is None or value.utcoffset() is None:
        value = value.replace(tzinfo=BERLIN)
    # a fixed offset serialises and round-trips exactly; a ZoneInfo would not survive JSON
    offset = value.utcoffset() or timedelta(0)
    return value.astimezone(timezone(offset))


Ags = Annotated[
    str,
    AfterValidator(_check_ags),
    WithJsonSchema({"type": "string", "pattern": AGS_PATTERN, "description": "8-digit AGS, Land 01-16"}),
]
LanguageCode = Annotated[
    str,
    AfterValidator(_check_language),
    WithJsonSchema({"type": "string", "pattern": "^[a-z]{2}$", "description": "ISO 639-1 code"}),
]
CategoryCode = Annotated[
    str,
    AfterValidator(_check_category),
    WithJsonSchema({"type": "string", "enum": category_codes(), "description": "taxonomy code"}),
]
UuidStr = Annotated[
    str,
    AfterValidator(_check_uuid),
    WithJsonSchema({"type": "string", "pattern": UUID_PATTERN, "description": "lower-case UUID"}),
]
SourceUri = Annotated[
    str,
    AfterValidator(_check_source),
    WithJsonSchema({"type": "string", "format": "uri-reference", "pattern": r"^\S+$", "minLength": 1}),
]
BerlinDateTime = Annotated[datetime, AfterValidator(as_berlin_if_naive)]
Revision = Annotated[int, Field(ge=0, description="source version or updated_at in epoch microseconds")]
NonNegativeInt = Annotated[int, Field(ge=0)]
Score = Annotated[float, Field(ge=0.0, le=1.0)]
