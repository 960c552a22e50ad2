"""Ingestion from S3 (moto's server over HTTP): every object version registered once, manifests checked,
oversized objects quarantined with a reason, master data from the bucket."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from backoffice import jobs
from backoffice.settings import load_settings
from models import ManifestProblem, SourceObject, migrate, session_scope
from tests.conftest import SAMPLES
from tests.fixtures_s3 import drop, s3_client

NOT_A_DOCUMENT = b"just some text, not a PDF"  # quarantined by the reader's cheap checks: no OCR, fast


def ingest(settings) -> jobs.InboxListing:  # noqa: ANN001
    listing = jobs.list_inbox(settings)
    jobs.register(settings, listing)
    return listing


def process_all(settings, folder: Path) -> list[jobs.Outcome]:  # noqa: ANN001
    outcomes = []
    for batch in jobs.pending_batches(settings):
        outcomes += jobs.process_batch(settings, jobs.download_batch(settings, batch, folder))
    return outcomes


@pytest.fixture()
def settings(pipeline_env):  # noqa: ANN001, ANN201
    current = load_settings()
    migrate(current.database_url)
    return current


def objects(settings) -> list[SourceObject]:  # noqa: ANN001
    with session_scope(settings.database_url) as session:
        return list(session.execute(select(SourceObject).order_by(SourceObject.key)).scalars())


def test_a_manifest_reports_listed_files_that_never_came_and_files_it_does_not_list(settings, moto_endpoint):
    bucket = settings.bucket
    drop(moto_endpoint, bucket, "inbox/acme/2026-11-24/manifest.csv",
         b"file,sha256\na.pdf,\nb.pdf,\n")
    drop(moto_endpoint, bucket, "inbox/acme/2026-11-24/a.pdf", NOT_A_DOCUMENT)
    drop(moto_endpoint, bucket, "inbox/acme/2026-11-24/extra.pdf", NOT_A_DOCUMENT + b"2")
    ingest(settings)
    problems = {(p["file"], p["problem"]) for p in jobs.check_manifests(settings)}
    assert problems == {("b.pdf", "missing"), ("extra.pdf", "unlisted")}

    drop(moto_endpoint, bucket, "inbox/acme/2026-11-24/b.pdf", NOT_A_DOCUMENT + b"3")  # arrives late
    ingest(settings)
    assert {(p["file"], p["problem"]) for p in jobs.check_manifests(settings)} == {("extra.pdf", "unlisted")}
    with session_scope(settings.database_url) as session:
        resolved = session.execute(select(ManifestProblem).where(ManifestProblem.file_name == "b.pdf")).scalar_one()
        assert resolved.resolved_at is not None


def test_a_file_whose_bytes_differ_from_its_manifest_line_is_reported_once_read(settings, moto_endpoint, tmp_path):
    bucket = settings.bucket
    drop(moto_endpoint, bucket, "inbox/acme/d/manifest.csv", b"name,sha256\na.pdf," + b"0" * 64 + b"\n")
    drop(moto_endpoint, bucket, "inbox/acme/d/a.pdf", NOT_A_DOCUMENT)
    ingest(settings)
    assert jobs.check_manifests(settings) == []  # the bytes are not known before the file is read
    process_all(settings, tmp_path)
    assert [(p["file"], p["problem"]) for p in jobs.check_manifests(settings)] == [("a.pdf", "sha256_mismatch")]


def test_an_object_over_the_download_cap_is_quarantined_with_its_reason_and_nothing_kept(
        settings, moto_endpoint, tmp_path, monkeypatch):
    monkeypatch.setenv("BACKOFFICE_MAX_DOWNLOAD_MB", "0.001")  # about 1 KB
    small = load_settings()
    drop(moto_endpoint, small.bucket, "inbox/acme/big.pdf", b"%PDF-1.7\n" + b"x" * 4000)
    ingest(small)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    [outcome] = process_all(small, downloads)
    assert (outcome.state, outcome.status, outcome.codes) == ("processed", "quarantined", ("file.too_large",))
    assert list(downloads.iterdir()) == []  # no partial download left behind
    [obj] = objects(small)
    assert obj.sha256 is not None and obj.size == 4009  # hashed in full all the same


def test_objects_outside_a_client_folder_are_reported_not_ignored(settings, moto_endpoint):
    drop(moto_endpoint, settings.bucket, "inbox/stray.pdf", NOT_A_DOCUMENT)
    drop(moto_endpoint, settings.bucket, "inbox/acme/fine.pdf", NOT_A_DOCUMENT)
    listing = ingest(settings)
    assert listing.unplaced == ["inbox/stray.pdf"]
    assert jobs.unaccounted(settings, listing) == [
        "inbox/stray.pdf: not in a client folder; move it under inbox/<client>/",
        "inbox/acme/fine.pdf: registered after 0 attempt(s)"]


def test_every_version_of_an_overwritten_object_is_its_own_drop(settings, moto_endpoint, tmp_path):
    client = s3_client(moto_endpoint)
    client.put_bucket_versioning(Bucket=settings.bucket, VersioningConfiguration={"Status": "Enabled"})
    first = (SAMPLES / "w9_a_digital.pdf").read_bytes()
    drop(moto_endpoint, settings.bucket, "inbox/acme/form.pdf", first)
    drop(moto_endpoint, settings.bucket, "inbox/acme/form.pdf", NOT_A_DOCUMENT)  # overwritten
    drop(moto_endpoint, settings.bucket, "inbox/acme/again.pdf", first)  # the first bytes under another key
    ingest(settings)
    ingest(settings)  # a second run registers nothing new
    outcomes = process_all(settings, tmp_path)
    assert sorted(o.state for o in outcomes) == ["duplicate", "processed", "processed"]
    rows = objects(settings)
    assert len(rows) == 3 and len({o.document_id for o in rows}) == 2
    duplicate = next(o for o in rows if o.state == "duplicate")
    original = next(o for o in rows if o.document_id == duplicate.document_id and o.state == "processed")
    assert duplicate.duplicate_of == original.id


def test_master_data_in_the_bucket_is_loaded_and_reloaded_only_when_it_changes(settings, moto_endpoint):
    folder = SAMPLES.parent / "demo" / "master-data" / "northwind"
    for path in folder.iterdir():
        drop(moto_endpoint, settings.bucket, f"master-data/northwind/{path.name}", path.read_bytes())
    assert jobs.sync_master_data(settings) == {"northwind": True}
    assert jobs.sync_master_data(settings) == {"northwind": False}
    vendors = (folder / "vendors.csv").read_bytes()
    drop(moto_endpoint, settings.bucket, "master-data/northwind/vendors.csv", vendors.rstrip(b"\n") + b"\n")
    drop(moto_endpoint, settings.bucket, "master-data/northwind/vendors.csv", vendors + b"\n")
    assert jobs.sync_master_data(settings) == {"northwind": True}


def test_two_ingest_runs_at_once_on_postgresql_register_each_object_once(
        pipeline_env, moto_endpoint, postgres_database, monkeypatch):
    monkeypatch.setenv("BACKOFFICE_DATABASE_URL", postgres_database)
    current = load_settings()
    migrate(current.database_url)
    for i in range(40):
        drop(moto_endpoint, current.bucket, f"inbox/client{i % 2}/file-{i:02}.pdf", NOT_A_DOCUMENT + bytes([i]))
    listings = [jobs.list_inbox(current) for _ in range(4)]
    start = threading.Barrier(len(listings))
    results: list[list[jobs.Registered]] = []
    errors: list[BaseException] = []

    def run(listing: jobs.InboxListing) -> None:
        start.wait()
        try:
            results.append(jobs.register(current, listing))
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(listing,)) for listing in listings]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sum(r.new for run_results in results for r in run_results) == 40
    rows = objects(current)
    assert len(rows) == 40 and len({(o.key, o.version) for o in rows}) == 40
