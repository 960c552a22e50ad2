"""Masking personal data (TINs, SSNs, bank accounts) for messages, logs and artifacts: last four digits at most."""

from __future__ import annotations

import re
from collections.abc import Iterable

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


def scrub(text: str, secrets: Iterable[str]) -> str:
    """`text` with every whole occurrence of a secret masked, also when printed with separators
    ('12-3456789', '123 45 6789'). A guard behind mask(), not a replacement for it."""
    for secret in secrets:
        compact = re.sub(r"[\s-]", "", secret)
        if len(compact) <= 4:
            continue  # four characters or fewer are no more than the last four digits
        pattern = r"[\s-]?".join(re.escape(c) for c in compact)
        text = re.sub(rf"(?<![0-9A-Za-z]){pattern}(?![0-9A-Za-z])", mask(compact), text)
    return text
