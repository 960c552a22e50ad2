"""One document whose save fails leaves the rest of its batch saved: the failed object says why (personal data
masked), `backoffice status` counts it, `backoffice run --once` exits 4 naming it, and the next run saves it."""

from __future__ import annotations

import hashlib
import io
import json

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

import models.store
from backoffice.cli import main
from models import DocumentRecord, SourceObject, session_scope
from tests.conftest import SAMPLES, truth_of
from tests.fixtures_s3 import drop

pytestmark = pytest.mark.usefixtures("prefect_server")
BATCH = ["dd_a_digital.pdf", "w9_a_digital.pdf", "w9_d_digital.pdf"]
FAILING = "w9_a_digital.pdf"


def backoffice(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def database_write_failing_for(sha256: str):  # noqa: ANN201 - a stand-in for models.store.save_result
    """models.store.save_result, except that for one document the database refuses the write after some of its
    rows went in, as SQLAlchemy reports it: the statement's parameters (here the SSN) in the message. A database
    write failure cannot be produced on demand, so this fakes only that."""
    real_save_result = models.store.save_result

    def save_result(session, doc, **kwargs):  # noqa: ANN001, ANN202
        record = real_save_result(session, doc, **kwargs)
        if doc.sha256 == sha256:
            ssn = doc.fields["ssn"].value
            raise IntegrityError("INSERT INTO extractedvalue (document_id, name, value) VALUES (?, ?, ?)",
                                 (record.id, "ssn", ssn), Exception("CHECK constraint failed: value"))
        return record

    return save_result


def objects_by_name(url: str) -> dict[str, SourceObject]:
    with session_scope(url) as session:
        rows = session.execute(select(SourceObject)).scalars().all()
        session.expunge_all()
    return {o.key.rsplit("/", 1)[1]: o for o in rows}


def documents_with_sha256(url: str, sha256: str) -> int:
    with session_scope(url) as session:
        return session.execute(select(func.count()).select_from(DocumentRecord)
                               .where(DocumentRecord.sha256 == sha256)).scalar_one()


def acme_status() -> dict:
    code, out, _ = backoffice("status", "--json")
    assert code == 0
    return next(c for c in json.loads(out)["clients"] if c["client"] == "acme")


def test_a_document_that_cannot_be_saved_fails_alone_masked_and_is_saved_by_the_next_run(
        pipeline_env, moto_endpoint, monkeypatch):
    bucket, url = pipeline_env["BACKOFFICE_BUCKET"], pipeline_env["BACKOFFICE_DATABASE_URL"]
    for name in BATCH:
        drop(moto_endpoint, bucket, f"inbox/acme/{name}", (SAMPLES / name).read_bytes())
    failing_sha256 = hashlib.sha256((SAMPLES / FAILING).read_bytes()).hexdigest()
    ssn = truth_of(SAMPLES / FAILING)["fields"]["ssn"]
    working_save_result = models.store.save_result
    monkeypatch.setattr(models.store, "save_result", database_write_failing_for(failing_sha256))

    code, out, err = backoffice("run", "--once")
    assert code == 4, err
    assert f"inbox/acme/{FAILING}: failed after 1 attempt(s)" in err and ssn not in out + err
    objects = objects_by_name(url)
    assert {name: o.state for name, o in objects.items()} == {
        "dd_a_digital.pdf": "processed", "w9_a_digital.pdf": "failed", "w9_d_digital.pdf": "processed"}
    reason = objects[FAILING].error
    assert reason.startswith("saving its result failed (IntegrityError") and "CHECK constraint failed" in reason
    assert ssn not in reason and f"*****{ssn[-4:]}" in reason  # the SQL parameters, masked
    assert documents_with_sha256(url, failing_sha256) == 0  # its savepoint rolled back: no half-saved document
    status = acme_status()
    assert (status["received"], status["failed"], sum(status["documents"].values())) == (3, 1, 2)
    assert status["adds_up"]

    monkeypatch.setattr(models.store, "save_result", working_save_result)  # the database accepts the write again
    code, _, err = backoffice("run", "--once")
    assert code == 0, err
    objects = objects_by_name(url)
    assert objects[FAILING].state == "processed" and objects[FAILING].attempts == 2 and objects[FAILING].error is None
    assert objects["dd_a_digital.pdf"].attempts == 1  # the others were not processed again
    assert documents_with_sha256(url, failing_sha256) == 1
    status = acme_status()
    assert (status["failed"], sum(status["documents"].values())) == (0, 3)
