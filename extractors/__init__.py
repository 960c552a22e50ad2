"""Classification and field extraction: pure functions over the reader's `Document`.

A readable registry: doc type (or form type) -> extractor function. An extractor fills
`doc.fields` and `doc.tables` with values that keep their confidence, page, box and raw text.
"""

from __future__ import annotations

from collections.abc import Callable

from backoffice.document import Document
from extractors.classify import classify
from extractors.forms import extract_direct_deposit, extract_w9
from extractors.invoice import extract_invoice
from extractors.payroll import extract_payroll

Extractor = Callable[[Document], None]

EXTRACTORS: dict[str, Extractor] = {
    "invoice": extract_invoice,
    "payroll": extract_payroll,
    "w9": extract_w9,
    "direct_deposit": extract_direct_deposit,
}


def extractor_key(doc: Document) -> str:
    return doc.form_type if doc.doc_type == "form" and doc.form_type else doc.doc_type


def extract(doc: Document) -> Document:
    """Fill fields and tables for the document's type; an unknown type gets none."""
    run = EXTRACTORS.get(extractor_key(doc))
    if run is not None:
        run(doc)
    return doc


__all__ = ["EXTRACTORS", "classify", "extract", "extractor_key"]

