"""Title wordings: the activity's name in the style a source uses, plus what sets the offer apart.

Where a hard-negative family relies on the title, the core name is drawn from names that carry the
activity's marks and never from names that show a sibling's mark.
"""

from __future__ import annotations

import random

from .activities import marked
from .facts import has_mark
from .real import RealOffer
from .timing_text import EN_MONTHS

TITLE_FACT_FAMILIES = ("org_roles",)


def _sibling_marks(real: RealOffer) -> list[str]:
    return [m for f in real.sibling_facts if f.field == "title" for m in f.values]


def _clean(real: RealOffer, names: tuple[str, ...]) -> list[str]:
    bad = _sibling_marks(real)
    own_variant = real.variant.marks if real.variant else ()
    out = [n for n in names if not any(has_mark(n, m) for m in bad)]
    # a name that already names another level/age/term of the same kind would confuse the variant
    if real.variant:
        out = [n for n in out if not any(has_mark(n, m) for m in own_variant)] or out
    return out


def core(real: RealOffer, lang: str, rng: random.Random) -> str:
    """The activity's name: lang is de, en, easy, abbr or brand."""
    a = real.activity
    if real.programme and lang in ("de", "brand") and rng.random() < 0.75:
        return rng.choice((real.programme, real.programme, f"{real.programme} – {rng.choice(a.de)}"))
    pools = {"de": a.de, "en": a.en, "easy": a.easy or a.de, "abbr": a.abbr or a.de,
             "brand": (real.brand,) if real.brand else a.de}
    pool = pools[lang]
    if real.family in TITLE_FACT_FAMILIES:
        pool = marked(pool, a) or marked(a.de, a) or pool
    names = _clean(real, pool) or _clean(real, marked(a.de, a)) or list(a.de)
    return rng.choice(names)


def variant_suffix(real: RealOffer, lang: str, rng: random.Random) -> str:
    if not real.variant or real.variant.kind == "event":
        return ""
    pool = real.variant.en if lang == "en" else real.variant.de
    text = rng.choice(pool)
    if "(" in text:
        return f" {text}" if text.startswith("(") else rng.choice((f" {text}", f" – {text}"))
    return rng.choice((f" {text}", f" – {text}", f" ({text})"))


def with_variant(real: RealOffer, title: str, lang: str, rng: random.Random) -> str:
    """Adds the level, age group, term ... and, for a special event, the event's name."""
    if real.variant and real.variant.kind == "event":
        event = rng.choice(real.variant.en if lang == "en" else real.variant.de)
        when = ""
        if real.timing and real.timing.window and rng.random() < 0.5:
            day = real.timing.window[0]
            when = f" on {day.day} {EN_MONTHS[day.month - 1]}" if lang == "en" else rng.choice((f" am {day:%d.%m.}", f" am {day.day}.{day.month}.",
                                                                               f" ({day:%d.%m.%Y})"))
        if lang == "en":
            return rng.choice((f"{event}{when} – {title}", f"{title}: {event}{when}", f"{event}{when}"))
        return rng.choice((f"{event}{when} – {title}", f"{title}: {event}{when}", f"{event} beim „{title}“{when}",
                           f"{event}{when}"))
    return title + variant_suffix(real, lang, rng)


def canonical(real: RealOffer) -> str:
    """A plain title that shows the offer's own fact and no sibling's: used to repair a listing."""
    rng = random.Random(real.truth_id)
    return with_variant(real, core(real, "de", rng), "de", rng)
