"""Blocking keys and the claim features they come from."""

from __future__ import annotations

from datetime import date, timedelta

from claimgraph.link.candidates import (
    blocking_keys,
    candidates,
    content_words,
    features_of,
    jaccard,
    load_config,
    minhash_keys,
    source_group,
)
from claimgraph.model import EventSubtype, Polarity, Source, SourceType

NK = ("north_korea_armed_forces", "russia")


def test_topic_from_subtype_then_cue_word_then_unit(claim):
    by_subtype = features_of(claim("x", source="A", published="2024-10-23", article="a", subtype=EventSubtype.CASUALTIES))
    by_word = features_of(claim("300 soldiers were killed", source="A", published="2024-10-23", article="a",
                                figure=(300, 300, "soldiers")))
    by_unit = features_of(claim("12,000 troops", source="A", published="2024-10-23", article="a",
                                figure=(12000, 12000, "troops")))
    assert (by_subtype.topic.name, by_word.topic.name, by_unit.topic.name) == ("casualties", "casualties", "forces")
    assert by_word.figure.low == 300


def test_as_of_prefers_reported_days_to_forecasts(claim):
    forecast = features_of(claim("10,000 expected by December", source="A", published="2024-10-23", article="a",
                                 as_of="2024-12-31"))
    assert forecast.as_of == date(2024, 12, 31) and forecast.planned
    undated = features_of(claim("3,000 already in Russia", source="A", published="2024-10-23", article="a"))
    assert undated.as_of == date(2024, 10, 23) and not undated.planned


def test_figures_of_one_topic_meet_within_figure_days(claim):
    config = load_config()

    def troops(published, text, figure):
        return features_of(claim(text, source="A", published=published, article=published, figure=(figure, figure, "troops"),
                                 subtype=EventSubtype.DEPLOY_FORCES, actors=NK, region="Kursk Oblast"))

    october = troops("2024-10-23", "North Korea sent 3,000 troops to Russia", 3000)
    within = troops((date(2024, 10, 23) + timedelta(days=config.figure_days)).isoformat(), "Soldiers arrived by ship", 10000)
    beyond = troops((date(2024, 10, 23) + timedelta(days=config.figure_days + 1)).isoformat(), "Units rotated home", 12000)
    assert candidates(october, within) and candidates(within, october)
    assert not candidates(october, beyond)


def test_figures_meet_through_a_shared_region_or_a_claim_naming_only_the_country(claim):
    def troops(text, region=None, actors=NK):
        return features_of(claim(text, source="A", published="2024-10-23", article=text, figure=(3000, 3000, "troops"),
                                 subtype=EventSubtype.DEPLOY_FORCES, actors=actors, region=region))

    kursk, sumy, unplaced = troops("3,000 in Kursk", "Kursk Oblast"), troops("3,000 in Sumy", "Sumska Oblast"), troops("3,000 sent")
    # Different regions of one country rule a pair out (relate), so they need not meet.
    assert not candidates(kursk, sumy)
    # A claim placed nowhere could be about either region: it probes the actor's listing.
    assert candidates(unplaced, kursk) and candidates(sumy, unplaced)


def test_claims_without_topic_get_no_keys(claim):
    assert blocking_keys(features_of(claim("The Kremlin did not respond", source="A", published="2024-10-23", article="a"))) == []


def test_minhash_keys_are_stable_and_follow_similarity():
    config = load_config()
    words = content_words("North Korean soldiers were moved to the Kursk region in January", config.stopwords)
    assert minhash_keys(words, 4, 2) == minhash_keys(frozenset(sorted(words)), 4, 2)
    assert len(minhash_keys(words, config.minhash_bands, config.minhash_rows)) == config.minhash_bands
    assert minhash_keys(frozenset(), 4, 2) == []
    near = content_words("North Korean soldiers were moved to the Kursk region in February", config.stopwords)
    assert jaccard(words, near) > 0.7
    assert set(minhash_keys(words, 16, 2)) & set(minhash_keys(near, 16, 2))


def test_source_groups():
    assert source_group(Source("Andriy Yusov", SourceType.PERSON, organization="Ukraine's military intelligence"), None) == "state:UA"
    assert source_group(Source("Dmitry Peskov", SourceType.PERSON, organization="Kremlin"), None) == "state:RU"
    assert source_group(Source("Korea Wire", SourceType.OUTLET), "Cable News") == "outlet:korea wire"
    assert source_group(Source("officials", SourceType.UNNAMED), "Cable News") == "outlet:cable news"
    assert source_group(Source("Jane Roe", SourceType.PERSON, organization="Think Tank"), None) == "name:think tank"
    assert source_group(Source("Roe", SourceType.PERSON), None) == source_group(Source("Jane Roe", SourceType.PERSON), None) == "person:roe"


def test_claims_naming_actors_meet_only_through_a_shared_actor(claim):
    def troops(text, actors):
        return features_of(claim(text, source="A", published="2024-10-23", article=text, figure=(3000, 3000, "troops"),
                                 subtype=EventSubtype.DEPLOY_FORCES, actors=actors))

    north_korea = troops("North Korea sent 3,000 troops", ("north_korea_armed_forces",))
    both = troops("Pyongyang's troops joined the Russian army", NK)
    russia = troops("Russia moved 40,000 troops to the border", ("russia_armed_forces",))
    assert candidates(north_korea, both)
    assert not candidates(north_korea, russia)


def test_claims_naming_no_actor_probe_the_listings(claim):
    def forces(text, actors=(), figure=None, region=None, polarity=Polarity.AFFIRMED):
        return features_of(claim(text, source="A", published="2024-10-23", article=text, figure=figure, region=region,
                                 subtype=EventSubtype.DEPLOY_FORCES, actors=actors, polarity=polarity))

    named = forces("North Korea sent 3,000 troops", ("north_korea_armed_forces",), figure=(3000, 3000, "troops"))
    in_kursk = forces("Russia moved 40,000 troops to Kursk", ("russia_armed_forces",), figure=(40000, 40000, "troops"),
                      region="Kursk Oblast")
    with_figure = forces("Some 3,000 soldiers arrived", figure=(3000, 3000, "soldiers"))
    none_in_kursk = forces("No fresh troops remain in the Kursk region", region="Kursk Oblast", polarity=Polarity.NEGATED)
    bare = forces("Thousands of fresh troops were seen")
    assert candidates(with_figure, named) and candidates(named, with_figure)
    # Opposite polarity in a shared region may contradict: the negation probes the region's listing.
    assert candidates(none_in_kursk, in_kursk) and not candidates(none_in_kursk, named)
    # Without figure, actor or region only similar wording (MinHash) can bring a claim in.
    assert all(key.lstrip("?+").startswith("lsh:") for key in blocking_keys(bare))
    # The listings are for the probes: two claims naming actors do not meet through them.
    assert not candidates(named, in_kursk)


def test_a_claim_without_figure_meets_the_claims_of_its_actor_within_denial_days(claim):
    config = load_config()

    def forces(text, published, figure=None):
        return features_of(claim(text, source="A", published=published, article=text + published, figure=figure,
                                 subtype=EventSubtype.DEPLOY_FORCES, actors=NK))

    statement = forces("Pyongyang's soldiers joined the Russian army", "2024-10-23")
    report = forces("North Korea sent 3,000 troops", "2024-10-30", figure=(3000, 3000, "troops"))
    late = forces("North Korea sent 3,000 troops", (date(2024, 10, 23) + timedelta(days=config.denial_days + 1)).isoformat(),
                  figure=(3000, 3000, "troops"))
    assert candidates(statement, report)
    assert not candidates(statement, late)


def test_minhash_keys_meet_within_denial_days_only(claim):
    config = load_config()

    def denial(published):
        return features_of(claim("Moscow denied that North Korean troops were fighting in Kursk", source="A",
                                 published=published, article=published, subtype=EventSubtype.DEPLOY_FORCES))

    start = date(2024, 10, 1)
    for gap in (0, 1, config.denial_days // 2, config.denial_days):
        assert candidates(denial(start.isoformat()), denial((start + timedelta(days=gap)).isoformat()))
    assert not candidates(denial(start.isoformat()), denial((start + timedelta(days=config.denial_days + 1)).isoformat()))
