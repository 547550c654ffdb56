"""Attribution on PolNeAR-format data: claimgraph beside baselines, human agreement and a published anchor.

    python benchmarks/eval_attribution.py ../shared/eval/polnear/data/dev [--limit N] [--json | --markdown] [--errors PATH]

Runs, in one process and on the same documents: claimgraph's extractor, the
textacy ``direct_quotations`` baseline (skipped with a warning when the
``bench`` extra is not installed: ``make .venv/.bench``), the naive baseline
(quotes + nearest PERSON + reporting verb) and the empty system. Adds the
PolNeAR annotators' agreement on the articles of DIR that two annotators
annotated (its ``docs`` column counts annotator pairs; ignores ``--limit``)
and BBC Citron's published figures on PARC 3.0 (a different corpus, not run
here). Prints one table: P / R / F1 per role, exact and overlap; documents;
seconds of prediction. Scoring rules: ``docs/evaluation.md``. ``--errors PATH``
writes claimgraph's span errors (missed, spurious, boundary-only) as JSON Lines.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys

from rich.console import Console

from claimgraph.errors import EvaluationDataError
from claimgraph.evaluation import baselines
from claimgraph.evaluation.attribution import (
    CITRON_PARC3,
    COMPARISON_COLUMNS,
    ClaimgraphSystem,
    annotator_agreement,
    predict,
    score_predictions,
    span_errors,
    system_name,
)
from claimgraph.evaluation.brat import read_polnear
from claimgraph.evaluation.result import comparison_markdown, comparison_table

logger = logging.getLogger("eval_attribution")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", help="PolNeAR-format folder with text/ and attributions/")
    parser.add_argument("--limit", type=int, help="score only the first N articles by name")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print one JSON object per row")
    output.add_argument("--markdown", action="store_true", help="print a Markdown table (for docs/evaluation.md)")
    parser.add_argument(
        "--errors", metavar="PATH", help="write claimgraph's missed, spurious and boundary-only spans here as JSON Lines"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(levelname)s: %(message)s", level=logging.INFO)

    try:
        documents = read_polnear(args.dir, limit=args.limit)
        agreement = annotator_agreement(args.dir)
    except EvaluationDataError as error:
        logger.error("%s", error)
        return 1

    systems = [ClaimgraphSystem()]
    textacy_system = None
    if baselines.TEXTACY_FLAG:
        textacy_system = baselines.TextacyDirectQuotations()
        systems.append(textacy_system)
    else:
        logger.warning("textacy is not installed, so its row is skipped; install it with: make .venv/.bench")
    systems += [baselines.NaiveQuotes(), baselines.nothing]

    results = []
    for system in systems:
        # One broken system must not hide the others' rows: record its failure and go on.
        try:
            predictions, seconds = predict(documents, system)
        except Exception as error:  # noqa: BLE001 - any failure of a system under test is reported, not raised
            logger.error("%s failed, so its row is missing: %s: %s", system_name(system), type(error).__name__, error)
            continue
        results.append(score_predictions(documents, predictions, system=system_name(system), seconds=seconds))
        if args.errors and isinstance(system, ClaimgraphSystem):
            write_errors(args.errors, documents, predictions)
    if textacy_system is not None and textacy_system.failed_paragraphs:
        logger.warning(
            "textacy gave up on %d paragraphs (odd number of quotation marks); they count as misses",
            textacy_system.failed_paragraphs,
        )
    rows = [*results, agreement, CITRON_PARC3]

    if args.json:
        for result in results + [agreement]:
            print(json.dumps({"system": result.system, "seconds": result.seconds, **result.to_dict()}))
        print(json.dumps({"system": CITRON_PARC3.system, "published": True, "note": CITRON_PARC3.note, "metrics": CITRON_PARC3.metrics}))
    elif args.markdown:
        sys.stdout.write(comparison_markdown(rows, COMPARISON_COLUMNS))
    else:
        title = f"Attribution spans on {args.dir}: precision / recall / F1 per role, exact and overlap match"
        Console(width=max(Console().width, 200)).print(comparison_table(rows, COMPARISON_COLUMNS, title=title))
    return 0


def write_errors(path: str, documents, predictions) -> None:
    """One JSON object per missed, spurious or boundary-only span, for error analysis (``jq``, ``grep``)."""
    count = 0
    with open(path, "w", encoding="utf-8") as out:
        for document, predicted in zip(documents, predictions):
            for error in span_errors(document, predicted):
                out.write(json.dumps(error.to_dict(document.text), ensure_ascii=False) + "\n")
                count += 1
    logger.info("wrote %d span errors of claimgraph to %s", count, path)


if __name__ == "__main__":
    sys.exit(main())
