"""Linked claims numbered in link order; keys, links and grades name claims by number.

- ``linked_claims`` numbers every linked claim (``seq``) in the order the linker
  takes them, by publication date; the claims still queued in ``claims_to_link``
  are numbered when they are linked;
- ``claim_link_keys.claim_seq``, ``claim_links.a`` / ``b`` and
  ``claim_grades.claim_seq`` hold that number instead of the claim's id: the claims
  a new claim links to are mostly recent ones, and by number their rows lie
  together at the end of each table, where by hashed id they lay on a page each.

Upgrading numbers the linked claims by their articles' publication dates (undated
last, then by id, as the linker orders a run) and rewrites the three tables in
place, so links, stories and grades are kept. Downgrading writes the ids back.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSONList = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _claim_name(by_number: bool) -> str:
    """The column naming a claim in the key and grade tables: by number (0006) or by id (0005)."""
    return "claim_seq" if by_number else "claim_id"


def _claim_column(table: str, name: str, by_number: bool) -> tuple[sa.Column, sa.ForeignKeyConstraint]:
    """A column naming a claim, by its number in linked_claims or by its id, with its foreign key."""
    if by_number:
        column = sa.Column(name, sa.Integer(), nullable=False)
        target, referred = "linked_claims.seq", "linked_claims"
    else:
        column = sa.Column(name, sa.String(), nullable=False)
        target, referred = "claims.id", "claims"
    return column, sa.ForeignKeyConstraint([name], [target], name=op.f(f"fk_{table}_{name}_{referred}"), ondelete="CASCADE")


def _keys_table(by_number: bool) -> None:
    claim = _claim_name(by_number)
    column, foreign_key = _claim_column("claim_link_keys", claim, by_number)
    op.create_table(
        "claim_link_keys",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        column,
        foreign_key,
        sa.PrimaryKeyConstraint("key", "day", claim, name=op.f("pk_claim_link_keys")),
        sqlite_with_rowid=False,
    )
    op.create_index(op.f(f"ix_claim_link_keys_{claim}"), "claim_link_keys", [claim])


def _links_table(by_number: bool) -> None:
    a, a_key = _claim_column("claim_links", "a", by_number)
    b, b_key = _claim_column("claim_links", "b", by_number)
    op.create_table(
        "claim_links",
        a,
        b,
        sa.Column("relation", sa.String(), nullable=False),
        sa.Column("score", sa.Double(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        a_key,
        b_key,
        sa.PrimaryKeyConstraint("a", "b", "relation", name=op.f("pk_claim_links")),
    )
    op.create_index(op.f("ix_claim_links_b"), "claim_links", ["b"])
    op.create_index(op.f("ix_claim_links_relation"), "claim_links", ["relation"])


def _grades_table(by_number: bool) -> None:
    claim = _claim_name(by_number)
    column, foreign_key = _claim_column("claim_grades", claim, by_number)
    op.create_table(
        "claim_grades",
        column,
        sa.Column("credibility", sa.Integer(), nullable=False),
        sa.Column("reasons", JSONList, nullable=False),
        sa.Column("evidence", JSONList, nullable=False),
        foreign_key,
        sa.PrimaryKeyConstraint(claim, name=op.f("pk_claim_grades")),
    )
    op.create_index(op.f("ix_claim_grades_credibility"), "claim_grades", ["credibility"])


def _rewrite(table: str, create, by_number: bool, select_sql: str, columns: str) -> None:
    """Recreate ``table`` in the other layout, its rows carried over by ``select_sql`` (in ``columns`` order)."""
    op.execute(f"CREATE TABLE {table}_moving AS {select_sql}")
    op.drop_table(table)
    create(by_number)
    op.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {table}_moving")
    op.drop_table(f"{table}_moving")


def _convert(by_number: bool) -> None:
    """Rewrite the keys, links and grades with claims by number (``by_number``) or by id, through linked_claims."""
    # From ids to numbers the join reads linked_claims by claim_id; back, by seq.
    old, new = ("claim_id", "seq") if by_number else ("seq", "claim_id")
    claim, claim_before = _claim_name(by_number), _claim_name(not by_number)
    _rewrite(
        "claim_link_keys",
        _keys_table,
        by_number,
        f"SELECT k.key, k.day, l.{new} AS {claim} FROM claim_link_keys k JOIN linked_claims l ON l.{old} = k.{claim_before}",
        f"key, day, {claim}",
    )
    _rewrite(
        "claim_links",
        _links_table,
        by_number,
        f"SELECT la.{new} AS a, lb.{new} AS b, k.relation, k.score, k.evidence FROM claim_links k "
        f"JOIN linked_claims la ON la.{old} = k.a JOIN linked_claims lb ON lb.{old} = k.b",
        "a, b, relation, score, evidence",
    )
    _rewrite(
        "claim_grades",
        _grades_table,
        by_number,
        f"SELECT l.{new} AS {claim}, g.credibility, g.reasons, g.evidence FROM claim_grades g "
        f"JOIN linked_claims l ON l.{old} = g.{claim_before}",
        f"{claim}, credibility, reasons, evidence",
    )


def upgrade() -> None:
    op.create_table(
        "linked_claims",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("claim_id", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name=op.f("fk_linked_claims_claim_id_claims"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_linked_claims")),
        sa.UniqueConstraint("claim_id", name=op.f("uq_linked_claims_claim_id")),
    )
    op.execute(
        "INSERT INTO linked_claims (seq, claim_id) "
        "SELECT row_number() OVER (ORDER BY a.published IS NULL, a.published, c.id), c.id "
        "FROM claims c JOIN articles a ON a.id = c.article_id "
        "WHERE NOT EXISTS (SELECT 1 FROM claims_to_link q WHERE q.claim_id = c.id)"
    )
    _convert(by_number=True)


def downgrade() -> None:
    _convert(by_number=False)
    op.drop_table("linked_claims")
