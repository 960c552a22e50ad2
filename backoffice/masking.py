"""Masking personal data (TINs, SSNs, bank accounts) for messages, logs and artifacts: last four digits at most."""

from __future__ import annotations

import re

SENSITIVE_FIELDS = {"ssn", "ein", "vendor_tax_id", "routing_number", "account_number"}


def mask(value: object) -> str:
    """'123456789' -> '*****6789'; short values are masked whole."""
    text = re.sub(r"\s", "", str(value))
    if len(text) <= 4:
        return "*" * len(text)
    return "*" * (len(text) - 4) + text[-4:]


def shown(field_name: str, value: object) -> str:
    """A value as it may appear in a message: masked when the field holds personal data."""
    return mask(value) if field_name in SENSITIVE_FIELDS else str(value)
