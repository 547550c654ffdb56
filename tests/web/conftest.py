"""A small knowledge base of wire-style articles, and clients of the web app over it."""

from __future__ import annotations

import pytest

import claimgraph

TOKEN = "s3cret-token"

# Two reports revising one estimate (a story with a timeline), and one whose
# stored strings carry markup that must come out as text.
WIRE = {
    "nis.txt": """\
Title: North Korea has sent 3,000 troops to Russia, Seoul says
Outlet: Seoul Wire
Published: 2024-10-23

SEOUL, Oct. 23 (Seoul Wire) -- About 3,000 North Korean soldiers have been sent to Russia so far, \
South Korea's National Intelligence Service said on Wednesday.

The agency said the troops travelled by ship from ports near Chongjin to Vladivostok.
""",
    "pentagon.txt": """\
Title: Pentagon says 10,000 North Korean troops now in Russia
Outlet: Washington Wire
Published: 2024-10-28

WASHINGTON, Oct. 28 (Washington Wire) -- About 10,000 North Korean soldiers have been sent to Russia, \
the Pentagon said on Monday, raising its earlier estimate.

Officials in Washington have warned Pyongyang against deeper involvement in the war.
""",
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
