"""Reconciliation with the client's master data: is the vendor, PO, employee, rate, total or bank account the one on file?

Pure functions over a document, a MasterData and a RulePack. They return issues; the only change they
make to the document is to carry what they matched: `vendor_id` (confidence = the name match score),
and `employee_id` on a direct deposit form that does not print one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from backoffice.document import Document, Field, Issue
from backoffice.masking import mask
from validators.master_data import (ControlTotal, Employee, MasterData, Vendor, identifier_key, name_score,
                                    names_agree_score, same_tax_id)
from validators.rules import RulePack

log = logging.getLogger(__name__)

SUGGEST_SCORE = 60  # a vendor this close is worth naming in a vendor.unknown message; below, it is noise


def _text(f: Field | None) -> str | None:
    if f is None or f.value is None:
        return None
    return str(f.value).strip() or None


def _money(f: Field | None) -> Decimal | None:
    return f.value if f is not None and isinstance(f.value, Decimal) else None


def _day(f: Field | None) -> date | None:
    return f.value if f is not None and isinstance(f.value, date) else None


def _carry(doc: Document, name: str, value: str, confidence: float, source: Field) -> None:
    """A value matched in master data, shown where the text it was matched from stands on the page."""
    doc.fields[name] = Field(value=value, confidence=min(max(confidence, 0.0), 1.0), page=source.page,
                             box=source.box, raw=source.raw)


def _vendor_label(vendor: Vendor) -> str:
    return f"{vendor.name} ({vendor.vendor_id})"


# invoices

def match_vendor(doc: Document, md: MasterData, rules: RulePack) -> tuple[Vendor | None, list[Issue]]:
    """The vendor on file this invoice is from, by name (fuzzy) and tax id; carries `vendor_id`."""
    doc.fields.pop("vendor_id", None)  # a second validation decides afresh
    name_field, tax_field = doc.fields.get("vendor_name"), doc.fields.get("vendor_tax_id")
    name, tax_id = _text(name_field), _text(tax_field)
    ranked = md.vendors_named(name) if name else []
    by_name = [(v, s) for v, s in ranked if s >= rules.vendor_name_score]
    by_tax_id = md.vendors_with_tax_id(tax_id) if tax_id else []
    if by_name and name_field is not None:
        # Two names on file can both be close; the tax id, when it agrees with one of them, decides.
        vendor, score = next(((v, s) for v, s in by_name if v in by_tax_id), by_name[0])
        _carry(doc, "vendor_id", vendor.vendor_id, score / 100, name_field)
        log.debug("vendor %r matched %s with score %.0f", name, vendor.vendor_id, score)
        if score >= 95:
            # The client's own vendor list confirms the name: as sure as the match, not as our layout guess.
            name_field.confidence = max(name_field.confidence, min(score / 100, 0.99))
        issues = []
        if tax_id and vendor.tax_id and not same_tax_id(tax_id, vendor.tax_id):
            owner = next((v for v in by_tax_id if v is not vendor), None)
            elsewhere = f"; on file that tax id is {_vendor_label(owner)}'s" if owner else ""
            issues.append(Issue(
                "vendor.tax_id_mismatch", fields=["vendor_tax_id", "vendor_name"],
                message=f"the invoice gives the tax id {mask(tax_id)}, but {_vendor_label(vendor)} is on file with "
                        f"{mask(vendor.tax_id)}{elsewhere}: confirm who sent it before paying (a changed tax id can be fraud)"))
        return vendor, issues
    if len(by_tax_id) == 1 and tax_field is not None:
        vendor = by_tax_id[0]
        _carry(doc, "vendor_id", vendor.vendor_id, tax_field.confidence, tax_field)
        log.debug("vendor %r matched %s by tax id %s", name, vendor.vendor_id, mask(tax_id))
        reads = f"reads {name!r}, which is not a name on file" if name else "could not be read"
        return vendor, [Issue(
            "vendor.name_mismatch", severity="warning", fields=["vendor_name", "vendor_id"],
            message=f"the vendor name {reads}; the tax id {mask(tax_id)} is {_vendor_label(vendor)}'s, so the "
                    "invoice is matched to them: check the name against the page, or add it to the vendor's aliases")]
    if ranked and ranked[0][1] >= SUGGEST_SCORE:
        closest, score = ranked[0]
        hint = (f"; the closest on file is {_vendor_label(closest)}, a {score:.0f} match where "
                f"{rules.vendor_name_score:.0f} is needed")
    else:
        hint = ""
    if by_tax_id:
        hint += f"; the tax id {mask(tax_id)} is on file for {len(by_tax_id)} vendors"
    found = f"the vendor {name!r}" if name else "this invoice's vendor (no name was read)"
    return None, [Issue(
        "vendor.unknown", fields=["vendor_name"],
        message=f"{found} is not on the client's vendor list{hint}: correct the name, or have the vendor set up "
                "before the invoice is paid")]


def check_vendor_currency(doc: Document, vendor: Vendor) -> list[Issue]:
    currency = _text(doc.fields.get("currency"))
    if currency and vendor.currency and currency.upper() != vendor.currency:
        return [Issue("vendor.currency_mismatch", fields=["currency"],
                      message=f"the invoice is in {currency}, but {_vendor_label(vendor)} bills in {vendor.currency} "
                              "on file: check the currency with the vendor, or correct the vendor record")]
    return []


def check_purchase_order(doc: Document, vendor: Vendor | None, md: MasterData, rules: RulePack) -> list[Issue]:
    number = _text(doc.fields.get("po_number"))
    if number is None:
        return []
    po = md.purchase_order(number)
    if po is None:
        return [Issue("po.unknown", fields=["po_number"],
                      message=f"PO {number} is not on file: ask the requester for the right PO number, or have "
                              "the PO entered before the invoice is paid")]
    if vendor is not None and po.vendor_id != vendor.vendor_id:
        owner = md.vendor(po.vendor_id)
        return [Issue("po.vendor_mismatch", fields=["po_number", "vendor_name"],
                      message=f"PO {po.po_number} was raised for {_vendor_label(owner) if owner else po.vendor_id}, "
                              f"not for {_vendor_label(vendor)}: ask the requester for the PO of this vendor")]
    total = _money(doc.fields.get("total_amount"))
    allowed = po.open_balance + po.open_balance * rules.po_amount_percent / 100
    if total is not None and total > allowed:
        leeway = f" plus the {rules.po_amount_percent} % tolerance" if rules.po_amount_percent else ""
        return [Issue("po.amount_exceeded", fields=["total_amount", "po_number"],
                      message=f"the invoice total {total} is more than the {po.open_balance} still open on PO "
                              f"{po.po_number} (of {po.amount} ordered){leeway}: ask the buyer to raise the PO or "
                              "to approve the difference")]
    return []


def check_paid_before(doc: Document, vendor: Vendor, md: MasterData) -> list[Issue]:
    number = _text(doc.fields.get("invoice_number"))
    paid = md.paid_invoice(vendor.vendor_id, number) if number else None
    if paid is None:
        return []
    when = f" on {paid.paid_on}" if paid.paid_on else ""
    amount = f" ({paid.amount})" if paid.amount is not None else ""
    return [Issue("invoice.duplicate", fields=["invoice_number", "vendor_name"],
                  message=f"invoice {number} from {_vendor_label(vendor)} was already paid{when}{amount}: reject this "
                          "one unless the vendor confirms it is a new bill")]


def reconcile_invoice(doc: Document, md: MasterData, rules: RulePack) -> list[Issue]:
    vendor, issues = match_vendor(doc, md, rules)
    if vendor is not None:
        issues += check_vendor_currency(doc, vendor)
        issues += check_paid_before(doc, vendor, md)
    issues += check_purchase_order(doc, vendor, md, rules)
    return issues


# employees: payroll registers and direct deposit forms

@dataclass(frozen=True)
class EmployeeMatch:
    employee: Employee
    by: str  # "id" or "name"
    given_id: str | None
    given_name: str | None
    name_score: float | None


def find_employee(md: MasterData, id_text: str | None, name_text: str | None, min_score: float) -> EmployeeMatch | None:
    """By id first, then by name. Either text is tried as either: registers are read with the id and name
    columns swapped often enough that a swap must not make a known employee unknown."""
    texts = [t for t in (id_text, name_text) if t]
    for i, text in enumerate(texts):
        employee = md.employee(text)
        if employee is not None:
            other = next((t for j, t in enumerate(texts) if j != i), None)
            score = names_agree_score(other, employee.name) if other else None
            return EmployeeMatch(employee, "id", text, other, score)
    for i, text in enumerate(texts):
        ranked = md.employees_named(text)
        if ranked and ranked[0][1] >= min_score:
            employee, score = ranked[0]
            other = next((t for j, t in enumerate(texts) if j != i), None)
            return EmployeeMatch(employee, "name", other, text, score)
    return None


def _identity_issues(match: EmployeeMatch, where: str, fields: list[str], min_score: float) -> list[Issue]:
    e = match.employee
    if match.by == "id" and match.given_name and match.name_score is not None and match.name_score < min_score:
        return [Issue("employee.name_mismatch", fields=fields,
                      message=f"{where}: employee {e.employee_id} is {e.name} on file, but the document names "
                              f"{match.given_name!r}: check that the right person is paid")]
    if match.by == "name" and match.given_id and identifier_key(match.given_id) != identifier_key(e.employee_id):
        return [Issue("employee.id_mismatch", fields=fields,
                      message=f"{where}: {e.name} is employee {e.employee_id} on file, but the document gives "
                              f"{match.given_id!r}: correct the id")]
    return []


def check_payroll_employees(doc: Document, md: MasterData, rules: RulePack) -> list[Issue]:
    issues: list[Issue] = []
    unknown: list[tuple[int, str]] = []
    for i, row in enumerate(doc.tables.get("employees", []), start=1):
        id_text, name_text = _text(row.get("employee_id")), _text(row.get("employee_name"))
        match = find_employee(md, id_text, name_text, rules.employee_name_score)
        if match is None:
            unknown.append((i, " ".join(t for t in (id_text, name_text) if t) or "no id or name read"))
            continue
        e = match.employee
        where = f"row {i}, {e.name} ({e.employee_id})"
        issues += _identity_issues(match, where, [f"employees[{i}].employee_id", f"employees[{i}].employee_name"],
                                   rules.employee_name_score)
        rate = _money(row.get("hourly_rate"))
        if rate is not None and e.hourly_rate is not None and abs(rate - e.hourly_rate) > rules.hourly_rate_tolerance:
            issues.append(Issue("employee.rate_mismatch", fields=[f"employees[{i}].hourly_rate"],
                                message=f"{where}: the register pays {rate} an hour, but the rate on file is "
                                        f"{e.hourly_rate}: confirm the rate change with the client before paying"))
    if unknown:
        listed = ", ".join(f"row {i} ({who})" for i, who in unknown[:8]) + (
            f" and {len(unknown) - 8} more" if len(unknown) > 8 else "")
        are = "is not an employee" if len(unknown) == 1 else "are not employees"
        issues.append(Issue("employee.unknown", fields=[f"employees[{i}].employee_id" for i, _ in unknown],
                            message=f"{listed} {are} on file: correct the row, or have the client add the "
                                    "employee before paying"))
    return issues


def _control_total(md: MasterData, start: date, end: date, employer: str | None, min_score: float) -> ControlTotal | None:
    """The period's control totals: the employer's own when the client runs several payrolls, else the one row."""
    rows = md.control_totals_for(start, end)
    named = [(c, name_score(employer, c.employer)) for c in rows if c.employer and employer]
    named = [(c, s) for c, s in named if s >= min_score]
    if named:
        return max(named, key=lambda pair: pair[1])[0]
    return next((c for c in rows if not c.employer), None)


def check_control_totals(doc: Document, md: MasterData, rules: RulePack) -> list[Issue]:
    start, end = _day(doc.fields.get("pay_period_start")), _day(doc.fields.get("pay_period_end"))
    if start is None or end is None:
        return []  # field.missing has said so
    employer = _text(doc.fields.get("employer_name"))
    control = _control_total(md, start, end, employer, rules.vendor_name_score)
    period = f"the pay period {start} to {end}"
    if control is None:
        whose = f" of {employer}" if employer else ""
        return [Issue("payroll.control_totals_missing", fields=["pay_period_start", "pay_period_end"],
                      message=f"no control totals are on file for {period}{whose}: ask the client for this "
                              "payroll's headcount, gross and net before paying it")]
    issues = []
    rows = doc.tables.get("employees", [])
    if rows and len(rows) != control.headcount:
        issues.append(Issue("payroll.control_totals_mismatch", fields=["employees"],
                            message=f"the register lists {len(rows)} employees, but the control totals for {period} "
                                    f"count {control.headcount}: find the employee missing or paid twice"))
    for name, expected, label in (("total_gross", control.total_gross, "gross"), ("total_net", control.total_net, "net")):
        found = _money(doc.fields.get(name))
        if found is not None and abs(found - expected) > rules.control_totals_tolerance:
            issues.append(Issue("payroll.control_totals_mismatch", fields=[name],
                                message=f"the register's total {label} is {found}, but the control total for {period} "
                                        f"is {expected} ({found - expected:+} apart): find the row that differs "
                                        "before paying"))
    return issues


def reconcile_payroll(doc: Document, md: MasterData, rules: RulePack) -> list[Issue]:
    return check_payroll_employees(doc, md, rules) + check_control_totals(doc, md, rules)


def reconcile_direct_deposit(doc: Document, md: MasterData, rules: RulePack) -> list[Issue]:
    id_field, name_field = doc.fields.get("employee_id"), doc.fields.get("employee_name")
    id_text, name_text = _text(id_field), _text(name_field)
    match = find_employee(md, id_text, name_text, rules.employee_name_score)
    if match is None:
        who = " ".join(f"{t}" for t in (name_text, f"({id_text})" if id_text else None) if t) or "the employee"
        return [Issue("employee.unknown", fields=["employee_name", "employee_id"],
                      message=f"{who} is not an employee on file: have the client set the employee up before "
                              "their deposit details are entered")]
    e = match.employee
    if id_field is None and name_field is not None and match.by == "name" and match.name_score is not None:
        _carry(doc, "employee_id", e.employee_id, match.name_score / 100, name_field)
    issues = _identity_issues(match, f"{e.name} ({e.employee_id})", ["employee_name", "employee_id"],
                              rules.employee_name_score)
    account = _text(doc.fields.get("account_number"))
    if account and e.bank_account_last4 and account[-4:] != e.bank_account_last4:
        issues.append(Issue(
            "direct_deposit.bank_account_changed", severity="warning", fields=["account_number", "routing_number"],
            message=f"this form moves the pay of {e.name} ({e.employee_id}) from the account ending "
                    f"{e.bank_account_last4} on file to the account {mask(account)}: a second approver must confirm "
                    "the change with the employee, on a phone number from the personnel file, before it is applied"))
    return issues


def reconcile_w9(doc: Document, md: MasterData, rules: RulePack) -> list[Issue]:
    """A W-9 from a new vendor is normal; one from a vendor on file must carry the tax id on file."""
    doc.fields.pop("vendor_id", None)
    best: tuple[Vendor, float, Field] | None = None
    for name in ("business_name", "name"):
        f = doc.fields.get(name)
        text = _text(f)
        ranked = md.vendors_named(text) if text else []
        if f is not None and ranked and ranked[0][1] >= rules.vendor_name_score and (best is None or ranked[0][1] > best[1]):
            best = (ranked[0][0], ranked[0][1], f)
    if best is None:
        return []
    vendor, score, source = best
    _carry(doc, "vendor_id", vendor.vendor_id, score / 100, source)
    tin_name = "ein" if "ein" in doc.fields else "ssn"
    tin = _text(doc.fields.get(tin_name))
    if tin and vendor.tax_id and not same_tax_id(tin, vendor.tax_id):
        return [Issue("vendor.tax_id_mismatch", fields=[tin_name],
                      message=f"the W-9 gives the {tin_name.upper()} {mask(tin)}, but {_vendor_label(vendor)} is on "
                              f"file with {mask(vendor.tax_id)}: confirm which is right with the vendor before "
                              "changing the record")]
    return []


RECONCILERS: dict[str, Callable[[Document, MasterData, RulePack], list[Issue]]] = {
    "invoice": reconcile_invoice,
    "payroll": reconcile_payroll,
    "direct_deposit": reconcile_direct_deposit,
    "w9": reconcile_w9,
}


def reconcile(doc: Document, md: MasterData, rules: RulePack) -> list[Issue]:
    kind = doc.form_type if doc.doc_type == "form" else doc.doc_type
    reconciler = RECONCILERS.get(kind or "")
    return reconciler(doc, md, rules) if reconciler else []
