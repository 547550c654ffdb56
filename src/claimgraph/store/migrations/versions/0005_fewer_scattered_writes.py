"""Fewer scattered writes per linked claim: keys ordered by (key, day, claim), grade evidence by speaker.

- ``claim_link_keys`` is keyed on (key, day, claim_id), which is the order the
  linker reads a key's window in, so the separate (key, day) index goes; on SQLite
  the table is that key alone (WITHOUT ROWID). An undated claim's keys, which say
  so by their suffix, are filed under day 0 (a primary key column cannot be NULL);
- ``claim_grades.evidence`` keeps each speaker once per relation with its earliest
  date, ``[relation, source, published, group]``, instead of one item per link with
  the other claim's id: the credibility and its reasons are the same.

Both are rewritten in place, so an upgraded knowledge base keeps its links, stories
and grades. Downgrading restores the 0004 key table with its rows; the 0004 grade
evidence cannot be recovered (it named the other claims), so downgrading empties the
derived tables and queues every claim, as ``claimgraph link --rebuild`` would.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from claimgraph.grade import Evidence, distinct_evidence

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSONList = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
DERIVED = ("claim_grades", "source_records", "claim_stories", "stories", "claim_links", "claim_link_keys")
BATCH = 1000
_grades = sa.table("claim_grades", sa.column("claim_id", sa.String()), sa.column("evidence", JSONList))


def _keys_table(day_in_key: bool) -> None:
    """The key table of 0005 (``day_in_key``) or of 0004, with its indexes, empty."""
    if day_in_key:
        columns = [
            sa.Column("key", sa.Text(), nullable=False),
            sa.Column("day", sa.Integer(), nullable=False),
            sa.Column("claim_id", sa.String(), nullable=False),
        ]
        primary_key = ("key", "day", "claim_id")
    else:
        columns = [
            sa.Column("key", sa.Text(), nullable=False),
            sa.Column("claim_id", sa.String(), nullable=False),
            sa.Column("day", sa.Integer(), nullable=True),
        ]
        primary_key = ("key", "claim_id")
    op.create_table(
        "claim_link_keys",
        *columns,
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_claim_link_keys_claim_id_claims"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint(*primary_key, name=op.f("pk_claim_link_keys")),
        **({"sqlite_with_rowid": False} if day_in_key else {}),
    )
    op.create_index(op.f("ix_claim_link_keys_claim_id"), "claim_link_keys", ["claim_id"])
    if not day_in_key:
        op.create_index(op.f("ix_claim_link_keys_key_day"), "claim_link_keys", ["key", "day"])


def _rebuild_keys(day_in_key: bool, day: str) -> None:
    """Recreate claim_link_keys in the other layout, its rows carried over with ``day`` (an SQL expression)."""
    op.execute("CREATE TABLE claim_link_keys_moving AS SELECT key, claim_id, day FROM claim_link_keys")
    op.drop_table("claim_link_keys")
    _keys_table(day_in_key)
    op.execute(f"INSERT INTO claim_link_keys (key, claim_id, day) SELECT key, claim_id, {day} FROM claim_link_keys_moving")
    op.drop_table("claim_link_keys_moving")


def upgrade() -> None:
    _rebuild_keys(day_in_key=True, day="COALESCE(day, 0)")
    conn = op.get_bind()
    after = ""
    while True:
        rows = conn.execute(
            sa.select(_grades.c.claim_id, _grades.c.evidence)
            .where(_grades.c.claim_id > after)
            .order_by(_grades.c.claim_id)
            .limit(BATCH)
        ).all()
        if not rows:
            break
        compact = [
            {
                "graded_claim": claim_id,
                "compact": [
                    item.to_list()
                    for item in distinct_evidence(Evidence(relation, *described) for relation, _, *described in items)
                ],
            }
            for claim_id, items in rows
        ]
        conn.execute(
            _grades.update().where(_grades.c.claim_id == sa.bindparam("graded_claim")).values(evidence=sa.bindparam("compact")),
            compact,
        )
        after = rows[-1][0]


def downgrade() -> None:
    for table in DERIVED:
        op.execute(sa.table(table).delete())
    op.execute(sa.text("DELETE FROM claims_to_link"))
    op.execute(sa.text("INSERT INTO claims_to_link (claim_id) SELECT id FROM claims"))
    _rebuild_keys(day_in_key=False, day="NULLIF(day, 0)")
