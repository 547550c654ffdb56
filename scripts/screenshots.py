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
from urllib.parse import quote

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


def pages_to_shoot(db: Path) -> list[tuple[str, str]]:
    """(image name, page path) for each screenshot, picked from the knowledge base rather than hard-coded ids."""
    import claimgraph
    from claimgraph.model import SourceType

    with claimgraph.open(str(db)) as kb:
        story = kb.stories()[0]  # the largest
        # The story's most linked claim by a person with a role: its page shows a full source
        # chain and the most relations and evidence.
        by_people = [row for row in kb.claims(story=story.id) if row.claim.attribution.source.type is SourceType.PERSON and row.claim.attribution.source.role]
        claim = max(by_people, key=lambda row: len(row.links or ())).claim
        source = kb.sources()[0].name  # the source with the most claims
    return [
        ("claims-filtered", "/claims?place=Kursk&type=deploy_forces"),
        ("claim", f"/claims/{claim.id}"),
        ("article", f"/articles/{claim.article_id}"),
        ("source", f"/sources/{quote(source)}"),
        ("story", f"/stories/{story.id}"),
        ("map", "/map"),
    ]


def shrink_png(path: Path) -> None:
    """Re-save a screenshot with a 256-colour palette: a fraction of the size, and pages have few colours."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def take_screenshots(db: Path, out: Path) -> list[Path]:
    """Saves a PNG of each page in ``out``; a page the app does not have (404) is skipped with a message."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with serving(db) as base_url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_context(base_url=base_url, viewport=VIEWPORT).new_page()
        for name, path in pages_to_shoot(db):
            response = page.goto(path)
            if response is None or response.status == 404:
                print(f"skipped {name}: {path} answers 404 in this version of the app", file=sys.stderr)
                continue
            if response.status != 200:
                raise RuntimeError(f"{path} answered {response.status}")
            # Charts and map markers arrive after the page: wait until every image has loaded and the network is quiet.
            page.wait_for_load_state("networkidle")
            page.wait_for_function("() => [...document.images].every(image => image.complete)")
            target = out / f"{name}.png"
            page.screenshot(path=str(target))
            shrink_png(target)
            saved.append(target)
        browser.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="knowledge base to show (default: build the demo one in a temporary folder)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "docs" / "images", help="folder for the PNGs (default: docs/images)")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        parser.error(MISSING_BROWSER)
    with tempfile.TemporaryDirectory(prefix="claimgraph-screenshots-") as folder:
        db = args.db or build_demo_database(Path(folder) / "demo.db")
        for path in take_screenshots(db, args.out):
            print(f"{path} ({path.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
