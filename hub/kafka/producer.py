"""The one producer every hub process writes with: acks=all, idempotent, errors in the hub's tree."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from types import TracebackType

from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaConnectionError, KafkaError, KafkaTimeoutError
from aiokafka.structs import RecordMetadata

from hub.errors import BrokerUnavailable, PermanentError

Headers = Sequence[tuple[str, bytes]]


class EventProducer:
    """Sends records and returns only after the broker acknowledged them (acks=all).

    Idempotence keeps a retried send from writing a record twice within one producer session;
    across restarts, deterministic event ids let consumers drop what they have already applied.
    """

    def __init__(self, bootstrap_servers: str, *, client_id: str = "koordinate", request_timeout_s: float = 30.0,
                 linger_ms: int = 5) -> None:
        self._producer = AIOKafkaProducer(
            bootstrap_servers=bootstrap_servers, client_id=client_id, acks="all",
            enable_idempotence=True, linger_ms=linger_ms, request_timeout_ms=int(request_timeout_s * 1000),
            compression_type=None,
        )
        self._bootstrap_servers = bootstrap_servers
        # aiokafka keeps retrying a record while the broker is down and never fails its future; the
        # callers (the gateway answering 503, connectors backing off) need an answer in bounded time
        self._delivery_timeout_s = request_timeout_s

    async def start(self) -> None:
        try:
            await self._producer.start()
        except (KafkaConnectionError, KafkaError, OSError) as exc:
            await self._producer.stop()
            raise BrokerUnavailable(f"no Kafka broker answers at {self._bootstrap_servers}") from exc

    async def stop(self) -> None:
        await self._producer.stop()

    async def __aenter__(self) -> EventProducer:
        await self.start()
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.stop()

    async def send(self, topic: str, value: bytes | None, *, key: bytes | None = None,
                   headers: Headers = (), partition: int | None = None,
                   timestamp_ms: int | None = None) -> RecordMetadata:
        """Send one record and wait for the acknowledgement (`timestamp_ms`: the record's own time; by
        default the producer's clock)."""
        future = await self.enqueue(topic, value, key=key, headers=headers, partition=partition,
                                    timestamp_ms=timestamp_ms)
        return await self._acknowledged(future, topic, self._delivery_timeout_s)

    async def enqueue(self, topic: str, value: bytes | None, *, key: bytes | None = None,
                      headers: Headers = (), partition: int | None = None,
                      timestamp_ms: int | None = None) -> asyncio.Future[RecordMetadata]:
        """Put one record in the batch; await the returned future (or `flush`) for the acknowledgement."""
        try:
            return await self._producer.send(topic, value, key=key, headers=list(headers), partition=partition,
                                             timestamp_ms=timestamp_ms)
        except (KafkaConnectionError, KafkaTimeoutError) as exc:
            raise BrokerUnavailable(f"the broker did not take a record for {topic}: {exc}") from exc
        except KafkaError as exc:
            raise PermanentError(f"the broker refused a record for {topic}: {exc}") from exc

    async def acknowledgement(self, future: asyncio.Future[RecordMetadata], topic: str = "") -> RecordMetadata:
        """The acknowledgement of a record from `enqueue`; BrokerUnavailable after the delivery timeout."""
        return await self._acknowledged(future, topic, self._delivery_timeout_s)

    async def send_many(self, records: Sequence[tuple[str, bytes | None, bytes | None, Headers]]) -> list[RecordMetadata]:
        """Send (topic, key, value, headers) records as one batch and wait until all are acknowledged."""
        futures = [await self.enqueue(topic, value, key=key, headers=headers)
                   for topic, key, value, headers in records]
        deadline = asyncio.get_running_loop().time() + self._delivery_timeout_s
        return [await self._acknowledged(future, topic, deadline - asyncio.get_running_loop().time())
                for future, (topic, *_rest) in zip(futures, records)]

    @staticmethod
    async def _acknowledged(future: asyncio.Future[RecordMetadata], topic: str, timeout_s: float) -> RecordMetadata:
        try:
            # shielded: the record may still be delivered later; a re-send is harmless (idempotent ids)
            return await asyncio.wait_for(asyncio.shield(future), max(0.0, timeout_s))
        except asyncio.TimeoutError:
            raise BrokerUnavailable(f"no acknowledgement from the broker for {topic} "
                                    f"within {timeout_s:.0f} s") from None
        except (KafkaConnectionError, KafkaTimeoutError) as exc:
            raise BrokerUnavailable(f"no acknowledgement from the broker for {topic}: {exc}") from exc
        except KafkaError as exc:
            raise PermanentError(f"the broker refused a record for {topic}: {exc}") from exc
