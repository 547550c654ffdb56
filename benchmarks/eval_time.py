"""Time expressions on TempEval-3 TimeML data: claimgraph beside the dateparser baseline and HeidelTime.

    python benchmarks/eval_time.py ../shared/eval/tempeval3/Training [--json | --markdown]

Runs, in one process and on the same documents, claimgraph's ``tag_times`` and
the baseline, dateparser's ``search_dates`` with the document creation time as
relative base; adds HeidelTime's published TempEval-3 figures (the TE3-Platinum
test set, not run here). Prints one table: P / R / F1 for extents (strict and
relaxed) and values, then value accuracy, documents and seconds of tagging.
Scoring rules: the docstring of ``claimgraph.evaluation.tempeval``.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys

from rich.console import Console

from claimgraph.errors import EvaluationDataError
from claimgraph.evaluation.result import EvaluationResult, comparison_markdown, comparison_table
from claimgraph.evaluation.tempeval import HEIDELTIME, dateparser_baseline, evaluate

logger = logging.getLogger("eval_time")

PREFIXES = {"extent_strict": "strict extent P / R / F1", "extent_relaxed": "relaxed extent P / R / F1", "value": "value P / R / F1"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", help="folder of TimeML .tml files (searched recursively)")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print one JSON object per system")
    output.add_argument("--markdown", action="store_true", help="print a Markdown table (for docs/evaluation.md)")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(levelname)s: %(message)s", level=logging.INFO)

    try:
        results = [
            evaluate(args.dir),
            evaluate(args.dir, tagger=dateparser_baseline, system="dateparser search_dates"),
        ]
    except EvaluationDataError as error:
        logger.error("%s", error)
        return 1
    rows = [*results, HEIDELTIME]

    if args.json:
        for result in results:
            print(json.dumps({**result.to_dict(), "system": result.system}))
        return 0
    if args.markdown:
        sys.stdout.write(comparison_markdown(rows, PREFIXES))
        sys.stdout.write("\n" + _accuracy_line(results) + "\n")
        return 0
    console = Console()
    console.print(comparison_table(rows, PREFIXES, title=f"TempEval-3 time expressions: {args.dir}"))
    console.print(_accuracy_line(results))
    console.print(f"Anchor: {HEIDELTIME.system}, {HEIDELTIME.note}.")
    return 0


def _accuracy_line(results: list[EvaluationResult]) -> str:
    """Value accuracy (right values among relaxed matches), which the P/R/F1 table has no column for."""
    return "value accuracy: " + "; ".join(f"{r.system} {r.metrics['value_accuracy']:.3f}" for r in results)


if __name__ == "__main__":
    sys.exit(main())
