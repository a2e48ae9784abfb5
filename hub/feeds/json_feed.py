"""The JSON feed: the same selection as the iCalendar feed, for initiatives' websites.

Each item is the offer without e-mail and phone (the feeds are readable without an API token), with
its category labels, its link and the calendar UIDs its events have in the iCalendar feed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from schemas import category

from hub.feeds.ical import events_of, offer_url
from hub.feeds.selection import sequence_of

_PUBLIC_FIELDS = ("id", "title", "description", "category", "organisation", "area", "location", "schedule",
                  "languages", "target_groups", "capacity", "status", "valid_from", "valid_until", "revision",
                  "occurred_at")


def item_of(offer: dict[str, Any], tag: str, api_base: str) -> dict[str, Any]:
    cat = category(offer["category"])
    url = offer_url(offer, api_base)
    return {
        **{k: offer.get(k) for k in _PUBLIC_FIELDS},
        "category_label": {"de": cat.label_de, "en": cat.label_en},
        "url": url, "sequence": sequence_of(int(offer["revision"])),
        "calendar_uids": [str(e["uid"]) for e in events_of(offer, tag, url)],
    }


def json_of(offers: Iterable[dict[str, Any]], *, tag: str, api_base: str) -> dict[str, Any]:
    items = [item_of(o, tag, api_base) for o in offers]
    return {"tag": tag, "total": len(items), "items": items}
