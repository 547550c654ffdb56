"""The JSON Lines round trip on the demo corpus: 27 articles, their chains, links and stories."""

from __future__ import annotations

import pytest

import claimgraph
from claimgraph.datafiles import demo_articles
from claimgraph.export import export


@pytest.fixture(scope="module")
def demo_pair(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("demo")
    with demo_articles() as articles, claimgraph.open(folder / "demo.db") as kb:
        kb.ingest(articles)
        with (folder / "demo.jsonl").open("w", encoding="utf-8") as out:
            export(kb, "jsonl", out)
    with claimgraph.open(folder / "copy.db") as kb:
        kb.ingest([folder / "demo.jsonl"])
    with claimgraph.open(folder / "demo.db") as original, claimgraph.open(folder / "copy.db") as copy:
        yield original, copy


def test_every_claim_with_story_grade_and_links_comes_back(demo_pair):
    original, copy = demo_pair
    assert original.stats().claims > 200
    assert [c.to_dict() for c in copy.claims()] == [c.to_dict() for c in original.claims()]
    assert copy.stats().to_dict() == original.stats().to_dict()


def test_sources_with_cited_chains_and_track_records_come_back(demo_pair):
    original, copy = demo_pair
    # Cited sources keep their role and organisation ("a spokesman for Ukraine's
    # Special Operations Forces"), so they stay one source with its citations counted.
    assert [s.to_dict() for s in copy.sources()] == [s.to_dict() for s in original.sources()]
    assert copy.stories() == original.stories()
