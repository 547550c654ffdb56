"""What an evaluation returns, and the tables that show it.

Every ``claimgraph eval`` task returns an :class:`EvaluationResult` whose
``to_dict()`` is the JSON the CLI prints with ``--json``:
``{"task": …, "documents": N, "metrics": {name: value in 0–1}}``. Span tasks
also keep their raw counts, so a table can show TP/FP/FN beside P/R/F1.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rich.table import Table

from .scoring import Counts


@dataclass
class EvaluationResult:
    """Scores of one system on one gold set.

    task (str): what was evaluated, e.g. ``"attribution"``.
    documents (int): how many gold documents were scored.
    metrics (dict[str, float]): flat map of scores in 0–1, e.g. ``source_f1``, ``source_overlap_f1``.
    counts (dict[str, Counts]): TP/FP/FN behind the metrics, keyed by metric prefix (``source``, ``source_overlap``).
    system (str): the name of the system that produced the predictions.
    seconds (float | None): wall time the system took to predict, scoring excluded.
    """

    task: str
    documents: int
    metrics: dict[str, float]
    counts: dict[str, Counts] = field(default_factory=dict)
    system: str = "claimgraph"
    seconds: float | None = None

    @classmethod
    def from_counts(
        cls, task: str, documents: int, counts: Mapping[str, Counts], *, system: str, seconds: float | None = None
    ) -> EvaluationResult:
        """Build the result from counts; metrics are ``<prefix>_precision``, ``_recall`` and ``_f1`` for each prefix."""
        metrics = {}
        for prefix, count in counts.items():
            metrics[f"{prefix}_precision"] = count.precision
            metrics[f"{prefix}_recall"] = count.recall
            metrics[f"{prefix}_f1"] = count.f1
        return cls(task, documents, metrics, dict(counts), system, seconds)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape every ``eval`` command prints: task, number of documents, flat metrics."""
        return {"task": self.task, "documents": self.documents, "metrics": dict(self.metrics)}

    def to_table(self) -> Table:
        """A rich table: one row per metric prefix with P, R, F1 and the counts behind them."""
        title = f"{self.task}: {self.system} on {self.documents} documents"
        if self.seconds is not None:
            title += f" ({self.seconds:.1f} s)"
        table = Table(title=title)
        table.add_column("spans")
        for header in ("P", "R", "F1", "TP", "FP", "FN"):
            table.add_column(header, justify="right")
        for prefix, count in self.counts.items():
            table.add_row(
                prefix,
                f"{count.precision:.3f}",
                f"{count.recall:.3f}",
                f"{count.f1:.3f}",
                str(count.tp),
                str(count.fp),
                str(count.fn),
            )
        return table


@dataclass(frozen=True)
class PublishedScore:
    """A published figure to compare against: reported elsewhere, on its own corpus, not run here.

    metrics holds only what the publication reports, under this project's metric names.
    """

    system: str
    metrics: dict[str, float]
    note: str


def comparison_rows(
    results: Sequence[EvaluationResult | PublishedScore], columns: Sequence[str] | Mapping[str, str]
) -> tuple[list[str], list[list[str]]]:
    """Header and cells comparing several systems: ``P / R / F1`` per metric prefix, then documents and seconds.

    columns (Sequence[str] | Mapping[str, str]): metric prefixes in display order, or prefix → column label.
    A figure a row does not have (a publication that gives F1 only) shows as ``–``.
    """
    if not isinstance(columns, Mapping):
        columns = {prefix: prefix for prefix in columns}
    header = ["system", *columns.values(), "docs", "seconds"]
    rows = []
    for result in results:
        cells = [result.system]
        for prefix in columns:
            cells.append(
                " / ".join(_figure(result.metrics.get(f"{prefix}_{name}")) for name in ("precision", "recall", "f1"))
            )
        if isinstance(result, EvaluationResult):
            seconds = "–" if result.seconds is None else f"{result.seconds:.1f}"
            cells += [str(result.documents), seconds]
        else:
            cells += ["–", "–"]
        rows.append(cells)
    return header, rows


def comparison_table(
    results: Sequence[EvaluationResult | PublishedScore], columns: Sequence[str] | Mapping[str, str], *, title: str
) -> Table:
    """:func:`comparison_rows` as a rich table."""
    return rows_table(*comparison_rows(results, columns), title=title)


def comparison_markdown(results: Sequence[EvaluationResult | PublishedScore], columns: Sequence[str] | Mapping[str, str]) -> str:
    """:func:`comparison_rows` as a Markdown table, for ``docs/evaluation.md``."""
    return rows_markdown(*comparison_rows(results, columns))


def rows_table(header: Sequence[str], rows: Sequence[Sequence[str]], *, title: str) -> Table:
    """A header and rows of cells as a rich table: the first column is the system, the rest figures."""
    table = Table(title=title)
    table.add_column(header[0], no_wrap=True)
    for name in header[1:]:
        table.add_column(name, justify="right", no_wrap=True)
    for row in rows:
        table.add_row(*row)
    return table


def rows_markdown(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A header and rows of cells as a Markdown table with right-aligned figures."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"
