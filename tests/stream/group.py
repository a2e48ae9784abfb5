"""The worker's consumer group as the broker sees it: its members, and how far it has committed."""

from __future__ import annotations

from typing import Any

from hub.kafka.cluster import COORDINATOR_NOT_READY, admin_client, stable_group_members
from hub.kafka.reader import end_offsets
from hub.settings import Settings
from hub.stream.app import INPUTS, area_stream_name


def _group(settings: Settings) -> str:
    return f"{settings.topic_prefix}-worker"  # the worker's faust app id, which faust uses as group id


async def committed_offsets(settings: Settings) -> dict[Any, Any]:
    """The worker group's committed offsets; none while the group's coordinator is still elected or
    loading (right after the broker starts, or while the group forms), which is 'not yet', not a failure."""
    try:
        async with admin_client(settings.bootstrap_servers) as admin:
            return dict(await admin.list_consumer_group_offsets(_group(settings)))
    except COORDINATOR_NOT_READY:
        return {}


async def lagging(settings: Settings) -> dict[str, tuple[int | None, int]]:
    """Input and area-stream partitions the worker group has not committed to their end: (committed, end)."""
    topics = [settings.topic_name(s) for s in INPUTS]
    topics.append(area_stream_name(settings))
    committed = await committed_offsets(settings)
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
    return await stable_group_members(settings.bootstrap_servers, _group(settings))
