"""Places facet: find place names in plain text and resolve them against the GeoNames gazetteer.

    >>> from claimgraph.extract.places import PlaceContext, find_places
    >>> context = PlaceContext.from_text(article.text)          # once per article
    >>> places = find_places(claim_text, offset=claim_start, context=context)

Hand-written rather than taken from spaCy's NER: the small English model tags
front-line names inconsistently ("Kursk" as PRODUCT, villages not at all), and
resolution needs the gazetteer anyway. An optional spaCy ``Doc`` adds its
GPE/LOC entities as extra candidates.

**Finding.** Candidates are runs of capitalised words ("Novenke", "Kursk Oblast
Governor", "U.S."), plus region phrases built on them ("Kursk region", "the
Sumy and Kharkiv regions", "Donetsk oblast"). Within a run, the longest span the
gazetteer or the lexicons know wins. A span that is only *part* of a run is
taken only when it starts the run and is a country, a demonym or a region
phrase, or a strong place (continent, region, city of ≥ 100,000 people)
followed by a title; never before an organisation word: "Kyiv Independent" (the
outlet) and "Washington Post" are not places, "Kursk Oblast Governor" and
"Kharkiv Governor Oleh Syniehubov" hold one, "George Washington" none. Words after a title ("President",
"Gen.") are a person's name, and a place name ending a run of unknown
capitalised words is a surname ("Andriy Yusov", "George Washington"), so
neither counts. Months, weekdays, pronouns, outlets and similar words are never
places on their own, and a sentence-initial word must not be a common English
word ("Police", "Reading"). The word lists are in ``data/place_rules.jsonl``.

**Demonyms.** "Russian", "Ukrainians", "North Korean" resolve to their country
(``data/place_demonyms.jsonl``; continents for "European", "African"): the
places facet records every reference to a country; whether the country is an
*actor* ("Russian forces") is the actors facet's call.

**Resolving.** Abbreviations and common names ("U.S.", "UK", "EU") come from
``data/place_aliases.jsonl``; countries sit at GeoNames' own point for them, not
at their capitals. Otherwise every gazetteer entry with the name is scored:
log10 of its population (an oblast or state without one counts as a million),
plus a bonus for countries, capitals and first-level admin seats, minus a
penalty when the name is only an alternate or derived name, plus a context
bonus when the entry lies in a country or region the article names elsewhere
(:class:`PlaceContext`). Population alone never decides between namesakes
when the context points at one. A bare name shared by a region and a city of
≥ 100,000 inside it ("Kharkiv", "New York") means the city; with a region word
("Kharkiv region") the region. **Containment** overrides scores: in "Novenke
in Sumy region", "Sudzha, Kursk Oblast" or "Pandi, Bulacan" only entries inside
the containing region or country are allowed, and if there is none the place
stays unresolved rather than jumping to a namesake elsewhere.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from ..model import Place
from .gazetteer import ALTERNATE, DERIVED, Gazetteer, GazetteerEntry, load_gazetteer, name_key

STRONG_CITY_POPULATION = 100_000
# GeoNames gives most admin divisions no population: count an oblast or state as a million
# people, a smaller division as a town of 100,000.
UNKNOWN_ADMIN1_POPULATION = 1_000_000
UNKNOWN_ADMIN_POPULATION = 100_000
FEATURE_BONUS = {"PCL": 3.0, "PCLI": 3.0, "PCLD": 2.0, "PCLF": 2.0, "PCLS": 2.0, "TERR": 1.0, "CONT": 2.0, "PPLC": 1.5, "PPLA": 0.5, "ADM1": 0.5}
KIND_PENALTY = {ALTERNATE: 1.0, DERIVED: 1.5}
CONTEXT_COUNTRY_BONUS = 3.0
CONTEXT_ADMIN1_BONUS = 2.0

_TOKEN = re.compile(r"[A-Z](?:\.[A-Z])+\.?|[A-ZÀ-ÖØ-Þ][\w'’\-]*|[a-z]+|[,;:()\"“”.!?]")
_POSSESSIVE = re.compile(r"['’]s?$")
_SENTENCE_END = {".", "!", "?", "\"", "“", "”", ":"}


@dataclass(frozen=True)
class PlaceLexicon:
    """The place word lists of ``data/place_*.jsonl`` (see ``data/README.md``), keyed by name key."""

    aliases: dict[str, dict[str, Any]]
    demonyms: dict[str, dict[str, Any]]
    region_words: frozenset[str]
    district_words: frozenset[str]
    titles: frozenset[str]
    organisation_words: frozenset[str]
    not_places: frozenset[str]
    common_words: frozenset[str]
    connectors: frozenset[str]

    @classmethod
    def from_records(cls, aliases: Iterable[dict], demonyms: Iterable[dict], rules: Iterable[dict]) -> PlaceLexicon:
        words: dict[str, set[str]] = {}
        for rule in rules:
            words.setdefault(rule["kind"], set()).update(rule["words"])
        demonym_table = {}
        for entry in demonyms:
            demonym_table[name_key(entry["demonym"])] = entry
            plural = entry["demonym"] + "s"
            if not entry["demonym"].endswith(("ese", "ish", "ch", "ss", "i")):
                demonym_table.setdefault(name_key(plural), entry)
        return cls(
            aliases={name_key(entry["alias"]): entry for entry in aliases},
            demonyms=demonym_table,
            region_words=frozenset(w.casefold() for w in words.get("region_word", ())),
            district_words=frozenset(w.casefold() for w in words.get("district_word", ())),
            titles=frozenset(w.casefold() for w in words.get("title", ())),
            organisation_words=frozenset(w.casefold() for w in words.get("organisation_word", ())),
            not_places=frozenset(w.casefold() for w in words.get("not_a_place", ())),
            common_words=frozenset(w.casefold() for w in words.get("common_word", ())),
            connectors=frozenset(words.get("connector", ())),
        )


def _read_jsonl(name: str) -> list[dict[str, Any]]:
    text = (resources.files("claimgraph") / "data" / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@lru_cache(maxsize=1)
def load_place_lexicon() -> PlaceLexicon:
    """The packaged place lexicons, read once per process."""
    return PlaceLexicon.from_records(
        _read_jsonl("place_aliases.jsonl"), _read_jsonl("place_demonyms.jsonl"), _read_jsonl("place_rules.jsonl")
    )


@dataclass
class PlaceContext:
    """What an article says about where it is: the countries and regions it names.

    Build it once per article with :meth:`from_text` and pass it to every
    :func:`find_places` / :func:`resolve_toponym` call on that article's claims.

    countries (Counter[str]): ISO codes of the countries the article names or whose places it names unambiguously.
    admin1 (Counter[str]): admin1 keys (``UA.21``) likewise.
    """

    countries: Counter = field(default_factory=Counter)
    admin1: Counter = field(default_factory=Counter)

    @classmethod
    def from_text(cls, text: str, *, countries: Iterable[str] = ()) -> PlaceContext:
        """Collect the countries and regions named in ``text`` (a whole article).

        Only mentions whose resolution does not itself depend on context count:
        countries, demonyms, continents, regions, and names with one gazetteer entry
        or one that clearly dominates.
        countries (Iterable[str]): ISO codes known from elsewhere (the outlet's country, say).
        """
        context = cls(countries=Counter(code.upper() for code in countries))
        for mention in _mentions(text, load_gazetteer(), load_place_lexicon()):
            entry = mention.confident_entry()
            if entry is None:
                continue
            if entry.country:
                context.countries[entry.country] += 1
            if entry.admin1_key and entry.feature != "PCL":
                context.admin1[entry.admin1_key] += 1
        return context

    def bonus(self, entry: GazetteerEntry) -> float:
        score = 0.0
        if entry.country and self.countries.get(entry.country):
            score += CONTEXT_COUNTRY_BONUS
        if entry.admin1_key and self.admin1.get(entry.admin1_key):
            score += CONTEXT_ADMIN1_BONUS
        return score


@dataclass
class _Mention:
    """A place name found in text, with the entries it may stand for (best first), before context is applied."""

    start: int
    end: int
    text: str
    name: str
    candidates: list[tuple[GazetteerEntry, float]]  # (entry, score without context)
    fixed: GazetteerEntry | None = None  # set by a lexicon (alias, demonym): no choice to make
    level: str | None = None  # "ADM1"/"ADM2" for a region phrase
    inside: GazetteerEntry | None = None  # the containing region or country named next to it

    def confident_entry(self) -> GazetteerEntry | None:
        if self.fixed is not None:
            return self.fixed
        if not self.candidates:
            return None
        if len(self.candidates) == 1 or self.candidates[0][0].feature_class == "A" and self.candidates[0][0].feature in FEATURE_BONUS:
            return self.candidates[0][0]
        best, runner_up = self.candidates[0][1], self.candidates[1][1]
        return self.candidates[0][0] if best - runner_up >= 2.0 else None

    def resolve(self, context: PlaceContext | None, gazetteer: Gazetteer) -> Place:
        entry = self.fixed
        if entry is None and self.candidates:
            candidates = self.candidates
            if self.inside is not None:
                candidates = [(e, s) for e, s in candidates if _contains(self.inside, e)]
            if candidates:
                entry = max(candidates, key=lambda pair: pair[1] + (context.bonus(pair[0]) if context else 0.0))[0]
                if self.level is None and entry.feature_class == "A" and not entry.feature.startswith("PCL"):
                    entry = _seat_of_same_name(entry, candidates) or entry
        return _place(self.text, self.start, self.end, self.name, entry, gazetteer)


def _seat_of_same_name(region: GazetteerEntry, candidates: list[tuple[GazetteerEntry, float]]) -> GazetteerEntry | None:
    """A bare "Kharkiv", "Sumy" or "New York" means the city when a city of that name lies inside the region of that name."""
    for entry, _ in candidates:
        if entry.feature_class == "P" and entry.population >= STRONG_CITY_POPULATION and _contains(region, entry):
            return entry
    return None


def _contains(region: GazetteerEntry, entry: GazetteerEntry) -> bool:
    if region.geonameid == entry.geonameid or entry.country != region.country:
        return False
    if region.feature.startswith("PCL"):
        return True
    if region.feature == "ADM1":
        return entry.admin1_code == region.admin1_code
    if region.feature == "ADM2":
        return entry.admin1_code == region.admin1_code and entry.admin2_code == region.admin2_code
    return False


def _precision(entry: GazetteerEntry) -> str:
    if entry.feature.startswith("PCL") or entry.feature == "TERR":
        return "country"
    if entry.feature == "CONT":
        return "continent"
    if entry.feature == "ADM1":
        return "region"
    if entry.feature_class == "A":
        return "district"
    if entry.feature_class == "P":
        return "locality"
    return "feature"


def _place(text: str, start: int, end: int, name: str, entry: GazetteerEntry | None, gazetteer: Gazetteer) -> Place:
    if entry is None:
        return Place(text=text, start=start, end=end, name=name)
    return Place(
        text=text,
        start=start,
        end=end,
        name=entry.name,
        geonameid=entry.geonameid,
        feature=entry.feature,
        admin1=gazetteer.admin1_name(entry.admin1_key),
        country=entry.country,
        lat=entry.lat,
        lon=entry.lon,
        precision=_precision(entry),
    )


def _prior(entry: GazetteerEntry, kind: int) -> float:
    """How likely a name means this entry before context: population, feature, and how it bears the name."""
    population = entry.population
    if not population and entry.feature in ("ADM1", "RGN"):
        population = UNKNOWN_ADMIN1_POPULATION
    elif not population and entry.feature_class in "AL":
        population = UNKNOWN_ADMIN_POPULATION
    score = math.log10(population + 1) + FEATURE_BONUS.get(entry.feature, 0.0) - KIND_PENALTY.get(kind, 0.0)
    if entry.feature_class in "HTLS" and entry.feature not in ("CONT", "RGN", "OCN", "SEA"):
        score -= 1.0  # a river or hill shares its name with the town on it; the town is meant more often
    return score


def _scored(gazetteer: Gazetteer, name: str, *, level: str | None = None) -> list[tuple[GazetteerEntry, float]]:
    found = gazetteer.lookup_kinds(name)
    if level == "ADM1":
        found = [(e, k) for e, k in found if e.feature == "ADM1"]
    elif level == "ADM2":
        found = [(e, k) for e, k in found if e.feature in ("ADM2", "ADM3")] or [
            (e, k) for e, k in found if e.feature_class == "P"
        ]
    return sorted(((e, _prior(e, k)) for e, k in found), key=lambda pair: -pair[1])


def _lexicon_entry(key: str, lexicon: PlaceLexicon, gazetteer: Gazetteer) -> GazetteerEntry | None:
    record = lexicon.aliases.get(key) or lexicon.demonyms.get(key)
    if record is None:
        return None
    if "country" in record:
        return gazetteer.country_entry(record["country"])
    if "geonameid" in record:
        return gazetteer.get(int(record["geonameid"]))
    if "admin1" in record:
        name = gazetteer.admin1_name(record["admin1"])
        found = [e for e in gazetteer.lookup(name or "") if e.feature == "ADM1" and e.admin1_key == record["admin1"]]
        return found[0] if found else None
    ranked = _scored(gazetteer, record["name"])
    return ranked[0][0] if ranked else None


@dataclass
class _Token:
    text: str
    start: int
    end: int
    sentence_start: bool

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()

    @property
    def bare(self) -> str:
        """The word without a possessive ("Russia's" → "Russia"); all-capital words in title case (datelines)."""
        word = _POSSESSIVE.sub("", self.text) if len(self.text) > 2 else self.text
        if word.isupper() and len(word) > 4 and "." not in word:
            word = word.title()
        return word


def _tokens(text: str) -> list[_Token]:
    tokens = []
    previous = None
    for match in _TOKEN.finditer(text):
        word = match.group()
        sentence_start = previous is None or previous in _SENTENCE_END or text[match.start() - 2 : match.start()].endswith("\n")
        tokens.append(_Token(word, match.start(), match.end(), sentence_start))
        previous = word
    return tokens


def _runs(tokens: list[_Token], lexicon: PlaceLexicon) -> Iterator[list[_Token]]:
    """Runs of capitalised words, allowing connectors inside ("Gulf of Mexico")."""
    run: list[_Token] = []
    for i, token in enumerate(tokens):
        if token.capitalised:
            run.append(token)
            continue
        followed = i + 1 < len(tokens) and tokens[i + 1].capitalised and tokens[i + 1].start == token.end + 1
        if run and token.text in lexicon.connectors and followed and token.start == run[-1].end + 1:
            run.append(token)
            continue
        if run:
            yield run
        run = []
    if run:
        yield run


def _span_text(text: str, tokens: list[_Token]) -> str:
    """The name to look up: the span's words, the last without a possessive, in title case if it was all capitals."""
    last = tokens[-1]
    return text[tokens[0].start : last.start] + last.bare


def _span_end(tokens: list[_Token]) -> int:
    """Where the span ends in the text, a possessive "'s" left out."""
    last = tokens[-1]
    return last.start + len(last.bare)


def _is_strong(entry: GazetteerEntry | None, fixed: bool) -> bool:
    if entry is None:
        return False
    if fixed:
        return True
    return entry.feature in ("PCL", "PCLI", "CONT", "ADM1", "RGN", "OCN", "SEA") or (
        entry.feature_class == "P" and entry.population >= STRONG_CITY_POPULATION
    )


def _mentions(text: str, gazetteer: Gazetteer, lexicon: PlaceLexicon, extra_spans: Iterable[tuple[int, int]] = ()) -> list[_Mention]:
    tokens = _tokens(text)
    index_of = {id(token): i for i, token in enumerate(tokens)}
    mentions: list[_Mention] = []
    for run in _runs(tokens, lexicon):
        mentions.extend(_mentions_in_run(text, run, tokens, index_of, gazetteer, lexicon))
    covered = {(m.start, m.end) for m in mentions}
    for start, end in extra_spans:
        if any(m.start < end and start < m.end for m in mentions) or (start, end) in covered:
            continue
        name = text[start:end]
        candidates = _scored(gazetteer, name)
        if candidates:
            mentions.append(_Mention(start, end, name, name, candidates))
    mentions.sort(key=lambda m: m.start)
    _link_containment(text, mentions)
    return mentions


def _mentions_in_run(
    text: str, run: list[_Token], tokens: list[_Token], index_of: dict[int, int], gazetteer: Gazetteer, lexicon: PlaceLexicon
) -> Iterator[_Mention]:
    i = 0
    segment_start = 0  # a connector no match spans ("Kharkov on Tuesday") ends a segment of the run
    after_title = False
    run_has_unknown = False
    while i < len(run):
        token = run[i]
        if token.text in lexicon.connectors:
            i += 1
            segment_start, after_title, run_has_unknown = i, False, False
            continue
        word = token.bare.rstrip(".").casefold()
        if word in lexicon.titles:
            after_title = True  # "President Vladimir Putin": what follows is a person
            i += 1
            continue
        if after_title:
            i += 1
            continue
        found = _longest_match(text, run, i, tokens, index_of, gazetteer, lexicon)
        if found is None:
            run_has_unknown = True
            i += 1
            continue
        mention, j = found
        whole = i == segment_start and (j == len(run) or run[j].text in lexicon.connectors)
        next_word = run[j].bare.casefold() if j < len(run) else ""
        best = mention.confident_entry() or (mention.candidates[0][0] if mention.candidates else None)
        strong = _is_strong(best, mention.fixed is not None)
        country = best is not None and (best.feature.startswith("PCL") or best.feature == "CONT")
        # A strong place may start a longer run only before a title ("Kharkiv Governor Oleh
        # Syniehubov"); before another name it is a given name ("George Washington").
        accepted = mention.level is not None or mention.fixed is not None or whole or country or (
            strong and not run_has_unknown and next_word.rstrip(".") in lexicon.titles
        )
        if next_word in lexicon.organisation_words and mention.level is None:
            accepted = False  # "Kyiv Independent", "Washington Post"
        if accepted and j - i == 1 and mention.fixed is None and mention.level is None:
            accepted = _single_word_is_place(token, lexicon)
        if accepted:
            yield mention
            i = j
        else:
            run_has_unknown = True
            i += 1


def _single_word_is_place(token: _Token, lexicon: PlaceLexicon) -> bool:
    word = token.bare.casefold()
    if word in lexicon.not_places or word in lexicon.titles:
        return False
    if token.sentence_start and word in lexicon.common_words:
        return False
    return not (token.bare.isupper() and len(token.bare) <= 4)  # acronyms (NATO, GUR) only through the alias lexicon


def _longest_match(
    text: str, run: list[_Token], i: int, tokens: list[_Token], index_of: dict[int, int], gazetteer: Gazetteer, lexicon: PlaceLexicon
) -> tuple[_Mention, int] | None:
    for j in range(len(run), i, -1):
        span = run[i:j]
        if span[-1].text in lexicon.connectors:
            continue
        name = _span_text(text, span)
        start, end = span[0].start, _span_end(span)
        key = name_key(name)
        # A region phrase: "Kursk Oblast", "Sumy region", "the Sumy and Kharkiv regions".
        level = _region_level(run, j, tokens, index_of, lexicon)
        if level is not None:
            level_name, words_end = level
            candidates = _scored(gazetteer, name, level=level_name)
            if candidates:
                end_token = tokens[words_end]
                phrase_end = end_token.end if index_of[id(span[-1])] + 1 == words_end else end
                mention_text = text[start:phrase_end]
                return _Mention(start, phrase_end, mention_text, name, candidates, level=level_name), _run_index_after(run, words_end, index_of)
        fixed = _lexicon_entry(key, lexicon, gazetteer)
        if fixed is not None:
            return _Mention(start, end, text[start:end], name, [], fixed=fixed), j
        if span[0].bare.isupper() and len(span) == 1 and len(span[0].bare) <= 4:
            continue
        candidates = _scored(gazetteer, name)
        if candidates:
            return _Mention(start, end, text[start:end], name, candidates), j
    return None


def _run_index_after(run: list[_Token], token_index: int, index_of: dict[int, int]) -> int:
    """The position in ``run`` just past the token at ``token_index`` of the whole text."""
    for position, token in enumerate(run):
        if index_of[id(token)] > token_index:
            return position
    return len(run)


def _region_level(run: list[_Token], j: int, tokens: list[_Token], index_of: dict[int, int], lexicon: PlaceLexicon) -> tuple[str, int] | None:
    """If the span ending before ``run[j]`` is followed by a region word, its level and the region word's token index.

    Handles "Kursk Oblast" (the word inside the run), "Sumy region" (after it) and
    "Sumy and Kharkiv regions" (a list ending in a plural region word).
    """
    position = index_of[id(run[j - 1])] + 1
    while position < len(tokens):
        word = tokens[position].text.casefold()
        if word in lexicon.region_words:
            return "ADM1", position
        if word in lexicon.district_words:
            return "ADM2", position
        # Skip over ", Kharkiv" / "and Kharkiv" in a list ending with a plural region word.
        if word in (",", "and", "or") and position + 1 < len(tokens) and tokens[position + 1].capitalised:
            position += 2
            continue
        return None
    return None


_CONTAINMENT_GAP = re.compile(r"\s*(?:,|\bin(?: the)?|\bof(?: the)?)\s*$")


def _link_containment(text: str, mentions: list[_Mention]) -> None:
    """Mark "X in Y region", "X, Y" and "X of Y": X must lie inside Y when Y is a region or country."""
    for place, container in zip(mentions, mentions[1:]):
        if place.fixed is not None or place.level == "ADM1":
            continue
        gap = text[place.end : container.start]
        if not _CONTAINMENT_GAP.fullmatch(" " + gap if gap.startswith("in") or gap.startswith("of") else gap):
            continue
        region = container.fixed or (container.candidates[0][0] if container.level == "ADM1" and container.candidates else None)
        if region is None and container.candidates and container.candidates[0][0].feature in ("ADM1", "PCL", "PCLI"):
            region = container.candidates[0][0]
        if region is not None and (region.feature.startswith("PCL") or region.feature in ("ADM1", "ADM2")):
            place.inside = region


def find_places(text: str, *, offset: int = 0, context: PlaceContext | None = None, doc: Any = None) -> list[Place]:
    """Place names in ``text``, each resolved to a GeoNames entry or marked unresolved.

    text (str): a claim, a sentence or a whole article.
    offset (int): added to every start/end, so a claim's places carry article offsets.
    context (PlaceContext | None): the article's context (:meth:`PlaceContext.from_text`); without
        it, namesakes are told apart by population and feature only.
    doc (spacy.tokens.Doc | None): a parse of ``text``; its GPE/LOC/FAC entities become extra
        candidates where the capitalisation rules found nothing.
    RETURNS (list[Place]): in text order.
    """
    if not isinstance(text, str):
        raise TypeError(f"find_places expects str, got {type(text).__name__}")
    gazetteer = load_gazetteer()
    extra = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in ("GPE", "LOC", "FAC")] if doc is not None else []
    places = []
    for mention in _mentions(text, gazetteer, load_place_lexicon(), extra):
        place = mention.resolve(context, gazetteer)
        places.append(
            Place(**{**place.to_dict(), "start": place.start + offset, "end": place.end + offset})
        )
    return places


def resolve_toponym(name: str, *, context: PlaceContext | None = None) -> Place | None:
    """Resolve one given place name ("Kharkov", "U.S.", "Sumy Oblast", "Russian") in an article's context.

    For names whose span is already known, as in the geocoding evaluation. The
    returned place spans the whole of ``name`` (start 0).
    RETURNS (Place | None): None when neither the lexicons nor the gazetteer know the name.
    """
    if not isinstance(name, str):
        raise TypeError(f"resolve_toponym expects str, got {type(name).__name__}")
    gazetteer = load_gazetteer()
    lexicon = load_place_lexicon()
    cleaned = name.strip()
    words = cleaned.split()
    bare = _POSSESSIVE.sub("", cleaned) if len(cleaned) > 2 else cleaned
    if bare.isupper() and len(bare) > 4 and "." not in bare:
        bare = bare.title()
    fixed = _lexicon_entry(name_key(bare), lexicon, gazetteer)
    if fixed is not None:
        return _place(name, 0, len(name), name, fixed, gazetteer)
    level = None
    if len(words) > 1 and words[-1].casefold() in lexicon.region_words | lexicon.district_words:
        level = "ADM1" if words[-1].casefold() in lexicon.region_words else "ADM2"
        region = _scored(gazetteer, " ".join(words[:-1]), level=level)
        if region:
            return _Mention(0, len(name), name, name, region, level=level).resolve(context, gazetteer)
    candidates = _scored(gazetteer, bare)
    if not candidates and bare.casefold().startswith("the "):
        candidates = _scored(gazetteer, bare[4:])
    if not candidates:
        return None
    return _Mention(0, len(name), name, name, candidates).resolve(context, gazetteer)
