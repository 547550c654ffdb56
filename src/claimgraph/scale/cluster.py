"""Extraction on a Dask cluster (``dask.distributed``), through its ``concurrent.futures`` executor.

Only parsing runs on the cluster: the documents come back to the calling process, which
writes them (to PostgreSQL, when several machines share a knowledge base) and links them.
Dask is optional: ``pip install 'claimgraph[dask]'``, on the workers as well, which also need
claimgraph itself. Run workers with one thread each (``dask worker ADDRESS --nworkers N
--nthreads 1``): a worker process parses one chunk at a time, whatever its threads.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..errors import ClaimgraphError, Errors
from ..model import Article, Document
from .ordered import CHUNK_SIZE, TASKS_PER_WORKER, extract_in_order, require_count

if TYPE_CHECKING:
    from distributed import Client

# How long to keep trying a scheduler that does not answer (Dask retries within it).
CONNECT_TIMEOUT = "10s"


def extract_on_dask(articles: Iterable[Article], scheduler: str | Client, *, chunk_size: int = CHUNK_SIZE) -> Iterator[Document]:
    """Claims of many articles, extracted by a Dask cluster's workers; one Document per article, in order.

    articles (Iterable[Article]): the articles; consumed lazily, a few chunks per worker ahead.
    scheduler (str | Client): the scheduler's address (``tcp://host:8786``), connected to and
        closed here, or a connected ``distributed.Client``, left open.
    chunk_size (int): articles sent to a worker at a time.
    YIELDS (Document): the article with its claims and mentions, as ``extract_articles`` gives it.
    """
    require_count("chunk_size", chunk_size)
    try:
        import distributed
    except ImportError:
        raise ClaimgraphError(Errors.E014) from None
    if not isinstance(scheduler, (str, distributed.Client)):
        raise TypeError(f"scheduler must be an address or a distributed.Client, not {type(scheduler).__name__}")
    return _on_cluster(articles, scheduler, chunk_size)


def _on_cluster(articles: Iterable[Article], scheduler: str | Client, chunk_size: int) -> Iterator[Document]:
    import distributed

    client = scheduler if isinstance(scheduler, distributed.Client) else _connect(scheduler)
    try:
        threads = sum(client.nthreads().values())
        if not threads:
            raise ClaimgraphError(Errors.E015.format(address=client.scheduler.address, reason="it has no workers"))
        executor = client.get_executor(pure=False)
        yield from extract_in_order(executor, articles, in_flight=threads * TASKS_PER_WORKER, chunk_size=chunk_size)
    finally:
        if client is not scheduler:
            client.close()


def _connect(address: str) -> Client:
    import distributed

    try:
        return distributed.Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        raise ClaimgraphError(Errors.E015.format(address=address, reason=exc)) from exc
