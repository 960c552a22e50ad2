"""Making samples: one document from an order, and random sets for benchmarks, built in parallel.

Every order carries its own seed string, so a document does not depend on which process built it
or on what was built before it: the same seed and count give the same files.
"""

from __future__ import annotations

import os
import random
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing import Pool
from pathlib import Path
from typing import Any

from samplegen import faulty, invoice, scan
from samplegen.catalog import FAMILIES, KINDS, families
from samplegen.pens import FillablePen, HandPen, Pen, TypedPen
from samplegen.sample import Meta, Sample

# How often each kind turns up in a random set.
KIND_WEIGHTS = {"invoice": 0.36, "payroll": 0.2, "w9": 0.18, "direct_deposit": 0.18, "unknown": 0.08}
# Business faults by kind, and the share of faulty documents that are broken files instead.
BUSINESS_FAULTS = [(kind, fault) for kind in ("invoice", "payroll", "w9", "direct_deposit")
                   for fault in KINDS[kind].faults]
FILE_FAULT_SHARE = 0.4
FILE_KIND = "file"


@dataclass(frozen=True)
class Order:
    """What to make. `family` is a family id, or the fault name for a broken file."""

    name: str  # file name without extension
    seed: str
    kind: str  # a catalog kind, or "file" for a file-level fault
    family: str
    language: str = "en"
    fault: str | None = None
    output: str = "digital"  # digital | fillable | scan | handwritten | mixed
    scan: scan.ScanSpec | None = None  # None: pick a random scan when the output needs one
    options: dict[str, Any] = field(default_factory=dict)  # passed on to the record maker


def _pen(output: str, rng: random.Random) -> Pen:
    if output == "handwritten":
        return HandPen(rng)
    font = rng.choice(("Helvetica", "Helvetica", "Courier", "Times-Roman"))
    return FillablePen(rng, font) if output == "fillable" else TypedPen(rng, font)


def _file_fault(order: Order, rng: random.Random) -> Sample:
    record = invoice.make_invoice(rng, "en")
    pdf = rng.choice(invoice.FAMILIES).render(record, rng)
    code, ext = faulty.FILE_FAULTS[order.fault]
    meta = Meta(family="file-fault", eval_only=False, scanned=False, variant=order.fault, language=order.language)
    return Sample(order.name, ext, faulty.make(order.fault, rng, pdf), faulty.truth(order.fault), meta)


def build(order: Order) -> Sample:
    rng = random.Random(order.seed)
    if order.kind == FILE_KIND:
        return _file_fault(order, rng)
    kind = KINDS[order.kind]
    family = FAMILIES[order.family]
    kwargs = dict(order.options)
    if order.fault:
        kwargs["fault"] = order.fault
    if kind.languages:
        kwargs["language"] = order.language
    record = kind.make(rng, **kwargs)
    pen = _pen(order.output, rng) if kind.form else None
    pdf = family.render(record, pen) if kind.form else family.render(record, rng)

    output, ext, data, variant = order.output, "pdf", pdf, order.output
    pages = scan.page_count(pdf)
    if output == "mixed" and pages < 2:
        output = "scan"  # nothing to mix on a one-page document
    if output == "mixed":
        spec = order.scan or scan.ScanSpec(dpi=rng.choice((150, 200)), fmt="pdf", noise=rng.uniform(2, 6),
                                           skew=round(rng.uniform(-2, 2), 2), quality=rng.randint(60, 80))
        data, variant = scan.mixed(pdf, spec, rng), "mixed"
    elif output in ("scan", "handwritten"):
        spec = order.scan or scan.random_spec(rng, pages, color=output == "handwritten", widened=not family.eval_only)
        hand = pen if isinstance(pen, HandPen) else None
        data, ext = scan.scan(pdf, spec, rng, hand), spec.ext
        variant = ("handwritten-" if hand else "") + spec.variant
    meta = Meta(family=family.id, eval_only=family.eval_only, scanned=output not in ("digital", "fillable"),
                variant=variant, language=order.language)
    return Sample(order.name, ext, data, kind.truth(record), meta)


def plan(seed: int, count: int, *, scan_share: float = 0.5, which: str = "all",
         faulty_share: float = 0.1) -> list[Order]:
    """A random mix of `count` orders; document i depends only on (seed, i)."""
    orders = []
    for i in range(count):
        rng = random.Random(f"{seed}:{i}:plan")
        doc_seed = f"{seed}:{i}"
        if rng.random() < faulty_share and rng.random() < FILE_FAULT_SHARE:
            fault = rng.choice(list(faulty.FILE_FAULTS))
            orders.append(Order(f"{i:05d}_file_{fault}", doc_seed, FILE_KIND, fault, fault=fault))
            continue
        fault = None
        if rng.random() < faulty_share:
            kind, fault = rng.choice(BUSINESS_FAULTS)
        else:
            kind = rng.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()))[0]
        family = rng.choice(families(kind, which))
        language = rng.choice(family.languages)
        options: dict[str, Any] = {}
        if rng.random() < scan_share:
            if KINDS[kind].form:
                output = "handwritten" if rng.random() < 0.4 else "scan"
            elif kind in ("invoice", "payroll") and rng.random() < 0.12:
                output = "mixed"
                options = {"item_count": rng.randint(22, 25)} if kind == "invoice" else {"employee_count": 40}
            else:
                output = "scan"
        else:
            output = "fillable" if KINDS[kind].form and rng.random() < 0.3 else "digital"
        orders.append(Order(f"{i:05d}_{family.id}_{output}", doc_seed, kind, family.id, language, fault, output,
                            options=options))
    return orders


def _build_and_write(job: tuple[Order, str]) -> tuple[str, Meta]:
    order, folder = job
    sample = build(order)
    sample.write(Path(folder))
    return sample.filename, sample.meta


def write_all(orders: list[Order], folder: Path, jobs: int | None = None) -> list[tuple[str, Meta]]:
    """Build and write the orders, in worker processes when there is more than one."""
    folder.mkdir(parents=True, exist_ok=True)
    work = [(order, str(folder)) for order in orders]
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(work) < 4:
        return [_build_and_write(job) for job in work]
    with Pool(jobs) as pool:
        return list(pool.imap(_build_and_write, work, chunksize=2))


def summary(results: list[tuple[str, Meta]]) -> str:
    kinds = Counter(meta.family.split("-")[0] for _, meta in results)
    scanned = sum(meta.scanned for _, meta in results)
    eval_only = sum(meta.eval_only for _, meta in results)
    parts = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
    return (f"{len(results)} documents ({parts}); {scanned} scanned ({scanned / max(len(results), 1):.0%}), "
            f"{eval_only} from eval-only families")
