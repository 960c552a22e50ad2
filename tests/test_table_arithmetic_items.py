"""Invoice items whose header a scan left unreadable, read by the arithmetic of their rows (quantity x price =
amount). Each test draws its own invoice (reportlab) with the item header as the scan read it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from tests.test_invoice_issuer import _read
from tests.test_invoice_unseen_headers import _draw

ITEMS = [("Toner cartridge, black", "2", "60.00", "120.00"), ("Copy paper, box of 5 reams", "5", "30.00", "150.00"),
         ("Desk lamp, LED", "1", "45.50", "45.50"), ("Cable ties, pack of 100", "12", "3.25", "39.00")]
HEAD = [(50, 50, "Harlow Engineering Corp."), (50, 66, "1346 Industrial Dr"), (400, 50, "INVOICE"),
        (400, 80, "Invoice No."), (480, 80, "INV-5521"), (400, 94, "Invoice Date"), (480, 94, "March 18, 2026")]


def _invoice(path: Path, header: tuple[str, ...] | None) -> Path:
    lines = list(HEAD)
    if header is not None:
        lines += [(x, 220, text) for x, text in zip((50, 330, 400, 490), header)]
    for k, row in enumerate(ITEMS):
        lines += [(x, 236 + 16 * k, text) for x, text in zip((50, 330, 400, 490), row)]
    lines += [(380, 320, "Subtotal"), (490, 320, "354.50"), (380, 336, "Total"), (490, 336, "354.50")]
    _draw(path, lines, bold={"Harlow Engineering Corp."})
    return path


def test_items_whose_header_line_the_scan_lost_are_read_by_their_arithmetic_and_held_for_review(tmp_path):
    doc = _read(_invoice(tmp_path / "invoice.pdf", None))
    rows = doc.tables["line_items"]
    assert [r["description"].value for r in rows] == [i[0] for i in ITEMS]
    assert [(r["quantity"].value, r["unit_price"].value, r["amount"].value) for r in rows] == \
        [(Decimal(q), Decimal(p), Decimal(a)) for _, q, p, a in ITEMS]
    # which of quantity and price is which only their usual order says: a person confirms them
    assert all(r["quantity"].confidence < 0.8 and r["unit_price"].confidence < 0.8 for r in rows)
    # the labels over the items ('Invoice Date  March 18, 2026') stay labels, not a table line
    assert doc.fields["invoice_date"].value == date(2026, 3, 18) and doc.fields["invoice_date"].confidence >= 0.9


def test_items_under_a_header_of_garbled_words_are_read_by_their_arithmetic(tmp_path):
    rows = _read(_invoice(tmp_path / "invoice.pdf", ("Descr1pt", "0!y", "U;.", "A~t"))).tables["line_items"]
    assert [r["amount"].value for r in rows] == [Decimal(a) for *_, a in ITEMS]
    assert [r["quantity"].value for r in rows] == [Decimal(q) for _, q, _, _ in ITEMS]
