"""A register whose header stands in a panel beside the employee table, on the same lines as its rows: the clerk
reads employer, period and pay date there; the extractor must not take the panel for part of the table."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from tests.test_invoice_issuer import _read
from tests.test_payroll_header import ROWS, H, W, _values

EMPLOYER = "Northgate Logistics LLC"
HEADS = ["ID", "Employee", "Reg Hrs", "OT Hrs", "Rate", "Gross", "Deductions", "Net"]
XS = [40, 80, 200, 250, 300, 360, 420, 490]


def _register(path: Path, panel: list[str], panel_x: float = 600, step: float = 14) -> None:
    """The table on the left; the panel's lines to its right at `panel_x`, from the header line down, `step` apart."""
    c = canvas.Canvas(str(path), pagesize=(W, H), invariant=1)
    c.setFont("Helvetica-Bold", 15)
    c.drawString(40, H - 50, "Payroll Register")
    c.setFont("Helvetica", 8)
    y = H - 100
    for x, text in zip(XS, HEADS):
        c.drawString(x, y, text)
    for row in ROWS:
        y -= 14
        for x, text in zip(XS, row):
            c.drawString(x, y, text)
    y -= 18
    c.drawString(XS[1], y, "Total")
    for x, text in zip(XS[-3:], ["3,165.00", "645.00", "2,520.00"]):
        c.drawString(x, y, text)
    for i, text in enumerate(panel):
        c.drawString(panel_x, H - 100 - step * i, text)
    c.save()


@pytest.mark.parametrize("panel", [
    [f"Employer: {EMPLOYER}", "Pay period: 03/01/2026 - 03/15/2026", "Pay date: 03/20/2026"],
    ["Employer", EMPLOYER, "Pay period", "03/01/2026 - 03/15/2026", "Pay date", "03/20/2026"],
])
def test_a_header_panel_beside_the_table_is_read_and_the_table_stays_whole(tmp_path: Path, panel: list[str]):
    path = tmp_path / "register.pdf"
    _register(path, panel)

    doc = _read(path)

    assert _values(doc) == {"employer_name": EMPLOYER, "pay_period_start": date(2026, 3, 1),
                            "pay_period_end": date(2026, 3, 15), "pay_date": date(2026, 3, 20)}
    assert [r["net_pay"].value for r in doc.tables["employees"]] == [Decimal("860.00"), Decimal("890.00"),
                                                                     Decimal("770.00")]


@pytest.mark.parametrize("panel", [
    # the panel's first line on the table's header line, its lines between the rows
    ["Pay period start: 03/01/2026", "Pay period end: 03/15/2026", "Check date: 03/20/2026", f"Employer: {EMPLOYER}"],
    ["Date printed", "03/21/2026", "Payroll period", "03/01/2026 to 03/15/2026", "Check date", "03/20/2026"],
])
def test_a_panel_close_beside_the_table_starting_on_its_header_line(tmp_path: Path, panel: list[str]):
    path = tmp_path / "register.pdf"
    _register(path, panel, panel_x=540, step=12)

    doc = _read(path)

    assert {k: v for k, v in _values(doc).items() if k != "employer_name" or panel[-1].startswith("Employer")} == {
        **({"employer_name": EMPLOYER} if panel[-1].startswith("Employer") else {}),
        "pay_period_start": date(2026, 3, 1), "pay_period_end": date(2026, 3, 15), "pay_date": date(2026, 3, 20)}
    assert [r["net_pay"].value for r in doc.tables["employees"]] == [Decimal("860.00"), Decimal("890.00"),
                                                                     Decimal("770.00")]
