"""Open311 GeoReport v2: requests to needs and status updates, privacy guard, unmapped codes, watermark, end to end."""

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


from connectors.open311 import Open311Connector
from hub.cli import connect_cmd
from hub.cli.context import CliState
from hub.settings import Settings
from schemas import Need, StatusUpdate, entity_id
from tests.connect.helpers import EXAMPLES, dead_letters, events_on, write_config
from tests.connect.helpers import opened as open_connector
from tests.connect.helpers import read

SOURCE = "https://anliegen.leipzig.example.org/georeport/v2"
REQUESTS = json.loads((EXAMPLES / "open311" / "requests.json").read_text(encoding="utf-8"))
SERVICES = {"BETREUUNG": {"category": "childcare", "urgency": "high", "unit": "people"},
            "KLEIDUNG": {"category": "clothing"}, "BEGLEITUNG": {"category": "accompaniment_interpreting"},
            "MOEBEL": {"category": "donations_in_kind"}, "SPRACHE": {"category": "language_education"}}


def opened(config: Path) -> Open311Connector:
    return open_connector(config, Open311Connector)


def test_example_export_gives_needs_a_closing_status_and_a_privacy_dead_letter() -> None:
    events, errors, _ = read(opened(EXAMPLES / "open311-buergeranliegen.yaml"))
    needs = {e.source_record_id: e for e in events if isinstance(e, Need)}
    assert sorted(needs) == ["311-2026-0101", "311-2026-0102", "311-2026-0103", "311-2026-0104"]
    care = needs["311-2026-0101"]
    assert care.id == entity_id(SOURCE, "311-2026-0101") and care.title == "Kinderbetreuung während Sprachkurs in der GU Grünau"
    assert (care.category, care.urgency, care.unit, care.quantity) == ("childcare", "high", "people", 8)
    assert care.area.district == "Grünau-Mitte" and care.location and care.location.postcode == "04209"
    assert care.location.city == "Leipzig" and care.owner == "Sozialamt Leipzig, Abteilung Unterbringung"
    assert needs["311-2026-0102"].area.district == "Paunsdorf" and needs["311-2026-0102"].quantity == 1  # default
    assert needs["311-2026-0103"].urgency == "normal"  # default urgency
    [closed] = [e for e in events if isinstance(e, StatusUpdate)]
    assert closed.entity_id == entity_id(SOURCE, "311-2026-0095") and closed.new_status == "closed"
    assert closed.revision == 1794406200000000  # updated_datetime 2026-11-11T15:10+01:00 in epoch microseconds
    [privacy] = errors
    assert privacy.field_path == "title,description" and "phone number" in str(privacy)
    assert "5550199" not in str(privacy)  # the dead letter's reason does not repeat the personal data


def http_config(tmp_path: Path, url: str, **extra: Any) -> Path:
    return write_config(tmp_path / "o.yaml", name="o311", kind="open311", source="urn:test:311", url=url,
                        ags="14713000", district="Leipzig gesamt", services=SERVICES,
                        districts_by_postcode={"04329": "Paunsdorf"}, **extra)


class Portal:
    """A fake GeoReport v2 server: `start_date` (here on updated_datetime) honoured, ETags, injected failures."""

    def __init__(self, requests: list[dict[str, Any]]) -> None:
        self.requests = requests
        self.seen: list[dict[str, Any]] = []
        self.fail_next: list[Response] = []

    def handle(self, request: Request) -> Response:
        self.seen.append({**request.args, "if-none-match": request.headers.get("If-None-Match")})
        if self.fail_next:
            return self.fail_next.pop(0)
        since = request.args.get("updated_after")
        chosen = [r for r in self.requests if not since or r["updated_datetime"] >= since]
        etag = f'"{hash(json.dumps(chosen, sort_keys=True)) & 0xFFFFFFFF:x}"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304)
        return Response(json.dumps(chosen), content_type="application/json", headers={"ETag": etag})


@pytest.fixture
def portal(httpserver: HTTPServer) -> Portal:
    p = Portal(copy.deepcopy(REQUESTS[:4]))
    httpserver.expect_request("/georeport/v2/requests.json").respond_with_handler(p.handle)
    return p


def test_watermark_then_closing_a_request_is_a_status_update_with_a_newer_revision(
        tmp_path: Path, httpserver: HTTPServer, portal: Portal) -> None:
    c = opened(http_config(tmp_path, httpserver.url_for("/georeport/v2"), since_param="updated_after",
                           jurisdiction_id="leipzig.de"))
    events, _, position = read(c)
    assert len(events) == 4 and portal.seen[0]["jurisdiction_id"] == "leipzig.de"
    assert {e.area.district for e in events} == {"Leipzig gesamt", "Paunsdorf"}  # fixed default, postcode map
    assert read(c, position)[0] == []
    assert portal.seen[-1]["updated_after"] == "2026-11-17T12:44:59Z"  # watermark (13:45:00+01:00) - 1 s

    portal.requests[0].update(status="closed", updated_datetime="2026-11-25T10:00:00+01:00")
    [update], _, position = read(c, position)
    assert isinstance(update, StatusUpdate) and update.entity_id == entity_id("urn:test:311", "311-2026-0101")
    assert update.revision > next(e.revision for e in events if e.source_record_id == "311-2026-0101")
    assert read(c, position)[0] == []


def test_unmapped_service_code_is_dead_lettered_with_field_and_value(tmp_path: Path, httpserver: HTTPServer,
                                                                     portal: Portal) -> None:
    portal.requests = [{**portal.requests[0], "service_code": "LAERM", "service_name": "Lärmbelästigung"}]
    [error] = read(opened(http_config(tmp_path, httpserver.url_for("/georeport/v2"))))[1]
    assert error.field_path == "service_code" and "LAERM (Lärmbelästigung)" in str(error)


@pytest.mark.parametrize("text", ["Bitte melden: familie.k@example.org", "Rückruf unter +49 341 5550199",
                                  "Ansprechpartnerin ist Frau Amira Haddad, geboren am 03.04.1990"])
def test_personal_data_in_a_citizen_description_is_rejected_naming_the_field(
        tmp_path: Path, httpserver: HTTPServer, portal: Portal, text: str) -> None:
    portal.requests = [{**portal.requests[1], "description": f"Winterkleidung gesucht.\n{text}"}]
    events, [error], _ = read(opened(http_config(tmp_path, httpserver.url_for("/georeport/v2"))))
    assert events == [] and error.field_path == "description"
    assert error.cause_class == "pydantic_core.ValidationError" and text.split()[-1] not in str(error)


def test_429_with_retry_after_is_retried(tmp_path: Path, httpserver: HTTPServer, portal: Portal) -> None:
    portal.fail_next = [Response(status=429, headers={"Retry-After": "1"})]
    events, _, _ = read(opened(http_config(tmp_path, httpserver.url_for("/georeport/v2"))))
    assert len(events) == 4 and len(portal.seen) == 2


def test_304_reads_nothing(tmp_path: Path, httpserver: HTTPServer, portal: Portal) -> None:
    c = opened(http_config(tmp_path, httpserver.url_for("/georeport/v2")))  # start_date: this fake ignores it
    _, _, position = read(c)
    assert read(c, position)[0] == [] and portal.seen[-1]["if-none-match"]


@pytest.mark.kafka
async def test_connect_run_once_end_to_end(hub_settings: Settings, topics: dict[str, str], tmp_path: Path) -> None:
    config = tmp_path / "open311.yaml"
    config.write_text((EXAMPLES / "open311-buergeranliegen.yaml").read_text(encoding="utf-8").replace(
        "path: open311", f"url: {(EXAMPLES / 'open311').as_uri()}"), encoding="utf-8")  # a file:// URL

    def run() -> str:
        result = CliRunner().invoke(connect_cmd.app, ["run", "--once", str(config)],
                                    obj=CliState(hub_settings, Console(width=200), Console(width=200)))
        assert result.exit_code == 0, result.output
        return result.output

    assert "read 6, produced 5, dead-lettered 1" in await asyncio.to_thread(run)
    needs, status = await events_on(hub_settings, "needs"), await events_on(hub_settings, "status")
    assert len(needs) == 4 and len(status) == 1 and status[0].subject == entity_id(SOURCE, "311-2026-0095")
    [letter] = await dead_letters(hub_settings)
    assert letter["field.path"] == "title,description" and "phone number" in letter["exception.message"]
    assert "5550199" not in letter["exception.message"]
    assert "produced=0 quality_notes=0 read=0" in await asyncio.to_thread(run)
    assert len(await events_on(hub_settings, "needs")) == 4
