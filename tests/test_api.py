"""The top-level Python API: claimgraph.extract() and claimgraph.open()."""

from __future__ import annotations

import importlib

import claimgraph


def test_extract_stays_a_function_after_the_subpackage_is_imported():
    importlib.import_module("claimgraph.extract")
    importlib.import_module("claimgraph.extract.nlp")
    importlib.import_module("claimgraph.kb")
    first = claimgraph.extract("Officials said the bridge was destroyed.", outlet="Ukrinform")
    second = claimgraph.extract("Officials said the bridge was destroyed.", outlet="Ukrinform")
    assert callable(claimgraph.extract) and first.to_dict() == second.to_dict()
    (claim,) = first.claims
    assert claim.attribution.source.name == "Officials"


def test_open_ingest_and_query(tmp_path):
    article = tmp_path / "report.txt"
    article.write_text(
        "Title: Strike on Kharkiv\nOutlet: Ukrinform\nPublished: 2025-03-10\n\n"
        "Kharkiv mayor Ihor Terekhov said three drones hit the city overnight.\n",
        encoding="utf-8",
    )
    with claimgraph.open(str(tmp_path / "kb.db")) as kb:
        report = kb.ingest([article])
        assert report.added == 1
        (claim,) = kb.claims(source="Terekhov")
        (quantity,) = claim.claim.quantities
        assert (quantity.low, quantity.unit) == (3, "drones")
        assert claim.outlet == "Ukrinform" and claim.claim.attribution.source.role
