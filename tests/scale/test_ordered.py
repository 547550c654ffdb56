"""The ordered runner over any executor: input order, a bound on chunks in flight, queued chunks dropped."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

import pytest

from claimgraph.extract import extract_articles
from claimgraph.scale.ordered import extract_in_order


class RecordingExecutor(ThreadPoolExecutor):
    """A thread pool that keeps every future it hands out."""

    def __init__(self, max_workers: int) -> None:
        super().__init__(max_workers=max_workers)
        self.futures: list[Future] = []

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future = super().submit(fn, *args, **kwargs)
        self.futures.append(future)
        return future


def test_documents_come_back_in_input_order(wire_articles):
    with RecordingExecutor(2) as executor:
        documents = list(extract_in_order(executor, wire_articles, in_flight=3, chunk_size=2))
    assert [d.to_dict() for d in documents] == [d.to_dict() for d in extract_articles(wire_articles)]
    assert len(executor.futures) == 3  # five articles in chunks of two


def test_no_more_chunks_than_allowed_are_in_flight(wire_articles):
    with RecordingExecutor(1) as executor:
        documents = extract_in_order(executor, wire_articles * 2, in_flight=2, chunk_size=1)
        next(documents)
        assert len(executor.futures) == 2  # the stream is read ahead by the bound, no further
        next(documents)
        assert len(executor.futures) == 3
        assert len(list(documents)) == 8
        assert len(executor.futures) == 10


def test_stopping_early_cancels_the_queued_chunks(wire_articles):
    with RecordingExecutor(1) as executor:
        documents = extract_in_order(executor, wire_articles, in_flight=4, chunk_size=1)
        next(documents)
        documents.close()
        # One worker: the first chunk was read, the second is running or done, the rest never ran.
        assert [f.cancelled() for f in executor.futures[2:]] == [True, True]


@pytest.mark.parametrize("name", ["in_flight", "chunk_size"])
def test_counts_below_one_are_refused(name, wire_articles):
    counts = {"in_flight": 2, "chunk_size": 2, name: 0}
    with ThreadPoolExecutor(1) as executor, pytest.raises(ValueError, match=name):
        extract_in_order(executor, wire_articles, **counts)
