"""A table's header printed over two lines with a unit or footnote mark in brackets ('Deductions (1)', 'Abzüge (€)',
which a scan reads as 'Abzüge (6)') is the header, not a totals line before the first row (reportlab pages)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.test_invoice_issuer import _read
from tests.test_payroll_cells import _letterhead

H = 792
ROWS = [("1041", "Grace Holloway", "80.00", "31.50", "2,520.00", "706.92", "1,813.08"),
        ("1172", "Tomas Reyes", "72.50", "24.00", "1,740.00", "398.46", "1,341.54"),
        ("1213", "Priya Natarajan", "80.00", "28.75", "2,300.00", "612.35", "1,687.65")]
TOP = ["Emp ID", "Employee", "Reg Hrs", "Rate", "Gross", "Statutory", "Net"]
COLUMNS = [30, 80, 220, 290, 360, 440, 520]


def _register(path: Path, mark: str) -> Path:
    c = _letterhead(path)
    c.setFont("Helvetica-Bold", 8)
    for x, text in zip(COLUMNS, TOP):
        c.drawString(x, H - 130, text)
    c.drawString(COLUMNS[5], H - 140, f"Deductions {mark}")  # the second line of the header, alone on its line
    c.setFont("Helvetica", 8)
    y = H - 158
    for row in ROWS:
        for i, (x, text) in enumerate(zip(COLUMNS, row)):
            c.drawRightString(x + 45, y, text) if i >= 2 else c.drawString(x, y, text)
        y -= 14
    c.setFont("Helvetica-Bold", 8)
    c.drawString(30, y, "Totals")
    for x, text in zip(COLUMNS[-3:], ["6,560.00", "1,717.73", "4,842.27"]):
        c.drawRightString(x + 45, y, text)
    c.setFont("Helvetica", 7)
    c.drawString(30, y - 30, "(1) Federal and state income tax, social security and Medicare")
    c.save()
    return path


@pytest.mark.parametrize("mark", ["(1)", "(6)", "($)", "(%)"])
def test_a_bracketed_mark_under_a_header_leaves_the_rows_and_their_deductions(tmp_path, mark):
    doc = _read(_register(tmp_path / "register.pdf", mark))
    rows = doc.tables.get("employees", [])
    assert [r["employee_name"].value for r in rows] == [r[1] for r in ROWS]
    assert [r["deductions"].value for r in rows] == [Decimal(r[5]) for r in ROWS]
    assert doc.fields["total_deductions"].value == Decimal("1717.73")


def _register_with_unknown_name_header(path: Path, name_header: str, leading: float) -> Path:
    """'Staff' over 'No.' and a name column whose header the vocabulary does not know (a scan's 'Nane'), the
    header's second line `leading` points under its first."""
    c = _letterhead(path)
    c.setFont("Helvetica-Bold", 9)
    for x, text in zip(COLUMNS, ["Staff", name_header, "Regular", "Rate", "Total Pay", "Taxes &", "Take Home"]):
        c.drawString(x, H - 130, text)
    for x, text in ((COLUMNS[0], "No."), (COLUMNS[2], "Hours"), (COLUMNS[5], "Ded.")):
        c.drawString(x, H - 130 - leading, text)
    c.setFont("Helvetica", 8)
    y = H - 160
    for row in ROWS:
        for i, (x, text) in enumerate(zip(COLUMNS, row)):
            c.drawRightString(x + 45, y, text) if i >= 2 else c.drawString(x, y, text)
        y -= 14
    c.save()
    return path


@pytest.mark.parametrize("name_header", ["Nane", "Colleague"])
def test_the_one_unread_header_before_the_figures_heads_the_names(tmp_path, name_header):
    # 15 points of leading at 9 points: the lines stand 0.67 of their height apart
    doc = _read(_register_with_unknown_name_header(tmp_path / "register.pdf", name_header, leading=15))
    rows = doc.tables.get("employees", [])
    assert [(r["employee_id"].value, r["employee_name"].value) for r in rows] == [(r[0], r[1]) for r in ROWS]
    assert [r["net_pay"].value for r in rows] == [Decimal(r[6].replace(",", "")) for r in ROWS]
