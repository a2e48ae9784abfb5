"""Reads topics without a consumer group: assign, seek, catch up, then tail — the hub's one Kafka reader.

The read model, the entity directory (of the gateway and of the sinks) and the webhook sinks each keep
their own position (in their store, in memory, in `connect-offsets`), so none of them needs a consumer
group; they need the same four steps and one policy for topics that are not there yet. That policy: a missing topic is
logged once by name and looked for again every `recheck_s`; once it exists, its partitions are
joined from their beginning, so a topic created after the reader started is read within seconds,
not at the client's next metadata refresh (five minutes by default).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from typing import Literal

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.errors import KafkaError
from aiokafka.structs import ConsumerRecord

from hub.errors import BrokerUnavailable, PermanentError
from hub.logs import get_logger

log = get_logger(__name__)

# Where a partition starts: an offset, EARLIEST (None) or LATEST.
LATEST: Literal["latest"] = "latest"
StartAt = Callable[[TopicPartition], "int | None | Literal['latest']"]
Batch = Mapping[TopicPartition, list[ConsumerRecord]]


def from_beginning(_: TopicPartition) -> None:
    return None


class TopicReader:
    """One consumer over `topics`; every partition assigned to it, none shared with a group."""

    def __init__(self, bootstrap_servers: str, topics: Iterable[str], *, start_at: StartAt = from_beginning,
                 missing: Literal["wait", "fail"] = "wait", recheck_s: float = 1.0, client: str = "reader",
                 **consumer_options: object) -> None:
        self._bootstrap = bootstrap_servers
        self._wanted = tuple(dict.fromkeys(topics))
        self._start_at = start_at
        self._missing_policy = missing
        self._recheck_s = recheck_s
        self._client = client
        self._consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap_servers, enable_auto_commit=False,
                                          auto_offset_reset="earliest", **consumer_options)
        self._partitions: list[TopicPartition] = []
        self.missing_topics: tuple[str, ...] = self._wanted
        self._next_look = 0.0
        self._looked = False

    @property
    def partitions(self) -> list[TopicPartition]:
        """The partitions read now (those of the topics that exist)."""
        return list(self._partitions)

    async def start(self) -> None:
        """Connect and assign the partitions of the topics that exist; BrokerUnavailable if Kafka does not answer."""
        try:
            await self._consumer.start()
        except (KafkaError, OSError) as exc:
            await self._consumer.stop()
            raise BrokerUnavailable(f"the {self._client} cannot reach Kafka at {self._bootstrap}: {exc}") from exc
        await self._join_new_topics()

    async def stop(self) -> None:
        await self._consumer.stop()

    async def fetch(self, timeout_ms: int, max_records: int | None = None,
                    partitions: Iterable[TopicPartition] = ()) -> Batch:
        """The next records (of `partitions`, or of all); joins topics that appeared since the last look."""
        await self.look_for_missing_topics()
        if not self._partitions:
            return {}
        return await self._consumer.getmany(*partitions, timeout_ms=timeout_ms, max_records=max_records)

    async def end_offsets(self) -> dict[TopicPartition, int]:
        return await self._consumer.end_offsets(self._partitions) if self._partitions else {}

    async def position(self, tp: TopicPartition) -> int:
        return await self._consumer.position(tp)

    async def behind(self, ends: Mapping[TopicPartition, int]) -> set[TopicPartition]:
        """The partitions whose position has not reached `ends` yet."""
        return {tp for tp, end in ends.items() if await self._consumer.position(tp) < end}

    async def catch_up(self, apply: Callable[[Batch], None], timeout_ms: int = 500) -> int:
        """Read up to the end offsets as of now, handing each batch to `apply`; the number of records read."""
        await self.look_for_missing_topics()
        ends = await self.end_offsets()
        behind = await self.behind(ends)
        taken = 0
        while behind:
            batch = await self._consumer.getmany(*behind, timeout_ms=timeout_ms)
            clipped = {tp: [r for r in records if r.offset < ends[tp]] for tp, records in batch.items()}
            apply(clipped)
            taken += sum(len(records) for records in clipped.values())
            behind = {tp for tp in behind if await self._consumer.position(tp) < ends[tp]}
        return taken

    def highwaters(self) -> dict[TopicPartition, int]:
        """The last known end of each partition (0 for partitions not fetched from yet)."""
        return {tp: self._consumer.highwater(tp) or 0 for tp in self._partitions}

    async def lag(self) -> dict[TopicPartition, int]:
        """Records behind the last known end of each partition (partitions not fetched from yet are left out)."""
        lag = {}
        for tp in self._partitions:
            highwater = self._consumer.highwater(tp)
            if highwater is not None:
                lag[tp] = max(0, highwater - await self._consumer.position(tp))
        return lag

    async def look_for_missing_topics(self) -> None:
        """Join the topics that were missing and exist now (at most one look per `recheck_s`)."""
        if self.missing_topics and time.monotonic() >= self._next_look:
            await self._join_new_topics()

    async def _join_new_topics(self) -> None:
        self._next_look = time.monotonic() + self._recheck_s
        try:
            # the client's own metadata covers only the topics it reads already, and learns of others at
            # its next refresh: ask the cluster for all of them
            cluster = await self._consumer._client.fetch_all_metadata()
        except KafkaError as exc:
            log.warning("kafka.metadata_unavailable", client=self._client, error=str(exc))
            return
        found = [t for t in self.missing_topics if cluster.partitions_for_topic(t)]
        still_missing = tuple(t for t in self.missing_topics if t not in found)
        if still_missing and self._missing_policy == "fail":
            raise PermanentError(f"topic {still_missing[0]} does not exist; create it with `koordinate topics apply`")
        first_look, self._looked = not self._looked, True
        if first_look:  # one line per missing topic, not one per look
            for topic in still_missing:
                log.warning("kafka.topic_missing", client=self._client, topic=topic,
                            hint="read as soon as it exists; create it with `koordinate topics apply`")
        self.missing_topics = still_missing
        if not found:
            return
        joined = [TopicPartition(t, p) for t in found for p in sorted(cluster.partitions_for_topic(t) or ())]
        # assign() replaces the assignment and forgets positions: the partitions read so far keep theirs
        kept = {tp: await self._consumer.position(tp) for tp in self._partitions}
        self._partitions += joined
        self._consumer.assign(self._partitions)
        for tp, offset in kept.items():
            self._consumer.seek(tp, offset)
        for tp in joined:
            # a topic that appeared after the start holds only records nobody has read: all of them
            start = self._start_at(tp) if first_look else None
            if start is None:
                await self._consumer.seek_to_beginning(tp)
            elif start == LATEST:
                await self._consumer.seek_to_end(tp)
            else:
                self._consumer.seek(tp, start)
        if not first_look:
            log.info("kafka.topics_joined", client=self._client, topics=found)
