"""Timelines of one story's estimates (kb.timeline, claimgraph timeline) and sources' track records."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import claimgraph
from claimgraph.cli import cli
from claimgraph.errors import StoryNotFound
from claimgraph.timeline import TimelineRow, draw_timeline

WIRE_DIR = Path(__file__).resolve().parent / "data" / "wire"

# Three wire reports revising one estimate (two of them shared with other tests), and
# a fourth from an independent government repeating the first.
WIRE = {
    "nis": (WIRE_DIR / "nis.txt").read_text(encoding="utf-8"),
    "pentagon": (WIRE_DIR / "pentagon.txt").read_text(encoding="utf-8"),
    "budanov": """\
Title: Ukraine says up to 12,000 North Korean troops in Russia
Outlet: Kyiv Wire
Published: 2024-11-05

KYIV, Nov. 5 (Kyiv Wire) -- Between 11,000 and 12,000 North Korean soldiers are now in Russia, \
Ukraine's military intelligence chief Kyrylo Budanov said on Tuesday.

Budanov said the soldiers were being trained near the border.
""",
    "tokyo": """\
Title: Japan confirms North Korean deployment
Outlet: Tokyo Wire
Published: 2024-10-24

Japan's defence ministry said on Thursday that about 3,000 North Korean soldiers have been sent to \
Russia.
""",
}


def ingested(directory: Path, articles: dict[str, str]) -> str:
    """A knowledge base in ``directory`` holding ``articles`` (name → text); its path."""
    for name, text in articles.items():
        (directory / f"{name}.txt").write_text(text, encoding="utf-8")
    path = directory / "claims.db"
    with claimgraph.open(path) as kb:
        kb.ingest([directory])
    return str(path)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return ingested(tmp_path_factory.mktemp("wire"), WIRE)


def invoke(args: list[str]):
    return CliRunner().invoke(cli, args, prog_name="claimgraph")


def test_timeline_rows_follow_the_revised_estimates(db):
    with claimgraph.open(db) as kb:
        rows = kb.timeline("North Korean troops in Russia")
        story = kb.find_story("North Korean troops in Russia")
        assert kb.timeline(story=story.id) == rows
    assert story.label.startswith("troops")
    assert [row.day for row in rows] == sorted(row.day for row in rows)
    by_source = {row.source: row for row in rows}
    nis = by_source["South Korea's National Intelligence Service"]
    assert (nis.day, nis.low, nis.high, nis.unit, nis.outlet) == (date(2024, 10, 23), 3000, 3000, "soldiers", "Seoul Wire")
    budanov = by_source["Kyrylo Budanov"]
    assert (budanov.day, budanov.low, budanov.high) == (date(2024, 11, 5), 11000, 12000)
    assert by_source["Pentagon"].low == 10000
    assert rows[0].relation is None
    # The first 10,000 follows a 3,000 of the same story: a revision, higher than the one before.
    first_revision = next(i for i, row in enumerate(rows) if row.low == 10000)
    assert rows[first_revision - 1].high == 3000
    assert rows[first_revision].relation in ("updates", "higher")
    assert any(row.relation == "updates" for row in rows)


def test_unknown_story_is_a_clear_error(db):
    with claimgraph.open(db) as kb:
        with pytest.raises(StoryNotFound, match="No story with id 'nope'.*claimgraph stories"):
            kb.timeline(story="nope")
        with pytest.raises(StoryNotFound, match="No story in .* matches 'Antarctic penguins'"):
            kb.timeline("Antarctic penguins")
    result = invoke(["timeline", "--story", "nope", "--db", db])
    assert result.exit_code == 1
    assert "No story with id 'nope'" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_timeline_command_prints_rows(db, fmt):
    result = invoke(["timeline", "North Korean troops in Russia", "--db", db, "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        rows = json.loads(result.output)
        assert {"date", "source", "outlet", "low", "high", "unit", "relation", "claim"} <= rows[0].keys()
        assert any(row["source"] == "Kyrylo Budanov" and row["high"] == 12000 for row in rows)
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.output)))
        assert any(row["source"] == "Pentagon" and row["low"] == "10000" for row in rows)
    else:
        assert "11,000–12,000 soldiers" in result.output


def test_timeline_charts_are_written(db, tmp_path):
    png, svg = tmp_path / "chart.png", tmp_path / "chart.svg"
    result = invoke(["timeline", "North Korean troops", "--db", db, "--out", str(png), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") and png.stat().st_size > 5000
    result = invoke(["timeline", "North Korean troops", "--db", db, "--out", str(svg)])
    assert result.exit_code == 0, result.output
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text and text.rstrip().endswith("</svg>")


def test_bad_chart_extension_is_a_usage_error(db, tmp_path):
    out = tmp_path / "chart.jpg"
    result = invoke(["timeline", "North Korean troops", "--db", db, "--out", str(out)])
    assert result.exit_code == 2
    assert "must end in .png or .svg" in result.output
    assert not out.exists()
    both = invoke(["timeline", "North Korean troops", "--story", "x", "--db", db])
    assert both.exit_code == 2 and "either QUERY or --story" in both.output


def test_draw_timeline_refuses_rows_without_dates(tmp_path):
    undated = TimelineRow("c1", None, None, "NIS", "Seoul Wire", 3000, 3000, "soldiers", "3,000", "3,000 soldiers", None)
    with pytest.raises(ValueError, match="No dated estimate"):
        draw_timeline([undated], tmp_path / "chart.png", "troops")
    with pytest.raises(ValueError, match="must end in .png or .svg"):
        draw_timeline([undated], tmp_path / "chart.pdf", "troops")


def test_sources_show_track_records(db):
    with claimgraph.open(db) as kb:
        summaries = {summary.name: summary for summary in kb.sources()}
    nis = summaries["South Korea's National Intelligence Service"]
    # Japan's defence ministry, another government, says the same the next day.
    # "The agency said …" is the NIS too: two claims, one corroborated.
    assert nis.corroborated == 1 and nis.contradicted == 0
    assert nis.reliability == "F"  # one judged claim is not a track record yet
    assert nis.reasons[0].startswith("track record: 1 of 2 claims corroborated")
    assert all(summary.reliability in tuple("ABCDEF") for summary in summaries.values())

    result = invoke(["sources", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    (row,) = [row for row in json.loads(result.output) if row["name"] == nis.name]
    assert (row["corroborated"], row["contradicted"], row["reliability"]) == (1, 0, "F")
    assert row["reasons"] == nis.reasons
    result = invoke(["sources", "--db", db, "--format", "csv"])
    header = next(csv.reader(io.StringIO(result.output)))
    assert header[-4:] == ["corroborated", "contradicted", "reliability", "reasons"]


def test_sources_before_linking_have_no_grade(tmp_path):
    with claimgraph.open(tmp_path / "claims.db") as kb:
        path = tmp_path / "nis.txt"
        path.write_text(WIRE["nis"], encoding="utf-8")
        kb.ingest([path], link=False)
        (nis,) = [s for s in kb.sources() if s.name == "South Korea's National Intelligence Service"]
        assert (nis.corroborated, nis.reliability, nis.reasons) == (0, None, [])
        kb.link()
        (nis,) = [s for s in kb.sources() if s.name == "South Korea's National Intelligence Service"]
        assert nis.reliability == "F"


FORECAST = """\
Title: Seoul expects 10,000 North Korean troops in Russia by December
Outlet: Seoul Wire
Published: 2024-10-29

SEOUL, Oct. 29 (Seoul Wire) -- The number of North Korean troops in Russia would reach roughly 10,000 \
by December, South Korea's National Intelligence Service said on Tuesday.
"""


def test_a_forecast_is_marked_and_drawn_hollow(tmp_path):
    (tmp_path / "nis.txt").write_text(WIRE["nis"], encoding="utf-8")
    (tmp_path / "forecast.txt").write_text(FORECAST, encoding="utf-8")
    with claimgraph.open(tmp_path / "claims.db") as kb:
        kb.ingest([tmp_path])
        rows = [row for story in kb.stories() for row in kb.timeline(story=story.id)]
    reports = [row for row in rows if row.low == 3000]
    forecasts = [row for row in rows if row.low == 10000]
    # what happened is an estimate; what is expected is a forecast, dated when it is expected
    assert reports and not any(row.forecast for row in reports)
    assert forecasts and all(row.forecast and row.day > row.published for row in forecasts)
    assert forecasts[0].to_dict()["forecast"] is True
    assert draw_timeline(rows, tmp_path / "chart.svg", "forecast").stat().st_size > 0


# Two estimates of one proposition five months apart (beyond the linker's window, so in no
# story together), and two figures that are not about it: Russia's own troops, and North
# Korean casualties.
GAP_WIRE = {
    "october": """\
Title: Seoul says 10,000 North Korean troops in Russia
Outlet: Seoul Wire
Published: 2024-10-28

SEOUL, Oct. 28 (Seoul Wire) -- About 10,000 North Korean troops are now in Russia, South Korea's \
National Intelligence Service told lawmakers on Monday.

Russia has also moved 50,000 of its own soldiers to the Kursk region, the agency said.
""",
    "march": """\
Title: Kyiv says North Korean losses mount
Outlet: Kyiv Wire
Published: 2025-01-20

KYIV, Jan. 20 (Kyiv Wire) -- About 4,000 North Korean soldiers have been killed or wounded in Russia's \
Kursk region, Ukraine's military intelligence said on Monday.
""",
    "april": """\
Title: North Korea has sent 15,000 troops to Russia, lawmaker says
Outlet: Seoul Wire
Published: 2025-04-30

SEOUL, April 30 (Seoul Wire) -- North Korea has sent an estimated 15,000 troops to Russia since last \
October, lawmaker Lee Seong-kweun said after a briefing by the spy agency.
""",
}


@pytest.fixture(scope="module")
def gap_db(tmp_path_factory):
    return ingested(tmp_path_factory.mktemp("gap"), GAP_WIRE)


def test_read_proposition():
    from claimgraph.timeline import read_proposition

    troops = read_proposition("North Korean troops in Russia")
    assert (troops.topic, troops.actor_countries, troops.place.country) == ("forces", ("KP",), "RU")
    assert troops.label.startswith("troops · ") and troops.label.endswith(" · Russia")
    losses = read_proposition("North Korean casualties in the Kursk region")
    assert losses.topic == "casualties" and losses.place.name == "Kursk Oblast"
    # No topic, or no one acting: not a proposition (the query then picks a story by its words).
    assert read_proposition("Antarctic penguins") is None
    assert read_proposition("troops in Russia") is None
    assert read_proposition("North Korea") is None


def test_a_proposition_timeline_spans_stories_and_gaps(gap_db):
    with claimgraph.open(gap_db) as kb:
        found = kb.timeline_of("North Korean troops in Russia")
        assert found.story is None and found.label.startswith("troops")
        # Each estimate twice: the headline's and the body's.
        figures = [(row.day.isoformat(), row.low) for row in found.rows]
        assert figures == [("2024-10-28", 10000)] * 2 + [("2025-04-30", 15000)] * 2
        # Russia's own 50,000 and the North Korean casualties are other propositions.
        losses = kb.timeline("North Korean casualties in the Kursk region")
        assert [row.low for row in losses] == [4000]
    result = invoke(["timeline", "North Korean troops in Russia", "--db", gap_db, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [row["low"] for row in json.loads(result.output)] == [10000, 10000, 15000, 15000]
