"""The worker's consumer group as the broker sees it: its members, and how far it has committed."""

from __future__ import annotations

from hub.kafka.cluster import admin_client
from hub.kafka.reader import end_offsets
from hub.settings import Settings


async def lagging(settings: Settings) -> dict[str, tuple[int | None, int]]:
    """Input and area-stream partitions the worker group has not committed to their end: (committed, end)."""
    topics = [settings.topic_name(s) for s in ("needs", "offers", "status", "reviews")]
    topics.append(f"{settings.topic_prefix}.worker.by-area")
    async with admin_client(settings.bootstrap_servers) as admin:
        committed = await admin.list_consumer_group_offsets(f"{settings.topic_prefix}-worker")
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
    group = f"{settings.topic_prefix}-worker"
    async with admin_client(settings.bootstrap_servers) as admin:
        [response] = await admin.describe_consumer_groups([group])
    [(error_code, _group, state, _protocol_type, _protocol, members, *_rest)] = response.groups
    return len(members) if error_code == 0 and state == "Stable" else 0
