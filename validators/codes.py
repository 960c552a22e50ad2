"""Every issue code the validators raise, so rule packs can be checked against them (docs/issue-codes.md explains each)."""

from __future__ import annotations

VALIDATOR_CODES: frozenset[str] = frozenset({
    # the document as a whole
    "doc.unknown_type",
    "doc.duplicate",
    "field.missing",
    "field.low_confidence",
    "field.unread",
    "field.invalid",
    "date.future",
    # invoices
    "invoice.line_amount_mismatch",
    "invoice.subtotal_mismatch",
    "invoice.total_mismatch",
    "invoice.due_before_invoice_date",
    "invoice.currency_mismatch",
    "invoice.duplicate",
    "invoice.tax_id_invalid",
    # payroll registers
    "payroll.gross_mismatch",
    "payroll.net_mismatch",
    "payroll.totals_mismatch",
    "payroll.period_order",
    "payroll.pay_date_before_period_end",
    "payroll.control_totals_missing",
    "payroll.control_totals_mismatch",
    # forms
    "w9.classification_not_one",
    "w9.tin_invalid",
    "form.unsigned",
    "form.undated",
    "direct_deposit.routing_invalid",
    "direct_deposit.account_invalid",
    "direct_deposit.account_type_missing",
    "direct_deposit.bank_account_changed",
    # reconciliation with the client's master data
    "vendor.unknown",
    "vendor.name_mismatch",
    "vendor.tax_id_mismatch",
    "vendor.currency_mismatch",
    "po.unknown",
    "po.vendor_mismatch",
    "po.amount_exceeded",
    "employee.unknown",
    "employee.name_mismatch",
    "employee.id_mismatch",
    "employee.rate_mismatch",
})

# Warnings that still keep a document from posting without a person: a value read unsurely, and a bank
# account change, which a second approver must confirm with the employee.
HOLD_FOR_REVIEW: frozenset[str] = frozenset({"field.low_confidence", "field.unread", "direct_deposit.bank_account_changed"})


def is_code_or_prefix(text: str) -> bool:
    """'payroll', 'payroll.net_mismatch' yes; 'payrol', 'payroll.net' no (prefixes end at a dot)."""
    return any(code == text or code.startswith(text + ".") for code in VALIDATOR_CODES)
