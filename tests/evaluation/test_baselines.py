from __future__ import annotations

import pytest

from claimgraph.evaluation import baselines
from claimgraph.evaluation.baselines import NaiveQuotes, baseline_reporting_verbs, nothing

from .brat_files import locate

# Two paragraphs: a closed quote with its speaker, then a paragraph whose quote is left open,
# as wire copy does when a quotation continues into the next paragraph.
WIRE = (
    "Kyiv, March 10 (Ukrinform) - Ukrainian forces repelled 14 attacks near Pokrovsk overnight.\n\n"
    "\u201cThe situation remains difficult but under control,\u201d John Kirby said on Monday.\n\n"
    "The commander added that reinforcements had arrived. \u201cWe are holding the line.\n"
)


@pytest.fixture(scope="module")
def nlp_loaded():
    baselines.load_pipeline()


def test_nothing_predicts_nothing():
    assert nothing(WIRE) == []


def test_baseline_reporting_verbs_are_read_from_the_data_file():
    verbs = baseline_reporting_verbs()
    assert {"say", "tell", "add"} <= verbs
    assert all(verb == verb.strip().lower() for verb in verbs)


def test_naive_takes_each_closed_quote_with_nearest_person_and_verb(nlp_loaded):
    [attribution] = NaiveQuotes()(WIRE)
    assert attribution.content == (locate(WIRE, "\u201cThe situation remains difficult but under control,\u201d"),)
    assert attribution.source == (locate(WIRE, "John Kirby"),)
    assert attribution.cue == (locate(WIRE, "said"),)


def test_naive_quote_without_person_or_verb_has_no_source_or_cue(nlp_loaded):
    text = "The statement ended with a pledge: \u201cno retreat from the river line.\u201d\n"
    [attribution] = NaiveQuotes()(text)
    assert attribution.content == (locate(text, "\u201cno retreat from the river line.\u201d"),)
    assert attribution.source is None and attribution.cue is None


@pytest.mark.skipif(not baselines.TEXTACY_FLAG, reason="textacy (the bench extra) is not installed")
def test_textacy_falls_back_to_paragraphs_when_a_quote_is_left_open(nlp_loaded):
    system = baselines.TextacyDirectQuotations()
    [attribution] = system(WIRE)
    assert system.failed_paragraphs == 1  # the paragraph with the open quote
    assert attribution.content == (locate(WIRE, "\u201cThe situation remains difficult but under control,\u201d"),)
    assert attribution.source == (locate(WIRE, "John Kirby"),)
    assert attribution.cue == (locate(WIRE, "said"),)
