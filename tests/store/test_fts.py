"""Full-text search: user text is parsed into terms and never reaches FTS5 or tsquery as syntax."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from claimgraph.query import ClaimFilter
from claimgraph.store.fts import SearchTerm, fts5_query, parse_search, tsquery

HOSTILE = ['"', '""', "AND(", "OR", "NOT x", "a NEAR b", "*", "text:Kursk", "'; DROP TABLE claims; --",
           "(", ")", "^Kursk", "Kursk AND", "-Kursk", "\\", "'", "a & b | !c", "kursk:*", "<->", "\x00"]


@pytest.mark.parametrize(
    "typed,terms",
    [
        ("Kursk", [SearchTerm(("Kursk",))]),
        ("Kursk region", [SearchTerm(("Kursk",)), SearchTerm(("region",))]),
        ('"combat zone" Novenke', [SearchTerm(("combat", "zone")), SearchTerm(("Novenke",))]),
        ("north-korean", [SearchTerm(("north", "korean"))]),
        ("1,000", [SearchTerm(("1", "000"))]),
        ("troop*", [SearchTerm(("troop",), prefix=True)]),
        ('"Kursk reg"*', [SearchTerm(("Kursk", "reg"), prefix=True)]),
        ('"unclosed phrase', [SearchTerm(("unclosed", "phrase"))]),
        ("AND(", [SearchTerm(("AND",))]),
        ("foo_bar", [SearchTerm(("foo", "bar"))]),
        ("Українська", [SearchTerm(("Українська",))]),
        ('" ( * -', []),
        ("", []),
    ],
)
def test_parse_search(typed, terms):
    assert parse_search(typed) == terms


def test_query_rendering():
    terms = parse_search('"combat zone" troop* Kursk')
    assert fts5_query(terms) == '"combat zone" AND "troop"* AND "Kursk"'
    assert tsquery(terms) == "combat <-> zone & troop:* & Kursk"


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("kursk", ["North Korean troops", "Between 1,000"]),  # the headline claim first
        ("KURSK region", ["North Korean troops", "Between 1,000"]),
        ("spokesman", ["Military cooperation"]),  # in the sentence, not the content span
        ('"combat zone"', ["Russian forces tried"]),
        ('"zone combat"', []),
        ("troop*", ["North Korean troops", "Pyongyang had sent", "no Russian troops"]),
        ("1,000", ["Between 1,000"]),
        ("north-korea", ["Military cooperation"]),
        ("Kursk Novenke", []),  # every term must match one claim
        ('" (', []),  # no words: nothing
    ],
)
def test_search(store, documents, typed, expected):
    store.write_documents(documents)
    found = [c.claim.text for c in store.claims(ClaimFilter(search=typed))]
    assert len(found) == len(expected)
    assert all(t.startswith(prefix) for t, prefix in zip(found, expected))
    assert store.count_claims(ClaimFilter(search=typed)) == len(expected)


def test_hostile_search_text_never_errors(store, documents):
    store.write_documents(documents)
    for typed in HOSTILE:
        store.claims(ClaimFilter(search=typed))
    assert store.stats().claims == 7


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=st.text(max_size=40))
def test_any_search_text_runs(store, documents, typed):
    store.write_documents(documents)  # once: later examples find the articles stored
    store.claims(ClaimFilter(search=typed))


def test_postgresql_search_uses_the_index(postgres_store, documents):
    store = postgres_store
    store.write_documents(documents)
    statement = store._claims_statement(ClaimFilter(search="Kursk"))
    with store.engine.connect() as conn:
        conn.execute(text("SET LOCAL enable_seqscan = off"))
        compiled = statement.compile(conn, compile_kwargs={"literal_binds": True})
        plan = "\n".join(conn.execute(text(f"EXPLAIN {compiled}")).scalars())
    assert "claims_fts" in plan
