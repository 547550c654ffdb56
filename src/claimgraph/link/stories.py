"""Stories: the claims about one proposition, grouped, with a label from their facets.

A story is a connected component of the claims joined by ``same``,
``corroborates`` or ``contradicts`` links, or of which one updates the other —
every such pair, not only the consecutive estimates that keep an ``updates``
link (``cites`` alone joins nothing: citing a source is not saying the same
thing). Its id is derived from its smallest claim id, so the same links make the
same stories whatever order the articles came in. A claim linked to nothing is
in no story. Components only ever merge, so the linker keeps them with a
:class:`UnionFind` over the pairs of each run and the stories already stored.

The label names what the members share: the topic of their figures, the actors
most of them name and the region most of them are placed in — "troops · North
Korean armed forces, Russia · Kursk Oblast" — read from the story's
:data:`LABEL_SAMPLE` smallest claim ids.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from .candidates import ClaimFeatures

LABEL_ACTORS = 2  # actors named in a label at most
LABEL_SAMPLE = 50  # members a label is read from: a story's smallest claim ids
LABEL_SEPARATOR = " · "


@dataclass(frozen=True)
class StoryRef:
    """A claim's story, as the JSON contract gives it: ``{id, label}``."""

    id: str
    label: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label}


@dataclass(frozen=True)
class Story:
    """A story with its size and the publication dates of its first and last claims."""

    id: str
    label: str
    size: int
    first_published: date | None
    last_published: date | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "size": self.size,
            "first_published": self.first_published.isoformat() if self.first_published else None,
            "last_published": self.last_published.isoformat() if self.last_published else None,
        }


class UnionFind:
    """Disjoint sets of ids, merged edge by edge (path halving; the smaller root wins, so order does not matter)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, node: str) -> str:
        parent = self.parent
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)

    def groups(self) -> list[list[str]]:
        """The sets, each sorted, by smallest member."""
        groups: dict[str, list[str]] = {}
        for node in self.parent:
            groups.setdefault(self.find(node), []).append(node)
        return sorted((sorted(group) for group in groups.values()), key=lambda group: group[0])


def story_id(smallest_member: str) -> str:
    """A story's id: 16 hex digits of SHA-256 over its smallest claim id."""
    return hashlib.sha256(f"story:{smallest_member}".encode()).hexdigest()[:16]


def story_label(sample: Sequence[ClaimFeatures]) -> str:
    """Topic, the actors named most often (at most two), and the region named most often.

    sample (Sequence[ClaimFeatures]): the story's :data:`LABEL_SAMPLE` smallest
        member ids (all of a smaller story): a sample that does not depend on the
        order claims arrived in, so a story of thousands is relabelled from a few dozen.
        Every member of a story has a topic (claims without one are never linked).
    """
    parts = []
    topics = Counter(f.topic.label for f in sample if f.topic is not None)
    if topics:
        parts.append(_most_common(topics))
    actors = Counter(name for f in sample for name in f.actor_names)
    if actors:
        ranked = sorted(actors.items(), key=lambda item: (-item[1], item[0]))
        parts.append(", ".join(name for name, _ in ranked[:LABEL_ACTORS]))
    regions = Counter(admin1 for f in sample for admin1 in f.admin1s)
    if regions:
        parts.append(_most_common(regions))
    return LABEL_SEPARATOR.join(parts)


def _most_common(counts: Counter[str]) -> str:
    """The most frequent value, alphabetically first among equals (so labels are stable)."""
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]
