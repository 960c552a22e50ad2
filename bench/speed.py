"""Measure how fast and how big `backoffice extract` runs, against plain tesseract over the same scanned pages.

Usage:
    .venv/bin/python bench/speed.py [--docs DIR | --count 60 --seed 7]
        [--out bench/results/speed.json] [--workers N]

Without --docs the script generates the set first (`python -m samplegen`, half of it scans)
into a temporary folder. Then, in one run:

1. Extract: `backoffice extract DIR --format jsonl --workers N` (the console script beside
   this Python) is timed end to end, while the memory of its whole process tree (the CLI,
   its pool workers, their tesseract children) is sampled from /proc every 50 ms. Each
   output line's `timings_ms` gives the per-document stage times.
2. Floor: plain `tesseract IMAGE - -l LANG tsv` over the pages extract OCRed, on as many
   parallel processes as extract's pool, with the same language and OMP_THREAD_LIMIT.
   Images are OCRed as dropped: extract enlarges grey scans under 180 dpi to 240 dpi and
   turns and straightens them first, the floor does not. tesseract cannot read a PDF, so an
   image-only PDF page's floor is rendering it at the OCR resolution (pypdfium2, as extract
   does) plus tesseract: rendering is timed in one process and counted as spread over the
   workers. The ratio against tesseract alone is printed too.
3. The figures are printed next to their goals and written as JSON to --out.

It measures, it does not gate: it exits 0 whatever the figures are.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from PIL import Image

from backoffice.settings import ReaderSettings
from reader.pdf import PdfProblem, text_layer_pages

REPO = Path(__file__).resolve().parent.parent
TRUTH_SUFFIX = ".truth.json"
STAGES = ["read", "ocr", "classify", "extract", "validate", "route"]
SAMPLE_INTERVAL_S = 0.05
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
MIB = 1024 * 1024

GOAL_RATIO = 1.3  # extract wall time / floor wall time
GOAL_TEXT_MEDIAN_S = 0.15  # median per text-layer document, sum of its stage timings
GOAL_PEAK_RSS = 1024 * MIB  # whole process tree


# ---------------------------------------------------------------- the document set


def generate_samples(out: Path, count: int, seed: int) -> float:
    """Write `count` sample documents, half of them scans, into `out`; return the seconds it took."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "samplegen", "--out", str(out), "--seed", str(seed),
               "--count", str(count), "--scan-share", "0.5"]
    completed = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    if completed.returncode != 0:
        tail = completed.stderr.strip()[-500:]
        raise SystemExit(f"samplegen failed (exit {completed.returncode}): {tail}\n"
                         "Pass --docs DIR to measure a folder of documents instead.")
    return time.perf_counter() - started


def document_files(docs_dir: Path) -> list[Path]:
    """The files `backoffice extract` will read: everything but truth sidecars and hidden files."""
    return [
        p for p in sorted(docs_dir.rglob("*"))
        if p.is_file() and not p.name.endswith(TRUTH_SUFFIX)
        and not any(part.startswith(".") or part == "__pycache__" for part in p.relative_to(docs_dir).parts)
    ]


def warm_page_cache(files: list[Path]) -> None:
    """Read every file once, so neither run pays for a cold disk and the other does not."""
    for path in files:
        with path.open("rb") as f:
            while f.read(1 << 20):
                pass


def truth_meta(source: str) -> dict[str, Any] | None:
    """The "meta" of the NAME.truth.json beside a document, when there is one."""
    path = Path(source)
    sidecar = path.with_name(path.stem + TRUTH_SUFFIX)
    if not sidecar.is_file():
        return None
    return json.loads(sidecar.read_text(encoding="utf-8")).get("meta")


# ---------------------------------------------------------------- memory of a process tree


@dataclass(frozen=True)
class Process:
    pid: int
    ppid: int
    name: str
    rss: int  # bytes


def process_table() -> dict[int, Process]:
    """Every process on the machine, from /proc/PID/stat (parent, command name, resident set)."""
    table = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="utf-8", errors="replace") as f:
                stat = f.read()
        except OSError:  # the process ended between the listing and the read
            continue
        # The command name is in parentheses and may itself hold spaces or parentheses.
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        rest = stat[stat.rindex(")") + 2 :].split()
        table[int(entry.name)] = Process(int(entry.name), int(rest[1]), name, int(rest[21]) * PAGE_SIZE)
    return table


def descendants_and_self(root: int, table: dict[int, Process]) -> list[Process]:
    children: dict[int, list[int]] = {}
    for proc in table.values():
        children.setdefault(proc.ppid, []).append(proc.pid)
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        if pid in table:
            found.append(table[pid])
        todo.extend(children.get(pid, []))
    return found


class TreeMemorySampler:
    """Samples, in a background thread, the summed and the largest single RSS of a process tree.

    The sum counts pages shared between processes (libraries, forked memory) once per process,
    so it overstates what the tree really holds: a safe figure to hold against a memory limit.
    """

    def __init__(self, root: int, interval_s: float = SAMPLE_INTERVAL_S):
        self.root, self.interval_s = root, interval_s
        self.peak_total = self.peak_processes = self.samples = 0
        self.peak_single: Process | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while True:
            self._sample()
            if self._stop.wait(self.interval_s):
                return

    def _sample(self) -> None:
        tree = descendants_and_self(self.root, process_table())
        self.samples += 1
        total = sum(p.rss for p in tree)
        if total > self.peak_total:
            self.peak_total, self.peak_processes = total, len(tree)
        largest = max(tree, key=lambda p: p.rss, default=None)
        if largest and (self.peak_single is None or largest.rss > self.peak_single.rss):
            # The CLI and its pool workers are all "python3" to the kernel; tell them apart.
            role = "the CLI" if largest.pid == self.root else "a descendant"
            self.peak_single = Process(largest.pid, largest.ppid, f"{largest.name}, {role}", largest.rss)


# ---------------------------------------------------------------- the extract run


@dataclass
class ExtractRun:
    wall_s: float
    exit_code: int
    results: list[dict[str, Any]]
    memory: TreeMemorySampler
    cli_maxrss: int  # bytes: the kernel's high-water mark of the CLI and the children it waited for
    stderr_tail: str


def run_extract(docs_dir: Path, workers: int) -> ExtractRun:
    """Run `backoffice extract DIR --format jsonl` and time it from start to exit, memory sampled throughout."""
    executable = Path(sys.executable).parent / "backoffice"
    command = [str(executable), "extract", str(docs_dir), "--format", "jsonl", "--workers", str(workers)]
    with tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        try:
            proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr)
        except FileNotFoundError:
            raise SystemExit(f"{executable} not found: install the project (make setup)") from None
        with TreeMemorySampler(proc.pid) as memory:
            output = proc.stdout.read()
            # wait4 rather than wait: it also hands back the child's resource usage.
            _, status, usage = os.wait4(proc.pid, 0)
        wall_s = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        proc.stdout.close()
        stderr.seek(0)
        stderr_tail = stderr.read().decode(errors="replace").strip()[-500:]
    results = [json.loads(line) for line in output.decode().splitlines() if line.strip()]
    return ExtractRun(wall_s, proc.returncode, results, memory, usage.ru_maxrss * 1024, stderr_tail)


# ---------------------------------------------------------------- the floor: plain tesseract


@dataclass
class FloorPages:
    images: list[Path] = field(default_factory=list)  # one image file per page, in document order
    sources: list[str] = field(default_factory=list)  # the document each image is a page of
    render_s: float = 0.0  # rendering image-only PDF pages, one process, not part of the floor
    skipped: list[str] = field(default_factory=list)  # documents the floor could not open


def read_by_ocr(result: dict[str, Any]) -> bool:
    return result["text_source"] in ("ocr", "mixed")


def collect_floor_pages(results: list[dict[str, Any]], workdir: Path, dpi: int) -> FloorPages:
    """The pages extract OCRed, each as an image file tesseract can read."""
    pages = FloorPages()
    for result in filter(read_by_ocr, results):
        path = Path(result["source"])
        try:
            if path.suffix.lower() == ".pdf":
                pages.render_s += render_scanned_pdf_pages(path, workdir, dpi, pages.images)
            else:
                split_image_frames(path, workdir, pages.images)
        except (OSError, ValueError, PdfProblem, pdfium.PdfiumError) as exc:
            pages.skipped.append(f"{path.name}: {type(exc).__name__}: {exc}")
        pages.sources += [result["source"]] * (len(pages.images) - len(pages.sources))
    return pages


def render_scanned_pdf_pages(path: Path, workdir: Path, dpi: int, images: list[Path]) -> float:
    """Render the pages without a usable text layer (the reader's own rule) as extract does; return seconds."""
    scanned = [i for i, text_page in enumerate(text_layer_pages(path)) if text_page.page is None]
    started = time.perf_counter()
    pdf = pdfium.PdfDocument(str(path))
    try:
        pdf.init_forms()  # extract draws filled-in form fields, so the floor does too
        for index in scanned:
            page = pdf[index]
            image = page.render(scale=dpi / 72, grayscale=True, may_draw_forms=True).to_pil().convert("L")
            page.close()
            target = workdir / f"{len(images):05d}-{path.stem}-p{index + 1}.png"
            image.save(target, dpi=(dpi, dpi))
            images.append(target)
    finally:
        pdf.close()
    return time.perf_counter() - started


def split_image_frames(path: Path, workdir: Path, images: list[Path]) -> None:
    """A single-frame image as dropped; a multi-page TIFF split into one lossless PNG per frame.

    Split because tesseract given a multi-page TIFF reads all its pages in one process.
    """
    with Image.open(path) as img:
        frames = getattr(img, "n_frames", 1)
        if frames == 1:
            images.append(path)
            return
        for index in range(frames):
            img.seek(index)
            target = workdir / f"{len(images):05d}-{path.stem}-f{index + 1}.png"
            dpi = img.info.get("dpi")
            img.save(target, **({"dpi": dpi} if dpi else {}))
            images.append(target)


@dataclass
class FloorRun:
    wall_s: float
    pages: int
    failed: int
    page_seconds: list[float]  # per page, in the order of the images


def floor_ms_by_document(pages: FloorPages, floor: FloorRun) -> dict[str, float]:
    by_document: dict[str, float] = {}
    for source, page_s in zip(pages.sources, floor.page_seconds):
        by_document[source] = by_document.get(source, 0.0) + page_s * 1000
    return by_document


def tesseract_tsv(image: Path, lang: str, timeout_s: float) -> tuple[bool, float]:
    """One `tesseract IMAGE - -l LANG tsv`: (succeeded, seconds)."""
    # The same thread limit extract's tesseract runs under (the reader defaults it to 1).
    env = {**os.environ, "OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", "1")}
    started = time.perf_counter()
    try:
        done = subprocess.run(["tesseract", str(image), "-", "-l", lang, "tsv"],
                              env=env, capture_output=True, timeout=timeout_s)
        ok = done.returncode == 0
    except subprocess.TimeoutExpired:
        ok = False
    return ok, time.perf_counter() - started


def run_floor(images: list[Path], lang: str, workers: int, timeout_s: float) -> FloorRun:
    """Every page through plain tesseract, `workers` processes at a time (threads only wait on them)."""
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        outcomes = list(pool.map(lambda image: tesseract_tsv(image, lang, timeout_s), images))
    wall_s = time.perf_counter() - started
    return FloorRun(wall_s, len(images), sum(not ok for ok, _ in outcomes), [s for _, s in outcomes])


# ---------------------------------------------------------------- figures


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0..100), interpolated between the nearest ranks; None without values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def document_kind(result: dict[str, Any]) -> str:
    """digital or scanned: as the sample's truth says, else as extract read it."""
    meta = truth_meta(result["source"])
    if meta is not None and "scanned" in meta:
        return "scanned" if meta["scanned"] else "digital"
    return {"text_layer": "digital", "ocr": "scanned", "mixed": "scanned"}.get(result["text_source"], "unread")


def stage_group(result: dict[str, Any]) -> str:
    if result["text_source"] == "text_layer":
        return "text_layer"
    return "ocr" if read_by_ocr(result) else "unread"


def document_seconds(result: dict[str, Any]) -> float:
    return sum(result.get("timings_ms", {}).values()) / 1000


def stage_totals(results: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Seconds per stage, summed over text-layer documents, OCRed documents and all documents."""
    totals = {stage: {"text_layer": 0.0, "ocr": 0.0, "all": 0.0} for stage in STAGES}
    for result in results:
        group = stage_group(result)
        for stage, ms in result.get("timings_ms", {}).items():
            row = totals.setdefault(stage, {"text_layer": 0.0, "ocr": 0.0, "all": 0.0})
            row["all"] += ms / 1000
            if group in row:
                row[group] += ms / 1000
    return totals


def goal(name: str, value: float | None, op: str, limit: float | None, unit: str) -> dict[str, Any]:
    ok = None if value is None or limit is None else value <= limit
    return {"name": name, "value": value, "op": op, "limit": limit, "unit": unit, "ok": ok}


def summarise(
    extract: ExtractRun, floor: FloorRun, floor_pages: FloorPages, settings: dict[str, Any]
) -> dict[str, Any]:
    results = extract.results
    kinds = [document_kind(r) for r in results]
    text_layer_seconds = [document_seconds(r) for r in results if r["text_source"] == "text_layer"]
    # tesseract cannot read a PDF: the floor for an image-only PDF page is rendering it (as extract does,
    # spread over the same workers) and then tesseract. Image files need no rendering.
    workers = max(int(settings.get("workers") or 1), 1)
    floor_wall_s = floor.wall_s + floor_pages.render_s / workers
    ratio = extract.wall_s / floor_wall_s if floor.pages and floor_wall_s > 0 else None
    ratio_without_render = extract.wall_s / floor.wall_s if floor.pages and floor.wall_s > 0 else None
    memory = extract.memory
    median = percentile(text_layer_seconds, 50)
    floor_ms = floor_ms_by_document(floor_pages, floor)
    return {
        "settings": settings,
        "documents": {
            "total": len(results),
            "digital": kinds.count("digital"),
            "scanned": kinds.count("scanned"),
            "unread": kinds.count("unread"),
            "pages": sum(r.get("pages", 0) for r in results),
            "ocr_pages": floor.pages,
            "quarantined": sum(r.get("status") == "quarantined" for r in results),
        },
        "extract": {
            "wall_s": extract.wall_s,
            "exit_code": extract.exit_code,
            "peak_tree_rss_bytes": memory.peak_total,
            "peak_tree_processes": memory.peak_processes,
            "peak_single_rss_bytes": memory.peak_single.rss if memory.peak_single else 0,
            "peak_single_process": memory.peak_single.name if memory.peak_single else None,
            "cli_maxrss_bytes": extract.cli_maxrss,
            "memory_samples": memory.samples,
            "memory_note": "tree = sum of RSS over the CLI and all its descendants, sampled every "
                           f"{SAMPLE_INTERVAL_S * 1000:.0f} ms (shared pages counted once per process); "
                           "cli_maxrss = the kernel's high-water mark (wait4 ru_maxrss) of the CLI process "
                           "and the descendants it waited for",
        },
        "floor": {
            "wall_s": floor_wall_s,
            "tesseract_wall_s": floor.wall_s,
            "ratio_against_tesseract_alone": ratio_without_render,
            "pages": floor.pages,
            "failed_pages": floor.failed,
            "page_seconds_total": sum(floor.page_seconds),
            "pdf_render_s": floor_pages.render_s,
            "skipped_documents": floor_pages.skipped,
            "note": "plain `tesseract IMAGE - -l LANG tsv` over the pages extract OCRed, images as dropped "
                    "(no enlarging of scans under 220 dpi, no turning or deskewing); image-only PDF pages "
                    f"rendered at {settings['ocr_dpi']} dpi (pypdfium2, timed in one process and counted as "
                    "spread over the workers), since tesseract cannot read a PDF",
        },
        "text_layer_documents": {
            "count": len(text_layer_seconds),
            "median_s": median,
            "p95_s": percentile(text_layer_seconds, 95),
        },
        "stage_totals_s": stage_totals(results),
        "goals": [
            goal("extract / floor wall time", ratio, "<=", GOAL_RATIO, "x"),
            goal("text-layer document, median", median, "<=", GOAL_TEXT_MEDIAN_S, "s"),
            goal("peak RSS, whole process tree", memory.peak_total, "<=", GOAL_PEAK_RSS, "bytes"),
        ],
        "per_document": [
            {
                "source": Path(r["source"]).name,
                "kind": kind,
                "text_source": r["text_source"],
                "status": r.get("status"),
                "pages": r.get("pages"),
                "total_ms": round(document_seconds(r) * 1000, 1),
                "timings_ms": r.get("timings_ms", {}),
                "floor_ms": round(floor_ms[r["source"]], 1) if r["source"] in floor_ms else None,
            }
            for r, kind in zip(results, kinds)
        ],
    }


# ---------------------------------------------------------------- printing


def format_table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip() for r in [headers, *rows]]
    return "\n".join(lines)


def seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f} s"


def mib(value: float | None) -> str:
    return "-" if value is None else f"{value / MIB:.0f} MiB"


def show(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    return {"s": seconds, "bytes": mib}.get(unit, lambda v: f"{v:.2f}")(value)


def render_summary(report: dict[str, Any]) -> str:
    d, ex, fl, s = report["documents"], report["extract"], report["floor"], report["settings"]
    lines = [
        f"documents  {d['total']} ({d['digital']} digital, {d['scanned']} scanned"
        + (f", {d['unread']} unread" if d["unread"] else "")
        + f"; {d['quarantined']} quarantined), {d['pages']} pages, {d['ocr_pages']} of them OCRed",
        f"settings   {s['workers']} workers, OCR language {s['ocr_lang']}, PDF pages at {s['ocr_dpi']} dpi, "
        f"OMP_THREAD_LIMIT={s['omp_thread_limit']}",
        f"extract    {seconds(ex['wall_s'])} wall, exit {ex['exit_code']}",
        f"floor      {seconds(fl['wall_s'])} wall for {fl['pages']} pages ({fl['failed_pages']} failed): "
        f"tesseract {seconds(fl['tesseract_wall_s'])} wall ({seconds(fl['page_seconds_total'])} summed over pages) "
        f"+ rendering image-only PDF pages {seconds(fl['pdf_render_s'])} / {s['workers']} workers; "
        f"against tesseract alone extract takes {show(fl['ratio_against_tesseract_alone'], 'x')}",
        f"           {fl['note']}",
        f"memory     peak {mib(ex['peak_tree_rss_bytes'])} over the process tree "
        f"({ex['peak_tree_processes']} processes), "
        f"largest single process {mib(ex['peak_single_rss_bytes'])} ({ex['peak_single_process']}), "
        f"CLI high-water mark {mib(ex['cli_maxrss_bytes'])}",
        f"           {ex['memory_note']}",
    ]
    lines += [f"skipped    {skipped}" for skipped in fl["skipped_documents"]]
    return "\n".join(lines)


def render_figures(report: dict[str, Any]) -> str:
    verdict = {True: "ok", False: "FAIL", None: "n/a"}
    ex, fl, tl = report["extract"], report["floor"], report["text_layer_documents"]
    rows = [
        ["extract wall time", seconds(ex["wall_s"]), "", ""],
        ["floor wall time", seconds(fl["wall_s"]), "", ""],
    ]
    for g in report["goals"]:
        rows.append([g["name"], show(g["value"], g["unit"]), f"{g['op']} {show(g['limit'], g['unit'])}",
                     verdict[g["ok"]]])
        if g["name"].startswith("text-layer"):
            rows.append([f"text-layer document, p95 ({tl['count']} documents)", seconds(tl["p95_s"]), "", ""])
    rows.append(["largest single process", mib(ex["peak_single_rss_bytes"]), "", ""])
    return "Figures\n" + format_table(["figure", "value", "goal", "result"], rows)


def render_stages(report: dict[str, Any]) -> str:
    rows = [[stage, f"{t['text_layer']:.2f}", f"{t['ocr']:.2f}", f"{t['all']:.2f}"]
            for stage, t in report["stage_totals_s"].items()]
    return ("Stage totals, seconds summed over documents (ocr is worker time, spread over "
            f"{report['settings']['workers']} processes)\n"
            + format_table(["stage", "text layer", "OCRed", "all"], rows))


def render(report: dict[str, Any]) -> str:
    return "\n\n".join([render_summary(report), render_figures(report), render_stages(report)])


# ---------------------------------------------------------------- main


def measure(docs_dir: Path, workers: int, settings: ReaderSettings, run_settings: dict[str, Any]) -> dict[str, Any]:
    warm_page_cache(document_files(docs_dir))
    extract = run_extract(docs_dir, workers)
    if extract.exit_code != 0:
        print(f"warning: backoffice extract exited {extract.exit_code}: {extract.stderr_tail}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="speed-floor-") as workdir:
        pages = collect_floor_pages(extract.results, Path(workdir), settings.ocr_dpi)
        floor = run_floor(pages.images, settings.ocr_lang, workers, settings.limits.ocr_timeout_s)
    return summarise(extract, floor, pages, run_settings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, help="measure this folder instead of a generated set")
    parser.add_argument("--count", type=int, default=60, help="documents to generate (without --docs)")
    parser.add_argument("--seed", type=int, default=7, help="generator seed (without --docs)")
    parser.add_argument("--out", type=Path, default=Path("bench/results/speed.json"))
    parser.add_argument("--workers", type=int, help="OCR processes for extract and the floor (default: as extract)")
    args = parser.parse_args(argv)

    settings = ReaderSettings()  # the same environment variables extract reads
    workers = args.workers or settings.workers
    run_settings: dict[str, Any] = {
        "workers": workers, "ocr_lang": settings.ocr_lang, "ocr_dpi": settings.ocr_dpi,
        "omp_thread_limit": os.environ.get("OMP_THREAD_LIMIT", "1"), "cpu_count": os.cpu_count(),
        "docs": str(args.docs) if args.docs else None, "generated": None,
    }
    if args.docs:
        if not args.docs.is_dir():
            raise SystemExit(f"no such folder: {args.docs}")
        report = measure(args.docs, workers, settings, run_settings)
    else:
        with tempfile.TemporaryDirectory(prefix="speed-docs-") as docs:
            generate_s = generate_samples(Path(docs), args.count, args.seed)
            run_settings["generated"] = {"count": args.count, "seed": args.seed, "scan_share": 0.5,
                                         "seconds": generate_s}
            report = measure(Path(docs), workers, settings, run_settings)
    print(render(report))

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
