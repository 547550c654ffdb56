"""Extraction in local worker processes: the documents one process gives, in input order."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import claimgraph
from claimgraph.cli import cli
from claimgraph.errors import ClaimgraphError
from claimgraph.extract import extract_articles
from claimgraph.scale import extract_in_processes


def test_workers_give_the_documents_one_process_gives_in_input_order(wire_articles):
    serial = list(extract_articles(wire_articles))
    # One article per task, two workers: tasks finish out of order, results must not.
    parallel = list(extract_in_processes(iter(wire_articles), jobs=2, chunk_size=1))
    assert [d.article.id for d in parallel] == [a.id for a in wire_articles]
    assert [d.to_dict() for d in parallel] == [d.to_dict() for d in serial]
    assert sum(len(d.claims) for d in parallel) >= 4


def test_stopping_early_shuts_the_worker_down(wire_articles):
    documents = extract_in_processes(wire_articles * 4, jobs=1, chunk_size=1)
    first = next(documents)
    documents.close()  # returns once the worker has stopped; the queued chunks are dropped
    assert first.article.title == "North Korean troops moved to Kursk"


def test_an_empty_stream_gives_nothing():
    assert list(extract_in_processes([], jobs=2)) == []


@pytest.mark.parametrize("bad", [0, -1, True, 1.5, "2"])
def test_bad_job_and_chunk_counts_are_refused_before_any_work(bad, wire_articles):
    with pytest.raises(ValueError, match="jobs must be a whole number"):
        extract_in_processes(wire_articles, jobs=bad)
    with pytest.raises(ValueError, match="chunk_size must be a whole number"):
        extract_in_processes(wire_articles, jobs=1, chunk_size=bad)


def test_ingest_with_jobs_stores_what_one_process_stores(tmp_path, wire_folder, wire_articles, stored_claims):
    with claimgraph.open(tmp_path / "serial.db") as kb:
        assert kb.ingest([wire_folder]).added == len(wire_articles)
    result = CliRunner().invoke(cli, ["ingest", str(wire_folder), "--jobs", "2", "--silent", "--db", str(tmp_path / "parallel.db")])
    assert result.exit_code == 0, result.output
    assert f"{len(wire_articles)} articles read: {len(wire_articles)} added" in result.stdout
    expected = stored_claims(tmp_path / "serial.db")
    assert stored_claims(tmp_path / "parallel.db") == expected and len(expected) >= 4


def test_ingest_refuses_a_bad_job_count(tmp_path):
    with claimgraph.open(tmp_path / "kb.db") as kb, pytest.raises(ValueError, match="jobs must be"):
        kb.ingest([], jobs=0)
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--jobs", "0", "--db", str(tmp_path / "kb.db")])
    assert result.exit_code == 2 and "--jobs" in result.output


def test_jobs_and_a_dask_scheduler_together_are_refused(tmp_path, wire_folder):
    result = CliRunner().invoke(cli, ["ingest", str(wire_folder), "--jobs", "2", "--dask", "tcp://127.0.0.1:1", "--db", str(tmp_path / "kb.db")])
    assert result.exit_code == 2 and "--jobs and --dask" in result.output
    assert not (tmp_path / "kb.db").exists()
    with claimgraph.open(tmp_path / "api.db") as kb, pytest.raises(ValueError, match="not both"):
        kb.ingest([wire_folder], jobs=2, scheduler="tcp://127.0.0.1:1")


class KillsTheWorker:
    """Unpickled in a worker, ends that process at once, as the kernel's out-of-memory killer would."""

    def __reduce__(self):
        import os

        return os._exit, (137,)


def test_a_worker_that_dies_is_a_clear_error(wire_articles):
    with pytest.raises(ClaimgraphError, match="worker process parsing articles stopped unexpectedly"):
        list(extract_in_processes([*wire_articles[:2], KillsTheWorker()], jobs=1, chunk_size=1))
