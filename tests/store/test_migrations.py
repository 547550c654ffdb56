"""The Alembic migrations build exactly the schema in claimgraph.store.schema, and carry data across."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timezone

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.dialects.postgresql import JSONB

from claimgraph.model import Article, Document
from claimgraph.query import ClaimFilter
from claimgraph.store import migrations_config
from claimgraph.store.schema import include_name, metadata

FACETS = ("actors", "quantities", "places", "times")


def test_migrated_schema_matches_metadata(store):
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name, "compare_type": True})
        assert compare_metadata(context, metadata) == []


def test_store_is_at_head(store):
    with store.engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        head = ScriptDirectory.from_config(migrations_config(conn)).get_current_head()
    assert current == head


def test_downgrade_to_base_removes_everything_and_upgrade_restores_it(store, documents):
    store.write_documents(documents)
    with store.engine.begin() as conn:
        command.downgrade(migrations_config(conn), "base")
        assert inspect(conn).get_table_names() == ["alembic_version"]
        command.upgrade(migrations_config(conn), "head")
    assert store.stats().claims == 0
    store.write_documents(documents)
    assert store.stats().claims == 7


# The 0001 layout of the tables a claim lives in, as stand-ins (facets were JSON lists on claims).
_JSON = sa.JSON().with_variant(JSONB(), "postgresql")
_ARTICLES_0001 = sa.table(
    "articles", *(sa.column(c) for c in ("id", "title", "outlet", "published", "url", "language", "text", "origin")),
    sa.column("ingested_at"),
)
_SOURCES_0001 = sa.table("sources", *(sa.column(c) for c in ("id", "key", "name", "type", "role", "organization")))
_CLAIMS_0001 = sa.table(
    "claims",
    *(sa.column(c) for c in ("id", "article_id", "field", "start", "end", "text", "sentence", "event_type", "polarity", "modality")),
    *(sa.column(c, _JSON) for c in ("fragments", "actors", "quantities", "places", "times")),
)
_ATTRIBUTIONS_0001 = sa.table("attributions", *(sa.column(c) for c in ("claim_id", "kind", "source_id", "source_field")))


def write_at_0001(conn, docs: list[Document]) -> None:
    """Rows as a 0001 store held them: facets as to_dict() lists in JSON columns; no event_subtype."""
    for doc in docs:
        a = doc.article
        conn.execute(_ARTICLES_0001.insert(), [{
            "id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published, "url": a.url,
            "language": a.language, "text": a.text, "origin": a.origin, "ingested_at": datetime.now(timezone.utc),
        }])
        for claim in doc.claims:
            source = claim.attribution.source
            source_id = f"{claim.id}-source"
            conn.execute(_SOURCES_0001.insert(), [{
                "id": source_id, "key": f"{source.key}|{claim.id}", "name": source.name, "type": source.type.value,
                "role": source.role, "organization": source.organization,
            }])
            d = claim.to_dict()
            conn.execute(_CLAIMS_0001.insert(), [{
                "id": claim.id, "article_id": a.id, "field": claim.field.value, "start": claim.start,
                "end": claim.end, "text": claim.text, "sentence": claim.sentence, "fragments": [],
                "event_type": d["event_type"], "polarity": d["polarity"], "modality": d["modality"],
                **{facet: d[facet] for facet in FACETS},
            }])
            conn.execute(_ATTRIBUTIONS_0001.insert(), [{
                "claim_id": claim.id, "kind": claim.attribution.kind.value, "source_id": source_id,
                "source_field": source.field.value,
            }])


def facet_lists(claim) -> dict[str, list[dict]]:
    return {facet: claim.to_dict()[facet] for facet in FACETS}


def test_upgrade_moves_the_facets_of_a_0001_database_into_tables(store, facet_documents):
    with store.engine.begin() as conn:
        command.downgrade(migrations_config(conn), "base")
        command.upgrade(migrations_config(conn), "0001")
        write_at_0001(conn, facet_documents)
        command.upgrade(migrations_config(conn), "head")
        assert "actors" not in {c["name"] for c in inspect(conn).get_columns("claims")}
    written = {claim.id: claim for doc in facet_documents for claim in doc.claims}
    read = {stored.claim.id: stored.claim for stored in store.claims()}
    assert read.keys() == written.keys()
    for claim_id, claim in read.items():
        assert facet_lists(claim) == facet_lists(written[claim_id])
        assert claim.event_type == written[claim_id].event_type
        assert claim.event_subtype is None  # 0001 had no sub-types
        assert claim.attribution.source.name == written[claim_id].attribution.source.name
    assert len(store.claims(ClaimFilter(place="Sumy"))) == 2
    # Full-text search survives the dropped columns, for the migrated claims and new ones.
    assert [s.claim.text for s in store.claims(ClaimFilter(search="Novenke"))] == [
        "Russian forces tried to open a combat zone near Novenke on March 10"
    ]
    sumy = facet_documents[1]
    later = Document(article=Article(text=sumy.article.text + " Updated.", title="Later"))
    later.claims = [dataclasses.replace(c, article_id=later.article.id, id="") for c in sumy.claims]
    store.write_documents([later])
    assert len(store.claims(ClaimFilter(search="Novenke"))) == 2


def test_downgrade_moves_the_facets_back_into_json(store, facet_documents):
    store.write_documents(facet_documents)
    written = {claim.id: claim for doc in facet_documents for claim in doc.claims}
    with store.engine.begin() as conn:
        command.downgrade(migrations_config(conn), "0001")
        rows = conn.execute(sa.select(_CLAIMS_0001)).all()
        assert {row.id: {facet: getattr(row, facet) for facet in FACETS} for row in rows} == {
            claim_id: facet_lists(claim) for claim_id, claim in written.items()
        }
        command.upgrade(migrations_config(conn), "head")
    for stored in store.claims():
        assert stored.claim == dataclasses.replace(written[stored.claim.id], event_subtype=None)


_KEYS_0004 = sa.table("claim_link_keys", sa.column("key"), sa.column("claim_id"), sa.column("day"))
_GRADES_0004 = sa.table("claim_grades", sa.column("claim_id"), sa.column("credibility"), sa.column("reasons", _JSON),
                        sa.column("evidence", _JSON))


def test_upgrade_to_0005_keeps_the_keys_and_the_grades_with_one_item_per_speaker(store, documents):
    store.write_documents(documents)
    ids = sorted(claim.id for doc in documents for claim in doc.claims)
    with store.engine.begin() as conn:
        command.downgrade(migrations_config(conn), "0004")
        conn.execute(_KEYS_0004.insert(), [
            {"key": "+fig:forces|north_korea", "claim_id": ids[0], "day": 739182},
            {"key": "+lsh:3:5f2a|undated", "claim_id": ids[1], "day": None},
        ])
        # 0004 kept one item per link: [relation, other claim, source, published, group].
        conn.execute(_GRADES_0004.insert(), [{"claim_id": ids[0], "credibility": 4, "reasons": ["kept"], "evidence": [
            ["corroborates", ids[2], "NIS", "2024-10-25", None],
            ["corroborates", ids[3], "nis", "2024-10-23", None],
            ["contradicts", ids[4], "Kremlin", "2024-10-24", "russia"],
        ]}])
        command.upgrade(migrations_config(conn), "0005")
        keys = conn.execute(sa.text("SELECT key, day, claim_id FROM claim_link_keys")).all()
        grade = conn.execute(sa.select(_GRADES_0004).where(_GRADES_0004.c.claim_id == ids[0])).one()
    assert sorted(map(tuple, keys)) == [("+fig:forces|north_korea", 739182, ids[0]), ("+lsh:3:5f2a|undated", 0, ids[1])]
    assert grade.evidence == [["contradicts", "Kremlin", "2024-10-24", "russia"], ["corroborates", "nis", "2024-10-23", None]]
    assert (grade.credibility, grade.reasons) == (4, ["kept"])


def test_downgrade_from_0005_queues_every_claim_to_be_linked_again(store, documents):
    from claimgraph.link import Linker

    store.write_documents(documents)
    Linker(store).link()
    stored = store.stats().claims
    with store.engine.begin() as conn:
        command.downgrade(migrations_config(conn), "0004")
        assert conn.execute(sa.text("SELECT count(*) FROM claim_grades")).scalar_one() == 0
        assert conn.execute(sa.text("SELECT count(*) FROM claims_to_link")).scalar_one() == stored
        command.upgrade(migrations_config(conn), "head")
    assert Linker(store).link().claims == stored


_LINKS_0005 = sa.table("claim_links", *(sa.column(c) for c in ("a", "b", "relation", "score", "evidence")))


def test_upgrade_to_0006_numbers_the_linked_claims_by_date_and_keeps_keys_links_and_grades(store, documents):
    from claimgraph.link import Linker

    store.write_documents(documents)
    published = {claim.id: doc.article.published for doc in documents for claim in doc.claims}
    # As the linker orders a run: by publication date, undated last, then by id.
    ids = sorted(published, key=lambda claim_id: (published[claim_id] is None, published[claim_id] or date.min, claim_id))
    queued = ids[-1]  # written but not linked yet: numbered when it is linked
    links = [
        {"a": ids[0], "b": ids[1], "relation": "corroborates", "score": 0.9, "evidence": "same figure"},
        {"a": ids[2], "b": ids[0], "relation": "updates", "score": 0.8, "evidence": "a later figure"},
    ]
    with store.engine.begin() as conn:
        command.downgrade(migrations_config(conn), "0005")
        conn.execute(sa.text("DELETE FROM claims_to_link WHERE claim_id <> :queued"), {"queued": queued})
        conn.execute(_KEYS_0004.insert(), [{"key": "+fig:forces|north_korea", "claim_id": ids[1], "day": 739182}])
        conn.execute(_LINKS_0005.insert(), links)
        conn.execute(_GRADES_0004.insert(), [{"claim_id": ids[1], "credibility": 2, "reasons": ["kept"],
                                              "evidence": [["corroborates", "NIS", "2025-03-10", None]]}])
        command.upgrade(migrations_config(conn), "head")
        numbered = conn.execute(sa.text("SELECT seq, claim_id FROM linked_claims ORDER BY seq")).all()
        keys = conn.execute(sa.text("SELECT key, day, claim_seq FROM claim_link_keys")).all()
        stored_links = conn.execute(sa.text("SELECT a, b, relation FROM claim_links ORDER BY a")).all()
        grade = conn.execute(sa.text("SELECT claim_seq, credibility FROM claim_grades")).one()
    assert [tuple(row) for row in numbered] == list(enumerate(ids[:-1], start=1))
    assert [tuple(row) for row in keys] == [("+fig:forces|north_korea", 739182, 2)]
    assert [tuple(row) for row in stored_links] == [(1, 2, "corroborates"), (3, 1, "updates")]
    assert tuple(grade) == (2, 2)
    linker = Linker(store)
    annotated = {claim.claim.id: claim for claim in linker.annotate(store.claims())}
    assert [(link["claim"], link["relation"]) for link in annotated[ids[0]].links] == [
        (ids[1], "corroborates"), (ids[2], "updated_by")
    ]
    # Downgrading writes the ids back.
    with store.engine.begin() as conn:
        command.downgrade(migrations_config(conn), "0005")
        back = conn.execute(sa.select(_LINKS_0005).order_by(_LINKS_0005.c.relation)).all()
        command.upgrade(migrations_config(conn), "head")
    assert [row._asdict() for row in back] == links
    # The queued claim is numbered after the others when it is linked.
    assert linker.link().claims == 1
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT seq FROM linked_claims WHERE claim_id = :id"), {"id": queued}).scalar_one() == len(ids)
