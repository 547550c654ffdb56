"""JSON Lines: one article object per line.

Fields as in :mod:`claimgraph.ingest.records`. Each article's origin is
``file:LINE``. A bad line (not JSON, not an object, no text, a bad date) is
reported under its own ``file:LINE`` and the other lines are still read; blank
lines are skipped. A file holding one JSON array is refused with a hint, not
reported line by line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..errors import Errors, IngestError
from ..model import Article
from .common import Reporter, ingest_error
from .records import article_from_record


def read(text: str, *, origin: str, report: Reporter) -> Iterator[Article]:
    """Read the articles of a JSON Lines file.

    text (str): the decoded file.
    origin (str): the file, prefix of each record's ``file:LINE`` origin.
    report (Callable[[IngestError], None]): receives one error per bad line.
    YIELDS (Article): one article per good line.
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
            yield article_from_record(record, origin=line_origin)
        except IngestError as error:
            report(error)
