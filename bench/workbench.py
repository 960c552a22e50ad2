"""Measure the workbench with a full queue: 50,000 documents in PostgreSQL, timed over HTTP.

Usage:
    .venv/bin/python bench/workbench.py [--documents 50000] [--rounds 300]
        [--out bench/results/workbench.json]

1. PostgreSQL: a throwaway cluster (tests.fixtures_pg.running_postgres: PostgreSQL 15 binaries, as the
   postgres user when root), migrated with Alembic like any install.
2. Documents: three sample documents that need review are read by the real pipeline and saved
   with models.store.save_result; their rows (document, values, issues, review task) are then
   copied with COPY into 50,000 documents across five clients, created over the last three days,
   one in ten already decided (not in the queue). No OCR for the copies: the point is the queue.
3. `backoffice serve` runs in its own process; httpx signs in as an operator of two clients and
   times, one request at a time: the queue page (default sort, filtered by client, by issue code,
   by priority, page 40), "next" (a claim), the document view (HTML), its page image once cached,
   and approve (the decision, the posting to the SQL system of record, and claiming the next one).
4. p50/p95/max per request kind are printed against the goals and written to --out (.json and .txt).

It measures, it does not gate: it exits 0 whatever the figures are.
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TEMPLATES = ("invoice_total_mismatch.pdf", "invoice_subtotal_mismatch.pdf", "payroll_net_mismatch.pdf")
CLIENTS = ("acme", "globex", "initech", "umbrella", "hooli")
OPERATOR_CLIENTS = ("acme", "globex")
PASSWORD = "bench password 1"
GOALS_MS = {"queue page": 100, "document view": 150, "approve": 200}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- filling the queue ------------------------------------------------------------------------------------------

def save_templates(url: str) -> list[int]:
    """The template documents, read by the real pipeline and saved as the flows save them."""
    from backoffice.pipeline import RunContext, process_files
    from models.blobs import put_blob
    from models.db import session_scope
    from models.store import save_result

    items = [(ROOT / "sample_docs" / name, name) for name in TEMPLATES]
    ids = []
    with session_scope(url) as session:
        for (path, _), doc in zip(items, process_files(items, RunContext())):
            record = save_result(session, doc, client_id=CLIENTS[0], source=str(path),
                                 blob_uri=put_blob(path, doc.sha256, path.suffix))
            ids.append(record.id)
    return ids


def _rows(cursor, table: str, where: str, ids: list[int]) -> tuple[list[str], list[tuple]]:  # noqa: ANN001
    cursor.execute(f"SELECT * FROM {table} WHERE {where} = ANY(%s) ORDER BY id", (ids,))
    return [d.name for d in cursor.description], cursor.fetchall()


def _csv(values: list[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(
        ["\\N" if v is None else json.dumps(v) if isinstance(v, (dict, list)) else v for v in values])
    return buffer.getvalue()


def _copy(cursor, table: str, columns: list[str], lines: Iterator[str], batch: int = 200_000) -> int:  # noqa: ANN001
    """COPY csv lines into a table, a batch at a time (millions of value rows would not fit in memory at once)."""
    quoted = ", ".join(f'"{c}"' for c in columns)  # "table" and "row" are SQL words
    count = 0
    while True:
        chunk = list(itertools.islice(lines, batch))
        if not chunk:
            return count
        count += len(chunk)
        cursor.copy_expert(f"COPY {table} ({quoted}) FROM STDIN WITH (FORMAT csv, NULL '\\N')",
                           io.StringIO("\n".join(chunk) + "\n"))


def fill_queue(url: str, template_ids: list[int], total: int) -> dict[str, int]:
    """Copy the templates' rows into `total` documents with COPY; returns row counts per table."""
    import psycopg2
    from sqlalchemy.engine import make_url

    from models.tables import utcnow

    u = make_url(url)
    conn = psycopg2.connect(host=u.host, port=u.port, user=u.username, dbname=u.database)
    cur = conn.cursor()
    doc_cols, docs = _rows(cur, "documents", "id", template_ids)
    val_cols, values = _rows(cur, "extracted_values", "document_id", template_ids)
    iss_cols, issues = _rows(cur, "issues", "document_id", template_ids)
    task_cols, tasks = _rows(cur, "review_tasks", "document_id", template_ids)
    by_doc = lambda rows, cols, key: {d: [r for r in rows if r[cols.index(key)] == d] for d in template_ids}  # noqa: E731
    values_of, issues_of = by_doc(values, val_cols, "document_id"), by_doc(issues, iss_cols, "document_id")
    task_of = {t[task_cols.index("document_id")]: t for t in tasks}
    start_id = max(template_ids) + 1
    now = utcnow()

    def copies(n: int) -> tuple[int, int, Any]:
        template = template_ids[n % len(template_ids)]
        return start_id + n, template, now - timedelta(minutes=(n * 4.3) % (3 * 24 * 60))

    def document_rows() -> Iterator[str]:
        for n in range(total):
            doc_id, template, created = copies(n)
            row = dict(zip(doc_cols, next(d for d in docs if d[0] == template)))
            decided = n % 10 == 9
            row.update(id=doc_id, client_id=CLIENTS[n % len(CLIENTS)], sha256=f"{n:064x}", created_at=created,
                       updated_at=created, status="posted" if decided else "needs_review",
                       source=f"s3://bench/inbox/{CLIENTS[n % len(CLIENTS)]}/{n}.pdf")
            yield _csv([row[c] for c in doc_cols])

    def children(cols: list[str], of: dict[int, list[tuple]]) -> tuple[list[str], Iterator[str]]:
        """A template's rows under each copy's document id (the rest of each line is the same for every copy)."""
        rest = [c for c in cols if c not in ("id", "document_id")]
        tails = {t: [_csv([dict(zip(cols, r))[c] for c in rest]) for r in rows] for t, rows in of.items()}

        def lines() -> Iterator[str]:
            for n in range(total):
                doc_id, template, _created = copies(n)
                for tail in tails[template]:
                    yield f"{doc_id},{tail}"
        return ["document_id", *rest], lines()

    def task_rows() -> Iterator[str]:
        for n in range(total):
            doc_id, template, created = copies(n)
            row = dict(zip(task_cols, task_of[template]), document_id=doc_id, client_id=CLIENTS[n % len(CLIENTS)],
                       created_at=created, priority=n % 3)
            if n % 10 == 9:
                row.update(state="done", decision="approved", decided_by="earlier", decided_at=created)
            yield _csv([row[c] for c in task_cols if c != "id"])

    cur.executemany("INSERT INTO clients (id, name, sla_hours, created_at) VALUES (%s, %s, %s, now()) "
                    "ON CONFLICT (id) DO UPDATE SET sla_hours = excluded.sla_hours",
                    [(c, c.capitalize(), hours) for c, hours in zip(CLIENTS, (24, 8, 48, 24, 72))])
    counts = {
        "documents": _copy(cur, "documents", doc_cols, document_rows()),
        "extracted_values": _copy(cur, "extracted_values", *children(val_cols, values_of)),
        "issues": _copy(cur, "issues", *children(iss_cols, issues_of)),
        "review_tasks": _copy(cur, "review_tasks", [c for c in task_cols if c != "id"], task_rows()),
    }
    cur.execute("SELECT setval('documents_id_seq', (SELECT max(id) FROM documents))")
    conn.commit()
    cur.execute("ANALYZE")
    conn.commit()
    conn.close()
    return counts


# --- timing over HTTP -------------------------------------------------------------------------------------------

@contextmanager
def serving(env: dict[str, str]) -> Iterator[str]:
    port = _free_port()
    command = [str(Path(sys.executable).with_name("backoffice")), "serve", "--port", str(port)]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    import httpx

    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{base}/healthz").status_code == 200:
                break
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.kill()
            raise RuntimeError(f"backoffice serve did not start: {proc.stdout.read().decode()[-2000:]}")
        time.sleep(0.1)
    try:
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def timed(samples: dict[str, list[float]], kind: str, call: Any) -> Any:
    started = time.perf_counter()
    response = call()
    samples.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
    if response.status_code >= 400:
        raise RuntimeError(f"{kind}: HTTP {response.status_code}: {response.text[:300]}")
    return response


def drive(base: str, rounds: int) -> dict[str, list[float]]:
    import httpx

    samples: dict[str, list[float]] = {}
    with httpx.Client(base_url=base, follow_redirects=False, timeout=30) as client:
        token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)
        client.post("/login", data={"username": "olga", "password": PASSWORD, "csrf": token})
        token = re.search(r'name="csrf" value="([^"]+)"', client.get("/").text).group(1)
        queue_views = ["/", "/?client=globex", "/?code=invoice.total", "/?sort=priority", "/?page=40",
                       "/?doc_type=payroll"]
        for _ in range(3):  # warm up: connections, template compilation
            client.get("/")
        for n in range(rounds):
            timed(samples, "queue page", lambda: client.get(queue_views[n % len(queue_views)]))
        location = timed(samples, "next", lambda: client.post("/next", data={"csrf": token})).headers["location"]
        for _ in range(rounds):
            page = timed(samples, "document view", lambda: client.get(location))
            image = f"{location}/pages/1"
            client.get(image)  # rendered (or found) in the cache
            timed(samples, "page image (cached)", lambda: client.get(image))
            version = re.search(r'name="version" class="version" value="(\d+)"', page.text).group(1)
            answer = timed(samples, "approve", lambda: client.post(
                f"{location}/approve", data={"csrf": token, "version": version, "confirm": "yes"}))
            location = answer.headers["location"]
            if not location.startswith("/documents/"):
                raise RuntimeError(f"approve led to {location}: {client.get(location).text[:300]}")
    return samples


def summarize(samples: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    def p95(values: list[float]) -> float:
        return statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else values[0]

    return {kind: {"count": len(v), "p50_ms": round(statistics.median(v), 1), "p95_ms": round(p95(v), 1),
                   "max_ms": round(max(v), 1)} for kind, v in samples.items()}


def report_text(result: dict[str, Any]) -> str:
    lines = [f"workbench with {result['documents']} documents in PostgreSQL "
             f"({result['waiting']} waiting in the queue), {result['rounds']} rounds, one request at a time",
             f"{'request':<22}{'p50':>9}{'p95':>9}{'max':>9}{'goal p95':>10}"]
    for kind, s in result["timings"].items():
        goal = GOALS_MS.get(kind)
        verdict = "" if goal is None else ("  ok" if s["p95_ms"] <= goal else "  FAIL")
        lines.append(f"{kind:<22}{s['p50_ms']:>7.1f}ms{s['p95_ms']:>7.1f}ms{s['max_ms']:>7.1f}ms"
                     f"{(str(goal) + 'ms') if goal else '-':>10}{verdict}")
    lines.append(f"machine: {result['machine']['cpus']} cpus, load average {result['machine']['load_average_1m_at_end']} "
                 "at the end (other work on the machine inflates the times)")
    lines.append(f"fill: {result['fill_s']} s ({', '.join(f'{k} {v}' for k, v in result['rows'].items())})")
    return "\n".join(lines) + "\n"


def run(server: Any, url: str, documents: int, rounds: int, data_dir: Path) -> dict[str, Any]:
    from models.db import migrate, session_scope
    from workbench.auth import save_user

    os.environ["BACKOFFICE_DATA_DIR"] = str(data_dir)
    migrate(url)
    started = time.perf_counter()
    rows = fill_queue(url, save_templates(url), documents)
    fill_s = round(time.perf_counter() - started, 1)
    with session_scope(url) as session:
        save_user(session, "olga", PASSWORD, role="operator", clients=list(OPERATOR_CLIENTS))
    sor = server.create_database("bench_sor")
    env = {**os.environ, "BACKOFFICE_DATABASE_URL": url, "BACKOFFICE_DATA_DIR": str(data_dir),
           "BACKOFFICE_SOR_URL": sor, "BACKOFFICE_CONNECTOR": "sor", "BACKOFFICE_SECRET_KEY": "bench-" + "k" * 30}
    with serving(env) as base:
        samples = drive(base, rounds)
    waiting = rows["review_tasks"] - documents // 10
    return {"documents": documents, "waiting": waiting, "rounds": rounds, "rows": rows, "fill_s": fill_s,
            "timings": summarize(samples), "goals_p95_ms": GOALS_MS,
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                        "load_average_1m_at_end": round(os.getloadavg()[0], 2)}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=300, help="requests timed per kind")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "workbench.json")
    args = parser.parse_args(argv)
    from tests.fixtures_pg import running_postgres

    with tempfile.TemporaryDirectory(prefix="bench-workbench-") as tmp, running_postgres() as server:
        result = run(server, server.create_database("bench"), args.documents, args.rounds, Path(tmp))
    text = report_text(result)
    print(text, end="")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    args.out.with_suffix(".txt").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
