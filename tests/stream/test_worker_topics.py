"""A worker on a cluster where nothing exists yet: it creates every topic it reads before it subscribes,
says when it is ready, and names what is missing when it is not.

The regression behind it: the worker subscribed to its area stream before the stream existed, noticed
it only at the consumer's next metadata refresh five minutes later, and derived nothing until then.
"""

from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest

from hub.broker.ports import free_port_pair
from hub.settings import Settings
from hub.stream.app import create_worker_app, worker_topic_names
from hub.stream.readiness import ReadinessWatch, WorkerNotSubscribed
from hub.topics.admin import apply_topics, describe_topics
from hub.topics.spec import TopicSpec, hub_topics
from schemas import Coverage, Match
from tests.builders import need, offer
from tests.support import (
    HubProcess,
    delete_topics_with_prefix,
    hub_environment,
    produce_models,
    read_models,
    wait_until,
)


def test_every_topic_the_worker_reads_is_in_the_topic_spec():
    settings = Settings(topic_prefix="spec-check")
    app = create_worker_app(settings)
    in_spec = {spec.name(settings.topic_prefix) for spec in hub_topics(settings.worker.partitions)}
    assert worker_topic_names(app) <= in_spec
    # the area stream and every table's changelog, not only the canonical topics
    assert "spec-check.worker.by-area" in worker_topic_names(app)
    assert sum(name.endswith("-changelog") for name in worker_topic_names(app)) == len(app.tables)


@pytest.mark.kafka
async def test_a_worker_started_first_on_an_empty_cluster_derives_within_30_s(kafka, tmp_path):
    settings = Settings(bootstrap_servers=kafka.bootstrap_servers, topic_prefix=f"fresh{uuid.uuid4().hex[:8]}",
                        home=tmp_path)
    port = free_port_pair()
    worker = HubProcess(["worker", "--metrics-port", str(port)], hub_environment(settings),
                        tmp_path / "worker.log").start()
    try:
        async def ready():
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2)
            except httpx.TransportError:
                return None
            return answer.status_code == 200 and answer.json()

        # generous for the start itself (a Python process, a group join, six partitions per table)
        await wait_until(ready, 120, "/readyz to say ready", processes=[worker])
        everything = [spec.name(settings.topic_prefix) for spec in hub_topics(settings.worker.partitions)]
        assert set(await describe_topics(settings.bootstrap_servers, everything)) == set(everything)

        the_need, the_offer = need("fresh-need"), offer("fresh-offer")
        await produce_models(settings, [the_need, the_offer])

        async def derived():
            coverage = [m for m in await read_models(settings, "coverage") if isinstance(m, Coverage)]
            matches = [m for m in await read_models(settings, "matches") if isinstance(m, Match)]
            return coverage and matches

        await wait_until(derived, 30, "coverage and a match within 30 s", processes=[worker])
        async def lag_reported():
            metrics = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
            return 'koordinate_consumer_lag{partition="' in metrics and metrics

        metrics = await wait_until(lag_reported, 30, "the worker's consumer lag on /metrics")
        assert "koordinate_worker_ready 1.0" in metrics
        assert "koordinate_worker_missing_topics 0.0" in metrics
    finally:
        worker.stop()
        await delete_topics_with_prefix(settings.bootstrap_servers, settings.topic_prefix)


@pytest.mark.kafka
async def test_a_worker_that_gives_up_subscribing_exits_with_code_1_and_says_why(kafka, tmp_path):
    settings = Settings(bootstrap_servers=kafka.bootstrap_servers, topic_prefix=f"quit{uuid.uuid4().hex[:8]}",
                        home=tmp_path)
    # no group join is that fast: the watch gives up at its first look
    worker = HubProcess(["worker"], hub_environment(settings, KOORDINATE_WORKER__SUBSCRIBE_TIMEOUT_S="0.01"),
                        tmp_path / "worker.log").start()
    try:
        code = await asyncio.to_thread(worker.process.wait, 120)
        assert code == 1, worker.log_tail()
        assert "worker.not_subscribed" in worker.log_file.read_text(errors="replace"), worker.log_tail()
    finally:
        worker.kill()
        await delete_topics_with_prefix(settings.bootstrap_servers, settings.topic_prefix)


@pytest.mark.kafka
async def test_the_readiness_watch_names_a_missing_topic_and_sees_it_once_created(kafka):
    prefix = f"ready{uuid.uuid4().hex[:8]}"
    spec = TopicSpec("late", "a topic created after the reader started", key="-", event_types=(), partitions=2)
    name = spec.name(prefix)
    watch = ReadinessWatch(kafka.bootstrap_servers, [name], assigned=lambda: True, rebalancing=lambda: False,
                           recovering=lambda: False, subscribe_timeout_s=60, on_timeout=_never)
    try:
        seen = await watch.look()
        assert not seen.ready and seen.missing_topics == (name,)
        assert name in seen.reason() and "koordinate topics apply" in seen.reason()

        await apply_topics(kafka.bootstrap_servers, prefix, specs=(spec,))
        seen = await watch.look()
        assert seen.ready and seen.reason() == "ready"
    finally:
        await delete_topics_with_prefix(kafka.bootstrap_servers, prefix)


@pytest.mark.kafka
async def test_a_worker_that_cannot_subscribe_in_time_gives_up_with_the_reason(kafka):
    name = f"never{uuid.uuid4().hex[:8]}.needs"
    given_up: list[BaseException] = []

    async def give_up(error: BaseException) -> None:
        given_up.append(error)

    watch = ReadinessWatch(kafka.bootstrap_servers, [name], assigned=lambda: False, rebalancing=lambda: False,
                           recovering=lambda: False, subscribe_timeout_s=0.5, on_timeout=give_up, interval_s=0.2)
    await watch.run()  # returns once it has given up
    assert len(given_up) == 1 and isinstance(given_up[0], WorkerNotSubscribed)
    assert name in str(given_up[0]) and "subscribe_timeout_s" in str(given_up[0])


async def _never(error: BaseException) -> None:
    raise AssertionError(f"the watch gave up: {error}")
