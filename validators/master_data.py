"""A client's master data (vendors, purchase orders, employees, payroll control totals), loaded once per run.

One folder per client, one file per table, each a CSV (UTF-8) or an XLSX workbook (first sheet) with a
header row and one record per row. Columns marked * must be filled in on every row; every file may also
have a `notes` column, which is ignored.

    vendors             vendor_id*, name*, aliases (other names, separated by |), tax_id (EIN, VAT id ...),
                        currency (ISO 4217), bank_account_last4
    purchase_orders     po_number*, vendor_id*, amount*, open_balance*  (what is still to be invoiced)
    employees           employee_id*, name*, hourly_rate, bank_account_last4
    control_totals      pay_period_start*, pay_period_end*, headcount*, total_gross*, total_net*, employer
                        (one row per pay period, per employer when the client runs several payrolls)
    paid_invoices       vendor_id*, invoice_number*, amount, paid_on  (optional file: invoices already paid)

The first four files must exist; a client without payroll keeps employees and control_totals with the
header row alone. Cells are read as text, so identifiers keep their leading zeros (format such columns
as Text in Excel); amounts are decimals with `.` as the decimal point ("1234.50" or "1,234.50"), dates
are YYYY-MM-DD. Bank accounts are held as their last four digits only. Anything else is a ConfigError
naming the file, the row, the column and the fix, raised when the folder is loaded.
"""

from __future__ import annotations

import csv
import logging
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, process

from backoffice.errors import ConfigError
from backoffice.masking import mask

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Vendor:
    vendor_id: str
    name: str
    aliases: tuple[str, ...] = ()
    tax_id: str | None = None
    currency: str | None = None
    bank_account_last4: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class PurchaseOrder:
    po_number: str
    vendor_id: str
    amount: Decimal
    open_balance: Decimal


@dataclass(frozen=True)
class Employee:
    employee_id: str
    name: str
    hourly_rate: Decimal | None = None
    bank_account_last4: str | None = None


@dataclass(frozen=True)
class ControlTotal:
    pay_period_start: date
    pay_period_end: date
    headcount: int
    total_gross: Decimal
    total_net: Decimal
    employer: str | None = None


@dataclass(frozen=True)
class PaidInvoice:
    vendor_id: str
    invoice_number: str
    amount: Decimal | None = None
    paid_on: date | None = None


def identifier_key(text: str) -> str:
    """PO numbers, employee ids and invoice numbers compare by their letters and digits: 'INV-0999', 'inv 0999'
    and 'INV0999' are one invoice, '01106 .' and '“29-752' as a table cell may read them are 01106 and 29-752."""
    return re.sub(r"[^0-9A-Za-z]", "", text).upper()


def tax_id_key(text: str) -> str:
    """'73-6658343' and '736658343', 'GB 790 7141 29' and 'GB790714129' are the same tax id."""
    return re.sub(r"[^0-9A-Za-z]", "", text).upper()


def same_tax_id(a: str, b: str) -> bool:
    """Equal, or equal but for a VAT country prefix one of them leaves out."""
    a, b = tax_id_key(a), tax_id_key(b)
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    return len(longer) == len(shorter) + 2 and longer[:2].isalpha() and longer[2:] == shorter


# Words that say what kind of company it is, not which: "Summitline Staffing Inc." is "Summitline Staffing".
LEGAL_FORMS = frozenset({
    "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "plc", "corp", "corporation", "co", "company",
    "gmbh", "ag", "kg", "ek", "ug", "ohg", "gbr", "mbh", "sa", "sarl", "sas", "bv", "nv", "pty", "srl", "spa", "ab",
    "oy", "as", "the",
})


def comparable_name(name: str, *, person: bool = False) -> str:
    """Case, accents, punctuation, legal forms (and, for people, stray digits a table cell picked up) removed."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c)).replace(".", "")
    tokens = re.findall(r"\w+", text)
    if person:
        tokens = [t for t in tokens if not any(c.isdigit() for c in t)]
    kept = [t for t in tokens if t not in LEGAL_FORMS]
    return " ".join(kept or tokens)


def name_score(a: str, b: str, *, person: bool = False) -> float:
    """0..100; word order does not count ("Foster, Carlos" is "Carlos Foster")."""
    return fuzz.token_sort_ratio(comparable_name(a, person=person), comparable_name(b, person=person))


def names_agree_score(given: str, on_file: str) -> float:
    """How well a name read next to a known id agrees with the name on file (0..100). Words the reader
    added around it ('Hours Garcia, Jennifer') do not count against it; a different word does."""
    a, b = comparable_name(given, person=True), comparable_name(on_file, person=True)
    return max(fuzz.token_sort_ratio(a, b), fuzz.token_set_ratio(a, b) if set(b.split()) <= set(a.split()) else 0)


def _ranked(query: str, index: list[tuple[str, object]], person: bool) -> list[tuple[object, float]]:
    """Best score per record, best first (a record may have several names)."""
    if not index or not query.strip():
        return []
    found = process.extract(comparable_name(query, person=person), [n for n, _ in index],
                            scorer=fuzz.token_sort_ratio, limit=10)
    best: dict[int, tuple[object, float]] = {}
    for _, score, position in found:
        owner = index[position][1]
        if id(owner) not in best or score > best[id(owner)][1]:
            best[id(owner)] = (owner, score)
    return sorted(best.values(), key=lambda pair: -pair[1])


@dataclass(frozen=True)
class MasterData:
    """One client's records; lookups are built once, checks only read them."""

    source: str
    vendors: tuple[Vendor, ...] = ()
    purchase_orders: tuple[PurchaseOrder, ...] = ()
    employees: tuple[Employee, ...] = ()
    control_totals: tuple[ControlTotal, ...] = ()
    paid_invoices: tuple[PaidInvoice, ...] = ()
    _vendor_by_id: dict[str, Vendor] = field(init=False, repr=False, compare=False)
    _po_by_number: dict[str, PurchaseOrder] = field(init=False, repr=False, compare=False)
    _employee_by_id: dict[str, Employee] = field(init=False, repr=False, compare=False)
    _paid: dict[tuple[str, str], PaidInvoice] = field(init=False, repr=False, compare=False)
    _vendor_names: list[tuple[str, Vendor]] = field(init=False, repr=False, compare=False)
    _employee_names: list[tuple[str, Employee]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_vendor_by_id", {v.vendor_id: v for v in self.vendors})
        object.__setattr__(self, "_po_by_number", {identifier_key(p.po_number): p for p in self.purchase_orders})
        object.__setattr__(self, "_employee_by_id", {identifier_key(e.employee_id): e for e in self.employees})
        object.__setattr__(self, "_paid", {(p.vendor_id, identifier_key(p.invoice_number)): p for p in self.paid_invoices})
        object.__setattr__(self, "_vendor_names", [(comparable_name(n), v) for v in self.vendors for n in v.names])
        object.__setattr__(self, "_employee_names", [(comparable_name(e.name, person=True), e) for e in self.employees])

    def vendors_named(self, name: str) -> list[tuple[Vendor, float]]:
        """Vendors by how well `name` matches their name or an alias (0..100), best first."""
        return _ranked(name, self._vendor_names, person=False)  # type: ignore[arg-type, return-value]

    def employees_named(self, name: str) -> list[tuple[Employee, float]]:
        return _ranked(name, self._employee_names, person=True)  # type: ignore[arg-type, return-value]

    def vendor(self, vendor_id: str) -> Vendor | None:
        return self._vendor_by_id.get(vendor_id)

    def vendors_with_tax_id(self, tax_id: str) -> list[Vendor]:
        """Vendors with this tax id; only when none has it as printed, those with it but for a VAT country prefix."""
        exact = [v for v in self.vendors if v.tax_id and tax_id_key(v.tax_id) == tax_id_key(tax_id)]
        return exact or [v for v in self.vendors if v.tax_id and same_tax_id(v.tax_id, tax_id)]

    def purchase_order(self, po_number: str) -> PurchaseOrder | None:
        return self._po_by_number.get(identifier_key(po_number))

    def employee(self, employee_id: str) -> Employee | None:
        return self._employee_by_id.get(identifier_key(employee_id))

    def paid_invoice(self, vendor_id: str, invoice_number: str) -> PaidInvoice | None:
        return self._paid.get((vendor_id, identifier_key(invoice_number)))

    def control_totals_for(self, start: date, end: date) -> list[ControlTotal]:
        return [c for c in self.control_totals if c.pay_period_start == start and c.pay_period_end == end]


@dataclass(frozen=True)
class _Table:
    stem: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    must_exist: bool = True

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional


VENDORS = _Table("vendors", ("vendor_id", "name"), ("aliases", "tax_id", "currency", "bank_account_last4"))
PURCHASE_ORDERS = _Table("purchase_orders", ("po_number", "vendor_id", "amount", "open_balance"))
EMPLOYEES = _Table("employees", ("employee_id", "name"), ("hourly_rate", "bank_account_last4"))
CONTROL_TOTALS = _Table("control_totals", ("pay_period_start", "pay_period_end", "headcount", "total_gross", "total_net"),
                        ("employer",))
PAID_INVOICES = _Table("paid_invoices", ("vendor_id", "invoice_number"), ("amount", "paid_on"), must_exist=False)
TABLES = (VENDORS, PURCHASE_ORDERS, EMPLOYEES, CONTROL_TOTALS, PAID_INVOICES)
SENSITIVE_COLUMNS = {"tax_id", "bank_account_last4"}  # never echoed whole in an error message
IGNORED_COLUMNS = {"notes"}


class _Row:
    """One record with where it came from, so a bad cell can be named exactly."""

    def __init__(self, path: Path, number: int, cells: dict[str, str]):
        self.path, self.number, self.cells = path, number, cells

    @property
    def where(self) -> str:
        return f"{self.path}, {'line' if self.path.suffix == '.csv' else 'row'} {self.number}"

    def error(self, column: str, problem: str, fix: str) -> ConfigError:
        return ConfigError(f"{self.where}, column {column}: {problem}", hint=fix)

    def shown(self, column: str) -> str:
        value = self.cells.get(column, "")
        return mask(value) if column in SENSITIVE_COLUMNS else value

    def text(self, column: str) -> str | None:
        return self.cells.get(column) or None

    def required(self, column: str) -> str:
        value = self.cells.get(column, "")
        if not value:
            raise self.error(column, "is empty", f"fill in {column} on this row, or delete the row")
        return value

    def money(self, column: str) -> Decimal:
        return self._amount(column, self.required(column))

    def optional_money(self, column: str) -> Decimal | None:
        text = self.text(column)
        return None if text is None else self._amount(column, text)

    def _amount(self, column: str, text: str) -> Decimal:
        # 1234.50 or 1,234.50; a German 1.234,50 must not slip through as 1.2345
        if re.fullmatch(r"\d+(\.\d+)?|\d{1,3}(,\d{3})+(\.\d+)?", text):
            return Decimal(text.replace(",", ""))
        raise self.error(column, f"{text!r} is not an amount", "write it like 1234.50, with . as the decimal point")

    def day(self, column: str) -> date:
        return self._day(column, self.required(column))

    def optional_day(self, column: str) -> date | None:
        text = self.text(column)
        return None if text is None else self._day(column, text)

    def _day(self, column: str, text: str) -> date:
        found = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:[ T]00:00:00)?", text)  # Excel dates arrive with a time
        try:
            if found:
                return date.fromisoformat(found.group(1))
        except ValueError:
            pass
        raise self.error(column, f"{text!r} is not a date", "write it as YYYY-MM-DD, e.g. 2026-03-31")

    def count(self, column: str) -> int:
        text = self.required(column)
        if not re.fullmatch(r"\d+", text):
            raise self.error(column, f"{text!r} is not a whole number", "write the number of employees, e.g. 12")
        return int(text)

    def currency(self, column: str) -> str | None:
        text = self.text(column)
        if text is not None and not re.fullmatch(r"[A-Za-z]{3}", text):
            raise self.error(column, f"{text!r} is not a currency code", "write the ISO 4217 code, e.g. USD, EUR, GBP")
        return text.upper() if text else None

    def last4(self, column: str) -> str | None:
        text = self.text(column)
        if text is None:
            return None
        if not re.fullmatch(r"\d{4}", text):
            raise self.error(column, f"{self.shown(column)!r} is not the last four digits of an account",
                             "keep exactly the last 4 digits: master data must not hold full account numbers")
        return text


def _column_name(header: object) -> str:
    return re.sub(r"\s+", "_", str(header).strip().lower())


def _find(folder: Path, table: _Table) -> Path | None:
    found = [p for p in (folder / f"{table.stem}.csv", folder / f"{table.stem}.xlsx") if p.is_file()]
    if len(found) > 1:
        raise ConfigError(f"{folder}: both {found[0].name} and {found[1].name} exist",
                          hint=f"keep one {table.stem} file, CSV or XLSX")
    return found[0] if found else None


def _required_file(folder: Path, table: _Table) -> Path:
    path = _find(folder, table)
    if path is None:
        raise ConfigError(f"{folder / (table.stem + '.csv')}: missing",
                          hint=f"add {table.stem}.csv or {table.stem}.xlsx with the columns "
                               f"{', '.join(table.columns)} (a header row alone if the client has none)")
    return path


def _check_csv_shape(path: Path) -> None:
    """A row with more cells than the header (an unquoted 1,234.50) would shift into the wrong columns, or
    pandas would quietly take its first cell for an index: refuse it, naming the line."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        for record in reader:
            if header is not None and len(record) > len(header):
                raise ConfigError(f"{path}, line {reader.line_num}: {len(record)} cells, but the header row has "
                                  f"{len(header)} columns",
                                  hint='put quotes around a cell that holds a comma, e.g. "1,234.50", or remove the '
                                       "extra cell")


def _rows(path: Path, table: _Table) -> list[_Row]:
    try:
        if path.suffix == ".csv":
            _check_csv_shape(path)
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, skip_blank_lines=False, encoding="utf-8-sig")
        else:
            frame = pd.read_excel(path, dtype=str, keep_default_na=False, engine="openpyxl")
    except pd.errors.EmptyDataError:
        raise ConfigError(f"{path}: the file is empty", hint=f"start it with the header row {','.join(table.columns)}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text", hint="save it as CSV UTF-8, or as XLSX") from None
    except pd.errors.ParserError as exc:
        found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        if found is None:
            raise ConfigError(f"{path}: cannot be read as CSV ({str(exc).strip()})",
                              hint="save it again as CSV (comma-separated, UTF-8) or XLSX") from None
        columns, line, cells = found.groups()
        raise ConfigError(f"{path}, line {line}: {cells} cells, but the header row has {columns} columns",
                          hint='put quotes around a cell that holds a comma, e.g. "1,234.50", or remove the extra '
                               "cell") from None
    except (csv.Error, ValueError, OSError, zipfile.BadZipFile, KeyError) as exc:
        detail = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise ConfigError(f"{path}: cannot be read ({detail})",
                          hint="save it again as CSV (comma-separated, quotes around cells with commas) or XLSX") from None
    columns = [_column_name(c) for c in frame.columns]
    for name in columns:
        if name not in table.columns and name not in IGNORED_COLUMNS:
            blank = name.startswith("unnamed:")
            raise ConfigError(f"{path}, {'line' if path.suffix == '.csv' else 'row'} 1: "
                              + ("a column has no header" if blank else f"unknown column {name!r}"),
                              hint=f"the {table.stem} columns are {', '.join(table.columns)} (and notes); "
                                   "rename or remove it")
    missing = [c for c in table.required if c not in columns]
    if missing:
        raise ConfigError(f"{path}, {'line' if path.suffix == '.csv' else 'row'} 1: no column {', '.join(missing)}",
                          hint=f"add it to the header row; the {table.stem} columns are {', '.join(table.columns)}")
    rows = []
    for index, values in enumerate(frame.itertuples(index=False, name=None)):
        cells = {name: str(value).strip() for name, value in zip(columns, values) if name not in IGNORED_COLUMNS}
        if any(cells.values()):
            rows.append(_Row(path, index + 2, cells))  # the header is line (row) 1
    return rows


def _unique(row: _Row, column: str, key: object, seen: dict[object, _Row]) -> None:
    if key in seen:
        earlier = seen[key].where.rsplit(", ", 1)[-1]
        raise row.error(column, f"{row.shown(column)!r} is also on {earlier}",
                        f"each {column} may appear once; merge or delete one of the rows")
    seen[key] = row


def _vendors(path: Path) -> tuple[Vendor, ...]:
    vendors, seen = [], {}
    for row in _rows(path, VENDORS):
        vendor_id = row.required("vendor_id")
        _unique(row, "vendor_id", vendor_id, seen)
        aliases = tuple(a.strip() for a in (row.text("aliases") or "").split("|") if a.strip())
        tax_id = row.text("tax_id")
        if tax_id is not None and not re.search(r"\d", tax_id):
            raise row.error("tax_id", f"{tax_id!r} has no digits", "write the EIN or VAT id, e.g. 12-3456789 or DE123456789")
        vendors.append(Vendor(vendor_id, row.required("name"), aliases, tax_id, row.currency("currency"),
                              row.last4("bank_account_last4")))
    return tuple(vendors)


def _purchase_orders(path: Path, vendor_ids: set[str]) -> tuple[PurchaseOrder, ...]:
    orders, seen = [], {}
    for row in _rows(path, PURCHASE_ORDERS):
        number = row.required("po_number")
        _unique(row, "po_number", identifier_key(number), seen)
        vendor_id = row.required("vendor_id")
        if vendor_id not in vendor_ids:
            raise row.error("vendor_id", f"{vendor_id!r} is not in the vendors file",
                            "use a vendor_id from vendors, or add the vendor there")
        amount, balance = row.money("amount"), row.money("open_balance")
        if balance > amount:
            raise row.error("open_balance", f"{balance} is more than the PO amount {amount}",
                            "the open balance is what is left of the amount to invoice")
        orders.append(PurchaseOrder(number, vendor_id, amount, balance))
    return tuple(orders)


def _employees(path: Path) -> tuple[Employee, ...]:
    employees, seen = [], {}
    for row in _rows(path, EMPLOYEES):
        employee_id = row.required("employee_id")
        _unique(row, "employee_id", identifier_key(employee_id), seen)
        employees.append(Employee(employee_id, row.required("name"), row.optional_money("hourly_rate"),
                                  row.last4("bank_account_last4")))
    return tuple(employees)


def _control_totals(path: Path) -> tuple[ControlTotal, ...]:
    totals, seen = [], {}
    for row in _rows(path, CONTROL_TOTALS):
        start, end = row.day("pay_period_start"), row.day("pay_period_end")
        if end < start:
            raise row.error("pay_period_end", f"{end} is before the start {start}", "swap or correct the dates")
        employer = row.text("employer")
        _unique(row, "pay_period_start", (start, end, (employer or "").casefold()), seen)
        totals.append(ControlTotal(start, end, row.count("headcount"), row.money("total_gross"), row.money("total_net"),
                                   employer))
    return tuple(totals)


def _paid_invoices(path: Path, vendor_ids: set[str]) -> tuple[PaidInvoice, ...]:
    paid, seen = [], {}
    for row in _rows(path, PAID_INVOICES):
        vendor_id = row.required("vendor_id")
        if vendor_id not in vendor_ids:
            raise row.error("vendor_id", f"{vendor_id!r} is not in the vendors file",
                            "use a vendor_id from vendors, or add the vendor there")
        number = row.required("invoice_number")
        _unique(row, "invoice_number", (vendor_id, identifier_key(number)), seen)
        paid.append(PaidInvoice(vendor_id, number, row.optional_money("amount"), row.optional_day("paid_on")))
    return tuple(paid)


def load_master_data(folder: Path) -> MasterData:
    """Every table of one client's folder, checked row by row; the first problem is a ConfigError."""
    if not folder.is_dir():
        raise ConfigError(f"{folder}: no such master data folder",
                          hint="give the client's folder, which holds vendors, purchase_orders, employees and control_totals")
    files = {table.stem: _required_file(folder, table) for table in TABLES if table.must_exist}
    paid_file = _find(folder, PAID_INVOICES)
    vendors = _vendors(files["vendors"])
    vendor_ids = {v.vendor_id for v in vendors}
    data = MasterData(
        source=str(folder),
        vendors=vendors,
        purchase_orders=_purchase_orders(files["purchase_orders"], vendor_ids),
        employees=_employees(files["employees"]),
        control_totals=_control_totals(files["control_totals"]),
        paid_invoices=_paid_invoices(paid_file, vendor_ids) if paid_file else (),
    )
    log.info("master data from %s: %d vendors, %d purchase orders, %d employees, %d control totals, %d paid invoices",
             folder, len(data.vendors), len(data.purchase_orders), len(data.employees), len(data.control_totals),
             len(data.paid_invoices))
    return data
