"""Documents in the database, on SQLite and PostgreSQL: saved and loaded back typed, corrected by operators,
re-validated, checked for duplicates against earlier runs, with the client's master data stored beside them."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlmodel import select

from backoffice.document import Field
from backoffice.errors import ConfigError
from models import (
    AuditEvent,
    DocumentRecord,
    ExtractedValue,
    MasterDataFile,
    ReviewTask,
    engine_for,
    migrate,
    session_scope,
)
from models.store import (
    DatabaseSeen,
    apply_edits,
    client_context,
    load_document,
    store_master_data,
)
from models.typed import EditError
from tests.fixtures_store import save
from validators import needs_review, validate

ROOT = Path(__file__).resolve().parent.parent
NORTHWIND = ROOT / "demo" / "master-data" / "northwind"


def test_a_saved_document_loads_back_with_the_same_typed_values_boxes_and_issues(db_url, digital_samples):
    for name in ("invoice_total_mismatch.pdf", "dd_a_digital.pdf", "payroll_a_digital.pdf"):
        doc = digital_samples[name]
        document_id = save(db_url, doc)
        with session_scope(db_url) as s:
            back = load_document(s, document_id)
        assert back.to_json() == {**doc.to_json(), "client": "acme"}, name
        for field_name, f in doc.fields.items():
            assert type(back.fields[field_name].value) is type(f.value), field_name
            assert back.fields[field_name].box == f.box and back.fields[field_name].page == f.page
            assert back.fields[field_name].confidence == f.confidence
        assert back.evidence == doc.evidence and [p.width for p in back.pages] == [p.width for p in doc.pages]
    invoice = load_document_by_sha(db_url, digital_samples["invoice_total_mismatch.pdf"].sha256)
    assert isinstance(invoice.fields["total_amount"].value, Decimal)
    assert isinstance(invoice.fields["invoice_date"].value, date)
    assert isinstance(invoice.tables["line_items"][0]["amount"].value, Decimal)
    deposit = load_document_by_sha(db_url, digital_samples["dd_a_digital.pdf"].sha256)
    assert deposit.fields["signature_present"].value is True


def load_document_by_sha(url: str, sha256: str):  # noqa: ANN201 - Document
    with session_scope(url) as s:
        record = s.exec(select(DocumentRecord).where(DocumentRecord.sha256 == sha256)).one()
        return load_document(s, record.id)


def test_a_document_to_review_gets_a_task_with_its_codes_and_one_processed_audit_event(db_url, digital_samples):
    doc = digital_samples["invoice_total_mismatch.pdf"]
    assert doc.status == "needs_review"
    document_id = save(db_url, doc)
    with session_scope(db_url) as s:
        task = s.exec(select(ReviewTask).where(ReviewTask.document_id == document_id)).one()
        assert task.codes == [i.code for i in doc.issues] and "invoice.total_mismatch" in task.codes
        assert task.priority == 1 and task.state == "open" and not task.needs_second_approval
        events = s.exec(select(AuditEvent).where(AuditEvent.document_id == document_id)).all()
        assert [(e.actor, e.action) for e in events] == [("pipeline:process", "processed")]


def test_saving_the_same_bytes_again_returns_the_first_record_and_writes_nothing(db_url, digital_samples):
    doc = digital_samples["invoice_de_c_digital.pdf"]
    first = save(db_url, doc)
    again = copy.deepcopy(doc)
    again.fields["total_amount"] = Field(Decimal("1"), 0.5)
    assert save(db_url, again) == first
    with session_scope(db_url) as s:
        assert load_document(s, first).fields["total_amount"].value == doc.fields["total_amount"].value


def test_saving_a_document_takes_the_same_few_statements_however_many_values_it_has(tmp_path, digital_samples):
    url = f"sqlite:///{tmp_path / 'state.db'}"
    migrate(url)
    statements: list[str] = []
    event.listen(engine_for(url), "before_cursor_execute", lambda *args: statements.append(args[2]))
    save(url, digital_samples["invoice_total_mismatch.pdf"])  # the client's first document also creates the client
    small = copy.deepcopy(digital_samples["invoice_de_c_digital.pdf"])
    big = copy.deepcopy(small)
    big.sha256 = "b" * 64
    big.tables["line_items"] = big.tables["line_items"] * 20
    counts = []
    for doc in (small, big):
        statements.clear()
        save(url, doc)
        counts.append(len(statements))
    assert counts[0] == counts[1] <= 8, statements


def test_correcting_a_wrong_total_clears_the_arithmetic_issue_and_keeps_the_pipelines_reading(db_url, digital_samples):
    doc = digital_samples["invoice_total_mismatch.pdf"]
    document_id = save(db_url, doc)
    with session_scope(db_url) as s:
        fixed = apply_edits(s, document_id, {"total_amount": "576,05"}, actor="ann")
    assert fixed.fields["total_amount"].value == Decimal("576.05")
    assert "invoice.total_mismatch" not in [i.code for i in fixed.issues]
    with session_scope(db_url) as s:
        value = s.exec(select(ExtractedValue).where(ExtractedValue.document_id == document_id,
                                                    ExtractedValue.name == "total_amount")).one()
        assert (value.value, value.extracted_value, value.corrected_by, value.confidence) == \
            ("576.05", "532.59", "ann", 1.0)
        assert value.page == 1 and value.x0 is not None  # still drawn where the pipeline read it
        task = s.exec(select(ReviewTask).where(ReviewTask.document_id == document_id)).one()
        assert "invoice.total_mismatch" not in task.codes
        record = s.get(DocumentRecord, document_id)
        assert record.status == "needs_review"  # approving is the operator's next step, not the edit's
        edit = s.exec(select(AuditEvent).where(AuditEvent.action == "edited")).one()
        assert (edit.actor, edit.field, edit.old_value, edit.new_value) == ("ann", "total_amount", "532.59", "576.05")
        reloaded = load_document(s, document_id)
    assert [i.code for i in reloaded.issues] == [i.code for i in fixed.issues]


def test_bank_details_an_operator_corrects_are_masked_in_the_audit_trail(db_url, digital_samples):
    doc = digital_samples["dd_a_digital.pdf"]
    document_id = save(db_url, doc)
    with session_scope(db_url) as s:
        apply_edits(s, document_id, {"account_number": "7788 9900 1234", "bank_name": "First Bank"}, actor="bob")
        events = {e.field: e for e in s.exec(select(AuditEvent).where(AuditEvent.action == "edited"))}
        stored = s.exec(select(ExtractedValue).where(ExtractedValue.name == "account_number")).one()
    assert events["account_number"].old_value == "**4957" and events["account_number"].new_value == "********1234"
    assert events["bank_name"].new_value == "First Bank"  # not personal data: shown as typed
    assert stored.value == "778899001234"  # the system of record gets the digits


def test_values_that_do_not_parse_are_named_with_the_form_expected_and_nothing_is_saved(db_url, digital_samples):
    doc = digital_samples["invoice_total_mismatch.pdf"]
    document_id = save(db_url, doc)
    with session_scope(db_url) as s, pytest.raises(EditError) as refused:
        apply_edits(s, document_id, {"total_amount": "five hundred", "invoice_date": "03/04/2026",
                                     "line_items[0].quantity": "1,234", "subtotal": "480.04"}, actor="ann")
    problems = refused.value.problems
    assert set(problems) == {"total_amount", "invoice_date", "line_items[0].quantity"}
    assert "1,234.56" in problems["total_amount"]
    assert "04 March 2026" in problems["invoice_date"] and "03 April 2026" in problems["invoice_date"]
    with session_scope(db_url) as s:
        assert load_document(s, document_id).to_json() == {**doc.to_json(), "client": "acme"}
        assert not s.exec(select(AuditEvent).where(AuditEvent.action == "edited")).all()
    with session_scope(db_url) as s, pytest.raises(EditError, match="no field 'totl_amount'"):
        apply_edits(s, document_id, {"totl_amount": "1"}, actor="ann")


def test_an_operator_can_remove_a_line_and_add_it_back(db_url, digital_samples):
    doc = digital_samples["invoice_de_c_digital.pdf"]
    assert len(doc.tables["line_items"]) >= 3 and not [i for i in doc.issues if i.code.startswith("invoice.")]
    lines = [{k: f.value for k, f in row.items()} for row in doc.tables["line_items"]]
    document_id = save(db_url, doc)
    with session_scope(db_url) as s:
        removed = apply_edits(s, document_id, {"line_items[0]": None}, actor="ann")
    assert len(removed.tables["line_items"]) == len(lines) - 1
    assert removed.tables["line_items"][0]["amount"].value == lines[1]["amount"]
    assert "invoice.subtotal_mismatch" in [i.code for i in removed.issues]
    first = lines[0]
    with session_scope(db_url) as s:
        restored = apply_edits(s, document_id, {f"line_items[+].{k}": str(v) for k, v in first.items()}, actor="ann")
    assert [row["amount"].value for row in restored.tables["line_items"]] == [r["amount"] for r in lines[1:]] + [
        first["amount"]]
    assert "invoice.subtotal_mismatch" not in [i.code for i in restored.issues]
    with session_scope(db_url) as s:
        two_fewer = apply_edits(s, document_id, {"line_items[0]": None, "line_items[2]": None}, actor="ann")
        assert load_document(s, document_id).to_json() == two_fewer.to_json()
    kept = lines[1:] + [first]
    assert [row["amount"].value for row in two_fewer.tables["line_items"]] == [
        r["amount"] for i, r in enumerate(kept) if i not in (0, 2)]


def test_the_same_invoice_number_from_the_same_vendor_in_a_later_run_is_a_duplicate(db_url, digital_samples):
    doc = digital_samples["invoice_de_c_digital.pdf"]
    save(db_url, doc)
    rescan = copy.deepcopy(doc)
    rescan.sha256, rescan.source, rescan.issues = "c" * 64, "s3://drop/inbox/acme/rescan.pdf", []
    with session_scope(db_url) as s:
        validate(rescan, seen=DatabaseSeen(s, "acme"))
        other_client = copy.deepcopy(rescan)
        other_client.issues = []
        validate(other_client, seen=DatabaseSeen(s, "globex"))
    duplicate = [i for i in rescan.issues if i.code == "invoice.duplicate"]
    assert duplicate and doc.source in duplicate[0].message
    assert "invoice.duplicate" not in [i.code for i in other_client.issues]


def test_master_data_is_stored_once_per_change_and_gives_the_same_context_as_the_folder(db_url):
    files = {p.name: p.read_bytes() for p in NORTHWIND.iterdir() if p.is_file()}
    with session_scope(db_url) as s:
        assert client_context(s, "northwind")[0] is None
        assert store_master_data(s, "northwind", files, str(NORTHWIND)) is True
        assert store_master_data(s, "northwind", files, str(NORTHWIND)) is False
    with session_scope(db_url) as s:
        master_data, rules = client_context(s, "northwind")
        assert client_context(s, "northwind")[0] is master_data  # cached while the files are the same
    assert [v.vendor_id for v in master_data.vendors][:2] == ["V-1001", "V-1002"]
    broken = files["vendors.csv"].replace(b"V-1002,", b"V-1001,", 1)
    with session_scope(db_url) as s, pytest.raises(ConfigError) as refused:
        store_master_data(s, "northwind", {"vendors.csv": broken}, "s3://drop/master-data/northwind")
    assert "s3://drop/master-data/northwind" in str(refused.value) and "tmp" not in str(refused.value)
    with session_scope(db_url) as s:
        row = s.exec(select(MasterDataFile).where(MasterDataFile.name == "vendors.csv")).one()
        assert row.content == files["vendors.csv"]


def test_a_changed_bank_account_waits_for_a_second_approver_until_it_matches_the_file(db_url, digital_samples):
    lakeside = ROOT / "demo" / "master-data" / "lakeside"  # Tyrone Chen is paid into an account ending 0112
    with session_scope(db_url) as s:
        store_master_data(s, "lakeside", {p.name: p.read_bytes() for p in lakeside.iterdir()}, str(lakeside))
        master_data, rules = client_context(s, "lakeside")
        deposit = copy.deepcopy(digital_samples["dd_a_digital.pdf"])
        validate(deposit, seen=DatabaseSeen(s, "lakeside"), master_data=master_data, rules=rules)
    deposit.status = "needs_review" if needs_review(deposit) else "auto_approved"
    document_id = save(db_url, deposit, "lakeside")
    with session_scope(db_url) as s:
        task = s.exec(select(ReviewTask).where(ReviewTask.document_id == document_id)).one()
        assert "direct_deposit.bank_account_changed" in task.codes and task.needs_second_approval
        edited = apply_edits(s, document_id, {"account_number": "990112"}, actor="ann")
    assert "direct_deposit.bank_account_changed" not in [i.code for i in edited.issues]
    with session_scope(db_url) as s:
        task = s.exec(select(ReviewTask).where(ReviewTask.document_id == document_id)).one()
        assert not task.needs_second_approval and task.version == 1
