"""Outgoing HTTP for REST-based connectors: timeouts, retries with backoff and jitter, conditional GETs, paging.

One rule: network errors, 5xx and 429 are retried (Retry-After honoured), then `SourceUnavailable`;
other 4xx raise `SourceRefused`. httpx's errors are translated here and nowhere else. Limits: a body
larger than `max_bytes`, or a redirect to another host, is a `RecordError` (dead-lettered, never
read further); a response that takes longer than `total_timeout_s` in all (a server trickling bytes
under the per-read timeout) counts as a network error.
Validators (ETag / Last-Modified) are plain dicts, so a connector keeps them in its source offset.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

import httpx

from connectors.errors import RecordError, SourceRefused, SourceUnavailable

USER_AGENT = "koordinate-connect/0.1 (+https://koordinate.org)"
MAX_BODY_BYTES = 16 * 1024 * 1024
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class Retry:
    """How often and how long to retry: exponential backoff with jitter, capped."""

    attempts: int = 4
    backoff_s: float = 0.5
    max_backoff_s: float = 30.0
    max_retry_after_s: float = 120.0  # a longer Retry-After is left to the runtime's schedule

    def delay(self, attempt: int, rng: Callable[[], float]) -> float:
        # "equal jitter": at least half the backoff, so a crowd of clients spreads but never hammers
        base = min(self.max_backoff_s, self.backoff_s * 2**attempt)
        return base / 2 + base / 2 * rng()


@dataclass(frozen=True)
class Fetched:
    """A response body with its validators; ``not_modified`` when the server answered 304."""

    url: str
    status: int
    content: bytes
    headers: Mapping[str, str] = field(default_factory=dict)
    validators: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def json(self) -> Any:
        try:
            return httpx.Response(200, content=self.content).json()
        except ValueError as exc:
            raise RecordError.single("", f"response of {self.url} is not JSON: {exc}") from None


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or HTTP date); None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def shown_url(url: str) -> str:
    """A URL fit for errors, dead letters and logs: its query (where API keys often travel) left out."""
    base, _, query = str(url).partition("?")
    return f"{base}?…" if query else base


class HttpClient:
    """A small synchronous client (connectors poll in a worker thread) with one retry rule."""

    def __init__(self, *, timeout_s: float = 10.0, retry: Retry | None = None, headers: Mapping[str, str] | None = None,
                 sleep: Callable[[float], None] = time.sleep, rng: Callable[[], float] = random.random,
                 transport: httpx.BaseTransport | None = None, max_bytes: int = MAX_BODY_BYTES,
                 total_timeout_s: float = 60.0) -> None:
        self.retry = retry or Retry()
        self._sleep, self._rng = sleep, rng
        self.max_bytes, self.total_timeout_s = max_bytes, total_timeout_s
        # redirects are followed by `_send`, which refuses other hosts
        self._client = httpx.Client(timeout=timeout_s, headers={"user-agent": USER_AGENT, **(headers or {})},
                                    follow_redirects=False, transport=transport)

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, *, params: Mapping[str, Any] | None = None,
            validators: Mapping[str, str] | None = None) -> Fetched:
        """GET with retries; with `validators` (from an earlier `Fetched`) a conditional GET that may return 304."""
        headers = {}
        if validators and validators.get("etag"):
            headers["if-none-match"] = validators["etag"]
        if validators and validators.get("last_modified"):
            headers["if-modified-since"] = validators["last_modified"]
        last_problem, wait = "", None
        for attempt in range(self.retry.attempts):
            if attempt:
                self._sleep(wait if wait is not None else self.retry.delay(attempt - 1, self._rng))
            try:
                response = self._send(url, params, headers)
            except httpx.HTTPError as exc:  # timeouts, refused connections, broken responses
                last_problem, wait = f"{type(exc).__name__}: {exc}", None
                continue
            if response.status_code == 429 or response.status_code >= 500:
                wait = retry_after_seconds(response.headers.get("retry-after"))
                last_problem = f"HTTP {response.status_code}"
                if wait is not None and wait > self.retry.max_retry_after_s:
                    raise SourceUnavailable(f"{shown_url(url)} asks to retry after {wait:.0f} s", retry_after=wait)
                continue
            if response.status_code >= 400:
                raise SourceRefused(f"{shown_url(url)} answered HTTP {response.status_code}: {response.text[:200]}")
            return self._fetched(url, response, validators)
        raise SourceUnavailable(f"{shown_url(url)} failed {self.retry.attempts} times, last: {last_problem}", retry_after=wait)

    def _send(self, url: str, params: Mapping[str, Any] | None, headers: dict[str, str]) -> httpx.Response:
        """One GET with its redirects (same host only) and the body read within the limits."""
        origin = _origin(url)
        request = self._client.build_request("GET", url, params=params, headers=headers)
        deadline = time.monotonic() + self.total_timeout_s
        for _ in range(MAX_REDIRECTS + 1):
            response = self._client.send(request, stream=True)
            try:
                if response.next_request is None:
                    self._read_limited(response, deadline)
                    return response
            finally:
                response.close()
            request = response.next_request
            if _origin(str(request.url)) != origin:
                raise RecordError.single("", f"{shown_url(url)} redirects to {request.url.host}, another host; refused")
        raise RecordError.single("", f"{shown_url(url)} redirects more than {MAX_REDIRECTS} times; refused")

    def _read_limited(self, response: httpx.Response, deadline: float) -> None:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise RecordError.single("", f"{response.request.url} answers {declared} bytes, more than {self.max_bytes}; refused unread")
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > self.max_bytes:
                raise RecordError.single("", f"{response.request.url} answers more than {self.max_bytes} bytes; refused")
            if time.monotonic() > deadline:
                raise httpx.ReadTimeout(f"no complete answer within {self.total_timeout_s:.0f} s", request=response.request)
        response._content = bytes(body)  # noqa: SLF001 - httpx's way of holding a body read by hand

    @staticmethod
    def _fetched(url: str, response: httpx.Response, previous: Mapping[str, str] | None) -> Fetched:
        validators = dict(previous or {}) if response.status_code == 304 else {}
        if etag := response.headers.get("etag"):
            validators["etag"] = etag
        if modified := response.headers.get("last-modified"):
            validators["last_modified"] = modified
        return Fetched(str(response.url), response.status_code, response.content, dict(response.headers), validators)


def _origin(url: str) -> tuple[str, int | None]:
    # the host and port; http -> https on the same host is the one change of scheme allowed
    parts = urlsplit(url)
    return (parts.hostname or "", parts.port)


def dig(data: Any, path: str) -> Any:
    """``dig(body, "data.items")``: the value at a dotted path, None where a step is missing."""
    for step in path.split(".") if path else ():
        data = data.get(step) if isinstance(data, dict) else None
    return data


@dataclass(frozen=True)
class CursorPaging:
    """The body names the next cursor (or the next URL when `cursor_is_url`); no cursor: last page."""

    items: str = "items"
    cursor: str = "next_cursor"
    param: str = "cursor"
    cursor_is_url: bool = False


@dataclass(frozen=True)
class PageNumberPaging:
    """Numbered pages; an empty page (or one shorter than `size`) is the last."""

    items: str = "items"
    param: str = "page"
    first: int = 1
    size_param: str | None = None
    size: int | None = None


def pages(client: HttpClient, url: str, paging: CursorPaging | PageNumberPaging, *,
          params: Mapping[str, Any] | None = None, max_pages: int = 1000) -> Iterator[list[Any]]:
    """The item lists of every page, in order; stops after `max_pages` so a looping API cannot hang a poll."""
    query = dict(params or {})
    if isinstance(paging, PageNumberPaging) and paging.size_param and paging.size:
        query[paging.size_param] = paging.size
    page = paging.first if isinstance(paging, PageNumberPaging) else None
    for _ in range(max_pages):
        if page is not None:
            query[paging.param] = page
        body = client.get(url, params=query).json()
        items = dig(body, paging.items)
        if not isinstance(items, list):
            raise RecordError.single(paging.items, f"page of {shown_url(url)} has no item list there")
        if isinstance(paging, PageNumberPaging):
            if items:
                yield items
            if not items or (paging.size and len(items) < paging.size):
                return
            page = (page or 0) + 1
            continue
        yield items
        cursor = dig(body, paging.cursor)
        if not cursor:
            return
        if paging.cursor_is_url:
            url, query = str(cursor), {}
        else:
            query[paging.param] = cursor
