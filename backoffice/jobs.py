"""The pipeline's work as plain functions: register what client IT dropped, process it in batches, post, account.

The Prefect flows (flows/) call these and add only retries, logging and artifacts; `backoffice run` and the
tests call the same flows. Each function either talks to S3 (connectors.s3, worth retrying) or to the
database and the reader (not retried: a failing document becomes a document needing review, or a failed
object that the next run retries with its reason recorded), never both in a way that could lose an object:
a source object is tagged in S3 only after its document is committed, and nothing is ever deleted or moved.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from sqlalchemy import func, select, update
from sqlmodel import Session

from backoffice.document import Document
from backoffice.errors import BackofficeError
from backoffice.masking import SENSITIVE_FIELDS, scrub
from backoffice.settings import PipelineSettings, ReaderSettings
from connectors.s3 import DOCUMENT_TAG, MANIFEST_NAME, STATE_TAG, Bucket, ListedObject, ObjectGone
from models import (AuditEvent, Client, DocumentRecord, ManifestProblem, Posting, RunRecord, SourceObject,
                    session_scope)
from models.tables import DUPLICATE, FAILED, PROCESSED, REGISTERED, utcnow

if TYPE_CHECKING:  # the reader is imported where documents are read, not by ingest or post
    from backoffice.pipeline import PagePool

INBOX = "inbox/"
MASTER_DATA = "master-data/"
REPORTS = "reports/"
MANIFEST = "manifest"  # SourceObject.state of a drop's manifest.csv: read, not a document
CLIENT_ID_CHARACTERS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
PENDING = (REGISTERED, FAILED)
ACCOUNTED = (PROCESSED, DUPLICATE, MANIFEST)

# Manifest problems (ManifestProblem.problem)
MISSING, UNLISTED, SHA_MISMATCH = "missing", "unlisted", "sha256_mismatch"


# ---------------------------------------------------------------- runs


@contextmanager
def recorded_run(settings: PipelineSettings, flow: str, flow_run_id: str | None = None) -> Iterator[dict]:
    """A RunRecord for `backoffice status`'s "last run": the caller fills the yielded summary; ok unless it raises."""
    with session_scope(settings.database_url) as session:
        run = RunRecord(flow=flow, flow_run_id=flow_run_id)
        session.add(run)
    summary: dict = {}
    ok = False
    try:
        yield summary
        ok = not summary.get("problems")
    except BaseException as exc:
        summary["error"] = str(exc)
        raise
    finally:
        with session_scope(settings.database_url) as session:
            session.execute(update(RunRecord).where(RunRecord.id == run.id).values(
                finished_at=utcnow(), ok=ok, summary=_json_safe(summary)))


def _json_safe(data: object) -> object:
    if isinstance(data, dict):
        return {str(k): _json_safe(v) for k, v in data.items()}
    if isinstance(data, (list, tuple, set)):
        return [_json_safe(v) for v in data]
    return data if isinstance(data, (str, int, float, bool, type(None))) else str(data)


# ---------------------------------------------------------------- ingest: list and register


@dataclass
class InboxListing:
    """What is under inbox/ right now: objects per client folder, and objects no client folder holds."""

    by_client: dict[str, list[ListedObject]] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)  # inbox/file.pdf, inbox/bad name!/x.pdf: not processable

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.by_client.values()) + len(self.unplaced)


def client_id_is_valid(name: str) -> bool:
    return 0 < len(name) <= 64 and set(name) <= CLIENT_ID_CHARACTERS and not name.startswith(".")


def list_inbox(settings: PipelineSettings) -> InboxListing:
    """Every object version under inbox/, by client folder (S3 only: the task that calls this retries)."""
    bucket = Bucket(settings)
    listing = InboxListing()
    for obj in bucket.list(INBOX):
        parts = obj.key[len(INBOX):].split("/", 1)
        if len(parts) == 2 and client_id_is_valid(parts[0]):
            listing.by_client.setdefault(parts[0], []).append(obj)
        else:
            listing.unplaced.append(obj.key)
    return listing


@dataclass
class Registered:
    client_id: str
    new: int  # object versions registered by this call
    known: int  # already registered before (by an earlier or a concurrent run)
    manifests: int


def register(settings: PipelineSettings, listing: InboxListing) -> list[Registered]:
    """Record every listed object version exactly once. The unique constraint on (bucket, key, version) decides:
    INSERT .. ON CONFLICT DO NOTHING, so two runs at once (or a crash and a re-run) register each object once."""
    results = []
    with session_scope(settings.database_url) as session:
        insert = _insert_ignoring_conflicts(session)
        for client_id, objects in sorted(listing.by_client.items()):
            session.execute(insert(Client).values(id=client_id, name=client_id, sla_hours=24, created_at=utcnow()))
            rows = [dict(client_id=client_id, bucket=settings.bucket, key=o.key, version=o.version, etag=o.etag,
                         size=o.size, first_seen=utcnow(), updated_at=utcnow(), attempts=0,
                         state=MANIFEST if o.name == MANIFEST_NAME else REGISTERED) for o in objects]
            new_ids: list[int] = []
            for chunk in _chunks(rows, 500):
                statement = insert(SourceObject).values(chunk).returning(SourceObject.id)
                new_ids += list(session.execute(statement).scalars())
            if new_ids:
                session.add_all([AuditEvent(actor="pipeline:ingest", action="registered", source_object_id=i)
                                 for i in new_ids])
            manifests = sum(1 for o in objects if o.name == MANIFEST_NAME)
            results.append(Registered(client_id, new=len(new_ids), known=len(objects) - len(new_ids),
                                      manifests=manifests))
    return results


def _insert_ignoring_conflicts(session: Session):  # noqa: ANN202 - returns a function building an INSERT
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:
        raise NotImplementedError(f"the pipeline runs on SQLite or PostgreSQL, not {dialect}")
    return lambda table: insert(table).on_conflict_do_nothing()


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


# ---------------------------------------------------------------- manifests


@dataclass(frozen=True)
class ManifestLine:
    name: str
    sha256: str | None


def parse_manifest(data: bytes, key: str) -> tuple[list[ManifestLine], str | None]:
    """manifest.csv: a header naming the file column (file, file_name, filename, name, key or path) and optionally
    a sha256 column. Returns the lines and, when the file cannot be used, why (reported, never ignored)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], f"{key} is not UTF-8 text: save it as CSV (UTF-8)"
    reader = csv.DictReader(io.StringIO(text))
    columns = {c.strip().lower(): c for c in reader.fieldnames or []}
    name_column = next((columns[c] for c in ("file", "file_name", "filename", "name", "key", "path")
                        if c in columns), None)
    if name_column is None:
        return [], f"{key} has no file-name column: its header must name one of file, file_name, name (and sha256)"
    sha_column = columns.get("sha256")
    lines = []
    for row in reader:
        name = (row.get(name_column) or "").strip()
        if name:
            sha = (row.get(sha_column) or "").strip().lower() if sha_column else ""
            lines.append(ManifestLine(name=name.lstrip("/"), sha256=sha or None))
    return lines, None


def check_manifests(settings: PipelineSettings, client_ids: list[str] | None = None) -> list[dict]:
    """Compare every drop folder that has a manifest.csv with what arrived in it: listed but missing, arrived but
    not listed, sha256 not as listed. Open problems are recorded (once), problems that went away (a late arrival)
    are marked resolved. Returns the open problems."""
    bucket = Bucket(settings)
    with session_scope(settings.database_url) as session:
        query = select(SourceObject).where(SourceObject.bucket == settings.bucket)
        if client_ids is not None:
            query = query.where(SourceObject.client_id.in_(client_ids))
        objects = list(session.execute(query).scalars())
        manifests = [o for o in objects if o.state == MANIFEST]
        found: dict[tuple[str, str, str, str], str] = {}
        for manifest in _newest_per_key(manifests):
            folder = str(PurePosixPath(manifest.key).parent) + "/"
            lines, unusable = parse_manifest(bucket.read(manifest.key), manifest.key)
            if unusable:
                found[(manifest.client_id, manifest.key, MANIFEST_NAME, "unreadable")] = unusable
                continue
            arrived = {o.key[len(folder):]: o for o in _newest_per_key(objects)
                       if o.key.startswith(folder) and o.state != MANIFEST}
            listed = {line.name: line for line in lines}
            for name, line in listed.items():
                obj = arrived.get(name)
                if obj is None:
                    found[(manifest.client_id, manifest.key, name, MISSING)] = "listed in the manifest, not in the bucket"
                elif line.sha256 and obj.sha256 and obj.sha256 != line.sha256:
                    found[(manifest.client_id, manifest.key, name, SHA_MISMATCH)] = (
                        f"the manifest says sha256 {line.sha256[:12]}..., the file's is {obj.sha256[:12]}...")
            for name in sorted(set(arrived) - set(listed)):
                found[(manifest.client_id, manifest.key, name, UNLISTED)] = "in the drop folder, not in its manifest"
        _record_manifest_problems(session, found, client_ids)
        return [dict(client=c, manifest=m, file=f, problem=p, detail=d) for (c, m, f, p), d in sorted(found.items())]


def _newest_per_key(objects: list[SourceObject]) -> list[SourceObject]:
    newest: dict[str, SourceObject] = {}
    for o in sorted(objects, key=lambda o: (o.first_seen, o.id or 0)):
        newest[o.key] = o
    return list(newest.values())


def _record_manifest_problems(session: Session, found: dict[tuple[str, str, str, str], str],
                              client_ids: list[str] | None) -> None:
    query = select(ManifestProblem).where(ManifestProblem.resolved_at.is_(None))
    if client_ids is not None:
        query = query.where(ManifestProblem.client_id.in_(client_ids))
    open_rows = {(p.client_id, p.manifest_key, p.file_name, p.problem): p for p in session.execute(query).scalars()}
    now = utcnow()
    for key, problem in open_rows.items():
        if key not in found:
            problem.resolved_at = now
    new = [dict(client_id=c, manifest_key=m, file_name=f, problem=p, detail=d, detected_at=now)
           for (c, m, f, p), d in found.items() if (c, m, f, p) not in open_rows]
    if new:
        # A problem resolved earlier and back again keeps its row (unique key): it is reopened.
        session.execute(_insert_ignoring_conflicts(session)(ManifestProblem).values(new))
        for (c, m, f, p), _ in found.items():
            session.execute(update(ManifestProblem).where(
                ManifestProblem.client_id == c, ManifestProblem.manifest_key == m, ManifestProblem.file_name == f,
                ManifestProblem.problem == p, ManifestProblem.resolved_at.is_not(None)).values(resolved_at=None))


# ---------------------------------------------------------------- master data from the bucket


MASTER_DATA_SUFFIXES = (".csv", ".xlsx", ".toml")


def sync_master_data(settings: PipelineSettings) -> dict[str, bool]:
    """Load master-data/<client>/ (CSV, XLSX, rules.toml) into the database when it changed. {client: changed}.
    A bad file raises ConfigError naming the file; the client's previous master data stays in force."""
    from models.store import store_master_data

    bucket = Bucket(settings)
    changed: dict[str, bool] = {}
    for client_id in bucket.folders(MASTER_DATA):
        if not client_id_is_valid(client_id):
            continue
        prefix = f"{MASTER_DATA}{client_id}/"
        files = {o.name: bucket.read(o.key) for o in bucket.list(prefix)
                 if o.name.lower().endswith(MASTER_DATA_SUFFIXES) and "/" not in o.key[len(prefix):]}
        if not files:
            continue
        with session_scope(settings.database_url) as session:
            _ensure_client(session, client_id)
            changed[client_id] = store_master_data(session, client_id, files, bucket.uri(prefix))
    return changed


def load_master_data_folder(settings: PipelineSettings, client_id: str, folder: Path) -> bool:
    """`backoffice master-data load CLIENT DIR`: the same as a master-data/<client>/ folder in the bucket."""
    from models.store import store_master_data

    files = {p.name: p.read_bytes() for p in sorted(folder.iterdir())
             if p.is_file() and p.name.lower().endswith(MASTER_DATA_SUFFIXES)}
    with session_scope(settings.database_url) as session:
        _ensure_client(session, client_id)
        return store_master_data(session, client_id, files, str(folder.resolve()))


def _ensure_client(session: Session, client_id: str) -> None:
    session.execute(_insert_ignoring_conflicts(session)(Client).values(
        id=client_id, name=client_id, sla_hours=24, created_at=utcnow()))


# ---------------------------------------------------------------- process: download, read, save


@dataclass(frozen=True)
class PendingObject:
    id: int
    client_id: str
    key: str
    version: str
    etag: str
    uri: str


@dataclass(frozen=True)
class Fetched:
    object: PendingObject
    path: Path | None = None  # None: over the size cap, or gone
    sha256: str | None = None
    size: int = 0
    error: str | None = None  # the object could not be read (deleted or replaced since it was listed)


@dataclass(frozen=True)
class Outcome:
    """What became of one source object, for logs, tags and artifacts (no personal data)."""

    object_id: int
    key: str
    version: str
    etag: str
    state: str  # processed | duplicate | failed | skipped
    document_id: int | None = None
    status: str | None = None  # the document's status (auto_approved, needs_review, quarantined, ...)
    doc_type: str | None = None
    codes: tuple[str, ...] = ()
    reason: str | None = None

    def tags(self) -> dict[str, str]:
        state = DUPLICATE if self.state == DUPLICATE else (self.status or self.state)
        return {STATE_TAG: state, DOCUMENT_TAG: str(self.document_id)}


def pending_batches(settings: PipelineSettings, *, limit: int | None = None) -> list[list[PendingObject]]:
    """Registered and failed objects, oldest first, in batches of one client each (one RunContext per batch)."""
    with session_scope(settings.database_url) as session:
        query = (select(SourceObject).where(SourceObject.state.in_(PENDING), SourceObject.bucket == settings.bucket)
                 .order_by(SourceObject.client_id, SourceObject.id))
        if limit:
            query = query.limit(limit)
        objects = list(session.execute(query).scalars())
    by_client: dict[str, list[PendingObject]] = defaultdict(list)
    for o in objects:
        by_client[o.client_id].append(PendingObject(o.id, o.client_id, o.key, o.version, o.etag,
                                                    f"s3://{o.bucket}/{o.key}"))
    return [chunk for objects in by_client.values() for chunk in _chunks(objects, settings.batch_size)]


def work_folder(settings: PipelineSettings) -> Path:
    folder = settings.data_dir / "tmp"
    folder.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="batch-", dir=folder))


def download_batch(settings: PipelineSettings, batch: list[PendingObject], folder: Path) -> list[Fetched]:
    """Stream each object to `folder` (S3 only). An unreachable endpoint raises S3Unavailable for the whole batch
    (the task retries, then the run fails with the objects still registered); a vanished object is that
    object's failure."""
    bucket = Bucket(settings)
    fetched = []
    for obj in batch:
        try:
            got = bucket.download(obj.key, obj.version, obj.etag, folder, max_bytes=settings.max_download_bytes)
        except ObjectGone as gone:
            fetched.append(Fetched(obj, error=str(gone)))
            continue
        fetched.append(Fetched(obj, path=got.path, sha256=got.sha256, size=got.size))
    return fetched


def too_large(fetched: Fetched, settings: PipelineSettings) -> Document:
    """The document of an object over the download cap: quarantined with the reader's own code."""
    doc = Document(source=fetched.object.uri, sha256=fetched.sha256 or "", size=fetched.size)
    limit_mb = settings.max_download_bytes / 1024 / 1024
    return doc.quarantine("file.too_large", f"the file is {fetched.size / 1024 / 1024:.1f} MB, over the limit of "
                                            f"{limit_mb:g} MB. Split or compress it, or raise "
                                            "BACKOFFICE_MAX_DOWNLOAD_MB.")


def process_batch(settings: PipelineSettings, fetched: list[Fetched], reader: ReaderSettings | None = None,
                  pool: PagePool | None = None) -> list[Outcome]:
    """Read, classify, extract, validate and route one client's batch with the same functions as `backoffice
    extract`, then save every result in one transaction. One failing document never stops the batch: it becomes
    a failed object with its reason, retried by the next run. `pool`: OCR workers kept across batches (the
    process flow's), else the batch starts its own."""
    from backoffice.pipeline import RunContext, process_files
    from models.blobs import put_blob
    from models.store import DatabaseSeen, client_context, save_result

    if not fetched:
        return []
    client_id = fetched[0].object.client_id
    outcomes: list[Outcome] = []
    with session_scope(settings.database_url) as session:
        # Row locks (PostgreSQL): a concurrent run skips these objects instead of processing them twice.
        objects = {o.id: o for o in session.execute(
            select(SourceObject).where(SourceObject.id.in_([f.object.id for f in fetched]))
            .with_for_update(skip_locked=True)).scalars()}
        known = {d.sha256: d for d in session.execute(select(DocumentRecord).where(
            DocumentRecord.client_id == client_id,
            DocumentRecord.sha256.in_([f.sha256 for f in fetched if f.sha256]))).scalars()}
        first_object = _first_objects(session, [d.id for d in known.values()])
        todo: list[Fetched] = []  # the first object of each new sha256: read and saved
        later: list[Fetched] = []  # the same bytes as a known document or as an object of `todo`
        batch_first: set[str] = set()
        for f in fetched:
            obj = objects.get(f.object.id)
            if obj is None or obj.state not in PENDING:  # another run has it, or had it
                outcomes.append(Outcome(f.object.id, f.object.key, f.object.version, f.object.etag, "skipped"))
            elif f.error:
                outcomes.append(_fail(obj, f.error))
            elif f.sha256 in known or f.sha256 in batch_first:
                later.append(f)
            else:
                batch_first.add(f.sha256)
                todo.append(f)
        master_data, rules = client_context(session, client_id)
        ctx = RunContext(reader=reader or ReaderSettings(), seen=DatabaseSeen(session, client_id),
                         master_data=master_data, rules=rules)
        # Largest files first (scans, long documents): their OCR runs on the pool while the small ones are read,
        # instead of keeping the batch waiting at its end while the pool finishes them alone.
        todo.sort(key=lambda f: -(f.size or 0))
        docs = process_files([(f.path, f.object.uri) for f in todo if f.path is not None], ctx, pool)
        for f in todo:
            doc = next(docs) if f.path is not None else too_large(f, settings)
            doc.client = client_id
            outcome = _save(session, objects[f.object.id], f, doc, save_result, put_blob)
            outcomes.append(outcome)
            if outcome.state == PROCESSED:
                known[f.sha256] = session.get(DocumentRecord, outcome.document_id)
                first_object[outcome.document_id] = f.object.id
        for f in later:
            obj = objects[f.object.id]
            if f.sha256 in known:
                outcomes.append(_duplicate(session, obj, f, known[f.sha256], first_object))
            else:
                outcomes.append(_fail(obj, "the same bytes as another object of this batch, which could not be "
                                           "saved; retried with it by the next run"))
        docs.close()  # ends the reader's process pool
    return outcomes


def _first_objects(session: Session, document_ids: list[int]) -> dict[int, int]:
    """document id -> the source object that first brought its bytes."""
    if not document_ids:
        return {}
    rows = session.execute(select(SourceObject.document_id, func.min(SourceObject.id)).where(
        SourceObject.document_id.in_(document_ids), SourceObject.state == PROCESSED)
        .group_by(SourceObject.document_id))
    return {doc_id: obj_id for doc_id, obj_id in rows}


def _save(session: Session, obj: SourceObject, fetched: Fetched, doc: Document, save_result, put_blob) -> Outcome:  # noqa: ANN001
    try:
        with session.begin_nested():
            blob_uri = put_blob(fetched.path, doc.sha256, Path(obj.key).suffix.lower()) if fetched.path else None
            record = save_result(session, doc, client_id=obj.client_id, source=fetched.object.uri, blob_uri=blob_uri)
            obj.state, obj.document_id, obj.sha256, obj.size = PROCESSED, record.id, doc.sha256, fetched.size
            obj.error, obj.updated_at = None, utcnow()
            obj.attempts += 1
            session.flush()
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
        secrets = [str(f.value) for name, f in doc.fields.items() if name in SENSITIVE_FIELDS and f.value]
        return _fail(obj, scrub(f"saving its result failed ({type(exc).__name__}: {exc})", secrets)[:500])
    return Outcome(obj.id, obj.key, obj.version, obj.etag, PROCESSED, document_id=record.id, status=record.status,
                   doc_type=doc.form_type if doc.doc_type == "form" else doc.doc_type,
                   codes=tuple(sorted({i.code for i in doc.issues})))


def _fail(obj: SourceObject, reason: str) -> Outcome:
    obj.state, obj.error, obj.updated_at = FAILED, reason, utcnow()
    obj.attempts += 1
    return Outcome(obj.id, obj.key, obj.version, obj.etag, FAILED, reason=reason)


def _duplicate(session: Session, obj: SourceObject, fetched: Fetched, record: DocumentRecord,
               first_object: dict[int, int]) -> Outcome:
    obj.state, obj.document_id, obj.sha256, obj.size = DUPLICATE, record.id, fetched.sha256, fetched.size
    obj.duplicate_of, obj.error, obj.updated_at = first_object.get(record.id), None, utcnow()
    obj.attempts += 1
    session.add(AuditEvent(actor="pipeline:process", action="duplicate_drop", document_id=record.id,
                           source_object_id=obj.id, detail=f"same bytes as {record.source}"))
    return Outcome(obj.id, obj.key, obj.version, obj.etag, DUPLICATE, document_id=record.id, status=record.status,
                   doc_type=record.doc_type, reason=f"same bytes as {record.source}")


def discard_folder(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def tag_objects(settings: PipelineSettings, outcomes: list[Outcome], *, state: str | None = None) -> int:
    """Tag processed objects in S3 (after their documents are committed): backoffice-state and backoffice-document.
    Objects are never moved or deleted; lifecycle rules can act on the tags."""
    bucket = Bucket(settings)
    tagged = 0
    for o in outcomes:
        if o.document_id is None:
            continue
        tags = o.tags() if state is None else {STATE_TAG: state, DOCUMENT_TAG: str(o.document_id)}
        try:
            bucket.tag(o.key, o.version, o.etag, tags)
        except ObjectGone:
            continue  # client IT deleted it after we committed its document: nothing to tag
        tagged += 1
    return tagged


# ---------------------------------------------------------------- post


class PostingIncomplete(BackofficeError):
    """Some approved documents could not be posted; each with its reason (personal data masked)."""

    exit_code = 6

    def __init__(self, failures: list[tuple[int, str]]):
        self.failures = failures
        listed = "; ".join(f"document {doc_id}: {reason}" for doc_id, reason in failures[:10])
        more = f" and {len(failures) - 10} more" if len(failures) > 10 else ""
        super().__init__(f"{len(failures)} approved document(s) not posted: {listed}{more}",
                         hint="they stay approved and are posted by the next run; fix the system of record or "
                              "reject the document in the workbench")


def post_approved(settings: PipelineSettings, *, limit: int | None = None) -> int:
    """Post every approved document not yet posted, exactly once (connectors.posting writes the idempotency key in
    the system of record with the posting, so a retry or a re-run never posts twice). Returns how many were
    posted; raises PostingIncomplete naming those that could not be (the others are posted all the same)."""
    from connectors.posting import connector_from_settings, post_ready

    results = post_ready(settings.database_url, connector_from_settings(), limit=limit)
    if results.failed:
        raise PostingIncomplete([(f.document_id, f.reason) for f in results.failed])
    return len(results)


def posted_since(settings: PipelineSettings, since: datetime) -> list[Outcome]:
    """The source objects whose documents were posted at or after `since`, for their tags."""
    with session_scope(settings.database_url) as session:
        rows = session.execute(select(SourceObject, Posting.document_id).join(
            Posting, Posting.document_id == SourceObject.document_id).where(Posting.posted_at >= since)).all()
    return [Outcome(o.id, o.key, o.version, o.etag, o.state, document_id=document_id, status="posted")
            for o, document_id in rows]


# ---------------------------------------------------------------- what a run saw and where it all is


def unaccounted(settings: PipelineSettings, listing: InboxListing) -> list[str]:
    """Objects of a listing that the database does not yet account for (not registered, still pending or failed),
    each with where it stands; objects outside a client folder too."""
    problems = [f"{key}: not in a client folder; move it under {INBOX}<client>/" for key in listing.unplaced]
    with session_scope(settings.database_url) as session:
        for client_id, objects in sorted(listing.by_client.items()):
            rows = {(o.key, o.version): o for o in session.execute(select(SourceObject).where(
                SourceObject.bucket == settings.bucket, SourceObject.client_id == client_id)).scalars()}
            for listed in objects:
                row = rows.get((listed.key, listed.version))
                if row is None:
                    problems.append(f"{listed.key}: not registered")
                elif row.state not in ACCOUNTED:
                    reason = f" ({row.error})" if row.error else ""
                    problems.append(f"{listed.key}: {row.state} after {row.attempts} attempt(s){reason}")
    return problems


def discard_fetched(fetched: list[Fetched]) -> None:
    """Temporary downloads of a batch, once its documents are stored (or the batch failed: re-downloaded)."""
    folders = {f.path.parent for f in fetched if f.path is not None}
    for f in fetched:
        if f.path is not None:
            f.path.unlink(missing_ok=True)
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def open_manifest_problems(settings: PipelineSettings) -> list[dict]:
    with session_scope(settings.database_url) as session:
        rows = session.execute(select(ManifestProblem).where(ManifestProblem.resolved_at.is_(None))
                               .order_by(ManifestProblem.client_id, ManifestProblem.manifest_key,
                                         ManifestProblem.file_name)).scalars()
        return [dict(client=p.client_id, manifest=p.manifest_key, file=p.file_name, problem=p.problem,
                     detail=p.detail) for p in rows]


# ---------------------------------------------------------------- cleanup


def cleanup(settings: PipelineSettings, *, temp_age_hours: float = 6.0) -> dict:
    """Temporary downloads left by killed runs, expired review locks (back to the queue), local copies of
    documents settled (posted or rejected) longer ago than the retention period, and copies of S3 documents the
    workbench fetched that nobody opened for a day. The bucket and the database
    keep theirs: only the local blob goes, the workbench then reads the document from S3 again."""
    from datetime import timedelta

    from models.blobs import open_blob, prune_s3_cache
    from models.tables import POSTED, REJECTED

    now = utcnow()
    removed_temp = 0
    temp_root = settings.data_dir / "tmp"
    if temp_root.is_dir():
        for entry in temp_root.iterdir():
            age_hours = (now.timestamp() - entry.stat().st_mtime) / 3600
            if age_hours > temp_age_hours:
                shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink(missing_ok=True)
                removed_temp += 1
    released = 0
    removed_blobs = 0
    with session_scope(settings.database_url) as session:
        try:
            from models.queue import release_expired
        except ImportError:  # the workbench's queue is not installed
            release_expired = None
        if release_expired is not None:
            released = release_expired(session)
        cutoff = now - timedelta(days=settings.retention_days)
        settled = session.execute(select(DocumentRecord).where(
            DocumentRecord.status.in_((POSTED, REJECTED)), DocumentRecord.updated_at < cutoff,
            DocumentRecord.blob_uri.is_not(None), DocumentRecord.blob_uri.like("file:%"))).scalars()
        for record in settled:
            try:
                open_blob(record.blob_uri).unlink(missing_ok=True)
            except BackofficeError:
                pass  # already gone
            record.blob_uri = record.source if record.source.startswith("s3://") else None
            removed_blobs += 1
    return dict(temp_removed=removed_temp, locks_released=released, blobs_removed=removed_blobs,
                s3_copies_removed=prune_s3_cache())
