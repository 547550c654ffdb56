"""Blocking keys and the claim features they come from."""

from __future__ import annotations

from datetime import date, timedelta

from claimgraph.link.candidates import (
    blocking_keys,
    content_words,
    features_of,
    jaccard,
    load_config,
    matching_keys,
    minhash_keys,
    source_group,
)
from claimgraph.model import EventSubtype, Source, SourceType

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


def test_claims_of_one_topic_a_quarter_apart_share_a_key_and_a_year_apart_do_not(claim):
    def keys(published, text):
        return set(blocking_keys(features_of(claim(text, source="A", published=published, article=published,
                                                   subtype=EventSubtype.DEPLOY_FORCES, actors=NK))))

    october = keys("2024-10-23", "North Korea sent troops to Russia")
    january = keys("2025-01-15", "Soldiers arrived by ship at Vladivostok")
    next_year = keys("2025-10-15", "Units rotated home across the Tumen river")
    assert {k for k in october & january if k.startswith("topic:")}
    assert not october & next_year


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


def _meet(x: list[str], y: list[str]) -> set[str]:
    """The keys of y that x is compared through."""
    return {match for key in x for match in matching_keys(key)} & set(y)


def test_claims_naming_actors_meet_only_through_a_shared_actor(claim):
    def keys(text, actors):
        return blocking_keys(features_of(claim(text, source="A", published="2024-10-23", article=text,
                                               subtype=EventSubtype.DEPLOY_FORCES, actors=actors)))

    north_korea = keys("North Korea sent 3,000 troops", ("north_korea_armed_forces",))
    both = keys("Pyongyang's troops joined the Russian army", NK)
    russia = keys("Russia moved 40,000 troops to the border", ("russia_armed_forces",))
    assert {k for k in _meet(north_korea, both) if k.startswith("topic:")}
    assert not {k for k in _meet(north_korea, russia) if "topic" in k}


def test_claims_naming_no_actor_probe_the_listings_of_their_facets(claim):
    def keys(text, actors=(), figure=None, region=None):
        return blocking_keys(features_of(claim(text, source="A", published="2024-10-23", article=text, figure=figure,
                                               region=region, subtype=EventSubtype.DEPLOY_FORCES, actors=actors)))

    named = keys("North Korea sent 3,000 troops", ("north_korea_armed_forces",), figure=(3000, 3000, "troops"))
    other_named = keys("Russia moved 40,000 troops to Kursk", ("russia_armed_forces",), figure=(40000, 40000, "troops"),
                       region="Kursk Oblast")
    with_figure = keys("Some 3,000 soldiers arrived", figure=(3000, 3000, "soldiers"))
    in_kursk = keys("Fresh troops were seen in the Kursk region", region="Kursk Oblast")
    bare = keys("Thousands of fresh troops were seen")
    assert _meet(with_figure, named) and _meet(named, with_figure)
    assert _meet(in_kursk, other_named) and not _meet(in_kursk, named)
    assert not _meet(with_figure, in_kursk)
    # Without figure or region only similar wording (MinHash) can bring a claim in.
    assert all(key.startswith("lsh:") for key in bare)
    # The listings are for the probes: two claims naming actors do not meet through them.
    assert not {k for k in _meet(named, other_named) if "topic" in k}


def test_minhash_keys_meet_within_denial_days_only(claim):
    config = load_config()

    def bands(published):
        stored = claim("Moscow denied that North Korean troops were fighting in Kursk", source="A",
                       published=published, article=published, subtype=EventSubtype.DEPLOY_FORCES)
        return {k for k in blocking_keys(features_of(stored)) if k.startswith("lsh:")}

    def day(start, gap):
        return date.fromordinal(start.toordinal() + gap).isoformat()

    for start in (date(2024, 10, 1) + timedelta(days=n) for n in range(0, 30, 3)):
        assert all(bands(start.isoformat()) & bands(day(start, gap)) for gap in (1, config.denial_days // 2, config.denial_days))
    assert not bands("2024-10-01") & bands("2024-12-15")
