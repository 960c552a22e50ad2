"""The vendor on an invoice of a layout never seen: sure when several cues agree, held for review when it is a guess.

Each test draws its own page (reportlab) in French or Spanish with labels the sample generator never prints.
"""

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


def _read(path: Path):
    doc = read_document(path, ReaderSettings(workers=1))
    classify(doc)
    extract(doc)
    validate(doc, seen=SeenDocuments(), today=date(2026, 6, 1), rules=default_rules())
    return doc


def _pairs(c: canvas.Canvas, y: float, pairs: list[tuple[str, str]], *, label_x: float, value_x: float,
           right: bool = False) -> None:
    """Labels in one column, their values in the next (right-aligned at value_x when `right`)."""
    for i, (label, value) in enumerate(pairs):
        c.drawString(label_x, y - 15 * i, label)
        (c.drawRightString if right else c.drawString)(value_x, y - 15 * i, value)


def _items(c: canvas.Canvas, y: float, header: tuple[str, str, str, str], rows: list[tuple[str, str, str, str]],
           totals: list[tuple[str, str]]) -> None:
    """A line-item table (description left, numbers right-aligned) with the totals block under it."""
    for n, (desc, qty, price, amount) in enumerate([header, *rows]):
        c.setFont("Helvetica-Bold" if n == 0 else "Helvetica", 10)
        row_y = y - (0 if n == 0 else 2 + 16 * n)
        c.drawString(60, row_y, desc)
        c.drawRightString(360, row_y, qty)
        c.drawRightString(450, row_y, price)
        c.drawRightString(545, row_y, amount)
    _pairs(c, y - 2 - 16 * len(rows) - 36, totals, label_x=360, value_x=545, right=True)


def _french_invoice(path: Path, *, letterhead: str, footer_name: str | None) -> Path:
    c = canvas.Canvas(str(path), invariant=1)
    c.setFont("Helvetica-Bold", 18)
    c.drawString(60, H - 60, letterhead)
    c.setFont("Helvetica", 9)
    c.drawString(60, H - 76, "12 rue des Lilas, 69003 Lyon")
    c.drawString(60, H - 88, "Tél. +33 4 72 00 00 00 · contact@example.fr")
    c.setFont("Helvetica-Bold", 20)
    c.drawString(420, H - 60, "FACTURE")
    c.setFont("Helvetica", 10)
    _pairs(c, H - 110, [("Facture n°", "F-2026-0412"), ("Date de facture", "14/03/2026"), ("Échéance", "13/04/2026"),
                        ("Bon de commande", "BC-7781")], label_x=340, value_x=450)
    c.drawString(60, H - 130, "Facturer à")
    c.setFont("Helvetica-Bold", 12)
    c.drawString(60, H - 146, "Boulangerie Martin SARL")
    c.setFont("Helvetica", 10)
    c.drawString(60, H - 160, "4 place du Marché, 75011 Paris")
    _items(c, H - 220, ("Désignation", "Qté", "Prix unitaire HT", "Montant HT"),
           [("Maintenance four à sole", "2", "180,00", "360,00"), ("Pièces détachées (kit joints)", "3", "42,50", "127,50")],
           [("Total HT", "487,50 €"), ("TVA 20 %", "97,50 €"), ("Total TTC", "585,00 €")])
    if footer_name:
        c.setFont("Helvetica", 8)
        c.drawString(60, 40, f"{footer_name} · SIRET 123 456 789 00012 · N° TVA FR12123456789 · IBAN FR76 3000 6000 0112 3456 7890 189")
    c.save()
    return path


def test_french_invoice_vendor_corroborated_by_footer_posts_without_review(tmp_path: Path):
    doc = _read(_french_invoice(tmp_path / "facture.pdf", letterhead="Atelier Dubois SAS", footer_name="Atelier Dubois SAS"))
    values = {k: f.value for k, f in doc.fields.items()}
    assert values["vendor_name"] == "Atelier Dubois SAS"  # not the customer under 'Facturer à'
    assert doc.fields["vendor_name"].confidence >= 0.95
    assert values["invoice_number"] == "F-2026-0412"
    assert values["invoice_date"] == date(2026, 3, 14)
    assert values["due_date"] == date(2026, 4, 13)
    assert values["po_number"] == "BC-7781"
    assert (values["subtotal"], values["tax_amount"], values["total_amount"]) == (
        Decimal("487.50"), Decimal("97.50"), Decimal("585.00"))
    assert values["currency"] == "EUR"
    assert [r["amount"].value for r in doc.tables["line_items"]] == [Decimal("360.00"), Decimal("127.50")]
    assert not needs_review(doc), [i.code for i in doc.issues]


def test_a_lone_brand_word_as_vendor_is_held_for_review(tmp_path: Path):
    doc = _read(_french_invoice(tmp_path / "facture.pdf", letterhead="DUBOIS", footer_name=None))
    vendor = doc.fields.get("vendor_name")
    assert vendor is None or vendor.confidence < 0.9
    assert needs_review(doc)
    assert any(i.code in ("field.low_confidence", "field.missing") and "vendor_name" in i.fields for i in doc.issues)


def test_spanish_invoice_labels_and_customer_block(tmp_path: Path):
    path = tmp_path / "factura.pdf"
    c = canvas.Canvas(str(path), invariant=1)
    c.setFont("Helvetica", 9)
    c.drawString(60, H - 40, "Suministros Iberia S.L. · Calle Mayor 21 · 28013 Madrid · NIF ESB12345674")
    c.setFont("Helvetica-Bold", 16)
    c.drawString(60, H - 70, "Suministros Iberia S.L.")
    c.drawString(420, H - 70, "FACTURA")
    c.setFont("Helvetica", 10)
    c.drawString(60, H - 110, "Cliente:")
    c.drawString(60, H - 124, "Hoteles del Sur S.A.")
    c.drawString(60, H - 138, "Avenida de la Constitución 5, 41004 Sevilla")
    _pairs(c, H - 110, [("Nº de factura", "2026/118"), ("Fecha", "05/02/2026"), ("Vencimiento", "07/03/2026")],
           label_x=340, value_x=450)
    _items(c, H - 200, ("Concepto", "Cantidad", "Precio", "Importe"),
           [("Toallas de baño, caja de 20", "4", "55,00", "220,00"), ("Sábanas 150 x 200", "10", "18,90", "189,00")],
           [("Base imponible", "409,00"), ("IVA 21%", "85,89"), ("Total factura", "494,89 EUR")])
    c.save()
    doc = _read(path)
    values = {k: f.value for k, f in doc.fields.items()}
    assert values["vendor_name"] == "Suministros Iberia S.L."
    assert values["invoice_number"] == "2026/118"
    assert values["invoice_date"] == date(2026, 2, 5)
    assert values["due_date"] == date(2026, 3, 7)
    assert values["vendor_tax_id"] == "ESB12345674"
    assert (values["subtotal"], values["tax_amount"], values["total_amount"]) == (
        Decimal("409.00"), Decimal("85.89"), Decimal("494.89"))
    assert not any(i.severity == "error" for i in doc.issues), [i.code for i in doc.issues]
