"""The coordination office's dashboard: static files served by the read API at ``/``, plus taxonomy labels.

Plain HTML, CSS and JavaScript modules, no build step and nothing from a CDN; the page reads the same
``/v1`` endpoints as every other client, with the token the user enters.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from schemas.taxonomy import all_categories, taxonomy_version

__all__ = ["STATIC", "mount_dashboard", "taxonomy_labels"]

STATIC = Path(str(files("hub.dashboard").joinpath("static")))
# Only this origin: no CDN, no inline script; SVG presentation attributes need no inline style.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def taxonomy_labels() -> dict[str, Any]:
    """Category codes with German and English labels, in taxonomy order (public: no token needed)."""
    return {
        "version": taxonomy_version(),
        "categories": [{"code": c.code, "group": c.group, "label_de": c.label_de, "label_en": c.label_en,
                        "professional_only": c.professional_only} for c in all_categories()],
    }


def mount_dashboard(app: FastAPI) -> None:
    """``/`` and ``/dashboard/`` serve the page, ``/dashboard/taxonomy.json`` the labels, the rest its files."""

    async def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={**SECURITY_HEADERS, "Cache-Control": "no-cache"})

    async def labels() -> JSONResponse:
        return JSONResponse(taxonomy_labels(), headers={"Cache-Control": "public, max-age=300"})

    for path in ("/", "/dashboard/"):
        app.add_api_route(path, page, methods=["GET"], include_in_schema=False)
    app.add_api_route("/dashboard/taxonomy.json", labels, methods=["GET"], include_in_schema=False)
    app.mount("/dashboard", StaticFiles(directory=STATIC), name="dashboard")
