"""Names and ids in a payroll register have no arithmetic to confirm them: a register whose table was cut wrong goes to
a person instead of posting wrong names, ids or lost cells at full confidence (reportlab pages, not the generator's)."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from reportlab.pdfgen import canvas

from samplegen.scan import ScanSpec, degrade, render
from tests.test_invoice_issuer import _read
from validators import needs_review

W, H = 612, 792
ROWS = [("1041", "Grace Holloway", "Sales", "80.00", "2.00", "31.50", "2,614.50", "706.92", "1,907.58"),
        ("1172", "Tomas Reyes", "Ops", "72.50", "0.00", "24.00", "1,740.00", "398.46", "1,341.54"),
        ("1213", "Priya Natarajan", "Finance", "80.00", "4.50", "28.75", "2,494.06", "612.35", "1,881.71")]
HEADERS = ["Emp ID", "Employee", "Dept", "Reg Hrs", "OT", "Rate", "Gross", "Deductions", "Net"]
COLUMNS = [30, 75, 170, 240, 290, 340, 410, 470, 530]  # numbers set flush right 40 pt past their header's left edge


def _letterhead(path: Path) -> canvas.Canvas:
    """A register's page with its employer, title, period and pay date drawn."""
    c = canvas.Canvas(str(path), invariant=1)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(40, H - 50, "Harborview Dental Group LLC")
    c.setFont("Helvetica", 10)
    c.drawString(40, H - 66, "Payroll Register")
    c.drawString(40, H - 90, "Pay period: 03/01/2026 - 03/15/2026")
    c.drawString(330, H - 90, "Pay date: 03/20/2026")
    return c


def _register(path: Path, rows, headers=HEADERS, columns=COLUMNS, totals=True) -> Path:
    c = _letterhead(path)
    c.setFont("Helvetica-Bold", 8)
    for x, text in zip(columns, headers):
        c.drawString(x, H - 130, text)
    first_number = headers.index("Reg Hrs")
    c.setFont("Helvetica", 8)
    y = H - 146
    for row in rows:
        for i, (x, text) in enumerate(zip(columns, row)):
            (c.drawRightString(x + 40, y, text) if i >= first_number else c.drawString(x, y, text))
        y -= 14
    if totals:
        c.setFont("Helvetica-Bold", 8)
        c.drawString(30, y, "Totals")
        for x, text in zip(columns[-3:], ["6,848.56", "1,717.73", "5,130.83"]):
            c.drawRightString(x + 40, y, text)
    c.save()
    return path


def _unsure(doc) -> set[str]:
    return {name for i in doc.issues if i.code == "field.low_confidence" for name in i.fields}


def test_a_column_no_vocabulary_names_stays_out_of_the_names_and_a_short_header_keeps_its_numbers(tmp_path: Path):
    doc = _read(_register(tmp_path / "dept.pdf", ROWS))
    rows = doc.tables["employees"]
    assert [r["employee_name"].value for r in rows] == ["Grace Holloway", "Tomas Reyes", "Priya Natarajan"]
    assert [r["overtime_hours"].value for r in rows] == [Decimal("2.00"), Decimal("0.00"), Decimal("4.50")]
    assert not any(name.startswith("employees[") for name in _unsure(doc))
    assert not any(i.severity == "error" for i in doc.issues), [i.code for i in doc.issues]


def test_an_id_unlike_the_others_a_name_with_digits_and_a_lost_cell_go_to_a_person(tmp_path: Path):
    rows = [list(r) for r in ROWS] + [["1302", "Ines Duarte", "Ops", "80.00", "", "20.00", "1,600.00", "300.00", "1,300.00"]]
    rows[1][7] = ""  # Tomas Reyes' deductions cell is blank: his net cannot be checked
    rows[2][0], rows[2][1] = "12l3", "Priya Natarajan 7"
    doc = _read(_register(tmp_path / "doubt.pdf", rows, totals=False))
    unsure = _unsure(doc)
    assert {"employees[3].employee_id", "employees[3].employee_name"} <= unsure
    assert "employees[2].net_pay" in unsure and "employees[2].employee_name" in unsure
    # A blank overtime cell where hours x rate = gross is no lost cell, and the clean first row is not doubted.
    assert not any(name.startswith(("employees[1].", "employees[4].")) for name in unsure)
    assert needs_review(doc)


def test_employee_number_header_printed_apart_from_name_keeps_ids_and_names_in_their_columns(tmp_path: Path):
    headers = ["Employee #", "Name", "Reg Hrs", "OT", "Rate", "Gross", "Deductions", "Net"]
    rows = [(i, n, *rest) for i, n, _dept, *rest in ROWS]
    doc = _read(_register(tmp_path / "number.pdf", rows, headers=headers, columns=[30, 100, 240, 290, 340, 410, 470, 530]))
    rows = doc.tables["employees"]
    assert [r["employee_id"].value for r in rows] == ["1041", "1172", "1213"]
    assert [r["employee_name"].value for r in rows] == ["Grace Holloway", "Tomas Reyes", "Priya Natarajan"]
    assert not any(name.startswith("employees[") for name in _unsure(doc))


def test_a_scanned_register_with_a_dark_header_band_and_ruled_cells_reads_its_employees(tmp_path: Path):
    """White column headers on a dark band read as noise, and a ruled grid's cell walls made tesseract run rows
    together: on a slightly tilted 200-dpi scan the table was lost or its rows out of order."""
    headers = ["Emp ID", "Employee", "Reg Hrs", "OT", "Rate", "Gross", "Deductions", "Net"]
    columns = [30, 80, 240, 290, 340, 410, 470, 530]
    rows = [(i, n, *rest) for i, n, _dept, *rest in ROWS]
    path = tmp_path / "banded.pdf"
    c = _letterhead(path)
    top, row_h, left, right = H - 118, 16, 26, 576
    c.setFillGray(0.1)
    c.rect(left, top - row_h, right - left, row_h, stroke=0, fill=1)
    c.setFillGray(1)
    c.setFont("Helvetica-Bold", 8)
    for x, text in zip(columns, headers):
        c.drawString(x, top - 11, text)
    c.setFillGray(0)
    c.setFont("Helvetica", 8)
    for n, row in enumerate(rows, start=1):
        y = top - row_h * n - 11
        for i, (x, text) in enumerate(zip(columns, row)):
            (c.drawRightString(x + 40, y, text) if i >= 2 else c.drawString(x, y, text))
    bottom = top - row_h * (len(rows) + 1)
    c.setLineWidth(0.7)
    for n in range(1, len(rows) + 2):
        c.line(left, top - row_h * n, right, top - row_h * n)
    for x in [left, *(x - 5 for x in columns[1:]), right]:
        c.line(x, top, x, bottom)
    c.setFont("Helvetica-Bold", 8)
    c.drawString(30, bottom - 14, "Totals")
    for x, text in zip(columns[-3:], ["6,848.56", "1,717.73", "5,130.83"]):
        c.drawRightString(x + 40, bottom - 14, text)
    c.save()
    spec = ScanSpec(dpi=200, skew=1.5, noise=4, blur=0.6)
    page = degrade(render(path.read_bytes(), spec.dpi)[0], spec, random.Random(7))
    scan = tmp_path / "banded.png"
    page.save(scan, dpi=(200, 200))

    doc = _read(scan)
    assert doc.doc_type == "payroll"
    table = doc.tables["employees"]
    assert [r["employee_name"].value for r in table] == ["Grace Holloway", "Tomas Reyes", "Priya Natarajan"]
    assert [r["net_pay"].value for r in table] == [Decimal("1907.58"), Decimal("1341.54"), Decimal("1881.71")]
