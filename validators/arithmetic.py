"""Does the document add up? Line amounts, subtotal, tax and total; payroll rows and the totals row.

A printed amount may be off by the rule pack's `cent_per_operation` (one cent by default) for every
multiplication or addition behind it: rounding on the document is allowed, nothing more.
"""

from __future__ import annotations

import re
from decimal import Decimal

from backoffice.document import Document, Field, Issue
from validators.rules import RulePack

CENT = Decimal("0.01")


def _v(f: Field | None) -> Decimal | None:
    return f.value if f is not None and isinstance(f.value, Decimal) else None


def _off(found: Decimal, expected: Decimal, operations: int, rules: RulePack) -> bool:
    return abs(found - expected) > rules.cent_per_operation * max(operations, 1)


def _weighed(issue: Issue, operands: dict[str, Field | None], rules: RulePack) -> Issue:
    """A sum that fails over figures read with low confidence may be a misread digit, not a document that is wrong:
    it stays, as a warning that names those figures (the low confidence alone sends the document to review).
    Over figures read surely it is an error of the document."""
    unsure = [name for name, f in operands.items()
              if f is not None and f.confidence < rules.threshold(re.sub(r"\[\d+\]", "", name))]
    if unsure:
        shown = ", ".join(unsure[:4]) + (f" and {len(unsure) - 4} more" if len(unsure) > 4 else "")
        issue.severity = "warning"
        issue.message += f"; {shown} {'was' if len(unsure) == 1 else 'were'} read with low confidence: check them on the page"
    return issue


# Standard and reduced VAT, GST and sales tax rates in common use (percent). A total that exceeds its subtotal by one of
# them, where no tax amount was read, most likely has a tax line the reading missed (a scan's faint or garbled row), not
# a wrong total; from 100.00 up, a total off by chance lands within a cent of one for about one difference in thirty.
COMMON_TAX_RATES = tuple(Decimal(r) for r in (
    "2.5", "3", "4", "5", "5.5", "6", "7", "7.7", "8", "8.1", "9", "10", "12", "13", "14", "15", "16", "17", "18", "19",
    "20", "21", "22", "23", "24", "25", "25.5", "27"))
TAX_RATE_MIN_SUBTOTAL = Decimal("100")


def _tax_rate_of(subtotal: Decimal, difference: Decimal, rules: RulePack) -> Decimal | None:
    """The one common tax rate whose tax on the subtotal is the difference, to the document's rounding; None if no
    rate or more than one is, or the subtotal is under TAX_RATE_MIN_SUBTOTAL: on small amounts the rates' taxes lie
    cents apart, and a total off by chance lands on one of them (on 25.50, one difference in eight would)."""
    if subtotal < TAX_RATE_MIN_SUBTOTAL or difference <= 0:
        return None
    rates = [r for r in COMMON_TAX_RATES if not _off(difference, (subtotal * r / 100).quantize(CENT), 1, rules)]
    return rates[0] if len(rates) == 1 else None


def _cells(rows: list[dict[str, Field]], column: str, table: str) -> dict[str, Field | None]:
    return {f"{table}[{i}].{column}": row.get(column) for i, row in enumerate(rows, start=1)}


def check_invoice(doc: Document, rules: RulePack) -> list[Issue]:
    issues: list[Issue] = []
    rows = doc.tables.get("line_items", [])
    for i, row in enumerate(rows, start=1):
        q, p, a = _v(row.get("quantity")), _v(row.get("unit_price")), _v(row.get("amount"))
        if q is not None and p is not None and a is not None and _off(a, q * p, 1, rules):
            issues.append(_weighed(
                Issue("invoice.line_amount_mismatch", fields=[f"line_items[{i}].amount"],
                      message=f"line {i}: {q} x {p} is {(q * p).quantize(CENT)}, but the line amount reads {a}"),
                {f"line_items[{i}].{c}": row.get(c) for c in ("quantity", "unit_price", "amount")}, rules))
    subtotal, tax, total = (_v(doc.fields.get(n)) for n in ("subtotal", "tax_amount", "total_amount"))
    amounts = [_v(r.get("amount")) for r in rows]
    line_sum = sum(amounts, Decimal(0)) if rows and all(a is not None for a in amounts) else None  # type: ignore[arg-type]
    line_amounts = _cells(rows, "amount", "line_items")
    if subtotal is not None and line_sum is not None and _off(subtotal, line_sum, len(rows) - 1, rules):
        issues.append(_weighed(
            Issue("invoice.subtotal_mismatch", fields=["subtotal"],
                  message=f"the {len(rows)} line amounts add up to {line_sum}, but the subtotal reads {subtotal}"),
            {"subtotal": doc.fields.get("subtotal")} | line_amounts, rules))
    if total is not None and subtotal is not None:
        expected = subtotal + (tax or Decimal(0))
        rate = _tax_rate_of(subtotal, total - subtotal, rules) if tax is None else None
        if rate is not None and _off(total, expected, 1, rules):
            issues.append(Issue(
                "field.unread", severity="warning", fields=["tax_amount"],
                message=f"no tax amount was read, but the total {total} is {total - subtotal} more than the subtotal "
                        f"{subtotal}, {rate} % of it: read the tax off the page (if it is not a tax, the total is wrong)"))
        elif _off(total, expected, 1, rules):
            what = f"subtotal {subtotal} + tax {tax}" if tax is not None else f"subtotal {subtotal} (no tax found)"
            issues.append(_weighed(
                Issue("invoice.total_mismatch", fields=["subtotal", "tax_amount", "total_amount"],
                      message=f"{what} is {expected}, but the total reads {total}"),
                {n: doc.fields.get(n) for n in ("subtotal", "tax_amount", "total_amount")}, rules))
    elif total is not None and line_sum is not None:  # no subtotal printed: the lines and the tax make the total
        expected = line_sum + (tax or Decimal(0))
        if _off(total, expected, len(rows), rules):
            what = f"the {len(rows)} line amounts ({line_sum})" + (f" + tax {tax}" if tax is not None else "")
            issues.append(_weighed(
                Issue("invoice.total_mismatch", fields=["tax_amount", "total_amount"],
                      message=f"{what} come to {expected}, but the total reads {total}"),
                {n: doc.fields.get(n) for n in ("tax_amount", "total_amount")} | line_amounts, rules))
    return issues


def check_payroll(doc: Document, rules: RulePack) -> list[Issue]:
    issues: list[Issue] = []
    rows = doc.tables.get("employees", [])
    overtime = rules.overtime_multiplier
    for i, row in enumerate(rows, start=1):
        who = row.get("employee_name") or row.get("employee_id")
        name = f"{who.value}" if who else f"row {i}"
        reg, ot, rate, gross = (_v(row.get(k)) for k in ("regular_hours", "overtime_hours", "hourly_rate", "gross_pay"))
        ded, net = _v(row.get("deductions")), _v(row.get("net_pay"))
        if reg is not None and rate is not None and gross is not None:
            expected = (reg + overtime * (ot or Decimal(0))) * rate
            if _off(gross, expected, 2, rules):
                issues.append(_weighed(
                    Issue("payroll.gross_mismatch", fields=[f"employees[{i}].gross_pay"],
                          message=f"{name}: hours x rate (overtime at {overtime}) is {expected.quantize(CENT)}, "
                                  f"but gross pay reads {gross}"),
                    {f"employees[{i}].{c}": row.get(c) for c in ("regular_hours", "overtime_hours", "hourly_rate",
                                                                  "gross_pay")}, rules))
        if gross is not None and ded is not None and net is not None and _off(net, gross - ded, 1, rules):
            issues.append(_weighed(
                Issue("payroll.net_mismatch", fields=[f"employees[{i}].net_pay"],
                      message=f"{name}: gross {gross} - deductions {ded} is {gross - ded}, but net pay reads {net}"),
                {f"employees[{i}].{c}": row.get(c) for c in ("gross_pay", "deductions", "net_pay")}, rules))
    fields = doc.fields
    tg, td, tn = _v(fields.get("total_gross")), _v(fields.get("total_deductions")), _v(fields.get("total_net"))
    if tg is not None and td is not None and tn is not None and _off(tn, tg - td, 1, rules):
        issues.append(_weighed(
            Issue("payroll.net_mismatch", fields=["total_net"],
                  message=f"totals row: gross {tg} - deductions {td} is {tg - td}, but total net reads {tn}"),
            {n: fields.get(n) for n in ("total_gross", "total_deductions", "total_net")}, rules))
    for column, total_name, total in (("gross_pay", "total_gross", tg), ("deductions", "total_deductions", td),
                                      ("net_pay", "total_net", tn)):
        values = [_v(r.get(column)) for r in rows]
        if total is None or not rows or any(v is None for v in values):
            continue
        column_sum = sum(values, Decimal(0))  # type: ignore[arg-type]
        if _off(total, column_sum, len(rows) - 1, rules):
            issues.append(_weighed(
                Issue("payroll.totals_mismatch", fields=[total_name],
                      message=f"the {len(rows)} employee rows add up to {column_sum} {column.replace('_', ' ')}, "
                              f"but the totals row reads {total}"),
                {total_name: fields.get(total_name)} | _cells(rows, column, "employees"), rules))
    return issues
