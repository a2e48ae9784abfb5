"""RFC 5545 (section 3.3.10) rules an RRULE must keep, checked part by part.

dateutil parses more than the RFC allows (``FREQ=WEEKLY;BYWEEKNO=41``, ``COUNT`` with ``UNTIL``) and
then expands such a rule to dates nobody meant, or to none. These checks name the rule broken:
FREQ is required and known; COUNT and UNTIL exclude each other; BYWEEKNO only with YEARLY; BYYEARDAY
not with DAILY, WEEKLY or MONTHLY; BYMONTHDAY not with WEEKLY; BYDAY with an ordinal (``2MO``) only
with MONTHLY or YEARLY, and not with YEARLY plus BYWEEKNO; BYSETPOS only with another BYxxx part;
every value in its range; INTERVAL positive; no part twice.
"""

from __future__ import annotations

import re

from dateutil.rrule import rrulestr

_FREQS = ("SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_RANGES = {"BYSECOND": (0, 60, False), "BYMINUTE": (0, 59, False), "BYHOUR": (0, 23, False),
           "BYMONTHDAY": (1, 31, True), "BYYEARDAY": (1, 366, True), "BYWEEKNO": (1, 53, True),
           "BYMONTH": (1, 12, False), "BYSETPOS": (1, 366, True)}
_BYDAY = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")
_KNOWN = {"FREQ", "UNTIL", "COUNT", "INTERVAL", "BYDAY", "WKST", *_RANGES}


def rfc5545_problem(text: str) -> str | None:
    """Why an RRULE breaks RFC 5545, or None when it keeps every rule above (and dateutil reads it)."""
    body = text.strip().removeprefix("RRULE:")
    parts: dict[str, str] = {}
    for item in body.split(";"):
        name, _, value = item.partition("=")
        name = name.strip().upper()
        if not name or not value:
            return f"part {item!r} is not NAME=VALUE"
        if name in parts:
            return f"{name} is given twice"
        if name not in _KNOWN:
            return f"unknown part {name}"
        parts[name] = value.strip().upper()
    freq = parts.get("FREQ")
    if freq is None:
        return "FREQ is required"
    if freq not in _FREQS:
        return f"FREQ={freq} is not one of {', '.join(_FREQS)}"
    if "COUNT" in parts and "UNTIL" in parts:
        return "COUNT and UNTIL must not both be given"
    if "BYWEEKNO" in parts and freq != "YEARLY":
        return f"BYWEEKNO is only allowed with FREQ=YEARLY, not {freq}"
    if "BYYEARDAY" in parts and freq in ("DAILY", "WEEKLY", "MONTHLY"):
        return f"BYYEARDAY is not allowed with FREQ={freq}"
    if "BYMONTHDAY" in parts and freq == "WEEKLY":
        return "BYMONTHDAY is not allowed with FREQ=WEEKLY"
    if "BYSETPOS" in parts and not any(p.startswith("BY") and p != "BYSETPOS" for p in parts):
        return "BYSETPOS needs another BYxxx part"
    for name in ("COUNT", "INTERVAL"):
        if name in parts and (not parts[name].isdigit() or int(parts[name]) < 1):
            return f"{name} must be a positive integer"
    for name, (low, high, signed) in _RANGES.items():
        for value in parts.get(name, "").split(",") if name in parts else ():
            if not re.fullmatch(r"[+-]?\d+" if signed else r"\+?\d+", value) or not low <= abs(int(value)) <= high:
                return f"{name} value {value!r} is outside {'±' if signed else ''}{low}..{high}"
    for value in parts.get("BYDAY", "").split(",") if "BYDAY" in parts else ():
        match = _BYDAY.match(value)
        if not match:
            return f"BYDAY value {value!r} is not a weekday like MO or 2MO"
        if match.group(1):
            if freq not in ("MONTHLY", "YEARLY"):
                return f"BYDAY with an ordinal ({value}) is only allowed with MONTHLY or YEARLY"
            if freq == "YEARLY" and "BYWEEKNO" in parts:
                return f"BYDAY with an ordinal ({value}) is not allowed with BYWEEKNO"
            if not 1 <= abs(int(match.group(1))) <= 53:
                return f"BYDAY ordinal in {value!r} is outside ±1..53"
    try:
        rrulestr(body, ignoretz=True)
    except (ValueError, TypeError) as exc:
        return f"not readable ({exc})"
    return None
