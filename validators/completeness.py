"""Is everything there, in its form, and read surely enough to post without a person? Required fields, value forms, thresholds."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from backoffice.document import Document, Field, Issue, Value
from validators.rules import DERIVED_FIELDS, RulePack

DATE_FIELDS = {"invoice_date", "due_date", "pay_period_start", "pay_period_end", "pay_date", "signature_date"}
MONEY_FIELDS = {"subtotal", "tax_amount", "total_amount", "total_gross", "total_deductions", "total_net"}
NUMBER_COLUMNS = {"quantity", "unit_price", "amount", "regular_hours", "overtime_hours", "hourly_rate", "gross_pay",
                  "deductions", "net_pay"}
CHOICES = {
    "tax_classification": {"individual", "c_corporation", "s_corporation", "partnership", "trust_estate", "llc", "other"},
    "account_type": {"checking", "savings"},
}


def document_kind(doc: Document) -> str:
    """'invoice', 'payroll', or the form type ('w9', 'direct_deposit'): the key of rule pack sections."""
    return doc.form_type if doc.doc_type == "form" and doc.form_type else doc.doc_type


def required_fields(doc: Document, rules: RulePack) -> list[str]:
    """The pack's required fields; a W-9's "tin" is its SSN or its EIN, whichever it gives."""
    required = []
    for name in rules.required_fields(document_kind(doc)):
        if name == "tin":
            name = "ssn" if "ssn" in doc.fields else "ein"
        required.append(name)
    return required


def _form_problem(name: str, value: Value) -> str | None:
    """What is wrong with the form of a value, judged by its field name; None when nothing is."""
    if name in DATE_FIELDS and not isinstance(value, date):
        return "a date"
    if (name in MONEY_FIELDS or name in NUMBER_COLUMNS) and not isinstance(value, Decimal):
        return "an amount"
    if name == "signature_present" and not isinstance(value, bool):
        return "yes or no"
    if name == "currency" and not (isinstance(value, str) and re.fullmatch(r"[A-Z]{3}", value)):
        return "a three-letter currency code"
    if name in CHOICES and value not in CHOICES[name]:
        return f"one of {', '.join(sorted(CHOICES[name]))}"
    return None


def check_value_forms(doc: Document) -> list[Issue]:
    wrong: list[tuple[str, str, Field]] = [(n, p, f) for n, f in doc.fields.items() if (p := _form_problem(n, f.value))]
    for table_name, rows in doc.tables.items():
        for i, row in enumerate(rows, start=1):
            wrong += [(f"{table_name}[{i}].{col}", p, f) for col, f in row.items()
                      if col in NUMBER_COLUMNS and (p := _form_problem(col, f.value))]
    return [Issue("field.invalid", fields=[name],
                  message=f"{name} reads {str(f.raw if f.raw is not None else f.value)!r}, which is not {expected}: "
                          "correct it from the page")
            for name, expected, f in wrong]


def check_completeness(doc: Document, rules: RulePack) -> list[Issue]:
    issues: list[Issue] = []
    if doc.doc_type == "unknown":
        issues.append(Issue(
            code="doc.unknown_type",
            message="this is not recognisably an invoice, a payroll register, a W-9 or a direct deposit form; "
                    "decide what to do with it",
        ))
        return issues
    missing = [name for name in required_fields(doc, rules) if name not in doc.fields]
    if missing:
        shown = [("ssn or ein" if name in ("ssn", "ein") and doc.form_type == "w9" else name) for name in missing]
        issues.append(Issue(code="field.missing", fields=missing,
                            message=f"could not find {', '.join(shown)} on the document; read it off the page"))
    issues += check_value_forms(doc)
    # (a value worked out from others, such as a tax from total - subtotal, was not read either)
    worked_out = doc.evidence.get("worked_out", [])
    unread = [name for name in doc.evidence.get("labels_without_value", []) if name not in doc.fields or name in worked_out]
    if unread:
        guessed = [name for name in unread if name in worked_out]
        issues.append(Issue(code="field.unread", severity="warning", fields=unread,
                            message=f"the page labels {', '.join(unread)} but no value could be read there; "
                                    "read it off the page"
                                    + (f" ({', '.join(guessed)} worked out from the other totals)" if guessed else "")))
    # By name: the extractors fill fields in no fixed order, and the same document must give the same issue.
    unsure = sorted(name for name, f in doc.fields.items()
                    if name not in DERIVED_FIELDS and f.confidence < rules.threshold(name))
    for table_name, rows in doc.tables.items():
        for i, row in enumerate(rows, start=1):
            unsure += [f"{table_name}[{i}].{col}" for col, f in row.items()
                       if f.confidence < rules.threshold(f"{table_name}.{col}")]
    if unsure:
        shown_names = ", ".join(unsure[:8]) + (f" and {len(unsure) - 8} more" if len(unsure) > 8 else "")
        issues.append(Issue(code="field.low_confidence", severity="warning", fields=unsure,
                            message=f"check {shown_names} against the page: read with low confidence"))
    return issues
