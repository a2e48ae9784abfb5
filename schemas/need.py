"""The canonical Need (Bedarf): demand published by a municipal system or an initiative."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar, Literal, Self, get_args

from pydantic import ConfigDict, Field, ValidationInfo, model_validator

from schemas._base import CanonicalFields, Code, field_error, field_errors, privacy_checked
from schemas._types import BerlinDateTime, CategoryCode, LanguageCode, NonNegativeInt
from schemas.parts import Area, Location
from schemas.privacy import find_personal_data
from schemas.schedule import Schedule

NeedStatus = Literal["open", "partially_covered", "covered", "closed", "withdrawn", "expired"]
NEED_STATUSES: tuple[str, ...] = get_args(NeedStatus)
Unit = Literal["people", "slots", "items", "hours"]
Urgency = Literal["low", "normal", "high", "critical"]


class Need(CanonicalFields):
    """A need: what is needed, where, when and how urgently; never who needs it."""

    # inputs may hold personal data; error messages must not repeat it
    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)
    event_type: ClassVar[str] = "org.koordinate.need.v1"
    schema_name: ClassVar[str] = "need.v1"
    time_field: ClassVar[str | None] = "occurred_at"

    title: str = Field(min_length=1, max_length=300)
    description: str = Field(default="", max_length=5000)
    category: CategoryCode
    quantity: NonNegativeInt
    unit: Unit
    urgency: Urgency
    area: Area
    location: Location | None = None
    needed_from: BerlinDateTime | None = None
    needed_until: BerlinDateTime | None = None
    schedule: Schedule | None = None
    languages: list[LanguageCode] = Field(default_factory=list)
    target_groups: list[Code] = Field(default_factory=list, examples=[["children", "families"]])
    requires: list[Code] = Field(default_factory=list, examples=[["professional"]])
    status: NeedStatus = "open"
    owner: str | None = Field(default=None, description="organisation name responsible for the need")
    occurred_at: BerlinDateTime

    @model_validator(mode="after")
    def _window_in_order(self) -> Self:
        if self.needed_from and self.needed_until and self.needed_until < self.needed_from:
            raise field_error(
                "Need", ("needed_until",), "window_order", "needed_until must not be before needed_from",
                self.needed_until.isoformat(),
            )
        return self

    @model_validator(mode="after")
    def _no_personal_data(self, info: ValidationInfo) -> Self:
        if privacy_checked(info):
            return self
        problems = []
        for loc, text in self._texts():
            if found := find_personal_data(text, reference=self.occurred_at):
                problems.append((loc, "personal_data", found.message, "(withheld)"))
        if problems:
            raise field_errors("Need", problems)
        return self

    def _texts(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        yield ("title",), self.title
        yield ("description",), self.description
        if self.owner:
            yield ("owner",), self.owner
        for i, code in enumerate(self.requires):
            yield ("requires", i), code
        if self.area.district:
            yield ("area", "district"), self.area.district
        if self.location:
            for name in ("name", "street", "city"):
                if value := getattr(self.location, name):
                    yield ("location", name), value
