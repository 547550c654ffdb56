"""The stance rules on wire-style headline/body pairs: what each label must and must not be given for."""

from __future__ import annotations

import pytest

from claimgraph.link.stance import (
    classify_stance,
    find_cues,
    load_cues,
    overlap,
    prepare_text,
    stem,
)

HEADLINE = "Russian forces capture village of Krasnohorivka near Donetsk"

AGREE_BODY = (
    "KYIV, Feb 12 (Reuters) - Russian forces have captured the village of Krasnohorivka west of Donetsk, "
    "the Ukrainian general staff confirmed on Monday. Ukrainian units withdrew to new positions after "
    "weeks of heavy shelling of the village."
)
DISAGREE_BODY = (
    "KYIV, Feb 12 (Reuters) - Ukraine's military denied on Monday that Russian forces had captured the "
    "village of Krasnohorivka near Donetsk, calling the report false. Ukrainian units still hold the village."
)
DISCUSS_BODY = (
    "MOSCOW, Feb 12 (Reuters) - Russian forces have reportedly captured the village of Krasnohorivka near "
    "Donetsk, according to pro-Russian military bloggers. The claims could not be verified by Reuters."
)
UNRELATED_BODY = (
    "BRUSSELS, Feb 12 (Reuters) - European Union finance ministers agreed on Monday to extend tariff "
    "exemptions for grain imports until next June, officials said."
)


@pytest.mark.parametrize(
    ("body", "label"),
    [(AGREE_BODY, "agree"), (DISAGREE_BODY, "disagree"), (DISCUSS_BODY, "discuss"), (UNRELATED_BODY, "unrelated")],
)
def test_body_stance_towards_headline(body, label):
    assert classify_stance(HEADLINE, body).label == label


def test_disagree_names_the_refuting_cues():
    stance = classify_stance(HEADLINE, DISAGREE_BODY)
    assert any("'denied'" in reason and "'false'" in reason for reason in stance.reasons)


def test_discuss_names_the_hedges():
    stance = classify_stance(HEADLINE, DISCUSS_BODY)
    assert any("'reportedly'" in reason and "'according to'" in reason for reason in stance.reasons)


def test_headline_that_reports_a_denial_is_agreed_with_not_disagreed_with():
    headline = "Kremlin denies Russian troops captured Krasnohorivka"
    body = (
        "MOSCOW, Feb 12 (Reuters) - The Kremlin on Monday denied that Russian troops had captured Krasnohorivka, "
        "calling Ukrainian reports of the capture fake."
    )
    stance = classify_stance(headline, body)
    assert stance.label != "disagree"
    assert any("headline reports a refutation" in reason for reason in stance.reasons)


def test_refutation_in_a_sentence_about_something_else_does_not_count():
    body = (
        "KYIV, Feb 12 (Reuters) - Russian forces captured the village of Krasnohorivka near Donetsk on Monday, "
        "Ukraine's general staff said. Separately, the ministry of energy denied blackouts in Lviv."
    )
    assert classify_stance(HEADLINE, body).label == "agree"


def test_overlap_is_the_share_of_headline_content_words_in_the_body():
    headline = prepare_text("Drones strike oil depot")
    body = prepare_text("A drone struck an oil depot on Sunday.")
    # Content stems drone, strike, oil, depot; the body has drone, oil, depot ("struck" is not "strike").
    assert overlap(headline, body) == pytest.approx(3 / 4)
    assert overlap(prepare_text("the and of"), body) == 0.0


def test_stem_matches_plurals_and_past_tense():
    assert stem("strikes") == stem("strike")
    assert stem("killed") == stem("kill")
    assert stem("casualties") == "casualty"
    assert stem("press") == "press"


def test_cues_match_whole_phrases_only():
    assert find_cues("there is no evidence that troops crossed".split())["refute"] == ("no evidence",)
    assert find_cues("the fakery of it".split())["refute"] == ()


def test_cue_file_has_both_kinds():
    cues = load_cues()
    assert ("hoax",) in cues["refute"]
    assert ("according", "to") in cues["hedge"]


def test_empty_texts_are_unrelated():
    assert classify_stance("", "").label == "unrelated"
