"""The process flow reads batch after batch with one pool of OCR workers: scans in later batches are read by the
workers the first scan started, and a batch that stops early leaves the pool to the next."""

from __future__ import annotations

from pathlib import Path

from backoffice.pipeline import PagePool, RunContext, process_files

SAMPLES = Path(__file__).resolve().parent.parent / "sample_docs"
SCANS = ["invoice_de_b_scan200_noisy.jpg", "dd_b_scan200_rot270.png"]


def test_scans_in_separate_batches_are_read_by_the_workers_the_first_one_started():
    with PagePool(1) as pool:
        batches = [list(process_files([(SAMPLES / name, name)], RunContext(), pool)) for name in SCANS]
        assert pool.starts == 1
    [[invoice], [form]] = batches
    assert (invoice.doc_type, invoice.text_source) == ("invoice", "ocr")
    assert (form.form_type, form.text_source) == ("direct_deposit", "ocr")


def test_a_batch_stopped_early_leaves_the_pool_reading_the_next():
    with PagePool(1) as pool:
        stopped = process_files([(SAMPLES / name, name) for name in SCANS], RunContext(), pool)
        next(stopped)
        stopped.close()  # a batch whose task failed half way
        [form] = process_files([(SAMPLES / SCANS[1], SCANS[1])], RunContext(), pool)
        assert pool.starts == 1
    assert form.form_type == "direct_deposit"
