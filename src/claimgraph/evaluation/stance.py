"""Score stance detection (``claimgraph eval stance``) on FNC-1 or Emergent pairs.

    >>> from claimgraph.evaluation.stance import evaluate
    >>> evaluate("../shared/eval/fnc1/competition_test_stances.csv", format="fnc1").metrics["fnc_score"]

One gold pair is a claim (a headline) and a text with a gold stance towards it;
:func:`claimgraph.link.stance.classify_stance` predicts the stance. Two formats
(CSV with a header row, read by column name, UTF-8):

- **fnc1**: PATH is the stances file (``Headline``, ``Body ID``, ``Stance`` ∈
  agree / disagree / discuss / unrelated); the bodies (``Body ID``,
  ``articleBody``) are read from the file beside it whose name has ``bodies``
  for ``stances`` (``competition_test_bodies.csv``). Each body is prepared once.
- **emergent**: ``claimHeadline``, ``articleHeadline``, ``articleHeadlineStance``
  ∈ for / against / observing, read as agree / disagree / discuss: the article
  headline is the text whose stance towards the claim is wanted. Emergent pairs
  are all related, so the relatedness step is skipped.

Metrics: ``accuracy``, ``macro_f1`` (the mean of the per-class F1 over the
format's labels, each ``f1_<label>`` in the format's own label names) and, for
FNC-1, ``fnc_score``: the official weighted score (+0.25 for a pair put on the
right side of related/unrelated, +0.75 more for the right stance of a related
pair) as a share of the most the gold allows.

Texts are split and indexed (:func:`claimgraph.link.stance.prepare_text`) while
the gold is read, so a result's ``seconds`` is the classification alone; the
whole FNC-1 test set reads and prepares in about 1.5 s.

Two baselines are scored on the same pairs: **majority** (every pair gets the
gold's most frequent label: an oracle prior) and **overlap** (FNC-1 only: the
claimgraph relatedness rule, then every related pair gets the gold's most
frequent related label), so the table shows what the stance cues add.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.table import Table

from ..errors import Errors, EvaluationDataError
from ..link.stance import LABELS, RELATED_LABELS, PreparedText, StanceThresholds, classify_stance, overlap, prepare_text
from .result import EvaluationResult

TASK = "stance"
FORMATS = ("fnc1", "emergent")
FNC1_COLUMNS = ("Headline", "Body ID", "Stance")
FNC1_BODY_COLUMNS = ("Body ID", "articleBody")
EMERGENT_COLUMNS = ("claimHeadline", "articleHeadline", "articleHeadlineStance")
EMERGENT_LABELS = {"for": "agree", "against": "disagree", "observing": "discuss"}


@dataclass(frozen=True)
class StancePair:
    """One gold pair: the claim, the text whose stance is wanted (prepared once per text) and the gold label.

    group (str): the FNC-1 body id or the Emergent claim headline: pairs of one group share a text or a claim.
    label (str): agree, disagree, discuss or unrelated (Emergent labels already mapped).
    """

    headline: PreparedText
    body: PreparedText
    group: str
    label: str


System = Callable[[Sequence[StancePair]], list[str]]
"""A system under evaluation: the gold pairs (their texts only are read) → one label per pair."""


@dataclass
class StanceEvaluation(EvaluationResult):
    """An :class:`EvaluationResult` of accuracy-style metrics, with the baselines' beside it in the table.

    format (str): ``fnc1`` or ``emergent``: which labels the per-class F1 use.
    predictions (list[str]): the labels the system gave, one per gold pair in order.
    baselines (list[StanceEvaluation]): the baselines' scores on the same pairs.
    """

    format: str = "fnc1"
    predictions: list[str] = field(default_factory=list)
    baselines: list[StanceEvaluation] = field(default_factory=list)

    def to_table(self) -> Table:
        """One row per metric: claimgraph's figure and each baseline's."""
        title = f"{self.task}: {self.system} on {self.documents} pairs"
        if self.seconds is not None:
            title += f" ({self.seconds:.1f} s)"
        table = Table(title=title)
        table.add_column("metric")
        for result in (self, *self.baselines):
            table.add_column(result.system, justify="right")
        for name in self.metrics:
            table.add_row(name, *(f"{result.metrics[name]:.3f}" for result in (self, *self.baselines)))
        return table


def _read_csv(path: Path, columns: Sequence[str]) -> list[dict[str, str]]:
    if not path.is_file():
        raise EvaluationDataError(Errors.E001.format(origin=path, reason="no such file"))
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [name for name in columns if name not in (reader.fieldnames or ())]
            if missing:
                raise EvaluationDataError(Errors.E021.format(origin=path, reason=f"missing column(s) {', '.join(missing)}"))
            return list(reader)
    except (UnicodeDecodeError, csv.Error) as error:
        raise EvaluationDataError(Errors.E021.format(origin=path, reason=str(error))) from error


def bodies_path(stances_path: str | Path) -> Path:
    """The FNC-1 bodies file that goes with a stances file: the same name with ``bodies`` for ``stances``."""
    path = Path(stances_path)
    if "stances" not in path.name:
        raise EvaluationDataError(
            Errors.E021.format(origin=path, reason="an FNC-1 stances file name contains 'stances' (its bodies file has 'bodies' there)")
        )
    return path.with_name(path.name.replace("stances", "bodies"))


def read_fnc1(path: str | Path) -> list[StancePair]:
    """The FNC-1 pairs of the stances file ``path``, with their bodies from :func:`bodies_path`."""
    path = Path(path)
    bodies_file = bodies_path(path)
    rows = _read_csv(path, FNC1_COLUMNS)
    bodies = {row["Body ID"]: prepare_text(row["articleBody"]) for row in _read_csv(bodies_file, FNC1_BODY_COLUMNS)}
    headlines: dict[str, PreparedText] = {}
    pairs = []
    for line, row in enumerate(rows, start=2):
        if row["Stance"] not in LABELS:
            raise EvaluationDataError(Errors.E021.format(origin=f"{path} line {line}", reason=f"unknown stance {row['Stance']!r}"))
        if row["Body ID"] not in bodies:
            raise EvaluationDataError(
                Errors.E021.format(origin=f"{path} line {line}", reason=f"body id {row['Body ID']!r} is not in {bodies_file}")
            )
        headline = headlines.setdefault(row["Headline"], prepare_text(row["Headline"]))
        pairs.append(StancePair(headline, bodies[row["Body ID"]], row["Body ID"], row["Stance"]))
    return pairs


def read_emergent(path: str | Path) -> list[StancePair]:
    """The Emergent pairs of ``path``: the article headline's stance towards the claim headline."""
    path = Path(path)
    pairs = []
    for line, row in enumerate(_read_csv(path, EMERGENT_COLUMNS), start=2):
        stance = row["articleHeadlineStance"].strip().lower()
        if stance not in EMERGENT_LABELS:
            raise EvaluationDataError(Errors.E021.format(origin=f"{path} line {line}", reason=f"unknown stance {stance!r}"))
        pairs.append(
            StancePair(prepare_text(row["claimHeadline"]), prepare_text(row["articleHeadline"]), row["claimHeadline"], EMERGENT_LABELS[stance])
        )
    return pairs


def read_pairs(path: str | Path, format: str) -> list[StancePair]:
    """The gold pairs of ``path`` in ``format`` (``fnc1`` or ``emergent``)."""
    if format == "fnc1":
        return read_fnc1(path)
    if format == "emergent":
        return read_emergent(path)
    raise EvaluationDataError(Errors.E021.format(origin=path, reason=f"unknown format {format!r}; use {' or '.join(FORMATS)}"))


def claimgraph_system(pairs: Sequence[StancePair], thresholds: StanceThresholds = StanceThresholds()) -> list[str]:
    """:func:`classify_stance` on each pair with ``thresholds``: the label of each, in order."""
    return [classify_stance(pair.headline, pair.body, thresholds).label for pair in pairs]


def related_system(pairs: Sequence[StancePair]) -> list[str]:
    """Every pair is related: the stance rules alone (for Emergent, whose pairs are all related)."""
    return claimgraph_system(pairs, StanceThresholds(related_overlap=0.0))


def majority_system(gold: Sequence[str]) -> System:
    """The baseline that gives every pair the most frequent label of ``gold``."""
    label = Counter(gold).most_common(1)[0][0] if gold else "unrelated"
    return lambda pairs: [label] * len(pairs)


def overlap_system(gold: Sequence[str], thresholds: StanceThresholds = StanceThresholds()) -> System:
    """The baseline of claimgraph's relatedness rule, then the most frequent related label of ``gold`` for every related pair."""
    related = Counter(label for label in gold if label in RELATED_LABELS)
    stance = related.most_common(1)[0][0] if related else "discuss"
    return lambda pairs: [
        stance if overlap(pair.headline, pair.body) >= thresholds.related_overlap else "unrelated" for pair in pairs
    ]


def fnc_score(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """The official FNC-1 weighted score as a share of its maximum (0 for no pairs).

    A pair earns 0.25 when gold and prediction are both related or both unrelated,
    and 0.75 more when a related pair gets its exact stance; the maximum is 1 per
    related gold pair and 0.25 per unrelated one.
    """
    earned = best = 0.0
    for truth, guess in zip(gold, predicted, strict=True):
        best += 0.25 if truth == "unrelated" else 1.0
        if (truth == "unrelated") == (guess == "unrelated"):
            earned += 0.25
            if truth != "unrelated" and truth == guess:
                earned += 0.75
    return earned / best if best else 0.0


def class_f1(gold: Sequence[str], predicted: Sequence[str], label: str) -> float:
    """F1 of one label (0 when the label is neither in the gold nor predicted)."""
    tp = sum(1 for truth, guess in zip(gold, predicted, strict=True) if truth == guess == label)
    predicted_count = sum(1 for guess in predicted if guess == label)
    gold_count = sum(1 for truth in gold if truth == label)
    return 2 * tp / (predicted_count + gold_count) if predicted_count + gold_count else 0.0


def stance_metrics(gold: Sequence[str], predicted: Sequence[str], format: str) -> dict[str, float]:
    """``accuracy``, ``macro_f1``, ``f1_<label>`` per label of ``format`` and, for FNC-1, ``fnc_score``."""
    if format == "emergent":
        labels = dict(EMERGENT_LABELS)
    else:
        labels = {label: label for label in LABELS}
    per_class = {f"f1_{name}": class_f1(gold, predicted, label) for name, label in labels.items()}
    metrics = {
        "accuracy": sum(1 for truth, guess in zip(gold, predicted, strict=True) if truth == guess) / len(gold) if gold else 0.0,
        "macro_f1": sum(per_class.values()) / len(per_class),
    }
    if format == "fnc1":
        metrics["fnc_score"] = fnc_score(gold, predicted)
    return metrics | per_class


def score(pairs: Sequence[StancePair], system: System, *, name: str, format: str) -> StanceEvaluation:
    """Run ``system`` on ``pairs`` and compute the metrics of :func:`stance_metrics`."""
    started = time.perf_counter()
    predictions = system(pairs)
    seconds = time.perf_counter() - started
    metrics = stance_metrics([pair.label for pair in pairs], predictions, format)
    return StanceEvaluation(TASK, len(pairs), metrics, system=name, seconds=seconds, format=format, predictions=predictions)


def evaluate(path: str | Path, *, format: str = "fnc1", limit: int | None = None, baseline: bool = True) -> StanceEvaluation:
    """Read the gold at ``path`` and score claimgraph's stance rules on it, with the baselines beside it.

    path (str | Path): an FNC-1 stances CSV (its bodies file beside it) or an Emergent CSV.
    format (str): ``"fnc1"`` or ``"emergent"``.
    limit (int | None): score only the first ``limit`` pairs.
    baseline (bool): also score the baselines (shown in the table, not in ``to_dict()``).
    RETURNS (StanceEvaluation): claimgraph's metrics; ``baselines`` holds the baselines'.
    """
    pairs = read_pairs(path, format)[:limit]
    return score_all(pairs, format=format, baseline=baseline)


def score_all(pairs: Sequence[StancePair], *, format: str, baseline: bool = True) -> StanceEvaluation:
    """claimgraph and (with ``baseline``) the baselines on ``pairs``: what :func:`evaluate` returns."""
    system = claimgraph_system if format == "fnc1" else related_system
    result = score(pairs, system, name="claimgraph", format=format)
    if baseline:
        gold = [pair.label for pair in pairs]
        result.baselines.append(score(pairs, majority_system(gold), name="majority", format=format))
        if format == "fnc1":
            result.baselines.append(score(pairs, overlap_system(gold), name="overlap+majority", format=format))
    return result
