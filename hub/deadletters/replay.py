"""Re-sends dead-lettered CloudEvents to their original topic after a fix, at most once per dead letter.

Each re-sent record carries ``__koordinate.replayed.from=<partition>:<offset>`` (its place on the dead-letter
topic). Before sending, the target topics are read for that header: what is found there was replayed
before and is not sent again. Downstream needs no such memory: canonical events keep their deterministic
ids and revisions, so a record applied once is ignored the second time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from aiokafka.structs import RecordMetadata

from hub.deadletters.records import DeadLetterRecord, shorten
from hub.errors import PermanentError
from hub.kafka.producer import EventProducer
from hub.kafka.reader import read_topic
from schemas import EnvelopeError, from_kafka, to_model

REPLAYED_FROM = "__koordinate.replayed.from"
Action = Literal["send", "already", "skip"]


@dataclass(frozen=True)
class Decision:
    """What replay does with one dead letter, and why."""

    letter: DeadLetterRecord
    action: Action
    target: str | None = None
    note: str = ""


@dataclass
class ReplayReport:
    decisions: list[Decision]
    sent: list[tuple[Decision, RecordMetadata]] = field(default_factory=list)
    dry_run: bool = False

    def count(self, action: Action) -> int:
        return sum(1 for d in self.decisions if d.action == action)


def _not_a_cloud_event(letter: DeadLetterRecord) -> str:
    where = letter.context.get("source.position") or letter.context.get("offset") or "?"
    return (f"payload is not a CloudEvent (stage {letter.stage} of connector {letter.connector}, source position "
            f"{where}): it cannot go to a canonical topic; fix the connector's mapping and run the connector "
            "again (`koordinate connect run CONFIG`) so it reads that record anew")


def replay_key(letter: DeadLetterRecord) -> bytes | None:
    """The dead letter's key (the original record's), else the CloudEvent subject as `to_kafka` keys it."""
    if letter.key:
        return letter.key
    fallback = letter.header("ce_subject") or letter.header("ce_id")
    return fallback.encode() if fallback else None


def still_invalid(letter: DeadLetterRecord) -> str | None:
    """Why the payload would fail the contract again as this version of the hub reads it, or None."""
    try:
        to_model(from_kafka(letter.payload, list(letter.original_headers)))
    except EnvelopeError as exc:
        return str(exc)
    return None


def plan_replay(letters: Sequence[DeadLetterRecord], replayed: Mapping[str, str], prefix: str,
                existing_topics: set[str], *, force: bool = False) -> list[Decision]:
    """Decide per dead letter: send it, skip it (why), or leave it because it was replayed already (where)."""
    decisions = []
    for letter in letters:
        target = letter.origin_topic
        if not letter.is_cloud_event:
            decisions.append(Decision(letter, "skip", target, _not_a_cloud_event(letter)))
        elif target is None:
            decisions.append(Decision(letter, "skip", None, "no original topic recorded (__connect.errors.topic)"))
        elif not target.startswith(prefix + "."):
            decisions.append(Decision(letter, "skip", target, f"{target} is not a topic of this hub (prefix {prefix})"))
        elif target not in existing_topics:
            decisions.append(Decision(letter, "skip", target, f"topic {target} does not exist"))
        elif letter.position in replayed:
            decisions.append(Decision(letter, "already", target, f"replayed before: {replayed[letter.position]}"))
        elif not force and (problem := still_invalid(letter)):
            decisions.append(Decision(letter, "skip", target,
                                      f"still fails the contract: {shorten(problem, 160)} (fix it first, or --force)"))
        else:
            decisions.append(Decision(letter, "send", target))
    return decisions


async def replayed_positions(bootstrap_servers: str, topics: set[str]) -> tuple[dict[str, str], set[str]]:
    """Dead-letter positions already re-sent to these topics (position -> where), and which topics exist."""
    replayed: dict[str, str] = {}
    existing: set[str] = set()
    for topic in sorted(topics):
        try:
            records = await read_topic(bootstrap_servers, topic)
        except PermanentError:  # the topic does not exist: the plan says so per record
            continue
        existing.add(topic)
        for record in records:
            for name, value in record.headers or ():
                if name == REPLAYED_FROM and value:
                    replayed[value.decode()] = f"{topic} {record.partition}:{record.offset}"
    return replayed, existing


async def replay(bootstrap_servers: str, prefix: str, letters: Sequence[DeadLetterRecord], *,
                 dry_run: bool = False, force: bool = False) -> ReplayReport:
    """Plan the replay of `letters` and, unless `dry_run`, send what the plan says (acks=all, in order)."""
    targets = {letter.origin_topic for letter in letters
               if letter.is_cloud_event and letter.origin_topic and letter.origin_topic.startswith(prefix + ".")}
    replayed, existing = await replayed_positions(bootstrap_servers, targets)
    report = ReplayReport(plan_replay(letters, replayed, prefix, existing, force=force), dry_run=dry_run)
    to_send = [d for d in report.decisions if d.action == "send"]
    if dry_run or not to_send:
        return report
    async with EventProducer(bootstrap_servers, client_id="koordinate-deadletter-replay") as producer:
        acknowledged = await producer.send_many([
            (d.target, replay_key(d.letter), d.letter.payload,
             [*d.letter.original_headers, (REPLAYED_FROM, d.letter.position.encode())])
            for d in to_send
        ])
    report.sent = list(zip(to_send, acknowledged))
    return report
