"""`backoffice extract` as client IT and scripts use it: one contract line per file, in order, and a summary for people."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from backoffice.cli import main
from tests.conftest import ROOT, SAMPLES, extract


def test_every_sample_gives_one_schema_valid_line_in_sorted_order(sample_results: dict, schema: dict):
    documents = sorted(p.name for p in SAMPLES.iterdir() if not p.name.endswith(".truth.json"))
    assert sorted(sample_results) == documents
    for line in sample_results.values():
        jsonschema.validate(line, schema)
        assert set(line["timings_ms"]) >= {"read", "classify", "extract", "validate", "route"}


def test_no_document_without_fields_is_auto_approved(sample_results: dict):
    for name, line in sample_results.items():
        if line["status"] == "auto_approved":
            assert line["fields"] and not [i for i in line["issues"] if i["severity"] == "error"], name


def test_every_value_says_where_it_came_from(sample_results: dict):
    for line in sample_results.values():
        cells = [c for rows in line["tables"].values() for row in rows for c in row.values()]
        for value in [*line["fields"].values(), *cells]:
            assert 0 <= value["confidence"] <= 1
            assert value["page"] is not None and value["page"] >= 1
            assert value["bbox"] is not None and len(value["bbox"]) == 4


def test_the_same_file_twice_in_one_run_is_flagged_as_a_duplicate(tmp_path: Path):
    original = SAMPLES / "invoice_en_a_digital.pdf"
    copy = tmp_path / "resent.pdf"
    copy.write_bytes(original.read_bytes())
    _, lines, _ = extract(original, copy)
    assert "doc.duplicate" not in [i["code"] for i in lines[0]["issues"]]
    duplicate = [i for i in lines[1]["issues"] if i["code"] == "doc.duplicate"]
    assert duplicate and str(original) in duplicate[0]["message"]
    assert lines[1]["status"] == "needs_review"


def test_table_format_is_a_summary_for_people():
    out, err = io.StringIO(), io.StringIO()
    code = main(["extract", str(SAMPLES / "bad_empty.pdf"), str(SAMPLES / "payroll_a_digital.pdf"), "--format", "table"],
                out=out, err=err)
    text = out.getvalue()
    assert code == 0
    assert "bad_empty.pdf" in text and "quarantined" in text and "file.empty" in text
    assert "payroll" in text and "2 documents" in text


def test_the_console_script_keeps_stdout_pure_jsonl_with_a_progress_bar_on_stderr():
    script = Path(sys.executable).with_name("backoffice")
    files = [str(SAMPLES / n) for n in ("bad_empty.pdf", "invoice_en_a_digital.pdf", "dd_a_digital.pdf")]
    run = subprocess.run([str(script), "extract", *files, "--progress"], capture_output=True, text=True, cwd=ROOT,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    assert [json.loads(line)["source"] for line in run.stdout.splitlines()] == files
    assert "3/3" in run.stderr
