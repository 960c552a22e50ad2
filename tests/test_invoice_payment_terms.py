"""Payment terms ('Net 30') and the two dates they tie together: a due date exactly the terms' days after the
invoice date confirms both, and settles dates a page prints either way readable (02/03/2026)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.pdfgen import canvas

from tests.test_invoice_issuer import H, _items, _pairs, _read


def _invoice(path: Path, *, issued: str, due: str, terms: str | None) -> Path:
    c = canvas.Canvas(str(path), invariant=1)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(60, H - 60, "Kestrel Marine Supply Ltd")
    c.setFont("Helvetica", 9)
    c.drawString(60, H - 74, "Unit 4, Harbour Road, Galway H91 F2X3 · accounts@kestrelmarine.ie")
    c.setFont("Helvetica-Bold", 18)
    c.drawString(430, H - 60, "INVOICE")
    c.setFont("Helvetica", 10)
    rows = [("Invoice No.", "KM-20417"), ("Invoice Date", issued), ("Due Date", due)]
    _pairs(c, H - 110, rows + ([("Terms", terms)] if terms else []), label_x=360, value_x=450)
    c.drawString(60, H - 110, "Bill To:")
    c.drawString(60, H - 124, "Bayview Fisheries")
    c.drawString(60, H - 138, "12 Quay Street, Cork")
    _items(c, H - 220, ("Description", "Qty", "Unit Price", "Amount"),
           [("Mooring rope 20 mm, per metre", "40", "3.25", "130.00"), ("Galvanised shackle 16 mm", "12", "6.50", "78.00")],
           [("Subtotal", "208.00"), ("Tax", "0.00"), ("Total", "$208.00")])  # an Irish vendor billing in dollars
    c.setFont("Helvetica", 8)
    c.drawString(60, 40, "Kestrel Marine Supply Ltd · Registered in Ireland no. 604418 · VAT IE6388047V")
    c.save()
    return path


def test_terms_settle_dates_readable_either_way(tmp_path: Path):
    # 02/03/2026 and 01/04/2026: 2 March to 1 April is 30 days; 3 February to 4 January is no term at all.
    doc = _read(_invoice(tmp_path / "inv.pdf", issued="02/03/2026", due="01/04/2026", terms="Net 30"))
    assert doc.fields["invoice_date"].value == date(2026, 3, 2)
    assert doc.fields["due_date"].value == date(2026, 4, 1)
    assert doc.fields["due_date"].confidence >= 0.9
    assert doc.fields["invoice_date"].confidence >= 0.9


def test_without_terms_dates_readable_either_way_stay_a_guess(tmp_path: Path):
    # The page points both ways (a VAT number and dollars): which way the dates read is a coin flip.
    doc = _read(_invoice(tmp_path / "inv.pdf", issued="02/03/2026", due="01/04/2026", terms=None))
    assert doc.fields["due_date"].confidence < 0.8
    assert doc.status == "needs_review"


def test_due_date_off_the_terms_is_less_sure_than_one_on_them(tmp_path: Path):
    on = _read(_invoice(tmp_path / "on.pdf", issued="2026-03-02", due="2026-04-01", terms="Net 30"))
    off = _read(_invoice(tmp_path / "off.pdf", issued="2026-03-02", due="2026-04-11", terms="Net 30"))
    assert on.fields["due_date"].value == date(2026, 4, 1) and off.fields["due_date"].value == date(2026, 4, 11)
    assert off.fields["due_date"].confidence < 0.9 * on.fields["due_date"].confidence
