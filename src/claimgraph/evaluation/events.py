"""Score event extraction (``claimgraph eval events``) on ACLED-style or UCDP GED rows.

    >>> from claimgraph.evaluation.events import evaluate
    >>> evaluate("benchmarks/data/acled_style_dev.csv", format="acled").metrics["date_accuracy"]

One row of the gold file is one event. claimgraph reads the row's text, derives
**one predicted event** (type, place, date, fatalities) from the claims the
pipeline finds, and each of the four is scored right or wrong; the metrics are the
shares of rows right (``event_type_accuracy``, ``location_25km_accuracy``,
``date_accuracy``, ``fatalities_accuracy``). A facet the system cannot give counts
as wrong.

Two formats (CSV with a header row, read by column name):

- **acled**: ``event_date`` (ISO), ``event_type`` (one of ACLED's six),
  ``location``, ``latitude``, ``longitude``, ``notes``, ``fatalities``. The text
  is ``notes`` and there is **no publication date**: ACLED notes open with the
  date themselves ("On 12 March 2024, …"), and passing ``event_date`` would hand
  the answer to the date metric. UTF-8.
- **ucdp**: UCDP GED columns; the text is ``source_headline``, the reports'
  headlines separated by ``;``, each parsed as its own article with its
  publication date from ``source_date`` (same position, ``YYYY-MM-DD`` or
  ``DD/MM/YYYY``). When the two lists differ in length the whole headline string
  is one article dated by the earliest source date. Gold date is
  ``date_start``–``date_end`` (``M/D/YYYY``, as this GED export writes them);
  the gold type is ``type_of_violence``; fatalities ``low``–``high`` (where the
  export is inconsistent, e.g. ``high`` below ``best``, the interval spans all
  three figures). GED exports are Windows-1252; UTF-8 is tried first.

How the predicted event is derived (:func:`derive_event`):

- **type**: each claim's PLOVER type and sub-type is mapped to an ACLED type by
  ``data/event_evaluation.json``: ASSAULT with ``shelling_strike`` →
  Explosions/Remote violence; with ``ground_combat`` or ``capture_place`` →
  Battles (ACLED codes territorial takeovers as battles); other ASSAULT →
  Violence against civilians when the claim's victims are civilians (a quantity
  or word from the file's ``civilian_words``), else Battles; PROTEST → Protests;
  MOBILIZE, RETREAT, AID, AGREE, COERCE (arrests, seizures), CONCEDE → Strategic
  developments; verbal types (ACCUSE, REJECT, REQUEST, CONSULT, SUPPORT,
  COOPERATE, THREATEN, SANCTION) are no ACLED event. Riots are never predicted:
  nothing in the PLOVER facets tells a violent crowd from a demonstration. Of the
  row's claims, the type first in the file's ``priority`` wins. For UCDP, the
  ACLED type is mapped to ``type_of_violence``: Battles and Explosions/Remote
  violence → 1 (state-based), Violence against civilians → 3 (one-sided);
  type 2 (non-state) is never predicted.
- **place**: the most precise resolved place of the claims (locality, then
  district, region, feature, country), first in text order; within 25 km of the
  gold point (haversine) is right.
- **date**: the first day-granularity time of the claim that gave the type, then
  of any claim, then the report's publication date; right when it is the gold
  date (ACLED) or inside ``date_start``–``date_end`` (UCDP).
- **fatalities**: a quantity counts as deaths when the casualty word that
  governs it is a death word rather than an injury word: the word right before
  it ("**killing** 4 civilians and wounding 9"), else the first after it up to
  the next figure or the clause end ("3 people **were killed** and 14
  injured"), else the nearest before it ("the death **toll** rose to 26"). Its
  value is the low end of a range (ACLED records the lowest reported figure).
  Per report the first such quantity; a report with a death verb
  (``death_verbs``) but no figure ("a man was killed", "shelling kills LPR
  militiaman") counts 1. Over several reports of one event the largest (tolls
  grow as reports come in); no death at all predicts 0. Right when equal to
  ACLED's ``fatalities`` or inside UCDP's low–high.

Claims come first: for each of places, quantities and times, where no claim of a
report carries any, those the facet modules find over the whole report are used
(a headline such as "Two shot dead as police storm Kiev protest" may yield no
claim at all).

The **baseline** (:func:`baseline_system`): the first number written in digits
that is not part of a date (a day or year beside a month name, a four-digit year)
as fatalities (0 when none), the first capitalised name, neither opening a
sentence nor a month, that the gazetteer knows (most populous entry,
:func:`claimgraph.evaluation.geocoding.naive_resolver`) as location, the
publication date as date (for ACLED rows, which have none, the first date
dateparser finds in the notes), and the gold file's most frequent type (an
oracle prior: on this UCDP extract, type 1 is 99.8 % of rows).
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from rich.table import Table

from ..datafiles import read_bundled
from ..errors import Errors, EvaluationDataError
from ..model import Article, Claim, Document, EventType, Place, QuantityBound, QuantityRange, TimeGranularity, TimeSpan
from .result import EvaluationResult

TASK = "events"
FORMATS = ("acled", "ucdp")
METRICS = ("event_type_accuracy", "location_25km_accuracy", "date_accuracy", "fatalities_accuracy")
LOCATION_KM = 25.0
MAPPING_FILE = "event_evaluation.json"
ACLED_COLUMNS = ("event_date", "event_type", "latitude", "longitude", "notes", "fatalities")
UCDP_COLUMNS = (
    "source_headline", "source_date", "date_start", "date_end", "latitude", "longitude", "low", "best", "high", "type_of_violence",
)
# Most precise first; a place the gazetteer could not resolve has no point and is never chosen.
PRECISION_RANK = ("locality", "vicinity", "district", "region", "feature", "country", "continent")
ENCODINGS = ("utf-8-sig", "cp1252")

_WORD = re.compile(r"[A-Za-z]+")
_CLAUSE_END = re.compile(r"[.;:!?\n]")
_DIGITS = re.compile(r"\d[\d,]*")
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?;]\s+)$")
_YEAR = re.compile(r"(?:19|20)\d\d")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_NAME = re.compile(_MONTHS)
_MONTH_AFTER = re.compile(rf"\s+(?:{_MONTHS})\b")
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\s+$")
# How far before a figure a casualty verb may stand ("…, killing two civilians").
_LOOKBEHIND_CHARS = 30


@dataclass(frozen=True)
class Report:
    """One text about the event (ACLED notes, one UCDP headline) and its publication date, if known."""

    text: str
    published: date | None


@dataclass(frozen=True)
class GoldEvent:
    """One gold row: its reports and the event's type, point, date range and fatality range."""

    id: str
    reports: tuple[Report, ...]
    event_type: str  # an ACLED type, or a UCDP type_of_violence code ("1", "2", "3")
    lat: float
    lon: float
    date_start: date
    date_end: date
    fatalities_low: int
    fatalities_high: int


@dataclass(frozen=True)
class PredictedEvent:
    """What a system says about one row; any part may be unknown (None)."""

    event_type: str | None = None  # an ACLED type
    place: Place | None = None
    date: date | None = None
    fatalities: int | None = None


System = Callable[[Sequence[GoldEvent]], list[PredictedEvent]]
"""A system under evaluation: the gold rows (their reports only are read) → one prediction per row."""


@dataclass
class EventEvaluation(EvaluationResult):
    """An :class:`EvaluationResult` of accuracies, with the baseline's beside it in the table.

    predictions (list[PredictedEvent]): what the system said, one per gold row in order.
    baseline (EventEvaluation | None): the baseline's scores on the same rows.
    """

    predictions: list[PredictedEvent] = field(default_factory=list)
    baseline: EventEvaluation | None = None

    def to_table(self) -> Table:
        """One row per metric: claimgraph's accuracy and the baseline's."""
        title = f"{self.task}: {self.system} on {self.documents} rows"
        if self.seconds is not None:
            title += f" ({self.seconds:.1f} s)"
        table = Table(title=title)
        table.add_column("metric")
        table.add_column(self.system, justify="right")
        if self.baseline is not None:
            table.add_column(self.baseline.system, justify="right")
        for name in METRICS:
            cells = [name, f"{self.metrics[name]:.3f}"]
            if self.baseline is not None:
                cells.append(f"{self.baseline.metrics[name]:.3f}")
            table.add_row(*cells)
        return table


@dataclass(frozen=True)
class EventMapping:
    """The rules of ``data/event_evaluation.json``: PLOVER → ACLED → UCDP, and the casualty words."""

    acled_types: tuple[str, ...]
    assault_subtypes: dict[str, str]
    assault_on_civilians: str
    plover_types: dict[str, str]
    priority: tuple[str, ...]
    ucdp_type_of_violence: dict[str, str]
    civilian_words: frozenset[str]
    death_words: frozenset[str]
    death_verbs: frozenset[str]
    injury_words: frozenset[str]


@lru_cache(maxsize=1)
def load_mapping() -> EventMapping:
    """The shipped mapping (``src/claimgraph/data/event_evaluation.json``)."""
    raw = json.loads(read_bundled(MAPPING_FILE))
    return EventMapping(
        acled_types=tuple(raw["acled_types"]),
        assault_subtypes=dict(raw["assault_subtypes"]),
        assault_on_civilians=raw["assault_on_civilians"],
        plover_types=dict(raw["plover_types"]),
        priority=tuple(raw["priority"]),
        ucdp_type_of_violence=dict(raw["ucdp_type_of_violence"]),
        civilian_words=frozenset(raw["civilian_words"]),
        death_words=frozenset(raw["death_words"]),
        death_verbs=frozenset(raw["death_verbs"]),
        injury_words=frozenset(raw["injury_words"]),
    )


# Reading the gold -------------------------------------------------------------


def read_events(path: str | Path, format: str) -> list[GoldEvent]:
    """Read the gold rows of an ACLED-style or UCDP GED CSV file (see the module docstring).

    path (str | Path): the CSV file.
    format (str): ``"acled"`` or ``"ucdp"``.
    RETURNS (list[GoldEvent]): one event per row, in file order.
    RAISES (EvaluationDataError): when the file is missing, undecodable, lacks a column or has a bad value.
    """
    if format not in FORMATS:
        raise EvaluationDataError(Errors.E021.format(origin=path, reason=f"unknown format {format!r}; use acled or ucdp"))
    path = Path(path)
    if not path.is_file():
        raise EvaluationDataError(Errors.E001.format(origin=path, reason="no such file"))
    reader = csv.DictReader(io.StringIO(_decode(path)))
    required = ACLED_COLUMNS if format == "acled" else UCDP_COLUMNS
    missing = [name for name in required if name not in (reader.fieldnames or ())]
    if missing:
        raise EvaluationDataError(Errors.E021.format(origin=path, reason=f"missing column(s) {', '.join(missing)}"))
    read_row = _acled_event if format == "acled" else _ucdp_event
    events = []
    for number, row in enumerate(reader, start=2):
        where = f"{path}:{number}"
        try:
            events.append(read_row(row, where))
        except (ValueError, TypeError) as error:
            raise EvaluationDataError(Errors.E021.format(origin=where, reason=str(error))) from error
    if not events:
        raise EvaluationDataError(Errors.E021.format(origin=path, reason="no rows"))
    return events


def _decode(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise EvaluationDataError(Errors.E003.format(origin=path, tried=", ".join(ENCODINGS)))


def _acled_event(row: dict[str, str], where: str) -> GoldEvent:
    mapping = load_mapping()
    if row["event_type"] not in mapping.acled_types:
        raise ValueError(f"event_type {row['event_type']!r} is not one of ACLED's six ({', '.join(mapping.acled_types)})")
    if not row["notes"].strip():
        raise ValueError("empty notes")
    day = date.fromisoformat(row["event_date"].strip())
    fatalities = int(row["fatalities"])
    return GoldEvent(
        id=row.get("event_id_cnty") or where,
        reports=(Report(row["notes"].strip(), None),),
        event_type=row["event_type"],
        lat=float(row["latitude"]),
        lon=float(row["longitude"]),
        date_start=day,
        date_end=day,
        fatalities_low=fatalities,
        fatalities_high=fatalities,
    )


def _ucdp_event(row: dict[str, str], where: str) -> GoldEvent:
    headlines = [text.strip() for text in row["source_headline"].split(";")]
    dates = [_source_date(text) for text in row["source_date"].split(";") if text.strip()]
    if len(headlines) == len(dates):
        reports = tuple(Report(text, day) for text, day in zip(headlines, dates) if text)
    else:
        reports = (Report(row["source_headline"].strip(), min(dates, default=None)),)
    figures = [int(row[name]) for name in ("low", "best", "high")]
    return GoldEvent(
        id=row.get("id") or where,
        reports=reports,
        event_type=row["type_of_violence"].strip(),
        lat=float(row["latitude"]),
        lon=float(row["longitude"]),
        date_start=_ged_date(row["date_start"]),
        date_end=_ged_date(row["date_end"]),
        fatalities_low=min(figures),
        fatalities_high=max(figures),
    )


def _source_date(text: str) -> date:
    text = text.strip()
    if "/" in text:
        return datetime.strptime(text, "%d/%m/%Y").date()
    return date.fromisoformat(text)


def _ged_date(text: str) -> date:
    """``1/22/2014 12:00:00 AM`` or ``02/06/2023 00:00``: month first, time ignored."""
    return datetime.strptime(text.split()[0], "%m/%d/%Y").date()


# Deriving one event from the pipeline's claims -----------------------------------


def acled_type(claim: Claim, mapping: EventMapping | None = None) -> str | None:
    """The ACLED type of one claim's PLOVER type and sub-type; None for verbal and untyped claims."""
    mapping = mapping or load_mapping()
    if claim.event_type is None:
        return None
    if claim.event_type is EventType.ASSAULT:
        if claim.event_subtype is not None and claim.event_subtype.value in mapping.assault_subtypes:
            return mapping.assault_subtypes[claim.event_subtype.value]
        if _has_civilian_victims(claim, mapping):
            return mapping.assault_on_civilians
    return mapping.plover_types.get(claim.event_type.value)


def _has_civilian_victims(claim: Claim, mapping: EventMapping) -> bool:
    units = {quantity.unit.lower() for quantity in claim.quantities if quantity.unit}
    words = {word.lower() for word in _WORD.findall(claim.text)}
    return bool((units | words) & mapping.civilian_words)


def is_death_figure(
    quantity: QuantityRange, text: str, previous_end: int, next_start: int, mapping: EventMapping | None = None
) -> bool:
    """Whether ``quantity`` counts deaths, judged by the nearest casualty word.

    A casualty verb right before the figure governs it ("killing 4 civilians and
    wounding 9": 4 deaths, 9 wounded); otherwise the first casualty word after it
    up to the clause end ("3 people were killed and 14 injured"); otherwise the
    nearest one before it ("the death toll rose to 26").
    previous_end, next_start (int): where the neighbouring figures end and start, so
        that "killed 3 and destroyed 2 tanks" does not make the tanks deaths.
    """
    mapping = mapping or load_mapping()
    before_text = text[max(previous_end, quantity.start - _LOOKBEHIND_CHARS) : quantity.start]
    before = [word.lower() for word in _WORD.findall(before_text)]
    after_text = text[quantity.end : next_start]
    clause_end = _CLAUSE_END.search(after_text)
    if clause_end:
        after_text = after_text[: clause_end.start()]
    after = [word.lower() for word in _WORD.findall(after_text)]
    for word in before[-1:] + after + before[-2::-1]:
        if word in mapping.death_words:
            return True
        if word in mapping.injury_words:
            return False
    return False


def death_toll(quantities: Sequence[QuantityRange], text: str, mapping: EventMapping | None = None) -> int | None:
    """The first death figure among ``quantities`` (offsets into ``text``): its low end, or None."""
    ordered = sorted(quantities, key=lambda quantity: quantity.start)
    for index, quantity in enumerate(ordered):
        previous_end = ordered[index - 1].end if index else 0
        next_start = ordered[index + 1].start if index + 1 < len(ordered) else len(text)
        value = quantity.high if quantity.bound is QuantityBound.AT_MOST else quantity.low
        if value is not None and is_death_figure(quantity, text, previous_end, next_start, mapping):
            return int(value)
    return None


def _mentions_death(text: str, mapping: EventMapping) -> bool:
    return any(word.lower() in mapping.death_verbs for word in _WORD.findall(text))


def derive_event(documents: Sequence[Document], mapping: EventMapping | None = None) -> PredictedEvent:
    """One predicted event from the documents of one row's reports (rules: module docstring)."""
    from ..extract.facets import ArticleFacets
    from ..extract.places import PlaceContext

    mapping = mapping or load_mapping()
    typed = [(acled_type(claim, mapping), claim) for document in documents for claim in document.claims]
    typed = [(kind, claim) for kind, claim in typed if kind is not None]
    event_type = event_claim = None
    if typed:
        event_type, event_claim = min(typed, key=lambda pair: mapping.priority.index(pair[0]))

    places: list[Place] = []
    tolls: list[int] = []
    claim_days: list[date] = []
    for document in documents:
        article = document.article
        claims = document.claims
        report_places = [place for claim in claims for place in claim.places]
        report_quantities = [quantity for claim in claims for quantity in claim.quantities]
        report_times = [span for claim in claims for span in claim.times]
        if not (report_places and report_quantities and report_times):
            whole = ArticleFacets.find(article.text, article.published, PlaceContext.from_text(article.text))
            report_places = report_places or whole.places
            report_quantities = report_quantities or whole.quantities
            report_times = report_times or whole.times
        places += report_places
        toll = death_toll(report_quantities, article.text, mapping)
        if toll is None and _mentions_death(article.text, mapping):
            toll = 1
        if toll is not None:
            tolls.append(toll)
        claim_days += _days(report_times)

    event_days = _days(event_claim.times) if event_claim is not None else []
    published = [document.article.published for document in documents if document.article.published]
    day = next(iter(event_days + claim_days + published), None)
    return PredictedEvent(event_type, _most_precise(places), day, max(tolls) if tolls else 0)


def _days(spans: Iterable[TimeSpan]) -> list[date]:
    return [span.start_date for span in spans if span.granularity is TimeGranularity.DAY]


def _most_precise(places: Sequence[Place]) -> Place | None:
    located = [place for place in places if place.lat is not None and place.lon is not None]
    if not located:
        return None
    rank = {precision: index for index, precision in enumerate(PRECISION_RANK)}
    return min(located, key=lambda place: rank.get(place.precision, len(rank)))


def claimgraph_system(events: Sequence[GoldEvent]) -> list[PredictedEvent]:
    """Run the pipeline on every report (one ``nlp.pipe`` stream) and derive one event per row."""
    from ..extract import extract_articles

    articles = [
        Article(text=report.text, published=report.published, id=f"{event.id}:{index}")
        for event in events
        for index, report in enumerate(event.reports)
    ]
    documents = iter(extract_articles(articles))
    mapping = load_mapping()
    return [derive_event([next(documents) for _ in event.reports], mapping) for event in events]


def baseline_system(events: Sequence[GoldEvent]) -> list[PredictedEvent]:
    """The baseline of the module docstring: first digits, first gazetteer name, publication date, majority type."""
    from dateparser.search import search_dates

    from .geocoding import naive_resolver

    majority = Counter(event.event_type for event in events).most_common(1)[0][0]
    majority_acled = _acled_for_gold_type(majority)
    predictions = []
    for event in events:
        text = " ".join(report.text for report in event.reports)
        number = next((match for match in _DIGITS.finditer(text) if not _in_date(text, match)), None)
        names = (
            match.group()
            for match in _CAPITALISED.finditer(text)
            if not _SENTENCE_START.search(text[: match.start()]) and not _MONTH_NAME.fullmatch(match.group())
        )
        place = next((found for name in names if (found := naive_resolver(name, text)) is not None), None)
        day = next((report.published for report in event.reports if report.published), None)
        if day is None:
            found = search_dates(text, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
            day = found[0][1].date() if found else None
        fatalities = int(number.group().replace(",", "")) if number else 0
        predictions.append(PredictedEvent(majority_acled, place, day, fatalities))
    return predictions


def _in_date(text: str, match: re.Match[str]) -> bool:
    """Whether a figure is a year or a day of a written date ("3 March 2024", "March 3, 2024")."""
    if _YEAR.fullmatch(match.group()):
        return True
    return bool(_MONTH_AFTER.match(text, match.end()) or _MONTH_BEFORE.search(text[: match.start()]))


def _acled_for_gold_type(gold_type: str) -> str | None:
    """The ACLED type that scores as ``gold_type``: itself, or the first ACLED type mapped to that UCDP code."""
    mapping = load_mapping()
    if gold_type in mapping.acled_types:
        return gold_type
    return next((acled for acled, code in mapping.ucdp_type_of_violence.items() if code == gold_type), None)


# Scoring -----------------------------------------------------------------------


def score(events: Sequence[GoldEvent], system: System, *, name: str, format: str) -> EventEvaluation:
    """Run ``system`` on ``events`` and compute the four accuracies (see the module docstring)."""
    from ..extract.places import haversine_km

    mapping = load_mapping()
    started = time.perf_counter()
    predictions = system(events)
    seconds = time.perf_counter() - started
    right = Counter[str]()
    for event, predicted in zip(events, predictions, strict=True):
        predicted_type = predicted.event_type
        if format == "ucdp" and predicted_type is not None:
            predicted_type = mapping.ucdp_type_of_violence.get(predicted_type)
        right["event_type_accuracy"] += predicted_type is not None and predicted_type == event.event_type
        place = predicted.place
        if place is not None and place.lat is not None and place.lon is not None:
            right["location_25km_accuracy"] += haversine_km(place.lat, place.lon, event.lat, event.lon) <= LOCATION_KM
        right["date_accuracy"] += predicted.date is not None and event.date_start <= predicted.date <= event.date_end
        fatalities = predicted.fatalities
        right["fatalities_accuracy"] += fatalities is not None and event.fatalities_low <= fatalities <= event.fatalities_high
    total = len(events)
    metrics = {metric: right[metric] / total if total else 0.0 for metric in METRICS}
    return EventEvaluation(TASK, total, metrics, system=name, seconds=seconds, predictions=predictions)


def evaluate(path: str | Path, *, format: str = "acled", limit: int | None = None, baseline: bool = True) -> EventEvaluation:
    """Read the gold at ``path`` and score claimgraph on it, with the baseline beside it.

    path (str | Path): an ACLED-style or UCDP GED CSV file.
    format (str): ``"acled"`` or ``"ucdp"``.
    limit (int | None): score only the first ``limit`` rows.
    baseline (bool): also score the baseline (shown in the table, not in ``to_dict()``).
    RETURNS (EventEvaluation): claimgraph's metrics; ``baseline`` holds the baseline's.
    """
    events = read_events(path, format)[:limit]
    result = score(events, claimgraph_system, name="claimgraph", format=format)
    if baseline:
        result.baseline = score(events, baseline_system, name="baseline", format=format)
    return result
