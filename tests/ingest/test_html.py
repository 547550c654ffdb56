"""HTML pages through trafilatura, and HTML fragments (claimgraph.ingest.html)."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.errors import IngestError
from claimgraph.ingest import html
from claimgraph.ingest.common import raise_error

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
  <title>Seoul says more North Korean troops sent to Russia | Harbour Times</title>
  <meta property="og:title" content="Seoul says more North Korean troops sent to Russia">
  <meta property="og:site_name" content="Harbour Times">
  <meta property="article:published_time" content="2025-02-27T09:15:00+09:00">
  <script>window.tracking = true;</script>
</head>
<body>
  <nav><a href="/">Home</a> <a href="/world">World</a></nav>
  <article>
    <h1>Seoul says more North Korean troops sent to Russia</h1>
    <p>South Korea's intelligence agency reported on Thursday that Pyongyang had sent additional
    troops to Russia, citing news reports.</p>
    <p>The agency said the soldiers were believed to have been deployed to the Kursk region,
    where earlier units suffered heavy casualties.</p>
    <p>Officials in Seoul declined to give a figure.</p>
  </article>
  <footer>Copyright 2025 Harbour Times. All rights reserved.</footer>
</body>
</html>
"""

BROKEN = """<html><head><title>Strike on Sumy</title><body><div><p>The regional administration said two
people were injured <b>in the strike on Sumy.<p>Rescuers were working at the scene, officials said.</div></span></i>"""


def read_one(content: str):
    (article,) = html.read(content, origin="page.html", report=raise_error)
    return article


def test_page_with_metadata():
    article = read_one(PAGE)
    assert article.title == "Seoul says more North Korean troops sent to Russia"
    assert article.outlet == "Harbour Times"
    assert article.published == date(2025, 2, 27)
    assert article.language == "en"
    assert article.text.startswith("South Korea's intelligence agency reported")  # headline not repeated
    assert "declined to give a figure" in article.text
    assert "tracking" not in article.text and "Copyright" not in article.text


def test_broken_html_still_yields_text():
    article = read_one(BROKEN)
    assert "two people were injured in the strike on Sumy." in " ".join(article.text.split())
    assert "Rescuers were working at the scene" in article.text


def test_page_without_text_is_an_error():
    with pytest.raises(IngestError, match="page.html: no article text"):
        read_one("<html><head><script>var x = 1;</script></head><body></body></html>")


def test_fragment_text():
    markup = "<p>Kyiv said the attack <b>failed</b>.</p><script>alert(1)</script><p>Two&nbsp;drones were shot down.<br>More later.</p>"
    assert html.fragment_text(markup) == "Kyiv said the attack failed.\nTwo drones were shot down.\nMore later."
    assert html.fragment_text("  ") == ""
