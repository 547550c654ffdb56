"""The linker on a store: consecutive updates, and the same links, stories and grades in any arrival order."""

from __future__ import annotations

import gc
import itertools

import pytest
from sqlalchemy import event, select

from claimgraph.link import Linker
from claimgraph.model import Article, Document, EventSubtype, SourceType
from claimgraph.store import Store
from claimgraph.store.schema import claim_links, linked_claims

NK = ("north_korea_armed_forces", "russia")
# One figure revised week by week, from different sources; the last two agree.
ESTIMATES = (
    ("a1", "NIS", "2024-10-01", 3000),
    ("a2", "Pentagon", "2024-10-08", 5000),
    ("a3", "Kyiv", "2024-10-15", 8000),
    ("a4", "Seoul", "2024-10-22", 11000),
    ("a5", "London", "2024-10-23", 11000),
)


@pytest.fixture
def articles(claim):
    """One article per estimate, plus a denial of the first, as documents to write."""
    docs = {}
    for article, source, day, figure in ESTIMATES:
        stored = claim(f"{source} says {figure:,} North Korean troops are in Kursk", source=source,
                       source_type=SourceType.ORGANIZATION, published=day, article=article,
                       subtype=EventSubtype.PRESENCE_OF_FORCES, figure=(figure, figure, "troops"), actors=NK,
                       region="Kursk Oblast")
        docs[article] = _document(stored)
    denial = claim("Moscow says reports of North Korean troops in Kursk are fake", source="Kremlin",
                   source_type=SourceType.ORGANIZATION, published="2024-10-02", article="a0",
                   subtype=EventSubtype.PRESENCE_OF_FORCES, actors=NK, region="Kursk Oblast")
    docs["a0"] = _document(denial)
    return docs


def _document(stored) -> Document:
    article = Article(text=stored.claim.text, title=stored.claim.text, outlet=stored.outlet, published=stored.published,
                      id=stored.claim.article_id)
    return Document(article=article, claims=[stored.claim])


def _ingest(docs: list[Document]) -> tuple[Store, Linker]:
    store = Store(":memory:")
    linker = Linker(store)
    for doc in docs:
        store.write_documents([doc])
        linker.link()
    return store, linker


def _state(store: Store, linker: Linker) -> tuple:
    claims = linker.annotate(store.claims())
    stories = [(s.id, s.label, s.size, s.first_published, s.last_published) for s in linker.stories()]
    return stories, {c.claim.id: (c.story, c.grade.to_dict(), sorted(map(str, c.links))) for c in claims}


def _updates(store: Store) -> set[tuple[str, str]]:
    """The stored ``updates`` links as (later claim's id, earlier claim's id)."""
    later, earlier = linked_claims.alias(), linked_claims.alias()
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(later.c.claim_id, earlier.c.claim_id)
            .join_from(claim_links, later, later.c.seq == claim_links.c.a)
            .join(earlier, earlier.c.seq == claim_links.c.b)
            .where(claim_links.c.relation == "updates")
        )
        return {(a, b) for a, b in rows}


def _by_article(store: Store) -> dict[str, str]:
    return {s.claim.id: s.claim.article_id for s in store.claims()}


def test_each_estimate_updates_only_the_latest_earlier_one(articles):
    store, _ = _ingest(list(articles.values()))
    article = _by_article(store)
    chain = {(article[a], article[b]) for a, b in _updates(store)}
    # 11,000 on the 23rd agrees with the 22nd's 11,000: it updates 8,000, not 3,000 or 5,000.
    assert chain == {("a2", "a1"), ("a3", "a2"), ("a4", "a3"), ("a5", "a3")}


def test_an_estimate_arriving_late_takes_its_place_in_the_chain(articles):
    store, linker = _ingest([articles[a] for a in ("a0", "a1", "a2", "a4")])
    article = _by_article(store)
    assert {(article[a], article[b]) for a, b in _updates(store)} == {("a2", "a1"), ("a4", "a2")}
    store.write_documents([articles["a3"]])
    report = linker.link()
    article = _by_article(store)
    assert {(article[a], article[b]) for a, b in _updates(store)} == {("a2", "a1"), ("a3", "a2"), ("a4", "a3")}
    assert report.links["updates"] == 1  # one link added, one moved


def test_links_stories_and_grades_do_not_depend_on_order_and_rebuild_agrees(articles):
    names = sorted(articles)
    orders = [names, names[::-1], ["a3", "a0", "a5", "a1", "a4", "a2"], *itertools.islice(itertools.permutations(names), 0, 720, 239)]
    store, linker = _ingest([articles[name] for name in names])
    expected = _state(store, linker)
    assert expected[0] and any(links for _, _, links in expected[1].values())
    for order in orders:
        other, other_linker = _ingest([articles[name] for name in order])
        assert _state(other, other_linker) == expected, order
        other_linker.link(rebuild=True)
        assert _state(other, other_linker) == expected, order
    # All at once, in one run, gives the same too.
    batch = Store(":memory:")
    batch.write_documents([articles[name] for name in names])
    batch_linker = Linker(batch)
    batch_linker.link()
    assert _state(batch, batch_linker) == expected


def test_a_claim_is_regraded_only_when_a_new_speaker_speaks_to_it(articles, claim):
    store, linker = _ingest([articles[name] for name in sorted(articles)])
    before = {c.claim.article_id: c.grade for c in linker.annotate(store.claims())}
    # London repeats its figure a day later: the claims London already corroborated learn nothing new.
    again = claim("London says 11,000 North Korean troops are in Kursk", source="London",
                  source_type=SourceType.ORGANIZATION, published="2024-10-24", article="a6",
                  subtype=EventSubtype.PRESENCE_OF_FORCES, figure=(11000, 11000, "troops"), actors=NK,
                  region="Kursk Oblast")
    store.write_documents([_document(again)])
    report = linker.link()
    after = {c.claim.article_id: c.grade for c in linker.annotate(store.claims())}
    assert report.links["corroborates"] >= 1  # a4 (Seoul) gains London's second claim
    assert after["a4"] == before["a4"]
    # Graded: the new claim, and London's first claim, which gains a repetition by its own source.
    assert report.graded == 2
    assert any("not independent: London" in reason for reason in after["a5"].reasons)


# Tables that grow with the corpus: linking a batch may read ranges of them, never all of them.
GROWING = ("claims", "articles", "attributions", "linked_claims", "claim_links", "claim_link_keys", "claim_grades", "claim_stories")


def test_linking_reads_index_ranges_never_a_whole_growing_table(articles, tmp_path):
    store = Store(tmp_path / "kb.db")
    linker = Linker(store)
    names = sorted(articles)
    store.write_documents([articles[name] for name in names[:-2]])
    linker.link()
    statements: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and not executemany:
            statements.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", record)
    # Two later estimates at once: SQLite plans an IN list of one id apart from longer ones.
    store.write_documents([articles[name] for name in names[-2:]])
    linker.link()
    event.remove(store.engine, "before_cursor_execute", record)
    assert statements
    with store.engine.connect() as conn:
        for statement, parameters in statements:
            plan = [row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
            scans = [step for step in plan if step.startswith("SCAN") and step.split()[1] in GROWING]
            # An index chosen for a column of a few values (a relation) reads a growing share of the table too.
            broad = [step for step in plan if "ix_claim_links_relation" in step]
            assert not scans and not broad, (statement, plan)


def test_a_link_run_pauses_the_garbage_collector_and_leaves_it_as_it_was(articles, monkeypatch):
    import claimgraph.link as link_module

    seen = []
    relate = link_module.relate

    def recording(*args, **kwargs):
        seen.append(gc.isenabled())
        return relate(*args, **kwargs)

    monkeypatch.setattr(link_module, "relate", recording)
    store, linker = _ingest([articles[name] for name in sorted(articles)])
    assert seen and not any(seen)  # off while pairs are compared
    assert gc.isenabled()
    gc.disable()
    try:
        linker.link(rebuild=True)
        assert not gc.isenabled()  # a caller's choice stands
    finally:
        gc.enable()
