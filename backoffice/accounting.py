"""Where everything is: per-client counts for `backoffice status`, the nightly reconcile and report, and postings.

Every count comes from the database with a handful of grouped queries (never one per document), and the
status counts are made so that they must add up: each source object is pending, failed, a duplicate drop, or
the first drop of a document, and each such document has exactly one status.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select

from backoffice.jobs import ACCOUNTED, MANIFEST, MISSING, SHA_MISMATCH, UNLISTED, InboxListing
from backoffice.settings import PipelineSettings
from connectors.base import Connector
from models import (DocumentRecord, ExtractedValue, IssueRecord, ManifestProblem, Posting, ReviewTask, RunRecord,
                    SourceObject, session_scope)
from models.tables import (APPROVED, AUTO_APPROVED, DONE, DUPLICATE, FAILED, NEEDS_REVIEW, POSTED, PROCESSED,
                           QUARANTINED, REGISTERED, REJECTED, utcnow)

DOCUMENT_STATUSES = (AUTO_APPROVED, NEEDS_REVIEW, APPROVED, POSTED, REJECTED, QUARANTINED)
POSTABLE = (AUTO_APPROVED, APPROVED)


@dataclass
class ClientStatus:
    client: str
    received: int = 0  # object versions dropped under inbox/<client>/ (manifests aside)
    pending: int = 0  # registered, not yet processed
    failed: int = 0  # could not be read or saved; retried by the next run
    duplicates: int = 0  # the same bytes as an earlier drop: one document
    documents: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DOCUMENT_STATUSES, 0))
    manifest_missing: int = 0
    manifest_unlisted: int = 0
    manifest_sha256_mismatch: int = 0
    oldest_open_exception: str | None = None  # when the oldest open review task was created (ISO)
    oldest_open_exception_hours: float | None = None

    @property
    def accounted(self) -> int:
        return self.pending + self.failed + self.duplicates + sum(self.documents.values())

    @property
    def adds_up(self) -> bool:
        return self.accounted == self.received

    def to_json(self) -> dict:
        data = asdict(self)
        data["needs_review"] = self.documents[NEEDS_REVIEW]
        data["quarantined"] = self.documents[QUARANTINED]
        data["approved_waiting_to_post"] = self.documents[AUTO_APPROVED] + self.documents[APPROVED]
        data["posted"] = self.documents[POSTED]
        data["rejected"] = self.documents[REJECTED]
        data["adds_up"] = self.adds_up
        return data


OBJECT_STATE_COUNTS = {REGISTERED: "pending", FAILED: "failed", DUPLICATE: "duplicates"}
MANIFEST_PROBLEM_COUNTS = {MISSING: "manifest_missing", UNLISTED: "manifest_unlisted",
                           SHA_MISMATCH: "manifest_sha256_mismatch"}


def _add(status: ClientStatus, counter: str | None, count: int) -> None:
    if counter is not None:
        setattr(status, counter, getattr(status, counter) + count)


def client_statuses(settings: PipelineSettings) -> list[ClientStatus]:
    now = utcnow()
    with session_scope(settings.database_url) as session:
        statuses: dict[str, ClientStatus] = {}

        def of(client_id: str) -> ClientStatus:
            return statuses.setdefault(client_id, ClientStatus(client=client_id))

        for client_id, state, count in session.execute(
                select(SourceObject.client_id, SourceObject.state, func.count())
                .group_by(SourceObject.client_id, SourceObject.state)):
            if state != MANIFEST:
                of(client_id).received += count
                _add(of(client_id), OBJECT_STATE_COUNTS.get(state), count)
        for client_id, doc_status, count in session.execute(
                select(SourceObject.client_id, DocumentRecord.status, func.count())
                .join(DocumentRecord, DocumentRecord.id == SourceObject.document_id)
                .where(SourceObject.state == PROCESSED).group_by(SourceObject.client_id, DocumentRecord.status)):
            of(client_id).documents[doc_status] = of(client_id).documents.get(doc_status, 0) + count
        for client_id, problem, count in session.execute(
                select(ManifestProblem.client_id, ManifestProblem.problem, func.count())
                .where(ManifestProblem.resolved_at.is_(None)).group_by(ManifestProblem.client_id,
                                                                       ManifestProblem.problem)):
            _add(of(client_id), MANIFEST_PROBLEM_COUNTS.get(problem), count)
        for client_id, oldest in session.execute(
                select(ReviewTask.client_id, func.min(ReviewTask.created_at)).where(ReviewTask.state != DONE)
                .group_by(ReviewTask.client_id)):
            if oldest is not None:
                oldest = _aware(oldest)
                of(client_id).oldest_open_exception = oldest.isoformat(timespec="seconds")
                of(client_id).oldest_open_exception_hours = round((now - oldest).total_seconds() / 3600, 1)
    return [statuses[c] for c in sorted(statuses)]


def _aware(when: datetime) -> datetime:
    from datetime import timezone

    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def last_runs(settings: PipelineSettings) -> list[dict]:
    """The latest run of each flow."""
    with session_scope(settings.database_url) as session:
        latest = select(RunRecord.flow, func.max(RunRecord.id).label("id")).group_by(RunRecord.flow).subquery()
        runs = session.execute(select(RunRecord).join(latest, latest.c.id == RunRecord.id)
                               .order_by(RunRecord.flow)).scalars()
        return [dict(flow=r.flow, started_at=_aware(r.started_at).isoformat(timespec="seconds"),
                     finished_at=_aware(r.finished_at).isoformat(timespec="seconds") if r.finished_at else None,
                     ok=r.ok, flow_run_id=r.flow_run_id,
                     summary={k: v for k, v in r.summary.items() if k != "problems"}) for r in runs]


def postings(settings: PipelineSettings) -> list[dict]:
    with session_scope(settings.database_url) as session:
        rows = session.execute(select(Posting).order_by(Posting.id)).scalars()
        return [dict(document_id=p.document_id, sha256=p.sha256, idempotency_key=p.idempotency_key,
                     connector=p.connector, external_id=p.external_id,
                     posted_at=_aware(p.posted_at).isoformat(timespec="seconds")) for p in rows]


# ---------------------------------------------------------------- nightly reconcile


def reconcile(settings: PipelineSettings, listing: InboxListing, connector: Connector | None = None) -> dict:
    """Every object in the bucket accounted for in the database, every approved document posted (and, given the
    connector, held by the system of record under the id we recorded), control totals.
    `problems` lists what is not so (empty when all is well)."""
    problems: list[str] = [f"{key}: in inbox/ but not in a client folder" for key in listing.unplaced]
    clients: dict[str, dict] = {}
    with session_scope(settings.database_url) as session:
        registered = defaultdict(dict)
        for o in session.execute(select(SourceObject).where(SourceObject.bucket == settings.bucket)).scalars():
            registered[o.client_id][(o.key, o.version)] = o
        for client_id in sorted(set(listing.by_client) | set(registered)):
            listed = {(o.key, o.version) for o in listing.by_client.get(client_id, [])}
            rows = registered.get(client_id, {})
            not_registered = sorted(k for k, _ in listed - set(rows))
            not_done = sorted(f"{o.key} ({o.state}{': ' + o.error if o.error else ''})"
                              for o in rows.values() if o.state not in ACCOUNTED)
            problems += [f"{client_id}: {k} is in the bucket but not registered" for k in not_registered]
            problems += [f"{client_id}: {k} not processed" for k in not_done]
            clients[client_id] = dict(in_bucket=len(listed), registered=len(rows),
                                      not_registered=len(not_registered), not_processed=len(not_done),
                                      gone_from_bucket=len(set(rows) - listed))
        waiting = session.execute(
            select(DocumentRecord.client_id, DocumentRecord.id).where(
                DocumentRecord.status.in_(POSTABLE), DocumentRecord.id.not_in(select(Posting.document_id)))).all()
        for client_id, document_id in waiting:
            problems.append(f"{client_id}: document {document_id} is approved but not posted")
            clients.setdefault(client_id, {}).setdefault("approved_not_posted", 0)
            clients[client_id]["approved_not_posted"] += 1
        if connector is not None:
            problems += _missing_from_system_of_record(session, connector, clients)
        for client_id, totals in control_totals(session).items():
            clients.setdefault(client_id, {}).update(totals)
    return dict(ok=not problems, problems=problems, clients=clients)


def _missing_from_system_of_record(session, connector: Connector,  # noqa: ANN001 - Session
                                   clients: dict[str, dict]) -> list[str]:
    """Our postings through this connector that its system of record does not hold, or holds under another id
    (a database restored from an older backup, a row deleted by hand)."""
    ours = session.execute(
        select(DocumentRecord.client_id, Posting.document_id, Posting.idempotency_key, Posting.external_id)
        .join(DocumentRecord, DocumentRecord.id == Posting.document_id)
        .where(Posting.connector == connector.name).order_by(Posting.id)).all()
    held = connector.held_keys([key for _, _, key, _ in ours])
    problems = []
    for client_id, document_id, key, external_id in ours:
        if held.get(key) == external_id:
            continue
        found = f"holds it as {held[key]}" if key in held else "does not hold it"
        problems.append(f"{client_id}: document {document_id} was posted as {external_id}, but the system of record "
                        f"{found}: check there (restored from an older backup? a row removed by hand?) before anyone posts it again")
        clients.setdefault(client_id, {}).setdefault("posted_not_held", 0)
        clients[client_id]["posted_not_held"] += 1
    return problems


def control_totals(session) -> dict[str, dict]:  # noqa: ANN001 - Session
    """Per client: documents and postings counted, and the money posted (invoice totals, payroll net pay)."""
    totals: dict[str, dict] = defaultdict(lambda: dict(documents=0, posted_documents=0, postings=0,
                                                       posted_invoice_total="0", posted_payroll_net="0"))
    for client_id, status, count in session.execute(
            select(DocumentRecord.client_id, DocumentRecord.status, func.count())
            .group_by(DocumentRecord.client_id, DocumentRecord.status)):
        totals[client_id]["documents"] += count
        if status == POSTED:
            totals[client_id]["posted_documents"] += count
    for client_id, count in session.execute(
            select(DocumentRecord.client_id, func.count()).join(Posting, Posting.document_id == DocumentRecord.id)
            .group_by(DocumentRecord.client_id)):
        totals[client_id]["postings"] = count
    money: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for client_id, name, value in session.execute(
            select(DocumentRecord.client_id, ExtractedValue.name, ExtractedValue.value)
            .join(ExtractedValue, ExtractedValue.document_id == DocumentRecord.id)
            .where(DocumentRecord.status == POSTED, ExtractedValue.table.is_(None),
                   ExtractedValue.name.in_(("total_amount", "total_net")))):
        try:
            money[(client_id, name)] += Decimal(value or "0")
        except InvalidOperation:
            continue
    for (client_id, name), amount in money.items():
        key = "posted_invoice_total" if name == "total_amount" else "posted_payroll_net"
        totals[client_id][key] = str(amount)
    return dict(totals)


# ---------------------------------------------------------------- nightly report


@dataclass
class ClientReport:
    client: str
    objects_received: int
    documents: int
    auto_approved: int
    straight_through_rate: float  # documents the pipeline approved on its own / documents (0..1)
    needs_review: int
    quarantined: int
    posted: int
    rejected: int
    duplicate_drops: int
    open_exceptions: int
    oldest_open_exception_hours: float | None
    exceptions_by_code: dict[str, int]


def client_reports(settings: PipelineSettings, *, days: float = 1.0) -> list[ClientReport]:
    """Per client, over documents that arrived in the last `days`: volumes, straight-through rate, exceptions by
    issue code; and the open exception backlog whatever its age."""
    since = utcnow() - timedelta(days=days)
    statuses = {s.client: s for s in client_statuses(settings)}
    with session_scope(settings.database_url) as session:
        routes: dict[str, Counter] = defaultdict(Counter)
        for client_id, route, status, count in session.execute(
                select(DocumentRecord.client_id, DocumentRecord.route, DocumentRecord.status, func.count())
                .where(DocumentRecord.created_at >= since)
                .group_by(DocumentRecord.client_id, DocumentRecord.route, DocumentRecord.status)):
            routes[client_id]["documents"] += count
            routes[client_id][f"route:{route}"] += count
            routes[client_id][f"status:{status}"] += count
        received = dict(session.execute(
            select(SourceObject.client_id, func.count()).where(SourceObject.first_seen >= since,
                                                               SourceObject.state != MANIFEST)
            .group_by(SourceObject.client_id)).all())
        duplicates = dict(session.execute(
            select(SourceObject.client_id, func.count()).where(SourceObject.first_seen >= since,
                                                               SourceObject.state == DUPLICATE)
            .group_by(SourceObject.client_id)).all())
        codes: dict[str, Counter] = defaultdict(Counter)
        for client_id, code, count in session.execute(
                select(DocumentRecord.client_id, IssueRecord.code, func.count())
                .join(IssueRecord, IssueRecord.document_id == DocumentRecord.id)
                .where(DocumentRecord.created_at >= since, DocumentRecord.route != AUTO_APPROVED)
                .group_by(DocumentRecord.client_id, IssueRecord.code)):
            codes[client_id][code] += count
        open_tasks = dict(session.execute(
            select(ReviewTask.client_id, func.count()).where(ReviewTask.state != DONE)
            .group_by(ReviewTask.client_id)).all())
    reports = []
    for client_id in sorted(set(statuses) | set(routes)):
        r = routes[client_id]
        documents = r["documents"]
        reports.append(ClientReport(
            client=client_id, objects_received=received.get(client_id, 0), documents=documents,
            auto_approved=r[f"route:{AUTO_APPROVED}"],
            straight_through_rate=round(r[f"route:{AUTO_APPROVED}"] / documents, 4) if documents else 0.0,
            needs_review=r[f"route:{NEEDS_REVIEW}"], quarantined=r[f"route:{QUARANTINED}"],
            posted=r[f"status:{POSTED}"], rejected=r[f"status:{REJECTED}"],
            duplicate_drops=duplicates.get(client_id, 0), open_exceptions=open_tasks.get(client_id, 0),
            oldest_open_exception_hours=statuses[client_id].oldest_open_exception_hours
            if client_id in statuses else None,
            exceptions_by_code=dict(codes[client_id].most_common())))
    return reports


REPORT_COLUMNS = ("client", "objects_received", "documents", "auto_approved", "straight_through_rate",
                  "needs_review", "quarantined", "posted", "rejected", "duplicate_drops", "open_exceptions",
                  "oldest_open_exception_hours", "exceptions_by_code")


def report_rows(reports: list[ClientReport]) -> list[dict]:
    rows = []
    for r in reports:
        row = asdict(r)
        row["exceptions_by_code"] = ", ".join(f"{code} {n}" for code, n in r.exceptions_by_code.items())
        rows.append({c: row[c] for c in REPORT_COLUMNS})
    return rows


def report_csv(reports: list[ClientReport]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=REPORT_COLUMNS)
    writer.writeheader()
    writer.writerows(report_rows(reports))
    return out.getvalue().encode("utf-8")


def report_xlsx(reports: list[ClientReport]) -> bytes:
    """The same table as the CSV on a first sheet, exceptions by code (one row per client and code) on a second."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "clients"
    sheet.append(list(REPORT_COLUMNS))
    for row in report_rows(reports):
        sheet.append([row[c] for c in REPORT_COLUMNS])
    codes = book.create_sheet("exceptions by code")
    codes.append(["client", "code", "documents"])
    for r in reports:
        for code, n in r.exceptions_by_code.items():
            codes.append([r.client, code, n])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def bar(value: float, largest: float, width: int = 30) -> str:
    """A unicode bar, in eighths of a character."""
    if largest <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / largest * width * 8))
    return "█" * (eighths // 8) + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[eighths % 8]


def report_markdown(reports: list[ClientReport], days: float) -> str:
    """The nightly report for people: one line per client, then exceptions by code as bars."""
    lines = [f"# backoffice report, last {days:g} day(s)", "",
             "| client | received | documents | straight-through | needs review | quarantined | posted | "
             "duplicates | open exceptions | oldest open (h) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in reports:
        oldest = "-" if r.oldest_open_exception_hours is None else f"{r.oldest_open_exception_hours:g}"
        lines.append(f"| {r.client} | {r.objects_received} | {r.documents} | {r.straight_through_rate:.0%} | "
                     f"{r.needs_review} | {r.quarantined} | {r.posted} | {r.duplicate_drops} | "
                     f"{r.open_exceptions} | {oldest} |")
    for r in reports:
        lines += ["", f"## {r.client}: exceptions by code", ""]
        if not r.exceptions_by_code:
            lines.append("none")
            continue
        largest = max(r.exceptions_by_code.values())
        width = max(len(code) for code in r.exceptions_by_code)
        lines.append("```")
        lines += [f"{code:<{width}}  {bar(n, largest)} {n}" for code, n in r.exceptions_by_code.items()]
        lines.append("```")
    return "\n".join(lines) + "\n"


def report_key(day: datetime) -> str:
    return f"reports/{day:%Y-%m-%d}/backoffice-report-{day:%Y%m%dT%H%M%SZ}"



def write_report_files(settings: PipelineSettings, reports: list[ClientReport], now: datetime) -> list[str]:
    """CSV and XLSX of the report to reports/<date>/ in the bucket; returns their s3:// URIs."""
    from connectors.s3 import Bucket

    bucket = Bucket(settings)
    key = report_key(now)
    return [bucket.put(f"{key}.csv", report_csv(reports), "text/csv"),
            bucket.put(f"{key}.xlsx", report_xlsx(reports),
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]


def reconcile_markdown(result: dict) -> str:
    lines = [f"# reconcile: {'all accounted for' if result['ok'] else str(len(result['problems'])) + ' problem(s)'}",
             "", "| client | in bucket | registered | not registered | not processed | approved not posted | "
             "documents | posted | postings | posted invoice total | posted payroll net | posted, not in the SoR |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for client_id, c in sorted(result["clients"].items()):
        lines.append(f"| {client_id} | {c.get('in_bucket', 0)} | {c.get('registered', 0)} | "
                     f"{c.get('not_registered', 0)} | {c.get('not_processed', 0)} | "
                     f"{c.get('approved_not_posted', 0)} | {c.get('documents', 0)} | "
                     f"{c.get('posted_documents', 0)} | {c.get('postings', 0)} | "
                     f"{c.get('posted_invoice_total', '0')} | {c.get('posted_payroll_net', '0')} | "
                     f"{c.get('posted_not_held', 0)} |")
    if result["problems"]:
        lines += ["", "## problems", ""] + [f"- {p}" for p in result["problems"][:200]]
    return "\n".join(lines) + "\n"
