"""Which reader an input goes to: by file extension, else by its content.

Extensions (a trailing ``.gz`` is looked through):

=========================  ======
``.txt`` ``.text`` ``.md``  text
``.html`` ``.htm``          html
``.jsonl`` ``.ndjson``      jsonl
``.csv``                    csv
``.rss`` ``.atom``          feed
``.xml``                    feed or html, by its root element
=========================  ======

Standard input and explicitly named files with another extension are sniffed
(:func:`sniff_format`). Inside directories such files are skipped: folders of
articles also hold images, PDFs and notes.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from .csv import sniff_delimiter

FORMAT_BY_EXTENSION = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "xml",  # not a reader: resolved to feed or html by markup_format()
}

_FEED_ROOT = re.compile(r"<(rss|feed|rdf:rdf)[\s>]")
_HTML_START = re.compile(r"<(!doctype\s+html|html|head|body)[\s>]")
_CSV_COLUMN = re.compile(r"[a-z_]{1,30}")
_SNIFF_CHARS = 4096


def extension_format(path: str | PurePath) -> str | None:
    """The format named by a path's extension (``.gz`` looked through), or None if unknown."""
    suffixes = [suffix.lower() for suffix in PurePath(path).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return FORMAT_BY_EXTENSION.get(suffixes[-1]) if suffixes else None


def markup_format(text: str) -> str | None:
    """``"feed"`` for an RSS/Atom/RDF document, ``"html"`` for an HTML page, else None."""
    head = text[:_SNIFF_CHARS].lower()
    if _FEED_ROOT.search(head):
        return "feed"
    if _HTML_START.search(head):
        return "html"
    return None


def sniff_format(text: str) -> str:
    """The format of an input known only by its content.

    Markup is a feed or HTML; a leading ``{`` or ``[`` is JSON Lines; a first line
    of column names including ``text`` is CSV; anything else is plain text.

    text (str): the decoded input.
    RETURNS (str): one of ``text``, ``html``, ``jsonl``, ``csv``, ``feed``.
    """
    start = text.lstrip()
    if start.startswith("<"):
        return markup_format(start) or "html"
    if start.startswith(("{", "[")):
        return "jsonl"
    first_line = start.partition("\n")[0]
    columns = [name.strip().strip('"').lower() for name in first_line.split(sniff_delimiter(first_line))]
    if "text" in columns and len(columns) > 1 and all(_CSV_COLUMN.fullmatch(name) for name in columns):
        return "csv"
    return "text"
