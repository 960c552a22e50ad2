"""A customer block with no label a scan kept: its own tax id ('USt-ID Kunde', 'Customer VAT no.') marks it as the
customer's, so its name is never reported as the vendor."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen import canvas

from tests.test_invoice_issuer import H, _items, _pairs, _read


def _reverse_charge_invoice(path: Path, *, tax_id_caption: str, vendor_in_footer: bool) -> Path:
    c = canvas.Canvas(str(path), invariant=1)
    c.setFont("Helvetica-Bold", 20)
    c.drawString(400, H - 60, "RECHNUNG")
    c.setFont("Helvetica-Bold", 13)  # the customer's name, larger than anything near it and without a label
    c.drawString(60, H - 130, "Schwarzwald Bürobedarf GmbH")
    c.setFont("Helvetica", 10)
    c.drawString(60, H - 145, "Gewerbering 16")
    c.drawString(60, H - 158, "80331 München")
    c.drawString(60, H - 171, f"{tax_id_caption} DE947174385")
    _pairs(c, H - 130, [("Rechnungsnr.", "RE-2025-5417"), ("Datum", "15.12.2025")], label_x=380, value_x=470)
    _items(c, H - 230, ("Bezeichnung", "Anzahl", "E-Preis", "G-Preis"),
           [("Netzwerkkabel Cat6, 3 m", "4", "8,53", "34,12"), ("Lieferung und Montage", "1", "262,40", "262,40")],
           [("Warenwert netto", "EUR 296,52"), ("Umsatzsteuer 0 %", "EUR 0,00"), ("Zahlbetrag", "EUR 296,52")])
    c.drawString(60, H - 400, "Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge).")
    if vendor_in_footer:
        c.setFont("Helvetica", 8)
        c.drawString(60, 40, "Berger Elektrotechnik KG · Amtsgericht Freiburg HRA 70412 · USt-IdNr. DE318811901")
    c.save()
    return path


def test_name_over_the_customers_tax_id_is_not_the_vendor(tmp_path: Path):
    for caption in ("USt-ID Kunde:", "Customer VAT no.:"):
        doc = _read(_reverse_charge_invoice(tmp_path / "rc.pdf", tax_id_caption=caption, vendor_in_footer=True))
        assert doc.fields["vendor_name"].value == "Berger Elektrotechnik KG", caption
        assert doc.fields["invoice_number"].value == "RE-2025-5417"


def test_only_the_customers_name_on_the_page_is_no_sure_vendor(tmp_path: Path):
    doc = _read(_reverse_charge_invoice(tmp_path / "rc.pdf", tax_id_caption="USt-ID Kunde:", vendor_in_footer=False))
    vendor = doc.fields.get("vendor_name")
    assert vendor is None or vendor.value != "Schwarzwald Bürobedarf GmbH" or vendor.confidence < 0.5
    assert doc.status == "needs_review"


def test_a_number_under_a_label_of_its_own_is_not_the_vendors_tax_id(tmp_path: Path):
    from tests.test_invoice_issuer import _read as read
    path = tmp_path / "footer.pdf"
    c = canvas.Canvas(str(path), invariant=1)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(60, H - 60, "Harbour Lights Trading Ltd")
    c.setFont("Helvetica", 10)
    _pairs(c, H - 110, [("Invoice No.", "HL-2291"), ("Invoice Date", "2026-03-02")], label_x=360, value_x=450)
    _items(c, H - 200, ("Description", "Qty", "Unit Price", "Amount"), [("Brass lantern", "2", "45.00", "90.00")],
           [("Subtotal", "90.00"), ("VAT 20%", "18.00"), ("Total", "108.00")])
    c.setFont("Helvetica", 8)
    c.drawString(60, 60, "VAT Reg. No.")  # its value under it; beside it, another label's number
    c.drawString(125, 60, "Routing 021000021")
    c.drawString(60, 50, "GB 123 4567 89")
    c.save()
    doc = read(path)
    assert doc.fields["vendor_tax_id"].value == "GB123456789"
