"""Decoding, size limits and publication dates (claimgraph.ingest.common)."""

from __future__ import annotations

import gzip
from datetime import date, datetime, timedelta, timezone

import pytest

from claimgraph.errors import IngestError
from claimgraph.ingest import common
from claimgraph.ingest.common import decode_bytes, parse_published

ENGLISH = (
    "\u201cThe enemy is trying to open a new front \u2014 near Novenke,\u201d the border guard "
    "spokesman said on Monday. It\u2019s the third such attempt this week, he added."
)
RUSSIAN = (
    "Пресс-секретарь погрангруппы заявил, что российские войска пытаются открыть "
    "новое направление у села Новенькое. По его словам, это третья попытка за неделю."
)
UKRAINIAN = (
    "Речник ГУР Андрій Юсов заявив, що співпраця між КНДР і Росією триває. "
    "За даними розвідки, до Курської області перекинули від 1000 до 3000 військових."
)
WESTERN = "Spain\u2019s envoy said the talks in Espa\u00f1a were \u201cconstructive\u201d \u2014 a first."
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"


@pytest.mark.parametrize(
    "data",
    [
        ENGLISH.encode("utf-8"),
        b"\xef\xbb\xbf" + ENGLISH.encode("utf-8"),
        b"\xff\xfe" + ENGLISH.encode("utf-16-le"),
        b"\xfe\xff" + ENGLISH.encode("utf-16-be"),
        b"\xff\xfe\x00\x00" + ENGLISH.encode("utf-32-le"),
        ENGLISH.encode("cp1252"),
        gzip.compress(ENGLISH.encode("utf-8")),
        gzip.compress(ENGLISH.encode("cp1252")),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be", "utf-32-le", "cp1252", "gzip", "gzip-cp1252"],
)
def test_decode_bytes_english(data):
    assert decode_bytes(data, origin="a.txt") == ENGLISH


@pytest.mark.parametrize("text", [RUSSIAN, UKRAINIAN, "Юсов: співпраця триває.", "Да"], ids=["ru", "uk", "uk-short", "two-letters"])
def test_decode_bytes_cp1251(text):
    assert decode_bytes(text.encode("cp1251"), origin="a.txt") == text


@pytest.mark.parametrize("encoding", ["cp1252", "koi8_r"])
def test_decode_bytes_other_legacy_code_pages(encoding):
    text = WESTERN if encoding == "cp1252" else RUSSIAN
    assert decode_bytes(text.encode(encoding), origin="a.txt") == text


def test_decode_bytes_honours_declared_charset():
    page = f'<html><head><meta charset="windows-1251"></head><body><p>{RUSSIAN}</p></body></html>'
    assert decode_bytes(page.encode("cp1251"), origin="a.html") == page


def test_decode_bytes_normalises_line_endings():
    assert decode_bytes(b"Kyiv\r\nSumy\rKharkiv\n", origin="a.txt") == "Kyiv\nSumy\nKharkiv\n"


@pytest.mark.parametrize(
    "data",
    [
        PNG_HEADER,
        bytes(range(256)) * 4,
        bytes((i * 151 + 7) % 128 + 128 for i in range(600)),  # high bytes in no language's pattern
        b"\x01\x02\x03\x04 said the minister \x05\x06\x07",
    ],
    ids=["png", "all-bytes", "high-bytes", "control-chars"],
)
def test_decode_bytes_rejects_binary(data):
    with pytest.raises(IngestError, match="could not be decoded") as caught:
        decode_bytes(data, origin="photo.txt")
    assert caught.value.origin == "photo.txt"
    assert "photo.txt" in str(caught.value)


def test_decode_bytes_rejects_mixed_utf8_and_cp1252():
    data = ENGLISH.encode("utf-8") + " \u201cOne more,\u201d he said.".encode("cp1252")
    with pytest.raises(IngestError, match="2 byte sequence.* in otherwise UTF-8 text"):
        decode_bytes(data, origin="mixed.txt")


def test_decode_bytes_rejects_bad_utf16_after_bom():
    with pytest.raises(IngestError, match="utf-16-le"):
        decode_bytes(b"\xff\xfe\x00\xd8", origin="a.txt")  # a lone surrogate


def test_decode_bytes_empty():
    with pytest.raises(IngestError, match="a.txt is empty"):
        decode_bytes(b"", origin="a.txt")
    with pytest.raises(IngestError, match="is empty"):
        decode_bytes(gzip.compress(b""), origin="a.txt.gz")


def test_decode_bytes_size_limit(monkeypatch):
    monkeypatch.setattr(common, "MAX_INPUT_BYTES", 100)
    decode_bytes(b"x" * 100, origin="a.txt")
    with pytest.raises(IngestError, match="over the 100-byte limit"):
        decode_bytes(b"x" * 101, origin="a.txt")
    with pytest.raises(IngestError, match="over the 100-byte limit"):  # measured after decompression
        decode_bytes(gzip.compress(b"x" * 1000), origin="a.txt.gz")


def test_decode_bytes_gzip_members():
    data = gzip.compress(ENGLISH[:40].encode()) + gzip.compress(ENGLISH[40:].encode())
    assert decode_bytes(data, origin="a.txt.gz") == ENGLISH


def test_decode_bytes_broken_gzip():
    with pytest.raises(IngestError, match="a.txt.gz: truncated gzip file"):
        decode_bytes(gzip.compress(ENGLISH.encode())[:30], origin="a.txt.gz")
    with pytest.raises(IngestError, match="a.txt.gz: not a valid gzip file"):
        decode_bytes(b"\x1f\x8b\x08\x00garbage-after-the-magic", origin="a.txt.gz")


def test_decode_bytes_wrong_type():
    with pytest.raises(TypeError):
        decode_bytes(ENGLISH, origin="a.txt")


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2025-03-10", date(2025, 3, 10)),
        ("20250310", date(2025, 3, 10)),
        ("2025-03-10T23:30:00+02:00", date(2025, 3, 10)),  # the date as written, not UTC
        ("2025-03-10T08:00:00Z", date(2025, 3, 10)),
        ("Mon, 10 Mar 2025 08:00:00 +0200", date(2025, 3, 10)),
        ("March 10, 2025", date(2025, 3, 10)),
        ("10 March 2025", date(2025, 3, 10)),
        ("10 березня 2025", date(2025, 3, 10)),
        ("10 марта 2025 года", date(2025, 3, 10)),
        ("10.03.2025", date(2025, 3, 10)),
        ("12/31/2024", date(2024, 12, 31)),
        ("  ", None),
        (None, None),
        (date(2025, 3, 10), date(2025, 3, 10)),
        (datetime(2025, 3, 10, 23, 0, tzinfo=timezone(timedelta(hours=2))), date(2025, 3, 10)),
    ],
)
def test_parse_published(value, expected):
    assert parse_published(value, origin="a.txt") == expected


@pytest.mark.parametrize(
    "value",
    ["2025-02-30", "0000-01-01", "Sun, 30 Feb 2025 08:00:00 GMT", "February 30, 2025", "31.02.2025",
     "March 10", "yesterday", "03/04/2025", "next Tuesday", "soon"],
)
def test_parse_published_refuses(value):
    with pytest.raises(IngestError, match="publication date") as caught:
        parse_published(value, origin="feed.xml#2")
    assert caught.value.origin == "feed.xml#2"
    assert str(caught.value).startswith("feed.xml#2:")


def test_parse_published_wrong_type():
    with pytest.raises(TypeError):
        parse_published(20250310, origin="a.jsonl:1")
