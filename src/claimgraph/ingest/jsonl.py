"""JSON Lines: one article object per line.

Fields as in :mod:`claimgraph.ingest.records`. Each article's origin is
``file:LINE``. A bad line (not JSON, not an object, no text, a bad date) is
reported under its own ``file:LINE`` and the other lines are still read; blank
lines are skipped. A file holding one JSON array is refused with a hint, not
reported line by line.

A line written by ``claimgraph export --format jsonl`` (marked
``"claimgraph_export": 1``, see :mod:`claimgraph.export.jsonl`) is read as the
:class:`~claimgraph.model.Document` it holds, claims and mentions included, so
that ingesting an export stores what was exported instead of extracting the
article again.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..errors import Errors, IngestError
from ..model import Article, Document
from .common import Reporter, ingest_error
from .records import article_from_record


#: Key and version that mark a line of claimgraph's own export (written by :mod:`claimgraph.export.jsonl`).
EXPORT_MARKER = "claimgraph_export"
EXPORT_VERSION = 1


def read(text: str, *, origin: str, report: Reporter) -> Iterator[Article | Document]:
    """Read the articles of a JSON Lines file; lines of a claimgraph export are Documents.

    text (str): the decoded file.
    origin (str): the file, prefix of each record's ``file:LINE`` origin.
    report (Callable[[IngestError], None]): receives one error per bad line.
    YIELDS (Article | Document): one article per good line, or the stored document
        for an export line.
    """
    if text.lstrip().startswith("["):
        reason = "holds a JSON array, not JSON Lines; write one article object per line"
        report(ingest_error(origin, Errors.E005, reason=reason))
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        line_origin = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            report(ingest_error(line_origin, Errors.E005, reason=f"not valid JSON ({exc.msg}, column {exc.colno})"))
            continue
        if not isinstance(record, dict):
            report(ingest_error(line_origin, Errors.E005, reason="line is not a JSON object"))
            continue
        try:
            if EXPORT_MARKER in record:
                yield exported_document(record, origin=line_origin)
            else:
                yield article_from_record(record, origin=line_origin)
        except IngestError as error:
            report(error)


def exported_document(record: dict[str, Any], *, origin: str) -> Document:
    """The Document of one export line; ``story``, ``grade`` and ``links`` are left to linking.

    RAISES (IngestError): E005 for an unknown export version or a malformed document.
    """
    version = record[EXPORT_MARKER]
    if version != EXPORT_VERSION:
        reason = f"claimgraph export version {version!r} is not one this claimgraph reads ({EXPORT_VERSION})"
        raise ingest_error(origin, Errors.E005, reason=reason)
    try:
        document = Document.from_dict(record)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        reason = f"malformed claimgraph export line ({type(exc).__name__}: {exc})"
        raise ingest_error(origin, Errors.E005, reason=reason) from None
    document.article.origin = origin
    return document
