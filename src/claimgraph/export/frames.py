"""pandas DataFrames of claims, for notebooks: :meth:`KnowledgeBase.to_pandas`.

    >>> claims = kb.to_pandas(place="Kursk")
    >>> figures = kb.to_pandas("quantities", place="Kursk")
    >>> figures.merge(claims, left_on="claim_id", right_on="id")

One tidy table per kind of record, joined on the claim's id: ``claims`` has one
row per claim with its scalar fields; ``actors``, ``quantities``, ``places``,
``times`` and ``links`` have one row per facet record or link, with the claim's id
in ``claim_id``. Column names are the JSON contract's (docs/json.md), nested
fields joined with ``_`` (``attribution_source_name``, ``article_published``,
``grade_credibility``), so a notebook and the JSON export speak of the same
things. Dates are pandas timestamps; lists that have no table of their own
(``attribution_chain``, ``grade_reasons``) stay Python lists in one cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..link import LinkedClaim

if TYPE_CHECKING:
    import pandas

#: The facet and link lists of a claim's JSON, each a table of its own.
RECORD_TABLES = ("actors", "quantities", "places", "times", "links")
TABLES = ("claims", *RECORD_TABLES)

# Columns parsed as dates, per table.
DATE_COLUMNS = {"claims": ("article_published",), "times": ("start_date", "end_date")}


def claims_frame(claims: Sequence[LinkedClaim], table: str = "claims") -> pandas.DataFrame:
    """One of :data:`TABLES` for these claims.

    claims (Sequence[LinkedClaim]): what :meth:`KnowledgeBase.claims` returned.
    table (str): ``claims``, or a facet table: ``actors``, ``quantities``, ``places``,
        ``times``, ``links`` (``claim_id``, ``other``, ``relation``, ``score``, ``evidence``).
    RETURNS (pandas.DataFrame): the table; its columns are there even with no rows.
    RAISES (ValueError): an unknown table.
    RAISES (ImportError): pandas is not installed (``pip install 'claimgraph[pandas]'``).
    """
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}: use one of {', '.join(TABLES)}")
    try:
        import pandas
    except ImportError as error:
        raise ImportError("to_pandas needs pandas: pip install 'claimgraph[pandas]'") from error
    records = [claim.to_dict() for claim in claims]
    if table == "claims":
        rows = [flattened({k: v for k, v in record.items() if k not in RECORD_TABLES}) for record in records]
        frame = pandas.DataFrame(rows, columns=CLAIM_COLUMNS)
    else:
        # A link names the other claim "claim"; in a table keyed by claim_id that is "other".
        renamed = {"claim": "other"} if table == "links" else {}
        rows = [
            {"claim_id": record["id"], **{renamed.get(key, key): value for key, value in item.items()}}
            for record in records
            for item in record[table]
        ]
        frame = pandas.DataFrame(rows, columns=["claim_id", *RECORD_COLUMNS[table]])
    for column in DATE_COLUMNS.get(table, ()):
        frame[column] = pandas.to_datetime(frame[column])
    return frame


def flattened(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested fields as ``outer_inner`` keys (a missing story or cue is one None, and its columns stay empty)."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, dict):
            flat.update(flattened(value, f"{prefix}{key}_"))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


# The columns of each table, fixed so that an empty result has them too (a test checks
# that they cover the JSON contract).
CLAIM_COLUMNS = [
    "id", "text", "start", "end", "sentence",
    "attribution_kind", "attribution_chain",
    "attribution_cue_text", "attribution_cue_start", "attribution_cue_end", "attribution_cue_field",
    "attribution_source_name", "attribution_source_type", "attribution_source_role",
    "attribution_source_organization", "attribution_source_start", "attribution_source_end",
    "attribution_source_field",
    "event_type", "event_subtype", "polarity", "modality", "field",
    "article_id", "article_title", "article_outlet", "article_published", "article_url",
    "story_id", "story_label", "grade_reliability", "grade_credibility", "grade_reasons",
]  # fmt: skip
RECORD_COLUMNS = {
    "actors": ["text", "start", "end", "id", "name", "type", "country", "role"],
    "quantities": ["text", "start", "end", "low", "high", "approximate", "bound", "unit", "qualifier", "change"],
    "places": ["text", "start", "end", "name", "geonameid", "feature", "admin1", "country", "lat", "lon", "precision"],
    "times": ["text", "start", "end", "start_date", "end_date", "granularity", "anchored"],
    "links": ["other", "relation", "score", "evidence"],
}
