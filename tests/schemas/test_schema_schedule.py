"""Schedules: RRULE validation, DST-correct expansion, the expansion cap, overlaps."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import schemas.schedule as schedule_module
from schemas.schedule import _parts
from schemas import Interval, RecurringSlot, Schedule, Window, describe_validation_error, expand, overlaps, schedules_overlap


def weekly(day: str, hour: int, minutes: int = 120, extra: str = "") -> Schedule:
    return Schedule(rules=[RecurringSlot(rrule=f"FREQ=WEEKLY;BYDAY={day}{extra}",
                                         dtstart=datetime(2026, 1, 5 + "MO TU WE TH FR".split().index(day), hour),
                                         duration_minutes=minutes)])


def test_tuesday_session_stays_1800_local_across_spring_dst() -> None:
    sessions = expand(weekly("TU", 18), datetime(2026, 3, 20), datetime(2026, 4, 10))
    assert [s.start.isoformat() for s in sessions] == [
        "2026-03-24T18:00:00+01:00", "2026-03-31T18:00:00+02:00", "2026-04-07T18:00:00+02:00"]
    assert all(s.end - s.start == timedelta(hours=2) for s in sessions)


def test_autumn_dst_keeps_wall_clock() -> None:
    sessions = expand(weekly("TU", 18), datetime(2026, 10, 20), datetime(2026, 11, 4))
    assert [(s.start.hour, s.start.utcoffset()) for s in sessions] == [
        (18, timedelta(hours=2)), (18, timedelta(hours=1)), (18, timedelta(hours=1))]


def test_same_rule_and_instant_in_another_zone_keeps_that_zones_wall_clock() -> None:
    # RRULE parses are cached; the same rule starting at the same instant must still expand in the
    # schedule's own zone: 18:00 in Berlin on 6 Jan is 12:00 in New York, and in the weeks between
    # the two zones' DST changes the sessions are an hour apart in UTC
    berlin = weekly("TU", 18)
    new_york = Schedule(timezone="America/New_York", rules=berlin.rules)
    start, end = datetime(2026, 3, 15, tzinfo=timezone.utc), datetime(2026, 3, 21, tzinfo=timezone.utc)
    assert [s.start.isoformat() for s in expand(berlin, start, end)] == ["2026-03-17T18:00:00+01:00"]
    assert [s.start.isoformat() for s in expand(new_york, start, end)] == ["2026-03-17T12:00:00-04:00"]


def test_until_in_utc_and_in_local_time() -> None:
    utc = weekly("TU", 18, extra=";UNTIL=20260401T000000Z")
    local = weekly("TU", 18, extra=";UNTIL=20260401T000000")
    for schedule in (utc, local):
        assert len(expand(schedule, datetime(2026, 3, 1), datetime(2026, 6, 1))) == 5


def test_count_respected() -> None:
    schedule = weekly("TU", 18, extra=";COUNT=3")
    assert len(expand(schedule, datetime(2026, 1, 1), datetime(2027, 1, 1))) == 3


def test_endless_rule_capped_by_limit() -> None:
    daily = Schedule(rules=[RecurringSlot(rrule="FREQ=HOURLY", dtstart=datetime(2026, 1, 1), duration_minutes=30)])
    assert len(expand(daily, datetime(2026, 1, 1), datetime(2030, 1, 1), limit=50)) == 50
    assert len(expand(daily, datetime(2026, 1, 1), datetime(2030, 1, 1))) == 1000


def test_session_overlapping_range_start_included() -> None:
    sessions = expand(weekly("TU", 18), datetime(2026, 3, 24, 19), datetime(2026, 3, 25))
    assert len(sessions) == 1 and sessions[0].start.hour == 18


def test_windows_expand_and_must_be_ordered() -> None:
    schedule = Schedule(windows=[Window(start="2026-12-05T10:00", end="2026-12-05T14:00")])
    assert expand(schedule, datetime(2026, 12, 1), datetime(2026, 12, 31))[0].start.utcoffset() == timedelta(hours=1)
    with pytest.raises(ValidationError) as info:
        Window(start="2026-12-05T10:00", end="2026-12-05T10:00")
    assert describe_validation_error(info.value)[0].path == "end"


@pytest.mark.parametrize(
    ("rule", "reason"),
    [("FREQ=WEEKLI;BYDAY=TU", "RFC 5545"), ("BYDAY=TU", "RFC 5545"), ("FREQ=MINUTELY", "FREQ must be"),
     ("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30", "never occur"),
     ("FREQ=WEEKLY\nEXDATE:20260101T000000", "one RRULE"), ("FREQ=WEEKLY;COUNT=2;UNTIL=20270101T000000Z", "RFC 5545")],
)
def test_bad_rrules_refused_with_reason(rule: str, reason: str) -> None:
    with pytest.raises(ValidationError) as info:
        RecurringSlot(rrule=rule, dtstart=datetime(2026, 1, 6, 18), duration_minutes=60)
    (problem,) = describe_validation_error(info.value)
    assert problem.path == "rrule" and reason in problem.reason


def test_rrule_prefix_accepted() -> None:
    RecurringSlot(rrule="RRULE:FREQ=WEEKLY;BYDAY=TU", dtstart=datetime(2026, 1, 6, 18), duration_minutes=60)


def test_unknown_timezone_refused() -> None:
    with pytest.raises(ValidationError):
        Schedule(timezone="Europe/Leipzig")


def test_overlap_of_two_weekly_sessions() -> None:
    a = weekly("TU", 18)                 # 18-20
    b = weekly("TU", 19, minutes=120)    # 19-21
    found = overlaps(a, b, datetime(2026, 3, 23), datetime(2026, 4, 2))
    assert [(i.start.isoformat(), i.end.isoformat()) for i in found] == [
        ("2026-03-24T19:00:00+01:00", "2026-03-24T20:00:00+01:00"),
        ("2026-03-31T19:00:00+02:00", "2026-03-31T20:00:00+02:00")]
    assert schedules_overlap(a, b, datetime(2026, 3, 23), datetime(2026, 4, 2))


def test_no_overlap_on_other_days_or_back_to_back() -> None:
    assert not schedules_overlap(weekly("TU", 18), weekly("WE", 18), datetime(2026, 3, 1), datetime(2026, 5, 1))
    assert not schedules_overlap(weekly("TU", 18), weekly("TU", 20), datetime(2026, 3, 1), datetime(2026, 5, 1))


def test_overlap_clipped_to_range_and_aware_bounds() -> None:
    start = datetime(2026, 3, 24, 18, 30, tzinfo=timezone(timedelta(hours=1)))
    found = overlaps(weekly("TU", 18), weekly("TU", 18), start, datetime(2026, 3, 25))
    assert found == [Interval(start, datetime(2026, 3, 24, 19, tzinfo=timezone.utc))]


_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


@given(
    freq=st.sampled_from(["WEEKLY", "DAILY"]),
    days=st.lists(st.sampled_from(_DAYS), min_size=0, max_size=3, unique=True),
    interval=st.integers(1, 3),
    until_days=st.one_of(st.none(), st.integers(1, 4000)),
    first=st.datetimes(datetime(2014, 1, 1), datetime(2026, 12, 31)),
    offset_days=st.integers(-30, 4000),
    span_days=st.integers(1, 60),
    zone=st.sampled_from(["Europe/Berlin", "Europe/London", "America/New_York"]),
)
@settings(max_examples=300, deadline=None)
def test_expanding_from_a_moved_first_start_finds_every_session_the_rule_as_given_has(
        freq: str, days: list[str], interval: int, until_days: int | None, first: datetime, offset_days: int,
        span_days: int, zone: str) -> None:
    # The first start of a weekly or daily rule is moved forward to the range before expanding (old
    # groups cost one step per week since they began); the sessions must be those of the rule as given,
    # expanded from its own first start. (Compared with expand itself, not with a second reading of
    # dateutil: at the hours clocks change, same-zone and cross-zone comparisons of aware times differ
    # in Python, and such an oracle disagreed with both about sessions that start in a repeated hour.)
    first = first.replace(second=0, microsecond=0)
    rule = f"FREQ={freq};INTERVAL={interval}" + (f";BYDAY={','.join(days)}" if days else "")
    if until_days is not None:
        rule += f";UNTIL={(first + timedelta(days=until_days)).strftime('%Y%m%dT%H%M%SZ')}"
    schedule = Schedule(rules=[RecurringSlot(rrule=rule, dtstart=first, duration_minutes=90)], timezone=zone)
    start = first + timedelta(days=offset_days)
    end = start + timedelta(days=span_days)
    moved = expand(schedule, start, end)
    with patch.object(schedule_module, "_start_near", lambda rule, lower: _parts(rule)._dtstart):
        as_given = expand(schedule, start, end)
    assert moved == as_given
    assert len(as_given) == len({session.start for session in as_given})


def test_the_moved_first_start_keeps_a_group_that_began_years_ago_on_its_weekday_and_hour():
    slot = RecurringSlot(rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", dtstart=datetime(2017, 1, 3, 18), duration_minutes=90)
    sessions = expand(Schedule(rules=[slot]), datetime(2026, 3, 1), datetime(2026, 3, 31))
    # every other Tuesday counted from 3 January 2017 (3 March 2026 is 478 weeks on): the 3rd and the
    # 17th at 18:00 Berlin, not the 10th and the 24th
    assert [s.start for s in sessions] == [datetime(2026, 3, d, 18, tzinfo=timezone(timedelta(hours=1))) for d in (3, 17)]