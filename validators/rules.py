"""Rule packs: per-client tolerances, confidence thresholds, required fields and which checks run, read from TOML.

A pack is layered: validators/default_rules.toml, then validators/thresholds.json (confidence thresholds
measured by bench/accuracy.py), then the client's file, which names only what differs. A file that
cannot be used is a ConfigError that names the file, the line and the fix, when it is loaded, never
halfway through a run.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from backoffice.errors import ConfigError
from validators.codes import is_code_or_prefix

DEFAULT_RULES_FILE = Path(__file__).with_name("default_rules.toml")
THRESHOLDS_FILE = Path(__file__).with_name("thresholds.json")

# Field names the contract (../shared/contract/README.md) gives each kind of document, and their table columns.
FIELDS: dict[str, frozenset[str]] = {
    "invoice": frozenset({"vendor_name", "vendor_tax_id", "invoice_number", "invoice_date", "due_date", "po_number",
                          "currency", "subtotal", "tax_amount", "total_amount"}),
    "payroll": frozenset({"employer_name", "pay_period_start", "pay_period_end", "pay_date", "total_gross",
                          "total_deductions", "total_net"}),
    "w9": frozenset({"name", "business_name", "tax_classification", "address", "city_state_zip", "ssn", "ein", "tin",
                     "signature_date"}),
    "direct_deposit": frozenset({"employee_name", "employee_id", "bank_name", "routing_number", "account_number",
                                 "account_type", "signature_present", "signature_date"}),
}
COLUMNS: dict[str, frozenset[str]] = {
    "line_items": frozenset({"description", "quantity", "unit_price", "amount"}),
    "employees": frozenset({"employee_id", "employee_name", "regular_hours", "overtime_hours", "hourly_rate",
                            "gross_pay", "deductions", "net_pay"}),
}
DERIVED_FIELDS = frozenset({"vendor_id"})  # added by reconciliation, not read off the page
_ALL_FIELDS = frozenset().union(*FIELDS.values()) | DERIVED_FIELDS


class _Unfit(ValueError):
    """A value of the right key that cannot be used; the text says what to write instead."""


def _amount(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise _Unfit('write an amount as a quoted decimal, e.g. "0.01"')
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise _Unfit(f'{value!r} is not an amount: write a quoted decimal, e.g. "0.01"') from None
    if not amount.is_finite() or amount < 0:
        raise _Unfit(f"{value!r} must be zero or more")
    return amount


def _days(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _Unfit(f"{value!r} must be a whole number of days, e.g. 365")
    return value


def _score(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise _Unfit(f"{value!r} must be a number from 0 to 100, e.g. 90")
    return float(value)


def _fraction(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise _Unfit(f"{value!r} must be a confidence from 0 to 1, e.g. 0.9")
    return float(value)


def _field_list(kind: str) -> Callable[[Any], tuple[str, ...]]:
    def convert(value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _Unfit('write a list of field names, e.g. ["vendor_name", "total_amount"]')
        unknown = [v for v in value if v not in FIELDS[kind]]
        if unknown:
            raise _Unfit(f"{', '.join(unknown)} is not a {kind} field; the {kind} fields are "
                         f"{', '.join(sorted(FIELDS[kind]))}")
        return tuple(value)
    return convert


def _code_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Unfit('write a list of issue codes or code prefixes, e.g. ["vendor.currency_mismatch", "po"]')
    unknown = [v for v in value if not is_code_or_prefix(v)]
    if unknown:
        raise _Unfit(f"{', '.join(unknown)} is not an issue code or a prefix of one: see docs/issue-codes.md")
    return tuple(value)


SCHEMA: dict[str, dict[str, Callable[[Any], Any]]] = {
    "arithmetic": {"cent_per_operation": _amount, "overtime_multiplier": _amount},
    "dates": {"future_days": _days},
    "master_data": {"vendor_name_score": _score, "employee_name_score": _score, "po_amount_percent": _amount,
                    "hourly_rate_tolerance": _amount, "control_totals_tolerance": _amount},
    "confidence": {},  # free keys: field names and table.column, checked in _confidence
    "required": {kind: _field_list(kind) for kind in FIELDS},
    "checks": {"disabled": _code_list, "enabled": _code_list},
}


@dataclass(frozen=True)
class RulePack:
    """What one client's documents are held to. `source` says which files made it, for messages and logs."""

    source: str
    cent_per_operation: Decimal
    overtime_multiplier: Decimal
    future_days: int
    vendor_name_score: float
    employee_name_score: float
    po_amount_percent: Decimal
    hourly_rate_tolerance: Decimal
    control_totals_tolerance: Decimal
    thresholds: Mapping[str, float]
    required: Mapping[str, tuple[str, ...]]
    disabled: tuple[str, ...] = ()
    enabled: tuple[str, ...] = ()

    def threshold(self, field_name: str) -> float:
        """Confidence a value needs to post without a person: its own threshold, else the default."""
        for key in (field_name, "default"):
            if key in self.thresholds:
                return self.thresholds[key]
        return 0.9

    def required_fields(self, kind: str) -> tuple[str, ...]:
        return self.required.get(kind, ())

    def runs(self, code: str) -> bool:
        """The longest listed prefix decides; an enabled entry beats a disabled one of the same length."""
        def longest(prefixes: tuple[str, ...]) -> int:
            return max((len(p) for p in prefixes if code == p or code.startswith(p + ".")), default=-1)
        return longest(self.enabled) >= longest(self.disabled)


def _line_of(text: str, table: str | None, key: str | None = None) -> int | None:
    """The line of `[table]`, or of `key =` inside it (tomllib keeps no positions, so look them up)."""
    current: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$", line)
        if header:
            current = header.group(1).strip("\"'")
            if key is None and current == table:
                return number
            continue
        if key is not None and current == table:
            found = re.match(r"""^\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*[.=]""", line)
            if found and next(g for g in found.groups() if g is not None) == key:
                return number
    if key is not None:  # a dotted key such as `checks.disabled = []` at the top
        for number, line in enumerate(text.splitlines(), start=1):
            if re.search(rf"(^|[.\s\"']){re.escape(key)}([\"']?\s*[.=])", line):
                return number
    return None


def _fail(path: Path, line: int | None, problem: str, fix: str) -> ConfigError:
    where = f"{path}, line {line}" if line else str(path)
    return ConfigError(f"{where}: {problem}", hint=fix)


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """`line_items.description = 0.8` arrives as a nested table; thresholds are keyed by the dotted name."""
    flat: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _confidence_key_is_known(key: str) -> bool:
    if key == "default" or key in _ALL_FIELDS:
        return True
    table, _, column = key.partition(".")
    return table in COLUMNS and column in COLUMNS[table]


def _parse(path: Path, text: str) -> dict[str, dict[str, Any]]:
    """TOML text -> {table: {key: converted value}}, or a ConfigError pointing at the line to fix."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        problem = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise _fail(path, int(at.group(1)) if at else None, f"not valid TOML: {problem}",
                    'write `key = value` lines under [table] headers; quote text, e.g. cent_per_operation = "0.01"'
                    ) from None
    parsed: dict[str, dict[str, Any]] = {}
    for table, body in data.items():
        if table not in SCHEMA:
            raise _fail(path, _line_of(text, table) or _line_of(text, None, table), f"unknown table [{table}]",
                        f"the tables are {', '.join(f'[{t}]' for t in SCHEMA)}")
        if not isinstance(body, dict):
            raise _fail(path, _line_of(text, None, table), f"{table} must be a table, not a value",
                        f"write [{table}] on a line of its own with its keys below it")
        if table == "confidence":
            parsed[table] = _confidence(path, text, body)
            continue
        allowed = SCHEMA[table]
        parsed[table] = {}
        for key, value in body.items():
            line = _line_of(text, table, key)
            if key not in allowed:
                raise _fail(path, line, f"unknown key {key!r} in [{table}]",
                            f"the keys of [{table}] are {', '.join(allowed)}")
            try:
                parsed[table][key] = allowed[key](value)
            except _Unfit as exc:
                raise _fail(path, line, f"[{table}] {key}: {exc}", "see validators/default_rules.toml for the form") from None
    return parsed


def _confidence(path: Path, text: str, body: Mapping[str, Any]) -> dict[str, float]:
    thresholds = {}
    for key, value in _flatten(body).items():
        line = _line_of(text, "confidence", key.split(".")[0]) or _line_of(text, "confidence", key)
        if not _confidence_key_is_known(key):
            raise _fail(path, line, f"unknown field {key!r} in [confidence]",
                        "use default, a field name (vendor_name) or a table column "
                        f"({', '.join(f'{t}.<column>' for t in COLUMNS)}); field names are in "
                        "../shared/contract/README.md")
        try:
            thresholds[key] = _fraction(value)
        except _Unfit as exc:
            raise _fail(path, line, f"[confidence] {key}: {exc}", "write a number from 0 to 1") from None
    return thresholds


def _measured_thresholds() -> dict[str, float]:
    if not THRESHOLDS_FILE.exists():
        return {}
    try:
        data = json.loads(THRESHOLDS_FILE.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{THRESHOLDS_FILE}, line {exc.lineno}: not valid JSON ({exc.msg})",
                          hint="regenerate it with bench/accuracy.py --thresholds-out") from None
    return {k: float(v) for k, v in data.items() if not k.startswith("_") and isinstance(v, (int, float))}


def _build(source: str, layers: list[dict[str, dict[str, Any]]]) -> RulePack:
    values: dict[str, Any] = {}
    thresholds: dict[str, float] = {}
    required: dict[str, tuple[str, ...]] = {}
    for layer in layers:
        for table, body in layer.items():
            if table == "confidence":
                thresholds.update(body)
            elif table == "required":
                required.update(body)
            else:
                values.update(body)
    return RulePack(source=source, thresholds=thresholds, required=required,
                    disabled=values.pop("disabled", ()), enabled=values.pop("enabled", ()), **values)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such rule file", hint="check the path, or leave --rules out for the defaults") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc})", hint="save it as UTF-8 text") from None


@cache
def default_rules() -> RulePack:
    """validators/default_rules.toml with the measured thresholds over it."""
    return _build(str(DEFAULT_RULES_FILE), [_parse(DEFAULT_RULES_FILE, _read(DEFAULT_RULES_FILE)),
                                            {"confidence": _measured_thresholds()}])


def load_rules(path: Path | None) -> RulePack:
    """The defaults, overridden by a client's rule file when there is one."""
    if path is None:
        return default_rules()
    client = _parse(path, _read(path))
    defaults = _parse(DEFAULT_RULES_FILE, _read(DEFAULT_RULES_FILE))
    return _build(str(path), [defaults, {"confidence": _measured_thresholds()}, client])
