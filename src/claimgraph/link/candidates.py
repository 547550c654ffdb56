"""What the linker knows of a claim, and which stored claims it is compared with.

:func:`features_of` reduces a stored claim to :class:`ClaimFeatures`: its topic
(what its figure counts), main figure, places, actors, "as of" date, content words
and the groups its source and cited sources belong to. :func:`blocking_keys`
gives the keys under which a claim is filed; two claims are compared only when
they share a key, so linking a batch costs its own claims times the size of
their blocks, never all pairs of the corpus.

A claim is filed under keys of three kinds, each with a window in days; two
claims are compared when one's key matches the other's and their days lie
within the key's window (read from an index on key and day), so linking a claim
costs the claims of its blocks in that window — at a steady rate of reporting,
the same however long the archive grows. Each kind serves the relations that
need it (:mod:`claimgraph.link.relations`):

- ``fig`` (``figure_days``): figures of one topic, for agreement, contradiction
  and updates. A claim naming actors is filed under topic × actor × region for
  each first-level division it names; one that names a country without a
  division in it (or no place) *probes* topic × actor, where the others are
  *listed*; a claim naming no actor probes the topic's listing of all figures.
- ``pol`` (``denial_days``): a negated claim probes the listings of affirmed
  claims of its topic (and the topics implying it) in each of its regions.
- ``lsh`` (``denial_days``): 16 MinHash bands of the content words, for the
  relations that rest on similar wording — a claim without a figure, and a
  denial, probes them; every claim is listed. An undated claim's bands meet only
  undated claims, whatever their distance.
- ``wrd`` (``denial_days``): the same relations between claims naming a shared
  actor, found without MinHash's misses: a claim without a figure (or a denial)
  probes topic × actor for its topic and the topics it implies, where every claim
  naming actors is listed.

A listing meets only probes (:func:`matching_keys`); probes meet probes and
listings; a plain key meets itself. Candidacy is symmetric and the keys depend
on the claim alone, so the pairs compared — and hence the links — are the same
whatever order the articles arrive in.

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
from typing import Any

from ..datafiles import read_bundled
from ..extract.actors import find_actor_mentions
from ..model import ActorType, Claim, Modality, Polarity, QuantityRange, Source, SourceType
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

# Key prefixes: a *listed* claim is found only by the claims that *probe* the key (see matching_keys).
LISTED = "+"
PROBE = "?"
UNDATED = "|undated"  # suffix of the MinHash keys of a claim without a day: no window

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
    figure_days: int
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
            figure_days=int(d["figure_days"]),
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
    return LinkingConfig.from_dict(tomllib.loads(read_bundled(CONFIG_FILE)))


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
    actor_names: frozenset[str]
    admin1s: frozenset[str]
    regions: frozenset[tuple[str, str]]
    countries: frozenset[str]
    as_of: date | None
    words: frozenset[str]
    denied: bool
    # Worked out once per claim, since every pair it is compared in asks:
    day: int | None  # as_of as days since 0001-01-01 (how blocking keys store it); None when undated
    planned: bool  # a plan or forecast ("will send 12,000"), not a report of what happened
    region_admin1s: frozenset[str]  # the first-level divisions of ``regions``


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
        actor_names=frozenset(a.name for a in claim.actors),
        admin1s=frozenset(p.admin1 for p in claim.places if p.admin1),
        regions=frozenset((p.country, p.admin1) for p in claim.places if p.admin1 and p.country),
        countries=frozenset(p.country for p in claim.places if p.country),
        as_of=as_of,
        words=words,
        denied=claim.modality is Modality.DENIED or bool(words & config.denial_words),
        day=as_of.toordinal() if as_of is not None else None,
        planned=claim.modality is Modality.PLANNED or (as_of is not None and stored.published is not None and as_of > stored.published),
        region_admin1s=frozenset(p.admin1 for p in claim.places if p.admin1 and p.country),
    )


@lru_cache(maxsize=65536)
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


@lru_cache(maxsize=65536)
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
    minima = [min(column) for column in zip(*(_word_hashes(word, bands * rows) for word in words))]
    keys = []
    for band in range(bands):
        signature = ",".join(str(v) for v in minima[band * rows : (band + 1) * rows])
        keys.append(f"lsh:{band}:{hashlib.blake2b(signature.encode(), digest_size=8).hexdigest()}")
    return keys


@lru_cache(maxsize=65536)
def _word_hashes(word: str, count: int) -> tuple[int, ...]:
    """The word's ``count`` salted 64-bit hashes; cached, since a corpus repeats its words."""
    encoded = word.encode("utf-8")
    return tuple(
        int.from_bytes(hashlib.blake2b(encoded, digest_size=8, salt=i.to_bytes(16, "little")).digest(), "little")
        for i in range(count)
    )


def blocking_keys(features: ClaimFeatures, config: LinkingConfig | None = None) -> list[str]:
    """The keys a claim is filed under; claims with matching keys (:func:`matching_keys`) within the key's window are compared.

    Relations need a topic on both sides (:func:`claimgraph.link.relations.relate`),
    so a claim without one has no keys; an undated claim has only MinHash keys
    (``…|undated``). The kinds of key are described in the module's docstring.
    """
    config = config or load_config()
    if features.topic is None:
        return []
    bands = minhash_keys(features.words, config.minhash_bands, config.minhash_rows)
    if features.as_of is None:
        return sorted(band + UNDATED for band in bands)
    # Figures on both sides are compared through the figure keys; similar wording
    # matters where one side has no figure, or denies.
    wording = PROBE if features.figure is None or features.denied else LISTED
    keys = {wording + band for band in bands}
    topic = features.topic.name
    if features.figure is not None:
        if features.actor_ids:
            regions = _placed_regions(features)
            for actor in features.actor_ids:
                if regions:
                    keys.update(f"fig:{topic}|{actor}|{admin1}" for admin1 in regions)
                    keys.add(f"{LISTED}fig:{topic}|{actor}")
                else:
                    keys.add(f"{PROBE}fig:{topic}|{actor}")
            keys.add(f"{LISTED}fig:{topic}")
        else:
            keys.add(f"{PROBE}fig:{topic}")
    if features.actor_ids:
        role = PROBE if wording == PROBE else LISTED
        keys.update(
            f"{role}wrd:{covered}|{actor}" for covered in (topic, *features.topic.implies) for actor in features.actor_ids
        )
    if features.polarity == Polarity.NEGATED.value:
        keys.update(f"{PROBE}pol:{topic}|{admin1}" for admin1 in features.admin1s)
    else:
        keys.update(
            f"{LISTED}pol:{covered}|{admin1}" for covered in (topic, *features.topic.implies) for admin1 in features.admin1s
        )
    return sorted(keys)


def matching_keys(key: str) -> tuple[str, ...]:
    """The keys whose claims a claim filed under ``key`` is compared with.

    A plain key meets itself; a probe meets the probes and the listing of the same
    key; a listing meets only the probes. The relation is symmetric, so a pair is a
    candidate whichever of its claims arrives first.
    """
    if key.startswith(PROBE):
        return (key, LISTED + key[1:])
    if key.startswith(LISTED):
        return (PROBE + key[1:],)
    return (key,)


def key_window(key: str, config: LinkingConfig | None = None) -> int | None:
    """How many days apart two claims meeting through ``key`` may be; None for undated keys (any)."""
    config = config or load_config()
    if key.endswith(UNDATED):
        return None
    return config.figure_days if key.lstrip(LISTED + PROBE).startswith("fig:") else config.denial_days


def candidates(x: ClaimFeatures, y: ClaimFeatures, config: LinkingConfig | None = None) -> bool:
    """Whether the linker compares x and y: a key of one matches a key of the other, within its window.

    What :class:`claimgraph.link.Linker` computes a block at a time, for one pair.
    """
    config = config or load_config()
    y_keys = set(blocking_keys(y, config))
    for key in blocking_keys(x, config):
        window = key_window(key, config)
        if any(match in y_keys for match in matching_keys(key)):
            if window is None or (x.day is not None and y.day is not None and abs(x.day - y.day) <= window):
                return True
    return False


def _placed_regions(features: ClaimFeatures) -> frozenset[str]:
    """The claim's first-level divisions when it names one in every country it names; else empty.

    Figures of two claims compare only when their regions in the countries both
    name agree (:func:`claimgraph.link.relations.relate`): a claim placed this way
    meets the others through a shared division; one naming a country without a
    division (or no place) could agree with any division, so it probes instead.
    """
    covered = {country for country, _ in features.regions}
    if not features.countries or covered != features.countries:
        return frozenset()
    return frozenset(admin1 for _, admin1 in features.regions)


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


def _topic(claim: Claim, words: frozenset[str], config: LinkingConfig) -> Topic | None:
    """The claim's topic: by event sub-type, else by a cue word, else by its figures' units.

    Cue words come before units: "1,100 soldiers killed or wounded" counts casualties.
    """
    if claim.event_subtype is not None:
        for topic in config.topics:
            if claim.event_subtype.value in topic.subtypes:
                return topic
    return cued_topic(claim.text, words, config) or unit_topic({q.unit.casefold() for q in claim.quantities if q.unit}, config)


def cued_topic(text: str, words: frozenset[str], config: LinkingConfig) -> Topic | None:
    """The first topic with a cue word in ``text`` (``words``: its :func:`content_words`)."""
    folded = text.casefold()
    for topic in config.topics:
        if any((_stem(word) in words) if " " not in word else (word in folded) for word in topic.words):
            return topic
    return None


def unit_topic(units: set[str], config: LinkingConfig) -> Topic | None:
    """The first topic counting one of ``units`` (case-folded)."""
    return next((topic for topic in config.topics if units & topic.units), None)


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
