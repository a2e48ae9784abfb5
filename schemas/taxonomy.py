"""The versioned category taxonomy: codes, German/English labels and synonyms, professional-only flags.

The data lives in ``taxonomy.json`` beside this module so non-programmers can review it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.resources import files


@dataclass(frozen=True)
class Category:
    """One category of the taxonomy; ``code`` is stable across versions, labels may be reworded."""

    code: str
    group: str
    label_de: str
    label_en: str
    professional_only: bool
    synonyms_de: tuple[str, ...]
    synonyms_en: tuple[str, ...]


@dataclass(frozen=True)
class _Taxonomy:
    version: str
    categories: dict[str, Category]
    # normalised synonym (labels and code included) -> code
    phrases: dict[str, str]


def normalise(text: str) -> str:
    """Lower case, umlauts and ß spelled out, accents and punctuation dropped, spaces collapsed."""
    text = text.lower()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, spelled)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return text.strip()


@cache
def _load() -> _Taxonomy:
    raw = json.loads(files("schemas").joinpath("taxonomy.json").read_text(encoding="utf-8"))
    categories: dict[str, Category] = {}
    phrases: dict[str, str] = {}
    for entry in raw["categories"]:
        cat = Category(
            code=entry["code"],
            group=entry["group"],
            label_de=entry["label_de"],
            label_en=entry["label_en"],
            professional_only=entry["professional_only"],
            synonyms_de=tuple(entry["synonyms_de"]),
            synonyms_en=tuple(entry["synonyms_en"]),
        )
        categories[cat.code] = cat
        for phrase in (cat.code, cat.label_de, cat.label_en, *cat.synonyms_de, *cat.synonyms_en):
            key = normalise(phrase)
            owner = phrases.setdefault(key, cat.code)
            # a phrase owned by two categories would make mapping depend on file order
            if owner != cat.code:
                raise ValueError(f"taxonomy phrase {phrase!r} belongs to {owner} and {cat.code}")
    return _Taxonomy(raw["version"], categories, phrases)


def taxonomy_version() -> str:
    """The version of the taxonomy data, e.g. ``"2026.1"``."""
    return _load().version


TAXONOMY_VERSION: str = taxonomy_version()


def category(code: str) -> Category:
    """The category with this code; ``KeyError`` naming the known codes when there is none."""
    try:
        return _load().categories[code]
    except KeyError:
        raise KeyError(f"unknown category {code!r}; known: {', '.join(category_codes())}") from None


def all_categories() -> list[Category]:
    """Every category, in taxonomy order."""
    return list(_load().categories.values())


def category_codes() -> list[str]:
    """Every category code, in taxonomy order."""
    return list(_load().categories)


def is_professional_only(code: str) -> bool:
    """Whether the category is paid professional work (never matched to volunteer offers)."""
    return category(code).professional_only


def map_free_text(text: str) -> str | None:
    """The category code a source's free text names, or ``None``.

    First the whole text against every code, label and synonym; then the synonyms found as whole
    words inside the text. Exactly one category must be named: two or none give ``None``, because
    a wrong category routes a need to the wrong people while ``None`` sends it to a human.
    """
    tax = _load()
    norm = normalise(text)
    if not norm:
        return None
    if norm in tax.phrases:
        return tax.phrases[norm]
    padded = f" {norm} "
    found = {code for phrase, code in tax.phrases.items() if f" {phrase} " in padded}
    return found.pop() if len(found) == 1 else None
