"""Measure the pipeline (ingest, process, post as Prefect flow runs, on S3 and a database) against `backoffice
extract` on the same files in the same run, and count SQL statements per document.

Usage:
    .venv/bin/python bench/pipeline.py [--count 1000 --seed 11 --scan-share 0.05 | --docs DIR]
        [--out bench/results/pipeline.json]

1. The drop: `python -m samplegen --count N` (mostly digital: --scan-share, default 5 % scans; 10 % faulty files)
   into a temporary folder, unless --docs names one.
2. Extract: `backoffice extract DIR --format jsonl` (the console script beside this Python), timed end to end.
3. Pipeline: moto's S3 server on loopback in a process of its own, the files uploaded to inbox/bench/ (not timed), a
   local Prefect server started (not timed: in production it is already up), SQLite in a temporary data dir,
   the SQL system of record beside it; then the `run_once` flow (ingest, process, post) is timed. Every SQL
   statement the pipeline's database receives is counted (SQLAlchemy's before_cursor_execute), by flow.
4. The ratio pipeline / extract is printed next to its goal (<= 1.25) and written with the counts to --out (JSON)
   and beside it as .txt. Extract runs twice, before and after the pipeline, and the mean is compared. It measures, it does not gate: exit 0 whatever the figures are.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TRUTH_SUFFIX = ".truth.json"
GOAL_RATIO = 1.25
BUCKET = "bench-drop"


def generate(out: Path, count: int, seed: int, scan_share: float) -> str:
    command = [sys.executable, "-m", "samplegen", "--out", str(out), "--seed", str(seed), "--count", str(count),
               "--scan-share", str(scan_share)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"samplegen failed (exit {done.returncode}): {done.stderr.strip()[-500:]}")
    return done.stdout.strip()


def document_files(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.endswith(TRUTH_SUFFIX)]


def time_extract(folder: Path) -> tuple[float, Counter]:
    command = [str(Path(sys.executable).with_name("backoffice")), "extract", str(folder), "--format", "jsonl"]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"backoffice extract failed (exit {done.returncode}): {done.stderr[-500:]}")
    return elapsed, Counter(json.loads(line)["status"] for line in done.stdout.splitlines() if line.strip())


def upload(endpoint: str, files: list[Path], root: Path) -> None:
    import boto3
    from concurrent.futures import ThreadPoolExecutor

    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    s3.create_bucket(Bucket=BUCKET)
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda p: s3.put_object(Bucket=BUCKET, Key=f"inbox/bench/{p.relative_to(root).as_posix()}",
                                              Body=p.read_bytes()), files))


def count_statements(url: str) -> Counter:
    """Statements sent to the pipeline's database, by the Prefect flow that sent them."""
    from prefect import runtime
    from sqlalchemy import event

    from models import engine_for

    counts: Counter = Counter()

    def count(*_args: object) -> None:
        counts[runtime.flow_run.flow_name or "outside a flow"] += 1

    event.listen(engine_for(url), "before_cursor_execute", count)
    return counts


def seconds_by_flow(url: str) -> dict[str, float]:
    from sqlalchemy import select

    from models import RunRecord, session_scope

    with session_scope(url) as session:
        runs = session.execute(select(RunRecord)).scalars().all()
        return {r.flow: round((r.finished_at - r.started_at).total_seconds(), 1) for r in runs if r.finished_at}


def start_s3() -> tuple[subprocess.Popen, str]:
    """moto's S3 server in a process of its own, as a real endpoint would be (not competing for this process's
    interpreter lock)."""
    import socket
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(endpoint, timeout=1)
            return server, endpoint
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("moto's server did not start")


def time_pipeline(folder: Path, files: list[Path], work: Path) -> dict:
    server, endpoint = start_s3()
    os.environ.update({"BACKOFFICE_S3_ENDPOINT_URL": endpoint, "BACKOFFICE_BUCKET": BUCKET,
                       "BACKOFFICE_DATA_DIR": str(work), "AWS_ACCESS_KEY_ID": "bench",
                       "AWS_SECRET_ACCESS_KEY": "bench-secret", "AWS_DEFAULT_REGION": "us-east-1",
                       "PREFECT_LOGGING_LEVEL": "WARNING", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"})
    for name in ("BACKOFFICE_DATABASE_URL", "BACKOFFICE_SOR_URL", "BACKOFFICE_SETTINGS", "BACKOFFICE_CONNECTOR"):
        os.environ.pop(name, None)
    try:
        upload(endpoint, files, folder)
        from prefect.testing.utilities import prefect_test_harness

        from backoffice.accounting import client_statuses
        from backoffice.settings import load_settings
        from flows.run_once import run_once
        from models import migrate

        settings = load_settings()
        migrate(settings.database_url)
        with prefect_test_harness(server_startup_timeout=120):
            counts = count_statements(settings.database_url)
            started = time.perf_counter()
            result = run_once()
            elapsed = time.perf_counter() - started
        [status] = client_statuses(settings)
        flow_seconds = seconds_by_flow(settings.database_url)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return dict(seconds=elapsed, flow_seconds=flow_seconds, seen=result.seen, processed=result.processed,
                posted=result.posted,
                unaccounted=len(result.unaccounted), statements=dict(counts), documents=status.documents,
                duplicates=status.duplicates, adds_up=status.adds_up)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--scan-share", type=float, default=0.05)
    parser.add_argument("--docs", type=Path, default=None, help="measure this folder instead of generating one")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "pipeline.json")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    work = Path(tempfile.mkdtemp(prefix="bench-pipeline-"))
    try:
        folder = args.docs
        described = f"the files in {folder}"
        if folder is None:
            folder = work / "docs"
            print(f"generating {args.count} documents ...", flush=True)
            described = generate(folder, args.count, args.seed, args.scan_share)
        files = document_files(folder)
        # extract, pipeline, extract again: the machine's load drifts (the cores are shared), so the pipeline is
        # compared with the mean of the extract runs on either side of it.
        print(f"{described}\nextract ...", flush=True)
        before, extract_statuses = time_extract(folder)
        print(f"  {before:.1f} s\npipeline (ingest, process, post) ...", flush=True)
        pipeline = time_pipeline(folder, files, work / "var")
        print(f"  {pipeline['seconds']:.1f} s\nextract again ...", flush=True)
        after, _ = time_extract(folder)
        print(f"  {after:.1f} s", flush=True)
        extract_s = (before + after) / 2
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ratio = pipeline["seconds"] / extract_s
    per_document = {flow: round(n / max(len(files), 1), 2) for flow, n in sorted(pipeline["statements"].items())}
    figures = dict(documents=len(files), drop=described, extract_seconds=round(extract_s, 1),
                   extract_runs=[round(before, 1), round(after, 1)],
                   extract_statuses=dict(extract_statuses), pipeline_seconds=round(pipeline["seconds"], 1),
                   ratio=round(ratio, 3), goal_ratio=GOAL_RATIO, statements_by_flow=pipeline["statements"],
                   statements_per_document=per_document,
                   total_statements_per_document=round(sum(pipeline["statements"].values()) / max(len(files), 1), 2),
                   pipeline=dict((k, v) for k, v in pipeline.items() if k not in ("seconds", "statements")),
                   cores=os.cpu_count())
    lines = [
        f"{len(files)} documents: {described}",
        f"backoffice extract (mean of 2 runs):   {extract_s:7.1f} s  ({before:.1f} s before, {after:.1f} s after "
        f"the pipeline)  {dict(extract_statuses)}",
        f"pipeline (ingest, process, post):      {pipeline['seconds']:7.1f} s  seen {pipeline['seen']}, "
        f"posted {pipeline['posted']}, not accounted for {pipeline['unaccounted']}",
        f"ratio pipeline / extract:              {ratio:7.2f}    goal <= {GOAL_RATIO}  "
        f"{'ok' if ratio <= GOAL_RATIO else 'FAIL'}",
        "seconds by flow:                       " + ", ".join(f"{k} {v}" for k, v in
                                                               sorted(pipeline["flow_seconds"].items())),
        "SQL statements per document, by flow:  " + ", ".join(f"{k} {v}" for k, v in per_document.items()),
        f"SQL statements per document, total:    {figures['total_statements_per_document']}",
    ]
    print("\n".join(lines))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n")
    args.out.with_suffix(".txt").write_text("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
