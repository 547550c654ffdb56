"""Exports of a knowledge base's claims in the formats other tools read.

    >>> import claimgraph
    >>> from claimgraph.export import export
    >>> with claimgraph.open("claims.db") as kb, open("kursk.geojson", "w") as out:
    ...     export(kb, "geojson", out, place="Kursk")

One module per format, each with ``write(kb, claims, out)``: :mod:`.jsonl`
(lossless, read back by ``claimgraph ingest``), :mod:`.csv` (the columns of
``claimgraph claims --format csv``), :mod:`.geojson` (RFC 7946, one Feature per
claim and place) and :mod:`.stix` (a STIX 2.1 bundle built with the ``stix2``
library). The claims are chosen with the filters of
:meth:`claimgraph.kb.KnowledgeBase.claims`. docs/exports.md describes each format.
"""

from __future__ import annotations

from typing import Any, TextIO

from ..kb import KnowledgeBase
from . import csv, geojson, jsonl, stix

__all__ = ["FORMATS", "export"]

#: Writer for each format name of ``claimgraph export --format``.
FORMATS = {"jsonl": jsonl.write, "csv": csv.write, "geojson": geojson.write, "stix": stix.write}


def export(kb: KnowledgeBase, fmt: str, out: TextIO, **filters: Any) -> int:
    """Write the claims matching ``filters`` to ``out`` in one format.

    kb (KnowledgeBase): the knowledge base.
    fmt (str): ``jsonl``, ``csv``, ``geojson`` or ``stix``.
    out (TextIO): where to write (a text file or standard output).
    filters: the keywords of :meth:`KnowledgeBase.claims` (``source``, ``place``, ``grade``, …).
    RETURNS (int): the number of claims exported.
    RAISES (ValueError): an unknown format, or a bad filter value.
    RAISES (TypeError): an unknown filter name.
    """
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    claims = kb.claims(**filters)
    FORMATS[fmt](kb, claims, out)
    return len(claims)
