"""Articles sent in chunks to a ``concurrent.futures`` executor, documents back in input order.

An executor's own ``map`` submits a whole stream at once; written here is what a stream of
articles needs besides: results in input order, a bound on the chunks in flight (so a long
stream is never held in memory whole), and queued chunks dropped when the caller stops.
Any executor serves: a local process pool (:mod:`.processes`) or a Dask cluster's
(:mod:`.cluster`).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, Future
from itertools import islice

from ..model import Article, Document

# Articles per task: enough that sending them costs little beside parsing them, few enough
# that the workers finish together at the end of a stream.
CHUNK_SIZE = 8
# Tasks queued per worker, so that no worker waits while the caller writes a batch.
TASKS_PER_WORKER = 2


def require_count(name: str, value: object) -> int:
    """``value`` if it is a whole number of at least 1; a ``ValueError`` naming the parameter otherwise."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be a whole number of at least 1 (got {value!r})")
    return value


def extract_in_order(
    executor: Executor, articles: Iterable[Article], *, in_flight: int, chunk_size: int = CHUNK_SIZE
) -> Iterator[Document]:
    """Documents of ``articles`` in input order, extracted by ``executor``'s workers; the caller shuts it down.

    in_flight (int): chunks submitted and not yet read back, at most.
    chunk_size (int): articles sent to a worker at a time.
    """
    require_count("in_flight", in_flight)
    require_count("chunk_size", chunk_size)
    iterator = iter(articles)
    return _in_order(executor, iter(lambda: list(islice(iterator, chunk_size)), []), in_flight)


def _in_order(executor: Executor, chunks: Iterator[list[Article]], in_flight: int) -> Iterator[Document]:
    pending: deque[Future[list[Document]]] = deque()
    try:
        while True:
            for chunk in islice(chunks, in_flight - len(pending)):
                pending.append(executor.submit(extract_chunk, chunk))
            if not pending:
                return
            yield from pending.popleft().result()
    finally:
        # Stopped early (the caller stopped reading, or a chunk failed): drop what is queued.
        for future in pending:
            future.cancel()


_one_chunk_at_a_time = threading.Lock()


def extract_chunk(articles: list[Article]) -> list[Document]:
    """A worker's task. The process keeps its pipeline between tasks (``load_nlp`` caches it); a
    worker running tasks in threads (Dask's default) takes them in turn, as the pipeline's
    components are not written to be shared between threads."""
    from ..extract import extract_articles

    with _one_chunk_at_a_time:
        return list(extract_articles(articles))
