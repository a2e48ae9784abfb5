"""The worker's consumer group as the broker sees it: its members, and how far it has committed."""

from __future__ import annotations

from aiokafka.errors import (
    CoordinatorLoadInProgressError,
    GroupCoordinatorNotAvailableError,
    NotCoordinatorForGroupError,
)

from hub.kafka.cluster import admin_client
from hub.kafka.reader import end_offsets
from hub.settings import Settings
from hub.stream.app import INPUTS, area_stream_name


def _group(settings: Settings) -> str:
    return f"{settings.topic_prefix}-worker"  # the worker's faust app id, which faust uses as group id


async def lagging(settings: Settings) -> dict[str, tuple[int | None, int]]:
    """Input and area-stream partitions the worker group has not committed to their end: (committed, end)."""
    topics = [settings.topic_name(s) for s in INPUTS]
    topics.append(area_stream_name(settings))
    async with admin_client(settings.bootstrap_servers) as admin:
        committed = await admin.list_consumer_group_offsets(_group(settings))
    ends = await end_offsets(settings.bootstrap_servers, topics)
    assert len(ends) >= 4 * 6, f"expected every partition of {topics}, got {sorted(ends)}"
    behind = {}
    for tp, end in ends.items():
        done = committed[tp].offset if tp in committed else None
        if end and (done is None or done < end):
            behind[f"{tp.topic}[{tp.partition}]"] = (done, end)
    return behind


async def stable_members(settings: Settings) -> int:
    """How many members the worker group has once a rebalance is over (0 while one is under way)."""
    try:
        async with admin_client(settings.bootstrap_servers) as admin:
            [response] = await admin.describe_consumer_groups([_group(settings)])
    except (GroupCoordinatorNotAvailableError, NotCoordinatorForGroupError, CoordinatorLoadInProgressError):
        return 0  # the group's coordinator is still being elected or loaded: no stable group yet
    [(error_code, _group_id, state, _protocol_type, _protocol, members, *_rest)] = response.groups
    return len(members) if error_code == 0 and state == "Stable" else 0
