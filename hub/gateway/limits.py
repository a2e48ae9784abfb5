"""Limits on what one request may cost: a per-source token bucket, bounded bodies, bounded JSON depth."""

from __future__ import annotations

import json
import re
import math
import time
from collections.abc import AsyncIterator, Callable
from typing import Any


class BodyTooLarge(Exception):
    """Raised when a request body passes the configured size."""


class UnreadableJson(Exception):
    """Raised when a body is not UTF-8, not JSON, or nested too deeply; the message says which."""


class RateLimiter:
    """A token bucket per source: `rate` tokens per second refill a bucket of `burst` tokens."""

    def __init__(self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic) -> None:
        self._rate = rate
        self._burst = float(burst)
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # source -> (tokens, last refill)

    def take(self, source: str) -> float:
        """Take one token; returns 0 when allowed, else the seconds until a token is available."""
        now = self._clock()
        tokens, last = self._buckets.get(source, (self._burst, now))
        tokens = min(self._burst, tokens + (now - last) * self._rate)
        if tokens >= 1.0:
            self._buckets[source] = (tokens - 1.0, now)
            return 0.0
        self._buckets[source] = (tokens, now)
        return (1.0 - tokens) / self._rate


def retry_after_header(seconds: float) -> str:
    """Retry-After takes whole seconds; round up so a client that obeys it is let through."""
    return str(max(1, math.ceil(seconds)))


async def read_bounded(chunks: AsyncIterator[bytes], declared_length: str | None, limit: int) -> bytes:
    """The body, or BodyTooLarge as soon as the declared or the streamed size passes `limit`."""
    if declared_length is not None:
        try:
            if int(declared_length) > limit:
                raise BodyTooLarge(f"Content-Length {declared_length} is over the limit of {limit} bytes")
        except ValueError:
            pass  # a garbled header is not trusted either way; the streamed size decides
    body = bytearray()
    async for chunk in chunks:
        body += chunk
        if len(body) > limit:  # stop reading: the rest of the body is never buffered
            raise BodyTooLarge(f"body is over the limit of {limit} bytes")
    return bytes(body)


def _no_constants(name: str) -> Any:
    raise UnreadableJson(f"body is not valid JSON ({name} is not a JSON number)")


def parse_json(body: bytes, max_depth: int) -> tuple[str, Any]:
    """The body as text and as parsed JSON; UnreadableJson for bad UTF-8, bad JSON or too deep nesting."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnreadableJson(f"body is not UTF-8 text (invalid byte at position {exc.start})") from None
    if _nesting_exceeds(text, max_depth):
        # Checked before decoding: letting the decoder hit RecursionError leaves CPython 3.11's
        # recursion accounting off and later breaks compile() in the same thread (gh-106905).
        raise UnreadableJson(f"JSON is nested deeper than {max_depth} levels")
    try:
        value = json.loads(text, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        raise UnreadableJson(f"body is not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    except RecursionError:
        raise UnreadableJson(f"JSON is nested deeper than {max_depth} levels") from None
    if _depth_exceeds(value, max_depth):
        raise UnreadableJson(f"JSON is nested deeper than {max_depth} levels")
    return text, value


_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _nesting_exceeds(text: str, limit: int) -> bool:
    """Whether brackets outside strings nest deeper than `limit` (strings skipped by the regex)."""
    if text.count("[") + text.count("{") <= limit:
        return False  # cannot nest deeper than the number of openers
    depth = 0
    for token in _TOKENS.finditer(text):
        bracket = token.group()
        if bracket in "[{":
            depth += 1
            if depth > limit:
                return True
        elif bracket in "]}":
            depth -= 1
    return False


def _depth_exceeds(value: Any, limit: int) -> bool:
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False
