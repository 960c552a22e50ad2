"""Labels and values a scan misread, as a clerk still reads them: a totals caption one or two letters off
('Netosumme', 'Endbetaa'), a look-alike sign in a word ('Tota! net'), a letter for a digit after a VAT id's country
('DES 14383926'). The misreadings are printed here, so the test does
not depend on how tesseract garbles a given page; what is read from them is held for review where it is a guess."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from tests.test_invoice_issuer import _read
from tests.test_invoice_scan_identifiers import _scanned
from tests.test_invoice_unseen_headers import ITEMS, _draw, _items

THRESHOLDS = json.loads((Path(__file__).parent.parent / "validators" / "thresholds.json").read_text())
LETTERHEAD = [(50, 50, "Schwarzwald Haustechnik GmbH"), (50, 64, "Industriestraße 12"), (50, 76, "80331 München"),
              (400, 50, "RECHNUNG"), (330, 100, "Rechnungsnummer"), (440, 100, "2025/0530"), (330, 114, "Datum"),
              (440, 114, "09.12.2025")]
ITEMS_DE = [("Wartung Heizungsanlage", "1", "2.000,00", "2.000,00"), ("Anfahrt", "1", "274,53", "274,53")]


def test_a_totals_row_with_misread_captions_gives_subtotal_and_total_and_the_tax_between_them(tmp_path: Path):
    path = tmp_path / "row.pdf"
    _draw(path, [*LETTERHEAD, *_items(220, ITEMS_DE, ("Beschreibung", "Menge", "Einzelpreis", "Betrag")),
                 (300, 300, "Netosumme"), (380, 300, "USL 19%"), (470, 300, "Endbetaa"),
                 (300, 314, "2.274,53"), (380, 314, "432,16"), (470, 314, "2.706,69")],
          bold={"Schwarzwald Haustechnik GmbH"})
    doc = _read(_scanned(path))
    assert doc.fields["subtotal"].value == Decimal("2274.53")
    assert doc.fields["total_amount"].value == Decimal("2706.69")
    assert doc.fields["tax_amount"].value == Decimal("432.16")


def test_a_look_alike_sign_in_a_totals_caption_still_names_it(tmp_path: Path):
    path = tmp_path / "bang.pdf"
    _draw(path, [*LETTERHEAD, *_items(220, ITEMS), (380, 330, "Tota! net"), (490, 330, "270.00"),
                 (380, 346, "Sales tax (7%)"), (490, 346, "18.90"), (380, 362, "Total due"), (490, 362, "288.90")],
          bold={"Schwarzwald Haustechnik GmbH"})
    doc = _read(_scanned(path))
    assert doc.fields["subtotal"].value == Decimal("270.00")


def test_a_vat_id_with_a_letter_for_a_digit_is_read_and_held_for_review(tmp_path: Path):
    path = tmp_path / "vat.pdf"
    _draw(path, [*LETTERHEAD, (50, 88, "Umsatzsteuer-ID: DES 14383926"), *_items(220, ITEMS)],
          bold={"Schwarzwald Haustechnik GmbH"})
    tax_id = _read(_scanned(path)).fields["vendor_tax_id"]
    assert tax_id.value == "DE514383926"
    assert tax_id.confidence < THRESHOLDS["vendor_tax_id"]



def test_a_po_label_with_a_q_for_its_o_still_names_the_purchase_order(tmp_path: Path):
    path = tmp_path / "pq.pdf"
    _draw(path, [*LETTERHEAD, (330, 128, "Customer PQ:"), (440, 128, "B-2026-712"), *_items(220, ITEMS)],
          bold={"Schwarzwald Haustechnik GmbH"})
    assert _read(_scanned(path)).fields["po_number"].value == "B-2026-712"
