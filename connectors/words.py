"""What sources write for the contract's closed value sets, in German and English.

One table each, read by every connector that maps a source's own words (the HXL connector's built-in
values) and by `koordinate dedupe` when it reads an export (hub/replay/export_repairs.py), so that one
word means one value everywhere. Keys are lower case; look them up with the cell's text folded to it.
"""

from __future__ import annotations

__all__ = ["OFFER_STATUS_WORDS", "ORGANISATION_KIND_WORDS"]

OFFER_STATUS_WORDS: dict[str, str] = {
    "aktiv": "active", "active": "active", "ongoing": "active", "laufend": "active", "läuft": "active",
    "open": "active", "offen": "active", "published": "active", "veröffentlicht": "active",
    "pausiert": "paused", "paused": "paused", "pause": "paused", "ruht": "paused", "inaktiv": "paused",
    "inactive": "paused", "planned": "paused", "geplant": "paused",
    "voll": "full", "full": "full", "ausgebucht": "full", "belegt": "full", "booked out": "full",
    "beendet": "ended", "ended": "ended", "completed": "ended", "abgeschlossen": "ended", "closed": "ended",
    "geschlossen": "ended", "archiviert": "ended", "archived": "ended",
}

ORGANISATION_KIND_WORDS: dict[str, str] = {
    "verein": "association", "e.v.": "association", "association": "association", "ngo": "association",
    "verband": "association", "stiftung": "association", "foundation": "association",
    "initiative": "initiative", "ehrenamtliche initiative": "initiative", "bürgerinitiative": "initiative",
    "kommune": "municipal", "stadt": "municipal", "gemeinde (kommune)": "municipal", "behörde": "municipal",
    "verwaltung": "municipal", "government": "municipal", "municipal": "municipal", "municipality": "municipal",
    "kirche": "church", "kirchengemeinde": "church", "church": "church", "faith-based": "church",
    "religiös": "church", "religious": "church",
    "unternehmen": "company", "firma": "company", "company": "company", "private": "company",
    "business": "company",
}
