"""When the worker's batch window grows: events arriving fast (a backlog), not events that queued up."""

from __future__ import annotations

import pytest

from hub.stream._faust import reading_backlog

WINDOW_S = 0.01
BUSY = 8  # events per window: 800 a second


@pytest.mark.parametrize(("buffered", "arriving_for_s", "expected"), [
    (7, 0.01, False),     # fewer than one busy window's worth, however fast
    (8, 0.01, True),      # a busy window's worth within the window
    (8, 0.002, True),     # waiting records drained at once count over one window, not as 4,000 a second
    (27, 0.11, False),    # 250 events/s: what queued during a batch of 100 ms and the window after it
    (60, 0.07, True),     # 860 events/s over a batch of 60 ms and its window
    (500, 0.61, True),    # a full batch's worth after a batch of 600 ms
    (300, 0.61, False),   # 490 events/s: not faster than the worker's own pace, no longer window
])
def test_a_window_is_extended_only_for_events_arriving_faster_than_busy_per_window(
        buffered: int, arriving_for_s: float, expected: bool) -> None:
    assert reading_backlog(buffered, arriving_for_s, BUSY, WINDOW_S) is expected


def test_without_a_window_any_busy_buffer_is_a_backlog() -> None:
    assert reading_backlog(8, 5.0, BUSY, 0.0)
    assert not reading_backlog(7, 0.0, BUSY, 0.0)
