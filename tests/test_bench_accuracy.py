"""bench/accuracy.py: the figures a user reads off a small, hand-checked sample set."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from bench.accuracy import evaluate, find_row, lowest_safe_threshold, main, normalise, run_extract


def field(value, confidence=0.99):
    return {"value": value, "confidence": confidence, "page": 1, "bbox": None, "raw": None}


def truth(doc_type, fields=None, tables=None, form_type=None, expect=None, scanned=False, eval_only=False):
    body = {
        "doc_type": doc_type,
        "form_type": form_type,
        "fields": fields or {},
        "tables": tables or {},
        "meta": {"family": "f", "eval_only": eval_only, "scanned": scanned, "variant": "v", "language": "en"},
    }
    return body | ({"expect": expect} if expect else {})


def result(source, doc_type, status, fields=None, tables=None, form_type=None, issues=()):
    return {
        "source": source,
        "sha256": "0" * 64,
        "doc_type": doc_type,
        "form_type": form_type,
        "status": status,
        "pages": 1,
        "fields": fields or {},
        "tables": tables or {},
        "issues": [{"code": code, "severity": severity, "message": "m", "fields": []} for code, severity in issues],
    }


def line(description, amount, confidence=0.99):
    return {"description": field(description, confidence), "amount": field(amount, confidence)}


@pytest.fixture
def sample_set(tmp_path: Path) -> tuple[Path, Path]:
    """Six documents with truth and one without; extract's answers written by hand."""
    docs = tmp_path / "docs"
    (docs / "invoices").mkdir(parents=True)
    truths = {
        # right: number, total (1234.5 vs 1234.50), vendor (case, spaces, full stop); wrong: date;
        # missing: due date; spurious: PO number; line items: the middle row is not found.
        "invoices/acme": truth(
            "invoice",
            fields={
                "invoice_number": "INV-1",
                "total_amount": "1234.50",
                "vendor_name": "Acme Supply Co.",
                "invoice_date": "2026-03-04",
                "due_date": "2026-04-03",
            },
            tables={
                "line_items": [
                    {"description": "Bolts", "amount": "10.00"},
                    {"description": "Nuts", "amount": "5.00"},
                    {"description": "Washers", "amount": "2.50"},
                ]
            },
        ),
        "w9_scan": truth("form", form_type="w9", fields={"name": "Jane Roe"}, scanned=True, eval_only=True),
        "invoices/total_off": truth("invoice", expect={"status": "needs_review", "issues": ["invoice.total_mismatch"]}),
        "payroll_net_off": truth("payroll", expect={"status": "needs_review", "issues": ["payroll.net_mismatch"]}),
        "truncated": truth("unknown", expect={"status": "quarantined", "issues": ["file.corrupt"]}),
        "payroll_clean": truth("payroll"),
    }
    for key, body in truths.items():
        (docs / f"{key}.truth.json").write_text(json.dumps(body))
    results = [
        result(
            "docs/invoices/acme.pdf",
            "invoice",
            "auto_approved",
            fields={
                "invoice_number": field("INV-1"),
                "total_amount": field("1234.5"),
                "vendor_name": field("ACME  supply co", 0.9),
                "invoice_date": field("2026-03-05", 0.6),
                "po_number": field("PO-7"),
            },
            tables={"line_items": [line("Bolts", "10"), line("washers", "2.50")]},
        ),
        result("docs/w9_scan.png", "form", "needs_review", form_type="direct_deposit",
               fields={"name": field("Jane Roe", 0.8)}, issues=[("field.low_confidence", "warning")]),
        result("docs/invoices/total_off.pdf", "invoice", "needs_review", issues=[("invoice.total_mismatch", "error")]),
        result("docs/payroll_net_off.pdf", "payroll", "auto_approved"),
        result("docs/truncated.pdf", "unknown", "quarantined", issues=[("file.corrupt", "error")]),
        result("docs/payroll_clean.pdf", "payroll", "needs_review", issues=[("payroll.totals_mismatch", "error")]),
        result("docs/notes.pdf", "unknown", "needs_review"),
    ]
    results_file = tmp_path / "results.jsonl"
    results_file.write_text("".join(json.dumps(r) + "\n" for r in results))
    return docs, results_file


def report_for(sample_set):
    docs, results_file = sample_set
    return evaluate(docs, [json.loads(line) for line in results_file.read_text().splitlines()])


def test_equal_values_in_other_spellings_count_right_and_the_rest_as_wrong_missing_or_spurious(sample_set):
    invoices = find_row(report_for(sample_set)["fields"], type="invoice", scan="digital")

    # 3 right; wrong date = 1 fp + 1 fn; missing due date = 1 fn; spurious PO = 1 fp
    assert (invoices["tp"], invoices["fp"], invoices["fn"]) == (3, 2, 2)
    assert invoices["precision"] == pytest.approx(0.6)
    assert invoices["recall"] == pytest.approx(0.6)
    assert invoices["f1"] == pytest.approx(0.6)


def test_a_description_with_another_dash_is_right_and_one_with_another_word_is_not():
    printed = "Freight charge – Ref. A441"
    assert normalise("description", "freight  charge — Ref. A441.") == normalise("description", printed)
    assert normalise("description", "Freight charge – Ref. A447") != normalise("description", printed)
    assert normalise("description", "Freight charge Ref. A441") != normalise("description", printed)


def test_scanned_and_eval_only_documents_are_scored_apart(sample_set):
    report = report_for(sample_set)

    assert find_row(report["fields"], type="all", scan="scanned")["f1"] == 1.0
    assert find_row(report["fields_by_split"], split="eval", type="all", scan="scanned")["tp"] == 1
    assert find_row(report["fields_by_split"], split="dev", type="all", scan="scanned") == {}


def test_the_fields_lost_are_named_with_how_they_were_lost(sample_set):
    misses = report_for(sample_set)["field_misses"]

    assert find_row(misses, type="invoice", scan="digital", field="due_date")["missing"] == 1
    assert find_row(misses, type="invoice", scan="digital", field="po_number")["spurious"] == 1
    assert all(row["wrong"] + row["missing"] + row["spurious"] for row in misses)


def test_a_table_row_not_found_costs_its_cells_as_false_negatives_only(sample_set):
    line_items = find_row(report_for(sample_set)["tables"], table="line_items", scan="digital")

    assert (line_items["tp"], line_items["fp"], line_items["fn"]) == (4, 0, 2)
    assert line_items["f1"] == pytest.approx(0.8)


def test_document_type_counts_a_form_of_the_wrong_kind_as_a_mistake(sample_set):
    doc_type = report_for(sample_set)["doc_type"]

    # the truncated file is quarantined by design and not classified
    assert (doc_type["correct"], doc_type["docs"]) == (4, 5)
    assert find_row(doc_type["per_type"], type="w9")["accuracy"] == 0.0
    assert doc_type["mistakes"] == [{"source": "docs/w9_scan.png", "truth": "w9", "predicted": "direct_deposit"}]


def test_routing_shares_and_silent_errors_on_auto_approved_documents(sample_set):
    routing = report_for(sample_set)["routing"]["all"]

    # clean digital: acme (auto-approved) and payroll_clean (sent to review)
    assert routing["auto_approved_share"] == 0.5
    # acme was auto-approved with a wrong date, a missing due date and a spurious PO among 5 true fields
    assert (routing["field_errors"], routing["truth_fields"]) == (3, 5)
    assert routing["silent_error_rate"] == pytest.approx(0.6)
    assert (routing["cell_errors"], routing["truth_cells"]) == (2, 6)


def test_silent_errors_are_named_by_field_and_how_they_were_lost(sample_set):
    by_field = report_for(sample_set)["routing"]["silent_by_field"]

    fields = {(r["field"], r["verdict"]): r["count"] for r in by_field if "." not in r["field"]}
    assert fields == {("invoice_date", "wrong"): 1, ("due_date", "missing"): 1, ("po_number", "spurious"): 1}


def test_faulty_documents_routed_and_issues_raised_and_false_errors_on_clean_ones(sample_set):
    faulty = report_for(sample_set)["faulty"]

    assert faulty["routed_share"] == pytest.approx(2 / 3)
    assert faulty["expected_issues_share"] == pytest.approx(2 / 3)
    assert faulty["misses"] == [
        {
            "source": "docs/payroll_net_off.pdf",
            "expected_status": "needs_review",
            "status": "auto_approved",
            "issues_not_raised": ["payroll.net_mismatch"],
        }
    ]
    # the warning on the W-9 is not a false error; the totals error on a clean payroll is
    assert faulty["clean_false_error_share"] == pytest.approx(1 / 3)
    assert [e["source"] for e in faulty["clean_false_errors"]] == ["docs/payroll_clean.pdf"]


def test_documents_without_truth_are_ignored_and_counted(sample_set):
    counts = report_for(sample_set)["counts"]

    assert counts["results_without_truth"] == ["docs/notes.pdf"]
    assert counts["truth_without_result"] == []


def test_a_field_is_trusted_from_the_lowest_confidence_right_995_per_mille_over_20_readings():
    readings = [(0.99, True)] * 20 + [(0.97, True)] * 4 + [(0.95, False)]

    assert lowest_safe_threshold(readings)["threshold"] == 0.97
    assert lowest_safe_threshold(readings[:19]) is None  # fewer than 20 readings


def test_the_command_prints_figures_against_limits_writes_json_and_exits_0(sample_set, tmp_path, capsys):
    docs, results_file = sample_set
    out, thresholds = tmp_path / "out" / "accuracy.json", tmp_path / "thresholds.json"

    code = main([str(docs), "--results", str(results_file), "--out", str(out), "--thresholds-out", str(thresholds)])

    printed = capsys.readouterr().out
    assert code == 0
    type_line = next(line for line in printed.splitlines() if line.startswith("document type accuracy"))
    assert type_line.split()[-6:] == ["80.00", "%", ">=", "99.00", "%", "FAIL"]
    assert "ignored 1 without a truth file" in printed
    report = json.loads(out.read_text())
    assert report["doc_type"]["accuracy"] == 0.8
    assert next(h for h in report["headlines"] if h["name"] == "field F1, scanned")["ok"] is True
    assert json.loads(thresholds.read_text()) == {}  # a handful of readings is not enough to trust any field


def test_without_results_it_runs_backoffice_extract_on_the_folder(sample_set, tmp_path):
    docs, results_file = sample_set
    fake_cli = tmp_path / "backoffice"
    fake_cli.write_text(f'#!/bin/sh\n[ "$1 $3 $4" = "extract --format jsonl" ] && cat "{results_file}"\n')
    fake_cli.chmod(fake_cli.stat().st_mode | stat.S_IXUSR)

    results = run_extract(docs, executable=fake_cli)

    assert [r["source"] for r in results][:2] == ["docs/invoices/acme.pdf", "docs/w9_scan.png"]


def test_a_field_not_found_on_a_clean_document_counts_as_a_false_error_and_is_shown_apart_from_checks(sample_set):
    docs, results_file = sample_set
    results = [json.loads(line) for line in results_file.read_text().splitlines()]
    w9 = next(r for r in results if r["source"] == "docs/w9_scan.png")
    w9["issues"].append({"code": "field.missing", "severity": "error", "message": "m", "fields": ["ssn"]})

    faulty = evaluate(docs, results)["faulty"]

    # the W-9 now counts as a false error; only the clean payroll's totals error came from a check
    assert faulty["clean_false_error_share"] == pytest.approx(2 / 3)
    assert faulty["clean_false_check_share"] == pytest.approx(1 / 3)
