"""The exception queue: claiming a review task with a lock that expires, releasing, reassigning.

Two operators never hold the same task. Every claim is one conditional UPDATE that succeeds only
while the task is open or its lock has run out, and the caller checks the row count; on PostgreSQL
the candidate is first picked with SELECT ... FOR UPDATE SKIP LOCKED, so operators asking at the
same moment are handed different tasks instead of queueing behind one row. A lock that expires
puts the task back in the queue even before `release_expired` (the cleanup flow) tidies it up.
Every change bumps `ReviewTask.version` and writes an audit event.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, true, update
from sqlmodel import Session

from models.tables import CLAIMED, HELD, OPEN, AuditEvent, ReviewTask, utcnow

LOCK_MINUTES = 15  # an operator who walks away loses the claim after this long without an edit


class ClaimConflict(Exception):
    """Someone else holds the task (or it is no longer in the queue)."""

    def __init__(self, task_id: int, holder: str | None, state: str):
        self.task_id, self.holder, self.state = task_id, holder, state
        what = f"claimed by {holder}" if state == CLAIMED else state
        super().__init__(f"review task {task_id} is {what}")


def _claimable(now: datetime):  # noqa: ANN202 - an SQLAlchemy boolean expression
    """Open, or claimed with a lock that has run out."""
    return or_(
        ReviewTask.state == OPEN,
        and_(ReviewTask.state == CLAIMED, ReviewTask.lock_expires_at < now),
    )


def _eligible_for(user: str, *, supervisor: bool):  # noqa: ANN202
    """A task waiting for its second approval goes to a supervisor other than the first approver."""
    waits_for_second = and_(ReviewTask.needs_second_approval.is_(True), ReviewTask.first_approved_by.is_not(None))
    if not supervisor:
        return ~waits_for_second
    return or_(~waits_for_second, ReviewTask.first_approved_by != user)


def _audit(session: Session, task: ReviewTask | int, action: str, actor: str, detail: str | None = None) -> None:
    document_id = task.document_id if isinstance(task, ReviewTask) else _document_of(session, task)
    session.add(AuditEvent(actor=actor, action=action, document_id=document_id, detail=detail))


def _document_of(session: Session, task_id: int) -> int | None:
    return session.execute(select(ReviewTask.document_id).where(ReviewTask.id == task_id)).scalar_one_or_none()


def _take(session: Session, task_id: int, user: str, now: datetime, lock_minutes: int, *, also=None) -> bool:  # noqa: ANN001
    """The one conditional UPDATE every claim goes through; True when this caller got the task."""
    condition = and_(ReviewTask.id == task_id, or_(_claimable(now), and_(ReviewTask.state == CLAIMED,
                                                                          ReviewTask.claimed_by == user)))
    if also is not None:
        condition = and_(condition, also)
    result = session.execute(
        update(ReviewTask).where(condition).values(
            state=CLAIMED, claimed_by=user, claimed_at=now, lock_expires_at=now + timedelta(minutes=lock_minutes),
            version=ReviewTask.version + 1,
        ).execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def claim_next(session: Session, *, user: str, clients: Sequence[str] | None, supervisor: bool = False,
               lock_minutes: int = LOCK_MINUTES, now: datetime | None = None) -> ReviewTask | None:
    """Claim the oldest eligible task (highest priority first) of the given clients (None: all), or None.

    A user who already holds an unexpired claim gets that task back: one document at a time."""
    now = now or utcnow()
    scope = ReviewTask.client_id.in_(list(clients)) if clients is not None else true()
    held = session.execute(
        select(ReviewTask.id).where(ReviewTask.state == CLAIMED, ReviewTask.claimed_by == user,
                                    ReviewTask.lock_expires_at >= now, scope)
        .order_by(ReviewTask.claimed_at).limit(1)
    ).scalar_one_or_none()
    if held is not None and extend(session, held, user=user, lock_minutes=lock_minutes, now=now):
        return _fresh(session, held)
    candidates = (
        select(ReviewTask.id)
        .where(_claimable(now), scope, _eligible_for(user, supervisor=supervisor))
        .order_by(ReviewTask.priority.desc(), ReviewTask.created_at, ReviewTask.id)
    )
    postgres = session.get_bind().dialect.name == "postgresql"
    for _attempt in range(20):
        if postgres:  # rows another transaction is claiming right now are skipped, not waited for
            ids = session.execute(candidates.limit(1).with_for_update(skip_locked=True)).scalars().all()
        else:  # SQLite has one writer at a time: the conditional UPDATE below settles any race
            ids = session.execute(candidates.limit(5)).scalars().all()
        if not ids:
            return None
        for task_id in ids:
            if _take(session, task_id, user, now, lock_minutes):
                _audit(session, task_id, "claimed", user)
                return _fresh(session, task_id)
    return None


def claim(session: Session, task_id: int, *, user: str, lock_minutes: int = LOCK_MINUTES,
          now: datetime | None = None) -> ReviewTask:
    """Claim one task (opened from the queue), or extend the user's own claim; ClaimConflict otherwise."""
    now = now or utcnow()
    mine_before = session.execute(
        select(ReviewTask.claimed_by, ReviewTask.state).where(ReviewTask.id == task_id)
    ).one_or_none()
    if not _take(session, task_id, user, now, lock_minutes):
        task = session.get(ReviewTask, task_id)
        if task is None:
            raise LookupError(f"no review task {task_id}")
        session.refresh(task)
        raise ClaimConflict(task_id, task.claimed_by, task.state)
    if mine_before is None or mine_before != (user, CLAIMED):
        _audit(session, task_id, "claimed", user)
    return _fresh(session, task_id)


def extend(session: Session, task_id: int, *, user: str, lock_minutes: int = LOCK_MINUTES,
           now: datetime | None = None) -> bool:
    """Keep the user's claim alive (they are still working on it); False if they no longer hold it. The version is
    left alone: nothing about the task changed, so pages the user has open stay valid."""
    now = now or utcnow()
    result = session.execute(
        update(ReviewTask).where(ReviewTask.id == task_id, ReviewTask.state == CLAIMED, ReviewTask.claimed_by == user)
        .values(lock_expires_at=now + timedelta(minutes=lock_minutes)).execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def release(session: Session, task_id: int, *, actor: str, holder: str | None = None) -> bool:
    """Put a claimed or held task back in the queue (the holder giving it up, or a supervisor); False if it was
    neither (or, with `holder`, not claimed by that user)."""
    condition = and_(ReviewTask.id == task_id, ReviewTask.state.in_([CLAIMED, HELD]))
    if holder is not None:
        condition = and_(condition, ReviewTask.claimed_by == holder)
    result = session.execute(_reopen(condition))
    if result.rowcount != 1:
        return False
    _audit(session, task_id, "released", actor)
    return True


def release_expired(session: Session, *, now: datetime | None = None) -> int:
    """Return every claim whose lock has run out to the queue; the number released (for the cleanup flow)."""
    now = now or utcnow()
    expired = and_(ReviewTask.state == CLAIMED, ReviewTask.lock_expires_at < now)
    rows = session.execute(select(ReviewTask.id, ReviewTask.document_id, ReviewTask.claimed_by).where(expired)).all()
    released = 0
    for task_id, document_id, holder in rows:
        if session.execute(_reopen(and_(ReviewTask.id == task_id, expired))).rowcount == 1:
            session.add(AuditEvent(actor="pipeline:cleanup", action="claim_expired", document_id=document_id,
                                   detail=f"claim by {holder} expired"))
            released += 1
    return released


def reassign(session: Session, task_id: int, to_user: str, *, actor: str, lock_minutes: int = LOCK_MINUTES,
             now: datetime | None = None) -> ReviewTask:
    """Hand a task (open, claimed or held) to another user as a fresh claim."""
    now = now or utcnow()
    result = session.execute(
        update(ReviewTask).where(ReviewTask.id == task_id, ReviewTask.decision.is_(None)).values(
            state=CLAIMED, claimed_by=to_user, claimed_at=now,
            lock_expires_at=now + timedelta(minutes=lock_minutes), version=ReviewTask.version + 1,
        ).execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise LookupError(f"review task {task_id} is not in the queue (done or unknown)")
    _audit(session, task_id, "reassigned", actor, detail=f"to {to_user}")
    return _fresh(session, task_id)


def _reopen(condition):  # noqa: ANN001, ANN202
    return update(ReviewTask).where(condition).values(
        state=OPEN, claimed_by=None, claimed_at=None, lock_expires_at=None, version=ReviewTask.version + 1,
    ).execution_options(synchronize_session=False)


def _fresh(session: Session, task_id: int) -> ReviewTask:
    task = session.get(ReviewTask, task_id)
    session.refresh(task)
    return task
