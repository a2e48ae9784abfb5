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
                   headers: Headers = (), partition: int | None = None) -> RecordMetadata:
        """Send one record and wait for the acknowledgement."""
        future = await self.enqueue(topic, value, key=key, headers=headers, partition=partition)
        return await self._acknowledged(future, topic)

    async def enqueue(self, topic: str, value: bytes | None, *, key: bytes | None = None,
                      headers: Headers = (), partition: int | None = None) -> asyncio.Future[RecordMetadata]:
        """Put one record in the batch; await the returned future (or `flush`) for the acknowledgement."""
        try:
            return await self._producer.send(topic, value, key=key, headers=list(headers), partition=partition)
        except (KafkaConnectionError, KafkaTimeoutError) as exc:
            raise BrokerUnavailable(f"the broker did not take a record for {topic}: {exc}") from exc
        except KafkaError as exc:
            raise PermanentError(f"the broker refused a record for {topic}: {exc}") from exc

    async def send_many(self, records: Sequence[tuple[str, bytes | None, bytes | None, Headers]]) -> list[RecordMetadata]:
        """Send (topic, key, value, headers) records as one batch and wait until all are acknowledged."""
        futures = [await self.enqueue(topic, value, key=key, headers=headers)
                   for topic, key, value, headers in records]
        return [await self._acknowledged(future, topic) for future, (topic, *_rest) in zip(futures, records)]

    @staticmethod
    async def _acknowledged(future: asyncio.Future[RecordMetadata], topic: str) -> RecordMetadata:
        try:
            return await future
        except (KafkaConnectionError, KafkaTimeoutError) as exc:
            raise BrokerUnavailable(f"no acknowledgement from the broker for {topic}: {exc}") from exc
        except KafkaError as exc:
            raise PermanentError(f"the broker refused a record for {topic}: {exc}") from exc
