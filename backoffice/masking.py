"""Masking personal data (TINs, SSNs, bank accounts) for messages, logs and artifacts: last four digits at most."""

from __future__ import annotations

import logging
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


# What a TIN, SSN, routing or account number looks like when nothing says which it is: an SSN (123-45-6789), an
# EIN (12-3456789), or a run of 8 to 17 digits, possibly grouped by spaces or dashes. Dates (2026-03-04), amounts
# (1,234.50) and ids with letters in them are not.
_PERSONAL_NUMBER = re.compile(
    r"(?<![\w.,/-])(?!\d{4}-\d\d-\d\d(?!\d))(?:\d{3}-\d{2}-\d{4}|\d{2}-\d{7}|\d(?:[ -]?\d){7,16})(?![\w/-]|[.,]\d)")


def mask_numbers(text: str) -> str:
    """`text` with everything shaped like a TIN, SSN or bank account number masked to its last four digits: the
    last guard on text whose values nobody named (a traceback, a third party's message)."""
    return _PERSONAL_NUMBER.sub(lambda m: mask(re.sub(r"[ -]", "", m.group())), text)


class MaskingFilter(logging.Filter):
    """Masks TIN-, SSN- and account-shaped numbers in a log record, its arguments and its traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a record whose arguments do not fit its format: leave it to the handler's own error
            return True
        record.msg, record.args = mask_numbers(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_numbers(record.exc_text)
        return True


_FILTER = MaskingFilter()


def mask_log_handlers(*logger_names: str) -> None:
    """Put the masking filter on every handler of these loggers (and the root logger's): what any code logs through
    them, Prefect's own traceback of a crashed task included, is masked before it is printed or sent. Idempotent."""
    for name in (None, *logger_names):
        for handler in logging.getLogger(name).handlers:
            if _FILTER not in handler.filters:
                handler.addFilter(_FILTER)
