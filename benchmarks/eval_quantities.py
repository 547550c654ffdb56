"""Quantity extraction: claimgraph's parser beside the naive and empty baselines and a published anchor.

    python benchmarks/eval_quantities.py FILE_OR_DIR [--json | --markdown]

FILE is a JSON list of ``{"text", "quantities": [{"value", "unit", "change"}]}``
(``benchmarks/data/quantities_dev.json``); a folder is read as MeasEval
(``../shared/eval/measeval/data/eval``). Runs, in one process and on the same
texts: claimgraph's parser, the naive baseline (every run of digits is an exact
figure with no unit) and the empty system; adds CQE's published NewsQuant
figures (a different corpus, not run here). quantulum3 is not run: it is not a
dependency, and it collapses ranges and drops "up to", which is why the parser
is hand-written. Prints one table: P / R / F1 for value, value + unit and
value + change; documents; seconds of prediction. Scoring rules: the docstring
of ``claimgraph.evaluation.quantities``.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys

from rich.console import Console

from claimgraph.errors import EvaluationDataError
from claimgraph.evaluation.quantities import (
    COMPARISON_COLUMNS,
    CQE_NEWSQUANT,
    claimgraph_quantities,
    every_number,
    nothing,
    read_gold,
    score_system,
)
from claimgraph.evaluation.result import comparison_markdown, comparison_table

logger = logging.getLogger("eval_quantities")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="JSON gold file, or a MeasEval folder with text/ and tsv/")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print one JSON object per row")
    output.add_argument("--markdown", action="store_true", help="print a Markdown table (for docs/evaluation.md)")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(levelname)s: %(message)s", level=logging.INFO)

    try:
        texts = read_gold(args.path)
    except EvaluationDataError as error:
        logger.error("%s", error)
        return 1
    results = [score_system(texts, system) for system in (claimgraph_quantities, every_number, nothing)]
    rows = [*results, CQE_NEWSQUANT]

    if args.json:
        for result in results:
            print(json.dumps({"system": result.system, "seconds": result.seconds, **result.to_dict()}))
        print(json.dumps({"system": CQE_NEWSQUANT.system, "published": True, "note": CQE_NEWSQUANT.note, "metrics": CQE_NEWSQUANT.metrics}))
    elif args.markdown:
        sys.stdout.write(comparison_markdown(rows, COMPARISON_COLUMNS))
    else:
        title = f"Quantities on {args.path}: precision / recall / F1"
        Console(width=max(Console().width, 160)).print(comparison_table(rows, COMPARISON_COLUMNS, title=title))
    return 0


if __name__ == "__main__":
    sys.exit(main())
