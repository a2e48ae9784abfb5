"""JSON APIs as sources (HSDS, Open311, generic REST): pages over HTTP or files, paths, and change watermarks.

Shared by the three JSON kinds so each connector keeps to its format. A base is an http(s) URL, a
``file://`` URL or a folder: ``get("services")`` reads ``{base}/services`` or ``{folder}/services.json``,
so the example configs run without a server. Incremental reads keep a watermark in the offset: the
latest modification time delivered and the ids delivered at that instant (Kafka Connect's
timestamp+id mode), so a poll that was cut short resumes without losing or repeating records.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote, urljoin, urlparse
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field

from connectors.base import JsonDict, SourceRecord
from connectors.errors import ConfigError, RecordError, SourceUnavailable
from connectors.http import Fetched, HttpClient

_STEP = re.compile(r"\.?([^.\[\]]+)|\[(\*|-?\d+)\]")
_LINK_NEXT = re.compile(r'<([^>]+)>\s*;[^,]*\brel="?next"?', re.IGNORECASE)
BERLIN = ZoneInfo("Europe/Berlin")


def check_path(path: str) -> str:
    """A config validator: the path is ``a.b[0].c`` / ``items[*].code`` syntax (``$.`` prefix allowed)."""
    text = path.removeprefix("$").lstrip(".")
    if text and "".join(m.group(0) for m in _STEP.finditer(text)) != text:
        raise ValueError(f"not a path like 'data.items[0].name' or 'tags[*].code': {path!r}")
    return path


def select(data: Any, path: str) -> Any:
    """The value at a path; with ``[*]`` the list of every match; None (or []) where a step is missing."""
    found, many = [data], False
    for key, index in (m.groups() for m in _STEP.finditer(path.removeprefix("$").lstrip("."))):
        step: list[Any] = []
        for value in found:
            if key is not None:
                if isinstance(value, dict) and key in value:
                    step.append(value[key])
            elif index == "*":
                many = True
                step.extend(value if isinstance(value, list) else [])
            elif isinstance(value, list) and -len(value) <= int(index) < len(value):
                step.append(value[int(index)])
        found = step
    return found if many else (found[0] if found else None)


class Paging(BaseModel):
    """How a list endpoint pages: numbered pages, a cursor or next URL in the body, or a Link header."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    style: Literal["none", "page", "cursor", "link"] = "none"
    page_param: str = "page"
    first_page: int = 1
    size_param: str | None = None
    size: int | None = Field(None, ge=1)
    total_pages_path: str | None = Field(None, description="body path of the page count, e.g. total_pages")
    cursor_path: str = Field("next", description="body path of the next cursor or next page URL")
    cursor_param: str = "cursor"
    max_pages: int = Field(1000, ge=1)


class JsonSource:
    """One API base (http(s) URL, file:// URL or folder); files answer "not modified" by content hash."""

    def __init__(self, url: str | None, path: Path | None, headers: Mapping[str, str] | None = None,
                 client_factory: Callable[..., HttpClient] = HttpClient) -> None:
        if url and url.startswith("file://"):
            url, path = None, Path(unquote(urlparse(url).path))
        self.url, self.path = url, path
        self._headers, self._factory = dict(headers or {}), client_factory
        self._http: HttpClient | None = None

    @property
    def name(self) -> str:
        return self.url or str(self.path)

    def open(self) -> None:
        if self.url:
            self._http = self._factory(headers=self._headers)

    def close(self) -> None:
        if self._http:
            self._http.close()

    def get(self, endpoint: str, params: Mapping[str, Any] | None = None,
            validators: Mapping[str, str] | None = None) -> Fetched:
        """One document; ``endpoint`` "" is the base itself. Files ignore `params` (callers filter)."""
        if self._http is not None and self.url:
            url = urljoin(self.url.rstrip("/") + "/", endpoint) if endpoint else self.url
            return self._http.get(url, params=params or None, validators=validators)  # {} would drop a query in the URL
        if self.url:
            raise ConfigError(f"source {self.url} used before open()")
        assert self.path is not None
        file = self.path / f"{endpoint.removesuffix('.json')}.json" if endpoint else self.path
        try:
            content = file.read_bytes()
        except OSError as exc:
            raise SourceUnavailable(f"{file} cannot be read ({exc.strerror})") from None
        sha = hashlib.sha256(content).hexdigest()
        status = 304 if validators and validators.get("sha256") == sha else 200
        return Fetched(file.as_uri(), status, content, {}, {"sha256": sha})

    def items(self, endpoint: str, records_path: str, paging: Paging, params: Mapping[str, Any] | None = None,
              validators: Mapping[str, str] | None = None) -> tuple[list[Any], dict[str, str]] | None:
        """Every item of every page and the first page's validators; None when the first page is unchanged (304)."""
        query, url = dict(params or {}), endpoint
        if paging.style == "page":
            query[paging.page_param] = paging.first_page
            if paging.size_param and paging.size:
                query[paging.size_param] = paging.size
        out: list[Any] = []
        first: dict[str, str] | None = None
        for _ in range(paging.max_pages):
            fetched = self.get(url, query, validators if first is None else None)
            if fetched.not_modified:
                return None
            first = fetched.validators if first is None else first
            body = fetched.json()
            page = select(body, records_path) if records_path else body
            if not isinstance(page, list):
                raise RecordError.single(records_path or "<body>", f"{fetched.url} holds no list of records there")
            out.extend(page)
            if self.url is None or not page or not (url := self._next(paging, body, fetched, query, len(page))):
                break
        return out, first or {}

    @staticmethod
    def _next(paging: Paging, body: Any, fetched: Fetched, query: dict[str, Any], items: int) -> str:
        # the next endpoint to fetch ("" ends); query is updated in place for page and cursor styles
        if paging.style == "page":
            total = select(body, paging.total_pages_path) if paging.total_pages_path else None
            shown = query[paging.page_param] - paging.first_page + 1
            if (isinstance(total, int) and shown >= total) or (paging.size and items < paging.size):
                return ""
            query[paging.page_param] += 1
            return fetched.url.split("?")[0]
        if paging.style == "cursor":
            cursor = select(body, paging.cursor_path)
            if not cursor:
                return ""
            if isinstance(cursor, str) and (cursor.startswith(("http://", "https://", "/")) or "?" in cursor):
                query.clear()
                return urljoin(fetched.url, cursor)
            query[paging.cursor_param] = cursor
            return fetched.url.split("?")[0]
        if paging.style == "link":
            match = _LINK_NEXT.search(fetched.headers.get("link", ""))
            if match:
                query.clear()
                return urljoin(fetched.url, match.group(1))
        return ""


def parse_time(value: Any) -> datetime | None:
    """An ISO 8601 time (``Z`` allowed, naive means Berlin wall-clock time); None if unreadable."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=BERLIN)


def micros(moment: datetime) -> int:
    """Epoch microseconds: the revision of a record modified at `moment`."""
    return int(moment.timestamp() * 1_000_000)


def since(stored: Mapping[str, Any] | None, overlap_s: float = 1.0) -> str | None:
    """The time to ask the server for ("modified after"), a little early: both > and >= servers miss nothing."""
    moment = parse_time((stored or {}).get("modified"))
    if moment is None:
        return None
    return (moment - timedelta(seconds=overlap_s)).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Change:
    """One item of a response: its id, modification time (None: unreadable) and the item itself."""

    id: str
    modified: datetime | None
    item: Any


def changed_records(partition: JsonDict, changes: list[Change], stored: Mapping[str, Any] | None,
                    tail: Mapping[str, str], prepare: Callable[[Any], Any] | None = None) -> Iterator[SourceRecord]:
    """The changes after the stored watermark, oldest first, each offset the watermark after it.

    Items without a readable time are yielded as errors on a full read only (no watermark yet);
    `tail` (validators) rides on the last record only, so an interrupted poll never sends them;
    `prepare` (e.g. joining referenced objects) runs on the records yielded only.
    """
    mark = parse_time((stored or {}).get("modified"))
    ids_at_mark = set((stored or {}).get("ids", ()))
    fresh = [c for c in changes if (c.modified is None and mark is None) or (
        c.modified is not None and (mark is None or c.modified > mark or (c.modified == mark and c.id not in ids_at_mark)))]
    fresh.sort(key=lambda c: (c.modified is not None, c.modified or datetime.min.replace(tzinfo=timezone.utc), c.id))
    offset: JsonDict = dict(stored or {})
    offset.pop("sha256", None), offset.pop("etag", None), offset.pop("last_modified", None)
    for number, change in enumerate(fresh, start=1):
        error = None
        if change.modified is None:
            error = RecordError.single("modified", "record has no readable modification time", change.id)
        elif change.modified == parse_time(offset.get("modified")):
            offset = {"modified": offset["modified"], "ids": [*offset.get("ids", []), change.id]}
        else:
            offset = {"modified": change.modified.isoformat(), "ids": [change.id]}
        payload = json.dumps(change.item, ensure_ascii=False).encode()
        last = number == len(fresh)
        value = prepare(change.item) if prepare and error is None else change.item
        yield SourceRecord(partition, {**offset, **(tail if last else {})}, payload, value, error=error,
                           remaining=len(fresh) - number)
