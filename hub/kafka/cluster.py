"""Checks that a Kafka cluster answers, translating aiokafka's errors into the hub's tree."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import (
    CoordinatorLoadInProgressError,
    GroupCoordinatorNotAvailableError,
    KafkaConnectionError,
    KafkaError,
    NotCoordinatorForGroupError,
)

from hub.errors import BrokerUnavailable


@asynccontextmanager
async def admin_client(bootstrap_servers: str, timeout_s: float = 10.0) -> AsyncIterator[AIOKafkaAdminClient]:
    """An admin client that is started and closed around the block; unreachable -> BrokerUnavailable."""
    client = AIOKafkaAdminClient(
        bootstrap_servers=bootstrap_servers, request_timeout_ms=int(timeout_s * 1000)
    )
    try:
        await asyncio.wait_for(client.start(), timeout=timeout_s)
    except (KafkaConnectionError, KafkaError, asyncio.TimeoutError, OSError) as exc:
        await client.close()
        raise BrokerUnavailable(
            f"no Kafka broker answers at {bootstrap_servers} (start one with `koordinate broker start`)"
        ) from exc
    try:
        yield client
    finally:
        await client.close()


@contextmanager
def _quiet_client_logs() -> Iterator[None]:
    # While probing, "connection refused" is the expected answer, not an error worth a log line.
    logger = logging.getLogger("aiokafka")
    previous = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(previous)


async def cluster_answers(bootstrap_servers: str, timeout_s: float = 2.0) -> bool:
    """True when the cluster answers a metadata request within the timeout."""
    with _quiet_client_logs():
        try:
            async with admin_client(bootstrap_servers, timeout_s) as admin:
                await asyncio.wait_for(admin.list_topics(), timeout=timeout_s)
            return True
        except (BrokerUnavailable, KafkaError, asyncio.TimeoutError, OSError):
            return False


async def wait_for_cluster(bootstrap_servers: str, timeout_s: float, still_worth_waiting=lambda: True) -> None:
    """Wait until the cluster answers; give up at the timeout or when `still_worth_waiting()` is false."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not still_worth_waiting():
            raise BrokerUnavailable(f"gave up waiting for {bootstrap_servers}")
        if await cluster_answers(bootstrap_servers, timeout_s=min(3.0, timeout_s)):
            return
        await asyncio.sleep(0.3)
    raise BrokerUnavailable(f"no Kafka broker answered at {bootstrap_servers} within {timeout_s:.0f} s")


# the group coordinator is still being elected or loaded: "not yet", not a failure
COORDINATOR_NOT_READY = (GroupCoordinatorNotAvailableError, NotCoordinatorForGroupError, CoordinatorLoadInProgressError)


async def stable_group_members(bootstrap_servers: str, group: str) -> int:
    """How many members a consumer group has once its rebalance is over; 0 while one is under way or
    while the group's coordinator is still elected or loaded (right after a broker starts)."""
    try:
        async with admin_client(bootstrap_servers) as admin:
            [response] = await admin.describe_consumer_groups([group])
    except COORDINATOR_NOT_READY:
        return 0
    [(error_code, _group_id, state, _protocol_type, _protocol, members, *_rest)] = response.groups
    return len(members) if error_code == 0 and state == "Stable" else 0
