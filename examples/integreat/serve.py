"""Serves the Integreat fixtures like the API v3 does: GET /api/v3/{region}/{lang}/{locations|events}/.

    .venv/bin/python examples/integreat/serve.py [port]     (default 8765, 127.0.0.1 only)
Files: {region}-{lang}-{list}.json beside this script; anything else is 404.
"""

from __future__ import annotations

import re
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROUTE = re.compile(r"^/api/v3/([a-z0-9-]+)/([a-z-]+)/(locations|events)/?$")


class Fixtures(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server hook's name
        match = ROUTE.match(self.path.split("?")[0])
        file = HERE / "{}-{}-{}.json".format(*match.groups()) if match else None
        if file is None or not file.is_file():
            self.send_error(404)
            return
        body = file.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8765
    print(f"Integreat fixtures on http://127.0.0.1:{port}/api/v3/augsburg/de/locations/")
    ThreadingHTTPServer(("127.0.0.1", port), Fixtures).serve_forever()
