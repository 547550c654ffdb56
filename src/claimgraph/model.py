"""The records that pass between pipeline stages.

ingest produces :class:`Article`; extract produces a :class:`Document` holding
:class:`Mention`\\ s and :class:`Claim`\\ s, each claim with its :class:`Attribution`
(cue, :class:`Source`, chain of cited sources); store writes and reads these same
records. Every record has ``to_dict()`` giving the JSON contract documented in
``docs/json.md``; :meth:`Document.from_dict` reads it back.

Character offsets (``start``/``end``) always index into the article's ``text``,
or into its ``title`` where the record's ``field`` is ``"title"``.
"""

from __future__ import annotations

import hashlib
import unicodedata
import dataclasses
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any


class Field(str, Enum):
    """Which article string a span's offsets index into."""

    TEXT = "text"
    TITLE = "title"


class SourceType(str, Enum):
    """What kind of thing made (or carried) a claim."""

    PERSON = "person"
    ORGANIZATION = "organization"
    OUTLET = "outlet"
    UNNAMED = "unnamed"  # "a source", "officials", "sources in the ministry"
    MEDIA_REPORTS = "media_reports"  # "news reports", "media", "local press"


class AttributionKind(str, Enum):
    """How the text ties a claim to its source."""

    DIRECT = "direct"  # quoted words: "…," said Yusov
    INDIRECT = "indirect"  # reported speech: Yusov said that …
    ACCORDING_TO = "according_to"  # according to intelligence, …
    PASSIVE = "passive"  # This was stated by Yusov
    HEADLINE = "headline"  # Cooperation continues – GUR
    OUTLET = "outlet"  # no speaker: the outlet's own statement


class Polarity(str, Enum):
    AFFIRMED = "affirmed"
    NEGATED = "negated"


class Modality(str, Enum):
    ASSERTED = "asserted"
    ESTIMATED = "estimated"
    HEDGED = "hedged"
    ATTEMPTED = "attempted"
    PLANNED = "planned"
    DENIED = "denied"


def normalize_text(text: str) -> str:
    """The form of an article's text that its id is computed from.

    NFC, unified line endings, runs of whitespace collapsed, ends stripped: the
    same article fetched twice with cosmetic differences gets one id.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return " ".join(text.split())


def article_id(text: str) -> str:
    """Stable article id: the first 16 hex digits of SHA-256 over the normalised text."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()[:16]


@dataclass
class Article:
    """One news article as read by an ingest reader."""

    text: str
    title: str = ""
    outlet: str | None = None
    published: date | None = None
    url: str | None = None
    language: str = "en"
    id: str = ""
    origin: str | None = None  # where it was read from: a path, "-", "file.jsonl:12"

    def __post_init__(self) -> None:
        if not self.id:
            self.id = article_id(self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "language": self.language,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        published = d.get("published")
        return cls(
            text=d["text"],
            title=d.get("title") or "",
            outlet=d.get("outlet"),
            published=date.fromisoformat(published[:10]) if published else None,
            url=d.get("url"),
            language=d.get("language") or "en",
            id=d.get("id") or "",
        )


@dataclass(frozen=True)
class TextSpan:
    """A stretch of an article string, by character offsets."""

    text: str
    start: int
    end: int
    field: Field = Field.TEXT

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"text": self.text, "start": self.start, "end": self.end}
        if self.field is not Field.TEXT:
            d["field"] = self.field.value
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> TextSpan | None:
        if d is None:
            return None
        return cls(d["text"], d["start"], d["end"], Field(d.get("field", "text")))


@dataclass(frozen=True)
class Mention:
    """A named entity found in an article (after the project's NER fixes)."""

    text: str
    start: int
    end: int
    label: str  # PERSON, ORG, GPE, NORP, ROLE, …
    field: Field = Field.TEXT

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "field": self.field.value,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Mention:
        return cls(d["text"], d["start"], d["end"], d["label"], Field(d.get("field", "text")))


@dataclass(frozen=True)
class Source:
    """Who made a claim, or whom a source cites.

    ``name`` is the resolved full name ("Andriy Yusov" even where the text says
    "he" or "Yusov"); ``start``/``end`` mark the mention the attribution used.
    A cited source in a chain usually has no offsets of its own beyond its mention.
    """

    name: str
    type: SourceType
    role: str | None = None
    organization: str | None = None
    start: int | None = None
    end: int | None = None
    field: Field = Field.TEXT

    @property
    def key(self) -> str:
        """Identity of the source across articles: type plus case-folded name and organisation."""
        parts = [self.type.value, " ".join(self.name.casefold().split())]
        if self.organization:
            parts.append(" ".join(self.organization.casefold().split()))
        return "|".join(parts)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "name": self.name,
            "type": self.type.value,
            "role": self.role,
            "organization": self.organization,
            "start": self.start,
            "end": self.end,
        }
        if self.field is not Field.TEXT:
            d["field"] = self.field.value
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Source:
        return cls(
            name=d["name"],
            type=SourceType(d["type"]),
            role=d.get("role"),
            organization=d.get("organization"),
            start=d.get("start"),
            end=d.get("end"),
            field=Field(d.get("field", "text")),
        )


@dataclass(frozen=True)
class Attribution:
    """The tie between a claim and its source: kind, cue words, source, cited chain.

    ``chain`` lists whom the source itself cites, nearest first:
    "the agency reported, citing news reports" → source = the agency,
    chain = [news reports].
    """

    kind: AttributionKind
    source: Source
    cue: TextSpan | None = None
    chain: tuple[Source, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "cue": self.cue.to_dict() if self.cue else None,
            "source": self.source.to_dict(),
            "chain": [
                {"name": s.name, "type": s.type.value, "role": s.role, "organization": s.organization} for s in self.chain
            ],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Attribution:
        return cls(
            kind=AttributionKind(d["kind"]),
            source=Source.from_dict(d["source"]),
            cue=TextSpan.from_dict(d.get("cue")),
            chain=tuple(
                Source(name=c["name"], type=SourceType(c["type"]), role=c.get("role"), organization=c.get("organization"))
                for c in d.get("chain", [])
            ),
        )


class TimeGranularity(str, Enum):
    """The calendar unit a time expression names: "March 10" is a day, "last week" a week."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    DECADE = "decade"


@dataclass(frozen=True)
class TimeSpan:
    """A time expression in an article, resolved to a stretch of calendar days.

    ``start_date``/``end_date`` are both inclusive ("from January to February" in
    2025 → 2025-01-01 … 2025-02-28). ``anchored`` is true when the span was
    computed from the publication date ("currently", "so far", "last week")
    rather than read off the text.
    """

    text: str
    start: int
    end: int
    start_date: date
    end_date: date
    granularity: TimeGranularity
    anchored: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "start_date": self.start_date.isoformat(),
            "end_date": self.end_date.isoformat(),
            "granularity": self.granularity.value,
            "anchored": self.anchored,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TimeSpan:
        return cls(
            text=d["text"],
            start=d["start"],
            end=d["end"],
            start_date=date.fromisoformat(d["start_date"]),
            end_date=date.fromisoformat(d["end_date"]),
            granularity=TimeGranularity(d["granularity"]),
            anchored=bool(d.get("anchored", False)),
        )


class QuantityBound(str, Enum):
    """How a figure bounds the true count: "3,000" exact, "1,000–3,000" range, "more than" / "up to"."""

    EXACT = "exact"
    RANGE = "range"
    AT_LEAST = "at_least"  # more than, over, at least, 5,000-plus
    AT_MOST = "at_most"  # up to, fewer than, under, as many as


class QuantityChange(str, Enum):
    """The direction of a change that a figure is the result of: "rose to 5,000" is up."""

    UP = "up"
    DOWN = "down"


def describe_range(low: float | None, high: float | None, unit: str | None) -> str:
    """A figure for people: '1,000–3,000 soldiers', '≥3,000 soldiers', '≤12,000 drones', '3,000 soldiers'."""
    if low is not None and high is not None and low != high:
        figure = f"{_grouped(low)}–{_grouped(high)}"
    elif low is not None and high is not None:
        figure = _grouped(low)
    elif low is not None:
        figure = f"≥{_grouped(low)}"
    else:
        figure = f"≤{_grouped(high)}"
    return f"{figure} {unit}" if unit else figure


def _grouped(value: float | None) -> str:
    """A figure with thousands grouped and no trailing ".0"."""
    if value is None:
        return ""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


@dataclass(frozen=True)
class QuantityRange:
    """A figure in a claim, as the interval of values it allows.

    "between 1,000 and 3,000 North Korean soldiers" → low 1000, high 3000, bound
    range, unit ``soldiers`` (the counted noun as written), qualifier ``North
    Korean``. An exact figure has ``low == high``; ``at_least`` leaves ``high``
    open (None) and ``at_most`` leaves ``low`` open. ``approximate`` marks
    "about", "nearly", "an estimated" and vague amounts ("several thousand").
    ``change`` is set when a change verb led to the figure ("fell to 300").
    """

    text: str
    start: int
    end: int
    low: float | None
    high: float | None
    bound: QuantityBound = QuantityBound.EXACT
    approximate: bool = False
    unit: str | None = None
    qualifier: str | None = None
    change: QuantityChange | None = None

    def describe(self) -> str:
        """'1,000–3,000 soldiers', '≥11,000 soldiers', '~300 drones'."""
        return ("~" if self.approximate else "") + describe_range(self.low, self.high, self.unit)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "low": self.low,
            "high": self.high,
            "approximate": self.approximate,
            "bound": self.bound.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "change": self.change.value if self.change else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> QuantityRange:
        change = d.get("change")
        return cls(
            text=d["text"],
            start=d["start"],
            end=d["end"],
            low=d.get("low"),
            high=d.get("high"),
            bound=QuantityBound(d.get("bound", "exact")),
            approximate=bool(d.get("approximate", False)),
            unit=d.get("unit"),
            qualifier=d.get("qualifier"),
            change=QuantityChange(change) if change else None,
        )


class ActorRole(str, Enum):
    """What an actor does in a claim: "North Korea (agent) sent troops to Russia (recipient)"."""

    AGENT = "agent"
    RECIPIENT = "recipient"
    OTHER = "other"


class ActorType(str, Enum):
    """What kind of actor an alias names (``data/actor_aliases.jsonl``)."""

    STATE = "state"
    GOVERNMENT = "government"  # the Kremlin, the Office of the President
    ARMED_FORCES = "armed_forces"
    INTELLIGENCE_AGENCY = "intelligence_agency"
    SECURITY_SERVICE = "security_service"
    MINISTRY = "ministry"
    LEADER = "leader"
    ARMED_GROUP = "armed_group"
    INTERNATIONAL_ORGANISATION = "international_organisation"
    MEDIA = "media"
    ORGANISATION = "organisation"


@dataclass(frozen=True)
class Actor:
    """An actor named in a claim, resolved to a canonical id ("DPRK", "Pyongyang" → ``north_korea``).

    ``country`` is the ISO 3166-1 alpha-2 code of the state the actor belongs to
    (``KP`` for North Korea and for its army; None for NATO or the UN); ``role``
    is the actor's part in the claim's main event.
    """

    text: str
    start: int
    end: int
    id: str
    name: str
    type: ActorType
    country: str | None = None
    role: ActorRole = ActorRole.OTHER

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "id": self.id,
            "name": self.name,
            "type": self.type.value,
            "country": self.country,
            "role": self.role.value,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Actor:
        return cls(
            text=d["text"],
            start=d["start"],
            end=d["end"],
            id=d["id"],
            name=d["name"],
            type=ActorType(d["type"]),
            country=d.get("country"),
            role=ActorRole(d.get("role", "other")),
        )


class EventType(str, Enum):
    """PLOVER's sixteen event categories (Open Event Data Alliance, PLOVER manual)."""

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


class EventSubtype(str, Enum):
    """The finer kinds of military event a claim facet needs, each under one PLOVER type.

    Absence of forces is ``presence_of_forces`` with negated polarity ("no Russian
    troops remain"), so that presence and absence claims meet as contradictions.
    """

    DEPLOY_FORCES = "deploy_forces"  # MOBILIZE
    PRESENCE_OF_FORCES = "presence_of_forces"  # MOBILIZE
    INFILTRATION = "infiltration"  # MOBILIZE
    CASUALTIES = "casualties"  # ASSAULT
    SHELLING_STRIKE = "shelling_strike"  # ASSAULT
    GROUND_COMBAT = "ground_combat"  # ASSAULT
    CAPTURE_PLACE = "capture_place"  # ASSAULT
    WITHDRAWAL = "withdrawal"  # RETREAT
    MILITARY_AID = "military_aid"  # AID


@dataclass(frozen=True)
class Place:
    """A place named in an article, resolved against the GeoNames gazetteer.

    ``feature`` is the GeoNames feature code (``PPL`` village or town, ``PPLC`` capital,
    ``ADM1`` oblast or state, ``PCL``/``PCLI`` country, ``CONT`` continent);
    ``precision`` says what kind of point ``lat``/``lon`` is: ``locality``, ``district``,
    ``region``, ``country``, ``continent``, ``feature`` (a sea, river or area),
    ``vicinity`` (a name the gazetteer lacks, placed at a known place it contains or at
    the article's main place; no id — only the geocoding evaluation asks for these), or
    ``unresolved`` when the name is a place but no gazetteer entry could be chosen (the
    id and point are then None). ``admin1`` is the name of the first-level division
    ("Sumy Oblast"), ``country`` its ISO 3166 code.
    """

    text: str
    start: int
    end: int
    name: str
    geonameid: int | None = None
    feature: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str = "unresolved"

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "geonameid": self.geonameid,
            "feature": self.feature,
            "admin1": self.admin1,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Place:
        return cls(
            text=d["text"],
            start=d["start"],
            end=d["end"],
            name=d["name"],
            geonameid=d.get("geonameid"),
            feature=d.get("feature"),
            admin1=d.get("admin1"),
            country=d.get("country"),
            lat=d.get("lat"),
            lon=d.get("lon"),
            precision=d.get("precision", "unresolved"),
        )


def claim_id(article_id_: str, field_: Field, start: int, end: int) -> str:
    """Stable claim id from its article and position."""
    raw = f"{article_id_}:{field_.value}:{start}:{end}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


@dataclass
class Claim:
    """One proposition in an article and who it is attributed to.

    ``start``/``end`` delimit the content span; ``fragments`` lists the pieces
    when the content is interrupted ("The economy, he said, is growing") and is
    empty when the content is one piece. The facet lists (actors, quantities,
    places, times) and event type are filled by the facet extractors; until they
    run they keep their neutral defaults.
    """

    article_id: str
    text: str
    start: int
    end: int
    sentence: str
    attribution: Attribution
    field: Field = Field.TEXT
    fragments: tuple[tuple[int, int], ...] = ()
    actors: list[Actor] = dataclasses.field(default_factory=list)
    quantities: list[QuantityRange] = dataclasses.field(default_factory=list)
    places: list[Place] = dataclasses.field(default_factory=list)
    times: list[TimeSpan] = dataclasses.field(default_factory=list)
    event_type: EventType | None = None
    event_subtype: EventSubtype | None = None
    polarity: Polarity = Polarity.AFFIRMED
    modality: Modality = Modality.ASSERTED
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = claim_id(self.article_id, self.field, self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "attribution": self.attribution.to_dict(),
            "actors": [a.to_dict() for a in self.actors],
            "quantities": [q.to_dict() for q in self.quantities],
            "places": [p.to_dict() for p in self.places],
            "times": [t.to_dict() for t in self.times],
            "event_type": self.event_type.value if self.event_type else None,
            "event_subtype": self.event_subtype.value if self.event_subtype else None,
            "polarity": self.polarity.value,
            "modality": self.modality.value,
        }
        if self.field is not Field.TEXT:
            d["field"] = self.field.value
        if self.fragments:
            d["fragments"] = [list(f) for f in self.fragments]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any], article_id_: str) -> Claim:
        return cls(
            article_id=article_id_,
            text=d["text"],
            start=d["start"],
            end=d["end"],
            sentence=d["sentence"],
            attribution=Attribution.from_dict(d["attribution"]),
            field=Field(d.get("field", "text")),
            fragments=tuple(tuple(f) for f in d.get("fragments", [])),
            actors=[Actor.from_dict(a) for a in d.get("actors", [])],
            quantities=[QuantityRange.from_dict(q) for q in d.get("quantities", [])],
            places=[Place.from_dict(p) for p in d.get("places", [])],
            times=[TimeSpan.from_dict(t) for t in d.get("times", [])],
            event_type=EventType(d["event_type"]) if d.get("event_type") else None,
            event_subtype=EventSubtype(d["event_subtype"]) if d.get("event_subtype") else None,
            polarity=Polarity(d.get("polarity", "affirmed")),
            modality=Modality(d.get("modality", "asserted")),
            id=d.get("id") or "",
        )


@dataclass
class Document:
    """An article with everything extract found in it."""

    article: Article
    claims: list[Claim] = dataclasses.field(default_factory=list)
    mentions: list[Mention] = dataclasses.field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        art = self.article.to_dict()
        return {
            "article": {k: art[k] for k in ("id", "title", "outlet", "published", "url", "language", "text")},
            "claims": [c.to_dict() for c in self.claims],
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        article = Article.from_dict(d["article"])
        return cls(
            article=article,
            claims=[Claim.from_dict(c, article.id) for c in d.get("claims", [])],
            mentions=[Mention.from_dict(m) for m in d.get("mentions", [])],
        )
