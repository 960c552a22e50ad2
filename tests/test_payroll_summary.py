"""A payroll register whose totals stand in a summary block under the table, labelled only 'Gross wages', 'Deductions'
and 'Net pay', and whose employer is only its letterhead: totals and employer are still read (reportlab page)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from reportlab.pdfgen import canvas

from backoffice.settings import ReaderSettings
from extractors import classify, extract
from reader import read_document
from validators import SeenDocuments, default_rules, needs_review, validate

W, H = 612, 792
ROWS = [("E-104", "Grace Holloway", "80.00", "2.00", "31.50", "2,614.50", "706.92", "1,907.58"),
        ("E-117", "Tomas Reyes", "72.50", "0.00", "24.00", "1,740.00", "398.46", "1,341.54"),
        ("E-121", "Priya Natarajan", "80.00", "4.50", "28.75", "2,494.06", "612.35", "1,881.71")]


def test_summary_block_totals_and_letterhead_employer(tmp_path: Path):
    path = tmp_path / "register.pdf"
    c = canvas.Canvas(str(path), invariant=1)
    c.setFont("Helvetica-Bold", 17)
    c.drawString(50, H - 55, "Kestrel Logistics Inc.")
    c.setFont("Helvetica", 9)
    c.drawString(50, H - 70, "410 Harbor Blvd, Tacoma, WA 98402")
    c.setFont("Helvetica-Bold", 13)
    c.drawRightString(560, H - 55, "Payroll Register")
    c.setFont("Helvetica", 10)
    c.drawString(50, H - 105, "Pay period: 03/02/2026 - 03/15/2026")
    c.drawString(330, H - 105, "Check date: 03/20/2026")
    columns = [50, 100, 230, 285, 340, 395, 460, 520]
    headers = ["ID", "Employee", "Reg Hrs", "OT Hrs", "Rate", "Gross", "Deductions", "Net"]
    c.setFont("Helvetica-Bold", 9)
    for x, text in zip(columns, headers):
        c.drawString(x, H - 140, text)
    c.setFont("Helvetica", 9)
    for n, row in enumerate(ROWS):
        y = H - 158 - 16 * n
        for i, (x, text) in enumerate(zip(columns, row)):
            if i >= 2:
                c.drawRightString(x + 40, y, text)
            else:
                c.drawString(x, y, text)
    c.setFont("Helvetica", 10)
    for n, (label, value) in enumerate([("Gross wages", "$6,848.56"), ("Deductions", "$1,717.73"), ("Net pay", "$5,130.83")]):
        c.drawString(340, H - 240 - 15 * n, label)
        c.drawRightString(560, H - 240 - 15 * n, value)
    c.save()

    doc = read_document(path, ReaderSettings(workers=1))
    classify(doc)
    extract(doc)
    validate(doc, seen=SeenDocuments(), today=date(2026, 6, 1), rules=default_rules())
    values = {k: f.value for k, f in doc.fields.items()}
    assert doc.doc_type == "payroll"
    assert values["employer_name"] == "Kestrel Logistics Inc."
    assert (values["pay_period_start"], values["pay_period_end"], values["pay_date"]) == (
        date(2026, 3, 2), date(2026, 3, 15), date(2026, 3, 20))
    assert (values["total_gross"], values["total_deductions"], values["total_net"]) == (
        Decimal("6848.56"), Decimal("1717.73"), Decimal("5130.83"))
    assert [r["net_pay"].value for r in doc.tables["employees"]] == [Decimal("1907.58"), Decimal("1341.54"), Decimal("1881.71")]
    assert not any(i.severity == "error" for i in doc.issues), [i.code for i in doc.issues]
    assert not needs_review(doc), [(i.code, i.fields) for i in doc.issues]
