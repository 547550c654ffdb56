"""Time expressions: what find_times must find and resolve, what it must leave alone, and tag_times' TIMEX3 values."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.extract.times import default_lexicon, find_times, load_lexicon, tag_times
from claimgraph.model import TimeGranularity, TimeSpan

PUBLISHED = date(2025, 3, 11)  # a Tuesday

# (sentence, expression text, start date, end date, granularity, anchored), published 2025-03-11
MUST_FIND = [
    ("Between 1,000 and 3,000 soldiers were moved to the Kursk region from January to February.",
     "from January to February", "2025-01-01", "2025-02-28", "month", True),
    ("On March 10 a border guard spokesman said Russian forces were trying to advance.",
     "March 10", "2025-03-10", "2025-03-10", "day", True),
    ("The strike on December 5 destroyed a depot, the ministry said.",
     "December 5", "2024-12-05", "2024-12-05", "day", True),
    ("Shelling intensified last week along the border.", "last week", "2025-03-03", "2025-03-09", "week", True),
    ("The governor said on Monday that evacuations continue.", "Monday", "2025-03-10", "2025-03-10", "day", True),
    ("Since October, about 11,000 North Korean troops have been deployed.",
     "Since October", "2024-10-01", "2025-03-11", "month", True),
    ("In the past 24 hours, 47 clashes took place, the General Staff said.",
     "the past 24 hours", "2025-03-10", "2025-03-11", "day", True),
    ("Earlier this month the agency reported new arrivals.", "Earlier this month", "2025-03-01", "2025-03-11", "month", True),
    ("In 2024 the brigade lost a third of its vehicles.", "2024", "2024-01-01", "2024-12-31", "year", False),
    ("Currently there are no Russian troops in the region.", "Currently", "2025-03-11", "2025-03-11", "day", True),
    ("So far, no casualties have been reported.", "So far", "2025-03-11", "2025-03-11", "day", True),
    ("The troops are now stationed near Kursk.", "now", "2025-03-11", "2025-03-11", "day", True),
    ("The counteroffensive stalled in late February.", "late February", "2025-02-21", "2025-02-28", "month", True),
    ("Fighting resumed in mid-January, officials said.", "mid-January", "2025-01-11", "2025-01-20", "month", True),
    ("The first North Korean units arrived in early March.", "early March", "2025-03-01", "2025-03-10", "month", True),
    ("Losses fell in the first quarter, the report said.", "the first quarter", "2025-01-01", "2025-03-31", "quarter", True),
    ("Exports fell in the fourth quarter of 2024.", "the fourth quarter of 2024", "2024-10-01", "2024-12-31", "quarter", False),
    ("Recruitment peaked in autumn 2024.", "autumn 2024", "2024-09-01", "2024-11-30", "month", False),
    ("The unit was withdrawn two weeks ago.", "two weeks ago", "2025-02-24", "2025-03-02", "week", True),
    ("Drones struck an oil depot yesterday.", "yesterday", "2025-03-10", "2025-03-10", "day", True),
    ("Talks were held in Riyadh on March 10-11.", "March 10-11", "2025-03-10", "2025-03-11", "day", True),
    ("The statement was issued on 10 March 2025.", "10 March 2025", "2025-03-10", "2025-03-10", "day", False),
    ("Satellite images dated 2025-03-10 show the convoy.", "2025-03-10", "2025-03-10", "2025-03-10", "day", False),
    ("Between November and December 2024 the troops trained in Primorsky Krai.",
     "Between November and December 2024", "2024-11-01", "2024-12-31", "month", True),
    ("A new offensive is expected in the spring.", "the spring", "2025-03-01", "2025-05-31", "month", True),
    ("The deployment began on November 4, 2024, intelligence said.", "November 4, 2024", "2024-11-04", "2024-11-04", "day", False),
    ("The agreement was signed in June 2024.", "June 2024", "2024-06-01", "2024-06-30", "month", False),
    ("The bridge was hit last month.", "last month", "2025-02-01", "2025-02-28", "month", True),
    ("The brigade was formed last year.", "last year", "2024-01-01", "2024-12-31", "year", True),
    ("Casualties have risen this year.", "this year", "2025-01-01", "2025-12-31", "year", True),
    ("The ministers will meet next week in Brussels.", "next week", "2025-03-17", "2025-03-23", "week", True),
    ("Peace talks stalled last Friday.", "last Friday", "2025-03-07", "2025-03-07", "day", True),
    ("The foreign minister will travel to Seoul on Friday.", "Friday", "2025-03-14", "2025-03-14", "day", True),
    ("Explosions were heard overnight in Sumy.", "overnight", "2025-03-11", "2025-03-11", "day", True),
    ("Air raid sirens sounded last night across the region.", "last night", "2025-03-10", "2025-03-10", "day", True),
    ("Over the past three months, 200 drones were launched.", "the past three months", "2024-12-11", "2025-03-11", "month", True),
    ("The village changed hands several times in the 1990s.", "the 1990s", "1990-01-01", "1999-12-31", "decade", False),
    ("Prices doubled in early 2024.", "early 2024", "2024-01-01", "2024-04-30", "year", False),
    ("The exercise took place in Q3 2024.", "Q3 2024", "2024-07-01", "2024-09-30", "quarter", False),
    ("The ceasefire collapsed on Thanksgiving, the envoy said.", "Thanksgiving", "2024-11-28", "2024-11-28", "day", True),
    ("The village was shelled in 1995. Later that year the garrison withdrew.",
     "Later that year", "1995-01-01", "1995-12-31", "year", True),
    ("The brigade expects to rotate out by the end of the year.",
     "the end of the year", "2025-09-01", "2025-12-31", "year", True),
    ("A new rotation of the brigade begins in early April.", "early April", "2025-04-01", "2025-04-10", "month", True),
    ("Grozny was stormed in nineteen ninety-five, the narrator recalls.",
     "nineteen ninety-five", "1995-01-01", "1995-12-31", "year", False),
    ("Shelling stopped at noon Monday, residents said.", "noon Monday", "2025-03-10", "2025-03-10", "day", True),
    ("Russia launched 150 drones on Sept. 30, 2024.", "Sept. 30, 2024", "2024-09-30", "2024-09-30", "day", False),
    ("Three civilians were killed this morning in Kharkiv.", "this morning", "2025-03-11", "2025-03-11", "day", True),
    ("The brigade held the line through the winter of 2023.", "the winter of 2023", "2023-12-01", "2024-02-29", "month", False),
    ("The deadline was moved to Friday, March 14.", "Friday, March 14", "2025-03-14", "2025-03-14", "day", True),
]


@pytest.mark.parametrize("sentence,text,start,end,granularity,anchored", MUST_FIND, ids=[c[1] for c in MUST_FIND])
def test_must_find(sentence, text, start, end, granularity, anchored):
    spans = find_times(sentence, published=PUBLISHED)
    matching = [s for s in spans if s.text == text]
    assert matching, f"{text!r} not found in {sentence!r}; got {[s.text for s in spans]}"
    span = matching[0]
    assert sentence[span.start : span.end] == text
    assert (span.start_date.isoformat(), span.end_date.isoformat()) == (start, end)
    assert span.granularity is TimeGranularity(granularity)
    assert span.anchored is anchored


def test_must_find_count():
    assert len(MUST_FIND) >= 40


def test_day_range_without_month_on_first_end_is_the_month_only():
    # "10 to 12 March": "10" alone is no date, so only "12 March" is found, as a day
    spans = find_times("The shelling continued from 10 to 12 March.", published=PUBLISHED)
    assert [(s.text, s.start_date) for s in spans] == [("12 March", date(2025, 3, 12))]


MUST_NOT = [
    "The 47th brigade repelled the assault.",
    "Article 5 of the NATO treaty was not invoked.",
    "Up to 3,000 soldiers were moved to the front.",
    "Troops may withdraw from the border villages.",
    "The march on Kyiv failed in the first weeks.",
    "The Sunday Times reported that the general was dismissed.",
    "North Korea sent 2000 soldiers to the region.",
    "Resolution 2231 expired without a vote.",
    "The fall of Bakhmut was announced by Wagner.",
    "A quarter of the troops were wounded.",
    "He is a 46-year-old colonel from Kursk.",
    "The drone flew at 1500 metres.",
    "Flight 1402 was diverted to Warsaw.",
    "They march toward the river every morning",  # "march" the verb; "every morning" is a set, no span
    "The current account deficit widened.",
    "It was not so far from the front line.",
    "Bloody Sunday is remembered in Derry.",
    "Two thousand soldiers crossed the border.",
    "Nineteen eighty-four people were evacuated.",
    "The film High Noon was shown to the troops.",
    "It was the year of the Tiger, the monks said.",
]


@pytest.mark.parametrize("sentence", MUST_NOT)
def test_must_not(sentence):
    assert find_times(sentence, published=PUBLISHED) == []


def test_must_not_count():
    assert len(MUST_NOT) >= 15


def test_modal_may_is_not_a_month_but_in_may_is():
    assert find_times("The brigade may return.", published=PUBLISHED) == []
    span = find_times("The brigade returned in May.", published=PUBLISHED)[0]
    assert (span.text, span.start_date, span.end_date) == ("May", date(2024, 5, 1), date(2024, 5, 31))


def test_offset_shifts_spans_into_the_article():
    article = "KYIV, March 11 (Reuters) - The unit withdrew yesterday, officials said."
    claim_start = article.index("The unit")
    claim = article[claim_start:]
    span = find_times(claim, published=PUBLISHED, offset=claim_start)[0]
    assert article[span.start : span.end] == "yesterday"


def test_without_publication_date_relative_expressions_are_skipped():
    text = "Yesterday, on March 10, troops left; in 2024 and on 10 March 2025 they had arrived."
    spans = find_times(text, published=None)
    assert [s.text for s in spans] == ["2024", "10 March 2025"]
    assert not any(s.anchored for s in spans)


def test_bad_arguments_raise_type_error():
    with pytest.raises(TypeError, match="text"):
        find_times(None, published=PUBLISHED)
    with pytest.raises(TypeError, match="published"):
        find_times("yesterday", published="2025-03-11")


def test_datetime_publication_is_read_as_its_day():
    from datetime import datetime

    span = find_times("yesterday", published=datetime(2025, 3, 11, 23, 59))[0]
    assert span.start_date == date(2025, 3, 10)


def test_date_without_year_soon_after_publication_is_the_coming_one():
    # a deadline a few days ahead; the past reading would be almost a year back
    span = find_times("They must leave by March 20.", published=PUBLISHED)[0]
    assert span.start_date == date(2025, 3, 20)


def test_later_counts_from_the_last_date_mentioned():
    spans = find_times("The village fell on February 3. Two days later the unit withdrew.", published=PUBLISHED)
    assert [(s.text, s.start_date) for s in spans] == [("February 3", date(2025, 2, 3)), ("Two days later", date(2025, 2, 5))]


# (text, TIMEX3 type, value) for tag_times, published 2025-03-11
TIMEX_VALUES = [
    ("for three years", "DURATION", "P3Y"),
    ("a 30-day ceasefire", "DURATION", "P30D"),
    ("in the past 24 hours", "DURATION", "PT24H"),
    ("for several weeks", "DURATION", "PXW"),
    ("daily", "SET", "P1D"),
    ("now", "DATE", "PRESENT_REF"),
    ("recently", "DATE", "PAST_REF"),
    ("last week", "DATE", "2025-W10"),
    ("the third quarter", "DATE", "2024-Q3"),
    ("last summer", "DATE", "2024-SU"),
    ("the 1990s", "DATE", "199"),
    ("Friday night", "TIME", "2025-03-07TNI"),
    ("at 9 a.m. Monday", "TIME", "2025-03-10T09:00"),
    ("for 5 1/2 hours", "DURATION", "PT5H30M"),
    ("for 2 1/2 years", "DURATION", "P2Y6M"),
    ("a minute and a half", "DURATION", "PT1M30S"),
    ("for two more weeks", "DURATION", "P2W"),
    ("a couple of years", "DURATION", "P2Y"),
    ("almost a hundred years", "DURATION", "P100Y"),
    ("the 20th century", "DATE", "19"),
    ("the nineties", "DATE", "199"),
    ("January nineteen ninety-seven", "DATE", "1997-01"),
    ("by the year two thousand", "DATE", "2000"),
    ("on Election Day", "DATE", "2024-11-05"),
    ("last Thanksgiving", "DATE", "2024-11-28"),
    ("noon Thursday", "TIME", "2025-03-06T12:00"),
    ("flights leave each Thursday", "SET", "XXXX-WXX-4"),
    ("the river floods every July", "SET", "XXXX-07"),
]


@pytest.mark.parametrize("text,type_,value", TIMEX_VALUES)
def test_timex_values(text, type_, value):
    timexes = tag_times(text, published=PUBLISHED)
    assert [(t.type, t.value) for t in timexes] == [(type_, value)]


def test_range_ends_are_separate_timexes():
    timexes = tag_times("from January to February", published=PUBLISHED)
    assert [(t.text, t.value) for t in timexes] == [("January", "2025-01"), ("February", "2025-02")]


def test_so_far_is_kept_for_claims_but_not_a_timeml_expression():
    (timex,) = tag_times("so far", published=PUBLISHED)
    assert timex.value == "PRESENT_REF" and timex.timeml is False


def test_timespan_round_trips_through_dict():
    span = find_times("from January to February", published=PUBLISHED)[0]
    d = span.to_dict()
    assert d["start_date"] == "2025-01-01" and d["granularity"] == "month"
    assert TimeSpan.from_dict(d) == span


def test_lexicon_controls_the_words():
    rows = [dict(row) for row in _packaged_rows() if row["kind"] != "reference"]
    lexicon = load_lexicon(rows)
    assert tag_times("currently", published=PUBLISHED, lexicon=lexicon) == []
    assert tag_times("currently", published=PUBLISHED, lexicon=default_lexicon())


def _packaged_rows():
    import json
    from importlib import resources

    text = resources.files("claimgraph.data").joinpath("time_expressions.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _values(text, published=PUBLISHED):
    return [(t.text, t.value) for t in tag_times(text, published=published)]


def test_year_ago_in_a_report_on_a_quarter_is_that_quarter_a_year_back():
    text = "Profit rose in the fourth quarter. Net income was $5 million a year ago and sales were lower a year earlier."
    assert _values(text) == [("the fourth quarter", "2024-Q4"), ("a year ago", "2023-Q4"), ("a year earlier", "2023-Q4")]
    # two years back is a year even in such a report; without a quarter, a year ago is a year
    assert _values("Profit rose in the fourth quarter from two years ago.")[-1] == ("two years ago", "2023")
    assert _values("Net income was $5 million a year ago.") == [("a year ago", "2024")]


def test_a_forecast_quarter_is_not_the_quarter_reported_on():
    text = "Profit will recover by the third quarter of 2026. A year ago it was higher."
    assert _values(text)[-1] == ("A year ago", "2024")


def test_the_year_is_the_publication_year_unless_it_is_a_reporting_period():
    assert _values("Shares hit a high for the year on Monday.")[0] == ("the year", "2025")
    (period, _) = tag_times("For the year ended Sept. 30, it earned $5 million.", published=PUBLISHED)
    assert (period.text, period.type, period.value) == ("the year", "DURATION", "P1Y")
    assert _values("Sales fell from $450 million the year before.") == []


def test_the_following_day_counts_from_the_last_date_mentioned():
    spans = find_times("The village fell on February 3. The following day the unit withdrew.", published=PUBLISHED)
    assert [(s.text, s.start_date) for s in spans][-1] == ("The following day", date(2025, 2, 4))


def test_a_possessive_weekday_is_a_day_that_has_been():
    assert _values("Lawyers will appeal Wednesday's ruling.") == [("Wednesday", "2025-03-05")]
    assert _values("The envoys will meet Wednesday.") == [("Wednesday", "2025-03-12")]


def test_a_past_tense_verb_keeps_a_date_without_year_in_the_past():
    # nine days ahead would be read as the coming March 20 without the verb (see the "by March 20" test)
    assert _values("The offensive was announced March 20.") == [("March 20", "2024-03-20")]


def test_a_newspaper_called_daily_is_not_a_set():
    assert _values("The party daily Granma printed the letter.") == []
    assert _values("Qantas plans daily flights to Bombay.") == [("daily", "P1D")]


def test_that_year_with_nothing_before_it_has_no_claim_span():
    # a claim's sentence may say "that year" of a date in an earlier sentence it does not hold
    assert find_times("Later that year the garrison withdrew.", published=PUBLISHED) == []
    assert _values("Later that year the garrison withdrew.") == [("Later that year", "2025")]
