"""Facets attached to claims by the pipeline, end to end through claimgraph.extract()."""

from __future__ import annotations

from datetime import date

import pytest

import claimgraph
from claimgraph.model import ActorRole, EventSubtype, EventType, Modality, Polarity, QuantityBound

ARTICLE = (
    "Military cooperation between North Korea and Russia continues, a spokesman for Ukraine's "
    "military intelligence (GUR), Andriy Yusov, told the outlet. According to intelligence, between "
    "1,000 and 3,000 North Korean soldiers were moved to the Kursk region from January to February. "
    "The head of the Sumy regional military administration, Volodymyr Artyukh, said no Russian troops "
    "remain in the region. On March 10 a border guard spokesman said Russian forces were trying to "
    "open a combat zone near Novenke in the Sumy region. Peskov denied that North Korean troops were in Russia."
)


@pytest.fixture(scope="module")
def claims():
    document = claimgraph.extract(ARTICLE, published="2025-03-11", outlet="Kyiv Independent")
    return document.claims


def claim_with(claims, words):
    found = [c for c in claims if words in c.text]
    assert found, f"no claim contains {words!r}: {[c.text for c in claims]}"
    return found[0]


def test_deployment_claim_has_every_facet(claims):
    claim = claim_with(claims, "North Korean soldiers were moved")
    assert claim.event_type is EventType.MOBILIZE and claim.event_subtype is EventSubtype.DEPLOY_FORCES
    (quantity,) = claim.quantities
    assert (quantity.low, quantity.high, quantity.bound, quantity.unit) == (1000, 3000, QuantityBound.RANGE, "soldiers")
    assert ARTICLE[quantity.start : quantity.end] == quantity.text
    assert [(p.name, p.country) for p in claim.places] == [("Kursk Oblast", "RU")]
    assert [(t.start_date, t.end_date) for t in claim.times] == [(date(2025, 1, 1), date(2025, 2, 28))]
    agents = [a for a in claim.actors if a.role is ActorRole.AGENT]
    assert agents and agents[0].country == "KP"


def test_demonyms_are_actors_not_places(claims):
    claim = claim_with(claims, "North Korean soldiers were moved")
    assert all(p.country != "KP" for p in claim.places)


def test_absence_claim_is_negated_and_holds_at_publication(claims):
    claim = claim_with(claims, "no Russian troops remain")
    assert claim.polarity is Polarity.NEGATED
    assert claim.event_subtype is EventSubtype.PRESENCE_OF_FORCES
    assert [(t.start_date, t.anchored) for t in claim.times] == [(date(2025, 3, 11), True)]


def test_attempt_near_village_takes_the_sentence_date_and_the_village_in_its_region(claims):
    claim = claim_with(claims, "trying to open a combat zone")
    assert claim.modality is Modality.ATTEMPTED
    assert claim.event_type is EventType.ASSAULT
    assert [t.start_date for t in claim.times] == [date(2025, 3, 10)]
    novenke = [p for p in claim.places if p.text == "Novenke"]
    assert novenke and novenke[0].admin1 == "Sumska Oblast" and novenke[0].country == "UA"


def test_denial_marks_the_content(claims):
    claim = claim_with(claims, "North Korean troops were in Russia")
    assert claim.modality is Modality.DENIED and claim.polarity is Polarity.NEGATED


def test_past_claim_without_time_gets_no_publication_date():
    document = claimgraph.extract("Officials said the bridge was destroyed.", published="2025-03-11")
    (claim,) = [c for c in document.claims if "bridge" in c.text]
    assert claim.times == []


def test_facets_round_trip_through_json(claims):
    from claimgraph.model import Claim

    for claim in claims:
        assert Claim.from_dict(claim.to_dict(), claim.article_id) == claim
