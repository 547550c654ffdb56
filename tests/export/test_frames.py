"""KnowledgeBase.to_pandas(): tidy tables joined on the claim id, columns named as in the JSON contract."""

from __future__ import annotations

import pytest

from claimgraph.errors import ClaimNotFound
from claimgraph.export.frames import CLAIM_COLUMNS, RECORD_COLUMNS, RECORD_TABLES, TABLES, flattened

pandas = pytest.importorskip("pandas")


def test_claims_table_has_one_row_per_claim_with_typed_columns(kb) -> None:
    claims = kb.claims()
    frame = kb.to_pandas()
    assert list(frame.columns) == CLAIM_COLUMNS
    assert list(frame["id"]) == [c.claim.id for c in claims]
    assert pandas.api.types.is_datetime64_any_dtype(frame["article_published"])
    yusov = frame[frame["attribution_source_name"].str.contains("Yusov")].iloc[0]
    assert yusov["article_outlet"] == "Kyiv Wire"
    assert yusov["article_published"] == pandas.Timestamp("2024-10-24")
    assert (yusov["attribution_source_role"], yusov["attribution_source_organization"]) == (
        "spokesman",
        "Ukraine's military intelligence",
    )
    assert isinstance(yusov["grade_reasons"], list) and yusov["grade_reasons"]


def test_every_field_of_the_json_contract_has_a_column(kb) -> None:
    # A field added to the JSON contract must be added to the table too, not silently dropped.
    for stored in kb.claims():
        record = {k: v for k, v in stored.to_dict().items() if k not in RECORD_TABLES}
        assert set(flattened(record)) - set(CLAIM_COLUMNS) <= {"story", "grade", "attribution_cue"}
        for table in RECORD_TABLES:
            for item in stored.to_dict()[table]:
                keys = {"other" if key == "claim" else key for key in item}
                assert keys == set(RECORD_COLUMNS[table]), table


def test_facet_tables_join_on_claim_id(kb) -> None:
    claims = kb.to_pandas()
    quantities = kb.to_pandas("quantities")
    assert list(quantities.columns) == ["claim_id", *RECORD_COLUMNS["quantities"]]
    assert set(quantities["claim_id"]) <= set(claims["id"])
    joined = quantities.merge(claims, left_on="claim_id", right_on="id")
    yusov = joined[joined["attribution_source_name"].str.contains("Yusov")]
    assert list(yusov["low"]) == [3000.0] and list(yusov["unit"]) == ["soldiers"]
    times = kb.to_pandas("times")
    assert pandas.api.types.is_datetime64_any_dtype(times["start_date"])


def test_links_table_names_the_other_claim(kb) -> None:
    links = kb.to_pandas("links")
    assert list(links.columns) == ["claim_id", "other", "relation", "score", "evidence"]
    assert len(links) > 0
    # Each link is seen from both of its claims.
    pairs = set(zip(links["claim_id"], links["other"]))
    assert all((other, claim) in pairs for claim, other in pairs)
    assert (links["claim_id"] != links["other"]).all()


def test_filters_are_those_of_claims(kb) -> None:
    frame = kb.to_pandas(outlet="Moscow Bureau")
    assert set(frame["article_outlet"]) == {"Moscow Bureau"}
    assert len(frame) == len(kb.claims(outlet="Moscow Bureau"))


@pytest.mark.parametrize("table", TABLES)
def test_an_empty_result_keeps_the_columns(kb, table: str) -> None:
    frame = kb.to_pandas(table, source="nobody of that name")
    assert frame.empty
    assert len(frame.columns) == len(CLAIM_COLUMNS if table == "claims" else RECORD_COLUMNS[table]) + (table != "claims")


def test_unknown_table_is_refused(kb) -> None:
    with pytest.raises(ValueError, match="unknown table 'quantity'"):
        kb.to_pandas("quantity")


def test_claim_by_id(kb) -> None:
    first = kb.claims()[0]
    assert kb.claim(first.claim.id).to_dict() == first.to_dict()
    with pytest.raises(ClaimNotFound):
        kb.claim("no-such-claim")
