"""The demo knowledge base served on loopback, and pages of Debian's headless Chromium over it.

The server, the browser's flags and the demo database come from
scripts/screenshots.py, so the docs' screenshots show what these tests check.
Every test here skips, with the reason, where Chromium or Playwright is missing.
"""

from __future__ import annotations

import json
import runpy
from pathlib import Path

import pytest

import claimgraph

harness = runpy.run_path(str(Path(__file__).resolve().parents[2] / "scripts" / "screenshots.py"))

# Markup in every stored string a page shows: it must come out as text. Running,
# the script opens a dialog and the image's handler sets window.xssFired.
XSS_ARTICLE = {
    "id": "xss",
    "title": "Shelling <script>alert('title')</script> reported in Kupiansk",
    "outlet": "<img src=x onerror=\"window.xssFired = 'outlet'\"> Wire",
    "published": "2024-11-04",
    "url": "javascript:alert('url')",
    "text": "KUPIANSK, Nov. 4 -- Russian forces shelled the town of Kupiansk overnight "
    "<script>alert('text')</script>, the head of the regional administration Oleh Syniehubov said.\n\n"
    "\"Two drones hit a depot <img src=x onerror=\"window.xssFired = 'text'\">,\" the regional police said.",
}


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo knowledge base plus the XSS article, added through the ingest API like any JSON Lines record."""
    folder = tmp_path_factory.mktemp("browser")
    path = harness["build_demo_database"](folder / "demo.db")
    articles = folder / "xss.jsonl"
    articles.write_text(json.dumps(XSS_ARTICLE) + "\n", encoding="utf-8")
    with claimgraph.open(str(path)) as kb:
        kb.ingest([articles])
    return path


@pytest.fixture(scope="session")
def base_url(demo_db: Path):
    """The app's address, ``http://127.0.0.1:PORT`` (no trailing slash)."""
    with harness["serving"](demo_db) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason=harness["MISSING_PLAYWRIGHT"])
    if not harness["CHROMIUM"].exists():
        pytest.skip(harness["MISSING_BROWSER"])
    with sync_api.sync_playwright() as playwright:
        launched = harness["launch_chromium"](playwright)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, base_url: str):
    """A fresh tab (own cookies and storage) whose relative ``goto("/claims")`` resolves against ``base_url``."""
    context = browser.new_context(base_url=base_url, viewport=harness["VIEWPORT"])
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()
