"""Span scores for attribution: true and false positives and misses, then P/R/F1.

An attribution has three roles, each a character span of the article text:
the *source* (who: "a spokesman"), the *cue* (the words that mark reporting:
"said", "according to") and the *content* (what was said). Each role is scored
on its own, in two ways:

- **exact**: a predicted span is right when it covers exactly the same
  non-whitespace characters as a gold span (see :func:`normalize_span`);
- **overlap**: a predicted span is right when it shares at least one
  non-whitespace character with a gold span. Matching is one-to-one: pairs are
  taken greedily, largest overlap first, so one long prediction cannot claim
  several gold spans and several fragments of one prediction cannot be
  counted twice.

Within a document the spans of one role form a *set*: a source mention that
serves three attributions ("he said …, he added …") is one span, found or
missed once. Counts are kept per document and summed over the corpus
(micro-average).

Written by hand rather than taken from a library: seqeval and friends score
token tag sequences, while attribution spans here are character offsets with
discontinuous fragments, scored exact and by one-to-one overlap.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

Span = tuple[tuple[int, int], ...]
"""A span as its fragments: ``((start, end), …)``, character offsets, end exclusive."""

ROLES = ("source", "cue", "content")
MATCHES = ("exact", "overlap")


@dataclass(frozen=True)
class AttributionSpans:
    """One attribution as character spans of the article text; a role may be absent.

    Both gold annotations and system output take this shape, so a system to be
    evaluated is any callable ``text -> list[AttributionSpans]``.
    """

    source: Span | None = None
    cue: Span | None = None
    content: Span | None = None


@dataclass
class Counts:
    """True positives, false positives and false negatives (misses) for one role and match type."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        """Share of predicted spans that are right; 0.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Share of gold spans that were found; 0.0 when there is no gold span."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def normalize_span(span: Span, text: str) -> Span:
    """The canonical form of ``span`` that exact matching compares.

    Each fragment loses its leading and trailing whitespace; empty fragments are
    dropped; fragments are sorted, and two fragments are joined when they
    overlap or only whitespace lies between them. Two spans then have the same
    canonical form exactly when they cover the same non-whitespace characters,
    so "said " equals "said" and ``((0, 5), (6, 11))`` over "Hello world"
    equals ``((0, 11),)``. Nothing else is forgiven: a content span with or
    without its quotation marks or final comma is a different span.

    span (Span): the fragments, offsets into ``text``.
    text (str): the article text.
    RETURNS (Span): the canonical fragments; ``()`` when the span holds only whitespace.
    """
    trimmed = []
    for start, end in span:
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"span fragment ({start}, {end}) is outside a text of {len(text)} characters")
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            start += len(piece) - len(piece.lstrip())
            trimmed.append((start, start + len(stripped)))
    trimmed.sort()
    joined: list[tuple[int, int]] = []
    for start, end in trimmed:
        if joined and (start <= joined[-1][1] or not text[joined[-1][1] : start].strip()):
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return tuple(joined)


def overlap_size(a: Span, b: Span) -> int:
    """Number of characters two canonical spans have in common."""
    return sum(max(0, min(a_end, b_end) - max(a_start, b_start)) for a_start, a_end in a for b_start, b_end in b)


def match_exact(gold: set[Span], predicted: set[Span]) -> Counts:
    """Counts when a prediction must equal a gold span (both canonical)."""
    tp = len(gold & predicted)
    return Counts(tp=tp, fp=len(predicted) - tp, fn=len(gold) - tp)


def overlap_pairs(gold: set[Span], predicted: set[Span]) -> list[tuple[Span, Span]]:
    """One-to-one (gold, predicted) pairs of overlapping spans, taken greedily, largest overlap first.

    Ties are broken by position (earlier gold span, then earlier prediction) so
    the result does not depend on set order.
    """
    candidates = sorted((-size, g, p) for g in gold for p in predicted if (size := overlap_size(g, p)) > 0)
    matched_gold: set[Span] = set()
    matched_predicted: set[Span] = set()
    pairs = []
    for _, g, p in candidates:
        if g not in matched_gold and p not in matched_predicted:
            matched_gold.add(g)
            matched_predicted.add(p)
            pairs.append((g, p))
    return pairs


def match_overlap(gold: set[Span], predicted: set[Span]) -> Counts:
    """Counts under one-to-one matching of overlapping spans (:func:`overlap_pairs`)."""
    tp = len(overlap_pairs(gold, predicted))
    return Counts(tp=tp, fp=len(predicted) - tp, fn=len(gold) - tp)


def role_spans(attributions: Iterable[AttributionSpans], role: str, text: str) -> set[Span]:
    """The distinct canonical spans that ``attributions`` give for ``role`` in one document."""
    spans = set()
    for attribution in attributions:
        span = getattr(attribution, role)
        if span:
            canonical = normalize_span(span, text)
            if canonical:
                spans.add(canonical)
    return spans


def score_document(
    text: str, gold: Iterable[AttributionSpans], predicted: Iterable[AttributionSpans]
) -> dict[str, Counts]:
    """Counts for one document, keyed like the metrics: ``source``, ``source_overlap``, ``cue``, …

    text (str): the article text both sides' offsets index into.
    gold (Iterable[AttributionSpans]): the annotated attributions.
    predicted (Iterable[AttributionSpans]): the system's attributions; empty means all misses.
    RETURNS (dict[str, Counts]): exact counts under the role name, overlap counts under ``<role>_overlap``.
    """
    gold, predicted = list(gold), list(predicted)
    counts = {}
    for role in ROLES:
        gold_spans = role_spans(gold, role, text)
        predicted_spans = role_spans(predicted, role, text)
        counts[role] = match_exact(gold_spans, predicted_spans)
        counts[f"{role}_overlap"] = match_overlap(gold_spans, predicted_spans)
    return counts
