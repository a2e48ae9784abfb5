"""Data-quality notes: what a connector or the gateway left out of a record or moved, and why.

A bad *optional* value (a postcode "ABC 1234", a latitude of 100, a homepage in the e-mail column, a
schedule rule that RFC 5545 forbids or that never occurs) does not cost the whole record: the value is
dropped and a note says which field, why, and what the source had (shortened). An organisation contact
found in an offer's text is moved into ``contact`` with a note too. The notes travel on the record
itself (``quality``, absent when there is nothing to say), so the read model, the API and the
dashboard show the office what was dropped, and the connect runtime counts them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

QualityCode = Literal["dropped_invalid", "contact_moved", "text_cut"]
QUALITY_LABELS: dict[str, dict[str, str]] = {
    "dropped_invalid": {"de": "ungültiger Wert weggelassen", "en": "invalid value dropped"},
    "contact_moved": {"de": "Kontakt aus dem Text in das Kontaktfeld verschoben",
                      "en": "contact moved from the text into the contact field"},
    "text_cut": {"de": "Kontaktangabe aus dem Text entfernt (Kontaktfeld schon belegt)",
                 "en": "contact cut from the text (contact field already set)"},
}
"""German and English labels of each code, for the API and the dashboard."""

CONTACT_MARKER = "[→ Kontakt]"
"""What replaces an e-mail address, phone number or URL cut out of an offer's text."""


class QualityNote(BaseModel):
    """One value left out or moved: the field (dotted path), a code, the reason, the value as the source had it."""

    # the settings of schemas._base.ContractModel, which imports this module
    model_config = ConfigDict(extra="forbid", frozen=True)

    field: str = Field(min_length=1, max_length=200)
    code: QualityCode
    reason: str = Field(max_length=500)
    value_shown: str = Field(default="", max_length=80)


def labelled(notes: list[dict[str, str]] | None) -> list[dict[str, object]]:
    """Notes as the API shows them: each with its German and English label (``label: {de, en}``)."""
    return [{**note, "label": QUALITY_LABELS.get(str(note.get("code")), {})} for note in notes or ()]
