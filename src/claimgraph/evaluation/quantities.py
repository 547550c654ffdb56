"""Score quantity extraction (``claimgraph eval quantities``): value, value + unit, value + change.

    >>> from claimgraph.evaluation.quantities import evaluate
    >>> evaluate("benchmarks/data/quantities_dev.json").metrics["value_f1"]

Gold data comes in two shapes:

- **JSON** (a file): a list of ``{"text", "quantities": [{"value", "unit", "change"}]}``,
  the format of ``benchmarks/data/quantities_dev.json``. ``value`` is a number or
  ``"low-high"``; ``unit`` the counted noun or ``null``; ``change`` one of
  ``= ~ > < up down``.
- **MeasEval** (a folder with ``text/`` or ``txt/`` and ``tsv/``, SemEval-2021 Task 8):
  each ``Quantity`` row becomes a gold quantity. Its value is read off the annotated
  span: the first number, or first and last for ``IsRange``; an ``IsList`` span gives
  one gold quantity per number; a span with no figure this reader understands
  ("10^6") stays in the gold set and can only be missed. Units are MeasEval's
  ``unit`` field; change is ``~`` for ``IsApproximate``, else ``=``. Scientific prose,
  so the scores there check the mechanics rather than the news domain.

How a :class:`QuantityRange` is compared with gold:

- **value**: an exact figure is its number, a range ``low-high``, ``at_least`` its
  low end and ``at_most`` its high end; compared to six significant digits.
- **unit**: the head noun (last word), lower-cased and singular ("armoured
  vehicles" = "vehicle", "Soldiers" = "soldier"), using the lexicon's singular and
  plural forms where it has them; no unit matches only no unit.
- **change**: the figure's ``change`` (``up``/``down``) when a change verb led to it
  ("rose to 45"); otherwise ``>`` for ``at_least``, ``<`` for ``at_most``, ``~`` for
  an approximate exact figure or range, ``=`` for the rest.

Within one text, predictions and gold are multisets of keys (value; value and unit;
value and change) matched one to one; counts are summed over texts (micro-average).
A system that returns ``None`` for a text has missed every gold quantity in it.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import Errors, EvaluationDataError
from ..extract.quantities import _digit_value, find_quantities, load_lexicon
from ..model import QuantityBound, QuantityRange
from .result import EvaluationResult, PublishedScore
from .scoring import Counts

TASK = "quantities"
METRIC_PREFIXES = ("value", "value_unit", "value_change")
COMPARISON_COLUMNS = {"value": "value", "value_unit": "value + unit", "value_change": "value + change"}
"""Column labels of the comparison table, by metric prefix."""
CHANGES = ("=", "~", ">", "<", "up", "down")

CQE_NEWSQUANT = PublishedScore(
    system="CQE (published, NewsQuant)",
    metrics={"value_f1": 0.920, "value_unit_f1": 0.856},
    note="Published figures on a different corpus (NewsQuant, English news), not run here.",
)

QuantitySystem = Callable[[str], list[QuantityRange] | None]
Value = tuple[float, float]

_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_SIGNIFICANT = "{:.6g}"


@dataclass(frozen=True)
class GoldQuantity:
    """One annotated quantity: its value interval, unit and change mark."""

    value: Value | None  # None: the annotated span holds no figure the reader understands
    unit: str | None
    change: str
    text: str = ""  # the annotated span, where the gold format gives one


@dataclass(frozen=True)
class GoldText:
    """One gold text and the quantities annotated in it."""

    name: str
    text: str
    quantities: tuple[GoldQuantity, ...]


def evaluate(path: str | Path, *, system: QuantitySystem | None = None) -> EvaluationResult:
    """Score quantity extraction on a JSON gold file or a MeasEval folder.

    path (str | Path): a JSON file (see the module docstring) or a MeasEval split folder.
    system (Callable[[str], list[QuantityRange]] | None): the system to score; claimgraph's parser by default.
    RETURNS (EvaluationResult): task ``"quantities"``; metrics ``value_f1``, ``value_unit_f1``,
        ``value_change_f1`` with their precisions and recalls; documents = number of texts.
    RAISES (EvaluationDataError): when the path is missing or the data is malformed.
    """
    return score_system(read_gold(path), system if system is not None else claimgraph_quantities)


def claimgraph_quantities(text: str) -> list[QuantityRange]:
    """claimgraph's own quantity parser, as a system to score."""
    return find_quantities(text)


claimgraph_quantities.name = "claimgraph"  # type: ignore[attr-defined]


def read_gold(path: str | Path) -> list[GoldText]:
    """Read gold quantities: a JSON file, or a MeasEval folder.

    RAISES (EvaluationDataError): E001 when the path does not exist, E021 when it is malformed.
    """
    path = Path(path)
    if path.is_dir():
        return read_measeval(path)
    if not path.is_file():
        raise EvaluationDataError(Errors.E001.format(origin=path, reason="no such file or folder"))
    return read_json(path)


def read_json(path: str | Path) -> list[GoldText]:
    """Read a JSON list of ``{"text", "quantities": [{"value", "unit", "change"}]}``.

    RAISES (EvaluationDataError): E021 naming the file and entry of the first malformed item.
    """
    path = Path(path)
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise EvaluationDataError(Errors.E021.format(origin=path, reason=str(error))) from error
    if not isinstance(entries, list):
        raise EvaluationDataError(Errors.E021.format(origin=path, reason="expected a JSON list of texts"))
    texts = []
    for number, entry in enumerate(entries):
        where = f"{path}, entry {number}"
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
            raise EvaluationDataError(Errors.E021.format(origin=where, reason='expected an object with a "text" string'))
        quantities = entry.get("quantities", [])
        if not isinstance(quantities, list):
            raise EvaluationDataError(Errors.E021.format(origin=where, reason='"quantities" must be a list'))
        texts.append(GoldText(str(number), entry["text"], tuple(_gold_quantity(q, where) for q in quantities)))
    return texts


def _gold_quantity(item: object, where: str) -> GoldQuantity:
    if not isinstance(item, dict) or "value" not in item:
        raise EvaluationDataError(Errors.E021.format(origin=where, reason='each quantity needs a "value"'))
    change = item.get("change", "=")
    if change not in CHANGES:
        reason = f"change {change!r} is not one of {' '.join(CHANGES)}"
        raise EvaluationDataError(Errors.E021.format(origin=where, reason=reason))
    try:
        value = parse_value(item["value"])
    except ValueError as error:
        raise EvaluationDataError(Errors.E021.format(origin=where, reason=str(error))) from error
    unit = item.get("unit")
    return GoldQuantity(value, unit if isinstance(unit, str) and unit else None, change)


def parse_value(value: object) -> Value:
    """A gold value as an interval: ``500`` → (500, 500); ``"1000-3000"`` → (1000, 3000).

    RAISES (ValueError): when ``value`` is neither a number nor ``"low-high"``.
    """
    if isinstance(value, bool):
        raise ValueError(f"value {value!r} is not a number")
    if isinstance(value, (int, float)):
        return float(value), float(value)
    if isinstance(value, str):
        low, dash, high = value.strip().partition("-")
        try:
            return (float(low), float(high)) if dash else (float(low), float(low))
        except ValueError:
            pass
    raise ValueError(f'value {value!r} is neither a number nor "low-high"')


def read_measeval(folder: str | Path) -> list[GoldText]:
    """Read a MeasEval split folder: ``text/*.txt`` (or ``txt/``) with the matching ``tsv/*.tsv``.

    RAISES (EvaluationDataError): E001 when the layout is missing, E021 when a row is malformed.
    """
    folder = Path(folder)
    text_folder = next((folder / name for name in ("text", "txt") if (folder / name).is_dir()), None)
    tsv_folder = folder / "tsv"
    if text_folder is None or not tsv_folder.is_dir():
        reason = "expected a MeasEval folder with text/ (or txt/) and tsv/"
        raise EvaluationDataError(Errors.E001.format(origin=folder, reason=reason))
    texts = []
    for text_path in sorted(text_folder.glob("*.txt")):
        text = text_path.read_text(encoding="utf-8")
        tsv_path = tsv_folder / f"{text_path.stem}.tsv"
        rows = _measeval_rows(tsv_path) if tsv_path.is_file() else []
        quantities: list[GoldQuantity] = []
        for row in rows:
            quantities.extend(_measeval_quantities(row, tsv_path))
        texts.append(GoldText(text_path.stem, text, tuple(quantities)))
    return texts


def _measeval_rows(path: Path) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines:
        return []
    header = lines[0].split("\t")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != len(header):
            reason = f"line {number} has {len(fields)} fields, the header {len(header)}"
            raise EvaluationDataError(Errors.E021.format(origin=path, reason=reason))
        rows.append(dict(zip(header, fields)))
    return rows


def _measeval_quantities(row: dict[str, str], path: Path) -> list[GoldQuantity]:
    if row.get("annotType") != "Quantity":
        return []
    try:
        other = json.loads(row.get("other") or "{}")
    except json.JSONDecodeError as error:
        raise EvaluationDataError(Errors.E021.format(origin=path, reason=f"annotation {row.get('annotId')}: {error}")) from error
    mods = set(other.get("mods", []))
    change = "~" if "IsApproximate" in mods else "="
    unit = other.get("unit") or None
    span = row.get("text", "")
    numbers = [v for m in _NUMBER.finditer(span) if (v := _digit_value(m.group())) is not None]
    if not numbers:
        return [GoldQuantity(None, unit, change, span)]
    if "IsList" in mods:
        return [GoldQuantity((n, n), unit, change, span) for n in numbers]
    if "IsRange" in mods and len(numbers) > 1:
        return [GoldQuantity((numbers[0], numbers[-1]), unit, change, span)]
    return [GoldQuantity((numbers[0], numbers[0]), unit, change, span)]


# --- comparison -------------------------------------------------------------


def value_of(quantity: QuantityRange) -> Value | None:
    """The value a prediction is compared on: its number, range, or the bound it gives."""
    if quantity.bound is QuantityBound.AT_LEAST or quantity.high is None:
        return (quantity.low, quantity.low) if quantity.low is not None else None
    if quantity.bound is QuantityBound.AT_MOST or quantity.low is None:
        return (quantity.high, quantity.high)
    return quantity.low, quantity.high


def change_of(quantity: QuantityRange) -> str:
    """The gold ``change`` mark a prediction corresponds to (see the module docstring)."""
    if quantity.change is not None:
        return quantity.change.value
    if quantity.bound is QuantityBound.AT_LEAST:
        return ">"
    if quantity.bound is QuantityBound.AT_MOST:
        return "<"
    return "~" if quantity.approximate else "="


def unit_key(unit: str | None) -> str | None:
    """The head noun of a unit, lower-cased and singular: "armoured vehicles" → "vehicle"."""
    if not unit or not unit.strip():
        return None
    head = unit.split()[-1].lower()
    singular = _singulars().get(head)
    if singular is not None:
        return singular
    if head.endswith("ies") and len(head) > 4:
        return head[:-3] + "y"
    if head.endswith(("ches", "shes", "xes", "sses")):
        return head[:-2]
    if head.endswith("s") and not head.endswith(("ss", "us", "is")) and len(head) > 3:
        return head[:-1]
    return head


def _singulars() -> dict[str, str]:
    """Plural → singular head nouns from the unit lexicon ("men" → "man", "people" → "person")."""
    lexicon = load_lexicon()
    table: dict[str, str] = {}
    forms_by_noun: dict[int, list[tuple[str, ...]]] = {}
    for form, (noun, _cased) in lexicon.units.items():
        forms_by_noun.setdefault(id(noun), []).append(form)
    for forms in forms_by_noun.values():
        singular = forms[0][-1]
        for form in forms:
            table.setdefault(form[-1], singular)
    return table


def _value_key(value: Value | None, fallback: str) -> Hashable:
    if value is None:
        return ("unreadable", fallback)
    return tuple(_SIGNIFICANT.format(v) for v in value)


def score_text(gold: Sequence[GoldQuantity], predicted: Iterable[QuantityRange]) -> dict[str, Counts]:
    """Counts for one text under each metric prefix (``value``, ``value_unit``, ``value_change``)."""
    predicted = [q for q in predicted if value_of(q) is not None]
    gold_keys = {
        "value": [_value_key(g.value, g.text) for g in gold],
        "value_unit": [(_value_key(g.value, g.text), unit_key(g.unit)) for g in gold],
        "value_change": [(_value_key(g.value, g.text), g.change) for g in gold],
    }
    predicted_keys = {
        "value": [_value_key(value_of(q), q.text) for q in predicted],
        "value_unit": [(_value_key(value_of(q), q.text), unit_key(q.unit)) for q in predicted],
        "value_change": [(_value_key(value_of(q), q.text), change_of(q)) for q in predicted],
    }
    counts = {}
    for prefix in METRIC_PREFIXES:
        gold_counter, predicted_counter = Counter(gold_keys[prefix]), Counter(predicted_keys[prefix])
        tp = sum((gold_counter & predicted_counter).values())
        counts[prefix] = Counts(tp=tp, fp=len(predicted_keys[prefix]) - tp, fn=len(gold_keys[prefix]) - tp)
    return counts


def score_system(texts: Sequence[GoldText], system: QuantitySystem, *, name: str | None = None) -> EvaluationResult:
    """Run ``system`` on every gold text and score its quantities (micro-averaged).

    texts (Sequence[GoldText]): the gold set, from :func:`read_gold`.
    system (Callable[[str], list[QuantityRange] | None]): the system to score.
    name (str | None): the name shown in tables; by default the system's ``name`` or function name.
    RETURNS (EvaluationResult): only prediction time is measured.
    """
    started = time.perf_counter()
    predictions = [system(gold.text) for gold in texts]
    seconds = time.perf_counter() - started
    totals = {prefix: Counts() for prefix in METRIC_PREFIXES}
    for gold, predicted in zip(texts, predictions, strict=True):
        for prefix, counts in score_text(gold.quantities, predicted or ()).items():
            totals[prefix] += counts
    label = name or getattr(system, "name", None) or getattr(system, "__name__", type(system).__name__)
    return EvaluationResult.from_counts(TASK, len(texts), totals, system=label, seconds=seconds)


# --- baselines --------------------------------------------------------------


def every_number(text: str) -> list[QuantityRange]:
    """The naive baseline: every run of digits is an exact figure with no unit.

    It shows what the parser's filters (years, dates, designators), bounds,
    vague amounts, number words and units are worth.
    """
    found = []
    for m in _NUMBER.finditer(text):
        value = _digit_value(m.group())
        if value is not None:
            found.append(QuantityRange(m.group(), m.start(), m.end(), value, value))
    return found


every_number.name = "every number (naive)"  # type: ignore[attr-defined]


def nothing(text: str) -> list[QuantityRange]:
    """The empty system: every gold quantity is a miss."""
    return []


nothing.name = "nothing"  # type: ignore[attr-defined]
