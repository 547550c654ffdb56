"""Find the figures in a claim and read each as an interval: :class:`QuantityRange`.

"between 1,000 and 3,000 North Korean soldiers" becomes low 1000, high 3000,
bound ``range``, unit ``soldiers``, qualifier ``North Korean``; "up to 12,000
troops" is ``at_most`` 12000; "more than 11,000" is ``at_least``; "about 500",
"an estimated 500" and vague amounts ("several thousand", "dozens", "tens of
thousands") are ``approximate``. A count that a casualty verb governs without a
noun of its own ("killed 3", "3 were wounded") takes its unit from the nearest
counted people in the same sentence, else ``people``.

Years ("in 2024"), dates ("March 10"), clock times ("at 10:30"), ages ("a
45-year-old"), ordinals and designators ("the 47th brigade", "Brigade 155",
"Article 5", "Su-34"), durations ("24 hours": the time facet's), calibres
("155mm"), phone numbers and pronoun "one" ("one of the") are not quantities.

Written by hand rather than with quantulum3: quantulum3 collapses "between
1,000 and 3,000" into 2000 ± 1000 and drops "up to", so the bound a news figure
carries — the very thing that decides whether two reports agree — is lost; it
also knows measurement units, not the counted nouns of war reporting. This
parser works on plain text with regular expressions and the lexicons in
``data/quantities/`` (no spaCy needed), so it is fast enough to run on every
claim span.

DOCS: src/claimgraph/data/README.md (section "quantities/")
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..datafiles import bundled, read_jsonl_file
from ..model import QuantityBound, QuantityChange, QuantityRange

LEXICON_FOLDER = "quantities"
DEFAULT_UNIT = "people"
"""The unit of a casualty count with no counted noun in its sentence ("killed 3")."""

# How far (in tokens) a unit noun may stand after the number: "3,000 Kalibr cruise missiles".
_UNIT_WINDOW = 4
# A casualty noun ("death toll") or "the number of troops" this many tokens before a
# figure, in the same sentence, tells what the figure counts.
_LOOKBACK_WINDOW = 12
# Unseparated digit runs this long are identifiers (phone, registration numbers), not counts.
_IDENTIFIER_DIGITS = 7
_YEAR_RANGE = (1800, 2100)
_MAX_DAY = 31
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
# Unit classes that make a number something other than a count.
_NOT_COUNT_CLASSES = frozenset({"duration", "calibre", "multiplier"})
_PERSON_CLASS = "person"
# Unit classes that are never a modifier of a following noun ("155 mm howitzers" stays a calibre).
_NOT_HEAD_CLASSES = _NOT_COUNT_CLASSES | {"percent", "money", "measure"}

_TOKEN = re.compile(r"(?P<num>\d+(?:[.,]\d+)*)|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)|(?P<sym>\S)")
# "10 000" with a (narrow) space as the thousands separator
_SPACED_GROUP = re.compile(r"[ \u00a0\u202f]\d{3}(?!\d)")
_DIGITS_WITH_COMMAS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_PLAIN_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_PHONE = re.compile(
    r"\+\d{1,3}(?:[\s.-]?\(?\d{1,5}\)?){2,}\d"  # +380 44 123 4567
    r"|\(\d{2,5}\)\s?\d{2,4}(?:[\s.-]\d{2,4})+"  # (044) 123-45-67
    r"|\b0\d{2,4}[\s-]\d{2,3}[\s-]\d{2}[\s-]?\d{2}\b"  # 044 123 45 67
    r"|\b\d{3}-\d{3}-\d{4}\b"  # 202-555-0123
)
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n\s*")
_CLOSING_PUNCT = frozenset(",.;:!?()[]{}\"“”‘’'«»")


@dataclass(frozen=True)
class _Token:
    text: str
    lower: str
    start: int
    end: int
    kind: str  # "num", "word" or "sym"


@dataclass(frozen=True)
class UnitNoun:
    """A counted noun of the lexicon: its class and the unit it is reported as."""

    unit: str | None  # None: the unit is the form as written
    noun_class: str
    before: bool  # may stand before the number ("$", "UAH")


@dataclass
class QuantityLexicon:
    """The word lists the parser reads, loaded from ``data/quantities/``.

    Phrases are kept as tuples of lower-cased tokens so that they match the
    parser's own tokens, whatever spacing the text uses.
    """

    number_words: dict[str, tuple[float, str]]
    vague_amounts: dict[tuple[str, ...], dict]
    modifiers: dict[str, dict[tuple[str, ...], dict]]
    units: dict[tuple[str, ...], tuple[UnitNoun, str | None]]  # with the form when it has capitals
    cues: dict[str, frozenset[str]]
    longest_phrase: int = field(init=False)
    first_words: frozenset[str] = field(init=False)  # a phrase can start only at one of these

    def __post_init__(self) -> None:
        phrases = [*self.vague_amounts, *self.units]
        for table in self.modifiers.values():
            phrases.extend(table)
        self.longest_phrase = max(len(p) for p in phrases)
        self.first_words = frozenset(p[0] for p in phrases if p)

    def cue(self, kind: str, token: _Token | None) -> bool:
        return token is not None and token.lower in self.cues.get(kind, frozenset())

    @classmethod
    def from_disk(cls, folder: str | Path) -> QuantityLexicon:
        """Read the five JSONL files of a lexicon folder (see ``data/README.md``)."""
        folder = Path(folder)

        def rows(name: str) -> list[dict]:
            return read_jsonl_file(folder / name)

        number_words = {r["word"]: (float(r["value"]), r["kind"]) for r in rows("number_words.jsonl")}
        vague_amounts = {_phrase(r["phrase"]): r for r in rows("vague_amounts.jsonl")}
        modifiers: dict[str, dict[tuple[str, ...], dict]] = {}
        for r in rows("modifiers.jsonl"):
            modifiers.setdefault(r["role"], {})[_phrase(r["phrase"])] = r
        units = {}
        for r in rows("unit_nouns.jsonl"):
            noun = UnitNoun(r.get("unit"), r["class"], bool(r.get("before")))
            for form in r["forms"]:
                units[_phrase(form)] = (noun, form if form != form.lower() else None)
        cues: dict[str, set[str]] = {}
        for r in rows("context_cues.jsonl"):
            cues.setdefault(r["kind"], set()).add(r["cue"])
        return cls(number_words, vague_amounts, modifiers, units, {k: frozenset(v) for k, v in cues.items()})


@lru_cache(maxsize=1)
def load_lexicon() -> QuantityLexicon:
    """The lexicon shipped in the package, read once per process."""
    with resources.as_file(bundled(LEXICON_FOLDER)) as path:
        return QuantityLexicon.from_disk(path)


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(m.group().lower() for m in _TOKEN.finditer(text))


def find_quantities(
    text: str, *, offset: int = 0, lexicon: QuantityLexicon | None = None
) -> list[QuantityRange]:
    """Every figure in ``text``, in order of appearance.

    text (str): plain text: a claim, a sentence or a whole article.
    offset (int): added to every ``start``/``end``, so that quantities found in a
        claim span index into the article (pass the claim's ``start``).
    lexicon (QuantityLexicon | None): word lists to use instead of the shipped ones.
    RETURNS (list[QuantityRange]): the quantities, offsets into the article.
    RAISES (TypeError): when ``text`` is not a string.
    DOCS: src/claimgraph/data/README.md
    """
    if not isinstance(text, str):
        raise TypeError(f"find_quantities() needs a str, not {type(text).__name__}")
    parser = _Parser(text, lexicon or load_lexicon())
    return [m.to_range(text, offset) for m in parser.parse()]


@dataclass
class _Amount:
    """One number as written: "1,000", "three thousand", "$1.5bn", "several hundred"."""

    low: float
    high: float
    first: int  # token index of its first token
    stop: int  # token index after its last token
    scaled: bool  # a scale word or suffix multiplied it ("1.5 million", "12k")
    base: float  # the value before scaling
    from_words: bool
    approximate: bool = False
    unit: str | None = None  # a currency written before it: "$", "UAH"
    value_token: int | None = None  # the digit token, for the year/date/designator checks


@dataclass
class _Match:
    first: int
    stop: int
    low: float | None
    high: float | None
    bound: QuantityBound
    approximate: bool
    unit: str | None = None
    unit_class: str | None = None
    qualifier: tuple[int, int] | None = None  # character offsets
    change: QuantityChange | None = None
    casualty: str | bool = False  # a casualty count; the casualty noun when it names the unit
    start_char: int = 0
    end_char: int = 0

    def to_range(self, text: str, offset: int) -> QuantityRange:
        qualifier = text[self.qualifier[0] : self.qualifier[1]] if self.qualifier else None
        return QuantityRange(
            text=text[self.start_char : self.end_char],
            start=self.start_char + offset,
            end=self.end_char + offset,
            low=self.low,
            high=self.high,
            bound=self.bound,
            approximate=self.approximate,
            unit=self.unit,
            qualifier=qualifier,
            change=self.change,
        )


class _Parser:
    def __init__(self, text: str, lexicon: QuantityLexicon) -> None:
        self.text = text
        self.lex = lexicon
        self.tokens = _tokenize(text)
        self.dates = self._date_tokens()

    # --- helpers over tokens ------------------------------------------------

    def tok(self, i: int) -> _Token | None:
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def glued(self, i: int) -> bool:
        """Whether token ``i`` follows token ``i - 1`` with no space between."""
        return 0 < i < len(self.tokens) and self.tokens[i - 1].end == self.tokens[i].start

    def match_phrase(self, i: int, table: Iterable[tuple[str, ...]]) -> tuple[tuple[str, ...], int] | None:
        """The longest phrase of ``table`` that starts at token ``i``, with the index after it."""
        if i >= len(self.tokens) or self.tokens[i].lower not in self.lex.first_words:
            return None
        table = table if isinstance(table, (dict, set, frozenset)) else set(table)
        for length in range(min(self.lex.longest_phrase, len(self.tokens) - i), 0, -1):
            key = tuple(t.lower for t in self.tokens[i : i + length])
            if key in table:
                return key, i + length
        return None

    def match_unit(self, i: int) -> tuple[UnitNoun, int] | None:
        """The longest unit noun at token ``i``; a form with capitals must match its case too."""
        if i >= len(self.tokens) or self.tokens[i].lower not in self.lex.first_words:
            return None
        for length in range(min(self.lex.longest_phrase, len(self.tokens) - i), 0, -1):
            pieces = self.tokens[i : i + length]
            entry = self.lex.units.get(tuple(t.lower for t in pieces))
            if entry is None:
                continue
            noun, cased_form = entry
            if cased_form is not None and cased_form != self.text[pieces[0].start : pieces[-1].end]:
                continue  # "UAVs", "USD": forms with capitals match only as written
            if length > 1 and any(not self._spaced_or_glued(k) for k in range(i + 1, i + length)):
                continue
            return noun, i + length
        return None

    def _spaced_or_glued(self, i: int) -> bool:
        gap = self.text[self.tokens[i - 1].end : self.tokens[i].start]
        return gap in ("", " ")

    # --- the scan -----------------------------------------------------------

    def parse(self) -> list[_Match]:
        matches: list[_Match] = []
        i = 0
        while i < len(self.tokens):
            found = self.match_at(i)
            if found:
                matches.extend(found)
                i = found[-1].stop
            else:
                i += 1
        for m in matches:
            m.start_char = self.tokens[m.first].start
            m.end_char = self.tokens[m.stop - 1].end
        self._infer_partitive_units(matches)
        self._infer_casualty_units(matches)
        return matches

    def match_at(self, i: int) -> list[_Match] | None:
        """The quantity (or, for "rose from A to B", the two) starting at token ``i``."""
        approximate, bound, opener, opener_at = False, None, None, i
        j = i
        for _ in range(3):
            before = self.match_phrase(j, self.lex.modifiers.get("before", {}))
            if before:
                entry = self.lex.modifiers["before"][before[0]]
                approximate = approximate or bool(entry.get("approximate"))
                bound = entry.get("bound") or bound
                j = before[1]
                continue
            range_open = self.match_phrase(j, self.lex.modifiers.get("range_open", {}))
            if range_open and opener is None:
                opener, opener_at = self.lex.modifiers["range_open"][range_open[0]], j
                j = range_open[1]
                continue
            break
        first = self.amount_at(j)
        if first is None or not self.is_count(first):
            return None
        start = i if (bound or approximate or opener) else first.first
        second, stop = None, first.stop
        joiner = self.tok(first.stop)
        if joiner is not None:
            if opener is not None:
                joins = joiner.lower == opener["joiner"] or (
                    opener["joiner"] == "to" and (joiner.lower,) in self.lex.modifiers.get("range_joiner", {})
                )
            else:
                joins = (joiner.lower,) in self.lex.modifiers.get("range_joiner", {})
            if joins:
                second = self.amount_at(first.stop + 1)
                if second is not None and not self.is_count(second, after_joiner=True):
                    second = None
        if opener is not None and second is None and not (bound or approximate):
            start = first.first  # "from 500": the "from" is not part of the figure
        change = self.change_before(start)
        if second is not None:
            _propagate_scale(first, second)
            from_change = self.change_before(opener_at + 1) if opener is not None and opener["phrase"] == "from" else None
            if from_change is not None:
                # "rose from 10,000 to 12,000": the old level, then the new one
                old = self.finish(first.first, first, None, first.approximate, first.stop, None)
                new = self.finish(second.first, second, None, approximate, second.stop, from_change)
                return [m for m in (old, new) if m] or None
            if first.low < second.high:
                low, high = first.low, second.high
                combined = _Amount(low, high, first.first, second.stop, second.scaled, second.base,
                                   first.from_words and second.from_words, first.approximate or second.approximate,
                                   first.unit or second.unit, first.value_token)
                result = self.finish(start, combined, bound, approximate, second.stop, change, is_range=True)
                return [result] if result else None
        result = self.finish(start, first, bound, approximate, stop, change)
        return [result] if result else None

    def finish(
        self,
        start: int,
        amount: _Amount,
        bound: str | None,
        approximate: bool,
        stop: int,
        change: QuantityChange | None,
        *,
        is_range: bool = False,
    ) -> _Match | None:
        """Add what follows the number (bound suffix, unit, qualifier) and apply the filters."""
        approximate = approximate or amount.approximate
        after = self._after_modifier(stop)
        if after:
            entry, stop = after
            bound = entry.get("bound") or bound
            approximate = approximate or bool(entry.get("approximate"))
        strong = self._strong_suffix(stop)
        unit, unit_class, qualifier = amount.unit, "money" if amount.unit else None, None
        if strong:
            stop = strong  # "a 5,000-strong brigade" counts members, not brigades
        elif unit is None:
            found = self.unit_after(stop, vague=amount.approximate and amount.from_words, count=amount.high)
            if found:
                unit, unit_class, qualifier, stop = found
        if unit_class in _NOT_COUNT_CLASSES:
            return None
        if amount.value_token is not None and self._is_year(amount.value_token) and unit_class is None:
            return None  # a year-like number counts only a noun the lexicon knows: "1945 troops"
        if unit is None and self._age_apposition(start, stop):
            return None
        if unit is None and not strong:
            counted = self._counted_noun_before(start)
            if counted:
                unit, unit_class, qualifier = counted
        casualty = unit is None and self._casualty_context(start, stop)
        if unit is None and amount.from_words and not casualty and not self._partitive_after(stop):
            return None  # "the two sides met", "one of them": words without a counted noun
        if is_range:
            low, high, kind = amount.low, amount.high, QuantityBound.RANGE
        elif amount.low != amount.high:
            low, high, kind = amount.low, amount.high, QuantityBound.RANGE
        else:
            low = high = amount.low
            kind = QuantityBound.EXACT
        if bound == "at_least" and kind is QuantityBound.EXACT:
            kind, high = QuantityBound.AT_LEAST, None
        elif bound == "at_most" and kind is QuantityBound.EXACT:
            kind, low = QuantityBound.AT_MOST, None
        match = _Match(start, stop, low, high, kind, approximate, unit, unit_class, qualifier, change, casualty)
        return match

    # --- numbers ------------------------------------------------------------

    def amount_at(self, j: int) -> _Amount | None:
        """The number written at token ``j``: digits, number words or a vague amount."""
        first, currency = j, None
        unit = self.match_unit(j)
        if unit and unit[0].before:
            noun, j = unit
            currency = noun.unit or self.text[self.tokens[first].start : self.tokens[j - 1].end]
        token = self.tok(j)
        if token is None:
            return None
        if token.kind == "num":
            amount = self._digits_at(j, money=currency is not None)
        elif currency is None:
            amount = self._vague_at(j) or self._words_at(j)
        else:
            return None  # "$ several": a currency needs digits
        if amount is not None and currency is not None:
            amount.unit, amount.first = currency, first
        return amount

    def _digits_at(self, j: int, *, money: bool) -> _Amount | None:
        token = self.tokens[j]
        value = _digit_value(token.text)
        if value is None:
            return None
        stop, scale = j + 1, 1.0
        suffix = self.tok(stop)
        if suffix is not None and suffix.kind == "word":
            entry = self.lex.number_words.get(suffix.lower)
            glued = self.glued(stop)
            if entry and entry[1] == "suffix" or (entry and entry[1] == "money_suffix" and money and glued):
                scale, stop = entry[0], stop + 1
            elif entry and entry[1] == "scale":
                scale, stop = self._scale_words(stop)
        return _Amount(value * scale, value * scale, j, stop, scale != 1.0, value, False, value_token=j)

    def _scale_words(self, j: int) -> tuple[float, int]:
        """Multiply the scale words at ``j``: "hundred thousand" → 100000."""
        scale = 1.0
        while (t := self.tok(j)) is not None and self.lex.number_words.get(t.lower, (0, ""))[1] in ("scale", "dozen"):
            scale *= self.lex.number_words[t.lower][0]
            j += 1
        return scale, j

    def _vague_at(self, j: int) -> _Amount | None:
        found = self.match_phrase(j, self.lex.vague_amounts)
        if not found:
            return None
        entry = self.lex.vague_amounts[found[0]]
        approximate = bool(entry.get("approximate", True))
        if "low" in entry:
            low, high = float(entry["low"]), float(entry["high"])
            return _Amount(low, high, j, found[1], True, low, True, approximate)
        scale, stop = self._scale_words(found[1])
        if scale == 1.0 and entry.get("needs_scale", True):
            return None  # "several soldiers": a vague count with no figure
        low, high = float(entry["low_factor"]) * scale, float(entry["high_factor"]) * scale
        return _Amount(low, high, j, stop, True, low, True, approximate)

    def _words_at(self, j: int) -> _Amount | None:
        """A number in words: "twelve", "three hundred and fifty", "a dozen", "twenty-five"."""
        words = self.lex.number_words
        total, current, stop, last = 0.0, 0.0, j, None
        if self.tokens[j].lower in ("a", "an"):
            nxt = self.tok(j + 1)
            if nxt is None or words.get(nxt.lower, (0, ""))[1] not in ("scale", "dozen"):
                return None
            current, stop = 1.0, j + 1
        while (t := self.tok(stop)) is not None:
            entry = words.get(t.lower)
            nxt = self.tok(stop + 1)
            if entry is None:
                if t.text == "-" and last == "tens" and self.glued(stop) and self.glued(stop + 1) and nxt and nxt.lower in words:
                    stop += 1  # "twenty-five"
                    continue
                if t.lower == "and" and last == "scale" and nxt and words.get(nxt.lower, (0, ""))[1] in ("unit", "tens"):
                    stop += 1  # "three hundred and fifty"
                    continue
                break
            value, kind = entry
            if kind in ("suffix", "money_suffix"):
                break
            if kind in ("unit", "tens"):
                if last in ("unit", "tens") and not (last == "tens" and kind == "unit" and value < 10):
                    break  # "two three" is two numbers
                current += value
            elif kind == "dozen" or value == 100:
                current = (current or 1.0) * value
            else:
                total += (current or 1.0) * value
                current = 0.0
            last = kind
            stop += 1
        if last is None:
            return None
        value = total + current
        return _Amount(value, value, j, stop, False, value, True)

    # --- what is not a count ------------------------------------------------

    def is_count(self, amount: _Amount, *, after_joiner: bool = False) -> bool:
        """False for years, dates, clock times, ages, designators and identifiers."""
        i = amount.value_token
        if i is None:
            return self._words_are_count(amount)
        token = self.tokens[i]
        digits = token.text.replace(",", "").replace(".", "").replace(" ", "")
        if i in self.dates:
            return False
        if "," not in token.text and " " not in token.text and len(digits) >= _IDENTIFIER_DIGITS:
            return False
        before, after = self.tok(i - 1), self.tok(amount.stop)
        # glued on the left: "MH17", "F-16", "#5", "24/7", "10:30"
        if before is not None and self.glued(i):
            if before.kind == "word" or before.text in "#№/:":
                return False
            if before.text in "-–" and self.glued(i - 1) and (b2 := self.tok(i - 2)) is not None:
                if b2.kind == "word" and self.lex.number_words.get(b2.lower, (0, ""))[1] not in ("unit", "tens"):
                    return False
                if b2.kind == "num" and not after_joiner:
                    return False
        # glued on the right: "47th", "1990s", "10am", "155mm", "45-year-old", "24/7", "10:30"
        nxt = self.tok(i + 1)
        if nxt is not None and self.glued(i + 1) and amount.stop == i + 1:
            if nxt.kind == "word":
                if nxt.lower in _ORDINAL_SUFFIXES:
                    return False
                unit = self.match_unit(i + 1)
                if unit is None:
                    return False
            elif nxt.text in "/:" and (n2 := self.tok(i + 2)) is not None and n2.kind == "num" and self.glued(i + 2):
                return False
            elif nxt.text in "-–" and self.glued(i + 2) and (n2 := self.tok(i + 2)) is not None and n2.kind == "word":
                allowed = {p[-1] for p in self.lex.modifiers.get("after", {})} | {"strong"}
                if n2.lower not in allowed and n2.lower not in self.lex.number_words:
                    return False
        if self._clock_after(amount.stop):
            return False
        if before is not None:
            previous = before
            if before.text == "." and self.glued(i - 1):
                previous = self.tok(i - 2)
            if previous is not None and previous.kind in ("word", "sym") and self.lex.cue("designator", previous):
                return False
            if self.lex.cue("age", previous) or (
                previous is not None and previous.lower == "of" and self.lex.cue("age", self.tok(i - 2))
            ):
                return False
        if self._is_year(i) and self.lex.cue("year_cue", self._previous_word(amount.first)):
            return False
        if after is not None and after.text in "-–" and self.glued(amount.stop) and _digit_value_of(self.tok(amount.stop + 1)) is not None:
            # "10-12-2024" and other chains of glued numbers
            n2 = self.tok(amount.stop + 2)
            if n2 is not None and n2.text in "-–./" and self.glued(amount.stop + 2):
                return False
        return True

    def _words_are_count(self, amount: _Amount) -> bool:
        first = self.tokens[amount.first]
        if first.lower == "one" and amount.stop == amount.first + 1:
            nxt = self.tok(amount.stop)
            if nxt is not None and nxt.lower in ("of", "another", "day"):
                return False
        if amount.stop < len(self.tokens) and self.tokens[amount.stop].text == "-" and self.glued(amount.stop):
            return False  # "two-day", "three-year-old": a compound adjective
        if amount.base < 10 and not amount.scaled and self.lex.cue("definite", self.tok(amount.first - 1)):
            return False  # "the two leaders": a reference, not a count
        return True

    def _age_apposition(self, first: int, stop: int) -> bool:
        """"Ivan Petrov, 47, said": a bare number set off by commas after a name is an age."""
        comma, name, after = self.tok(first - 1), self.tok(first - 2), self.tok(stop)
        return (
            stop == first + 1
            and comma is not None
            and comma.text == ","
            and name is not None
            and name.kind == "word"
            and name.text[0].isupper()
            and (after is None or after.text in ",.;)")
        )

    def _is_year(self, i: int) -> bool:
        text = self.tokens[i].text
        return len(text) == 4 and text.isdigit() and _YEAR_RANGE[0] <= int(text) <= _YEAR_RANGE[1]

    def _previous_word(self, i: int) -> _Token | None:
        t = self.tok(i - 1)
        if t is not None and t.text == "," and (p := self.tok(i - 2)) is not None:
            return p if p.kind == "word" else None
        return t

    def _clock_after(self, j: int) -> bool:
        """"10 a.m.", "10pm", "0600 GMT": the words after a number that make it a time of day."""
        rest = self.text[self.tokens[j - 1].end : self.tokens[j - 1].end + 12].lower()
        for cue in self.lex.cues.get("clock", ()):
            if re.match(r"\s?" + re.escape(cue) + r"(?![^\W_])", rest):
                return True
        return False

    def _date_tokens(self) -> set[int]:
        """Indices of day numbers next to a month name: "March 10", "10 March", "March 10-12"."""
        dates: set[int] = set()
        months = self.lex.cues.get("month", frozenset())
        for i, t in enumerate(self.tokens):
            if t.kind != "word" or t.lower not in months or not t.text[0].isupper():
                continue
            for direction in (1, -1):
                k = i + direction
                if (dot := self.tok(k)) is not None and dot.text == "." and direction == 1:
                    k += 1
                while (n := self.tok(k)) is not None and _is_day(n):
                    dates.add(k)
                    joiner = self.tok(k + direction)
                    if joiner is None or joiner.lower not in ("-", "–", "to", "and", ","):
                        break
                    k += 2 * direction
        return dates

    # --- what follows the number --------------------------------------------

    def _after_modifier(self, j: int) -> tuple[dict, int] | None:
        k = j
        t = self.tok(k)
        if t is not None and t.text in "-–" and self.glued(k):
            k += 1  # "5,000-plus", "40-odd"
        found = self.match_phrase(k, self.lex.modifiers.get("after", {}))
        if not found:
            return None
        nxt = self.tok(found[1])
        if found[0] == ("plus",) and nxt is not None and nxt.kind == "num":
            return None  # "5,000 plus 200" is arithmetic
        return self.lex.modifiers["after"][found[0]], found[1]

    def _strong_suffix(self, j: int) -> int | None:
        """"a 5,000-strong force": the size of a unit, written as a compound adjective."""
        t, n = self.tok(j), self.tok(j + 1)
        if t is not None and n is not None and t.text in "-–" and self.glued(j) and self.glued(j + 1) and n.lower == "strong":
            return j + 2
        return None

    def unit_after(
        self, j: int, *, vague: bool, count: float = 2.0
    ) -> tuple[str, str | None, tuple[int, int] | None, int] | None:
        """The counted noun after a number, with the qualifier words before it.

        count (float): the figure; a noun after a count above one that does not end
            in "s" may be a modifier of the real head: "artillery rounds", "apartment buildings".
        RETURNS: (unit, unit class, qualifier character span, token index after the unit).
        """
        t = self.tok(j)
        if t is not None and t.lower == "of" and (vague or self._dozen_before(j)):
            j += 1
        qualifier_start = qualifier_end = None
        all_capitalised = True
        k = j
        for position in range(_UNIT_WINDOW):
            token = self.tok(k)
            if token is None or token.text in _CLOSING_PUNCT:
                return None
            found = self.match_unit(k)
            if found:
                noun, stop = found
                written = self.text[self.tokens[k].start : self.tokens[stop - 1].end]
                modifier_like = count != 1 and not written.lower().endswith("s") and noun.noun_class not in _NOT_HEAD_CLASSES
                head = self._compound_head(stop) if modifier_like else None
                if head is not None:
                    if qualifier_start is None:
                        qualifier_start = self.tokens[k].start
                    qualifier_end = self.tokens[stop - 1].end
                    (noun_class, stop), written = head, self.text[self.tokens[stop].start : self.tokens[head[1] - 1].end]
                    qualifier = (qualifier_start, qualifier_end)
                    return written, noun_class, qualifier, stop
                qualifier = (qualifier_start, qualifier_end) if qualifier_start is not None else None
                return noun.unit or written, noun.noun_class, qualifier, stop
            group_end = self._group_end(k)
            group = self.text[self.tokens[k].start : self.tokens[group_end - 1].end]
            word = group.lower()
            if self.lex.cue("filler", token) and group_end == k + 1:
                k = group_end
                continue
            if not any(c.isalpha() for c in group) or word in self.lex.cues.get("not_unit", ()):
                return None
            if _looks_plural(group) and (position == 0 or all_capitalised) and word not in self.lex.cues.get("not_unit", ()):
                qualifier = (qualifier_start, qualifier_end) if qualifier_start is not None else None
                return group, None, qualifier, group_end
            if self._is_year(k) or token.kind == "num" and group_end == k + 1:
                return None
            all_capitalised = all_capitalised and (group[0].isupper() or any(c.isdigit() for c in group))
            if qualifier_start is None:
                qualifier_start = self.tokens[k].start
            qualifier_end = self.tokens[group_end - 1].end
            k = group_end
        return None

    def _compound_head(self, j: int) -> tuple[str | None, int] | None:
        """The plural head noun right after a noun used as a modifier: (its class, index after it)."""
        if j >= len(self.tokens) or not self._spaced_or_glued(j):
            return None
        found = self.match_unit(j)
        if found and not found[0].before:
            return found[0].noun_class, found[1]
        group_end = self._group_end(j)
        group = self.text[self.tokens[j].start : self.tokens[group_end - 1].end]
        if group_end == j + 1 and group.islower() and _looks_plural(group) and group not in self.lex.cues.get("not_unit", ()):
            return None, group_end
        return None

    def _counted_noun_before(self, first: int) -> tuple[str, str | None, tuple[int, int] | None] | None:
        """"The number of refugees grew to 6.5 million": the noun a figure's sentence says it counts."""
        for back in range(2, _LOOKBACK_WINDOW + 1):
            t = self.tok(first - back)
            if t is None or t.text in ".;!?":
                return None
            if self.lex.cue("count_noun", t) and self.tokens[first - back + 1].lower == "of":
                found = self.unit_after(first - back + 2, vague=False)
                return found[:3] if found else None
        return None

    def _partitive_after(self, j: int) -> bool:
        """"nine out of ten missiles": a part whose whole, a figure, follows."""
        words = tuple(t.lower for t in self.tokens[j : j + 2])
        k = j + 2 if words == ("out", "of") else j + 1 if words[:1] == ("of",) else None
        return k is not None and (t := self.tok(k)) is not None and (t.kind == "num" or t.lower in self.lex.number_words)

    def _dozen_before(self, j: int) -> bool:
        t = self.tok(j - 1)
        return t is not None and self.lex.number_words.get(t.lower, (0, ""))[1] in ("dozen", "scale")

    def _group_end(self, k: int) -> int:
        """The index after a run of glued tokens: "Iranian-made", "Shahed-136", "155mm"."""
        end = k + 1
        while end < len(self.tokens) and self.glued(end) and self.tokens[end].text not in _CLOSING_PUNCT:
            end += 1
        return end

    # --- context ------------------------------------------------------------

    def change_before(self, i: int) -> QuantityChange | None:
        """"rose to 5,000", "fell sharply to 300", "increased by 20%": the change that led to a figure."""
        changes = self.lex.modifiers.get("change", {})
        k = i - 1
        t = self.tok(k)
        if t is None:
            return None
        if t.lower not in ("to", "by", "from"):
            return None
        k -= 1
        for _ in range(2):
            t = self.tok(k)
            if t is None:
                return None
            entry = changes.get((t.lower,))
            if entry is None and k >= 1:
                entry = changes.get((self.tokens[k - 1].lower, t.lower))
            if entry is not None:
                return QuantityChange(entry["change"])
            if not t.lower.endswith("ly"):
                return None
            k -= 1  # "rose sharply to"
        return None

    def _casualty_context(self, first: int, stop: int) -> str | bool:
        """"killed 3", "3 were wounded", "3 dead", "the death toll rose to 45".

        RETURNS (str | bool): the casualty noun before the figure when it is itself a
            counted noun ("casualties rose to 200" → "casualties"), else whether the
            figure counts casualties at all.
        """
        before = self.tok(first - 1)
        if self.lex.cue("casualty_verb", before):
            return True
        k = stop
        while self.lex.cue("auxiliary", self.tok(k)):
            k += 1
        if self.lex.cue("casualty_after", self.tok(k)):
            return True
        for back in range(1, _LOOKBACK_WINDOW + 1):
            t = self.tok(first - back)
            if t is None or t.text in ".;!?":
                break
            if self.lex.cue("casualty_noun", t):
                noun = self.match_unit(first - back)
                return t.lower if noun and noun[0].noun_class == _PERSON_CLASS else True
        return False

    def _infer_partitive_units(self, matches: Sequence[_Match]) -> None:
        """"shot down 42 of 50 drones": the part counts what the whole counts."""
        for part, whole in zip(matches, matches[1:]):
            if part.unit is not None or whole.unit is None:
                continue
            between = tuple(t.lower for t in self.tokens[part.stop : whole.first])
            if between in (("of",), ("of", "the"), ("out", "of")):
                part.unit, part.unit_class = whole.unit, whole.unit_class

    def _infer_casualty_units(self, matches: Sequence[_Match]) -> None:
        """Give "killed 3 and wounded 12 civilians" and "3 were wounded" their counted noun."""
        sentences = _sentence_ids(self.text, [m.start_char for m in matches])
        for m, sentence in zip(matches, sentences, strict=True):
            if not m.casualty or m.unit is not None:
                continue
            neighbours = [
                (abs(other.start_char - m.start_char), other.unit)
                for other, other_sentence in zip(matches, sentences, strict=True)
                if other_sentence == sentence and other.unit_class == _PERSON_CLASS and other.unit
            ]
            if neighbours:
                m.unit = min(neighbours)[1]
            else:
                m.unit = m.casualty if isinstance(m.casualty, str) else DEFAULT_UNIT
            m.unit_class = _PERSON_CLASS


def _tokenize(text: str) -> list[_Token]:
    """Numbers, words and single symbols with their offsets; phone numbers become symbols."""
    phones = [m.span() for m in _PHONE.finditer(text)]
    tokens: list[_Token] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "sym"
        start, end = m.span()
        if kind == "num" and any(a <= start < b for a, b in phones):
            kind = "sym"
        if (
            kind == "num"
            and tokens
            and tokens[-1].kind == "num"
            and re.fullmatch(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})*", tokens[-1].text)
            and _SPACED_GROUP.fullmatch(text, tokens[-1].end, end)
        ):
            # "10 000": the space is a thousands separator
            start = tokens.pop().start
        tokens.append(_Token(text[start:end], text[start:end].lower(), start, end, kind))
    return tokens


def _digit_value(text: str) -> float | None:
    """The value of "1,000", "1.5", "10 000"; None for "1,2" or "10.03.2025"."""
    text = re.sub(r"[ \u00a0\u202f]", "", text)
    if _DIGITS_WITH_COMMAS.fullmatch(text):
        return float(text.replace(",", ""))
    if _PLAIN_DIGITS.fullmatch(text):
        return float(text)
    return None


def _digit_value_of(token: _Token | None) -> float | None:
    return _digit_value(token.text) if token is not None and token.kind == "num" else None


def _is_day(token: _Token) -> bool:
    return token.kind == "num" and token.text.isdigit() and 1 <= int(token.text) <= _MAX_DAY


def _looks_plural(word: str) -> bool:
    """A lower-case plural the lexicon does not list: "homes", "generators", "Russians"."""
    return (
        word.isalpha()
        and len(word) >= 4
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
    )


def _propagate_scale(first: _Amount, second: _Amount) -> None:
    """"3-4 thousand", "between 1 and 1.5 million": the scale written once applies to both."""
    if second.scaled and not first.scaled and first.base < second.base:
        factor = second.low / second.base if second.base else 1.0
        first.low *= factor
        first.high *= factor


def _sentence_ids(text: str, positions: Sequence[int]) -> list[int]:
    """The number of the sentence each character position falls in."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    ids = []
    for position in positions:
        ids.append(sum(1 for end in ends if end <= position))
    return ids
