"""Links, stories and grades: the tables claimgraph.link and claimgraph.grade fill.

linked_claims (claims the linker has seen), claim_link_keys (blocking keys),
claim_links (related pairs with relation, score and evidence), stories and
claim_stories (claims grouped by proposition), claim_grades (Admiralty grades with
reasons), source_records (track records) and source_priors (analysts' priors).
All of it is derived from the claims; after an upgrade ``claimgraph link`` fills
it for the claims already stored, and downgrading simply drops it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSONList = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _claim_fk(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["claims.id"], name=op.f(f"fk_{table}_{column}_claims"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "linked_claims",
        sa.Column("claim_id", sa.String(), nullable=False),
        _claim_fk("linked_claims", "claim_id"),
        sa.PrimaryKeyConstraint("claim_id", name=op.f("pk_linked_claims")),
    )
    op.create_table(
        "claim_link_keys",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("claim_id", sa.String(), nullable=False),
        _claim_fk("claim_link_keys", "claim_id"),
        sa.PrimaryKeyConstraint("key", "claim_id", name=op.f("pk_claim_link_keys")),
    )
    op.create_index(op.f("ix_claim_link_keys_claim_id"), "claim_link_keys", ["claim_id"])
    op.create_table(
        "claim_links",
        sa.Column("a", sa.String(), nullable=False),
        sa.Column("b", sa.String(), nullable=False),
        sa.Column("relation", sa.String(), nullable=False),
        sa.Column("score", sa.Double(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        _claim_fk("claim_links", "a"),
        _claim_fk("claim_links", "b"),
        sa.PrimaryKeyConstraint("a", "b", "relation", name=op.f("pk_claim_links")),
    )
    op.create_index(op.f("ix_claim_links_b"), "claim_links", ["b"])
    op.create_index(op.f("ix_claim_links_relation"), "claim_links", ["relation"])
    op.create_table(
        "stories",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("first_published", sa.Date(), nullable=True),
        sa.Column("last_published", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stories")),
    )
    op.create_table(
        "claim_stories",
        sa.Column("claim_id", sa.String(), nullable=False),
        sa.Column("story_id", sa.String(), nullable=False),
        _claim_fk("claim_stories", "claim_id"),
        sa.ForeignKeyConstraint(
            ["story_id"], ["stories.id"], name=op.f("fk_claim_stories_story_id_stories"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("claim_id", name=op.f("pk_claim_stories")),
    )
    op.create_index(op.f("ix_claim_stories_story_id"), "claim_stories", ["story_id"])
    op.create_table(
        "claim_grades",
        sa.Column("claim_id", sa.String(), nullable=False),
        sa.Column("reliability", sa.String(length=1), nullable=False),
        sa.Column("credibility", sa.Integer(), nullable=False),
        sa.Column("reasons", JSONList, nullable=False),
        _claim_fk("claim_grades", "claim_id"),
        sa.PrimaryKeyConstraint("claim_id", name=op.f("pk_claim_grades")),
    )
    op.create_index(op.f("ix_claim_grades_reliability"), "claim_grades", ["reliability"])
    op.create_index(op.f("ix_claim_grades_credibility"), "claim_grades", ["credibility"])
    op.create_table(
        "source_records",
        sa.Column("source_id", sa.String(), nullable=False),
        sa.Column("claims", sa.Integer(), nullable=False),
        sa.Column("corroborated", sa.Integer(), nullable=False),
        sa.Column("contradicted", sa.Integer(), nullable=False),
        sa.Column("reliability", sa.String(length=1), nullable=False),
        sa.Column("reasons", JSONList, nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_source_records_source_id_sources"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("source_id", name=op.f("pk_source_records")),
    )
    op.create_table(
        "source_priors",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("reliability", sa.String(length=1), nullable=False),
        sa.Column("weight", sa.Double(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_source_priors")),
    )


def downgrade() -> None:
    for table in (
        "source_priors",
        "source_records",
        "claim_grades",
        "claim_stories",
        "stories",
        "claim_links",
        "claim_link_keys",
        "linked_claims",
    ):
        op.drop_table(table)
