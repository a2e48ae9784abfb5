"""The registry of activity kinds (from the vocabulary modules) and look-ups on it."""

from __future__ import annotations

from .activity_model import Activity
from .facts import has_mark
from .vocab_help import ACTIVITIES as _HELP
from .vocab_learning import ACTIVITIES as _LEARNING
from .vocab_leisure import ACTIVITIES as _LEISURE

ALL: tuple[Activity, ...] = tuple(_LEARNING + _HELP + _LEISURE)
BY_KEY: dict[str, Activity] = {a.key: a for a in ALL}
assert len(BY_KEY) == len(ALL), "activity keys must be unique"


def get(key: str) -> Activity:
    return BY_KEY[key]


def for_org_type(otype: str) -> list[Activity]:
    """Activities an organisation of this type runs, in vocabulary order (deterministic)."""
    return [a for a in ALL if otype in a.orgs]


def marked(names: tuple[str, ...], activity: Activity) -> tuple[str, ...]:
    """The names that carry one of the activity's marks (usable where the activity must be recognisable)."""
    return tuple(n for n in names if any(has_mark(n, m) for m in activity.marks))


def all_names(activity: Activity) -> tuple[str, ...]:
    return activity.de + activity.en + activity.easy + activity.abbr + activity.brand


def collides(a: Activity, b: Activity) -> bool:
    """Whether a name of one activity shows a mark of the other: such a pair cannot be told apart by
    title, so hard-negative families that rely on the title never combine them."""
    return any(has_mark(n, m) for n in all_names(a) + a.role for m in b.marks) or any(
        has_mark(n, m) for n in all_names(b) + b.role for m in a.marks)
