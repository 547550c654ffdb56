"""Articles from flat records: the row shape JSON Lines and CSV share.

A record has ``text`` (required) and optionally ``title``, ``published``,
``outlet``, ``url``, ``language`` and ``id``; other fields are ignored. An
explicit ``id`` is kept as given, so a corpus's own identifiers survive;
otherwise the id is the hash of the normalised text (:func:`claimgraph.model.article_id`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import Errors
from ..model import Article
from .common import ingest_error, language_code, normalize_newlines, parse_published

#: The fields a record may have, beside ``text``.
OPTIONAL_FIELDS = ("title", "published", "outlet", "url", "language", "id")


def article_from_record(record: Mapping[str, Any], *, origin: str) -> Article:
    """Build an Article from one record.

    record (Mapping[str, Any]): field name → value; ``None`` and "" mean absent.
    origin (str): the record's place, ``file:LINE``, for ``Article.origin`` and errors.
    RETURNS (Article): the article.
    RAISES (IngestError): E005 for a missing or non-string field value, E007 for a bad date.
    """
    values = {}
    for field in ("text", *OPTIONAL_FIELDS):
        value = record.get(field)
        if field == "id" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # numeric ids are common in exported corpora
        if value is not None and not isinstance(value, str):
            reason = f"field {field!r} must be a string, not {type(value).__name__}"
            raise ingest_error(origin, Errors.E005, reason=reason)
        values[field] = value.strip() if value else ""
    if not values["text"]:
        raise ingest_error(origin, Errors.E005, reason="record has no 'text'")
    return Article(
        text=normalize_newlines(values["text"]),
        title=" ".join(values["title"].split()),
        outlet=values["outlet"] or None,
        published=parse_published(values["published"], origin=origin),
        url=values["url"] or None,
        language=language_code(values["language"]),
        id=values["id"],
        origin=origin,
    )
