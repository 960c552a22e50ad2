"""Invoice tables whose headers stand close together or whose page ends in a carried-forward line and a bank footer
read their quantities and no footer rows (reportlab pages, not the generator's)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reportlab.pdfgen import canvas

from tests.test_invoice_issuer import _read

W, H = 595, 842
ITEMS = [("1", "Projektleitung", "5,00", "Std.", "134,00 EUR", "670,00 EUR"),
         ("2", "Beratungsleistung", "9,50", "Std.", "155,00 EUR", "1.472,50 EUR"),
         ("3", "Softwareentwicklung", "2,00", "Std.", "146,00 EUR", "292,00 EUR")]


def _letterhead(path: Path, number_line: str, date_line: str) -> canvas.Canvas:
    c = canvas.Canvas(str(path), pagesize=(W, H), invariant=1)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(58, H - 60, "Berger Elektrotechnik GmbH")
    c.setFont("Helvetica", 10)
    c.drawString(58, H - 90, number_line)
    c.drawString(58, H - 104, date_line)
    return c


def _table(c: canvas.Canvas, header: list[tuple[int, str]], items: list[tuple[str, str, str, str]],
           right_edges: tuple[int, int, int]) -> None:
    """A header row at H - 150 and one line per item under it: text, then three numbers set flush right."""
    c.setFont("Helvetica-Bold", 9)
    for x, text in header:
        c.drawString(x, H - 150, text)
    c.setFont("Helvetica", 9)
    for k, (text, *numbers) in enumerate(items):
        c.drawString(header[0][0], H - 168 - 16 * k, text)
        for x, number in zip(right_edges, numbers):
            c.drawRightString(x, H - 168 - 16 * k, number)


def _header(c: canvas.Canvas, y: float) -> None:
    c.setFont("Helvetica-Bold", 9)
    for x, text in [(66, "Pos."), (92, "Beschreibung"), (328, "Std."), (353, "Einheit"), (404, "Preis/Einheit"), (502, "Gesamt")]:
        c.drawString(x, y, text)


def _item(c: canvas.Canvas, y: float, item) -> None:
    c.setFont("Helvetica", 9)
    pos, text, hours, unit, price, amount = item
    c.drawRightString(84, y, pos)
    c.drawString(92, y, text)
    c.drawRightString(344, y, hours)
    c.drawString(360, y, unit)
    c.drawRightString(456, y, price)
    c.drawRightString(534, y, amount)


def test_hours_under_a_header_printed_against_the_unit_header_and_a_footer_after_the_carry(tmp_path: Path):
    path = tmp_path / "rechnung.pdf"
    c = _letterhead(path, "Rechnung Nr. 313958", "Rechnungsdatum: 04.03.2026")
    _header(c, H - 150)
    for n, item in enumerate(ITEMS[:2]):
        _item(c, H - 168 - 16 * n, item)
    c.setFont("Helvetica", 9)
    c.drawString(62, H - 210, "Übertrag")
    c.drawRightString(534, H - 210, "2.142,50 EUR")
    c.setFont("Helvetica", 7)  # the page footer, close under the carry line
    c.drawString(58, H - 236, "Hauptstraße 3")
    c.drawString(218, H - 236, "Bodensee Privatbank AG")
    c.drawString(378, H - 236, "Amtsgericht Stuttgart HRB 48319")
    c.drawString(58, H - 244, "70565 Stuttgart")
    c.drawString(218, H - 244, "IBAN DE18 4381 3220 6188 9188 97")
    c.showPage()
    _header(c, H - 80)
    c.setFont("Helvetica", 9)
    c.drawString(62, H - 98, "Übertrag")
    c.drawRightString(534, H - 98, "2.142,50 EUR")
    _item(c, H - 114, ITEMS[2])
    c.setFont("Helvetica", 10)
    for n, (label, value) in enumerate([("Warenwert netto", "2.434,50 EUR"), ("Umsatzsteuer 19%", "462,56 EUR"),
                                        ("Gesamtsumme brutto", "2.897,06 EUR")]):
        c.drawString(330, H - 150 - 16 * n, label)
        c.drawRightString(534, H - 150 - 16 * n, value)
    c.save()

    doc = _read(path)
    rows = doc.tables["line_items"]
    assert [r["description"].value for r in rows] == ["Projektleitung", "Beratungsleistung", "Softwareentwicklung"]
    assert [r["quantity"].value for r in rows] == [Decimal("5.00"), Decimal("9.50"), Decimal("2.00")]
    assert doc.fields["total_amount"].value == Decimal("2897.06")
    assert not any(i.severity == "error" for i in doc.issues), [(i.code, i.fields) for i in doc.issues]


# Header rows as vendors print them: an article number or SKU column left of the description, a tax rate column,
# quantities headed 'Stück' or 'Time (h)', a price headed 'Unit amount', amounts headed 'G-Preis' or 'Line amount (USD)'.
HEADER_ROWS = [
    [(58, "Art.-Nr."), (118, "Bezeichnung"), (330, "Stück"), (400, "E-Preis"), (455, "USt."), (500, "G-Preis")],
    [(58, "SKU"), (118, "Description"), (330, "Qty."), (400, "Unit amount"), (455, "VAT %"), (480, "Line amount (USD)")],
    [(58, "Item code"), (118, "Article"), (330, "Time (h)"), (400, "Rate"), (455, "Tax"), (500, "Ext. Price")],
]


def test_columns_the_description_does_not_own_stay_out_of_it(tmp_path: Path):
    items = [("AX-3339", "Pallet wrap stretch film", "4", "23,09", "19%", "92,36"),
             ("KT-624", "Versandkartons 400 x 300 mm", "12", "5,54", "19%", "66,48")]
    for n, header in enumerate(HEADER_ROWS):
        path = tmp_path / f"headers{n}.pdf"
        c = _letterhead(path, "Invoice No. 313958", "Invoice date: 04.03.2026")
        c.setFont("Helvetica-Bold", 9)
        for x, text in header:
            c.drawString(x, H - 150, text)
        c.setFont("Helvetica", 9)
        for k, (code, text, qty, price, rate, amount) in enumerate(items):
            y = H - 168 - 16 * k
            c.drawString(58, y, code)
            c.drawString(118, y, text)
            c.drawRightString(352, y, qty)
            c.drawRightString(440, y, price)
            c.drawRightString(478, y, rate)
            c.drawRightString(534, y, amount)
        c.setFont("Helvetica", 10)
        c.drawString(380, H - 220, "Subtotal")
        c.drawRightString(534, H - 220, "158,84")
        c.drawString(380, H - 236, "Total")
        c.drawRightString(534, H - 236, "189,02")
        c.save()

        rows = _read(path).tables["line_items"]
        assert [r["description"].value for r in rows] == [i[1] for i in items], header
        assert [r["quantity"].value for r in rows] == [Decimal("4"), Decimal("12")], header
        assert [r["unit_price"].value for r in rows] == [Decimal("23.09"), Decimal("5.54")], header
        assert [r["amount"].value for r in rows] == [Decimal("92.36"), Decimal("66.48")], header


def test_a_totals_line_under_captions_and_a_bank_line_are_no_items(tmp_path: Path):
    path = tmp_path / "captions.pdf"
    c = _letterhead(path, "Invoice No. 430793", "Invoice date: 2026-08-20")
    items = [("Consulting services", "4.00", "193.00", "772.00"), ("Training session", "10.75", "164.00", "1,763.00")]
    _table(c, [(58, "Item / Service"), (330, "Hrs"), (400, "Price each"), (500, "Total")], items, (352, 440, 534))
    for x, text in [(300, "Total before tax"), (400, "Tax 8.875%"), (500, "Total")]:
        c.drawString(x, H - 206, text)
    c.drawString(58, H - 222, "Hours total: 14.75")
    for x, text in [(352, "2,535.00"), (440, "224.98"), (534, "2,759.98")]:
        c.drawRightString(x, H - 222, text)
    c.drawString(58, H - 238, "Payment details: Bayfront Community Bank, Routing 115017328, Account")
    c.drawRightString(440, H - 238, "51258911547054")
    c.save()

    doc = _read(path)
    rows = doc.tables["line_items"]
    assert [r["description"].value for r in rows] == ["Consulting services", "Training session"]
    assert [r["amount"].value for r in rows] == [Decimal("772.00"), Decimal("1763.00")]
    assert doc.fields["subtotal"].value == Decimal("2535.00")  # the captions over the totals line are its labels
    assert doc.fields["total_amount"].value == Decimal("2759.98")


def test_a_side_bar_beside_the_table_stays_out_of_the_descriptions(tmp_path: Path):
    path = tmp_path / "sidebar.pdf"
    c = _letterhead(path, "Rechnung 139120", "Datum: 24.11.2025")
    items = [("Projektleitung", "5,25", "153,00", "803,25"), ("Softwareentwicklung", "2,00", "158,00", "316,00"),
             ("Beratungsleistung", "4,75", "116,00", "551,00")]
    side = ["Ausstellungsdatum", "24.11.2025", "USt-IdNr.", "DE562330488", "Zahlungsziel", "14 Tage"]
    _table(c, [(58, "Artikel"), (250, "Stunden"), (300, "Einzelpreis"), (380, "Betrag")], items, (290, 350, 410))
    for k, text in enumerate(side):
        c.drawString(460, H - 168 - 9 * k, text)
    c.drawString(250, H - 230, "Summe netto")
    c.drawRightString(410, H - 230, "1.670,25")
    c.save()

    rows = _read(path).tables["line_items"]
    assert [r["description"].value for r in rows] == [i[0] for i in items]
    assert [r["amount"].value for r in rows] == [Decimal("803.25"), Decimal("316.00"), Decimal("551.00")]


def test_amounts_with_spaces_between_thousands_and_a_side_bar_left_of_the_table(tmp_path: Path):
    # '3 449,10 €': the text layer hands the groups over as separate words; the PO number stands in a side bar whose
    # label shares the header line.
    path = tmp_path / "spaced.pdf"
    c = _letterhead(path, "Rechnung 2026/0170", "Datum: 01.03.2026")
    items = [("Bürodrehstuhl mit Netzrücken", "10,00", "344,91 €", "3 449,10 €"),
             ("Tonerkartusche schwarz", "24,00", "118,15 €", "2 835,60 €")]
    _table(c, [(150, "Leistungsbeschreibung"), (350, "Menge"), (410, "Einzelpreis"), (500, "Betrag")], items,
           (380, 470, 534))
    c.setFont("Helvetica", 8)
    c.drawString(20, H - 150, "Ihre Bestellung")
    c.drawString(20, H - 160, "4522766342")
    c.save()

    doc = _read(path)
    rows = doc.tables["line_items"]
    assert [r["amount"].value for r in rows] == [Decimal("3449.10"), Decimal("2835.60")]
    assert [r["unit_price"].value for r in rows] == [Decimal("344.91"), Decimal("118.15")]
    assert doc.fields["po_number"].value == "4522766342"
