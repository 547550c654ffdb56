"""claimgraph: who claimed what, from news articles.

    >>> import claimgraph
    >>> doc = claimgraph.extract("Kyiv said the attack failed.", published="2025-03-10")
    >>> kb = claimgraph.open("claims.db")
    >>> kb.ingest(["articles/"])
    >>> kb.claims(source="Yusov")
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from .model import Article, Attribution, Claim, Document, Mention, Source

if TYPE_CHECKING:
    from .kb import KnowledgeBase

__version__ = "0.1.0"
__all__ = ["Article", "Attribution", "Claim", "Document", "Mention", "Source", "extract", "open"]


def extract(
    text: str,
    *,
    title: str | None = None,
    published: str | date | None = None,
    outlet: str | None = None,
    url: str | None = None,
) -> Document:
    """Find the claims in one article's text and who made them; stores nothing.

    text (str): the article body.
    title (str): the headline, searched for headline attribution ("… – GUR").
    published (str | date): publication date, ISO 8601; anchors relative times.
    outlet (str): the outlet that carried the article; the source of unattributed claims.
    RETURNS (Document): the article with its claims and mentions.
    """
    from .extract import extract_article
    from .ingest.common import parse_published

    if isinstance(published, str):
        published = parse_published(published, origin="published")
    article = Article(text=text, title=title or "", outlet=outlet, published=published, url=url)
    return extract_article(article)


def open(db: str) -> KnowledgeBase:  # noqa: A001 - mirrors sqlite_utils.Database / builtins.open
    """Open (creating if needed) a knowledge base: a SQLite path or a PostgreSQL URL."""
    from .kb import KnowledgeBase

    return KnowledgeBase(db)
