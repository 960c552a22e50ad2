"""Invoice headers the extractor was not written for, read as a clerk reads them: the vendor at the foot of the page,
beside a factoring company's 'Remit to' or under a parent group's name; payment terms instead of a due date; dates
that put the day first with slashes; French and Dutch labels; a header row of labels over values above the items.

Some invoices are drawn here with reportlab, the others with family G of the sample generator (the first seed that
has the case), so each test stays about its case.
"""

from __future__ import annotations

import json
import random
from datetime import date
from decimal import Decimal
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from samplegen.invoice import Invoice, make_invoice, truth
from samplegen.invoice_random import Parts, Style, _parts, _style, render_random
from tests.test_invoice_issuer import _read

W, H = A4
THRESHOLDS = json.loads((Path(__file__).parent.parent / "validators" / "thresholds.json").read_text())


def _draw(path: Path, lines: list[tuple[float, float, str]], *, bold: set[str] = frozenset()) -> None:
    """Text at (x, y from the top) in points; texts in `bold` larger and bold, as a letterhead prints a name."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for x, y, text in lines:
        strong = text in bold
        c.setFont("Helvetica-Bold" if strong else "Helvetica", 13 if strong else 9)
        c.drawString(x, H - y, text)
    c.save()


def _items(y: float, rows: list[tuple[str, str, str, str]], header=("Description", "Qty", "Unit price", "Amount")):
    out = [(50, y, header[0]), (330, y, header[1]), (400, y, header[2]), (490, y, header[3])]
    for k, row in enumerate(rows):
        out += [(50, y + 16 * (k + 1), row[0]), (330, y + 16 * (k + 1), row[1]), (400, y + 16 * (k + 1), row[2]),
                (490, y + 16 * (k + 1), row[3])]
    return out


ITEMS = [("Toner cartridge, black", "2", "60.00", "120.00"), ("Copy paper, box of 5 reams", "5", "30.00", "150.00")]
TOTALS = [(380, 330, "Subtotal"), (490, 330, "270.00"), (380, 346, "VAT 20%"), (490, 346, "54.00"),
          (380, 362, "Total due"), (490, 362, "324.00")]


def test_vendor_printed_only_at_the_foot_of_the_page_is_the_vendor(tmp_path: Path):
    """The title at the top, the customer's address under it, the vendor's name, address, contacts and bank in
    columns at the foot: the vendor is the name at the foot, not the customer."""
    path = tmp_path / "foot.pdf"
    _draw(path, [(50, 60, "INVOICE"), (50, 100, "Bill to"), (50, 114, "Kingsley Print Ltd"), (50, 128, "12 Mill Lane"),
                 (50, 142, "Leeds LS1 4AP"), (380, 100, "Invoice No."), (470, 100, "INV-20417"),
                 (380, 114, "Invoice date"), (470, 114, "12 March 2026"),
                 *_items(220, ITEMS), *TOTALS,
                 (50, 770, "Marlowe Catering Ltd"), (50, 782, "4 Wharf Road"), (50, 794, "Bristol BS1 5TR"),
                 (230, 782, "Phone +44 117 496 0000"), (230, 794, "VAT Reg. No. GB123456782"),
                 (400, 770, "Bank details"), (400, 782, "Sort code 20-00-00"), (400, 794, "Account 12345678")])
    doc = _read(path)
    assert doc.fields["vendor_name"].value == "Marlowe Catering Ltd"
    assert doc.fields["vendor_tax_id"].value == "GB123456782"


def test_a_factoring_company_to_remit_to_is_not_the_vendor(tmp_path: Path):
    path = tmp_path / "factor.pdf"
    _draw(path, [(50, 50, "Harlow Office Products LLC"), (50, 66, "5478 Market St"), (50, 78, "Albany, NY 12231"),
                 (50, 90, "EIN 35-2143204"), (400, 50, "INVOICE"), (400, 80, "Invoice #"), (470, 80, "10442"),
                 (400, 94, "Date"), (470, 94, "03/18/2026"), (50, 130, "Bill To"), (50, 144, "Oak Harbor Staffing Inc."),
                 (50, 158, "88 Elm Street"), (50, 170, "Austin, TX 78701"),
                 *_items(220, ITEMS), (380, 330, "Subtotal"), (490, 330, "270.00"), (380, 346, "Sales tax 8%"),
                 (490, 346, "21.60"), (380, 362, "Total due"), (490, 362, "291.60"),
                 (50, 400, "This invoice has been assigned to and is payable only to Liberty Capital LLC."),
                 (50, 420, "Remit to:"), (50, 434, "Liberty Capital LLC"), (50, 446, "PO Box 4471"),
                 (50, 458, "Dallas, TX 75201")], bold={"Harlow Office Products LLC", "INVOICE"})
    doc = _read(path)
    assert doc.fields["vendor_name"].value == "Harlow Office Products LLC"
    assert doc.fields["total_amount"].value == Decimal("291.60")


def test_payment_terms_give_the_due_date_held_for_review(tmp_path: Path):
    """'Net 30' and no due date: the due date is the invoice date plus 30 days, held below the auto-approval
    threshold because it was worked out, not read. A '2% 10 days' discount before it is no due date."""
    path = tmp_path / "terms.pdf"
    _draw(path, [(50, 50, "Summitline Analytics Inc."), (50, 66, "1200 Harbor Rd"), (50, 78, "Tacoma, WA 98402"),
                 (400, 50, "INVOICE"), (400, 80, "Invoice Number"), (490, 80, "SA-7781"), (400, 94, "Invoice Date"),
                 (490, 94, "March 18, 2026"), (400, 108, "Terms"), (490, 108, "2% 10 days, Net 30"),
                 *_items(220, ITEMS), (380, 330, "Subtotal"), (490, 330, "270.00"), (380, 346, "Total"),
                 (490, 346, "270.00")], bold={"Summitline Analytics Inc."})
    doc = _read(path)
    due = doc.fields["due_date"]
    assert due.value == date(2026, 4, 17)
    assert due.confidence < THRESHOLDS["due_date"]
    assert due.raw and "30" in due.raw


def test_a_printed_due_date_wins_over_terms(tmp_path: Path):
    path = tmp_path / "due.pdf"
    _draw(path, [(50, 50, "Summitline Analytics Inc."), (400, 50, "INVOICE"), (400, 80, "Invoice Number"),
                 (490, 80, "SA-7782"), (400, 94, "Invoice Date"), (490, 94, "March 18, 2026"), (400, 108, "Due Date"),
                 (490, 108, "April 10, 2026"), (400, 122, "Terms"), (490, 122, "Net 30"),
                 *_items(220, ITEMS), (380, 330, "Total"), (490, 330, "270.00")])
    assert _read(path).fields["due_date"].value == date(2026, 4, 10)


def _uk_invoice(path: Path, customer_city: str) -> None:
    _draw(path, [(50, 50, "Thornbury Joinery Ltd"), (50, 66, "155 Station Approach"), (50, 78, "Manchester M1 2HF"),
                 (400, 50, "INVOICE"), (400, 80, "Invoice No."), (470, 80, "SI-4471"), (400, 94, "Invoice date"),
                 (470, 94, "04/03/2026"), (50, 130, "Bill to"), (50, 144, "Cedar Ridge Software"),
                 (50, 158, customer_city), *_items(220, ITEMS, ("Description", "Qty", "Price", "Amount")),
                 (380, 330, "Subtotal"), (490, 330, "£270.00"), (380, 346, "VAT 20%"), (490, 346, "£54.00"),
                 (380, 362, "Total"), (490, 362, "£324.00")], bold={"Thornbury Joinery Ltd"})


def test_a_slash_date_on_a_uk_invoice_puts_the_day_first(tmp_path: Path):
    """04/03/2026 on an invoice in pounds with VAT is 4 March; only the page's country says so, so it is held just
    below sure."""
    path = tmp_path / "uk.pdf"
    _uk_invoice(path, "Leeds LS1 4AP")
    found = _read(path).fields["invoice_date"]
    assert found.value == date(2026, 3, 4)
    assert 0.8 <= found.confidence < 0.95


def test_a_slash_date_that_the_page_cannot_settle_goes_to_review(tmp_path: Path):
    """A UK vendor billing a US customer: the page points both ways, so the date is no better than a guess."""
    path = tmp_path / "uk_us.pdf"
    _uk_invoice(path, "Austin, TX 78701")
    assert _read(path).fields["invoice_date"].confidence < THRESHOLDS["invoice_date"]


def test_a_french_invoice_gives_its_number_dates_totals_and_vat_id(tmp_path: Path):
    path = tmp_path / "facture.pdf"
    _draw(path, [(50, 50, "Atelier Moreau SARL"), (50, 66, "12 rue des Lilas, 69003 Lyon"),
                 (50, 78, "N° TVA intracom. FR12345678901"), (400, 50, "FACTURE"), (400, 80, "Facture n°"),
                 (480, 80, "F-2026-118"), (400, 94, "Émise le"), (480, 94, "04/03/2026"), (400, 108, "Échéance"),
                 (480, 108, "03/04/2026"), (50, 130, "Facturé à"), (50, 144, "Brasserie du Port SAS"),
                 *_items(220, [("Nettoyage des locaux", "4", "60,00", "240,00")],
                         ("Désignation", "Qté", "Prix unitaire", "Montant HT")),
                 (380, 330, "Total HT"), (490, 330, "240,00 €"), (380, 346, "TVA 20 %"), (490, 346, "48,00 €"),
                 (380, 362, "Total TTC"), (490, 362, "288,00 €")], bold={"Atelier Moreau SARL"})
    doc = _read(path)
    got = {k: f.value for k, f in doc.fields.items()}
    assert got["invoice_number"] == "F-2026-118"
    assert (got["invoice_date"], got["due_date"]) == (date(2026, 3, 4), date(2026, 4, 3))
    assert (got["subtotal"], got["tax_amount"], got["total_amount"]) == (Decimal("240.00"), Decimal("48.00"),
                                                                         Decimal("288.00"))
    assert got["vendor_name"] == "Atelier Moreau SARL"


def test_a_row_of_header_labels_is_not_the_item_table(tmp_path: Path):
    """'Invoice Ref. | Invoice Date | Payment terms | Cost centre' over their values, then the items: the items are
    read under their own header, and the header row's values are read as fields."""
    path = tmp_path / "row.pdf"
    row = [("Invoice Ref.", "SI525498"), ("Invoice Date", "11/14/2025"), ("PO Number", "PO-29396"),
           ("Payment terms", "Net 30 days"), ("Cost centre", "1520")]
    lines = [(50 + 100 * k, 140, label) for k, (label, _) in enumerate(row)]
    lines += [(50 + 100 * k, 154, value) for k, (_, value) in enumerate(row)]
    _draw(path, [(50, 50, "Harlow Engineering Corp."), (50, 66, "1346 Industrial Dr"), (50, 78, "Savannah, GA 31431"),
                 (400, 50, "INVOICE"), *lines, *_items(220, ITEMS), (380, 330, "Subtotal"), (490, 330, "270.00"),
                 (380, 346, "Total"), (490, 346, "270.00")], bold={"Harlow Engineering Corp."})
    doc = _read(path)
    assert [r["amount"].value for r in doc.tables["line_items"]] == [Decimal("120.00"), Decimal("150.00")]
    assert doc.fields["invoice_number"].value == "SI525498"
    assert doc.fields["po_number"].value == "PO-29396"


# ---------------------------------------------------------------------------------------------------------------
# Family G of the sample generator draws these headers too


def _drawn_with(predicate, limit: int = 300) -> tuple[Invoice, bytes]:
    """The first family-G invoice whose style and parts (decided before anything is drawn) have the case."""
    for seed in range(limit):
        rng = random.Random(f"invoice-g-unseen:{seed}")
        inv = make_invoice(rng, "de" if seed % 5 == 0 else "en")
        probe = random.Random()
        probe.setstate(rng.getstate())
        style = _style(inv, probe)
        if predicate(inv, style, _parts(inv, style, probe)):
            return inv, render_random(inv, rng)
    raise AssertionError("no drawn invoice has the case")  # the generator stopped drawing it: fix the generator


def _check(tmp_path: Path, inv: Invoice, pdf: bytes, names: tuple[str, ...]) -> None:
    path = tmp_path / "g.pdf"
    path.write_bytes(pdf)
    doc = _read(path)
    expected = truth(inv).fields
    for name in names:
        value = doc.fields[name].value if name in doc.fields else None
        assert (value.isoformat() if isinstance(value, date) else str(value)) == expected[name], name


def test_generated_vendor_blocks_at_the_foot_or_labelled_give_the_vendor(tmp_path: Path):
    for where in ("bottom", "footer", "labelled"):
        inv, pdf = _drawn_with(lambda inv, s, p: p.vendor_at == where and not p.remit and inv.language == "en")
        _check(tmp_path, inv, pdf, ("vendor_name", "invoice_number", "total_amount"))


def test_generated_invoice_with_terms_only_gives_the_due_date(tmp_path: Path):
    def terms_only(inv: Invoice, s: Style, p: Parts) -> bool:
        return inv.due_date is not None and all(label != s.labels["due"] for label, _ in p.meta) \
            and p.terms_note is None
    inv, pdf = _drawn_with(terms_only)
    _check(tmp_path, inv, pdf, ("invoice_date", "due_date"))


def test_generated_invoices_with_french_spanish_italian_or_dutch_labels(tmp_path: Path):
    for lang in ("fr", "es", "it", "nl"):
        inv, pdf = _drawn_with(lambda inv, s, p: s.lang == lang and p.vendor_at == "top")
        _check(tmp_path, inv, pdf, ("invoice_number", "invoice_date", "subtotal", "total_amount"))


def test_totals_without_a_readable_item_row_go_to_review(tmp_path: Path):
    """Item columns headed in words we do not know (Finnish): the totals are read, and the invoice is held because
    its lines were not."""
    path = tmp_path / "fi.pdf"
    _draw(path, [(50, 50, "Harlow Engineering Corp."), (50, 66, "1346 Industrial Dr"), (400, 50, "INVOICE"),
                 (400, 80, "Invoice No."), (480, 80, "INV-5521"), (400, 94, "Invoice Date"), (480, 94, "March 18, 2026"),
                 *_items(220, ITEMS, ("Tuote", "Kpl", "Hinta", "Summa")), (380, 330, "Subtotal"), (490, 330, "270.00"),
                 (380, 346, "Total"), (490, 346, "270.00")], bold={"Harlow Engineering Corp."})
    doc = _read(path)
    assert doc.fields["total_amount"].value == Decimal("270.00")
    assert "line_items" not in doc.tables
    assert any(i.code == "field.unread" and "line_items" in i.fields for i in doc.issues)


def test_the_footer_under_the_last_item_of_a_page_is_no_part_of_its_description(tmp_path: Path):
    """The items run to the foot of the page; the footer with the bank details right under the last one is the
    page's, not the item's."""
    path = tmp_path / "foot_row.pdf"
    rows = [(f"Consulting services, week {k + 1}", "1", "100.00", "100.00") for k in range(3)]
    _draw(path, [(50, 50, "Harlow Engineering Corp."), (400, 50, "INVOICE"), (400, 80, "Invoice No."),
                 (480, 80, "INV-5522"), (400, 94, "Invoice Date"), (480, 94, "March 18, 2026"),
                 *_items(740, rows),
                 (50, 806, "Cascade Federal Savings · IBAN DE29 2103 1278 8097 6831 98 · BIC COBADEFFXXX")])
    doc = _read(path)
    descriptions = [r["description"].value for r in doc.tables["line_items"]]
    assert descriptions == [row[0] for row in rows]


def test_a_due_date_said_in_a_sentence_is_the_due_date(tmp_path: Path):
    for sentence, due in (("Der Rechnungsbetrag ist fällig am 12.04.2026.", date(2026, 4, 12)),
                          ("Please remit payment no later than April 17, 2026.", date(2026, 4, 17))):
        path = tmp_path / "sentence.pdf"
        _draw(path, [(50, 50, "Harlow Engineering Corp."), (400, 50, "INVOICE"), (400, 80, "Invoice No."),
                     (480, 80, "INV-5523"), (400, 94, "Invoice Date"), (480, 94, "March 18, 2026"),
                     (400, 108, "Delivery date"), (480, 108, "March 20, 2026"),
                     *_items(220, ITEMS), (380, 330, "Subtotal"), (490, 330, "270.00"), (380, 346, "Total"),
                     (490, 346, "270.00"), (50, 390, "Thank you for your order."), (50, 404, sentence)])
        assert _read(path).fields["due_date"].value == due, sentence


def test_a_date_a_scan_spaced_into_two_phrases_is_one_date(tmp_path: Path):
    path = tmp_path / "spaced.pdf"
    _draw(path, [(50, 50, "Harlow Engineering Corp."), (400, 50, "INVOICE"), (400, 80, "Invoice No."),
                 (480, 80, "INV-5524"), (400, 94, "Issued"), (470, 94, "October 23,"), (535, 94, "2025"),
                 (400, 108, "Due Date"), (470, 108, "November 22,"), (535, 108, "2025"),
                 *_items(220, ITEMS), (380, 330, "Total"), (490, 330, "270.00")])
    doc = _read(path)
    assert (doc.fields["invoice_date"].value, doc.fields["due_date"].value) == (date(2025, 10, 23), date(2025, 11, 22))
