"""Alembic is the only way a schema is made (issue 3): on an empty database ``upgrade head``
yields exactly the models, and ``downgrade base`` leaves nothing behind — on SQLite and on
PostgreSQL (a schema of its own, made and dropped here, so the public schema the other API
tests use is never touched)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from api.migrate import alembic_config, downgrade, upgrade
from api.models import Base
from tests.api.conftest import PG_URL, _reachable

MODEL_TABLES = {table.name for table in Base.metadata.sorted_tables}


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    problem = _reachable(PG_URL)
    if problem:
        message = f"PostgreSQL at {PG_URL} is not reachable ({problem})"
        if os.environ.get("BANLI_REQUIRE_PG") == "1":
            pytest.fail(message)
        pytest.skip(message)
    # A schema of its own in the test database, first on the search path: the session's
    # public schema, migrated for the other API tests, is never seen.
    schema = f"banli_mig_test_{os.getpid()}"
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = sa.make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def _leftovers(connection: sa.Connection) -> list[str]:
    """Every table, index, sequence or view but Alembic's own version table."""
    if connection.dialect.name == "postgresql":
        query = """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relname NOT LIKE 'alembic_version%'
        """
    else:
        query = """
            SELECT name FROM sqlite_master
            WHERE name <> 'alembic_version' AND name NOT LIKE 'sqlite_autoindex_alembic%'
        """
    return sorted(connection.execute(sa.text(query)).scalars())


def test_there_is_one_head():
    heads = ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads()
    assert len(heads) == 1


def test_upgrade_head_yields_the_models_and_downgrade_base_empties(empty_database):
    engine = sa.create_engine(empty_database)
    try:
        with engine.connect() as connection:
            assert _leftovers(connection) == []
        upgrade(empty_database)
        head = ScriptDirectory.from_config(alembic_config(empty_database)).get_current_head()
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
            removed = compare_metadata(context, sa.MetaData())  # the comparison does see tables
            assert {d[1].name for d in removed if d[0] == "remove_table"} == MODEL_TABLES
            assert context.get_current_revision() == head
            tables = set(sa.inspect(connection).get_table_names())
        assert tables == MODEL_TABLES | {"alembic_version"}

        downgrade(empty_database, "base")
        with engine.connect() as connection:
            assert _leftovers(connection) == []
            assert MigrationContext.configure(connection).get_current_revision() is None

        upgrade(empty_database)  # and back up again: the downgrade is a true inverse
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()
