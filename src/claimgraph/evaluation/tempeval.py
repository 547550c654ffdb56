"""TempEval-3 evaluation of time expressions: TimeML reader and TIMEX3 scorer.

Reads TimeML ``.tml`` files (TempEval-3 layout: ``<DCT><TIMEX3 value=…/></DCT>``
then ``<TEXT>`` with inline ``<TIMEX3>`` tags), runs a tagger on the plain text of
``<TEXT>`` with the document creation time (DCT) as publication date, and scores
the expressions it returns against the gold TIMEX3s as the TempEval-3 scorer
defines them (UzZaman et al. 2013):

- ``extent_strict_*``: a predicted expression is right when its extent is exactly a
  gold one's (character offsets, after trimming surrounding whitespace);
- ``extent_relaxed_*``: right when it overlaps a gold one. Matching is one-to-one,
  largest overlap first, so one long prediction ("from January to February") cannot
  claim two gold expressions;
- ``value_*``: a relaxed match whose TIMEX3 ``value`` string equals the gold value is
  right; value precision = right / predicted, recall = right / gold, ``value_f1``
  their harmonic mean, and ``value_accuracy`` = right / relaxed matches. The official
  scorer (``evaluate_entities.py`` of the TempEval-3 toolkit) compares the two strings
  as they are, without normalising them, and so does this one: "1998-W7" is not
  "1998-W07". TimeBank writes week numbers with two digits 26 times out of 32 in the
  Training data, so :func:`tag_times` does too; the gold values with ``X``
  placeholders ("1989-WXX", "1968-XX") cannot be matched by a tagger that resolves them.

The DCT's own TIMEX3 is input, not something to find, and is not scored.

What is scored is :func:`claimgraph.extract.times.tag_times`, whose values follow
TIMEX3: a day ``YYYY-MM-DD``, a week ``YYYY-Www``, a month ``YYYY-MM``, a quarter
``YYYY-Qn``, a season ``YYYY-SU``, a year ``YYYY``, a decade ``YYY``; "currently"
→ ``PRESENT_REF``; durations ``P3Y``/``PT24H`` (emitted, since TimeML marks them and
they are an eighth of TempEval's gold); sets ``P1D``. A range is scored as its two
ends, each its own expression, because TimeML annotates "from January to
February" as two TIMEX3s; :func:`~claimgraph.extract.times.find_times` joins them
only for the claim facet.

The baseline is dateparser's ``search_dates`` with the DCT as ``RELATIVE_BASE``
(past preferred), each hit given the value of the period dateparser reports
for it (day, week, month, year).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree

from ..errors import Errors, EvaluationDataError
from ..extract.times import Timex, tag_times
from .result import EvaluationResult, PublishedScore
from .scoring import Counts

TASK = "timex"

HEIDELTIME = PublishedScore(
    system="HeidelTime (published)",
    metrics={"value_f1": 0.776, "extent_strict_f1": 0.813, "extent_relaxed_f1": 0.903},
    note="TempEval-3 task A, TE3-Platinum test set (UzZaman et al. 2013); not run here",
)

Tagger = Callable[[str, date], list[Timex]]
"""A system under evaluation: (plain text, document creation date) → time expressions."""


@dataclass(frozen=True)
class GoldTimex:
    """One gold TIMEX3 of a document's TEXT: extent (character offsets into the text), type, value."""

    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True)
class TimeMLDocument:
    """A TimeML document reduced to what the time evaluation needs."""

    doc_id: str
    dct: date
    text: str
    timexes: tuple[GoldTimex, ...]


def read_timeml(path: str | Path) -> TimeMLDocument:
    """Read one ``.tml`` file: its DCT, the plain text of ``<TEXT>`` and the TIMEX3s in it.

    RETURNS (TimeMLDocument): offsets index into ``text``, the concatenated character data of ``<TEXT>``.
    RAISES EvaluationDataError: the file is not TimeML or has no DCT or TEXT.
    """
    path = Path(path)
    try:
        root = ElementTree.parse(path).getroot()
    except (ElementTree.ParseError, OSError) as err:
        raise EvaluationDataError(Errors.E021.format(origin=path, reason=f"not readable as XML ({err})")) from err
    dct_node = root.find("DCT/TIMEX3")
    text_node = root.find("TEXT")
    if dct_node is None or text_node is None or not dct_node.get("value"):
        raise EvaluationDataError(Errors.E021.format(origin=path, reason="no <DCT><TIMEX3 value=…> or no <TEXT>"))
    try:
        dct = date.fromisoformat(dct_node.get("value", "")[:10])
    except ValueError as err:
        raise EvaluationDataError(Errors.E021.format(origin=path, reason=f"DCT value {dct_node.get('value')!r} is not a date")) from err
    pieces: list[str] = []
    timexes: list[GoldTimex] = []

    def walk(node: ElementTree.Element) -> None:
        if node.tag == "TIMEX3":
            start = sum(len(p) for p in pieces)
        if node.text:
            pieces.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
        if node.tag == "TIMEX3":
            end = sum(len(p) for p in pieces)
            covered = "".join(pieces)[start:end]
            start += len(covered) - len(covered.lstrip())
            end -= len(covered) - len(covered.rstrip())
            timexes.append(GoldTimex(start, end, node.get("type", ""), node.get("value", "")))

    walk(text_node)
    doc_id = (root.findtext("DOCID") or path.stem).strip()
    return TimeMLDocument(doc_id, dct, "".join(pieces), tuple(timexes))


def read_corpus(directory: str | Path) -> list[TimeMLDocument]:
    """Every ``.tml`` file under ``directory`` (recursively), sorted by path."""
    directory = Path(directory)
    files = sorted(directory.rglob("*.tml")) if directory.is_dir() else []
    if not files:
        raise EvaluationDataError(
            Errors.E021.format(origin=directory, reason="no TimeML .tml files found (expected the TempEval-3 layout)")
        )
    return [read_timeml(f) for f in files]


@dataclass
class TimexCounts:
    """The TempEval-3 tallies for one document or a whole corpus."""

    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0

    def __add__(self, other: TimexCounts) -> TimexCounts:
        return TimexCounts(*(a + b for a, b in zip(self._fields(), other._fields())))

    def _fields(self) -> tuple[int, ...]:
        return self.gold, self.predicted, self.strict, self.relaxed, self.value

    def counts(self) -> dict[str, Counts]:
        """As TP/FP/FN per metric prefix, for :class:`EvaluationResult`."""
        return {
            prefix: Counts(tp, self.predicted - tp, self.gold - tp)
            for prefix, tp in (("extent_strict", self.strict), ("extent_relaxed", self.relaxed), ("value", self.value))
        }


def _trimmed(timex: Timex, text: str) -> tuple[int, int]:
    covered = text[timex.start : timex.end]
    return timex.start + len(covered) - len(covered.lstrip()), timex.end - (len(covered) - len(covered.rstrip()))


def score_document(gold: Iterable[GoldTimex], predicted: Iterable[Timex], text: str) -> TimexCounts:
    """Strict, relaxed and value matches between one document's gold and predicted expressions."""
    gold = list(gold)
    predicted = list(predicted)
    spans = [_trimmed(p, text) for p in predicted]
    gold_extents = {(g.start, g.end) for g in gold}
    strict = sum(1 for span in set(spans) if span in gold_extents)
    pairs = []
    for i, (ps, pe) in enumerate(spans):
        for j, g in enumerate(gold):
            overlap = min(pe, g.end) - max(ps, g.start)
            if overlap > 0:
                pairs.append((overlap, i, j))
    pairs.sort(key=lambda pair: (-pair[0], pair[1], pair[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    relaxed = value = 0
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        relaxed += 1
        value += predicted[i].value == gold[j].value
    return TimexCounts(len(gold), len(predicted), strict, relaxed, value)


def evaluate(directory: str | Path, *, tagger: Tagger | None = None, system: str = "claimgraph") -> EvaluationResult:
    """Score a tagger on the TimeML files in ``directory``; by default claimgraph's :func:`tag_times`.

    directory (str | Path): a folder of ``.tml`` files, e.g. ``../shared/eval/tempeval3/Training``.
    tagger (Tagger | None): (text, DCT) → expressions; :func:`dateparser_baseline` for the baseline.
    system (str): the name shown in tables.
    RETURNS (EvaluationResult): task ``"timex"``; metrics ``extent_strict_*``, ``extent_relaxed_*``,
        ``value_*`` (precision, recall, f1) and ``value_accuracy``; ``documents`` = number of files.
    """
    documents = read_corpus(directory)
    tagger = tagger or _claimgraph_tagger
    total = TimexCounts()
    seconds = 0.0
    for doc in documents:
        began = time.perf_counter()
        predicted = tagger(doc.text, doc.dct)
        seconds += time.perf_counter() - began
        total += score_document(doc.timexes, predicted, doc.text)
    result = EvaluationResult.from_counts(TASK, len(documents), total.counts(), system=system, seconds=seconds)
    result.metrics["value_accuracy"] = total.value / total.relaxed if total.relaxed else 0.0
    return result


def _claimgraph_tagger(text: str, dct: date) -> list[Timex]:
    return [timex for timex in tag_times(text, published=dct) if timex.timeml]


def dateparser_baseline(text: str, dct: date) -> list[Timex]:
    """The baseline: dateparser's ``search_dates`` relative to the DCT, values at the period dateparser reports."""
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    settings = {
        "RELATIVE_BASE": datetime(dct.year, dct.month, dct.day),
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    found = search_dates(text, languages=["en"], settings=settings) or []
    parser = DateDataParser(languages=["en"], settings=settings)
    timexes = []
    cursor = 0
    for string, moment in found:
        start = text.find(string, cursor)
        if start < 0:
            continue
        cursor = start + len(string)
        period = parser.get_date_data(string).period or "day"
        timexes.append(Timex(string, start, cursor, "DATE", _period_value(moment, period)))
    return timexes


def _period_value(moment: datetime, period: str) -> str:
    if period == "year":
        return f"{moment.year:04d}"
    if period == "month":
        return f"{moment.year:04d}-{moment.month:02d}"
    if period == "week":
        iso = moment.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    if period == "time":
        return moment.strftime("%Y-%m-%dT%H:%M")
    return moment.date().isoformat()
