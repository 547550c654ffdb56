"""Extract: parse articles once and find their claims and who made them.

    >>> from claimgraph.extract import extract_article
    >>> document = extract_article(article)

:func:`extract_articles` streams headlines and bodies through one ``nlp.pipe`` call, so
each string is parsed exactly once, however many components read the parse.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model import Article, Document
from .document import build_document
from .nlp import load_nlp

__all__ = ["extract_article", "extract_articles", "load_nlp"]


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
    nlp = load_nlp()

    def docs() -> Iterator[tuple[object, tuple[Article, bool]]]:
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
        yield build_document(article, title_doc, doc)
        title_doc = None
