"""The workbench in Debian's Chromium (Playwright): keyboard-only correction and approval with the keystrokes
counted, exactly one posting, two operators pressing "next" at once, client scope by URL, an expired claim.

Set BACKOFFICE_WORKBENCH_SCREENSHOT=docs/workbench-document-view.png to refresh the README's screenshot."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select, update

from connectors.sor import ap_invoices
from models.db import engine_for, migrate, session_scope
from models.tables import ReviewTask, utcnow
from tests.test_workbench_app import postings_in_sor
from tests.test_workbench_kit import (  # noqa: F401 - fixtures
    add_user,
    browser_sign_in,
    chromium,
    extracted,
    save,
    served,
    variant,
    workbench,
)

# Counts every key pressed in the page (not Ctrl/Shift/Alt on their own), kept across page loads of the tab.
COUNT_KEYS = """
window.addEventListener("keydown", (e) => {
  if (["Control", "Shift", "Alt", "Meta"].includes(e.key)) return;
  sessionStorage.setItem("keys", String(Number(sessionStorage.getItem("keys") || 0) + 1));
}, true);
"""
MISMATCH = 'li.issue[data-code="invoice.total_mismatch"]'


@pytest.fixture
def browser_page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(COUNT_KEYS)
    page = context.new_page()
    yield page
    context.close()


def open_next(page, base: str) -> int:  # noqa: ANN001
    page.keyboard.press("n")
    page.wait_for_url(re.compile(r".*/documents/\d+$"))
    return int(page.url.rsplit("/", 1)[1])


def open_the_wrong_total(page, base: str) -> None:  # noqa: ANN001
    """Olga signs in and takes the next document: the invoice whose total does not add up, cursor in the total."""
    browser_sign_in(page, base, "olga")
    open_next(page, base)
    page.wait_for_function("document.activeElement && document.activeElement.dataset.key === 'total_amount'")


def test_correct_a_wrong_total_and_approve_with_at_most_four_keystrokes(workbench, extracted, browser_page):
    page = browser_page
    document_id = save(workbench.database_url, extracted["invoice_total_mismatch.pdf"], "acme")
    add_user(workbench.database_url, "olga")
    with served(workbench) as base:
        open_the_wrong_total(page, base)
        page.evaluate("sessionStorage.setItem('keys', '0')")  # counting starts when the document is open
        expect(page.locator(MISMATCH)).to_have_count(1)
        expect(page.locator('.box.active[data-key="total_amount"]')).to_have_count(1)  # its box, highlighted
        page.locator(".page img").first.evaluate("img => img.decode()")
        if os.environ.get("BACKOFFICE_WORKBENCH_SCREENSHOT"):
            page.screenshot(path=os.environ["BACKOFFICE_WORKBENCH_SCREENSHOT"], type="png")

        page.keyboard.press("Equal")  # take the total the other figures make (576.05)
        page.keyboard.press("Enter")  # save it: validation runs again at once
        expect(page.locator(MISMATCH)).to_have_count(0)
        expect(page.locator("#status")).to_contain_text("Everything adds up")
        expect(page.locator('input[data-key="total_amount"]')).to_have_value("576.05")
        page.keyboard.press("Control+Enter")  # approve
        page.wait_for_url(f"{base}/")
        expect(page.locator(".msg").first).to_contain_text(f"Document {document_id} approved and posted")
        keystrokes = int(page.evaluate("sessionStorage.getItem('keys')"))
    assert keystrokes == 3 <= 4
    with engine_for(workbench.connector.url).connect() as conn:
        totals = conn.execute(select(ap_invoices.c.total_amount)).scalars().all()
    assert [str(t) for t in totals] == ["576.05"]


def test_typing_the_total_by_hand_and_approving_twice_posts_once(workbench, extracted, browser_page):
    page = browser_page
    save(workbench.database_url, extracted["invoice_total_mismatch.pdf"], "acme")
    add_user(workbench.database_url, "olga")
    with served(workbench) as base:
        open_the_wrong_total(page, base)
        page.keyboard.type("576,05")  # the focused value is selected: typing replaces it
        page.keyboard.press("Enter")
        expect(page.locator(MISMATCH)).to_have_count(0)
        page.keyboard.press("Control+Enter")
        page.keyboard.press("Control+Enter")
        page.wait_for_url(f"{base}/")
    assert postings_in_sor(workbench) == 1


def test_two_operators_pressing_next_at_once_get_different_documents(workbench, extracted, chromium,
                                                                     postgres_database):
    migrate(postgres_database)
    workbench.database_url = postgres_database
    doc = extracted["invoice_total_mismatch.pdf"]
    documents = {save(postgres_database, variant(doc, n), "acme") for n in range(2)}
    add_user(postgres_database, "olga")
    add_user(postgres_database, "bob")
    contexts = [chromium.new_context() for _ in range(2)]
    try:
        pages = [c.new_page() for c in contexts]
        with served(workbench) as base:
            for page, user in zip(pages, ("olga", "bob")):
                browser_sign_in(page, base, user)
            for page in pages:  # both requests are under way before either answer arrives
                page.evaluate("document.getElementById('next-form').requestSubmit()")
            for page in pages:
                page.wait_for_url(re.compile(r".*/documents/\d+$"))
            got = {int(p.url.rsplit("/", 1)[1]) for p in pages}
    finally:
        for c in contexts:
            c.close()
    assert got == documents


def test_an_operator_cannot_open_another_clients_document_by_url(workbench, extracted, browser_page):
    page = browser_page
    theirs = save(workbench.database_url, extracted["invoice_subtotal_mismatch.pdf"], "globex")
    add_user(workbench.database_url, "olga", clients=("acme",))
    with served(workbench) as base:
        browser_sign_in(page, base, "olga")
        response = page.goto(f"{base}/documents/{theirs}")
        assert response.status == 404
        expect(page.locator("body")).to_contain_text(f"there is no document {theirs} in your queue")
        assert page.goto(f"{base}/documents/{theirs}/pages/1").status == 404


def test_an_expired_claim_returns_to_the_queue_and_its_old_holder_cannot_approve(workbench, extracted, chromium):
    document_id = save(workbench.database_url, extracted["invoice_total_mismatch.pdf"], "acme")
    add_user(workbench.database_url, "olga")
    add_user(workbench.database_url, "bob")
    olga, bob = (chromium.new_context().new_page() for _ in range(2))
    try:
        with served(workbench) as base:
            browser_sign_in(olga, base, "olga")
            assert open_next(olga, base) == document_id
            with session_scope(workbench.database_url) as s:  # olga walked away: her lock ran out
                s.execute(update(ReviewTask).values(lock_expires_at=utcnow().replace(year=2000)))
            browser_sign_in(bob, base, "bob")
            expect(bob.locator("table.queue")).to_contain_text("claim expired")
            assert open_next(bob, base) == document_id
            olga.keyboard.press("Control+Enter")
            olga.keyboard.press("Control+Enter")  # the open issue asks for a second press
            olga.wait_for_url(f"{base}/documents/{document_id}")
            expect(olga.locator(".msg.error")).to_contain_text("you no longer hold this document")
    finally:
        olga.context.close()
        bob.context.close()
    assert postings_in_sor(workbench) == 0
