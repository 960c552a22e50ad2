"""A real PostgreSQL server for the tests: a throwaway cluster in a temp folder, started once per session.

The binaries come from PostgreSQL 15 (Debian's postgresql-15 package, /usr/lib/postgresql/15/bin, or
BACKOFFICE_PG_BIN). PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` OS user.
Durability is switched off (fsync, synchronous commit): it is thrown away at the end.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

PG_BIN = Path(os.environ.get("BACKOFFICE_PG_BIN", "/usr/lib/postgresql/15/bin"))


@dataclass
class PostgresServer:
    port: int
    _names = itertools.count(1)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg2://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, hint: str = "db") -> str:
        """A new empty database; returns its URL."""
        import psycopg2

        name = f"{re.sub(r'[^a-z0-9]+', '_', hint.lower())[:40]}_{next(self._names)}"
        connection = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres")
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{name}"')
        finally:
            connection.close()
        return self.url(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(*command: str | Path) -> list[str]:
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return prefix + [str(c) for c in command]


def _run(*command: str | Path) -> None:
    done = subprocess.run(_as_postgres(*command), capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, command))} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")


@contextmanager
def running_postgres() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL cluster on a free loopback port, stopped and deleted when the block ends."""
    if not (PG_BIN / "initdb").exists():
        raise RuntimeError(f"PostgreSQL binaries are missing at {PG_BIN}: apt-get install postgresql-15, "
                           "or set BACKOFFICE_PG_BIN to the folder holding initdb and pg_ctl")
    root = Path(tempfile.mkdtemp(prefix="backoffice-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    data, port = root / "data", _free_port()
    try:
        _run(PG_BIN / "initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync",
             "--no-instructions")
        options = (f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
                   "-c full_page_writes=off -c max_connections=200")
        _run(PG_BIN / "pg_ctl", "-D", data, "-l", root / "server.log", "-w", "-t", "60", "-o", options, "start")
        yield PostgresServer(port)
    finally:
        subprocess.run(_as_postgres(PG_BIN / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"),
                       capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    with running_postgres() as server:
        yield server


@pytest.fixture(scope="session")
def postgres_url(postgres_server: PostgresServer) -> str:
    """One database for the whole session (tests that share it must not count rows they did not make)."""
    return postgres_server.create_database("backoffice")


@pytest.fixture
def postgres_database(postgres_server: PostgresServer, request: pytest.FixtureRequest) -> str:
    """A fresh empty database for one test; returns its URL."""
    return postgres_server.create_database(request.node.name)
