"""Posting to the system of record exactly once: twice is once, a crash between the two databases heals on the
next run, and a document that may not post says why without stopping the others."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from sqlmodel import select as select_model

from connectors.posting import NotPostable, TEST_CRASH_ENV, post_document, post_ready
from connectors.sor import SqlSystemOfRecord, ap_invoices, ap_invoice_lines, employee_bank_accounts, posted_keys
from models import AuditEvent, DocumentRecord, Posting, engine_for, session_scope
from models.store import apply_edits
from tests.fixtures_store import save

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def sor(tmp_path: Path) -> SqlSystemOfRecord:
    return SqlSystemOfRecord(f"sqlite:///{tmp_path / 'sor.db'}")


def rows(sor: SqlSystemOfRecord, table) -> int:  # noqa: ANN001 - sqlalchemy Table
    sor.create_tables()
    with engine_for(sor.url).connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def approved_invoice(url: str, digital_samples) -> int:  # noqa: ANN001
    return save(url, digital_samples["invoice_de_c_digital.pdf"], status="approved")


def test_posting_a_document_twice_writes_it_to_the_system_of_record_once(db_url, digital_samples, sor):
    document_id = approved_invoice(db_url, digital_samples)
    first = post_document(db_url, document_id, sor, actor="pipeline:post")
    again = post_document(db_url, document_id, sor, actor="pipeline:post")
    assert first.external_id == again.external_id and first.external_id.startswith("AP-")
    assert rows(sor, ap_invoices) == 1 and rows(sor, posted_keys) == 1
    assert rows(sor, ap_invoice_lines) == len(digital_samples["invoice_de_c_digital.pdf"].tables["line_items"])
    with engine_for(sor.url).connect() as conn:
        total = conn.execute(select(ap_invoices.c.total_amount)).scalar_one()
    assert total == digital_samples["invoice_de_c_digital.pdf"].fields["total_amount"].value  # exact Decimal
    with session_scope(db_url) as s:
        assert s.get(DocumentRecord, document_id).status == "posted"
        assert len(s.exec(select_model(Posting)).all()) == 1
        events = s.exec(select_model(AuditEvent).where(AuditEvent.action == "posted")).all()
        assert [(e.actor, e.detail) for e in events] == [("pipeline:post", f"sor: {first.external_id}")]


def test_a_document_waiting_for_review_is_refused_with_the_reason(db_url, digital_samples, sor):
    document_id = save(db_url, digital_samples["invoice_total_mismatch.pdf"])
    with pytest.raises(NotPostable, match="needs_review; only auto_approved or approved"):
        post_document(db_url, document_id, sor, actor="pipeline:post")
    assert rows(sor, posted_keys) == 0


def post_in_a_subprocess(db_url: str, document_id: int, sor_url: str, crash_at: str | None) -> int:
    env = {**os.environ, TEST_CRASH_ENV: crash_at or ""}
    code = ("import sys; from connectors.posting import post_document; from connectors.sor import SqlSystemOfRecord;"
            "post_document(sys.argv[1], int(sys.argv[2]), SqlSystemOfRecord(sys.argv[3]), actor='pipeline:post')")
    return subprocess.run([sys.executable, "-c", code, db_url, str(document_id), sor_url], env=env, cwd=ROOT,
                          timeout=120, capture_output=True).returncode


def test_a_crash_after_the_system_of_record_committed_is_healed_by_the_next_run_without_a_second_posting(
        db_url, digital_samples, sor):
    document_id = approved_invoice(db_url, digital_samples)
    assert post_in_a_subprocess(db_url, document_id, sor.url, "after_sor_write") == 137
    assert rows(sor, ap_invoices) == 1  # posted there ...
    with session_scope(db_url) as s:
        assert s.get(DocumentRecord, document_id).status == "approved"  # ... not recorded here
        assert not s.exec(select_model(Posting)).all()
    assert post_in_a_subprocess(db_url, document_id, sor.url, None) == 0
    assert rows(sor, ap_invoices) == 1 and rows(sor, posted_keys) == 1
    with session_scope(db_url) as s:
        postings = s.exec(select_model(Posting)).all()
        assert s.get(DocumentRecord, document_id).status == "posted"
    with engine_for(sor.url).connect() as conn:
        assert [p.external_id for p in postings] == [conn.execute(select(posted_keys.c.external_id)).scalar_one()]


def test_one_document_that_cannot_post_does_not_stop_the_others_and_says_why(db_url, digital_samples, sor):
    invoice = approved_invoice(db_url, digital_samples)
    deposit = save(db_url, digital_samples["dd_a_digital.pdf"], status="auto_approved")
    payroll = save(db_url, digital_samples["payroll_a_digital.pdf"])
    waiting = save(db_url, digital_samples["invoice_total_mismatch.pdf"])
    with session_scope(db_url) as s:  # an operator cleared a register's pay period, then approved it
        apply_edits(s, payroll, {"pay_period_start": None}, actor="ann")
        s.execute(update(DocumentRecord).where(DocumentRecord.id == payroll).values(status="approved"))
    results = post_ready(db_url, sor)
    assert sorted(p.document_id for p in results) == [invoice, deposit]
    assert [f.document_id for f in results.failed] == [payroll]
    assert "pay_period_start" in results.failed[0].reason and "workbench" in results.failed[0].reason
    assert rows(sor, employee_bank_accounts) == 1
    with session_scope(db_url) as s:
        assert s.get(DocumentRecord, waiting).status == "needs_review"  # not ready: neither posted nor a failure
    assert post_ready(db_url, sor) == [] and [f.document_id for f in post_ready(db_url, sor).failed] == [payroll]
