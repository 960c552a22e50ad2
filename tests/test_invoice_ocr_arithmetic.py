"""Scanned line items whose OCR lost a decimal point or swapped a digit: arithmetic picks the reading that adds up.

A clean scan must not be accused of a mismatch it does not have, and a document whose line really is wrong must
still be flagged. The pages are built word by word, as OCR hands them over, so the misreadings are exactly known.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from backoffice.document import Document, Page, Word
from extractors import classify, extract
from validators import SeenDocuments, default_rules, needs_review, validate

HEADER = [(0.08, "Description"), (0.55, "Qty"), (0.68, "Unit Price"), (0.85, "Amount")]


def _scanned_invoice(rows: list[tuple[str, str, str, str]], subtotal: str, tax: str, total: str) -> Document:
    lines: list[list[tuple[float, str]]] = [
        [(0.08, "Harbour"), (0.17, "Tools"), (0.24, "Ltd"), (0.75, "INVOICE")],
        [(0.08, "12"), (0.11, "Quay"), (0.16, "Street,"), (0.24, "Leeds"), (0.31, "LS1"), (0.35, "4AP")],
        [(0.55, "Invoice"), (0.63, "No."), (0.75, "HT-5521")],
        [(0.55, "Invoice"), (0.63, "Date"), (0.75, "2026-03-02")],
        [(0.08, "Bill"), (0.12, "to")],
        [(0.08, "Marlowe"), (0.16, "Print"), (0.22, "plc")],
        [(x, t) for x, t in HEADER[:2]] + [(0.68, "Unit"), (0.73, "Price"), (0.85, "Amount")],
    ]
    for desc, qty, price, amount in rows:
        # 'text|number': a number OCR set apart inside the description, left of the quantity column
        text, _, stray = desc.partition("|")
        cells = [(0.08, text), (0.45, stray), (0.57, qty), (0.70, price), (0.87, amount)]
        lines.append([(x, t) for x, t in cells if t])
    lines += [[(0.55, "Subtotal"), (0.85, subtotal)], [(0.55, "VAT"), (0.60, "20%"), (0.87, tax)],
              [(0.55, "Total"), (0.60, "due"), (0.85, total)], [(0.08, "Currency:"), (0.18, "GBP")]]
    words = []
    for n, line in enumerate(lines):
        y = 0.05 + 0.03 * n
        for x, text in line:
            words.append(Word(text, (x, y, x + 0.012 * len(text), y + 0.012), 0.93, "ocr"))
    doc = Document(source="scan.png", sha256="0" * 64, pages=[Page(1, 2550, 3300, words, "ocr")])
    classify(doc)
    extract(doc)
    validate(doc, seen=SeenDocuments(), today=date(2026, 6, 1), rules=default_rules())
    return doc


def _codes(doc: Document) -> set[str]:
    return {i.code for i in doc.issues}


def test_a_lost_decimal_point_in_a_quantity_is_read_back_and_held_for_review():
    # OCR read '8.75' as '875'; 8.75 x 129.00 = 1128.75 and the amounts add up to the subtotal.
    doc = _scanned_invoice([("Wall brackets", "875", "129.00", "1128.75"), ("Fixing kit", "2", "15.50", "31.00")],
                           "1159.75", "231.95", "1391.70")
    first = doc.tables["line_items"][0]
    assert first["quantity"].value == Decimal("8.75")
    assert "invoice.line_amount_mismatch" not in _codes(doc)
    assert first["quantity"].confidence < 0.8  # a repaired reading is shown to a person, never posted silently
    assert needs_review(doc)


def test_a_swapped_digit_is_repaired_where_the_column_totals_say_which_cell_is_wrong():
    # '28.20' printed, OCR read the unit price '28.10' as '28.20'; the amount column adds up to the subtotal, so the
    # price is the cell to read again, not the amount.
    doc = _scanned_invoice([("Cable ties", "1.00", "28.20", "28.10"), ("Labels", "3", "4.00", "12.00")],
                           "40.10", "8.02", "48.12")
    first = doc.tables["line_items"][0]
    assert (first["unit_price"].value, first["amount"].value) == (Decimal("28.10"), Decimal("28.10"))
    assert "invoice.line_amount_mismatch" not in _codes(doc)


def test_a_line_that_really_does_not_add_up_is_still_flagged():
    # 3 x 10.00 is 30.00, the vendor billed 37.45: no single misreading explains that.
    doc = _scanned_invoice([("Paint rollers", "3", "10.00", "37.45"), ("Masking tape", "2", "4.50", "9.00")],
                           "46.45", "9.29", "55.74")
    assert "invoice.line_amount_mismatch" in _codes(doc)
    assert doc.tables["line_items"][0]["amount"].value == Decimal("37.45")
    assert doc.tables["line_items"][0]["amount"].confidence < 0.8


def test_a_quantity_that_ran_into_the_description_is_moved_back_by_arithmetic():
    # OCR printed a speck after the hours and set them apart from their column: 'Projektleitung 10.25.'
    doc = _scanned_invoice([("Projektleitung|10.25.", "", "120.00", "1230.00"), ("Fixing kit", "2", "15.50", "31.00")],
                           "1261.00", "252.20", "1513.20")
    first = doc.tables["line_items"][0]
    assert first["quantity"].value == Decimal("10.25")
    assert first["description"].value == "Projektleitung"
    assert "invoice.line_amount_mismatch" not in _codes(doc)


def test_a_misread_quantity_in_the_description_is_read_as_the_one_that_adds_up_and_held_for_review():
    # '2.15.' for 2.75: 2.75 x 80.00 = 220.00, and no other one-digit misreading of it adds up
    doc = _scanned_invoice([("Design review and revisions|2.15.", "", "80.00", "220.00"),
                            ("Fixing kit", "2", "15.50", "31.00")], "251.00", "50.20", "301.20")
    first = doc.tables["line_items"][0]
    assert first["quantity"].value == Decimal("2.75")
    assert first["description"].value == "Design review and revisions"
    assert first["quantity"].confidence < 0.8
    assert needs_review(doc)


def test_a_number_of_the_description_that_does_not_add_up_stays_in_it():
    doc = _scanned_invoice([("Network cable Cat6, 3 m|3", "", "4.36", "13.00"), ("Fixing kit", "2", "15.50", "31.00")],
                           "44.00", "8.80", "52.80")
    first = doc.tables["line_items"][0]
    assert "3" in first["description"].value
    assert "quantity" not in first or first["quantity"].confidence < 0.8
