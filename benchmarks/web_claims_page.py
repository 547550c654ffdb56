"""How fast the web app's claims page loads: median of 5 requests through FastAPI's TestClient.

    python benchmarks/web_claims_page.py [--sizes 10000,100000] [--link] [--per-day 300]

For each size, synthetic claims (``benchmarks/linking.py``'s generator: skewed
topics, actors, regions and sources, facets filled) are written into a
temporary SQLite knowledge base through :meth:`claimgraph.store.Store.write_documents`;
with ``--link`` they are also linked, so the claims carry stories, grades and
links as after ``claimgraph ingest`` (linking 10,000 claims takes minutes). Then
each URL below is requested once to warm up and five times timed; the median
wall-clock time of the whole request (routing, queries, rendering) is printed,
with the page's size. TestClient runs the app in-process, so network time is
not included.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from linking import Generator  # noqa: E402  (the synthetic corpus of the linking benchmark)

from fastapi.testclient import TestClient  # noqa: E402

from claimgraph.link import Linker  # noqa: E402
from claimgraph.store import Store  # noqa: E402
from claimgraph.web import create_app  # noqa: E402

URLS = (
    "/claims",
    "/claims?offset=5000",
    "/claims?sort=-published",
    "/claims?place=Kursk&type=deploy_forces",
    "/claims?search=troops",
    "/claims?source=Official1",
    "/api/claims",
)
REPEATS = 5
BATCH = 2000


def build(path: Path, size: int, per_day: int, link: bool) -> float:
    """Write ``size`` synthetic claims (and link them); the seconds it took."""
    started = time.perf_counter()
    generator = Generator(per_day)
    store = Store(path)
    linker = Linker(store)
    for done in range(0, size, BATCH):
        store.write_documents(generator.documents(min(BATCH, size - done)))
        if link:
            linker.link()
    store.close()
    return time.perf_counter() - started


def measure(path: Path) -> list[dict]:
    rows = []
    with TestClient(create_app(path)) as client:
        for url in URLS:
            response = client.get(url)
            assert response.status_code == 200, (url, response.text[:500])
            times = []
            for _ in range(REPEATS):
                started = time.perf_counter()
                client.get(url)
                times.append(time.perf_counter() - started)
            rows.append({"url": url, "median_ms": round(1000 * statistics.median(times), 1), "kib": round(len(response.content) / 1024, 1)})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000", help="Comma-separated numbers of claims.")
    parser.add_argument("--per-day", type=int, default=300, help="Synthetic claims a day.")
    parser.add_argument("--link", action="store_true", help="Link the claims (stories, grades, links) before measuring.")
    args = parser.parse_args()
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "claims.db"
            build_s = build(path, size, args.per_day, args.link)
            print(json.dumps({"claims": size, "linked": args.link, "build_s": round(build_s, 1), "pages": measure(path)}))


if __name__ == "__main__":
    main()
