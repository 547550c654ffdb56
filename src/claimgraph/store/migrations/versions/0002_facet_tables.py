"""Facet tables: a claim's actors, quantities, places and times get a table each; event_subtype.

The JSON columns ``claims.actors``, ``quantities``, ``places`` and ``times`` are
moved, record by record, into ``claim_actors``, ``claim_quantities``,
``claim_places`` and ``claim_times`` and then dropped, so the tables are the one
copy of the facets. ``claims.event_subtype`` is new (NULL for claims already
stored); event type, sub-type, polarity and modality are indexed for the filters.
Downgrading moves the records back into JSON columns and loses event_subtype.

The data are copied with plain table stand-ins defined here, not with
``claimgraph.store.schema`` or ``claimgraph.model``: a migration must keep doing
what it did when those modules change.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29

"""

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSONList = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
FACETS = ("actors", "quantities", "places", "times")
CLAIM_INDEXES = ("event_type", "event_subtype", "polarity", "modality")
# Claims read per round trip while copying facets, so memory stays flat on a large store.
COPY_BATCH = 1000

# Record fields as the JSON contract names them, in the order to_dict() writes
# them, beside the column each is stored in (the actor's "id" is "actor_id").
FIELDS = {
    "actors": (("text", "text"), ("start", "start"), ("end", "end"), ("id", "actor_id"), ("name", "name"),
               ("type", "type"), ("country", "country"), ("role", "role")),
    "quantities": (("text", "text"), ("start", "start"), ("end", "end"), ("low", "low"), ("high", "high"),
                   ("approximate", "approximate"), ("bound", "bound"), ("unit", "unit"),
                   ("qualifier", "qualifier"), ("change", "change")),
    "places": (("text", "text"), ("start", "start"), ("end", "end"), ("name", "name"), ("geonameid", "geonameid"),
               ("feature", "feature"), ("admin1", "admin1"), ("country", "country"), ("lat", "lat"),
               ("lon", "lon"), ("precision", "precision")),
    "times": (("text", "text"), ("start", "start"), ("end", "end"), ("start_date", "start_date"),
              ("end_date", "end_date"), ("granularity", "granularity"), ("anchored", "anchored")),
}
# What from_dict() assumed for a field missing from a stored record.
DEFAULTS = {"role": "other", "bound": "exact", "approximate": False, "precision": "unresolved", "anchored": False}


def _facet_columns(facet: str) -> list[sa.Column]:
    specific = {
        "actors": [
            sa.Column("actor_id", sa.String(), nullable=False),
            sa.Column("name", sa.Text(), nullable=False),
            sa.Column("type", sa.String(), nullable=False),
            sa.Column("country", sa.String(), nullable=True),
            sa.Column("role", sa.String(), nullable=False),
        ],
        "quantities": [
            sa.Column("low", sa.Double(), nullable=True),
            sa.Column("high", sa.Double(), nullable=True),
            sa.Column("bound", sa.String(), nullable=False),
            sa.Column("approximate", sa.Boolean(), nullable=False),
            sa.Column("unit", sa.Text(), nullable=True),
            sa.Column("qualifier", sa.Text(), nullable=True),
            sa.Column("change", sa.String(), nullable=True),
        ],
        "places": [
            sa.Column("name", sa.Text(), nullable=False),
            sa.Column("geonameid", sa.Integer(), nullable=True),
            sa.Column("feature", sa.String(), nullable=True),
            sa.Column("admin1", sa.Text(), nullable=True),
            sa.Column("country", sa.String(), nullable=True),
            sa.Column("lat", sa.Double(), nullable=True),
            sa.Column("lon", sa.Double(), nullable=True),
            sa.Column("precision", sa.String(), nullable=False),
        ],
        "times": [
            sa.Column("start_date", sa.Date(), nullable=False),
            sa.Column("end_date", sa.Date(), nullable=False),
            sa.Column("granularity", sa.String(), nullable=False),
            sa.Column("anchored", sa.Boolean(), nullable=False),
        ],
    }[facet]
    return [
        sa.Column("claim_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        *specific,
    ]


FACET_INDEXES = {
    "actors": [("actor_id",)],
    "quantities": [],
    "places": [("geonameid",), ("country",)],
    "times": [("start_date", "end_date")],
}


def _facet_table(facet: str) -> sa.TableClause:
    return sa.table(f"claim_{facet}", *(sa.column(c.name, c.type) for c in _facet_columns(facet)))


_claims = sa.table("claims", sa.column("id", sa.String()), *(sa.column(f, JSONList) for f in FACETS))


def upgrade() -> None:
    op.add_column("claims", sa.Column("event_subtype", sa.String(), nullable=True))
    for column in CLAIM_INDEXES:
        op.create_index(op.f(f"ix_claims_{column}"), "claims", [column])
    for facet in FACETS:
        name = f"claim_{facet}"
        op.create_table(
            name,
            *_facet_columns(facet),
            sa.ForeignKeyConstraint(
                ["claim_id"], ["claims.id"], name=op.f(f"fk_{name}_claim_id_claims"), ondelete="CASCADE"
            ),
            sa.PrimaryKeyConstraint("claim_id", "position", name=op.f(f"pk_{name}")),
        )
        for columns in FACET_INDEXES[facet]:
            op.create_index(op.f(f"ix_{name}_{'_'.join(columns)}"), name, list(columns))

    connection = op.get_bind()
    for batch in _claim_batches(connection):
        for facet in FACETS:
            rows = [
                _facet_row(facet, claim.id, position, record)
                for claim in batch
                for position, record in enumerate(getattr(claim, facet) or [])
            ]
            if rows:
                connection.execute(_facet_table(facet).insert(), rows)

    # SQLite (3.35+) drops a plain column in place; batch mode would copy the claims
    # table, and dropping the original would cascade-delete its attributions.
    for facet in FACETS:
        op.drop_column("claims", facet)


def downgrade() -> None:
    dialect = op.get_context().dialect.name
    for facet in FACETS:
        # SQLite adds a NOT NULL column only with a default; PostgreSQL drops it below.
        op.add_column("claims", sa.Column(facet, JSONList, nullable=False, server_default=sa.text("'[]'")))
    connection = op.get_bind()
    for facet in FACETS:
        records: dict[str, list[dict[str, Any]]] = {}
        table = _facet_table(facet)
        for row in connection.execute(sa.select(table).order_by(table.c.claim_id, table.c.position)).mappings():
            records.setdefault(row["claim_id"], []).append(_facet_record(facet, row))
        if records:
            update = _claims.update().where(_claims.c.id == sa.bindparam("claim_id")).values({facet: sa.bindparam("records")})
            connection.execute(update, [{"claim_id": claim_id, "records": value} for claim_id, value in records.items()])
        if dialect == "postgresql":
            op.alter_column("claims", facet, server_default=None)
    for facet in FACETS:
        op.drop_table(f"claim_{facet}")  # indexes go with their tables
    for column in CLAIM_INDEXES:
        op.drop_index(op.f(f"ix_claims_{column}"), "claims")
    op.drop_column("claims", "event_subtype")


def _claim_batches(connection: sa.Connection) -> Iterator[list[sa.Row]]:
    """The claims' facet lists, COPY_BATCH claims at a time, in id order (keyset paging)."""
    last_id = None
    while True:
        statement = sa.select(_claims).order_by(_claims.c.id).limit(COPY_BATCH)
        if last_id is not None:
            statement = statement.where(_claims.c.id > last_id)
        batch = connection.execute(statement).all()
        if not batch:
            return
        yield batch
        last_id = batch[-1].id


def _facet_row(facet: str, claim_id: str, position: int, record: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {"claim_id": claim_id, "position": position}
    for key, column in FIELDS[facet]:
        value = record.get(key, DEFAULTS.get(key))
        if key in ("start_date", "end_date"):
            value = date.fromisoformat(value)
        row[column] = value
    return row


def _facet_record(facet: str, row: sa.RowMapping) -> dict[str, Any]:
    record = {key: row[column] for key, column in FIELDS[facet]}
    for key in ("start_date", "end_date"):
        if key in record:
            record[key] = record[key].isoformat()
    return record
