"""Timelines: every estimate of one proposition over time, as rows and as a chart.

A timeline is the figure each claim about one proposition gives ("3,000
soldiers", "10,000–12,000 soldiers"), dated by the day the claim speaks of (its
time span, else its article's publication date — the linker's "as of" day), with
the source, the outlet and how the estimate relates to the one before it.

Which claims: a free-text query that names a topic and who acts ("North Korean
troops in Russia": the linker's ``forces`` topic, actors of North Korea, placed
in Russia) is read as a :class:`Proposition`, and every stored claim giving a
figure for it counts, whatever story it is in — stories join claims the linker
compared, within its windows of days, so a gap of months in the reporting starts
a new story, while the estimates before and after it are still one proposition.
A query that names no topic or actor falls back to the story whose label and
claims share most of its words (:func:`find_story`); ``--story`` names a story.
:func:`draw_timeline` draws the rows with matplotlib (Agg backend, its bundled
fonts only) as one vertical bar per estimate, from low to high, coloured by source.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, select

from .errors import Errors, StoryNotFound
from .extract.actors import find_actor_mentions
from .extract.places import find_places
from .link.candidates import content_words, cued_topic, features_of, load_config, unit_topic
from .link.stories import Story
from .query import ClaimFilter
from .store.schema import claim_actors, claim_stories, claims
from .store.schema import stories as stories_table

if TYPE_CHECKING:
    from .link import LinkedClaim
    from .model import Place
    from .store import Store

CHART_FORMATS = ("png", "svg")
# Estimates of one day are spread over this share of a day, so their bars do not hide one another.
SAME_DAY_SPREAD = 0.6


@dataclass(frozen=True)
class TimelineRow:
    """One estimate on a timeline.

    day: the day the claim speaks of (its time span's end, else publication), None
    when neither is known. low / high: the figure's range (None where it is open:
    "at least 3,000" has no high). relation: how it relates to the estimate in the
    row before — the stored link between the two claims seen from this one
    (``corroborates``, ``contradicts``, ``updates``, ``same``), else ``higher``,
    ``lower`` or ``overlaps`` by their ranges; None in the first row. forecast:
    the claim expects the figure rather than reports it ("would reach roughly
    10,000 by December"), dated by the day it expects it; the chart draws it hollow.
    """

    claim_id: str
    day: date | None
    published: date | None
    source: str
    outlet: str | None
    low: float | None
    high: float | None
    unit: str | None
    figure: str
    claim: str
    relation: str | None
    forecast: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim_id,
            "date": self.day.isoformat() if self.day else None,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
            "outlet": self.outlet,
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "figure": self.figure,
            "text": self.claim,
            "relation": self.relation,
            "forecast": self.forecast,
        }


@dataclass(frozen=True)
class Timeline:
    """A timeline's title and rows; ``story`` is the story it shows when it is one story's."""

    label: str
    rows: list[TimelineRow]
    story: Story | None = None


@dataclass(frozen=True)
class Proposition:
    """What a timeline query asks about: a topic, who acts, and where.

    topic: a topic name of ``data/linking.toml`` (``forces``, ``casualties`` …).
    actor_countries: the countries of the actors the query names; a claim needs an actor of each.
    place: the most precise place the query names, resolved; a claim needs a place
        inside it (for a country, any place in that country). None when it names none.
    label: how the timeline is titled ("troops · North Korea · Russia").
    """

    topic: str
    actor_countries: tuple[str, ...]
    place: Place | None
    label: str

    def filter(self) -> ClaimFilter:
        """The store filter for the proposition's place (actors and topic are checked apart)."""
        if self.place is None:
            return ClaimFilter()
        if self.place.precision == "country":
            return ClaimFilter(country=self.place.country)
        return ClaimFilter(place=self.place.name)

    def actors_within(self) -> Select:
        """The claims with an actor of every one of the proposition's countries, as a SELECT of ids."""
        ids = select(claims.c.id)
        for country in self.actor_countries:
            ids = ids.where(claims.c.id.in_(select(claim_actors.c.claim_id).where(claim_actors.c.country == country)))
        return ids


def read_proposition(query: str) -> Proposition | None:
    """The proposition a query names, or None when it names no topic or no actor with a country.

    The topic is the first of ``data/linking.toml``'s topics with a cue word or unit
    in the query; who acts, the countries of the actors the alias table finds
    (``data/actor_aliases.jsonl``) and of the demonyms ("North Korean casualties"),
    less the names the query gives as the place ("in Russia" is where, not who).
    """
    config = load_config()
    words = content_words(query, config.stopwords)
    # As a claim's topic is read (link.candidates), less the event type a query has no parse for.
    topic = cued_topic(query, words, config) or unit_topic(set(query.casefold().split()), config)
    places = [place for place in find_places(query, demonyms=False) if place.country]
    where = {(place.start, place.end) for place in places}
    # Who: the actors named, and the countries named by a demonym ("North Korean casualties").
    who = {actor.country: actor.name for actor in find_actor_mentions(query) if actor.country and (actor.start, actor.end) not in where}
    for demonym in find_places(query):
        if demonym.country and (demonym.start, demonym.end) not in where:
            who.setdefault(demonym.country, demonym.name)
    if topic is None or not who:
        return None
    place = max(places, key=lambda p: p.precision != "country", default=None)
    label = " · ".join([topic.label, ", ".join(sorted(who.values())), *([place.name] if place else [])])
    return Proposition(topic.name, tuple(sorted(who)), place, label)


def story_by_id(store: Store, story_id: str) -> Story:
    """The stored story with this id.

    RAISES (StoryNotFound): no story has it.
    """
    with store.engine.connect() as conn:
        row = conn.execute(select(stories_table).where(stories_table.c.id == story_id)).first()
    if row is None:
        raise StoryNotFound(Errors.E042.format(id=story_id, db=store.name))
    return Story(row.id, row.label, row.size, row.first_published, row.last_published)


def find_story(store: Store, query: str) -> Story:
    """The story whose label and claims share most of the query's content words.

    Ties go to the larger story, then the smaller id.
    RAISES (StoryNotFound): no story shares a word with the query.
    """
    wanted = content_words(query, load_config().stopwords)
    if not wanted:
        raise StoryNotFound(Errors.E043.format(query=query, db=store.name))
    found: dict[str, set[str]] = defaultdict(set)
    stories: dict[str, Story] = {}
    with store.engine.connect() as conn:
        for row in conn.execute(select(stories_table)):
            stories[row.id] = Story(row.id, row.label, row.size, row.first_published, row.last_published)
            found[row.id] |= wanted & content_words(row.label, frozenset())
        rows = conn.execute(select(claim_stories.c.story_id, claims.c.text).join(claims, claims.c.id == claim_stories.c.claim_id))
        for story_id, text in rows:
            if not wanted <= found[story_id]:
                found[story_id] |= wanted & content_words(text, frozenset())
    ranked = sorted(stories.values(), key=lambda story: (-len(found[story.id]), -story.size, story.id))
    if not ranked or not found[ranked[0].id]:
        raise StoryNotFound(Errors.E043.format(query=query, db=store.name))
    return ranked[0]


def timeline_rows(members: Sequence[LinkedClaim], topic: str | None = None) -> list[TimelineRow]:
    """The estimates among a story's or a proposition's claims, by day (undated last), then publication date and id.

    A claim counts when it gives a figure for its topic (the linker's
    :attr:`~claimgraph.link.candidates.ClaimFeatures.figure`), and that topic is
    ``topic`` (a topic name of ``data/linking.toml``) when one is given.
    """
    config = load_config()
    estimates = [
        (member, features)
        for member in members
        if (features := features_of(member, config)).figure is not None and (topic is None or features.topic.name == topic)
    ]
    estimates.sort(
        key=lambda item: (item[1].as_of is None, item[1].as_of or date.min, item[0].published or date.max, item[0].claim.id)
    )
    rows: list[TimelineRow] = []
    for member, features in estimates:
        figure = features.figure
        previous = rows[-1] if rows else None
        rows.append(
            TimelineRow(
                claim_id=member.claim.id,
                day=features.as_of,
                published=member.published,
                source=member.claim.attribution.source.name,
                outlet=member.outlet,
                low=figure.low,
                high=figure.high,
                unit=figure.unit,
                figure=figure.text,
                claim=member.claim.text,
                relation=_relation(member, figure.low, figure.high, previous) if previous else None,
                forecast=features.planned,
            )
        )
    return rows


def _relation(member: LinkedClaim, low: float | None, high: float | None, previous: TimelineRow) -> str:
    """The stored link to the previous estimate (seen from this claim), else how the ranges compare."""
    for link in member.links:
        if link["claim"] == previous.claim_id and link["relation"] not in ("cites", "cited_by"):
            return link["relation"]
    if previous.high is not None and low is not None and low > previous.high:
        return "higher"
    if previous.low is not None and high is not None and high < previous.low:
        return "lower"
    return "overlaps"


def chart_format(path: str | os.PathLike[str]) -> str:
    """The chart format a path asks for by its extension.

    RAISES (ValueError): an extension other than .png or .svg.
    """
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in CHART_FORMATS:
        raise ValueError(f"Cannot draw a chart as {str(path)!r}: the file name must end in .png or .svg")
    return suffix


def draw_timeline(rows: Sequence[TimelineRow], path: str | os.PathLike[str], title: str) -> Path:
    """Draw the dated rows as vertical range bars over their days, one colour per source, into ``path``.

    An exact figure is a dot; an open range ("at least 3,000") a triangle at its
    known end pointing the way it is open; a forecast is drawn hollow (a ring, an
    outlined bar). Undated rows are left out.
    path (str | PathLike): a .png or .svg file; its folder must exist.
    RETURNS (Path): the file written.
    RAISES (ValueError): a path not ending in .png or .svg, or no dated estimate to draw.
    """
    fmt = chart_format(path)
    dated = [row for row in rows if row.day is not None and (row.low is not None or row.high is not None)]
    if not dated:
        raise ValueError(f"No dated estimate to draw in {title!r}")
    # Imported here: matplotlib takes a second to load that queries should not pay.
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sources = sorted({row.source for row in dated})
    palette = plt.get_cmap("tab10" if len(sources) <= 10 else "tab20")
    colour = {source: palette(i % palette.N) for i, source in enumerate(sources)}
    by_day: dict[date, list[TimelineRow]] = defaultdict(list)
    for row in dated:
        by_day[row.day].append(row)

    figure, axes = plt.subplots(figsize=(11, 5.5))
    try:
        labelled: set[str] = set()
        for day, on_day in sorted(by_day.items()):
            for i, row in enumerate(on_day):
                x = day + timedelta(days=SAME_DAY_SPREAD * ((i + 0.5) / len(on_day) - 0.5))
                label = None if row.source in labelled else row.source
                labelled.add(row.source)
                _draw_estimate(axes, x, row, colour[row.source], label)
        units = sorted({row.unit for row in dated if row.unit})
        axes.set_xlabel("date of the estimate")
        axes.set_ylabel(f"estimate ({', '.join(units)})" if units else "estimate")
        axes.set_title(title)
        axes.grid(axis="y", alpha=0.3)
        axes.set_ylim(bottom=0)
        axes.yaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
        # Outside the plot, so it never hides an estimate.
        if any(row.forecast for row in dated):
            axes.plot([], [], "o", color="grey", markerfacecolor="none", markersize=8, label="hollow: forecast")
        axes.legend(title="source", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
        figure.autofmt_xdate()
        figure.tight_layout()
        figure.savefig(path, format=fmt, dpi=120)
    finally:
        plt.close(figure)
    return Path(path)


def _draw_estimate(axes: Any, x: date, row: TimelineRow, colour: Any, label: str | None) -> None:
    # A forecast keeps its source's colour but is hollow: the eye reads filled marks as reports.
    fill = "none" if row.forecast else colour
    if row.low is not None and row.high is not None:
        if row.low == row.high:
            axes.plot([x], [row.low], "o", color=colour, markerfacecolor=fill, markersize=8, label=label)
        elif row.forecast:
            axes.vlines(x, row.low, row.high, colors=[colour], linewidth=1.5, label=label)
            axes.plot([x, x], [row.low, row.high], "_", color=colour, markersize=10)
        else:
            axes.vlines(x, row.low, row.high, colors=[colour], linewidth=6, label=label)
    elif row.low is not None:
        axes.plot([x], [row.low], "^", color=colour, markerfacecolor=fill, markersize=10, label=label)
    else:
        axes.plot([x], [row.high], "v", color=colour, markerfacecolor=fill, markersize=10, label=label)
