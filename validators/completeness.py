"""Is everything there, and read surely enough to post without a person? Required fields and confidence thresholds."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from backoffice.document import Document, Issue

REQUIRED: dict[str, list[str]] = {
    "invoice": ["vendor_name", "invoice_number", "invoice_date", "currency", "total_amount"],
    "payroll": ["employer_name", "pay_period_start", "pay_period_end", "pay_date", "total_gross", "total_net"],
    "w9": ["name", "tax_classification", "address", "city_state_zip", "signature_date"],
    "direct_deposit": ["employee_name", "bank_name", "routing_number", "account_number", "account_type",
                       "signature_present", "signature_date"],
}
_THRESHOLDS_FILE = Path(__file__).with_name("thresholds.json")
_DEFAULT_THRESHOLD = 0.9


@cache
def thresholds() -> dict[str, float]:
    """Auto-approve threshold per field, chosen from bench/accuracy.py's calibration table."""
    if not _THRESHOLDS_FILE.exists():
        return {}
    return {k: float(v) for k, v in json.loads(_THRESHOLDS_FILE.read_text()).items() if not k.startswith("_")}


def threshold(field_name: str) -> float:
    return thresholds().get(field_name, thresholds().get("default", _DEFAULT_THRESHOLD))


def required_fields(doc: Document) -> list[str]:
    key = doc.form_type if doc.doc_type == "form" and doc.form_type else doc.doc_type
    required = list(REQUIRED.get(key, []))
    if key == "w9":
        required.append("ssn" if "ssn" in doc.fields else "ein")
    return required


def check_completeness(doc: Document) -> list[Issue]:
    issues: list[Issue] = []
    if doc.doc_type == "unknown":
        issues.append(Issue(
            code="doc.unknown_type",
            message="this is not recognisably an invoice, a payroll register, a W-9 or a direct deposit form; "
                    "decide what to do with it",
        ))
        return issues
    missing = [name for name in required_fields(doc) if name not in doc.fields]
    if missing:
        issues.append(Issue(code="field.missing", fields=missing,
                            message=f"could not find {', '.join(missing)} on the document; read it off the page"))
    unsure = [name for name, f in doc.fields.items() if f.confidence < threshold(name)]
    for table_name, rows in doc.tables.items():
        for i, row in enumerate(rows, start=1):
            unsure += [f"{table_name}[{i}].{col}" for col, f in row.items() if f.confidence < threshold(f"{table_name}.{col}")]
    if unsure:
        shown = ", ".join(unsure[:8]) + (f" and {len(unsure) - 8} more" if len(unsure) > 8 else "")
        issues.append(Issue(code="field.low_confidence", severity="warning", fields=unsure,
                            message=f"check {shown} against the page: read with low confidence"))
    return issues
