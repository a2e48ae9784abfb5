"""The replay loop: tick to each event's time, hand it to the engine, collect what it derives."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO

from schemas import to_http_structured

from hub.engine import Derived, Engine, Outcome, Rejection
from hub.replay.reading import InputEvent


@dataclass
class ReplayResult:
    """Derived events in emission order, rejections by input line (0: a final timer), counts per disposition."""

    derived: list[Derived] = field(default_factory=list)
    rejections: list[tuple[int, Rejection]] = field(default_factory=list)
    dispositions: Counter[str] = field(default_factory=Counter)

    def derived_by_type(self) -> Counter[str]:
        return Counter(type(item).__name__ for item in self.derived)

    def _take(self, line: int, outcome: Outcome) -> None:
        self.derived.extend(outcome.derived)
        self.rejections.extend((line, rejection) for rejection in outcome.rejections)


def replay_events(
    events: Iterable[InputEvent],
    engine: Engine,
    now: datetime | None = None,
    on_event: Callable[[InputEvent], None] | None = None,
) -> ReplayResult:
    """Feed events (already in event-time order) to the engine; finally tick to `now` or the last event time."""
    result = ReplayResult()
    last: datetime | None = None
    for event in events:
        # timers due before this event happen before it, as they would have in real time
        result._take(event.line, engine.tick(event.time))
        outcome = engine.handle(event.model, event.time)
        result.dispositions[outcome.disposition] += 1
        result._take(event.line, outcome)
        last = event.time if last is None else max(last, event.time)
        if on_event is not None:
            on_event(event)
    final = now or last
    if final is not None:
        result._take(0, engine.tick(final))
    return result


def write_derived(derived: Iterable[Derived], out: IO[str]) -> int:
    """Write derived events as structured-mode CloudEvents, one per line; returns how many."""
    count = 0
    for item in derived:
        out.write(to_http_structured(item).body.decode("utf-8") + "\n")
        count += 1
    return count
