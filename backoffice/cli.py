"""The `backoffice` command: `backoffice extract PATH... --format jsonl|table`."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import validators
from backoffice import __version__
from backoffice.document import Document
from backoffice.errors import BackofficeError, UsageError
from backoffice.pipeline import RunContext, process_files
from backoffice.settings import ReaderSettings

# Modules that add their own subcommands: `add_commands(subparsers)` with imports of heavy libraries (Prefect,
# FastAPI) deferred to the command's run function, so `backoffice extract` starts as fast as before.
COMMAND_MODULES = ("backoffice.commands", "workbench.cli")
SIDECAR_SUFFIX = ".truth.json"  # ground truth beside sample documents, not documents themselves


def walk(paths: Sequence[str]) -> list[tuple[Path, str]]:
    """Files to read, as (path, source as given): folders walked recursively in sorted order."""
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}", hint="check the path")
    items: list[tuple[Path, str]] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path).parts
                if child.is_file() and not child.name.endswith(SIDECAR_SUFFIX) and not any(
                    part.startswith(".") or part == "__pycache__" for part in relative
                ):
                    items.append((child, str(child)))
        else:
            items.append((path, given))
    return items


class Progress:
    """A one-line progress bar on stderr, only when a person is watching (stdout stays pure JSONL)."""

    def __init__(self, total: int, stream: TextIO, enabled: bool):
        self.total, self.stream, self.enabled = total, stream, enabled and total > 1
        self.done = 0
        self.started = time.monotonic()

    def step(self, doc: Document) -> None:
        self.done += 1
        if not self.enabled:
            return
        width = 30
        filled = int(width * self.done / self.total)
        elapsed = time.monotonic() - self.started
        eta = elapsed / self.done * (self.total - self.done)
        name = Path(doc.source).name[:30]
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} "
                          f"{elapsed:5.0f}s elapsed, ~{eta:4.0f}s left  {name:<30}")
        if self.done == self.total:
            self.stream.write("\n")
        self.stream.flush()


def _table(docs: list[Document], elapsed: float, out: TextIO) -> None:
    rows = [("file", "type", "status", "pages", "read by", "fields", "issues")]
    for d in docs:
        kind = d.form_type if d.doc_type == "form" else d.doc_type
        rows.append((Path(d.source).name, kind or "-", d.status, str(len(d.pages)), d.text_source,
                     str(len(d.fields)), ", ".join(sorted({i.code for i in d.issues})) or "-"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        out.write("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() + "\n")
    counts: dict[str, int] = {}
    for d in docs:
        counts[d.status] = counts.get(d.status, 0) + 1
    summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
    out.write(f"\n{len(docs)} documents in {elapsed:.1f} s: {summary or 'none'}\n")


def client_context(master_data: Path | None,
                   rules: Path | None) -> tuple[validators.MasterData | None, validators.RulePack]:
    """Master data and rule pack, loaded before the first document so a bad file stops the run at once.
    The rule pack is --rules, else DIR/rules.toml beside the master data, else the defaults."""
    for given, kind in ((master_data, "master data folder"), (rules, "rule file")):
        if given is not None and not given.exists():
            raise UsageError(f"no such {kind}: {given}", hint="check the path")
    if rules is None and master_data is not None and (master_data / "rules.toml").is_file():
        rules = master_data / "rules.toml"
    pack = validators.load_rules(rules)
    return (validators.load_master_data(master_data) if master_data is not None else None), pack


def cmd_extract(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    items = walk(args.paths)
    master_data, rules = client_context(args.master_data, args.rules)
    ctx = RunContext(reader=ReaderSettings() if args.workers is None else _with_workers(args.workers),
                     master_data=master_data, rules=rules)
    progress = Progress(len(items), err, enabled=args.progress or err.isatty())
    started = time.monotonic()
    docs: list[Document] = []
    for doc in process_files(items, ctx):
        doc.client = args.client
        progress.step(doc)
        if args.format == "jsonl":
            out.write(json.dumps(doc.to_json(), ensure_ascii=False) + "\n")
            out.flush()
        else:
            docs.append(doc)
    if args.format == "table":
        _table(docs, time.monotonic() - started, out)
    return 0


def _with_workers(workers: int) -> ReaderSettings:
    if workers < 1:
        raise UsageError("--workers must be at least 1")
    return ReaderSettings(workers=workers)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="backoffice", description="Back-office document processing.")
    parser.add_argument("--version", action="version", version=f"backoffice {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="read, classify, extract and validate files; print one result per document",
                        description="Writes nothing: no database rows, no postings, no moved files.")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="a file or a folder (walked recursively, sorted)")
    ex.add_argument("--format", choices=["jsonl", "table"], default="jsonl",
                    help="jsonl: one contract line per document; table: a summary for people")
    ex.add_argument("--client", default=None, help="client id to record on each result")
    ex.add_argument("--workers", type=int, default=None, help="OCR processes (default: one per core)")
    ex.add_argument("--progress", action="store_true", help="show the progress bar even when stderr is not a terminal")
    ex.add_argument("--master-data", type=Path, default=None, metavar="DIR",
                    help="the client's master data folder (vendors, purchase_orders, employees, control_totals as "
                         "CSV or XLSX; see docs/master-data.md): reconcile every document with it too")
    ex.add_argument("--rules", type=Path, default=None, metavar="FILE",
                    help="the client's rule pack (TOML); default: DIR/rules.toml of --master-data, else the built-in "
                         "defaults (validators/default_rules.toml)")
    ex.set_defaults(run=cmd_extract)
    for module in COMMAND_MODULES:
        importlib.import_module(module).add_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its usage message
        return int(exc.code or 0)
    try:
        return args.run(args, out, err)
    except BackofficeError as exc:
        err.write(f"backoffice: error: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        err.write("\nbackoffice: interrupted\n")
        return 130


def entry() -> None:  # console script
    sys.exit(main())
