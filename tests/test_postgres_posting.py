"""On PostgreSQL, where posters really run at the same time: the schema migrates, and four processes posting the
same document at the same moment leave one posting in the system of record and one in our database."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from alembic import command
from sqlalchemy import func, select
from sqlmodel import select as select_model

from connectors.sor import SqlSystemOfRecord, ap_invoices, posted_keys
from models import DocumentRecord, Posting, engine_for, migrate, session_scope
from models.db import alembic_config
from tests.fixtures_store import save

ROOT = Path(__file__).resolve().parent.parent
POSTERS = 4

_POSTER = """
import os, sys, time
from connectors.posting import post_document
from connectors.sor import SqlSystemOfRecord
db_url, document_id, sor_url, go = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
sor = SqlSystemOfRecord(sor_url)
sor.create_tables()
open(go + f".ready-{os.getpid()}", "w").close()
while not os.path.exists(go):  # everyone imported and connected: start together
    time.sleep(0.002)
print(post_document(db_url, document_id, sor, actor=f"poster-{os.getpid()}").external_id)
"""


def test_migrations_run_on_postgresql_and_match_the_tables(postgres_database):
    migrate(postgres_database)
    migrate(postgres_database)
    command.check(alembic_config(postgres_database))  # raises when the tables and the migrations differ


def test_posters_racing_on_one_document_post_it_once(postgres_server, digital_samples, tmp_path):
    db_url, sor_url = postgres_server.create_database("pipeline"), postgres_server.create_database("sor")
    migrate(db_url)
    SqlSystemOfRecord(sor_url).create_tables()
    document_id = save(db_url, digital_samples["invoice_de_c_digital.pdf"], status="approved")
    go = tmp_path / "go"
    posters = [subprocess.Popen([sys.executable, "-c", _POSTER, db_url, str(document_id), sor_url, str(go)],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(POSTERS)]
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("go.ready-*"))) < POSTERS and time.monotonic() < deadline:
        time.sleep(0.01)
    go.touch()
    outputs = [p.communicate(timeout=120) for p in posters]
    assert [p.returncode for p in posters] == [0] * POSTERS, [err[-2000:] for _, err in outputs]
    external_ids = {out.strip() for out, _ in outputs}
    assert len(external_ids) == 1  # every poster was told the same id
    with engine_for(sor_url).connect() as conn:
        assert conn.execute(select(func.count()).select_from(ap_invoices)).scalar_one() == 1
        assert conn.execute(select(posted_keys.c.external_id)).scalars().all() == list(external_ids)
    with session_scope(db_url) as s:
        assert [p.external_id for p in s.exec(select_model(Posting))] == list(external_ids)
        assert s.get(DocumentRecord, document_id).status == "posted"
