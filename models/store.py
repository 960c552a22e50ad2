"""Documents in the database: save what the pipeline made of a file, load it back typed, apply an operator's edits.

Every function takes the caller's session and never commits: the caller's transaction decides (the flows'
`session_scope`, the workbench's request). A document is written in a handful of statements whatever its
size (values, issues and audit go in as one batch each), never one query per field.
"""

from __future__ import annotations

import hashlib
import logging
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, SQLModel, col, delete, select

from backoffice.document import Document, Field, Issue, Page
from backoffice.errors import BackofficeError, ConfigError
from backoffice.masking import SENSITIVE_FIELDS, mask
from models.tables import (
    NEEDS_REVIEW,
    POSTED,
    QUARANTINED,
    REJECTED,
    AuditEvent,
    Client,
    DocumentRecord,
    ExtractedValue,
    IssueRecord,
    MasterDataFile,
    ReviewTask,
    utcnow,
)
from models.typed import EditError, Unparsed, expected_kind, from_stored, json_safe, kind_of, parse_typed, to_stored
from validators import MasterData, RulePack, SeenDocuments, invoice_key, load_master_data, load_rules, validate
from validators.codes import VALIDATOR_CODES
from validators.rules import COLUMNS, DERIVED_FIELDS, FIELDS

log = logging.getLogger(__name__)

RULES_FILE = "rules.toml"  # a client's rule pack, stored beside its master-data files
SECOND_APPROVAL_CODES = frozenset({"direct_deposit.bank_account_changed"})
_SENSITIVE = SENSITIVE_FIELDS | {"tin"}


class DocumentNotFound(BackofficeError):
    exit_code = 2


# --- saving what the pipeline made of a file -------------------------------------------------------------------

def save_result(session: Session, doc: Document, *, client_id: str, source: str,
                blob_uri: str | None) -> DocumentRecord:
    """The document with its values, issues, review task (when it needs review) and an audit event.

    The same bytes for the same client are one document: saving them again returns the record already there,
    untouched (a re-run after a crash must not overwrite what operators did since). `vendor_key` and
    `invoice_number` on the record are validators.invoice_key's comparable forms ("id:V-1002", "INV0999"),
    for duplicate checks; the invoice number as printed is the invoice_number value."""
    existing = session.exec(select(DocumentRecord).where(
        DocumentRecord.client_id == client_id, DocumentRecord.sha256 == doc.sha256)).first()
    if existing is not None:
        return existing
    if session.get(Client, client_id) is None:
        session.add(Client(id=client_id, name=client_id))
    key = invoice_key(doc)
    record = DocumentRecord(
        client_id=client_id, sha256=doc.sha256, source=source, blob_uri=blob_uri, media_type=doc.media_type,
        size=doc.size, pages=len(doc.pages), text_source=doc.text_source, doc_type=doc.doc_type,
        form_type=doc.form_type, type_confidence=float(doc.type_confidence), route=doc.status, status=doc.status,
        vendor_key=key[0] if key else None, invoice_number=key[1] if key else None,
        evidence=json_safe(doc.evidence),
        page_sizes=[[float(p.width), float(p.height), p.text_source, p.rotation, round(p.skew, 3)] for p in doc.pages],
        timings_ms={stage: round(float(ms), 1) for stage, ms in doc.timings_ms.items()},
    )
    session.add(record)
    session.flush()  # the document's id, for the rows below
    _insert_values(session, _value_rows(record.id, doc))
    rows: list[SQLModel] = list(_issue_rows(record.id, doc.issues))
    if doc.status == NEEDS_REVIEW:
        rows.append(ReviewTask(document_id=record.id, client_id=client_id, created_at=record.created_at,
                               **_review_facts(doc.issues)))
    codes = ", ".join(i.code for i in doc.issues) or "none"
    rows.append(AuditEvent(actor="pipeline:process", action="processed", document_id=record.id,
                           detail=f"{doc.form_type or doc.doc_type} routed {doc.status}; issues: {codes}"))
    _insert_all(session, rows)
    return record


def _insert_all(session: Session, rows: Iterable[SQLModel]) -> None:
    """One INSERT (an executemany) per table however many rows: no ids are read back, so none is a round trip."""
    by_table: dict[type[SQLModel], list[dict[str, object]]] = {}
    for row in rows:
        by_table.setdefault(type(row), []).append(row.model_dump(exclude={"id"}))
    for table, values in by_table.items():
        session.execute(insert(table), values)


def _insert_values(session: Session, rows: Iterable[dict[str, object]]) -> None:
    """A document's values in one INSERT (an executemany), as plain column dicts: a document has dozens of them,
    and building an ExtractedValue object for each cost more than the insert itself (about 0.1 ms a value)."""
    values = list(rows)
    if values:
        session.execute(insert(ExtractedValue), values)


def _value_columns(document_id: int, table: str | None, row: int | None, name: str, f: Field) -> dict[str, object]:
    """Every column of an ExtractedValue but its id."""
    # float(): extractors may hand numpy floats, which database drivers do not take.
    box = [float(c) for c in f.box] if f.box else [None] * 4
    return dict(document_id=document_id, table=table, row=row, name=name, value=to_stored(f.value),
                kind=kind_of(name, f.value), confidence=float(f.confidence), page=f.page,
                x0=box[0], y0=box[1], x1=box[2], y1=box[3], raw=f.raw, extracted_value=None, corrected_by=None)


def _value_row(document_id: int, table: str | None, row: int | None, name: str, f: Field) -> ExtractedValue:
    return ExtractedValue(**_value_columns(document_id, table, row, name, f))


def _value_rows(document_id: int, doc: Document) -> Iterable[dict[str, object]]:
    for name, f in doc.fields.items():
        yield _value_columns(document_id, None, None, name, f)
    for table, rows in doc.tables.items():
        for i, cells in enumerate(rows):
            for name, f in cells.items():
                yield _value_columns(document_id, table, i, name, f)


def _issue_rows(document_id: int, issues: list[Issue]) -> list[IssueRecord]:
    return [IssueRecord(document_id=document_id, code=i.code, severity=i.severity, message=i.message,
                        fields=list(i.fields)) for i in issues]


def _review_facts(issues: list[Issue]) -> dict[str, object]:
    """Codes, priority (documents with errors before those with only warnings) and whether two must approve."""
    return {"codes": [i.code for i in issues],
            "priority": 1 if any(i.severity == "error" for i in issues) else 0,
            "needs_second_approval": any(i.code in SECOND_APPROVAL_CODES for i in issues)}


# --- loading it back -------------------------------------------------------------------------------------------

def _page(number: int, size: list) -> Page:
    """A page as stored: [width, height, text source, rotation, skew] (older rows stop after the text source)."""
    width, height, text_source, rotation, skew = (list(size) + ["none", 0, 0.0])[:5]
    return Page(number=number, width=width, height=height, text_source=text_source, rotation=int(rotation),
                skew=float(skew))


def load_document(session: Session, document_id: int) -> Document:
    """The Document as the pipeline left it (plus operators' edits): typed values, tables, issues, evidence, and
    pages with their sizes (no words), so validators can run on it again."""
    record = _record(session, document_id)
    return _document(record, _values(session, document_id), _issues(session, document_id))


def _record(session: Session, document_id: int) -> DocumentRecord:
    record = session.get(DocumentRecord, document_id)
    if record is None:
        raise DocumentNotFound(f"there is no document {document_id}",
                               hint="`backoffice status` lists documents by id")
    return record


def _values(session: Session, document_id: int) -> list[ExtractedValue]:
    return list(session.exec(select(ExtractedValue).where(ExtractedValue.document_id == document_id)
                             .order_by(col(ExtractedValue.id))))


def _issues(session: Session, document_id: int) -> list[IssueRecord]:
    return list(session.exec(select(IssueRecord).where(IssueRecord.document_id == document_id)
                             .order_by(col(IssueRecord.id))))


def _field(v: ExtractedValue) -> Field:
    box = (v.x0, v.y0, v.x1, v.y1) if v.x0 is not None else None
    return Field(value=from_stored(v.value, v.kind), confidence=v.confidence, page=v.page, box=box, raw=v.raw)


def _cleared(v: ExtractedValue) -> bool:
    """An operator emptied it: the document no longer has the field (the pipeline's reading stays in the row)."""
    return v.value is None and v.corrected_by is not None


def _document(record: DocumentRecord, values: list[ExtractedValue], issues: list[IssueRecord]) -> Document:
    doc = Document(
        source=record.source, sha256=record.sha256, size=record.size, media_type=record.media_type,
        client=record.client_id, doc_type=record.doc_type, form_type=record.form_type,
        type_confidence=record.type_confidence, status=record.route, evidence=dict(record.evidence),
        timings_ms=dict(record.timings_ms),
        pages=[_page(i, size) for i, size in enumerate(record.page_sizes, start=1)],
        issues=[Issue(code=i.code, message=i.message, severity=i.severity, fields=list(i.fields)) for i in issues],
    )
    tables: dict[str, dict[int, dict[str, Field]]] = {}
    for v in values:
        if _cleared(v):
            continue
        if v.table is None:
            doc.fields[v.name] = _field(v)
        else:
            tables.setdefault(v.table, {}).setdefault(v.row or 0, {})[v.name] = _field(v)
    doc.tables = {name: [rows[i] for i in sorted(rows)] for name, rows in tables.items()}
    return doc


# --- operators' edits ------------------------------------------------------------------------------------------

_HEADER = re.compile(r"(?P<name>[a-z_][a-z0-9_]*)")
_CELL = re.compile(r"(?P<table>[a-z_][a-z0-9_]*)\[(?P<row>\d+|\+)\](?:\.(?P<name>[a-z_][a-z0-9_]*))?")
_TICKED_EVIDENCE = {"tax_classification": "tax_classification_ticked", "account_type": "account_type_ticked"}


@dataclass(frozen=True)
class _Target:
    """Where an edit goes: a header field (table None), a cell, a whole row (name None: remove it)."""

    key: str
    table: str | None
    row: int | None  # None with a table: the new row this call adds
    name: str | None


@dataclass(frozen=True)
class _Parsed:
    text: str | None  # the contract form; None empties the field
    kind: str


def apply_edits(session: Session, document_id: int, edits: dict[str, str | None], *, actor: str) -> Document:
    """An operator's corrections, then validation again; returns the re-validated document. Status is untouched
    (approving or rejecting is the workbench's decision).

    Keys: "total_amount" (a header field), "line_items[2].amount" (a cell, rows counted from 0 as stored),
    "line_items[+].amount" (a cell of one new row added at the end; every "[+]" key of a call fills the same row),
    "line_items[2]" with None (remove that row; later rows move up). A value of None or "" empties the field.
    Values are parsed as typed ("1.234,56", "4 March 2026", "yes"); if any key or value cannot be used, one
    EditError names each and what to type instead, and nothing is saved."""
    record = _record(session, document_id)
    if record.status == POSTED:
        raise EditError({"document": "it is already posted to the system of record; correct it there"})
    values, issues = _values(session, document_id), _issues(session, document_id)
    doc = _document(record, values, issues)
    targets, parsed = _parse_edits(edits, doc, values)
    audit = _write_values(session, record, values, targets, parsed, actor)  # keeps `values` as stored now
    doc = _document(record, values, issues)
    for name, ticked in _TICKED_EVIDENCE.items():
        if any(t.table is None and t.name == name for t in targets):
            # The operator read the form: the box they chose is the one ticked.
            record.evidence = {**record.evidence, ticked: [doc.fields[name].value] if name in doc.fields else []}
            doc.evidence = dict(record.evidence)
    _revalidate(session, record, doc, values)
    _insert_all(session, (AuditEvent(actor=actor, action="edited", document_id=document_id, **change)
                          for change in audit))
    session.flush()
    return doc


def retype(session: Session, document_id: int, doc: Document, *, actor: str) -> Document:
    """An operator's decision of what the document is: `doc`, the file read again and extracted as that type,
    replaces what the pipeline read (every value and issue), validated with the client's master data and rules as
    an edit is. Status and review task stay: the operator goes on to correct and decide. Audited."""
    record = _record(session, document_id)
    if record.status == POSTED:
        raise EditError({"document": "it is already posted to the system of record; correct it there"})
    before = record.form_type or record.doc_type
    record.doc_type, record.form_type, record.type_confidence = doc.doc_type, doc.form_type, 1.0
    record.evidence = json_safe(doc.evidence)
    doc.type_confidence = 1.0
    session.execute(delete(ExtractedValue).where(col(ExtractedValue.document_id) == document_id))
    _insert_values(session, _value_rows(document_id, doc))
    session.flush()
    values = _values(session, document_id)
    _revalidate(session, record, doc, values)
    session.add(AuditEvent(actor=actor, action="retyped", document_id=document_id,
                           old_value=before, new_value=doc.form_type or doc.doc_type,
                           detail=f"read again as {doc.form_type or doc.doc_type}: {len(doc.fields)} fields"))
    session.flush()
    return load_document(session, document_id)


def _parse_edits(edits: dict[str, str | None], doc: Document,
                 values: list[ExtractedValue]) -> tuple[list[_Target], dict[str, _Parsed]]:
    """Where each edit goes and its value in contract form; every problem at once in one EditError."""
    stored_kinds = {(v.table, v.row, v.name): v.kind for v in values}
    targets, parsed, problems = [], {}, {}
    for key, text in edits.items():
        try:
            target = _target(key, doc)
            targets.append(target)
            if target.name is None:
                if text not in (None, ""):
                    raise Unparsed("a whole row can only be removed (give it no value)")
                continue
            # The contract's kind wins over what was stored: an amount the extractor could not type was kept as text.
            kind = expected_kind(target.name)
            if kind == "text":
                kind = stored_kinds.get((target.table, target.row, target.name), "text")
            value = None if text is None or not text.strip() else parse_typed(target.name, text, kind)
            parsed[key] = _Parsed(to_stored(value), kind)
        except Unparsed as problem:
            problems[key] = str(problem)
    if problems:
        raise EditError(problems)
    return targets, parsed


def _target(key: str, doc: Document) -> _Target:
    if m := _HEADER.fullmatch(key):
        name = m["name"]
        known = FIELDS.get(doc.form_type or doc.doc_type, frozenset()) | DERIVED_FIELDS
        if name not in known and name not in doc.fields:
            raise Unparsed(f"this {doc.form_type or doc.doc_type} has no field {name!r}; "
                           f"its fields are {', '.join(sorted(known)) or 'none'}")
        return _Target(key, None, None, name)
    m = _CELL.fullmatch(key)
    if not m:
        raise Unparsed("name a field like total_amount, a cell like line_items[2].amount, "
                       "a new row's cell like line_items[+].amount, or a row like line_items[2]")
    table, name = m["table"], m["name"]
    if table not in COLUMNS:
        raise Unparsed(f"there is no table {table!r}; tables are {', '.join(sorted(COLUMNS))}")
    if name is not None and name not in COLUMNS[table]:
        raise Unparsed(f"{table} has no column {name!r}; its columns are {', '.join(sorted(COLUMNS[table]))}")
    if m["row"] == "+":
        if name is None:
            raise Unparsed(f"a new row is filled cell by cell, e.g. {table}[+].{sorted(COLUMNS[table])[0]}")
        return _Target(key, table, None, name)
    row, count = int(m["row"]), len(doc.tables.get(table, []))
    if row >= count:
        raise Unparsed(f"{table} has {count} rows (0 to {count - 1}); add one with {table}[+].<column>")
    return _Target(key, table, row, name)


def _shown(name: str | None, value: str | None) -> str | None:
    return mask(value) if value is not None and name in _SENSITIVE else value


def _write_values(session: Session, record: DocumentRecord, values: list[ExtractedValue], targets: list[_Target],
                  parsed: dict[str, _Parsed], actor: str) -> list[dict[str, str | None]]:
    """Store the parsed edits; returns the audit entries (field, old, new; personal data masked)."""
    by_place = {(v.table, v.row, v.name): v for v in values}
    audit: list[dict[str, str | None]] = []
    next_row = {t.table: 1 + max((v.row or 0 for v in values if v.table == t.table), default=-1)
                for t in targets if t.table is not None and t.row is None}
    for t in targets:
        if t.name is None:
            continue
        new = parsed[t.key]
        row = next_row[t.table] if t.table is not None and t.row is None else t.row
        stored = by_place.get((t.table, row, t.name))
        old = None if stored is None or _cleared(stored) else stored.value
        if old == new.text and (stored is None or stored.kind == new.kind):
            continue
        if stored is None:
            stored = ExtractedValue(document_id=record.id, table=t.table, row=row, name=t.name)
            session.add(stored)
            values.append(stored)
            by_place[(t.table, row, t.name)] = stored
        elif stored.corrected_by is None:
            stored.extracted_value = stored.value  # the pipeline's reading, kept once
        stored.value, stored.kind, stored.confidence, stored.corrected_by = new.text, new.kind, 1.0, actor
        field_name = t.name if t.table is None else f"{t.table}[{row}].{t.name}"
        audit.append({"field": field_name, "old_value": _shown(t.name, old), "new_value": _shown(t.name, new.text)})
    removed = sorted({(t.table, t.row) for t in targets if t.name is None}, key=lambda place: -(place[1] or 0))
    for table, row in removed:
        audit.append(_remove_row(session, values, record.id, table, row))
    record.updated_at = utcnow()
    session.flush()
    return audit


def _remove_row(session: Session, values: list[ExtractedValue], document_id: int, table: str | None,
                row: int | None) -> dict[str, str | None]:
    cells = [v for v in values if v.table == table and v.row == row]
    old = "; ".join(f"{v.name}={_shown(v.name, v.value)}" for v in cells if v.value is not None)
    for v in cells:
        session.delete(v)
        values.remove(v)
    session.flush()
    # Later rows move up one: first to negative places, then back, so that no two cells share a place at any
    # moment (the unique constraint is checked row by row, in no set order).
    later = (col(ExtractedValue.document_id) == document_id) & (col(ExtractedValue.table) == table)
    session.execute(update(ExtractedValue).where(later, col(ExtractedValue.row) > row)
                    .values(row=-col(ExtractedValue.row)).execution_options(synchronize_session=False))
    session.execute(update(ExtractedValue).where(later, col(ExtractedValue.row) < 0)
                    .values(row=-col(ExtractedValue.row) - 1).execution_options(synchronize_session=False))
    for v in values:
        if v.table == table and (v.row or 0) > (row or 0):
            set_committed_value(v, "row", (v.row or 0) - 1)  # as the database now has it, without another query
    return {"field": f"{table}[{row}]", "old_value": old or None, "new_value": None, "detail": "row removed"}


def _revalidate(session: Session, record: DocumentRecord, doc: Document, values: list[ExtractedValue]) -> None:
    """Validators on the edited document with the client's master data and rules; new issues, codes and keys."""
    master_data, rules = client_context(session, record.client_id)
    before = {name: (f.value, f.confidence) for name, f in doc.fields.items()}
    doc.issues = [i for i in doc.issues if i.code not in VALIDATOR_CODES]  # the reader's issues stay
    validate(doc, seen=DatabaseSeen(session, record.client_id), master_data=master_data, rules=rules)
    _store_header_changes(session, record.id, values, before, doc)
    session.execute(delete(IssueRecord).where(col(IssueRecord.document_id) == record.id))
    _insert_all(session, _issue_rows(record.id, doc.issues))
    task = session.exec(select(ReviewTask).where(ReviewTask.document_id == record.id)).first()
    if task is not None:
        facts = _review_facts(doc.issues)
        task.codes, task.priority = facts["codes"], facts["priority"]
        task.needs_second_approval = facts["needs_second_approval"]
        task.version += 1
    key = invoice_key(doc)
    record.vendor_key, record.invoice_number = (key[0], key[1]) if key else (None, None)


def _store_header_changes(session: Session, document_id: int, values: list[ExtractedValue],
                          before: dict[str, tuple[object, float]], doc: Document) -> None:
    """What validation itself changed in the header (reconciliation carries vendor_id, confirms a name)."""
    stored = {v.name: v for v in values if v.table is None}
    for name, f in doc.fields.items():
        if before.get(name) == (f.value, f.confidence) and name in stored:
            continue
        row = _value_row(document_id, None, None, name, f)
        if name in stored:
            v = stored[name]
            v.value, v.kind, v.confidence, v.page, v.raw = row.value, row.kind, row.confidence, row.page, row.raw
            v.x0, v.y0, v.x1, v.y1 = row.x0, row.y0, row.x1, row.y1
        else:
            session.add(row)
    for name in DERIVED_FIELDS:
        if name in stored and name not in doc.fields:
            session.delete(stored[name])


# --- the client's master data and rules ------------------------------------------------------------------------

_context_cache: dict[tuple[str, tuple[tuple[str, str], ...]], tuple[MasterData | None, RulePack]] = {}


def client_context(session: Session, client_id: str) -> tuple[MasterData | None, RulePack]:
    """The client's master data (None when none is loaded) and rule pack, as stored by store_master_data.
    Cached by the files' sha256, so asking again costs one small query."""
    stamps = tuple(session.exec(select(MasterDataFile.name, MasterDataFile.sha256)
                                .where(MasterDataFile.client_id == client_id).order_by(MasterDataFile.name)))
    cache_key = (client_id, tuple((name, sha) for name, sha in stamps))
    if cache_key not in _context_cache:
        files = {row.name: row.content for row in session.exec(
            select(MasterDataFile).where(MasterDataFile.client_id == client_id))}
        _context_cache[cache_key] = _load_context(client_id, files, where=f"master data of client {client_id}")
    return _context_cache[cache_key]


def _load_context(client_id: str, files: dict[str, bytes], *, where: str) -> tuple[MasterData | None, RulePack]:
    """Master data and rules from file contents, through the same loaders as a folder on disk."""
    with tempfile.TemporaryDirectory(prefix="backoffice-md-") as tmp:
        folder = Path(tmp) / client_id
        folder.mkdir()
        for name, content in files.items():
            (folder / Path(name).name).write_bytes(content)
        try:
            rules = load_rules(folder / RULES_FILE if RULES_FILE in files else None)
            data_files = set(files) - {RULES_FILE}
            master_data = load_master_data(folder) if data_files else None
        except ConfigError as problem:
            # Name the files as the user knows them, not the temporary folder they were checked in.
            raise ConfigError(problem.message.replace(str(folder), where),
                              hint=problem.hint.replace(str(folder), where) if problem.hint else None) from None
    return master_data, rules


def store_master_data(session: Session, client_id: str, files: dict[str, bytes], source: str) -> bool:
    """Store a client's master-data files (and rules.toml); returns whether anything changed. The files, with
    those already stored, must load: a bad file is a ConfigError naming it and nothing is stored."""
    if session.get(Client, client_id) is None:
        session.add(Client(id=client_id, name=client_id))
        session.flush()
    stored = {row.name: row for row in session.exec(
        select(MasterDataFile).where(MasterDataFile.client_id == client_id))}
    digests = {name: hashlib.sha256(content).hexdigest() for name, content in files.items()}
    changed = {name for name in files if name not in stored or stored[name].sha256 != digests[name]}
    if not changed:
        return False
    merged = {name: row.content for name, row in stored.items()} | files
    _load_context(client_id, merged, where=source.rstrip("/"))
    for name in sorted(changed):
        row = stored.get(name) or MasterDataFile(client_id=client_id, name=name, source="", sha256="", content=b"")
        row.source, row.sha256, row.content = f"{source.rstrip('/')}/{name}", digests[name], files[name]
        row.loaded_at = utcnow()
        session.add(row)
    session.flush()
    log.info("master data of %s: %s changed", client_id, ", ".join(sorted(changed)))
    return True


# --- duplicates across runs -------------------------------------------------------------------------------------

class DatabaseSeen(SeenDocuments):
    """Duplicate checks that also look at the client's earlier documents in the database: the same vendor and
    invoice number as a document not rejected is invoice.duplicate. The same bytes are one document (ingestion
    keeps them as one), so by_sha256 covers only the current batch."""

    def __init__(self, session: Session, client_id: str):
        super().__init__()
        self.session = session
        self.client_id = client_id

    def check_invoice(self, doc: Document) -> Issue | None:
        key = invoice_key(doc)
        if key is not None and key not in self.by_invoice:
            earlier = self.session.exec(
                select(DocumentRecord.source).where(
                    DocumentRecord.client_id == self.client_id, DocumentRecord.vendor_key == key[0],
                    DocumentRecord.invoice_number == key[1], DocumentRecord.sha256 != doc.sha256,
                    col(DocumentRecord.status).not_in([REJECTED, QUARANTINED]))
                .order_by(col(DocumentRecord.id)).limit(1)).first()
            if earlier is not None:
                self.by_invoice[key] = earlier
        return super().check_invoice(doc)
