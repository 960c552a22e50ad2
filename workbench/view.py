"""What the document view shows: fields and table cells in reading order with their boxes, which of them
need a person's attention, issues in plain words, personal data masked, and the value the other figures
imply where a sum does not add up (the operator takes it with one key)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from backoffice.document import Document, Field, Issue, value_to_json
from backoffice.masking import SENSITIVE_FIELDS, mask

HEADER_ORDER = {
    "invoice": ["vendor_name", "vendor_id", "vendor_tax_id", "invoice_number", "invoice_date", "due_date",
                "po_number", "currency", "subtotal", "tax_amount", "total_amount"],
    "payroll": ["employer_name", "pay_period_start", "pay_period_end", "pay_date", "total_gross",
                "total_deductions", "total_net"],
    "w9": ["name", "business_name", "tax_classification", "address", "city_state_zip", "ssn", "ein",
           "signature_date"],
    "direct_deposit": ["employee_name", "employee_id", "bank_name", "routing_number", "account_number",
                       "account_type", "signature_present", "signature_date"],
}
KIND_NAMES = {"invoice": "an invoice", "payroll": "a payroll register", "w9": "a W-9",
              "direct_deposit": "a direct deposit form"}
TABLE_COLUMNS = {
    "line_items": ["description", "quantity", "unit_price", "amount"],
    "employees": ["employee_id", "employee_name", "regular_hours", "overtime_hours", "hourly_rate", "gross_pay",
                  "deductions", "net_pay"],
}
ACRONYMS = {"id": "ID", "po": "PO", "ssn": "SSN", "ein": "EIN", "tin": "TIN"}
HEADLINES = {  # the first words an operator reads about an issue; the message says the figures
    "invoice.total_mismatch": "The total does not add up",
    "invoice.subtotal_mismatch": "The line amounts do not add up to the subtotal",
    "invoice.line_amount_mismatch": "A line amount is not quantity times price",
    "payroll.gross_mismatch": "Gross pay is not hours times rate",
    "payroll.net_mismatch": "Net pay is not gross minus deductions",
    "payroll.totals_mismatch": "The employee rows do not add up to the totals row",
    "field.low_confidence": "Check these values against the page: they were hard to read",
    "field.unread": "A printed value could not be read",
    "field.missing": "A required value is missing",
    "field.invalid": "A value is not valid",
    "direct_deposit.bank_account_changed": "The bank account differs from the one on file: a supervisor approves too",
    "doc.duplicate": "This file was already processed",
    "invoice.duplicate": "This invoice was already received",
    "vendor.unknown": "The vendor is not in the client's vendor list",
}
CELL = re.compile(r"^(?P<table>\w+)\[(?P<row>\d+)\]\.(?P<column>\w+)$")
CELL_ROW_BASE = 1
CENT = Decimal("0.01")  # "line_items[1].amount" is the first row, as validators name cells in issues


@dataclass
class FieldView:
    key: str  # "total_amount", or "line_items[2].amount" for a cell
    label: str
    value: str  # as shown: masked when personal data
    kind: str  # money | date | bool | text
    confidence: float
    page: int | None
    box: tuple[float, float, float, float] | None
    sensitive: bool = False
    attention: bool = False  # named by an issue: Tab/Enter stops here
    low: bool = False  # read with low confidence
    suggestion: str | None = None  # what the other figures say it should be


@dataclass
class IssueView:
    code: str
    severity: str
    headline: str
    message: str
    fields: list[str]  # keys
    labels: list[str]


@dataclass
class DocumentView:
    header: list[FieldView]
    tables: dict[str, list[list[FieldView]]]
    columns: dict[str, list[str]]
    issues: list[IssueView]
    errors: int  # issues of severity error still open
    first_focus: str | None
    cells: dict[str, FieldView] = field(default_factory=dict)  # every field and cell by key


def label_of(key: str) -> str:
    match = CELL.match(key)
    if match:
        table = "line" if match["table"] == "line_items" else "employee"
        return f"{table.capitalize()} {match['row']} {label_of(match['column']).lower()}"
    words = [ACRONYMS.get(w, w) for w in key.split("_")]
    text = " ".join(words)
    return text[0].upper() + text[1:] if text else key


def cell_key(table: str, row: int, column: str) -> str:
    return f"{table}[{row + CELL_ROW_BASE}].{column}"


def store_key(key: str) -> str:
    """The key models.store.apply_edits takes: it counts rows from 0 as stored, validators (and this view) from 1."""
    match = CELL.match(key)
    return f"{match['table']}[{int(match['row']) - CELL_ROW_BASE}].{match['column']}" if match else key


def view_key(key: str) -> str:
    match = CELL.match(key)
    return f"{match['table']}[{int(match['row']) + CELL_ROW_BASE}].{match['column']}" if match else key


def build(doc: Document) -> DocumentView:
    suggestions = suggest(doc)
    named = {name for issue in doc.issues for name in issue.fields}
    low = {name for issue in doc.issues if issue.code == "field.low_confidence" for name in issue.fields}
    cells: dict[str, FieldView] = {}

    def view(key: str, name: str, f: Field) -> FieldView:
        text = value_to_json(f.value)
        shown = "" if text is None else ("yes" if text is True else "no" if text is False else str(text))
        fv = FieldView(key=key, label=label_of(key), value=shown, kind=_kind(f), confidence=round(f.confidence, 2),
                       page=f.page, box=tuple(f.box) if f.box else None, sensitive=name in SENSITIVE_FIELDS,
                       attention=key in named, low=key in low, suggestion=suggestions.get(key))
        if fv.sensitive and shown:
            fv.value = mask(shown)
        cells[key] = fv
        return fv

    order = HEADER_ORDER.get(doc.form_type or doc.doc_type, [])
    names = [n for n in order if n in doc.fields] + sorted(n for n in doc.fields if n not in order)
    header = [view(n, n, doc.fields[n]) for n in names]
    tables, columns = {}, {}
    for table, rows in doc.tables.items():
        known = TABLE_COLUMNS.get(table, [])
        cols = [c for c in known if any(c in r for r in rows)] + sorted({c for r in rows for c in r} - set(known))
        columns[table] = cols
        tables[table] = [[view(cell_key(table, i, c), c, r[c]) if c in r else _empty(cell_key(table, i, c), c, cells)
                          for c in cols] for i, r in enumerate(rows)]
    issues = [_issue_view(i) for i in sorted(doc.issues, key=lambda i: i.severity != "error")]  # errors first
    ordered = [fv.key for fv in header] + [fv.key for rows in tables.values() for row in rows for fv in row]
    attention = [k for k in ordered if cells[k].attention]
    first = next((k for k in attention if cells[k].suggestion), attention[0] if attention else None)
    return DocumentView(header=header, tables=tables, columns=columns, issues=issues,
                        errors=sum(1 for i in doc.issues if i.severity == "error"), first_focus=first, cells=cells)


def _empty(key: str, name: str, cells: dict[str, FieldView]) -> FieldView:
    fv = FieldView(key=key, label=label_of(key), value="", kind="text", confidence=0.0, page=None, box=None,
                   sensitive=name in SENSITIVE_FIELDS)
    cells[key] = fv
    return fv


def _kind(f: Field) -> str:
    if isinstance(f.value, bool):
        return "bool"
    if isinstance(f.value, Decimal):
        return "money"
    return "date" if hasattr(f.value, "isoformat") else "text"


def _issue_view(issue: Issue) -> IssueView:
    return IssueView(code=issue.code, severity=issue.severity, headline=HEADLINES.get(issue.code, issue.code),
                     message=issue.message, fields=list(issue.fields), labels=[label_of(k) for k in issue.fields])


def _money(f: Field | None) -> Decimal | None:
    return f.value if f is not None and isinstance(f.value, Decimal) else None


def suggest(doc: Document) -> dict[str, str]:
    """For sums that do not add up, the value the other figures imply, keyed by the field to correct.

    Only a hint for the operator (taken with '='); validators/arithmetic.py remains the judge."""
    codes = {i.code for i in doc.issues}
    out: dict[str, str] = {}
    fields = doc.fields
    if doc.doc_type == "invoice":
        rows = doc.tables.get("line_items", [])
        for i, row in enumerate(rows):
            q, p = _money(row.get("quantity")), _money(row.get("unit_price"))
            if "invoice.line_amount_mismatch" in codes and q is not None and p is not None:
                out[cell_key("line_items", i, "amount")] = format((q * p).quantize(CENT), "f")
        amounts = [_money(r.get("amount")) for r in rows]
        line_sum = sum(amounts, Decimal(0)) if rows and all(a is not None for a in amounts) else None
        subtotal, tax = _money(fields.get("subtotal")), _money(fields.get("tax_amount"))
        if "invoice.subtotal_mismatch" in codes and line_sum is not None:
            out["subtotal"] = format(line_sum, "f")
        base = subtotal if subtotal is not None and "invoice.subtotal_mismatch" not in codes else line_sum
        if "invoice.total_mismatch" in codes and base is not None:
            out["total_amount"] = format(base + (tax or Decimal(0)), "f")
    elif doc.doc_type == "payroll":
        rows = doc.tables.get("employees", [])
        if "payroll.net_mismatch" in codes:
            for i, row in enumerate(rows):
                gross, ded = _money(row.get("gross_pay")), _money(row.get("deductions"))
                if gross is not None and ded is not None:
                    out[cell_key("employees", i, "net_pay")] = format(gross - ded, "f")
        if "payroll.totals_mismatch" in codes:
            for column, total in (("gross_pay", "total_gross"), ("deductions", "total_deductions"),
                                  ("net_pay", "total_net")):
                values = [_money(r.get(column)) for r in rows]
                if rows and all(v is not None for v in values):
                    out[total] = format(sum(values, Decimal(0)), "f")
    named = {name for issue in doc.issues for name in issue.fields}
    # Only where a value differs from what is printed, and only for fields an issue names.
    return {k: v for k, v in out.items() if k in named and plain_value(doc, k) != v}


def plain_value(doc: Document, key: str) -> str | None:
    """A field's or cell's value in its contract form, unmasked."""
    match = CELL.match(key)
    if match:
        rows = doc.tables.get(match["table"], [])
        index = int(match["row"]) - CELL_ROW_BASE
        f = rows[index].get(match["column"]) if 0 <= index < len(rows) else None
    else:
        f = doc.fields.get(key)
    return None if f is None else str(value_to_json(f.value))
