"""The base of every contract model (unknown fields refused, instances immutable) and its shared fields."""

from __future__ import annotations

from types import MappingProxyType
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo
from pydantic_core import InitErrorDetails, PydanticCustomError

from schemas._types import Revision, SourceUri, UuidStr
from schemas.quality import QualityNote


# Validation context for data that already passed the privacy guard once (the hub's own state, or a
# record stage 1 of the worker checked): the guard is half the cost of validating a record, and it
# can only reject, so it is not run twice. Types, formats and every other rule are still checked.
PRIVACY_CHECKED = MappingProxyType({"privacy_checked": True})


def privacy_checked(info: ValidationInfo) -> bool:
    """Whether the model is validated with `PRIVACY_CHECKED` as its context."""
    return bool(info.context and info.context.get("privacy_checked"))


class ContractModel(BaseModel):
    """A part of the contract; typos in field names fail loudly instead of vanishing."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class EventModel(ContractModel):
    """A model that travels as the data of one CloudEvent type."""

    event_type: ClassVar[str]
    schema_name: ClassVar[str]  # file stem of its JSON Schema, e.g. "need.v1"
    # attribute holding when it happened (CloudEvents `time`); None: the type has no such time
    time_field: ClassVar[str | None] = None
    if TYPE_CHECKING:
        # every event type declares its own `id` field (what the event is about or states); declared
        # here for the type checker only, so the field itself stays each model's own
        id: str

    def partition_key(self) -> str:
        """The Kafka key and CloudEvents subject: what the event is about (see the topic spec)."""
        return str(getattr(self, "id"))


Code = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
"""A short vocabulary code like ``children`` or ``professional`` (lower case, underscores)."""


class CanonicalFields(EventModel):
    """Identity and ordering every canonical record carries (see ``schemas.identity``)."""

    id: UuidStr
    source: SourceUri
    source_record_id: str = Field(min_length=1, max_length=200)
    revision: Revision
    # data-quality notes (schemas.quality); left out of the JSON when None, so records without notes
    # serialise exactly as before the field existed
    quality: tuple[QualityNote, ...] | None = Field(
        default=None, exclude_if=lambda value: value is None,
        description="values a connector or the gateway dropped or moved, with the reason")


def field_error(title: str, loc: tuple[str | int, ...], kind: str, message: str, value: object) -> ValidationError:
    """A ValidationError for one field, raised from a model validator so the path stays readable."""
    return field_errors(title, [(loc, kind, message, value)])


def field_errors(title: str, problems: Sequence[tuple[tuple[str | int, ...], str, str, object]]) -> ValidationError:
    """Like ``field_error`` for several fields at once: (loc, kind, message, value) each."""
    # PydanticCustomError reads braces as placeholders; user text must not be taken for one
    details = [
        InitErrorDetails(
            type=PydanticCustomError(kind, msg.replace("{", "(").replace("}", ")")), loc=loc, input=value
        )
        for loc, kind, msg, value in problems
    ]
    return ValidationError.from_exception_data(title, details)
