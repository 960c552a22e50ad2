"""A register whose letterhead and title are printed letter-spaced ('N O R T H G A T E   L O G I S T I C S'), as
designers set company names and report titles in capitals: the clerk reads the employer's name as words, and so must
the reader of the text layer, whatever the tracking."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from tests.test_invoice_issuer import _read
from tests.test_payroll_header import ROWS, H, W, _values


def _register(path: Path, tracking: float, employer: str) -> None:
    c = canvas.Canvas(str(path), pagesize=(W, H), invariant=1)
    for x, font, size, text in ((40, "Helvetica-Bold", 11, employer), (520, "Helvetica", 15, "PAYROLL REGISTER")):
        c.saveState()  # the tracking stays with the graphics state otherwise
        spaced = c.beginText(x, H - 40)
        spaced.setFont(font, size)
        spaced.setCharSpace(tracking)
        spaced.textOut(text)
        c.drawText(spaced)
        c.restoreState()
    c.setFont("Helvetica", 10)
    c.drawString(40, H - 70, "Pay period: 03/01/2026 - 03/15/2026")
    c.drawString(40, H - 85, "Check date: 03/20/2026")
    y = H - 160
    for row in [("ID", "Employee", "Reg Hrs", "OT Hrs", "Rate", "Gross", "Deductions", "Net"), *ROWS,
                ("", "Total", "", "", "", "3,165.00", "645.00", "2,520.00")]:
        for x, text in zip([40, 100, 300, 370, 440, 530, 630, 730], row):
            if text:
                (c.drawString if x < 300 else c.drawRightString)(x if x < 300 else x + 50, y, text)
        y -= 16
    c.save()


@pytest.mark.parametrize("tracking", [1.0, 2.0, 3.5, 5.0])
@pytest.mark.parametrize("employer", ["NORTHGATE LOGISTICS LLC", "Berger Haustechnik AG", "SCHRÖDER & PARTNER GMBH & CO. KG"])
def test_a_letter_spaced_letterhead_gives_the_employer_as_words(tmp_path: Path, tracking: float, employer: str):
    path = tmp_path / "register.pdf"
    _register(path, tracking, employer)

    doc = _read(path)

    assert _values(doc) == {"employer_name": employer, "pay_period_start": date(2026, 3, 1),
                            "pay_period_end": date(2026, 3, 15), "pay_date": date(2026, 3, 20)}
    assert "PAYROLL REGISTER" in " ".join(w.text for w in doc.pages[0].words)
