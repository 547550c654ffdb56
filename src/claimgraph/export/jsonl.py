"""JSON Lines export: one line per article, with its claims as the knowledge base holds them.

Each line is the article's :class:`~claimgraph.model.Document` in the JSON contract
(docs/json.md) plus ``"claimgraph_export": 1`` (the marker and the format's version, defined
beside the reader), which is how ``claimgraph ingest`` tells such a line from a plain article
record and stores the document as it is, without extracting it again
(:mod:`claimgraph.ingest.jsonl`). Each claim also carries its ``story``, ``grade``
and ``links`` as ``claimgraph claims --format json`` prints them; ingest does not
read those back but recomputes them by linking, which gives the same result for the
same claims (docs/exports.md).

With filters, a line holds only the article's matching claims, and articles with
no matching claim are left out; the mentions are always the article's all.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..ingest.jsonl import EXPORT_MARKER, EXPORT_VERSION
from ..kb import KnowledgeBase
from ..link import LinkedClaim


def write(kb: KnowledgeBase, claims: list[LinkedClaim], out: TextIO) -> None:
    """Write one line per article carrying any of ``claims``, articles in the claims' order."""
    by_article: dict[str, list[LinkedClaim]] = {}
    for stored in claims:
        by_article.setdefault(stored.claim.article_id, []).append(stored)
    for article_id, article_claims in by_article.items():
        out.write(json.dumps(export_record(kb, article_id, article_claims), ensure_ascii=False) + "\n")


def export_record(kb: KnowledgeBase, article_id: str, claims: list[LinkedClaim]) -> dict[str, Any]:
    """One export line: the stored document, its claims limited to ``claims``, with their links."""
    document = kb.article(article_id).to_dict()
    linked = {stored.claim.id: stored for stored in claims}
    exported_claims = []
    for claim in document["claims"]:
        stored = linked.get(claim["id"])
        if stored is None:
            continue
        claim["story"] = stored.story.to_dict() if stored.story else None
        claim["grade"] = stored.grade.to_dict() if stored.grade else None
        claim["links"] = list(stored.links)
        exported_claims.append(claim)
    return {EXPORT_MARKER: EXPORT_VERSION, **document, "claims": exported_claims}
