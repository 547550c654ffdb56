"""Stories: connected components of linked claims, with ids and labels that do not depend on order."""

from __future__ import annotations

import itertools

from claimgraph.link.candidates import features_of
from claimgraph.link.stories import UnionFind, story_id, story_label
from claimgraph.model import EventSubtype

EDGES = [("c", "d"), ("a", "b"), ("b", "c"), ("x", "y")]


def test_components_do_not_depend_on_edge_order():
    expected = [["a", "b", "c", "d"], ["x", "y"]]
    for order in itertools.permutations(EDGES):
        sets = UnionFind()
        for a, b in order:
            sets.union(a, b)
        assert sets.groups() == expected


def test_story_id_comes_from_the_smallest_member():
    assert story_id("a") == story_id("a") != story_id("b")


def test_label_from_shared_facets(claim):
    members = [
        claim("About 10,000 North Korean soldiers are in the Kursk region", source="A", published="2024-10-28",
              article="a1", subtype=EventSubtype.PRESENCE_OF_FORCES, figure=(10000, 10000, "soldiers"),
              actors=("north_korea_armed_forces", "russia"), region="Kursk Oblast"),
        claim("There are 11,000 North Korean soldiers in Kursk", source="B", published="2024-11-05",
              article="a2", subtype=EventSubtype.PRESENCE_OF_FORCES, figure=(11000, 11000, "soldiers"),
              actors=("north_korea_armed_forces",), region="Kursk Oblast"),
    ]
    assert story_label([features_of(m) for m in members]) == "troops · Korean People's Army, Russia · Kursk Oblast"
