"""Extraction on a Dask cluster: a local one, of two single-threaded worker processes."""

from __future__ import annotations

import logging

import pytest
from click.testing import CliRunner

import claimgraph
from claimgraph.cli import cli
from claimgraph.errors import ClaimgraphError
from claimgraph.extract import extract_articles
from claimgraph.scale import extract_on_dask

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
    ) as local:
        yield local


def test_cluster_workers_give_the_documents_one_process_gives_in_input_order(cluster, wire_articles):
    with distributed.Client(cluster) as client:
        documents = list(extract_on_dask(wire_articles, client, chunk_size=1))
        assert client.status == "running"  # a client passed in is left open
    assert [d.to_dict() for d in documents] == [d.to_dict() for d in extract_articles(wire_articles)]


def test_ingest_on_a_scheduler_address_stores_what_one_process_stores(cluster, tmp_path, wire_folder, stored_claims):
    with claimgraph.open(tmp_path / "serial.db") as kb:
        kb.ingest([wire_folder])
    args = ["ingest", str(wire_folder), "--dask", cluster.scheduler_address, "--silent", "--db", str(tmp_path / "dask.db")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    expected = stored_claims(tmp_path / "serial.db")
    assert stored_claims(tmp_path / "dask.db") == expected and len(expected) >= 4


def test_an_unreachable_scheduler_is_a_clear_error(wire_articles, tmp_path, wire_folder, monkeypatch):
    monkeypatch.setattr("claimgraph.scale.cluster.CONNECT_TIMEOUT", "1s")
    with pytest.raises(ClaimgraphError, match="Cannot use the Dask scheduler at tcp://127.0.0.1:9"):
        list(extract_on_dask(wire_articles, "tcp://127.0.0.1:9"))
    result = CliRunner().invoke(cli, ["ingest", str(wire_folder), "--dask", "tcp://127.0.0.1:9", "--db", str(tmp_path / "kb.db")])
    assert result.exit_code == 1 and "Cannot use the Dask scheduler" in result.output


def test_a_scheduler_must_be_an_address_or_a_client(wire_articles):
    with pytest.raises(TypeError, match="scheduler must be"):
        extract_on_dask(wire_articles, 8786)
