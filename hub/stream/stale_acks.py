"""Refuse faust's acknowledgement of records it skipped around a rebalance, so they are read again.

Why: while a rebalance is in progress (flow control suspended), or for a record fetched in an earlier
consumer generation, faust's stream skips the record without handing it to the agent - and acks it
"so the lag does not grow" (faust/streams.py, `_py_aiter`). The commit made during the rebalance
can then move past records nobody processed. (The 50,000-event crash runs lose records around
rebalances; this closes one path, not all: see docs/reliability.md, "Open finding".)

With this patch such an ack only releases faust's wait for the record (so the rebalance goes on) and
does not mark its offset as processed. After the rebalance the consumer reads every assigned
partition from its committed offset, so the record is delivered again and processed. A record that
was processed and acknowledged in that window is read and applied twice, which the engine's
revisions make harmless.
"""

from __future__ import annotations

from faust.transport.consumer import Consumer
from faust.types.tuples import Message, ack_lock

_PATCHED = "_koordinate_refuses_stale_acks"


def _is_stale(consumer: Consumer, message: Message) -> bool:
    app = consumer.app
    generation = getattr(message, "generation_id", None)
    return not app.flow_control.is_active() or (generation is not None and generation != app.consumer_generation_id)


def refuse_stale_acks() -> None:
    """Patch faust's Consumer.ack once per process (idempotent)."""
    if getattr(Consumer, _PATCHED, False):
        return
    original_ack = Consumer.ack

    def ack(self: Consumer, message: Message) -> bool:
        if _is_stale(self, message):
            with ack_lock:
                message.acked = True  # nothing waits for it any more ...
                self._unacked_messages.discard(message)
            return False  # ... but its offset is not committed: it is read again after the rebalance
        return original_ack(self, message)

    Consumer.ack = ack  # type: ignore[method-assign]
    setattr(Consumer, _PATCHED, True)
