"""The committed demo and test set in sample_docs/: a fixed list of orders, dev families only.

Each order's seed is derived from its name, so adding or reordering entries never changes the
other files. Scans use 1-bit TIFF, JPEG or 150-200 dpi where the reader does not suffer, to keep the
set small.
"""

from __future__ import annotations

from pathlib import Path

from samplegen.generate import FILE_KIND, Order, write_all
from samplegen.sample import Meta
from samplegen.scan import ScanSpec


def _order(name: str, kind: str, family: str, language: str = "en", **kwargs) -> Order:
    return Order(name=name, seed=f"samples:{name}", kind=kind, family=family, language=language, **kwargs)


def _file(name: str, fault: str) -> Order:
    return Order(name=name, seed=f"samples:{name}", kind=FILE_KIND, family=fault, fault=fault)


ORDERS = [
    # invoices
    _order("invoice_en_a_digital", "invoice", "invoice-a", options={"country": "us"}),
    _order("invoice_en_b_logo_digital", "invoice", "invoice-b", options={"logo_only": True, "country": "us"}),
    _order("invoice_de_c_digital", "invoice", "invoice-c", "de", options={"date_style": "de", "item_count": 7}),
    _order("invoice_en_d_multipage", "invoice", "invoice-d", options={"item_count": 25, "service": True}),
    _order("invoice_en_a_scan300_skew3", "invoice", "invoice-a", output="scan",
           scan=ScanSpec(dpi=300, fmt="png", skew=3.0, noise=4, blur=0.5), options={"country": "uk"}),
    _order("invoice_de_c_scan150_rot90", "invoice", "invoice-c", "de", output="scan",
           scan=ScanSpec(dpi=150, fmt="png", rotation=90, skew=0.4, noise=3, blur=0.4)),
    _order("invoice_en_b_scan200_rot180", "invoice", "invoice-b", output="scan",
           scan=ScanSpec(dpi=200, fmt="jpeg", rotation=180, skew=-1.2, noise=5, quality=70)),
    _order("invoice_en_d_multipage_tiff_g4", "invoice", "invoice-d", output="scan",
           scan=ScanSpec(dpi=200, fmt="tiff_g4", skew=0.8, noise=3), options={"item_count": 24, "service": True}),
    _order("invoice_en_a_mixed", "invoice", "invoice-a", output="mixed",
           scan=ScanSpec(dpi=150, fmt="pdf", skew=1.5, noise=4, quality=70), options={"item_count": 25}),
    _order("invoice_en_c_scan_imageonly", "invoice", "invoice-c", output="scan",
           scan=ScanSpec(dpi=200, fmt="pdf", skew=-1.5, noise=4, quality=70), options={"country": "uk"}),
    _order("invoice_de_b_scan200_noisy", "invoice", "invoice-b", "de", output="scan",
           scan=ScanSpec(dpi=200, fmt="jpeg", skew=2.2, noise=10, blur=1.0, contrast=0.8, quality=65)),
    # payroll registers
    _order("payroll_a_digital", "payroll", "payroll-a"),
    _order("payroll_a_multipage", "payroll", "payroll-a", options={"employee_count": 40}),
    _order("payroll_b_tiff_g4", "payroll", "payroll-b", output="scan",
           scan=ScanSpec(dpi=200, fmt="tiff_g4", skew=1.0, noise=3)),
    _order("payroll_de_c_digital", "payroll", "payroll-c", "de", options={"employee_count": 14}),
    _order("payroll_d_scan200_skew2", "payroll", "payroll-d", output="scan",
           scan=ScanSpec(dpi=200, fmt="jpeg", skew=-2.0, noise=5, quality=72)),
    # W-9
    _order("w9_a_digital", "w9", "w9-a"),
    _order("w9_b_scan300", "w9", "w9-b", output="scan", scan=ScanSpec(dpi=300, fmt="png", skew=0.6, noise=3)),
    _order("w9_fillable", "w9", "w9-a", output="fillable"),
    _order("w9_handwritten_scan", "w9", "w9-a", output="handwritten",
           scan=ScanSpec(dpi=200, fmt="jpeg", skew=-1.0, noise=4, color=True, quality=75)),
    _order("w9_c_tiff_g4", "w9", "w9-c", output="scan", scan=ScanSpec(dpi=200, fmt="tiff_g4", skew=-0.7, noise=3)),
    _order("w9_d_digital", "w9", "w9-d"),
    # direct deposit
    _order("dd_a_digital", "direct_deposit", "dd-a"),
    _order("dd_b_scan200_rot270", "direct_deposit", "dd-b", output="scan",
           scan=ScanSpec(dpi=200, fmt="png", rotation=270, skew=1.0, noise=3)),
    _order("dd_c_handwritten_scan", "direct_deposit", "dd-c", output="handwritten",
           scan=ScanSpec(dpi=200, fmt="jpeg", skew=1.8, noise=4, color=True, quality=75)),
    _order("dd_d_digital", "direct_deposit", "dd-d"),
    _order("dd_b_fillable", "direct_deposit", "dd-b", output="fillable"),
    # business faults: values as printed, expect says what the validators must raise
    _order("invoice_total_mismatch", "invoice", "invoice-a", fault="total_mismatch"),
    _order("invoice_subtotal_mismatch", "invoice", "invoice-b", fault="subtotal_mismatch"),
    _order("invoice_due_before_date", "invoice", "invoice-d", fault="due_before_invoice_date"),
    _order("payroll_net_mismatch", "payroll", "payroll-b", fault="net_mismatch"),
    _order("w9_two_boxes", "w9", "w9-a", fault="classification_not_one"),
    _order("dd_unsigned", "direct_deposit", "dd-a", fault="unsigned"),
    _order("dd_routing_invalid", "direct_deposit", "dd-c", fault="routing_invalid"),
    # file faults
    _file("bad_empty", "empty"),
    _file("bad_text_as_pdf", "text_as_pdf"),
    _file("bad_zip_as_pdf", "zip_as_pdf"),
    _file("bad_encrypted", "encrypted"),
    _file("bad_truncated", "truncated"),
    _file("bad_image_too_large", "image_too_large"),
    # documents of no supported type
    _order("unknown_cover_letter", "unknown", "unknown-letter"),
    _order("unknown_receipt_scan", "unknown", "unknown-receipt", output="scan",
           scan=ScanSpec(dpi=200, fmt="jpeg", skew=-3.0, noise=5, quality=70)),
]


def prune_stale(folder: Path, keep: set[str]) -> None:
    """Remove samples an earlier run wrote that are no longer in the list (a document and its truth)."""
    for truth_file in folder.glob("*.truth.json"):
        stem = truth_file.name[: -len(".truth.json")]
        if stem in keep:
            continue
        for path in folder.glob(f"{stem}.*"):
            if path.name == f"{stem}.truth.json" or path.name.count(".") == 1:
                path.unlink()


def write_committed(folder: Path, jobs: int | None = None) -> list[tuple[str, Meta]]:
    folder.mkdir(parents=True, exist_ok=True)
    prune_stale(folder, {order.name for order in ORDERS})
    return write_all(ORDERS, folder, jobs)
