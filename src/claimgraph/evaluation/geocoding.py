"""Score toponym resolution (``claimgraph eval geocoding``) on GeoWebNews, GeoVirus, LGL or TR-News XML.

    >>> from claimgraph.evaluation.geocoding import evaluate
    >>> evaluate("../shared/eval/geoparsing/GWN.xml").metrics["acc_161km"]

The gold gives each toponym's span in an article and its coordinates; the
resolver gets the toponym as written and the article's text (for
:class:`~claimgraph.extract.places.PlaceContext`), never the gold's
normalised name, and where in the article the toponym starts, so that the words around
it count as they do in :func:`~claimgraph.extract.places.find_places` ("Buffalo, New
York", "Nyanza province"). Three layouts are read:

- **GeoWebNews** (``GWN.xml``): ``<article><text/><toponyms><toponym>`` with
  ``extractedName``, ``start``, ``end``, ``latitude``, ``longitude`` and often
  ``geonamesID``. Toponyms without coordinates (non-locational types such as
  "citizens") are not scored.
- **GeoVirus**: ``<article><text/><locations><location>`` with ``name``,
  ``start``, ``end``, ``lat``, ``lon`` (Wikipedia coordinates, no GeoNames id);
  its offsets count from 1, and a span one character off that way is moved onto the name.
- **LGL / TR-News**: ``<article><text/><toponyms><toponym>`` with ``phrase``,
  ``start``, ``end`` and ``<gaztag geonameid><lat/><lon/></gaztag>``.

Metrics (``EvaluationResult.metrics``), over every scored gold toponym:

- ``acc_161km``: share resolved within 161 km (100 miles) of the gold point;
- ``median_km``: the median error in **kilometres** (not a 0–1 share), an
  unresolved toponym counting as 20,038 km, half the Earth's circumference;
- ``unresolved``: share the system could not resolve at all;
- ``acc_geonameid``: share whose GeoNames id equals the gold id, over the
  toponyms whose gold has one (absent when none has).

Written here because the upstream scorer (Gritta et al.) is a script over its
own output files; the distance is the haversine on a sphere of 6,371 km.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from rich.table import Table

from ..errors import Errors, EvaluationDataError
from ..extract.gazetteer import NAME, load_gazetteer
from ..extract.places import EARTH_RADIUS_KM, PlaceContext, haversine_km, resolve_toponym
from ..model import Place
from .result import EvaluationResult, PublishedScore, rows_markdown, rows_table

TASK = "geocoding"
ACCURACY_KM = 161.0
UNRESOLVED_KM = math.pi * EARTH_RADIUS_KM

MORDECAI3_GEOWEBNEWS = PublishedScore(
    system="Mordecai3 (published, GeoWebNews)",
    metrics={"acc_161km": 0.941, "acc_geonameid": 0.901},
    note="Halterman 2023, full GeoNames in Elasticsearch plus a trained ranker; GeoWebNews only, not run here",
)

Resolver = Callable[[str, str, int], Place | None]
"""A system under evaluation: (toponym as written, article text, where the toponym starts in it) → resolved place or None."""


@dataclass(frozen=True)
class GoldToponym:
    """One gold toponym: its span in the article, its point, and its GeoNames id where the gold has one."""

    text: str
    start: int
    end: int
    lat: float
    lon: float
    geonameid: int | None = None


@dataclass(frozen=True)
class GoldArticle:
    text: str
    toponyms: tuple[GoldToponym, ...]


def _child_text(node: ElementTree.Element, *tags: str) -> str | None:
    for tag in tags:
        child = node.find(tag)
        if child is not None and child.text and child.text.strip():
            return child.text.strip()
    return None


def _toponym(node: ElementTree.Element, text: str, origin: str) -> GoldToponym | None:
    gaztag = node.find("gaztag")
    point = gaztag if gaztag is not None else node
    lat = _child_text(point, "latitude", "lat")
    lon = _child_text(point, "longitude", "lon")
    if lat is None or lon is None:
        return None  # a non-locational toponym: GeoWebNews gives it no point
    try:
        start, end = int(_child_text(node, "start") or ""), int(_child_text(node, "end") or "")
        geonameid_text = gaztag.get("geonameid") if gaztag is not None else _child_text(node, "geonamesID")
        geonameid = int(geonameid_text) if geonameid_text else None
        lat_value, lon_value = float(lat), float(lon)
    except ValueError as error:
        raise EvaluationDataError(Errors.E021.format(origin=origin, reason=f"toponym with a bad number ({error})")) from error
    surface = _child_text(node, "extractedName", "name", "phrase") or text[start:end]
    if text[start:end] != surface and text[start - 1 : end - 1] == surface:
        start, end = start - 1, end - 1  # GeoVirus counts offsets from 1
    return GoldToponym(surface, start, end, lat_value, lon_value, geonameid)


def read_gold(path: str | Path) -> list[GoldArticle]:
    """Articles and their gold toponyms from a GeoWebNews / GeoVirus / LGL / TR-News XML file."""
    path = Path(path)
    if not path.is_file():
        raise EvaluationDataError(Errors.E001.format(origin=path, reason="no such file"))
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as error:
        raise EvaluationDataError(Errors.E021.format(origin=path, reason=f"not well-formed XML ({error})")) from error
    articles = []
    for number, node in enumerate(root.iter("article")):
        text = _child_text(node, "text")
        if text is None:
            continue
        text = node.find("text").text  # keep the exact string the offsets count in
        holder = node.find("toponyms")
        if holder is None:
            holder = node.find("locations")
        origin = f"{path} (article {number})"
        toponyms = [_toponym(child, text, origin) for child in (holder if holder is not None else [])]
        articles.append(GoldArticle(text, tuple(t for t in toponyms if t is not None)))
    if not any(article.toponyms for article in articles):
        raise EvaluationDataError(
            Errors.E021.format(origin=path, reason="no <article> with <text> and toponyms that have coordinates")
        )
    return articles


def claimgraph_resolver(*, approximate: bool = True) -> Resolver:
    """claimgraph's resolver: lexicons, gazetteer, and the context of the whole article (computed once per article).

    approximate (bool): estimate names the gazetteer lacks (streets, buildings, venues) from the
        place inside the name or the article's focus (``resolve_toponym(approximate=True)``);
        gold toponyms are known to be places, so the estimate is what a map would show.
    """
    contexts: dict[int, tuple[str, PlaceContext]] = {}

    def resolve(name: str, text: str, start: int | None = None) -> Place | None:
        cached = contexts.get(id(text))
        if cached is None or cached[0] is not text:
            contexts.clear()
            cached = (text, PlaceContext.from_text(text))
            contexts[id(text)] = cached
        return resolve_toponym(name, context=cached[1], approximate=approximate, start=start)

    resolve.__name__ = "claimgraph"
    return resolve


def naive_resolver(name: str, text: str, start: int | None = None) -> Place | None:
    """The baseline: the most populous gazetteer entry whose own name is exactly ``name``; no lexicon, no context."""
    gazetteer = load_gazetteer()
    own = [entry for entry, kind in gazetteer.lookup_kinds(name) if kind == NAME]
    if not own:
        return None
    entry = own[0]
    return Place(name, 0, len(name), entry.name, entry.geonameid, entry.feature, None, entry.country, entry.lat, entry.lon, "locality")


def score(articles: Sequence[GoldArticle], resolver: Resolver, *, system: str) -> EvaluationResult:
    """Resolve every gold toponym with ``resolver`` and compute the metrics (see the module docstring)."""
    errors: list[float] = []
    unresolved = 0
    with_id = right_id = 0
    started = time.perf_counter()
    for article in articles:
        for toponym in article.toponyms:
            place = resolver(toponym.text, article.text, toponym.start)
            if place is None or place.lat is None or place.lon is None:
                unresolved += 1
                errors.append(UNRESOLVED_KM)
            else:
                errors.append(haversine_km(place.lat, place.lon, toponym.lat, toponym.lon))
            if toponym.geonameid is not None:
                with_id += 1
                right_id += place is not None and place.geonameid == toponym.geonameid
    seconds = time.perf_counter() - started
    total = len(errors)
    metrics = {
        "acc_161km": sum(error <= ACCURACY_KM for error in errors) / total if total else 0.0,
        "median_km": statistics.median(errors) if errors else 0.0,
        "unresolved": unresolved / total if total else 0.0,
    }
    if with_id:
        metrics["acc_geonameid"] = right_id / with_id
    return EvaluationResult(TASK, len(articles), metrics, system=system, seconds=seconds)


def evaluate(path: str | Path, *, resolver: Resolver | None = None, system: str = "claimgraph") -> EvaluationResult:
    """Read the gold at ``path`` and score claimgraph's resolver (or ``resolver``) on it."""
    return score(read_gold(path), resolver or claimgraph_resolver(), system=system)


COLUMNS = {"acc_161km": "acc@161km", "acc_geonameid": "exact id", "median_km": "median km", "unresolved": "unresolved"}


def comparison_rows(results: Sequence[EvaluationResult | PublishedScore]) -> tuple[list[str], list[list[str]]]:
    """Header and cells: one row per system, the geocoding metrics, documents, toponyms scored and seconds."""
    header = ["system", *COLUMNS.values(), "docs", "seconds"]
    rows = []
    for result in results:
        cells = [result.system]
        for name in COLUMNS:
            value = result.metrics.get(name)
            cells.append("–" if value is None else f"{value:.0f}" if name == "median_km" else f"{value:.3f}")
        if isinstance(result, EvaluationResult):
            cells += [str(result.documents), "–" if result.seconds is None else f"{result.seconds:.1f}"]
        else:
            cells += ["–", "–"]
        rows.append(cells)
    return header, rows


def comparison_table(results: Sequence[EvaluationResult | PublishedScore], *, title: str) -> Table:
    return rows_table(*comparison_rows(results), title=title)


def comparison_markdown(results: Sequence[EvaluationResult | PublishedScore]) -> str:
    return rows_markdown(*comparison_rows(results))
