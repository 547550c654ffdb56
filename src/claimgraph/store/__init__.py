"""The knowledge base on disk: extracted documents written to and read from SQL.

:class:`Store` wraps one SQLAlchemy engine: a filesystem path (or ``:memory:``)
opens SQLite, anything with ``://`` is a SQLAlchemy URL (PostgreSQL through
``postgresql+psycopg://``). Opening a store brings its schema up to date with the
Alembic migrations shipped in ``store/migrations``.

Writes go in batches, one transaction per batch, so a failure leaves nothing of
the batch behind. A claim's facets (actors, quantities, places, times) are rows of
their own tables; reading a page of claims loads each facet table once for the
whole page, not once per claim. On SQLite every write transaction starts with ``BEGIN
IMMEDIATE``: writers queue for the one write lock up front instead of failing when
a read transaction tries to upgrade, and reads in WAL mode proceed alongside.
All SQL is built with SQLAlchemy Core and parameterised; the only dialect-specific
parts are the upsert statement and full-text search (:mod:`claimgraph.store.fts`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.util import CommandError
from sqlalchemy import (
    URL,
    Connection,
    ColumnElement,
    Engine,
    FromClause,
    Row,
    Select,
    Table,
    and_,
    case,
    create_engine,
    distinct,
    event,
    exists,
    func,
    or_,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.pool import StaticPool

from ..errors import ArticleNotFound, Errors, StoreError
from ..model import (
    Actor,
    ActorRole,
    ActorType,
    Article,
    Attribution,
    AttributionKind,
    Claim,
    Document,
    EventSubtype,
    EventType,
    Field,
    Mention,
    Modality,
    Place,
    Polarity,
    QuantityBound,
    QuantityChange,
    QuantityRange,
    Source,
    SourceType,
    TextSpan,
    TimeGranularity,
    TimeSpan,
)
from ..query import ClaimFilter, KBStats, SourceSummary, StoredClaim
from . import fts
from .schema import (
    articles,
    attribution_chain,
    attributions,
    claim_actors,
    claim_places,
    claim_quantities,
    claim_times,
    claims,
    claims_to_link,
    mentions,
    source_records,
    sources,
)

__all__ = ["Store", "migrations_config"]

MIGRATIONS = Path(__file__).parent / "migrations"
SUPPORTED_DIALECTS = ("sqlite", "postgresql")

# Ids per IN (...) list: well under SQLite's bound-parameter limit.
_IN_CHUNK = 500
# Execution option marking a connection that writes (SQLite: BEGIN IMMEDIATE).
_WRITES = "claimgraph_writes"

_INSERT = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}
_EVENT_SUBTYPES = frozenset(subtype.value for subtype in EventSubtype)
_FIRST_LEVEL_DIVISION = "ADM1"  # GeoNames feature code of an oblast, state or province

_CLAIMS_ARTICLES = claims.join(articles, claims.c.article_id == articles.c.id)
_CLAIMS_FROM = _CLAIMS_ARTICLES.join(attributions, attributions.c.claim_id == claims.c.id).join(
    sources, sources.c.id == attributions.c.source_id
)
# Publication date (undated last), article, headline before body, position in the text.
_CLAIM_ORDER = (
    articles.c.published.asc().nulls_last(),
    claims.c.article_id,
    case((claims.c.field == Field.TITLE.value, 0), else_=1),
    claims.c.start,
    claims.c.end,
    claims.c.id,
)
_CLAIM_COLUMNS = (
    claims,
    articles.c.title.label("article_title"),
    articles.c.outlet,
    articles.c.published,
    articles.c.url,
    attributions.c.kind,
    attributions.c.cue_text,
    attributions.c.cue_start,
    attributions.c.cue_end,
    attributions.c.cue_field,
    attributions.c.source_role,
    attributions.c.source_start,
    attributions.c.source_end,
    attributions.c.source_field,
    sources.c.name.label("source_name"),
    sources.c.type.label("source_type"),
    sources.c.organization.label("source_organization"),
)


class Store:
    """A knowledge base of extracted documents in SQLite or PostgreSQL.

    db (str): a SQLite file path, ``":memory:"``, or a SQLAlchemy URL
        (``postgresql+psycopg://user@host:5432/dbname``).
    tracer (Callable[[str, Any], None]): called with every SQL statement and its
        parameters before it runs, for debugging (``Store(db, tracer=print)``).
    """

    def __init__(self, db: str | os.PathLike[str], *, tracer: Callable[[str, Any], None] | None = None) -> None:
        if not isinstance(db, (str, os.PathLike)):
            raise TypeError(f"db must be a path or URL string, not {type(db).__name__}")
        self.engine, self.name = _create_engine(os.fspath(db))
        self.dialect = self.engine.dialect.name
        if tracer is not None:
            event.listen(
                self.engine,
                "before_cursor_execute",
                lambda conn, cursor, statement, parameters, context, executemany: tracer(statement, parameters),
            )
        try:
            self._upgrade()
        except (DBAPIError, CommandError) as err:
            self.engine.dispose()
            raise StoreError(Errors.E011.format(db=self.name, reason=_reason(err))) from err

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self.name}>"

    def close(self) -> None:
        """Close every connection (an in-memory database is gone after this)."""
        self.engine.dispose()

    # -- writing -------------------------------------------------------------------

    def write_documents(self, docs: Sequence[Document]) -> list[str]:
        """Write extracted documents in one transaction; skip articles already stored.

        docs (Sequence[Document]): the batch; a repeated article id is written once.
        RETURNS (list[str]): ids of the articles newly written, in input order.
        RAISES (StoreError): the batch could not be written; none of it was stored.
        """
        unique = list({doc.article.id: doc for doc in reversed(docs)}.values())[::-1]
        if not unique:
            return []
        try:
            with self._write() as conn:
                inserted = self._insert_articles(conn, [doc.article for doc in unique])
                new_docs = [doc for doc in unique if doc.article.id in inserted]
                if new_docs:
                    self._insert_contents(conn, new_docs)
        except DBAPIError as err:
            raise StoreError(Errors.E012.format(count=len(unique), db=self.name, reason=_reason(err))) from err
        return [doc.article.id for doc in new_docs]

    def _insert_articles(self, conn: Connection, batch: list[Article]) -> set[str]:
        """Insert the articles not yet stored; RETURNS the ids actually inserted.

        ON CONFLICT DO NOTHING makes the check and the insert one statement, so two
        processes ingesting the same article cannot both write its claims.
        """
        ingested_at = datetime.now(timezone.utc)
        rows = [
            {
                "id": a.id,
                "title": a.title,
                "outlet": a.outlet,
                "published": a.published,
                "url": a.url,
                "language": a.language,
                "text": a.text,
                "origin": a.origin,
                "ingested_at": ingested_at,
            }
            for a in batch
        ]
        statement = (
            _INSERT[self.dialect](articles).on_conflict_do_nothing(index_elements=["id"]).returning(articles.c.id)
        )
        return set(conn.execute(statement, rows).scalars())

    def _insert_contents(self, conn: Connection, docs: list[Document]) -> None:
        """Insert sources, claims, attributions, chains, facets and mentions of new articles."""
        source_rows: dict[str, dict[str, Any]] = {}
        claim_rows, attribution_rows, chain_rows, mention_rows = [], [], [], []
        facet_rows: dict[Table, list[dict[str, Any]]] = {facet.table: [] for facet in _FACETS}
        for doc in docs:
            for claim in doc.claims:
                att = claim.attribution
                for src in (att.source, *att.chain):
                    source_rows.setdefault(src.key, _source_row(src))
                claim_rows.append(_claim_row(doc.article.id, claim))
                attribution_rows.append(_attribution_row(claim.id, att))
                chain_rows.extend(
                    {"claim_id": claim.id, "position": i, "source_id": _source_id(src.key)}
                    for i, src in enumerate(att.chain)
                )
                for facet in _FACETS:
                    facet_rows[facet.table].extend(
                        {"claim_id": claim.id, "position": i, **facet.to_row(record)}
                        for i, record in enumerate(getattr(claim, facet.attribute))
                    )
            mention_rows.extend(
                {
                    "article_id": doc.article.id,
                    "field": m.field.value,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "label": m.label,
                }
                for m in doc.mentions
            )
        if source_rows:
            upsert = _INSERT[self.dialect](sources)
            # First-seen spelling wins; a role first missing is filled in later.
            upsert = upsert.on_conflict_do_update(
                index_elements=["key"], set_={"role": func.coalesce(sources.c.role, upsert.excluded.role)}
            )
            conn.execute(upsert, list(source_rows.values()))
        for table, rows in (
            (claims, claim_rows),
            # claimgraph.link takes new claims from this queue instead of scanning claims.
            (claims_to_link, [{"claim_id": row["id"]} for row in claim_rows]),
            (attributions, attribution_rows),
            (attribution_chain, chain_rows),
            *facet_rows.items(),
            (mentions, mention_rows),
        ):
            if rows:
                conn.execute(table.insert(), rows)

    # -- reading -------------------------------------------------------------------

    def has_articles(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are stored.

        ids (Iterable[str]): article ids.
        RETURNS (set[str]): the subset already in the knowledge base.
        """
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        with self.engine.connect() as conn:
            for chunk in _chunks(wanted, _IN_CHUNK):
                found.update(conn.execute(select(articles.c.id).where(articles.c.id.in_(chunk))).scalars())
        return found

    def document(self, article_id: str) -> Document:
        """An article with its claims (headline first, then by position) and mentions.

        article_id (str): the article's id.
        RETURNS (Document): the document as it was written.
        RAISES (ArticleNotFound): no article has this id.
        """
        with self.engine.connect() as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).one_or_none()
            if row is None:
                raise ArticleNotFound(Errors.E010.format(id=article_id, db=self.name))
            stored = self._select_claims(conn, ClaimFilter(article=article_id))
            mention_rows = conn.execute(
                select(mentions)
                .where(mentions.c.article_id == article_id)
                .order_by(mentions.c.field, mentions.c.start, mentions.c.end, mentions.c.id)
            ).all()
        article = Article(
            text=row.text,
            title=row.title,
            outlet=row.outlet,
            published=row.published,
            url=row.url,
            language=row.language,
            id=row.id,
            origin=row.origin,
        )
        return Document(
            article=article,
            claims=[s.claim for s in stored],
            mentions=[Mention(m.text, m.start, m.end, m.label, Field(m.field)) for m in mention_rows],
        )

    def claims(self, flt: ClaimFilter | None = None, *, within: Select | None = None) -> list[StoredClaim]:
        """The stored claims matching a filter, in the filter's documented order.

        flt (ClaimFilter): what to match; None matches every claim.
        within (Select): a one-column SELECT of claim ids the claims must be among
            (conditions on tables the filter does not know, such as claimgraph.link's).
        RETURNS (list[StoredClaim]): the claims with their articles.
        """
        with self.engine.connect() as conn:
            return self._select_claims(conn, flt or ClaimFilter(), within=within)

    def claims_by_id(self, ids: Iterable[str]) -> list[StoredClaim]:
        """The stored claims with these ids (unknown ids are left out), in the filters' order per chunk."""
        wanted = list(dict.fromkeys(ids))
        found: list[StoredClaim] = []
        with self.engine.connect() as conn:
            for chunk in _chunks(wanted, _IN_CHUNK):
                found.extend(self._select_claims(conn, ClaimFilter(), within=select(claims.c.id).where(claims.c.id.in_(chunk))))
        return found

    def count_claims(self, flt: ClaimFilter | None = None, *, within: Select | None = None) -> int:
        """How many claims match a filter (and ``within``, as in :meth:`claims`), ignoring limit and offset."""
        flt = flt or ClaimFilter()
        conditions = self._claim_conditions(flt)
        if within is not None:
            conditions.append(claims.c.id.in_(within))
        # Every claim has one article and one attribution, so a count without
        # conditions is the claims table's (a join-free count: 5 ms, not 250, at 100k).
        tables = _filtered_from(flt) if conditions else claims
        statement = select(func.count()).select_from(tables).where(*conditions)
        with self.engine.connect() as conn:
            return conn.execute(statement).scalar_one()

    def sources(self, limit: int | None = None, name: str | None = None) -> list[SourceSummary]:
        """Every source with its claim, article and citation counts and track record, most claims first.

        limit (int): at most this many sources.
        name (str): only the sources of exactly this name (one source's page), counted
            without aggregating the others.
        RETURNS (list[SourceSummary]): the sources; a source the linker has not
            graded yet has reliability None and no reasons.
        """
        named = select(sources.c.id).where(sources.c.name == name) if name is not None else None
        made = (
            select(
                attributions.c.source_id,
                func.count().label("claims"),
                func.count(distinct(claims.c.article_id)).label("articles"),
            )
            .join(claims, claims.c.id == attributions.c.claim_id)
            .where(*([attributions.c.source_id.in_(named)] if named is not None else []))
            .group_by(attributions.c.source_id)
            .subquery()
        )
        cited = (
            select(attribution_chain.c.source_id, func.count(distinct(attribution_chain.c.claim_id)).label("cited"))
            .where(*([attribution_chain.c.source_id.in_(named)] if named is not None else []))
            .group_by(attribution_chain.c.source_id)
            .subquery()
        )
        n_claims = func.coalesce(made.c.claims, 0)
        n_cited = func.coalesce(cited.c.cited, 0)
        statement = (
            select(
                sources,
                n_claims.label("claims"),
                func.coalesce(made.c.articles, 0).label("articles"),
                n_cited.label("cited"),
                func.coalesce(source_records.c.corroborated, 0).label("corroborated"),
                func.coalesce(source_records.c.contradicted, 0).label("contradicted"),
                source_records.c.reliability,
                source_records.c.reasons,
            )
            .outerjoin(made, made.c.source_id == sources.c.id)
            .outerjoin(cited, cited.c.source_id == sources.c.id)
            .outerjoin(source_records, source_records.c.source_id == sources.c.id)
            .where(*([sources.c.name == name] if name is not None else []))
            .order_by(n_claims.desc(), n_cited.desc(), sources.c.name, sources.c.id)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(statement).all()
            outlets: dict[str, set[str]] = {}
            for chunk in _chunks([r.id for r in rows], _IN_CHUNK):
                pairs = conn.execute(
                    select(attributions.c.source_id, articles.c.outlet)
                    .distinct()
                    .join(claims, claims.c.id == attributions.c.claim_id)
                    .join(articles, articles.c.id == claims.c.article_id)
                    .where(attributions.c.source_id.in_(chunk), articles.c.outlet.is_not(None))
                )
                for source_id, outlet in pairs:
                    outlets.setdefault(source_id, set()).add(outlet)
        return [
            SourceSummary(
                name=r.name,
                type=SourceType(r.type),
                role=r.role,
                organization=r.organization,
                claims=r.claims,
                articles=r.articles,
                outlets=sorted(outlets.get(r.id, ())),
                cited=r.cited,
                corroborated=r.corroborated,
                contradicted=r.contradicted,
                reliability=r.reliability,
                reasons=list(r.reasons or ()),
            )
            for r in rows
        ]

    def stats(self) -> KBStats:
        """Counts of articles, claims, sources and distinct outlets."""
        statement = select(
            select(func.count()).select_from(articles).scalar_subquery(),
            select(func.count()).select_from(claims).scalar_subquery(),
            select(func.count()).select_from(sources).scalar_subquery(),
            select(func.count(distinct(articles.c.outlet))).scalar_subquery(),
        )
        with self.engine.connect() as conn:
            n_articles, n_claims, n_sources, n_outlets = conn.execute(statement).one()
        return KBStats(articles=n_articles, claims=n_claims, sources=n_sources, outlets=n_outlets)

    def _claim_conditions(self, flt: ClaimFilter) -> list[ColumnElement[bool]]:
        """The WHERE conditions for a filter, over the tables joined in _CLAIMS_FROM."""
        conditions: list[ColumnElement[bool]] = []
        if flt.source:
            # Matched over the distinct sources and roles, not per claim: lower() is a Python
            # function in SQLite, and a source speaks in many claims.
            matching = select(sources.c.id).where(
                or_(*(col.icontains(flt.source, autoescape=True) for col in (sources.c.name, sources.c.role, sources.c.organization)))
            )
            roles = select(attributions.c.source_role).distinct().subquery()
            matching_roles = select(roles.c.source_role).where(roles.c.source_role.icontains(flt.source, autoescape=True))
            conditions.append(or_(attributions.c.source_id.in_(matching), attributions.c.source_role.in_(matching_roles)))
        if flt.source_name is not None:
            conditions.append(sources.c.name == flt.source_name)
        if flt.search is not None:
            conditions.append(fts.search_condition(self.dialect, claims, flt.search))
        if flt.article:
            conditions.append(claims.c.article_id == flt.article)
        if flt.outlet:
            conditions.append(func.lower(articles.c.outlet) == flt.outlet.lower())
        if flt.kind:
            conditions.append(attributions.c.kind == flt.kind)
        if flt.place:
            conditions.append(_place_condition(flt.place))
        if flt.country:
            conditions.append(claims.c.id.in_(select(claim_places.c.claim_id).where(claim_places.c.country == flt.country)))
        if flt.actor:
            conditions.append(_actor_condition(flt.actor))
        if flt.type:
            column = claims.c.event_subtype if flt.type in _EVENT_SUBTYPES else claims.c.event_type
            conditions.append(column == flt.type)
        if flt.since is not None or flt.until is not None:
            conditions.append(_date_condition(flt))
        if flt.negated is not None:
            conditions.append(claims.c.polarity == (Polarity.NEGATED if flt.negated else Polarity.AFFIRMED).value)
        if flt.modality:
            conditions.append(claims.c.modality == flt.modality)
        if flt.min_quantity is not None or flt.max_quantity is not None or flt.unit:
            conditions.append(_quantity_condition(flt))
        return conditions

    def _claims_statement(self, flt: ClaimFilter, within: Select | None = None) -> Select:
        """The SELECT for a filter's claims (among ``within`` if given), with their articles and sources, in order.

        A page (``limit``) is chosen first as ids over the narrowest join the filter
        allows, then read whole: sorting every matching claim's id and date instead of
        its whole row with source columns makes a first page at 100,000 claims about
        three times faster.
        """
        conditions = self._claim_conditions(flt)
        if within is not None:
            conditions.append(claims.c.id.in_(within))
        if flt.limit is not None:
            page = (
                select(claims.c.id)
                .select_from(_filtered_from(flt))
                .where(*conditions)
                .order_by(*_CLAIM_ORDER)
                .limit(flt.limit)
                .offset(flt.offset or None)
            )
            conditions = [claims.c.id.in_(page)]
        statement = select(*_CLAIM_COLUMNS).select_from(_CLAIMS_FROM).where(*conditions).order_by(*_CLAIM_ORDER)
        return statement if flt.limit is not None else statement.offset(flt.offset or None)

    def _select_claims(self, conn: Connection, flt: ClaimFilter, within: Select | None = None) -> list[StoredClaim]:
        """The claims of a filter, each with its chain and facets.

        Chains and each facet table are read once per chunk of claim ids, so a page
        of N claims costs 2 + 5 * ceil(N / _IN_CHUNK) queries, not N per facet.
        """
        rows = conn.execute(self._claims_statement(flt, within)).all()
        chains: dict[str, list[Source]] = {}
        facets: dict[str, dict[str, list[Any]]] = {facet.attribute: {} for facet in _FACETS}
        for chunk in _chunks([r.id for r in rows], _IN_CHUNK):
            cited = conn.execute(
                select(attribution_chain.c.claim_id, sources.c.name, sources.c.type, sources.c.role, sources.c.organization)
                .join(sources, sources.c.id == attribution_chain.c.source_id)
                .where(attribution_chain.c.claim_id.in_(chunk))
                .order_by(attribution_chain.c.claim_id, attribution_chain.c.position)
            )
            for r in cited:
                chains.setdefault(r.claim_id, []).append(
                    Source(name=r.name, type=SourceType(r.type), role=r.role, organization=r.organization)
                )
            for facet in _FACETS:
                records = facets[facet.attribute]
                facet_rows = conn.execute(
                    select(facet.table)
                    .where(facet.table.c.claim_id.in_(chunk))
                    .order_by(facet.table.c.claim_id, facet.table.c.position)
                )
                for r in facet_rows:
                    records.setdefault(r.claim_id, []).append(facet.from_row(r))
        return [
            StoredClaim(
                claim=_claim_from_row(
                    r,
                    tuple(chains.get(r.id, ())),
                    {attribute: records.get(r.id, []) for attribute, records in facets.items()},
                ),
                article_title=r.article_title,
                outlet=r.outlet,
                published=r.published,
                url=r.url,
            )
            for r in rows
        ]

    # -- connections ---------------------------------------------------------------

    def transaction(self) -> Any:
        """A connection in a write transaction (a context manager), for stages that keep tables of their own.

        claimgraph.link writes its links, stories and grades through this, so they
        queue for the write lock like every other write.
        """
        return self._write()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A connection in a write transaction, committed on success, rolled back on error."""
        with self.engine.connect().execution_options(**{_WRITES: True}) as conn, conn.begin():
            yield conn

    def _upgrade(self) -> None:
        """Bring the schema to the newest migration, in one write transaction."""
        with self._write() as conn:
            command.upgrade(migrations_config(conn), "head")


def migrations_config(connection: Connection) -> Config:
    """An Alembic configuration that migrates the database behind ``connection``.

    connection (Connection): an open connection, ideally in a transaction.
    RETURNS (Config): pass it to ``alembic.command`` functions (upgrade, downgrade, check).
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _create_engine(db: str) -> tuple[Engine, str]:
    """The engine for a path or URL, and a name for messages (URL without password)."""
    try:
        if "://" in db:
            url = make_url(db)
            if url.get_backend_name() not in SUPPORTED_DIALECTS:
                reason = "unsupported database; use a SQLite path or a postgresql+psycopg:// URL"
                raise StoreError(Errors.E011.format(db=url.render_as_string(hide_password=True), reason=reason))
            if url.drivername == "postgresql":
                # SQLAlchemy's default PostgreSQL driver is psycopg2; claimgraph ships psycopg 3.
                url = url.set(drivername="postgresql+psycopg")
            engine = create_engine(url)
        elif db == ":memory:":
            # One shared connection, or every pooled connection would see its own empty database.
            url = URL.create("sqlite")
            engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
        else:
            url = URL.create("sqlite", database=str(Path(db).expanduser()))
            engine = create_engine(url)
    except (ArgumentError, NoSuchModuleError, ImportError) as err:
        raise StoreError(Errors.E011.format(db=db, reason=err)) from err
    name = url.render_as_string(hide_password=True) if "://" in db else db
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    return engine, name


def _configure_sqlite(engine: Engine) -> None:
    """WAL, foreign keys, Unicode-aware lower(), and transactions SQLAlchemy begins itself."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, connection_record: Any) -> None:
        # Python's sqlite3 would otherwise issue its own BEGIN lazily (and not before
        # reads or DDL); the "begin" listener below takes over.
        dbapi_connection.isolation_level = None
        # SQLite's built-in lower() folds ASCII only; case-insensitive filters on
        # names like "Українська правда" need the same folding PostgreSQL does.
        dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")  # durable enough with WAL, and faster
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITES) else "BEGIN")


def _names_match(column: ColumnElement[str], text: str) -> ColumnElement[bool]:
    """``column`` is ``text`` or begins with ``text`` and a space, case-insensitively ("Sumy" → "Sumy Oblast")."""
    # One lower() a row: "sumy oblast " starts with "sumy " exactly when the name is "Sumy" or begins "Sumy ".
    return (func.lower(column) + " ").startswith(text.lower() + " ", autoescape=True)


def _filtered_from(flt: ClaimFilter) -> FromClause:
    """The joins a filter's conditions need: the attribution and source tables only when
    it asks about the source or the attribution's kind (joining them doubles a scan)."""
    return _CLAIMS_FROM if flt.source or flt.source_name is not None or flt.kind else _CLAIMS_ARTICLES


def _place_condition(text: str) -> ColumnElement[bool]:
    """Claims with a place named ``text``, at a gazetteer entry so named, or inside a region so named.

    A place row is *named* when its name, admin1 or text as written matches
    (:func:`_names_match`). The named rows then stand for their gazetteer entries
    (every place with the same geonameid: "Kharkov" reaches the claims that wrote
    "Kharkiv") and, for first-level divisions, for the places inside them (admin1
    equal to the division's name: "Sumy region" → Sumska Oblast → Novenke).
    """
    p = claim_places.c
    # Read once (a CTE used twice is materialised): the name matches scan every place row.
    named = (
        select(p.claim_id, p.geonameid, p.name, p.feature)
        .where(or_(*(_names_match(column, text) for column in (p.name, p.admin1, p.text))))
        .cte("named_places")
    )
    entries = select(named.c.geonameid).where(named.c.geonameid.is_not(None))
    regions = select(named.c.name).where(named.c.feature == _FIRST_LEVEL_DIVISION)
    return claims.c.id.in_(
        select(named.c.claim_id).union(select(p.claim_id).where(or_(p.geonameid.in_(entries), p.admin1.in_(regions))))
    )


def _actor_condition(text: str) -> ColumnElement[bool]:
    """Claims with an actor whose id is that of any actor row with this id, name or spelling."""
    wanted = text.lower()
    named = or_(
        func.lower(claim_actors.c.actor_id) == wanted,
        func.lower(claim_actors.c.name) == wanted,
        func.lower(claim_actors.c.text) == wanted,
    )
    actor_ids = select(claim_actors.c.actor_id).where(named)
    return claims.c.id.in_(select(claim_actors.c.claim_id).where(claim_actors.c.actor_id.in_(actor_ids)))


def _date_condition(flt: ClaimFilter) -> ColumnElement[bool]:
    """A time span overlapping [since, until]; for a claim without time spans, its article's date within."""
    overlaps, published = [], []
    if flt.until is not None:
        overlaps.append(claim_times.c.start_date <= flt.until)
        published.append(articles.c.published <= flt.until)
    if flt.since is not None:
        overlaps.append(claim_times.c.end_date >= flt.since)
        published.append(articles.c.published >= flt.since)
    has_times = exists().where(claim_times.c.claim_id == claims.c.id)
    return or_(
        claims.c.id.in_(select(claim_times.c.claim_id).where(*overlaps)),
        and_(~has_times, *published),
    )


def _quantity_condition(flt: ClaimFilter) -> ColumnElement[bool]:
    """A quantity whose [low, high] overlaps [min, max] (an open end reaches any bound), in the unit if given."""
    conditions = []
    if flt.min_quantity is not None or flt.max_quantity is not None:
        conditions.append(or_(claim_quantities.c.low.is_not(None), claim_quantities.c.high.is_not(None)))
    if flt.min_quantity is not None:
        conditions.append(or_(claim_quantities.c.high.is_(None), claim_quantities.c.high >= flt.min_quantity))
    if flt.max_quantity is not None:
        conditions.append(or_(claim_quantities.c.low.is_(None), claim_quantities.c.low <= flt.max_quantity))
    if flt.unit:
        conditions.append(func.lower(claim_quantities.c.unit) == flt.unit.lower())
    return claims.c.id.in_(select(claim_quantities.c.claim_id).where(*conditions))


def _reason(err: Exception) -> str:
    """The driver's (or Alembic's) own message on one line (PostgreSQL adds DETAIL lines)."""
    return " ".join(str(getattr(err, "orig", err)).split())


def _unicode_lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _source_id(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _source_row(src: Source) -> dict[str, Any]:
    return {
        "id": _source_id(src.key),
        "key": src.key,
        "name": src.name,
        "type": src.type.value,
        "role": src.role,
        "organization": src.organization,
    }


def _claim_row(article_id: str, claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "article_id": article_id,
        "field": claim.field.value,
        "start": claim.start,
        "end": claim.end,
        "text": claim.text,
        "sentence": claim.sentence,
        "fragments": [list(f) for f in claim.fragments],
        "event_type": claim.event_type.value if claim.event_type else None,
        "event_subtype": claim.event_subtype.value if claim.event_subtype else None,
        "polarity": claim.polarity.value,
        "modality": claim.modality.value,
    }


def _attribution_row(claim_id: str, att: Attribution) -> dict[str, Any]:
    cue = att.cue
    return {
        "claim_id": claim_id,
        "kind": att.kind.value,
        "cue_text": cue.text if cue else None,
        "cue_start": cue.start if cue else None,
        "cue_end": cue.end if cue else None,
        "cue_field": cue.field.value if cue else None,
        "source_id": _source_id(att.source.key),
        "source_role": att.source.role,
        "source_start": att.source.start,
        "source_end": att.source.end,
        "source_field": att.source.field.value,
    }


def _claim_from_row(row: Row, chain: tuple[Source, ...], facets: dict[str, list[Any]]) -> Claim:
    """A claim from its joined row, its cited chain and its facet lists by Claim attribute."""
    cue = (
        TextSpan(row.cue_text, row.cue_start, row.cue_end, Field(row.cue_field))
        if row.cue_text is not None
        else None
    )
    source = Source(
        name=row.source_name,
        type=SourceType(row.source_type),
        role=row.source_role,
        organization=row.source_organization,
        start=row.source_start,
        end=row.source_end,
        field=Field(row.source_field),
    )
    return Claim(
        article_id=row.article_id,
        text=row.text,
        start=row.start,
        end=row.end,
        sentence=row.sentence,
        attribution=Attribution(kind=AttributionKind(row.kind), source=source, cue=cue, chain=chain),
        field=Field(row.field),
        fragments=tuple(tuple(f) for f in row.fragments),
        **facets,
        event_type=EventType(row.event_type) if row.event_type else None,
        event_subtype=EventSubtype(row.event_subtype) if row.event_subtype else None,
        polarity=Polarity(row.polarity),
        modality=Modality(row.modality),
        id=row.id,
    )


@dataclass(frozen=True)
class _Facet:
    """How one facet list of :class:`~claimgraph.model.Claim` maps to the rows of its table."""

    attribute: str  # the Claim attribute holding the list
    table: Table
    to_row: Callable[[Any], dict[str, Any]]  # record → columns, less claim_id and position
    from_row: Callable[[Row], Any]


def _span_columns(record: Actor | QuantityRange | Place | TimeSpan) -> dict[str, Any]:
    return {"text": record.text, "start": record.start, "end": record.end}


def _actor_row(actor: Actor) -> dict[str, Any]:
    return {
        **_span_columns(actor),
        "actor_id": actor.id,
        "name": actor.name,
        "type": actor.type.value,
        "country": actor.country,
        "role": actor.role.value,
    }


def _actor_from_row(row: Row) -> Actor:
    return Actor(row.text, row.start, row.end, row.actor_id, row.name, ActorType(row.type), row.country, ActorRole(row.role))


def _quantity_row(quantity: QuantityRange) -> dict[str, Any]:
    return {
        **_span_columns(quantity),
        "low": quantity.low,
        "high": quantity.high,
        "bound": quantity.bound.value,
        "approximate": quantity.approximate,
        "unit": quantity.unit,
        "qualifier": quantity.qualifier,
        "change": quantity.change.value if quantity.change else None,
    }


def _quantity_from_row(row: Row) -> QuantityRange:
    return QuantityRange(
        row.text,
        row.start,
        row.end,
        low=row.low,
        high=row.high,
        bound=QuantityBound(row.bound),
        approximate=row.approximate,
        unit=row.unit,
        qualifier=row.qualifier,
        change=QuantityChange(row.change) if row.change else None,
    )


def _place_row(place: Place) -> dict[str, Any]:
    return dataclasses.asdict(place)  # every field is a plain value, named as its column


def _place_from_row(row: Row) -> Place:
    return Place(**{f.name: getattr(row, f.name) for f in dataclasses.fields(Place)})


def _time_row(time: TimeSpan) -> dict[str, Any]:
    return {
        **_span_columns(time),
        "start_date": time.start_date,
        "end_date": time.end_date,
        "granularity": time.granularity.value,
        "anchored": time.anchored,
    }


def _time_from_row(row: Row) -> TimeSpan:
    return TimeSpan(
        row.text, row.start, row.end, row.start_date, row.end_date, TimeGranularity(row.granularity), row.anchored
    )


_FACETS = (
    _Facet("actors", claim_actors, _actor_row, _actor_from_row),
    _Facet("quantities", claim_quantities, _quantity_row, _quantity_from_row),
    _Facet("places", claim_places, _place_row, _place_from_row),
    _Facet("times", claim_times, _time_row, _time_from_row),
)
