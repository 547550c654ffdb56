"""JSON Lines export: lossless, and read back by ingest into the same claims."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import claimgraph
from claimgraph.cli import cli
from claimgraph.errors import IngestError
from claimgraph.export import export
from claimgraph.ingest import read_articles
from claimgraph.model import Article, Document

# Everything ingest stores from an export line, compared as the JSON contract writes
# it: each claim's to_dict() (text, offsets, sentence, attribution, facets) and its
# article's title, outlet, date and URL. story, grade and links are recomputed by
# linking on ingest; they are compared on their own below, story ids included.
STORED = ("claim", "article")
LINKED = ("story", "grade", "links")


def claim_results(kb: claimgraph.KnowledgeBase, **filters) -> list[dict]:
    return [stored.to_dict() for stored in kb.claims(**filters)]


def split(results: list[dict], keys: tuple[str, ...]) -> list[dict]:
    if keys == STORED:
        return [{k: v for k, v in d.items() if k not in LINKED} for d in results]
    return [{k: d[k] for k in keys} for d in results]


@pytest.fixture(scope="module")
def round_trip(kb_path: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    exported = tmp_path_factory.mktemp("export") / "export.jsonl"
    with claimgraph.open(kb_path) as kb, exported.open("w", encoding="utf-8") as out:
        export(kb, "jsonl", out)
    copy = tmp_path_factory.mktemp("copy") / "copy.db"
    with claimgraph.open(copy) as kb:
        report = kb.ingest([exported])
    assert report.added == 3
    return exported, copy


def test_one_line_per_article_with_marker(round_trip):
    exported, _ = round_trip
    lines = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    assert [line["article"]["id"] for line in lines] == ["wire-kursk-1", "wire-kursk-2", "wire-kursk-3"]
    assert all(line["claimgraph_export"] == 1 for line in lines)
    assert all({"story", "grade", "links"} <= set(claim) for line in lines for claim in line["claims"])


def test_round_trip_gives_the_same_claims(kb, round_trip):
    _, copy = round_trip
    original = claim_results(kb)
    with claimgraph.open(copy) as restored:
        again = claim_results(restored)
        assert split(again, STORED) == split(original, STORED)
        assert split(again, LINKED) == split(original, LINKED)
        assert restored.stats().to_dict() == kb.stats().to_dict()
        assert [s.to_dict() for s in restored.sources()] == [s.to_dict() for s in kb.sources()]


@pytest.mark.parametrize(
    "filters",
    [{"place": "Kursk"}, {"country": "UA"}, {"source": "Yusov"}, {"negated": True}, {"corroborated": True}, {"search": "troops"}],
)
def test_round_trip_gives_the_same_facet_queries(kb, round_trip, filters):
    _, copy = round_trip
    with claimgraph.open(copy) as restored:
        assert claim_results(restored, **filters) == claim_results(kb, **filters)


def test_round_trip_documents_equal_the_stored_ones(kb, round_trip):
    _, copy = round_trip
    with claimgraph.open(copy) as restored:
        for article_id in ("wire-kursk-1", "wire-kursk-2", "wire-kursk-3"):
            assert restored.article(article_id).to_dict() == kb.article(article_id).to_dict()


def test_filtered_export_keeps_only_matching_claims(kb):
    out = io.StringIO()
    count = export(kb, "jsonl", out, source="Yusov")
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == 1
    assert len(lines) == 1
    assert [claim["attribution"]["source"]["name"] for claim in lines[0]["claims"]] == ["Andriy Yusov"]


def test_reader_yields_documents_for_export_lines_and_articles_otherwise(tmp_path, round_trip):
    exported, _ = round_trip
    plain = tmp_path / "plain.jsonl"
    plain.write_text(json.dumps({"text": "Officials said the bridge was closed."}) + "\n", encoding="utf-8")
    items = list(read_articles([exported, plain]))
    assert [type(item) for item in items] == [Document, Document, Document, Article]
    assert items[0].article.origin == f"{exported}:1"


def test_unknown_export_version_is_refused_naming_the_line(tmp_path, round_trip):
    exported, _ = round_trip
    line = json.loads(exported.read_text(encoding="utf-8").splitlines()[0])
    line["claimgraph_export"] = 99
    future = tmp_path / "future.jsonl"
    future.write_text(json.dumps(line) + "\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"future\.jsonl:1: claimgraph export version 99"):
        list(read_articles([future]))


def test_malformed_export_line_is_refused_naming_the_line(tmp_path):
    broken = tmp_path / "broken.jsonl"
    broken.write_text(json.dumps({"claimgraph_export": 1, "article": {"id": "x"}}) + "\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"broken\.jsonl:1: malformed claimgraph export line"):
        list(read_articles([broken]))


def test_extract_command_extracts_the_article_of_an_export_line(round_trip, kb):
    exported, _ = round_trip
    result = CliRunner().invoke(cli, ["extract", str(exported), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    documents = [json.loads(line) for line in result.output.splitlines()]
    assert [d["article"]["id"] for d in documents] == ["wire-kursk-1", "wire-kursk-2", "wire-kursk-3"]
    assert documents[2]["claims"] == kb.article("wire-kursk-3").to_dict()["claims"]
