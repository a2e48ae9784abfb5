"""Groups of offers joined by links (union-find): confirmed pairs, parallel offers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def connected_groups(members: Sequence[str], links: Iterable[tuple[str, str]]) -> list[list[str]]:
    """`members` grouped by the links between them; groups in the order of their first member, each
    in member order. Links naming an offer outside `members` are a misuse (KeyError)."""
    parent = {member: member for member in members}

    def root(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]  # path halving keeps the trees flat
            node = parent[node]
        return node

    for a, b in links:
        parent[root(a)] = root(b)
    groups: dict[str, list[str]] = {}
    for member in members:
        groups.setdefault(root(member), []).append(member)
    return list(groups.values())
