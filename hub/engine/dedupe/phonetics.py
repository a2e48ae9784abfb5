"""Kölner Phonetik (Cologne phonetics, Postel 1969): a sound key for German organisation names.

Implemented here (about 40 lines) rather than depending on `cologne-phonetics` from PyPI:
that package is small but last released in January 2024, splits on hyphens by default and
returns per-word tuples; the algorithm itself is fixed and fully specified.
"""

from __future__ import annotations

from functools import lru_cache

from hub.engine.dedupe.normalise import fold, normalise_organisation

__all__ = ["cologne_phonetic", "organisation_key"]

_VOWELS = frozenset("aeijouy")
_C_HARD_AT_ONSET = frozenset("ahkloqrux")
_C_HARD = frozenset("ahkoqux")


def _code(word: str, index: int) -> str:
    char = word[index]
    before = word[index - 1] if index > 0 else ""
    after = word[index + 1] if index + 1 < len(word) else ""
    if char in _VOWELS:
        return "0"
    if char == "h":
        return ""
    if char == "b" or (char == "p" and after != "h"):
        return "1"
    if char in "dt":
        return "8" if after in ("c", "s", "z") and after else "2"
    if char in "fvw" or char == "p":
        return "3"
    if char in "gkq":
        return "4"
    if char == "c":
        if index == 0:
            return "4" if after in _C_HARD_AT_ONSET and after else "8"
        return "4" if after in _C_HARD and after and before not in ("s", "z") else "8"
    if char == "x":
        return "8" if before in ("c", "k", "q") and before else "48"
    if char == "l":
        return "5"
    if char in "mn":
        return "6"
    if char == "r":
        return "7"
    if char in "sz":
        return "8"
    return ""


@lru_cache(maxsize=65536)  # organisation words repeat across thousands of pairs
def cologne_phonetic(word: str) -> str:
    """Cologne phonetic code of one word or phrase; non-letters are ignored ("Müller-Lüdenscheidt" -> "65752682")."""
    letters = "".join(ch for ch in fold(word) if "a" <= ch <= "z")
    raw = "".join(_code(letters, index) for index in range(len(letters)))
    collapsed = "".join(digit for position, digit in enumerate(raw) if position == 0 or digit != raw[position - 1])
    return collapsed[:1] + collapsed[1:].replace("0", "")


def organisation_key(name: str | None) -> str:
    """Order-free sound key of an organisation name: legal forms dropped, one code per word.

    "Willkommensinitiative Grünau e.V." and "Grünauer Wilkommensinitiative" share no key
    ("gruenauer" sounds different), but "Grünau Wilkommensinitiative" does: word order,
    legal form, umlaut spelling and doubled letters do not matter.
    """
    codes = {cologne_phonetic(token) for token in normalise_organisation(name).split()}
    return " ".join(sorted(code for code in codes if code))
