"""Stories: the claims about one proposition, grouped, with a label from their facets.

A story is a connected component of the claims joined by ``same``,
``corroborates``, ``contradicts`` or ``updates`` links (``cites`` alone joins
nothing: citing a source is not saying the same thing). Its id is derived from
its smallest claim id, so the same links make the same stories whatever order
the articles came in. A claim linked to nothing is in no story.

The label names what the members share: the topic of their figures, the actors
most of them name and the region most of them are placed in — "troops · North
Korean armed forces, Russia · Kursk Oblast".
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..query import StoredClaim
from .candidates import ClaimFeatures

LABEL_ACTORS = 2  # actors named in a label at most
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


def components(edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The connected components of an undirected graph given by its edges, each sorted, by smallest id.

    Union–find with path halving; nodes with no edge are not listed.
    """
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in edges:
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            # The smaller id becomes the root, so roots do not depend on edge order.
            parent[max(root_a, root_b)] = min(root_a, root_b)
    groups: dict[str, list[str]] = {}
    for node in parent:
        groups.setdefault(find(node), []).append(node)
    return sorted((sorted(group) for group in groups.values()), key=lambda group: group[0])


def story_id(members: Sequence[str]) -> str:
    """A story's id: 16 hex digits of SHA-256 over its smallest claim id."""
    return hashlib.sha256(f"story:{min(members)}".encode()).hexdigest()[:16]


def make_story(members: Sequence[StoredClaim], features: Sequence[ClaimFeatures]) -> Story:
    """The story of these claims, labelled from what they share."""
    dates = [stored.published for stored in members if stored.published is not None]
    return Story(
        id=story_id([stored.claim.id for stored in members]),
        label=story_label(members, features),
        size=len(members),
        first_published=min(dates) if dates else None,
        last_published=max(dates) if dates else None,
    )


def story_label(members: Sequence[StoredClaim], features: Sequence[ClaimFeatures]) -> str:
    """Topic, the actors named most often (at most two), and the region named most often."""
    parts = []
    topics = Counter(f.topic.label for f in features if f.topic is not None)
    if topics:
        parts.append(_most_common(topics))
    actors = Counter(name for stored in members for name in {a.name for a in stored.claim.actors})
    if actors:
        ranked = sorted(actors.items(), key=lambda item: (-item[1], item[0]))
        parts.append(", ".join(name for name, _ in ranked[:LABEL_ACTORS]))
    regions = Counter(admin1 for f in features for admin1 in f.admin1s)
    if regions:
        parts.append(_most_common(regions))
    return LABEL_SEPARATOR.join(parts) or members[0].claim.text[:60]


def _most_common(counts: Counter[str]) -> str:
    """The most frequent value, alphabetically first among equals (so labels are stable)."""
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]
