"""Direct deposit forms filled in on screen and written one digit a box, as a payroll clerk checks them: the bank's
name typed into a field whose box runs on under another caption further right (a phone number two lines up), the
employee's name under a title whose big words stand spaced apart, and routing and account numbers in comb boxes
(caption over them or left of them, the account's boxes more than its digits). Every form is drawn here."""

from __future__ import annotations

import random

import pytest
from reportlab.lib.pagesizes import LETTER

from samplegen.drawing import Sheet
from samplegen.forms_random import Page, Style, _number_comb
from samplegen.pens import FillablePen, TypedPen
from tests.conftest import extract
from tests.test_forms import values

ROUTING, ACCOUNT = "021000021", "44712039581"
AUTHORIZATION = ("I authorize Harbor Freight Services Inc. to deposit my pay automatically into the account listed "
                 "above, and to initiate entries to correct any amount deposited in error.")


def draw(pen: TypedPen, seed: int, combs: bool) -> bytes:
    c = Sheet(LETTER)
    p = Page(c, Style(random.Random(seed), "table", "Helvetica", "Helvetica-Bold", 8.5, "square", 1.0, "us"),
             50, LETTER[0] - 50, LETTER[1] - 50)
    c.setFont("Times-Bold", 14)
    for x, word in zip((50, 110, 175), ("Direct", "Deposit", "Authorization")):
        c.drawString(x, p.y, word)  # a title set word by word, spaced wide
    p.y -= 30
    p.fields(pen, [("Print name", "Megan Nguyen", False)])
    p.fields(pen, [("Employee number", "26-2633", True), ("Phone", "(905) 711-5219", True)])
    p.fields(pen, [("Bank name", "Bayfront Community Bank", False)])
    if combs:
        _number_comb(p, pen, "Routing / Transit number", ROUTING, 9)
        _number_comb(p, pen, "Account number", ACCOUNT, 17)
    else:
        p.fields(pen, [("Routing number", ROUTING, True), ("Account number", ACCOUNT, True)])
    p.options(pen, "Account type:", [("Checking", True), ("Savings", False)], {})
    p.paragraph(AUTHORIZATION)
    p.signature(pen, "Employee signature", "Date", "03/04/2026")
    return c.pdf_bytes()


FORMS = {f"dd_{kind}_{seed}_{'combs' if combs else 'lines'}.pdf": (kind, seed, combs)
         for kind in ("typed", "fillable") for seed in (1, 2) for combs in (True, False)}


@pytest.fixture(scope="module")
def read(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("dd_fillable")
    for name, (kind, seed, combs) in FORMS.items():
        pen = (FillablePen if kind == "fillable" else TypedPen)(random.Random(seed), "Helvetica")
        (folder / name).write_bytes(draw(pen, seed, combs))
    code, lines, err = extract(*sorted(folder.iterdir()))
    assert code == 0, err
    return {line["source"].rsplit("/", 1)[-1]: line for line in lines}


@pytest.mark.parametrize("name", sorted(FORMS))
def test_the_employee_bank_and_numbers_are_read_from_fields_and_comb_boxes(read: dict, name: str):
    got = values(read[name])
    assert got.get("employee_name") == "Megan Nguyen"
    assert got.get("bank_name") == "Bayfront Community Bank"
    assert (got.get("routing_number"), got.get("account_number")) == (ROUTING, ACCOUNT)
    assert got.get("account_type") == "checking"
