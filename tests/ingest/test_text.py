"""Plain-text articles with and without a header block (claimgraph.ingest.text)."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.errors import IngestError
from claimgraph.ingest import text
from claimgraph.ingest.common import raise_error

WITH_HEADER = """\
title: Cooperation between Pyongyang and Moscow continues – GUR
OUTLET: Kyiv Wire
Published: 2025-03-10
URL: https://example.org/gur-cooperation
Language: EN
Author: Staff

Military cooperation between North Korea and Russia continues, a spokesman for Ukraine's \
military intelligence (GUR), Andriy Yusov, told the outlet.
According to intelligence, between 1,000 and 3,000 North Korean soldiers were moved to the \
Kursk region from January to February.
"""

NO_HEADER = """\
Border guards report assault near Novenke

On March 10 a border guard spokesman said Russian forces were trying to open a combat zone near Novenke.
"""

PLACE_LINE_FIRST = """\
Kyiv: air defence active

Air defence units were working over the capital overnight, the city military administration said.
"""


def read_one(content: str, origin: str = "a.txt"):
    (article,) = text.read(content, origin=origin, report=raise_error)
    return article


def test_header_block():
    article = read_one(WITH_HEADER)
    assert article.title == "Cooperation between Pyongyang and Moscow continues – GUR"
    assert article.outlet == "Kyiv Wire"
    assert article.published == date(2025, 3, 10)
    assert article.url == "https://example.org/gur-cooperation"
    assert article.language == "en"
    assert article.text.startswith("Military cooperation")
    assert article.text.endswith("from January to February.")
    assert article.origin == "a.txt"


def test_first_line_is_title_without_header():
    article = read_one(NO_HEADER)
    assert article.title == "Border guards report assault near Novenke"
    assert article.text.startswith("On March 10")
    assert article.outlet is None and article.published is None


def test_line_with_colon_is_not_a_header():
    article = read_one(PLACE_LINE_FIRST)
    assert article.title == "Kyiv: air defence active"
    assert article.text.startswith("Air defence units")


def test_header_without_title_takes_first_body_line():
    article = read_one("Outlet: Kyiv Wire\nDate: March 10, 2025\n\n" + NO_HEADER)
    assert article.title == "Border guards report assault near Novenke"
    assert article.published == date(2025, 3, 10)


def test_markdown_heading_title():
    assert read_one("# Strike on Sumy\n\nTwo people were injured, officials said.\n").title == "Strike on Sumy"


def test_single_line_is_text_not_title():
    article = read_one("Two people were injured in the strike on Sumy, officials said.\n")
    assert article.title == ""
    assert article.text == "Two people were injured in the strike on Sumy, officials said."


def test_header_with_empty_body():
    with pytest.raises(IngestError, match="is empty"):
        read_one("Title: Strike on Sumy\nOutlet: Kyiv Wire\n\n\n")


def test_impossible_date_names_the_file():
    with pytest.raises(IngestError, match=r"^b\.txt: impossible .* '2025-02-30'"):
        read_one(WITH_HEADER.replace("2025-03-10", "2025-02-30"), origin="b.txt")
