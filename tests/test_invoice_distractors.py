"""Rows that look like a due date or a purchase order and are not: a due date or PO label holding words over a row
with a date or a number of its own, the vendor's own order papers, a customer named at two addresses with their
block labels missing. A clerk leaves these fields empty or checks them; the extractor must not fill them surely."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from tests.test_invoice_issuer import _read
from tests.test_invoice_unseen_headers import ITEMS, TOTALS, _draw, _items

THRESHOLDS = json.loads((Path(__file__).parent.parent / "validators" / "thresholds.json").read_text())


def _header(rows: list[tuple[str, str]]) -> list[tuple[float, float, str]]:
    """'Label: value' rows of a header block at the right, as one text each (a label and its value printed
    together)."""
    return [(330, 100 + 14 * k, f"{label}: {value}") for k, (label, value) in enumerate(rows)]


LETTERHEAD = [(50, 50, "Sonnenberg Beratung GmbH"), (50, 64, "Bahnhofstraße 24"), (50, 76, "01067 Dresden"),
              (50, 88, "USt-IdNr.: DE854230086"), (400, 50, "RECHNUNG")]


def test_a_due_date_in_words_does_not_take_the_date_of_the_row_under_it(tmp_path: Path):
    """'Fällig: bei Erhalt' over 'Rechnungsdatum: 20.03.2026': no due date is printed, the invoice date is not one."""
    path = tmp_path / "due.pdf"
    _draw(path, [*LETTERHEAD, *_header([("Rechnung Nr.", "778384"), ("Fällig", "bei Erhalt"),
                                         ("Rechnungsdatum", "20.03.2026"), ("Lieferdatum", "03.03.2026")]),
                 *_items(220, ITEMS), *TOTALS], bold={"Sonnenberg Beratung GmbH"})
    doc = _read(path)
    assert doc.fields["invoice_date"].value.isoformat() == "2026-03-20"
    assert "due_date" not in doc.fields


def test_a_purchase_order_in_words_does_not_take_the_customer_number_under_it(tmp_path: Path):
    """'Your order: by phone' over 'Customer No.: 62139' and the vendor's 'Order confirmation: 4546516790': the
    invoice names no purchase order."""
    path = tmp_path / "po.pdf"
    _draw(path, [*LETTERHEAD, *_header([("Invoice No.", "INV-5521"), ("Invoice date", "18.03.2026"),
                                         ("Your order", "by phone"), ("Customer No.", "62139"),
                                         ("Order confirmation", "4546516790")]),
                 *_items(220, ITEMS), *TOTALS], bold={"Sonnenberg Beratung GmbH"})
    doc = _read(path)
    assert doc.fields["invoice_number"].value == "INV-5521"
    po = doc.fields.get("po_number")
    assert po is None or po.confidence < THRESHOLDS["po_number"]


def test_a_spanish_number_label_cut_after_n_dot_keeps_its_number_clean(tmp_path: Path):
    """'Factura n.º 146671': the number, not 'º 146671'."""
    path = tmp_path / "es.pdf"
    _draw(path, [*LETTERHEAD, (330, 100, "Factura n.º 146671"), (330, 114, "Fecha de factura: 14/09/2025"),
                 *_items(220, ITEMS), *TOTALS], bold={"Sonnenberg Beratung GmbH"})
    assert _read(path).fields["invoice_number"].value == "146671"


def test_a_customer_named_at_two_addresses_is_not_taken_surely_for_the_vendor(tmp_path: Path):
    """The letterhead is a logo (no text), the customer's billing and delivery blocks lost their captions: the one
    name printed twice, over two different streets, is the customer's, so it never passes as the vendor unchecked."""
    path = tmp_path / "two.pdf"
    block = [("Lindner Bürobedarf KG", "Lindenallee 110", "30159 Hannover"),
             ("Lindner Bürobedarf KG", "Mühlenweg 135", "60311 Frankfurt am Main")]
    lines = [(400, 50, "RECHNUNG"), (50, 100, "Rechnungsnummer"), (150, 100, "R52070"), (50, 114, "Belegdatum"),
             (150, 114, "10.10.2025")]
    for k, (name, street, town) in enumerate(block):
        lines += [(330, 100 + 50 * k, name), (330, 112 + 50 * k, street), (330, 124 + 50 * k, town)]
    _draw(path, [*lines, *_items(220, ITEMS), *TOTALS])
    doc = _read(path)
    assert doc.fields["total_amount"].value == Decimal("324.00")
    vendor = doc.fields.get("vendor_name")
    assert vendor is None or vendor.confidence < THRESHOLDS["vendor_name"]


def test_a_copyright_line_run_into_the_next_gives_the_name_alone(tmp_path: Path):
    """'© 2026 Elbufer Software e.K. Alle Rechte vorbehalten. Kontoinhaber: ...' at the foot: the name without the
    rest of the line."""
    path = tmp_path / "copy.pdf"
    _draw(path, [(400, 50, "RECHNUNG"), (50, 100, "Rechnung Nr."), (150, 100, "2026-0042"),
                 (50, 114, "Datum"), (150, 114, "12.03.2026"), *_items(220, ITEMS), *TOTALS,
                 (50, 790, "© 2026 Elbufer Software e.K. Alle Rechte vorbehalten. Kontoinhaber: Elbufer Software e.K.")])
    vendor = _read(path).fields.get("vendor_name")
    assert vendor is not None and vendor.value.rstrip(".") == "Elbufer Software e.K"


def test_a_due_date_under_its_label_wins_over_a_neighbours_long_date_reaching_under_it(tmp_path: Path):
    """Labels over values, the values centred in their cells: the delivery date's long value reaches under the
    'Due date' label, left of the due date's own value; the due date is the one set under the label's middle."""
    path = tmp_path / "row.pdf"
    _draw(path, [*LETTERHEAD, (330, 100, "Rechnung Nr. 778384"), (300, 130, "Delivery date"), (410, 130, "Due date"),
                 (292, 144, "Wednesday, 14 February 2026"), (440, 144, "18.03.2026"), *_items(220, ITEMS), *TOTALS],
          bold={"Sonnenberg Beratung GmbH"})
    assert _read(path).fields["due_date"].value.isoformat() == "2026-03-18"


def test_the_vendors_order_confirmation_is_no_purchase_order_in_any_language(tmp_path: Path):
    for label in ("Conferma d'ordine", "Confirmación de pedido", "Order confirmation", "Auftragsbestätigung"):
        path = tmp_path / "oc.pdf"
        _draw(path, [*LETTERHEAD, *_header([("Rechnung Nr.", "778384"), ("Rechnungsdatum", "20.03.2026"),
                                             (label, "4546516790")]), *_items(220, ITEMS), *TOTALS],
              bold={"Sonnenberg Beratung GmbH"})
        assert "po_number" not in _read(path).fields, label


def test_a_purchase_order_run_into_its_neighbours_value_is_read_under_its_label(tmp_path: Path):
    """Labels over values, the payment terms run on into the PO number under 'Ihre Bestell-Nr.': the number under
    the label is the PO."""
    path = tmp_path / "run.pdf"
    _draw(path, [*LETTERHEAD, (330, 100, "Rechnung Nr. 778384"), (300, 130, "Konditionen"), (445, 130, "Ihre Bestell-Nr."),
                 (300, 144, "Zahlbar innerhalb von 30 Tagen PO-21886"), *_items(220, ITEMS), *TOTALS],
          bold={"Sonnenberg Beratung GmbH"})
    assert _read(path).fields["po_number"].value == "PO-21886"
