"""Generator C: valid offers, reproducible, complete truth, a realistic share of duplicates, every family present."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from schemas import Offer
from tests.synthetic_c import generate, generate_with_rows
from tests.synthetic_c.vocab import ACTIVITIES
from tests.synthetic_c.world import FAMILIES

N = 1200


@cache
def _rows(seed: int) -> tuple[list[dict], list[dict]]:
    return generate_with_rows(seed, N)


@pytest.mark.parametrize("seed", [1, 2])
def test_every_offer_validates(seed: int) -> None:
    offers, _ = _rows(seed)
    for offer in offers:
        model = Offer.model_validate(offer)
        assert model.id == offer["id"]


def test_same_seed_same_output_and_other_seed_differs() -> None:
    a = generate(11, 300)
    b = generate(11, 300)
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
    assert generate(12, 300)[0] != a[0]


@pytest.mark.parametrize("seed", [1, 2])
def test_ids_unique_and_truth_complete(seed: int) -> None:
    offers, rows = _rows(seed)
    ids = [o["id"] for o in offers]
    assert len(ids) == len(set(ids))
    assert abs(len(offers) - N) <= N * 0.05
    truth = {r["offer_id"]: r["truth_id"] for r in rows}
    assert set(truth) == set(ids)
    pairs = Counter((o["source"], o["source_record_id"]) for o in offers)
    assert max(pairs.values()) == 1


@pytest.mark.parametrize("seed", [1, 2])
def test_share_in_clusters(seed: int) -> None:
    _, rows = _rows(seed)
    sizes = Counter(r["truth_id"] for r in rows)
    clustered = sum(n for n in sizes.values() if n >= 2)
    assert 0.35 <= clustered / len(rows) <= 0.55


@pytest.mark.parametrize("seed", [1, 2])
def test_every_hard_negative_family_appears(seed: int) -> None:
    _, rows = _rows(seed)
    by_family: dict[str, set[str]] = {}
    for r in rows:
        if r["hard_negative_family"]:
            by_family.setdefault(r["hard_negative_family"], set()).add(r["truth_id"])
    assert set(by_family) == set(FAMILIES)
    assert all(len(reals) >= 2 for reals in by_family.values())


def test_vocabulary_covers_the_taxonomy() -> None:
    from schemas import category_codes

    assert len(ACTIVITIES) >= 50
    assert {a.cat for a in ACTIVITIES} == set(category_codes())
    assert all(alt in category_codes() for a in ACTIVITIES for alt in a.alt)


def test_no_real_contacts() -> None:
    offers, _ = _rows(1)
    for o in offers:
        contact = o.get("contact") or {}
        if "email" in contact:
            assert contact["email"].endswith(".example.org")
        if "url" in contact:
            assert ".example.org" in contact["url"]


def test_cli_writes_files(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-m", "tests.synthetic_c", "--seed", "3", "--offers", "200", "--out", str(tmp_path)],
                         cwd=root, capture_output=True, text=True, check=True)
    counts = json.loads(out.stdout)
    assert counts["listings"] == 200
    assert len((tmp_path / "offers.jsonl").read_text(encoding="utf-8").splitlines()) == 200
    header = (tmp_path / "truth.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "offer_id,truth_id,source_kind,variant_notes,hard_negative_family"
