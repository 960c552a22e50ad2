"""Invoices and payroll registers laid out in ways no extractor code was written for read what a clerk would read.

Each test draws its own page (reportlab), so the layouts here are not the sample generator's.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.lib.colors import HexColor, black, white
from reportlab.pdfgen import canvas

from backoffice.settings import ReaderSettings
from extractors import classify, extract
from reader import read_document

W, H = 612, 792


def _extract(path: Path):
    doc = read_document(path, ReaderSettings(workers=1))
    classify(doc)
    extract(doc)
    return doc


def _rows(c: canvas.Canvas, x: float, y: float, rows: list[tuple[str, ...]], widths: list[float], right: set[int]) -> float:
    for row in rows:
        cx = x
        for i, (text, width) in enumerate(zip(row, widths)):
            if i in right:
                c.drawRightString(cx + width, y, text)
            else:
                c.drawString(cx, y, text)
            cx += width
        y -= 16
    return y


@pytest.fixture
def side_bar_invoice(tmp_path: Path) -> Path:
    """Vendor in a dark side bar, its legal form on a second line; labels left of values; GST."""
    path = tmp_path / "side_bar.pdf"
    c = canvas.Canvas(str(path), invariant=1)
    c.setFillColor(HexColor("#1f3b5a"))
    c.rect(0, 0, 170, H, fill=1, stroke=0)
    c.setFillColor(white)
    c.setFont("Helvetica-Bold", 15)
    c.drawString(18, H - 60, "Bluewater Analytics")
    c.drawString(18, H - 78, "Pty Ltd")
    c.setFont("Helvetica", 9)
    for i, text in enumerate(["Level 4, 88 Harbour Rd", "Sydney NSW 2000", "billing@bluewater.example"]):
        c.drawString(18, H - 110 - 14 * i, text)
    c.setFillColor(black)
    c.setFont("Helvetica-Bold", 22)
    c.drawString(200, H - 60, "Tax Invoice")
    c.setFont("Helvetica", 10)
    _rows(c, 200, H - 100, [("Invoice #", "BW-2291"), ("Order date", "2 March 2026"), ("Issued", "12 March 2026"),
                            ("Due", "11 April 2026"), ("Customer", "Initech Corp.")], [100, 200], set())
    c.setFont("Helvetica-Bold", 10)
    _rows(c, 200, H - 200, [("Description", "Qty", "Rate", "Amount (AUD)")], [170, 60, 70, 80], {1, 2, 3})
    c.setFont("Helvetica", 10)
    y = _rows(c, 200, H - 216, [("Data audit", "2", "450.00", "900.00"),
                                ("Dashboard build and handover", "1", "1,200.00", "1,200.00")], [170, 60, 70, 80], {1, 2, 3})
    _rows(c, 400, y - 20, [("Subtotal", "2,100.00"), ("GST 10%", "210.00"), ("Total due", "2,310.00")], [80, 100], {1})
    c.save()
    return path


def test_side_bar_vendor_and_label_variants(side_bar_invoice: Path):
    doc = _extract(side_bar_invoice)
    assert doc.doc_type == "invoice"
    values = {k: f.value for k, f in doc.fields.items()}
    assert values["vendor_name"] == "Bluewater Analytics Pty Ltd"
    assert values["invoice_number"] == "BW-2291"
    assert values["invoice_date"] == date(2026, 3, 12)  # not the order date printed above it
    assert values["due_date"] == date(2026, 4, 11)
    assert (values["subtotal"], values["tax_amount"], values["total_amount"]) == (
        Decimal("2100.00"), Decimal("210.00"), Decimal("2310.00"))
    assert values["currency"] == "AUD"  # named only in a column header
    items = doc.tables["line_items"]
    assert [r["description"].value for r in items] == ["Data audit", "Dashboard build and handover"]
    assert [r["amount"].value for r in items] == [Decimal("900.00"), Decimal("1200.00")]


@pytest.fixture
def german_grid_invoice(tmp_path: Path) -> Path:
    """Labels above their values in a grid, German number and date forms, ship-to and bill-to distractors."""
    path = tmp_path / "grid.pdf"
    c = canvas.Canvas(str(path), invariant=1)
    c.setFont("Helvetica-Bold", 18)
    c.drawString(50, H - 60, "Nordwind Werkzeuge GmbH")
    c.setFont("Helvetica", 9)
    c.drawString(50, H - 74, "Hafenstraße 12 · 20457 Hamburg · USt-IdNr. DE 123 456 789")
    c.setFont("Helvetica-Bold", 9)
    _rows(c, 50, H - 120, [("Rechnungsnummer", "Rechnungsdatum", "Lieferdatum", "Ihre Bestellung")], [130, 130, 130, 130], set())
    c.setFont("Helvetica", 10)
    _rows(c, 50, H - 134, [("RE-2026-0815", "04.03.2026", "27.02.2026", "4500012345")], [130, 130, 130, 130], set())
    c.setFont("Helvetica-Bold", 9)
    _rows(c, 50, H - 170, [("Rechnungsempfänger", "Lieferanschrift")], [260, 260], set())
    c.setFont("Helvetica", 10)
    _rows(c, 50, H - 184, [("Meier Bau AG", "Meier Bau AG Baustelle Nord"), ("Ringstraße 5", "Feldweg 9"),
                           ("80331 München", "85221 Dachau")], [260, 260], set())
    c.setFont("Helvetica-Bold", 9)
    _rows(c, 50, H - 260, [("Pos.", "Bezeichnung", "Menge", "Einzelpreis", "Gesamt")], [40, 230, 60, 90, 90], {2, 3, 4})
    c.setFont("Helvetica", 10)
    y = _rows(c, 50, H - 276, [("1", "Akkuschrauber 18 V mit 2 Akkus", "3", "189,00", "567,00"),
                               ("2", "Bitsatz 32-teilig", "10", "12,50", "125,00")], [40, 230, 60, 90, 90], {2, 3, 4})
    _rows(c, 330, y - 20, [("Nettobetrag", "692,00 €"), ("MwSt. 19 %", "131,48 €"), ("Rechnungsbetrag", "823,48 €")],
          [120, 110], {1})
    c.drawString(50, 80, "Zahlbar bis 03.04.2026 ohne Abzug.")
    c.save()
    return path


def test_grid_labels_german_numbers_and_recipient_distractors(german_grid_invoice: Path):
    doc = _extract(german_grid_invoice)
    values = {k: f.value for k, f in doc.fields.items()}
    assert values["vendor_name"] == "Nordwind Werkzeuge GmbH"
    assert values["vendor_tax_id"] == "DE123456789"
    assert values["invoice_number"] == "RE-2026-0815"
    assert values["invoice_date"] == date(2026, 3, 4)
    assert values["due_date"] == date(2026, 4, 3)
    assert values["po_number"] == "4500012345"
    assert values["total_amount"] == Decimal("823.48") and values["currency"] == "EUR"
    assert [r["quantity"].value for r in doc.tables["line_items"]] == [Decimal("3"), Decimal("10")]
    for f in doc.fields.values():  # every value says where it stands
        assert f.page == 1 and f.box is not None and 0 <= f.confidence <= 1 and f.raw


@pytest.fixture
def grid_payroll(tmp_path: Path) -> Path:
    """Capitals in header cells above their values, 'Last, First' names, a totals row in capitals."""
    path = tmp_path / "payroll.pdf"
    c = canvas.Canvas(str(path), invariant=1)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(40, H - 50, "Harborview Dental Group LLC")
    c.setFont("Helvetica", 10)
    c.drawString(40, H - 66, "Payroll Summary Report")
    c.setFont("Helvetica-Bold", 8)
    _rows(c, 40, H - 100, [("PERIOD START", "PERIOD END", "CHECK DATE", "FREQUENCY")], [130] * 4, set())
    c.setFont("Helvetica", 10)
    _rows(c, 40, H - 114, [("03/01/2026", "03/15/2026", "03/20/2026", "Semi-monthly")], [130] * 4, set())
    widths, right = [150, 40, 50, 40, 50, 70, 70, 60], {2, 3, 4, 5, 6, 7}
    c.setFont("Helvetica-Bold", 8)
    _rows(c, 40, H - 160, [("EMPLOYEE", "ID", "HOURS", "OT", "RATE", "GROSS", "DEDUCTIONS", "NET")], widths, right)
    c.setFont("Helvetica", 9)
    y = _rows(c, 40, H - 176, [("Alvarez, Maria", "E104", "80.00", "2.00", "25.00", "2,075.00", "415.00", "1,660.00"),
                               ("Chen, David", "E117", "72.50", "0.00", "31.40", "2,276.50", "512.21", "1,764.29")],
              widths, right)
    c.setFont("Helvetica-Bold", 9)
    _rows(c, 40, y - 4, [("TOTALS", "", "152.50", "2.00", "", "4,351.50", "927.21", "3,424.29")], widths, right)
    c.save()
    return path


def test_payroll_register_with_header_cells_and_a_totals_row(grid_payroll: Path):
    doc = _extract(grid_payroll)
    assert doc.doc_type == "payroll"
    values = {k: f.value for k, f in doc.fields.items()}
    assert values["employer_name"] == "Harborview Dental Group LLC"
    assert (values["pay_period_start"], values["pay_period_end"], values["pay_date"]) == (
        date(2026, 3, 1), date(2026, 3, 15), date(2026, 3, 20))
    assert (values["total_gross"], values["total_deductions"], values["total_net"]) == (
        Decimal("4351.50"), Decimal("927.21"), Decimal("3424.29"))
    rows = doc.tables["employees"]
    assert [r["employee_name"].value for r in rows] == ["Alvarez, Maria", "Chen, David"]  # as printed
    assert [r["employee_id"].value for r in rows] == ["E104", "E117"]
    assert rows[0]["overtime_hours"].value == Decimal("2.00") and rows[1]["hourly_rate"].value == Decimal("31.40")
