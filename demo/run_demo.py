"""`make demo`: the whole pipeline on one machine, from an S3 drop to the system of record, then an accounting table.

Starts moto's S3 server on loopback (in this process), points the pipeline at it with SQLite databases in
var/demo/ and a local Prefect (a temporary API server this process starts and stops; its database is kept in
var/demo/prefect so the runs can be browsed afterwards), drops sample_docs/ into inbox/<client>/ for two clients
with their master data, runs ingest, process and post as Prefect flow runs, and prints what became of every
object. Every run starts clean: var/demo/ is deleted first. Nothing is left running.

    .venv/bin/python demo/run_demo.py [--data-dir var/demo] [--limit N]
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "sample_docs"
MASTER_DATA = REPO / "demo" / "master-data"
BUCKET = "backoffice-demo"
CLIENTS = ("northwind", "lakeside")
TRUTH_SUFFIX = ".truth.json"


def sample_files(limit: int | None) -> list[Path]:
    files = sorted(p for p in SAMPLES.iterdir() if p.is_file() and not p.name.endswith(TRUTH_SUFFIX))
    return files[:limit] if limit else files


def drops(limit: int | None) -> dict[str, list[tuple[str, Path]]]:
    """What each client drops. northwind: every sample, with a manifest that also lists a file that never comes.
    lakeside (a smaller client): the digital samples, one of them sent twice under another name."""
    every = sample_files(limit)
    digital = [p for p in every if "scan" not in p.name and p.suffix == ".pdf"] or every[:1]
    lakeside = [(f"inbox/lakeside/2026-11/{p.name}", p) for p in digital]
    lakeside.append((f"inbox/lakeside/resent/{digital[0].name}", digital[0]))  # the same bytes again
    return {"northwind": [(f"inbox/northwind/batch-001/{p.name}", p) for p in every], "lakeside": lakeside}


def manifest_for(files: list[tuple[str, Path]], never_sent: str) -> bytes:
    import hashlib

    lines = ["file,sha256"] + [f"{Path(key).name},{hashlib.sha256(path.read_bytes()).hexdigest()}"
                               for key, path in files] + [f"{never_sent},"]
    return ("\n".join(lines) + "\n").encode()


def set_environment(data_dir: Path, endpoint: str) -> None:
    os.environ.update({
        "BACKOFFICE_DATA_DIR": str(data_dir),
        "BACKOFFICE_S3_ENDPOINT_URL": endpoint,
        "BACKOFFICE_BUCKET": BUCKET,
        "AWS_ACCESS_KEY_ID": "demo",
        "AWS_SECRET_ACCESS_KEY": "demo-secret",
        "AWS_DEFAULT_REGION": "us-east-1",
        "PREFECT_HOME": str(data_dir / "prefect"),
        "PREFECT_LOGGING_LEVEL": "WARNING",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_EPHEMERAL_ENABLED": "true",
        # A first start creates Prefect's database; on a busy 2-core machine that takes longer than the default 20 s.
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    })
    for name in ("BACKOFFICE_DATABASE_URL", "BACKOFFICE_SOR_URL", "BACKOFFICE_SETTINGS", "PREFECT_API_URL",
                 "BACKOFFICE_CONNECTOR"):
        os.environ.pop(name, None)


def upload(endpoint: str, limit: int | None) -> dict[str, int]:
    import boto3

    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    s3.create_bucket(Bucket=BUCKET)
    s3.put_bucket_versioning(Bucket=BUCKET, VersioningConfiguration={"Status": "Enabled"})
    dropped: dict[str, int] = {}
    for client, files in drops(limit).items():
        for name in sorted(os.listdir(MASTER_DATA / client)):
            s3.put_object(Bucket=BUCKET, Key=f"master-data/{client}/{name}",
                          Body=(MASTER_DATA / client / name).read_bytes())
        for key, path in files:
            s3.put_object(Bucket=BUCKET, Key=key, Body=path.read_bytes())
        dropped[client] = len(files)
    northwind = drops(limit)["northwind"]
    s3.put_object(Bucket=BUCKET, Key="inbox/northwind/batch-001/manifest.csv",
                  Body=manifest_for(northwind, never_sent="invoice_lost_in_the_mail.pdf"))
    return dropped


COLUMNS = ("client", "objects seen", "auto-posted", "waiting for review", "quarantined", "duplicates",
           "other", "adds up")


def accounting_rows(statuses: list) -> list[list[str]]:  # noqa: ANN001 - accounting.ClientStatus
    """One row per client: objects seen = auto-posted + waiting for review + quarantined + duplicates + other
    (approved not yet posted, rejected, still pending or failed: 0 after a clean demo run)."""
    rows = []
    for s in statuses:
        posted, review, quarantined = s.documents["posted"], s.documents["needs_review"], s.documents["quarantined"]
        other = s.received - posted - review - quarantined - s.duplicates
        adds_up = s.adds_up and other == s.pending + s.failed + sum(
            s.documents[k] for k in ("auto_approved", "approved", "rejected"))
        rows.append([s.client, str(s.received), str(posted), str(review), str(quarantined), str(s.duplicates),
                     str(other), "yes" if adds_up else "NO"])
    return rows


def print_table(rows: list[list[str]]) -> None:
    table = [list(COLUMNS), *rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(COLUMNS))]
    for r in table:
        print("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=REPO / "var" / "demo",
                        help="where the demo keeps its state; deleted first (default var/demo)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N sample files (for a quick look)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    data_dir = args.data_dir.resolve()
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)

    sys.path.insert(0, str(REPO))
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        set_environment(data_dir, endpoint)
        dropped = upload(endpoint, args.limit)
        print(f"S3 (moto) at {endpoint}, bucket {BUCKET}: dropped "
              + ", ".join(f"{n} files for {c}" for c, n in dropped.items())
              + ", a manifest for northwind's batch, and both clients' master data")
        print("running ingest, process and post as Prefect flow runs (a local Prefect server starts first) ...",
              flush=True)
        from backoffice.accounting import client_statuses
        from backoffice.settings import load_settings
        from flows.report import report
        from flows.run_once import run_once

        result = run_once()
        report()
        statuses = client_statuses(load_settings())
    finally:
        server.stop()
    rows = accounting_rows(statuses)
    print()
    print_table(rows)
    print()
    for p in result.manifest_problems:
        print(f"manifest {p['manifest']}: {p['file']} is {p['problem']} ({p['detail']})")
    for line in result.unaccounted:
        print(f"NOT ACCOUNTED FOR: {line}")
    files = sum(s.received for s in statuses)
    print(f"\n{files} files (and {result.seen - files} manifest) seen, {result.processed} processed, {result.posted} "
          f"documents posted in {time.monotonic() - started:.0f} s. Where to look next:")
    env = f"BACKOFFICE_DATA_DIR={os.path.relpath(data_dir)}"
    print(f"  the runs, logs and artifacts:  PREFECT_HOME={os.path.relpath(data_dir / 'prefect')} "
          ".venv/bin/prefect server start   (then http://127.0.0.1:4200)")
    print(f"  the exception queue:           {env} .venv/bin/backoffice users add you --role supervisor "
          "--password-stdin\n"
          f"                                 {env} .venv/bin/backoffice serve   (then http://127.0.0.1:8000)")
    print(f"  the same table for scripts:    {env} .venv/bin/backoffice status --json")
    ok = all(r[-1] == "yes" for r in rows) and not result.unaccounted
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
