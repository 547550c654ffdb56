"""Linking at scale: a queue of claims to link, dated blocking keys, grades without the source's letter.

- ``claims_to_link`` replaces ``linked_claims``: the store files each new claim
  there and the linker takes it off, so finding the new claims no longer scans
  every claim;
- ``claim_link_keys`` gains ``day`` and an index on (key, day): two claims meet
  only within a window of days per kind of key;
- ``claim_grades`` loses ``reliability`` (the letter is the source's, in
  ``source_records``, now indexed on it, and read when a grade is shown) and
  gains ``evidence``, the links a credibility was judged on;
- ``claim_stories`` is indexed on (story_id, claim_id): a story's smallest members.

Links, keys, stories and grades are derived data and their rules changed with
these tables (consecutive ``updates``, windows in days), so they are emptied and
every claim is queued: the next ``claimgraph link`` or ingest recomputes them.
Downgrading restores the 0003 tables empty; ``claimgraph link --rebuild`` on
the older version fills them again.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSONList = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
DERIVED = ("claim_links", "claim_stories", "stories", "source_records")


def _claim_fk(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["claims.id"], name=op.f(f"fk_{table}_{column}_claims"), ondelete="CASCADE"
    )


def _grades_table(with_reliability: bool) -> None:
    columns = [sa.Column("claim_id", sa.String(), nullable=False)]
    if with_reliability:
        columns.append(sa.Column("reliability", sa.String(length=1), nullable=False))
    op.create_table(
        "claim_grades",
        *columns,
        sa.Column("credibility", sa.Integer(), nullable=False),
        sa.Column("reasons", JSONList, nullable=False),
        *([] if with_reliability else [sa.Column("evidence", JSONList, nullable=False)]),
        _claim_fk("claim_grades", "claim_id"),
        sa.PrimaryKeyConstraint("claim_id", name=op.f("pk_claim_grades")),
    )
    if with_reliability:
        op.create_index(op.f("ix_claim_grades_reliability"), "claim_grades", ["reliability"])
    op.create_index(op.f("ix_claim_grades_credibility"), "claim_grades", ["credibility"])


def _keys_table(with_day: bool) -> None:
    columns = [sa.Column("key", sa.Text(), nullable=False), sa.Column("claim_id", sa.String(), nullable=False)]
    if with_day:
        columns.append(sa.Column("day", sa.Integer(), nullable=True))
    op.create_table(
        "claim_link_keys",
        *columns,
        _claim_fk("claim_link_keys", "claim_id"),
        sa.PrimaryKeyConstraint("key", "claim_id", name=op.f("pk_claim_link_keys")),
    )
    op.create_index(op.f("ix_claim_link_keys_claim_id"), "claim_link_keys", ["claim_id"])
    if with_day:
        op.create_index(op.f("ix_claim_link_keys_key_day"), "claim_link_keys", ["key", "day"])


def upgrade() -> None:
    for table in DERIVED:
        op.execute(sa.table(table).delete())
    op.drop_table("claim_grades")
    _grades_table(with_reliability=False)
    op.drop_table("claim_link_keys")
    _keys_table(with_day=True)
    op.drop_table("linked_claims")
    op.create_table(
        "claims_to_link",
        sa.Column("claim_id", sa.String(), nullable=False),
        _claim_fk("claims_to_link", "claim_id"),
        sa.PrimaryKeyConstraint("claim_id", name=op.f("pk_claims_to_link")),
    )
    op.execute(sa.text("INSERT INTO claims_to_link (claim_id) SELECT id FROM claims"))
    op.drop_index(op.f("ix_claim_stories_story_id"), table_name="claim_stories")
    op.create_index(op.f("ix_claim_stories_story_id_claim_id"), "claim_stories", ["story_id", "claim_id"])
    op.create_index(op.f("ix_source_records_reliability"), "source_records", ["reliability"])


def downgrade() -> None:
    for table in DERIVED:
        op.execute(sa.table(table).delete())
    op.drop_index(op.f("ix_source_records_reliability"), table_name="source_records")
    op.drop_index(op.f("ix_claim_stories_story_id_claim_id"), table_name="claim_stories")
    op.create_index(op.f("ix_claim_stories_story_id"), "claim_stories", ["story_id"])
    op.drop_table("claims_to_link")
    op.create_table(
        "linked_claims",
        sa.Column("claim_id", sa.String(), nullable=False),
        _claim_fk("linked_claims", "claim_id"),
        sa.PrimaryKeyConstraint("claim_id", name=op.f("pk_linked_claims")),
    )
    op.drop_table("claim_link_keys")
    _keys_table(with_day=False)
    op.drop_table("claim_grades")
    _grades_table(with_reliability=True)
