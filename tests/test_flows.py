"""The pipeline as ops engineers run it: `backoffice run --once` (Prefect flow runs on a real Prefect server) against
moto's S3 server over HTTP, then `status`, `postings` and the nightly flows."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import select

from backoffice.cli import main
from backoffice.settings import load_settings
from models import SourceObject, session_scope
from tests.conftest import SAMPLES
from tests.fixtures_s3 import drop, s3_client, start_moto

pytestmark = pytest.mark.usefixtures("prefect_server")
NOT_A_DOCUMENT = b"plain text dropped by mistake"
MASTER_DATA = SAMPLES.parent / "demo" / "master-data" / "northwind"


def backoffice(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def status_of(client: str) -> dict:
    code, out, _ = backoffice("status", "--json")
    assert code == 0
    return next(c for c in json.loads(out)["clients"] if c["client"] == client)


def states(url: str) -> dict[str, list[str]]:
    with session_scope(url) as session:
        rows = session.execute(select(SourceObject.key, SourceObject.state).order_by(SourceObject.id)).all()
    found: dict[str, list[str]] = {}
    for key, state in rows:
        found.setdefault(key, []).append(state)
    return found


def test_every_object_dropped_is_accounted_for_and_the_same_object_dropped_twice_is_one_document(
        pipeline_env, moto_endpoint):
    bucket = pipeline_env["BACKOFFICE_BUCKET"]
    s3_client(moto_endpoint).put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    for path in MASTER_DATA.iterdir():
        drop(moto_endpoint, bucket, f"master-data/acme/{path.name}", path.read_bytes())
    names = ["w9_a_digital.pdf", "invoice_total_mismatch.pdf", "bad_empty.pdf"]
    for name in names:
        drop(moto_endpoint, bucket, f"inbox/acme/drop1/{name}", (SAMPLES / name).read_bytes())
    w9 = (SAMPLES / "w9_a_digital.pdf").read_bytes()
    drop(moto_endpoint, bucket, "inbox/acme/drop1/w9_a_digital.pdf", w9)  # the same object dropped twice
    drop(moto_endpoint, bucket, "inbox/acme/resent/w9.pdf", w9)  # and under another name
    drop(moto_endpoint, bucket, "inbox/acme/drop1/manifest.csv", ("file\n" + "\n".join(names) + "\nlost.pdf\n").encode())

    code, out, err = backoffice("run", "--once")
    assert code == 0, err
    acme = status_of("acme")
    assert acme["received"] == 5  # three files, a second version of the W-9's key, the W-9 under another name
    assert acme["duplicates"] == 2
    assert acme["pending"] == acme["failed"] == 0
    assert acme["quarantined"] == 1 and acme["needs_review"] >= 1
    assert acme["received"] == acme["duplicates"] + sum(acme["documents"].values()) and acme["adds_up"]
    assert acme["manifest_missing"] == 1 and "lost.pdf missing" in out
    with session_scope(pipeline_env["BACKOFFICE_DATABASE_URL"]) as session:
        w9_objects = session.execute(select(SourceObject).where(SourceObject.key.like("%w9%"))).scalars().all()
        assert len({o.document_id for o in w9_objects}) == 1  # three drops, one document

    code, out, _ = backoffice("postings", "--json")
    postings = json.loads(out)
    assert acme["posted"] >= 1 and len(postings) == acme["posted"]
    assert all(p["sha256"] and p["idempotency_key"] and p["external_id"] for p in postings)
    client = s3_client(moto_endpoint)
    for version in client.list_object_versions(Bucket=bucket, Prefix="inbox/acme/")["Versions"]:
        tags = {t["Key"]: t["Value"] for t in client.get_object_tagging(
            Bucket=bucket, Key=version["Key"], VersionId=version["VersionId"])["TagSet"]}
        if not version["Key"].endswith("manifest.csv"):
            assert tags.get("backoffice-document"), version["Key"]  # tagged, never moved or deleted

    code, _, err = backoffice("run", "--once")  # nothing new: nothing registered, processed or posted again
    assert code == 0, err
    assert json.loads(backoffice("postings", "--json")[1]) == postings
    again = status_of("acme")
    assert (again["received"], again["documents"], again["duplicates"]) == (acme["received"], acme["documents"],
                                                                           acme["duplicates"])


def test_an_s3_endpoint_that_is_down_makes_the_run_retry_then_fail_loudly_losing_nothing(
        pipeline_env, monkeypatch):
    from flows.ingest import ingest

    server, endpoint = start_moto()
    port = int(endpoint.rsplit(":", 1)[1])
    monkeypatch.setenv("BACKOFFICE_S3_ENDPOINT_URL", endpoint)
    bucket = pipeline_env["BACKOFFICE_BUCKET"]
    s3_client(endpoint).create_bucket(Bucket=bucket)
    for i in range(3):
        drop(endpoint, bucket, f"inbox/acme/file{i}.pdf", NOT_A_DOCUMENT + bytes([i]))
    ingest()  # registered, not processed yet
    server.stop()

    code, _, err = backoffice("run", "--once")
    assert code != 0
    assert "S3 did not answer" in err and "nothing was lost" in err
    retried = _task_run_counts("load master data")
    assert max(retried) == int(pipeline_env["BACKOFFICE_IO_RETRIES"]) + 1
    url = pipeline_env["BACKOFFICE_DATABASE_URL"]
    assert states(url) == {f"inbox/acme/file{i}.pdf": ["registered"] for i in range(3)}

    from moto.server import ThreadedMotoServer

    back = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)  # the endpoint comes back
    back.start()
    try:
        code, _, err = backoffice("run", "--once")
    finally:
        back.stop()
    assert code == 0, err
    assert states(url) == {f"inbox/acme/file{i}.pdf": ["processed"] for i in range(3)}


def _task_run_counts(name: str) -> list[int]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import TaskRunFilter, TaskRunFilterName

    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(task_run_filter=TaskRunFilter(name=TaskRunFilterName(like_=name)))
    return [r.run_count for r in runs]


def test_the_nightly_flows_find_what_is_not_accounted_for_and_write_the_report(pipeline_env, moto_endpoint):
    from flows.cleanup import cleanup
    from flows.reconcile import OutOfBalance, reconcile
    from flows.report import report

    bucket = pipeline_env["BACKOFFICE_BUCKET"]
    drop(moto_endpoint, bucket, "inbox/acme/a.pdf", NOT_A_DOCUMENT)
    drop(moto_endpoint, bucket, "inbox/beta/b.pdf", (SAMPLES / "w9_a_digital.pdf").read_bytes())
    assert backoffice("run", "--once")[0] == 0
    result = reconcile()
    assert result["ok"] and result["clients"]["beta"]["postings"] == 1

    # The client's system of record restored from a backup taken before last night's posting: our record says
    # posted, theirs has nothing. Reconcile says so, naming the document.
    from sqlalchemy import create_engine, text
    sor = create_engine(pipeline_env["BACKOFFICE_SOR_URL"])
    with sor.begin() as conn:
        (key, external_id), = conn.execute(text("SELECT idempotency_key, external_id FROM posted_keys")).all()
        conn.execute(text("DELETE FROM posted_keys"))
    sor.dispose()
    assert key.startswith("beta/")
    with pytest.raises(OutOfBalance, match=f"beta: document \\d+ was posted as {external_id}, but the system of record "
                                           "does not hold it"):
        reconcile()
    with create_engine(pipeline_env["BACKOFFICE_SOR_URL"]).begin() as conn:  # restored properly after all
        conn.execute(text("INSERT INTO posted_keys (idempotency_key, external_id, client_id, posted_at) "
                          "VALUES (:k, :e, 'beta', CURRENT_TIMESTAMP)"), {"k": key, "e": external_id})
    assert reconcile()["ok"]

    drop(moto_endpoint, bucket, "inbox/acme/late.pdf", NOT_A_DOCUMENT + b"!")  # after the last run
    with pytest.raises(OutOfBalance, match="inbox/acme/late.pdf is in the bucket but not registered"):
        reconcile()

    written = report()
    keys = [uri.split(f"s3://{bucket}/", 1)[1] for uri in written]
    assert [k.rsplit(".", 1)[1] for k in keys] == ["csv", "xlsx"] and all(k.startswith("reports/") for k in keys)
    csv_text = s3_client(moto_endpoint).get_object(Bucket=bucket, Key=keys[0])["Body"].read().decode()
    rows = {line.split(",")[0]: line for line in csv_text.splitlines()[1:]}
    assert set(rows) == {"acme", "beta"} and "file.not_a_document 1" in rows["acme"]
    assert cleanup()["temp_removed"] == 0  # the runs left no temporary download behind
    assert not list((load_settings().data_dir / "tmp").glob("*/*"))
