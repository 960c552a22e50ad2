"""The document view and what an operator does in it: edit (validation re-runs at once), approve, reject,
hold, release; page images; a supervisor's audited unmasking of one personal-data value."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Body, Depends, Form, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy import func
from sqlmodel import Session, select

from models import queue
from models.tables import CLAIMED, AuditEvent, DocumentRecord, IssueRecord, ReviewTask, User, utcnow
from workbench import auth, decisions, view
from workbench.app import config_of, current_user, db, flash, render, take_next, templates
from workbench.pages import PageMissing, page_image

log = logging.getLogger("backoffice.workbench")
router = APIRouter()


def _record(session: Session, document_id: int, user: User) -> DocumentRecord:
    """The document, if the user may see it: another client's document is as absent as one that never was."""
    record = session.get(DocumentRecord, document_id)
    if record is None or not auth.may_see(user, record.client_id):
        raise HTTPException(404, f"there is no document {document_id} in your queue")
    return record


def _holds(task: ReviewTask | None, user: User) -> bool:
    return task is not None and task.state == CLAIMED and task.claimed_by == user.username


@router.get("/documents/{document_id}")
def document_view(request: Request, document_id: int, user: User = Depends(current_user),
                  session: Session = Depends(db)) -> HTMLResponse:
    from models.store import load_document

    record = _record(session, document_id, user)
    task = decisions.task_of(session, document_id)
    if _holds(task, user):  # opening the page again keeps the claim alive
        queue.extend(session, task.id, user=user.username, lock_minutes=config_of(request).lock_minutes)
        session.commit()
        session.refresh(task)
    doc = load_document(session, document_id)
    claimable = task is not None and task.state != "done" and not _holds(task, user) and (
        task.state == "open" or (task.state == CLAIMED and task.lock_expires_at is not None
                                 and task.lock_expires_at < utcnow()))
    return render(request, "document.html", user, record=record, task=task, doc=doc, v=view.build(doc),
                  editing=_holds(task, user), claimable=claimable, pages=_pages(record, doc),
                  supervisor=auth.is_supervisor(user), kind_names=view.KIND_NAMES)


def _pages(record: DocumentRecord, doc: Any) -> list[dict[str, float]]:
    sizes = [(p.width, p.height) for p in doc.pages] or [tuple(s[:2]) for s in record.page_sizes]
    return [{"number": i + 1, "ratio": (h / w) if w else 1.294} for i, (w, h) in enumerate(sizes)]


@router.get("/documents/{document_id}/pages/{number}")
def page(document_id: int, number: int, request: Request, user: User = Depends(current_user),
         session: Session = Depends(db)) -> Response:
    from models.blobs import open_blob

    record = _record(session, document_id, user)
    rotation, skew = _turn(record, number)
    if not record.blob_uri:
        raise HTTPException(404, "the pipeline kept no copy of this file")
    try:
        path = page_image(open_blob(record.blob_uri), sha256=record.sha256, page=number, rotation=rotation,
                          skew=skew, cache_dir=config_of(request).page_cache)
    except PageMissing as exc:
        raise HTTPException(404, str(exc)) from exc
    return FileResponse(path, media_type="image/jpeg", headers={"Cache-Control": "private, max-age=86400"})


def _turn(record: DocumentRecord, number: int) -> tuple[int | None, float | None]:
    """How the reader turned the page: page_sizes entries [width, height, text source, rotation, skew]. A text-layer
    page was not turned; a scan recorded without its turn is analysed again when rendered (None, None)."""
    entry = record.page_sizes[number - 1] if 0 < number <= len(record.page_sizes) else []
    if len(entry) >= 5:
        return int(entry[3] or 0), float(entry[4] or 0.0)
    return (None, None) if len(entry) > 2 and entry[2] == "ocr" else (0, 0.0)


@router.post("/documents/{document_id}/claim")
def claim(request: Request, document_id: int, user: User = Depends(current_user),
          session: Session = Depends(db)) -> Response:
    _record(session, document_id, user)
    task = decisions.task_of(session, document_id)
    if task is None:
        raise HTTPException(409, "this document is not in the review queue")
    try:
        queue.claim(session, task.id, user=user.username, lock_minutes=config_of(request).lock_minutes)
        session.commit()
    except queue.ClaimConflict as exc:
        flash(request, f"Could not take it: {exc}.", "error")
    return RedirectResponse(f"/documents/{document_id}", status_code=303)


@router.post("/documents/{document_id}/release")
def release(request: Request, document_id: int, user: User = Depends(current_user),
            session: Session = Depends(db)) -> Response:
    _record(session, document_id, user)
    task = decisions.task_of(session, document_id)
    if task is not None and queue.release(session, task.id, actor=user.username, holder=user.username):
        session.commit()
        flash(request, f"Document {document_id} is back in the queue.")
    return RedirectResponse("/", status_code=303)


@router.post("/documents/{document_id}/edits")
def edit(request: Request, document_id: int, payload: dict[str, Any] = Body(...),
         user: User = Depends(current_user), session: Session = Depends(db)) -> JSONResponse:
    """Apply typed corrections, re-run validation, and answer with what the page must now show."""
    from models.store import apply_edits

    _record(session, document_id, user)
    task = decisions.task_of(session, document_id)
    if not _holds(task, user):
        raise HTTPException(409, "take this document first (it is not claimed by you)")
    edits = payload.get("edits")
    if not isinstance(edits, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in edits.items()):
        raise HTTPException(400, 'send {"edits": {"field": "typed text"}}')
    try:
        doc = apply_edits(session, document_id, {view.store_key(k): v for k, v in edits.items()},
                          actor=user.username)
    except ValueError as exc:  # the typed text is not a value of the field's kind: nothing was saved
        session.rollback()
        problems = {view.view_key(k): p for k, p in getattr(exc, "problems", {}).items()}
        message = "; ".join(f"{view.label_of(k)}: {p}" for k, p in problems.items()) or str(exc)
        return JSONResponse({"error": message, "fields": problems}, status_code=422)
    queue.extend(session, task.id, user=user.username, lock_minutes=config_of(request).lock_minutes)
    session.commit()
    session.refresh(task)
    v = view.build(doc)
    issues_html = templates.get_template("_issues.html").render(v=v)
    return JSONResponse({
        "version": task.version,
        "errors": v.errors,
        "issues_html": issues_html,
        "fields": {k: {"value": f.value, "attention": f.attention, "low": f.low, "suggestion": f.suggestion,
                       "confidence": f.confidence} for k, f in v.cells.items()},
    })


# What an operator may say a document is, as (doc_type, form_type): the types the extractors read.
KINDS = {"invoice": ("invoice", None), "payroll": ("payroll", None), "w9": ("form", "w9"),
         "direct_deposit": ("form", "direct_deposit")}


@router.post("/documents/{document_id}/type")
def retype(request: Request, document_id: int, kind: str = Form(...), user: User = Depends(current_user),
           session: Session = Depends(db)) -> Response:
    """The operator says what the document is (one the classifier could not place, or placed wrongly): the stored
    file is read again and extracted as that type, replacing what the pipeline read."""
    from backoffice.settings import ReaderSettings
    from extractors import extract
    from models.blobs import open_blob
    from models.store import retype as store_retype
    from reader import read_document

    record = _record(session, document_id, user)
    task = decisions.task_of(session, document_id)
    if not _holds(task, user):
        raise HTTPException(409, "take this document first (it is not claimed by you)")
    if kind not in KINDS:
        raise HTTPException(400, f"a document can be read as {', '.join(KINDS)}, not {kind!r}")
    if not record.blob_uri:
        raise HTTPException(409, "the pipeline kept no copy of this file to read again")
    doc = read_document(open_blob(record.blob_uri), ReaderSettings(workers=1))
    doc.doc_type, doc.form_type = KINDS[kind]
    extract(doc)
    found = store_retype(session, document_id, doc, actor=user.username)
    queue.extend(session, task.id, user=user.username, lock_minutes=config_of(request).lock_minutes)
    session.commit()
    flash(request, f"Read again as {view.KIND_NAMES.get(kind, kind)}: {len(found.fields)} field(s) found. "
                   "Check them against the page.")
    return RedirectResponse(f"/documents/{document_id}", status_code=303)


@router.post("/documents/{document_id}/approve")
def approve(request: Request, document_id: int, version: int = Form(...), confirm: str = Form(""),
            user: User = Depends(current_user), session: Session = Depends(db)) -> Response:
    record = _record(session, document_id, user)
    try:
        open_errors = session.exec(_error_count(document_id)).one()
        if open_errors and confirm != "yes":
            raise decisions.DecisionRefused(f"{open_errors} problem(s) are still open: fix them, or confirm the approval")
        outcome = decisions.approve(session, document_id, user=user, version=version)
        session.commit()
    except decisions.DecisionRefused as exc:
        session.rollback()
        flash(request, f"Not approved: {exc}.", "error")
        return RedirectResponse(f"/documents/{document_id}", status_code=303)
    if outcome == decisions.FIRST_APPROVAL:
        flash(request, f"Document {document_id} approved once: it now waits for a supervisor's second approval.")
    else:
        flash(request, _post(request, record, user))
    return take_next(request, session, user)


def _error_count(document_id: int):  # noqa: ANN202 - a select
    return select(func.count(IssueRecord.id)).where(IssueRecord.document_id == document_id,
                                                    IssueRecord.severity == "error")


def _post(request: Request, record: DocumentRecord, user: User) -> str:
    """Post the approved document; a failure leaves it approved for the post flow to retry, and says so."""
    from connectors.posting import connector_from_settings, post_document

    config = config_of(request)
    connector = config.connector or connector_from_settings()
    try:
        posting = post_document(config.database_url, record.id, connector, actor=user.username)
    except Exception as exc:  # noqa: BLE001 - any connector failure: the approval stands, posting is retried
        log.warning("posting document %s failed after approval: %s", record.id, type(exc).__name__)
        return (f"Document {record.id} approved. Posting to the system of record failed ({type(exc).__name__}); "
                "the post flow will retry it.")
    return f"Document {record.id} approved and posted ({posting.external_id})."


@router.post("/documents/{document_id}/reject")
def reject(request: Request, document_id: int, version: int = Form(...), reason: str = Form(""),
           user: User = Depends(current_user), session: Session = Depends(db)) -> Response:
    return _park(request, session, user, document_id, version, reason, decisions.reject, "rejected")


@router.post("/documents/{document_id}/hold")
def hold(request: Request, document_id: int, version: int = Form(...), reason: str = Form(""),
         user: User = Depends(current_user), session: Session = Depends(db)) -> Response:
    return _park(request, session, user, document_id, version, reason, decisions.hold, "put on hold")


def _park(request: Request, session: Session, user: User, document_id: int, version: int, reason: str,
          decide: Any, done: str) -> Response:
    _record(session, document_id, user)
    try:
        decide(session, document_id, user=user, version=version, reason=reason)
        session.commit()
    except decisions.DecisionRefused as exc:
        session.rollback()
        flash(request, f"Not {done}: {exc}.", "error")
        return RedirectResponse(f"/documents/{document_id}", status_code=303)
    flash(request, f"Document {document_id} {done}: {' '.join(reason.split())}")
    return take_next(request, session, user)


@router.post("/documents/{document_id}/unmask")
def unmask(request: Request, document_id: int, payload: dict[str, Any] = Body(...),
           user: User = Depends(current_user), session: Session = Depends(db)) -> JSONResponse:
    """Show a supervisor one personal-data value in full; the look itself goes into the audit trail."""
    from models.store import load_document

    if not auth.is_supervisor(user):
        raise HTTPException(403, "only a supervisor may unmask personal data")
    _record(session, document_id, user)
    key = str(payload.get("field", ""))
    cell = view.build(doc := load_document(session, document_id)).cells.get(key)
    if cell is None or not cell.sensitive:
        raise HTTPException(400, f"{key!r} is not a personal-data field of this document")
    value = view.plain_value(doc, key)
    session.add(AuditEvent(actor=user.username, action="unmasked", document_id=document_id, field=key,
                           detail="viewed in full in the workbench"))
    session.commit()
    return JSONResponse({"field": key, "value": value})
