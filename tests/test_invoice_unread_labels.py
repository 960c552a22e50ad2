"""A document is held as 'labels a field but no value could be read there' only for a caption, not for the word in a
sentence ('Reverse charge: VAT to be accounted for by the recipient.', 'Vielen Dank für Ihren Auftrag.'), the caption
of another value ('USt.-IdNr.: DE 470 991 653') or the customer's tax id (reportlab pages)."""

from __future__ import annotations

from pathlib import Path

from tests.test_invoice_unseen_headers import ITEMS, _draw, _items, _read

HEADER = [(50, 50, "Harlow Engineering Ltd"), (400, 50, "INVOICE"), (400, 80, "Invoice No."), (480, 80, "INV-5524"),
          (400, 94, "Invoice Date"), (480, 94, "March 18, 2026")]
TOTALS = [(380, 330, "Subtotal"), (490, 330, "270.00"), (380, 346, "Total"), (490, 346, "270.00")]


def _unread(doc) -> set[str]:
    return {name for i in doc.issues if i.code == "field.unread" for name in i.fields}


def test_label_words_in_sentences_and_other_captions_hold_nothing(tmp_path: Path):
    path = tmp_path / "reverse_charge.pdf"
    _draw(path, [*HEADER, (50, 66, "USt.-IdNr.: DE 470 991 653"), (50, 120, "Bill to: Fenwick Print GmbH"),
                 (50, 134, "Your VAT ID: DE902166751"), *_items(220, ITEMS), *TOTALS,
                 (50, 390, "Reverse charge: VAT to be accounted for by the recipient."),
                 (50, 404, "Vielen Dank für Ihren Auftrag.")])
    doc = _read(path)
    assert "tax_amount" not in doc.fields and "po_number" not in doc.fields
    assert _unread(doc) == set()


def test_a_caption_whose_value_cannot_be_read_still_holds_the_document(tmp_path: Path):
    path = tmp_path / "tax_unread.pdf"
    _draw(path, [*HEADER, *_items(220, ITEMS), (380, 330, "Subtotal"), (490, 330, "270.00"), (380, 346, "VAT"),
                 (490, 346, "see note"), (380, 362, "Total"), (490, 362, "270.00"), (50, 120, "PO Number:")])
    doc = _read(path)
    assert {"tax_amount", "po_number"} <= _unread(doc)
