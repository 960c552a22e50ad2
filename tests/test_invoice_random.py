"""Invoices of the randomised dev family (G) read as a clerk reads them, distractors and all.

Each test draws its invoices with the sample generator's record maker and family G's renderer, and takes the first
seed that has the case it is about (an order date beside the invoice date, a ship-to block, the currency only in a
column header, the vendor's name only inside its logo), so a test stays about its case whatever the generator draws.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from backoffice.settings import ReaderSettings
from extractors import classify, extract
from reader import read_document
from samplegen.invoice import Invoice, make_invoice, truth
from samplegen.invoice_random import render_random


def _drawn(seed: int, language: str = "en") -> tuple[Invoice, bytes]:
    rng = random.Random(f"invoice-g-test:{seed}")
    inv = make_invoice(rng, language)
    return inv, render_random(inv, rng)


def _extract(pdf: bytes, folder: Path, name: str):
    path = folder / f"{name}.pdf"
    path.write_bytes(pdf)
    doc = read_document(path, ReaderSettings(workers=1))
    classify(doc)
    extract(doc)
    return doc


def _text_layer(pdf: bytes, folder: Path) -> str:
    path = folder / "probe.pdf"
    path.write_bytes(pdf)
    doc = read_document(path, ReaderSettings(workers=1))
    return " ".join(w.text for p in doc.pages for w in p.words if w.source == "text_layer")


def _first(predicate, language: str = "en", limit: int = 200) -> tuple[int, Invoice, bytes]:
    for seed in range(limit):
        inv, pdf = _drawn(seed, language)
        if predicate(inv, pdf):
            return seed, inv, pdf
    raise AssertionError("no drawn invoice has the case")  # the generator stopped drawing it: fix the generator


def _values(doc) -> dict[str, str]:
    return {k: (f.value.isoformat() if hasattr(f.value, "isoformat") else str(f.value)) for k, f in doc.fields.items()}


@pytest.mark.parametrize("language", ["en", "de"])
def test_header_fields_and_totals_of_drawn_invoices(tmp_path: Path, language: str):
    for seed in range(3):
        inv, pdf = _drawn(seed, language)
        doc = _extract(pdf, tmp_path, f"{language}{seed}")
        expected = truth(inv).fields
        got = _values(doc)
        assert doc.doc_type == "invoice"
        for name in ("invoice_number", "invoice_date", "subtotal", "total_amount", "currency"):
            assert got.get(name) == expected[name], (seed, name)


def test_order_date_beside_invoice_date_is_not_the_invoice_date(tmp_path: Path):
    seed, inv, pdf = _first(lambda inv, pdf: inv.order_date is not None and inv.due_date is not None)
    doc = _extract(pdf, tmp_path, "order_date")
    assert doc.fields["invoice_date"].value == inv.invoice_date
    assert doc.fields["invoice_date"].value != inv.order_date
    assert doc.fields["due_date"].value == inv.due_date


def test_ship_to_name_beside_the_vendor_is_not_the_vendor(tmp_path: Path):
    seed, inv, pdf = _first(lambda inv, pdf: inv.ship_to is not None and inv.ship_to.name != inv.customer.name
                            and not inv.logo_only)
    doc = _extract(pdf, tmp_path, "ship_to")
    assert doc.fields["vendor_name"].value == inv.vendor.name
    assert doc.fields["vendor_name"].value not in (inv.ship_to.name, inv.customer.name)


def test_currency_only_in_a_column_header(tmp_path: Path):
    def header_only(inv: Invoice, pdf: bytes) -> bool:
        if inv.currency != "USD":
            return False
        text = _text_layer(pdf, tmp_path)
        return "(USD)" in text and len(re.findall(r"USD", text)) == text.count("(USD)") and "$" not in text
    seed, inv, pdf = _first(header_only)
    doc = _extract(pdf, tmp_path, "usd_header")
    assert doc.fields["currency"].value == "USD"
    assert str(doc.fields["total_amount"].value) == str(inv.total)


def test_vendor_name_only_inside_its_logo(tmp_path: Path):
    def logo_only(inv: Invoice, pdf: bytes) -> bool:
        return inv.logo_only and inv.vendor.name.split()[0] not in _text_layer(pdf, tmp_path)
    seed, inv, pdf = _first(logo_only)
    doc = _extract(pdf, tmp_path, "logo")
    # The logo sets the legal form in capitals ('ANALYTICS CORP.'): the name is the same to a clerk.
    assert doc.fields["vendor_name"].value.casefold() == inv.vendor.name.casefold()
    assert doc.fields["vendor_name"].raw is not None and doc.fields["vendor_name"].box is not None
    assert str(doc.fields["total_amount"].value) == str(inv.total)
