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
(``data/place_demonyms.jsonl``; continents for "European", "African"). A claim's
places are found with ``demonyms=False``: there "Russian forces" names an actor,
not where the event happened, and would put every such claim on Russia's point.

**Context** (:class:`PlaceContext`, once per article) holds the countries, admin1
regions and places the article names unambiguously, including regions it names
only in an adjective or an organisation ("the Sumy regional administration",
"Kursk regional authorities": context, never a place of a claim); the surnames of
people it names ("Austin" of "Defense Secretary Lloyd Austin", so a later bare
"Austin" is no place); and the candidates of its ambiguous names. A small village
with a unique name counts only inside a country the article names through a
well-known place, and not when the article also writes the name as a common word
("Energy", "Centre").

**Resolving.** Abbreviations, common names and world regions ("U.S.", "UK", "EU",
"North Africa" → GeoNames' region 7729887) come from ``data/place_aliases.jsonl``,
which also composes a few regions GeoNames has no point for from their admin1
divisions ("Darfur", "Java"). Countries sit at GeoNames' own point for them, not at
their capitals. Otherwise every gazetteer entry with the name is scored: log10 of
its population (an oblast or state without one counts as a million), plus a bonus
for countries, capitals and first-level admin seats, minus a penalty when the name
is only an alternate or derived name, plus the context: the same country, the same
region, nearness to the places the article names (a country or region holding one
is at distance 0), and nearness to a candidate of another ambiguous name ("Salem"
beside "Eugene" and "Bend" is in Oregon). Population alone never decides between
namesakes when the context points at one. A bare name shared by a region and a
city of ≥ 100,000 inside it ("Kharkiv", "New York") means the city; with a region
word ("Kharkiv region") the region; a district word after a town names the district
around it, which Ukrainian writes as an adjective ("Sumy district" → Sumskyi
Raion). **Containment** overrides scores: in "Novenke in Sumy region", "Sudzha,
Kursk Oblast" or "Pandi, Bulacan" only entries inside the containing region or
country are allowed, and if there is none the place stays unresolved rather than
jumping to a namesake elsewhere ("located in", ", in" and "district of" hold too). The
container is read as the region that holds the place: "Buffalo, New York" and "Blakely,
Georgia" are the US states, "Brooklyn, New York" the city. A country, sea or world region
lies in no container ("the Embassy of Ukraine in Nigeria"), nor does a member of a list:
in "Syria, Iraq and Afghanistan" or "Arizona, California, Georgia and Illinois" each
stands alone, and a member of a list of one country's regions is a region of that country
too (Georgia the state). "The state of Washington" is the state. A region phrase whose region the
gazetteer lacks ("Nyanza province", a former Kenyan province) stays unresolved rather than
resolving to a village of that name, and a village in a country the article never names,
while it names others, stays unresolved ("Piccadilly" in a London story).

:func:`resolve_toponym` resolves one given name, alone or (with ``start``) where it stands in
the article, read as :func:`find_places` reads it; with ``approximate=True`` (for names
known to be places, as in the geocoding evaluation) a name the gazetteer lacks ("Royal
Street", "Colorado State University") or leaves unresolved gets an estimate with
precision ``vicinity`` and no GeoNames id: its container, the well-known place inside the
name, a place of its sentence, else the article's focus (:meth:`PlaceContext.focus`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from ..datafiles import bundled_rows
from ..model import Place
from .gazetteer import ALTERNATE, DERIVED, NAME, Gazetteer, GazetteerEntry, load_gazetteer, name_key

STRONG_CITY_POPULATION = 100_000
# Namesake villages whose scores differ by less than this (about a tenfold population) stay unresolved.
VILLAGE_POPULATION = 10_000
NAMESAKE_MARGIN = 1.0
# Two such namesakes this close are estimated (approximate=True only) at their midpoint, within 150 km of either.
NAMESAKE_SPREAD_KM = 300.0
# GeoNames gives most admin divisions no population: count an oblast or state as a million
# people, a smaller division as a town of 100,000.
UNKNOWN_ADMIN1_POPULATION = 1_000_000
UNKNOWN_ADMIN_POPULATION = 100_000
FEATURE_BONUS = {"PCL": 3.0, "PCLI": 3.0, "PCLD": 2.0, "PCLF": 2.0, "PCLS": 2.0, "TERR": 1.0, "CONT": 2.0, "PPLC": 1.5, "PPLA": 0.5, "ADM1": 0.5}
KIND_PENALTY = {ALTERNATE: 1.0, DERIVED: 1.5}
CONTEXT_COUNTRY_BONUS = 3.0
CONTEXT_ADMIN1_BONUS = 2.0
# A candidate near a place the article names unambiguously gains up to this much, falling
# linearly to nothing at PROXIMITY_KM: "Portland" in an article that also names Salem and
# Eugene is the Oregon one, "Novenke" beside Sumy the Sumy Oblast village.
PROXIMITY_BONUS = 3.0
PROXIMITY_KM = 300.0
# A candidate near a candidate of another ambiguous name in the article gains this much per
# such name, for at most two names: "Salem" beside "Eugene" and "Bend" is the Oregon one
# though each name alone is ambiguous.
NEIGHBOUR_BONUS = 1.0
NEIGHBOUR_KM = 150.0
NEIGHBOUR_CANDIDATES = 5
EARTH_RADIUS_KM = 6371.0
# A place this close to a city named like the region around it is a part of that city: "Queens, New York".
CITY_PART_KM = 25.0
# What another romanisation of an unknown name may resolve to (resolve_toponym, approximate).
SPELLING_VARIANT_FEATURES = frozenset({"ADM1", "PPLC", "PPLA", "PPLA2"})
# Features whose point says nothing about where in them an event is: not used for proximity.
AREA_FEATURES = frozenset({"PCL", "PCLI", "PCLD", "PCLF", "PCLS", "TERR", "CONT", "RGN", "OCN", "SEA"})
# Compass words that names write either way ("South Darfur" / "Southern Darfur").
COMPASS_VARIANTS = {"north": "northern", "south": "southern", "east": "eastern", "west": "western"}

_TOKEN = re.compile(r"[A-Z](?:\.[A-Z])+\.?|[A-ZÀ-ÖØ-Þ][\w'’\-]*|[a-z]+|[,;:()\"“”.!?]")
_POSSESSIVE = re.compile(r"['’]s?$")
_SENTENCE_END = {".", "!", "?", "\"", "“", "”", ":"}


@dataclass(frozen=True)
class PlaceLexicon:
    """The place word lists of ``data/place_*.jsonl`` (see ``data/README.md``), keyed by name key."""

    aliases: dict[str, dict[str, Any]]
    demonyms: dict[str, dict[str, Any]]
    region_words: frozenset[str]
    region_adjectives: frozenset[str]
    region_heads: frozenset[str]
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
            region_adjectives=frozenset(w.casefold() for w in words.get("region_adjective", ())),
            region_heads=frozenset(w.casefold() for w in words.get("region_head", ())),
            district_words=frozenset(w.casefold() for w in words.get("district_word", ())),
            titles=frozenset(w.casefold() for w in words.get("title", ())),
            organisation_words=frozenset(w.casefold() for w in words.get("organisation_word", ())),
            not_places=frozenset(w.casefold() for w in words.get("not_a_place", ())),
            common_words=frozenset(w.casefold() for w in words.get("common_word", ())),
            connectors=frozenset(words.get("connector", ())),
        )


@lru_cache(maxsize=1)
def load_place_lexicon() -> PlaceLexicon:
    """The packaged place lexicons, read once per process."""
    return PlaceLexicon.from_records(
        bundled_rows("place_aliases.jsonl"), bundled_rows("place_demonyms.jsonl"), bundled_rows("place_rules.jsonl")
    )


@dataclass
class PlaceContext:
    """What an article says about where it is: the countries, regions and places it names.

    Build it once per article with :meth:`from_text` and pass it to every
    :func:`find_places` / :func:`resolve_toponym` call on that article's claims.

    countries (Counter[str]): ISO codes of the countries the article names or whose places it names unambiguously.
    admin1 (Counter[str]): admin1 keys (``UA.21``) likewise, including regions named only in
        an adjective or an organisation ("the Sumy regional administration").
    places (list[GazetteerEntry]): the unambiguous places below country level (towns, regions,
        districts), in text order, repeats kept; candidates near them are preferred.
    person_names (set[str]): name keys of words the article uses as a person's name ("Austin"
        of "Defense Secretary Lloyd Austin"); a later bare "Austin" is not a place.
    ambiguous (dict[str, list[GazetteerEntry]]): for each name with namesakes (by name key), its
        likeliest few candidates below country level; a candidate near another name's candidate is preferred.
    mentions (dict[int, _Mention]): the article's place names by start offset, with what the text
        around each says ("Buffalo, New York", "the Sumy region"): :func:`resolve_toponym` with
        ``start`` reads a name there.
    senses (dict[str, GazetteerEntry]): by name key, what a name means where the article places
        it inside a region ("Buffalo, New York"); the same name standing bare elsewhere in the
        article ("schools in Buffalo") means the same (one sense per article).
    text (str): the article itself.
    """

    countries: Counter = field(default_factory=Counter)
    admin1: Counter = field(default_factory=Counter)
    places: list[GazetteerEntry] = field(default_factory=list)
    person_names: set[str] = field(default_factory=set)
    ambiguous: dict[str, list[GazetteerEntry]] = field(default_factory=dict)
    mentions: dict[int, _Mention] = field(default_factory=dict)
    senses: dict[str, GazetteerEntry] = field(default_factory=dict)
    text: str = ""

    @classmethod
    def from_text(cls, text: str, *, countries: Iterable[str] = ()) -> PlaceContext:
        """Collect the countries, regions and places named in ``text`` (a whole article).

        Only mentions whose resolution does not itself depend on context count:
        countries, demonyms, continents, regions, and names with one gazetteer entry
        or one that clearly dominates.
        countries (Iterable[str]): ISO codes known from elsewhere (the outlet's country, say).
        """
        if not isinstance(text, str):
            raise TypeError(f"PlaceContext.from_text expects str, got {type(text).__name__}")
        context = cls(countries=Counter(code.upper() for code in countries), text=text)
        mentions = _mentions(text, load_gazetteer(), load_place_lexicon(), person_names=context.person_names)
        context.mentions = {mention.start: mention for mention in mentions}
        confident = [(mention, entry) for mention in mentions if (entry := mention.confident_entry()) is not None]
        for mention in mentions:
            if mention.confident_entry() is None:
                nearby = [entry for entry, _ in mention.candidates if entry.feature not in AREA_FEATURES]
                context.ambiguous.setdefault(name_key(mention.name), nearby[:NEIGHBOUR_CANDIDATES])
        # Countries first, from names that cannot be a common word: countries, demonyms,
        # regions and cities of 100,000. A village with a unique name counts only inside one
        # of them: "Hell" (Norway) or "Energy" (Illinois) in an Irish story is an English word.
        for mention, entry in confident:
            if entry.country and _is_strong(entry, mention.fixed is not None or mention.level is not None):
                context.countries[entry.country] += 1
        lower_case_words = set(re.findall(r"\b[a-z]+\b", text))
        for mention, entry in confident:
            strong = _is_strong(entry, mention.fixed is not None or mention.level is not None)
            if not strong and not (entry.country and context.countries.get(entry.country)):
                continue
            if mention.fixed is None and mention.level is None and mention.name.casefold() in lower_case_words:
                continue  # "Centre", "Energy", "Valley": the article also writes it as a common word
            if entry.admin1_key and not entry.feature.startswith("PCL"):
                context.admin1[entry.admin1_key] += 1
            if entry.feature not in AREA_FEATURES:
                context.places.append(entry)
        placed: dict[str, set[GazetteerEntry]] = {}
        for mention in mentions:
            if mention.inside is not None and mention.fixed is None and (entry := mention.entry(context)) is not None:
                placed.setdefault(name_key(mention.name), set()).add(entry)
        context.senses = {key: next(iter(entries)) for key, entries in placed.items() if len(entries) == 1}
        return context

    def container_after(self, end: int) -> _Mention | None:
        """The place named right after offset ``end`` as a container (", Kenya", " in Fife", " of Baghdad"), if any."""
        following = [start for start in self.mentions if start >= end]
        if not following:
            return None
        mention = self.mentions[min(following)]
        return mention if _is_containment_gap(self.text[end : mention.start]) else None

    def sentence_place(self, start: int, end: int) -> GazetteerEntry | None:
        """The place below country level named nearest to ``start``-``end`` in the same sentence, if any."""
        sentence_start = max(self.text.rfind(mark, 0, start) for mark in (". ", "\n", "! ", "? ")) + 1
        ends = [position for mark in (". ", "\n", "! ", "? ") if (position := self.text.find(mark, end)) >= 0]
        sentence_end = min(ends) if ends else len(self.text)
        nearest = None
        for mention in self.mentions.values():
            if not (sentence_start <= mention.start and mention.end <= sentence_end) or start <= mention.start < end:
                continue
            entry = mention.entry(self)
            if entry is None or entry.feature in AREA_FEATURES:
                continue
            distance = start - mention.end if mention.end <= start else mention.start - end
            if nearest is None or distance < nearest[0]:
                nearest = (distance, entry)
        return nearest[1] if nearest else None

    def bonus(self, entry: GazetteerEntry) -> float:
        """How much the article's context speaks for ``entry``: same country, same region, nearby places."""
        score = 0.0
        if entry.country and self.countries.get(entry.country):
            score += CONTEXT_COUNTRY_BONUS
        if entry.admin1_key and self.admin1.get(entry.admin1_key):
            score += CONTEXT_ADMIN1_BONUS
        distance = self.distance_km(entry)
        if distance is not None:
            score += PROXIMITY_BONUS * max(0.0, 1.0 - distance / PROXIMITY_KM)
        return score + NEIGHBOUR_BONUS * min(2, self._neighbours(entry))

    def _neighbours(self, entry: GazetteerEntry) -> int:
        """How many other ambiguous names of the article have a candidate within NEIGHBOUR_KM of ``entry``."""
        if entry.feature in AREA_FEATURES:
            return 0
        count = 0
        for candidates in self.ambiguous.values():
            if any(
                other.geonameid != entry.geonameid and haversine_km(entry.lat, entry.lon, other.lat, other.lon) <= NEIGHBOUR_KM
                for other in candidates
            ):
                count += 1
        return count

    def distance_km(self, entry: GazetteerEntry) -> float | None:
        """Kilometres from ``entry`` to the nearest place the article names unambiguously; None without any.

        A country or region holding one of those places is at distance 0 ("Mexico" in a
        story about Mexican towns is the country, not Mexico City); a continent, sea or
        world region has no distance.
        """
        if not self.places or not entry.country and entry.feature in AREA_FEATURES:
            return None
        if entry.feature.startswith("PCL") or entry.feature == "TERR":
            inside = any(place.country == entry.country for place in self.places)
            return 0.0 if inside else min(haversine_km(entry.lat, entry.lon, p.lat, p.lon) for p in self.places)
        if entry.feature == "ADM1" and any(place.admin1_key == entry.admin1_key for place in self.places):
            return 0.0
        return min(haversine_km(entry.lat, entry.lon, place.lat, place.lon) for place in self.places)

    def focus(self) -> GazetteerEntry | None:
        """Where the article is: in the country it names most, its most named town, else its most named region.

        None when it names no place below country level; ties go to the one named first.
        """
        if not self.places:
            return None
        named_countries = {place.country for place in self.places}
        country = next((code for code, _ in self.countries.most_common() if code in named_countries), None)
        places = [place for place in self.places if place.country == country] or self.places
        towns = [place for place in places if place.feature_class == "P"]
        return Counter(towns or places).most_common(1)[0][0]


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
    demonym: bool = False  # "Russian", "North Koreans": fixed by the demonym lexicon
    context_only: bool = False  # "Sumy" of "the Sumy regional administration": tells where, is no place of a claim
    chosen: GazetteerEntry | None = None  # picked by its neighbours: the state of "Buffalo, New York"

    def confident_entry(self) -> GazetteerEntry | None:
        if self.fixed is not None or self.chosen is not None:
            return self.fixed or self.chosen
        if not self.candidates:
            return None
        # A region phrase ("Kursk region") or a country decides; a bare region name has namesakes
        # like any other ("Montana" in Bulgaria and the US, "Nelson" in New Zealand and Canada).
        if len(self.candidates) == 1 or self.level is not None or self.candidates[0][0].feature.startswith("PCL"):
            return self.candidates[0][0]
        # A region and the city named alike inside it are one choice, the city (as in entry()):
        # "Cairo" is confidently Cairo though Cairo Governorate shares the name.
        ranked = [(e, s) for e, s in self.candidates if not (e.feature_class == "A" and _seat_of_same_name(e, self.candidates))]
        if len(ranked) == 1:
            return ranked[0][0]
        return ranked[0][0] if ranked[0][1] - ranked[1][1] >= 2.0 else None

    def entry(self, context: PlaceContext | None) -> GazetteerEntry | None:
        """What the name stands for in ``context``; None without a candidate, or between namesake villages."""
        if self.fixed is not None or self.chosen is not None:
            return self.fixed or self.chosen
        if self.inside is None and self.level is None and context is not None and (sense := context.senses.get(name_key(self.name))):
            return sense
        scored = self._ranked(context)
        if not scored or _namesake_villages(scored):
            return None
        candidates = [(e, prior) for e, prior, _ in scored]
        entry = scored[0][0]
        if entry.feature_class == "P" and entry.population < VILLAGE_POPULATION:
            # Nearness to the article's places can lift a village over the region it is named
            # after; "New York City and Florida" means the state, not the village in New York.
            entry = next((e for e, _ in candidates if e.feature == "ADM1" and e.country == entry.country), entry)
        if self.inside is None and context is not None and _foreign_village(entry, context):
            return None
        if self.level is None and entry.feature_class == "A" and not entry.feature.startswith("PCL"):
            entry = _seat_of_same_name(entry, candidates) or entry
        return entry

    def _ranked(self, context: PlaceContext | None) -> list[tuple[GazetteerEntry, float, float]]:
        """(entry, prior, context bonus) of the candidates allowed by the container, best total first."""
        candidates = self.candidates
        if self.inside is not None:
            candidates = [(e, s) for e, s in candidates if _contains(self.inside, e)]
        return sorted(
            ((e, prior, context.bonus(e) if context else 0.0) for e, prior in candidates),
            key=lambda scored_entry: -(scored_entry[1] + scored_entry[2]),
        )

    def namesakes_midpoint(self, context: PlaceContext | None) -> GazetteerEntry | None:
        """Between two namesake villages left unresolved that lie within NAMESAKE_SPREAD_KM of each
        other, their midpoint, no farther than half that from either: an estimate, not a place."""
        scored = self._ranked(context)
        if not _namesake_villages(scored):
            return None
        first, second = scored[0][0], scored[1][0]
        if haversine_km(first.lat, first.lon, second.lat, second.lon) > NAMESAKE_SPREAD_KM:
            return None
        lat, lon = round((first.lat + second.lat) / 2, 3), round((first.lon + second.lon) / 2, 3)
        country = first.country if first.country == second.country else None
        return GazetteerEntry(None, self.name, "P", "", country, None, None, lat, lon, 0)

    def resolve(self, context: PlaceContext | None, gazetteer: Gazetteer) -> Place:
        return _place(self.text, self.start, self.end, self.name, self.entry(context), gazetteer)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees (a sphere of 6,371 km)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _namesake_villages(scored: list[tuple[GazetteerEntry, float, float]]) -> bool:
    """Whether the best two candidates are small places that nothing but population tells apart.

    scored (list): (entry, prior, context bonus), best total first.
    Three Ukrainian villages are called Novenke; with no region named and no context
    favouring one, picking the most populous would place a claim at a namesake, so the
    place stays unresolved instead.
    """
    if len(scored) < 2:
        return False
    (best, best_prior, best_bonus), (second, second_prior, second_bonus) = scored[0], scored[1]
    return (
        best.feature_class == "P"
        and second.feature_class == "P"
        and best.population < VILLAGE_POPULATION
        and best_bonus <= second_bonus
        and (best_prior + best_bonus) - (second_prior + second_bonus) < NAMESAKE_MARGIN
    )


def _foreign_village(entry: GazetteerEntry, context: PlaceContext) -> bool:
    """A village in a country the article never names, while it names others: "Piccadilly" in a
    London story is the street, not the Australian hamlet, and stays unresolved."""
    return (
        entry.feature_class == "P"
        and entry.population < VILLAGE_POPULATION
        and bool(context.countries)
        and not context.countries.get(entry.country)
    )


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
    if kind == DERIVED and entry.feature in ("ADM2", "ADM3"):
        score -= 1.5  # a bare "Washington" or "Franklin" is rarely the county named after it
    if entry.feature_class in "HTLS" and entry.feature not in ("CONT", "RGN", "OCN", "SEA"):
        score -= 1.0  # a river or hill shares its name with the town on it; the town is meant more often
    return score


def _scored(gazetteer: Gazetteer, name: str, *, level: str | None = None) -> list[tuple[GazetteerEntry, float]]:
    found = gazetteer.lookup_kinds(name)
    if not found:
        found = [(entry, ALTERNATE) for variant in _compass_variants(name) for entry in gazetteer.lookup(variant)]
    if not found:
        found = _alias_countries(name, gazetteer)
    if level == "ADM1":
        found = [(e, k) for e, k in found if e.feature == "ADM1"]
    elif level == "ADM2":
        found = (
            [(e, k) for e, k in found if e.feature in ("ADM2", "ADM3")]
            or _adjectival_districts(gazetteer, name, found)
            or [(e, k) for e, k in found if e.feature_class == "P"]
        )
    return sorted(((e, _prior(e, k)) for e, k in found), key=lambda pair: -pair[1])


def _compass_variants(name: str) -> Iterator[str]:
    """ "South Darfur" → "Southern Darfur" and back: names write the compass word either way."""
    first, _, rest = name.partition(" ")
    if not rest:
        return
    word = first.casefold()
    for short, long in COMPASS_VARIANTS.items():
        if word == short:
            yield f"{long} {rest}"
        elif word == long:
            yield f"{short} {rest}"


def _adjectival_districts(gazetteer: Gazetteer, name: str, found: list[tuple[GazetteerEntry, int]]) -> list[tuple[GazetteerEntry, int]]:
    """ "Sumy district" → Sumskyi Raion: a district named by an adjective of its town, which must lie inside it.

    Ukrainian raions take the adjective of their centre (Sumy → Sumskyi, Okhtyrka →
    Okhtyrskyi, Romny → Romenskyi), so the stem is the town's key less its last two
    letters (at least three kept); only a district sharing the town's admin2 code counts.
    """
    towns = [entry for entry, _ in found if entry.feature_class == "P" and entry.admin2_code]
    if not towns:
        return []
    key = name_key(name)
    stem = key[: max(3, len(key) - 2)]
    return [
        (entry, kind)
        for entry, kind in gazetteer.lookup_prefix(stem)
        if entry.feature in ("ADM2", "ADM3")
        and any((t.country, t.admin1_code, t.admin2_code) == (entry.country, entry.admin1_code, entry.admin2_code) for t in towns)
    ]


def _lexicon_entry(key: str, lexicon: PlaceLexicon, gazetteer: Gazetteer) -> GazetteerEntry | None:
    record = lexicon.aliases.get(key) or lexicon.demonyms.get(key)
    if record is None or "countries" in record:
        return None  # "countries": the context chooses among them, see _alias_countries
    if "country" in record:
        return gazetteer.country_entry(record["country"])
    if "geonameid" in record:
        return gazetteer.get(int(record["geonameid"]))
    if "admin1" in record:
        return gazetteer.admin1_entry(record["admin1"])
    if "admin1_members" in record:
        return _composite_region(record, gazetteer)
    ranked = _scored(gazetteer, record["name"])
    return ranked[0][0] if ranked else None


def _alias_countries(name: str, gazetteer: Gazetteer) -> list[tuple[GazetteerEntry, int]]:
    """The countries an ambiguous alias may name ("Congo": either Congo), as candidates the context decides between."""
    record = load_place_lexicon().aliases.get(name_key(name))
    codes = record.get("countries", ()) if record else ()
    return [(entry, NAME) for code in codes if (entry := gazetteer.country_entry(code)) is not None]


def _composite_region(record: dict[str, Any], gazetteer: Gazetteer) -> GazetteerEntry | None:
    """A region GeoNames has no point for, made of admin1 divisions it has ("Darfur", "Java"): their mean point."""
    members = [entry for entry in (gazetteer.admin1_entry(key) for key in record["admin1_members"]) if entry is not None]
    if not members:
        return None
    lat = round(sum(e.lat for e in members) / len(members), 3)
    lon = round(sum(e.lon for e in members) / len(members), 3)
    countries = {e.country for e in members}
    country = countries.pop() if len(countries) == 1 else None
    return GazetteerEntry(None, record["name"], "L", "RGN", country, None, None, lat, lon, 0)


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


def _mentions(
    text: str,
    gazetteer: Gazetteer,
    lexicon: PlaceLexicon,
    extra_spans: Iterable[tuple[int, int]] = (),
    *,
    person_names: set[str] | None = None,
) -> list[_Mention]:
    """Every place name in ``text``; the surnames of people it names are added to ``person_names``."""
    tokens = _tokens(text)
    index_of = {id(token): i for i, token in enumerate(tokens)}
    mentions: list[_Mention] = []
    surnames = person_names if person_names is not None else set()
    for run in _runs(tokens, lexicon):
        mentions.extend(_mentions_in_run(text, run, tokens, index_of, gazetteer, lexicon, surnames))
    covered = {(m.start, m.end) for m in mentions}
    for start, end in extra_spans:
        if any(m.start < end and start < m.end for m in mentions) or (start, end) in covered:
            continue
        name = text[start:end]
        candidates = _scored(gazetteer, name)
        if candidates:
            mentions.append(_Mention(start, end, name, name, candidates))
    mentions.sort(key=lambda m: m.start)
    lists = _lists(text, mentions)
    _link_containment(text, mentions, lists)
    _choose_list_regions(lists)
    return mentions


def _mentions_in_run(
    text: str,
    run: list[_Token],
    tokens: list[_Token],
    index_of: dict[int, int],
    gazetteer: Gazetteer,
    lexicon: PlaceLexicon,
    person_names: set[str],
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
            if (i + 1 == len(run) or run[i + 1].text in lexicon.connectors) and _is_name_word(token, lexicon):
                person_names.add(name_key(token.bare))  # the surname: "Austin" of "Secretary Lloyd Austin"
            i += 1
            continue
        found = _longest_match(text, run, i, tokens, index_of, gazetteer, lexicon)
        if found is None:
            run_has_unknown = True
            i += 1
            continue
        mention, j = found
        # A month or weekday after the name ends it as a connector does: "Quezon City Wednesday evening".
        whole = i == segment_start and (
            j == len(run) or run[j].text in lexicon.connectors or run[j].bare.rstrip(".").casefold() in lexicon.not_places
        )
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
            if run_has_unknown and j == len(run) and j - i == 1 and _is_name_word(run[i - 1], lexicon) and _is_name_word(token, lexicon):
                person_names.add(name_key(token.bare))  # "George Washington": a surname after a given name
            run_has_unknown = True
            i += 1


def _is_name_word(token: _Token, lexicon: PlaceLexicon) -> bool:
    """Whether a capitalised word may be part of a person's name (not "Ministry", "March", "President")."""
    word = token.bare.rstrip(".").casefold()
    return not (
        word in lexicon.not_places or word in lexicon.titles or word in lexicon.organisation_words or token.bare.isupper()
    )


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
        # A region phrase: "Kursk Oblast", "Sumy region", "the Sumy and Kharkiv regions", "the state of Washington".
        level = _region_level(run, j, tokens, index_of, lexicon)
        if level is None and j == len(run) and _after_region_word(tokens, index_of[id(span[0])], lexicon, gazetteer, name):
            level = ("ADM1", index_of[id(span[-1])], False)
        if level is not None:
            level_name, words_end, adjective = level
            candidates = _scored(gazetteer, name, level=level_name)
            # A region the gazetteer lacks ("Nyanza province", "the provinces of Nyanza") is a place
            # left unresolved, not a village of that name; only with the region word right beside it.
            beside = words_end - index_of[id(span[-1])] in (0, 1)
            unknown_region = (
                not candidates and level_name == "ADM1" and not adjective and beside and _is_region_gap(gazetteer, lexicon, key, name)
            )
            if candidates or unknown_region:
                end_token = tokens[words_end]
                phrase_end = end_token.end if index_of[id(span[-1])] + 1 == words_end else end
                mention_text = text[start:phrase_end]
                mention = _Mention(start, phrase_end, mention_text, name, candidates, level=level_name, context_only=adjective)
                return mention, _run_index_after(run, words_end, index_of)
        following = index_of[id(span[-1])] + 1
        if level is None and following < len(tokens) and tokens[following].bare.rstrip(".").casefold() in lexicon.region_heads:
            # "Kursk Governor Alexei Smirnov": the region he heads, not its capital (what he reports
            # is about the region); the title is left to start the person's name.
            region = _scored(gazetteer, name, level="ADM1")
            if region:
                return _Mention(start, end, text[start:end], name, region, level="ADM1"), j
        fixed = _lexicon_entry(key, lexicon, gazetteer)
        if fixed is not None:
            demonym = key in lexicon.demonyms and key not in lexicon.aliases
            return _Mention(start, end, text[start:end], name, [], fixed=fixed, demonym=demonym), j
        if span[0].bare.isupper() and len(span) == 1 and len(span[0].bare) <= 4:
            continue
        candidates = _scored(gazetteer, name)
        if candidates:
            return _Mention(start, end, text[start:end], name, candidates), j
    return None


def _is_region_gap(gazetteer: Gazetteer, lexicon: PlaceLexicon, key: str, name: str) -> bool:
    """Whether "<name> province" names a region the gazetteer lacks, rather than a town: no alias,
    and no candidate a region could be named after (an admin division of any level, a city of 100,000).

    "Nyanza province" (a former Kenyan province) is then no place at the town of Nyanza in
    Rwanda, and stays unresolved; "the Paris region" still means Paris, "the Somme region"
    the Somme department.
    """
    if _lexicon_entry(key, lexicon, gazetteer) is not None:
        return False
    candidates = _scored(gazetteer, name)
    return bool(candidates) and not any(_is_strong(entry, False) or entry.feature_class == "A" for entry, _ in candidates)


def _run_index_after(run: list[_Token], token_index: int, index_of: dict[int, int]) -> int:
    """The position in ``run`` just past the token at ``token_index`` of the whole text."""
    for position, token in enumerate(run):
        if index_of[id(token)] > token_index:
            return position
    return len(run)


def _after_region_word(tokens: list[_Token], first: int, lexicon: PlaceLexicon, gazetteer: Gazetteer, name: str) -> bool:
    """Whether the name at token ``first`` follows "state of", "province of", "region of": "the state of Washington".

    Not for a country's name: "the territory of Georgia" and "the state of Israel" are the countries.
    """
    if first < 2 or tokens[first - 1].text.casefold() != "of" or tokens[first - 2].text.casefold() not in lexicon.region_words:
        return False
    candidates = _scored(gazetteer, name)
    return not (candidates and candidates[0][0].feature.startswith("PCL"))


def _region_level(
    run: list[_Token], j: int, tokens: list[_Token], index_of: dict[int, int], lexicon: PlaceLexicon
) -> tuple[str, int, bool] | None:
    """If the span ending before ``run[j]`` is followed by a region word: its level, the region word's token index, and whether the word is an adjective.

    Handles "Kursk Oblast" (the word inside the run), "Sumy region" (after it),
    "Sumy and Kharkiv regions" (a list ending in a plural region word) and "the
    Sumy regional administration" (an adjective: the region is context, not a place of the claim).
    """
    position = index_of[id(run[j - 1])] + 1
    while position < len(tokens):
        word = tokens[position].text.casefold()
        if word in lexicon.region_words:
            return "ADM1", position, False
        if word in lexicon.region_adjectives:
            return "ADM1", position, True
        if word in lexicon.district_words:
            return "ADM2", position, False
        # Skip over ", Kharkiv" / "and Kharkiv" in a list ending with a plural region word.
        if word in (",", "and", "or") and position + 1 < len(tokens) and tokens[position + 1].capitalised:
            position += 2
            continue
        return None
    return None


_CONTAINMENT_GAP = re.compile(
    r"\s*(?:,|,?\s*(?:located\s+)?in(?: the)?|(?:district|area|region|province|county)?\s*of(?: the)?)\s*$"
)


def _is_containment_gap(gap: str) -> bool:
    """Whether the text between two names makes the second hold the first: ", ", " in ", " of the ",
    ", in ", " located in ", " district of " ("the Adhamiyah district of Baghdad")."""
    return bool(_CONTAINMENT_GAP.fullmatch(" " + gap if gap.startswith(("in", "of")) else gap))


def _is_region(entry: GazetteerEntry) -> bool:
    return entry.feature.startswith("PCL") or entry.feature in ("ADM1", "ADM2")


# A list's separators, also with a count between: "twelve in Ontario, eight in Alberta, one in New Brunswick, and one in Quebec".
_LIST_GAP = re.compile(r"\s*(?:,|,?\s+(?:and|or))\s+(?:(?:[a-z]+|\d+)\s+in\s+)?")
_CONJUNCTION = re.compile(r"\b(?:and|or)\b")


@dataclass
class _List:
    """Names joined by commas, "and" or "or": "Syria, Iraq and Afghanistan", "Texas and Georgia".

    Three or more joined by commas alone may be an address as well ("Matias Romero, Oaxaca
    State, Mexico"), so a comma there still makes a container where one name holds the other.
    """

    members: list[_Mention]
    conjoined: bool  # an "and"/"or" joins two of them: a list, never an address


def _lists(text: str, mentions: list[_Mention]) -> list[_List]:
    """The lists among ``mentions``: runs of three or more names joined by commas, or any joined by "and"/"or"."""
    chains = []
    chain = mentions[:1]
    for previous, mention in zip(mentions, mentions[1:]):
        if _LIST_GAP.fullmatch(text[previous.end : mention.start]):
            chain.append(mention)
            continue
        chains.append(chain)
        chain = [mention]
    chains.append(chain)
    found = []
    for chain in chains:
        conjoined = any(_CONJUNCTION.search(text[a.end : b.start]) for a, b in zip(chain, chain[1:]))
        if len(chain) >= 3 or conjoined:
            found.append(_List(chain, conjoined))
    return found


def _choose_list_regions(lists: list[_List]) -> None:
    """In a list of a country's first-level regions, an ambiguous member is one too.

    "Arizona, California, Colorado, Georgia, Illinois" and "the states of Texas and Georgia"
    name the US state Georgia, not the country; "Alberta, Manitoba, Ontario and New
    Brunswick" the Canadian province, not the town in Ohio. Not when the other members are
    as often countries as regions ("Georgia and Armenia" stays the country), nor for the
    regions' own country ("Oaxaca State, Mexico" keeps the country Mexico, not the State of Mexico).
    """
    for found in lists:
        entries = [(mention, mention.confident_entry()) for mention in found.members]
        for mention, own in entries:
            others = [entry for other, entry in entries if other is not mention and entry is not None]
            regions = Counter(entry.country for entry in others if entry.feature == "ADM1")
            countries = sum(entry.feature.startswith("PCL") for entry in others)
            if sum(regions.values()) <= countries or mention.fixed is not None:
                continue
            country = regions.most_common(1)[0][0]
            if own is not None and own.feature.startswith("PCL") and own.country == country:
                continue
            region = next((entry for entry, _ in mention.candidates if entry.feature == "ADM1" and entry.country == country), None)
            if region is not None:
                mention.chosen = region


def _city_holding(place: _Mention, region: GazetteerEntry, container: _Mention) -> GazetteerEntry | None:
    """The city named like ``region`` when ``place`` is a part of it: "Brooklyn, New York" is the city, "Buffalo, New York" the state."""
    city = _seat_of_same_name(region, container.candidates)
    if city is None:
        return None
    near = any(
        _contains(region, entry) and haversine_km(entry.lat, entry.lon, city.lat, city.lon) <= CITY_PART_KM
        for entry, _ in place.candidates
    )
    return city if near else None


def _link_containment(text: str, mentions: list[_Mention], lists: list[_List]) -> None:
    """Mark "X in Y region", "X, Y" and "X of Y": X must lie inside Y when Y is a region or country.

    Y is read as the region that holds one of X's candidates where it can be ("Buffalo, New
    York" is the state, though a bare "New York" is the city; "Blakely, Georgia" the US
    state); otherwise as its likeliest region, and an X with no candidate inside stays
    unresolved. A country, sea or world region lies in no one ("Ukraine in Nigeria" is its
    embassy, "the Indian Ocean in Seychelles" is where the Seychelles are), nor does a
    member of a list ("Syria, Iraq, and Afghanistan"); in a list joined by commas alone
    only a container that holds the name counts ("Matias Romero, Oaxaca State, Mexico"),
    or one the next member holds ("Stroud, Ontario, Canada"). Containment is transitive:
    an X whose container has no entry of its own but lies in a region lies in that region.
    """
    list_of = {id(mention): found for found in lists for mention in found.members}
    # Right to left, so that a container is placed in its own container first: "Fulton County,
    # located in Illinois" is the Illinois county before "Rice Lake area of Fulton County" is read.
    for place, container in reversed(list(zip(mentions, mentions[1:]))):
        if place.fixed is not None or place.level == "ADM1" or not _is_containment_gap(text[place.end : container.start]):
            continue
        own = place.confident_entry()
        if own is not None and own.feature in AREA_FEATURES:
            continue
        same_list = list_of.get(id(place)) is not None and list_of.get(id(place)) is list_of.get(id(container))
        if same_list and list_of[id(place)].conjoined:
            continue
        if container.fixed is not None:
            regions = [container.fixed]
        else:
            # A county only when the text calls it one: "Scott County", not the bare "Washington".
            regions = [
                entry
                for entry, _ in container.candidates
                if _is_region(entry) and (container.level or entry.feature != "ADM2" or name_key(entry.name) == name_key(container.name))
            ]
        holding = next((region for region in regions if any(_contains(region, entry) for entry, _ in place.candidates)), None)
        if holding is not None:
            place.inside = holding
            if container.fixed is None:
                container.chosen = _city_holding(place, holding, container) or holding
            continue
        if same_list and not _is_address(container, list_of[id(place)]):
            continue
        region = container.fixed or (container.candidates[0][0] if container.level == "ADM1" and container.candidates else None)
        if region is None and container.candidates and container.candidates[0][0].feature in ("ADM1", "PCL", "PCLI"):
            region = container.candidates[0][0]
        if region is None and container.inside is not None:
            # Containment is transitive: "the Rice Lake area of Fulton County, located in Illinois"
            # lies in Illinois (in that Fulton County where the gazetteer has it).
            held = container.entry(None)
            region = held if held is not None and _is_region(held) else container.inside
        if region is not None and _is_region(region):
            place.inside = region


def _is_address(container: _Mention, found: _List) -> bool:
    """Whether ``container`` is held by the list member right after it: "Stroud, Ontario, Canada"
    is an address (Ontario lies in Canada), "Alberta, Manitoba, Ontario" a list."""
    members = found.members
    position = next(i for i, member in enumerate(members) if member is container)
    if position + 1 == len(members) or found.conjoined:
        return False
    holder = members[position + 1].fixed or members[position + 1].confident_entry()
    return holder is not None and _is_region(holder) and any(_contains(holder, entry) for entry, _ in container.candidates)


def find_places(
    text: str, *, offset: int = 0, context: PlaceContext | None = None, doc: Any = None, demonyms: bool = True
) -> list[Place]:
    """Place names in ``text``, each resolved to a GeoNames entry or marked unresolved.

    text (str): a claim, a sentence or a whole article.
    offset (int): added to every start/end, so a claim's places carry article offsets.
    context (PlaceContext | None): the article's context (:meth:`PlaceContext.from_text`); without
        it, namesakes are told apart by population and feature only.
    doc (spacy.tokens.Doc | None): a parse of ``text``; its GPE/LOC/FAC entities become extra
        candidates where the capitalisation rules found nothing.
    demonyms (bool): whether demonyms count as places ("Russian forces" → Russia). A claim's
        places pass False: "Russian" there names an actor, not where the event happened; a
        country's own name ("in Russia") is kept either way.
    RETURNS (list[Place]): in text order. Regions named only in an adjective or an
        organisation ("the Sumy regional administration") are left out: they feed the
        context, they are no place of the claim. So are bare surnames of people the text or
        the context names ("Austin" after "Defense Secretary Lloyd Austin").
    """
    if not isinstance(text, str):
        raise TypeError(f"find_places expects str, got {type(text).__name__}")
    gazetteer = load_gazetteer()
    extra = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in ("GPE", "LOC", "FAC")] if doc is not None else []
    person_names = set(context.person_names) if context is not None else set()
    places = []
    for mention in _mentions(text, gazetteer, load_place_lexicon(), extra, person_names=person_names):
        if mention.context_only or (mention.demonym and not demonyms) or _is_surname(text, mention, person_names):
            continue
        place = mention.resolve(context, gazetteer)
        places.append(Place(**{**place.to_dict(), "start": place.start + offset, "end": place.end + offset}))
    return places


_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|from|to|into|outside|around|towards?)\s+(?:the\s+)?$", re.IGNORECASE)


def _is_surname(text: str, mention: _Mention, person_names: set[str]) -> bool:
    """A bare one-word name the article also uses as a person's surname, not after "in", "near", "from"."""
    if mention.fixed is not None or mention.level is not None or mention.inside is not None or " " in mention.name.strip():
        return False
    if name_key(mention.name) not in person_names:
        return False
    return not _LOCATIVE_BEFORE.search(text[max(0, mention.start - 20) : mention.start])


def resolve_toponym(
    name: str, *, context: PlaceContext | None = None, approximate: bool = False, start: int | None = None
) -> Place | None:
    """Resolve one given place name ("Kharkov", "U.S.", "Sumy Oblast", "Russian") in an article's context.

    For names whose span is already known, as in the geocoding evaluation. The
    returned place spans the whole of ``name`` (start 0).
    start (int | None): where ``name`` starts in the article ``context`` was built from. The
        name is then read with the words around it, as :func:`find_places` reads it: "New
        York" of "Buffalo, New York" or "New York state" is the state, "Nyanza" of "Nyanza
        province" a region, and a name the gazetteer lacks is estimated at the place that
        holds it ("Cellardyke in Fife, Scotland").
    approximate (bool): for a name neither the lexicons nor the gazetteer know ("Royal
        Street", "Colorado State University", "Brands Hatch"), or (with ``start``) one they
        leave unresolved there (namesake villages, a village abroad, a region phrase whose
        region is missing), return another romanisation of it, a region or the seat of one in
        a country the article names twice or more ("Menoufia" → Monufia, "Mbanza Congo" → Mbanza Kongo;
        :meth:`Gazetteer.lookup_spelling`),
        or else an estimate with precision ``vicinity`` and no GeoNames
        id: between two namesake villages within NAMESAKE_SPREAD_KM of each other, their
        midpoint; else the place named right after it as its container (with ``start``), else the place
        named inside the name ("Colorado"), else a place its sentence names in the article's
        main country (with ``start``), else the article's focus (:meth:`PlaceContext.focus`).
        Only for callers that know the name is a place; off by default.
    RETURNS (Place | None): None when the name cannot be resolved (or estimated).
    """
    if not isinstance(name, str):
        raise TypeError(f"resolve_toponym expects str, got {type(name).__name__}")
    gazetteer = load_gazetteer()
    lexicon = load_place_lexicon()
    cleaned = name.strip()
    bare = _POSSESSIVE.sub("", cleaned) if len(cleaned) > 2 else cleaned
    if bare.isupper() and len(bare) > 4 and "." not in bare:
        bare = bare.title()
    found = context.mentions.get(start) if context is not None and start is not None else None
    if found is None or name_key(found.name) != name_key(bare):
        found = _mention_alone(name, bare, gazetteer, lexicon)
    if found is not None:
        place = replace(found, start=0, end=len(name), text=name).resolve(context, gazetteer)
        if place.lat is not None or not approximate:
            return place
        between = found.namesakes_midpoint(context)
        if between is not None:
            return _vicinity(name, between, gazetteer)
        # Namesakes far apart, a region phrase whose region the gazetteer lacks ("Nyanza
        # province"), a village abroad: estimated below like a name the gazetteer lacks.
    if not approximate:
        return None
    if found is None and context is not None:
        # Regions and their seats only, in a country named more than once: those are the names
        # news romanises in more than one way, while a village a letter away is as often another
        # village ("Regen" for "Rügen"), and a country named once as often a passing mention.
        countries = [code for code, count in context.countries.items() if count >= 2]
        variants = [entry for entry, _ in gazetteer.lookup_spelling(bare, countries) if entry.feature in SPELLING_VARIANT_FEATURES]
        if variants:
            return _place(name, 0, len(name), name, variants[0], gazetteer)
    inner = _place_inside_name(cleaned, gazetteer, lexicon)
    container = context.container_after(start + len(name)) if context is not None and start is not None else None
    # The more precise of the two: "Tijuana River in Baja California" by Tijuana, which lies
    # in the container; "Embassy of Armenia in the Holy See" and "University of California,
    # Los Angeles" by the container. A containing country says less than the article's focus
    # inside it ("Kasai Occidental province of DRC"); a country inside the name is the place
    # meant ("Bank of Mexico").
    focus = context.focus() if context is not None else None
    holder = container.entry(context) if container is not None else None
    if holder is not None and focus is not None and holder.feature.startswith("PCL") and _contains(holder, focus):
        holder = focus
    within = inner.entry(context) if inner is not None else None
    if within is not None and within.country and context is not None and context.countries and not context.countries.get(within.country):
        within = None  # "Bab" of "Bab el-Oued hospital" in an Algerian story is no Syrian town
    estimates = [entry for entry in (holder, within) if entry is not None]
    if len(estimates) == 2 and _contains(estimates[0], estimates[1]):
        estimates.reverse()
    if estimates:
        return _vicinity(name, estimates[0], gazetteer)
    # Nearer than the article's focus: a place the same sentence names, in the focus's country
    # ("Fraser Valley, a farming community near Vancouver") or in one the article names more
    # than once ("Piccadilly, his home in Muswell Hill" in a story set in Moscow and London); a
    # place in a country named once is more likely a misread name ("Delft" township of Cape
    # Town, the Dutch city).
    local = context.sentence_place(start, start + len(name)) if context is not None and start is not None else None
    if local is not None and (focus is None or local.country == focus.country or context.countries[local.country] >= 2):
        focus = local
    if focus is None and context is not None and context.countries:
        # No place below country level: the country the article names most ("Bariyarpur" in a story on Nepal).
        focus = gazetteer.country_entry(context.countries.most_common(1)[0][0])
    if focus is None:
        return None
    return _vicinity(name, focus, gazetteer)


def _mention_alone(name: str, bare: str, gazetteer: Gazetteer, lexicon: PlaceLexicon) -> _Mention | None:
    """``name`` read from its own words: the lexicons, a region phrase ("Sumy Oblast"), the gazetteer."""
    fixed = _lexicon_entry(name_key(bare), lexicon, gazetteer)
    if fixed is not None:
        return _Mention(0, len(name), name, name, [], fixed=fixed)
    words = name.strip().split()
    if len(words) > 1 and words[-1].casefold() in lexicon.region_words | lexicon.district_words:
        level = "ADM1" if words[-1].casefold() in lexicon.region_words else "ADM2"
        region = _scored(gazetteer, " ".join(words[:-1]), level=level)
        if region:
            return _Mention(0, len(name), name, name, region, level=level)
    candidates = _scored(gazetteer, bare)
    if not candidates and bare.casefold().startswith("the "):
        candidates = _scored(gazetteer, bare[4:])
    return _Mention(0, len(name), name, name, candidates) if candidates else None


def _place_inside_name(name: str, gazetteer: Gazetteer, lexicon: PlaceLexicon) -> _Mention | None:
    """The longest, then leftmost, run of words in ``name`` that is a well-known place: "Colorado" of
    "Colorado State University", "Dubai" of "Dubai World Cup", "England" of "Bank of England".

    Well known means a country, region or city of 100,000 (or a region phrase), so that
    "Royal" of "Royal Street" or "Hell" of "Paddock Hill Bend" does not count; demonyms do not
    either ("Russian Embassy" is not in Russia).
    """
    found = [m for m in _mentions(name, gazetteer, lexicon) if not m.demonym and m.end - m.start < len(name)]
    tokens = [t for t in _tokens(name) if t.capitalised]
    for length in range(len(tokens) - 1, 0, -1):
        for first in range(len(tokens) - length + 1):
            span = tokens[first : first + length]
            words = _span_text(name, span)
            if length == 1 and (not _single_word_is_place(span[0], lexicon) or words.casefold() in lexicon.common_words):
                continue  # "Bay" of "Mahim Bay", "Valley" of "Rift Valley"
            key = name_key(words)
            fixed = _lexicon_entry(key, lexicon, gazetteer)
            if fixed is not None and not (key in lexicon.demonyms and key not in lexicon.aliases):
                return _Mention(span[0].start, _span_end(span), words, words, [], fixed=fixed)
            candidates = _scored(gazetteer, words)
            if candidates and _is_strong(candidates[0][0], False):
                return _Mention(span[0].start, _span_end(span), words, words, candidates)
    return max(found, key=lambda m: m.end - m.start) if found else None


def _vicinity(text: str, near: GazetteerEntry, gazetteer: Gazetteer) -> Place:
    """An estimate for a name the gazetteer lacks: at the place ``near`` it, with no GeoNames id of its own."""
    return Place(
        text=text, start=0, end=len(text), name=near.name, admin1=gazetteer.admin1_name(near.admin1_key),
        country=near.country, lat=near.lat, lon=near.lon, precision="vicinity",
    )
