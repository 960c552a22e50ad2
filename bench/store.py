"""Measure the pipeline's database work per document: SQL statements and time to save a processed document, load it,
apply an operator's edit (re-validation included) and post it, on SQLite and on PostgreSQL.

Usage:
    .venv/bin/python bench/store.py [--copies 20] [--no-postgres] [--out bench/results/store.json]

The digital samples in sample_docs/ (no OCR) are read once; then each is saved --copies times under new sha256s
(so every save is a new document), each saved document is loaded, one edit is applied to every invoice (its
total, typed with a decimal comma), and every document is approved and posted to the SQL system of record.
Statements are counted on the pipeline's database (SQLAlchemy's before_cursor_execute). PostgreSQL runs in a
throwaway cluster (tests/fixtures_pg.py). Times are medians per document, in milliseconds. It measures, it
does not gate: exit 0 whatever the figures are.
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sqlalchemy import event, update  # noqa: E402

from backoffice.document import Document  # noqa: E402
from backoffice.pipeline import RunContext, process_files  # noqa: E402
from connectors.posting import post_document  # noqa: E402
from connectors.sor import SqlSystemOfRecord  # noqa: E402
from models import DocumentRecord, engine_for, migrate, session_scope  # noqa: E402
from models.store import apply_edits, load_document, save_result  # noqa: E402

SAMPLES = REPO / "sample_docs"
DIGITAL_SUFFIXES = {".pdf"}


class Counter:
    """Statements sent to one engine, counted while `counting` is on."""

    def __init__(self, url: str):
        self.count = 0
        event.listen(engine_for(url), "before_cursor_execute", self._seen)

    def _seen(self, *_args: object) -> None:
        self.count += 1


@contextmanager
def measured(counter: Counter, statements: list[int], times: list[float]) -> Iterator[None]:
    before, started = counter.count, time.perf_counter()
    yield
    times.append((time.perf_counter() - started) * 1000)
    statements.append(counter.count - before)


def read_samples() -> list[Document]:
    files = [p for p in sorted(SAMPLES.iterdir()) if p.suffix in DIGITAL_SUFFIXES and not p.name.startswith("bad_")]
    docs = [d for d in process_files([(p, str(p)) for p in files], RunContext()) if d.text_source == "text_layer"]
    return [d for d in docs if d.doc_type != "unknown"]


def copies(docs: list[Document], count: int) -> Iterator[Document]:
    for i in range(count):
        for j, doc in enumerate(docs):
            twin = copy.deepcopy(doc)
            twin.sha256 = f"{i:032x}{j:032x}"
            yield twin


def figures(name: str, statements: list[int], times: list[float]) -> dict[str, float]:
    return {"operation": name, "documents": len(times), "statements_median": statistics.median(statements),
            "statements_max": max(statements), "ms_median": round(statistics.median(times), 2),
            "ms_p95": round(sorted(times)[int(0.95 * (len(times) - 1))], 2)}


def run(url: str, sor_url: str, docs: list[Document], count: int) -> list[dict[str, float]]:
    migrate(url)
    counter = Counter(url)
    sor = SqlSystemOfRecord(sor_url)
    sor.create_tables()
    results = []
    ids: list[int] = []
    stats: dict[str, tuple[list[int], list[float]]] = {op: ([], []) for op in ("save", "load", "edit", "post")}

    def each(op: str, work: Callable[[], object]) -> object:
        with measured(counter, *stats[op]):
            return work()

    for doc in copies(docs, count):
        def save(doc: Document = doc) -> int:
            with session_scope(url) as s:
                return save_result(s, doc, client_id="bench", source=doc.source, blob_uri=None).id
        ids.append(each("save", save))
    for document_id in ids:
        def load(document_id: int = document_id) -> Document:
            with session_scope(url) as s:
                return load_document(s, document_id)
        loaded = each("load", load)
        if loaded.doc_type == "invoice" and "total_amount" in loaded.fields:
            def edit(document_id: int = document_id) -> None:
                with session_scope(url) as s:
                    apply_edits(s, document_id, {"total_amount": "1.234,56"}, actor="bench")
            each("edit", edit)
    with session_scope(url) as s:
        s.execute(update(DocumentRecord).values(status="approved"))
    for document_id in ids:
        each("post", lambda document_id=document_id: post_document(url, document_id, sor, actor="bench"))
    for op, (statements, times) in stats.items():
        results.append(figures(op, statements, times))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=20, help="how many times each sample is saved")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "store.json")
    args = parser.parse_args()
    docs = read_samples()
    print(f"{len(docs)} digital samples x {args.copies} copies", file=sys.stderr)
    report: dict[str, object] = {"samples": len(docs), "copies": args.copies, "databases": {}}
    with tempfile.TemporaryDirectory() as tmp:
        report["databases"]["sqlite"] = run(f"sqlite:///{tmp}/state.db", f"sqlite:///{tmp}/sor.db", docs, args.copies)
        if not args.no_postgres:
            from tests.fixtures_pg import running_postgres

            with running_postgres() as server:
                report["databases"]["postgresql"] = run(server.create_database("bench"),
                                                        server.create_database("sor"), docs, args.copies)
    lines = [f"{'database':<11} {'operation':<9} {'docs':>6} {'statements (median/max)':>24} "
             f"{'ms median':>10} {'ms p95':>8}"]
    for database, rows in report["databases"].items():
        for r in rows:
            lines.append(f"{database:<11} {r['operation']:<9} {r['documents']:>6} {r['statements_median']:>15g} / "
                         f"{r['statements_max']:<6g} {r['ms_median']:>10} {r['ms_p95']:>8}")
    text = "\n".join(lines)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n")
    args.out.with_suffix(".txt").write_text(text + "\n")


if __name__ == "__main__":
    main()
