"""Score document clustering (``claimgraph eval clustering``) on ECB+ topics and sub-topics.

    >>> from claimgraph.evaluation.clustering import evaluate
    >>> evaluate("../shared/eval/ecbplus").metrics["subtopic_b3_f1"]

**Layout read** (ECB+, Cybulska & Vossen 2014): ``DIR/ECB+/<topic>/`` or
``DIR/<topic>/`` folders named by a number, each holding CROMER XML documents
``<topic>_<n>ecb.xml`` and ``<topic>_<n>ecbplus.xml``: ``<token sentence=…>``
elements carry the text. Gold: the **topic** is the folder number; the
**sub-topic** is (topic, ``ecb`` | ``ecbplus``), the two real-world events of
one kind that each topic holds (two earthquakes, two celebrities in rehab).
Only the tokens are read; the mention and coreference markup is not used.

**Metrics**, in ``EvaluationResult.metrics``, for each level (``topic``,
``subtopic``): B³ precision, recall and F1 (Bagga & Baldwin 1998: per
document, the share of its predicted cluster that shares its gold cluster, and
the reverse, averaged over documents) and pairwise precision, recall and F1
(over unordered document pairs put together by the system vs by the gold):
``topic_b3_f1``, ``subtopic_b3_f1``, ``subtopic_pairwise_f1`` and their
``_precision`` / ``_recall`` siblings. Sub-topics are scored over the whole
corpus, so a sub-topic split across two predicted topics costs recall.

The system never learns the number of clusters: :func:`claimgraph.link.clustering.cluster_documents`
stops at similarity thresholds. The baselines are one cluster per document and
everything in one cluster. Anchor: work on cross-document coreference treats
ECB+ document clustering as close to solved and warns that systems exploit
the corpus's topic structure (Bugert et al. 2021; Cattan et al. 2021); no
published figure scored the way this module scores is known to us, so none is
shown beside ours. Note that ECB+ has several topics of one event kind
(earthquakes, acquisitions), which a content-word clusterer merges. Written here because the scorers are a few lines
each and the reference implementations (CoNLL's ``scorer.pl``) score mention
coreference files, not document labels.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Collection, Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from rich.table import Table

from ..errors import Errors, EvaluationDataError
from ..link.clustering import cluster_documents
from .result import EvaluationResult, rows_markdown, rows_table
from .scoring import Counts

TASK = "clustering"
LEVELS = ("topic", "subtopic")
DOCUMENT_NAME = re.compile(r"(?P<topic>\d+)_(?P<number>\d+)(?P<collection>ecb|ecbplus)\.xml")

Clusterer = Callable[[Sequence[str]], Sequence[tuple[Hashable, Hashable]]]
"""A system under evaluation: document texts → one (topic, sub-topic) label per text."""


@dataclass(frozen=True)
class GoldDocument:
    """One ECB+ document: its file name, gold topic and sub-topic, and its text (tokens, sentences on lines)."""

    name: str
    topic: int
    subtopic: tuple[int, str]
    text: str


def read_ecbplus(directory: str | Path, *, topics: Collection[int] | None = None) -> list[GoldDocument]:
    """The documents of an ECB+ folder in topic and file order, optionally only those of ``topics``."""
    directory = Path(directory)
    if (directory / "ECB+").is_dir():
        directory = directory / "ECB+"
    if not directory.is_dir():
        raise EvaluationDataError(Errors.E001.format(origin=directory, reason="no such directory"))
    folders = sorted((path for path in directory.iterdir() if path.is_dir() and path.name.isdigit()), key=lambda p: int(p.name))
    documents = []
    for folder in folders:
        if topics is not None and int(folder.name) not in topics:
            continue
        for path in sorted(folder.glob("*.xml"), key=_document_order):
            match = DOCUMENT_NAME.fullmatch(path.name)
            if match is None:
                continue
            topic = int(match["topic"])
            if topic != int(folder.name):
                raise EvaluationDataError(
                    Errors.E021.format(origin=path, reason=f"document of topic {topic} in folder {folder.name}")
                )
            documents.append(GoldDocument(path.name, topic, (topic, match["collection"]), _document_text(path)))
    if not documents:
        raise EvaluationDataError(
            Errors.E001.format(origin=directory, reason="no <topic>/<topic>_<n>ecb.xml or …ecbplus.xml documents (ECB+ layout)")
        )
    return documents


def _document_order(path: Path) -> tuple[int, int, str]:
    match = DOCUMENT_NAME.fullmatch(path.name)
    return (int(match["topic"]), int(match["number"]), match["collection"]) if match else (0, 0, path.name)


def _document_text(path: Path) -> str:
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as error:
        raise EvaluationDataError(Errors.E021.format(origin=path, reason=f"not well-formed XML ({error})")) from error
    sentences: dict[str, list[str]] = {}
    for token in root.iter("token"):
        sentences.setdefault(token.get("sentence", ""), []).append(token.text or "")
    return "\n".join(" ".join(words) for words in sentences.values())


def b_cubed(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> tuple[float, float, float]:
    """B³ precision, recall and F1 of one cluster label per item against the gold labels.

    Per item, precision is the share of its predicted cluster in its gold cluster and
    recall the share of its gold cluster in its predicted cluster; both are averaged over items.
    """
    _check_lengths(gold, predicted)
    if not gold:
        return 0.0, 0.0, 0.0
    cells = Counter(zip(gold, predicted))
    gold_sizes, predicted_sizes = Counter(gold), Counter(predicted)
    # Each of the n items in a (gold, predicted) cell sees n items of its gold cluster in its predicted one.
    precision = sum(n * n / predicted_sizes[p] for (_, p), n in cells.items()) / len(gold)
    recall = sum(n * n / gold_sizes[g] for (g, _), n in cells.items()) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def pairwise_counts(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> Counts:
    """Unordered item pairs: together in both (tp), only in the prediction (fp), only in the gold (fn)."""
    _check_lengths(gold, predicted)
    together = sum(_pairs(n) for n in Counter(zip(gold, predicted)).values())
    predicted_pairs = sum(_pairs(n) for n in Counter(predicted).values())
    gold_pairs = sum(_pairs(n) for n in Counter(gold).values())
    return Counts(together, predicted_pairs - together, gold_pairs - together)


def _pairs(size: int) -> int:
    return size * (size - 1) // 2


def _check_lengths(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> None:
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predicted labels")


@dataclass
class ClusteringResult(EvaluationResult):
    """An :class:`EvaluationResult` that also knows how many clusters each level has, predicted and gold.

    clusters (dict[str, tuple[int, int]]): level → (predicted clusters, gold clusters).
    """

    clusters: dict[str, tuple[int, int]] = field(default_factory=dict)

    def to_table(self) -> Table:
        """One row per level and measure: P, R, F1, and the predicted and gold cluster counts."""
        title = f"{self.task}: {self.system} on {self.documents} documents"
        if self.seconds is not None:
            title += f" ({self.seconds:.1f} s)"
        table = Table(title=title)
        table.add_column("level")
        for header in ("P", "R", "F1", "clusters", "gold clusters"):
            table.add_column(header, justify="right")
        for level in LEVELS:
            predicted, gold = self.clusters.get(level, (0, 0))
            for measure in ("b3", "pairwise"):
                prefix = f"{level}_{measure}"
                table.add_row(
                    f"{level} {'B³' if measure == 'b3' else measure}",
                    *(f"{self.metrics[f'{prefix}_{name}']:.3f}" for name in ("precision", "recall", "f1")),
                    str(predicted),
                    str(gold),
                )
        return table


def score(documents: Sequence[GoldDocument], clusterer: Clusterer, *, system: str) -> ClusteringResult:
    """Cluster the documents' texts with ``clusterer`` and score both levels (see the module docstring)."""
    started = time.perf_counter()
    labels = list(clusterer([document.text for document in documents]))
    seconds = time.perf_counter() - started
    if len(labels) != len(documents):
        raise ValueError(f"{system} returned {len(labels)} labels for {len(documents)} documents")
    gold = {"topic": [document.topic for document in documents], "subtopic": [document.subtopic for document in documents]}
    predicted = {"topic": [topic for topic, _ in labels], "subtopic": [tuple(label) for label in labels]}
    metrics: dict[str, float] = {}
    counts: dict[str, Counts] = {}
    clusters: dict[str, tuple[int, int]] = {}
    for level in LEVELS:
        precision, recall, f1 = b_cubed(gold[level], predicted[level])
        metrics.update({f"{level}_b3_precision": precision, f"{level}_b3_recall": recall, f"{level}_b3_f1": f1})
        pairs = counts[f"{level}_pairwise"] = pairwise_counts(gold[level], predicted[level])
        metrics.update(
            {f"{level}_pairwise_precision": pairs.precision, f"{level}_pairwise_recall": pairs.recall, f"{level}_pairwise_f1": pairs.f1}
        )
        clusters[level] = (len(set(predicted[level])), len(set(gold[level])))
    return ClusteringResult(TASK, len(documents), metrics, counts, system, seconds, clusters)


def singleton_clusterer(texts: Sequence[str]) -> list[tuple[int, int]]:
    """The baseline that puts each document in a cluster of its own, at both levels."""
    return [(index, 0) for index in range(len(texts))]


def one_cluster_clusterer(texts: Sequence[str]) -> list[tuple[int, int]]:
    """The baseline that puts every document in one topic and one sub-topic."""
    return [(0, 0)] * len(texts)


def evaluate(
    directory: str | Path,
    *,
    data_format: str = "ecbplus",
    topics: Collection[int] | None = None,
    clusterer: Clusterer = cluster_documents,
    system: str = "claimgraph",
) -> ClusteringResult:
    """Read the ECB+ documents in ``directory`` (only ``topics`` if given) and score ``clusterer`` on them."""
    if data_format != "ecbplus":
        raise EvaluationDataError(Errors.E021.format(origin=directory, reason=f"unknown clustering format {data_format!r}; use ecbplus"))
    return score(read_ecbplus(directory, topics=topics), clusterer, system=system)


COLUMNS = {
    "topic_b3": "topic B³ P / R / F1",
    "subtopic_b3": "sub-topic B³ P / R / F1",
    "subtopic_pairwise": "sub-topic pairwise P / R / F1",
}


def comparison_rows(results: Sequence[tuple[str, ClusteringResult]]) -> tuple[list[str], list[list[str]]]:
    """Header and cells: one row per (topics scored, system), the three measures, cluster counts, documents, seconds."""
    header = ["topics", "system", *COLUMNS.values(), "sub-topics (gold)", "docs", "seconds"]
    rows = []
    for topics, result in results:
        cells = [topics, result.system]
        for prefix in COLUMNS:
            cells.append(" / ".join(f"{result.metrics[f'{prefix}_{name}']:.3f}" for name in ("precision", "recall", "f1")))
        predicted, gold = result.clusters["subtopic"]
        seconds = "–" if result.seconds is None else f"{result.seconds:.1f}"
        cells += [f"{predicted} ({gold})", str(result.documents), seconds]
        rows.append(cells)
    return header, rows


def comparison_table(results: Sequence[tuple[str, ClusteringResult]], *, title: str) -> Table:
    """:func:`comparison_rows` as a rich table."""
    return rows_table(*comparison_rows(results), title=title)


def comparison_markdown(results: Sequence[tuple[str, ClusteringResult]]) -> str:
    """:func:`comparison_rows` as a Markdown table, for ``docs/evaluation.md``."""
    return rows_markdown(*comparison_rows(results))
