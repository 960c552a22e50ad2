"""Employee direct deposit authorization forms: random records, ground truth, four dev layouts.

Like the W-9 layouts these draw the printed form and hand each input slot to a pen, so the same
family can be typed, fillable, or handwritten on a scan.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER

from samplegen import names
from samplegen.drawing import ACCENTS, GREY, LIGHT, Sheet, comb, lines_at, wrap
from samplegen.family import Family
from samplegen.pens import Pen
from samplegen.sample import Truth
from samplegen.values import format_date, random_date

FAULTS = {"unsigned": "form.unsigned", "routing_invalid": "direct_deposit.routing_invalid"}

TITLES = ("Direct Deposit Authorization Form", "Direct Deposit Authorization", "Employee Direct Deposit Enrollment",
          "Authorization for Direct Deposit of Pay")
AUTHORIZATION = ("I authorize {employer} to deposit my pay automatically into the account listed above, and to "
                 "initiate entries to correct any amount deposited in error. This authorization remains in effect "
                 "until {employer} has received written notice from me of its termination in such time and manner "
                 "as to give it a reasonable opportunity to act on it. Please attach a voided check or a bank letter.")
DEPARTMENTS = ("Warehouse", "Accounting", "Customer Service", "Production", "Sales", "IT", "Facilities", "Nursing")


@dataclass
class DirectDeposit:
    employer: names.Party
    employee_name: str
    employee_id: str
    department: str
    phone: str
    bank_name: str
    routing: str
    account: str
    account_type: str  # checking | savings
    signed: bool
    signature_date: date
    date_style: str
    accent: colors.Color
    title: str
    fault: str | None = None

    @property
    def date_text(self) -> str:
        return format_date(self.signature_date, self.date_style)

    @property
    def authorization(self) -> str:
        return AUTHORIZATION.format(employer=self.employer.name)


def make_direct_deposit(rng: random.Random, *, fault: str | None = None) -> DirectDeposit:
    person = names.person(rng)
    employee_id = rng.choice((f"E{rng.randint(1000, 9999)}", f"{rng.randint(10000, 99999)}",
                              f"{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"))
    return DirectDeposit(
        employer=names.company(rng, "us"),
        employee_name=person.last_first() if rng.random() < 0.2 else person.first_last(),
        employee_id=employee_id, department=rng.choice(DEPARTMENTS),
        phone=f"({rng.randint(201, 989)}) {rng.randint(200, 999)}-{rng.randint(0, 9999):04d}",
        bank_name=rng.choice(names.BANKS["us"]),
        routing=names.bad_routing_number(rng) if fault == "routing_invalid" else names.routing_number(rng),
        account=names.account_number(rng), account_type=rng.choice(("checking", "checking", "savings")),
        signed=fault != "unsigned", signature_date=random_date(rng),
        date_style=rng.choice(("us", "us", "iso", "month_day")), accent=rng.choice(ACCENTS), title=rng.choice(TITLES),
        fault=fault)


def truth(d: DirectDeposit) -> Truth:
    fields = {"employee_name": d.employee_name, "employee_id": d.employee_id, "bank_name": d.bank_name,
              "routing_number": d.routing, "account_number": d.account, "account_type": d.account_type,
              "signature_present": d.signed, "signature_date": d.signature_date.isoformat()}
    expect = {"status": "needs_review", "issues": [FAULTS[d.fault]]} if d.fault else None
    return Truth("form", "direct_deposit", fields, {}, expect)


# ---------------------------------------------------------------------------------------------
# Shared pieces


def signature_slot(c: Sheet, d: DirectDeposit, pen: Pen, x: float, y: float, w: float, h: float) -> None:
    """The scribble, if the employee signed."""
    if d.signed:
        pen.signature(c, x, y, w, h)


def underline_field(c: Sheet, pen: Pen, x: float, y: float, label: str, value: str, right: float,
                    font: str = "Helvetica", size: float = 9) -> None:
    c.setFont(font, size)
    c.drawString(x, y, label)
    start = x + c.stringWidth(label, font, size) + 6
    c.setLineWidth(0.5)
    c.line(start, y - 3, right, y - 3)
    pen.text(c, start + 4, y, value, right - start - 8, 10.5)


def account_type_boxes(c: Sheet, d: DirectDeposit, pen: Pen, x: float, y: float, size: float = 9,
                       gap: float = 80, labels: tuple[str, str] = ("Checking", "Savings")) -> None:
    for i, (key, label) in enumerate(zip(("checking", "savings"), labels)):
        pen.box(c, x + i * gap, y - 1, size, d.account_type == key)
        c.setFont("Helvetica", size)
        c.drawString(x + i * gap + size + 4, y, label)


def letterhead(c: Sheet, d: DirectDeposit, x: float, y: float, align: str = "left") -> float:
    c.setFillColor(d.accent)
    c.setFont("Helvetica-Bold", 14)
    draw = c.drawString if align == "left" else c.drawRightString
    draw(x, y, d.employer.name)
    c.setFillColor(colors.black)
    c.setFont("Helvetica", 8)
    draw(x, y - 12, "Human Resources / Payroll")
    draw(x, y - 22, ", ".join(d.employer.address_lines))
    return y - 30


# ---------------------------------------------------------------------------------------------
# Dev layout families


def render_underlines(d: DirectDeposit, pen: Pen) -> bytes:
    """Family A: letterhead, centred title, numbered sections of labelled underlines, entire-net-pay
    choice, authorization paragraph, signature and date lines."""
    W, H = LETTER
    c = Sheet((W, H))
    L, R = 60, W - 60
    y = letterhead(c, d, L, H - 60)
    c.setFont("Helvetica-Bold", 16)
    c.drawCentredString(W / 2, y - 28, d.title)
    y -= 62
    sections = (("1. Employee information", (("Employee name:", d.employee_name, R),
                                              ("Employee ID:", d.employee_id, W / 2 - 10))),
                ("2. Bank account", (("Bank name:", d.bank_name, R),
                                     ("Routing number (9 digits):", d.routing, W / 2 + 60),
                                     ("Account number:", d.account, W / 2 + 60))))
    for title, entries in sections:
        c.setFillColor(LIGHT)
        c.rect(L, y - 5, R - L, 17, stroke=0, fill=1)
        c.setFillColor(colors.black)
        c.setFont("Helvetica-Bold", 10)
        c.drawString(L + 6, y, title)
        y -= 30
        for label, value, right in entries:
            underline_field(c, pen, L, y, label, value, right)
            if label == "Employee ID:":
                underline_field(c, pen, W / 2 + 10, y, "Department:", d.department, R)
            y -= 26
    c.setFont("Helvetica", 9)
    c.drawString(L, y, "Account type:")
    account_type_boxes(c, d, pen, L + 80, y)
    y -= 24
    c.drawString(L, y, "Deposit:")
    pen.box(c, L + 80, y - 1, 9, True)
    c.drawString(L + 93, y, "Entire net pay")
    pen.box(c, L + 180, y - 1, 9, False)
    c.drawString(L + 193, y, "Fixed amount $")
    c.line(L + 260, y - 3, L + 330, y - 3)
    y -= 34
    y = lines_at(c, L, y, wrap(d.authorization, "Helvetica", 8.5, R - L), "Helvetica", 8.5, 11) - 30
    c.setLineWidth(0.6)
    c.line(L, y, L + 250, y)
    c.line(L + 300, y, R, y)
    signature_slot(c, d, pen, L + 10, y + 1, 200, 28)
    pen.text(c, L + 306, y + 4, d.date_text, R - L - 310, 10.5)
    c.setFont("Helvetica", 8)
    c.drawString(L, y - 11, "Employee signature")
    c.drawString(L + 300, y - 11, "Date")
    c.setFont("Helvetica-Oblique", 7.5)
    c.drawString(L, 60, "For payroll use only:  Entered by ______   Date ______   Prenote sent ______")
    return c.pdf_bytes()


def _sample_check(c: Sheet, x: float, y: float, w: float, h: float) -> None:
    """A specimen cheque showing where the numbers are: sample digits, a deliberate distractor."""
    c.setLineWidth(0.6)
    c.setStrokeColor(GREY)
    c.roundRect(x, y, w, h, 6)
    c.setFillColor(GREY)
    c.setFont("Helvetica", 7)
    c.drawString(x + 10, y + h - 14, "SAMPLE")
    c.drawRightString(x + w - 10, y + h - 14, "1001")
    c.line(x + 10, y + h - 40, x + w - 90, y + h - 40)
    c.line(x + w - 80, y + h - 40, x + w - 10, y + h - 40)
    c.setFont("Courier-Bold", 10)
    c.drawString(x + 14, y + 16, ":123456789:  000123456789\"  1001")
    c.setFont("Helvetica", 6.5)
    c.drawString(x + 22, y + 5, "Routing number")
    c.drawString(x + 110, y + 5, "Account number")
    c.drawString(x + 205, y + 5, "Check no.")
    c.setFillColor(colors.black)
    c.setStrokeColor(colors.black)


def render_boxed(d: DirectDeposit, pen: Pen) -> bytes:
    """Family B: title left and employer right, a ruled table of label and entry cells, a specimen
    cheque, authorization text and a signature/date cell pair."""
    W, H = LETTER
    c = Sheet((W, H))
    L, R = 48, W - 48
    c.setFont("Helvetica-Bold", 15)
    c.drawString(L, H - 62, d.title)
    letterhead(c, d, R, H - 58, align="right")
    y = H - 104
    label_w = 190
    rows = (("Employee name", d.employee_name), ("Employee ID", d.employee_id), ("Telephone", d.phone),
            ("Name of bank / credit union", d.bank_name), ("ABA routing number", d.routing),
            ("Account number", d.account), ("Account type", None))
    c.setLineWidth(0.6)
    for label, value in rows:
        c.setFillColor(colors.Color(0.93, 0.94, 0.96))
        c.rect(L, y - 24, label_w, 24, stroke=0, fill=1)
        c.setFillColor(colors.black)
        c.rect(L, y - 24, R - L, 24)
        c.line(L + label_w, y, L + label_w, y - 24)
        c.setFont("Helvetica-Bold", 9)
        c.drawString(L + 6, y - 15, label)
        if value is None:
            account_type_boxes(c, d, pen, L + label_w + 10, y - 15)
        else:
            pen.text(c, L + label_w + 10, y - 16, value, R - L - label_w - 20, 11)
        y -= 24
    y -= 14
    c.setFont("Helvetica", 8)
    c.drawString(L, y, "Where to find your numbers:")
    _sample_check(c, L, y - 100, 290, 90)
    note = ("Routing numbers are always nine digits. Do not use a deposit slip; its numbers can differ from your "
            "account's. Savings accounts: ask your bank for the routing number for electronic deposits.")
    lines_at(c, L + 310, y - 20, wrap(note, "Helvetica", 8, R - L - 310), "Helvetica", 8, 10)
    y -= 124
    y = lines_at(c, L, y, wrap(d.authorization, "Helvetica", 8.5, R - L), "Helvetica", 8.5, 11) - 12
    c.rect(L, y - 46, 330, 46)
    c.rect(L + 330, y - 46, R - L - 330, 46)
    c.setFont("Helvetica", 7.5)
    c.drawString(L + 5, y - 10, "Employee signature")
    c.drawString(L + 335, y - 10, "Date")
    signature_slot(c, d, pen, L + 90, y - 44, 200, 30)
    pen.text(c, L + 345, y - 32, d.date_text, R - L - 350, 11)
    return c.pdf_bytes()


def render_comb(d: DirectDeposit, pen: Pen) -> bytes:
    """Family C: labels at the left of comb boxes (one digit per box) for employee ID, routing and
    account numbers, names on underlines, a framed signature panel."""
    W, H = LETTER
    c = Sheet((W, H))
    L, R = 54, W - 54
    c.setFillColor(d.accent)
    c.rect(0, H - 12, W, 12, stroke=0, fill=1)
    c.setFillColor(colors.black)
    y = letterhead(c, d, L, H - 50)
    c.setFont("Helvetica-Bold", 14)
    c.drawRightString(R, H - 50, d.title.upper() if len(d.title) < 32 else d.title)
    c.setFont("Helvetica", 8)
    c.drawRightString(R, H - 62, "Please print clearly in block letters, one digit per box.")
    y -= 30
    cell, height = 15, 19
    underline_field(c, pen, L, y, "Employee name", d.employee_name, R)
    y -= 34
    c.setFont("Helvetica", 9)
    c.drawString(L, y, "Employee ID")
    cells = comb(c, L + 120, y - 5, (8,), cell, height)
    pen.comb(c, cells, cell, height, d.employee_id)
    y -= 40
    underline_field(c, pen, L, y, "Financial institution", d.bank_name, R)
    y -= 34
    c.setFont("Helvetica", 9)
    c.drawString(L, y, "Routing number")
    cells = comb(c, L + 120, y - 5, (9,), cell, height)
    pen.comb(c, cells, cell, height, d.routing)
    y -= 34
    c.drawString(L, y, "Account number")
    cells = comb(c, L + 120, y - 5, (17,), cell, height)
    pen.comb(c, cells, cell, height, d.account)
    y -= 34
    c.drawString(L, y, "Type of account")
    account_type_boxes(c, d, pen, L + 120, y, 10, 90)
    y -= 40
    y = lines_at(c, L, y, wrap(d.authorization, "Helvetica", 8.5, R - L), "Helvetica", 8.5, 11) - 14
    c.setLineWidth(1)
    c.rect(L, y - 70, R - L, 70)
    c.setFont("Helvetica-Bold", 8)
    c.drawString(L + 8, y - 12, "SIGNATURE")
    c.drawString(L + 330, y - 12, "DATE")
    c.setLineWidth(0.5)
    c.line(L + 320, y, L + 320, y - 70)
    signature_slot(c, d, pen, L + 40, y - 62, 220, 38)
    pen.text(c, L + 335, y - 45, d.date_text, R - L - 345, 11)
    return c.pdf_bytes()


def render_two_accounts(d: DirectDeposit, pen: Pen) -> bytes:
    """Family D: employee lines at the top, then a table with a primary and an (empty) secondary
    account row: bank, routing, account, checking/savings columns, amount; signature at the end."""
    W, H = LETTER
    c = Sheet((W, H))
    L, R = 40, W - 40
    c.setFont("Helvetica-Bold", 16)
    c.drawCentredString(W / 2, H - 58, d.employer.name)
    c.setFont("Helvetica-Bold", 12)
    c.drawCentredString(W / 2, H - 78, d.title)
    y = H - 114
    underline_field(c, pen, L, y, "Name", d.employee_name, W / 2 + 40)
    underline_field(c, pen, W / 2 + 60, y, "Employee #", d.employee_id, R)
    y -= 26
    underline_field(c, pen, L, y, "Department", d.department, W / 2 + 40)
    underline_field(c, pen, W / 2 + 60, y, "Phone", d.phone, R)
    y -= 36
    cols = (("", 62), ("Bank name", 124), ("Routing number", 84), ("Account number", 110), ("Checking", 46),
            ("Savings", 46), ("Amount or %", R - L - 472))
    c.setFillColor(LIGHT)
    c.rect(L, y - 22, R - L, 22, stroke=0, fill=1)
    c.setFillColor(colors.black)
    x = L
    c.setFont("Helvetica-Bold", 7.5)
    for title, width in cols:
        c.drawCentredString(x + width / 2, y - 14, title)
        x += width
    y -= 22
    for i, label in enumerate(("Primary", "Secondary")):
        x = L
        c.setLineWidth(0.5)
        c.rect(L, y - 30, R - L, 30)
        values = (d.bank_name, d.routing, d.account) if i == 0 else ("", "", "")
        for k, (title, width) in enumerate(cols):
            c.line(x, y, x, y - 30)
            if k == 0:
                c.setFont("Helvetica-Bold", 8)
                c.drawString(x + 4, y - 18, label)
            elif k <= 3:
                pen.text(c, x + 4, y - 19, values[k - 1], width - 8, 9)
            elif k in (4, 5):
                pen.box(c, x + width / 2 - 5, y - 20, 10, i == 0 and d.account_type == ("checking", "savings")[k - 4])
            else:
                pen.text(c, x + 4, y - 19, ("Remainder" if i == 0 else ""), width - 8, 9)
            x += width
        y -= 30
    c.setFont("Helvetica-Oblique", 7.5)
    c.drawString(L, y - 12, "Secondary account optional. The primary account receives the remainder of net pay.")
    y -= 40
    y = lines_at(c, L, y, wrap(d.authorization, "Helvetica", 8.5, R - L), "Helvetica", 8.5, 11) - 36
    c.setLineWidth(0.6)
    c.line(L, y, L + 280, y)
    c.line(L + 330, y, R, y)
    signature_slot(c, d, pen, L + 20, y + 1, 210, 30)
    pen.text(c, L + 336, y + 4, d.date_text, R - L - 340, 10.5)
    c.setFont("Helvetica", 8)
    c.drawString(L, y - 11, "Signature of employee")
    c.drawString(L + 330, y - 11, "Date signed")
    return c.pdf_bytes()


def render_random(d: DirectDeposit, pen: Pen) -> bytes:
    """Family G: a bank's or employer's own form whose layout is drawn at random per document."""
    from samplegen import forms_random  # it draws with this module's pieces
    return forms_random.render_direct_deposit(d, pen)


FAMILIES = [
    Family("dd-a", "direct_deposit", "sections of labelled underlines with an entire-net-pay choice",
           render_underlines),
    Family("dd-b", "direct_deposit", "ruled label/entry table with a specimen cheque", render_boxed),
    Family("dd-c", "direct_deposit", "comb boxes for ID, routing and account numbers", render_comb),
    Family("dd-d", "direct_deposit", "primary/secondary account table", render_two_accounts),
    Family("dd-g", "direct_deposit", "bank's or employer's own form, wording, label places, tick boxes and "
                                     "distractors drawn at random per document", render_random),
]
