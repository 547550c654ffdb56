"""A small knowledge base of wire-style articles, and clients of the web app over it."""

from __future__ import annotations

from pathlib import Path

import pytest

import claimgraph

TOKEN = "s3cret-token"

# Filter values every page that takes the claims filters answers with a 400 naming
# the problem (the claims page and the map add their own paging cases).
BAD_FILTER_VALUES = [
    ({"since": "2024-13-01"}, "YYYY-MM-DD"),
    ({"since": "2024-11-01", "until": "2024-10-01"}, "after"),
    ({"country": "Ukraine"}, "two-letter"),
    ({"type": "bombing"}, "Unknown event type"),
    ({"grade": "Z9"}, "Unknown grade"),
    ({"negated": "maybe"}, "negated"),
    ({"limit": "0"}, "limit"),
]

WIRE_DIR = Path(__file__).resolve().parents[1] / "data" / "wire"

# Two reports revising one estimate (a story with a timeline), and one whose
# stored strings carry markup that must come out as text.
WIRE = {
    "nis.txt": (WIRE_DIR / "nis.txt").read_text(encoding="utf-8"),
    "pentagon.txt": (WIRE_DIR / "pentagon.txt").read_text(encoding="utf-8"),
    "xss.txt": """\
Title: Drone strike hits <script>alert(1)</script> depot in Kharkiv
Outlet: <img src=x onerror=alert(1)> Press
Published: 2024-11-02
URL: javascript:alert(1)

KHARKIV, Nov. 2 -- "Two drones hit a fuel depot <script>alert(1)</script> overnight," said Oleh \
Syniehubov, the governor of the Kharkiv region.
The <img src=x onerror=alert(1)> police said that three people were wounded in the attack.
""",
}


@pytest.fixture(scope="session")
def kb_path(tmp_path_factory):
    folder = tmp_path_factory.mktemp("web-articles")
    for name, text in WIRE.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = folder / "claims.db"
    with claimgraph.open(str(path)) as kb:
        kb.ingest([folder])
    return path


def make_client(kb_path, token=None):
    """A TestClient of the app over ``kb_path`` that answers errors instead of raising them."""
    from fastapi.testclient import TestClient

    from claimgraph.web import create_app

    return TestClient(create_app(kb_path, token=token), raise_server_exceptions=False)


@pytest.fixture(scope="session")
def client(kb_path):
    with make_client(kb_path) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def token_client(kb_path):
    with make_client(kb_path, token=TOKEN) as test_client:
        yield test_client
