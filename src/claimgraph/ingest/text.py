"""Plain-text articles, with an optional header block.

A file may open with ``Key: value`` lines, then a blank line, then the body::

    Title: Cooperation with Russia continues – GUR
    Outlet: Kyiv Wire
    Published: 2025-03-10
    URL: https://example.org/gur-cooperation
    Language: en

    Military cooperation between North Korea and Russia continues, …

Keys are case-insensitive; ``Date`` is accepted for ``Published``. The block
counts as a header only when every line before the first blank line is a
``Key: value`` line and at least one key is known, so a body that happens to
start with "Kyiv: …" is not mistaken for one; unknown keys (``Author:``) are
ignored. Without a ``Title:`` line the first line of the body is the title
(a Markdown ``#`` is dropped from it) unless it is the body's only line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..errors import Errors, IngestError
from ..model import Article
from .common import Reporter, ingest_error, language_code, parse_published

#: Header keys and the Article field each sets.
HEADER_FIELDS = {
    "title": "title",
    "outlet": "outlet",
    "published": "published",
    "date": "published",
    "url": "url",
    "language": "language",
}

_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z -]{0,30}):[ \t]*(.*)")


def read(text: str, *, origin: str, report: Reporter) -> Iterator[Article]:
    """Read one article from plain text.

    text (str): the decoded file.
    origin (str): where it came from, for ``Article.origin`` and errors.
    report (Callable[[IngestError], None]): receives errors (E002 empty, E007 bad date).
    YIELDS (Article): the article, unless an error was reported.
    """
    fields, body = split_header(text)
    title = fields.pop("title", "")
    if not title:
        title, body = _title_line(body)
    if not body.strip():
        report(ingest_error(origin, Errors.E002))
        return
    try:
        published = parse_published(fields.pop("published", None), origin=origin)
    except IngestError as error:
        report(error)
        return
    yield Article(
        text=body.strip(),
        title=title,
        outlet=fields.get("outlet") or None,
        published=published,
        url=fields.get("url") or None,
        language=language_code(fields.get("language")),
        origin=origin,
    )


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Split ``text`` into its header fields (by Article field name) and the rest.

    RETURNS (tuple[dict[str, str], str]): the fields (empty when there is no
        header block) and the body after it.
    """
    head, blank, rest = text.lstrip("\n").partition("\n\n")
    if not blank:
        return {}, text
    fields: dict[str, str] = {}
    known = False
    for line in head.split("\n"):
        match = _HEADER_LINE.fullmatch(line.strip())
        if not match:
            return {}, text
        key = match.group(1).strip().lower()
        if key in HEADER_FIELDS:
            known = True
            fields[HEADER_FIELDS[key]] = match.group(2).strip()
    if not known:
        return {}, text
    return fields, rest


def _title_line(body: str) -> tuple[str, str]:
    first, newline, rest = body.strip().partition("\n")
    if not newline or not rest.strip():
        return "", body  # a one-line file is all body: a headline alone is no article
    return first.lstrip("#").strip(), rest
