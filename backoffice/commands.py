"""Pipeline commands: run, status, postings, config show, master-data load.

Prefect and the database are imported inside the run functions, so `backoffice extract` starts as fast as before.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path
from typing import TextIO

from backoffice.errors import BackofficeError, UsageError
from backoffice.settings import PipelineSettings, load_settings

EXIT_UNACCOUNTED = 4  # objects seen that the database does not account for yet


class RunFailed(BackofficeError):
    exit_code = EXIT_UNACCOUNTED


def _ready() -> PipelineSettings:
    """Settings exported to the environment, and the database migrated (idempotent) before any command uses it."""
    from models import migrate

    settings = load_settings()
    settings.export()
    migrate(settings.database_url)
    return settings


def _table(rows: list[list[str]], out: TextIO) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        out.write("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() + "\n")


# ---------------------------------------------------------------- run


def cmd_run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    settings = _ready()
    settings.bucket  # noqa: B018 - fails now, clearly, when no bucket is configured
    if args.once:
        return _run_once(out, err)
    interval = args.interval if args.interval is not None else settings.poll_interval_s
    err.write(f"backoffice: polling s3://{settings.bucket}/inbox/ every {interval:g} s; Ctrl-C stops\n")
    while True:
        code = _run_once(out, err)
        if code != 0:
            err.write(f"backoffice: this run ended with exit code {code}; trying again in {interval:g} s\n")
        time.sleep(interval)


def _run_once(out: TextIO, err: TextIO) -> int:
    """run_once as a Prefect flow run; 0 only when every object it saw is accounted for. Without PREFECT_API_URL
    Prefect starts a temporary local server for the run (its first start creates its database: allow for it)."""
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    from flows.run_once import run_once

    try:
        result = run_once()
    except BackofficeError as problem:
        err.write(f"backoffice: the run failed: {problem}\n")
        return problem.exit_code
    except Exception as problem:  # noqa: BLE001 - a flow run that failed: say so, with its reason
        err.write(f"backoffice: the run failed: {type(problem).__name__}: {problem}\n"
                  "Objects already registered stay registered and are processed by the next run.\n")
        return 1
    out.write(f"{result.seen} object(s) seen, {result.processed} processed, {result.posted} document(s) posted\n")
    for p in result.manifest_problems:
        out.write(f"manifest {p['manifest']}: {p['file']} {p['problem']} ({p['detail']})\n")
    if result.unaccounted:
        err.write(f"backoffice: {len(result.unaccounted)} object(s) not accounted for:\n")
        for line in result.unaccounted:
            err.write(f"  {line}\n")
        return EXIT_UNACCOUNTED
    return 0


# ---------------------------------------------------------------- status, postings


STATUS_COLUMNS = [
    ("received", lambda s: s.received), ("pending", lambda s: s.pending), ("failed", lambda s: s.failed),
    ("quarantined", lambda s: s.documents["quarantined"]), ("needs review", lambda s: s.documents["needs_review"]),
    ("approved", lambda s: s.documents["auto_approved"] + s.documents["approved"]),
    ("posted", lambda s: s.documents["posted"]), ("rejected", lambda s: s.documents["rejected"]),
    ("duplicates", lambda s: s.duplicates), ("missing (manifest)", lambda s: s.manifest_missing),
    ("unlisted (manifest)", lambda s: s.manifest_unlisted),
]


def cmd_status(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from backoffice.accounting import client_statuses, last_runs

    settings = _ready()
    clients, runs = client_statuses(settings), last_runs(settings)
    if args.json:
        out.write(json.dumps({"clients": [c.to_json() for c in clients], "last_runs": runs}, indent=2) + "\n")
        return 0
    if not clients:
        out.write("no client has dropped anything yet\n")
    else:
        rows = [["client", *[name for name, _ in STATUS_COLUMNS], "oldest open exception"]]
        for c in clients:
            oldest = "-" if c.oldest_open_exception_hours is None else f"{c.oldest_open_exception_hours:g} h"
            rows.append([c.client, *[str(value(c)) for _, value in STATUS_COLUMNS], oldest])
        _table(rows, out)
        for c in clients:
            if not c.adds_up:
                out.write(f"warning: {c.client}'s counts do not add up ({c.accounted} accounted, {c.received} "
                          "received): run `backoffice run --once` and report it if it stays\n")
    for run in runs:
        state = {True: "ok", False: "FAILED", None: "running or killed"}[run["ok"]]
        out.write(f"last {run['flow']} run: {run['started_at']} {state}\n")
    return 0


def cmd_postings(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from backoffice.accounting import postings

    rows = postings(_ready())
    if args.json:
        out.write(json.dumps(rows, indent=2) + "\n")
        return 0
    columns = ["posted_at", "document_id", "connector", "external_id", "idempotency_key", "sha256"]
    _table([columns] + [[str(r[c]) for c in columns] for r in rows], out)
    return 0


# ---------------------------------------------------------------- config, master data


def cmd_config_show(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    settings = load_settings()
    if settings.settings_file:
        out.write(f"# settings file: {settings.settings_file} (environment variables win over it)\n")
    rows = [["variable", "value", "from"], *[list(r) for r in settings.shown()]]
    _table(rows, out)
    return 0


def cmd_master_data_load(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from backoffice.jobs import client_id_is_valid, load_master_data_folder

    if not client_id_is_valid(args.client):
        raise UsageError(f"{args.client!r} is not a client id", hint="letters, digits, '-', '_' and '.', as the "
                                                                     "client's folder under inbox/")
    if not args.folder.is_dir():
        raise UsageError(f"no such folder: {args.folder}", hint="give the folder holding vendors.csv etc.")
    changed = load_master_data_folder(_ready(), args.client, args.folder)
    out.write(f"master data of {args.client} {'loaded' if changed else 'unchanged (already loaded)'} "
              f"from {args.folder}\n")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    run = sub.add_parser("run", help="ingest, process and post what client IT dropped in S3 (as Prefect flow runs)",
                         description="Settings come from BACKOFFICE_* and AWS_* environment variables or the "
                                     "BACKOFFICE_SETTINGS file (see `backoffice config show`).")
    run.add_argument("--once", action="store_true",
                     help="one run, then exit: 0 when every object seen is accounted for, 4 when some are not")
    run.add_argument("--interval", type=float, default=None, metavar="SECONDS",
                     help="seconds between runs when polling (default BACKOFFICE_POLL_INTERVAL_S, 60)")
    run.set_defaults(run=cmd_run)

    status = sub.add_parser("status", help="per client: received, quarantined, needs review, approved, posted, "
                                           "rejected, duplicates, missing from a manifest; last runs")
    status.add_argument("--json", action="store_true", help="for scripts")
    status.set_defaults(run=cmd_status)

    posted = sub.add_parser("postings", help="one row per posting to the system of record")
    posted.add_argument("--json", action="store_true", help="for scripts")
    posted.set_defaults(run=cmd_postings)

    config = sub.add_parser("config", help="settings")
    config_sub = config.add_subparsers(dest="config_command", required=True)
    show = config_sub.add_parser("show", help="the effective settings, secrets masked")
    show.set_defaults(run=cmd_config_show)

    master = sub.add_parser("master-data", help="client master data")
    master_sub = master.add_subparsers(dest="master_data_command", required=True)
    load = master_sub.add_parser("load", help="load a client's master data folder (CSV/XLSX, rules.toml)")
    load.add_argument("client", help="the client id (its folder name under inbox/)")
    load.add_argument("folder", type=Path, metavar="DIR")
    load.set_defaults(run=cmd_master_data_load)
