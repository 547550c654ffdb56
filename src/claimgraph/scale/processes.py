"""Extraction in a pool of local worker processes (the standard library's ``ProcessPoolExecutor``)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..errors import ClaimgraphError, Errors
from ..model import Article, Document
from .ordered import CHUNK_SIZE, TASKS_PER_WORKER, extract_in_order, require_count


def extract_in_processes(articles: Iterable[Article], *, jobs: int, chunk_size: int = CHUNK_SIZE) -> Iterator[Document]:
    """Claims of many articles, extracted by ``jobs`` worker processes; one Document per article, in order.

    Each worker loads the language model once. Workers are spawned, not forked, so that
    nothing of the caller (open database connections, a web server's threads) is copied
    into them; as with any use of ``multiprocessing``, a script calling this runs it under
    ``if __name__ == "__main__":``.

    articles (Iterable[Article]): the articles; consumed lazily, a few chunks ahead.
    jobs (int): worker processes, at least 1.
    chunk_size (int): articles sent to a worker at a time.
    YIELDS (Document): the article with its claims and mentions, as ``extract_articles`` gives it.
    """
    require_count("jobs", jobs)
    require_count("chunk_size", chunk_size)
    return _in_pool(articles, jobs, chunk_size)


def _in_pool(articles: Iterable[Article], jobs: int, chunk_size: int) -> Iterator[Document]:
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"))
    try:
        yield from extract_in_order(pool, articles, in_flight=jobs * TASKS_PER_WORKER, chunk_size=chunk_size)
    except BrokenProcessPool as exc:
        raise ClaimgraphError(Errors.E013.format(jobs=jobs)) from exc
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
