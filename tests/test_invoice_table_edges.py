"""Line items at the table's edges: a panel of references printed beside the rows, and amounts whose thousands
stand a wide space apart. Each test draws its own German invoice (reportlab)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reportlab.pdfgen import canvas

from tests.test_invoice_issuer import _read
from validators import needs_review

W, H = 612, 792


def _invoice(path: Path, *, side_panel: bool) -> Path:
    c = canvas.Canvas(str(path), pagesize=(W, H), invariant=1)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(50, H - 50, "Berger Haustechnik GmbH")
    c.setFont("Helvetica", 9)
    c.drawString(50, H - 64, "Lindenweg 4, 70173 Stuttgart · USt-IdNr. DE811203344")
    c.setFont("Helvetica-Bold", 18)
    c.drawString(400, H - 50, "RECHNUNG")
    c.setFont("Helvetica", 10)
    for i, (label, value) in enumerate([("Rechnungs-Nr.", "267143"), ("Rechnungsdatum", "27.05.2026")]):
        c.drawString(400, H - 80 - 14 * i, label)
        c.drawString(490, H - 80 - 14 * i, value)
    c.drawString(50, H - 100, "Elbufer Logistik e.K., Kaiserstraße 75, 70565 Stuttgart")
    top = H - 170
    c.setFont("Helvetica-Bold", 9)
    for x, text in ((52, "Pos."), (85, "Artikelbezeichnung")):
        c.drawString(x, top, text)
    for x, text in ((260, "Stück"), (345, "Preis/Einheit"), (428, "Gesamt")):
        c.drawRightString(x, top, text)
    c.setFont("Helvetica", 9)
    rows = [("1", "LED-Panel 600 x 600", "2", ["45,02 EUR"], ["90,04 EUR"]),
            ("2", "Tonerkartusche schwarz", "2", ["141,86 EUR"], ["283,72 EUR"]),
            ("3", "Hydraulikschlauch 1/2 Zoll", "24", ["76,57 EUR"], ["1", "837,68 EUR"]),
            ("4", "Stretchfolie 500 mm", "1", ["12,92 EUR"], ["12,92 EUR"])]
    for n, (pos, desc, qty, price, amount) in enumerate(rows):
        y = top - 20 - 22 * n
        c.drawRightString(70, y, pos)
        c.drawString(85, y, desc)
        c.drawRightString(260, y, qty)
        c.drawRightString(345, y, price[0])
        c.drawRightString(428, y, amount[-1])
        if len(amount) == 2:  # the thousands a wide space (0.7 of the print's height) before the rest
            c.drawRightString(428 - c.stringWidth(amount[-1], "Helvetica", 9) - 7, y, amount[0])
    if side_panel:
        for i, (label, value) in enumerate([("Lieferdatum", "19. Mai 2026"), ("Kundennummer", "38907")]):
            c.drawString(475, top - 20 - 30 * i, label)
            c.drawString(475, top - 31 - 30 * i, value)
    y = top - 20 - 22 * len(rows) - 16
    for i, (label, value) in enumerate([("Warenwert netto", "2.224,36 EUR"), ("USt. 19 %", "422,63 EUR"),
                                        ("Gesamt brutto", "2.646,99 EUR")]):
        c.drawString(300, y - 14 * i, label)
        c.drawRightString(428, y - 14 * i, value)
    c.save()
    return path


def _items(doc) -> list[tuple]:
    return [(r["description"].value, r["quantity"].value, r.get("unit_price") and r["unit_price"].value,
             r["amount"].value) for r in doc.tables["line_items"]]


def test_an_amount_with_its_thousands_a_wide_space_apart_is_one_amount(tmp_path: Path):
    items = _items(_read(_invoice(tmp_path / "rechnung.pdf", side_panel=False)))
    assert items[2][1:] == (Decimal("24"), Decimal("76.57"), Decimal("1837.68"))


def test_a_panel_of_references_beside_the_rows_adds_no_item(tmp_path: Path):
    doc = _read(_invoice(tmp_path / "rechnung.pdf", side_panel=True))
    items = _items(doc)
    assert [i[3] for i in items] == [Decimal("90.04"), Decimal("283.72"), Decimal("1837.68"), Decimal("12.92")]
    assert not needs_review(doc), [i.code for i in doc.issues]
