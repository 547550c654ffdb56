"""How two claims relate: same, corroborates, contradicts, updates, cites.

:func:`relate` is a pure function of two claims' :class:`ClaimFeatures`: the
same pair gives the same links whenever and in whatever order it is compared,
which is what makes incremental linking and ``link --rebuild`` agree. The one
rule that looks past the pair, consecutive ``updates``, picks the latest of a
claim's candidates, and the latest of a set does not depend on the order its
members arrived in. Every link
carries evidence a person can check ("same topic (troops); shared actors …;
figures 3,000 soldiers and ≥3,000 soldiers overlap; independent: …").

The rules, in order:

- Two claims are about one proposition when their topics agree, their places and
  actors do not rule it out (no shared country, different first-level divisions
  of a shared country, no shared actor), and either their figures can be compared or their content
  words are similar enough. Claims of one source in one article are parts of one
  statement and are not linked.
- Figures (same topic, the same regions of the shared countries, both plans or
  both reports, at most ``figure_days`` apart) whose ranges overlap agree (an
  open bound such as "at least 3,000" only within ``same_time_days``). Disjoint
  ranges of claims naming a shared actor contradict within ``same_time_days``;
  for a later day, a higher figure *updates* the earlier one. Of the estimates a
  claim updates, only the latest earlier one keeps the link
  (:func:`latest_update`): a story's estimates form a chain, not all pairs.
- Opposite polarity ("no Russian troops remain" / "fighting near Novenke") within
  ``denial_days``, in a shared first-level division, contradicts; so does a denial
  of an affirmed report (not a plan) on the same topic in similar words.
- Agreement is ``corroborates`` when the sources are independent — different
  articles, different groups (one government, organisation or outlet each), not one person, neither
  citing the other nor unnamed news reports, and neither an outlet's own statement
  (which restates its reporting) — and ``same`` otherwise.
- ``cites`` is added, with any of the above, when one claim's chain names the
  other's source or outlet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from ..model import Modality, Polarity, QuantityRange
from .candidates import MEDIA_ORIGIN, ClaimFeatures, LinkingConfig, jaccard, load_config


class Relation(str, Enum):
    SAME = "same"
    CORROBORATES = "corroborates"
    CONTRADICTS = "contradicts"
    UPDATES = "updates"
    CITES = "cites"


# Modalities of a report a denial can answer: what is said to have happened,
# however hedged, and not a plan or an attempt.
_REPORTED = frozenset({Modality.ASSERTED.value, Modality.ESTIMATED.value, Modality.HEDGED.value})
# Symmetric relations are stored once, with the smaller claim id as ``a``.
SYMMETRIC = frozenset({Relation.SAME, Relation.CORROBORATES, Relation.CONTRADICTS})
# Relations that put two claims in one story (``cites`` alone does not).
STORY_RELATIONS = frozenset({Relation.SAME, Relation.CORROBORATES, Relation.CONTRADICTS, Relation.UPDATES})


@dataclass(frozen=True)
class ClaimLink:
    """A relation between two claims: ``a`` updates / cites ``b``; symmetric ones have a < b."""

    a: str
    b: str
    relation: Relation
    score: float
    evidence: str

    def seen_from(self, claim_id: str) -> dict[str, Any]:
        """The JSON contract's link entry from one end: the other claim, relation, score, evidence.

        A directed relation seen from its target reads ``updated_by`` / ``cited_by``.
        """
        other = self.b if claim_id == self.a else self.a
        relation = self.relation.value
        if claim_id == self.b and self.relation not in SYMMETRIC:
            relation = {Relation.UPDATES: "updated_by", Relation.CITES: "cited_by"}[self.relation]
        return {"claim": other, "relation": relation, "score": self.score, "evidence": self.evidence}


def relate(x: ClaimFeatures, y: ClaimFeatures, config: LinkingConfig | None = None) -> list[ClaimLink]:
    """The links between two claims (none, one, or a relation plus ``cites``).

    x, y (ClaimFeatures): the claims, in any order.
    config (LinkingConfig): the settings; the shipped ones when None.
    RETURNS (list[ClaimLink]): sorted by relation, the same for (x, y) and (y, x).
    """
    config = config or load_config()
    if x.id == y.id or (x.article_id == y.article_id and x.source_group == y.source_group):
        return []
    facts = _shared_facets(x, y, config)
    if facts is None:
        return []
    # Evidence reads in date order; ids break ties so the order never depends on the call.
    if chronology(y) < chronology(x):
        x, y = y, x
    relation, detail, score = _judge(x, y, facts, config)
    if relation is None:
        return []
    evidence = _facet_evidence(x, y, facts)
    links = []
    if relation is Relation.UPDATES:
        # y is the later of the two (ordered above): it updates x.
        links.append(ClaimLink(y.id, x.id, relation, score, "; ".join([*evidence, detail])))
    elif relation is Relation.CONTRADICTS:
        links.append(ClaimLink(min(x.id, y.id), max(x.id, y.id), relation, score, "; ".join([*evidence, detail])))
    else:
        independent, why = independence(x, y)
        relation = Relation.CORROBORATES if independent else Relation.SAME
        links.append(ClaimLink(min(x.id, y.id), max(x.id, y.id), relation, score, "; ".join([*evidence, detail, why])))
    for citing, cited in ((x, y), (y, x)):
        if cites(citing, cited):
            named = sorted(citing.cited_ids & _cited_identities(cited))
            links.append(ClaimLink(citing.id, cited.id, Relation.CITES, 1.0, f"{citing.source_name} cites {', '.join(named)}"))
    if len(links) > 1:
        links.sort(key=lambda link: (link.relation.value, link.a, link.b))
    return links


@dataclass
class _Facts:
    """What two claims share; the evidence lines saying so are written only for a pair that relates."""

    x: ClaimFeatures
    y: ClaimFeatures
    figures_comparable: bool
    topic: Any  # the shared Topic, or None when one topic implies the other
    _similarity: float | None = None

    @property
    def similarity(self) -> float:
        """Jaccard similarity of the content words, worked out when first needed."""
        if self._similarity is None:
            self._similarity = jaccard(self.x.words, self.y.words)
        return self._similarity


def _shared_facets(x: ClaimFeatures, y: ClaimFeatures, config: LinkingConfig) -> _Facts | None:
    """Whether x and y can be about one proposition; None when a facet rules it out."""
    if x.topic is None or y.topic is None:
        return None
    if not (x.topic.covers(y.topic) or y.topic.covers(x.topic)):
        return None
    if x.countries and y.countries and not x.countries & y.countries:
        return None
    x_regions, y_regions = _regions_in_shared_countries(x, y)
    if x_regions and y_regions and not x_regions & y_regions:
        return None
    if x.actor_ids and y.actor_ids and not x.actor_ids & y.actor_ids:
        return None
    topic = x.topic if x.topic == y.topic else None
    figures_comparable = (
        topic is not None
        and x.figure is not None
        and y.figure is not None
        and x.planned == y.planned
        and x_regions == y_regions
        and x.polarity == y.polarity
    )
    facts = _Facts(x, y, figures_comparable, topic)
    if (
        not figures_comparable
        and x.polarity == y.polarity
        and not (x.denied or y.denied)
        and facts.similarity < config.min_similarity
    ):
        return None
    return facts


def _facet_evidence(x: ClaimFeatures, y: ClaimFeatures, facts: _Facts) -> list[str]:
    """The evidence lines for what two related claims share."""
    topic = facts.topic
    evidence = [f"same topic ({topic.label})" if topic else f"topics {x.topic.label} / {y.topic.label}"]  # type: ignore[union-attr]
    if x.actor_ids & y.actor_ids:
        evidence.append("shared actors: " + ", ".join(sorted(x.actor_ids & y.actor_ids)))
    if x.admin1s & y.admin1s:
        evidence.append("same region: " + ", ".join(sorted(x.admin1s & y.admin1s)))
    evidence.append(f"as of {_day(x)} and {_day(y)}")
    evidence.append(f"word similarity {facts.similarity:.2f}")
    return evidence


def _judge(x: ClaimFeatures, y: ClaimFeatures, facts: _Facts, config: LinkingConfig) -> tuple[Relation | None, str, float]:
    """The relation (agreement as SAME, to be split by independence), its evidence line and score.

    ``x`` comes first in :func:`chronology`, as :func:`relate` orders the pair.
    """
    gap = _days_apart(x, y)
    if x.figure is not None and y.figure is not None:
        if gap is not None and gap > config.figure_days:
            return None, "", 0.0
        if _overlap(x.figure, y.figure):
            closed = _closed(x.figure) and _closed(y.figure)
            if not closed and (gap is None or gap > config.same_time_days):
                # "At least 3,000" in October agrees with 15,000 in April, and says nothing of it.
                return None, "", 0.0
            # An open bound ("at least 100") agrees with much; it supports less.
            return Relation.SAME, f"figures {_figures(x, y)} overlap", 0.9 if closed else 0.5
        if not facts.figures_comparable or not x.actor_ids & y.actor_ids:
            # Disagreeing figures say something only about one subject: "3,000 of them"
            # with no actor may count other soldiers than "350 Ukrainian servicemen".
            return None, "", 0.0
        if gap is None:
            return None, "", 0.0
        if gap <= config.same_time_days:
            return Relation.CONTRADICTS, f"figures {_figures(x, y)} are disjoint for the same time", 0.9
        if _below(y.figure, x.figure):  # type: ignore[arg-type]
            # A running total does not shrink: a lower later figure most likely counts
            # something else (a new contingent, one sector), so it is left unlinked.
            return None, "", 0.0
        return Relation.UPDATES, f"figures {_figures(x, y)}: the later one revises the earlier", 0.8
    if gap is None or gap > config.denial_days:
        return None, "", 0.0
    if x.denied != y.denied:
        denial, denied = (x, y) if x.denied else (y, x)
        # A denial answers a report of something that happened (not a plan or a
        # negation), and it must be about the same thing in so many words.
        if denied.polarity != Polarity.AFFIRMED.value or denied.modality not in _REPORTED or facts.similarity < config.min_similarity:
            return None, "", 0.0
        return Relation.CONTRADICTS, f"{denial.source_name} denies what {denied.source_name} affirms", 0.8
    if x.polarity != y.polarity:
        if not x.admin1s & y.admin1s:
            return None, "", 0.0
        negated, affirmed = (x, y) if x.polarity == Polarity.NEGATED.value else (y, x)
        if not affirmed.topic.covers(negated.topic):  # type: ignore[union-attr]
            return None, "", 0.0
        return Relation.CONTRADICTS, f"opposite polarity: {negated.source_name} negates what {affirmed.source_name} affirms", 0.8
    if x.topic != y.topic or facts.similarity < config.min_similarity:
        return None, "", 0.0
    return Relation.SAME, "similar content", round(facts.similarity, 3)


def chronology(claim: ClaimFeatures) -> tuple[date, str]:
    """A claim's place in time: its "as of" day (undated last), then its id, so no two claims tie."""
    return (claim.as_of or date.max, claim.id)


def latest_update(later: ClaimFeatures, earlier: Iterable[ClaimFeatures]) -> ClaimFeatures | None:
    """Of the estimates ``later`` updates (each pair judged ``updates`` by :func:`relate`), the one it keeps a link to.

    The latest of them: "11,000" in November updates October's "10,000", which
    updated "3,000"; the chain shows every revision once. Because it is the latest
    of a set, a claim arriving out of order (an estimate dated between two stored
    ones) takes its place in the chain, however the claims came in.
    """
    return max(earlier, key=chronology, default=None)


def independence(x: ClaimFeatures, y: ClaimFeatures) -> tuple[bool, str]:
    """Whether two sources are independent, and why (or why not), as an evidence line."""
    if x.article_id == y.article_id:
        # A headline restates its story; two sources in one article reached the reader
        # through one outlet, which may have merged what they said.
        return False, "not independent: one article"
    if x.source_group == y.source_group:
        return False, f"not independent: both speak for {x.source_group}"
    if x.source_surname and x.source_surname == y.source_surname:
        return False, f"not independent: {x.source_name} and {y.source_name} are one person"
    for claim in (x, y):
        if MEDIA_ORIGIN in claim.cited_groups:
            return False, f"not independent: {claim.source_name} relays unnamed news reports"
    for claim in (x, y):
        if claim.source_group.startswith("outlet:") and claim.source_group == f"outlet:{(claim.outlet or '').casefold()}":
            return False, f"not independent: {claim.source_name}'s own statement restates its reporting"
    for citing, cited in ((x, y), (y, x)):
        if cited.source_group in citing.cited_groups or cites(citing, cited):
            return False, f"not independent: {citing.source_name} cites {cited.source_name}"
    return True, f"independent: {x.source_group} and {y.source_group}, no citation between them"


def cites(citing: ClaimFeatures, cited: ClaimFeatures) -> bool:
    """``citing``'s chain names ``cited``'s source or the outlet that carried it."""
    return bool(citing.cited_ids & _cited_identities(cited))


def _cited_identities(claim: ClaimFeatures) -> frozenset[str]:
    return claim.source_ids | ({claim.outlet.casefold()} if claim.outlet else frozenset())


def _regions_in_shared_countries(x: ClaimFeatures, y: ClaimFeatures) -> tuple[frozenset[str], frozenset[str]]:
    """Each claim's first-level divisions within the countries both name.

    A dateline or a speaker's capital ("SEOUL —", "in Washington") names a region
    in a country the other claim never mentions; only regions of shared countries
    say whether two claims are about the same place.
    """
    shared = x.countries & y.countries
    if not shared:
        return frozenset(), frozenset()
    if shared == x.countries and shared == y.countries:
        return x.region_admin1s, y.region_admin1s
    return (
        frozenset(admin1 for country, admin1 in x.regions if country in shared),
        frozenset(admin1 for country, admin1 in y.regions if country in shared),
    )


def _figures(x: ClaimFeatures, y: ClaimFeatures) -> str:
    return f"{x.figure.describe()} and {y.figure.describe()}"  # type: ignore[union-attr]


def _overlap(p: QuantityRange, q: QuantityRange) -> bool:
    """The two figures' ranges share a value (an open end reaches any value)."""
    p_low = p.low if p.low is not None else float("-inf")
    q_low = q.low if q.low is not None else float("-inf")
    p_high = p.high if p.high is not None else float("inf")
    q_high = q.high if q.high is not None else float("inf")
    return p_low <= q_high and q_low <= p_high


def _closed(q: QuantityRange) -> bool:
    return q.low is not None and q.high is not None


def _below(p: QuantityRange, q: QuantityRange) -> bool:
    """Every value p allows is below every value q allows."""
    return p.high is not None and q.low is not None and p.high < q.low


def _days_apart(x: ClaimFeatures, y: ClaimFeatures) -> int | None:
    if x.as_of is None or y.as_of is None:
        return None
    return abs((x.as_of - y.as_of).days)


def _day(claim: ClaimFeatures) -> str:
    return claim.as_of.isoformat() if claim.as_of else "undated"
