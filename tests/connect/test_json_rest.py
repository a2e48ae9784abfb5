"""Generic JSON REST: paths, field mapping, cursor / Link / page paging, watermark or snapshot, 304, end to end."""

from __future__ import annotations

import asyncio
import copy
import json
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from rich.console import Console
from typer.testing import CliRunner
from werkzeug import Request, Response

from connectors import ConfigError, load_connector
from connectors.json_api import select
from connectors.json_rest import JsonRestConnector
from hub.cli import connect_cmd
from hub.cli.context import CliState
from hub.settings import Settings
from schemas import Need, entity_id
from tests.connect.helpers import EXAMPLES, dead_letters, events_on, write_config
from tests.connect.helpers import opened as open_connector
from tests.connect.helpers import read

ITEMS = json.loads((EXAMPLES / "jsonrest" / "helferportal-angebote.json").read_text(encoding="utf-8"))["data"]["items"]


def test_paths() -> None:
    body = {"data": {"items": [{"id": 1, "tags": [{"c": "a"}, {"c": "b"}]}, {"id": 2, "tags": []}]}}
    assert select(body, "data.items[0].id") == 1 and select(body, "$.data.items[-1].id") == 2
    assert select(body, "data.items[*].tags[*].c") == ["a", "b"] and select(body, "data.items[*].id") == [1, 2]
    assert select(body, "data.missing.x") is None and select(body, "data.items[5]") is None
    assert select(body, "") == body


def opened(config: Path) -> JsonRestConnector:
    return open_connector(config, JsonRestConnector)


def test_example_platform_offers() -> None:
    offers, errors, _ = read(opened(EXAMPLES / "jsonrest-helferportal.yaml"))
    assert not errors and [o.source_record_id for o in offers] == ["hp-201", "hp-202", "hp-203", "hp-204"]
    bike = offers[0]
    assert bike.id == entity_id("https://helfen-in-leipzig.example.org/api/v1/angebote", "hp-201")
    assert (bike.category, bike.organisation.kind, bike.area.ags, bike.area.districts) == (
        "mobility", "initiative", "14713000", ["Lindenau"])
    assert bike.languages == ["de", "ar", "fa"] and bike.capacity == 10  # [*] paths and numbers
    assert bike.schedule.rules[0].dtstart.hour == 10 and bike.revision == 1793710800000000  # type: ignore[union-attr]
    assert offers[3].status == "full" and offers[3].schedule.rules[0].rrule.endswith("COUNT=10")  # type: ignore[union-attr]


NEED_FIELDS = {"title": "titel", "category": "art", "quantity": "anzahl", "unit": "einheit", "area.district": "ort.teil"}


def need_config(tmp_path: Path, url: str, **extra: Any) -> Path:
    config = {"name": "jr", "kind": "json_rest", "source": "urn:test:jr", "url": url, "entity": "need",
              "record_id": "nr", "fields": NEED_FIELDS, "defaults": {"area.ags": "14713000", "urgency": "normal"},
              "values": {"unit": {"Personen": "people"}}, **extra}
    return write_config(tmp_path / "jr.yaml", **config)


def need(nr: int, **changes: Any) -> dict[str, Any]:
    return {"nr": f"N-{nr}", "titel": f"Lesepaten {nr}", "art": "Hausaufgabenhilfe", "anzahl": 2, "einheit": "Personen",
            "ort": {"teil": "Paunsdorf"}, "stand": f"2026-11-{10 + nr:02d}T09:00:00+01:00", **changes}


class Api:
    """A fake REST list: cursor in the body, Link header, or numbered pages; `since` filter; ETags."""

    def __init__(self, items: list[dict[str, Any]], size: int = 2) -> None:
        self.items, self.size, self.seen = items, size, []  # type: ignore[var-annotated]
        self.fail_next: list[Response] = []

    def handle(self, request: Request) -> Response:
        self.seen.append({**request.args, "if-none-match": request.headers.get("If-None-Match")})
        if self.fail_next:
            return self.fail_next.pop(0)
        since = request.args.get("since")
        chosen = [i for i in self.items if not since or i["stand"] >= since]
        etag = f'"{hash(json.dumps(chosen, sort_keys=True)) & 0xFFFFFFFF:x}"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304)
        start = int(request.args.get("cursor") or (int(request.args.get("seite", 1)) - 1) * self.size)
        page = chosen[start:start + self.size]
        more = start + self.size < len(chosen)
        body = {"result": {"rows": page}, "next": f"{request.path}?cursor={start + self.size}" if more else None}
        headers = {"ETag": etag}
        if more:
            headers["Link"] = f'<{request.path}?cursor={start + self.size}>; rel="next"'
        return Response(json.dumps(body), content_type="application/json", headers=headers)


@pytest.fixture
def api(httpserver: HTTPServer) -> Api:
    a = Api([need(n) for n in range(1, 6)])
    httpserver.expect_request("/bedarfe").respond_with_handler(a.handle)
    return a


@pytest.mark.parametrize("paging", [{"style": "cursor", "cursor_path": "next"}, {"style": "link"},
                                    {"style": "page", "page_param": "seite", "size": 2}])
def test_paging_styles_read_every_page(tmp_path: Path, httpserver: HTTPServer, api: Api, paging: dict[str, Any]) -> None:
    c = opened(need_config(tmp_path, httpserver.url_for("/bedarfe"), records_path="result.rows", paging=paging))
    needs, errors, _ = read(c)
    assert not errors and [n.source_record_id for n in needs] == [f"N-{n}" for n in range(1, 6)]
    assert len(api.seen) == 3 and all(isinstance(n, Need) and n.category == "language_education" for n in needs)


def test_updated_field_watermark_and_a_modified_item(tmp_path: Path, httpserver: HTTPServer, api: Api) -> None:
    c = opened(need_config(tmp_path, httpserver.url_for("/bedarfe"), records_path="result.rows",
                           paging={"style": "cursor"}, updated_field="stand", since_param="since"))
    needs, _, position = read(c)
    assert len(needs) == 5 and "since" not in api.seen[0]
    assert read(c, position)[0] == [] and api.seen[-1]["since"] == "2026-11-15T07:59:59Z"
    api.items[1] = need(2, titel="Lesepaten gesucht (dringend)", stand="2026-11-20T12:00:00+01:00")
    [changed], _, position = read(c, position)
    assert changed.title == "Lesepaten gesucht (dringend)" and changed.revision > needs[1].revision
    assert changed.id == needs[1].id and read(c, position)[0] == []


def test_without_updated_field_a_changed_list_is_reread_with_a_newer_revision(
        tmp_path: Path, httpserver: HTTPServer, api: Api) -> None:
    c = opened(need_config(tmp_path, httpserver.url_for("/bedarfe"), records_path="result.rows", paging={"style": "link"}))
    first, _, position = read(c)
    assert read(c, position)[0] == [] and api.seen[-1]["if-none-match"]  # 304 on the stored ETag
    api.items[0] = need(1, anzahl=4)
    again, _, position = read(c, position)
    assert [n.quantity for n in again][:1] == [4] and all(b.revision > a.revision for a, b in zip(first, again))
    assert read(c, position)[0] == []


def test_unmapped_category_is_a_record_error_naming_field_and_value(tmp_path: Path, httpserver: HTTPServer,
                                                                  api: Api) -> None:
    api.items = [need(1, art="Sonstiges")]
    [error] = read(opened(need_config(tmp_path, httpserver.url_for("/bedarfe"), records_path="result.rows")))[1]
    assert error.field_path == "category" and "Sonstiges" in str(error) and "'art'" in str(error)


def test_retry_after_503_then_success(tmp_path: Path, httpserver: HTTPServer, api: Api) -> None:
    api.fail_next = [Response(status=503, headers={"Retry-After": "1"})]
    needs, _, _ = read(opened(need_config(tmp_path, httpserver.url_for("/bedarfe"), records_path="result.rows",
                                          paging={"style": "cursor"})))
    assert len(needs) == 5 and len(api.seen) == 4


def test_config_errors_name_the_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown field 'colour'"):
        load_connector(need_config(tmp_path, "http://x", fields={**NEED_FIELDS, "colour": "farbe"}))
    with pytest.raises(ConfigError, match="not a path"):
        load_connector(need_config(tmp_path, "http://x", records_path="data..items]"))


@pytest.mark.kafka
async def test_connect_run_once_end_to_end(hub_settings: Settings, topics: dict[str, str], tmp_path: Path,
                                           httpserver: HTTPServer) -> None:
    items = copy.deepcopy(ITEMS)
    items[2]["attributes"]["rubrik"] = "Sonstiges"  # planted: no category -> dead letter
    pages = [{"data": {"items": items[:2]}, "links": {"next": httpserver.url_for("/angebote") + "?cursor=2"}},
             {"data": {"items": items[2:]}, "links": {"next": None}}]
    httpserver.expect_request("/angebote", query_string="cursor=2").respond_with_json(pages[1])
    httpserver.expect_request("/angebote").respond_with_json(pages[0])
    config = tmp_path / "jr.yaml"
    config.write_text((EXAMPLES / "jsonrest-helferportal.yaml").read_text(encoding="utf-8").replace(
        "path: jsonrest/helferportal-angebote.json", f"url: {httpserver.url_for('/angebote')}"), encoding="utf-8")

    def run() -> str:
        result = CliRunner().invoke(connect_cmd.app, ["run", "--once", str(config)],
                                    obj=CliState(hub_settings, Console(width=200), Console(width=200)))
        assert result.exit_code == 0, result.output
        return result.output

    assert "read 4, produced 3, dead-lettered 1" in await asyncio.to_thread(run)
    offers = await events_on(hub_settings, "offers")
    assert sorted(json.loads(json.dumps(o.subject)) for o in offers) == sorted(
        entity_id("https://helfen-in-leipzig.example.org/api/v1/angebote", i) for i in ("hp-201", "hp-202", "hp-204"))
    [letter] = await dead_letters(hub_settings)
    assert letter["field.path"] == "category" and "Sonstiges" in letter["exception.message"]
    assert "produced=0 quality_notes=0 read=0" in await asyncio.to_thread(run)


def test_serve_examples_script_serves_what_the_configs_read(tmp_path: Path) -> None:
    import importlib.util
    import threading
    from http.server import ThreadingHTTPServer

    spec = importlib.util.spec_from_file_location("serve_examples", EXAMPLES / "serve_examples.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    server = ThreadingHTTPServer(("127.0.0.1", 0), module.Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        counts = {}
        for config, path_line, url in [
            ("hsds-stadt-leipzig.yaml", "path: hsds", f"{base}/hsds"),
            ("open311-buergeranliegen.yaml", "path: open311", f"{base}/open311"),
            ("jsonrest-helferportal.yaml", "path: jsonrest/helferportal-angebote.json", f"{base}/jsonrest/angebote"),
        ]:
            file = tmp_path / config
            file.write_text((EXAMPLES / config).read_text(encoding="utf-8").replace(path_line, f"url: {url}"))
            c = load_connector(file)
            c.open()
            try:
                events, errors, position = read(c)  # type: ignore[arg-type]
                assert read(c, position)[0] == []  # served with a watermark filter (or 304): nothing new
            finally:
                c.close()
            counts[config.split("-")[0]] = (len(events), len(errors))
        assert counts == {"hsds": (7, 1), "open311": (5, 1), "jsonrest": (4, 0)}
    finally:
        server.shutdown()
        server.server_close()
