"""Generator D keeps its promises: valid offers, determinism, realistic duplicates, fair hard negatives."""

from __future__ import annotations

import json
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from schemas import Offer, Schedule, entity_id, expand, find_contact_data
from tests.synthetic_d import generate, generate_listings, generate_with_rows
from tests.synthetic_d.places import TOWNS
from tests.synthetic_d.sources import SOURCE_KINDS, Listing
from tests.synthetic_d.stats import summarise
from tests.synthetic_d.world import FAMILIES, Truth

SEED, N = 11, 1500


@pytest.fixture(scope="module")
def world() -> tuple[list[Truth], list[Listing]]:
    return generate_listings(SEED, N)


@pytest.fixture(scope="module")
def listings(world: tuple[list[Truth], list[Listing]]) -> list[Listing]:
    return world[1]


@pytest.fixture(scope="module")
def validated(listings: list[Listing]) -> list[Offer]:
    return [Offer.model_validate(listing.offer) for listing in listings]


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


# --- the contract


def test_every_offer_validates_and_only_page_contacts_are_moved(listings: list[Listing],
                                                                 validated: list[Offer]) -> None:
    moved = [bool(offer.quality) for offer in validated]
    expected = ["contact:in_text" in listing.notes for listing in listings]
    # the contract moves a phone or mail out of the text; only pages that print them may trigger that
    assert moved == expected
    assert sum(moved) > 20


def test_ids_are_entity_ids_unique_and_truth_is_complete() -> None:
    offers, truth = generate(SEED, 800)
    ids = [o["id"] for o in offers]
    assert len(set(ids)) == len(ids)
    assert set(truth) == set(ids)
    assert all(o["id"] == entity_id(str(o["source"]), str(o["source_record_id"])) for o in offers)
    assert all(truth[i] for i in ids)


@pytest.mark.parametrize("n", [120, 700, 2000])
def test_offer_count_is_close_to_the_request(n: int) -> None:
    offers, _ = generate(3, n)
    assert abs(len(offers) - n) <= 0.05 * n


def test_same_seed_same_bytes_other_seed_other_data() -> None:
    a, rows_a = generate_with_rows(4, 600)
    b, rows_b = generate_with_rows(4, 600)
    c, _ = generate_with_rows(5, 600)
    assert json.dumps(a, ensure_ascii=False) == json.dumps(b, ensure_ascii=False) and rows_a == rows_b
    assert json.dumps(a, ensure_ascii=False) != json.dumps(c, ensure_ascii=False)


def test_two_thousand_offers_in_under_five_seconds() -> None:
    start = time.perf_counter()
    generate(9, 2000)
    assert time.perf_counter() - start < 5.0


# --- realistic duplicates


def test_duplicate_share_and_cluster_sizes_are_realistic(listings: list[Listing]) -> None:
    summary = summarise({"truth_id": x.truth.id, "source_kind": x.kind} for x in listings)
    share = summary.in_clusters / summary.listings
    assert 0.18 <= share <= 0.36, share
    singles = summary.cluster_sizes[1] / summary.real_offers
    assert 0.75 <= singles <= 0.9, singles
    assert max(summary.cluster_sizes) <= 6 and max(summary.cluster_sizes) >= 4


def test_listings_of_one_offer_come_from_several_systems_and_differ(listings: list[Listing]) -> None:
    by_truth: dict[str, list[Listing]] = defaultdict(list)
    for x in listings:
        by_truth[x.truth.id].append(x)
    pairs = same = distinct_sources = 0
    for group in by_truth.values():
        distinct_sources += len({x.offer["source"] for x in group}) == len(group)
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                pairs += 1
                keys = ("title", "description", "organisation", "location", "contact")
                same += all(a.offer.get(k) == b.offer.get(k) for k in keys)
    assert pairs > 100
    assert same / pairs < 0.02  # re-posts may copy, but nearly every pair has to be told together
    assert distinct_sources / len(by_truth) > 0.97  # a second record in one system is rare


def test_every_source_kind_is_present_with_its_habits(listings: list[Listing]) -> None:
    kinds = Counter(x.kind for x in listings)
    assert set(kinds) == set(SOURCE_KINDS)
    for x in listings:
        o = x.offer
        if x.kind == "welcome_guide_en":
            assert "When:" in str(o["description"]) and "Where:" in str(o["description"])
        elif x.kind == "org_website":
            assert str(o["description"]).startswith("<p>")
        elif x.kind == "hsds_export":
            assert o["location"]["name"] and "lat" in o["location"]
        elif x.kind == "coordination_sheet":
            assert "lat" not in o.get("location", {}) and len(str(o["title"])) < 60
        elif x.kind == "regional_aggregator":
            assert any(n.startswith("repost_of:") for n in x.notes)


def test_rrules_keep_the_real_weekday_and_hour(listings: list[Listing]) -> None:
    checked = 0
    for x in listings:
        schedule = x.offer.get("schedule")
        if not schedule or "time:outdated" in x.notes:
            continue
        sessions = expand(Schedule.model_validate(schedule), datetime(2025, 1, 1), datetime(2027, 1, 1), limit=5)
        assert sessions, x.offer["title"]
        when = x.truth.when
        for s in sessions:
            local = s.start.astimezone(s.start.tzinfo)
            assert local.weekday() in when.days and local.hour * 60 + local.minute == when.start
            assert s.end - s.start == timedelta(minutes=when.end - when.start)
        checked += 1
    assert checked > 200


# --- hard negatives


def test_every_family_is_present_with_several_groups(world: tuple[list[Truth], list[Listing]]) -> None:
    truths, _ = world
    groups: dict[str, set[str]] = defaultdict(set)
    for t in truths:
        if t.family:
            groups[t.family].add(t.family_group)
    assert set(groups) == set(FAMILIES)
    assert all(len(g) >= 5 for g in groups.values()), {f: len(g) for f, g in groups.items()}


def _members(truths: list[Truth]) -> dict[str, list[Truth]]:
    groups: dict[str, list[Truth]] = defaultdict(list)
    for t in truths:
        if t.family_group:
            groups[t.family_group].append(t)
    return groups


def test_family_members_differ_exactly_where_the_family_says(world: tuple[list[Truth], list[Listing]]) -> None:
    truths, _ = world
    for members in _members(truths).values():
        family = members[0].family
        a, b = members[0], members[1]
        assert len({t.id for t in members}) == len(members) >= 2
        if family == "same_org_other_role":
            assert a.org is b.org and a.venue is b.venue and a.act.key != b.act.key and a.mail == b.mail
        elif family == "same_activity_two_carriers":
            assert a.act is b.act and a.town is b.town and a.org is not b.org
        elif family == "same_org_two_venues":
            assert a.org is b.org and a.act is b.act and a.venue.street.district != b.venue.street.district
        elif family == "parallel_groups_one_venue":
            assert a.venue is b.venue and a.act is b.act and len({t.group for t in members}) == len(members)
        elif family == "weekly_and_special_event":
            assert a.org is b.org and (a.special is None) != (b.special is None)
            assert {a.when.rhythm, b.when.rhythm} & {"once"}
        elif family == "programme_other_town":
            assert a.programme == b.programme and a.town is not b.town
        elif family == "consecutive_terms":
            assert a.org is b.org and a.term != b.term and a.when.until and b.when.first
            assert a.when.until < b.when.first
        elif family == "umbrella_sibling_branches":
            assert a.org.umbrella == b.org.umbrella and a.org.domain == b.org.domain and a.org is not b.org
            assert a.mail != b.mail


def test_the_telling_fact_survives_in_every_listing(listings: list[Listing]) -> None:
    # hard but fair: no source drops the one fact that separates look-alike offers
    for x in listings:
        t, o = x.truth, x.offer
        title = str(o["title"])
        if t.group:
            assert any(label in title for label in t.group), (title, t.group)
        if t.term:
            assert any(label in title for label in t.term), (title, t.term)
        if t.special:
            assert any(label.lower() in title.lower() for label in t.special), (title, t.special)
        if "location" in t.keep:
            loc = o.get("location") or {}
            assert loc.get("street") or loc.get("name"), o


# --- no personal data

_FIRST_NAMES = ("Anna", "Maria", "Thomas", "Michael", "Peter", "Andreas", "Stefan", "Sabine", "Petra", "Monika",
                "Ahmad", "Mohammed", "Fatima", "Olena", "Oksana", "Ali", "Hassan", "Leila", "Julia", "Karl",
                "Hans", "Ursula", "Elisabeth", "Jürgen", "Klaus", "Müller", "Schmidt", "Schneider", "Fischer",
                "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Schulz")
_NAME = re.compile(r"\b(?:" + "|".join(_FIRST_NAMES) + r")\b")
_SALUTATION = re.compile(r"\b(?:Frau|Herr|Hr\.|Ansprechpartner(?:in)?:?|contact person:?)\s+[A-ZÄÖÜ][a-zäöüß]+")
_MAIL = re.compile(r"[\w.+-]+@[\w.-]+")


def test_no_person_names_and_only_example_contacts(listings: list[Listing], validated: list[Offer]) -> None:
    for x in listings:
        for text in _strings(x.offer):
            assert not _NAME.search(text), text
            assert not _SALUTATION.search(text), text
            for mail in _MAIL.findall(text):
                assert mail.endswith(".example.org"), mail
            for url in re.findall(r"https?://[^\s/]+", text):
                assert url.endswith(".example.org"), url
    area_codes = {town.ags: town.area_code for town in TOWNS}
    for offer in validated:
        texts = [offer.title, offer.description, offer.organisation.name]
        assert not any(find_contact_data(text) for text in texts)
        if offer.contact and offer.contact.phone:
            phone = offer.contact.phone
            digits = re.sub(r"\D", "", phone.replace("(0)", ""))
            digits = digits[2:] if phone.startswith("+49") else digits[1:]  # country code or trunk 0
            assert digits[:-7] == area_codes[offer.area.ags] and digits[-7:].startswith("555"), phone
