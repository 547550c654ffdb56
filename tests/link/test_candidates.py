"""Blocking keys and the claim features they come from."""

from __future__ import annotations

from datetime import date

from claimgraph.link.candidates import blocking_keys, content_words, features_of, jaccard, load_config, minhash_keys, source_group
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
