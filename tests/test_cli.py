"""The claimgraph command line end to end, with click's CliRunner on temporary databases."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import claimgraph
from claimgraph.cli import cli, mark_plain, nest_spans
from claimgraph.datafiles import demo_articles
from claimgraph.model import (
    Actor,
    ActorRole,
    ActorType,
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
    QuantityBound,
    QuantityRange,
    Source,
    SourceType,
    TimeGranularity,
    TimeSpan,
)

KHARKIV_TXT = """\
Title: Kharkiv hit by guided bombs overnight, governor says
Outlet: Ukrinform
Published: 2025-02-14
URL: https://example.org/ukrinform/kharkiv-guided-bombs

Russian aircraft dropped four guided bombs on the outskirts of Kharkiv overnight, the head of the \
Kharkiv regional military administration Oleh Syniehubov said on Friday.

"Two private houses and a warehouse were destroyed. There are no casualties," Syniehubov wrote on Telegram.

He added that emergency crews had worked through the night to put out the fires.

According to the city's mayor, power was restored to most districts by morning.
"""

SEOUL_ARTICLES = [
    {
        "title": "Seoul says North Korean troops rotated out of Kursk",
        "text": "North Korea has pulled some of its troops out of Russia's Kursk region after heavy losses, "
        "South Korea's National Intelligence Service said on Wednesday.\n\n"
        "The agency told lawmakers that about 3,000 fresh soldiers had been sent to replace them, "
        "citing intelligence gathered with allies.",
        "published": "2025-03-05",
        "outlet": "Yonhap",
        "url": "https://example.org/yonhap/kursk-rotation",
    },
    {
        "title": "Moscow denies foreign troops fight in Kursk",
        "text": "Russia's Defence Ministry on Thursday denied that foreign troops were fighting in the Kursk region.\n\n"
        '"These reports are fabrications," ministry spokesman Igor Konashenkov told reporters in Moscow.',
        "published": "2025-03-06",
        "outlet": "TASS",
        "url": "https://example.org/tass/denial",
    },
]

# An article with no header block: the first line is its title.
STDIN_ARTICLE = """\
Zaporizhzhia plant lost external power again, IAEA says

The Zaporizhzhia nuclear power plant lost its last external power line on Saturday, the International \
Atomic Energy Agency said. "This is the eighth time the plant has been cut off since the war began," \
IAEA Director General Rafael Grossi said in a statement.
"""

MARKER = re.compile(r"\[S:|\[C:|\]|\{|\}")


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    (folder / "kharkiv.txt").write_text(KHARKIV_TXT, encoding="utf-8")
    (folder / "seoul.jsonl").write_text(
        "".join(json.dumps(article) + "\n" for article in SEOUL_ARTICLES), encoding="utf-8"
    )
    return folder


@pytest.fixture(scope="module")
def db(articles, tmp_path_factory) -> str:
    """A knowledge base holding the three test articles, built once through the CLI."""
    path = str(tmp_path_factory.mktemp("kb") / "claims.db")
    result = invoke(["ingest", str(articles / "kharkiv.txt"), str(articles / "seoul.jsonl"), "--db", path])
    assert result.exit_code == 0, result.output
    return path


def invoke(args: list[str], **kwargs):
    return CliRunner().invoke(cli, args, prog_name="claimgraph", **kwargs)


def claims_as(db: str, fmt: str, *extra: str) -> str:
    result = invoke(["claims", "--db", db, "--format", fmt, *extra])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_ingest_reports_counts_and_is_idempotent(articles, tmp_path):
    db = str(tmp_path / "fresh.db")
    first = invoke(["ingest", str(articles), "--db", db])
    assert first.exit_code == 0, first.output
    assert "3 articles read: 3 added, 0 already in" in first.stdout
    again = invoke(["ingest", str(articles), "--db", db, "--silent"])
    assert again.exit_code == 0, again.output
    assert "3 articles read: 0 added, 3 already in" in again.stdout


def test_ingest_uses_claimgraph_db_from_the_environment(articles, tmp_path):
    db = tmp_path / "from_env.db"
    result = invoke(["ingest", str(articles / "kharkiv.txt")], env={"CLAIMGRAPH_DB": str(db)})
    assert result.exit_code == 0, result.output
    assert db.exists()
    assert "1 article read: 1 added" in result.stdout


def test_ingest_names_a_failed_input_stores_the_rest_and_exits_1(articles, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    db = str(tmp_path / "partial.db")
    result = invoke(["ingest", str(empty), str(articles / "kharkiv.txt"), "--db", db])
    assert result.exit_code == 1
    assert str(empty) in result.stderr
    assert "1 article read: 1 added" in result.stdout
    assert json.loads(claims_as(db, "json"))  # the good input was stored


def test_ingest_missing_file_is_a_usage_error_naming_it(tmp_path):
    missing = tmp_path / "no-such-article.txt"
    result = invoke(["ingest", str(missing), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert "no-such-article.txt" in result.stderr
    assert "does not exist" in result.stderr


def test_ingest_reads_standard_input(tmp_path):
    db = str(tmp_path / "stdin.db")
    result = invoke(["ingest", "-", "--db", db], input=STDIN_ARTICLE)
    assert result.exit_code == 0, result.output
    assert "1 article read: 1 added" in result.stdout


def test_claims_json_csv_jsonl_and_table_agree(db):
    from_json = json.loads(claims_as(db, "json"))
    from_jsonl = [json.loads(line) for line in claims_as(db, "jsonl").splitlines()]
    from_csv = list(csv.DictReader(io.StringIO(claims_as(db, "csv"))))
    assert from_json, "the test articles hold claims"
    assert [c["id"] for c in from_json] == [c["id"] for c in from_jsonl] == [row["id"] for row in from_csv]
    for claim, row in zip(from_json, from_csv):
        assert row["claim"] == claim["text"]
        assert row["source_name"] == claim["attribution"]["source"]["name"]
        assert row["kind"] == claim["attribution"]["kind"]
        assert row["article"] == claim["article"]["id"]
    assert {c["article"]["outlet"] for c in from_json} == {"Ukrinform", "Yonhap", "TASS"}
    table = claims_as(db, "table")
    assert f"showing 1–{len(from_json)} of {len(from_json)} claims" in table


def test_claims_json_is_one_claim_per_line(db):
    lines = claims_as(db, "json").splitlines()
    assert lines[0].startswith("[{") and lines[-1].endswith("}]")
    assert len(lines) == len(json.loads("\n".join(lines)))


def test_claims_filters_limit_and_offset(db):
    everything = json.loads(claims_as(db, "json"))
    by_source = json.loads(claims_as(db, "json", "--source", "Konashenkov"))
    assert by_source
    assert all("Konashenkov" in c["attribution"]["source"]["name"] for c in by_source)
    direct = json.loads(claims_as(db, "json", "--kind", "direct"))
    assert direct and all(c["attribution"]["kind"] == "direct" for c in direct)
    assert json.loads(claims_as(db, "json", "--outlet", "tass")) == [
        c for c in everything if c["article"]["outlet"] == "TASS"
    ]
    article_id = everything[0]["article"]["id"]
    in_article = json.loads(claims_as(db, "json", "--article", article_id))
    assert in_article == [c for c in everything if c["article"]["id"] == article_id]
    page = json.loads(claims_as(db, "json", "--limit", "2", "--offset", "1"))
    assert page == everything[1:3]
    table = claims_as(db, "table", "--limit", "2", "--offset", "1")
    assert f"showing 2–3 of {len(everything)} claims (use --limit and --offset for more)" in table


def test_claims_with_no_match_print_empty_json_and_a_bare_csv_header(db):
    assert json.loads(claims_as(db, "json", "--search", "Vladivostok")) == []
    assert claims_as(db, "csv", "--search", "Vladivostok").splitlines()[0].startswith("claim,source,kind")
    assert len(claims_as(db, "csv", "--search", "Vladivostok").splitlines()) == 1


def test_claims_search_finds_words_in_the_claim(db):
    found = json.loads(claims_as(db, "json", "--search", "fabrications"))
    assert [c["attribution"]["source"]["name"] for c in found] == ["Igor Konashenkov"]


def test_claims_csv_without_headers(db):
    rows = list(csv.reader(io.StringIO(claims_as(db, "csv", "--no-headers", "--limit", "1"))))
    assert len(rows) == 1 and rows[0][0] != "claim"


def test_claims_rejects_a_bad_format(db):
    result = invoke(["claims", "--db", db, "--format", "xml"])
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.stderr


def test_claims_on_a_missing_database_says_how_to_build_one(tmp_path):
    result = invoke(["claims", "--db", str(tmp_path / "nothing.db")])
    assert result.exit_code == 1
    assert "nothing.db" in result.stderr and "claimgraph ingest" in result.stderr
    assert not (tmp_path / "nothing.db").exists()


def test_article_view_marks_sources_cues_and_contents_in_a_pipe(db):
    stored = json.loads(claims_as(db, "json", "--source", "Konashenkov"))[0]
    document = json.loads(invoke(["article", stored["article"]["id"], "--db", db, "--format", "json"]).stdout)
    result = invoke(["article", stored["article"]["id"], "--db", db])
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("\n")
    # The marked body sits between the header's blank line and the legend's.
    body = "\n".join(lines[lines.index("") + 1 : lines.index("Marks: [S:source] [C:cue] {content}") - 1])
    assert MARKER.sub("", body) == document["article"]["text"]
    source = stored["attribution"]["source"]
    assert f"[S:{document['article']['text'][source['start']:source['end']]}]" in body
    assert f"[C:{stored['attribution']['cue']['text']}]" in body
    assert "{" + stored["text"] + "}" in body
    assert f"{len(document['claims'])} claims:" in result.stdout


def test_article_unknown_id_is_a_clear_error(db):
    result = invoke(["article", "0000000000000000", "--db", db])
    assert result.exit_code == 1
    assert "0000000000000000" in result.stderr
    assert "Traceback" not in result.output


def test_sources_in_every_format(db):
    listed = json.loads(invoke(["sources", "--db", db, "--format", "json"]).stdout)
    names = [s["name"] for s in listed]
    assert "Igor Konashenkov" in names
    assert [s["claims"] for s in listed] == sorted((s["claims"] for s in listed), reverse=True)
    rows = list(csv.DictReader(io.StringIO(invoke(["sources", "--db", db, "--format", "csv"]).stdout)))
    assert [row["name"] for row in rows] == names
    top = invoke(["sources", "--db", db, "--limit", "1"], env={"COLUMNS": "200"})
    assert top.exit_code == 0 and names[0] in top.stdout


def test_extract_a_file_prints_the_document(articles):
    result = invoke(["extract", str(articles / "kharkiv.txt")])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["article"]["title"] == "Kharkiv hit by guided bombs overnight, governor says"
    assert document["article"]["outlet"] == "Ukrinform"
    assert document["article"]["published"] == "2025-02-14"
    assert any(c["attribution"]["source"]["name"] == "Oleh Syniehubov" for c in document["claims"])


def test_extract_several_articles_prints_a_list(articles):
    result = invoke(["extract", str(articles / "seoul.jsonl")])
    assert result.exit_code == 0, result.output
    documents = json.loads(result.stdout)
    assert [d["article"]["outlet"] for d in documents] == ["Yonhap", "TASS"]


def test_extract_from_stdin_with_overrides():
    result = invoke(
        ["extract", "-", "--published", "2025-04-12", "--outlet", "Reuters", "--title", "IAEA: plant cut off"],
        input=STDIN_ARTICLE,
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["article"]["outlet"] == "Reuters"
    assert document["article"]["published"] == "2025-04-12"
    assert document["article"]["title"] == "IAEA: plant cut off"
    assert document["article"]["text"].startswith("The Zaporizhzhia nuclear power plant")


def test_extract_table_lists_claims_with_sources(articles):
    result = invoke(["extract", str(articles / "seoul.jsonl"), "--format", "table"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Moscow denies foreign troops fight in Kursk" in result.stdout
    assert "Igor Konashenkov" in result.stdout


def test_extract_rejects_a_bad_date(articles):
    result = invoke(["extract", str(articles / "kharkiv.txt"), "--published", "14/02/2025"])
    assert result.exit_code == 2
    assert "--published" in result.stderr


def test_extract_names_an_unreadable_input(tmp_path):
    empty = tmp_path / "blank.txt"
    empty.write_text("\n\n", encoding="utf-8")
    result = invoke(["extract", str(empty)])
    assert result.exit_code == 1
    assert "blank.txt" in result.stderr
    assert "Traceback" not in result.output


def test_demo_builds_and_summarises_the_demo_knowledge_base(tmp_path):
    with demo_articles() as articles:
        read = len(articles)
    if not read:
        pytest.skip("the demo corpus is not in this checkout")
    db = str(tmp_path / "demo.db")
    result = invoke(["demo", "--db", db], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert f"{read} articles read: {read} added" in result.stdout
    assert re.search(rf"Knowledge base {re.escape(db)}: {read} articles, \d+ claims, \d+ sources", result.stdout)
    assert "Top sources" in result.stdout and "Sample claims" in result.stdout
    chart = tmp_path / "claimgraph-timeline.png"
    assert f"drawn to {chart}" in result.stdout
    assert chart.read_bytes().startswith(b"\x89PNG")
    again = invoke(["demo", "--db", db])
    assert f"{read} articles read: 0 added, {read} already in" in again.stdout


def test_mark_plain_nests_crossing_spans():
    text = "Officials said the town was shelled."
    # A content span crossing a cue span is cut so that every marker pair nests.
    spans = nest_spans([(0, 14, "content"), (10, 36, "cue")])
    marked = mark_plain(text, spans)
    assert MARKER.sub("", marked) == text
    assert marked == "{Officials [C:said]}[C: the town was shelled.]"


def test_eval_attribution_json_shape():
    polnear_dev = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "polnear" / "data" / "dev"
    if not polnear_dev.is_dir():
        pytest.skip("../shared/eval is not available")
    result = invoke(["eval", "attribution", str(polnear_dev), "--json", "--limit", "2"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["task"] == "attribution" and scores["documents"] == 2
    for metric in ("source_f1", "cue_f1", "content_f1", "source_overlap_f1", "cue_overlap_f1", "content_overlap_f1"):
        assert 0.0 <= scores["metrics"][metric] <= 1.0


def test_eval_attribution_on_a_folder_that_is_not_polnear(tmp_path):
    result = invoke(["eval", "attribution", str(tmp_path)])
    assert result.exit_code == 1
    assert str(tmp_path) in result.stderr


def test_eval_quantities_json_shape():
    dev_file = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "quantities_heldout.json"
    result = invoke(["eval", "quantities", str(dev_file), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["task"] == "quantities" and scores["documents"] == len(json.loads(dev_file.read_text()))
    for metric in ("value_f1", "value_unit_f1", "value_change_f1"):
        assert 0.0 <= scores["metrics"][metric] <= 1.0


@pytest.mark.parametrize(
    "command, relative, metrics",
    [
        ("timex", "tempeval3/Training", ("extent_strict_f1", "extent_relaxed_f1", "value_f1", "value_accuracy")),
        ("geocoding", "geoparsing/GWN.xml", ("acc_161km", "unresolved")),
    ],
)
def test_eval_facet_commands_on_shared_data(command, relative, metrics):
    path = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / relative
    if not path.exists():
        pytest.skip(f"../shared/eval/{relative} is not available")
    result = invoke(["eval", command, str(path), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["documents"] > 0
    for metric in metrics:
        assert 0.0 <= scores["metrics"][metric] <= 1.0


def test_eval_reports_malformed_data(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"not": "a list"}')
    result = invoke(["eval", "quantities", str(broken)])
    assert result.exit_code == 1
    assert "broken.json" in result.output


# ---------------------------------------------------------------- facet filters
# The knowledge base for these is written through the store with hand-made facets,
# so that the tests do not depend on what the facet extractors find.

KURSK_FACET_ARTICLE = Article(
    title="North Korean troops moved to Kursk region – GUR",
    text="Between 1,000 and 3,000 North Korean soldiers were moved to the Kursk region in January, "
    "Andriy Yusov, a spokesman for Ukraine's military intelligence, said.",
    outlet="Ukrinform",
    published=date(2025, 3, 10),
)
SUMY_FACET_ARTICLE = Article(
    title="No Russian troops left in Sumy region, governor says",
    text="Governor Volodymyr Artyukh said no Russian troops remain in the Sumy region. "
    "Russian forces tried to advance near Novenke on March 10, the border guard service said.",
    outlet="Northern Dispatch",
    published=date(2025, 3, 12),
)


def facet_claim(article: Article, content: str, source: str, **facets) -> Claim:
    start = article.text.index(content)
    return Claim(
        article_id=article.id,
        text=content,
        start=start,
        end=start + len(content),
        sentence=content,
        attribution=Attribution(AttributionKind.INDIRECT, Source(source, SourceType.PERSON)),
        **facets,
    )


def at(article: Article, written: str) -> tuple[str, int, int]:
    start = article.text.index(written)
    return written, start, start + len(written)


@pytest.fixture(scope="module")
def facet_db(tmp_path_factory) -> str:
    kursk, sumy = KURSK_FACET_ARTICLE, SUMY_FACET_ARTICLE
    moved = facet_claim(
        kursk, "Between 1,000 and 3,000 North Korean soldiers were moved to the Kursk region in January", "Andriy Yusov",
        actors=[Actor(*at(kursk, "North Korean soldiers"), "north_korea_armed_forces", "Korean People's Army",
                      ActorType.ARMED_FORCES, "KP", ActorRole.AGENT)],
        quantities=[QuantityRange(*at(kursk, "1,000 and 3,000 North Korean soldiers"), low=1000.0, high=3000.0,
                                  bound=QuantityBound.RANGE, unit="soldiers", qualifier="North Korean")],
        places=[Place(*at(kursk, "Kursk region"), "Kursk Oblast", 538555, "ADM1", "Kursk Oblast", "RU", 51.5, 36.0, "region")],
        times=[TimeSpan(*at(kursk, "in January"), date(2025, 1, 1), date(2025, 1, 31), TimeGranularity.MONTH)],
        event_type=EventType.MOBILIZE, event_subtype=EventSubtype.DEPLOY_FORCES,
    )
    remain = facet_claim(
        sumy, "no Russian troops remain in the Sumy region", "Volodymyr Artyukh", polarity=Polarity.NEGATED,
        places=[Place(*at(sumy, "Sumy region"), "Sumska Oblast", 692196, "ADM1", "Sumska Oblast", "UA", 51.083, 34.033, "region")],
        event_type=EventType.MOBILIZE, event_subtype=EventSubtype.PRESENCE_OF_FORCES,
    )
    tried = facet_claim(
        sumy, "Russian forces tried to advance near Novenke on March 10", "border guard service",
        modality=Modality.ATTEMPTED, event_type=EventType.ASSAULT, event_subtype=EventSubtype.GROUND_COMBAT,
        places=[Place(*at(sumy, "Novenke"), "Novenke", 805767, "PPL", "Sumska Oblast", "UA", 51.22, 35.105, "locality")],
        times=[TimeSpan(*at(sumy, "on March 10"), date(2025, 3, 10), date(2025, 3, 10), TimeGranularity.DAY)],
    )
    path = str(tmp_path_factory.mktemp("facets") / "facets.db")
    with claimgraph.open(path) as kb:
        kb.store.write_documents([Document(kursk, [moved]), Document(sumy, [remain, tried])])
    return path


MOVED_TEXT = "Between 1,000 and 3,000 North Korean soldiers were moved to the Kursk region in January"
REMAIN_TEXT = "no Russian troops remain in the Sumy region"
TRIED_TEXT = "Russian forces tried to advance near Novenke on March 10"


@pytest.mark.parametrize(
    "options,expected",
    [
        ([], [MOVED_TEXT, REMAIN_TEXT, TRIED_TEXT]),
        (["--place", "Sumy"], [REMAIN_TEXT, TRIED_TEXT]),  # Sumska Oblast, written "Sumy region", and Novenke in it
        (["--place", "novenke"], [TRIED_TEXT]),
        (["--place", "Sumy", "--negated"], [REMAIN_TEXT]),
        (["--place", "Sumy", "--affirmed"], [TRIED_TEXT]),
        (["--country", "ru"], [MOVED_TEXT]),
        (["--country", "KP"], []),  # the actor's country is not a place
        (["--actor", "North Korean soldiers"], [MOVED_TEXT]),
        (["--actor", "north_korea_armed_forces"], [MOVED_TEXT]),
        (["--type", "assault"], [TRIED_TEXT]),
        (["--type", "MOBILIZE"], [MOVED_TEXT, REMAIN_TEXT]),
        (["--type", "Presence_Of_Forces"], [REMAIN_TEXT]),
        (["--since", "2025-03-01"], [REMAIN_TEXT, TRIED_TEXT]),  # the Kursk claim is about January
        (["--until", "2025-01-31"], [MOVED_TEXT]),
        (["--since", "2025-03-11", "--until", "2025-03-12"], [REMAIN_TEXT]),  # by its article's date
        (["--min", "2000", "--max", "2500"], [MOVED_TEXT]),
        (["--min", "3001"], []),
        (["--unit", "soldiers", "--max", "1000"], [MOVED_TEXT]),
        (["--modality", "ATTEMPTED"], [TRIED_TEXT]),
        (["--search", "troops", "--place", "Sumy"], [REMAIN_TEXT]),
        (["--search", "troops", "--country", "RU"], []),
        (["--source", "border", "--since", "2025-03-10", "--type", "ground_combat"], [TRIED_TEXT]),
    ],
)
def test_claims_facet_filters(facet_db, options, expected):
    found = json.loads(claims_as(facet_db, "json", *options))
    assert [c["text"] for c in found] == expected
    table = claims_as(facet_db, "table", *options)
    assert f"of {len(expected)} claims" in table


@pytest.mark.parametrize(
    "options,message",
    [
        (["--since", "2025-13-01"], "Invalid value for '--since': '2025-13-01' does not match the format '%Y-%m-%d'"),
        (["--until", "10 March"], "Invalid value for '--until'"),
        (["--since", "2025-03-10", "--until", "2025-03-01"], "--since (2025-03-10) is after --until (2025-03-01)"),
        (["--min", "3000", "--max", "1000"], "--min (3000.0) is greater than --max (1000.0)"),
        (["--min", "1,000"], "Invalid value for '--min': '1,000' is not a valid float"),
        (["--type", "battle"], "Invalid value for '--type': 'battle' is not one of 'agree'"),
        (["--country", "Ukraine"], "'Ukraine' is not a two-letter ISO 3166-1 country code"),
        (["--modality", "rumoured"], "Invalid value for '--modality'"),
    ],
)
def test_claims_bad_facet_filters_are_usage_errors(facet_db, options, message):
    result = invoke(["claims", "--db", facet_db, *options])
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
    assert "Traceback" not in result.output


def test_claims_csv_flattens_the_facets(facet_db):
    rows = {row["claim"]: row for row in csv.DictReader(io.StringIO(claims_as(facet_db, "csv")))}
    moved, tried = rows[MOVED_TEXT], rows[TRIED_TEXT]
    assert {k: moved[k] for k in ("places", "quantity_low", "quantity_high", "unit", "time_start", "time_end")} == {
        "places": "Kursk Oblast (RU)",
        "quantity_low": "1000",
        "quantity_high": "3000",
        "unit": "soldiers",
        "time_start": "2025-01-01",
        "time_end": "2025-01-31",
    }
    assert {k: moved[k] for k in ("event_type", "event_subtype", "polarity", "modality", "actors")} == {
        "event_type": "MOBILIZE",
        "event_subtype": "deploy_forces",
        "polarity": "affirmed",
        "modality": "asserted",
        "actors": "Korean People's Army (agent)",
    }
    assert tried["places"] == "Novenke (Sumska Oblast, UA)"
    assert (tried["quantity_low"], tried["time_start"], tried["time_end"]) == ("", "2025-03-10", "2025-03-10")
    assert rows[REMAIN_TEXT]["polarity"] == "negated"
    assert "quantities" not in moved  # the table's summaries stay out of the CSV


def test_claims_table_shows_compact_facets(facet_db):
    result = invoke(["claims", "--db", facet_db], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    header = next(line for line in result.stdout.splitlines() if "claim" in line and "places" in line)
    assert all(name in header for name in ("type", "places", "times", "quantities"))
    for cell in ("1,000–3,000 soldiers", "2025-01-01–2025-01-31", "presence_of_forces, negated",
                 "ground_combat, attempted", "Novenke (Sumska Oblast, UA)"):
        assert cell in result.stdout


def test_claims_table_leaves_out_facet_columns_empty_on_the_page(facet_db):
    result = invoke(["claims", "--db", facet_db, "--place", "Sumy", "--negated"], env={"COLUMNS": "250"})
    header = next(line for line in result.stdout.splitlines() if "claim" in line and "source" in line)
    assert "type" in header and "places" in header
    assert "times" not in header and "quantities" not in header


# -- link, related, stories ---------------------------------------------------------


def test_link_is_up_to_date_after_ingest_and_rebuild_recomputes(db):
    result = invoke(["link", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["claims"] == 0
    rebuilt = invoke(["link", "--db", db, "--rebuild", "--json"])
    assert rebuilt.exit_code == 0, rebuilt.output
    report = json.loads(rebuilt.stdout)
    assert report["claims"] == report["graded"] == len(json.loads(claims_as(db, "json")))
    plain = invoke(["link", "--db", db])
    assert plain.stdout.startswith("Linked 0 claims (0 pairs compared): no new links")


def test_claims_json_carries_story_grade_and_links(db):
    rows = json.loads(claims_as(db, "json"))
    for row in rows:
        assert {"story", "grade", "links"} <= row.keys()
        assert row["grade"]["reliability"] in "ABCDEF" and 1 <= row["grade"]["credibility"] <= 6
        assert row["grade"]["reasons"]
    linked = [row for row in rows if row["links"]]
    assert linked, "the Yonhap and TASS articles speak of the same troops"
    for row in linked:
        for link in row["links"]:
            assert set(link) == {"claim", "relation", "score", "evidence"} and link["evidence"]
        assert row["story"]["id"] and row["story"]["label"]


def test_related_lists_the_linked_claims(db):
    rows = json.loads(claims_as(db, "json"))
    claim = next(row for row in rows if row["links"])
    result = invoke(["related", claim["id"], "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    related = json.loads(result.stdout)
    assert {row["id"] for row in related} == {link["claim"] for link in claim["links"]}
    table = invoke(["related", claim["id"], "--db", db, "--format", "csv"])
    header = next(csv.reader(io.StringIO(table.stdout)))
    assert header[:2] == ["relation", "published"] and "evidence" in header


def test_related_unknown_claim_is_a_clear_error(db):
    result = invoke(["related", "0000", "--db", db])
    assert result.exit_code == 1
    assert "No claim with id '0000'" in result.output


def test_stories_and_claims_of_a_story(db):
    result = invoke(["stories", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    stories = json.loads(result.stdout)
    assert stories and all(story["size"] >= 2 for story in stories)
    members = json.loads(claims_as(db, "json", "--story", stories[0]["id"]))
    assert len(members) == stories[0]["size"]
    assert {row["story"]["id"] for row in members} == {stories[0]["id"]}


def test_claims_link_filters(db):
    everything = json.loads(claims_as(db, "json"))
    contradicted = json.loads(claims_as(db, "json", "--contradicted"))
    assert {row["id"] for row in contradicted} == {
        row["id"] for row in everything if any(link["relation"] == "contradicts" for link in row["links"])
    }
    graded = json.loads(claims_as(db, "json", "--grade", "3"))
    assert all(row["grade"]["credibility"] <= 3 for row in graded)
    bad = invoke(["claims", "--db", db, "--grade", "G7"])
    assert bad.exit_code == 2 and "Unknown grade 'G7'" in bad.output


def test_link_with_bad_priors_names_the_file(db, tmp_path):
    priors = tmp_path / "priors.toml"
    priors.write_text('[sources.Yonhap]\nreliability = "Z"\n')
    result = invoke(["link", "--db", db, "--priors", str(priors)])
    assert result.exit_code == 1
    assert "priors.toml" in result.output and "reliability must be one of A, B, C, D, E" in result.output
