"""Admiralty grades: how far to trust a claim's source, and the claim itself.

NATO's Admiralty code grades a report twice. **Reliability** (A–F) is the
source's: here it comes from the source's track record, the share of its claims
that other, independent sources corroborated rather than contradicted — "F"
(cannot be judged) until enough of them have been. **Credibility** (1–6) is the
information's: 1 confirmed by independent sources, 2 probably true, 3 possibly
true, 4 doubtful, 5 improbable, 6 cannot be judged.

The thresholds live in ``data/grading.toml``. An analyst may set priors per source
in a TOML file of their own::

    [sources."National Intelligence Service"]
    reliability = "B"
    weight = 5        # counts as 5 judged claims; optional

Defaults are neutral: no source has a prior unless the analyst gives it one, and
nothing is graded by nationality. Every grade keeps the reasons behind it, in
words a reader can check against the links.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from .datafiles import read_bundled
from .errors import Errors, GradingConfigError

CONFIG_FILE = "grading.toml"
LETTERS = ("A", "B", "C", "D", "E")
CANNOT_JUDGE = "F"
# Sources a reason names before it counts the rest ("… and 12 more"); `claimgraph related` lists them all.
LISTED_SOURCES = 10
RELIABILITY_NAMES = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY_NAMES = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}


@dataclass(frozen=True)
class GradingConfig:
    """The settings in ``data/grading.toml`` (documented there)."""

    min_judged: int
    reliability: tuple[tuple[str, float], ...]  # (letter, minimum share), best first
    prior_share: Mapping[str, float]
    default_weight: float

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> GradingConfig:
        shares = d["prior_share"]
        return cls(
            min_judged=int(d["min_judged"]),
            reliability=tuple((letter, float(d["reliability"][letter])) for letter in LETTERS),
            prior_share={letter: float(shares[letter]) for letter in LETTERS},
            default_weight=float(shares["default_weight"]),
        )


@lru_cache(maxsize=1)
def load_config() -> GradingConfig:
    """The shipped grading settings, read once per process."""
    return GradingConfig.from_dict(tomllib.loads(read_bundled(CONFIG_FILE)))


@dataclass(frozen=True)
class SourcePrior:
    """An analyst's prior for one source: a reliability letter worth ``weight`` judged claims."""

    name: str
    reliability: str
    weight: float
    origin: str

    def to_row(self) -> dict[str, Any]:
        return {"name": self.name, "reliability": self.reliability, "weight": self.weight, "origin": self.origin}


def read_priors(path: str | Path, config: GradingConfig | None = None) -> list[SourcePrior]:
    """The priors in an analyst's TOML file, keyed by case-folded source name.

    path (str | Path): the file, with a ``[sources."NAME"]`` table per source.
    RETURNS (list[SourcePrior]): one prior per source, in file order.
    RAISES (GradingConfigError): the file is unreadable, not TOML, or has a bad value.
    """
    config = config or load_config()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise GradingConfigError(Errors.E041.format(path=path, reason=err)) from err
    sources = data.get("sources")
    if not isinstance(sources, dict) or not sources:
        raise GradingConfigError(Errors.E041.format(path=path, reason="no [sources.\"NAME\"] tables"))
    priors = []
    for name, entry in sources.items():
        letter = entry.get("reliability") if isinstance(entry, dict) else None
        if letter not in LETTERS:
            reason = f"source {name!r}: reliability must be one of {', '.join(LETTERS)} (got {letter!r})"
            raise GradingConfigError(Errors.E041.format(path=path, reason=reason))
        weight = entry.get("weight", config.default_weight)
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight <= 0:
            reason = f"source {name!r}: weight must be a positive number (got {weight!r})"
            raise GradingConfigError(Errors.E041.format(path=path, reason=reason))
        priors.append(SourcePrior(" ".join(name.casefold().split()), letter, float(weight), str(path)))
    return priors


@dataclass
class Grade:
    """A claim's Admiralty grade with the reasons for it."""

    reliability: str
    credibility: int
    reasons: list[str] = field(default_factory=list)

    @property
    def code(self) -> str:
        """The grade as analysts write it: "B2"."""
        return f"{self.reliability}{self.credibility}"

    def to_dict(self) -> dict[str, Any]:
        return {"reliability": self.reliability, "credibility": self.credibility, "reasons": list(self.reasons)}


@dataclass(frozen=True)
class TrackRecord:
    """A source's claims so far: how many, how many corroborated, how many contradicted."""

    claims: int
    corroborated: int
    contradicted: int


def source_reliability(
    record: TrackRecord, prior: SourcePrior | None = None, config: GradingConfig | None = None
) -> tuple[str, list[str]]:
    """The reliability letter of a source and the reasons for it.

    record (TrackRecord): the source's counts.
    prior (SourcePrior): the analyst's prior, counted as ``weight`` judged claims.
    RETURNS (tuple[str, list[str]]): the letter A–F and the reasons.
    """
    config = config or load_config()
    reasons = [
        f"track record: {record.corroborated} of {record.claims} claims corroborated by independent sources, "
        f"{record.contradicted} contradicted"
    ]
    corroborated, judged = float(record.corroborated), float(record.corroborated + record.contradicted)
    if prior is not None:
        corroborated += prior.weight * config.prior_share[prior.reliability]
        judged += prior.weight
        reasons.append(f"analyst's prior {prior.reliability} counted as {prior.weight:g} claims ({prior.origin})")
    if judged < config.min_judged:
        reasons.append(f"fewer than {config.min_judged} judged claims: {RELIABILITY_NAMES[CANNOT_JUDGE]}")
        return CANNOT_JUDGE, reasons
    share = corroborated / judged
    letter = next(letter for letter, minimum in config.reliability if share >= minimum)
    reasons.append(f"{share:.0%} corroborated of those judged: {RELIABILITY_NAMES[letter]}")
    return letter, reasons


class Evidence(NamedTuple):
    """One link of a claim as grading sees it: the relation, the other claim's source and date.

    ``group`` is who the source speaks for (claimgraph.link.candidates.source_group):
    two officials of one government corroborate once. None counts the source by name.
    A named tuple: a link run reads and compares tens of thousands of them per batch.
    """

    relation: str  # corroborates, contradicts, same
    source: str
    published: str | None
    group: str | None = None

    def to_list(self) -> list[str | None]:
        """As a grade's stored evidence keeps it (``Evidence._make(item)`` reads it back)."""
        return list(self)


def distinct_evidence(evidence: Iterable[Evidence]) -> list[Evidence]:
    """Each speaker once per relation, at its earliest date, in a fixed order: all that :func:`claim_credibility` reads.

    Credibility counts distinct speakers (groups, else names) and its reasons name
    each source at its earliest date, so a speaker's other links add nothing: a
    claim's evidence grows with who speaks to it, not with how often.
    """
    kept: dict[tuple[str, str, str | None], Evidence] = {}
    for item in evidence:
        key = (item.relation, item.source.casefold(), item.group)
        if key not in kept or _first_said(item) < _first_said(kept[key]):
            kept[key] = item
    return sorted(kept.values(), key=lambda item: (item.relation, _first_said(item), item.group or ""))


def claim_credibility(evidence: Iterable[Evidence]) -> tuple[int, list[str]]:
    """The credibility 1–6 of a claim from its links, and the reasons.

    Only independent sources count towards 1 and 2, each group once (two officials
    of one government are one voice); agreement of dependent ones
    (the same government, a citation, unnamed news reports) makes a claim at most
    possibly true (3).
    """
    by_relation: dict[str, list[Evidence]] = {}
    for item in evidence:
        by_relation.setdefault(item.relation, []).append(item)
    corroborating = _sources(by_relation.get("corroborates", []))
    contradicting = _sources(by_relation.get("contradicts", []))
    agreeing = _sources(by_relation.get("same", []))
    reasons = []
    if corroborating:
        reasons.append("corroborated by " + _listing(by_relation["corroborates"]))
    if contradicting:
        reasons.append("contradicted by " + _listing(by_relation["contradicts"]))
    if agreeing:
        reasons.append("repeated by sources that are not independent: " + _listing(by_relation["same"]))
    if corroborating and not contradicting:
        credibility = 1 if len(corroborating) >= 2 else 2
    elif corroborating and len(corroborating) > len(contradicting):
        credibility = 3
    elif corroborating:
        credibility = 4
    elif contradicting:
        credibility = 5
    elif agreeing:
        credibility = 3
    else:
        credibility = 6
        reasons.append("no other source speaks to it yet")
    reasons.append(f"credibility {credibility}: {CREDIBILITY_NAMES[credibility]}")
    return credibility, reasons


def _sources(items: list[Evidence]) -> set[str]:
    """The distinct speakers among the evidence: groups where known, else names."""
    return {item.group or item.source.casefold() for item in items}


def _first_said(item: Evidence) -> tuple[str, str]:
    return (item.published or "9999", item.source)


def _listing(items: list[Evidence]) -> str:
    """'NIS (2024-10-23), John Kirby (2024-10-23)': each source once, earliest date first, the first LISTED_SOURCES by name."""
    first: dict[str, Evidence] = {}
    for item in sorted(items, key=_first_said):
        first.setdefault(item.source.casefold(), item)
    named = [f"{e.source} ({e.published})" if e.published else e.source for e in first.values()]
    if len(named) > LISTED_SOURCES:
        return ", ".join(named[:LISTED_SOURCES]) + f" and {len(named) - LISTED_SOURCES} more"
    return ", ".join(named)
