"""The canonical Offer (Angebot): what an initiative, association or office provides."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar, Literal, Self, get_args

from pydantic import Field, ValidationInfo, model_validator

from schemas._base import CanonicalFields, Code, field_error, field_errors, privacy_checked
from schemas._types import BerlinDateTime, CategoryCode, LanguageCode, NonNegativeInt
from schemas.parts import Contact, Location, Organisation, ServiceArea
from schemas.privacy import find_contact_data, find_offer_personal_data, move_offer_contacts
from schemas.quality import CONTACT_MARKER
from schemas.schedule import Schedule

OfferStatus = Literal["active", "paused", "full", "ended"]
OFFER_STATUSES: tuple[str, ...] = get_args(OfferStatus)


class Offer(CanonicalFields):
    """An offer; its organisation's contact goes in ``contact``, never into the free text."""

    event_type: ClassVar[str] = "org.koordinate.offer.v1"
    schema_name: ClassVar[str] = "offer.v1"
    time_field: ClassVar[str | None] = "occurred_at"

    title: str = Field(min_length=1, max_length=300)
    description: str = Field(default="", max_length=5000)
    category: CategoryCode
    organisation: Organisation
    area: ServiceArea
    location: Location | None = None
    schedule: Schedule | None = None
    capacity: NonNegativeInt | None = Field(default=None, description="None: unlimited or unknown")
    languages: list[LanguageCode] = Field(default_factory=list)
    target_groups: list[Code] = Field(default_factory=list)
    contact: Contact | None = None
    status: OfferStatus = "active"
    valid_from: BerlinDateTime | None = None
    valid_until: BerlinDateTime | None = None
    occurred_at: BerlinDateTime

    @model_validator(mode="before")
    @classmethod
    def _contact_out_of_the_text(cls, data: Any, info: ValidationInfo) -> Any:
        # the organisation's own e-mail, phone or URL in the text is moved, not refused (see
        # schemas.privacy.move_offer_contacts); the same path serves connectors and the gateway
        if not isinstance(data, dict) or privacy_checked(info):
            return data
        moved, notes = move_offer_contacts(data, CONTACT_MARKER)
        if notes:
            moved["quality"] = [*(data.get("quality") or ()), *notes]
        return moved

    @model_validator(mode="after")
    def _validity_in_order(self) -> Self:
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise field_error(
                "Offer", ("valid_until",), "window_order", "valid_until must not be before valid_from",
                self.valid_until.isoformat(),
            )
        return self

    @model_validator(mode="after")
    def _contact_in_its_field(self, info: ValidationInfo) -> Self:
        if privacy_checked(info):
            return self
        problems = []
        for loc, text in self._texts():
            if found := find_offer_personal_data(text) or find_contact_data(text):
                problems.append((loc, "personal_data", found.message, "(withheld)"))
        if problems:
            raise field_errors("Offer", problems)
        return self

    def _texts(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        yield ("title",), self.title
        yield ("description",), self.description
        yield ("organisation", "name"), self.organisation.name
        if self.location:
            for name in ("name", "street", "city"):
                if value := getattr(self.location, name):
                    yield ("location", name), value
