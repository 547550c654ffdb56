"""HTML pages, through trafilatura; and the HTML-to-text step feed entries share.

trafilatura finds the article body among navigation and boilerplate and reads
the title, date and site name from the page's metadata. The page is parsed here
with lxml (as UTF-8, since :func:`~claimgraph.ingest.common.decode_bytes` has
already decoded it) and the tree handed to trafilatura: its own loader rejects
short fragments and logs an error for them. Broken markup is repaired by lxml's
HTML parser; a page with no text at all is reported, not returned empty.

The headline usually opens the body too (``<h1>``); that first line is dropped
from the text when it repeats the title, so the headline is read once.
"""

from __future__ import annotations

from collections.abc import Iterator

import lxml.etree
import lxml.html
import trafilatura
from lxml_html_clean import Cleaner

from ..errors import Errors, IngestError
from ..model import Article
from .common import Reporter, ingest_error, language_code, parse_published

_PARSER = lxml.html.HTMLParser(encoding="utf-8")
#: htmldate settings: take a date only from the page's markup and metadata, never
#: from a search through the running text.
_DATE_SETTINGS = {"extensive_search": False, "original_date": True}
_CLEANER = Cleaner(scripts=True, javascript=True, style=True, comments=True, page_structure=False)
_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table td th tr ul".split()
)


def read(text: str, *, origin: str, report: Reporter) -> Iterator[Article]:
    """Read one article from an HTML page.

    text (str): the decoded page.
    origin (str): where it came from, for ``Article.origin`` and errors.
    report (Callable[[IngestError], None]): receives errors (E005 no text, E007 bad date).
    YIELDS (Article): the article, unless an error was reported.
    """
    try:
        tree = lxml.html.document_fromstring(text.encode("utf-8"), parser=_PARSER)
    except (lxml.etree.ParserError, ValueError) as exc:
        report(ingest_error(origin, Errors.E005, reason=f"not readable as HTML ({exc})"))
        return
    language = language_code(tree.get("lang"))
    result = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, date_extraction_params=_DATE_SETTINGS
    )
    body = (result.text or "").strip() if result else ""
    if not body:
        report(ingest_error(origin, Errors.E005, reason="no article text found in the HTML page"))
        return
    title = (result.title or "").strip()
    first, _, rest = body.partition("\n")
    if title and rest.strip() and " ".join(first.split()) == " ".join(title.split()):
        body = rest.strip()
    try:
        published = parse_published(result.date, origin=origin)
    except IngestError as error:
        report(error)
        return
    yield Article(
        text=body,
        title=title,
        outlet=result.sitename or None,
        published=published,
        url=result.url or None,
        language=language,
        origin=origin,
    )


def fragment_text(markup: str) -> str:
    """The readable text of an HTML fragment: one line per block, scripts and styles dropped.

    markup (str): an HTML fragment such as a feed entry's content.
    RETURNS (str): its text, blocks separated by newlines, spaces collapsed.
    """
    if not markup.strip():
        return ""
    root = _CLEANER.clean_html(lxml.html.fragment_fromstring(markup, create_parent="div"))
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
