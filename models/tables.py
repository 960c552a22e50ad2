"""The pipeline's state: one table per thing an ops engineer, an operator or client IT asks about.

Every source object the pipeline ever saw has a row (`SourceObject`), and each points at the one
`DocumentRecord` its bytes became: "where is file X?" always has one answer. Extracted values
(header fields and table cells alike) keep their confidence, page and box, so the workbench can
draw where each came from. `Posting` rows mirror the system of record's own idempotency keys.

Times are timezone-aware UTC. Money and dates are stored in their contract form (plain decimal
strings, ISO dates) in `ExtractedValue.value`, and turned back into Decimal and date on load.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index, LargeBinary, UniqueConstraint, text
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """A timestamp that comes back timezone-aware UTC from SQLite too (which stores no offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime: pass a timezone-aware one (models.tables.utcnow())")
        return value.astimezone(timezone.utc) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value


def _when(**kwargs: Any) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), **kwargs))


def _created() -> Any:
    return Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class Client(SQLModel, table=True):
    """A client company whose files arrive under inbox/<id>/ in the bucket."""

    __tablename__ = "clients"
    id: str = Field(primary_key=True, max_length=64)  # the folder name under inbox/
    name: str = ""
    sla_hours: int = 24  # how long a document may wait for review before it is late
    created_at: datetime = _created()


# SourceObject.state
REGISTERED = "registered"  # seen in the bucket, recorded, not yet read
PROCESSED = "processed"  # its document is in the database (whatever that document's status)
DUPLICATE = "duplicate"  # the same bytes as an earlier object of the client: one document, recorded drop
FAILED = "failed"  # could not be downloaded or processed; retried by the next run, reason in `error`


class SourceObject(SQLModel, table=True):
    """One version of one object client IT dropped. Registered exactly once: unique on bucket, key, version."""

    __tablename__ = "source_objects"
    __table_args__ = (UniqueConstraint("bucket", "key", "version", name="uq_source_object_version"),)
    id: int | None = Field(default=None, primary_key=True)
    client_id: str = Field(foreign_key="clients.id", index=True)
    bucket: str
    key: str
    version: str  # the S3 version id when the bucket is versioned, else the ETag
    etag: str = ""
    size: int = 0
    sha256: str | None = Field(default=None, index=True)  # known once downloaded
    first_seen: datetime = _created()
    state: str = Field(default=REGISTERED, index=True)
    document_id: int | None = Field(default=None, foreign_key="documents.id", index=True)
    duplicate_of: int | None = Field(default=None, foreign_key="source_objects.id")
    attempts: int = 0
    error: str | None = None  # what went wrong last, personal data masked
    updated_at: datetime = _created()


# DocumentRecord.status: the route the pipeline gave it, then what people and connectors did with it.
AUTO_APPROVED = "auto_approved"
NEEDS_REVIEW = "needs_review"
QUARANTINED = "quarantined"
APPROVED = "approved"  # by an operator in the workbench
REJECTED = "rejected"
POSTED = "posted"
STATUSES = (AUTO_APPROVED, NEEDS_REVIEW, QUARANTINED, APPROVED, REJECTED, POSTED)


class DocumentRecord(SQLModel, table=True):
    """What one file's bytes became: one per client and sha256, however often they were dropped."""

    __tablename__ = "documents"
    __table_args__ = (
        UniqueConstraint("client_id", "sha256", name="uq_document_bytes"),
        Index("ix_documents_queue", "status", "client_id", "created_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    client_id: str = Field(foreign_key="clients.id")
    sha256: str
    source: str  # s3://bucket/key of the first object with these bytes, or a local path
    blob_uri: str | None = None  # where the stored file can be read back (page images for the workbench)
    media_type: str | None = None
    size: int = 0
    pages: int = 0
    text_source: str = "none"
    doc_type: str = "unknown"
    form_type: str | None = None
    type_confidence: float = 0.0
    route: str = NEEDS_REVIEW  # what the pipeline decided: auto_approved | needs_review | quarantined
    status: str = NEEDS_REVIEW  # where it is now: one of STATUSES
    vendor_key: str | None = Field(default=None, index=True)  # for duplicate invoice checks across runs
    invoice_number: str | None = None
    # What validators need besides fields and tables (extractor evidence) and the page sizes, as JSON.
    evidence: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # [width, height, text_source] per page, in order: what the workbench and validators need without the words.
    page_sizes: list[list[float | str]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    timings_ms: dict[str, float] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = _created()
    updated_at: datetime = _created()


class ExtractedValue(SQLModel, table=True):
    """A header field (table is None) or one table cell, with where it came from."""

    __tablename__ = "extracted_values"
    __table_args__ = (
        UniqueConstraint("document_id", "table", "row", "name", name="uq_value_position"),
    )
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="documents.id", index=True)
    table: str | None = None  # None for header fields; "line_items", "employees" for cells
    row: int | None = None  # 0-based row within the table
    name: str  # the contract's field or column name
    value: str | None = None  # contract form: ISO date, plain decimal, "true"/"false", text
    kind: str = "text"  # text | money | date | bool | number: how to turn `value` back
    confidence: float = 0.0
    page: int | None = None
    x0: float | None = None
    y0: float | None = None
    x1: float | None = None
    y1: float | None = None
    raw: str | None = None
    extracted_value: str | None = None  # what the pipeline read, kept when an operator corrects it
    corrected_by: str | None = None


class IssueRecord(SQLModel, table=True):
    __tablename__ = "issues"
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="documents.id", index=True)
    code: str = Field(index=True)
    severity: str = "error"
    message: str  # personal data masked before it gets here
    fields: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = _created()


# ReviewTask.state
OPEN = "open"
CLAIMED = "claimed"
HELD = "held"
DONE = "done"


class ReviewTask(SQLModel, table=True):
    """A document in the exception queue. A claim is a lock that expires: an abandoned one returns to the queue."""

    __tablename__ = "review_tasks"
    __table_args__ = (
        Index("ix_review_queue", "state", "client_id", "priority", "created_at"),
        Index("ix_review_age", "created_at", "id"),  # the workbench's queue page, oldest first, without sorting it all
        # "Next": the first claimable task in the order operators take them, read off the index, not sorted.
        # Alembic cannot compare a DESC index: migration 0003 creates it and env.py leaves it out of the check.
        Index("ix_review_next", text("priority DESC"), "created_at", "id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="documents.id", unique=True)
    client_id: str = Field(foreign_key="clients.id")
    state: str = OPEN
    priority: int = 0  # higher first
    codes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = _created()
    claimed_by: str | None = None
    claimed_at: datetime | None = _when(nullable=True)
    lock_expires_at: datetime | None = _when(nullable=True)
    needs_second_approval: bool = False  # e.g. a direct deposit that changes a bank account on file
    first_approved_by: str | None = None
    decision: str | None = None  # approved | rejected
    decided_by: str | None = None
    decided_at: datetime | None = _when(nullable=True)
    reason: str | None = None  # why rejected or held, for the client report
    version: int = 0  # bumped on every change; a stale form submit is refused


class Posting(SQLModel, table=True):
    """A document posted to a system of record. The connector writes the same idempotency key on its side,
    in the same transaction as the posting, so a re-run finds it there and never posts twice."""

    __tablename__ = "postings"
    __table_args__ = (UniqueConstraint("connector", "idempotency_key", name="uq_posting_key"),)
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="documents.id", index=True)
    sha256: str
    idempotency_key: str
    connector: str
    external_id: str
    posted_at: datetime = _created()


class AuditEvent(SQLModel, table=True):
    """Who did what to which document and when: pipeline stages, edits, approvals, unmasking."""

    __tablename__ = "audit_events"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _created()
    actor: str  # a user name, or pipeline:<stage>
    action: str  # registered, processed, claimed, edited, approved, rejected, posted, unmasked, ...
    document_id: int | None = Field(default=None, foreign_key="documents.id", index=True)
    source_object_id: int | None = Field(default=None, foreign_key="source_objects.id")
    field: str | None = None  # "total_amount" or "line_items[2].amount"
    old_value: str | None = None  # masked when the field is personal data
    new_value: str | None = None
    detail: str | None = None


class MasterDataFile(SQLModel, table=True):
    """One client master-data file (vendors.csv, employees.xlsx, ...) as loaded, kept to rebuild and to tell changes."""

    __tablename__ = "master_data_files"
    __table_args__ = (UniqueConstraint("client_id", "name", name="uq_master_data_file"),)
    id: int | None = Field(default=None, primary_key=True)
    client_id: str = Field(foreign_key="clients.id", index=True)
    name: str  # file name as in the master-data folder
    source: str  # s3://bucket/master-data/<client>/<name> or a local path
    sha256: str
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    loaded_at: datetime = _created()


class ManifestProblem(SQLModel, table=True):
    """A manifest.csv line with no file, or a file no manifest lists, or a sha256 that does not match."""

    __tablename__ = "manifest_problems"
    __table_args__ = (UniqueConstraint("client_id", "manifest_key", "file_name", "problem", name="uq_manifest_problem"),)
    id: int | None = Field(default=None, primary_key=True)
    client_id: str = Field(foreign_key="clients.id", index=True)
    manifest_key: str
    file_name: str
    problem: str  # missing | unlisted | sha256_mismatch
    detail: str = ""
    detected_at: datetime = _created()
    resolved_at: datetime | None = _when(nullable=True)  # set when a late file arrives


class User(SQLModel, table=True):
    __tablename__ = "users"
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, max_length=64)
    password_hash: str
    role: str = "operator"  # operator | supervisor | admin
    clients: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # empty: none
    active: bool = True
    created_at: datetime = _created()
    failed_sign_ins: int = Field(default=0, sa_column_kwargs={"server_default": "0"})  # wrong passwords in a row
    locked_until: datetime | None = _when()  # too many wrong passwords: no sign-in before this time


class RunRecord(SQLModel, table=True):
    """One run of a flow, with what it counted, for `backoffice status` and the nightly report."""

    __tablename__ = "runs"
    id: int | None = Field(default=None, primary_key=True)
    flow: str  # ingest | process | post | reconcile | report | cleanup
    flow_run_id: str | None = None  # Prefect's id, to find the run in the UI
    started_at: datetime = _created()
    finished_at: datetime | None = _when(nullable=True)
    ok: bool | None = None
    summary: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
