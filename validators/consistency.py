"""Checks inside one document beyond arithmetic: dates in order, identifiers well formed, forms signed and ticked once."""

from __future__ import annotations

import re
from datetime import date, timedelta

from stdnum.us import ein as us_ein
from stdnum.us import rtn as us_rtn
from stdnum.us import ssn as us_ssn

from backoffice.document import Document, Issue
from backoffice.masking import mask

FAR_FUTURE = timedelta(days=365)


def _date(doc: Document, name: str) -> date | None:
    f = doc.fields.get(name)
    return f.value if f is not None and isinstance(f.value, date) else None


def check_dates(doc: Document, today: date) -> list[Issue]:
    issues = []
    issued, due = _date(doc, "invoice_date"), _date(doc, "due_date")
    if issued and due and due < issued:
        issues.append(Issue("invoice.due_before_invoice_date", fields=["due_date", "invoice_date"],
                            message=f"the due date {due} is before the invoice date {issued}"))
    start, end, paid = (_date(doc, n) for n in ("pay_period_start", "pay_period_end", "pay_date"))
    if start and end and end < start:
        issues.append(Issue("payroll.period_order", fields=["pay_period_start", "pay_period_end"],
                            message=f"the pay period ends {end}, before it starts {start}"))
    if end and paid and paid < end:
        issues.append(Issue("payroll.pay_date_before_period_end", fields=["pay_date", "pay_period_end"],
                            message=f"the pay date {paid} is before the end of the pay period {end}"))
    for name, f in doc.fields.items():
        if isinstance(f.value, date) and f.value > today + FAR_FUTURE and name != "due_date":
            issues.append(Issue("date.future", fields=[name],
                                message=f"{name.replace('_', ' ')} reads {f.value}, more than a year from today"))
    return issues


def routing_number_is_valid(digits: str) -> bool:
    return us_rtn.is_valid(digits)


def check_identifiers(doc: Document) -> list[Issue]:
    issues = []
    routing = doc.fields.get("routing_number")
    if routing is not None and not routing_number_is_valid(str(routing.value)):
        issues.append(Issue("direct_deposit.routing_invalid", fields=["routing_number"],
                            message=f"routing number {mask(routing.value)} fails the ABA check digit: "
                                    "ask the employee for a voided cheque"))
    account = doc.fields.get("account_number")
    if account is not None and not re.fullmatch(r"\d{4,17}", str(account.value)):
        issues.append(Issue("direct_deposit.account_invalid", fields=["account_number"],
                            message=f"account number {mask(account.value)} is not 4 to 17 digits"))
    for name, module, form in (("ssn", us_ssn, "3-2-4 digits, not 000/666/9xx"), ("ein", us_ein, "2-7 digits with a valid prefix")):
        f = doc.fields.get(name)
        if f is not None and not module.is_valid(str(f.value)):
            issues.append(Issue("w9.tin_invalid", fields=[name],
                                message=f"the {name.upper()} {mask(f.value)} is not valid ({form})"))
    return issues


def check_forms(doc: Document) -> list[Issue]:
    issues = []
    if doc.form_type == "w9":
        ticked = doc.evidence.get("tax_classification_ticked", [])
        if len(ticked) != 1:
            found = ", ".join(ticked) if ticked else "none"
            issues.append(Issue("w9.classification_not_one", fields=["tax_classification"],
                                message=f"exactly one federal tax classification box must be ticked; found {found}"))
    if doc.form_type == "direct_deposit":
        signed = doc.fields.get("signature_present")
        if signed is not None and signed.value is False:
            issues.append(Issue("form.unsigned", fields=["signature_present"],
                                message="the authorization has no signature: send it back to the employee to sign"))
        ticked = doc.evidence.get("account_type_ticked", [])
        if len(ticked) != 1:
            issues.append(Issue("direct_deposit.account_type_missing", fields=["account_type"],
                                message=f"exactly one of checking and savings must be ticked; found {', '.join(ticked) or 'none'}"))
    if doc.form_type in ("w9", "direct_deposit") and "signature_date" not in doc.fields:
        issues.append(Issue("form.undated", fields=["signature_date"], message="the signature is not dated"))
    return issues


def check_currency(doc: Document) -> list[Issue]:
    codes = {c for c in doc.evidence.get("currencies", []) if c}
    if len(codes) > 1:
        return [Issue("invoice.currency_mismatch", fields=["currency"],
                      message=f"amounts on this invoice are in more than one currency: {', '.join(sorted(codes))}")]
    return []
