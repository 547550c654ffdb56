"""The knowledge base's tables, as SQLAlchemy Core metadata: one place for each table.

The same metadata serves SQLite and PostgreSQL. Enumerated values (source type,
attribution kind, polarity, modality, span field) are stored as their plain string
values rather than SQL enums, so later issues can add values without a type
migration.

A claim's facet lists (actors, quantities, places, times) live in one table each,
one row per record in list order (``position``), so that filters can join and
index them; these tables are the only copy of the facets. Their columns are the
record's fields under the same names (an actor's ``id`` is ``actor_id``, since
``id`` would read as the row's own).

Full-text search is not part of this metadata: it needs dialect-specific objects
(an FTS5 virtual table on SQLite, an expression index on PostgreSQL) that the
migrations create and :mod:`claimgraph.store.fts` queries; :func:`include_name`
tells Alembic's comparison to leave them alone.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import JSONB

from .fts import FTS_OBJECT_PREFIX

# Deterministic constraint names, identical on both dialects, so later migrations
# can name what they alter (SQLite batch mode needs names to drop constraints).
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

# JSONB on PostgreSQL, where JSON is kept (a claim's fragments).
JSONList = JSON().with_variant(JSONB(), "postgresql")

articles = Table(
    "articles",
    metadata,
    Column("id", String, primary_key=True),
    Column("title", Text, nullable=False),
    Column("outlet", Text),
    Column("published", Date),
    Column("url", Text),
    Column("language", String, nullable=False),
    Column("text", Text, nullable=False),
    Column("origin", Text),  # where ingest read it: a path, "-", "file.jsonl:12"
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Index(None, "outlet"),
    Index(None, "published"),
)

# One row per distinct source across the whole knowledge base. ``key`` is
# model.Source.key (type + case-folded name + organisation); ``id`` is its hash,
# short enough to join on. Display values (name spelling, role) are the first
# ones seen; a role missing at first is filled in by a later article.
sources = Table(
    "sources",
    metadata,
    Column("id", String, primary_key=True),
    Column("key", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("type", String, nullable=False),
    Column("role", Text),
    Column("organization", Text),
    Index(None, "name"),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String, primary_key=True),
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("field", String, nullable=False),  # "text" or "title": what start/end index into
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("fragments", JSONList, nullable=False),
    Column("event_type", String),
    Column("polarity", String, nullable=False),
    Column("modality", String, nullable=False),
    Column("event_subtype", String),
    Index(None, "article_id"),
    Index(None, "event_type"),
    Index(None, "event_subtype"),
    # Negated and non-asserted claims are the rare ones the filters pick out.
    Index(None, "polarity"),
    Index(None, "modality"),
)


def _facet_table(name: str, *columns: Column | Index) -> Table:
    """A table of one facet: the claim, the record's place in the claim's list, its span."""
    return Table(
        name,
        metadata,
        Column("claim_id", String, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
        Column("position", Integer, primary_key=True),
        Column("text", Text, nullable=False),
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        *columns,
    )


# Case-insensitive matches on names and spellings (place name, admin1, text;
# actor name, text) scan their facet table rather than use an index on lower(...):
# SQLite's lower() is replaced per connection by a Unicode-aware one (see
# claimgraph.store), and an index built with one lower() and written through by a
# tool using the other would silently go wrong. Exact-match columns are indexed.
claim_actors = _facet_table(
    "claim_actors",
    Column("actor_id", String, nullable=False),
    Column("name", Text, nullable=False),
    Column("type", String, nullable=False),
    Column("country", String),
    Column("role", String, nullable=False),
    Index(None, "actor_id"),
)

claim_quantities = _facet_table(
    "claim_quantities",
    Column("low", Double),
    Column("high", Double),
    Column("bound", String, nullable=False),
    Column("approximate", Boolean, nullable=False),
    Column("unit", Text),
    Column("qualifier", Text),
    Column("change", String),
)

claim_places = _facet_table(
    "claim_places",
    Column("name", Text, nullable=False),
    Column("geonameid", Integer),
    Column("feature", String),
    Column("admin1", Text),
    Column("country", String),
    Column("lat", Double),
    Column("lon", Double),
    Column("precision", String, nullable=False),
    Index(None, "geonameid"),
    Index(None, "country"),
)

claim_times = _facet_table(
    "claim_times",
    Column("start_date", Date, nullable=False),
    Column("end_date", Date, nullable=False),
    Column("granularity", String, nullable=False),
    Column("anchored", Boolean, nullable=False),
    # Overlap with [since, until] reads start_date <= until AND end_date >= since.
    Index(None, "start_date", "end_date"),
)

FACET_TABLES = (claim_actors, claim_quantities, claim_places, claim_times)

# One attribution per claim. ``source_role`` keeps the role as this article gave
# it ("spokesman" in March, "head" in May), which sources.role cannot.
attributions = Table(
    "attributions",
    metadata,
    Column("claim_id", String, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String, nullable=False),
    Column("cue_text", Text),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("cue_field", String),
    Column("source_id", String, ForeignKey("sources.id"), nullable=False),
    Column("source_role", Text),
    Column("source_start", Integer),
    Column("source_end", Integer),
    Column("source_field", String, nullable=False),
    Index(None, "source_id"),
)

# Whom the claim's source cites, nearest first (position 0).
attribution_chain = Table(
    "attribution_chain",
    metadata,
    Column("claim_id", String, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("source_id", String, ForeignKey("sources.id"), nullable=False),
    Index(None, "source_id"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("field", String, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("label", String, nullable=False),
    Index(None, "article_id"),
)


def include_name(name: str | None, type_: str, parent_names: dict) -> bool:
    """Alembic filter: compare everything except the full-text objects outside the metadata."""
    return not (name and name.startswith(FTS_OBJECT_PREFIX))


# -- linking and grading (claimgraph.link, claimgraph.grade) ----------------------
# Everything below is derived from the tables above and can be rebuilt from them
# (``claimgraph link --rebuild``); nothing here is the only copy of anything.

# Claims written but not linked yet: the store files every new claim here and the
# linker takes them off, so an incremental run reads its work without scanning claims.
claims_to_link = Table(
    "claims_to_link",
    metadata,
    Column("claim_id", String, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
)

# The claims linked so far, numbered in the order the linker took them (by
# publication date): the tables below name a claim by this number. Claim ids are
# hashes, scattered over the whole corpus; the claims a new claim links to are
# mostly recent, so by number its keys, links and the grades it changes fall
# together at the end of each table instead of on a page per row (docs/linking.md).
linked_claims = Table(
    "linked_claims",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("claim_id", String, ForeignKey("claims.id", ondelete="CASCADE"), nullable=False, unique=True),
)

# Blocking keys (claimgraph.link.candidates) with the day each claim speaks of
# (days since 0001-01-01; UNDATED_DAY for the keys of an undated claim, which name
# themselves undated): two claims are compared only when they share a key and their
# days lie within that key's window, so linking a batch reads a range of the primary
# key per key, not the corpus. On SQLite the table is its primary key (WITHOUT
# ROWID): a claim's ~20 keys land at scattered places in the key order, and each
# B-tree kept beside that order is another scattered page written per key.
UNDATED_DAY = 0
claim_link_keys = Table(
    "claim_link_keys",
    metadata,
    Column("key", Text, primary_key=True),
    Column("day", Integer, primary_key=True),
    Column("claim_seq", Integer, ForeignKey("linked_claims.seq", ondelete="CASCADE"), primary_key=True),
    Index(None, "claim_seq"),
    sqlite_with_rowid=False,
)

# One row per related pair and relation, the claims by their linked_claims.seq.
# ``same``, ``corroborates`` and ``contradicts`` are symmetric and stored once, a
# being the claim with the smaller claim id; ``updates`` and ``cites`` are
# directed: a updates b (a is the later estimate), a cites b.
claim_links = Table(
    "claim_links",
    metadata,
    Column("a", Integer, ForeignKey("linked_claims.seq", ondelete="CASCADE"), primary_key=True),
    Column("b", Integer, ForeignKey("linked_claims.seq", ondelete="CASCADE"), primary_key=True),
    Column("relation", String, primary_key=True),
    Column("score", Double, nullable=False),
    Column("evidence", Text, nullable=False),
    Index(None, "b"),
    Index(None, "relation"),
)

# Claims about one proposition (connected by same/corroborates/contradicts/updates
# links). A story's id is derived from its earliest-id claim, so the same links give
# the same stories whatever order the articles came in.
stories = Table(
    "stories",
    metadata,
    Column("id", String, primary_key=True),
    Column("label", Text, nullable=False),
    Column("size", Integer, nullable=False),
    Column("first_published", Date),
    Column("last_published", Date),
)

claim_stories = Table(
    "claim_stories",
    metadata,
    Column("claim_id", String, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", String, ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    # A story's smallest member ids (its id and its label) come from this index.
    Index(None, "story_id", "claim_id"),
)

# Admiralty credibility of the information (1–6) with the reasons a reader can
# check, and the evidence it was judged on ([relation, source, published, group]
# per relation and speaker, with the speaker's earliest date: what grading reads of
# the corroborating, contradicting or same links), so a new link regrades a claim
# without reading its other links. The reliability letter (A–F)
# is the source's, read from source_records when a grade is shown, so a source's
# new track record does not rewrite its claims.
claim_grades = Table(
    "claim_grades",
    metadata,
    Column("claim_seq", Integer, ForeignKey("linked_claims.seq", ondelete="CASCADE"), primary_key=True),
    Column("credibility", Integer, nullable=False),
    Column("reasons", JSONList, nullable=False),
    Column("evidence", JSONList, nullable=False),
    Index(None, "credibility"),
)

# A source's track record: its claims later corroborated or contradicted.
source_records = Table(
    "source_records",
    metadata,
    Column("source_id", String, ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True),
    Column("claims", Integer, nullable=False),
    Column("corroborated", Integer, nullable=False),
    Column("contradicted", Integer, nullable=False),
    Column("reliability", String(1), nullable=False),
    Column("reasons", JSONList, nullable=False),
    Index(None, "reliability"),
)

# Analysts' priors per source (``claimgraph link --priors FILE``), keyed by the
# case-folded name as written in the file, kept so later ingests grade the same way.
source_priors = Table(
    "source_priors",
    metadata,
    Column("name", Text, primary_key=True),
    Column("reliability", String(1), nullable=False),
    Column("weight", Double, nullable=False),
    Column("origin", Text, nullable=False),
)
