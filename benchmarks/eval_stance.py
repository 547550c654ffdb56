"""Stance detection on FNC-1 or Emergent: claimgraph beside its baselines and the published anchors.

    python benchmarks/eval_stance.py ../shared/eval/fnc1/competition_test_stances.csv --format fnc1 [--markdown]
    python benchmarks/eval_stance.py emergent.csv --format emergent

Runs, in one process and on the same pairs: claimgraph's stance rules
(``claimgraph.link.stance``), the majority-class baseline and, for FNC-1, the
lexical-overlap relatedness rule with the most frequent related label. For FNC-1
the pairs are scored three times: body ids even (the half the thresholds of
``StanceThresholds`` were set on), body ids odd (held out) and all; the published
figures are shown beside the full set (they were measured on all of it). Reading
and preparing the texts is timed apart from classifying. Metric definitions: the
docstring of ``claimgraph.evaluation.stance``.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time

from rich.console import Console

from claimgraph.errors import EvaluationDataError
from claimgraph.evaluation.result import PublishedScore, rows_markdown, rows_table
from claimgraph.evaluation.stance import StanceEvaluation, read_pairs, score_all

logger = logging.getLogger("eval_stance")

PUBLISHED = {
    "fnc1": [
        PublishedScore(
            "UCLMR (published)",
            {"fnc_score": 0.817, "macro_f1": 0.583},
            "Riedel et al. 2017, FNC-1 2nd place; macro-F1 as recalled from Hanselowski et al. 2018 (COLING), not re-checked against the paper offline",
        )
    ],
    "emergent": [
        PublishedScore("Ferreira & Vlachos 2016 (published)", {"accuracy": 0.73}, "Emergent, logistic regression, their test split")
    ],
}


def comparison_rows(split: str, results: list[StanceEvaluation | PublishedScore]) -> tuple[list[str], list[list[str]]]:
    metrics = list(results[0].metrics)
    header = ["split", "system", *metrics, "pairs", "seconds"]
    rows = []
    for result in results:
        cells = [split, result.system, *("–" if name not in result.metrics else f"{result.metrics[name]:.3f}" for name in metrics)]
        if isinstance(result, StanceEvaluation):
            cells += [str(result.documents), f"{result.seconds:.2f}"]
        else:
            cells += ["–", "–"]
        rows.append(cells)
    return header, rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="FNC-1 stances CSV (bodies CSV beside it) or Emergent CSV")
    parser.add_argument("--format", choices=("fnc1", "emergent"), required=True)
    parser.add_argument("--limit", type=int, help="score only the first N pairs")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print one JSON object per split and system")
    output.add_argument("--markdown", action="store_true", help="print a Markdown table (for docs/evaluation.md)")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(levelname)s: %(message)s", level=logging.INFO)

    started = time.perf_counter()
    try:
        pairs = read_pairs(args.path, args.format)[: args.limit]
    except EvaluationDataError as error:
        logger.error("%s", error)
        return 1
    logger.info("read and prepared %d pairs in %.1f s", len(pairs), time.perf_counter() - started)
    if args.format == "fnc1":
        splits = {
            "even ids (tuned on)": [pair for pair in pairs if int(pair.group) % 2 == 0],
            "odd ids (held out)": [pair for pair in pairs if int(pair.group) % 2 == 1],
            "all": pairs,
        }
    else:
        splits = {"all": pairs}

    header, rows = [], []
    for split, split_pairs in splits.items():
        result = score_all(split_pairs, format=args.format)
        results = [result, *result.baselines, *(PUBLISHED[args.format] if split == "all" else [])]
        if args.json:
            for one in results:
                if isinstance(one, StanceEvaluation):
                    print(json.dumps({"split": split, "system": one.system, **one.to_dict()}))
            continue
        header, split_rows = comparison_rows(split, results)
        rows += split_rows
    if args.markdown:
        print(rows_markdown(header, rows), end="")
    elif not args.json:
        Console().print(rows_table(header, rows, title=f"stance ({args.format}) — total {time.perf_counter() - started:.1f} s"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
