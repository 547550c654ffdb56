"""Initial schema: articles, sources, claims, attributions, chains, mentions, full-text search.

Revision ID: 0001
Revises:
Create Date: 2026-11-28

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSONList = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

# Full-text objects, outside the SQLAlchemy metadata (see claimgraph.store.fts).
# SQLite: an FTS5 table fed by triggers. claim_id is UNINDEXED, so the delete and
# update triggers scan the table; claims are only ever inserted for now.
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE claims_fts USING fts5("
    "claim_id UNINDEXED, text, sentence, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN "
    "INSERT INTO claims_fts (claim_id, text, sentence) VALUES (new.id, new.text, new.sentence); END",
    "CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN "
    "DELETE FROM claims_fts WHERE claim_id = old.id; END",
    "CREATE TRIGGER claims_fts_update AFTER UPDATE OF id, text, sentence ON claims BEGIN "
    "UPDATE claims_fts SET claim_id = new.id, text = new.text, sentence = new.sentence "
    "WHERE claim_id = old.id; END",
]
# PostgreSQL: the expression claimgraph.store.fts.search_condition matches, indexed.
POSTGRESQL_FTS = [
    "CREATE INDEX claims_fts ON claims USING gin (to_tsvector('simple'::regconfig, text || ' ' || sentence))",
]


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("language", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
    )
    op.create_index(op.f("ix_articles_outlet"), "articles", ["outlet"])
    op.create_index(op.f("ix_articles_published"), "articles", ["published"])

    op.create_table(
        "sources",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("organization", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
        sa.UniqueConstraint("key", name=op.f("uq_sources_key")),
    )
    op.create_index(op.f("ix_sources_name"), "sources", ["name"])

    op.create_table(
        "claims",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("field", sa.String(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("fragments", JSONList, nullable=False),
        sa.Column("event_type", sa.String(), nullable=True),
        sa.Column("polarity", sa.String(), nullable=False),
        sa.Column("modality", sa.String(), nullable=False),
        sa.Column("actors", JSONList, nullable=False),
        sa.Column("quantities", JSONList, nullable=False),
        sa.Column("places", JSONList, nullable=False),
        sa.Column("times", JSONList, nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_claims_article_id_articles"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
    )
    op.create_index(op.f("ix_claims_article_id"), "claims", ["article_id"])

    op.create_table(
        "attributions",
        sa.Column("claim_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("cue_text", sa.Text(), nullable=True),
        sa.Column("cue_start", sa.Integer(), nullable=True),
        sa.Column("cue_end", sa.Integer(), nullable=True),
        sa.Column("cue_field", sa.String(), nullable=True),
        sa.Column("source_id", sa.String(), nullable=False),
        sa.Column("source_role", sa.Text(), nullable=True),
        sa.Column("source_start", sa.Integer(), nullable=True),
        sa.Column("source_end", sa.Integer(), nullable=True),
        sa.Column("source_field", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_attributions_claim_id_claims"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name=op.f("fk_attributions_source_id_sources")),
        sa.PrimaryKeyConstraint("claim_id", name=op.f("pk_attributions")),
    )
    op.create_index(op.f("ix_attributions_source_id"), "attributions", ["source_id"])

    op.create_table(
        "attribution_chain",
        sa.Column("claim_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_attribution_chain_claim_id_claims"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name=op.f("fk_attribution_chain_source_id_sources")),
        sa.PrimaryKeyConstraint("claim_id", "position", name=op.f("pk_attribution_chain")),
    )
    op.create_index(op.f("ix_attribution_chain_source_id"), "attribution_chain", ["source_id"])

    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("field", sa.String(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_mentions_article_id_articles"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentions")),
    )
    op.create_index(op.f("ix_mentions_article_id"), "mentions", ["article_id"])

    for statement in _fts_statements():
        op.execute(statement)


def downgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        op.execute("DROP TABLE claims_fts")  # its triggers go with the claims table
    for table in ("mentions", "attribution_chain", "attributions", "claims", "sources", "articles"):
        op.drop_table(table)  # indexes go with their tables


def _fts_statements() -> list[str]:
    return {"sqlite": SQLITE_FTS, "postgresql": POSTGRESQL_FTS}[op.get_context().dialect.name]
