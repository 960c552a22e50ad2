"""Validation: checks on the extracted document and, given master data, reconciliation with the client's records.

Pure functions: they read the document, the rule pack and the master data and append issues; routing
reads the issues. Loading rule packs and master data (validators.rules, validators.master_data) is
separate and happens once, before the first document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from backoffice.document import Document, Issue
from backoffice.masking import SENSITIVE_FIELDS, scrub
from validators.arithmetic import check_invoice, check_payroll
from validators.codes import HOLD_FOR_REVIEW, VALIDATOR_CODES
from validators.completeness import check_completeness
from validators.consistency import check_currency, check_dates, check_forms, check_identifiers
from validators.master_data import MasterData, comparable_name, identifier_key, load_master_data
from validators.reconciliation import reconcile
from validators.rules import RulePack, default_rules, load_rules


@dataclass
class SeenDocuments:
    """What came earlier in this run (the pipeline's database plays this part there)."""

    by_sha256: dict[str, str] = field(default_factory=dict)
    by_invoice: dict[tuple[str, str], str] = field(default_factory=dict)

    def check(self, doc: Document) -> Issue | None:
        """The same bytes as an earlier document."""
        earlier = self.by_sha256.get(doc.sha256)
        if earlier is None:
            self.by_sha256[doc.sha256] = doc.source
            return None
        return Issue(code="doc.duplicate", message=f"the same file (same bytes) was already received as {earlier}; "
                                                   "reject this one if it is a resend")

    def check_invoice(self, doc: Document) -> Issue | None:
        """The same vendor and invoice number as an earlier invoice (another scan or a resend of the same bill)."""
        key = invoice_key(doc)
        if key is None:
            return None
        earlier = self.by_invoice.get(key)
        if earlier is None:
            self.by_invoice[key] = doc.source
            return None
        number, vendor = doc.fields["invoice_number"].value, doc.fields["vendor_name"].value
        return Issue(code="invoice.duplicate", fields=["invoice_number", "vendor_name"],
                     message=f"invoice {number} from {vendor} was already received as {earlier}: reject this one "
                             "unless the vendor confirms it is a new bill")


def invoice_key(doc: Document) -> tuple[str, str] | None:
    """(vendor, invoice number) as compared for duplicates: the vendor id when master data matched one, else the
    name without case, punctuation or legal form."""
    number, name = doc.fields.get("invoice_number"), doc.fields.get("vendor_name")
    if doc.doc_type != "invoice" or number is None or not str(number.value or "").strip():
        return None
    vendor_id = doc.fields.get("vendor_id")
    if vendor_id is not None:
        vendor = f"id:{vendor_id.value}"
    elif name is not None and str(name.value or "").strip():
        vendor = f"name:{comparable_name(str(name.value))}"
    else:
        return None
    number_key = identifier_key(str(number.value))
    return (vendor, number_key) if number_key else None


def validate(doc: Document, *, seen: SeenDocuments, master_data: MasterData | None = None,
             rules: RulePack | None = None, today: date | None = None) -> Document:
    """Every check that applies to the document; master-data checks only when master data is given."""
    rules = rules or default_rules()
    issues: list[Issue] = []
    same_bytes = seen.check(doc)
    if same_bytes:
        issues.append(same_bytes)
    # Reconcile first (a name the client's records confirm is read surely, which completeness then
    # sees), but list its issues after the document's own.
    reconciled = reconcile(doc, master_data, rules) if master_data is not None and doc.doc_type != "unknown" else []
    issues += check_completeness(doc, rules)
    if doc.doc_type == "invoice":
        issues += check_invoice(doc, rules)
        issues += check_currency(doc)
    elif doc.doc_type == "payroll":
        issues += check_payroll(doc, rules)
    issues += check_dates(doc, today or date.today(), rules)
    issues += check_identifiers(doc)
    issues += check_forms(doc)
    issues += reconciled
    if not same_bytes and not any(i.code == "invoice.duplicate" for i in issues):
        same_invoice = seen.check_invoice(doc)  # after reconciliation, which may have named the vendor by id
        if same_invoice:
            issues.append(same_invoice)
    # A last guard: no message may show a whole TIN, SSN or account number, whichever check wrote it.
    secrets = [str(f.value) for name, f in doc.fields.items() if name in SENSITIVE_FIELDS and f.value]
    for issue in issues:
        issue.message = scrub(issue.message, secrets)
    doc.issues.extend(i for i in issues if rules.runs(i.code))
    return doc


def needs_review(doc: Document) -> bool:
    """A document posts without a person only when nothing at all is in doubt."""
    return doc.doc_type == "unknown" or any(
        issue.severity == "error" or issue.code in HOLD_FOR_REVIEW for issue in doc.issues
    )


__all__ = ["HOLD_FOR_REVIEW", "VALIDATOR_CODES", "MasterData", "RulePack", "SeenDocuments", "default_rules",
           "invoice_key", "load_master_data", "load_rules", "needs_review", "validate"]
