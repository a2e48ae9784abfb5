"""Who gets what: a municipal system the events about its own needs, an initiative those about its offers."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from connectors.sinks.routing import Route, wants
from hub.kafka.directory import EntityDirectory
from hub.settings import Settings
from schemas import Commitment, Coverage, to_event
from tests.builders import INITIATIVE, INITIATIVE_WEST, JOBCENTER, LEIPZIG, SOZIALAMT, gap, match, need, offer, status
from tests.support import produce_models
from tests.webhooks.helpers import SECRET, SECRET_VAR, Receiver, counted, running, sink_config, wait_for

pytestmark = pytest.mark.kafka


async def test_each_party_receives_what_concerns_it(hub_settings: Settings, topics: dict[str, str],
                                                     server: HTTPServer, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SECRET_VAR, SECRET)
    receiver = Receiver(server)
    sozialamt, initiative = receiver.endpoint("/sozialamt"), receiver.endpoint("/initiative-a")
    everything = receiver.endpoint("/everything")
    ours, theirs = need("B-1"), need("J-1", source=JOBCENTER)
    mine, other = offer("A-1"), offer("W-1", source=INITIATIVE_WEST)
    ours_matched, theirs_matched, cross = match(ours, mine), match(theirs, other), match(theirs, mine)
    committed = status(ours, "C-1", source=INITIATIVE,
                       commitment=Commitment(offer_id=mine.id, need_id=ours.id, slots=2, state="confirmed"))
    covered = status(ours, source=SOZIALAMT, new_status="covered")  # about the need only: the committed initiative hears it too
    theirs_covered = status(theirs, source=JOBCENTER, new_status="covered")
    events = [ours_matched, theirs_matched, cross, committed, covered, theirs_covered, gap(ours), gap(theirs)]
    await produce_models(hub_settings, [ours, theirs, mine, other, *events])

    config = sink_config(tmp_path / "webhook.yaml", [
        {"name": "sozialamt", "url": sozialamt, "sources": [SOZIALAMT], "types": ["org.koordinate.*"]},
        {"name": "initiative-a", "url": initiative, "sources": [INITIATIVE],
         "types": ["org.koordinate.match.v1", "org.koordinate.status.v1"]},
        {"name": "everything", "url": everything},
    ])
    async with running(hub_settings, config) as task:
        await wait_for(task, counted(hub_settings, "everything", delivered=len(events)), "every event delivered")

    ids = lambda *models: sorted(to_event(m).id for m in models)  # noqa: E731
    assert sorted(receiver.ids_at("/sozialamt")) == ids(ours_matched, committed, covered, gap(ours))
    assert sorted(receiver.ids_at("/initiative-a")) == ids(ours_matched, cross, committed, covered)
    assert sorted(receiver.ids_at("/everything")) == ids(*events)


def test_area_events_go_by_area_only() -> None:
    directory = EntityDirectory()
    directory.take_entity("need", need("B-1").model_dump(mode="json"))
    directory.take_entity("need", need("B-2", area={"ags": LEIPZIG, "district": "West"}).model_dump(mode="json"))
    coverage = to_event(Coverage(id="0b9f1a52-5d0e-4d8a-9a43-0b7e1c2d9f11", ags="14713000", district="Ost",
                                 category="accompaniment_interpreting", horizon_days=14, open_demand=4,
                                 available_capacity=0, is_gap=True, computed_at="2026-11-27T10:00:00+01:00"))
    east = [{"ags": "14713000", "districts": ["Ost"]}]
    assert wants(Route(areas=east), coverage, directory)
    assert not wants(Route(areas=[{"ags": "14713000", "districts": ["West"]}]), coverage, directory)
    assert not wants(Route(sources=[SOZIALAMT]), coverage, directory)  # named sources, no areas: entities only
    assert wants(Route(sources=[SOZIALAMT], areas=east), coverage, directory)
    assert not wants(Route(types=["org.koordinate.gap.*"]), coverage, directory)
    west_need = to_event(gap(need("B-2", area={"ags": LEIPZIG, "district": "West"})))
    assert wants(Route(sources=[SOZIALAMT]), west_need, directory)
    assert not wants(Route(sources=[SOZIALAMT], areas=east), west_need, directory)
    unknown = to_event(gap(need("X-9", source=JOBCENTER)))
    assert not wants(Route(sources=[SOZIALAMT]), unknown, directory)
    assert wants(Route(), unknown, directory)
