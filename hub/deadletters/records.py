"""Dead-letter records as operators look at them: context, payload, filters and a count by reason.

Every writer (the stream worker, the connect runtime, the webhook sinks) writes one type,
`hub.deadletters.letter.DeadLetter`, whose headers follow Kafka Connect's convention: a worker's letter
names the consumed record's topic, partition and offset and keeps its CloudEvents headers; a connector's
names its source position, with the origin topic empty before normalising and the payload a raw source row.
"""

from __future__ import annotations

import base64
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from aiokafka.structs import ConsumerRecord

from hub.deadletters.letter import is_dead_letter_header, read_dead_letter_headers
from hub.errors import MisuseError
from hub.kafka.reader import read_topic

_CE_REQUIRED = ("ce_specversion", "ce_id", "ce_type", "ce_source")


@dataclass(frozen=True)
class DeadLetterRecord:
    """One record of the dead-letter topic: where it sits, why it failed, and what it carried."""

    partition: int
    offset: int
    timestamp: datetime
    key: bytes | None
    payload: bytes
    context: dict[str, str]
    original_headers: tuple[tuple[str, bytes], ...]

    @classmethod
    def from_record(cls, record: ConsumerRecord) -> DeadLetterRecord:
        headers = [(name, value or b"") for name, value in record.headers or ()]
        original = tuple((n, v) for n, v in headers if not is_dead_letter_header(n))
        return cls(record.partition, record.offset, datetime.fromtimestamp(record.timestamp / 1000, UTC),
                   record.key, record.value or b"", read_dead_letter_headers(headers), original)

    @property
    def position(self) -> str:
        return f"{self.partition}:{self.offset}"

    @property
    def stage(self) -> str:
        return self.context.get("stage", "?")

    @property
    def exception_class(self) -> str:
        return self.context.get("exception.class.name", "?")

    @property
    def reason(self) -> str:
        return self.context.get("exception.message", "")

    @property
    def reason_key(self) -> str:
        """`<stage>/<exception class>`: few distinct values, the same grouping as the read model's counts."""
        return f"{self.stage}/{self.exception_class}"

    @property
    def connector(self) -> str:
        return self.context.get("connector.name", "?")

    @property
    def origin_topic(self) -> str | None:
        return self.context.get("topic") or None

    @property
    def is_cloud_event(self) -> bool:
        """Whether the payload travelled as a Kafka binary-mode CloudEvent (so it can go back to a topic)."""
        names = {name.lower() for name, _ in self.original_headers}
        return all(required in names for required in _CE_REQUIRED)

    def header(self, name: str) -> str | None:
        for header_name, value in self.original_headers:
            if header_name.lower() == name:
                return value.decode("utf-8", "replace")
        return None


@dataclass(frozen=True)
class Selection:
    """Which dead letters a command looks at: explicit positions and/or filters (all must match)."""

    positions: frozenset[tuple[int | None, int]] = frozenset()
    stage: str | None = None
    connector: str | None = None
    since: datetime | None = None
    reason: str | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.positions or self.stage or self.connector or self.since or self.reason)

    def matches(self, letter: DeadLetterRecord) -> bool:
        if self.positions and (letter.partition, letter.offset) not in self.positions \
                and (None, letter.offset) not in self.positions:
            return False
        if self.stage and letter.stage.upper() != self.stage.upper():
            return False
        if self.connector and letter.connector != self.connector:
            return False
        if self.since and letter.timestamp < self.since:
            return False
        return not (self.reason and self.reason.lower() not in f"{letter.reason_key} {letter.reason}".lower())

    def apply(self, letters: Iterable[DeadLetterRecord]) -> list[DeadLetterRecord]:
        return [letter for letter in letters if self.matches(letter)]


def parse_position(text: str) -> tuple[int | None, int]:
    """`3:17` -> (3, 17); `17` -> (None, 17), any partition."""
    match = re.fullmatch(r"\s*(?:(\d+):)?(\d+)\s*", text)
    if not match:
        raise MisuseError(f"{text!r} is not an offset: use OFFSET or PARTITION:OFFSET, e.g. 17 or 0:17")
    partition, offset = match.groups()
    return (int(partition) if partition is not None else None, int(offset))


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_since(text: str, now: datetime | None = None) -> datetime:
    """`2h`, `30m`, `7d` back from now, or an ISO date/time (UTC unless it names its offset)."""
    relative = re.fullmatch(r"\s*(\d+)\s*([smhdw])\s*", text)
    if relative:
        return (now or datetime.now(UTC)) - timedelta(seconds=int(relative[1]) * _UNITS[relative[2]])
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise MisuseError(f"--since {text!r}: use a duration (30m, 2h, 7d) or an ISO date/time (2026-11-01T08:00)") \
            from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


async def read_dead_letters(bootstrap_servers: str, topic: str) -> list[DeadLetterRecord]:
    """Every record now on the dead-letter topic, in partition then offset order."""
    return [DeadLetterRecord.from_record(r) for r in await read_topic(bootstrap_servers, topic)]


def reason_counts(letters: Sequence[DeadLetterRecord]) -> list[tuple[str, int]]:
    """Dead letters per `<stage>/<exception class>`, most frequent first."""
    return sorted(Counter(letter.reason_key for letter in letters).items(), key=lambda item: (-item[1], item[0]))


@dataclass(frozen=True)
class RenderedPayload:
    kind: str  # json, text or base64
    text: str
    data: Any = field(default=None, compare=False)


def render_payload(payload: bytes) -> RenderedPayload:
    """Pretty JSON when the payload is JSON, the text when it is UTF-8 (a CSV row), base64 otherwise."""
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError:
        return RenderedPayload("base64", base64.b64encode(payload).decode())
    try:
        data = json.loads(text)
    except ValueError:
        return RenderedPayload("text", text)
    return RenderedPayload("json", json.dumps(data, indent=2, ensure_ascii=False), data)


def shorten(text: str, width: int) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= width else one_line[: width - 1] + "…"
