"""Events evaluation: the two CSV readers, the PLOVER → ACLED mapping, death figures, scoring, the CLI."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimgraph.cli import cli
from claimgraph.errors import EvaluationDataError
from claimgraph.evaluation.events import (
    METRICS,
    GoldEvent,
    PredictedEvent,
    Report,
    acled_type,
    baseline_system,
    death_toll,
    derive_event,
    evaluate,
    read_events,
    score,
)
from claimgraph.extract.quantities import find_quantities
from claimgraph.model import (
    Article,
    Attribution,
    AttributionKind,
    Claim,
    Document,
    EventSubtype,
    EventType,
    Place,
    Source,
    SourceType,
    TimeGranularity,
    TimeSpan,
)

REPO = Path(__file__).resolve().parents[2]
DEV_FILE = REPO / "benchmarks" / "data" / "acled_style_dev.csv"
UCDP_FILE = REPO / ".." / "shared" / "eval" / "ucdp_ged_ukraine" / "UCDP-Ukraine.csv"

UCDP_HEADER = ["id", "type_of_violence", "source_date", "source_headline", "latitude", "longitude", "date_start", "date_end", "low", "best", "high"]
UCDP_ROWS = [
    # Two headlines, two dates in the two formats GED mixes; a Windows-1252 apostrophe.
    ["101", "1", "2022-03-02;03/03/2022", "Shelling kills 3 in Kharkiv;Kharkiv’s toll rises", "49.99", "36.23", "3/2/2022 12:00:00 AM", "3/2/2022 12:00:00 AM", "3", "4", "6"],
    # One headline but two dates: one report dated by the earliest; high below best.
    ["102", "3", "05/04/2022;2022-04-04", "Gunmen kill two civilians near Bucha", "50.54", "30.21", "04/03/2022 00:00", "04/04/2022 00:00", "2", "5", "0"],
]


def write_ucdp(path: Path, rows: list[list[str]], header: list[str] = UCDP_HEADER) -> Path:
    with path.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def make_claim(text: str, event_type: EventType | None = None, subtype: EventSubtype | None = None, **facets) -> Claim:
    return Claim(
        article_id="a",
        text=text,
        start=0,
        end=len(text),
        sentence=text,
        attribution=Attribution(AttributionKind.OUTLET, Source("Wire", SourceType.OUTLET)),
        event_type=event_type,
        event_subtype=subtype,
        **facets,
    )


def day_span(day: date) -> TimeSpan:
    return TimeSpan("on Monday", 0, 9, day, day, TimeGranularity.DAY)


KHARKIV = Place("Kharkiv", 0, 7, "Kharkiv", 706483, "PPLA", "Kharkivska Oblast", "UA", 49.99, 36.23, "locality")
KHARKIV_OBLAST = Place("Kharkiv region", 0, 14, "Kharkivska Oblast", 706482, "ADM1", None, "UA", 49.5, 36.5, "region")


def test_read_acled_dev_file():
    events = read_events(DEV_FILE, "acled")
    assert len(events) >= 30
    assert {event.event_type for event in events} == {
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots", "Strategic developments",
    }
    first = events[0]
    assert first.reports[0].published is None  # ACLED rows give no publication date: the notes carry it
    assert first.date_start == first.date_end == date(2024, 3, 3)
    assert first.fatalities_low == first.fatalities_high == 2


def test_read_ucdp_rows(tmp_path):
    first, second = read_events(write_ucdp(tmp_path / "ged.csv", UCDP_ROWS), "ucdp")
    assert first.reports == (
        Report("Shelling kills 3 in Kharkiv", date(2022, 3, 2)),
        Report("Kharkiv’s toll rises", date(2022, 3, 3)),
    )
    assert (first.event_type, first.date_start, first.fatalities_low, first.fatalities_high) == ("1", date(2022, 3, 2), 3, 6)
    assert second.reports == (Report("Gunmen kill two civilians near Bucha", date(2022, 4, 4)),)
    assert (second.date_start, second.date_end) == (date(2022, 4, 3), date(2022, 4, 4))
    assert (second.fatalities_low, second.fatalities_high) == (0, 5)


@pytest.mark.parametrize(
    "header, rows, fmt, message",
    [
        (UCDP_HEADER[:-1], [row[:-1] for row in UCDP_ROWS], "ucdp", "missing column(s) high"),
        (UCDP_HEADER, [UCDP_ROWS[0][:6] + ["2022-03-02", *UCDP_ROWS[0][7:]]], "ucdp", ":2"),
        (UCDP_HEADER, [], "ucdp", "no rows"),
        (UCDP_HEADER, UCDP_ROWS, "gdelt", "unknown format 'gdelt'"),
    ],
)
def test_bad_gold(tmp_path, header, rows, fmt, message):
    path = write_ucdp(tmp_path / "bad.csv", rows, header)
    with pytest.raises(EvaluationDataError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_events(path, fmt)


def test_bad_acled_type(tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text(
        "event_date,event_type,location,latitude,longitude,notes,fatalities\n"
        "2024-03-03,Shelling,Sumy,50.9,34.8,Russian forces shelled Sumy.,0\n",
        encoding="utf-8",
    )
    with pytest.raises(EvaluationDataError, match="not one of ACLED's six"):
        read_events(path, "acled")


def test_missing_file(tmp_path):
    with pytest.raises(EvaluationDataError, match="no such file"):
        read_events(tmp_path / "absent.csv", "acled")


@pytest.mark.parametrize(
    "text, event_type, subtype, expected",
    [
        ("Russian forces shelled Sumy.", EventType.ASSAULT, EventSubtype.SHELLING_STRIKE, "Explosions/Remote violence"),
        ("Troops captured the village.", EventType.ASSAULT, EventSubtype.CAPTURE_PLACE, "Battles"),
        ("Two soldiers were killed.", EventType.ASSAULT, EventSubtype.CASUALTIES, "Battles"),
        ("Soldiers shot two civilians.", EventType.ASSAULT, EventSubtype.CASUALTIES, "Violence against civilians"),
        ("Hundreds protested in Kyiv.", EventType.PROTEST, None, "Protests"),
        ("Russia deployed troops to Kursk.", EventType.MOBILIZE, EventSubtype.DEPLOY_FORCES, "Strategic developments"),
        ("Kyiv accused Moscow of lying.", EventType.ACCUSE, None, None),
        ("The weather was mild.", None, None, None),
    ],
)
def test_acled_type(text, event_type, subtype, expected):
    assert acled_type(make_claim(text, event_type, subtype)) == expected


@pytest.mark.parametrize(
    "text, toll",
    [
        ("3 people were killed and 14 injured in the shelling", 3),
        ("The strike hit Mykolaiv, killing 4 civilians and wounding 9.", 4),
        ("14 people were injured and 3 killed", 3),
        ("The death toll rose to 26 on Tuesday.", 26),
        ("Between 5 and 8 soldiers died.", 5),
        ("Troops killed 3 fighters and destroyed 2 tanks.", 3),
        ("Five people were wounded.", None),
        ("The army said 40 drones were shot down.", None),
    ],
)
def test_death_toll(text, toll):
    assert death_toll(find_quantities(text), text) == toll


def test_derive_event_prefers_the_violent_claim_and_the_precise_place():
    text = "Kyiv accused Moscow. Russian forces shelled Kharkiv on Monday, killing 2 civilians."
    statement = make_claim("Kyiv accused Moscow.", EventType.ACCUSE, times=[day_span(date(2024, 5, 1))], places=[KHARKIV_OBLAST])
    strike = make_claim(
        "Russian forces shelled Kharkiv on Monday, killing 2 civilians.",
        EventType.ASSAULT,
        EventSubtype.SHELLING_STRIKE,
        places=[KHARKIV],
        times=[day_span(date(2024, 5, 6))],
        quantities=find_quantities(text),
    )
    document = Document(Article(text=text, published=date(2024, 5, 7)), claims=[statement, strike])
    assert derive_event([document]) == PredictedEvent("Explosions/Remote violence", KHARKIV, date(2024, 5, 6), 2)


def test_derive_event_takes_the_largest_toll_over_reports_and_falls_back_to_the_publication_date():
    reports = ["Shelling kills 3 in Kharkiv", "Kharkiv shelling toll rises to 5"]
    documents = [Document(Article(text=text, published=date(2022, 3, day))) for day, text in zip((2, 3), reports)]
    predicted = derive_event(documents)
    assert predicted.fatalities == 5
    assert predicted.date == date(2022, 3, 2)
    assert predicted.event_type is None  # no claims: no type


def gold(event_type: str, fatalities: tuple[int, int] = (2, 2), day: date = date(2024, 5, 6)) -> GoldEvent:
    return GoldEvent("g", (Report("Russian forces shelled Kharkiv.", None),), event_type, 49.99, 36.23, day, day, *fatalities)


def test_score_counts_each_facet_separately():
    events = [gold("Explosions/Remote violence"), gold("Battles")]
    right = PredictedEvent("Explosions/Remote violence", KHARKIV, date(2024, 5, 6), 2)
    wrong = PredictedEvent(None, KHARKIV_OBLAST, date(2024, 5, 7), 3)
    result = score(events, lambda rows: [right, wrong], name="test", format="acled")
    assert result.metrics == dict.fromkeys(METRICS, 0.5)
    assert result.to_dict() == {"task": "events", "documents": 2, "metrics": result.metrics}


def test_score_ucdp_maps_acled_types_and_accepts_the_fatality_range():
    events = [gold("1", (1, 4)), gold("3", (1, 4)), gold("1", (1, 4))]
    predictions = [
        PredictedEvent("Explosions/Remote violence", None, None, 3),
        PredictedEvent("Violence against civilians", None, None, 5),
        PredictedEvent("Protests", None, None, 0),
    ]
    result = score(events, lambda rows: predictions, name="test", format="ucdp")
    assert result.metrics["event_type_accuracy"] == pytest.approx(2 / 3)
    assert result.metrics["fatalities_accuracy"] == pytest.approx(1 / 3)
    assert result.metrics["location_25km_accuracy"] == result.metrics["date_accuracy"] == 0.0


def test_baseline_skips_dates_and_sentence_openers():
    event = GoldEvent(
        "g",
        (Report("On 3 March 2024, Russian forces shelled Nikopol. 2 civilians were killed.", None),),
        "Battles", 47.57, 34.40, date(2024, 3, 3), date(2024, 3, 3), 2, 2,
    )
    (predicted,) = baseline_system([event])
    assert predicted.fatalities == 2
    assert predicted.place is not None and predicted.place.name == "Nikopol"
    assert predicted.date == date(2024, 3, 3)
    assert predicted.event_type == "Battles"


def test_evaluate_dev_file_beats_the_baseline():
    result = evaluate(DEV_FILE, format="acled")
    assert result.documents == len(result.predictions) >= 30
    assert result.baseline is not None
    for name in ("event_type_accuracy", "location_25km_accuracy", "fatalities_accuracy"):
        assert result.metrics[name] > result.baseline.metrics[name], name
    assert result.metrics["date_accuracy"] >= 0.9


def test_cli_json_and_bad_input(tmp_path):
    runner = CliRunner()
    ran = runner.invoke(cli, ["eval", "events", str(DEV_FILE), "--format", "acled", "--limit", "3", "--json"])
    assert ran.exit_code == 0, ran.output
    shown = json.loads(ran.output)
    assert shown["task"] == "events" and shown["documents"] == 3 and set(shown["metrics"]) == set(METRICS)
    table = runner.invoke(cli, ["eval", "events", str(DEV_FILE), "--format", "acled", "--limit", "3"])
    assert "baseline" in table.output and "fatalities_accuracy" in table.output
    wrong = runner.invoke(cli, ["eval", "events", str(DEV_FILE), "--format", "ucdp"])
    assert wrong.exit_code != 0
    assert "missing column(s) source_headline" in wrong.output
    assert "Traceback" not in wrong.output


@pytest.mark.skipif(not UCDP_FILE.is_file(), reason="../shared/eval/ucdp_ged_ukraine is absent")
def test_ucdp_shared_file():
    events = read_events(UCDP_FILE, "ucdp")
    assert len(events) == 3883
    assert all(event.date_start <= event.date_end for event in events)
    result = evaluate(UCDP_FILE, format="ucdp", limit=40)
    assert result.documents == 40
    assert all(0.0 <= value <= 1.0 for value in result.metrics.values())


def test_a_death_without_a_figure_counts_one_and_fatalities_unknown_counts_none():
    killed = Document(Article(text="A man was killed in the shelling of Kharkiv.", published=date(2024, 5, 6)))
    unknown = Document(Article(text="Russian forces attacked near Toretsk. Fatalities unknown.", published=date(2024, 5, 6)))
    assert derive_event([killed]).fatalities == 1
    assert derive_event([unknown]).fatalities == 0
