"""Posting approved documents to the system of record exactly once.

The order is what makes it safe: the connector writes the posting and its idempotency key in one transaction
on its side, then our database records the Posting and the status in one transaction on ours. A crash between
the two leaves the document approved here and posted there; the next run posts it again, the connector finds
the key and returns the same external id, and only our side is written. Two posters at once meet at the
connector's unique key (and at ours): one posting, whoever wins.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select, update

from backoffice.document import Document
from backoffice.errors import BackofficeError, ConfigError
from backoffice.masking import mask
from connectors.base import Connector, idempotency_key
from models.db import database_url, session_scope
from models.store import load_document
from models.tables import APPROVED, AUTO_APPROVED, POSTED, AuditEvent, DocumentRecord, Posting, utcnow

log = logging.getLogger(__name__)

POSTABLE = (AUTO_APPROVED, APPROVED)
# A test hook, not a setting: makes the process die at a named point so tests can prove a re-run heals it.
TEST_CRASH_ENV = "BACKOFFICE_TEST_CRASH_AT"


class NotPostable(BackofficeError):
    """A document that may not be posted (yet): not approved, rejected, quarantined, unknown."""

    exit_code = 2


@dataclass
class PostFailure:
    document_id: int
    reason: str  # personal data masked


class PostResults(list[Posting]):
    """The postings a run made, with `failed`: the documents that could not be posted and why."""

    def __init__(self) -> None:
        super().__init__()
        self.failed: list[PostFailure] = []


@dataclass
class _Ready:
    document_id: int
    client_id: str
    sha256: str
    doc: Document = field(repr=False)


def _test_crash_point(name: str) -> None:
    if os.environ.get(TEST_CRASH_ENV) == name:
        log.warning("%s=%s: dying here on purpose (test hook)", TEST_CRASH_ENV, name)
        logging.shutdown()
        os._exit(137)


def _posting_of(session: Session, document_id: int) -> Posting | None:
    return session.exec(select(Posting).where(Posting.document_id == document_id).order_by(col(Posting.id))).first()


def _ready_to_post(url: str, document_id: int) -> Posting | _Ready:
    with session_scope(url) as session:
        posting = _posting_of(session, document_id)
        if posting is not None:
            return posting
        record = session.get(DocumentRecord, document_id)
        if record is None:
            raise NotPostable(f"there is no document {document_id}", hint="`backoffice status` lists documents by id")
        if record.status not in POSTABLE:
            raise NotPostable(f"document {document_id} is {record.status}; only auto_approved or approved documents "
                              "are posted", hint="approve it in the workbench first")
        return _Ready(document_id, record.client_id, record.sha256, load_document(session, document_id))


def post_document(url: str | None, document_id: int, connector: Connector, *, actor: str) -> Posting:
    """Post one document exactly once; returns its Posting (the existing one when it was posted before)."""
    url = url or database_url()
    ready = _ready_to_post(url, document_id)
    if isinstance(ready, Posting):
        return ready
    key = idempotency_key(ready.client_id, ready.sha256)
    external_id = connector.post(ready.doc, client_id=ready.client_id, idempotency_key=key)
    _test_crash_point("after_sor_write")
    try:
        with session_scope(url) as session:
            posting = Posting(document_id=document_id, sha256=ready.sha256, idempotency_key=key,
                              connector=connector.name, external_id=external_id)
            session.add(posting)
            # Posted there is posted here, whatever happened to the document meanwhile: the SoR is the truth.
            session.execute(update(DocumentRecord).where(col(DocumentRecord.id) == document_id)
                            .values(status=POSTED, updated_at=utcnow()))
            session.add(AuditEvent(actor=actor, action="posted", document_id=document_id,
                                   detail=f"{connector.name}: {external_id}"))
    except IntegrityError:
        with session_scope(url) as session:  # another poster recorded it first
            posting = _posting_of(session, document_id)
        if posting is None:
            raise
    return posting


def documents_to_post(url: str | None = None, *, limit: int | None = None) -> list[int]:
    """Ids of documents approved (by the pipeline or an operator) and not posted, oldest first."""
    with session_scope(url or database_url()) as session:
        posted = select(Posting.document_id)
        query = (select(DocumentRecord.id).where(col(DocumentRecord.status).in_(POSTABLE),
                                                 col(DocumentRecord.id).not_in(posted))
                 .order_by(col(DocumentRecord.id)).limit(limit))
        return list(session.exec(query))


def post_ready(url: str | None, connector: Connector, *, limit: int | None = None,
               actor: str = "pipeline:post") -> PostResults:
    """Post every approved document not yet posted, each on its own: one that fails is in `.failed` with the
    reason and the others still post."""
    results = PostResults()
    for document_id in documents_to_post(url, limit=limit):
        try:
            results.append(post_document(url, document_id, connector, actor=actor))
        except Exception as problem:  # noqa: BLE001 - one document's failure must not stop the others
            reason = _reason(problem)
            log.error("document %s was not posted: %s", document_id, reason)
            results.failed.append(PostFailure(document_id, reason))
    return results


def _reason(problem: Exception) -> str:
    """What went wrong, fit for a log line: our errors say it; others by type and first line, long numbers masked
    (a database error may quote the row it refused)."""
    if isinstance(problem, BackofficeError):
        return str(problem)
    first_line = (str(problem).splitlines() or [""])[0][:300]
    return f"{type(problem).__name__}: " + re.sub(r"\d{5,}", lambda m: mask(m.group()), first_line)


def connector_from_settings() -> Connector:
    """BACKOFFICE_CONNECTOR: "sor" (default; the SQL system of record at BACKOFFICE_SOR_URL) or "export" (one JSON
    per document in BACKOFFICE_EXPORT_BUCKET, default BACKOFFICE_BUCKET, through BACKOFFICE_S3_ENDPOINT_URL when
    set)."""
    choice = os.environ.get("BACKOFFICE_CONNECTOR", "sor").strip().lower()
    if choice == "sor":
        from connectors.sor import SqlSystemOfRecord

        return SqlSystemOfRecord()
    if choice == "export":
        import boto3

        from connectors.export import FileExport

        bucket = os.environ.get("BACKOFFICE_EXPORT_BUCKET") or os.environ.get("BACKOFFICE_BUCKET")
        if not bucket:
            raise ConfigError("BACKOFFICE_CONNECTOR=export needs a bucket to export to",
                              hint="set BACKOFFICE_EXPORT_BUCKET (or BACKOFFICE_BUCKET, the drop bucket)")
        client = boto3.client("s3", endpoint_url=os.environ.get("BACKOFFICE_S3_ENDPOINT_URL") or None)
        return FileExport(client, bucket, prefix=os.environ.get("BACKOFFICE_EXPORT_PREFIX", "exports/"))
    raise ConfigError(f"BACKOFFICE_CONNECTOR={choice!r} is not a connector", hint="use sor or export")
