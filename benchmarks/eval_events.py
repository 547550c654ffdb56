"""Event extraction on ACLED-style or UCDP GED rows: claimgraph beside the naive baseline.

    python benchmarks/eval_events.py benchmarks/data/acled_style_dev.csv --format acled
    python benchmarks/eval_events.py ../shared/eval/ucdp_ged_ukraine/UCDP-Ukraine.csv --format ucdp [--markdown]

Runs, in one process and on the same rows: claimgraph (one event derived from the
claims of each row's text) and the baseline (first number, first gazetteer name,
publication date, most frequent type). Prints one table: event-type accuracy,
location within 25 km, date and fatalities accuracy, rows and seconds. With
``--confusion`` also prints how the gold types were predicted. Scoring rules and
the PLOVER → ACLED → UCDP mapping: the docstring of ``claimgraph.evaluation.events``.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import Counter

from rich.console import Console

from claimgraph.errors import EvaluationDataError
from claimgraph.evaluation.events import METRICS, baseline_system, claimgraph_system, read_events, score
from claimgraph.evaluation.result import EvaluationResult, rows_markdown, rows_table

logger = logging.getLogger("eval_events")


def comparison_rows(results: list[EvaluationResult]) -> tuple[list[str], list[list[str]]]:
    header = ["system", "type", "location ≤25 km", "date", "fatalities", "rows", "seconds"]
    rows = []
    for result in results:
        seconds = "–" if result.seconds is None else f"{result.seconds:.1f}"
        rows.append([result.system, *(f"{result.metrics[name]:.3f}" for name in METRICS), str(result.documents), seconds])
    return header, rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="CSV file: ACLED-style rows or UCDP GED rows")
    parser.add_argument("--format", choices=("acled", "ucdp"), required=True)
    parser.add_argument("--limit", type=int, help="score only the first N rows")
    parser.add_argument("--min-words", type=int, help="keep only rows with a report of at least N words (UCDP rows often give a bare place name)")
    parser.add_argument("--confusion", action="store_true", help="also print gold type → claimgraph's predicted type counts")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print one JSON object per system")
    output.add_argument("--markdown", action="store_true", help="print a Markdown table (for docs/evaluation.md)")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(levelname)s: %(message)s", level=logging.INFO)

    try:
        events = read_events(args.path, args.format)[: args.limit]
    except EvaluationDataError as error:
        logger.error("%s", error)
        return 1
    if args.min_words:
        events = [event for event in events if any(len(report.text.split()) >= args.min_words for report in event.reports)]
    claimgraph = score(events, claimgraph_system, name="claimgraph", format=args.format)
    results = [claimgraph, score(events, baseline_system, name="baseline", format=args.format)]
    if args.json:
        for result in results:
            print(json.dumps({**result.to_dict(), "system": result.system}))
    elif args.markdown:
        sys.stdout.write(rows_markdown(*comparison_rows(results)))
    else:
        Console(width=max(Console().width, 120)).print(rows_table(*comparison_rows(results), title=f"Events: {args.path}"))
    if args.confusion:
        pairs = Counter((event.event_type, predicted.event_type) for event, predicted in zip(events, claimgraph.predictions))
        for (gold, predicted), count in sorted(pairs.items(), key=lambda item: -item[1]):
            print(f"{count:6d}  gold {gold!s:30}  predicted {predicted}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
