"""The exception queue's claims: two operators never hold the same document, an abandoned claim returns to the
queue, the oldest (highest priority first) goes out first; on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import select

from models import queue
from models.db import migrate, session_scope
from models.tables import ReviewTask, utcnow
from tests.test_workbench_kit import extracted, save, variant  # noqa: F401 - fixtures


def fill(url: str, doc, count: int, client_id: str = "acme") -> list[int]:  # noqa: ANN001
    return [save(url, variant(doc, n), client_id) for n in range(count)]


def everyone_asks_at_once(url: str, users: list[str]) -> dict[str, int | None]:
    """Each user asks for the next document in their own thread and transaction, released together."""
    start = threading.Barrier(len(users))
    got: dict[str, int | None] = {}

    def ask(user: str) -> None:
        start.wait()
        with session_scope(url) as session:
            task = queue.claim_next(session, user=user, clients=["acme"])
            got[user] = task.document_id if task else None

    threads = [threading.Thread(target=ask, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return got


@pytest.fixture
def sqlite_url(tmp_path, monkeypatch) -> str:
    monkeypatch.setenv("BACKOFFICE_DATA_DIR", str(tmp_path))
    url = f"sqlite:///{tmp_path / 'queue.db'}"
    migrate(url)
    return url


@pytest.fixture
def pg_url(postgres_database, tmp_path, monkeypatch) -> str:
    monkeypatch.setenv("BACKOFFICE_DATA_DIR", str(tmp_path))
    migrate(postgres_database)
    return postgres_database


@pytest.mark.parametrize("database", ["sqlite_url", "pg_url"])
def test_operators_asking_at_the_same_moment_never_get_the_same_document(database, request, extracted):
    url = request.getfixturevalue(database)
    documents = fill(url, extracted["invoice_total_mismatch.pdf"], 6)
    users = [f"operator{i}" for i in range(8)]
    got = everyone_asks_at_once(url, users)
    handed_out = [d for d in got.values() if d is not None]
    assert sorted(handed_out) == sorted(documents)  # all six taken, none twice
    assert sum(d is None for d in got.values()) == 2  # the two left over were told the queue is empty
    with session_scope(url) as session:
        holders = {t.document_id: t.claimed_by for t in session.exec(select(ReviewTask))}
    assert {holders[d] for d in handed_out} == {u for u, d in got.items() if d is not None}


def test_an_expired_claim_returns_to_the_queue(sqlite_url, extracted):
    [document] = fill(sqlite_url, extracted["invoice_total_mismatch.pdf"], 1)
    start = utcnow()
    with session_scope(sqlite_url) as session:
        assert queue.claim_next(session, user="olga", clients=["acme"], now=start).document_id == document
    with session_scope(sqlite_url) as session:  # while olga's lock holds, nobody else gets it
        assert queue.claim_next(session, user="bob", clients=["acme"], now=start + timedelta(minutes=14)) is None
    later = start + timedelta(minutes=queue.LOCK_MINUTES + 1)
    with session_scope(sqlite_url) as session:  # the cleanup flow's sweep puts it back, audited
        assert queue.release_expired(session, now=later) == 1
        assert queue.release_expired(session, now=later) == 0
        task = session.exec(select(ReviewTask)).one()
        assert (task.state, task.claimed_by) == ("open", None)
    with session_scope(sqlite_url) as session:
        assert queue.claim_next(session, user="bob", clients=["acme"], now=later).claimed_by == "bob"


def test_an_expired_claim_can_be_taken_even_before_the_sweep(sqlite_url, extracted):
    [document] = fill(sqlite_url, extracted["invoice_total_mismatch.pdf"], 1)
    start = utcnow()
    with session_scope(sqlite_url) as session:
        queue.claim_next(session, user="olga", clients=["acme"], now=start)
    with session_scope(sqlite_url) as session:
        task = queue.claim_next(session, user="bob", clients=["acme"], now=start + timedelta(hours=1))
        assert task.document_id == document and task.claimed_by == "bob"
    with session_scope(sqlite_url) as session, pytest.raises(queue.ClaimConflict, match="claimed by bob"):
        queue.claim(session, task.id, user="olga", now=start + timedelta(hours=1))


def test_next_hands_out_higher_priority_first_then_the_oldest_and_only_the_users_clients(sqlite_url, extracted):
    doc = extracted["invoice_total_mismatch.pdf"]
    old, new, urgent = fill(sqlite_url, doc, 3)
    other_client = save(sqlite_url, variant(doc, 99), "globex")
    with session_scope(sqlite_url) as session:
        now = utcnow()
        for document, age, priority in ((old, 5, 0), (new, 1, 0), (urgent, 0, 5), (other_client, 9, 9)):
            session.execute(update(ReviewTask).where(ReviewTask.document_id == document)
                            .values(created_at=now - timedelta(hours=age), priority=priority))
    order = []
    for n in range(4):
        with session_scope(sqlite_url) as session:
            task = queue.claim_next(session, user=f"op{n}", clients=["acme"])
            order.append(task.document_id if task else None)
    assert order == [urgent, old, new, None]


def test_a_user_asking_again_gets_the_document_they_already_hold(sqlite_url, extracted):
    first, _second = fill(sqlite_url, extracted["invoice_total_mismatch.pdf"], 2)
    with session_scope(sqlite_url) as session:
        assert queue.claim_next(session, user="olga", clients=["acme"]).document_id == first
    with session_scope(sqlite_url) as session:
        assert queue.claim_next(session, user="olga", clients=["acme"]).document_id == first
