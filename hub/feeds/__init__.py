"""Offer feeds out of the read model: iCalendar (for Integreat's external-calendar import) and JSON (for websites).

`select_offers` picks the offers of an area and category, one per duplicate cluster; `calendar_of` and
`json_of` write them. The HTTP routes live in ``hub.api.routes_feeds``.
"""

from __future__ import annotations

from hub.feeds.ical import calendar_of
from hub.feeds.json_feed import json_of
from hub.feeds.selection import FeedQuery, FeedSelection, select_offers, sequence_of
from hub.feeds.settings import FeedSettings

__all__ = ["FeedQuery", "FeedSelection", "FeedSettings", "calendar_of", "json_of", "select_offers", "sequence_of"]
