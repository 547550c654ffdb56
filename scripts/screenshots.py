"""Screenshots of the web app for docs/web.md, taken in headless Chromium from the demo database.

    .venv/bin/python scripts/screenshots.py                 # builds the demo database in a temporary folder
    .venv/bin/python scripts/screenshots.py --db claimgraph.db --out docs/images

Needs Debian's Chromium (``apt-get install chromium``) and Playwright for Python
(the test extra); Playwright drives the system browser, nothing is downloaded.

The helpers above ``main`` — the demo database, the app served on a free
loopback port, Chromium with the flags this offline machine needs — are also the
fixtures of tests/browser (its conftest.py loads this file with ``runpy``, as
tests/test_docs.py loads docs/gen_cli.py), so the tests and the screenshots
look at the app the same way.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
MISSING_BROWSER = f"browser tests need {CHROMIUM}: apt-get install chromium"
MISSING_PLAYWRIGHT = "browser tests need Playwright for Python: pip install -e '.[test]' (never `playwright install`)"
# Headless and offline: with any background service left on, Chromium keeps
# retrying connections nothing here can answer. Playwright gives every launch a
# fresh temporary profile (user-data-dir), so no state leaks between runs.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-quic",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}
SERVER_START_S = 10.0  # the longest to wait for uvicorn to accept connections
DEMO_DIR = Path(str(resources.files("claimgraph") / "data" / "demo"))


def build_demo_database(path: Path) -> Path:
    """The demo knowledge base at ``path``, as ``claimgraph demo --db PATH`` builds it (without its summary)."""
    import claimgraph

    with claimgraph.open(str(path)) as kb:
        kb.ingest([DEMO_DIR])
    return path


@contextmanager
def serving(db: str | os.PathLike[str]) -> Iterator[str]:
    """The web app over ``db`` served by uvicorn in a thread on a free loopback port; yields its base URL."""
    import uvicorn

    from claimgraph.web import create_app

    # The socket is bound here, before the server starts, so the port is known and no one else can take it.
    listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listening.bind(("127.0.0.1", 0))
    host, port = listening.getsockname()
    server = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listening]}, name="claimgraph-serve", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + SERVER_START_S
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the web app did not start on {host}:{port}")
            time.sleep(0.02)
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(SERVER_START_S)
        listening.close()


def launch_chromium(playwright: Any) -> Any:
    """Debian's headless Chromium under Playwright's sync API (``playwright.chromium.launch``)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
