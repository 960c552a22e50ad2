"""Engines and sessions. SQLite (WAL, so readers never wait for the writer) is the embedded default;
BACKOFFICE_DATABASE_URL points the pipeline at PostgreSQL. The schema comes only from Alembic migrations."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, event
from sqlmodel import Session, create_engine

MIGRATIONS = Path(__file__).parent / "migrations"
DEFAULT_DATA_DIR = "var"


def data_dir() -> Path:
    """BACKOFFICE_DATA_DIR (default ./var), made if missing: the embedded databases and stored documents."""
    folder = Path(os.environ.get("BACKOFFICE_DATA_DIR", DEFAULT_DATA_DIR)).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def sqlite_url(variable: str, file_name: str) -> str:
    """The URL in the environment variable, or an SQLite file of that name in the data folder."""
    return os.environ.get(variable) or f"sqlite:///{data_dir() / file_name}"


def database_url() -> str:
    """BACKOFFICE_DATABASE_URL, or an SQLite file under BACKOFFICE_DATA_DIR (default ./var)."""
    return sqlite_url("BACKOFFICE_DATABASE_URL", "backoffice.db")


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 - DB-API connection
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


@cache
def engine_for(url: str) -> Engine:
    """One engine per URL per process (engines pool connections; creating one per call leaks them)."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A session that commits when the block ends and rolls back if it raises."""
    with Session(engine_for(url or database_url()), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def alembic_config(url: str):  # noqa: ANN201 - alembic.config.Config, imported lazily
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def migrate(url: str | None = None) -> None:
    """Bring the database to the newest schema (idempotent; safe to call at every start)."""
    from alembic import command

    command.upgrade(alembic_config(url or database_url()), "head")
