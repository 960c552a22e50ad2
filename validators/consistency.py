"""Checks inside one document beyond arithmetic: dates in order, identifiers well formed, forms signed and ticked once."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from stdnum.us import ein as us_ein
from stdnum.us import rtn as us_rtn
from stdnum.us import ssn as us_ssn

from backoffice.document import Document, Issue
from backoffice.masking import mask
from validators.rules import RulePack


def _date(doc: Document, name: str) -> date | None:
    f = doc.fields.get(name)
    return f.value if f is not None and isinstance(f.value, date) else None


def check_dates(doc: Document, today: date, rules: RulePack) -> list[Issue]:
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
    horizon = today + timedelta(days=rules.future_days)
    for name, f in doc.fields.items():
        # A due date may lie far ahead on purpose (instalments); every other date says when something happened.
        if isinstance(f.value, date) and f.value > horizon and name != "due_date":
            issues.append(Issue("date.future", fields=[name],
                                message=f"{name.replace('_', ' ')} reads {f.value}, more than {rules.future_days} days "
                                        f"after today ({today}): correct the date"))
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
    issues += check_vendor_tax_id(doc)
    return issues


def check_vendor_tax_id(doc: Document) -> list[Issue]:
    """A US tax id (nine digits) must be a valid EIN or SSN. VAT ids are left alone: their check digits differ by
    country and the sample set's are made up."""
    f = doc.fields.get("vendor_tax_id")
    if f is None or not re.fullmatch(r"\d{9}", str(f.value)):
        return []
    if us_ein.is_valid(str(f.value)) or us_ssn.is_valid(str(f.value)):
        return []
    return [Issue("invoice.tax_id_invalid", fields=["vendor_tax_id"],
                  message=f"the vendor's tax id {mask(f.value)} is neither a valid EIN nor a valid SSN: "
                          "correct it from the page, or ask the vendor for a W-9")]


def check_forms(doc: Document) -> list[Issue]:
    issues = []
    if doc.form_type == "w9":
        ticked = doc.evidence.get("tax_classification_ticked", [])
        if len(ticked) != 1:
            found = ", ".join(ticked) if ticked else "none"
            issues.append(Issue("w9.classification_not_one", fields=["tax_classification"],
                                message=f"exactly one federal tax classification box must be ticked; found {found}"))
    signed = doc.fields.get("signature_present")
    if doc.doc_type == "form" and signed is not None and signed.value is False:
        who = "employee" if doc.form_type == "direct_deposit" else "sender"
        issues.append(Issue("form.unsigned", fields=["signature_present"],
                            message=f"the form has no signature: send it back to the {who} to sign"))
    if doc.form_type == "direct_deposit":
        ticked = doc.evidence.get("account_type_ticked", [])
        if len(ticked) != 1:
            issues.append(Issue("direct_deposit.account_type_missing", fields=["account_type"],
                                message=f"exactly one of checking and savings must be ticked; found {', '.join(ticked) or 'none'}"))
    if doc.form_type in ("w9", "direct_deposit") and "signature_date" not in doc.fields:
        issues.append(Issue("form.undated", fields=["signature_date"], message="the signature is not dated"))
    return issues


# What a printed amount may carry to say its currency; the extractors keep the printed text in Field.raw.
CURRENCY_MARKS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
CURRENCY_CODES = {"USD", "EUR", "GBP", "CHF", "CAD", "AUD", "JPY", "SEK", "NOK", "DKK", "PLN", "CZK", "MXN", "INR", "NZD"}
_CODE = re.compile(r"(?<![A-Z])(" + "|".join(sorted(CURRENCY_CODES)) + r")(?![A-Z])")
_MONEY_FIELDS = ("subtotal", "tax_amount", "total_amount")
_MONEY_COLUMNS = ("unit_price", "amount")


def currencies_in(text: str) -> set[str]:
    """'€1.234,56' -> {EUR}; 'USD 12.00' -> {USD}; 'CA$' and 'US$' count as the dollar they say."""
    found = {code for code in _CODE.findall(text)}
    if "CA$" in text or "C$" in text:
        found.add("CAD")
        text = text.replace("CA$", "").replace("C$", "")
    if "A$" in text:
        found.add("AUD")
        text = text.replace("A$", "")
    found |= {code for mark, code in CURRENCY_MARKS.items() if mark in text.replace("US$", "$")}
    return found


def currencies_on_document(doc: Document) -> dict[str, set[str]]:
    """Currency code -> where it was seen: the currency field, the totals and every price and line amount."""
    seen: dict[str, set[str]] = {}
    currency = doc.fields.get("currency")
    if currency is not None and isinstance(currency.value, str) and currency.value:
        seen.setdefault(currency.value.upper(), set()).add("currency")
    for name in _MONEY_FIELDS:
        f = doc.fields.get(name)
        if f is not None and isinstance(f.value, Decimal) and f.raw:
            for code in currencies_in(f.raw):
                seen.setdefault(code, set()).add(name)
    for i, row in enumerate(doc.tables.get("line_items", []), start=1):
        for column in _MONEY_COLUMNS:
            f = row.get(column)
            if f is not None and isinstance(f.value, Decimal) and f.raw:
                for code in currencies_in(f.raw):
                    seen.setdefault(code, set()).add(f"line_items[{i}].{column}")
    for code in doc.evidence.get("currencies", []):  # what an extractor saw elsewhere on the page
        if code:
            seen.setdefault(str(code).upper(), set()).add("the page")
    return seen


def check_currency(doc: Document) -> list[Issue]:
    seen = currencies_on_document(doc)
    if len(seen) <= 1:
        return []
    where = "; ".join(f"{code} in {', '.join(sorted(places)[:3])}{' ...' if len(places) > 3 else ''}"
                      for code, places in sorted(seen.items()))
    fields = sorted({p for places in seen.values() for p in places if p != "the page"})
    return [Issue("invoice.currency_mismatch", fields=fields,
                  message=f"amounts on this invoice are in more than one currency ({where}): ask the vendor which "
                          "currency is billed")]
