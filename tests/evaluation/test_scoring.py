from __future__ import annotations

import pytest

from claimgraph.evaluation.scoring import (
    AttributionSpans,
    Counts,
    match_exact,
    match_overlap,
    normalize_span,
    score_document,
)

from .brat_files import locate

TEXT = (
    "Andriy Yusov, a spokesman for military intelligence, said that about 11,000 North Korean "
    "soldiers had been sent to the Kursk region. \u201cThey are taking part in assaults,\u201d he added."
)


def span(piece: str) -> tuple[tuple[int, int], ...]:
    return (locate(TEXT, piece),)


def test_counts_precision_recall_f1():
    counts = Counts(tp=3, fp=1, fn=2)
    assert counts.precision == pytest.approx(0.75)
    assert counts.recall == pytest.approx(0.6)
    assert counts.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Counts(tp=3, fp=1, fn=2) + Counts(tp=1, fp=0, fn=1) == Counts(tp=4, fp=1, fn=3)


def test_nothing_predicted_scores_zero_not_undefined():
    counts = Counts(tp=0, fp=0, fn=5)
    assert (counts.precision, counts.recall, counts.f1) == (0.0, 0.0, 0.0)


def test_normalize_trims_and_joins_whitespace_gaps():
    text = "  said  the spokesman "
    assert normalize_span(((0, 8),), text) == ((2, 6),)
    assert normalize_span(((10, 19), (2, 6)), text) == ((2, 6), (10, 19))
    assert normalize_span(((2, 6), (7, 11), (12, 21)), text) == ((2, 21),)  # only spaces between the pieces
    assert normalize_span(((2, 6), (12, 21)), text) == ((2, 6), (12, 21))  # "the" lies between
    assert normalize_span(((2, 6), (4, 9)), text) == ((2, 9),)
    assert normalize_span(((0, 2), (21, 22)), text) == ()


def test_normalize_rejects_offsets_outside_the_text():
    with pytest.raises(ValueError, match=r"\(3, 40\) is outside a text of 22 characters"):
        normalize_span(((3, 40),), "  said  the spokesman ")


def test_exact_needs_the_same_characters_overlap_needs_one():
    gold = {span("Andriy Yusov, a spokesman for military intelligence")}
    predicted = {span("Andriy Yusov")}
    assert match_exact(gold, predicted) == Counts(tp=0, fp=1, fn=1)
    assert match_overlap(gold, predicted) == Counts(tp=1, fp=0, fn=0)


def test_overlap_is_one_to_one():
    gold = {span("Andriy Yusov"), span("a spokesman for military intelligence")}
    predicted = {span("Andriy Yusov, a spokesman for military intelligence")}
    assert match_overlap(gold, predicted) == Counts(tp=1, fp=0, fn=1)


def test_overlap_matches_largest_overlap_first():
    # Over "aaaaa bbbbbbbbbb": p_long shares 2 characters with gold_a and 10 with gold_b;
    # p_short shares 1 with gold_a. Largest first pairs (gold_b, p_long), then
    # (gold_a, p_short): two hits. Giving each gold span in turn its best prediction
    # would hand p_long to gold_a and leave gold_b unmatched.
    gold_a, gold_b = ((0, 5),), ((6, 16),)
    p_long, p_short = ((3, 16),), ((0, 1),)
    assert match_overlap({gold_a, gold_b}, {p_long, p_short}) == Counts(tp=2, fp=0, fn=0)


def test_spans_are_sets_per_role():
    speaker = span("Andriy Yusov")
    gold = [
        AttributionSpans(source=speaker, cue=span("said"), content=span("about 11,000 North Korean soldiers")),
        AttributionSpans(source=speaker, cue=span("added"), content=span("\u201cThey are taking part in assaults,\u201d")),
    ]
    predicted = [AttributionSpans(source=speaker, cue=span("said"), content=span("about 11,000 North Korean soldiers"))]
    counts = score_document(TEXT, gold, predicted)
    assert counts["source"] == Counts(tp=1, fp=0, fn=0)  # one mention serving two attributions counts once
    assert counts["cue"] == Counts(tp=1, fp=0, fn=1)
    assert counts["content_overlap"] == Counts(tp=1, fp=0, fn=1)


def test_empty_prediction_counts_every_gold_span_as_missed():
    gold = [AttributionSpans(source=span("he"), cue=span("added"), content=span("They are taking part in assaults"))]
    counts = score_document(TEXT, gold, [])
    assert set(counts) == {"source", "cue", "content", "source_overlap", "cue_overlap", "content_overlap"}
    assert all(count == Counts(tp=0, fp=0, fn=1) for count in counts.values())


def test_whitespace_only_differences_are_exact_matches():
    gold = [AttributionSpans(cue=span("said"))]
    start, end = locate(TEXT, "said")
    predicted = [AttributionSpans(cue=((start - 1, end + 1),))]  # " said " with its spaces
    assert score_document(TEXT, gold, predicted)["cue"] == Counts(tp=1, fp=0, fn=0)


def test_punctuation_is_not_forgiven_in_exact_match():
    gold = [AttributionSpans(content=span("\u201cThey are taking part in assaults,\u201d"))]
    predicted = [AttributionSpans(content=span("They are taking part in assaults"))]
    counts = score_document(TEXT, gold, predicted)
    assert counts["content"] == Counts(tp=0, fp=1, fn=1)
    assert counts["content_overlap"] == Counts(tp=1, fp=0, fn=0)
