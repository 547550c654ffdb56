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

# The subpackage claimgraph.extract is imported before the function of the same name is
# defined, on purpose: importing a submodule sets it as an attribute of its parent, so a
# first import later (by kb, the CLI, a user) would replace the function extract() below.
# Imported now, the function wins, and later imports find the subpackage in sys.modules.
from . import extract as _extract_stage
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
    return _extract_stage.extract_text(text, title=title, published=published, outlet=outlet, url=url)


def open(db: str) -> KnowledgeBase:  # noqa: A001 - mirrors sqlite_utils.Database / builtins.open
    """Open (creating if needed) a knowledge base: a SQLite path or a PostgreSQL URL."""
    from .kb import KnowledgeBase

    return KnowledgeBase(db)
