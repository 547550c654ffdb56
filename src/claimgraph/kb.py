"""The Python API over a knowledge base: ingest articles, ask for claims.

    >>> import claimgraph
    >>> with claimgraph.open("claims.db") as kb:
    ...     report = kb.ingest(["articles/"])
    ...     for stored in kb.claims(source="Yusov", search="Kursk"):
    ...         print(stored.claim.text, "—", stored.claim.attribution.source.name)
    ...     kb.count_claims(place="Kursk", type="deploy_forces", min_quantity=1000)
    ...     for other in kb.related(kb.claims(corroborated=True)[0].claim.id):
    ...         print(other.links, other.grade)

:class:`KnowledgeBase` ties the stages together: ``claimgraph.ingest`` reads,
``claimgraph.extract`` finds the claims, :class:`~claimgraph.store.Store` keeps
them; ``claimgraph.link`` relates the claims across articles, groups them into
stories and grades them. The CLI commands call these same methods.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby, islice
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import ClaimNotFound, Errors, IngestError
from .grade import read_priors
from .ingest import read_articles
from .link import LinkedClaim, Linker, LinkReport, Story
from .model import Article, Document
from .query import ClaimFilter, KBStats, SourceSummary
from .scale import extract_in_processes, extract_on_dask
from .scale.ordered import require_count
from .store import Store
from .timeline import Timeline, TimelineRow, find_story, read_proposition, story_by_id, timeline_rows

if TYPE_CHECKING:
    import distributed
    import pandas

T = TypeVar("T")


@dataclass
class IngestReport:
    """What one :meth:`KnowledgeBase.ingest` call did.

    read: articles read from the inputs; added: articles newly stored; skipped:
    articles already stored, or read twice in this run; errors: inputs or records
    that could not be read (collected when an ``on_error`` callback is given).
    """

    read: int = 0
    added: int = 0
    skipped: int = 0
    errors: list[IngestError] = field(default_factory=list)
    linked: LinkReport | None = None  # what linking the new claims did (None when not linked)

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "added": self.added,
            "skipped": self.skipped,
            "errors": [{"origin": e.origin, "message": str(e)} for e in self.errors],
        }


class KnowledgeBase:
    """Claims extracted from news articles, stored in SQLite or PostgreSQL.

    db (str | PathLike): a SQLite file path, ``":memory:"``, or a SQLAlchemy URL
        (``postgresql://user@host:5432/dbname``); created if missing.
    """

    def __init__(self, db: str | os.PathLike[str]) -> None:
        self.store = Store(db)
        self.linker = Linker(self.store)

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<KnowledgeBase {self.store.name}>"

    def close(self) -> None:
        """Release the database connections."""
        self.store.close()

    def ingest(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        on_error: Callable[[IngestError], None] | None = None,
        progress: Callable[[int], None] | None = None,
        batch_size: int = 20,
        link: bool = True,
        jobs: int = 1,
        scheduler: str | distributed.Client | None = None,
    ) -> IngestReport:
        """Read articles, extract their claims and store them, a batch at a time.

        Articles already stored are skipped before any language processing, so
        ingesting the same files again is cheap and changes nothing. Each batch is
        written in one transaction: an interruption keeps the batches written so far.

        paths (Iterable[str | PathLike]): files, directories (recursive) or ``"-"``.
        on_error (Callable[[IngestError], None]): receives each unreadable input or
            record, which is also listed in the report, and ingest goes on; when None,
            the first such error is raised.
        progress (Callable[[int], None]): called with each file's size in bytes once
            it is read, for progress bars.
        batch_size (int): articles per write transaction.
        link (bool): link the new claims to the stored ones and update stories and
            grades afterwards (:meth:`link`); off, they wait for the next ``link``.
        jobs (int): processes that parse articles; above 1, worker processes parse
            while this one reads and writes (:mod:`claimgraph.scale`).
        scheduler (str | distributed.Client): a Dask scheduler's address, or a client
            connected to one: that cluster's workers parse (instead of ``jobs``).
        RETURNS (IngestReport): counts of articles read, added and skipped, errors,
            and what linking did.
        """
        if isinstance(batch_size, bool) or not isinstance(batch_size, int):
            raise TypeError(f"batch_size must be an int, not {type(batch_size).__name__}")
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1 (got {batch_size})")
        require_count("jobs", jobs)
        if jobs > 1 and scheduler is not None:
            raise ValueError("parse with local jobs or on a Dask scheduler, not both")
        # Imported here: loading spaCy takes a second that queries should not pay.
        from .extract import extract_articles

        if scheduler is not None:
            extract_articles = functools.partial(extract_on_dask, scheduler=scheduler)
        elif jobs > 1:
            extract_articles = functools.partial(extract_in_processes, jobs=jobs)

        report = IngestReport()

        def collect(error: IngestError) -> None:
            report.errors.append(error)
            on_error(error)

        articles = read_articles(paths, on_error=collect if on_error else None, progress=progress)
        documents = _extracted(self._unstored(articles, report, batch_size), extract_articles)
        for batch in _batched(documents, batch_size):
            written = self.store.write_documents(batch)
            report.added += len(written)
            # Written meanwhile by another process; write_documents left it alone.
            report.skipped += len(batch) - len(written)
        if link and report.added:
            report.linked = self.link()
        return report

    def link(self, rebuild: bool = False, priors: str | os.PathLike[str] | None = None) -> LinkReport:
        """Bring links, stories and grades up to date with every stored claim.

        Only claims not linked yet are compared, each with the stored claims that
        share a blocking key (``claimgraph.link.candidates``), so the cost follows the
        new claims, not the corpus.

        rebuild (bool): forget all links, stories and grades and recompute them; the
            result is the same as linking the claims as they came.
        priors (str | PathLike): a TOML file of analysts' reliability priors per
            source (``[sources."NAME"] reliability = "B"``); it replaces the stored
            priors and every claim is regraded. None keeps the stored priors.
        RETURNS (LinkReport): claims linked, pairs compared, links by relation, stories.
        RAISES (GradingConfigError): the priors file is unreadable or malformed.
        """
        return self.linker.link(rebuild=rebuild, priors=read_priors(priors) if priors is not None else None)

    def claim(self, claim_id: str) -> LinkedClaim:
        """One stored claim with its article's title, outlet and date, its story, grade and links.

        RAISES (ClaimNotFound): no claim has this id.
        """
        found = self.linker.annotate(self.store.claims_by_id([claim_id]))
        if not found:
            raise ClaimNotFound(Errors.E040.format(id=claim_id, db=self.store.name))
        return found[0]

    def related(self, claim_id: str) -> list[LinkedClaim]:
        """The claims linked to one claim, by publication date, each with its story, grade and links.

        claim_id (str): the claim's id.
        RETURNS (list[LinkedClaim]): earlier and later claims of its story from other
            articles, with how each relates (its ``links`` entry naming ``claim_id``).
        RAISES (ClaimNotFound): no claim has this id.
        """
        return self.linker.related(claim_id)

    def stories(self, limit: int | None = None) -> list[Story]:
        """Stories (claims about one proposition), largest first, with labels and date ranges."""
        return self.linker.stories(limit=limit)

    def find_story(self, query: str | None = None, story: str | None = None) -> Story:
        """One story: by id, or the one whose label and claims share most words with ``query``.

        query (str): free text ("North Korean troops in Russia").
        story (str): a story id (see :meth:`stories`); wins over ``query``.
        RAISES (StoryNotFound): no story has the id, or none shares a word with the query.
        RAISES (ValueError): neither is given.
        """
        if story is not None:
            return story_by_id(self.store, story)
        if query is None:
            raise ValueError("find_story needs a query or a story id")
        return find_story(self.store, query)

    def timeline(self, query: str | None = None, story: str | None = None) -> list[TimelineRow]:
        """Every estimate of one proposition over time, one row per claim that gives one.

        query / story: which proposition, as in :meth:`timeline_of`.
        RETURNS (list[TimelineRow]): by the day each claim speaks of (its time span,
            else its article's date), with source, outlet, low–high, unit and how it
            relates to the estimate before it.
        RAISES (StoryNotFound): no such story.
        """
        return self.timeline_of(query, story).rows

    def timeline_of(self, query: str | None = None, story: str | None = None) -> Timeline:
        """A timeline with its title: of the proposition ``query`` names, else of one story.

        query (str): "North Korean troops in Russia": a topic and who acts (and where) name
            a proposition (:func:`claimgraph.timeline.read_proposition`), and every claim
            giving a figure for it counts, across stories; otherwise the story
            :meth:`find_story` picks for the query.
        story (str): a story id: that story's estimates; wins over ``query``.
        RAISES (StoryNotFound): no such story, or no story or proposition matches the query.
        """
        proposition = read_proposition(query) if story is None and query is not None else None
        if proposition is not None:
            members = self.linker.annotate(self.store.claims(proposition.filter(), within=proposition.actors_within()))
            rows = timeline_rows(members, topic=proposition.topic)
            if rows:
                return Timeline(proposition.label, rows)
        found = self.find_story(query, story)
        return Timeline(found.label, timeline_rows(self.claims(story=found.id)), found)

    def _unstored(
        self, articles: Iterable[Article | Document], report: IngestReport, batch_size: int
    ) -> Iterator[Article | Document]:
        """The articles neither stored already nor seen earlier in this run; counts the rest."""
        seen: set[str] = set()
        for chunk in _batched(articles, batch_size):
            report.read += len(chunk)
            ids = [_article_of(item).id for item in chunk]
            stored = self.store.has_articles(ids)
            for item, item_id in zip(chunk, ids):
                if item_id in stored or item_id in seen:
                    report.skipped += 1
                else:
                    seen.add(item_id)
                    yield item

    def claims(
        self,
        *,
        grade: str | None = None,
        corroborated: bool | None = None,
        contradicted: bool | None = None,
        story: str | None = None,
        **filters: Any,
    ) -> list[LinkedClaim]:
        """Stored claims matching the filters, ordered by publication date.

        grade (str): this Admiralty grade or better — a reliability letter (``B``: A
            or B), a credibility digit (``2``: 1 or 2), or both (``B2``).
        corroborated (bool): True for claims corroborated by an independent source,
            False for claims that are not.
        contradicted (bool): True for claims another claim contradicts, False for none.
        story (str): a story id (see :meth:`stories`).
        filters: the fields of :class:`~claimgraph.query.ClaimFilter`, where each is
            documented — ``source``, ``search``, ``article``, ``outlet``, ``kind``;
            the facets ``place``, ``country``, ``actor``, ``type``, ``since``, ``until``,
            ``negated``, ``modality``, ``min_quantity``, ``max_quantity``, ``unit``;
            and ``limit``, ``offset``.
        RETURNS (list[LinkedClaim]): each claim with its article's title, outlet, date
            and URL, its story, grade and links.
        RAISES (TypeError): an unknown filter name or a value of the wrong type.
        RAISES (ValueError): a bad value (a date not YYYY-MM-DD, min above max, an unknown type or grade).
        """
        within = self.linker.within(grade=grade, corroborated=corroborated, contradicted=contradicted, story=story)
        return self.linker.annotate(self.store.claims(ClaimFilter.from_kwargs(**filters), within=within))

    def to_pandas(self, table: str = "claims", **filters: Any) -> pandas.DataFrame:
        """The claims matching the filters of :meth:`claims` as a pandas DataFrame, for notebooks.

        table (str): ``claims`` (one row per claim), or one row per facet record or
            link with the claim's id in ``claim_id``: ``actors``, ``quantities``,
            ``places``, ``times``, ``links`` (see ``claimgraph.export.frames``).
        filters: the keywords of :meth:`claims`.
        RETURNS (pandas.DataFrame): columns named as in the JSON contract.
        RAISES (ImportError): pandas is not installed (``pip install 'claimgraph[pandas]'``).
        RAISES (ValueError): an unknown table or a bad filter value.
        """
        from .export.frames import claims_frame

        return claims_frame(self.claims(**filters), table)

    def count_claims(
        self,
        *,
        grade: str | None = None,
        corroborated: bool | None = None,
        contradicted: bool | None = None,
        story: str | None = None,
        **filters: Any,
    ) -> int:
        """How many claims match the filters of :meth:`claims` (``limit`` and ``offset`` ignored)."""
        within = self.linker.within(grade=grade, corroborated=corroborated, contradicted=contradicted, story=story)
        return self.store.count_claims(ClaimFilter.from_kwargs(**filters), within=within)

    def article(self, article_id: str) -> Document:
        """One stored article with its claims and mentions.

        RAISES (ArticleNotFound): no article has this id.
        """
        return self.store.document(article_id)

    def sources(self, limit: int | None = None, name: str | None = None) -> list[SourceSummary]:
        """Sources by number of claims made, with the articles and outlets carrying them and their track records.

        limit (int): at most this many sources.
        name (str): only the sources of exactly this name.
        RETURNS (list[SourceSummary]): each with its claims corroborated and
            contradicted, its reliability A–F and the reasons for it.
        """
        return self.store.sources(limit=limit, name=name)

    def stats(self) -> KBStats:
        """Counts of articles, claims, sources and outlets."""
        return self.store.stats()


def _article_of(item: Article | Document) -> Article:
    return item.article if isinstance(item, Document) else item


def _extracted(
    items: Iterable[Article | Document], extract_articles: Callable[[Iterable[Article]], Iterator[Document]]
) -> Iterator[Document]:
    """Documents in input order: articles are extracted, documents read from a claimgraph
    export (``claimgraph.ingest.jsonl``) keep the claims they were exported with."""
    for is_document, run in groupby(items, key=lambda item: isinstance(item, Document)):
        yield from run if is_document else extract_articles(run)


def _batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter); itertools.batched is 3.12+."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
