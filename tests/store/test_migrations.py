"""The Alembic migrations build exactly the schema in claimgraph.store.schema."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from claimgraph.store import migrations_config
from claimgraph.store.schema import include_name, metadata


def test_migrated_schema_matches_metadata(store):
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name, "compare_type": True})
        assert compare_metadata(context, metadata) == []


def test_store_is_at_head(store):
    with store.engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        head = ScriptDirectory.from_config(migrations_config(conn)).get_current_head()
    assert current == head


def test_downgrade_to_base_removes_everything_and_upgrade_restores_it(store, documents):
    store.write_documents(documents)
    with store.engine.begin() as conn:
        command.downgrade(migrations_config(conn), "base")
        assert inspect(conn).get_table_names() == ["alembic_version"]
        command.upgrade(migrations_config(conn), "head")
    assert store.stats().claims == 0
    store.write_documents(documents)
    assert store.stats().claims == 7
