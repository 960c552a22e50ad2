"""Read-only queries behind the queue page and the supervisor page (one SQL statement each where possible:
they must stay fast with tens of thousands of documents waiting)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import String, and_, cast, func, or_, select
from sqlmodel import Session

from models.tables import CLAIMED, HELD, OPEN, AuditEvent, Client, DocumentRecord, ReviewTask, utcnow

QUEUE_STATES = (OPEN, CLAIMED, HELD)
SORTS = {
    "age": (ReviewTask.created_at, ReviewTask.id),
    "newest": (ReviewTask.created_at.desc(), ReviewTask.id.desc()),
    "priority": (ReviewTask.priority.desc(), ReviewTask.created_at, ReviewTask.id),
    "client": (ReviewTask.client_id, ReviewTask.created_at, ReviewTask.id),
}
PAGE_SIZE = 50
COUNT_CAP = 1000  # filtered counts stop here ("1000+")
DOC_TYPES = ("invoice", "payroll", "form", "unknown")  # DocumentRecord.doc_type; anything else is a form_type


@dataclass
class QueueRow:
    task_id: int
    document_id: int
    client_id: str
    doc_type: str
    codes: list[str]
    priority: int
    state: str
    claimed_by: str | None
    lock_expires_at: datetime | None
    waits_for_second: bool
    age: timedelta
    sla: timedelta

    @property
    def late(self) -> bool:
        return self.age > self.sla

    @property
    def claim_expired(self) -> bool:
        return self.state == CLAIMED and self.lock_expires_at is not None and self.lock_expires_at < utcnow()


@dataclass
class QueueFilter:
    client: str = ""
    doc_type: str = ""
    code: str = ""
    state: str = ""  # "", open, claimed, held
    sort: str = "age"
    page: int = 1


def queue_page(session: Session, scope: Sequence[str] | None, f: QueueFilter) -> tuple[list[QueueRow], int]:
    """One page of the queue for the user's clients (None: all), and how many tasks match in all."""
    conditions = [ReviewTask.state.in_([f.state] if f.state in QUEUE_STATES else QUEUE_STATES)]
    if scope is not None:
        conditions.append(ReviewTask.client_id.in_(list(scope)))
    if f.client:
        conditions.append(ReviewTask.client_id == f.client)
    if f.code:  # codes is a JSON list; its text holds each code in quotes
        conditions.append(cast(ReviewTask.codes, String).like(f'%"{f.code.strip()}%'))
    if f.doc_type:  # the column itself, not coalesce(): PostgreSQL estimates a plain column's share well
        column = DocumentRecord.doc_type if f.doc_type in DOC_TYPES else DocumentRecord.form_type
        conditions.append(column == f.doc_type)
    where = and_(*conditions)
    order = SORTS.get(f.sort, SORTS["age"])
    matching = select(ReviewTask.id).where(where)
    if f.doc_type:
        matching = matching.join(DocumentRecord, DocumentRecord.id == ReviewTask.document_id)
    page = matching.order_by(*order).limit(PAGE_SIZE).offset((max(f.page, 1) - 1) * PAGE_SIZE)
    if f.doc_type or f.code:  # no index answers these: count no further than anyone would page
        total = session.execute(select(func.count()).select_from(matching.limit(COUNT_CAP).subquery())).scalar_one()
    else:
        total = session.execute(select(func.count(ReviewTask.id)).where(where)).scalar_one()
    # The page's 50 ids first (from review_tasks alone), then their details: joining every waiting task to its
    # document before sorting would cost a hash of the whole documents table on each page view.
    ids = list(session.execute(page).scalars())
    query = (
        select(ReviewTask, func.coalesce(DocumentRecord.form_type, DocumentRecord.doc_type), Client.sla_hours)
        .join(DocumentRecord, DocumentRecord.id == ReviewTask.document_id)
        .join(Client, Client.id == ReviewTask.client_id)
        .where(ReviewTask.id.in_(ids)).order_by(*order)
    )
    now = utcnow()
    rows = [
        QueueRow(task_id=t.id, document_id=t.document_id, client_id=t.client_id, doc_type=kind, codes=list(t.codes),
                 priority=t.priority, state=t.state, claimed_by=t.claimed_by, lock_expires_at=t.lock_expires_at,
                 waits_for_second=bool(t.needs_second_approval and t.first_approved_by),
                 age=now - t.created_at, sla=timedelta(hours=sla))
        for t, kind, sla in session.execute(query).all()
    ]
    return rows, total


def client_choices(session: Session, scope: Sequence[str] | None) -> list[str]:
    query = select(Client.id).order_by(Client.id)
    if scope is not None:
        query = query.where(Client.id.in_(list(scope)))
    return list(session.execute(query).scalars())


@dataclass
class ClientLoad:
    client_id: str
    waiting: int
    claimed: int
    held: int
    oldest: timedelta | None
    late: int
    sla: timedelta


def load_per_client(session: Session) -> list[ClientLoad]:
    """Per client: tasks waiting, claimed and held, the oldest one's age and how many are past the SLA."""
    now = utcnow()
    counts: dict[str, dict[str, int]] = {}
    oldest: dict[str, datetime] = {}
    for client_id, state, n, first in session.execute(
        select(ReviewTask.client_id, ReviewTask.state, func.count(), func.min(ReviewTask.created_at))
        .where(ReviewTask.state.in_(QUEUE_STATES)).group_by(ReviewTask.client_id, ReviewTask.state)
    ).all():
        counts.setdefault(client_id, {})[state] = n
        first = first if first.tzinfo else first.replace(tzinfo=now.tzinfo)
        oldest[client_id] = min(oldest.get(client_id, first), first)
    loads = []
    for client in session.execute(select(Client).order_by(Client.id)).scalars():
        sla = timedelta(hours=client.sla_hours)
        late = session.execute(
            select(func.count(ReviewTask.id)).where(ReviewTask.client_id == client.id,
                                                    ReviewTask.state.in_(QUEUE_STATES),
                                                    ReviewTask.created_at < now - sla)
        ).scalar_one() if client.id in counts else 0
        c = counts.get(client.id, {})
        loads.append(ClientLoad(client_id=client.id, waiting=c.get(OPEN, 0), claimed=c.get(CLAIMED, 0),
                                held=c.get(HELD, 0), oldest=now - oldest[client.id] if client.id in oldest else None,
                                late=late, sla=sla))
    return loads


DECISIONS = ("approved", "first_approval", "rejected", "held")


def throughput_today(session: Session) -> list[tuple[str, dict[str, int]]]:
    """Per user: documents approved, first-approved, rejected and held since midnight UTC."""
    midnight = utcnow().replace(hour=0, minute=0, second=0, microsecond=0)
    per_user: dict[str, dict[str, int]] = {}
    for actor, action, n in session.execute(
        select(AuditEvent.actor, AuditEvent.action, func.count())
        .where(AuditEvent.at >= midnight, AuditEvent.action.in_(DECISIONS))
        .group_by(AuditEvent.actor, AuditEvent.action)
    ).all():
        per_user.setdefault(actor, {})[action] = n
    return sorted(per_user.items(), key=lambda item: -sum(item[1].values()))


def claims(session: Session) -> list[ReviewTask]:
    """Tasks someone holds, or that wait on hold, oldest claim first (for release and reassign)."""
    return list(session.execute(
        select(ReviewTask).where(or_(ReviewTask.state == CLAIMED, ReviewTask.state == HELD))
        .order_by(ReviewTask.claimed_at, ReviewTask.id).limit(200)
    ).scalars())
