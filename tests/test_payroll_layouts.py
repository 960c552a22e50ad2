"""Payroll registers of layouts the extractor was not written for: what a clerk checks (employer, period, pay date,
totals, employee rows as printed) is read off randomised payroll-g registers, a two-page dev register and a register
drawn here with a two-line header, a YTD column, department subtotals and the employer only in its footer."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from samplegen.generate import Order, build
from tests.test_invoice_issuer import _read

FIELDS = ("employer_name", "pay_period_start", "pay_period_end", "pay_date", "total_gross", "total_deductions",
          "total_net")


def _plain(name: str, value) -> str:
    return format(value, "f") if isinstance(value, Decimal) else value.isoformat() if isinstance(value, date) else value


def _generated(tmp_path: Path, order: Order):
    sample = build(order)
    sample.write(tmp_path)
    truth = sample.truth
    doc = _read(tmp_path / sample.filename)
    return doc, truth


def _same(expected: str, got) -> bool:
    try:
        return Decimal(expected) == Decimal(str(got))
    except ArithmeticError:
        return expected == got


# Seeds of payroll-g registers with: two pages, a check number column, 'Period begin'/'Period ending' and a deposit date
# beside a report date; a month-only period ('Abrechnungszeitraum: Februar 2026') beside a run date and two-line
# column headers; a YTD column, amounts with their currency in every cell and totals as captions over their values.
@pytest.mark.parametrize("seed, language", [("11:16", "en"), ("11:30", "de"), ("11:13", "de")])
def test_a_randomised_register_reads_as_the_clerk_reads_it(tmp_path: Path, seed: str, language: str):
    doc, truth = _generated(tmp_path, Order("reg", seed, "payroll", "payroll-g", language))
    assert doc.doc_type == "payroll"
    for name in FIELDS:
        assert name in doc.fields, name
        assert _plain(name, doc.fields[name].value) == truth.fields[name] or _same(truth.fields[name], doc.fields[name].value), name
    rows = doc.tables["employees"]
    expected = truth.tables["employees"]
    assert [r["employee_name"].value for r in rows] == [e["employee_name"] for e in expected]  # no subtotal, no totals row
    for got, want in zip(rows, expected):
        assert {k: Decimal(str(f.value)) if k not in ("employee_id", "employee_name") else f.value for k, f in got.items()} \
            == {k: Decimal(v) if k not in ("employee_id", "employee_name") else v for k, v in want.items()}
    assert not [i.code for i in doc.issues if i.severity == "error"]


def test_a_two_page_register_keeps_its_page_footer_out_of_the_rows(tmp_path: Path):
    # A dev payroll-b register of 40 employees: page 1 ends with 'Employer · Period ... Page 1' under the last row.
    doc, truth = _generated(tmp_path, Order("two-pages", "77:26", "payroll", "payroll-b", "en"))
    rows = doc.tables["employees"]
    assert len(rows) == len(truth.tables["employees"]) == 40
    assert all("Page" not in r["employee_name"].value for r in rows)
    assert str(doc.fields["total_net"].value) == truth.fields["total_net"]
    assert "payroll.totals_mismatch" not in {i.code for i in doc.issues}


W, H = 792, 612
ROWS = [("1041", "Holloway, Grace", "80.00", "2.00", "31.50", "2,614.50", "706.92", "1,907.58", "41,832.00"),
        ("1172", "Reyes, Tomas", "72.50", "0.00", "24.00", "1,740.00", "398.46", "1,341.54", "27,840.00"),
        None,  # the Sales subtotal
        ("1213", "Natarajan, Priya", "80.00", "4.50", "28.75", "2,494.06", "612.35", "1,881.71", "39,905.00")]
X = [40, 110, 330, 390, 440, 520, 590, 660, 740]  # left edge of the id and name, right edges of the figures


def test_two_line_headers_ytd_column_subtotals_and_a_footer_employer(tmp_path: Path):
    path = tmp_path / "register.pdf"
    c = canvas.Canvas(str(path), pagesize=(W, H), invariant=1)
    c.setFont("Helvetica-Bold", 15)
    c.drawString(40, H - 50, "Wage Register")
    c.setFont("Helvetica", 9)
    c.drawString(40, H - 76, "Pay period: March 1–15, 2026")
    c.drawString(300, H - 76, "Printed: 03/17/2026")
    c.drawString(480, H - 76, "Check date: 03/20/2026")
    c.setFont("Helvetica-Bold", 8)
    top = H - 110
    for x, upper, lower in [(40, "Employee", "#"), (110, "Name", ""), (330, "Reg", "Hours"), (390, "OT", ""),
                            (440, "Rate", ""), (520, "Gross", "Earnings"), (590, "Taxes &", "Deductions"),
                            (660, "Net", "Pay"), (740, "YTD", "Gross")]:
        draw = c.drawString if x < 300 else c.drawRightString
        draw(x, top, upper)
        if lower:
            draw(x, top - 9, lower)
    c.setFont("Helvetica", 8)
    y = top - 26
    for row in ROWS:
        if row is None:
            c.drawString(110, y, "Sales subtotal")
            for x, text in zip(X[5:8], ["4,354.50", "1,105.38", "3,249.12"]):
                c.drawRightString(x, y, text)
        else:
            c.drawString(40, y, row[0])
            c.drawString(110, y, row[1])
            for x, text in zip(X[2:], row[2:]):
                c.drawRightString(x, y, text)
        y -= 14
    c.setFont("Helvetica-Bold", 8)
    c.drawString(110, y, "Company total")
    for x, text in zip(X[5:8], ["6,848.56", "1,717.73", "5,130.83"]):
        c.drawRightString(x, y, text)
    c.setFont("Helvetica", 7)
    c.drawString(40, 30, "Harborview Dental Group LLC · confidential")
    c.drawRightString(W - 40, 30, "Page 1 of 1")
    c.save()

    doc = _read(path)
    assert doc.doc_type == "payroll"
    assert doc.fields["employer_name"].value == "Harborview Dental Group LLC"
    assert (doc.fields["pay_period_start"].value, doc.fields["pay_period_end"].value) == (date(2026, 3, 1), date(2026, 3, 15))
    assert doc.fields["pay_date"].value == date(2026, 3, 20)  # not the printed date beside it
    assert [doc.fields[n].value for n in ("total_gross", "total_deductions", "total_net")] == \
        [Decimal("6848.56"), Decimal("1717.73"), Decimal("5130.83")]
    rows = doc.tables["employees"]
    assert [(r["employee_id"].value, r["employee_name"].value) for r in rows] == \
        [("1041", "Holloway, Grace"), ("1172", "Reyes, Tomas"), ("1213", "Natarajan, Priya")]
    assert [r["gross_pay"].value for r in rows] == [Decimal("2614.50"), Decimal("1740.00"), Decimal("2494.06")]
    assert [r["deductions"].value for r in rows] == [Decimal("706.92"), Decimal("398.46"), Decimal("612.35")]
    assert not [i.code for i in doc.issues if i.severity == "error"]
