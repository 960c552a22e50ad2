"""Values between their three forms: typed (Decimal, date, bool, str), stored (contract text plus a kind), and typed in
by an operator ("1.234,56", "4 March 2026", "yes"), which is parsed with the extractors' own parsers."""

from __future__ import annotations

import numbers
import re
from datetime import date
from decimal import Decimal
from typing import Any

from backoffice.document import Value
from backoffice.errors import BackofficeError
from backoffice.masking import shown
from extractors.classify import fold
from extractors.values import find_dates, parse_money
from validators.completeness import CHOICES, DATE_FIELDS, MONEY_FIELDS, NUMBER_COLUMNS

COUNT_COLUMNS = frozenset({"quantity", "regular_hours", "overtime_hours"})
MONEY_NAMES = frozenset(MONEY_FIELDS | NUMBER_COLUMNS) - COUNT_COLUMNS
BOOL_FIELDS = frozenset({"signature_present"})
DIGIT_FIELDS = frozenset({"ssn", "ein", "tin", "routing_number", "account_number"})  # the contract keeps digits only
_YES = {"true", "yes", "y", "1", "x", "checked", "ja", "on"}
_NO = {"false", "no", "n", "0", "unchecked", "nein", "off"}


class EditError(BackofficeError, ValueError):
    """Values an operator typed that cannot be used; `problems` maps each field to what to type instead."""

    exit_code = 2

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__("; ".join(f"{name}: {problem}" for name, problem in problems.items()),
                         hint="nothing was saved; correct these and save again")


class Unparsed(ValueError):
    """One value that does not parse; the text says what form is expected (personal data masked)."""


def kind_of(name: str, value: Value) -> str:
    """How a stored value turns back into its type: text | money | number | date | bool."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, date):
        return "date"
    if isinstance(value, Decimal):
        return "money" if name in MONEY_NAMES else "number"
    if value is None:
        return expected_kind(name)
    return "text"


def expected_kind(name: str) -> str:
    """The kind the contract gives a field or column of this name."""
    if name in MONEY_NAMES:
        return "money"
    if name in COUNT_COLUMNS:
        return "number"
    if name in DATE_FIELDS:
        return "date"
    if name in BOOL_FIELDS:
        return "bool"
    return "text"


def to_stored(value: Value) -> str | None:
    """The contract's text form: plain decimals, ISO dates, 'true'/'false'."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def from_stored(text: str | None, kind: str) -> Value:
    if text is None:
        return None
    if kind in ("money", "number"):
        return Decimal(text)
    if kind == "date":
        return date.fromisoformat(text)
    if kind == "bool":
        return text == "true"
    return text


def json_safe(data: Any) -> Any:
    """Extractor evidence as JSON: Decimal and date as their contract text, tuples and sets as lists."""
    if isinstance(data, dict):
        return {str(k): json_safe(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [json_safe(v) for v in data]
    if isinstance(data, (set, frozenset)):
        return sorted(json_safe(v) for v in data)
    if isinstance(data, (Decimal, date)):
        return to_stored(data)
    if isinstance(data, numbers.Integral) and not isinstance(data, bool):
        return int(data)  # numpy's too
    if isinstance(data, numbers.Real) and not isinstance(data, bool):
        return float(data)
    return data


def parse_typed(name: str, text: str, kind: str) -> Value:
    """What an operator typed into the field `name`, as a typed value; raises Unparsed saying the form expected."""
    text = " ".join(text.split())
    if kind in ("money", "number"):
        return _amount(text)
    if kind == "date":
        return _day(text)
    if kind == "bool":
        folded = fold(text)
        if folded in _YES or folded in _NO:
            return folded in _YES
        raise Unparsed(f"{text!r} is not yes or no: type yes or no")
    if name in DIGIT_FIELDS:
        digits = re.sub(r"[\s-]", "", text)
        if not digits.isdigit():
            raise Unparsed(f"{shown(name, text)!r} is not a number: type the digits only, e.g. 123456789")
        return digits
    if name == "currency":
        if not re.fullmatch(r"[A-Za-z]{3}", text):
            raise Unparsed(f"{text!r} is not a currency code: type three letters, e.g. USD or EUR")
        return text.upper()
    if name in CHOICES:
        choice = fold(text).replace(" ", "_").replace("-", "_")
        if choice not in CHOICES[name]:
            raise Unparsed(f"{text!r} is not one of {', '.join(sorted(CHOICES[name]))}")
        return choice
    return text


def _amount(text: str) -> Decimal:
    money = parse_money(text)
    if money is None:
        raise Unparsed(f"{text!r} is not an amount: type it like 1234.56, 1,234.56 or 1.234,56")
    if not money.clean:
        raise Unparsed(f"{text!r} can be read two ways: type the decimals too, e.g. 1,234.00 or 1.234,00")
    return money.amount


def _day(text: str) -> date:
    folded = fold(text)
    hits = find_dates(folded)
    rest = folded[:hits[0].start] + folded[hits[0].end:] if len(hits) == 1 else folded
    if len(hits) != 1 or re.sub(r"[\s,.]", "", rest):
        raise Unparsed(f"{text!r} is not a date: type it like 2026-03-04, 04.03.2026 or 4 March 2026")
    hit = hits[0]
    if hit.ambiguous:
        other = date(hit.value.year, hit.value.day, hit.value.month)
        raise Unparsed(f"{text!r} can be {hit.value:%d %B %Y} or {other:%d %B %Y}: "
                       f"type it as year-month-day, e.g. {hit.value.isoformat()}")
    return hit.value
