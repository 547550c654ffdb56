"""Claims as the extractor stores them, built by hand for the linking tests.

Each helper call is one claim of a short wire story; the facets are filled the way
the facet extractors fill them (actor ids from data/actor_aliases.jsonl, admin1 as
the shipped gazetteer names it, e.g. "Sumska Oblast").
"""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.model import (
    Actor,
    ActorRole,
    ActorType,
    Attribution,
    AttributionKind,
    Claim,
    EventSubtype,
    Modality,
    Place,
    Polarity,
    QuantityBound,
    QuantityRange,
    Source,
    SourceType,
    TimeGranularity,
    TimeSpan,
)
from claimgraph.query import StoredClaim

ACTORS = {
    "north_korea_armed_forces": ("Korean People's Army", ActorType.ARMED_FORCES, "KP"),
    "russia": ("Russia", ActorType.STATE, "RU"),
    "russia_armed_forces": ("Russian Armed Forces", ActorType.ARMED_FORCES, "RU"),
}
REGIONS = {"Kursk Oblast": "RU", "Sumska Oblast": "UA", "Donetska Oblast": "UA"}


def make_claim(
    text: str,
    *,
    source: str,
    published: str,
    article: str,
    outlet: str = "Kyiv Wire",
    source_type: SourceType = SourceType.PERSON,
    organization: str | None = None,
    chain: tuple[tuple[str, SourceType], ...] = (),
    subtype: EventSubtype | None = None,
    figure: tuple[float | None, float | None, str | None] | None = None,
    actors: tuple[str, ...] = (),
    region: str | None = None,
    as_of: str | None = None,
    polarity: Polarity = Polarity.AFFIRMED,
    modality: Modality = Modality.ASSERTED,
) -> StoredClaim:
    """One stored claim; ``figure`` is (low, high, unit), ``as_of`` a day its time span ends on."""
    quantities = []
    if figure is not None:
        low, high, unit = figure
        bound = QuantityBound.EXACT if low == high else QuantityBound.AT_LEAST if high is None else QuantityBound.RANGE
        quantities.append(QuantityRange(text, 0, len(text), low, high, bound, unit=unit))
    places = []
    if region is not None:
        places.append(Place(region, 0, 1, region, 1, "ADM1", region, REGIONS[region], 0.0, 0.0, "region"))
    times = []
    if as_of is not None:
        day = date.fromisoformat(as_of)
        times.append(TimeSpan(as_of, 0, 1, day, day, TimeGranularity.DAY))
    claim = Claim(
        article_id=article,
        text=text,
        start=0,
        end=len(text),
        sentence=text,
        attribution=Attribution(
            AttributionKind.INDIRECT,
            Source(source, source_type, organization=organization),
            chain=tuple(Source(name, kind) for name, kind in chain),
        ),
        actors=[Actor(a, 0, 1, a, ACTORS[a][0], ACTORS[a][1], ACTORS[a][2], ActorRole.AGENT) for a in actors],
        quantities=quantities,
        places=places,
        times=times,
        event_subtype=subtype,
        polarity=polarity,
        modality=modality,
    )
    return StoredClaim(claim, article_title=text, outlet=outlet, published=date.fromisoformat(published), url=None)


@pytest.fixture
def claim():
    """The claim factory :func:`make_claim`."""
    return make_claim
