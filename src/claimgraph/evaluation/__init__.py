"""Readers and scorers for public gold formats, behind ``claimgraph eval …``.

Each task returns an :class:`EvaluationResult`; ``to_dict()`` gives the JSON
``{"task", "documents", "metrics"}`` and ``to_table()`` a rich table.

    >>> from claimgraph.evaluation import evaluate_attribution
    >>> evaluate_attribution("../shared/eval/polnear/data/dev").to_dict()
"""

from __future__ import annotations

from .attribution import evaluate as evaluate_attribution
from .result import EvaluationResult
from .scoring import AttributionSpans

__all__ = ["AttributionSpans", "EvaluationResult", "evaluate_attribution"]
