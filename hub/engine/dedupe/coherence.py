"""Clusters without chaining: a linked group stays one cluster only if it is coherent.

Links above the threshold form connected groups; on real listings one organisation's different
roles (office, PR, bookkeeping) are each linked to one or two others through the shared intro and
venue, and a connected group would chain them all into one cluster. A group is kept whole only if
every member is linked to at least `min_cohesion` of the other members; otherwise it is split by
average linkage: start from single offers (offers a reviewer confirmed as the same start together),
repeatedly join the two parts with the highest share of links between them, as long as that share
reaches `min_cohesion`.

Two offers that say they are two (a Monday and a Wednesday group, two dates of one yearly fair, one
format in two branch libraries, two pages of one organisation's site) never end up in one cluster
through a third listing that names neither: a group holding such a pair is split, no join puts
them together, and the third listing joins the one its link clearly prefers (a score higher by
`margin`), or, linked to both alike with nothing to tell which it lists, neither (its links go to a
person as reviews). A group holding a reviewer's confirm is exempt: the person has seen its times and
places, and a confirmed pair may itself differ in them (a listing that kept an old weekday). Scores
are the stored ones, so the result depends only on the links and their scores, never on arrival order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from hub.engine.dedupe.components import connected_groups

__all__ = ["coherent_clusters"]


def coherent_clusters(
    members: Sequence[str], linked: Callable[[str, str], bool], confirmed: Callable[[str, str], bool],
    min_cohesion: float, conflicting: Callable[[str, str], bool] = lambda a, b: False,
    strength: Callable[[str, str], float] | None = None, margin: float = 0.05,
) -> list[list[str]]:
    """Split a connected group of offers into coherent clusters (each sorted, singletons included)."""
    ordered = sorted(members)
    if len(ordered) <= 2:
        return [ordered]
    links = {member: {other for other in ordered if other != member and linked(member, other)} for member in ordered}
    pairs = [(a, b) for index, a in enumerate(ordered) for b in ordered[index + 1:]]
    reviewed = any(confirmed(a, b) for a, b in pairs)
    apart = set() if reviewed else {(a, b) for a, b in pairs if b not in links[a] and conflicting(a, b)}
    needed = min_cohesion * (len(ordered) - 1)
    if not apart and all(len(links[member]) >= needed for member in ordered):
        return [ordered]
    # a listing linked to two offers at other times or places joins the one it is clearly more like
    # (the other is shunned), or, with nothing to tell which it lists, neither
    ambiguous: set[str] = set()
    shunned: dict[str, set[str]] = {}
    for member in ordered:
        for a, b in ((a, b) for a in links[member] for b in links[member] if a < b and (a, b) in apart):
            weaker = _weaker_link(member, a, b, strength, margin)
            if weaker is None:
                ambiguous.add(member)
            else:
                shunned.setdefault(member, set()).add(weaker)
    parts = _confirmed_parts(ordered, confirmed)
    while len(parts) > 1:
        best: tuple[float, int, int] | None = None
        for i in range(len(parts)):
            for j in range(i + 1, len(parts)):
                if any(len(part) == 1 and part[0] in ambiguous for part in (parts[i], parts[j])):
                    continue
                between = sum(1 for a in parts[i] for b in parts[j] if b in links[a])
                if not between or any((min(a, b), max(a, b)) in apart for a in parts[i] for b in parts[j]):
                    continue
                if any(b in shunned.get(a, ()) or a in shunned.get(b, ()) for a in parts[i] for b in parts[j]):
                    continue
                share = between / (len(parts[i]) * len(parts[j]))
                if best is None or share > best[0]:
                    best = (share, i, j)
        if best is None or best[0] < min_cohesion:
            break
        _, i, j = best
        parts[i] = sorted(parts[i] + parts[j])
        del parts[j]
    return sorted(parts)


def _weaker_link(member: str, a: str, b: str, strength: Callable[[str, str], float] | None,
                 margin: float) -> str | None:
    """Of two offers that say they are two, the one `member` is clearly less like (its link weaker by
    `margin`), or None when its links cannot tell them apart."""
    if strength is None:
        return None
    to_a, to_b = strength(member, a), strength(member, b)
    if to_a >= to_b + margin:
        return b
    if to_b >= to_a + margin:
        return a
    return None


def _confirmed_parts(members: list[str], confirmed: Callable[[str, str], bool]) -> list[list[str]]:
    # A reviewer's confirm holds for ever after: confirmed offers are never split apart.
    links = [(a, b) for index, a in enumerate(members) for b in members[index + 1:] if confirmed(a, b)]
    return sorted(connected_groups(members, links))
