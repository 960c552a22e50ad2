"""The system of record's side of posting (what lands in its tables, what it refuses, what it never logs) and the
document store that keeps each file for the workbench."""

from __future__ import annotations

import copy
import json
import logging
import os
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from sqlalchemy import select

from connectors import PostingError, idempotency_key
from connectors.export import FileExport
from connectors.sor import SqlSystemOfRecord, employee_bank_accounts, payroll_entries, payroll_registers
from models import engine_for
from models.blobs import BlobMissing, open_blob, prune_s3_cache, put_blob
from tests.fixtures_s3 import s3_client


@pytest.fixture
def sor(tmp_path) -> SqlSystemOfRecord:  # noqa: ANN001
    return SqlSystemOfRecord(f"sqlite:///{tmp_path / 'sor.db'}")


def test_a_payroll_register_posts_as_the_register_and_one_entry_per_employee(sor, digital_samples):
    register = digital_samples["payroll_a_digital.pdf"]
    external_id = sor.post(register, client_id="acme", idempotency_key=idempotency_key("acme", register.sha256))
    with engine_for(sor.url).connect() as conn:
        posted = conn.execute(select(payroll_registers)).one()
        entries = conn.execute(select(payroll_entries).order_by(payroll_entries.c.line_no)).all()
    assert external_id == f"PR-{posted.id}"
    assert posted.total_net == register.fields["total_net"].value and isinstance(posted.total_net, Decimal)
    assert posted.pay_period_end == register.fields["pay_period_end"].value
    assert [e.employee_name for e in entries] == [r["employee_name"].value for r in register.tables["employees"]]
    assert [e.net_pay for e in entries] == [r["net_pay"].value for r in register.tables["employees"]]


def test_bank_details_reach_the_system_of_record_in_full_and_never_its_log(sor, digital_samples, caplog):
    deposit = digital_samples["dd_a_digital.pdf"]
    with caplog.at_level(logging.DEBUG):
        sor.post(deposit, client_id="acme", idempotency_key=idempotency_key("acme", deposit.sha256))
    with engine_for(sor.url).connect() as conn:
        account = conn.execute(select(employee_bank_accounts)).one()
    assert account.account_number == deposit.fields["account_number"].value
    assert account.routing_number == deposit.fields["routing_number"].value
    for secret in (account.account_number, account.routing_number):
        assert secret not in caplog.text


def test_a_document_the_system_of_record_cannot_take_is_refused_with_what_to_do(sor, digital_samples):
    unknown = copy.deepcopy(digital_samples["invoice_de_c_digital.pdf"])
    unknown.doc_type = "unknown"
    with pytest.raises(PostingError, match="this document is unknown"):
        sor.post(unknown, client_id="acme", idempotency_key="acme/unknown")
    no_total = copy.deepcopy(digital_samples["invoice_de_c_digital.pdf"])
    del no_total.fields["total_amount"]
    with pytest.raises(PostingError, match="needs total_amount"):
        sor.post(no_total, client_id="acme", idempotency_key="acme/no-total")
    assert sor.external_id("acme/unknown") is None and sor.external_id("acme/no-total") is None


def test_a_system_of_record_that_is_down_is_a_posting_error_without_the_data(tmp_path, digital_samples):
    deposit = digital_samples["dd_a_digital.pdf"]
    down = SqlSystemOfRecord("postgresql+psycopg2://sor:secret@127.0.0.1:1/sor")  # nothing listens on port 1
    with pytest.raises(PostingError) as refused:
        down.post(deposit, client_id="acme", idempotency_key="acme/x")
    assert "secret" not in str(refused.value) and deposit.fields["account_number"].value not in str(refused.value)
    assert "BACKOFFICE_SOR_URL" in str(refused.value)


def test_a_stored_document_is_kept_once_by_content_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("BACKOFFICE_DATA_DIR", str(tmp_path / "var"))
    digest = "ab" * 32
    uri = put_blob(b"%PDF-1.7 first", digest, ".PDF")
    assert uri.startswith("file://") and uri == put_blob(b"%PDF-1.7 other bytes", digest, ".pdf")
    assert open_blob(uri).read_bytes() == b"%PDF-1.7 first"
    open_blob(uri).unlink()
    with pytest.raises(BlobMissing, match="is gone"):
        open_blob(uri)


def test_an_export_is_one_file_per_document_written_once(moto_endpoint, digital_samples):
    s3 = s3_client(moto_endpoint)
    s3.create_bucket(Bucket="erp-exports")
    export = FileExport(s3, "erp-exports")
    invoice = digital_samples["invoice_de_c_digital.pdf"]
    key = idempotency_key("acme", invoice.sha256)
    uri = export.post(invoice, client_id="acme", idempotency_key=key)
    assert uri == f"s3://erp-exports/exports/acme/{invoice.sha256}.json"
    changed = copy.deepcopy(invoice)
    changed.fields["total_amount"].value = Decimal("1")
    assert export.post(changed, client_id="acme", idempotency_key=key) == uri
    listed = s3.list_objects_v2(Bucket="erp-exports")["Contents"]
    assert [o["Key"] for o in listed] == [f"exports/acme/{invoice.sha256}.json"]
    body = json.loads(s3.get_object(Bucket="erp-exports", Key=listed[0]["Key"])["Body"].read())
    assert (body["client"], body["idempotency_key"]) == ("acme", key)
    assert body["fields"]["total_amount"]["value"] == format(invoice.fields["total_amount"].value, "f")
    # what nightly reconcile asks: which of our postings the export folder holds
    never_posted = idempotency_key("acme", "0" * 64)
    assert export.held_keys([key, never_posted]) == {key: uri}


def test_the_system_of_record_says_which_postings_it_holds_and_under_which_id(sor, digital_samples):
    register = digital_samples["payroll_a_digital.pdf"]
    key = idempotency_key("acme", register.sha256)
    external_id = sor.post(register, client_id="acme", idempotency_key=key)
    assert sor.held_keys([key, idempotency_key("acme", "0" * 64)]) == {key: external_id}


def test_a_document_kept_in_a_versioned_bucket_is_read_back_by_version(moto_endpoint, tmp_path, monkeypatch):
    monkeypatch.setenv("BACKOFFICE_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("BACKOFFICE_S3_ENDPOINT_URL", moto_endpoint)
    s3 = s3_client(moto_endpoint)
    s3.create_bucket(Bucket="drop-versions")
    s3.put_bucket_versioning(Bucket="drop-versions", VersioningConfiguration={"Status": "Enabled"})
    first = s3.put_object(Bucket="drop-versions", Key="inbox/acme/a.pdf", Body=b"%PDF first")["VersionId"]
    s3.put_object(Bucket="drop-versions", Key="inbox/acme/a.pdf", Body=b"%PDF second")
    assert open_blob(f"s3://drop-versions/inbox/acme/a.pdf?versionId={first}").read_bytes() == b"%PDF first"
    assert open_blob("s3://drop-versions/inbox/acme/a.pdf").read_bytes() == b"%PDF second"
    with pytest.raises(BlobMissing, match="cannot read s3://drop-versions/inbox/acme/gone.pdf"):
        open_blob("s3://drop-versions/inbox/acme/gone.pdf")

    # The nightly cleanup drops copies nobody opened for a day; one opened since stays, and a pruned one comes back.
    old = open_blob(f"s3://drop-versions/inbox/acme/a.pdf?versionId={first}")
    recent = open_blob("s3://drop-versions/inbox/acme/a.pdf")
    two_days_ago = time.time() - 48 * 3600
    os.utime(old, (two_days_ago, two_days_ago))
    assert prune_s3_cache() == 1
    assert not old.exists() and recent.exists()
    assert open_blob(f"s3://drop-versions/inbox/acme/a.pdf?versionId={first}").read_bytes() == b"%PDF first"


def test_exports_racing_on_one_key_write_one_version(moto_endpoint, digital_samples):
    s3 = s3_client(moto_endpoint)
    s3.create_bucket(Bucket="erp-race")
    s3.put_bucket_versioning(Bucket="erp-race", VersioningConfiguration={"Status": "Enabled"})
    invoice = digital_samples["invoice_de_c_digital.pdf"]
    key = idempotency_key("acme", invoice.sha256)
    posters = [FileExport(s3_client(moto_endpoint), "erp-race") for _ in range(6)]
    with ThreadPoolExecutor(len(posters)) as pool:
        uris = set(pool.map(lambda export: export.post(invoice, client_id="acme", idempotency_key=key), posters))
    assert len(uris) == 1
    assert len(s3.list_object_versions(Bucket="erp-race")["Versions"]) == 1
