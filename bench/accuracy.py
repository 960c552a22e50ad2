"""Measure extraction accuracy, confidence calibration and routing against sample ground truth.

Usage:
    .venv/bin/python bench/accuracy.py DOCS_DIR [--results RESULTS.jsonl]
        [--out bench/results/accuracy.json] [--thresholds-out PATH]

Every document NAME.ext in DOCS_DIR with a NAME.truth.json sidecar (the contract's ground
truth plus "meta": {family, eval_only, scanned, variant, language}) is compared with the
line `backoffice extract DOCS_DIR --format jsonl` printed for it. Without --results the
script runs that command itself. It prints plain text tables, writes the same figures as
JSON to --out, and exits 0 whatever the figures are: it measures, it does not gate.
"""

from __future__ import annotations

import argparse
import json
import string
import subprocess
import sys
import tempfile
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path, PurePath
from typing import Any

TRUTH_SUFFIX = ".truth.json"
DECIMAL_FIELDS = {
    "subtotal", "tax_amount", "total_amount", "quantity", "unit_price", "amount",
    "total_gross", "total_deductions", "total_net", "regular_hours", "overtime_hours",
    "hourly_rate", "gross_pay", "deductions", "net_pay",
}
DATE_FIELDS = {"invoice_date", "due_date", "pay_period_start", "pay_period_end", "pay_date", "signature_date"}
BOOLEAN_FIELDS = {"signature_present"}

CONFIDENCE_BUCKETS = [0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 1.0]  # the last bucket includes 1.0
SAFE_ACCURACY = Decimal("0.995")
MIN_OBSERVATIONS = 20
# Row and column order in the printed tables; anything else sorts after these, "all" last.
DISPLAY_ORDER = [
    "dev", "eval", "invoice", "payroll", "w9", "direct_deposit", "line_items", "employees", "digital", "scanned",
]


# ---------------------------------------------------------------- comparing values


def normalise(name: str, value: Any) -> Any:
    """The form in which a predicted and a true value of field `name` are compared."""
    text = str(value).strip()
    if name in DECIMAL_FIELDS:
        try:
            return Decimal(text)
        except InvalidOperation:
            return text  # unparsable: equal to nothing that parses
    if name in BOOLEAN_FIELDS:
        if isinstance(value, bool):
            return value
        return {"true": True, "false": False}.get(text.lower(), text)
    if name in DATE_FIELDS:
        return text
    # Typography a clerk does not read: spacing, case, end punctuation, and which dash (OCR cannot tell an en
    # dash from an em dash, and neither can a reader of the posted description).
    return " ".join(text.translate(_DASHES).split()).casefold().strip(string.punctuation + " ")


_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"})


@dataclass(frozen=True)
class Outcome:
    """One field or table cell: right, wrong (predicted a different value), missing or spurious."""

    name: str  # "total_amount", or "line_items.amount" for a table cell
    verdict: str
    confidence: float | None  # None when nothing was predicted


def compare(predicted: dict[str, dict], truth: dict[str, Any], prefix: str = "") -> list[Outcome]:
    """Outcomes for one set of fields (a document's fields, or one table row)."""
    predicted = {name: f for name, f in predicted.items() if f.get("value") is not None}
    truth = {name: v for name, v in truth.items() if v is not None}
    outcomes = []
    for name in sorted(predicted.keys() | truth.keys()):
        field = predicted.get(name)
        if field is None:
            verdict = "missing"
        elif name not in truth:
            verdict = "spurious"
        elif normalise(name, field["value"]) == normalise(name, truth[name]):
            verdict = "right"
        else:
            verdict = "wrong"
        outcomes.append(Outcome(prefix + name, verdict, None if field is None else field.get("confidence")))
    return outcomes


def align_rows(predicted: list[dict], truth: list[dict]) -> list[tuple[int | None, int | None]]:
    """Pair predicted with true rows, keeping order, so that the most cells agree.

    An LCS over rows weighted by the number of equal cells. Every pairing gives the same
    false positives for predicted cells and false negatives for true cells except where
    cells agree, so the pairing with the most agreeing cells is the fairest one.
    """
    agree = [[sum(o.verdict == "right" for o in compare(p, t)) for t in truth] for p in predicted]
    n, m = len(predicted), len(truth)
    best = [[0] * (m + 1) for _ in range(n + 1)]  # best[i][j]: most agreeing cells in predicted[i:], truth[j:]
    for i in reversed(range(n)):
        for j in reversed(range(m)):
            best[i][j] = max(best[i + 1][j + 1] + agree[i][j], best[i + 1][j], best[i][j + 1])
    pairs: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n and j < m:
        if best[i][j] == best[i + 1][j + 1] + agree[i][j]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            pairs.append((i, None))
            i += 1
        else:
            pairs.append((None, j))
            j += 1
    return pairs + [(k, None) for k in range(i, n)] + [(None, k) for k in range(j, m)]


def compare_table(name: str, predicted: list[dict], truth: list[dict]) -> list[Outcome]:
    outcomes = []
    for p, t in align_rows(predicted, truth):
        predicted_row = {} if p is None else predicted[p]
        truth_row = {} if t is None else truth[t]
        outcomes += compare(predicted_row, truth_row, prefix=f"{name}.")
    return outcomes


# ---------------------------------------------------------------- documents


def type_label(doc_type: str | None, form_type: str | None) -> str:
    return form_type or doc_type or "(no result)"


@dataclass
class Sample:
    """One document with ground truth, and the line extract printed for it (None if none)."""

    key: str  # path under DOCS_DIR without the extension
    truth: dict
    result: dict | None

    @property
    def source(self) -> str:
        return self.result["source"] if self.result else self.key

    @property
    def kind(self) -> str:
        return type_label(self.truth["doc_type"], self.truth.get("form_type"))

    @property
    def predicted_kind(self) -> str:
        return type_label(self.result.get("doc_type"), self.result.get("form_type")) if self.result else "(no result)"

    @property
    def type_right(self) -> bool:
        if self.result is None:
            return False
        predicted = (self.result.get("doc_type"), self.result.get("form_type"))
        return predicted == (self.truth["doc_type"], self.truth.get("form_type"))

    @property
    def scan(self) -> str:
        return "scanned" if self.truth.get("meta", {}).get("scanned") else "digital"

    @property
    def split(self) -> str:
        return "eval" if self.truth.get("meta", {}).get("eval_only") else "dev"

    @property
    def expect(self) -> dict | None:
        return self.truth.get("expect")

    @property
    def quarantined_by_design(self) -> bool:
        return bool(self.expect) and self.expect.get("status") == "quarantined"

    @property
    def status(self) -> str:
        return self.result.get("status", "(none)") if self.result else "(no result)"

    @property
    def issues(self) -> list[dict]:
        return self.result.get("issues", []) if self.result else []

    @cached_property
    def field_outcomes(self) -> list[Outcome]:
        predicted = self.result.get("fields", {}) if self.result else {}
        return compare(predicted, self.truth.get("fields", {}))

    @cached_property
    def cell_outcomes(self) -> list[Outcome]:
        predicted = self.result.get("tables", {}) if self.result else {}
        truth = self.truth.get("tables", {})
        return [
            outcome
            for name in sorted(predicted.keys() | truth.keys())
            for outcome in compare_table(name, predicted.get(name, []), truth.get(name, []))
        ]


def truth_key(path: PurePath) -> str:
    """A document's path without its extension: the stem its truth file shares."""
    name = path.name.removesuffix(TRUTH_SUFFIX) if path.name.endswith(TRUTH_SUFFIX) else path.stem
    return path.with_name(name).as_posix()


def load_truths(docs_dir: Path) -> dict[str, dict]:
    return {
        truth_key(path.relative_to(docs_dir)): json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(docs_dir.rglob("*" + TRUTH_SUFFIX))
    }


def match_samples(truths: dict[str, dict], results: Iterable[dict]) -> tuple[list[Sample], dict[str, list[str]]]:
    """Pair each result with its truth by the longest tail of its source path that names one.

    `source` is the path as given to extract, so it may be relative to another directory
    or absolute; its tail under DOCS_DIR is what it shares with the truth file.
    """
    matched: dict[str, dict] = {}
    unmatched: dict[str, list[str]] = {"without_truth": [], "duplicate": []}
    for result in results:
        source = PurePath(result["source"])
        if source.name.endswith(TRUTH_SUFFIX):
            continue  # the sidecar itself, if extract walked it as a file: not a document
        parts = PurePath(truth_key(source)).parts
        key = next((k for k in ("/".join(parts[i:]) for i in range(len(parts))) if k in truths), None)
        if key is None:
            unmatched["without_truth"].append(result["source"])
        elif key in matched:
            unmatched["duplicate"].append(result["source"])
        else:
            matched[key] = result
    samples = [Sample(key, truth, matched.get(key)) for key, truth in truths.items()]
    return samples, unmatched


# ---------------------------------------------------------------- figures


def rate(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def score(verdicts: Counter) -> dict[str, Any]:
    """Precision, recall and F1; a wrong value is both a false positive and a false negative."""
    tp = verdicts["right"]
    fp = verdicts["wrong"] + verdicts["spurious"]
    fn = verdicts["wrong"] + verdicts["missing"]
    precision, recall = rate(tp, tp + fp), rate(tp, tp + fn)
    f1 = rate(2 * tp, 2 * tp + fp + fn)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def display_key(value: str) -> tuple[int, str]:
    if value == "all":
        return len(DISPLAY_ORDER) + 1, value
    return (DISPLAY_ORDER.index(value) if value in DISPLAY_ORDER else len(DISPLAY_ORDER)), value


def grouped_scores(
    samples: Iterable[Sample],
    columns: list[str],
    outcomes_of: Callable[[Sample], list[Outcome]],
    groups_of: Callable[[Sample, Outcome], list[tuple[str, ...]]],
) -> list[dict[str, Any]]:
    """One score row per group; a sample's outcome may count in several groups (its type and "all")."""
    verdicts: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    docs: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for sample in samples:
        for outcome in outcomes_of(sample):
            for group in groups_of(sample, outcome):
                verdicts[group][outcome.verdict] += 1
                docs[group].add(sample.key)
    return [
        dict(zip(columns, group)) | {"docs": len(docs[group])} | score(verdicts[group])
        for group in sorted(verdicts, key=lambda g: [display_key(v) for v in g])
    ]


def field_scores(samples: list[Sample]) -> list[dict[str, Any]]:
    return grouped_scores(
        samples, ["type", "scan"], lambda s: s.field_outcomes, lambda s, o: [(s.kind, s.scan), ("all", s.scan)]
    )


def split_field_scores(samples: list[Sample]) -> list[dict[str, Any]]:
    return grouped_scores(
        samples,
        ["split", "type", "scan"],
        lambda s: s.field_outcomes,
        lambda s, o: [(s.split, s.kind, s.scan), (s.split, "all", s.scan)],
    )


def field_misses(samples: list[Sample]) -> list[dict[str, Any]]:
    """Per field name, how often it was wrong, missing or spurious, split dev/eval: where the F1 is lost."""
    counts: dict[tuple[str, str, str, str], Counter] = defaultdict(Counter)
    for sample in samples:
        for outcome in sample.field_outcomes:
            counts[(sample.split, sample.kind, sample.scan, outcome.name)][outcome.verdict] += 1
    return [
        {"split": split, "type": kind, "scan": scan, "field": name, "right": c["right"]}
        | {"wrong": c["wrong"], "missing": c["missing"], "spurious": c["spurious"]}
        for (split, kind, scan, name), c in sorted(
            counts.items(), key=lambda item: (item[0][0], display_key(item[0][1]), item[0][2], item[0][3])
        )
        if c["wrong"] + c["missing"] + c["spurious"]
    ]


def table_scores(samples: list[Sample]) -> list[dict[str, Any]]:
    return grouped_scores(
        samples,
        ["table", "scan"],
        lambda s: s.cell_outcomes,
        lambda s, o: [(o.name.split(".")[0], s.scan), ("all", s.scan)],
    )


def type_accuracy(samples: list[Sample]) -> dict[str, Any]:
    per_type: dict[str, Counter] = defaultdict(Counter)
    for sample in samples:
        per_type[sample.kind]["docs"] += 1
        per_type[sample.kind]["correct"] += sample.type_right
    correct = sum(c["correct"] for c in per_type.values())
    return {
        "docs": len(samples),
        "correct": correct,
        "accuracy": rate(correct, len(samples)),
        "per_type": [
            {"type": kind, "docs": c["docs"], "correct": c["correct"], "accuracy": rate(c["correct"], c["docs"])}
            for kind, c in sorted(per_type.items(), key=lambda item: display_key(item[0]))
        ],
        "mistakes": [
            {"source": s.source, "truth": s.kind, "predicted": s.predicted_kind} for s in samples if not s.type_right
        ],
    }


def lowest_safe_threshold(observations: list[tuple[float, bool]]) -> dict[str, Any] | None:
    """The lowest observed confidence t at which readings >= t are right at least 99.5 % of the time.

    Counts at least MIN_OBSERVATIONS readings at or above t; None when no t qualifies.
    """
    ordered = sorted(observations, key=lambda o: o[0], reverse=True)
    found = None
    right = 0
    for index, (confidence, is_right) in enumerate(ordered):
        right += is_right
        seen = index + 1
        last_of_its_value = seen == len(ordered) or ordered[seen][0] != confidence
        if last_of_its_value and seen >= MIN_OBSERVATIONS and right >= SAFE_ACCURACY * seen:
            found = {"threshold": confidence, "at_or_above": seen, "accuracy": right / seen}
    return found


def calibration(samples: list[Sample]) -> dict[str, Any]:
    """Accuracy by confidence bucket, and per field the lowest confidence safe to auto-approve."""
    readings: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for sample in samples:
        for outcome in sample.field_outcomes + sample.cell_outcomes:
            if outcome.verdict in ("right", "wrong"):
                readings[outcome.name].append((outcome.confidence, outcome.verdict == "right"))
    buckets = [Counter() for _ in CONFIDENCE_BUCKETS[:-1]]
    for observations in readings.values():
        for confidence, is_right in observations:
            bucket = buckets[min(bisect_right(CONFIDENCE_BUCKETS, confidence) - 1, len(buckets) - 1)]
            bucket["count"] += 1
            bucket["right"] += is_right
    thresholds = []
    for name, observations in sorted(readings.items()):
        found = lowest_safe_threshold(observations)
        if found is None:
            found = {"threshold": "insufficient data" if len(observations) < MIN_OBSERVATIONS else "below 99.5 %"}
        thresholds.append({"field": name, "observations": len(observations)} | found)
    return {
        "buckets": [
            {
                "bucket": f"[{low:.2f}, {high:.2f}{']' if high == 1.0 else ')'}",
                "count": bucket["count"],
                "accuracy": rate(bucket["right"], bucket["count"]),
            }
            for low, high, bucket in zip(CONFIDENCE_BUCKETS, CONFIDENCE_BUCKETS[1:], buckets)
        ],
        "thresholds": thresholds,
    }


def silent_errors(outcomes: list[Outcome]) -> tuple[int, int]:
    """(wrong + missing + spurious, true values) among outcomes of auto-approved documents."""
    verdicts = Counter(o.verdict for o in outcomes)
    errors = verdicts["wrong"] + verdicts["missing"] + verdicts["spurious"]
    true_values = verdicts["right"] + verdicts["wrong"] + verdicts["missing"]
    return errors, true_values


def routing(samples: list[Sample]) -> dict[str, Any]:
    """Auto-approval of clean digital documents, and errors that reached auto-approved ones."""
    rows = []
    for kind in sorted({s.kind for s in samples}, key=display_key) + ["all"]:
        of_kind = [s for s in samples if kind in ("all", s.kind)]
        clean_digital = [s for s in of_kind if not s.expect and s.scan == "digital"]
        auto_clean = sum(s.status == "auto_approved" for s in clean_digital)
        approved = [s for s in of_kind if s.status == "auto_approved"]
        field_errors, truth_fields = silent_errors([o for s in approved for o in s.field_outcomes])
        cell_errors, truth_cells = silent_errors([o for s in approved for o in s.cell_outcomes])
        rows.append(
            {
                "type": kind,
                "clean_digital": len(clean_digital),
                "clean_digital_auto_approved": auto_clean,
                "auto_approved_share": rate(auto_clean, len(clean_digital)),
                "auto_approved": len(approved),
                "field_errors": field_errors,
                "truth_fields": truth_fields,
                "silent_error_rate": rate(field_errors, truth_fields),
                "cell_errors": cell_errors,
                "truth_cells": truth_cells,
                "silent_cell_error_rate": rate(cell_errors, truth_cells),
            }
        )
    # Which fields reached posting wrong, and on which split: the thresholds to look at, without opening a document.
    silent = Counter(
        (s.split, s.kind, o.name, o.verdict)
        for s in samples if s.status == "auto_approved" for o in s.field_outcomes + s.cell_outcomes if o.verdict != "right"
    )
    by_field = [{"split": k[0], "type": k[1], "field": k[2], "verdict": k[3], "count": n}
                for k, n in sorted(silent.items(), key=lambda item: (item[0][0], display_key(item[0][1]), item[0][2:]))]
    return {"per_type": rows, "all": rows[-1], "silent_by_field": by_field}


def faulty_and_clean(samples: list[Sample]) -> dict[str, Any]:
    """Deliberately faulty documents against their `expect`; false errors on clean ones."""
    faulty = [s for s in samples if s.expect]
    misses = []
    routed = all_raised = 0
    for sample in faulty:
        expected_status = sample.expect.get("status")
        routed_as_expected = expected_status in (None, sample.status)
        not_raised = sorted(set(sample.expect.get("issues", [])) - {i["code"] for i in sample.issues})
        routed += routed_as_expected
        all_raised += not not_raised
        if not routed_as_expected or not_raised:
            misses.append(
                {
                    "source": sample.source,
                    "expected_status": expected_status,
                    "status": sample.status,
                    "issues_not_raised": not_raised,
                }
            )
    clean = [s for s in samples if not s.expect]
    false_errors = []
    for sample in clean:
        codes = sorted(
            {i["code"] for i in sample.issues if i.get("severity") == "error" and i["code"] != "field.low_confidence"}
        )
        if codes:
            false_errors.append({"source": sample.source, "status": sample.status, "codes": codes})
    # The same, leaving out field.missing: what the checks said about documents they read, apart from what the
    # extractor could not find (which field recall measures). Printed beside the headline, not instead of it.
    check_errors = [e for e in false_errors if set(e["codes"]) - {"field.missing"}]
    return {
        "faulty_docs": len(faulty),
        "routed_share": rate(routed, len(faulty)),
        "expected_issues_share": rate(all_raised, len(faulty)),
        "misses": misses,
        "clean_docs": len(clean),
        "clean_false_error_share": rate(len(false_errors), len(clean)),
        "clean_false_errors": false_errors,
        "clean_false_check_share": rate(len(check_errors), len(clean)),
    }


def find_row(rows: list[dict], **match: str) -> dict:
    return next((r for r in rows if all(r[k] == v for k, v in match.items())), {})


def f1_gap(rows: list[dict], scan: str) -> float | None:
    eval_f1 = find_row(rows, split="eval", type="all", scan=scan).get("f1")
    dev_f1 = find_row(rows, split="dev", type="all", scan=scan).get("f1")
    return None if eval_f1 is None or dev_f1 is None else abs(eval_f1 - dev_f1)


def headlines(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Each headline figure beside its floor (>=) or ceiling (<=); ok is None when there was no data."""
    fields, tables, splits = report["fields"], report["tables"], report["fields_by_split"]
    figures = [
        ("document type accuracy", report["doc_type"]["accuracy"], ">=", 0.99),
        ("field F1, digital", find_row(fields, type="all", scan="digital").get("f1"), ">=", 0.98),
        ("field F1, scanned", find_row(fields, type="all", scan="scanned").get("f1"), ">=", 0.93),
        ("|eval-only - dev| field F1, digital", f1_gap(splits, "digital"), "<=", 0.03),
        ("|eval-only - dev| field F1, scanned", f1_gap(splits, "scanned"), "<=", 0.03),
        ("table cell F1, digital", find_row(tables, table="all", scan="digital").get("f1"), ">=", 0.97),
        ("table cell F1, scanned", find_row(tables, table="all", scan="scanned").get("f1"), ">=", 0.90),
        ("silent field errors (auto-approved)", report["routing"]["all"]["silent_error_rate"], "<=", 0.005),
        ("clean digital auto-approved", report["routing"]["all"]["auto_approved_share"], ">=", 0.80),
        ("faulty routed as expected", report["faulty"]["routed_share"], ">=", 1.0),
        ("faulty with expected issues", report["faulty"]["expected_issues_share"], ">=", 0.95),
        ("clean with a false error", report["faulty"]["clean_false_error_share"], "<=", 0.02),
    ]
    return [
        {
            "name": name,
            "value": value,
            "op": op,
            "limit": limit,
            "ok": None if value is None else (value >= limit if op == ">=" else value <= limit),
        }
        for name, value, op, limit in figures
    ]


def evaluate(docs_dir: Path, results: Iterable[dict]) -> dict[str, Any]:
    """Every figure this benchmark reports, as one JSON-ready dict."""
    samples, unmatched = match_samples(load_truths(docs_dir), results)
    # Unreadable by design: no type or fields to score; their routing is measured with the faulty ones.
    scored = [s for s in samples if not s.quarantined_by_design]
    report: dict[str, Any] = {
        "docs_dir": str(docs_dir),
        "counts": {
            "documents_with_truth": len(samples),
            "quarantined_by_design": len(samples) - len(scored),
            "truth_without_result": [s.key for s in samples if s.result is None],
            "results_without_truth": unmatched["without_truth"],
            "duplicate_results": unmatched["duplicate"],
        },
        "doc_type": type_accuracy(scored),
        "fields": field_scores(scored),
        "fields_by_split": split_field_scores(scored),
        "field_misses": field_misses(scored),
        "tables": table_scores(scored),
        "calibration": calibration(scored),
        "routing": routing(samples),
        "faulty": faulty_and_clean(samples),
    }
    report["headlines"] = headlines(report)
    return report


# ---------------------------------------------------------------- input and output


def read_jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def run_extract(docs_dir: Path, executable: Path = Path(sys.executable).parent / "backoffice") -> list[dict]:
    """Run `backoffice extract DOCS_DIR --format jsonl` from the same virtualenv as this script."""
    try:
        completed = subprocess.run(
            [str(executable), "extract", str(docs_dir), "--format", "jsonl"], capture_output=True, text=True
        )
    except FileNotFoundError:
        raise SystemExit(f"{executable} not found: install the project, or pass --results RESULTS.jsonl") from None
    if completed.returncode != 0:
        # Documents without a line still count, as "truth without result"; say why they may be missing.
        tail = completed.stderr.strip()[-500:]
        print(f"warning: backoffice extract exited {completed.returncode}: {tail}", file=sys.stderr)
    return read_jsonl(completed.stdout)


def ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.4f}"


def percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.2f} %"


def format_table(headers: list[str], rows: list[list[Any]]) -> str:
    if not rows:
        return "(none)"
    cells = [headers] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells)


def render_counts(report: dict[str, Any]) -> str:
    counts = report["counts"]
    return (
        f"Accuracy of backoffice extract on {report['docs_dir']}: {counts['documents_with_truth']} documents with "
        f"truth, {counts['quarantined_by_design']} of them quarantined by design (not scored for type, fields or "
        f"tables); ignored {len(counts['results_without_truth'])} without a truth file; "
        f"{len(counts['truth_without_result'])} with no result line; "
        f"{len(counts['duplicate_results'])} duplicate result lines."
    )


def render_doc_type(doc_type: dict[str, Any]) -> str:
    per_type = [[r["type"], r["docs"], r["correct"], ratio(r["accuracy"])] for r in doc_type["per_type"]]
    overall = ["all", doc_type["docs"], doc_type["correct"], ratio(doc_type["accuracy"])]
    mistakes = [[m["source"], m["truth"], m["predicted"]] for m in doc_type["mistakes"]]
    return (
        "1. Document type (doc_type and form_type both right)\n"
        + format_table(["type", "docs", "correct", "accuracy"], per_type + [overall])
        + "\nmistakes:\n"
        + format_table(["source", "truth", "predicted"], mistakes)
    )


def render_scores(title: str, rows: list[dict], columns: list[str]) -> str:
    return f"{title}\n" + format_table(
        columns + ["docs", "tp", "fp", "fn", "precision", "recall", "f1"],
        [
            [r[c] for c in columns]
            + [r["docs"], r["tp"], r["fp"], r["fn"], ratio(r["precision"]), ratio(r["recall"]), ratio(r["f1"])]
            for r in rows
        ],
    )


def render_field_misses(rows: list[dict]) -> str:
    columns = ["split", "type", "scan", "field", "right", "wrong", "missing", "spurious"]
    return "2c. Fields that were not right, by name\n" + (
        format_table(columns, [[r[c] for c in columns] for r in rows]) if rows else "(none)"
    )


def render_calibration(calibration: dict[str, Any]) -> str:
    buckets = [[b["bucket"], b["count"], ratio(b["accuracy"])] for b in calibration["buckets"]]
    thresholds = [
        [t["field"], t["observations"], t["threshold"], t.get("at_or_above", "-"), ratio(t.get("accuracy"))]
        for t in calibration["thresholds"]
    ]
    return (
        "4. Confidence calibration (predicted fields and cells that have a true value)\n"
        + format_table(["confidence", "count", "accuracy"], buckets)
        + f"\nlowest confidence right >= 99.5 % of the time over >= {MIN_OBSERVATIONS} readings at or above it:\n"
        + format_table(["field", "readings", "threshold", "at or above", "accuracy"], thresholds)
    )


def render_routing(routing: dict[str, Any]) -> str:
    headers = ["type", "clean digital", "auto-approved", "share", "auto-approved docs"]
    headers += ["field errors", "silent", "cell errors", "silent cells"]
    rows = [
        [
            r["type"],
            r["clean_digital"],
            r["clean_digital_auto_approved"],
            percent(r["auto_approved_share"]),
            r["auto_approved"],
            f"{r['field_errors']}/{r['truth_fields']}",
            percent(r["silent_error_rate"]),
            f"{r['cell_errors']}/{r['truth_cells']}",
            percent(r["silent_cell_error_rate"]),
        ]
        for r in routing["per_type"]
    ]
    by_field = routing.get("silent_by_field", [])
    columns = ["split", "type", "field", "verdict", "count"]
    return (
        "5. Routing (silent errors: wrong + missing + spurious values on auto-approved documents / their true values)\n"
        + format_table(headers, rows)
        + "\nsilent errors by field:\n"
        + (format_table(columns, [[r[c] for c in columns] for r in by_field]) if by_field else "(none)")
    )


def render_faulty(faulty: dict[str, Any]) -> str:
    misses = [
        [m["source"], m["expected_status"], m["status"], " ".join(m["issues_not_raised"]) or "-"]
        for m in faulty["misses"]
    ]
    false_errors = [[e["source"], e["status"], " ".join(e["codes"])] for e in faulty["clean_false_errors"]]
    return (
        f"6. Faulty documents ({faulty['faulty_docs']}): routed as expected {percent(faulty['routed_share'])}, "
        f"expected issues all raised {percent(faulty['expected_issues_share'])}\nmisses:\n"
        + format_table(["source", "expected status", "status", "issues not raised"], misses)
        + f"\nclean documents ({faulty['clean_docs']}) with an error issue other than field.low_confidence: "
        + f"{percent(faulty['clean_false_error_share'])}; leaving out field.missing (a field not found, which is "
        + f"recall): {percent(faulty['clean_false_check_share'])}\n"
        + format_table(["source", "status", "codes"], false_errors)
    )


def render_headlines(headlines: list[dict[str, Any]]) -> str:
    verdict = {True: "ok", False: "FAIL", None: "n/a"}
    rows = [[h["name"], percent(h["value"]), f"{h['op']} {percent(h['limit'])}", verdict[h["ok"]]] for h in headlines]
    return "Headline figures\n" + format_table(["figure", "value", "limit", "result"], rows)


def render(report: dict[str, Any]) -> str:
    return "\n\n".join(
        [
            render_counts(report),
            render_doc_type(report["doc_type"]),
            render_scores("2. Fields", report["fields"], ["type", "scan"]),
            render_scores(
                "2b. Fields, eval-only families vs dev families", report["fields_by_split"], ["split", "type", "scan"]
            ),
            render_field_misses(report["field_misses"]),
            render_scores("3. Table cells", report["tables"], ["table", "scan"]),
            render_calibration(report["calibration"]),
            render_routing(report["routing"]),
            render_faulty(report["faulty"]),
            render_headlines(report["headlines"]),
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs_dir", type=Path, nargs="?",
                        help="documents with NAME.truth.json sidecars (default: generate --count of them)")
    parser.add_argument("--count", type=int, default=240, help="documents to generate when no DOCS_DIR is given")
    parser.add_argument("--seed", type=int, default=2026, help="generator seed when no DOCS_DIR is given")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it (default: a temporary one)")
    parser.add_argument("--results", type=Path, help="JSONL from `backoffice extract`; run it when left out")
    parser.add_argument("--out", type=Path, default=Path("bench/results/accuracy.json"))
    parser.add_argument("--thresholds-out", type=Path, help="write {field: lowest safe confidence} as JSON")
    args = parser.parse_args(argv)

    if args.docs_dir is None:
        if args.results:
            parser.error("--results needs the DOCS_DIR the results were made from")
        with tempfile.TemporaryDirectory(prefix="backoffice-accuracy-") as tmp:
            args.docs_dir = args.keep or Path(tmp)
            generate(args.docs_dir, args.count, args.seed)
            return measure(args)
    return measure(args)


def generate(folder: Path, count: int, seed: int) -> None:
    """A fresh set from every layout family, dev and eval-only, about half of it scanned."""
    print(f"generating {count} documents (seed {seed}) into {folder} ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "samplegen", "--out", str(folder), "--seed", str(seed),
                    "--count", str(count), "--families", "all", "--scan-share", "0.5"], check=True)


def measure(args: argparse.Namespace) -> int:
    if args.results:
        results = read_jsonl(args.results.read_text(encoding="utf-8"))
    else:
        results = run_extract(args.docs_dir)
    report = evaluate(args.docs_dir, results)
    print(render(report))

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if args.thresholds_out:
        thresholds = {
            t["field"]: t["threshold"]
            for t in report["calibration"]["thresholds"]
            if not isinstance(t["threshold"], str)
        }
        args.thresholds_out.parent.mkdir(parents=True, exist_ok=True)
        args.thresholds_out.write_text(json.dumps(thresholds, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
