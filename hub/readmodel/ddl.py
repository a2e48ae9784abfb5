"""The read store's tables, in SQL that SQLite and PostgreSQL both accept.

Times are stored as fixed-width UTC text (``2026-11-27T09:00:00.000000Z``) so they compare as strings;
lists and nested objects as JSON text, so the same schema serves both databases.
"""

from __future__ import annotations

TABLES: tuple[str, ...] = (
    "positions", "meta", "needs", "offers", "history", "states", "matches", "gaps", "coverage",
    "duplicates", "reviews", "deadletters",
)
# Tables of earlier layouts, dropped when a store of an older layout is opened.
RETIRED_TABLES: tuple[str, ...] = ("commitments",)

LAYOUT = 2
"""Grows when a table changes shape; a store of another layout is rebuilt from the topics on open."""

DDL: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS positions (
        topic TEXT NOT NULL, part INTEGER NOT NULL, next_offset BIGINT NOT NULL,
        PRIMARY KEY (topic, part))""",
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS needs (
        id TEXT PRIMARY KEY, source TEXT NOT NULL, revision BIGINT NOT NULL,
        title TEXT NOT NULL, description TEXT NOT NULL, category TEXT NOT NULL,
        urgency TEXT NOT NULL, urgency_rank INTEGER NOT NULL, ags TEXT NOT NULL, district TEXT,
        quantity BIGINT NOT NULL, unit TEXT NOT NULL, owner TEXT,
        status TEXT NOT NULL, status_at TEXT NOT NULL, committed BIGINT NOT NULL DEFAULT 0, remaining BIGINT,
        expires_at TEXT, expired INTEGER NOT NULL DEFAULT 0, state TEXT,
        occurred_at TEXT NOT NULL, search TEXT NOT NULL, data TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS needs_area ON needs (ags, district, category)",
    """CREATE TABLE IF NOT EXISTS offers (
        id TEXT PRIMARY KEY, source TEXT NOT NULL, revision BIGINT NOT NULL,
        title TEXT NOT NULL, description TEXT NOT NULL, category TEXT NOT NULL,
        organisation TEXT NOT NULL, organisation_kind TEXT NOT NULL, ags TEXT NOT NULL, districts TEXT NOT NULL,
        capacity BIGINT, committed BIGINT NOT NULL DEFAULT 0, remaining BIGINT,
        expires_at TEXT, expired INTEGER NOT NULL DEFAULT 0, state TEXT,
        status TEXT NOT NULL, status_at TEXT NOT NULL,
        occurred_at TEXT NOT NULL, search TEXT NOT NULL, data TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS offers_area ON offers (ags, category)",
    """CREATE TABLE IF NOT EXISTS history (
        entity_id TEXT NOT NULL, dedupe TEXT NOT NULL, seq BIGINT NOT NULL,
        event_id TEXT NOT NULL, type TEXT NOT NULL, time TEXT NOT NULL, source TEXT NOT NULL,
        topic TEXT NOT NULL, new_status TEXT, capacity_change BIGINT, data TEXT NOT NULL,
        PRIMARY KEY (entity_id, dedupe))""",
    "CREATE INDEX IF NOT EXISTS history_order ON history (entity_id, time, seq)",
    # the engine's latest state per need and offer (topic `state`); may arrive before the entity's row
    """CREATE TABLE IF NOT EXISTS states (
        entity_id TEXT PRIMARY KEY, entity_kind TEXT NOT NULL, entity_revision BIGINT NOT NULL,
        revision BIGINT NOT NULL, changed_at TEXT NOT NULL, data TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS matches (
        id TEXT PRIMARY KEY, need_id TEXT NOT NULL, offer_id TEXT NOT NULL, score DOUBLE PRECISION NOT NULL,
        rank INTEGER NOT NULL, reasons TEXT NOT NULL, computed_at TEXT)""",
    "CREATE INDEX IF NOT EXISTS matches_need ON matches (need_id)",
    """CREATE TABLE IF NOT EXISTS gaps (
        id TEXT PRIMARY KEY, need_id TEXT, ags TEXT, district TEXT, category TEXT,
        urgency TEXT, urgency_rank INTEGER, reasons TEXT, open_since TEXT, raised_at TEXT, sla_seconds BIGINT,
        state TEXT NOT NULL, resolution TEXT, resolved_at TEXT)""",
    "CREATE INDEX IF NOT EXISTS gaps_state ON gaps (state, urgency_rank, open_since)",
    """CREATE TABLE IF NOT EXISTS coverage (
        ags TEXT NOT NULL, district TEXT NOT NULL, category TEXT NOT NULL, id TEXT NOT NULL,
        horizon_days INTEGER NOT NULL, open_demand BIGINT NOT NULL, available_capacity BIGINT NOT NULL,
        ratio DOUBLE PRECISION, is_gap INTEGER NOT NULL, computed_at TEXT NOT NULL,
        PRIMARY KEY (ags, district, category))""",
    """CREATE TABLE IF NOT EXISTS duplicates (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL, offer_ids TEXT NOT NULL, score DOUBLE PRECISION NOT NULL,
        evidence TEXT NOT NULL, status TEXT NOT NULL, overlap TEXT, open_demand BIGINT,
        combined_capacity BIGINT, detected_at TEXT, review_decision TEXT, reviewed_at TEXT)""",
    """CREATE TABLE IF NOT EXISTS reviews (
        id TEXT PRIMARY KEY, cluster_id TEXT NOT NULL, offer_ids TEXT NOT NULL, decision TEXT NOT NULL,
        reviewer TEXT NOT NULL, note TEXT NOT NULL, occurred_at TEXT NOT NULL)""",
    "CREATE TABLE IF NOT EXISTS deadletters (reason TEXT PRIMARY KEY, count BIGINT NOT NULL, last_at TEXT NOT NULL)",
)
