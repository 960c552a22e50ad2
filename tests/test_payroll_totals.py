"""A register's totals row is the last row that adds up the employee rows above it, whatever its label says: a
word the vocabulary does not know, a count, or no label at all. Its amounts are the totals, and it is no employee."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from tests.test_invoice_issuer import _read

W, H = 842, 595
ROWS = [("101", "Adams, Ruth", "40.00", "2.00", "25.00", "1,075.00", "215.00", "860.00"),
        ("102", "Baker, Tom", "38.00", "0.00", "30.00", "1,140.00", "250.00", "890.00"),
        ("103", "Chavez, Ana", "40.00", "5.00", "20.00", "950.00", "180.00", "770.00")]


def _register(path: Path, totals_label: str) -> None:
    c = canvas.Canvas(str(path), pagesize=(W, H), invariant=1)
    c.setFont("Helvetica-Bold", 15)
    c.drawString(40, H - 50, "Payroll Register")
    c.setFont("Helvetica", 10)
    c.drawString(40, H - 75, "Employer: Northgate Logistics LLC")
    c.drawString(40, H - 90, "Pay period: 03/01/2026 - 03/14/2026")
    c.drawString(400, H - 90, "Pay date: 03/20/2026")
    xs = [40, 100, 300, 370, 440, 530, 630, 730]

    def line(y: float, cells) -> None:  # noqa: ANN001
        for x, text in zip(xs, cells):
            if text:
                (c.drawString if x < 300 else c.drawRightString)(x if x < 300 else x + 50, y, text)
    y = H - 130
    line(y, ("ID", "Employee", "Reg Hrs", "OT Hrs", "Rate", "Gross", "Deductions", "Net"))
    for row in ROWS:
        y -= 16
        line(y, row)
    line(y - 20, ("", totals_label, "", "", "", "3,165.00", "645.00", "2,520.00"))
    c.save()


@pytest.mark.parametrize("totals_label", ["Company-wide", "All employees (3)", ""])
def test_the_last_row_that_adds_up_the_rows_is_the_totals_row_whatever_its_label(tmp_path: Path, totals_label: str):
    path = tmp_path / "register.pdf"
    _register(path, totals_label)
    doc = _read(path)
    totals = {name: doc.fields[name].value for name in ("total_gross", "total_deductions", "total_net")}
    assert totals == {"total_gross": Decimal("3165.00"), "total_deductions": Decimal("645.00"),
                      "total_net": Decimal("2520.00")}
    assert [r["employee_name"].value for r in doc.tables["employees"]] == [row[1] for row in ROWS]
    assert doc.fields["total_net"].box is not None  # where it came from, for the workbench
    assert not [i.code for i in doc.issues if i.severity == "error" or i.code == "field.unread"]
