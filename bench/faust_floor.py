"""The faust floor: the worker's two-stage topology with nothing in its stages.

The same faust app as `koordinate worker` (name, consumer, batching, acks=all producer, area stream),
but stage 1 forwards each record unread and stage 2 only acknowledges it: no decoding, no validation,
no engine, no tables. What this process spends per event is what faust, aiokafka and asyncio cost the
worker before it does any work of its own; the throughput benchmark runs it on the same backlog as
(d), so the hub's ratio can be split into the runtime's share and the hub's own.

With `KOORDINATE_FLOOR_STAGES=1` only stage 1 runs: each record is consumed once and forwarded once,
as a single-stage worker would consume it and write what it derives (docs/design-notes.md, "Not yet:
one consume per record"). That is the floor such a worker could reach.

Run as `python -m bench.faust_floor` with the worker's KOORDINATE_* environment (bench/harness.py).
"""

from __future__ import annotations

import os

import faust
import mode.loop

from hub.settings import Settings
from hub.stream.app import (
    BATCH_BACKLOG_WAIT_S,
    BATCH_BUSY,
    BATCH_SIZE,
    BATCH_WAIT_S,
    INPUTS,
    area_stream_name,
    worker_faust_app,
)
from hub.stream.sending import send_acknowledged


STAGES_VARIABLE = "KOORDINATE_FLOOR_STAGES"


def create_floor_app(settings: Settings, stages: int = 2) -> faust.App:
    app = worker_faust_app(settings)
    canonical = app.topic(*(settings.topic_name(s) for s in INPUTS), key_serializer="raw", value_serializer="raw")
    by_area = app.topic(area_stream_name(settings), partitions=settings.worker.partitions, internal=True,
                        key_serializer="raw", value_serializer="raw")

    @app.agent(canonical, name="route-by-area")
    async def forward(stream: faust.StreamT) -> None:
        # faust creates an internal topic for the agent that reads it; with one stage none does
        await by_area.maybe_declare()
        async for events in stream.take_events(BATCH_SIZE, within=BATCH_WAIT_S,
                                               backlog_within=BATCH_BACKLOG_WAIT_S, busy=BATCH_BUSY):
            await send_acknowledged([(by_area, e.key, e.value or b"", list(e.message.headers or []), None)
                                     for e in events])

    if stages == 2:
        @app.agent(by_area, name="apply-in-area")
        async def acknowledge(stream: faust.StreamT) -> None:
            async for _events in stream.take_events(BATCH_SIZE, within=BATCH_WAIT_S,
                                                    backlog_within=BATCH_BACKLOG_WAIT_S, busy=BATCH_BUSY):
                pass

    return app


def main() -> None:
    mode.loop.use("uvloop")  # as `koordinate worker`
    settings = Settings()
    (settings.home / "worker" / settings.worker.name).mkdir(parents=True, exist_ok=True)
    stages = int(os.environ.get(STAGES_VARIABLE, "2"))
    faust.Worker(create_floor_app(settings, stages), loglevel="WARNING", quiet=True, redirect_stdouts=False).execute_from_commandline()


if __name__ == "__main__":
    main()
