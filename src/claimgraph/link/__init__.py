"""Across articles: links between claims, stories, and the grades that follow from them.

:class:`Linker` brings a store's links, stories and grades up to date:

1. the claims not yet linked are taken a chunk at a time; each gets its
   :func:`~claimgraph.link.candidates.blocking_keys`, and is compared
   (:func:`~claimgraph.link.relations.relate`) with the stored claims and the
   chunk's other claims filed under matching keys
   (:func:`~claimgraph.link.candidates.matching_keys`) — never with the whole corpus;
2. the stories of the claims touched are recomputed from the links
   (:mod:`claimgraph.link.stories`);
3. the track records of the sources touched, and the grades of their claims,
   are recomputed (:mod:`claimgraph.grade`).

Because candidacy (matching keys) and relations are functions of the two claims
alone, linking claims as they arrive and ``rebuild=True`` give the same links,
stories and grades. :class:`LinkedClaim` is a stored claim with its story, grade
and links, as the JSON contract prints them.

:mod:`claimgraph.link.clustering` groups whole documents into topics and
sub-topics (the ECB+ evaluation); it does not use the store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Select, and_, delete, or_, select

from ..errors import ClaimNotFound, Errors
from ..grade import Evidence, Grade, GradingConfig, SourcePrior, TrackRecord, claim_credibility, source_reliability
from ..grade import load_config as load_grading_config
from ..model import Source, SourceType
from ..query import StoredClaim
from ..store import Store
from ..store.schema import (
    articles,
    attributions,
    claim_grades,
    claim_link_keys,
    claim_links,
    claim_stories,
    claims,
    linked_claims,
    source_priors,
    source_records,
    sources,
)
from ..store.schema import stories as stories_table
from .candidates import ClaimFeatures, LinkingConfig, blocking_keys, features_of, load_config, matching_keys, source_group
from .relations import STORY_RELATIONS, ClaimLink, Relation, relate
from .stories import Story, StoryRef, components, make_story

__all__ = ["ClaimLink", "LinkReport", "LinkedClaim", "Linker", "Relation", "Story", "StoryRef", "parse_grade"]

CHUNK = 500  # claims linked per round trip and per write transaction
_STORY_RELATIONS = [r.value for r in STORY_RELATIONS]
_GRADE_PATTERN = "A-F for reliability, 1-6 for credibility, or both (B2)"


@dataclass
class LinkReport:
    """What one :meth:`Linker.link` run did: claims linked, pairs compared, links by relation, stories."""

    claims: int = 0
    compared: int = 0
    links: Counter[str] = field(default_factory=Counter)
    stories: int = 0
    graded: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "claims": self.claims,
            "compared": self.compared,
            "links": dict(sorted(self.links.items())),
            "stories": self.stories,
            "graded": self.graded,
        }


@dataclass
class LinkedClaim(StoredClaim):
    """A stored claim with its story, grade and links (each seen from this claim)."""

    story: StoryRef | None = None
    grade: Grade | None = None
    links: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The stored claim's JSON plus ``story`` ({id, label} or null), ``grade`` and ``links``."""
        d = super().to_dict()
        d["story"] = self.story.to_dict() if self.story else None
        d["grade"] = self.grade.to_dict() if self.grade else None
        d["links"] = list(self.links)
        return d


class Linker:
    """Links, stories and grades of one store.

    store (Store): the knowledge base.
    config (LinkingConfig): linking settings; the shipped ``data/linking.toml`` when None.
    grading (GradingConfig): grading settings; the shipped ``data/grading.toml`` when None.
    """

    def __init__(self, store: Store, config: LinkingConfig | None = None, grading: GradingConfig | None = None) -> None:
        self.store = store
        self.config = config or load_config()
        self.grading = grading or load_grading_config()

    # -- bringing links up to date ---------------------------------------------------

    def link(self, *, rebuild: bool = False, priors: list[SourcePrior] | None = None) -> LinkReport:
        """Link the claims not linked yet (every claim when ``rebuild``), then stories and grades.

        rebuild (bool): forget every link, story and grade and compute them afresh.
        priors (list[SourcePrior]): replace the stored analysts' priors and regrade
            every claim; None keeps the stored ones.
        RETURNS (LinkReport): what was done.
        """
        report = LinkReport()
        if rebuild:
            with self.store.transaction() as conn:
                for table in (claim_grades, source_records, claim_stories, stories_table, claim_links, claim_link_keys, linked_claims):
                    conn.execute(delete(table))
        if priors is not None:
            with self.store.transaction() as conn:
                conn.execute(delete(source_priors))
                if priors:
                    conn.execute(source_priors.insert(), [p.to_row() for p in priors])
        with self.store.engine.connect() as conn:
            new_ids = list(
                conn.execute(
                    select(claims.c.id).where(claims.c.id.not_in(select(linked_claims.c.claim_id))).order_by(claims.c.id)
                ).scalars()
            )
        cache: dict[str, ClaimFeatures] = {}
        touched: set[str] = set(new_ids)
        for chunk in _chunks(new_ids, CHUNK):
            for link in self._link_chunk(chunk, cache, report):
                report.links[link.relation.value] += 1
                touched.update((link.a, link.b))
        report.claims = len(new_ids)
        report.stories = self._refresh_stories(touched)
        report.graded = self._regrade(None if rebuild or priors is not None else touched)
        return report

    def _link_chunk(self, chunk: list[str], cache: dict[str, ClaimFeatures], report: LinkReport) -> list[ClaimLink]:
        """Compare a chunk of new claims with their candidates; store keys, links and the linked mark."""
        features = self._features(chunk, cache)
        keys = {claim_id: blocking_keys(f, self.config) for claim_id, f in features.items()}
        filed: dict[str, set[str]] = {}
        wanted = sorted({match for ks in keys.values() for k in ks for match in matching_keys(k)})
        with self.store.engine.connect() as conn:
            for key_chunk in _chunks(wanted, CHUNK):
                rows = conn.execute(select(claim_link_keys.c.key, claim_link_keys.c.claim_id).where(claim_link_keys.c.key.in_(key_chunk)))
                for key, claim_id in rows:
                    filed.setdefault(key, set()).add(claim_id)
        for claim_id, claim_keys in keys.items():
            for key in claim_keys:
                filed.setdefault(key, set()).add(claim_id)
        pairs = sorted(
            {
                (min(claim_id, other), max(claim_id, other))
                for claim_id, claim_keys in keys.items()
                for key in claim_keys
                for match in matching_keys(key)
                for other in filed.get(match, ())
                if other != claim_id
            }
        )
        features.update(self._features({claim_id for pair in pairs for claim_id in pair} - features.keys(), cache))
        report.compared += len(pairs)
        links = [link for a, b in pairs for link in relate(features[a], features[b], self.config)]
        with self.store.transaction() as conn:
            conn.execute(linked_claims.insert(), [{"claim_id": claim_id} for claim_id in chunk])
            key_rows = [{"key": key, "claim_id": claim_id} for claim_id, claim_keys in keys.items() for key in claim_keys]
            if key_rows:
                conn.execute(claim_link_keys.insert(), key_rows)
            if links:
                conn.execute(claim_links.insert(), [link.to_row() for link in links])
        return links

    def _features(self, ids: Iterable[str], cache: dict[str, ClaimFeatures]) -> dict[str, ClaimFeatures]:
        missing = [claim_id for claim_id in ids if claim_id not in cache]
        for stored in self.store.claims_by_id(missing):
            cache[stored.claim.id] = features_of(stored, self.config)
        return {claim_id: cache[claim_id] for claim_id in ids if claim_id in cache}

    def _refresh_stories(self, seeds: set[str]) -> int:
        """Recompute the stories of the components holding ``seeds``; RETURNS how many were written."""
        edges: set[tuple[str, str]] = set()
        seen: set[str] = set()
        frontier = set(seeds)
        with self.store.engine.connect() as conn:
            while frontier:
                seen |= frontier
                found: set[str] = set()
                for chunk in _chunks(sorted(frontier), CHUNK):
                    rows = conn.execute(
                        select(claim_links.c.a, claim_links.c.b).where(
                            claim_links.c.relation.in_(_STORY_RELATIONS),
                            or_(claim_links.c.a.in_(chunk), claim_links.c.b.in_(chunk)),
                        )
                    )
                    for a, b in rows:
                        edges.add((a, b))
                        found.update((a, b))
                frontier = found - seen
        groups = components(sorted(edges))
        members = sorted({claim_id for group in groups for claim_id in group} | seeds)
        stored = {s.claim.id: s for s in self.store.claims_by_id(members)}
        made = [
            (make_story([stored[c] for c in group], [features_of(stored[c], self.config) for c in group]), group)
            for group in groups
        ]
        with self.store.transaction() as conn:
            for chunk in _chunks(members, CHUNK):
                old = select(claim_stories.c.story_id).where(claim_stories.c.claim_id.in_(chunk))
                conn.execute(delete(stories_table).where(stories_table.c.id.in_(old)))
                conn.execute(delete(claim_stories).where(claim_stories.c.claim_id.in_(chunk)))
            if made:
                conn.execute(stories_table.insert(), [_story_row(story) for story, _ in made])
                conn.execute(
                    claim_stories.insert(),
                    [{"claim_id": claim_id, "story_id": story.id} for story, group in made for claim_id in group],
                )
        return len(made)

    def _regrade(self, touched: set[str] | None) -> int:
        """Recompute track records of the sources of ``touched`` claims (all when None) and their claims' grades."""
        with self.store.engine.connect() as conn:
            if touched is None:
                source_ids = set(conn.execute(select(attributions.c.source_id).distinct()).scalars())
            else:
                source_ids = set()
                for chunk in _chunks(sorted(touched), CHUNK):
                    source_ids.update(
                        conn.execute(select(attributions.c.source_id).where(attributions.c.claim_id.in_(chunk))).scalars()
                    )
            priors = {row.name: row for row in conn.execute(select(source_priors))}
            claim_source: dict[str, str] = {}
            source_names: dict[str, tuple[str, str | None]] = {}
            for chunk in _chunks(sorted(source_ids), CHUNK):
                rows = conn.execute(
                    select(attributions.c.claim_id, attributions.c.source_id, sources.c.name, sources.c.organization)
                    .join(sources, sources.c.id == attributions.c.source_id)
                    .where(attributions.c.source_id.in_(chunk))
                )
                for claim_id, source_id, name, organization in rows:
                    claim_source[claim_id] = source_id
                    source_names[source_id] = (name, organization)
            evidence = self._evidence(conn, sorted(claim_source))
        records: dict[str, list[int]] = {source_id: [0, 0, 0] for source_id in source_ids}
        for claim_id, source_id in claim_source.items():
            relations = {item.relation for item in evidence.get(claim_id, [])}
            counts = records[source_id]
            counts[0] += 1
            counts[1] += Relation.CORROBORATES.value in relations
            counts[2] += Relation.CONTRADICTS.value in relations
        reliability: dict[str, tuple[str, list[str]]] = {}
        record_rows = []
        for source_id, (n_claims, corroborated, contradicted) in sorted(records.items()):
            prior = _prior_for(priors, *source_names.get(source_id, ("", None)))
            letter, reasons = source_reliability(TrackRecord(n_claims, corroborated, contradicted), prior, self.grading)
            reliability[source_id] = (letter, reasons)
            record_rows.append(
                {
                    "source_id": source_id,
                    "claims": n_claims,
                    "corroborated": corroborated,
                    "contradicted": contradicted,
                    "reliability": letter,
                    "reasons": reasons,
                }
            )
        grade_rows = []
        for claim_id, source_id in sorted(claim_source.items()):
            letter, source_reasons = reliability[source_id]
            credibility, reasons = claim_credibility(evidence.get(claim_id, []))
            grade_rows.append(
                {
                    "claim_id": claim_id,
                    "reliability": letter,
                    "credibility": credibility,
                    "reasons": [f"source: {reason}" for reason in source_reasons] + reasons,
                }
            )
        with self.store.transaction() as conn:
            for chunk in _chunks(sorted(source_ids), CHUNK):
                conn.execute(delete(source_records).where(source_records.c.source_id.in_(chunk)))
            for chunk in _chunks(sorted(claim_source), CHUNK):
                conn.execute(delete(claim_grades).where(claim_grades.c.claim_id.in_(chunk)))
            if record_rows:
                conn.execute(source_records.insert(), record_rows)
            if grade_rows:
                conn.execute(claim_grades.insert(), grade_rows)
        return len(grade_rows)

    def _evidence(self, conn: Connection, claim_ids: list[str]) -> dict[str, list[Evidence]]:
        """Each claim's corroborating, contradicting and same links, with the other claim's source and date."""
        relations = [Relation.CORROBORATES.value, Relation.CONTRADICTS.value, Relation.SAME.value]
        pairs: list[tuple[str, str, str]] = []
        for chunk in _chunks(claim_ids, CHUNK):
            rows = conn.execute(
                select(claim_links.c.a, claim_links.c.b, claim_links.c.relation).where(
                    claim_links.c.relation.in_(relations), or_(claim_links.c.a.in_(chunk), claim_links.c.b.in_(chunk))
                )
            )
            pairs.extend((a, b, relation) for a, b, relation in rows)
        others = sorted({claim_id for a, b, _ in pairs for claim_id in (a, b)})
        described: dict[str, tuple[str, str | None, str]] = {}
        for chunk in _chunks(others, CHUNK):
            rows = conn.execute(
                select(claims.c.id, sources.c.name, sources.c.type, sources.c.organization, articles.c.outlet, articles.c.published)
                .join(attributions, attributions.c.claim_id == claims.c.id)
                .join(sources, sources.c.id == attributions.c.source_id)
                .join(articles, articles.c.id == claims.c.article_id)
                .where(claims.c.id.in_(chunk))
            )
            for claim_id, name, type_, organization, outlet, published in rows:
                group = source_group(Source(name, SourceType(type_), organization=organization), outlet)
                described[claim_id] = (name, published.isoformat() if published else None, group)
        wanted = set(claim_ids)
        evidence: dict[str, list[Evidence]] = {}
        for a, b, relation in sorted(set(pairs)):
            for this, other in ((a, b), (b, a)):
                if this in wanted:
                    evidence.setdefault(this, []).append(Evidence(relation, *described[other]))
        return evidence

    # -- reading ---------------------------------------------------------------------

    def annotate(self, rows: list[StoredClaim]) -> list[LinkedClaim]:
        """The claims with their stories, grades and links (three queries per chunk of claims)."""
        ids = [row.claim.id for row in rows]
        story_of: dict[str, StoryRef] = {}
        grade_of: dict[str, Grade] = {}
        links_of: dict[str, list[dict[str, Any]]] = {}
        with self.store.engine.connect() as conn:
            for chunk in _chunks(ids, CHUNK):
                for claim_id, sid, label in conn.execute(
                    select(claim_stories.c.claim_id, stories_table.c.id, stories_table.c.label)
                    .join(stories_table, stories_table.c.id == claim_stories.c.story_id)
                    .where(claim_stories.c.claim_id.in_(chunk))
                ):
                    story_of[claim_id] = StoryRef(sid, label)
                for row in conn.execute(select(claim_grades).where(claim_grades.c.claim_id.in_(chunk))):
                    grade_of[row.claim_id] = Grade(row.reliability, row.credibility, list(row.reasons))
                for row in conn.execute(
                    select(claim_links)
                    .where(or_(claim_links.c.a.in_(chunk), claim_links.c.b.in_(chunk)))
                    .order_by(claim_links.c.a, claim_links.c.b, claim_links.c.relation)
                ):
                    link = ClaimLink(row.a, row.b, Relation(row.relation), row.score, row.evidence)
                    for end in {row.a, row.b}:
                        links_of.setdefault(end, []).append(link.seen_from(end))
        return [
            LinkedClaim(
                claim=row.claim,
                article_title=row.article_title,
                outlet=row.outlet,
                published=row.published,
                url=row.url,
                story=story_of.get(row.claim.id),
                grade=grade_of.get(row.claim.id),
                links=links_of.get(row.claim.id, []),
            )
            for row in rows
        ]

    def related(self, claim_id: str) -> list[LinkedClaim]:
        """The claims linked to one claim, by publication date, each with its story, grade and links.

        RAISES (ClaimNotFound): no claim has this id.
        """
        if not self.store.claims_by_id([claim_id]):
            raise ClaimNotFound(Errors.E040.format(id=claim_id, db=self.store.name))
        linked = select(claim_links.c.b).where(claim_links.c.a == claim_id).union(
            select(claim_links.c.a).where(claim_links.c.b == claim_id)
        )
        return self.annotate(self.store.claims(within=select(linked.subquery().c[0])))

    def stories(self, limit: int | None = None) -> list[Story]:
        """Stories, largest first (then by first publication date and id)."""
        statement = select(stories_table).order_by(
            stories_table.c.size.desc(), stories_table.c.first_published.asc().nulls_last(), stories_table.c.id
        ).limit(limit)
        with self.store.engine.connect() as conn:
            return [
                Story(row.id, row.label, row.size, row.first_published, row.last_published)
                for row in conn.execute(statement)
            ]

    def within(
        self,
        *,
        grade: str | None = None,
        corroborated: bool | None = None,
        contradicted: bool | None = None,
        story: str | None = None,
    ) -> Select | None:
        """The claim ids passing the link filters, as a SELECT for :meth:`Store.claims`; None when none is set.

        grade (str): this grade or better: a reliability letter (``B`` → A or B), a
            credibility digit (``2`` → 1 or 2) or both (``B2``).
        corroborated / contradicted (bool): True for claims with (False: without) such a link.
        story (str): a story id.
        RAISES (ValueError): a grade that is not of that form.
        """
        conditions = []
        if grade is not None:
            letter, digit = parse_grade(grade)
            graded = select(claim_grades.c.claim_id)
            if letter:
                graded = graded.where(claim_grades.c.reliability <= letter)
            if digit:
                graded = graded.where(claim_grades.c.credibility <= digit)
            conditions.append(claims.c.id.in_(graded))
        for flag, relation in ((corroborated, Relation.CORROBORATES), (contradicted, Relation.CONTRADICTS)):
            if flag is None:
                continue
            ends = select(claim_links.c.a).where(claim_links.c.relation == relation.value).union(
                select(claim_links.c.b).where(claim_links.c.relation == relation.value)
            )
            ids = select(ends.subquery().c[0])
            conditions.append(claims.c.id.in_(ids) if flag else claims.c.id.not_in(ids))
        if story is not None:
            conditions.append(claims.c.id.in_(select(claim_stories.c.claim_id).where(claim_stories.c.story_id == story)))
        return select(claims.c.id).where(and_(*conditions)) if conditions else None


def parse_grade(grade: str) -> tuple[str | None, int | None]:
    """A grade filter as (reliability letter or None, credibility digit or None): "B2", "b", "2".

    RAISES (ValueError): anything else, naming the accepted forms.
    """
    if not isinstance(grade, str):
        raise TypeError(f"grade must be a str, not {type(grade).__name__}")
    text = grade.strip().upper()
    letter = text[0] if text[:1] and text[0] in "ABCDEF" else None
    rest = text[1:] if letter else text
    if rest and not (len(rest) == 1 and rest in "123456"):
        raise ValueError(f"Unknown grade {grade!r}; use {_GRADE_PATTERN}")
    if not letter and not rest:
        raise ValueError(f"Unknown grade {grade!r}; use {_GRADE_PATTERN}")
    return letter, int(rest) if rest else None


def _prior_for(priors: dict[str, Any], name: str, organization: str | None) -> SourcePrior | None:
    """The analyst's prior for a source, matched on its case-folded name, else its organisation."""
    for text in (name, organization):
        if text:
            row = priors.get(" ".join(text.casefold().split()))
            if row is not None:
                return SourcePrior(row.name, row.reliability, row.weight, row.origin)
    return None


def _story_row(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "label": story.label,
        "size": story.size,
        "first_published": story.first_published,
        "last_published": story.last_published,
    }


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
