"""What the linker knows of a claim, and which stored claims it is compared with.

:func:`features_of` reduces a stored claim to :class:`ClaimFeatures`: its topic
(what its figure counts), main figure, places, actors, "as of" date, content words
and the groups its source and cited sources belong to. :func:`blocking_keys`
gives the keys under which a claim is filed; two claims are compared only when
they share a key, so linking a batch costs its own claims times the size of
their blocks, never all pairs of the corpus.

Topic keys combine a topic with a quarter (a claim is filed under its own quarter
and the quarters either side) and, for a claim naming actors, each of its actors:
two claims that both name actors relate only if they share one
(:func:`claimgraph.link.relations.relate`), so they need meet only in a shared
actor's block, which stays the size of one actor's news rather than a topic's.
A claim naming no actor may relate to any claim of its topic, but without similar
wording only through figures on both sides or opposite polarity in a shared
first-level division; so, when it has a figure or a region, it *probes*
(``?topic|figure…``, ``?topic|region:…``) the topic's *listings*, where claims
naming actors are listed by the same facets, and the other probes — a listing
alone meets no other listing (:func:`matching_keys`). MinHash bands over the
content words find the similar wordings; they carry a date span, because the
relations that rest on similar words hold only within ``denial_days``. Candidacy is
symmetric and the keys depend on the claim alone, so the pairs compared — and
hence the links — are the same whatever order the articles arrive in.

MinHash is written here rather than taken from a library (datasketch) because it
is twenty lines over :mod:`hashlib`, and its hashes must be stable across
processes and versions: the keys are stored. Python's ``hash()`` is salted per
process and would not do.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from ..extract.actors import find_actor_mentions
from ..model import ActorType, Claim, Modality, QuantityRange, Source, SourceType
from ..query import StoredClaim

CONFIG_FILE = "linking.toml"

# Actor types that speak for a state: a ministry, an army, an intelligence agency
# and a head of state of one country are one government, not independent sources.
STATE_ORGANS = frozenset(
    {
        ActorType.STATE,
        ActorType.GOVERNMENT,
        ActorType.ARMED_FORCES,
        ActorType.INTELLIGENCE_AGENCY,
        ActorType.SECURITY_SERVICE,
        ActorType.MINISTRY,
        ActorType.LEADER,
    }
)
# Marks a chain that goes back to unnamed media: nothing citing it is independent.
MEDIA_ORIGIN = "media"

# Key prefixes: a claim naming actors is *listed* under its topic for the claims naming
# none, which *probe* it (see matching_keys).
LISTED = "+"
PROBE = "?"

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_MAX_HASH = (1 << 64) - 1


@dataclass(frozen=True)
class Topic:
    """What a figure counts (``data/linking.toml``): matched by sub-type, unit or cue word."""

    name: str
    label: str
    subtypes: frozenset[str]
    units: frozenset[str]
    words: tuple[str, ...]
    implies: frozenset[str]
    figure_units: frozenset[str] = frozenset()

    def covers(self, other: Topic) -> bool:
        """This topic is ``other`` or affirming it affirms ``other``."""
        return self.name == other.name or other.name in self.implies


@dataclass(frozen=True)
class LinkingConfig:
    """The settings in ``data/linking.toml`` (documented there)."""

    same_time_days: int
    denial_days: int
    bucket_months: int
    minhash_bands: int
    minhash_rows: int
    min_similarity: float
    stopwords: frozenset[str]
    denial_words: frozenset[str]
    topics: tuple[Topic, ...]

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LinkingConfig:
        return cls(
            same_time_days=int(d["same_time_days"]),
            denial_days=int(d["denial_days"]),
            bucket_months=int(d["bucket_months"]),
            minhash_bands=int(d["minhash_bands"]),
            minhash_rows=int(d["minhash_rows"]),
            min_similarity=float(d["min_similarity"]),
            stopwords=frozenset(d["stopwords"]),
            denial_words=frozenset(_stem(word) for word in d["denial_words"]),
            topics=tuple(
                Topic(
                    name=t["name"],
                    label=t["label"],
                    subtypes=frozenset(t["subtypes"]),
                    units=frozenset(t["units"]),
                    words=tuple(t["words"]),
                    implies=frozenset(t["implies"]),
                    figure_units=frozenset(t.get("figure_units", ())),
                )
                for t in d["topics"]
            ),
        )


@lru_cache(maxsize=1)
def load_config() -> LinkingConfig:
    """The shipped linking settings, read once per process."""
    text = (resources.files("claimgraph") / "data" / CONFIG_FILE).read_text(encoding="utf-8")
    return LinkingConfig.from_dict(tomllib.loads(text))


@dataclass(frozen=True)
class ClaimFeatures:
    """A claim as the linker compares it.

    as_of: the day the claim speaks of (end of its latest time span, else its
    article's publication date; None when neither is known; a forecast's date when
    the claim has only dates after its publication). source_surname: the last word
    of a person's name, or of a one-word name ("Artyukh" is "Volodymyr Artyukh").
    figure: the first
    figure counting the topic (or with no unit). admin1s / countries: where its
    places lie. source_group: who speaks, as far as independence goes (one
    government, one organisation, one outlet); cited_groups: the groups its source
    cites, plus ``"media"`` when it cites unnamed news reports. words: content words.
    """

    id: str
    article_id: str
    published: date | None
    outlet: str | None
    source_name: str
    source_group: str
    source_surname: str | None
    cited_groups: frozenset[str]
    source_ids: frozenset[str]
    cited_ids: frozenset[str]
    topic: Topic | None
    figure: QuantityRange | None
    polarity: str
    modality: str
    actor_ids: frozenset[str]
    admin1s: frozenset[str]
    regions: frozenset[tuple[str, str]]
    countries: frozenset[str]
    as_of: date | None
    words: frozenset[str]
    denied: bool

    @property
    def planned(self) -> bool:
        """A plan or forecast ("will send 12,000"), not a report of what happened."""
        return self.modality == Modality.PLANNED.value or (
            self.as_of is not None and self.published is not None and self.as_of > self.published
        )



def features_of(stored: StoredClaim, config: LinkingConfig | None = None) -> ClaimFeatures:
    """The linker's view of a stored claim.

    stored (StoredClaim): the claim with its article's outlet and date.
    config (LinkingConfig): the settings; the shipped ones when None.
    RETURNS (ClaimFeatures): what relations and blocking keys are computed from.
    """
    config = config or load_config()
    claim = stored.claim
    source = claim.attribution.source
    words = content_words(claim.text, config.stopwords)
    topic = _topic(claim, words, config)
    cited_groups = {source_group(cited, stored.outlet) for cited in claim.attribution.chain}
    if source.type is SourceType.MEDIA_REPORTS or any(c.type is SourceType.MEDIA_REPORTS for c in claim.attribution.chain):
        cited_groups.add(MEDIA_ORIGIN)
    as_of = _as_of(claim, stored.published)
    return ClaimFeatures(
        id=claim.id,
        article_id=claim.article_id,
        published=stored.published,
        outlet=stored.outlet,
        source_name=source.name,
        source_group=source_group(source, stored.outlet),
        source_surname=_surname(source),
        cited_groups=frozenset(cited_groups),
        source_ids=identities(source),
        cited_ids=frozenset(i for cited in claim.attribution.chain for i in identities(cited)),
        topic=topic,
        figure=_figure(claim, topic),
        polarity=claim.polarity.value,
        modality=claim.modality.value,
        actor_ids=frozenset(a.id for a in claim.actors),
        admin1s=frozenset(p.admin1 for p in claim.places if p.admin1),
        regions=frozenset((p.country, p.admin1) for p in claim.places if p.admin1 and p.country),
        countries=frozenset(p.country for p in claim.places if p.country),
        as_of=as_of,
        words=words,
        denied=claim.modality is Modality.DENIED or bool(words & config.denial_words),
    )


def source_group(source: Source, outlet: str | None) -> str:
    """Who a source speaks for, as far as independence goes.

    A source naming a state organ ("Kremlin spokesman", "Ukraine's military
    intelligence", "Zelensky") speaks for that state's government (``state:UA``);
    another known actor for itself; an outlet for itself; an unnamed source for the
    outlet that quotes it; anyone else for their organisation, or themselves (a
    person by surname).
    """
    if source.type is SourceType.OUTLET:
        return f"outlet:{_fold(source.name)}"
    for text in (source.organization, source.name, source.role):
        if not text:
            continue
        actors = find_actor_mentions(text)
        if actors:
            actor = actors[0]
            if actor.type in STATE_ORGANS and actor.country:
                return f"state:{actor.country}"
            return f"actor:{actor.id}"
    if source.type in (SourceType.UNNAMED, SourceType.MEDIA_REPORTS):
        return f"outlet:{_fold(outlet or '')}"
    if source.organization:
        return f"name:{_fold(source.organization)}"
    surname = _surname(source)
    # "Austin" and "Lloyd Austin" in two articles are one speaker.
    return f"person:{surname}" if surname else f"name:{_fold(source.name)}"


def identities(source: Source) -> frozenset[str]:
    """The names a source goes by: its name and organisation, case-folded, and the ids of actors they name."""
    names = {_fold(text) for text in (source.name, source.organization) if text}
    actor_ids = {a.id for text in (source.name, source.organization) if text for a in find_actor_mentions(text)}
    return frozenset(names | actor_ids)


def content_words(text: str, stopwords: frozenset[str]) -> frozenset[str]:
    """Lower-cased words of a text less stopwords and one-letter words, plural -s stripped."""
    words = (match.group() for match in _WORD.finditer(text.casefold()))
    return frozenset(_stem(word) for word in words if len(word) > 1 and word not in stopwords)


def _stem(word: str) -> str:
    """The word without a possessive or plural -s ("Korea's" → "korea", "troops" → "troop").

    Enough to match a figure's noun across articles; a lemmatiser would need the parse,
    which linking does not have.
    """
    if word.endswith(("'s", "’s")):
        return word[:-2]
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared words over all words of the two sets (0 when both are empty)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def minhash_keys(words: frozenset[str], bands: int, rows: int) -> list[str]:
    """One key per band: the band's row minima over the words, hashed with blake2b (stable everywhere)."""
    if not words:
        return []
    minima = [_MAX_HASH] * (bands * rows)
    for word in words:
        encoded = word.encode("utf-8")
        for i in range(bands * rows):
            value = int.from_bytes(hashlib.blake2b(encoded, digest_size=8, salt=i.to_bytes(16, "little")).digest(), "little")
            if value < minima[i]:
                minima[i] = value
    keys = []
    for band in range(bands):
        signature = ",".join(str(v) for v in minima[band * rows : (band + 1) * rows])
        keys.append(f"lsh:{band}:{hashlib.blake2b(signature.encode(), digest_size=8).hexdigest()}")
    return keys


def blocking_keys(features: ClaimFeatures, config: LinkingConfig | None = None) -> list[str]:
    """The keys a claim is filed under; claims with matching keys (:func:`matching_keys`) are compared.

    Relations need a topic on both sides (:func:`claimgraph.link.relations.relate`),
    so a claim without one has no keys. A dated claim is filed, for its topic and
    each topic it implies, in the quarters around its date, under each actor it
    names and in the topic's listing of figures and of each region it names — or,
    naming none, as a probe of those listings; the rest is checked pair by pair.
    MinHash bands of the content words, in two overlapping date grids, add the
    similar wordings within ``denial_days``; an undated claim's bands meet only
    undated claims.
    """
    config = config or load_config()
    if features.topic is None:
        return []
    keys: set[str] = set()
    bands = minhash_keys(features.words, config.minhash_bands, config.minhash_rows)
    spans = _day_spans(features.as_of, config.denial_days) if features.as_of is not None else ["undated"]
    keys.update(f"{band}|{span}" for band in bands for span in spans)
    if features.as_of is not None:
        for topic in sorted({features.topic.name, *features.topic.implies}):
            for bucket in _buckets(features.as_of, config.bucket_months):
                # What lets a claim naming no actor relate to another without similar
                # wording: figures on both sides, or opposite polarity in a shared region.
                facets = [f"region:{admin1}" for admin1 in features.admin1s]
                if features.figure is not None:
                    facets.append("figure")
                if features.actor_ids:
                    keys.update(f"topic:{topic}|actor:{actor}|{bucket}" for actor in features.actor_ids)
                    keys.update(f"{LISTED}topic:{topic}|{facet}|{bucket}" for facet in facets)
                else:
                    keys.update(f"{PROBE}topic:{topic}|{facet}|{bucket}" for facet in facets)
    return sorted(keys)


def matching_keys(key: str) -> tuple[str, ...]:
    """The keys whose claims a claim filed under ``key`` is compared with.

    A plain key meets itself; a probe meets the probes and the listing of its topic
    and quarter; a listing meets only the probes. The relation is symmetric, so a
    pair is a candidate whichever of its claims arrives first.
    """
    if key.startswith(PROBE):
        return (key, LISTED + key[1:])
    if key.startswith(LISTED):
        return (PROBE + key[1:],)
    return (key,)


def _as_of(claim: Claim, published: date | None) -> date | None:
    """The latest day the claim speaks of that is not after publication; else its earliest forecast day; else the publication date.

    "3,000 already in Russia, 10,000 expected by December" is as of its article's
    day, not December: the reported figure comes first.
    """
    ends = sorted(t.end_date for t in claim.times)
    reported = [end for end in ends if published is None or end <= published]
    if reported:
        return reported[-1]
    return ends[0] if ends else published


def _surname(source: Source) -> str | None:
    words = _fold(source.name).split()
    if source.type is SourceType.PERSON or len(words) == 1:
        return words[-1] if words else None
    return None


def _buckets(day: date, months: int) -> list[str]:
    """The bucket holding ``day`` and the buckets either side, as ``t`` + months since year 0 // months."""
    index = (day.year * 12 + day.month - 1) // months
    return [f"t{i}" for i in (index - 1, index, index + 1)]


def _day_spans(day: date, days: int) -> list[str]:
    """Two spans of ``2 * days + 2`` days holding ``day``, from grids offset by half a span.

    Two days at most ``days`` apart lie less than half a span apart, so they share a
    span of one grid or the other (a boundary of each grid cannot both fall between them).
    """
    width = 2 * days + 2
    ordinal = day.toordinal()
    return [f"d{ordinal // width}", f"e{(ordinal + width // 2) // width}"]


def _topic(claim: Claim, words: frozenset[str], config: LinkingConfig) -> Topic | None:
    """The claim's topic: by event sub-type, else by a cue word, else by its figures' units.

    Cue words come before units: "1,100 soldiers killed or wounded" counts casualties.
    """
    if claim.event_subtype is not None:
        for topic in config.topics:
            if claim.event_subtype.value in topic.subtypes:
                return topic
    text = claim.text.casefold()
    for topic in config.topics:
        if any((_stem(word) in words) if " " not in word else (word in text) for word in topic.words):
            return topic
    units = {q.unit.casefold() for q in claim.quantities if q.unit}
    for topic in config.topics:
        if units & topic.units:
            return topic
    return None


def _figure(claim: Claim, topic: Topic | None) -> QuantityRange | None:
    """The first figure that counts the topic (its units or figure units), or has no unit; None without a topic."""
    if topic is None:
        return None
    for quantity in claim.quantities:
        if quantity.low is None and quantity.high is None:
            continue
        if quantity.unit is None or quantity.unit.casefold() in topic.units | topic.figure_units:
            return quantity
    return None


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())
