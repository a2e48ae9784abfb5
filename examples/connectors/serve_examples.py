"""Serve the HSDS, Open311 and JSON REST sample data on 127.0.0.1, so the connectors can poll them over HTTP.

    python examples/connectors/serve_examples.py [--port 8765]

    http://127.0.0.1:8765/hsds/services?page=1&per_page=3&modified_after=...   (also organizations, locations)
    http://127.0.0.1:8765/open311/requests.json?start_date=...                  (also services.json)
    http://127.0.0.1:8765/jsonrest/angebote?updated_since=...                   (2 per page, cursor in links.next)

The example configs read the same files through `path:` and need no server; for HTTP, replace their
`path:` line with the matching `url:` (http://127.0.0.1:8765/hsds, .../open311, .../jsonrest/angebote).
Responses carry an ETag and answer 304 to a matching If-None-Match, like a well-behaved API.
Standard library only: it runs with any Python 3.11.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

HERE = Path(__file__).resolve().parent


def _load(relative: str) -> Any:
    return json.loads((HERE / relative).read_text(encoding="utf-8"))


def _after(items: list[dict[str, Any]], field: str, since: str | None) -> list[dict[str, Any]]:
    # ISO strings in UTC ("...Z") and with offsets do not compare as text; compare as datetimes
    if not since:
        return items
    limit = datetime.fromisoformat(since.replace("Z", "+00:00"))
    return [i for i in items if datetime.fromisoformat(_dig(i, field).replace("Z", "+00:00")) > limit]


def _dig(item: dict[str, Any], path: str) -> Any:
    for step in path.split("."):
        item = item[step]
    return item


def hsds(endpoint: str, query: dict[str, str]) -> Any:
    items = _load(f"hsds/{endpoint}.json")["contents"]
    if endpoint == "services":
        items = _after(items, "last_modified", query.get("modified_after"))
    size, number = int(query.get("per_page", 100)), int(query.get("page", 1))
    pages = max(1, -(-len(items) // size))
    return {"total_items": len(items), "total_pages": pages, "page_number": number, "size": size,
            "first_page": number == 1, "last_page": number >= pages, "empty": not items,
            "contents": items[(number - 1) * size:number * size]}


def open311(endpoint: str, query: dict[str, str]) -> Any:
    data = _load(f"open311/{endpoint}")
    if endpoint == "requests.json":  # this demo reads start_date as "updated since" (see the connector)
        data = _after(data, "updated_datetime", query.get("start_date") or query.get("updated_after"))
    return data


def jsonrest(path: str, query: dict[str, str]) -> Any:
    items = _after(_load("jsonrest/helferportal-angebote.json")["data"]["items"], "attributes.geaendert_am",
                   query.get("updated_since"))
    start = int(query.get("cursor", 0))
    rest = {k: v for k, v in query.items() if k != "cursor"}
    more = start + 2 < len(items)
    return {"data": {"items": items[start:start + 2]}, "meta": {"count": len(items)},
            "links": {"next": f"{path}?{urlencode({**rest, 'cursor': start + 2})}" if more else None}}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        url = urlparse(self.path)
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        parts = url.path.strip("/").split("/")
        try:
            if parts[0] == "hsds" and len(parts) == 2:
                body = hsds(parts[1], query)
            elif parts[0] == "open311" and len(parts) == 2:
                body = open311(parts[1], query)
            elif parts == ["jsonrest", "angebote"]:
                body = jsonrest(url.path, query)
            else:
                return self._send(404, b'{"error": "not found"}', {})
        except (FileNotFoundError, KeyError, ValueError) as exc:
            return self._send(400, json.dumps({"error": str(exc)}).encode(), {})
        content = json.dumps(body, ensure_ascii=False).encode()
        etag = '"' + hashlib.sha256(content).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            return self._send(304, b"", {"ETag": etag})
        self._send(200, content, {"ETag": etag})

    def _send(self, status: int, content: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in {"Content-Type": "application/json; charset=utf-8", **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    server = ThreadingHTTPServer((args.host, args.port), Handler)
    print(f"serving the HSDS, Open311 and JSON REST examples on http://{args.host}:{args.port}/ (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
