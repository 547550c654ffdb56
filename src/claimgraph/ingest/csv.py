"""CSV files with a header row: the same columns as JSON Lines.

Column names are matched case-insensitively (``Text``, ``TITLE``); a ``text``
column is required. The delimiter (comma, semicolon, tab or bar) is sniffed from
the header line. Quoted fields may span lines; each article's origin is
``file:LINE`` with the line its record starts on. A bad row is reported and the
other rows are still read.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from ..errors import Errors, IngestError
from ..model import Article
from . import common
from .common import Reporter, ingest_error
from .records import article_from_record

#: Delimiters the header line is sniffed for, in order of preference.
DELIMITERS = ",;\t|"


def read(text: str, *, origin: str, report: Reporter) -> Iterator[Article]:
    """Read the articles of a CSV file.

    text (str): the decoded file.
    origin (str): the file, prefix of each row's ``file:LINE`` origin.
    report (Callable[[IngestError], None]): receives one error per bad row, or E005
        for a missing header.
    YIELDS (Article): one article per good row.
    """
    # csv refuses fields over 128 KiB by default; one article's text may be longer.
    previous_field_limit = csv.field_size_limit(common.MAX_INPUT_BYTES)
    try:
        yield from _read_rows(text, origin=origin, report=report)
    finally:
        csv.field_size_limit(previous_field_limit)


def sniff_delimiter(header_line: str) -> str:
    """The delimiter of a header line: the listed one that occurs most, comma on a tie."""
    return max(DELIMITERS, key=lambda delimiter: (header_line.count(delimiter), -DELIMITERS.index(delimiter)))


def _read_rows(text: str, *, origin: str, report: Reporter) -> Iterator[Article]:
    header_line = text.lstrip("\n").partition("\n")[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(header_line))
    header: list[str] | None = None
    next_line = 1
    while True:
        start = next_line
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            report(ingest_error(f"{origin}:{start}", Errors.E005, reason=f"malformed CSV ({exc})"))
            return
        next_line = reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [name.strip().lower() for name in row]
            if "text" not in header:
                reason = (
                    f"the header row {row!r} has no 'text' column; "
                    "name the columns title,text,published,outlet,url"
                )
                report(ingest_error(origin, Errors.E005, reason=reason))
                return
            continue
        row_origin = f"{origin}:{start}"
        if len(row) > len(header):
            reason = f"{len(row)} fields, but the header names {len(header)}"
            report(ingest_error(row_origin, Errors.E005, reason=reason))
            continue
        try:
            yield article_from_record(dict(zip(header, row)), origin=row_origin)
        except IngestError as error:
            report(error)
