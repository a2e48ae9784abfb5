"""A worker restarted after a crash gets partitions at once (Kafka's static membership).

Without it the group knows a member only by its process: the killed worker stays a member until its
session times out, and its replacement gets no partition before that. With it the replacement, known
by the same host and worker name, takes the killed member's place when it joins.
"""

from __future__ import annotations

import pytest

from hub.settings import Settings
from hub.stream.app import group_instance_id
from schemas import EntityState
from tests.builders import offer
from tests.support import produce_models, read_models, wait_until

pytestmark = pytest.mark.kafka
# the longest session the worker allows; a replacement that had to wait it out would miss the wait below
LONG_SESSION = {"KOORDINATE_WORKER__SESSION_TIMEOUT_S": "90", "KOORDINATE_WORKER__TICK_INTERVAL_S": "3600"}


def _state_of(settings: Settings, entity_id: str):
    async def seen() -> bool:
        return any(isinstance(m, EntityState) and m.entity_id == entity_id for m in await read_models(settings, "state"))
    return seen


async def test_a_worker_restarted_after_a_kill_takes_its_partitions_back_before_its_session_times_out(
        hub_settings, start_worker):
    first = start_worker(**LONG_SESSION)
    before = offer("static-before")
    await produce_models(hub_settings, [before])
    await wait_until(_state_of(hub_settings, before.id), 120, lambda: f"the first worker's state event\n{first.log_tail()}",
                     processes=[first])
    first.kill()

    replacement = start_worker(**LONG_SESSION)  # same name on the same host: the same member of the group
    after = offer("static-after")
    await produce_models(hub_settings, [after])
    await wait_until(_state_of(hub_settings, after.id), 70,
                     "the replacement's state event before the killed worker's 90 s session ran out",
                     processes=[replacement])


def test_the_member_name_is_unique_per_host_and_worker_and_can_be_turned_off():
    settings = Settings()
    one = settings.model_copy(update={"worker": settings.worker.model_copy(update={"name": "worker-1"})})
    two = settings.model_copy(update={"worker": settings.worker.model_copy(update={"name": "worker-2"})})
    assert group_instance_id(one) != group_instance_id(two)
    assert group_instance_id(one) == group_instance_id(one.model_copy())  # the same after a restart
    off = one.model_copy(update={"worker": one.worker.model_copy(update={"static_membership": False})})
    assert group_instance_id(off) is None
