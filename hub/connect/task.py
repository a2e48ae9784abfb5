"""The source task: poll a connector, normalise, produce, and commit the position only after the acks.

One batch at a time: events and dead letters are sent (acks=all, idempotent) and acknowledged, then
the new position and counters are written to the offsets topic. A crash between the two re-sends the
batch on restart; the records keep their entity ids and revisions, so processors ignore the repeats.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from connectors import ConnectorMisuse, Event, RecordError, SourceConnector, SourceRecord, SourceUnavailable
from hub.connect.deadletter import PRODUCE, READ
from hub.connect.offsets import ConnectorState, Counters, OffsetStore
from hub.connect.outcome import Outcome as _Outcome
from hub.connect.outcome import failed_outcome, normalise_record, outcome_counters
from hub.errors import BrokerUnavailable, MisuseError, PermanentError, TransientError
from hub.kafka.producer import EventProducer
from hub.logs import get_logger
from hub.topics.spec import CONNECT_OFFSETS_SUFFIX, DEADLETTER_SUFFIX, topic, topic_of_event_type
from schemas import EventModel, Need, Offer, StatusUpdate, to_kafka

Outgoing = tuple[str, bytes | None, bytes | None, list[tuple[str, bytes]]]  # topic, key, value, headers


@dataclass(frozen=True)
class Topics:
    """Where a task writes: canonical topic per model, dead letters, offsets."""

    needs: str
    offers: str
    status: str
    deadletter: str
    offsets: str

    @classmethod
    def of(cls, prefix: str) -> Topics:
        """The names the topic spec gives these topics under a prefix."""
        def name(model: type[EventModel]) -> str:
            return topic_of_event_type(model.event_type).name(prefix)

        return cls(needs=name(Need), offers=name(Offer), status=name(StatusUpdate),
                   deadletter=topic(DEADLETTER_SUFFIX).name(prefix), offsets=topic(CONNECT_OFFSETS_SUFFIX).name(prefix))

    def for_event(self, event: Event) -> str:
        """The topic the topic spec names for the event's type."""
        by_suffix = {topic_of_event_type(model.event_type).suffix: name
                     for model, name in ((Need, self.needs), (Offer, self.offers), (StatusUpdate, self.status))}
        return by_suffix[topic_of_event_type(event.event_type).suffix]


class SourceTask:
    """Runs one connector: `poll_once` reads the source to its current end; `run` repeats on its interval."""

    def __init__(self, connector: SourceConnector[Any], producer: EventProducer, offsets: OffsetStore,
                 topics: Topics) -> None:
        self.connector, self.producer, self.offsets, self.topics = connector, producer, offsets, topics
        self.state = ConnectorState(connector.name, connector.config.kind)
        self.log = get_logger("hub.connect", connector=connector.name)

    async def start(self) -> None:
        """Resume from the last committed position (a fresh state when there is none)."""
        self.state = await self.offsets.load(self.connector.name) or self.state
        await asyncio.to_thread(self.connector.open)

    async def close(self) -> None:
        await asyncio.to_thread(self.connector.close)

    async def poll_once(self, stop: asyncio.Event | None = None) -> Counters:
        """Read everything after the position, batch by batch; the counters of this poll."""
        records = self.connector.poll(self.state.position)
        done = Counters()
        try:
            while not (stop and stop.is_set()):
                batch = await asyncio.to_thread(self._next_batch, records)
                if not batch:
                    break
                done += await self._deliver(batch)
        except RecordError as exc:  # the source's whole answer is refused (too large, redirected away)
            done += await self._dead_letter_poll(exc)
        except ConnectorMisuse as exc:
            raise MisuseError(f"connector {self.connector.name}: {exc}") from exc
        finally:
            await asyncio.to_thread(records.close)
        return done

    async def _dead_letter_poll(self, error: RecordError) -> Counters:
        """One dead letter for a poll that failed as a whole; the position stays, so the next poll tries again."""
        record = SourceRecord({"poll": self.connector.name}, {}, str(error).encode(), error=error)
        await self.producer.send_many(self._outgoing(self._failed(record, READ, error)))
        counters = Counters(read=1, dead_lettered=1)
        await self._commit(self.state.but(counters=self.state.counters + counters,
                                          last_error=_error_info(READ, error)))
        self.log.warning("poll refused, dead-lettered", error=str(error)[:200])
        return counters

    async def run(self, stop: asyncio.Event, once: bool = False) -> None:
        """Poll until `stop` is set (or once); transient trouble waits and retries, misuse stops the task."""
        failures = 0
        while not stop.is_set():
            try:
                counters = await self.poll_once(stop)
                self.log.info("polled", read=counters.read, produced=counters.produced,
                              dead_lettered=counters.dead_lettered, duplicate_keys=counters.duplicate_keys,
                              quality_notes=counters.quality_notes, lag=self.state.lag)
                wait, failures = self.connector.config.poll_interval_s, 0
            except (SourceUnavailable, BrokerUnavailable) as exc:
                failures += 1
                self.log.warning("source or broker unavailable, will retry", error=str(exc))
                if isinstance(exc, SourceUnavailable):
                    await self._commit(self.state.but(last_error=_error_info("READ", exc)))
                if once:
                    raise TransientError(f"connector {self.connector.name}: {exc}") from exc
                retry_after = getattr(exc, "retry_after", None)
                wait = retry_after if retry_after is not None else min(300.0, 2.0 ** failures)
            if once:
                return
            try:
                await asyncio.wait_for(stop.wait(), timeout=wait)
            except asyncio.TimeoutError:
                pass

    def _next_batch(self, records: Iterator[SourceRecord]) -> list[_Outcome]:
        # runs in a worker thread: reading and normalising may block or take CPU
        batch: list[_Outcome] = []
        for record in records:
            batch.append(self._normalise(record))
            if len(batch) >= self.connector.config.batch_size:
                break
        return batch

    def _normalise(self, record: SourceRecord) -> _Outcome:
        return normalise_record(self.connector, record)

    def _failed(self, record: SourceRecord, stage: str, error: BaseException, topic: str = "") -> _Outcome:
        return failed_outcome(self.connector, record, stage, error, topic)

    async def _deliver(self, batch: list[_Outcome]) -> Counters:
        try:
            await self.producer.send_many([out for o in batch for out in self._outgoing(o)])
        except PermanentError:
            # a record the broker refuses (e.g. too large): find it by sending one by one; repeats are harmless
            batch = [await self._send_alone(o) for o in batch]
        counters = outcome_counters(batch)
        failed = [o for o in batch if o.failure]
        last = failed[-1] if failed else None
        await self._commit(self.state.but(
            position=self.state.position.advanced(o.record for o in batch),
            counters=self.state.counters + counters, lag=batch[-1].record.remaining,
            last_error=_error_info(last.stage, last.error) if last and last.error else self.state.last_error,
        ))
        return counters

    def _outgoing(self, outcome: _Outcome) -> list[Outgoing]:
        if outcome.failure:
            f = outcome.failure
            return [(self.topics.deadletter, f.key, f.payload, f.headers())]
        out: list[Outgoing] = []
        for event in outcome.events:
            record = to_kafka(event)
            out.append((self.topics.for_event(event), record.key, record.value, record.headers))
        return out

    async def _send_alone(self, outcome: _Outcome) -> _Outcome:
        try:
            await self.producer.send_many(self._outgoing(outcome))
            return outcome
        except PermanentError as exc:
            if outcome.failure:
                raise  # the dead letter itself is refused: nowhere left to put it, stop loudly
            topic = self.topics.for_event(outcome.events[0])
            failed = self._failed(outcome.record, PRODUCE, exc, topic)
            await self.producer.send_many(self._outgoing(failed))
            return failed

    async def _commit(self, state: ConnectorState) -> None:
        await self.offsets.commit(state)
        self.state = state


def _error_info(stage: str, error: BaseException) -> dict[str, str]:
    return {"stage": stage, "class": type(error).__name__, "message": str(error)[:500],
            "at": datetime.now(timezone.utc).isoformat()}
