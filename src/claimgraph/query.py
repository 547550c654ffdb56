"""What the knowledge base can be asked, and the records it answers with.

:class:`ClaimFilter` is the one filter type shared by the CLI (``claimgraph claims
--source …``), the Python API (``kb.claims(source=…)``) and the web app; the store
turns it into SQL (:meth:`claimgraph.store.Store.claims`). To add a filter, add a
field here (validated in ``__post_init__``) and its condition in
``claimgraph.store._claim_conditions``.
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .model import AttributionKind, Claim, EventSubtype, EventType, Modality, SourceType

_KINDS = tuple(k.value for k in AttributionKind)
_MODALITIES = tuple(m.value for m in Modality)
# --type takes a PLOVER type or a sub-type; their values do not overlap.
EVENT_TYPES = {t.value.lower(): t.value for t in (*EventType, *EventSubtype)}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_COUNTRY_CODE = re.compile(r"[A-Za-z]{2}")

MAX_INTEGER = 2**63 - 1  # the largest integer SQLite and PostgreSQL (bigint) store
_TEXT_FIELDS = ("source", "source_name", "search", "article", "outlet", "kind", "place", "country", "actor", "type", "modality", "unit")
_DATE_FIELDS = ("since", "until")
_NUMBER_FIELDS = ("min_quantity", "max_quantity")
_PAGING_FIELDS = ("limit", "offset")


@dataclass
class ClaimFilter:
    """Which stored claims to return; every field left at its default matches all.

    source (str): case-insensitive substring of the source's name, role or organisation.
    source_name (str): exactly this source, by its name as ``claimgraph sources`` lists it
        (a source's own page).
    search (str): full-text search over claim text and sentence (syntax in
        :mod:`claimgraph.store.fts`).
    article (str): an article id.
    outlet (str): the outlet that carried the article, case-insensitively equal.
    kind (str): attribution kind: direct, indirect, according_to, passive, headline, outlet.
    place (str): a place of the claim whose name, first-level division (admin1) or
        text as written is the given text, or begins with it and a space, case-insensitively
        ("Kursk" finds Kursk and Kursk Oblast, not "Kurskaya"). A place so found anywhere in
        the knowledge base also stands for its gazetteer entry and, if it is a first-level
        division, for the places inside it: once a claim wrote "Sumy region" (resolved to
        Sumska Oblast), "Sumy" finds the claims placed in Novenke (admin1 Sumska Oblast);
        once one wrote "Kharkov", "Kharkov" finds every claim placed in Kharkiv.
    country (str): ISO 3166-1 alpha-2 code of one of the claim's places, any case.
        Only places count, not actors: "North Korean troops in Kursk" is in RU; ask for
        the actor with ``actor``.
    actor (str): an actor of the claim whose id, name or text as written equals the
        given text, case-insensitively; a spelling seen anywhere in the knowledge base
        stands for its actor id ("DPRK" finds the claims naming Pyongyang as well, once
        one claim wrote "DPRK").
    type (str): a PLOVER event type (``ASSAULT``) or sub-type (``casualties``), any case.
    since (date | str): claims about this day or later (``YYYY-MM-DD``).
    until (date | str): claims about this day or earlier. A claim with time spans
        matches when one of them overlaps [since, until]; a claim with none matches by
        its article's publication date; an undated claim never matches a date filter.
    negated (bool): True for negated claims only, False for affirmed ones only.
    modality (str): asserted, estimated, hedged, attempted, planned or denied.
    min_quantity (float): a quantity of the claim may be this large or larger.
    max_quantity (float): a quantity of the claim may be this small or smaller. A
        quantity matches when its range [low, high] overlaps [min, max]; "at least
        3,000" has no high and reaches any maximum, "up to 12,000" no low.
    unit (str): a quantity of the claim counts this unit, case-insensitively equal
        ("soldiers"); with min/max, the same quantity must meet both.
    limit (int): at most this many claims.
    offset (int): skip this many claims first (for paging).

    Results are ordered by the article's publication date (undated last), article
    id, headline before body, then position in the text.
    """

    source: str | None = None
    source_name: str | None = None
    search: str | None = None
    article: str | None = None
    outlet: str | None = None
    kind: str | None = None
    place: str | None = None
    country: str | None = None
    actor: str | None = None
    type: str | None = None
    since: date | None = None
    until: date | None = None
    negated: bool | None = None
    modality: str | None = None
    min_quantity: float | None = None
    max_quantity: float | None = None
    unit: str | None = None
    limit: int | None = None
    offset: int = 0

    def __post_init__(self) -> None:
        for name in _TEXT_FIELDS:
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise TypeError(f"ClaimFilter.{name} must be a str, not {type(value).__name__}")
            if value is not None and "\x00" in value and name != "search":
                # PostgreSQL rejects NUL in strings; search text only ever passes on its words.
                raise ValueError(f"ClaimFilter.{name} must not contain NUL characters")
        for name in _PAGING_FIELDS:
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise TypeError(f"ClaimFilter.{name} must be an int, not {type(value).__name__}")
            if value is not None and value < 0:
                raise ValueError(f"ClaimFilter.{name} must not be negative (got {value})")
            if value is not None and value > MAX_INTEGER:
                raise ValueError(f"ClaimFilter.{name} must be at most {MAX_INTEGER} (got {value})")
        if self.negated is not None and not isinstance(self.negated, bool):
            raise TypeError(f"ClaimFilter.negated must be a bool, not {type(self.negated).__name__}")
        for name in _DATE_FIELDS:
            setattr(self, name, _as_date(name, getattr(self, name)))
        for name in _NUMBER_FIELDS:
            _check_number(name, getattr(self, name))
        if self.kind is not None and self.kind not in _KINDS:
            raise ValueError(f"Unknown attribution kind {self.kind!r}; use one of: {', '.join(_KINDS)}")
        if self.country is not None:
            if not _COUNTRY_CODE.fullmatch(self.country):
                raise ValueError(f"ClaimFilter.country must be a two-letter ISO 3166-1 code like UA (got {self.country!r})")
            self.country = self.country.upper()
        if self.type is not None:
            if self.type.lower() not in EVENT_TYPES:
                raise ValueError(f"Unknown event type {self.type!r}; use one of: {', '.join(EVENT_TYPES.values())}")
            self.type = EVENT_TYPES[self.type.lower()]
        if self.modality is not None:
            if self.modality.lower() not in _MODALITIES:
                raise ValueError(f"Unknown modality {self.modality!r}; use one of: {', '.join(_MODALITIES)}")
            self.modality = self.modality.lower()
        if self.since is not None and self.until is not None and self.since > self.until:
            raise ValueError(f"ClaimFilter.since ({self.since}) is after until ({self.until})")
        if self.min_quantity is not None and self.max_quantity is not None and self.min_quantity > self.max_quantity:
            raise ValueError(
                f"ClaimFilter.min_quantity ({self.min_quantity:g}) is greater than max_quantity ({self.max_quantity:g})"
            )

    @classmethod
    def from_kwargs(cls, **filters: Any) -> ClaimFilter:
        """Build a filter from keyword arguments, naming the valid ones if one is unknown.

        RAISES (TypeError): a keyword that is not a ClaimFilter field.
        """
        names = [f.name for f in dataclasses.fields(cls)]
        unknown = sorted(set(filters) - set(names))
        if unknown:
            raise TypeError(f"Unknown claim filter {', '.join(unknown)}; use {', '.join(names)}")
        return cls(**filters)


def _as_date(name: str, value: Any) -> date | None:
    """A date filter as a date: dates pass, datetimes lose their time, ``YYYY-MM-DD`` strings are read."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise TypeError(f"ClaimFilter.{name} must be a date or a YYYY-MM-DD string, not {type(value).__name__}")
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"ClaimFilter.{name} must be a date as YYYY-MM-DD (got {value!r})") from None


def _check_number(name: str, value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"ClaimFilter.{name} must be a number, not {type(value).__name__}")
    if not math.isfinite(value):
        raise ValueError(f"ClaimFilter.{name} must be a finite number (got {value})")


@dataclass
class StoredClaim:
    """A claim read back from the knowledge base, with the article that carried it."""

    claim: Claim
    article_title: str
    outlet: str | None
    published: date | None
    url: str | None

    def to_dict(self) -> dict[str, Any]:
        """The claim's JSON contract plus ``"article": {id, title, outlet, published, url}``."""
        d = self.claim.to_dict()
        d["article"] = {
            "id": self.claim.article_id,
            "title": self.article_title,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
        }
        return d


@dataclass
class SourceSummary:
    """One source across the knowledge base and how much it says.

    claims: claims it made; articles: articles carrying them; outlets: those
    articles' outlets, sorted; cited: claims whose source cites it in a chain.
    Its track record (:mod:`claimgraph.grade`): corroborated / contradicted, its
    claims that an independent source corroborates / another claim contradicts;
    reliability, its Admiralty letter A–F (None until linked); reasons, why.
    """

    name: str
    type: SourceType
    role: str | None
    organization: str | None
    claims: int
    articles: int
    outlets: list[str]
    cited: int
    corroborated: int = 0
    contradicted: int = 0
    reliability: str | None = None
    reasons: list[str] = dataclasses.field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["type"] = self.type.value
        return d


@dataclass
class KBStats:
    """Counts over the whole knowledge base; outlets counts distinct named outlets."""

    articles: int
    claims: int
    sources: int
    outlets: int

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)
