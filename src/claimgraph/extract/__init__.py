"""Extract: parse articles once and find their claims and who made them.

    >>> from claimgraph.extract import extract_article
    >>> document = extract_article(article)

:func:`extract_articles` streams headlines and bodies through one ``nlp.pipe`` call, so
each string is parsed exactly once, however many components read the parse: the
attribution components inside the pipeline, then the claim facets
(:mod:`claimgraph.extract.facets`) on the same parse.

spaCy is imported on first use, not with this package: ``claimgraph`` imports this
package eagerly (see there why) and the CLI should start fast.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from ..model import Article, Document

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["extract_article", "extract_articles", "extract_text", "load_nlp"]


def extract_text(
    text: str,
    *,
    title: str | None = None,
    published: str | date | None = None,
    outlet: str | None = None,
    url: str | None = None,
) -> Document:
    """Claims of one article given as strings: what ``claimgraph.extract(text, …)`` does.

    text (str): the article body.
    title (str): the headline, searched for headline attribution.
    published (str | date): publication date, ISO 8601.
    outlet (str): the outlet; the source of unattributed claims.
    RETURNS (Document): the article with its claims and mentions.
    """
    from ..ingest.common import parse_published

    if isinstance(published, str):
        published = parse_published(published, origin="published")
    return extract_article(Article(text=text, title=title or "", outlet=outlet, published=published, url=url))


def load_nlp() -> Language:
    """The process-wide pipeline (see :func:`claimgraph.extract.nlp.load_nlp`)."""
    from .nlp import load_nlp as load

    return load()


def extract_article(article: Article) -> Document:
    """Claims, sources and mentions of one article.

    article (Article): the article; its ``title`` is searched for headline attribution.
    RETURNS (Document): the article with its claims and mentions.
    """
    return next(extract_articles([article], batch_size=1))


def extract_articles(articles: Iterable[Article], *, batch_size: int = 32) -> Iterator[Document]:
    """Claims of many articles, parsed in batches; yields one Document per article, in order.

    articles (Iterable[Article]): the articles; consumed lazily.
    batch_size (int): texts per ``nlp.pipe`` batch.
    YIELDS (Document): the article with its claims and mentions.
    """
    if not isinstance(articles, Iterable) or isinstance(articles, (str, bytes, Article)):
        raise TypeError(f"extract_articles takes an iterable of Article, not {type(articles).__name__}")
    return _extract(articles, batch_size)


def _extract(articles: Iterable[Article], batch_size: int) -> Iterator[Document]:
    from .document import build_document
    from .facets import attach_facets

    nlp = load_nlp()

    def docs() -> Iterator[tuple[Any, tuple[Article, bool]]]:
        for article in articles:
            if not isinstance(article, Article):
                raise TypeError(f"extract_articles takes Article records, not {type(article).__name__}")
            if article.title.strip():
                title = nlp.make_doc(article.title)
                title._.is_headline = True
                yield title, (article, True)
            yield nlp.make_doc(article.text), (article, False)

    title_doc = None
    for doc, (article, is_title) in nlp.pipe(docs(), as_tuples=True, batch_size=batch_size):
        if is_title:
            title_doc = doc
            continue
        document = build_document(article, title_doc, doc)
        attach_facets(document, doc, title_doc)
        yield document
        title_doc = None
