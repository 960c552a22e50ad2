"""Validation: checks on the extracted document (and, given master data, against the client's records).

Pure functions: they read the document and context and append issues; routing reads the issues.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from datetime import date

from backoffice.document import Document, Issue
from validators.arithmetic import check_invoice, check_payroll
from validators.completeness import check_completeness
from validators.consistency import check_currency, check_dates, check_forms, check_identifiers


@dataclass
class SeenDocuments:
    """What came earlier in this run (the pipeline's database plays this part there)."""

    by_sha256: dict[str, str] = field(default_factory=dict)

    def check(self, doc: Document) -> Issue | None:
        earlier = self.by_sha256.get(doc.sha256)
        if earlier is None:
            self.by_sha256[doc.sha256] = doc.source
            return None
        return Issue(code="doc.duplicate", message=f"the same file (same bytes) was already received as {earlier}; "
                                                   "reject this one if it is a resend")


def validate(doc: Document, *, seen: SeenDocuments, master_data: object | None = None,
             today: date | None = None) -> Document:
    duplicate = seen.check(doc)
    if duplicate:
        doc.issues.append(duplicate)
    doc.issues.extend(check_completeness(doc))
    if doc.doc_type == "invoice":
        doc.issues.extend(check_invoice(doc))
        doc.issues.extend(check_currency(doc))
    elif doc.doc_type == "payroll":
        doc.issues.extend(check_payroll(doc))
    doc.issues.extend(check_dates(doc, today or date.today()))
    doc.issues.extend(check_identifiers(doc))
    doc.issues.extend(check_forms(doc))
    return doc


def needs_review(doc: Document) -> bool:
    """A document posts without a person only when nothing at all is in doubt."""
    return doc.doc_type == "unknown" or any(
        issue.severity == "error" or issue.code == "field.low_confidence" for issue in doc.issues
    )


__all__ = ["SeenDocuments", "needs_review", "validate"]
