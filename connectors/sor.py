"""A system of record in an SQL database of its own (BACKOFFICE_SOR_URL): AP invoices, payroll, vendor tax profiles
and employee bank accounts, with the idempotency key of every posting stored in the same transaction.

It stands in for a client's ERP or payroll system and behaves like one would: its own tables, created on
first use, money as exact decimals, identifiers as the ERP keeps them (in full: the SoR is where TINs and
account numbers belong; they are never logged here).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    insert,
    select,
)
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.types import TypeDecorator

from backoffice.document import Document
from connectors.base import PostingError
from models.db import engine_for, sqlite_url

log = logging.getLogger(__name__)


class ExactDecimal(TypeDecorator):
    """NUMERIC where the database has it; exact decimal text on SQLite, which would round through float."""

    impl = Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect: Any) -> Any:
        return dialect.type_descriptor(String(40) if dialect.name == "sqlite" else Numeric())

    def process_bind_param(self, value: Decimal | None, dialect: Any) -> Any:
        if value is None:
            return None
        return format(value, "f") if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        return None if value is None else Decimal(str(value))


metadata = MetaData()


def _posted_at() -> Column:
    return Column("posted_at", DateTime(timezone=True), nullable=False)


def _posted_record(name: str, *columns: Column) -> Table:
    """A table of things posted: an id, the client, the columns, and which file and when it came from."""
    return Table(name, metadata, Column("id", Integer, primary_key=True),
                 Column("client_id", String(64), nullable=False, index=True), *columns,
                 Column("source_sha256", String(64), nullable=False), _posted_at())


posted_keys = Table(
    "posted_keys", metadata,
    Column("idempotency_key", String(200), primary_key=True),  # unique: a second post of a key cannot commit
    Column("external_id", String(64), nullable=False),
    Column("client_id", String(64), nullable=False),
    _posted_at(),
)
ap_invoices = _posted_record(
    "ap_invoices",
    Column("vendor_id", String(64)),
    Column("vendor_name", String(300), nullable=False),
    Column("vendor_tax_id", String(64)),
    Column("invoice_number", String(100), nullable=False),
    Column("invoice_date", Date),
    Column("due_date", Date),
    Column("po_number", String(100)),
    Column("currency", String(3)),
    Column("subtotal", ExactDecimal),
    Column("tax_amount", ExactDecimal),
    Column("total_amount", ExactDecimal, nullable=False),
)
ap_invoice_lines = Table(
    "ap_invoice_lines", metadata,
    Column("id", Integer, primary_key=True),
    Column("invoice_id", Integer, ForeignKey("ap_invoices.id"), nullable=False, index=True),
    Column("line_no", Integer, nullable=False),
    Column("description", String(1000)),
    Column("quantity", ExactDecimal),
    Column("unit_price", ExactDecimal),
    Column("amount", ExactDecimal),
)
payroll_registers = _posted_record(
    "payroll_registers",
    Column("employer_name", String(300)),
    Column("pay_period_start", Date, nullable=False),
    Column("pay_period_end", Date, nullable=False),
    Column("pay_date", Date),
    Column("total_gross", ExactDecimal),
    Column("total_deductions", ExactDecimal),
    Column("total_net", ExactDecimal),
)
payroll_entries = Table(
    "payroll_entries", metadata,
    Column("id", Integer, primary_key=True),
    Column("register_id", Integer, ForeignKey("payroll_registers.id"), nullable=False, index=True),
    Column("line_no", Integer, nullable=False),
    Column("employee_id", String(64)),
    Column("employee_name", String(300)),
    Column("regular_hours", ExactDecimal),
    Column("overtime_hours", ExactDecimal),
    Column("hourly_rate", ExactDecimal),
    Column("gross_pay", ExactDecimal),
    Column("deductions", ExactDecimal),
    Column("net_pay", ExactDecimal),
)
vendor_tax_profiles = _posted_record(
    "vendor_tax_profiles",
    Column("vendor_id", String(64)),
    Column("name", String(300), nullable=False),
    Column("business_name", String(300)),
    Column("tax_classification", String(32)),
    Column("tin_type", String(3), nullable=False),  # ssn | ein
    Column("tin", String(9), nullable=False),
    Column("address", String(300)),
    Column("city_state_zip", String(300)),
    Column("signature_date", Date),
)
employee_bank_accounts = _posted_record(
    "employee_bank_accounts",
    Column("employee_id", String(64)),
    Column("employee_name", String(300), nullable=False),
    Column("bank_name", String(300)),
    Column("routing_number", String(9), nullable=False),
    Column("account_number", String(34), nullable=False),
    Column("account_type", String(16)),
    Column("signature_date", Date),
)


def default_sor_url() -> str:
    """BACKOFFICE_SOR_URL, or an SQLite file beside the pipeline's own database (BACKOFFICE_DATA_DIR/sor.db)."""
    return sqlite_url("BACKOFFICE_SOR_URL", "sor.db")


def _value(doc: Document, name: str, row: dict | None = None) -> Any:
    f = (row if row is not None else doc.fields).get(name)
    return None if f is None else f.value


def _required(doc: Document, *names: str) -> None:
    missing = [n for n in names if _value(doc, n) in (None, "")]
    if missing:
        raise PostingError(f"the system of record needs {', '.join(missing)} on this {doc.form_type or doc.doc_type}",
                           hint="fill them in in the workbench and approve again")


def _typed(value: Any, kind: type) -> Any:
    """A value of the column's type, or None: a text the extractor could not type is not posted as one."""
    return value if isinstance(value, kind) else None


class SqlSystemOfRecord:
    """Posts to an SQL database; idempotent by key through the unique posted_keys table."""

    name = "sor"

    def __init__(self, url: str | None = None):
        self.url = url or default_sor_url()
        self._ready = False

    def __repr__(self) -> str:
        return f"SqlSystemOfRecord({self.url.split('@')[-1]!r})"  # no password in logs

    def create_tables(self) -> None:
        """The system of record's tables, made on first use (idempotent)."""
        if self._ready:
            return
        engine = engine_for(self.url)
        try:
            metadata.create_all(engine)
        except DBAPIError:
            metadata.create_all(engine)  # another process created them at the same moment: they are there now
        self._ready = True

    def external_id(self, idempotency_key: str) -> str | None:
        """The id a key was posted as, or None when it never was."""
        self.create_tables()
        with engine_for(self.url).connect() as conn:
            return conn.execute(select(posted_keys.c.external_id)
                                .where(posted_keys.c.idempotency_key == idempotency_key)).scalar()

    def held_keys(self, idempotency_keys: list[str]) -> dict[str, str]:
        self.create_tables()
        held: dict[str, str] = {}
        with engine_for(self.url).connect() as conn:
            for start in range(0, len(idempotency_keys), 500):
                chunk = idempotency_keys[start:start + 500]
                rows = conn.execute(select(posted_keys.c.idempotency_key, posted_keys.c.external_id)
                                    .where(posted_keys.c.idempotency_key.in_(chunk))).all()
                held.update((key, external_id) for key, external_id in rows)
        return held

    def post(self, doc: Document, *, client_id: str, idempotency_key: str) -> str:
        try:
            return self._post(doc, client_id, idempotency_key)
        except DBAPIError as problem:  # the database's own errors stop here, without the row they refused
            raise PostingError(f"the system of record {self!r} failed: {type(problem.orig).__name__}",
                               hint="the next post run tries again; check BACKOFFICE_SOR_URL and that the "
                                    "database is up") from None

    def _post(self, doc: Document, client_id: str, idempotency_key: str) -> str:
        earlier = self.external_id(idempotency_key)
        if earlier is not None:
            return earlier
        writer = WRITERS.get(doc.form_type if doc.doc_type == "form" else doc.doc_type)
        if writer is None:
            raise PostingError(f"the system of record takes invoices, payroll registers, W-9s and direct deposit "
                               f"forms; this document is {doc.form_type or doc.doc_type}",
                               hint="reject it, or classify it as one of those in the workbench")
        now = datetime.now(timezone.utc)
        try:
            with engine_for(self.url).begin() as conn:
                external_id = writer(conn, doc, client_id, now)
                conn.execute(insert(posted_keys).values(idempotency_key=idempotency_key, external_id=external_id,
                                                        client_id=client_id, posted_at=now))
        except IntegrityError:
            # Posted by someone else between our look and our commit: theirs stands, ours rolled back whole.
            earlier = self.external_id(idempotency_key)
            if earlier is None:
                raise
            return earlier
        log.info("posted %s to the system of record as %s", idempotency_key, external_id)
        return external_id


def _post_invoice(conn: Connection, doc: Document, client_id: str, now: datetime) -> str:
    _required(doc, "vendor_name", "invoice_number", "total_amount")
    money = {n: _typed(_value(doc, n), Decimal) for n in ("subtotal", "tax_amount", "total_amount")}
    if money["total_amount"] is None:
        raise PostingError("the invoice total is not an amount", hint="correct it in the workbench")
    invoice_id = conn.execute(insert(ap_invoices).values(
        client_id=client_id, vendor_id=_value(doc, "vendor_id"), vendor_name=_value(doc, "vendor_name"),
        vendor_tax_id=_value(doc, "vendor_tax_id"), invoice_number=_value(doc, "invoice_number"),
        invoice_date=_typed(_value(doc, "invoice_date"), date), due_date=_typed(_value(doc, "due_date"), date),
        po_number=_value(doc, "po_number"), currency=_value(doc, "currency"), source_sha256=doc.sha256,
        posted_at=now, **money)).inserted_primary_key[0]
    lines = [{"invoice_id": invoice_id, "line_no": i, "description": _value(doc, "description", row),
              **{n: _typed(_value(doc, n, row), Decimal) for n in ("quantity", "unit_price", "amount")}}
             for i, row in enumerate(doc.tables.get("line_items", []), start=1)]
    if lines:
        conn.execute(insert(ap_invoice_lines), lines)
    return f"AP-{invoice_id}"


def _post_payroll(conn: Connection, doc: Document, client_id: str, now: datetime) -> str:
    _required(doc, "pay_period_start", "pay_period_end")
    register_id = conn.execute(insert(payroll_registers).values(
        client_id=client_id, employer_name=_value(doc, "employer_name"),
        **{n: _typed(_value(doc, n), date) for n in ("pay_period_start", "pay_period_end", "pay_date")},
        **{n: _typed(_value(doc, n), Decimal) for n in ("total_gross", "total_deductions", "total_net")},
        source_sha256=doc.sha256, posted_at=now)).inserted_primary_key[0]
    amounts = ("regular_hours", "overtime_hours", "hourly_rate", "gross_pay", "deductions", "net_pay")
    entries = [{"register_id": register_id, "line_no": i, "employee_id": _value(doc, "employee_id", row),
                "employee_name": _value(doc, "employee_name", row),
                **{n: _typed(_value(doc, n, row), Decimal) for n in amounts}}
               for i, row in enumerate(doc.tables.get("employees", []), start=1)]
    if entries:
        conn.execute(insert(payroll_entries), entries)
    return f"PR-{register_id}"


def _post_w9(conn: Connection, doc: Document, client_id: str, now: datetime) -> str:
    _required(doc, "name")
    tin_type = "ssn" if _value(doc, "ssn") else "ein"
    _required(doc, tin_type)
    profile_id = conn.execute(insert(vendor_tax_profiles).values(
        client_id=client_id, vendor_id=_value(doc, "vendor_id"), name=_value(doc, "name"),
        business_name=_value(doc, "business_name"), tax_classification=_value(doc, "tax_classification"),
        tin_type=tin_type, tin=_value(doc, tin_type), address=_value(doc, "address"),
        city_state_zip=_value(doc, "city_state_zip"), signature_date=_typed(_value(doc, "signature_date"), date),
        source_sha256=doc.sha256, posted_at=now)).inserted_primary_key[0]
    return f"VTP-{profile_id}"


def _post_direct_deposit(conn: Connection, doc: Document, client_id: str, now: datetime) -> str:
    _required(doc, "employee_name", "routing_number", "account_number")
    account_id = conn.execute(insert(employee_bank_accounts).values(
        client_id=client_id, employee_id=_value(doc, "employee_id"), employee_name=_value(doc, "employee_name"),
        bank_name=_value(doc, "bank_name"), routing_number=_value(doc, "routing_number"),
        account_number=_value(doc, "account_number"), account_type=_value(doc, "account_type"),
        signature_date=_typed(_value(doc, "signature_date"), date), source_sha256=doc.sha256,
        posted_at=now)).inserted_primary_key[0]
    return f"EBA-{account_id}"


WRITERS: dict[str, Callable[[Connection, Document, str, datetime], str]] = {
    "invoice": _post_invoice,
    "payroll": _post_payroll,
    "w9": _post_w9,
    "direct_deposit": _post_direct_deposit,
}
