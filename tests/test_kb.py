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


def test_claims_of_one_source_by_exact_name(kb):
    found = kb.claims(source_name="Andriy Yusov")
    assert found and {s.claim.attribution.source.name for s in found} == {"Andriy Yusov"}
    assert kb.count_claims(source_name="Andriy Yusov") == len(found)
    # exact: not a substring, not another case
    assert kb.claims(source_name="Yusov") == [] and kb.claims(source_name="andriy yusov") == []
    (summary,) = kb.sources(name="Andriy Yusov")
    assert summary.claims == len(found)
    assert summary == next(s for s in kb.sources() if s.name == "Andriy Yusov")
    assert kb.sources(name="Nobody") == []


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


# -- across articles: links, stories, grades ---------------------------------------

NIS_ARTICLE = """\
Title: About 3,000 North Korean soldiers sent to Russia, spy agency says
Outlet: Seoul Wire
Published: 2024-10-23

SEOUL, Oct. 23 (Seoul Wire) -- About 3,000 North Korean soldiers have been sent to Russia so far, \
South Korea's National Intelligence Service said on Wednesday.

The agency said the troops travelled by ship from ports near Chongjin to Vladivostok.
"""

PENTAGON_ARTICLE = """\
Title: Pentagon sees evidence of North Korean troops in Russia
Outlet: Washington Wire
Published: 2024-10-24

WASHINGTON (Washington Wire) -- About 3,000 North Korean soldiers have been sent to Russia, the Pentagon \
said on Thursday.

Officials in Washington have warned Pyongyang against deeper involvement in the war.
"""

KREMLIN_ARTICLE = """\
Title: Kremlin dismisses reports on North Korean troops
Outlet: Moscow Wire
Published: 2024-10-25

Kremlin spokesman Dmitry Peskov said on Friday that reports about North Korean soldiers being sent to \
Russia were another fake.

Peskov declined to comment further.
"""


@pytest.fixture(scope="module")
def wire_files(tmp_path_factory):
    directory = tmp_path_factory.mktemp("wire")
    paths = {}
    for name, text in (("nis", NIS_ARTICLE), ("pentagon", PENTAGON_ARTICLE), ("kremlin", KREMLIN_ARTICLE)):
        paths[name] = directory / f"{name}.txt"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def linked_state(kb):
    """Every claim's story, grade and links, as comparable plain data."""
    return {
        c.claim.id: (c.story, c.grade.to_dict() if c.grade else None, sorted(map(str, c.links)))
        for c in kb.claims()
    }


def nis_claim(kb):
    (claim,) = kb.claims(source="National Intelligence Service", search="3,000")
    return claim


def test_links_do_not_depend_on_ingest_order_and_rebuild_agrees(wire_files):
    with claimgraph.open(":memory:") as forward, claimgraph.open(":memory:") as backward:
        for name in ("nis", "pentagon", "kremlin"):
            forward.ingest([wire_files[name]])
        for name in ("kremlin", "pentagon", "nis"):
            backward.ingest([wire_files[name]])
        state = linked_state(forward)
        assert any(links for _, _, links in state.values())
        assert linked_state(backward) == state
        report = backward.link(rebuild=True)
        assert report.claims == len(state)
        assert linked_state(backward) == state


def test_grade_changes_when_a_contradicting_article_arrives(wire_files):
    with claimgraph.open(":memory:") as kb:
        kb.ingest([wire_files["nis"], wire_files["pentagon"]])
        before = nis_claim(kb)
        assert before.grade.credibility == 2
        assert any(reason.startswith("corroborated by Pentagon (2024-10-24)") for reason in before.grade.reasons)
        assert kb.count_claims(contradicted=True) == 0

        report = kb.ingest([wire_files["kremlin"]])
        assert report.linked.links["contradicts"] >= 1
        after = nis_claim(kb)
        assert after.grade.credibility > before.grade.credibility
        assert any(reason.startswith("contradicted by Dmitry Peskov (2024-10-25)") for reason in after.grade.reasons)
        # Peskov's quote and the Kremlin headline ("Kremlin dismisses reports …") both deny it
        denials = [link["evidence"] for link in after.links if link["relation"] == "contradicts"]
        assert len(denials) == 2
        assert any("Dmitry Peskov denies what South Korea's National Intelligence Service affirms" in e for e in denials)
        assert any("Kremlin denies what South Korea's National Intelligence Service affirms" in e for e in denials)


def test_related_claims_filters_and_stories(wire_files):
    with claimgraph.open(":memory:") as kb:
        kb.ingest(list(wire_files.values()))
        nis = nis_claim(kb)
        related = kb.related(nis.claim.id)
        assert {c.claim.attribution.source.name for c in related} >= {"Pentagon", "Dmitry Peskov"}
        for other in related:
            assert any(link["claim"] == nis.claim.id for link in other.links)
        assert nis.story is not None
        assert nis.claim.id in {c.claim.id for c in kb.claims(story=nis.story.id)}
        (story,) = [s for s in kb.stories() if s.id == nis.story.id]
        assert story.label.startswith("troops")
        corroborated = kb.claims(corroborated=True)
        assert nis.claim.id in {c.claim.id for c in corroborated}
        assert kb.count_claims(corroborated=True) == len(corroborated)
        assert kb.count_claims(grade="F") == kb.count_claims()  # no source has a track record of 3 yet
        assert kb.count_claims(grade="2") < kb.count_claims()


def test_priors_give_a_reliability_and_say_so(wire_files, tmp_path):
    priors = tmp_path / "priors.toml"
    priors.write_text("[sources.\"South Korea's National Intelligence Service\"]\nreliability = \"B\"\n")
    with claimgraph.open(":memory:") as kb:
        kb.ingest([wire_files["nis"]])
        assert nis_claim(kb).grade.reliability == "F"
        kb.link(priors=priors)
        grade = nis_claim(kb).grade
        assert grade.reliability == "B"
        assert any("analyst's prior B" in reason for reason in grade.reasons)


def test_unknown_claim_and_bad_grade(wire_files):
    from claimgraph.errors import ClaimNotFound

    with claimgraph.open(":memory:") as kb:
        with pytest.raises(ClaimNotFound, match="No claim with id 'nope'"):
            kb.related("nope")
        with pytest.raises(ValueError, match="Unknown grade 'G7'"):
            kb.claims(grade="G7")
