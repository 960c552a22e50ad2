"""The stage pipeline: read -> classify -> extract -> validate -> route, the same for the CLI, the flows and the tests.

Each stage is a plain `stage(doc, ctx) -> doc`. `process_files` spreads OCR pages over a process
pool sized to the cores and yields documents in input order as soon as each is done.
"""

from __future__ import annotations

import multiprocessing
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import extractors
import validators
from backoffice.document import Document, Issue
from backoffice.settings import ReaderSettings
from reader import PageJob, PageOcr, apply_ocr, ocr_page, open_document


@dataclass
class RunContext:
    """What stages may consult besides the document: settings, what the run has seen, master data."""

    reader: ReaderSettings = field(default_factory=ReaderSettings)
    seen: validators.SeenDocuments = field(default_factory=validators.SeenDocuments)
    master_data: validators.MasterData | None = None  # None: only the checks inside each document run
    rules: validators.RulePack = field(default_factory=validators.default_rules)


def classify(doc: Document, ctx: RunContext) -> Document:
    if not doc.quarantined:
        extractors.classify(doc)
    return doc


def extract(doc: Document, ctx: RunContext) -> Document:
    if not doc.quarantined:
        extractors.extract(doc)
    return doc


def validate(doc: Document, ctx: RunContext) -> Document:
    if not doc.quarantined:
        validators.validate(doc, seen=ctx.seen, master_data=ctx.master_data, rules=ctx.rules)
    return doc


def route(doc: Document, ctx: RunContext) -> Document:
    if not doc.quarantined:
        doc.status = "needs_review" if validators.needs_review(doc) else "auto_approved"
    return doc


STAGES: list[Callable[[Document, RunContext], Document]] = [classify, extract, validate, route]


def run_stages(doc: Document, ctx: RunContext) -> Document:
    """Run every stage after reading; a crash in one becomes an issue on the document, never a lost document."""
    for stage in STAGES:
        started = time.perf_counter()
        try:
            doc = stage(doc, ctx)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
            where = traceback.extract_tb(exc.__traceback__)[-1]
            doc.issues.append(Issue(
                code="pipeline.stage_failed",
                message=f"the {stage.__name__} stage failed on this document ({type(exc).__name__} at "
                        f"{Path(where.filename).name}:{where.lineno}); an operator must process it by hand. "
                        "Please report it with the file.",
            ))
            doc.status = "needs_review"
            break
        finally:
            doc.timings_ms[stage.__name__] = (time.perf_counter() - started) * 1000
    return doc


class PagePool:
    """A process pool for OCR pages, started on first use, replaced when a worker dies (a crashing page must not
    end the run). A caller reading many batches (the process flow) keeps one for all of them: each new pool's
    workers import the reader again, over a second of CPU each."""

    def __init__(self, workers: int):
        self.workers = max(1, workers)
        self.starts = 0  # how many times workers were started: 1, plus 1 for each page that killed one
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> PagePool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def submit(self, job: PageJob) -> Future[PageOcr]:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("forkserver"))
            self.starts += 1
        return self._executor.submit(ocr_page, job)

    def reset(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = None

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
        self._executor = None


def _ocr_alone(jobs: list[PageJob]) -> list[PageOcr]:
    """OCR pages one at a time in a throwaway single worker, to tell which page kills it."""
    results = []
    for job in jobs:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("forkserver")) as single:
            try:
                results.append(single.submit(ocr_page, job).result())
            except BrokenProcessPool:
                results.append(PageOcr(index=job.index, error_code="file.corrupt",
                                       error_message=f"page {job.index + 1} crashed the page reader; "
                                                     "ask the sender to scan or export it again"))
    return results


def read_files(items: Iterable[tuple[Path, str]], settings: ReaderSettings,
               pool: PagePool | None = None) -> Iterator[Document]:
    """Read (path, source) pairs in order, OCR pages in parallel, with a bounded number in flight. A pool given
    is the caller's and stays open; without one, a pool lives as long as this reading."""
    owned = pool is None
    pool = pool if pool is not None else PagePool(settings.workers)
    in_flight: deque[tuple[Document, list[PageJob], list[Future[PageOcr]]]] = deque()
    max_pages_in_flight = 4 * pool.workers

    def finish_first() -> Document:
        doc, jobs, futures = in_flight.popleft()
        try:
            results = [f.result() for f in futures]
        except BrokenProcessPool:
            pool.reset()
            results = _ocr_alone(jobs)
            # The documents queued behind it lost their futures with the pool: queue them again.
            for i, (d, j, _) in enumerate(in_flight):
                in_flight[i] = (d, j, [pool.submit(x) for x in j])
        return apply_ocr(doc, results)

    try:
        for path, source in items:
            doc, jobs = open_document(path, settings, source=source)
            in_flight.append((doc, jobs, [pool.submit(j) for j in jobs]))
            while in_flight and (
                sum(len(j) for _, j, _ in in_flight) > max_pages_in_flight
                or all(f.done() for f in in_flight[0][2])
            ):
                yield finish_first()
        while in_flight:
            yield finish_first()
    finally:
        if owned:
            pool.close()
        else:  # a reading stopped early leaves the caller's pool no work of its own
            for _, _, futures in in_flight:
                for f in futures:
                    f.cancel()


def process_files(items: Iterable[tuple[Path, str]], ctx: RunContext,
                  pool: PagePool | None = None) -> Iterator[Document]:
    """Every stage on every file, in input order: one Document out per file in, always."""
    for doc in read_files(items, ctx.reader, pool):
        yield run_stages(doc, ctx)
