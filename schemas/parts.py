"""Shared parts of needs and offers: areas, locations, organisations and contacts."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from schemas._base import ContractModel
from schemas._types import Ags

_POSTCODE = re.compile(r"^[0-9]{5}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()/-]{4,29}$")
_URL = re.compile(r"^https?://\S+$")


def _pattern_check(pattern: re.Pattern[str], kind: str, message: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if not pattern.match(value):
            raise PydanticCustomError(kind, message)
        return value

    return check


Postcode = Annotated[
    str,
    AfterValidator(_pattern_check(_POSTCODE, "postcode_format", "postcode must be 5 digits, e.g. '04109'")),
    WithJsonSchema({"type": "string", "pattern": _POSTCODE.pattern}),
]
Email = Annotated[
    str,
    AfterValidator(_pattern_check(_EMAIL, "email_format", "must be an e-mail address like 'info@verein.de'")),
    WithJsonSchema({"type": "string", "pattern": _EMAIL.pattern}),
]
Phone = Annotated[
    str,
    AfterValidator(_pattern_check(_PHONE, "phone_format", "must be a phone number like '+49 341 123456'")),
    WithJsonSchema({"type": "string", "pattern": _PHONE.pattern}),
]
Url = Annotated[
    str,
    AfterValidator(_pattern_check(_URL, "url_format", "must be an http(s) URL like 'https://verein.de'")),
    WithJsonSchema({"type": "string", "pattern": _URL.pattern}),
]

OrganisationKind = Literal["initiative", "association", "municipal", "church", "company"]


class Area(ContractModel):
    """Where a need arises: a municipality and, optionally, one district inside it."""

    ags: Ags
    district: str | None = None


class ServiceArea(ContractModel):
    """Where an offer serves: a municipality and the districts served (empty: all of it)."""

    ags: Ags
    districts: list[str] = Field(default_factory=list)


class Location(ContractModel):
    """A venue's name, address and coordinates; every part optional, sources know different amounts."""

    # the place as people call it ("Jugendzentrum Chorweiler"); HSDS `location.name`, HXL `#loc+name`
    name: str | None = Field(default=None, max_length=200)
    street: str | None = None
    postcode: Postcode | None = None
    city: str | None = None
    lat: float | None = Field(default=None, ge=-90.0, le=90.0)
    lon: float | None = Field(default=None, ge=-180.0, le=180.0)


class Organisation(ContractModel):
    """The group behind an offer."""

    name: str = Field(min_length=1)
    kind: OrganisationKind


class Contact(ContractModel):
    """An organisation's contact; allowed on offers only, never about a refugee."""

    email: Email | None = None
    phone: Phone | None = None
    url: Url | None = None
