"""Store: write documents, read them back, filter claims, summarise sources."""

from __future__ import annotations

import copy
import dataclasses

import pytest
from sqlalchemy import func, select, text

from claimgraph.errors import ArticleNotFound, StoreError
from claimgraph.model import Article, Document, SourceType
from claimgraph.query import ClaimFilter
from claimgraph.store import Store
from claimgraph.store.schema import FACET_TABLES, articles, attribution_chain, claims, mentions, sources


def table_counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (articles, claims, sources, attribution_chain, mentions, *FACET_TABLES)
        }


def sorted_dict(doc: Document) -> dict:
    d = doc.to_dict()
    d["claims"].sort(key=lambda c: c["id"])
    d["mentions"].sort(key=lambda m: (m["field"], m["start"]))
    return d


def test_write_documents_returns_new_ids(store, documents):
    assert store.write_documents(documents) == [d.article.id for d in documents]
    gur_id = documents[0].article.id
    assert store.has_articles([gur_id, "0000000000000000"]) == {gur_id}


def test_document_round_trips(store, documents):
    store.write_documents(documents)
    for doc in documents:
        stored = store.document(doc.article.id)
        assert sorted_dict(stored) == sorted_dict(doc)
        assert stored.article.origin == doc.article.origin


def test_document_returns_headline_claims_first(store, documents):
    gur = documents[0]
    store.write_documents([gur])
    fields = [c.field.value for c in store.document(gur.article.id).claims]
    assert fields == ["title", "text", "text", "text"]


def test_rewriting_changes_nothing(store, documents):
    store.write_documents(documents)
    before = table_counts(store)
    assert store.write_documents(documents) == []
    assert table_counts(store) == before


def test_duplicate_within_batch_is_written_once(store, documents):
    gur = documents[0]
    assert store.write_documents([gur, copy.deepcopy(gur)]) == [gur.article.id]
    assert store.stats().articles == 1


def test_sources_are_shared_across_articles_and_missing_role_filled(store, documents):
    gur = documents[0]
    first = copy.deepcopy(gur)
    first.claims = [c for c in first.claims if c.attribution.kind.value == "direct"]  # Yusov, no role given
    store.write_documents([first])
    (yusov,) = [s for s in store.sources() if s.name == "Andriy Yusov"]
    assert yusov.role is None
    later = Document(article=Article(text=gur.article.text + " Later copy.", title="Later"))
    later.claims = [dataclasses.replace(c, article_id=later.article.id, id="") for c in gur.claims]
    store.write_documents([later])
    (yusov,) = [s for s in store.sources() if s.name == "Andriy Yusov"]
    assert yusov.role == "spokesman"
    assert (yusov.claims, yusov.articles) == (3, 2)


def test_failed_batch_leaves_nothing_and_keeps_earlier_batches(store, documents):
    gur, broken, _ = documents
    store.write_documents([gur])
    before = table_counts(store)
    broken.claims.append(broken.claims[0])  # the same claim id twice: the claims insert fails
    ok = Document(article=Article(text="Kyiv said the attack failed.", title="Short"))
    with pytest.raises(StoreError, match=r"Cannot write 2 article\(s\).*nothing from this batch was stored"):
        store.write_documents([ok, broken])
    assert table_counts(store) == before
    assert store.has_articles([ok.article.id, broken.article.id]) == set()
    assert store.document(gur.article.id).claims


def test_unknown_article_raises_e010(store):
    with pytest.raises(ArticleNotFound, match=r"No article with id 'nope'.*claimgraph claims"):
        store.document("nope")


def test_claims_ordered_by_date_undated_last(store, documents):
    gur, sumy, undated = (d.article.id for d in documents)
    store.write_documents(documents[::-1])
    found = store.claims(ClaimFilter())
    assert [c.claim.article_id for c in found] == [gur] * 4 + [sumy] * 2 + [undated]
    gur = [c.claim for c in found[:4]]
    assert gur[0].field.value == "title"
    assert [c.start for c in gur[1:]] == sorted(c.start for c in gur[1:])


def test_stored_claim_to_dict_adds_article(store, documents):
    store.write_documents(documents)
    (stored,) = store.claims(ClaimFilter(kind="according_to"))
    d = stored.to_dict()
    assert d["attribution"]["source"]["name"] == "border guard service"
    sumy = documents[1].article
    assert d["article"] == {
        "id": sumy.id,
        "title": sumy.title,
        "outlet": "Українська правда",
        "published": "2025-03-12",
        "url": None,
    }


@pytest.mark.parametrize(
    "flt,expected",
    [
        (ClaimFilter(source="yusov"), ["Military cooperation", "Between 1,000"]),
        (ClaimFilter(source="SPOKESMAN"), ["Military cooperation", "Between 1,000"]),  # role
        (ClaimFilter(source="regional military"), ["no Russian troops"]),  # organisation
        (ClaimFilter(source="%"), []),  # LIKE wildcards are literal
        (ClaimFilter(outlet="українська ПРАВДА"), ["no Russian troops", "Russian forces tried"]),
        (ClaimFilter(outlet="Ukrin"), []),  # outlet is matched whole
        (ClaimFilter(kind="outlet"), ["Shelling damaged"]),
        (ClaimFilter(limit=2, offset=1), ["Military cooperation", "Between 1,000"]),
        (ClaimFilter(limit=0), []),
    ],
)
def test_claim_filters(store, documents, flt, expected):
    store.write_documents(documents)
    found = [c.claim.text for c in store.claims(flt)]
    assert len(found) == len(expected)
    assert all(text.startswith(prefix) for text, prefix in zip(found, expected))
    all_claims = 7
    assert store.count_claims(flt) == (len(expected) if flt.limit is None else all_claims)  # ignores paging


def test_article_filter_combines_with_others(store, documents):
    store.write_documents(documents)
    sumy = documents[1].article.id
    assert [c.claim.article_id for c in store.claims(ClaimFilter(article=sumy))] == [sumy, sumy]
    (found,) = store.claims(ClaimFilter(article=sumy, source="border"))
    assert found.claim.text.startswith("Russian forces tried")
    assert store.claims(ClaimFilter(article=sumy, source="Yusov")) == []


def test_chain_comes_back_in_claims(store, documents):
    store.write_documents(documents)
    (stored,) = store.claims(ClaimFilter(source="South Korea"))
    assert [(s.name, s.type) for s in stored.claim.attribution.chain] == [("news reports", SourceType.MEDIA_REPORTS)]


def test_sources_summary(store, documents):
    store.write_documents(documents)
    summary = store.sources()
    assert [s.name for s in summary[:1]] == ["Andriy Yusov"]
    by_name = {s.name: s for s in summary}
    assert by_name["Andriy Yusov"].to_dict() == {
        "name": "Andriy Yusov",
        "type": "person",
        "role": "spokesman",
        "organization": "Ukraine's military intelligence",
        "claims": 2,
        "articles": 1,
        "outlets": ["Ukrinform"],
        "cited": 0,
        # Not linked yet: no track record.
        "corroborated": 0,
        "contradicted": 0,
        "reliability": None,
        "reasons": [],
    }
    assert (by_name["news reports"].claims, by_name["news reports"].cited) == (0, 1)
    assert len(store.sources(limit=2)) == 2


def test_stats(store, documents):
    assert store.stats().to_dict() == {"articles": 0, "claims": 0, "sources": 0, "outlets": 0}
    store.write_documents(documents)
    assert store.stats().to_dict() == {"articles": 3, "claims": 7, "sources": 7, "outlets": 3}


def test_reopening_a_file_keeps_data(tmp_path, documents):
    path = str(tmp_path / "kb.db")
    with Store(path) as first:
        first.write_documents(documents)
    with Store(path) as second:
        assert second.stats().claims == 7


def test_tracer_sees_parameterised_sql():
    seen = []
    with Store(":memory:", tracer=lambda sql, params: seen.append((sql, params))) as db:
        db.claims(ClaimFilter(source="Yusov'; DROP TABLE claims; --"))
    sql, params = next((sql, params) for sql, params in seen if "LIKE" in sql)
    assert "DROP TABLE" not in sql
    assert any("DROP TABLE" in str(p) for p in params)


@pytest.mark.parametrize(
    "db,message",
    [
        ("/nonexistent-dir/kb.db", "Cannot open database /nonexistent-dir/kb.db"),
        ("mysql://user@localhost/kb", "unsupported database"),
        ("nosuchdriver://x", "Cannot open database nosuchdriver://x"),
    ],
)
def test_open_errors_name_the_database(db, message):
    with pytest.raises(StoreError, match=message):
        Store(db)


def test_not_a_database_file(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are not the claims you are looking for" * 100)
    with pytest.raises(StoreError, match="notes.db.*not a database"):
        Store(str(path))


def test_plain_postgresql_url_uses_psycopg(postgres_store):
    store = postgres_store
    url = store.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with Store(url) as plain:
        assert plain.engine.url.drivername == "postgresql+psycopg"
        assert plain.stats() == store.stats()


def test_database_from_a_newer_version(tmp_path):
    path = tmp_path / "kb.db"
    with Store(path) as db, db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="kb.db: Can't locate revision identified by '9999'"):
        Store(path)


def test_db_must_be_a_string():
    with pytest.raises(TypeError):
        Store(None)  # type: ignore[arg-type]
