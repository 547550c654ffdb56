"""Alembic environment for the claimgraph store.

At run time :class:`claimgraph.store.Store` runs ``upgrade head`` itself and hands
its open connection over in ``config.attributes["connection"]``; no alembic.ini
is involved. To write a new revision, build an ``alembic.config.Config`` with
``script_location`` set to this directory and ``sqlalchemy.url`` set to a database
at the current head, then call ``alembic.command.revision(config, message,
autogenerate=True)``. Full-text objects are written by hand in the revisions and
hidden from autogenerate by :func:`claimgraph.store.schema.include_name`.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from claimgraph.store.schema import include_name, metadata


def run_migrations(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        include_name=include_name,
        compare_type=True,
        # SQLite cannot ALTER most things in place; batch mode copies the table.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    with create_engine(context.config.get_main_option("sqlalchemy.url")).begin() as new_connection:
        run_migrations(new_connection)
