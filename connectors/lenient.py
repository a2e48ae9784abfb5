"""Validation that drops a bad optional value instead of the record, and notes what it dropped.

Optional values a real export often gets wrong (a postcode "ABC 1234", a latitude of 100, a homepage in
the e-mail column, a phone number in quotes, a language code nobody knows, a schedule rule RFC 5545
forbids or that never occurs) are removed and described by a `schemas.quality.QualityNote` on the
record; a problem with any other field still fails the record with `RecordError`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from connectors.base import Event
from connectors.errors import Problem, RecordError
from connectors.rrule_check import rfc5545_problem
from schemas import describe_validation_error
from schemas.errors import FieldProblem

OPTIONAL_PATHS = re.compile(
    r"^(location\.(postcode|lat|lon)|contact\.(email|phone|url)|languages\[\d+\]|schedule\.rules\[\d+\])(\.|$)")
"""Paths whose bad value is dropped with a note; everything else is required or refused on purpose."""


def droppable(problem: FieldProblem) -> bool:
    # personal data is never "dropped": the guard's refusal stands
    return bool(OPTIONAL_PATHS.match(problem.path)) and "personal data" not in problem.reason


def validate_leniently(model: type[Event], data: dict[str, Any],
                       column_of: Callable[[str], str] = lambda path: "") -> Event:
    """The model of `data`; bad optional values dropped and noted in ``quality``; `RecordError` otherwise.

    `column_of` names the source column of a path (``" [column 'PLZ']"``) for notes and errors.
    """
    data = copy.deepcopy(data)
    notes: list[dict[str, str]] = list(data.pop("quality", None) or ())
    notes += _drop_rules_rfc5545_forbids(data)
    for _ in range(8):  # each round drops at least one value; a record has few optional ones
        try:
            return model.model_validate({**data, "quality": notes} if notes else data)
        except ValidationError as exc:
            problems = describe_validation_error(exc)
        hard = [p for p in problems if not droppable(p)]
        if hard:
            raise RecordError([Problem(p.path, p.reason + column_of(p.path), p.value_shown) for p in hard],
                              cause_class="pydantic_core.ValidationError") from None
        for problem in problems:
            dropped = _drop(data, problem.path)
            notes.append({"field": dropped, "code": "dropped_invalid",
                          "reason": (problem.reason + column_of(problem.path))[:500],
                          "value_shown": problem.value_shown[:80]})
        _compact(data)
        notes += _unpaired_coordinate(data)
    raise RecordError.single("", "too many invalid optional values")


def _unpaired_coordinate(data: dict[str, Any]) -> list[dict[str, str]]:
    # half a point places nothing: a latitude whose longitude was dropped goes too (and the reverse)
    location = data.get("location")
    if not isinstance(location, dict):
        return []
    present = [k for k in ("lat", "lon") if location.get(k) is not None]
    if len(present) != 1:
        return []
    value = location.pop(present[0])
    return [{"field": f"location.{present[0]}", "code": "dropped_invalid",
             "reason": "dropped with its partner coordinate, which was invalid or missing", "value_shown": str(value)[:80]}]


def _drop_rules_rfc5545_forbids(data: dict[str, Any]) -> list[dict[str, str]]:
    # dateutil expands some forbidden rules anyway (or to nothing): RFC 5545's own rules decide here
    schedule = data.get("schedule")
    if not isinstance(schedule, dict) or not isinstance(schedule.get("rules"), list):
        return []
    notes = []
    for index, rule in enumerate(schedule["rules"]):
        text = rule.get("rrule") if isinstance(rule, dict) else None
        if isinstance(text, str) and (problem := rfc5545_problem(text)):
            schedule["rules"][index] = None
            notes.append({"field": f"schedule.rules[{index}]", "code": "dropped_invalid",
                          "reason": f"RRULE breaks RFC 5545: {problem}"[:500], "value_shown": text[:80]})
    _compact(data)
    return notes


_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _drop(data: dict[str, Any], path: str) -> str:
    """Remove the value at the droppable part of `path` (a whole schedule rule, not its rrule); its path."""
    match = OPTIONAL_PATHS.match(path)
    target = match.group(1) if match else path
    steps: list[str | int] = [s if s else int(i) for s, i in _STEP.findall(target)]
    parent: Any = data
    for step in steps[:-1]:
        parent = parent[step]
    last = steps[-1]
    if isinstance(parent, list) and isinstance(last, int):
        parent[last] = None  # kept in place so the indexes of later problems stay right
    elif isinstance(parent, dict):
        parent.pop(last, None)
    return target


def _compact(data: dict[str, Any]) -> None:
    # dropped list items were left as None; an empty schedule is no schedule
    if isinstance(data.get("languages"), list):
        data["languages"] = [x for x in data["languages"] if x is not None]
    schedule = data.get("schedule")
    if isinstance(schedule, dict) and isinstance(schedule.get("rules"), list):
        schedule["rules"] = [r for r in schedule["rules"] if r is not None]
        if not schedule["rules"] and not schedule.get("windows"):
            data.pop("schedule")
