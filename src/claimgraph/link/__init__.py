"""Across articles: links between claims, stories, and the grades that follow from them.

:class:`Linker` brings a store's links, stories and grades up to date:

1. the claims not linked yet (the ``claims_to_link`` queue the store fills) are
   taken a chunk at a time, in order of publication; each is numbered in that
   order (``linked_claims``: the link tables name claims by number, so that a
   chunk's rows and those of the recent claims it links to lie together), gets its
   :func:`~claimgraph.link.candidates.blocking_keys`, and is compared
   (:func:`~claimgraph.link.relations.relate`) with the stored claims and the
   chunk's other claims filed under matching keys within the key's window of
   days (:func:`~claimgraph.link.candidates.matching_keys`) — an index range per
   key, never the whole corpus. Of the estimates a claim updates only the latest
   keeps an ``updates`` link; a claim that arrives between two linked estimates
   takes its place in their chain;
2. the stories of the claims touched are merged (:mod:`claimgraph.link.stories`):
   stories only ever grow or join, so the members of an untouched story are never read;
3. the track records of the sources touched change by the links their claims
   gained, and the credibility of the claims that gained links is recomputed
   (:mod:`claimgraph.grade`) from the evidence stored with their grade plus the
   new links — never by reading a claim's links again; the reliability letter is
   the source's and is read with the grade.

Because candidacy (matching keys) and relations are functions of the two claims
alone, and the consecutive ``updates`` link is the latest of a claim's
candidates, linking claims as they arrive and ``rebuild=True`` give the same
links, stories and grades. :class:`LinkedClaim` is a stored claim with its story,
grade and links, as the JSON contract prints them.

:mod:`claimgraph.link.clustering` groups whole documents into topics and
sub-topics (the ECB+ evaluation); it does not use the store.
"""

from __future__ import annotations

import gc
from bisect import bisect_left, bisect_right
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, and_, bindparam, delete, func, or_, select, update

from ..errors import ClaimNotFound, Errors
from ..grade import (
    Evidence,
    Grade,
    GradingConfig,
    SourcePrior,
    TrackRecord,
    claim_credibility,
    distinct_evidence,
    source_reliability,
)
from ..grade import load_config as load_grading_config
from ..query import StoredClaim
from ..store import Store
from ..store.schema import (
    UNDATED_DAY,
    articles,
    attributions,
    claim_grades,
    claim_link_keys,
    claim_links,
    claim_stories,
    claims,
    claims_to_link,
    linked_claims,
    source_priors,
    source_records,
    sources,
)
from ..store.schema import stories as stories_table
from .candidates import (
    UNDATED,
    ClaimFeatures,
    LinkingConfig,
    blocking_keys,
    features_of,
    key_window,
    load_config,
    matching_keys,
)
from .relations import STORY_RELATIONS, ClaimLink, Relation, latest_update, relate
from .stories import LABEL_SAMPLE, Story, StoryRef, UnionFind, story_id, story_label

__all__ = ["ClaimLink", "LinkReport", "LinkedClaim", "Linker", "Relation", "Story", "StoryRef", "parse_grade"]

CHUNK = 500  # claims linked per round trip and per write transaction
# Features kept between runs: the next batch's candidates are mostly the recent claims.
FEATURE_CACHE = 50_000
_GRADE_PATTERN = "A-F for reliability, 1-6 for credibility, or both (B2)"
# Relations a claim's credibility and its source's track record are read from.
_EVIDENCE_RELATIONS = (Relation.CORROBORATES.value, Relation.CONTRADICTS.value, Relation.SAME.value)
_LAST_ID = "\uffff"  # sorts after every claim id
_REGRADE = (
    update(claim_grades)
    .where(claim_grades.c.claim_seq == bindparam("graded_claim"))
    .values(credibility=bindparam("credibility"), reasons=bindparam("reasons"), evidence=bindparam("evidence"))
)
_GRADES = claim_grades.join(linked_claims, linked_claims.c.seq == claim_grades.c.claim_seq)
# A claim's grade beside its source's record: the reliability letter is the source's.
_GRADES_WITH_SOURCES = _GRADES.join(attributions, attributions.c.claim_id == linked_claims.c.claim_id).join(
    source_records, source_records.c.source_id == attributions.c.source_id
)


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


@dataclass
class _Run:
    """What one link run gathers for stories and grades, chunk by chunk; claims by their linked_claims.seq."""

    new: set[int] = field(default_factory=set)  # the claims linked
    joined: UnionFind = field(default_factory=UnionFind)  # pairs (of claim ids) in one story
    gained: dict[int, list[tuple[str, str]]] = field(default_factory=dict)  # (relation, other claim's id) gained, per claim
    claim_of: dict[int, str] = field(default_factory=dict)  # the id of each claim above
    next_seq: int = 1  # the number the next claim linked gets


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
        self._cache: OrderedDict[str, ClaimFeatures] = OrderedDict()

    # -- bringing links up to date ---------------------------------------------------

    def link(self, *, rebuild: bool = False, priors: list[SourcePrior] | None = None) -> LinkReport:
        """Link the claims not linked yet (every claim when ``rebuild``), then stories and grades.

        rebuild (bool): forget every link, story and grade and compute them afresh.
        priors (list[SourcePrior]): replace the stored analysts' priors and regrade
            every source; None keeps the stored ones.
        RETURNS (LinkReport): what was done.
        """
        report = LinkReport()
        if rebuild:
            with self.store.transaction() as conn:
                for table in (claim_grades, source_records, claim_stories, stories_table, claim_links, claim_link_keys, linked_claims, claims_to_link):
                    conn.execute(delete(table))
                conn.execute(claims_to_link.insert().from_select(["claim_id"], select(claims.c.id)))
        if priors is not None:
            with self.store.transaction() as conn:
                conn.execute(delete(source_priors))
                if priors:
                    conn.execute(source_priors.insert(), [p.to_row() for p in priors])
        with self.store.engine.connect() as conn:
            # Read from the queue, then looked up: joined in SQL, SQLite walks every claim to find the queued ones.
            queued = list(conn.execute(select(claims_to_link.c.claim_id)).scalars())
            published = _published(conn, queued)
            last_seq = conn.execute(select(func.max(linked_claims.c.seq))).scalar_one()
        # In order of publication (undated last), so that a chunk's claims share their blocks' days
        # and the claims numbered together are the ones linked together.
        new_ids = sorted(queued, key=lambda claim_id: (published[claim_id] is None, published[claim_id] or date.min, claim_id))
        run = _Run(next_seq=(last_seq or 0) + 1)
        for chunk in _chunks(new_ids, CHUNK):
            with _collector_paused():
                self._link_chunk(chunk, run, report)
        report.claims = len(new_ids)
        with _collector_paused():
            report.stories = self._merge_stories(run)
            report.graded = self._regrade(run, every_source=rebuild or priors is not None)
        return report

    def _link_chunk(self, chunk: list[str], run: _Run, report: LinkReport) -> None:
        """Number a chunk of new claims and compare them with their candidates; store keys and links, take them off the queue."""
        features = self._features(chunk)
        seq_of = {claim_id: run.next_seq + i for i, claim_id in enumerate(chunk)}
        run.next_seq += len(chunk)
        keys = {claim_id: blocking_keys(f, self.config) for claim_id, f in features.items()}
        filed = self._blocks(keys, features, seq_of)
        pairs: set[tuple[str, str]] = set()
        for claim_id, claim_keys in keys.items():
            day = features[claim_id].day
            for key in claim_keys:
                window = key_window(key, self.config)
                for match in matching_keys(key):
                    block = filed.get(match)
                    if not block:
                        continue
                    if window is not None:
                        block = block[bisect_left(block, (day - window,)) : bisect_right(block, (day + window, _LAST_ID))]
                    for _, other in block:
                        if other != claim_id:
                            pairs.add((claim_id, other) if claim_id < other else (other, claim_id))
        features.update(self._features({claim_id for pair in pairs for claim_id in pair} - features.keys()))
        report.compared += len(pairs)
        links: list[ClaimLink] = []
        updated: dict[str, list[ClaimLink]] = {}  # later estimate → its updates verdicts
        for a, b in pairs:
            for link in relate(features[a], features[b], self.config):
                if link.relation in STORY_RELATIONS:
                    run.joined.union(link.a, link.b)
                if link.relation is Relation.UPDATES:
                    updated.setdefault(link.a, []).append(link)
                else:
                    links.append(link)
        for link in links:
            relation = link.relation.value
            report.links[relation] += 1
            if relation in _EVIDENCE_RELATIONS:
                for end, other in ((link.a, link.b), (link.b, link.a)):
                    run.gained.setdefault(seq_of[end], []).append((relation, other))
                    run.claim_of[seq_of[end]] = end
        for claim_id in chunk:
            run.new.add(seq_of[claim_id])
            run.claim_of[seq_of[claim_id]] = claim_id
        with self.store.transaction() as conn:
            replaced, chained = self._chain_updates(conn, updated, features, seq_of)
            report.links[Relation.UPDATES.value] += len(chained) - len(replaced)
            conn.execute(linked_claims.insert(), [{"seq": seq_of[claim_id], "claim_id": claim_id} for claim_id in chunk])
            for chunk_ids in _chunks(chunk, CHUNK):
                conn.execute(delete(claims_to_link).where(claims_to_link.c.claim_id.in_(chunk_ids)))
            key_rows = [
                {"key": key, "claim_seq": seq_of[claim_id], "day": _filed_day(features[claim_id])}
                for claim_id, claim_keys in keys.items()
                for key in claim_keys
            ]
            if key_rows:
                conn.execute(claim_link_keys.insert(), key_rows)
            for a, b in replaced:
                conn.execute(
                    delete(claim_links).where(
                        claim_links.c.a == a, claim_links.c.b == b, claim_links.c.relation == Relation.UPDATES.value
                    )
                )
            if links or chained:
                conn.execute(
                    claim_links.insert(),
                    [
                        {"a": seq_of[link.a], "b": seq_of[link.b], "relation": link.relation.value, "score": link.score, "evidence": link.evidence}
                        for link in [*links, *chained]
                    ],
                )

    def _blocks(
        self, keys: dict[str, list[str]], features: dict[str, ClaimFeatures], seq_of: dict[str, int]
    ) -> dict[str, list[tuple[int, str]]]:
        """The claims filed under the keys the chunk's keys match, as (day, claim id) sorted per key, the chunk's own included.

        The number of each stored claim found is added to ``seq_of``.
        """
        wanted = sorted({match for claim_keys in keys.values() for key in claim_keys for match in matching_keys(key)})
        days = [f.day for f in features.values() if f.day is not None]
        reach = max(self.config.figure_days, self.config.denial_days)
        filed: dict[str, list[tuple[int, str]]] = {}
        with self.store.engine.connect() as conn:
            for key_chunk in _chunks(wanted, CHUNK):
                dated = [key for key in key_chunk if not key.endswith(UNDATED)]
                undated = [key for key in key_chunk if key.endswith(UNDATED)]
                queries = []
                if dated and days:
                    queries.append(claim_link_keys.c.key.in_(dated) & claim_link_keys.c.day.between(min(days) - reach, max(days) + reach))
                if undated:
                    queries.append(claim_link_keys.c.key.in_(undated))
                for condition in queries:
                    rows = conn.execute(
                        select(claim_link_keys.c.key, claim_link_keys.c.day, claim_link_keys.c.claim_seq, linked_claims.c.claim_id)
                        .join(linked_claims, linked_claims.c.seq == claim_link_keys.c.claim_seq)
                        .where(condition)
                    ).all()
                    for key, day, seq, claim_id in rows:
                        filed.setdefault(key, []).append((day, claim_id))
                        seq_of[claim_id] = seq
        for claim_id, claim_keys in keys.items():
            for key in claim_keys:
                filed.setdefault(key, []).append((_filed_day(features[claim_id]), claim_id))
        for block in filed.values():
            block.sort()
        return filed

    def _chain_updates(
        self,
        conn: Connection,
        updated: dict[str, list[ClaimLink]],
        features: dict[str, ClaimFeatures],
        seq_of: dict[str, int],
    ) -> tuple[list[tuple[int, int]], list[ClaimLink]]:
        """Keep each estimate's ``updates`` link to the latest earlier one it updates.

        updated: per later estimate, the ``updates`` verdicts of this chunk's pairs.
        RETURNS: the stored links (a, b, by number) the chunk's estimates replace, and the links to write.
        """
        stored: dict[str, str] = {}
        later_of = {seq_of[later]: later for later in updated}
        for later_seqs in _chunks(sorted(later_of), CHUNK):
            # The relation is checked here: in the WHERE clause, SQLite reads every
            # ``updates`` link through the relation's index instead of the estimates' links.
            rows = conn.execute(
                select(claim_links.c.a, claim_links.c.b, claim_links.c.relation, linked_claims.c.claim_id)
                .join(linked_claims, linked_claims.c.seq == claim_links.c.b)
                .where(claim_links.c.a.in_(later_seqs))
            )
            for a, b, relation, earlier in rows:
                if relation == Relation.UPDATES.value:
                    stored[later_of[a]] = earlier
                    seq_of[earlier] = b
        features.update(self._features(set(stored.values()) - features.keys()))
        replaced, chained = [], []
        for later, verdicts in updated.items():
            by_earlier = {link.b: link for link in verdicts}
            candidates = [features[b] for b in by_earlier]
            if later in stored:
                candidates.append(features[stored[later]])
            latest = latest_update(features[later], candidates)
            if latest is None or latest.id not in by_earlier:
                continue
            if later in stored:
                replaced.append((seq_of[later], seq_of[stored[later]]))
            chained.append(by_earlier[latest.id])
        return replaced, chained

    def _features(self, ids: Iterable[str]) -> dict[str, ClaimFeatures]:
        cache = self._cache
        wanted = list(ids)
        missing = [claim_id for claim_id in wanted if claim_id not in cache]
        for stored in self.store.claims_by_id(missing):
            cache[stored.claim.id] = features_of(stored, self.config)
        found = {}
        for claim_id in wanted:
            if claim_id in cache:
                cache.move_to_end(claim_id)
                found[claim_id] = cache[claim_id]
        while len(cache) > FEATURE_CACHE:
            cache.popitem(last=False)
        return found

    def _merge_stories(self, run: _Run) -> int:
        """Merge the run's story pairs into the stored stories; RETURNS how many stories were written.

        A group of the run joins every stored story one of its claims is in: the
        stories' members move to the new id in one UPDATE each (none are read),
        size and dates add up, and the label is read again only when the group's
        :data:`~claimgraph.link.stories.LABEL_SAMPLE` smallest ids changed.
        """
        groups = run.joined.groups()
        if not groups:
            return 0
        nodes = sorted(node for group in groups for node in group)
        with self.store.engine.connect() as conn:
            story_of: dict[str, str] = {}
            for chunk in _chunks(nodes, CHUNK):
                rows = conn.execute(select(claim_stories.c.claim_id, claim_stories.c.story_id).where(claim_stories.c.claim_id.in_(chunk)))
                story_of.update((claim_id, sid) for claim_id, sid in rows)
            published = _published(conn, nodes)
            old_ids = sorted(set(story_of.values()))
            old: dict[str, Any] = {}
            sample: dict[str, list[str]] = {}
            for chunk in _chunks(old_ids, CHUNK):
                old.update((row.id, row) for row in conn.execute(select(stories_table).where(stories_table.c.id.in_(chunk))))
            for sid in old_ids:
                sample[sid] = list(
                    conn.execute(
                        select(claim_stories.c.claim_id)
                        .where(claim_stories.c.story_id == sid)
                        .order_by(claim_stories.c.claim_id)
                        .limit(LABEL_SAMPLE)
                    ).scalars()
                )
        # Groups that share a stored story are one story: join them through it.
        merged = UnionFind()
        for group in groups:
            merged.find(group[0])
            for node in group:
                if node in story_of:
                    merged.union(group[0], "story:" + story_of[node])
        new_members: dict[str, list[str]] = {}
        joined_stories: dict[str, list[str]] = {}
        for group in groups:
            root = merged.find(group[0])
            new_members.setdefault(root, []).extend(node for node in group if node not in story_of)
        for sid in old_ids:
            joined_stories.setdefault(merged.find("story:" + sid), []).append(sid)
        written = []
        for root in sorted(set(new_members) | set(joined_stories)):
            members = new_members.get(root, [])
            parts = joined_stories.get(root, [])
            candidates = sorted({*members, *(claim_id for sid in parts for claim_id in sample[sid])})
            smallest = candidates[:LABEL_SAMPLE]
            sid = story_id(smallest[0])
            dates = [d for d in (published[claim_id] for claim_id in members) if d is not None]
            dates += [d for part in parts for d in (old[part].first_published, old[part].last_published) if d is not None]
            if len(parts) == 1 and sample[parts[0]] == smallest:
                label = old[parts[0]].label
            else:
                label = story_label(list(self._features(smallest).values()))
            story = Story(
                sid,
                label,
                len(members) + sum(old[part].size for part in parts),
                min(dates) if dates else None,
                max(dates) if dates else None,
            )
            written.append((story, members, parts))
        with self.store.transaction() as conn:
            for story, members, parts in written:
                row = _story_row(story)
                if story.id in parts:
                    conn.execute(update(stories_table).where(stories_table.c.id == story.id).values(**row))
                else:
                    conn.execute(stories_table.insert(), [row])
                for part in parts:
                    if part != story.id:
                        conn.execute(update(claim_stories).where(claim_stories.c.story_id == part).values(story_id=story.id))
                        conn.execute(delete(stories_table).where(stories_table.c.id == part))
                if members:
                    conn.execute(claim_stories.insert(), [{"claim_id": claim_id, "story_id": story.id} for claim_id in members])
        return len(written)

    def _regrade(self, run: _Run, *, every_source: bool) -> int:
        """Update the track records of the sources whose claims were linked or gained evidence, and those claims' credibility.

        A record counts its linked claims and those with a ``corroborates`` or
        ``contradicts`` link; each changes by what this run added, so a record is
        never recounted from its claims. ``every_source``: the priors changed (or
        everything was rebuilt), so every source's letter is worked out again.
        RETURNS: how many claims were graded: the new ones, and those whose evidence changed.
        """
        touched = sorted(run.new | run.gained.keys())
        others = self._features({other for gained in run.gained.values() for _, other in gained})
        # Who said each other claim and when, as its evidence reads: once per run, however many claims it linked to.
        said = {
            claim_id: (f.source_name, f.published.isoformat() if f.published else None, f.source_group) for claim_id, f in others.items()
        }
        with self.store.engine.connect() as conn:
            claim_source: dict[str, str] = {}
            stored: dict[int, list[list[Any]]] = {}
            for chunk in _chunks(touched, CHUNK):
                chunk_ids = [run.claim_of[seq] for seq in chunk]
                rows = conn.execute(select(attributions.c.claim_id, attributions.c.source_id).where(attributions.c.claim_id.in_(chunk_ids)))
                claim_source.update((claim_id, source_id) for claim_id, source_id in rows)
                rows = conn.execute(select(claim_grades.c.claim_seq, claim_grades.c.evidence).where(claim_grades.c.claim_seq.in_(chunk)))
                stored.update((seq, items) for seq, items in rows)
            evidence: dict[int, list[Evidence]] = {}  # the claims whose evidence changed, with the new
            changes: dict[str, list[int]] = {}
            for seq in touched:
                before = [Evidence._make(item) for item in stored.get(seq, [])]
                gained = (Evidence(relation, *said[other]) for relation, other in run.gained.get(seq, []))
                after = distinct_evidence([*before, *gained])
                if seq in stored and after == before:
                    continue  # only speakers it already had, at dates no earlier: the grade stands
                evidence[seq] = after
                source_id = claim_source.get(run.claim_of[seq])
                if source_id is None:
                    continue
                counts = changes.setdefault(source_id, [0, 0, 0])
                counts[0] += seq in run.new
                for index, relation in ((1, Relation.CORROBORATES.value), (2, Relation.CONTRADICTS.value)):
                    counts[index] += any(item.relation == relation for item in after) - any(item.relation == relation for item in before)
            records: dict[str, list[int]] = {}
            lookups = [select(source_records)] if every_source else [
                select(source_records).where(source_records.c.source_id.in_(chunk)) for chunk in _chunks(sorted(changes), CHUNK)
            ]
            for statement in lookups:
                records.update((r.source_id, [r.claims, r.corroborated, r.contradicted]) for r in conn.execute(statement))
            for source_id, delta in changes.items():
                counts = records.setdefault(source_id, [0, 0, 0])
                for index, change in enumerate(delta):
                    counts[index] += change
            priors = {row.name: row for row in conn.execute(select(source_priors))}
            names: dict[str, tuple[str, str | None]] = {}
            for chunk in _chunks(sorted(records), CHUNK):
                rows = conn.execute(select(sources.c.id, sources.c.name, sources.c.organization).where(sources.c.id.in_(chunk)))
                names.update((source_id, (name, organization)) for source_id, name, organization in rows)
        record_rows = []
        for source_id, (n_claims, corroborated, contradicted) in sorted(records.items()):
            prior = _prior_for(priors, *names.get(source_id, ("", None)))
            letter, reasons = source_reliability(TrackRecord(n_claims, corroborated, contradicted), prior, self.grading)
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
        new_grades, changed_grades = [], []
        for seq, items in evidence.items():
            credibility, reasons = claim_credibility(items)
            row = {"credibility": credibility, "reasons": reasons, "evidence": [item.to_list() for item in items]}
            if seq in stored:
                changed_grades.append({"graded_claim": seq, **row})
            else:
                new_grades.append({"claim_seq": seq, **row})
        with self.store.transaction() as conn:
            for chunk in _chunks(sorted(records), CHUNK):
                conn.execute(delete(source_records).where(source_records.c.source_id.in_(chunk)))
            if record_rows:
                conn.execute(source_records.insert(), record_rows)
            # Rewritten in place: a grade's row keeps its place in the table and its index entries.
            if changed_grades:
                conn.execute(_REGRADE, changed_grades)
            if new_grades:
                conn.execute(claim_grades.insert(), new_grades)
        return len(new_grades) + len(changed_grades)

    # -- reading ---------------------------------------------------------------------

    def annotate(self, rows: list[StoredClaim]) -> list[LinkedClaim]:
        """The claims with their stories, grades (the source's letter and reasons, then the claim's) and links (three queries per chunk of claims)."""
        ids = [row.claim.id for row in rows]
        story_of: dict[str, StoryRef] = {}
        grade_of: dict[str, Grade] = {}
        links_of: dict[str, list[dict[str, Any]]] = {}
        with self.store.engine.connect() as conn:
            for chunk in _chunks(ids, CHUNK):
                claim_of = _claims_by_seq(conn, linked_claims.c.claim_id.in_(chunk))
                seqs = list(claim_of)
                for claim_id, sid, label in conn.execute(
                    select(claim_stories.c.claim_id, stories_table.c.id, stories_table.c.label)
                    .join(stories_table, stories_table.c.id == claim_stories.c.story_id)
                    .where(claim_stories.c.claim_id.in_(chunk))
                ):
                    story_of[claim_id] = StoryRef(sid, label)
                graded = conn.execute(
                    select(
                        claim_grades.c.claim_seq,
                        claim_grades.c.credibility,
                        claim_grades.c.reasons,
                        source_records.c.reliability,
                        source_records.c.reasons.label("source_reasons"),
                    )
                    .select_from(_GRADES_WITH_SOURCES)
                    .where(claim_grades.c.claim_seq.in_(seqs))
                )
                for row in graded:
                    reasons = [f"source: {reason}" for reason in row.source_reasons] + list(row.reasons)
                    grade_of[claim_of[row.claim_seq]] = Grade(row.reliability, row.credibility, reasons)
                stored_links = conn.execute(select(claim_links).where(or_(claim_links.c.a.in_(seqs), claim_links.c.b.in_(seqs)))).all()
                others = sorted({seq for row in stored_links for seq in (row.a, row.b)} - claim_of.keys())
                for others_chunk in _chunks(others, CHUNK):
                    claim_of.update(_claims_by_seq(conn, linked_claims.c.seq.in_(others_chunk)))
                found = [
                    ClaimLink(claim_of[row.a], claim_of[row.b], Relation(row.relation), row.score, row.evidence)
                    for row in stored_links
                ]
                in_chunk = set(chunk)
                for link in sorted(found, key=lambda link: (link.a, link.b, link.relation.value)):
                    for end in {link.a, link.b} & in_chunk:
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
        seq = select(linked_claims.c.seq).where(linked_claims.c.claim_id == claim_id).scalar_subquery()
        linked = select(claim_links.c.b).where(claim_links.c.a == seq).union(select(claim_links.c.a).where(claim_links.c.b == seq))
        return self.annotate(self.store.claims(within=_ids_of(linked)))

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
            graded = select(linked_claims.c.claim_id).select_from(_GRADES_WITH_SOURCES if letter else _GRADES)
            if letter:
                graded = graded.where(source_records.c.reliability <= letter)
            if digit:
                graded = graded.where(claim_grades.c.credibility <= digit)
            conditions.append(claims.c.id.in_(graded))
        for flag, relation in ((corroborated, Relation.CORROBORATES), (contradicted, Relation.CONTRADICTS)):
            if flag is None:
                continue
            ends = select(claim_links.c.a).where(claim_links.c.relation == relation.value).union(
                select(claim_links.c.b).where(claim_links.c.relation == relation.value)
            )
            ids = _ids_of(ends)
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


def _claims_by_seq(conn: Connection, condition: Any) -> dict[int, str]:
    """The linked claims meeting a condition on linked_claims: each claim's id by its number."""
    return dict(conn.execute(select(linked_claims.c.seq, linked_claims.c.claim_id).where(condition)).all())


def _ids_of(seqs: Any) -> Select:
    """The claim ids of a one-column SELECT (or union) of claim numbers, for ``Store.claims(within=...)``."""
    return select(linked_claims.c.claim_id).where(linked_claims.c.seq.in_(select(seqs.subquery().c[0])))


def _published(conn: Connection, ids: list[str]) -> dict[str, date | None]:
    """The publication date of each claim's article."""
    published: dict[str, date | None] = {}
    for chunk in _chunks(ids, CHUNK):
        rows = conn.execute(
            select(claims.c.id, articles.c.published).join(articles, articles.c.id == claims.c.article_id).where(claims.c.id.in_(chunk))
        )
        published.update((claim_id, day) for claim_id, day in rows)
    return published


def _filed_day(claim: ClaimFeatures) -> int:
    """The day a claim's keys are filed under; an undated claim's keys say so themselves."""
    return claim.day if claim.day is not None else UNDATED_DAY


def _story_row(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "label": story.label,
        "size": story.size,
        "first_published": story.first_published,
        "last_published": story.last_published,
    }


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for one step of a link run, as it was after.

    A step allocates hundreds of thousands of short-lived containers (pairs,
    evidence, rows) that reference counting frees, and the allocations alone set
    off full collections, each walking every object alive, the feature cache
    included: 18 % of a link run's CPU at 120,000 claims. Garbage in reference
    cycles, if a step leaves any, is collected as usual after it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
