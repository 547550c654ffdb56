"""`claimgraph serve`: safe defaults before any server starts."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from claimgraph.cli import cli, is_loopback

pytest.importorskip("uvicorn", reason="claimgraph serve needs uvicorn: pip install -e .")
pytest.importorskip("fastapi", reason="claimgraph serve needs fastapi: pip install -e .")


@pytest.fixture
def started(monkeypatch):
    """Records uvicorn.run's calls instead of starting a server."""
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append((app, options)))
    monkeypatch.delenv("CLAIMGRAPH_TOKEN", raising=False)
    return calls


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("[::1]", True), ("localhost", True), ("0.0.0.0", False), ("::", False), ("192.168.1.5", False), ("example.org", False)])
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_serves_on_loopback_by_default(kb_path, started):
    result = CliRunner().invoke(cli, ["serve", "--db", str(kb_path)])
    assert result.exit_code == 0, result.output
    (app, options), = started
    assert options == {"host": "127.0.0.1", "port": 8000, "log_level": "info"}
    assert app.title == "claimgraph"


def test_refuses_a_public_host_without_a_token(kb_path, started):
    result = CliRunner().invoke(cli, ["serve", "--db", str(kb_path), "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "--token" in result.output and "CLAIMGRAPH_TOKEN" in result.output
    assert started == []


def test_a_token_from_the_environment_allows_a_public_host(kb_path, started):
    result = CliRunner().invoke(cli, ["serve", "--db", str(kb_path), "--host", "0.0.0.0", "--port", "8123"], env={"CLAIMGRAPH_TOKEN": "abc"})
    assert result.exit_code == 0, result.output
    (app, options), = started
    assert (options["host"], options["port"]) == ("0.0.0.0", 8123)


def test_refuses_an_empty_token(kb_path, started):
    result = CliRunner().invoke(cli, ["serve", "--db", str(kb_path), "--token", " "])
    assert result.exit_code == 2 and "empty" in result.output
    assert started == []


def test_refuses_a_missing_database(tmp_path, started):
    missing = tmp_path / "missing.db"
    result = CliRunner().invoke(cli, ["serve", "--db", str(missing)])
    assert result.exit_code == 1
    assert "no such file" in result.output and not missing.exists()
    assert started == []
