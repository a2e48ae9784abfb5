"""HSDS 3.0 directories: services to offers, schedules to RRULE, paging, watermark, 304, Retry-After, end to end."""

from __future__ import annotations

import asyncio
import copy
import json
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from pytest_httpserver import HTTPServer
from rich.console import Console
from typer.testing import CliRunner
from werkzeug import Request, Response

from connectors import Position, RecordError, SourceUnavailable, load_connector
from connectors.hsds import HsdsConnector
from hub.cli import connect_cmd
from hub.cli.context import CliState
from hub.settings import Settings
from schemas import Offer, entity_id, expand
from tests.connect.helpers import EXAMPLES, dead_letters, events_on, write_config

SOURCE = "https://verzeichnis.leipzig.example.org/hsds"
CATEGORIES = {"legal-counselling": "legal_asylum_counselling", "psychosocial": "psychotherapy",
              "work-integration": "work_training"}
SERVICES = json.loads((EXAMPLES / "hsds" / "services.json").read_text(encoding="utf-8"))["contents"]


def read(c: HsdsConnector, position: Position | None = None) -> tuple[list[Offer], list[RecordError], Position]:
    position = position or Position()
    offers, errors, records = [], [], list(c.poll(position))
    for record in records:
        try:
            offers.extend(c.normalise(record))  # type: ignore[arg-type]
        except RecordError as exc:
            errors.append(exc)
    return offers, errors, position.advanced(records)


def opened(config: Path) -> HsdsConnector:
    c = load_connector(config)
    assert isinstance(c, HsdsConnector)
    c.open()
    return c


def test_example_directory_becomes_offers_per_service_at_location() -> None:
    offers, errors, position = read(opened(EXAMPLES / "hsds-stadt-leipzig.yaml"))
    by_id = {o.source_record_id: o for o in offers}
    assert sorted(by_id) == ["svc-001@sal-001", "svc-002@sal-002", "svc-003@sal-003", "svc-004@sal-004a",
                             "svc-004@sal-004b", "svc-005@sal-005", "svc-006"]
    cafe = by_id["svc-002@sal-002"]  # organization and location joined from organizations.json / locations.json
    assert cafe.id == entity_id(SOURCE, "svc-002@sal-002") and cafe.category == "language_education"
    assert cafe.organisation.name == "Ev.-Luth. Kirchgemeinde Grünau" and cafe.organisation.kind == "church"
    assert cafe.area.districts == ["Grünau-Mitte"] and cafe.location and cafe.location.street == "Stuttgarter Allee 9"
    assert cafe.contact and cafe.contact.phone == "0341 555 0111"  # the organisation's phone
    assert cafe.valid_until and cafe.valid_until.date().isoformat() == "2026-12-22"
    assert by_id["svc-001@sal-001"].category == "legal_asylum_counselling"  # category_map by term code
    assert by_id["svc-004@sal-004b"].area.districts == ["Grünau-Mitte"]
    assert by_id["svc-004@sal-004b"].schedule.rules[0].rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;WKST=MO"  # type: ignore[union-attr]
    assert by_id["svc-005@sal-005"].organisation.kind == "initiative"  # organisation_kinds by name
    assert by_id["svc-006"].area.districts == [] and by_id["svc-006"].location is None  # no location: per service
    assert by_id["svc-003@sal-003"].organisation.kind == "association"  # the default kind
    [unmapped] = errors
    assert unmapped.field_path == "attributes[].taxonomy_term" and "Sozialleistungen" in str(unmapped)
    assert position.to_json()[0]["offset"]["modified"] == "2026-11-10T09:00:00+00:00"


def test_tuesday_1800_berlin_stays_1800_across_dst_and_ends_at_valid_to() -> None:
    offers, _, _ = read(opened(EXAMPLES / "hsds-stadt-leipzig.yaml"))
    [cafe] = [o for o in offers if o.source_record_id == "svc-002@sal-002"]
    berlin = ZoneInfo("Europe/Berlin")
    around_dst = expand(cafe.schedule, datetime(2026, 3, 16), datetime(2026, 4, 8))  # type: ignore[arg-type]
    starts = [i.start.astimezone(berlin) for i in around_dst]
    assert [s.day for s in starts] == [17, 24, 31, 7]  # Tuesdays; DST began on Sunday 29 March
    assert {(s.weekday(), s.hour, s.minute) for s in starts} == {(1, 18, 0)}
    assert [s.utcoffset().total_seconds() / 3600 for s in starts] == [1, 1, 2, 2]  # type: ignore[union-attr]
    assert all((i.end - i.start).total_seconds() == 7200 for i in around_dst)
    december = expand(cafe.schedule, datetime(2026, 12, 1), datetime(2027, 1, 31))  # type: ignore[arg-type]
    assert [i.start.day for i in december] == [1, 8, 15, 22]  # valid_to 2026-12-22 is the last day


class Directory:
    """A fake HSDS API: pages of services, `modified_after` honoured (strictly after), an ETag per content."""

    def __init__(self, services: list[dict[str, Any]], page_size: int = 2) -> None:
        self.services, self.page_size = services, page_size
        self.requests: list[dict[str, Any]] = []
        self.fail_next: list[Response] = []

    def handle(self, request: Request) -> Response:
        self.requests.append({**request.args, "if-none-match": request.headers.get("If-None-Match")})
        if self.fail_next:
            return self.fail_next.pop(0)
        since = request.args.get("modified_after")
        chosen = [s for s in self.services if not since or s["last_modified"] > since]
        etag = f'"{hash(json.dumps(chosen, sort_keys=True)) & 0xFFFFFFFF:x}"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        size = int(request.args.get("per_page", self.page_size))
        number = int(request.args.get("page", 1))
        pages = max(1, -(-len(chosen) // size))
        body = {"total_items": len(chosen), "total_pages": pages, "page_number": number, "size": size,
                "contents": chosen[(number - 1) * size:number * size]}
        return Response(json.dumps(body), content_type="application/json", headers={"ETag": etag})


def http_config(tmp_path: Path, url: str, **extra: Any) -> Path:
    return write_config(tmp_path / "hsds.yaml", name="hsds-test", kind="hsds", source="urn:test:hsds", url=url,
                        ags="14713000", district="Zentrum", page_size=2,
                        organisation_kinds={"org-migration": "municipal"}, **{"category_map": CATEGORIES, **extra})


@pytest.fixture
def directory(httpserver: HTTPServer) -> Directory:
    # svc-002 names its organization and location by id only; the fake serves full services
    services = [s for s in copy.deepcopy(SERVICES) if s["id"] in ("svc-001", "svc-003", "svc-004", "svc-006", "svc-005")]
    for s in services:
        s["organization"] = s.get("organization") or {"id": s.pop("organization_id"), "name": "Stadtteilladen"}
        for sal in s["service_at_locations"]:
            sal.setdefault("location", {"id": sal.pop("location_id", "x"), "addresses": []})
    d = Directory(services)
    httpserver.expect_request("/hsds/services").respond_with_handler(d.handle)
    return d


def test_pages_then_watermark_then_a_modified_service_is_a_new_revision(
        tmp_path: Path, httpserver: HTTPServer, directory: Directory) -> None:
    c = opened(http_config(tmp_path, httpserver.url_for("/hsds")))
    offers, errors, position = read(c)
    assert len(offers) == 6 and not errors
    assert [r["page"] for r in directory.requests] == ["1", "2", "3"]
    assert directory.requests[0]["per_page"] == "2" and "modified_after" not in directory.requests[0]

    directory.requests.clear()
    again, _, position = read(c, position)
    assert again == [] and directory.requests[0]["modified_after"] == "2026-11-09T10:59:59Z"  # watermark - 1 s

    changed = next(s for s in directory.services if s["id"] == "svc-001")
    changed.update(name="Migrationsberatung (neue Zeiten)", last_modified="2026-11-20T08:00:00Z")
    old = {o.id: o.revision for o in offers}
    [offer], _, position = read(c, position)
    assert offer.title == "Migrationsberatung (neue Zeiten)" and offer.id in old and offer.revision > old[offer.id]
    assert read(c, position)[0] == []


def test_cut_short_poll_resumes_after_the_ids_already_delivered_at_the_same_instant(
        tmp_path: Path, httpserver: HTTPServer, directory: Directory) -> None:
    for s in directory.services:
        s["last_modified"] = "2026-11-20T08:00:00Z"  # one bulk import: every service at the same instant
    c = opened(http_config(tmp_path, httpserver.url_for("/hsds")))
    records = list(c.poll(Position()))
    first_two = Position().advanced(records[:2])
    assert first_two.to_json()[0]["offset"] == {"modified": "2026-11-20T08:00:00+00:00", "ids": ["svc-001", "svc-003"]}
    rest = list(c.poll(first_two))
    assert [r.value["id"] for r in rest] == ["svc-004", "svc-005", "svc-006"]
    assert "etag" in rest[-1].offset and all("etag" not in r.offset for r in rest[:-1])


def test_conditional_request_304_reads_nothing(tmp_path: Path, httpserver: HTTPServer, directory: Directory) -> None:
    directory.services = directory.services[:1]
    c = opened(http_config(tmp_path, httpserver.url_for("/hsds")))
    _, _, position = read(c)
    assert read(c, position)[0] == []
    assert directory.requests[-1]["if-none-match"]  # the stored ETag was sent ...
    assert len(directory.requests) == 2  # ... and the 304 ended the poll after one request


def test_retry_after_on_503_and_429(tmp_path: Path, httpserver: HTTPServer, directory: Directory) -> None:
    directory.services = directory.services[:1]
    directory.fail_next = [Response(status=503, headers={"Retry-After": "1"}), Response(status=429, headers={"Retry-After": "0"})]
    c = opened(http_config(tmp_path, httpserver.url_for("/hsds")))
    offers, _, _ = read(c)
    assert len(offers) == 1 and len(directory.requests) == 3
    directory.fail_next = [Response(status=429, headers={"Retry-After": "600"})]
    with pytest.raises(SourceUnavailable) as caught:
        read(c)
    assert caught.value.retry_after == 600  # too long to wait inside the poll: the runtime schedules it


def test_config_rejects_unknown_category_codes_and_two_bases(tmp_path: Path) -> None:
    from connectors import ConfigError

    with pytest.raises(ConfigError, match="category_map.x.*unknown category code.*sprachkurse"):
        load_connector(http_config(tmp_path, "http://x", category_map={"x": "sprachkurse"}))
    with pytest.raises(ConfigError, match="exactly one of 'url' and 'path'"):
        load_connector(http_config(tmp_path, "http://x", path="hsds"))


@pytest.mark.kafka
async def test_connect_run_once_end_to_end(hub_settings: Settings, topics: dict[str, str], tmp_path: Path,
                                           httpserver: HTTPServer) -> None:
    body = json.loads((EXAMPLES / "hsds" / "services.json").read_text(encoding="utf-8"))
    for name in ("services", "organizations", "locations"):
        data = json.loads((EXAMPLES / "hsds" / f"{name}.json").read_text(encoding="utf-8"))
        httpserver.expect_request(f"/hsds/{name}").respond_with_json(data)
    assert body["total_pages"] == 1
    example = (EXAMPLES / "hsds-stadt-leipzig.yaml").read_text(encoding="utf-8")
    config = tmp_path / "hsds.yaml"
    config.write_text(example.replace("path: hsds", f"url: {httpserver.url_for('/hsds')}"), encoding="utf-8")

    def run() -> str:
        result = CliRunner().invoke(connect_cmd.app, ["run", "--once", str(config)],
                                    obj=CliState(hub_settings, Console(width=200), Console(width=200)))
        assert result.exit_code == 0, result.output
        return result.output

    assert "read 7, produced 6, dead-lettered 1" in await asyncio.to_thread(run)
    offers = await events_on(hub_settings, "offers")
    assert len(offers) == 7 and {o.source for o in offers} == {SOURCE}
    [letter] = await dead_letters(hub_settings)
    assert letter["field.path"] == "attributes[].taxonomy_term" and "Sozialleistungen" in letter["exception.message"]
    assert json.loads(letter["payload"])["id"] == "svc-007"
    assert "produced=0 quality_notes=0 read=0" in await asyncio.to_thread(run)  # unchanged: nothing new
    assert len(await events_on(hub_settings, "offers")) == 7
