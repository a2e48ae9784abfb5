"""Runs source connectors from their config files against the hub's topics, and reads their status."""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from connectors import ConfigError, SourceConnector, load_connector
from hub.connect.offsets import ConnectorState, OffsetStore
from hub.connect.sink_runtime import run_sinks, split_sink_configs
from hub.connect.task import SourceTask, Topics
from hub.errors import MisuseError
from hub.kafka.cluster import admin_client
from hub.kafka.producer import EventProducer
from hub.settings import Settings


def topics_of(settings: Settings) -> Topics:
    return Topics.of(settings.topic_prefix)


def load_connectors(config_paths: Sequence[Path]) -> list[SourceConnector[Any]]:
    """The connectors of these config files; every problem of every file in one `MisuseError`."""
    connectors, problems = [], []
    for path in config_paths:
        try:
            connectors.append(load_connector(path))
        except ConfigError as exc:
            problems.append(str(exc))
    names = [c.name for c in connectors]
    problems += [f"connector name {n!r} is used by more than one config" for n in sorted({n for n in names if names.count(n) > 1})]
    if problems:
        raise MisuseError("; ".join(problems))
    return connectors


async def run_connectors(settings: Settings, config_paths: Sequence[Path], *, once: bool = False,
                         stop: asyncio.Event | None = None) -> dict[str, ConnectorState]:
    """Run every connector until stopped (SIGTERM/SIGINT or `stop`), or poll each once with `once`."""
    sink_paths, config_paths = split_sink_configs(config_paths)  # sinks (kind: webhook) run in hub.connect.sink_runtime
    connectors = load_connectors(config_paths)
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (RuntimeError, ValueError):  # not the main thread (tests, embedding): the caller stops us
            pass
    sinks = asyncio.ensure_future(run_sinks(settings, sink_paths, stop=stop, once=once))
    if not connectors:
        return dict(await sinks)
    topics = topics_of(settings)
    await _require_topics(settings, topics)
    async with EventProducer(settings.bootstrap_servers, client_id="koordinate-connect",
                             request_timeout_s=settings.request_timeout_s) as producer:
        offsets = OffsetStore(settings.bootstrap_servers, topics.offsets, producer)
        tasks = [SourceTask(c, producer, offsets, topics) for c in connectors]
        for task in tasks:
            await task.start()
        try:
            await asyncio.gather(*(task.run(stop, once=once) for task in tasks), sinks)
        finally:
            for task in tasks:
                await task.close()
    return {task.connector.name: task.state for task in tasks} | dict(sinks.result())


async def _require_topics(settings: Settings, topics: Topics) -> None:
    # a missing canonical topic is a setup problem; found late, every record would look refused
    wanted = {topics.needs, topics.offers, topics.status, topics.deadletter, topics.offsets}
    deadline = time.monotonic() + settings.request_timeout_s
    async with admin_client(settings.bootstrap_servers, settings.request_timeout_s) as admin:
        # topics applied a moment ago (`koordinate up`, tests) may take a moment to reach the metadata
        while missing := sorted(wanted - set(await admin.list_topics())):
            if time.monotonic() > deadline:
                break
            await asyncio.sleep(0.2)
    if missing:
        raise MisuseError(f"missing topics {', '.join(missing)}: create them with `koordinate topics apply`")


async def connector_states(settings: Settings) -> dict[str, ConnectorState]:
    """The latest committed state of every connector that ever ran against these topics."""
    return await OffsetStore(settings.bootstrap_servers, topics_of(settings).offsets).load_all()
