"""Identifiers read off a scan: where letters run into digits a scan confuses look-alike glyphs (SI877346 read as
S1877346), so such a number is held for a person; a speck read as a quote mark is no part of the number."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
from reportlab.pdfgen import canvas

from extractors.values import parse_identifier
from tests.test_invoice_issuer import H, _items, _pairs, _read

THRESHOLDS = json.loads((Path(__file__).resolve().parent.parent / "validators" / "thresholds.json").read_text())


def _invoice(path: Path, number: str) -> Path:
    c = canvas.Canvas(str(path), invariant=1)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(60, H - 60, "Kestrel Marine Supply Ltd")
    c.setFont("Helvetica-Bold", 18)
    c.drawString(430, H - 60, "INVOICE")
    c.setFont("Helvetica", 11)
    _pairs(c, H - 110, [("Invoice No.", number), ("Invoice Date", "2026-03-02")], label_x=360, value_x=450)
    _items(c, H - 220, ("Description", "Qty", "Unit Price", "Amount"),
           [("Mooring rope 20 mm, per metre", "40", "3.25", "130.00")],
           [("Subtotal", "130.00"), ("Tax", "0.00"), ("Total", "130.00")])
    c.save()
    return path


def _scanned(pdf: Path) -> Path:
    page = pdfium.PdfDocument(str(pdf))[0]
    png = pdf.with_suffix(".png")
    page.render(scale=200 / 72, grayscale=True).to_pil().save(png, dpi=(200, 200))
    return png


def test_scanned_number_where_letters_meet_digits_is_held_for_review(tmp_path: Path):
    # Printed S1877346: read right, yet a scan of SI877346 reads the same, so a person confirms it.
    scan = _read(_scanned(_invoice(tmp_path / "si.pdf", "S1877346")))
    number = scan.fields["invoice_number"]
    assert number.value == "S1877346"
    assert number.confidence < THRESHOLDS["invoice_number"]
    assert scan.status == "needs_review"
    digital = _read(_invoice(tmp_path / "digital.pdf", "S1877346"))  # a text layer has no look-alike glyphs
    assert digital.fields["invoice_number"].value == "S1877346"
    assert digital.fields["invoice_number"].confidence >= THRESHOLDS["invoice_number"]


def test_scanned_number_with_a_separator_keeps_its_confidence(tmp_path: Path):
    scan = _read(_scanned(_invoice(tmp_path / "re.pdf", "RE-2026-4969")))
    assert scan.fields["invoice_number"].value == "RE-2026-4969"
    assert scan.fields["invoice_number"].confidence >= THRESHOLDS["invoice_number"]


def test_quote_marks_around_an_identifier_are_no_part_of_it():
    assert parse_identifier("‘B-2025-694") == "B-2025-694"
    assert parse_identifier('"PO-4410",') == "PO-4410"
    assert parse_identifier("INV-0042") == "INV-0042"


def test_a_total_whose_figures_were_lost_is_worked_out_and_held_for_review(tmp_path: Path):
    path = tmp_path / "smudged.pdf"
    c = canvas.Canvas(str(path), invariant=1)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(60, H - 60, "Kestrel Marine Supply Ltd")
    c.setFont("Helvetica", 11)
    _pairs(c, H - 110, [("Invoice No.", "KM-20417"), ("Invoice Date", "2026-03-02")], label_x=360, value_x=450)
    _items(c, H - 220, ("Description", "Qty", "Unit Price", "Amount"),
           [("Mooring rope 20 mm, per metre", "40", "3.25", "130.00"), ("Shackle 16 mm", "12", "6.50", "78.00")],
           [("Subtotal", "208.00"), ("VAT 20%", "~#~"), ("Total", "249.60")])  # the tax figures smudged away
    c.save()
    doc = _read(path)
    tax = doc.fields["tax_amount"]
    assert str(tax.value) == "41.60"  # total - subtotal
    assert tax.confidence < THRESHOLDS["tax_amount"]
    assert doc.evidence["worked_out"] == ["tax_amount"]
    unread = [i for i in doc.issues if i.code == "field.unread"]
    assert unread and "tax_amount" in unread[0].fields and "worked out" in unread[0].message
    assert doc.status == "needs_review"
