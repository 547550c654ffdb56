"""Time expressions in news text, resolved against the article's publication date.

Two layers:

- :func:`tag_times` finds every time expression TimeML would mark ("Friday",
  "last week", "three years", "daily", "now") and gives each a TIMEX3 type and
  value ("2025-03-07", "2025-W10", "P3Y", "P1D", "PRESENT_REF") plus, where the
  expression names a stretch of calendar days, a :class:`~claimgraph.model.TimeSpan`.
  The TempEval-3 evaluation scores this layer.
- :func:`find_times` returns the claim facet: the calendar spans only, with the
  project's range and anchoring rules on top ("from January to February" is
  one span 2025-01-01/2025-02-28, "since October" runs to the publication date).

Finding expressions is regex over a lexicon (``data/time_expressions.jsonl``);
explicit date strings ("March 10", "10 March 2025", "2025-03-10") are resolved
by dateparser with the publication date as ``RELATIVE_BASE``, so no result
ever depends on the day the code runs. Everything else is the project's own,
because dateparser resolves a date string to one instant: it turns "from
January to February" into two days (the first of each month), has no notion
of granularity ("last week" becomes the day seven days back, not an ISO week),
no anchored spans ("so far", "in the past 24 hours"), and its ``search_dates``
takes "may" and "march" for months and "Sunday Times" for a day.

Without a publication date nothing relative can be resolved: such expressions
("yesterday", "on Monday", "March 10" without a year) are skipped, and only
expressions the text fixes by itself ("10 March 2025", "in 2024", "the 1990s")
and durations and sets (which need no anchor) are returned.

An expression counts as *anchored* when the text alone does not fix its dates:
they were computed from the publication date ("currently", "so far", "last
week", "on Monday", "March 10" whose year comes from the publication date).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from datetime import date, datetime, timedelta
from typing import Any

import dateparser

from ..datafiles import bundled_rows
from ..model import TimeGranularity, TimeSpan

LEXICON_FILE = "time_expressions.jsonl"

NEAR_FUTURE_DAYS = 92
"""A date written without its year ("Jan. 14") is read as the coming one when that is at most
this many days after publication: the past reading would lie nine months or more back, and
news copy gives the year for dates that old. Measured on TempEval-3 Training (deadlines,
payment dates, hearings), where past-only reading got these wrong."""

NEAR_FUTURE_MONTH_DAYS = 45
"""A month named without its year ("in November") is read as the coming one when it begins at most
this many days after publication: the past reading would be ten or more months back. Shorter than
:data:`NEAR_FUTURE_DAYS` because a month is a longer stretch: "returned in May" in a March article
is last May. Measured on TempEval-3 Training ("results in mid-November" in late-October copy)."""

G = TimeGranularity


@dataclass(frozen=True)
class Timex:
    """One time expression as TimeML sees it: extent, TIMEX3 type and value, and its calendar span if any.

    type (str): ``DATE``, ``TIME``, ``DURATION`` or ``SET``.
    value (str): the TIMEX3 value: ``2025-03-10``, ``2025-W10``, ``2025-Q1``, ``2024-FA``,
        ``199`` (a decade), ``P3Y``, ``PT24H``, ``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF``.
    span (TimeSpan | None): the days the expression names; ``None`` for durations that are
        not anchored ("three years"), sets ("daily") and vague references ("recently").
    timeml (bool): False for expressions TimeML does not mark but the claim facet reads as
        the publication date ("so far", "to date"); the TempEval evaluation skips them.
    """

    text: str
    start: int
    end: int
    type: str
    value: str
    span: TimeSpan | None = None
    timeml: bool = True


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class TimeLexicon:
    """The word lists of ``time_expressions.jsonl``, keyed for the patterns below."""

    months: dict[str, int]  # "Sept." -> 9, every form that may stand alone
    months_with_day: dict[str, int]  # forms that count only before/after a day number: "Jan", "Sept"
    weekdays: dict[str, int]  # "Monday" / "Mon." -> 0
    units: dict[str, dict[str, Any]]  # "weeks" -> {"timex": "W", "granularity": "week"}
    numbers: dict[str, int | None]  # "twenty" -> 20, "several" -> None (vague)
    seasons: dict[str, dict[str, Any]]
    parts_of_day: dict[str, str]  # "night" -> "NI"
    references: dict[str, dict[str, Any]]  # "currently" -> {"timex": "PRESENT_REF", …}
    sets: dict[str, dict[str, Any]]
    holidays: dict[str, dict[str, Any]]  # "Christmas" -> {"month_day": "12-25"}; "Thanksgiving" -> {"month": 11, "weekday": 3, "on_or_after": 22}
    future_cues: tuple[str, ...]
    names_after_weekday: frozenset[str]  # "Sunday Times": a paper, not a day
    names_before_weekday: frozenset[str]  # "Good Friday", "Bloody Sunday"
    count_nouns: frozenset[str]  # "2000 soldiers": a count, not a year

    @cached_property
    def rules(self) -> list[_Rule]:
        """The compiled patterns, built once per lexicon."""
        return _build_rules(self)


def load_lexicon(rows: list[dict[str, Any]]) -> TimeLexicon:
    """Build a :class:`TimeLexicon` from the JSONL rows (one dict per line)."""
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_kind.setdefault(row["kind"], []).append(row)

    def names(kind: str) -> list[str]:
        return [name for row in by_kind.get(kind, []) for name in row["names"]]

    def per_name(kind: str, key: str | None = None) -> dict[str, Any]:
        return {name: (row if key is None else row[key]) for row in by_kind.get(kind, []) for name in row["names"]}

    return TimeLexicon(
        months=per_name("month", "number"),
        months_with_day={name: row["number"] for row in by_kind.get("month", []) for name in row.get("with_day_only", [])},
        weekdays=per_name("weekday", "number"),
        units=per_name("unit"),
        numbers=per_name("number", "value"),
        seasons=per_name("season"),
        parts_of_day=per_name("part_of_day", "timex"),
        references=per_name("reference"),
        sets=per_name("set"),
        holidays=per_name("holiday"),
        future_cues=tuple(names("future_cue")),
        names_after_weekday=frozenset(names("name_after_weekday")),
        names_before_weekday=frozenset(names("name_before_weekday")),
        count_nouns=frozenset(n.lower() for n in names("count_noun")),
    )


@lru_cache(maxsize=1)
def default_lexicon() -> TimeLexicon:
    """The packaged lexicon, read once per process."""
    return load_lexicon(bundled_rows(LEXICON_FILE))


# --------------------------------------------------------------------------- calendar helpers


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _week_monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _week_value(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def _quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def _unit_span(unit: str, day: date) -> tuple[date, date, str, TimeGranularity]:
    """The calendar unit (week, month, …) that contains ``day``: first day, last day, TIMEX3 value, granularity."""
    if unit == "day":
        return day, day, day.isoformat(), G.DAY
    if unit == "week":
        monday = _week_monday(day)
        return monday, monday + timedelta(days=6), _week_value(day), G.WEEK
    if unit == "weekend":
        saturday = _week_monday(day) + timedelta(days=5)
        return saturday, saturday + timedelta(days=1), _week_value(day) + "-WE", G.WEEK
    if unit == "month":
        return date(day.year, day.month, 1), _month_end(day.year, day.month), f"{day.year:04d}-{day.month:02d}", G.MONTH
    if unit == "quarter":
        q = _quarter_of(day)
        first = date(day.year, 3 * q - 2, 1)
        return first, _month_end(day.year, 3 * q), f"{day.year:04d}-Q{q}", G.QUARTER
    if unit == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31), f"{day.year:04d}", G.YEAR
    if unit == "decade":
        first = day.year // 10 * 10
        return date(first, 1, 1), date(first + 9, 12, 31), str(first // 10), G.DECADE
    raise ValueError(f"no calendar unit {unit!r}")


def _shift(day: date, unit: str, amount: int) -> date:
    """``day`` moved by ``amount`` units (negative: back in time)."""
    if unit in ("day",):
        return day + timedelta(days=amount)
    if unit in ("week", "weekend"):
        return day + timedelta(weeks=amount)
    if unit == "month":
        return _add_months(day, amount)
    if unit == "quarter":
        return _add_months(day, 3 * amount)
    if unit == "year":
        return _add_months(day, 12 * amount)
    if unit == "decade":
        return _add_months(day, 120 * amount)
    if unit == "century":
        return _add_months(day, 1200 * amount)
    raise ValueError(f"no calendar unit {unit!r}")


def _part(first: date, last: date, part: str | None) -> tuple[date, date]:
    """The early / mid / late third of a span (``part`` None: the whole span).

    A month splits at the 10th and 20th ("late February" is the 21st to the end); a span
    of whole months in a multiple of three splits by months ("early 2024" is January to
    April), a decade by years ("the late 1990s" is 1997 to 1999); anything else by days.
    """
    if part is None:
        return first, last
    whole_months = first.day == 1 and last == _month_end(last.year, last.month)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if whole_months and months == 1:
        bounds = {"early": (1, 10), "mid": (11, 20), "late": (21, last.day)}[part]
        return first.replace(day=bounds[0]), first.replace(day=bounds[1])
    if whole_months and months == 120:
        low, high = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}[part]
        return date(first.year + low, 1, 1), date(first.year + high, 12, 31)
    if whole_months and months % 3 == 0:
        third = months // 3
        index = {"early": 0, "mid": 1, "late": 2}[part]
        start = _add_months(first, index * third)
        end = _add_months(start, third - 1)
        return start, _month_end(end.year, end.month)
    days = (last - first).days + 1
    third = days // 3
    if part == "early":
        return first, first + timedelta(days=third - 1)
    if part == "mid":
        return first + timedelta(days=third), last - timedelta(days=days - 2 * third)
    return first + timedelta(days=2 * third), last


_PART_WORDS = {
    "early": "early",
    "the beginning of": "early",
    "the start of": "early",
    "mid": "mid",
    "the middle of": "mid",
    "late": "late",
    "the end of": "late",
}

# --------------------------------------------------------------------------- the tagger


class _Context:
    """One text being tagged: the publication date and the look-arounds rules need."""

    def __init__(self, text: str, published: date | None, lexicon: TimeLexicon) -> None:
        self.text = text
        self.published = published
        self.lexicon = lexicon
        self.reference: Timex | None = None  # the last date mentioned, for "two days later"
        # the last quarter mentioned: in an earnings report "a year ago" is that quarter a year back
        self.quarter: Timex | None = None
        words = _alternation([c for c in lexicon.future_cues if not c.startswith("'")])
        clitics = _alternation([c for c in lexicon.future_cues if c.startswith("'")])
        self._future = re.compile(rf"(?i)(?:(?<![\w'])(?:{words})|(?:{clitics}))(?!\w)")

    def future(self, start: int) -> bool:
        """Whether the clause before ``start`` speaks of the future ("will meet on Monday")."""
        window = self.text[max(0, start - 60) : start]
        window = re.split(r"[.;!?]\s|\n|,\s", window)[-1]
        return bool(self._future.search(window))

    def past_verb_before(self, start: int) -> bool:
        """Whether the word just before ``start`` is a past-tense verb ("ended Jan. 31", "announced
        Aug. 21"): then a date without its year is the past one, however close the coming one is.
        A word in ``-ed`` that is a future cue ("scheduled", "expected") does not count."""
        word = self.word_before(start).lower()
        return word.endswith("ed") and not self._future.fullmatch(word)

    def word_before(self, start: int) -> str:
        match = re.search(r"([\w'.-]+)\s*$", self.text[:start])
        return match.group(1) if match else ""

    def word_after(self, end: int) -> str:
        match = re.match(r"\s*([\w'.-]+)", self.text[end:])
        return match.group(1) if match else ""


Handler = Callable[[re.Match[str], _Context, "date | None"], "tuple[Any, ...] | None"]
"""A rule's resolver: (match, context, base date) → (TIMEX3 type, value, span[, timeml]) or None to reject the match."""


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Handler
    anaphoric: bool = False  # resolved against what was mentioned before it (the last date, the last quarter)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _span(m: re.Match[str], first: date, last: date, granularity: TimeGranularity, anchored: bool) -> TimeSpan:
    return TimeSpan(m.group(0), m.start(), m.end(), first, last, granularity, anchored)


_DATEPARSER_BASE = {
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "STRICT_PARSING": False,
}


def parse_date_string(string: str, base: date, *, future: bool = False) -> date | None:
    """Resolve an explicit date string with dateparser, relative to ``base`` and never to today.

    string (str): "March 10", "10 March 2025", "Sept. 30, 1989", "2025-03-10".
    base (date): the publication date, used as ``RELATIVE_BASE``; a date written without a year
        takes the latest year that puts it on or before ``base`` (or, with ``future``, on or after).
    RETURNS (date | None): the day, or None when dateparser cannot read it (e.g. "February 30").
    """
    settings = dict(
        _DATEPARSER_BASE,
        RELATIVE_BASE=datetime(base.year, base.month, base.day),
        PREFER_DATES_FROM="future" if future else "past",
    )
    parsed = dateparser.parse(string, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def _number(text: str, lexicon: TimeLexicon) -> int | None:
    """The value of a number written in digits or words ("24", "twenty-four", "a"); None for vague ones ("several")."""
    text = text.lower().replace("-", " ").strip()
    if text.isdigit():
        return int(text)
    if text in lexicon.numbers:
        return lexicon.numbers[text]  # "a couple of" is one entry, not "a" + "couple"
    total = 0
    for word in text.split():
        value = lexicon.numbers.get(word)
        if value is None:
            return None
        total = total * value if value == 100 and total else total + value
    return total


def _build_rules(lexicon: TimeLexicon) -> list[_Rule]:
    month = _alternation(list(lexicon.months))
    month_any = _alternation(list(lexicon.months) + list(lexicon.months_with_day))
    weekday = _alternation(list(lexicon.weekdays))
    units = _alternation(list(lexicon.units))
    number_words = [w for w in lexicon.numbers if " " not in w]
    tens = [w for w, v in lexicon.numbers.items() if v is not None and 20 <= v <= 90]
    ones = [w for w, v in lexicon.numbers.items() if v is not None and 1 <= v <= 9 and w not in ("a", "an")]
    number = (
        rf"(?<![\d,.])(?:\d+|(?i:(?:a|one|{_alternation(ones)})\s+hundred|(?:{_alternation(tens)})[\s-](?:{_alternation(ones)})|"
        rf"{_alternation([w for w in lexicon.numbers if ' ' in w] + number_words)}))"
    )
    seasons = _alternation(list(lexicon.seasons))
    parts = _alternation(list(lexicon.parts_of_day))
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    year = r"(?<![\d,.$£€#/])(?:1[6-9]|20)\d\d(?![\d%]|[.,]\d)"
    part_words = r"(?i:early|mid|late|the end of|the beginning of|the start of|the middle of)"
    month_end = r"(?![A-Za-z])"

    def month_number(name: str) -> int:
        return lexicon.months.get(name) or lexicon.months_with_day[name]

    # ---- explicit calendar dates, through dateparser

    def iso_date(m, ctx, base):
        try:
            d = date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            return None
        return "DATE", d.isoformat(), _span(m, d, d, G.DAY, False)

    def day_month(m, ctx, base):
        explicit_year = m["y"] is not None
        if not explicit_year and base is None:
            return None
        name = m["m"]
        month_name = calendar.month_name[month_number(name)]
        d1 = re.match(r"\d+", m["d1"]).group(0)
        written = f"{d1} {month_name} {m['y']}" if explicit_year else f"{d1} {month_name}"
        anchor = base or date(int(m["y"]), 1, 1)
        first = parse_date_string(written, anchor, future=ctx.future(m.start()))
        if first is None:
            return None
        if not explicit_year and first < anchor:
            ahead = parse_date_string(written, anchor, future=True)
            if ahead is not None and (ahead - anchor).days <= NEAR_FUTURE_DAYS and not ctx.past_verb_before(m.start()):
                first = ahead
        last = first
        if m["d2"]:
            d2 = int(re.match(r"\d+", m["d2"]).group(0))
            if d2 <= first.day or d2 > calendar.monthrange(first.year, first.month)[1]:
                return None
            last = first.replace(day=d2)
        return "DATE", first.isoformat(), _span(m, first, last, G.DAY, not explicit_year)

    def month_year(m, ctx, base):
        y, mo = int(m["y"]), lexicon.months[m["m"]]
        first, last = _part(date(y, mo, 1), _month_end(y, mo), _PART_WORDS.get((m["part"] or "").lower()))
        return "DATE", f"{y:04d}-{mo:02d}", _span(m, first, last, G.MONTH, False)

    def month_relative_year(m, ctx, base):
        if base is None:
            return None
        y = base.year + {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
        mo = lexicon.months[m["m"]]
        return "DATE", f"{y:04d}-{mo:02d}", _span(m, date(y, mo, 1), _month_end(y, mo), G.MONTH, True)

    ambiguous_months = {"May", "March"}  # English words too: "troops may withdraw", "the march on Kyiv"
    month_prepositions = {"in", "since", "from", "until", "till", "to", "by", "during", "of", "before", "after",
                          "through", "and", "between", "or", "last", "next", "this", "early", "late", "mid"}

    def month_alone(m, ctx, base):
        if base is None:
            return None
        name = m["m"]
        mo = lexicon.months[name]
        rel = (m["rel"] or "").lower()
        part = _PART_WORDS.get((m["part"] or "").lower().rstrip("-"))
        if name.rstrip(".") in ambiguous_months and not rel and not part:
            if ctx.word_before(m.start()).lower() not in month_prepositions:
                return None
        if rel == "last":
            y = base.year if mo < base.month else base.year - 1
        elif rel == "next":
            y = base.year if mo > base.month else base.year + 1
        elif rel == "this":
            y = base.year
        elif ctx.future(m.start()):
            y = base.year if mo >= base.month else base.year + 1
        else:
            y = base.year if mo <= base.month else base.year - 1
            coming = date(y + 1, mo, 1)
            if (coming - base).days <= NEAR_FUTURE_MONTH_DAYS and not ctx.past_verb_before(m.start()):
                y += 1
        first, last = _part(date(y, mo, 1), _month_end(y, mo), part)
        if part is None and not rel and first <= base <= last:
            last = base  # "in March" in a March article: the month so far
        return "DATE", f"{y:04d}-{mo:02d}", _span(m, first, last, G.MONTH, True)

    def year_alone(m, ctx, base):
        following = ctx.word_after(m.end()).lower()
        if following in lexicon.count_nouns or following in ("gmt", "utc", "hours", "hrs", "local"):
            return None
        if re.match(r"-[A-Za-z]", ctx.text[m.end() :]):
            return None
        if ctx.word_before(m.start()).lower().rstrip(".") in ("article", "no", "number", "resolution", "order", "decree", "room", "route", "flight", "model", "at"):
            return None
        y = int(m["y"])
        first, last = _part(date(y, 1, 1), date(y, 12, 31), _PART_WORDS.get((m["part"] or "").lower()))
        return "DATE", f"{y:04d}", _span(m, first, last, G.YEAR, False)

    def decade(m, ctx, base):
        if m["full"]:
            first_year = int(m["full"])
        elif base is not None:
            short = int(m["short"])
            first_year = (base.year // 100) * 100 + short
            if first_year > base.year:
                first_year -= 100
        else:
            return None
        first, last = _part(date(first_year, 1, 1), date(first_year + 9, 12, 31), _PART_WORDS.get((m["part"] or "").lower()))
        return "DATE", str(first_year // 10), _span(m, first, last, G.DECADE, m["full"] is None)

    teens = [w for w, v in lexicon.numbers.items() if v is not None and 10 <= v <= 19]
    century_words = _alternation([w for w, v in lexicon.numbers.items() if v in (17, 18, 19)] + ["twenty"])
    spoken_tail = rf"(?:{_alternation(tens)})(?:[\s-](?:{_alternation(ones)}))?|{_alternation(teens)}"
    # "nineteen ninety-six", "the year two thousand": years as radio and TV transcripts spell them
    spoken_year = (
        rf"(?:(?P<sm>{month})\s+|\b(?i:the)\s+(?P<ss>(?i:{seasons}))\s+of\s+|\b(?P<the_year>(?i:the year))\s+)?"
        rf"\b(?P<sy>(?i:(?:{century_words})[\s-](?:{spoken_tail})|two thousand(?:[\s-]and)?(?:[\s-](?:{spoken_tail}|{_alternation(ones)}))?))\b"
    )

    def spoken_year_rule(m, ctx, base):
        words = m["sy"].lower().replace("-", " ").split()
        if words[:2] == ["two", "thousand"]:
            if not m["the_year"] and not m["sm"] and not m["ss"]:
                return None  # "two thousand soldiers"
            y = 2000 + (_number(" ".join(w for w in words[2:] if w != "and"), lexicon) or 0)
        else:
            if ctx.word_after(m.end()).lower() in lexicon.count_nouns:
                return None
            y = 100 * lexicon.numbers[words[0]] + (_number(" ".join(words[1:]), lexicon) or 0)
        if m["sm"]:
            mo = lexicon.months[m["sm"]]
            return "DATE", f"{y:04d}-{mo:02d}", _span(m, date(y, mo, 1), _month_end(y, mo), G.MONTH, False)
        if m["ss"]:
            entry = lexicon.seasons[m["ss"].lower()]
            first = date(y, entry["months"][0], 1)
            last = _add_months(first, 2)
            return "DATE", f"{y:04d}-{entry['timex']}", _span(m, first, _month_end(last.year, last.month), G.MONTH, False)
        return "DATE", f"{y:04d}", _span(m, date(y, 1, 1), date(y, 12, 31), G.YEAR, False)

    ordinal_centuries = {w: n for n, w in enumerate(
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
         "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"], 1)}
    ordinal_centuries["twenty-first"] = 21

    def century(m, ctx, base):
        """ "the 20th century" → ``19``: TIMEX3 writes a century as its first two digits."""
        n = int(m["cn"]) if m["cn"] else ordinal_centuries[m["cw"].lower()]
        if not 1 <= n <= 21:
            return None
        first_year = 100 * (n - 1)
        first, last = _part(date(max(first_year, 1), 1, 1), date(first_year + 99, 12, 31), _PART_WORDS.get((m["part"] or "").lower()))
        return "DATE", f"{n - 1:02d}", _span(m, first, last, G.DECADE, False)

    decade_words = {w: v for w, v in lexicon.numbers.items() if v is not None and 20 <= v <= 90}

    def spoken_decade(m, ctx, base):
        """ "the nineties": the decade of the last century that puts it before publication."""
        if base is None:
            return None
        tens_word = m["dw"].lower()[:-3] + "y"  # "nineties" → "ninety"
        first_year = (base.year // 100) * 100 + decade_words[tens_word]
        if first_year > base.year:
            first_year -= 100
        first, last = _part(date(first_year, 1, 1), date(first_year + 9, 12, 31), _PART_WORDS.get((m["part"] or "").lower()))
        return "DATE", str(first_year // 10), _span(m, first, last, G.DECADE, True)

    clock_words = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}

    def clock_word(m, ctx, base):
        """ "noon Thursday", "at midnight": a time of day named by a word."""
        if base is None or ctx.word_before(m.start()).lower() == "high":
            return None  # "high noon" is a showdown
        d = day_named(m["day"], m, ctx, base) if m["day"] else base
        return "TIME", f"{d.isoformat()}T{clock_words[m['w'].lower()]}", _span(m, d, d, G.DAY, True)

    def season(m, ctx, base):
        name = m["s"].lower()
        entry = lexicon.seasons[name]
        det = (m["det"] or "").lower()
        if not det and not m["y"] and ctx.word_before(m.start()).lower() not in ("in", "during", "by", "since", "until", "over", "through"):
            return None
        if name == "fall" and not m["y"] and ctx.word_after(m.end()).lower() in ("of", "in", "to"):
            return None  # "the fall of Bakhmut"
        first_month = entry["months"][0]
        if m["y"]:
            y = int(m["y"])
        elif base is None:
            return None
        else:
            # the season of year y starts in first_month of y (winter: December of y)
            y = base.year if date(base.year, first_month, 1) <= base else base.year - 1
            if det in ("last", "this past"):
                if date(y, first_month, 1) + timedelta(days=92) > base:
                    y -= 1
            elif det == "next":
                y += 1
            elif (det == "this" or ctx.future(m.start())) and date(y, first_month, 1) + timedelta(days=92) <= base:
                y += 1
        first = date(y, first_month, 1)
        last_month = _add_months(first, 2)
        first, last = _part(first, _month_end(last_month.year, last_month.month), _PART_WORDS.get(det))
        return "DATE", f"{y:04d}-{entry['timex']}", _span(m, first, last, G.MONTH, not m["y"])

    ordinals = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}

    def quarter(m, ctx, base):
        which = (m["ord"] or "").lower()
        unit = m["u"].lower()
        if unit == "half" and which not in ("first", "1st", "second", "2nd", "last", "final"):
            return None
        if not which and not m.group(0).lower().startswith("the"):
            return None  # a bare "quarter" is a share or a district
        if not which and ctx.word_after(m.end()).lower() == "of" and not m["y"]:
            return None  # "the quarter of the city"
        year_text = (m["y"] or m["yp"] or "").lower().replace("'s", "")
        if year_text.isdigit():
            y = int(year_text)
        elif base is None:
            return None
        elif year_text:
            y = base.year + {"this year": 0, "last year": -1, "next year": 1}[year_text]
        else:
            y = None
        if unit == "half":
            n = 1 if which in ("first", "1st") else 2
            if y is None:
                y = base.year if date(base.year, 6 * n - 5, 1) <= base else base.year - 1
            first, last = date(y, 6 * n - 5, 1), _month_end(y, 6 * n)
            return "DATE", f"{y:04d}-H{n}", _span(m, first, last, G.MONTH, not year_text.isdigit())
        if which in ordinals:
            n = ordinals[which]
            if y is None:
                y = base.year if date(base.year, 3 * n - 2, 1) <= base else base.year - 1
        elif which in ("current", "this"):
            if base is None:
                return None
            n, y = _quarter_of(base), base.year
        else:
            # "the quarter", "the latest quarter": the last one completed, the one being reported on
            if base is None:
                return None
            previous = _add_months(date(base.year, 3 * _quarter_of(base) - 2, 1), -3)
            if which in ("year-ago", "year-earlier"):
                previous = _add_months(previous, -12)
            n, y = _quarter_of(previous), previous.year
        first, last = date(y, 3 * n - 2, 1), _month_end(y, 3 * n)
        return "DATE", f"{y:04d}-Q{n}", _span(m, first, last, G.QUARTER, not year_text.isdigit())

    def quarter_code(m, ctx, base):
        n = int(m["q"])
        if m["y"]:
            y = int(m["y"])
        elif base is None:
            return None
        else:
            y = base.year if date(base.year, 3 * n - 2, 1) <= base else base.year - 1
        first, last = date(y, 3 * n - 2, 1), _month_end(y, 3 * n)
        return "DATE", f"{y:04d}-Q{n}", _span(m, first, last, G.QUARTER, m["y"] is None)

    def weekday_rule(m, ctx, base):
        if base is None:
            return None
        following = ctx.word_after(m.end())
        if following in lexicon.names_after_weekday or ctx.word_before(m.start()) in lexicon.names_before_weekday:
            return None
        wd = lexicon.weekdays[m["wd"]]
        rel = (m["rel"] or "").lower()
        if rel == "last":
            d = base - timedelta(days=(base.weekday() - wd - 1) % 7 + 1)
        elif rel == "next":
            d = base + timedelta(days=(wd - base.weekday() - 1) % 7 + 1)
        elif rel == "this":
            d = _week_monday(base) + timedelta(days=wd)
        elif ctx.future(m.start()) and not ctx.text.startswith("'s", m.end()):
            # "Wednesday's ruling" reports a day that has been: the possessive is not a plan
            d = base + timedelta(days=(wd - base.weekday()) % 7)
        else:
            d = base - timedelta(days=(base.weekday() - wd) % 7)
        return _day_with_part(m, d, m["pod"], anchored=True)

    def _day_with_part(m, d, pod, *, anchored):
        if pod:
            return "TIME", f"{d.isoformat()}T{lexicon.parts_of_day[pod.lower()]}", _span(m, d, d, G.DAY, anchored)
        return "DATE", d.isoformat(), _span(m, d, d, G.DAY, anchored)

    relative_days = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "overnight": 0,
                     "the day before yesterday": -2, "the day after tomorrow": 2}

    def day_named(word, m, ctx, base):
        """The day a time of day is attached to: "Thursday" (the coming one in a future context) or "yesterday"."""
        if word in lexicon.weekdays:
            wd = lexicon.weekdays[word]
            if ctx.future(m.start()):
                return base + timedelta(days=(wd - base.weekday()) % 7)
            return base - timedelta(days=(base.weekday() - wd) % 7)
        return base + timedelta(days=relative_days[word.lower()])

    def relative_day(m, ctx, base):
        if base is None:
            return None
        word = m["w"].lower()
        d = base + timedelta(days=relative_days[word])
        pod = m["pod"] or ("night" if word in ("tonight", "overnight") else None)
        return _day_with_part(m, d, pod, anchored=True)

    def part_of_today(m, ctx, base):
        if base is None:
            return None
        d = base - timedelta(days=1) if m["rel"].lower() == "last" else base
        return _day_with_part(m, d, m["pod"], anchored=True)

    def relative_unit(m, ctx, base):
        if base is None:
            return None
        rel = m["rel"].lower()
        unit = m["u"].lower()
        part = (m["part"] or "").lower().rstrip("-")
        if unit == "century":
            return None
        if rel.startswith("the ") and rel not in ("the current", "the previous"):
            # "the past week", "the next month": a stretch of time reaching back (or on) from now
            back = rel in ("the past", "the last")
            step = -1 if back else 1
            other = _shift(base, unit, step)
            first, last = (other, base) if back else (base, other)
            value = {"weekend": "P2D", "decade": "P10Y"}.get(unit, f"P1{lexicon.units[unit]['timex']}")
            return "DURATION", value, _span(m, first, last, _unit_granularity(unit), True)
        shift = {"this": 0, "current": 0, "the current": 0, "last": -1, "past": -1, "previous": -1,
                 "the previous": -1, "next": 1, "coming": 1}[rel]
        first, last, value, granularity = _unit_span(unit, _shift(base, unit, shift))
        if part in ("earlier", "later") and shift == 0:
            first, last = (first, base) if part == "earlier" else (base, last)
        else:
            first, last = _part(first, last, _PART_WORDS.get(part))
        return "DATE", value, _span(m, first, last, granularity, True)

    def the_year(m, ctx, base):
        """ "for the year", "the full year", "the end of the year": the publication year (a report's year)."""
        if base is None:
            return None
        following = ctx.word_after(m.end()).lower().rstrip(".")
        if following in ("ended", "ending", "to", "through"):
            # "the year ended Sept. 30": a twelve-month reporting period, not a calendar year
            return "DURATION", "P1Y", None
        if following in ("before", "after", "earlier", "later", "when", "in", "that", "ago") or re.match(r"\s*(?:'s|\d|of\s+(?:the|a|an|[A-Z]))", ctx.text[m.end() :]):
            return None  # "the year before", "the year of the Tiger", "the year 2000"
        first, last = _part(date(base.year, 1, 1), date(base.year, 12, 31), _PART_WORDS.get((m["part"] or "").lower()))
        if (m["part"] or "").lower() == "earlier in":
            first, last = date(base.year, 1, 1), base
        return "DATE", f"{base.year:04d}", _span(m, first, last, G.YEAR, True)

    def that_unit(m, ctx, base):
        """ "that year", "the following month", "later that day": the last date mentioned, in that unit."""
        reference = ctx.reference.span if ctx.reference is not None else None
        if reference is None and base is None:
            return None
        unit = m["u"].lower()
        shift = {"that": 0, "the same": 0, "the following": 1, "the previous": -1}[" ".join(m["w"].lower().split())]
        if reference is None:
            # nothing mentioned before it (or the first pass, which has no references yet): the
            # publication date is TimeML's best guess, but no calendar span for a claim, whose
            # "that year" points into text it does not hold
            value = _unit_span(unit, _shift(base, unit, shift))[2]
            return "DATE", value, None
        if _GRANULARITY_UNIT.get(reference.granularity, "decade") in ("year", "decade") and unit != "year":
            return None  # "that month" after "in 1995": which month is not said
        first, last, value, granularity = _unit_span(unit, _shift(reference.start_date, unit, shift))
        return "DATE", value, _span(m, first, last, granularity, True)

    def the_weekend(m, ctx, base):
        if base is None:
            return None
        saturday = _week_monday(base) + timedelta(days=5)
        if saturday > base and not ctx.future(m.start()):
            saturday -= timedelta(days=7)
        first, last, value, granularity = _unit_span("weekend", saturday)
        return "DATE", value, _span(m, first, last, granularity, True)

    def ago(m, ctx, base):
        n = _number(m["n"], lexicon)
        if base is None:
            return None
        if n is None:
            return "DATE", "PAST_REF", None
        name = m["u"].lower().rstrip("s").replace("centurie", "century")
        if name in ("hour", "minute"):
            d = base
            return "DATE", d.isoformat(), _span(m, d, d, G.DAY, True)
        if name == "century":
            return None
        sign = 1 if m["dir"].lower() in ("from now", "hence") else -1
        if sign < 0 and (quarter := _year_ago_quarter(ctx, name, n)) is not None:
            return "DATE", quarter[0], _span(m, *quarter[1:], G.QUARTER, True)
        d = _shift(base, name, sign * n)
        # "a decade ago" names a year, not a whole decade
        first, last, value, granularity = _unit_span("year" if name == "decade" else name, d)
        return "DATE", value, _span(m, first, last, granularity, True)

    def duration(m, ctx, base):
        if re.match(r"\s*-?\s*old\b", ctx.text[m.end() :]):
            return None  # an age: "a 46-year-old man"
        unit_name = m["u"].lower()
        unit = lexicon.units[unit_name]
        singular = unit_name.rstrip("s").replace("centurie", "century")
        if singular == "weekend" or (singular == "quarter" and ctx.word_after(m.end()).lower() == "of"):
            return None  # "a quarter of the troops" is a share
        n = _number(m["n"], lexicon)
        code = unit["timex"]
        amount = "X" if n is None else str(n)
        if code == "DE":
            code, amount = "Y", "X" if n is None else str(10 * n)
        elif code == "CE":
            code, amount = "Y", "X" if n is None else str(100 * n)
        value = f"PT{amount}{code[1]}" if code.startswith("T") else f"P{amount}{code}"
        if n is not None and (m["half"] or m["half_after"]):
            value = _and_a_half(value, code)
        det = (m["det"] or "").lower()
        span = None
        if base is not None and n is not None and det in ("the past", "the last", "past", "last", "the next", "the coming", "next", "coming"):
            back = "past" in det or "last" in det
            if singular in ("hour", "minute"):
                days = -(-n // 24) if singular == "hour" else 1
                other = base + timedelta(days=-days if back else days)
                granularity = G.DAY
            elif singular == "century":
                return "DURATION", value, None
            else:
                other = _shift(base, singular, -n if back else n)
                granularity = _unit_granularity(singular)
            first, last = (other, base) if back else (base, other)
            span = _span(m, first, last, granularity, True)
        return "DURATION", value, span

    def fuzzy_plural(m, ctx, base):
        word = m["w"].lower()
        if word == "recent":
            return "DATE", "PAST_REF", None
        if word == "coming":
            return "DATE", "FUTURE_REF", None
        code = lexicon.units[m["u"].lower()]["timex"]
        code = {"DE": "Y", "CE": "Y"}.get(code, code)
        return "DURATION", f"PTX{code[1]}" if code.startswith("T") else f"PX{code}", None

    def bare_plural(m, ctx, base):
        if ctx.word_before(m.start()).lower() not in ("for", "within", "in", "after", "over", "than", "took", "takes", "lasted"):
            return None
        if ctx.word_after(m.end()).lower() in ("old", "of", "ago"):
            return None
        code = lexicon.units[m["u"].lower()]["timex"]
        code = {"DE": "Y", "CE": "Y"}.get(code, code)
        return "DURATION", f"PTX{code[1]}" if code.startswith("T") else f"PX{code}", None

    def reference(m, ctx, base):
        phrase = " ".join(m["w"].lower().split())
        entry = lexicon.references[phrase]
        if ctx.word_after(m.end()).lower() in entry.get("not_followed_by", []):
            return None
        value = entry["timex"]
        timeml = entry.get("timeml", True)
        if value == "PRESENT_REF" and base is not None:
            return "DATE", value, _span(m, base, base, G.DAY, True), timeml
        return "DATE", value, None, timeml

    def recurring_day(m, ctx, base):
        """ "each Thursday", "every July": a set, TIMEX3 ``XXXX-WXX-4`` / ``XXXX-07``."""
        if m["wd"]:
            pod = f"T{lexicon.parts_of_day[m['pod'].lower()]}" if m["pod"] else ""
            return "SET", f"XXXX-WXX-{lexicon.weekdays[m['wd']] + 1}{pod}", None
        return "SET", f"XXXX-{lexicon.months[m['m']]:02d}", None

    def set_rule(m, ctx, base):
        phrase = " ".join(m["w"].lower().split())
        entry = lexicon.sets[phrase]
        if entry.get("after_number_only") and not re.search(r"(?:\d|times|once|twice|dollars?|euros?|cents?)\s*$", ctx.text[: m.start()], re.I):
            return None
        if re.match(r"\s+[A-Z]", ctx.text[m.end() :]) and phrase in ("daily", "weekly"):
            return None  # "the party daily Granma": a newspaper
        return "SET", entry["timex"], None

    def clock(m, ctx, base):
        if base is None:
            return None
        hour = int(m["h"])
        minute = int(m["mi"] or 0)
        if hour > 12:
            return None
        marker = m["ap"].lower()
        if marker.startswith("p") and hour != 12:
            hour += 12
        elif marker.startswith("a") and hour == 12:
            hour = 0
        d = day_named(m["day"], m, ctx, base) if m["day"] else base
        return "TIME", f"{d.isoformat()}T{hour:02d}:{minute:02d}", _span(m, d, d, G.DAY, True)

    def holiday_date(entry: dict[str, Any], y: int) -> date:
        if "month_day" in entry:
            mo, dd = (int(x) for x in entry["month_day"].split("-"))
            return date(y, mo, dd)
        # a movable feast: the first given weekday on or after a day ("the fourth Thursday of
        # November" is the first Thursday on or after November 22)
        first = date(y, entry["month"], entry["on_or_after"])
        return first + timedelta(days=(entry["weekday"] - first.weekday()) % 7)

    def holiday(m, ctx, base):
        entry = lexicon.holidays[" ".join(m["h"].split())]
        rel = (m["rel"] or "").lower()
        if m["y"]:
            y = int(m["y"])
        elif base is None:
            return None
        elif rel == "last":
            y = base.year if holiday_date(entry, base.year) < base else base.year - 1
        elif rel == "next":
            y = base.year if holiday_date(entry, base.year) > base else base.year + 1
        elif rel == "this":
            y = base.year
        else:
            y = base.year if holiday_date(entry, base.year) <= base or ctx.future(m.start()) else base.year - 1
        d = holiday_date(entry, y)
        return "DATE", d.isoformat(), _span(m, d, d, G.DAY, m["y"] is None)

    def relative_to_reference(m, ctx, base):
        """ "two days later", "a year earlier", "the year-ago quarter": the last date mentioned, moved."""
        reference = ctx.reference.span if ctx.reference is not None else None
        if reference is None and base is None:
            return None
        if m.groupdict().get("u"):
            unit = m["u"].lower().rstrip("s").replace("centurie", "century")
            n = _number(m["n"], lexicon)
            if n is None or unit in ("hour", "minute", "century", "weekend"):
                return None
            amount = n if m["dir"].lower() in ("later", "after", "afterwards") else -n
        else:
            unit, amount = "year", -1
        if amount < 0 and (quarter := _year_ago_quarter(ctx, unit, -amount)) is not None:
            return "DATE", quarter[0], _span(m, *quarter[1:], G.QUARTER, True)
        granularity = _unit_granularity(unit)
        if reference is not None:
            # the answer is as precise as what it is counted from: "a year earlier" than
            # "the third quarter" is a quarter, "a week later" than "March 10" a day
            anchor, granularity = reference.start_date, reference.granularity
        elif m.groupdict().get("u"):
            anchor = base
        else:
            # "the year-ago quarter" with nothing before it: the quarter last reported on
            anchor = _add_months(date(base.year, 3 * _quarter_of(base) - 2, 1), -3)
            granularity = G.QUARTER
        day = _shift(anchor, unit, amount)
        first, last, value, granularity = _unit_span(_GRANULARITY_UNIT[granularity], day)
        return "DATE", value, _span(m, first, last, granularity, True)

    references = _alternation(list(lexicon.references))
    sets = _alternation(list(lexicon.sets))
    holidays = _alternation(list(lexicon.holidays))
    unit_words = _alternation([u for u in lexicon.units if lexicon.units[u]["timex"] not in ("WE",)])
    plural_units = _alternation([u for u in lexicon.units if u.endswith("s") and lexicon.units[u]["timex"] != "WE"])
    rel_units = r"(?i:week|weekend|month|year|quarter|decade|century)"

    rules = [
        ("iso_date", r"\b(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)\b", iso_date),
        ("day_month", rf"\b(?P<d1>{day})(?:\s*[-–]\s*(?P<d2>{day}))?\s+(?:of\s+)?(?P<m>{month_any}){month_end}(?:,?\s+(?P<y>{year}))?", day_month),
        ("month_day", rf"\b(?P<m>{month_any}){month_end}\s+(?P<d1>{day})\b(?![,.]\d)(?:\s*[-–]\s*(?P<d2>{day})\b)?(?:,?\s+(?P<y>{year}))?", day_month),
        ("weekday_date", rf"\b(?:{weekday}){month_end},?\s+(?P<m>{month_any}){month_end}\s+(?P<d1>{day})\b(?![,.]\d)(?:\s*[-–]\s*(?P<d2>{day})\b)?(?:,?\s+(?P<y>{year}))?", day_month),
        ("month_year", rf"(?:\b(?P<part>{part_words})[\s-]+)?\b(?P<m>{month}){month_end},?\s+(?:of\s+)?(?P<y>{year})", month_year),
        ("month_relative_year", rf"\b(?P<m>{month}){month_end}\s+(?P<rel>(?i:this|last|next))\s+(?i:year)\b", month_relative_year),
        ("month", rf"(?:\b(?P<part>{part_words})(?:\s+|-)|\b(?P<rel>(?i:last|next|this))\s+)?\b(?P<m>{month}){month_end}", month_alone),
        ("year", rf"(?:\b(?P<part>{part_words})[\s-]+|\b(?i:fiscal)\s+(?:(?i:year)\s+)?)?(?P<y>{year})\b", year_alone),
        ("spoken_year", spoken_year, spoken_year_rule),
        ("century", rf"(?:\b(?i:the)\s+)?(?:(?P<part>(?i:early|mid|late))[\s-]+)?\b(?:(?P<cn>\d{{1,2}})(?i:st|nd|rd|th)|(?P<cw>(?i:{_alternation(list(ordinal_centuries))})))[\s-]+(?i:century)\b", century),
        ("spoken_decade", rf"\b(?i:the)\s+(?:(?P<part>(?i:early|mid|late))[\s-]+)?(?P<dw>(?i:{_alternation([w[:-1] + 'ies' for w in decade_words])}))\b", spoken_decade),
        ("decade", r"(?:\b(?i:the)\s+)?(?:(?P<part>(?i:early|mid|late))[\s-]+)?(?:\b(?P<full>(?:1[6-9]|20)\d0)'?s\b|'(?P<short>\d0)s\b)", decade),
        ("season", rf"(?:\b(?P<det>(?i:this past|this|last|next|the early|the late|early|late|mid|the))[\s-]+)?\b(?P<s>(?i:{seasons}))\b(?:\s+(?:of\s+)?(?P<y>{year}))?", season),
        ("quarter", rf"(?:\b(?i:the)\s+)?(?:(?P<yp>{year}|(?i:this year's|last year's|next year's))\s+)?(?:\b(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th|latest|last|final|past|previous|most recent|current|year-ago|year-earlier))[\s-]+)?\b(?P<u>(?i:quarter|half))\b(?:\s+of\s+(?:(?i:the\s+)?(?i:fiscal\s+)?)?(?P<y>{year}|(?i:this year|last year|next year)))?", quarter),
        ("quarter_code", rf"\bQ(?P<q>[1-4])\b(?:\s+(?P<y>{year}))?", quarter_code),
        ("weekday", rf"(?:\b(?P<rel>(?i:last|next|this|early|late))\s+)?\b(?P<wd>{weekday}){month_end}(?:\s+(?P<pod>(?i:{parts})))?", weekday_rule),
        ("relative_day", rf"\b(?P<w>(?i:the day before yesterday|the day after tomorrow|today|yesterday|tomorrow|tonight|overnight))\b(?:\s+(?P<pod>(?i:{parts})))?", relative_day),
        ("part_of_today", rf"\b(?P<rel>(?i:this|last))\s+(?P<pod>(?i:{parts}))\b", part_of_today),
        ("relative_unit", rf"(?:\b(?P<part>(?i:earlier|later|early|late|mid|the end of|the beginning of|the start of|the middle of))[\s-]+)?\b(?P<rel>(?i:the past|the last|the next|the coming|the previous|the current|this|last|next|past|previous|coming|current))\s+(?P<u>{rel_units})\b", relative_unit),
        ("the_year", rf"(?:\b(?P<part>{part_words}|(?i:earlier in|later in))\s+)?\b(?i:the)\s+(?:(?i:full|fiscal|current|entire|whole)\s+){{0,2}}(?i:year)\b(?!-)", the_year),
        ("that_unit", r"(?:\b(?i:later|earlier)\s+)?\b(?P<w>(?i:that|the same|the following|the previous))\s+(?P<u>(?i:year|month|week|day))\b(?!-)", that_unit),
        ("the_weekend", r"\b(?i:the weekend)\b", the_weekend),
        ("relative_to_reference", rf"\b(?P<n>{number})[\s-]+(?P<u>(?i:{units}))\s+(?P<dir>(?i:earlier|later|afterwards)\b|(?i:before|after)\b(?![ \t]+(?:the|a|an|his|her|their|its|it|he|she|they|we|I)\b))", relative_to_reference),
        ("year_ago", r"(?:\b(?i:the)\s+)?(?:\b(?i:comparable|same)\s+)?\b(?i:year-ago|year-earlier|year-before)(?:\s+(?i:(?:first|second|third|fourth)\s+)?(?i:quarter|period|nine months|months))?\b", relative_to_reference),
        ("ago", rf"\b(?P<n>{number})[\s-]+(?P<u>(?i:{units}))\s+(?P<dir>(?i:ago|from now|hence))\b", ago),
        ("recurring_day", rf"\b(?i:each|every)\s+(?:(?P<wd>{weekday}){month_end}(?:\s+(?P<pod>(?i:{parts})))?|(?P<m>{month}){month_end})", recurring_day),
        ("set", rf"\b(?P<w>(?i:{sets}))\b", set_rule),
        ("duration", rf"(?:\b(?P<det>(?i:the past|the last|the next|the first|the coming|the previous|the following|the final|the latest|the|another|an additional|past|last|next|first|coming))\s+)?\b(?P<n>{number})(?P<half>\s+1/2|[\s-]+(?i:and)[\s-]+(?i:a)[\s-]+(?i:half))?(?:\s+(?i:more|additional|extra))?[\s-]+(?P<u>(?i:{unit_words}))\b(?P<half_after>\s+(?i:and a half)\b)?", duration),
        ("fuzzy_plural", rf"\b(?P<w>(?i:recent|coming|the past few|the last few|the next few|the coming|the past|the last))\s+(?P<u>(?i:{plural_units}))\b", fuzzy_plural),
        ("bare_plural", rf"\b(?P<u>(?i:{plural_units}))\b", bare_plural),
        ("reference", rf"\b(?P<w>(?i:{references}))\b", reference),
        ("clock_word", rf"\b(?P<w>(?i:noon|midday|midnight))\b(?:,?\s+(?P<day>{weekday}|(?i:today|yesterday|tomorrow))\b)?", clock_word),
        ("clock", rf"\b(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>(?i:a\.m\.?|p\.m\.?|am\b|pm\b))(?:\s+(?:[A-Z]{{2,4}}T|GMT|UTC)\b)?(?:,?\s+(?P<day>{weekday}|(?i:today|yesterday|tomorrow))\b)?", clock),
        ("holiday", rf"(?:\b(?P<rel>(?i:last|next|this))\s+)?\b(?P<h>{holidays})\b(?:\s+(?P<y>{year}))?", holiday),
    ]
    return [_Rule(name, re.compile(pattern), handler, handler in (relative_to_reference, ago, that_unit)) for name, pattern, handler in rules]


_HALF_UNITS = {"Y": "6M", "M": "15D", "D": "T12H", "H": "30M", "M_TIME": "30S"}


def _and_a_half(value: str, code: str) -> str:
    """A duration value with half its unit added, in the next smaller unit as TimeML writes it.

    "2 1/2 years" → ``P2Y6M``, "5 1/2 hours" → ``PT5H30M``, "a minute and a half" → ``PT1M30S``,
    "a day and a half" → ``P1DT12H``; weeks, which have no whole half, become ``P1.5W``.
    """
    letter = code[-1] if code.startswith("T") else code
    key = "M_TIME" if code == "TM" else letter
    if key not in _HALF_UNITS:
        return value[:-1] + ".5" + value[-1]
    return value + _HALF_UNITS[key]


def _reported_quarter(timex: Timex, published: date | None) -> bool:
    """Whether ``timex`` can be the quarter a report is about: a quarter already begun at
    publication, and not itself the year-ago one ("the year-ago quarter") or a forecast
    ("the third quarter of 1990" in a 1989 report)."""
    span = timex.span
    if span is None or span.granularity != G.QUARTER or re.search(r"(?i)year-(?:ago|earlier)", timex.text):
        return False
    return published is None or span.start_date <= published


def _year_ago_quarter(ctx: _Context, unit: str, amount: int | None) -> tuple[str, date, date] | None:
    """The quarter a year before the last quarter mentioned, for "a year ago" / "a year earlier" in a report on a quarter.

    Earnings copy compares a quarter's figures with "a year ago" or "a year earlier"; those
    mean the same quarter of the year before, not the whole year. Only one year back counts:
    "two years ago" in such a report is a year, as anywhere else.
    RETURNS (tuple | None): TIMEX3 value, first day, last day; None when no quarter was mentioned.
    """
    if unit != "year" or amount != 1 or ctx.quarter is None or ctx.quarter.span is None:
        return None
    first, last, value, _ = _unit_span("quarter", _shift(ctx.quarter.span.start_date, "year", -1))
    return value, first, last


_GRANULARITY_UNIT = {G.DAY: "day", G.WEEK: "week", G.MONTH: "month", G.QUARTER: "quarter", G.YEAR: "year", G.DECADE: "decade"}


def _unit_granularity(unit: str) -> TimeGranularity:
    return {"day": G.DAY, "week": G.WEEK, "weekend": G.WEEK, "month": G.MONTH, "quarter": G.QUARTER,
            "year": G.YEAR, "decade": G.DECADE, "century": G.DECADE}[unit]


@dataclass
class _Found:
    timex: Timex
    rule: _Rule
    match: re.Match[str]


def _check_arguments(text: Any, published: Any) -> date | None:
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if published is not None and not isinstance(published, date):
        raise TypeError(f"published must be a datetime.date or None, not {type(published).__name__}")
    if isinstance(published, datetime):
        return published.date()
    return published


def _tag(text: str, published: date | None, lexicon: TimeLexicon) -> list[_Found]:
    ctx = _Context(text, published, lexicon)
    candidates = []
    for priority, rule in enumerate(lexicon.rules):
        for match in rule.pattern.finditer(text):
            if match.end() > match.start():
                candidates.append((match.start() - match.end(), priority, match, rule))
    # longest first, then the earlier rule: "last week" beats "week", "March 10, 2025" beats "March"
    candidates.sort(key=lambda c: (c[0], c[1], c[2].start()))
    taken: list[_Found] = []
    occupied = bytearray(len(text))
    for _, _, match, rule in candidates:
        if any(occupied[match.start() : match.end()]):
            continue
        timex = _resolve(rule, match, ctx, published)
        if timex is None:
            continue
        occupied[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
        taken.append(_Found(timex, rule, match))
    taken.sort(key=lambda f: f.timex.start)
    # anaphoric expressions ("two days later") move the last date mentioned before them
    for found in taken:
        if found.rule.anaphoric:
            found.timex = _resolve(found.rule, found.match, ctx, published) or found.timex
        elif found.timex.type in ("DATE", "TIME") and found.timex.span is not None and found.timex.value != "PRESENT_REF":
            ctx.reference = found.timex
            if _reported_quarter(found.timex, published):
                ctx.quarter = found.timex
    ctx.reference = ctx.quarter = None
    return taken


def _resolve(rule: _Rule, match: re.Match[str], ctx: _Context, base: date | None) -> Timex | None:
    resolved = rule.handler(match, ctx, base)
    if resolved is None:
        return None
    type_, value, span, *rest = resolved
    return Timex(match.group(0), match.start(), match.end(), type_, value, span, *rest)


def tag_times(text: str, *, published: date | None, lexicon: TimeLexicon | None = None) -> list[Timex]:
    """Every time expression in ``text`` with its TIMEX3 type and value, in text order.

    text (str): plain text.
    published (date | None): the publication date every relative expression is resolved
        against; None skips the expressions that need it (see the module docstring).
    lexicon (TimeLexicon | None): word lists; the packaged ``time_expressions.jsonl`` by default.
    RETURNS (list[Timex]): the expressions, not overlapping. The ends of a range ("from
        January to February") are two expressions here, as in TimeML; :func:`find_times` joins them.
    """
    published = _check_arguments(text, published)
    return [found.timex for found in _tag(text, published, lexicon or default_lexicon())]


_RANGE_OPENERS = re.compile(r"(?i)\b(from|between)\s+$")
_RANGE_JOINERS = {"from": re.compile(r"(?i)^\s*(?:to|until|till|through|[-–—])\s*$"),
                  "between": re.compile(r"(?i)^\s*(?:and|[-–—])\s*$"),
                  "": re.compile(r"^\s*[-–—]\s*$")}
_SINCE = re.compile(r"(?i)\b(since)\s+$")
_COARSER = list(TimeGranularity)


def find_times(text: str, *, published: date | None, offset: int = 0, lexicon: TimeLexicon | None = None) -> list[TimeSpan]:
    """The calendar spans a text names, for a claim's ``times`` facet.

    On top of :func:`tag_times`: ranges become one span ("from January to February",
    "between November and December 2024", "January–March"; the first end takes its year
    from the second), "since X" runs from X to the publication date, and expressions with
    no calendar span (durations that are not anchored, sets, "recently") are dropped.
    dateparser alone would give two separate days for a range, which is why this is here.

    text (str): plain text, e.g. one claim's sentence.
    published (date | None): the article's publication date; None keeps only the spans the
        text fixes by itself ("10 March 2025", "in 2024").
    offset (int): added to every ``start``/``end``, so that spans found in a claim's text
        index into the article text (pass the claim's ``start``).
    lexicon (TimeLexicon | None): word lists; the packaged lexicon by default.
    RETURNS (list[TimeSpan]): the spans in text order.
    """
    published = _check_arguments(text, published)
    if not isinstance(offset, int):
        raise TypeError(f"offset must be an int, not {type(offset).__name__}")
    lexicon = lexicon or default_lexicon()
    ctx = _Context(text, published, lexicon)
    found = [f for f in _tag(text, published, lexicon) if f.timex.span is not None and f.timex.type in ("DATE", "TIME", "DURATION")]
    spans: list[TimeSpan] = []
    i = 0
    while i < len(found):
        current = found[i].timex
        joined = None
        if i + 1 < len(found):
            joined = _join_range(found[i], found[i + 1], ctx)
        if joined is not None:
            spans.append(joined)
            i += 2
            continue
        span = current.span
        since = _SINCE.search(text[: current.start])
        if since and published is not None and span.start_date <= published and current.type in ("DATE", "TIME"):
            span = TimeSpan(text[since.start(1) : current.end], since.start(1), current.end, span.start_date, published, span.granularity, True)
        spans.append(span)
        i += 1
    return [TimeSpan(s.text, s.start + offset, s.end + offset, s.start_date, s.end_date, s.granularity, s.anchored) for s in spans]


def _join_range(first: _Found, second: _Found, ctx: _Context) -> TimeSpan | None:
    """One span for "from X to Y" / "between X and Y" / "X–Y", or None when the two are not a range."""
    a, b = first.timex, second.timex
    if a.type != "DATE" or b.type != "DATE" or a.span is None or b.span is None:
        return None
    opener = _RANGE_OPENERS.search(ctx.text[: a.start])
    word = opener.group(1).lower() if opener else ""
    if not _RANGE_JOINERS[word].match(ctx.text[a.end : b.start]):
        return None
    # the first end is read in the light of the second: "November" in "between November and
    # December 2024" is November 2024 whatever the publication date
    resolved = first.rule.handler(first.match, ctx, b.span.end_date)
    start_span = resolved[2] if resolved and resolved[2] is not None else a.span
    if start_span.start_date > b.span.end_date:
        return None
    start = opener.start(1) if opener else a.start
    granularity = max(start_span.granularity, b.span.granularity, key=_COARSER.index)
    return TimeSpan(ctx.text[start : b.end], start, b.end, start_span.start_date, b.span.end_date, granularity,
                    start_span.anchored or b.span.anchored)
