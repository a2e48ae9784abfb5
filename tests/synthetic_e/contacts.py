"""Invented contact data: role mailboxes on ``.example`` domains and phone numbers in a 555 block.

Every phone number is the town's real dialling code followed by 555 and three or four digits, so a
test can tell an invented number from anything else. No mailbox names a person.
"""

from __future__ import annotations

import random
import re
import unicodedata

PHONE_BLOCK = "555"
MAIL_TLD = ".example"


def slug(text: str) -> str:
    """ASCII slug for domains and paths: umlauts spelled out, everything else a hyphen."""
    text = text.lower()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, spelled)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def phone_number(dialling: str, rng: random.Random) -> str:
    """The digits after the dialling code, e.g. '5550142'."""
    return PHONE_BLOCK + f"{rng.randint(0, 999):03d}" + (str(rng.randint(0, 9)) if rng.random() < 0.5 else "")


def format_phone(dialling: str, local: str, rng: random.Random, style: str | None = None) -> str:
    """One of the notations German sources use; all match the contract's phone pattern."""
    style = style or rng.choice(("intl", "intl_dash", "national", "national_dash", "slash", "plain", "grouped"))
    rest = local[len(PHONE_BLOCK):]
    return {
        "intl": f"+49 {dialling} {local}",
        "intl_dash": f"+49 {dialling} {PHONE_BLOCK}-{rest}",
        "national": f"0{dialling} {local}",
        "national_dash": f"0{dialling} {PHONE_BLOCK}-{rest}",
        "slash": f"0{dialling}/{local}",
        "plain": f"0{dialling}{local}",
        "grouped": f"0{dialling} {PHONE_BLOCK} {' '.join(rest[i:i + 2] for i in range(0, len(rest), 2))}",
    }[style]


def is_invented_phone(value: str, dialling_codes: set[str]) -> bool:
    """Whether a number is a known dialling code followed by the 555 block."""
    digits = re.sub(r"\D", "", value)
    if value.startswith("+49"):
        digits = "0" + digits[2:]
    return any(digits.startswith(f"0{code}{PHONE_BLOCK}") for code in dialling_codes)


def is_invented_email(value: str) -> bool:
    return value.lower().endswith(MAIL_TLD) and "@" in value


def is_invented_url(value: str) -> bool:
    host = re.sub(r"^https?://", "", value).split("/")[0].lower()
    return host.endswith(MAIL_TLD)
