"""Registers exported from payroll systems print the company, the pay date and the period on every employee's line
instead of once above the table. A clerk reads them off any row; so does the extractor, when every row agrees."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from reportlab.pdfgen import canvas

from tests.test_invoice_issuer import _read
from tests.test_payroll_header import ROWS, H, W, _values

STANDARD = ["ID", "Employee", "Reg Hrs", "OT Hrs", "Rate", "Gross", "Deductions", "Net"]


def _export(path: Path, extra: list[str], values: list[list[str]], title: str = "Payroll Register") -> None:
    """A register with `extra` columns before the usual ones; row i holds values[i] in them."""
    c = canvas.Canvas(str(path), pagesize=(W, H), invariant=1)
    c.setFont("Helvetica-Bold", 15)
    c.drawString(40, H - 50, title)
    c.setFont("Helvetica", 7)
    xs = [30 + 95 * i for i in range(len(extra))]
    xs += [xs[-1] + 95 + i * (W - 125 - xs[-1]) / len(STANDARD) for i in range(len(STANDARD))]
    y = H - 100
    for x, text in zip(xs, extra + STANDARD):
        c.drawString(x, y, text)
    for cells, row in zip(values, ROWS):
        y -= 14
        for x, text in zip(xs, [*cells, *row]):
            c.drawString(x, y, text)
    y -= 18
    c.drawString(xs[len(extra) + 1], y, "Total")
    for x, text in zip(xs[-3:], ["3,165.00", "645.00", "2,520.00"]):
        c.drawString(x, y, text)
    c.save()


def test_company_pay_date_and_period_printed_on_every_row_are_read_once(tmp_path: Path):
    path = tmp_path / "export.pdf"
    cells = ["Northgate Logistics LLC", "03/20/2026", "03/01/2026", "03/15/2026"]
    _export(path, ["Company", "Pay Date", "Period Start", "Period End"], [cells] * 3)

    doc = _read(path)

    assert _values(doc) == {"employer_name": "Northgate Logistics LLC", "pay_period_start": date(2026, 3, 1),
                            "pay_period_end": date(2026, 3, 15), "pay_date": date(2026, 3, 20)}
    assert [r["net_pay"].value for r in doc.tables["employees"]] == [Decimal("860.00"), Decimal("890.00"),
                                                                     Decimal("770.00")]


def test_a_period_column_holding_the_range_gives_both_ends(tmp_path: Path):
    path = tmp_path / "export.pdf"
    _export(path, ["Firma", "Zeitraum", "Zahltag"], [["Berger GmbH", "01.03.2026 - 31.03.2026", "31.03.2026"]] * 3,
            title="Lohnjournal")

    assert _values(_read(path)) == {"employer_name": "Berger GmbH", "pay_period_start": date(2026, 3, 1),
                                    "pay_period_end": date(2026, 3, 31), "pay_date": date(2026, 3, 31)}


def test_rows_that_disagree_give_no_pay_date(tmp_path: Path):
    path = tmp_path / "export.pdf"
    rows = [["03/20/2026"], ["03/20/2026"], ["03/27/2026"]]
    _export(path, ["Pay Date"], rows)

    assert _values(_read(path))["pay_date"] is None


def test_employer_and_payment_date_columns_are_not_taken_for_the_name_or_the_net_pay(tmp_path: Path):
    path = tmp_path / "export.pdf"
    _export(path, ["Employer", "Auszahlungsdatum", "Zeitraum"],
            [["Berger GmbH", "31.03.2026", "01.03.2026 - 31.03.2026"]] * 3, title="Lohnjournal")

    doc = _read(path)

    assert _values(doc) == {"employer_name": "Berger GmbH", "pay_period_start": date(2026, 3, 1),
                            "pay_period_end": date(2026, 3, 31), "pay_date": date(2026, 3, 31)}
    assert [r["employee_name"].value for r in doc.tables["employees"]] == ["Adams, Ruth", "Baker, Tom", "Chavez, Ana"]
    assert [r["net_pay"].value for r in doc.tables["employees"]] == [Decimal("860.00"), Decimal("890.00"),
                                                                     Decimal("770.00")]
