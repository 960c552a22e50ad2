"""The customer's purchase order, not the vendor's own order or delivery papers printed beside it."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from tests.test_invoice_issuer import _read
from tests.test_invoice_logo_styles import invoice_body

W, H = 612, 792


def _invoice(path: Path, references: list[tuple[str, str]]) -> Path:
    c = canvas.Canvas(str(path), pagesize=(W, H), invariant=1)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(60, H - 60, "Granite Peak Tools Inc.")
    c.setFont("Helvetica", 9)
    c.drawString(60, H - 74, "88 Quarry Lane, Boulder CO 80301")
    invoice_body(c, references)
    c.save()
    return path


@pytest.mark.parametrize("distractor", ["Sales Order No.", "Order Confirmation", "Delivery Note No.", "Packing Slip",
                                        "Our order no.", "Unser Auftrag", "Job No."])
def test_the_vendors_own_order_papers_are_not_the_purchase_order(tmp_path: Path, distractor: str):
    doc = _read(_invoice(tmp_path / "invoice.pdf", [(distractor, "SO-55310"), ("Customer PO", "4500012345")]))
    assert doc.fields["po_number"].value == "4500012345"


def test_an_invoice_with_only_a_sales_order_number_has_no_purchase_order(tmp_path: Path):
    doc = _read(_invoice(tmp_path / "invoice.pdf", [("Sales Order No.", "SO-55310")]))
    assert "po_number" not in doc.fields
    assert "po_number" not in doc.evidence.get("labels_without_value", [])
