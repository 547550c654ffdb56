"""JSON Lines and CSV, which share one record shape (claimgraph.ingest.jsonl, .csv, .records)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from claimgraph.errors import IngestError
from claimgraph.ingest import csv, jsonl
from claimgraph.ingest.common import raise_error

RECORDS = [
    {
        "id": "harbour-0227",
        "title": "Seoul says more North Korean troops sent to Russia",
        "text": "South Korea's intelligence agency reported that Pyongyang sent more troops, citing news reports.",
        "published": "2025-02-27",
        "outlet": "Harbour Times",
        "url": "https://example.org/nis-troops",
        "language": "en",
    },
    {
        "title": "Sumy region clear of Russian troops, official says",
        "text": "The head of the Sumy regional administration said no Russian troops remain in the region.\r\nHe gave no details.",
        "published": "March 12, 2025",
        "outlet": "Kyiv Wire",
        "language": "en-GB",
    },
]


def collect(reader, content, origin):
    errors = []
    articles = list(reader(content, origin=origin, report=errors.append))
    return articles, errors


def test_jsonl():
    content = "\n".join(json.dumps(record, ensure_ascii=False) for record in RECORDS) + "\n"
    first, second = jsonl.read(content, origin="wire.jsonl", report=raise_error)
    assert first.id == "harbour-0227"  # kept as given
    assert first.origin == "wire.jsonl:1"
    assert first.published == date(2025, 2, 27)
    assert second.origin == "wire.jsonl:2"
    assert second.published == date(2025, 3, 12)
    assert second.text.endswith("region.\nHe gave no details.")
    assert len(second.id) == 16 and second.language == "en"


def test_jsonl_bad_lines_are_reported_and_skipped():
    lines = [
        json.dumps(RECORDS[0]),
        '{"title": "Unfinished", "text": "Kyiv said',
        "",
        json.dumps({"title": "No text here"}),
        json.dumps({"text": "Officials said the bridge was hit.", "published": "2025-02-30"}),
        '["not", "an", "object"]',
        json.dumps({"text": "Officials said the bridge was hit.", "outlet": 7}),
        json.dumps(RECORDS[1]),
    ]
    articles, errors = collect(jsonl.read, "\n".join(lines), "wire.jsonl")
    assert [article.origin for article in articles] == ["wire.jsonl:1", "wire.jsonl:8"]
    assert [error.origin for error in errors] == [f"wire.jsonl:{n}" for n in (2, 4, 5, 6, 7)]
    assert "not valid JSON" in str(errors[0])
    assert "no 'text'" in str(errors[1])
    assert "2025-02-30" in str(errors[2])
    assert "not a JSON object" in str(errors[3])
    assert "'outlet' must be a string" in str(errors[4])


def test_jsonl_bad_line_raises_without_reporter():
    with pytest.raises(IngestError, match="wire.jsonl:2: not valid JSON"):
        list(jsonl.read(json.dumps(RECORDS[0]) + "\n{oops\n", origin="wire.jsonl", report=raise_error))


def test_jsonl_array_is_refused_once():
    articles, errors = collect(jsonl.read, json.dumps(RECORDS, indent=2), "wire.json")
    assert articles == [] and len(errors) == 1
    assert "JSON array" in str(errors[0])


CSV_CONTENT = (
    "Title,Text,Published,Outlet,URL\n"
    'Strike on Sumy,"Two people were injured, the regional administration said.\nRescuers are at the scene.",'
    "2025-03-10,Kyiv Wire,https://example.org/sumy\n"
    "\n"
    'Bridge hit,"Officials said the bridge near Kherson was hit overnight.",2025-02-30,Kyiv Wire,\n'
    ',,2025-03-11,Kyiv Wire,\n'
    "Air alert,Air defence was active over Kyiv overnight.,,,\n"
)


def test_csv_with_multiline_field_and_bad_rows():
    articles, errors = collect(csv.read, CSV_CONTENT, "wire.csv")
    assert [article.origin for article in articles] == ["wire.csv:2", "wire.csv:7"]
    sumy, alert = articles
    assert sumy.title == "Strike on Sumy" and sumy.outlet == "Kyiv Wire"
    assert sumy.text == "Two people were injured, the regional administration said.\nRescuers are at the scene."
    assert sumy.published == date(2025, 3, 10) and sumy.url == "https://example.org/sumy"
    assert alert.published is None and alert.outlet is None
    assert [error.origin for error in errors] == ["wire.csv:5", "wire.csv:6"]


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_csv_delimiter_sniffed(delimiter):
    content = delimiter.join(["title", "text", "outlet"]) + "\n" + delimiter.join(
        ["Strike on Sumy", "Two people were injured, officials said.", "Kyiv Wire"]
    )
    (article,) = csv.read(content, origin="wire.csv", report=raise_error)
    assert article.text == "Two people were injured, officials said."
    assert article.outlet == "Kyiv Wire"


def test_csv_without_header_is_an_error():
    with pytest.raises(IngestError, match="wire.csv: the header row .* has no 'text' column"):
        list(csv.read("Strike on Sumy,Two people were injured.\n", origin="wire.csv", report=raise_error))


def test_csv_same_id_as_jsonl_for_same_text():
    record = RECORDS[1]
    (from_jsonl,) = jsonl.read(json.dumps(record), origin="a.jsonl", report=raise_error)
    content = 'title,text\n"{}","{}"\n'.format(record["title"], record["text"].replace("\r\n", "\n"))
    (from_csv,) = csv.read(content, origin="a.csv", report=raise_error)
    assert from_csv.id == from_jsonl.id
