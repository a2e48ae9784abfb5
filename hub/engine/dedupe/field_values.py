"""FieldValues: a stored pair's value per field (its similarity or its weight), as a compact mapping.

A duplicate index keeps every pair it scored above the review threshold, and each pair keeps a value
per compared field twice (similarity and weight): about eleven entries each. As dicts that cost about
720 bytes a pair; here the field names are one tuple shared by every pair compared on the same fields,
and each pair keeps a tuple of its values.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

__all__ = ["FieldValues"]

# the field names of the pairs, one tuple per combination (a few dozen occur)
_NAMES: dict[tuple[str, ...], tuple[str, ...]] = {}


class FieldValues(Mapping[str, float]):
    """An immutable mapping field name -> value, in the order it was given."""

    __slots__ = ("_names", "_values")

    def __init__(self, values: Mapping[str, float]) -> None:
        names = tuple(values)
        self._names = _NAMES.get(names) or _NAMES.setdefault(names, names)
        self._values = tuple(values.values())

    @classmethod
    def of(cls, values: Mapping[str, float]) -> FieldValues:
        return values if type(values) is cls else cls(values)

    def __getitem__(self, name: str) -> float:
        try:
            return self._values[self._names.index(name)]
        except ValueError:
            raise KeyError(name) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __repr__(self) -> str:
        return repr(dict(self))

    def __eq__(self, other: Any) -> bool:
        return dict(self) == dict(other) if isinstance(other, Mapping) else NotImplemented
