"""RSS and Atom files, through feedparser: one article per entry.

An entry's text is its full ``content`` when the feed carries it, else its
``summary``, with HTML turned into text (:func:`claimgraph.ingest.html.fragment_text`);
its title, link and date come along, and the feed's own title is the outlet. Each
article's origin is ``file#N``, N counting entries from 1.

The file is decoded by :func:`~claimgraph.ingest.common.decode_bytes` (which honours
the XML declaration) and handed to feedparser as UTF-8 with the declared encoding
removed; given the original declaration, feedparser would decode the text a second
time. A malformed feed is read as far as feedparser's lenient parser gets, then
the XML error is reported, so entries are neither lost nor silently truncated.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import feedparser
from feedparser.exceptions import ThingsNobodyCaresAboutButMe  # feedparser's name for benign notices

from ..errors import Errors, IngestError
from ..model import Article
from .common import Reporter, ingest_error, language_code, normalize_newlines, parse_published
from .html import fragment_text

_XML_ENCODING = re.compile(r"""(<\?xml[^>]*?)\s+encoding\s*=\s*["'][^"']*["']""")


def read(text: str, *, origin: str, report: Reporter) -> Iterator[Article]:
    """Read the articles of an RSS or Atom feed.

    text (str): the decoded feed.
    origin (str): the file, prefix of each entry's ``file#N`` origin.
    report (Callable[[IngestError], None]): receives one error per unreadable entry,
        or one for the file when it is not a readable feed.
    YIELDS (Article): one article per entry with text.
    """
    parsed = feedparser.parse(_XML_ENCODING.sub(r"\1", text, count=1).encode("utf-8"))
    if not parsed.version and not parsed.entries:
        problem = f" ({parsed.bozo_exception})" if parsed.bozo else ""
        report(ingest_error(origin, Errors.E005, reason=f"not a readable RSS or Atom feed{problem}"))
        return
    outlet = _plain(parsed.feed.get("title_detail")) or None
    language = language_code(parsed.feed.get("language"))
    for number, entry in enumerate(parsed.entries, start=1):
        entry_origin = f"{origin}#{number}"
        body = _entry_text(entry)
        if not body:
            report(ingest_error(entry_origin, Errors.E005, reason="feed entry has no content or summary"))
            continue
        try:
            published = parse_published(entry.get("published") or entry.get("updated"), origin=entry_origin)
        except IngestError as error:
            report(error)
            continue
        yield Article(
            text=body,
            title=" ".join(_plain(entry.get("title_detail")).split()),
            outlet=outlet,
            published=published,
            url=entry.get("link") or None,
            language=language,
            origin=entry_origin,
        )
    if parsed.bozo and not isinstance(parsed.bozo_exception, ThingsNobodyCaresAboutButMe):
        reason = f"malformed feed, read only as far as {len(parsed.entries)} entries ({parsed.bozo_exception})"
        report(ingest_error(origin, Errors.E005, reason=reason))


def _entry_text(entry: Any) -> str:
    for detail in (*entry.get("content", ()), entry.get("summary_detail")):
        text = _plain(detail)
        if text:
            return text
    return ""


def _plain(detail: Any) -> str:
    """The text of a feedparser text construct (``{"type", "value"}``), HTML stripped."""
    if not detail or not detail.get("value"):
        return ""
    value = detail["value"]
    if detail.get("type") in ("text/html", "application/xhtml+xml"):
        return fragment_text(value)
    return normalize_newlines(value).strip()
