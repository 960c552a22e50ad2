"""An operator's decisions on a claimed document: approve (or first-approve), reject, hold.

Each is one conditional UPDATE on the review task that succeeds only for the user holding the claim
and only at the version their page showed; a second submit (a double click, a second tab) finds the
version moved on and changes nothing. Posting happens after the decision is committed, through
connectors.posting, which posts a document exactly once.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import Session, select

from backoffice.masking import mask_numbers
from models.tables import (
    APPROVED,
    CLAIMED,
    DONE,
    HELD,
    NEEDS_REVIEW,
    OPEN,
    REJECTED,
    AuditEvent,
    DocumentRecord,
    ReviewTask,
    User,
    utcnow,
)
from workbench.auth import is_supervisor

FIRST_APPROVAL = "first_approval"


class DecisionRefused(Exception):
    """The decision cannot be taken: someone else decided first, the page is stale, or the role is wrong."""


def task_of(session: Session, document_id: int) -> ReviewTask | None:
    return session.exec(select(ReviewTask).where(ReviewTask.document_id == document_id)).first()


def _decide(session: Session, task: ReviewTask, user: User, version: int, **values: object) -> None:
    result = session.execute(
        update(ReviewTask).where(
            ReviewTask.id == task.id, ReviewTask.version == version, ReviewTask.state == CLAIMED,
            ReviewTask.claimed_by == user.username,
        ).values(version=ReviewTask.version + 1, **values).execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        session.refresh(task)
        if task.state == DONE:
            raise DecisionRefused(f"this document was already {task.decision} by {task.decided_by}")
        if task.state != CLAIMED or task.claimed_by != user.username:
            raise DecisionRefused("you no longer hold this document (the claim expired or was reassigned)")
        raise DecisionRefused("the document changed since this page was loaded: look at it again")
    session.refresh(task)


def approve(session: Session, document_id: int, *, user: User, version: int) -> str:
    """'approved' (the document may post), or 'first_approval' (it waits for a supervisor's second approval)."""
    task = _task(session, document_id)
    if task.needs_second_approval and task.first_approved_by is None:
        _decide(session, task, user, version, first_approved_by=user.username, state=OPEN, claimed_by=None,
                claimed_at=None, lock_expires_at=None)
        _audit(session, document_id, user, FIRST_APPROVAL, "a supervisor must approve the bank account change too")
        return FIRST_APPROVAL
    if task.needs_second_approval and (not is_supervisor(user) or task.first_approved_by == user.username):
        raise DecisionRefused(f"{task.first_approved_by} approved this first: a different supervisor must approve it")
    _decide(session, task, user, version, state=DONE, decision="approved", decided_by=user.username,
            decided_at=utcnow(), lock_expires_at=None)
    _set_status(session, document_id, APPROVED)
    _audit(session, document_id, user, "approved", None)
    return "approved"


def reject(session: Session, document_id: int, *, user: User, version: int, reason: str) -> None:
    reason = _reason(reason, "reject")
    _decide(session, _task(session, document_id), user, version, state=DONE, decision="rejected",
            decided_by=user.username, decided_at=utcnow(), reason=reason, lock_expires_at=None)
    _set_status(session, document_id, REJECTED)
    _audit(session, document_id, user, "rejected", reason)


def hold(session: Session, document_id: int, *, user: User, version: int, reason: str) -> None:
    """Park the document (waiting for the client, say): out of "next" until a supervisor releases it."""
    reason = _reason(reason, "hold")
    _decide(session, _task(session, document_id), user, version, state=HELD, reason=reason, claimed_by=None,
            claimed_at=None, lock_expires_at=None)
    _audit(session, document_id, user, "held", reason)


def _task(session: Session, document_id: int) -> ReviewTask:
    task = task_of(session, document_id)
    if task is None:
        raise DecisionRefused("this document is not in the review queue")
    return task


def _reason(reason: str, what: str) -> str:
    """The reason as stored and reported: one line, at most 500 characters, and a TIN or account number an
    operator typed into it ("account 123456789 closed") masked, since it goes into the client report."""
    reason = " ".join(reason.split())
    if not reason:
        raise DecisionRefused(f"say why you {what} it: the reason goes into the client report")
    return mask_numbers(reason[:500])


def _set_status(session: Session, document_id: int, status: str) -> None:
    session.execute(update(DocumentRecord).where(DocumentRecord.id == document_id,
                                                 DocumentRecord.status == NEEDS_REVIEW)
                    .values(status=status, updated_at=utcnow()).execution_options(synchronize_session=False))


def _audit(session: Session, document_id: int, user: User, action: str, detail: str | None) -> None:
    session.add(AuditEvent(actor=user.username, action=action, document_id=document_id, detail=detail))
