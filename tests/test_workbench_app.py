"""The workbench over HTTP (FastAPI's TestClient): sign-in, CSRF, client scope, edits that re-validate at once,
approving exactly once, rejecting and holding with a reason, second approval, masking, the supervisor page."""

from __future__ import annotations

import copy
import io
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text

from backoffice.cli import main
from connectors.sor import ap_invoices, metadata
from models.db import engine_for, session_scope
from models.store import load_document
from models.tables import AuditEvent, DocumentRecord, Posting, ReviewTask, User
from tests.test_workbench_kit import (  # noqa: F401 - fixtures
    PASSWORD,
    add_user,
    bank_change,
    csrf_of,
    extracted,
    free_port,
    save,
    sign_in,
    variant,
    workbench,
)
from workbench.app import create_app

JSON = {"Accept": "application/json"}


def client_for(config) -> TestClient:  # noqa: ANN001
    return TestClient(create_app(config))


def edit(client: TestClient, token: str, document_id: int, edits: dict[str, str]):  # noqa: ANN201
    return client.post(f"/documents/{document_id}/edits", json={"edits": edits},
                       headers={**JSON, "X-CSRF-Token": token})


def take_next(client: TestClient, token: str) -> int:
    response = client.post("/next", data={"csrf": token})
    assert response.url.path.startswith("/documents/"), response.text[:500]
    return int(response.url.path.rsplit("/", 1)[1])


def operator_on(config, doc, client_id: str = "acme") -> tuple[TestClient, str, int]:  # noqa: ANN001
    """Olga, an operator of the client, signed in and holding the document (saved first); client, token, id."""
    document_id = save(config.database_url, doc, client_id)
    add_user(config.database_url, "olga", clients=(client_id,))
    client = client_for(config)
    token = sign_in(client, "olga")
    assert take_next(client, token) == document_id
    return client, token, document_id


def version_of(html: str) -> str:
    return re.search(r'name="version" class="version" value="(\d+)"', html).group(1)


def postings_in_sor(config) -> int:  # noqa: ANN001
    """Invoices in the system of record itself (its tables exist once anything was posted; made here if not)."""
    engine = engine_for(config.connector.url)
    metadata.create_all(engine)
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(ap_invoices)).scalar_one()


def test_pages_ask_for_sign_in_and_a_wrong_password_is_refused(workbench):
    add_user(workbench.database_url, "olga")
    client = client_for(workbench)
    assert client.get("/", follow_redirects=False).headers["location"].startswith("/login")
    token = csrf_of(client.get("/login").text)
    refused = client.post("/login", data={"username": "olga", "password": "wrong password!", "csrf": token})
    assert refused.status_code == 401 and "Wrong user name or password" in refused.text
    with session_scope(workbench.database_url) as s:
        stored = s.exec(select(User.password_hash)).scalar_one()
    assert stored.startswith("scrypt$") and PASSWORD not in stored
    sign_in(client, "olga")
    assert client.get("/").status_code == 200


def test_five_wrong_passwords_in_a_row_lock_the_user_for_a_while_until_an_admin_sets_a_new_one(workbench):
    add_user(workbench.database_url, "olga")
    client = client_for(workbench)
    token = csrf_of(client.get("/login").text)

    def attempt(password: str):  # noqa: ANN202
        return client.post("/login", data={"username": "olga", "password": password, "csrf": token},
                           follow_redirects=False)

    for _ in range(3):
        assert attempt("wrong password!").status_code == 401
    assert attempt(PASSWORD).status_code == 303  # the right one in time resets the count
    client.post("/logout", data={"csrf": csrf_of(client.get("/").text)})
    token = csrf_of(client.get("/login").text)
    assert [attempt("wrong password!").status_code for _ in range(5)] == [401, 401, 401, 401, 429]
    locked = attempt(PASSWORD)  # now even the right password waits
    assert locked.status_code == 429 and "Too many wrong passwords in a row for this user" in locked.text
    assert "ask an admin to set a new password" in locked.text
    add_user(workbench.database_url, "olga")  # an admin sets a new password: the lock is lifted
    assert attempt(PASSWORD).status_code == 303


def test_an_admin_adds_and_switches_off_users_in_the_workbench_and_nobody_else_may(workbench):
    add_user(workbench.database_url, "ada", role="admin")
    add_user(workbench.database_url, "sam", role="supervisor")
    supervisor_client = client_for(workbench)
    sign_in(supervisor_client, "sam")
    assert supervisor_client.get("/admin/users").status_code == 403
    admin_client = client_for(workbench)
    token = sign_in(admin_client, "ada")
    assert ">Users</a>" in admin_client.get("/").text

    short = admin_client.post("/admin/users", data={"csrf": token, "username": "olga", "role": "operator",
                                                    "clients": "acme", "password": "short"})
    assert "Not saved: the password is too short" in short.text
    saved = admin_client.post("/admin/users", data={"csrf": token, "username": "olga", "role": "operator",
                                                    "clients": "acme, beta", "password": PASSWORD})
    assert "olga saved (operator; clients: acme, beta)" in saved.text
    operator = client_for(workbench)
    sign_in(operator, "olga")
    assert operator.get("/").status_code == 200 and operator.get("/admin/users").status_code == 403

    off = admin_client.post("/admin/users/olga/active", data={"csrf": token, "active": "no"})
    assert "olga can no longer sign in" in off.text
    assert operator.get("/", follow_redirects=False).status_code == 303  # her open session ends at once
    with session_scope(workbench.database_url) as s:
        actions = [e.action for e in s.exec(select(AuditEvent).where(AuditEvent.field == "olga")).scalars()]
    assert actions == ["user_saved", "user_deactivated"]


def test_every_post_without_the_sessions_csrf_token_is_refused(workbench, extracted):
    document_id = save(workbench.database_url, extracted["invoice_total_mismatch.pdf"], "acme")
    add_user(workbench.database_url, "olga")
    client = client_for(workbench)
    assert client.post("/login", data={"username": "olga", "password": PASSWORD}).status_code == 403
    token = sign_in(client, "olga")
    assert client.post("/next", data={}).status_code == 403
    assert client.post("/next", data={"csrf": "forged"}).status_code == 403
    assert edit(client, "forged", document_id, {"total_amount": "576.05"}).status_code == 403
    with session_scope(workbench.database_url) as s:  # nothing was claimed by the refused requests
        assert s.exec(select(ReviewTask.state)).scalar_one() == "open"
    assert take_next(client, token) == document_id


def test_an_operator_sees_only_the_clients_assigned_to_them_also_by_url(workbench, extracted):
    ours = save(workbench.database_url, extracted["invoice_total_mismatch.pdf"], "acme")
    theirs = save(workbench.database_url, extracted["invoice_subtotal_mismatch.pdf"], "globex")
    add_user(workbench.database_url, "olga", clients=("acme",))
    add_user(workbench.database_url, "sam", role="supervisor", clients=())
    olga = client_for(workbench)
    token = sign_in(olga, "olga")
    queue = olga.get("/").text
    assert f'href="/documents/{ours}"' in queue and f'href="/documents/{theirs}"' not in queue
    for path in (f"/documents/{theirs}", f"/documents/{theirs}/pages/1"):
        assert olga.get(path).status_code == 404
    assert olga.post(f"/documents/{theirs}/claim", data={"csrf": token}).status_code == 404
    assert edit(olga, token, theirs, {"subtotal": "1.00"}).status_code == 404
    assert take_next(olga, token) == ours
    assert olga.post("/next", data={"csrf": token}).url.path == f"/documents/{ours}"  # still hers, not globex's
    sam = client_for(workbench)
    sign_in(sam, "sam")
    assert sam.get(f"/documents/{theirs}").status_code == 200


def test_correcting_the_total_clears_the_arithmetic_issue_and_approve_posts_exactly_once(workbench, extracted):
    client, token, document_id = operator_on(workbench, extracted["invoice_total_mismatch.pdf"])
    page = client.get(f"/documents/{document_id}").text
    assert "The total does not add up" in page and "576.05" in page  # the issue, and the sum the figures make

    answer = edit(client, token, document_id, {"total_amount": "576,05"})  # typed the German way
    assert answer.status_code == 200
    body = answer.json()
    assert body["errors"] == 0 and "invoice.total_mismatch" not in body["issues_html"]
    assert body["fields"]["total_amount"]["value"] == "576.05"

    version = body["version"]
    first = client.post(f"/documents/{document_id}/approve", data={"csrf": token, "version": version})
    second = client.post(f"/documents/{document_id}/approve", data={"csrf": token, "version": version})
    assert "approved and posted" in first.text
    assert "already approved by olga" in second.text
    assert postings_in_sor(workbench) == 1
    with session_scope(workbench.database_url) as s:
        assert s.exec(select(func.count(Posting.id))).scalar_one() == 1
        assert s.get(DocumentRecord, document_id).status == "posted"
        change = s.exec(select(AuditEvent).where(AuditEvent.action == "edited")).scalars().one()
    assert (change.actor, change.field, change.old_value, change.new_value) == ("olga", "total_amount", "532.59",
                                                                                 "576.05")


def test_a_document_the_classifier_could_not_place_is_read_again_as_the_type_the_operator_names(workbench, extracted):
    from backoffice.document import Issue

    invoice = extracted["invoice_total_mismatch.pdf"]
    unplaced = copy.deepcopy(invoice)  # as if its title had been lost on the scan
    unplaced.doc_type, unplaced.type_confidence, unplaced.fields, unplaced.tables = "unknown", 0.0, {}, {}
    unplaced.issues = [Issue("doc.unknown_type", "this is not recognisably an invoice, ...")]
    client, token, document_id = operator_on(workbench, unplaced)
    page = client.get(f"/documents/{document_id}").text
    assert "Not recognised: read it as" in page and 'value="invoice"' in page

    answer = client.post(f"/documents/{document_id}/type", data={"csrf": token, "kind": "invoice"})
    assert answer.status_code == 200 and "Read again as an invoice" in answer.text
    assert "The total does not add up" in answer.text  # validated as an invoice now: its real problem shows
    with session_scope(workbench.database_url) as s:
        record = s.get(DocumentRecord, document_id)
        assert (record.doc_type, record.status) == ("invoice", "needs_review")
        stored = load_document(s, document_id)
        retyped = s.exec(select(AuditEvent).where(AuditEvent.action == "retyped")).scalars().one()
    assert stored.fields["total_amount"].value == invoice.fields["total_amount"].value
    assert [i.code for i in stored.issues if i.code == "doc.unknown_type"] == []
    assert (retyped.actor, retyped.old_value, retyped.new_value) == ("olga", "unknown", "invoice")

    stranger = client_for(workbench)  # only the holder of the claim may do it
    add_user(workbench.database_url, "omar")
    assert stranger.post(f"/documents/{document_id}/type",
                         data={"csrf": sign_in(stranger, "omar"), "kind": "payroll"}).status_code == 409


def test_text_that_is_not_an_amount_is_refused_with_the_field_named_and_nothing_saved(workbench, extracted):
    client, token, document_id = operator_on(workbench, extracted["invoice_total_mismatch.pdf"])
    answer = edit(client, token, document_id, {"total_amount": "five hundred"})
    assert answer.status_code == 422 and "Total amount" in answer.json()["error"]
    assert "total_amount" in answer.json()["fields"]
    with session_scope(workbench.database_url) as s:
        assert s.exec(select(func.count(AuditEvent.id)).where(AuditEvent.action == "edited")).scalar_one() == 0


def test_a_line_amount_is_corrected_as_the_row_the_issue_names(workbench, extracted):
    client, token, document_id = operator_on(workbench, extracted["invoice_subtotal_mismatch.pdf"])
    first_row = extracted["invoice_subtotal_mismatch.pdf"].tables["line_items"][0]["amount"].value
    body = edit(client, token, document_id, {"line_items[1].amount": str(first_row + 1)}).json()
    assert body["fields"]["line_items[1].amount"]["value"] == str(first_row + 1)  # row 1 is the first row
    assert body["fields"]["line_items[2].amount"]["value"] != str(first_row + 1)


def test_reject_needs_a_reason_and_records_it_and_hold_parks_the_document(workbench, extracted):
    rejected = save(workbench.database_url, extracted["invoice_total_mismatch.pdf"], "acme")
    held = save(workbench.database_url, extracted["invoice_subtotal_mismatch.pdf"], "acme")
    add_user(workbench.database_url, "olga")
    client = client_for(workbench)
    token = sign_in(client, "olga")
    assert take_next(client, token) == rejected
    version = version_of(client.get(f"/documents/{rejected}").text)
    no_reason = client.post(f"/documents/{rejected}/reject", data={"csrf": token, "version": version, "reason": " "})
    assert "say why you reject it" in no_reason.text
    after = client.post(f"/documents/{rejected}/reject",
                        data={"csrf": token, "version": version_of(no_reason.text), "reason": "not our customer's invoice"})
    assert after.url.path == f"/documents/{held}"  # straight on to the next document
    version = version_of(after.text)
    client.post(f"/documents/{held}/hold", data={"csrf": token, "version": version,
                                                 "reason": "asked the vendor: is account 000123456789 theirs?"})
    with session_scope(workbench.database_url) as s:
        assert s.get(DocumentRecord, rejected).status == "rejected"
        tasks = {t.document_id: t for t in s.exec(select(ReviewTask)).scalars()}
    assert (tasks[rejected].decision, tasks[rejected].reason) == ("rejected", "not our customer's invoice")
    # the account number typed into the reason is masked: the reason goes into the client report
    assert (tasks[held].state, tasks[held].reason) == ("held", "asked the vendor: is account ********6789 theirs?")
    assert client.post("/next", data={"csrf": token}).url.path == "/"  # a held document is not handed out
    assert postings_in_sor(workbench) == 0


def test_a_bank_account_change_needs_a_supervisor_as_second_approver(workbench, bank_change):
    olga, token, document_id = operator_on(workbench, bank_change, "lakeside")
    add_user(workbench.database_url, "sam", role="supervisor", clients=())
    version = version_of(olga.get(f"/documents/{document_id}").text)
    first = olga.post(f"/documents/{document_id}/approve", data={"csrf": token, "version": version, "confirm": "yes"})
    assert "waits for a supervisor" in first.text
    assert postings_in_sor(workbench) == 0
    assert olga.post("/next", data={"csrf": token}).url.path == "/"  # not for her a second time

    sam = client_for(workbench)
    token = sign_in(sam, "sam")
    assert take_next(sam, token) == document_id
    page = sam.get(f"/documents/{document_id}").text
    assert "first approved by olga" in page
    done = sam.post(f"/documents/{document_id}/approve",
                    data={"csrf": token, "version": version_of(page), "confirm": "yes"})
    assert "approved and posted" in done.text
    with session_scope(workbench.database_url) as s:
        task = s.exec(select(ReviewTask)).scalars().one()
        assert (task.first_approved_by, task.decided_by) == ("olga", "sam")
        assert s.get(DocumentRecord, document_id).status == "posted"


def test_personal_data_is_masked_and_a_supervisors_unmasking_is_audited(workbench, bank_change):
    document_id = save(workbench.database_url, bank_change, "lakeside")
    add_user(workbench.database_url, "olga", clients=("lakeside",))
    add_user(workbench.database_url, "sam", role="supervisor", clients=())
    account = str(bank_change.fields["account_number"].value)
    olga = client_for(workbench)
    token = sign_in(olga, "olga")
    page = olga.get(f"/documents/{document_id}").text
    assert account not in page and "*" * (len(account) - 4) + account[-4:] in page
    assert olga.post(f"/documents/{document_id}/unmask", json={"field": "account_number"},
                     headers={**JSON, "X-CSRF-Token": token}).status_code == 403
    sam = client_for(workbench)
    token = sign_in(sam, "sam")
    shown = sam.post(f"/documents/{document_id}/unmask", json={"field": "account_number"},
                     headers={**JSON, "X-CSRF-Token": token})
    assert shown.json()["value"] == account
    assert sam.post(f"/documents/{document_id}/unmask", json={"field": "bank_name"},
                    headers={**JSON, "X-CSRF-Token": token}).status_code == 400
    with session_scope(workbench.database_url) as s:
        looks = s.exec(select(AuditEvent).where(AuditEvent.action == "unmasked")).scalars().all()
    assert [(e.actor, e.field) for e in looks] == [("sam", "account_number")]


def test_the_supervisor_page_shows_the_load_and_releases_or_reassigns_a_claim(workbench, extracted):
    doc = extracted["invoice_total_mismatch.pdf"]
    first = save(workbench.database_url, doc, "acme")
    save(workbench.database_url, variant(doc, 1), "acme")
    add_user(workbench.database_url, "olga")
    add_user(workbench.database_url, "bob")
    add_user(workbench.database_url, "sam", role="supervisor", clients=())
    olga = client_for(workbench)
    olga_token = sign_in(olga, "olga")
    assert olga.get("/supervisor").status_code == 403
    assert take_next(olga, olga_token) == first
    sam = client_for(workbench)
    token = sign_in(sam, "sam")
    page = sam.get("/supervisor").text
    assert '<a href="/?client=acme">acme</a></td><td>1</td><td>1</td>' in page  # one waiting, one claimed
    assert "<td>olga</td>" in page
    with session_scope(workbench.database_url) as s:
        task_id = s.exec(select(ReviewTask.id).where(ReviewTask.document_id == first)).scalar_one()
    sam.post(f"/supervisor/tasks/{task_id}/reassign", data={"csrf": token, "username": "bob"})
    with session_scope(workbench.database_url) as s:
        assert s.get(ReviewTask, task_id).claimed_by == "bob"
    page = olga.get(f"/documents/{first}").text
    assert "bob is working on this document" in page and "approve-form" not in page
    sam.post(f"/supervisor/tasks/{task_id}/release", data={"csrf": token})
    with session_scope(workbench.database_url) as s:
        assert (s.get(ReviewTask, task_id).state, s.get(ReviewTask, task_id).claimed_by) == ("open", None)


def test_users_add_reads_the_password_from_stdin_and_refuses_a_short_one(workbench, monkeypatch):
    monkeypatch.setenv("BACKOFFICE_DATABASE_URL", workbench.database_url)
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["users", "add", "olga", "--role", "operator", "--clients", "acme,globex", "--password-stdin"],
                out=out, err=err) == 2
    assert "too short" in err.getvalue()
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["users", "add", "olga", "--role", "operator", "--clients", "acme,globex", "--password-stdin"],
                out=out, err=err) == 0
    assert "created operator olga (acme, globex)" in out.getvalue()
    with session_scope(workbench.database_url) as s:
        assert s.execute(text("select clients from users")).scalar_one() in ('["acme", "globex"]', ["acme", "globex"])
    client = client_for(workbench)
    sign_in(client, "olga")


def test_backoffice_serve_starts_the_workbench_on_the_database_from_the_settings(workbench, tmp_path):
    add_user(workbench.database_url, "olga")
    port = free_port()
    env = {**os.environ, "BACKOFFICE_DATABASE_URL": workbench.database_url, "BACKOFFICE_DATA_DIR": str(tmp_path)}
    server = subprocess.Popen([str(Path(sys.executable).with_name("backoffice")), "serve", "--port", str(port)],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                login = httpx.get(f"http://127.0.0.1:{port}/login")
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and server.poll() is None, server.stdout.read().decode()
                time.sleep(0.1)
        assert "Sign in" in login.text
        token = csrf_of(login.text)
        signed_in = httpx.post(f"http://127.0.0.1:{port}/login", cookies=login.cookies,
                               data={"username": "olga", "password": PASSWORD, "csrf": token})
        assert signed_in.status_code == 303 and signed_in.headers["location"] == "/"
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert f"workbench on http://127.0.0.1:{port}/" in server.stdout.read().decode()


def test_page_images_are_cached_and_a_turned_scan_is_shown_upright_like_its_boxes(tmp_path):
    from PIL import Image

    from workbench.pages import WIDTH, page_image

    samples = Path(__file__).resolve().parent.parent / "sample_docs"
    scan = samples / "dd_b_scan200_rot270.png"  # lying on its side as dropped
    with Image.open(scan) as dropped:
        assert dropped.width > dropped.height
    shown = page_image(scan, sha256="a" * 64, page=1, rotation=None, skew=None, cache_dir=tmp_path)
    with Image.open(shown) as upright:
        assert upright.width == WIDTH and upright.height > upright.width
    assert page_image(scan, sha256="a" * 64, page=1, rotation=None, skew=None, cache_dir=tmp_path) == shown
    pdf_page = page_image(samples / "invoice_en_d_multipage.pdf", sha256="b" * 64, page=2, cache_dir=tmp_path)
    with Image.open(pdf_page) as second:
        assert second.width == WIDTH and second.height > second.width
