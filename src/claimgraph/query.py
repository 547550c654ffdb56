"""What the knowledge base can be asked, and the records it answers with.

:class:`ClaimFilter` is the one filter type shared by the CLI (``claimgraph claims
--source …``), the Python API (``kb.claims(source=…)``) and the web app; the store
turns it into SQL (:meth:`claimgraph.store.Store.claims`). To add a filter, add a
field here (validated in ``__post_init__``) and its condition in
``claimgraph.store._claim_conditions``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any

from .model import AttributionKind, Claim, SourceType

_KINDS = tuple(k.value for k in AttributionKind)


@dataclass
class ClaimFilter:
    """Which stored claims to return; every field left at its default matches all.

    source (str): case-insensitive substring of the source's name, role or organisation.
    search (str): full-text search over claim text and sentence (syntax in
        :mod:`claimgraph.store.fts`).
    article (str): an article id.
    outlet (str): the outlet that carried the article, case-insensitively equal.
    kind (str): attribution kind: direct, indirect, according_to, passive, headline, outlet.
    limit (int): at most this many claims.
    offset (int): skip this many claims first (for paging).

    Results are ordered by the article's publication date (undated last), article
    id, headline before body, then position in the text.
    """

    source: str | None = None
    search: str | None = None
    article: str | None = None
    outlet: str | None = None
    kind: str | None = None
    limit: int | None = None
    offset: int = 0

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if f.name in ("limit", "offset"):
                if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                    raise TypeError(f"ClaimFilter.{f.name} must be an int, not {type(value).__name__}")
                if value is not None and value < 0:
                    raise ValueError(f"ClaimFilter.{f.name} must not be negative (got {value})")
            elif value is not None and not isinstance(value, str):
                raise TypeError(f"ClaimFilter.{f.name} must be a str, not {type(value).__name__}")
            elif value is not None and "\x00" in value and f.name != "search":
                # PostgreSQL rejects NUL in strings; search text only ever passes on its words.
                raise ValueError(f"ClaimFilter.{f.name} must not contain NUL characters")
        if self.kind is not None and self.kind not in _KINDS:
            raise ValueError(f"Unknown attribution kind {self.kind!r}; use one of: {', '.join(_KINDS)}")

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
    """

    name: str
    type: SourceType
    role: str | None
    organization: str | None
    claims: int
    articles: int
    outlets: list[str]
    cited: int

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
