"""RSS and Atom feeds (claimgraph.ingest.feed)."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.errors import IngestError
from claimgraph.ingest import feed
from claimgraph.ingest.common import decode_bytes, raise_error

RSS = """<?xml version="1.0" encoding="windows-1251"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Kyiv Wire</title>
  <link>https://example.org/</link>
  <language>uk-UA</language>
  <item>
    <title>Юсов: співпраця КНДР і Росії триває</title>
    <link>https://example.org/yusov</link>
    <pubDate>Mon, 10 Mar 2025 23:40:00 +0200</pubDate>
    <description>Short summary.</description>
    <content:encoded><![CDATA[<p>Речник ГУР Андрій Юсов заявив, що співпраця <b>триває</b>.</p><p>За даними розвідки, до Курської області перекинули війська.</p>]]></content:encoded>
  </item>
  <item>
    <title>Air alert over Kyiv</title>
    <link>https://example.org/alert</link>
    <pubDate>Tue, 11 Mar 2025 02:10:00 +0200</pubDate>
    <description>&lt;p&gt;Air defence was active over the capital, the city administration said.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Photo of the day</title>
    <link>https://example.org/photo</link>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbour Times – World</title>
  <entry>
    <title>Seoul says more troops sent</title>
    <link href="https://example.org/nis"/>
    <id>urn:example:nis</id>
    <updated>2025-02-27T09:15:00+09:00</updated>
    <summary type="text">South Korea's intelligence agency reported that Pyongyang sent more troops, citing news reports.</summary>
  </entry>
</feed>
"""


def test_rss_in_cp1251_with_content_and_summary():
    text = decode_bytes(RSS.encode("cp1251"), origin="wire.rss")
    errors = []
    first, second = feed.read(text, origin="wire.rss", report=errors.append)
    assert first.title == "Юсов: співпраця КНДР і Росії триває"
    assert first.text == (
        "Речник ГУР Андрій Юсов заявив, що співпраця триває.\n"
        "За даними розвідки, до Курської області перекинули війська."
    )
    assert first.outlet == "Kyiv Wire" and first.language == "uk"
    assert first.published == date(2025, 3, 10)  # the date as written, not UTC
    assert first.url == "https://example.org/yusov" and first.origin == "wire.rss#1"
    assert second.text == "Air defence was active over the capital, the city administration said."
    assert [error.origin for error in errors] == ["wire.rss#3"]


def test_atom():
    (entry,) = feed.read(ATOM, origin="world.atom", report=raise_error)
    assert entry.outlet == "Harbour Times – World"
    assert entry.title == "Seoul says more troops sent"
    assert entry.published == date(2025, 2, 27)
    assert entry.text.startswith("South Korea's intelligence agency")


def test_truncated_feed_keeps_entries_then_reports():
    truncated = RSS[: RSS.index("<title>Photo of the day")]
    errors = []
    articles = list(feed.read(truncated, origin="wire.rss", report=errors.append))
    assert len(articles) == 2
    assert [error.origin for error in errors] == ["wire.rss#3", "wire.rss"]  # the cut-off entry, then the file
    assert "malformed feed" in str(errors[1])


def test_not_a_feed():
    with pytest.raises(IngestError, match="wire.xml: not a readable RSS or Atom feed"):
        list(feed.read("<notes><note>call Kyiv desk</note></notes>", origin="wire.xml", report=raise_error))
