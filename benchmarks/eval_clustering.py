"""Document clustering on ECB+: claimgraph beside the one-per-document and all-in-one baselines.

    python benchmarks/eval_clustering.py ../shared/eval/ecbplus [--json | --markdown | --tune]

Scores ``claimgraph.link.clustering.cluster_documents`` and the two baselines
on three sets of topics, each clustered on its own: all topics, topics 1–20
(where the thresholds were chosen) and topics 21–45 (held out). Prints one
table: topic B³, sub-topic B³ and sub-topic pairwise precision / recall / F1,
the number of predicted (and gold) sub-topics, documents and seconds.

``--tune`` prints instead, on topics 1–20, the topic B³ F1 of each topic
threshold, then, with topics cut at the best of them, the sub-topic B³ F1 of
each sub-topic threshold: how the defaults ``TOPIC_THRESHOLD`` and
``SUBTOPIC_THRESHOLD`` were chosen.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys

from rich.console import Console

from claimgraph.errors import EvaluationDataError
from claimgraph.evaluation.clustering import (
    b_cubed,
    comparison_markdown,
    comparison_table,
    one_cluster_clusterer,
    read_ecbplus,
    score,
    singleton_clusterer,
)
from claimgraph.link.clustering import agglomerate, cluster_documents, content_terms, split_topics, tfidf_vectors

logger = logging.getLogger("eval_clustering")

TUNING_TOPICS = range(1, 21)
HELD_OUT_TOPICS = range(21, 46)
TOPIC_GRID = [round(0.03 + 0.01 * step, 2) for step in range(10)]
SUBTOPIC_GRID = [round(0.05 + 0.025 * step, 3) for step in range(9)]


def tune(directory: str) -> None:
    """On the tuning topics, print the topic B³ F1 of each topic threshold and, under the best, the sub-topic B³ F1 of each sub-topic threshold."""
    documents = read_ecbplus(directory, topics=TUNING_TOPICS)
    term_lists = [content_terms(document.text) for document in documents]
    vectors = tfidf_vectors(term_lists)
    print(f"B³ F1 on topics {TUNING_TOPICS.start}–{TUNING_TOPICS.stop - 1} ({len(documents)} documents)")
    topic_cuts = agglomerate(vectors @ vectors.T, TOPIC_GRID)
    topic_gold = [document.topic for document in documents]
    topic_scores = [b_cubed(topic_gold, cut)[2] for cut in topic_cuts]
    best = max(range(len(TOPIC_GRID)), key=lambda index: topic_scores[index])
    _print_grid("topic", TOPIC_GRID, topic_scores)
    topics = topic_cuts[best]
    subtopic_gold = [document.subtopic for document in documents]
    subtopic_cuts = split_topics(term_lists, topics, SUBTOPIC_GRID)
    subtopic_scores = [b_cubed(subtopic_gold, list(zip(topics, cut)))[2] for cut in subtopic_cuts]
    _print_grid(f"sub-topic (topic threshold {TOPIC_GRID[best]})", SUBTOPIC_GRID, subtopic_scores)


def _print_grid(level: str, grid: list[float], scores: list[float]) -> None:
    best = max(range(len(grid)), key=lambda index: scores[index])
    print(level)
    print("  threshold: " + " ".join(f"{threshold:>6}" for threshold in grid))
    print("  B³ F1:     " + " ".join(f"{value:6.3f}" for value in scores))
    print(f"  best:      {grid[best]} ({scores[best]:.3f})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", help="the ECB+ folder (holding ECB+/<topic>/ or <topic>/ folders)")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print one JSON object per row")
    output.add_argument("--markdown", action="store_true", help="print a Markdown table (for docs/evaluation.md)")
    output.add_argument("--tune", action="store_true", help="print the threshold grid on topics 1–20")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(levelname)s: %(message)s", level=logging.INFO)

    try:
        if args.tune:
            tune(args.directory)
            return 0
        splits = {
            "all": read_ecbplus(args.directory),
            "1–20 (tuning)": read_ecbplus(args.directory, topics=TUNING_TOPICS),
            "21–45 (held out)": read_ecbplus(args.directory, topics=HELD_OUT_TOPICS),
        }
    except EvaluationDataError as error:
        logger.error("%s", error)
        return 1
    systems = {
        "claimgraph": cluster_documents,
        "one cluster per document": singleton_clusterer,
        "all in one cluster": one_cluster_clusterer,
    }
    rows = [
        (topics, score(documents, clusterer, system=system))
        for topics, documents in splits.items()
        for system, clusterer in systems.items()
    ]
    if args.json:
        for topics, result in rows:
            print(json.dumps({**result.to_dict(), "system": result.system, "topics": topics}, ensure_ascii=False))
        return 0
    if args.markdown:
        sys.stdout.write(comparison_markdown(rows))
        return 0
    console = Console(width=max(Console().width, 200))
    console.print(comparison_table(rows, title=f"Document clustering: {args.directory}"))
    console.print(
        "Anchor: the coreference literature treats ECB+ document clustering as close to solved "
        "(Bugert et al. 2021; Cattan et al. 2021) but gives no figure scored this way."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
