"""Score attribution extraction on PolNeAR-format gold data (``claimgraph eval attribution``).

    >>> from claimgraph.evaluation.attribution import evaluate
    >>> result = evaluate("../shared/eval/polnear/data/dev")
    >>> result.metrics["source_overlap_f1"]
    >>> print(result.to_dict())

A *system* is any callable ``text -> list[AttributionSpans]``. When it also
has a ``pipe(texts)`` method yielding one list per text (like ``nlp.pipe``),
:func:`score_system` uses that instead, so a system can batch its work. The
default system is claimgraph's own extractor; claims it assigns to the outlet
(no speaker in the text) are not attributions and are left out, as are spans
in the title (PolNeAR texts carry the headline as their first line, which the
extractor reads as body text).

Scoring rules are in :mod:`claimgraph.evaluation.scoring`; the reader is
:mod:`claimgraph.evaluation.brat`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Article, AttributionKind, Document, Field
from .brat import ANNOTATION_FOLDER, GoldDocument, annotation_files, read_annotation, read_polnear
from .result import EvaluationResult, PublishedScore
from .scoring import ROLES, AttributionSpans, Counts, Span, overlap_pairs, role_spans, score_document

TASK = "attribution"
METRIC_PREFIXES = (*ROLES, *(f"{role}_overlap" for role in ROLES))
"""Metric prefixes in display order: exact scores under the role name, then the overlap scores."""
COMPARISON_COLUMNS = {
    prefix: prefix.replace("_overlap", " overlap") if prefix.endswith("_overlap") else f"{prefix} exact"
    for prefix in METRIC_PREFIXES
}
"""Column labels of the comparison table, by metric prefix: ``source exact`` … ``content overlap``."""

AttributionSystem = Callable[[str], list[AttributionSpans] | None]

CITRON_PARC3 = PublishedScore(
    system="BBC Citron (published, PARC 3.0 test)",
    metrics={"source_f1": 0.820, "cue_f1": 0.823, "content_f1": 0.593, "content_overlap_f1": 0.833},
    note="Published figures on a different corpus (PARC 3.0, WSJ news), not run here.",
)


def evaluate(
    path: str | Path, *, system: AttributionSystem | None = None, limit: int | None = None
) -> EvaluationResult:
    """Score attribution spans on a PolNeAR-format folder.

    path (str | Path): the folder holding ``text/`` and ``attributions/``.
    system (Callable[[str], list[AttributionSpans]] | None): the system to score; claimgraph's extractor by default.
    limit (int | None): score only the first ``limit`` articles by name.
    RETURNS (EvaluationResult): task ``"attribution"``, metrics such as ``source_f1`` and ``content_overlap_f1``.
    RAISES (EvaluationDataError): when the folder is not PolNeAR-shaped or a file is malformed.
    """
    documents = read_polnear(path, limit=limit)
    return score_system(documents, system if system is not None else ClaimgraphSystem())


def score_system(
    documents: Sequence[GoldDocument], system: AttributionSystem, *, name: str | None = None
) -> EvaluationResult:
    """Run ``system`` over the gold documents' texts and score its spans.

    A system that returns ``None`` or ``[]`` for a text gets every gold span of
    that text counted as a miss; nothing is skipped. Only prediction time is
    measured.

    documents (Sequence[GoldDocument]): the gold set, e.g. from :func:`read_polnear`.
    system (Callable[[str], list[AttributionSpans]]): the system to score.
    name (str | None): the name shown in tables; by default the system's ``name`` attribute or function name.
    RETURNS (EvaluationResult): micro-averaged over all documents.
    """
    predictions, seconds = predict(documents, system)
    return score_predictions(documents, predictions, system=name or system_name(system), seconds=seconds)


def predict(
    documents: Sequence[GoldDocument], system: AttributionSystem
) -> tuple[list[list[AttributionSpans]], float]:
    """The system's attributions for each document's text (``None`` read as ``[]``), and the seconds it took."""
    texts = [document.text for document in documents]
    pipe = getattr(system, "pipe", None)
    started = time.perf_counter()
    outputs = list(pipe(texts)) if callable(pipe) else [system(text) for text in texts]
    seconds = time.perf_counter() - started
    if len(outputs) != len(documents):
        raise ValueError(f"the system returned {len(outputs)} predictions for {len(documents)} texts")
    return [list(output or ()) for output in outputs], seconds


def score_predictions(
    documents: Sequence[GoldDocument],
    predictions: Sequence[Sequence[AttributionSpans]],
    *,
    system: str,
    seconds: float | None = None,
) -> EvaluationResult:
    """Micro-averaged scores of one list of attributions per document (see :func:`predict`)."""
    totals: dict[str, Counts] = {prefix: Counts() for prefix in METRIC_PREFIXES}
    for document, predicted in zip(documents, predictions, strict=True):
        for prefix, counts in score_document(document.text, document.attributions, predicted).items():
            totals[prefix] += counts
    return EvaluationResult.from_counts(TASK, len(documents), totals, system=system, seconds=seconds)


@dataclass(frozen=True)
class SpanError:
    """One disagreement with the gold set, for error analysis.

    kind is ``missed`` (a gold span no prediction overlaps), ``spurious`` (a
    prediction no gold span overlaps) or ``boundary`` (overlapping, matched
    one-to-one, but not exact). Spans are canonical (:func:`normalize_span`).
    """

    document: str
    role: str
    kind: str
    gold: Span | None
    predicted: Span | None

    def to_dict(self, text: str) -> dict[str, Any]:
        """JSON-ready, with the text of each span (fragments joined by " … ")."""
        return {
            "document": self.document,
            "role": self.role,
            "kind": self.kind,
            "gold": _span_text(self.gold, text),
            "predicted": _span_text(self.predicted, text),
            "gold_span": self.gold,
            "predicted_span": self.predicted,
        }


def span_errors(document: GoldDocument, predicted: Sequence[AttributionSpans]) -> list[SpanError]:
    """Every missed, spurious and boundary-only span of one document, role by role, in text order."""
    errors = []
    for role in ROLES:
        gold_spans = role_spans(document.attributions, role, document.text)
        predicted_spans = role_spans(predicted, role, document.text)
        pairs = overlap_pairs(gold_spans, predicted_spans)
        matched_gold = {g for g, _ in pairs}
        matched_predicted = {p for _, p in pairs}
        found = [SpanError(document.name, role, "boundary", g, p) for g, p in pairs if g != p]
        found += [SpanError(document.name, role, "missed", g, None) for g in gold_spans - matched_gold]
        found += [SpanError(document.name, role, "spurious", None, p) for p in predicted_spans - matched_predicted]
        errors += sorted(found, key=lambda error: (error.gold or error.predicted))
    return errors


def _span_text(span: Span | None, text: str) -> str | None:
    return None if span is None else " … ".join(text[start:end] for start, end in span)


def annotator_agreement(path: str | Path) -> EvaluationResult:
    """Human agreement for scale: each further annotator scored against the first, same scorer.

    Uses the articles in ``path`` that more than one annotator annotated; every
    (first, other) pair is one scored document, so ``documents`` counts pairs.

    path (str | Path): a PolNeAR-format folder.
    RETURNS (EvaluationResult): system ``"PolNeAR annotators (pairs)"``; no time measured.
    RAISES (EvaluationDataError): when the folder is not PolNeAR-shaped or a file is malformed.
    """
    folder = Path(path)
    totals: dict[str, Counts] = {prefix: Counts() for prefix in METRIC_PREFIXES}
    pairs = 0
    files = annotation_files(folder / ANNOTATION_FOLDER)
    for document in read_polnear(folder):
        for other_path in files[document.name][1:]:
            other = read_annotation(other_path, document.text)
            for prefix, counts in score_document(document.text, document.attributions, other).items():
                totals[prefix] += counts
            pairs += 1
    return EvaluationResult.from_counts(TASK, pairs, totals, system="PolNeAR annotators (pairs)")


def system_name(system: AttributionSystem) -> str:
    """How a system is named in tables: its ``name`` attribute, else its function or class name."""
    return getattr(system, "name", None) or getattr(system, "__name__", None) or type(system).__name__


class ClaimgraphSystem:
    """claimgraph's extractor as an attribution system: each non-outlet claim becomes (source, cue, content) spans."""

    name = "claimgraph"

    def __call__(self, text: str) -> list[AttributionSpans]:
        return next(iter(self.pipe([text])))

    def pipe(self, texts: Iterable[str]) -> Iterator[list[AttributionSpans]]:
        """Extract from many texts with the extractor's batch API, one list of attributions per text."""
        from ..extract import extract_articles

        for document in extract_articles([Article(text=text) for text in texts]):
            yield claims_to_attributions(document)


def claims_to_attributions(document: Document) -> list[AttributionSpans]:
    """The attributions a claimgraph document asserts, as spans of its article text.

    Outlet claims (no speaker) and anything placed in the title are left out;
    a claim's content is its fragments when it has them, else ``start``–``end``.
    """
    attributions = []
    for claim in document.claims:
        attribution = claim.attribution
        if attribution.kind is AttributionKind.OUTLET or claim.field is not Field.TEXT:
            continue
        content: Span = claim.fragments or ((claim.start, claim.end),)
        cue = attribution.cue
        source = attribution.source
        attributions.append(
            AttributionSpans(
                source=((source.start, source.end),)
                if source.start is not None and source.end is not None and source.field is Field.TEXT
                else None,
                cue=((cue.start, cue.end),) if cue is not None and cue.field is Field.TEXT else None,
                content=content,
            )
        )
    return attributions
