"""KnowledgeBase end to end: plain-text files in, source-attributed claims out, on SQLite."""

from __future__ import annotations

import importlib
from datetime import date

import pytest

import claimgraph
from claimgraph.errors import ArticleNotFound, IngestError
from claimgraph.model import (
    Article,
    Attribution,
    AttributionKind,
    Claim,
    Document,
    EventSubtype,
    EventType,
    Modality,
    Place,
    Polarity,
    Source,
    SourceType,
    TimeGranularity,
    TimeSpan,
)

YUSOV_ARTICLE = """\
Title: North Korean troops moved to Kursk region, intelligence says
Outlet: Kyiv Wire
Published: 2025-03-10

"Between 1,000 and 3,000 North Korean soldiers were moved to the Kursk region in January," said \
Andriy Yusov, a spokesman for Ukraine's military intelligence.
Yusov added that the soldiers had been trained to operate drones.
"""

ARTYUKH_ARTICLE = """\
Title: No Russian troops left in Sumy region
Outlet: Northern Dispatch
Published: 2025-03-12

Volodymyr Artyukh, the head of the Sumy regional military administration, said on Wednesday that no \
Russian troops remain in the region.
Shelling damaged two schools in the town of Krasnopillia overnight.
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    directory = tmp_path_factory.mktemp("articles")
    (directory / "yusov.txt").write_text(YUSOV_ARTICLE, encoding="utf-8")
    (directory / "nested").mkdir()
    (directory / "nested" / "artyukh.txt").write_text(ARTYUKH_ARTICLE, encoding="utf-8")
    (directory / "yusov-copy.txt").write_text(YUSOV_ARTICLE, encoding="utf-8")  # same id: read, then skipped
    return directory


@pytest.fixture(scope="module")
def kb(corpus):
    with claimgraph.open(":memory:") as knowledge_base:
        knowledge_base.first_report = knowledge_base.ingest([corpus], batch_size=1)
        yield knowledge_base


def test_ingest_reports_counts(kb):
    assert kb.first_report.to_dict() == {"read": 3, "added": 2, "skipped": 1, "errors": []}
    stats = kb.stats()
    assert (stats.articles, stats.outlets) == (2, 2)
    assert stats.claims >= 3


def test_reingest_changes_nothing_and_skips_nlp(kb, corpus, monkeypatch):
    before = (kb.stats(), [c.to_dict() for c in kb.claims()])
    parsed = []

    def recording_extract(articles, **kwargs):
        for article in articles:
            parsed.append(article)
            yield from real_extract([article], **kwargs)

    extract_stage = importlib.import_module("claimgraph.extract")  # the attribute claimgraph.extract is the function
    real_extract = extract_stage.extract_articles
    monkeypatch.setattr(extract_stage, "extract_articles", recording_extract)
    report = kb.ingest([corpus])
    assert report.to_dict() == {"read": 3, "added": 0, "skipped": 3, "errors": []}
    assert parsed == []
    assert (kb.stats(), [c.to_dict() for c in kb.claims()]) == before


def test_claims_by_source(kb):
    found = kb.claims(source="yusov")
    assert found
    for stored in found:
        source = stored.claim.attribution.source
        assert "yusov" in f"{source.name} {source.role} {source.organization}".lower()
        assert stored.outlet == "Kyiv Wire"
    assert any("1,000 and 3,000" in s.claim.text for s in found)


def test_claims_by_search(kb):
    found = kb.claims(search="kursk")
    assert found
    assert all("kursk" in (s.claim.text + s.claim.sentence).lower() for s in found)
    assert kb.count_claims(search="kursk") == len(found)
    assert kb.claims(search="kursk", source="Artyukh") == []


def test_offsets_point_into_the_stored_article(kb):
    for stored in kb.claims():
        document = kb.article(stored.claim.article_id)
        string = document.article.title if stored.claim.field.value == "title" else document.article.text
        assert string[stored.claim.start : stored.claim.end] == stored.claim.text


def test_unknown_filter_is_a_type_error(kb):
    with pytest.raises(TypeError, match="Unknown claim filter speaker"):
        kb.claims(speaker="Yusov")


def test_unknown_article(kb):
    with pytest.raises(ArticleNotFound, match="No article with id 'missing'"):
        kb.article("missing")


def test_sources_lists_speakers(kb):
    names = " | ".join(s.name for s in kb.sources())
    assert "Andriy Yusov" in names and "Volodymyr Artyukh" in names


def test_unreadable_input_is_reported_or_raised(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "artyukh.txt").write_text(ARTYUKH_ARTICLE, encoding="utf-8")
    errors = []
    with claimgraph.open(str(tmp_path / "kb.db")) as kb:
        report = kb.ingest([tmp_path], on_error=errors.append)
        assert (report.read, report.added) == (1, 1)
        assert report.errors == errors and "empty.txt" in errors[0].origin
        with pytest.raises(IngestError, match="empty.txt"):
            kb.ingest([tmp_path / "empty.txt"])


@pytest.mark.parametrize("batch_size,error", [(0, ValueError), ("20", TypeError)])
def test_bad_batch_size(batch_size, error):
    with claimgraph.open(":memory:") as kb, pytest.raises(error):
        kb.ingest([], batch_size=batch_size)


def sumy_document() -> Document:
    """A stored-as-extracted document with facets, written by hand (extraction is tested elsewhere)."""
    article = Article(
        title="No Russian troops left in Sumy region, governor says",
        text="Governor Volodymyr Artyukh said no Russian troops remain in the Sumy region. "
        "Russian forces tried to advance near Novenke on March 10, the border guard service said.",
        outlet="Northern Dispatch",
        published=date(2025, 3, 12),
    )
    text = article.text

    def claim(content: str, source: str, **facets) -> Claim:
        start = text.index(content)
        return Claim(
            article_id=article.id,
            text=content,
            start=start,
            end=start + len(content),
            sentence=content,
            attribution=Attribution(AttributionKind.INDIRECT, Source(source, SourceType.PERSON)),
            **facets,
        )

    def place(written: str, name: str, feature: str) -> Place:
        start = text.index(written)
        return Place(written, start, start + len(written), name, admin1="Sumska Oblast", country="UA", feature=feature)

    novenke_date = date(2025, 3, 10)
    return Document(
        article=article,
        claims=[
            claim("no Russian troops remain in the Sumy region", "Volodymyr Artyukh", polarity=Polarity.NEGATED,
                  places=[place("Sumy region", "Sumska Oblast", "ADM1")]),
            claim("Russian forces tried to advance near Novenke on March 10", "border guard service",
                  modality=Modality.ATTEMPTED, event_type=EventType.ASSAULT, event_subtype=EventSubtype.GROUND_COMBAT,
                  places=[place("Novenke", "Novenke", "PPL")],
                  times=[TimeSpan("on March 10", text.index("on March 10"), text.index("on March 10") + 11,
                                  novenke_date, novenke_date, TimeGranularity.DAY)]),
        ],
    )


def test_facet_filters_through_the_api():
    with claimgraph.open(":memory:") as kb:
        kb.store.write_documents([sumy_document()])
        assert [s.claim.text for s in kb.claims(place="sumy", negated=True)] == [
            "no Russian troops remain in the Sumy region"
        ]
        assert [s.claim.text for s in kb.claims(country="ua", type="ground_combat", until="2025-03-10")] == [
            "Russian forces tried to advance near Novenke on March 10"
        ]
        assert kb.count_claims(place="Sumy") == 2
        assert kb.count_claims(since=date(2025, 3, 11)) == 1  # the claim without time spans, by publication date
        assert kb.count_claims(modality="attempted", negated=True) == 0


@pytest.mark.parametrize(
    "filters,error,message",
    [
        ({"since": "March 10"}, ValueError, "since must be a date as YYYY-MM-DD"),
        ({"min_quantity": 10, "max_quantity": 1}, ValueError, "min_quantity .* is greater than max_quantity"),
        ({"type": "battle"}, ValueError, "Unknown event type 'battle'"),
        ({"negated": 1}, TypeError, "negated must be a bool"),
    ],
)
def test_bad_facet_filters_raise_before_querying(filters, error, message):
    with claimgraph.open(":memory:") as kb, pytest.raises(error, match=message):
        kb.count_claims(**filters)
