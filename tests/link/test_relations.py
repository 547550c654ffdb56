"""Relations between two claims: each one positive and negative, on short wire-style claims."""

from __future__ import annotations

import pytest

from claimgraph.link.candidates import features_of
from claimgraph.link.relations import Relation, independence, relate
from claimgraph.model import EventSubtype, Modality, Polarity, SourceType

CASUALTIES = EventSubtype.CASUALTIES
DEPLOY = EventSubtype.DEPLOY_FORCES
PRESENCE = EventSubtype.PRESENCE_OF_FORCES
COMBAT = EventSubtype.GROUND_COMBAT
NK = ("north_korea_armed_forces", "russia")


def links(a, b):
    """relate() on two stored claims, checked to be the same in both orders."""
    x, y = features_of(a), features_of(b)
    forward = relate(x, y)
    assert forward == relate(y, x)
    return forward


def relations(a, b):
    return [link.relation for link in links(a, b)]


@pytest.fixture
def nis_3000(claim):
    return claim(
        "About 3,000 North Korean soldiers have been sent to Russia so far, the National Intelligence Service said",
        source="National Intelligence Service", source_type=SourceType.ORGANIZATION, outlet="Korea Wire",
        published="2024-10-23", article="kw1", subtype=DEPLOY, figure=(3000, 3000, "soldiers"), actors=NK,
    )


@pytest.fixture
def pentagon_3000(claim):
    return claim(
        "at least 3,000 North Korean soldiers had travelled by ship to eastern Russia, the Pentagon said",
        source="Pentagon", source_type=SourceType.ORGANIZATION, outlet="Wire Service",
        published="2024-10-23", article="ws1", subtype=DEPLOY, figure=(3000, None, "soldiers"), actors=NK,
    )


def test_same_figure_from_two_governments_corroborates(nis_3000, pentagon_3000):
    (link,) = links(nis_3000, pentagon_3000)
    assert link.relation is Relation.CORROBORATES
    assert "3,000 soldiers and ≥3,000 soldiers overlap" in link.evidence or "≥3,000 soldiers and 3,000 soldiers overlap" in link.evidence
    assert "independent: state:" in link.evidence and "state:KR" in link.evidence and "state:US" in link.evidence


def test_agency_citing_news_reports_is_not_independent(claim, nis_3000):
    citing = claim(
        "Pyongyang has sent about 3,000 soldiers to Russia, the agency reported, citing news reports",
        source="National Intelligence Service of South Korea's neighbour", source_type=SourceType.ORGANIZATION,
        outlet="Seoul Daily", published="2024-10-24", article="sd1", subtype=DEPLOY,
        figure=(3000, 3000, "soldiers"), actors=NK, chain=(("news reports", SourceType.MEDIA_REPORTS),),
    )
    other = claim(
        "Some 3,000 North Korean troops are now in Russia, a NATO spokeswoman said",
        source="Farah Dakhlallah", organization="NATO", outlet="Brussels Wire", published="2024-10-24",
        article="bw1", subtype=DEPLOY, figure=(3000, 3000, "troops"), actors=NK,
    )
    (link,) = links(citing, other)
    assert link.relation is Relation.SAME
    assert "relays unnamed news reports" in link.evidence
    assert relations(nis_3000, other) == [Relation.CORROBORATES]


def test_two_spokesmen_of_one_government_are_not_independent(claim):
    first = claim(
        "About 11,000 North Korean soldiers are in the Kursk region, Ukraine's military intelligence said",
        source="Andriy Yusov", organization="Ukraine's military intelligence", published="2024-11-05",
        article="k1", subtype=PRESENCE, figure=(11000, 11000, "soldiers"), actors=NK, region="Kursk Oblast",
    )
    second = claim(
        "Eleven thousand North Korean soldiers are in the Kursk region now, President Zelensky said",
        source="Volodymyr Zelensky", outlet="Pravda Wire", published="2024-11-05", article="p1",
        subtype=PRESENCE, figure=(11000, 11000, "soldiers"), actors=NK, region="Kursk Oblast",
    )
    (link,) = links(first, second)
    assert link.relation is Relation.SAME
    assert "not independent: both speak for state:UA" in link.evidence


def test_outlet_rewriting_another_outlet_cites_it_and_is_not_independent(claim, nis_3000):
    rewrite = claim(
        "About 3,000 North Korean soldiers are in Russia, Korea Wire reported, citing the National Intelligence Service",
        source="Korea Wire", source_type=SourceType.OUTLET, outlet="Cable News", published="2024-10-23",
        article="cn1", subtype=DEPLOY, figure=(3000, 3000, "soldiers"), actors=NK,
        chain=(("National Intelligence Service", SourceType.ORGANIZATION),),
    )
    found = {link.relation: link for link in links(rewrite, nis_3000)}
    assert set(found) == {Relation.SAME, Relation.CITES}
    assert found[Relation.CITES].a == rewrite.claim.id and found[Relation.CITES].b == nis_3000.claim.id
    assert not independence(features_of(rewrite), features_of(nis_3000))[0]


def test_disjoint_casualty_figures_on_one_day_contradict(claim):
    jcs = claim(
        "Around 1,100 North Korean soldiers have been killed or wounded in the Kursk region, the JCS said",
        source="Joint Chiefs of Staff", source_type=SourceType.ORGANIZATION, organization="South Korea's Joint Chiefs of Staff",
        outlet="Korea Wire", published="2024-12-23", article="kw2", subtype=CASUALTIES,
        figure=(1100, 1100, "soldiers"), actors=NK, region="Kursk Oblast",
    )
    zelensky = claim(
        "More than 3,000 North Korean soldiers have been killed and wounded in the Kursk region, Zelensky wrote",
        source="Volodymyr Zelensky", outlet="Ukraine Wire", published="2024-12-23", article="uw2",
        subtype=CASUALTIES, figure=(3000, None, "soldiers"), actors=NK, region="Kursk Oblast",
    )
    (link,) = links(jcs, zelensky)
    assert link.relation is Relation.CONTRADICTS
    assert "figures 1,100 soldiers and ≥3,000 soldiers are disjoint for the same time" in link.evidence


def test_figures_in_different_regions_are_not_compared(claim):
    kursk = claim(
        "Around 1,100 North Korean soldiers have been killed or wounded in the Kursk region",
        source="Joint Chiefs of Staff", source_type=SourceType.ORGANIZATION, published="2024-12-23",
        article="kw2", subtype=CASUALTIES, figure=(1100, 1100, "soldiers"), actors=NK, region="Kursk Oblast",
    )
    donetsk = claim(
        "More than 3,000 Russian soldiers were killed or wounded near Pokrovsk in the Donetsk region",
        source="Oleksandr Syrskyi", published="2024-12-23", article="uw3", subtype=CASUALTIES,
        figure=(3000, None, "soldiers"), actors=("russia_armed_forces",), region="Donetska Oblast",
    )
    assert links(kursk, donetsk) == []


@pytest.fixture
def artyukh(claim):
    return claim(
        "There are no Russian troops on the territory of Sumy region, Volodymyr Artyukh said",
        source="Volodymyr Artyukh", outlet="Pravda Wire", published="2025-03-12", article="pw1",
        subtype=PRESENCE, actors=("russia_armed_forces",), region="Sumska Oblast", polarity=Polarity.NEGATED,
    )


def test_fighting_contradicts_no_troops_in_the_same_region(claim, artyukh):
    demchenko = claim(
        "Russian forces are trying to open a combat zone near Novenke in Sumy region, Andriy Demchenko said",
        source="Andriy Demchenko", outlet="Ukraine Wire", published="2025-03-10", article="uw4",
        subtype=COMBAT, actors=("russia_armed_forces",), region="Sumska Oblast", modality=Modality.ATTEMPTED,
    )
    (link,) = links(artyukh, demchenko)
    assert link.relation is Relation.CONTRADICTS
    assert "opposite polarity: Volodymyr Artyukh negates what Andriy Demchenko affirms" in link.evidence


def test_opposite_polarity_weeks_apart_is_no_contradiction(claim, artyukh):
    april = claim(
        "Russian forces attacked border villages in Sumy region overnight, Andriy Demchenko said",
        source="Andriy Demchenko", outlet="Ukraine Wire", published="2025-04-20", article="uw5",
        subtype=COMBAT, actors=("russia_armed_forces",), region="Sumska Oblast",
    )
    assert links(artyukh, april) == []


def test_denial_contradicts_a_report(claim, nis_3000):
    peskov = claim(
        "Reports about North Korean soldiers being sent to Russia are another fake, Dmitry Peskov said",
        source="Dmitry Peskov", organization="Kremlin", outlet="Moscow Wire", published="2024-10-25",
        article="mw1", actors=NK,
    )
    (link,) = links(peskov, nis_3000)
    assert link.relation is Relation.CONTRADICTS
    assert "Dmitry Peskov denies what National Intelligence Service affirms" in link.evidence


def test_denial_does_not_answer_a_plan(claim):
    peskov = claim(
        "Reports about North Korean soldiers being sent to Russia are another fake, Dmitry Peskov said",
        source="Dmitry Peskov", organization="Kremlin", outlet="Moscow Wire", published="2024-10-25",
        article="mw1", actors=NK,
    )
    plan = claim(
        "North Korea will send soldiers to Russia next month, an analyst said",
        source="an analyst", source_type=SourceType.UNNAMED, published="2024-10-24", article="kw9",
        subtype=DEPLOY, actors=NK, modality=Modality.PLANNED,
    )
    assert links(peskov, plan) == []


@pytest.fixture
def zelensky_october(claim):
    return claim(
        "About 10,000 North Korean soldiers are in the Kursk region, Zelensky said",
        source="Volodymyr Zelensky", published="2024-10-28", article="z1", subtype=PRESENCE,
        figure=(10000, 10000, "soldiers"), actors=NK, region="Kursk Oblast",
    )


def test_later_estimate_updates_the_earlier(claim, zelensky_october):
    november = claim(
        "There are already 11,000 North Korean soldiers in the Kursk region, Zelensky said",
        source="Volodymyr Zelensky", published="2024-11-05", article="z2", subtype=PRESENCE,
        figure=(11000, 11000, "soldiers"), actors=NK, region="Kursk Oblast",
    )
    (link,) = links(zelensky_october, november)
    assert link.relation is Relation.UPDATES
    assert (link.a, link.b) == (november.claim.id, zelensky_october.claim.id)
    assert "the later one revises the earlier" in link.evidence


def test_lower_later_figure_is_not_an_update(claim, zelensky_october):
    newcomers = claim(
        "Between 1,000 and 3,000 North Korean soldiers were moved to the Kursk region, intelligence said",
        source="Andriy Yusov", published="2025-03-11", article="z3", subtype=DEPLOY,
        figure=(1000, 3000, "soldiers"), actors=NK, region="Kursk Oblast", as_of="2025-02-28",
    )
    assert links(zelensky_october, newcomers) == []


def test_claims_of_one_source_in_one_article_are_not_linked(claim):
    first = claim(
        "About 10,000 North Korean soldiers are in Russia", source="Sabrina Singh", published="2024-10-28",
        article="ap1", subtype=PRESENCE, figure=(10000, 10000, "soldiers"), actors=NK,
    )
    second = claim(
        "About 12,000 North Korean soldiers are in Russia", source="Sabrina Singh", published="2024-10-28",
        article="ap1", subtype=PRESENCE, figure=(12000, 12000, "soldiers"), actors=NK,
    )
    assert links(first, second) == []


def test_disagreeing_figures_need_a_shared_actor(claim):
    of_them = claim(
        "Some 3,000 of them had been killed or wounded by mid-January, the agency said",
        source="National Intelligence Service", source_type=SourceType.ORGANIZATION, published="2025-02-27",
        article="y1", subtype=CASUALTIES, figure=(3000, 3000, None), as_of="2025-01-20",
    )
    ukrainian = claim(
        "The Ukrainian armed forces lost up to 350 servicemen over the past day, the ministry said",
        source="ministry", source_type=SourceType.ORGANIZATION, published="2025-01-20", article="r1",
        subtype=CASUALTIES, figure=(None, 350, "servicemen"), actors=("russia_armed_forces",),
    )
    assert links(of_them, ukrainian) == []
