"""No message, log line or error shows a whole TIN, SSN, routing or account number: the last four digits at most."""

from __future__ import annotations

import csv
import json
import logging
import re
from pathlib import Path

import pytest

from backoffice.masking import mask, scrub, shown
from tests.conftest import SAMPLES, extract
from tests.test_master_data import LAKESIDE, NORTHWIND, northwind_run

SENSITIVE = ("ssn", "ein", "vendor_tax_id", "routing_number", "account_number")


def secrets() -> set[str]:
    """Every TIN, SSN, routing and account number in the samples' ground truth and the demo master data, as
    printed and as bare digits."""
    values = set()
    for path in SAMPLES.glob("*.truth.json"):
        fields = json.loads(path.read_text())["fields"]
        values |= {str(fields[name]) for name in SENSITIVE if fields.get(name)}
    for folder in (NORTHWIND, LAKESIDE):
        with (folder / "vendors.csv").open(encoding="utf-8") as handle:
            values |= {row["tax_id"] for row in csv.DictReader(handle) if row["tax_id"]}
    return values | {re.sub(r"[^0-9A-Za-z]", "", v) for v in values}


def leaks(texts: list[str]) -> list[tuple[str, str]]:
    return [(secret, text) for text in texts for secret in secrets() if secret in text]


def test_mask_shows_the_last_four_digits_at_most():
    assert mask("123456789") == "*****6789"
    assert mask("12 345 6789") == "*****6789"
    assert mask("6789") == "****"
    assert shown("account_number", "214175290462") == "********0462"
    assert shown("invoice_number", "INV-1001") == "INV-1001"


def test_scrub_masks_a_secret_also_when_printed_with_separators_but_not_inside_other_numbers():
    text = "tax id 73-6658343, again 736658343, again 73 6658343; amount 1736658343.00"
    assert scrub(text, ["736658343"]) == ("tax id *****8343, again *****8343, again *****8343; "
                                          "amount 1736658343.00")
    assert scrub("account 4957", ["4957"]) == "account 4957"  # four digits are no more than the last four


@pytest.mark.parametrize("folder", [LAKESIDE, NORTHWIND], ids=["lakeside", "northwind"])
def test_no_issue_message_or_log_line_of_a_run_over_the_samples_shows_a_whole_identifier(folder, caplog):
    # The project's own loggers at DEBUG. Libraries stay at INFO: pdfminer's DEBUG output is the PDF's content
    # stream itself, account numbers and all, and must never be switched on in production.
    caplog.set_level(logging.INFO)
    for package in ("backoffice", "validators", "extractors", "reader"):
        caplog.set_level(logging.DEBUG, logger=package)
    if folder == NORTHWIND:
        code, lines, err = northwind_run()  # the run test_master_data made; its log lines are checked below
        code_small, small_lines, small_err = extract(SAMPLES / "invoice_en_b_scan200_rot180.jpg", SAMPLES / "dd_d_digital.pdf",
                                                     SAMPLES / "w9_d_digital.pdf", args=("--master-data", str(folder)))
        lines, err = [*lines, *small_lines], err + small_err
    else:
        code, lines, err = extract(SAMPLES, args=("--master-data", str(folder)))
    assert code == 0, err
    messages = [issue["message"] for line in lines for issue in line["issues"]]
    log_lines = [record.getMessage() for record in caplog.records]
    assert any(re.search(r"\*{4,}\d{4}", m) for m in messages)  # identifiers are mentioned, masked
    assert any("master data from" in line for line in log_lines)
    assert leaks(messages) == []
    assert leaks(log_lines) == []
    assert leaks([err]) == []


def test_a_master_data_error_does_not_echo_an_account_number(tmp_path: Path):
    folder = tmp_path / "client"
    folder.mkdir()
    for name in ("vendors", "purchase_orders", "control_totals"):
        (folder / f"{name}.csv").write_text((NORTHWIND / f"{name}.csv").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "employees.csv").write_text("employee_id,name,bank_account_last4\n10674,Tyrone Chen,644957\n")
    code, _, err = extract(SAMPLES / "bad_empty.pdf", args=("--master-data", str(folder)))
    assert code == 3 and "employees.csv, line 2, column bank_account_last4" in err
    assert "644957" not in err and "**4957" in err



def test_numbers_shaped_like_tins_or_accounts_are_masked_and_dates_amounts_and_keys_are_not():
    from backoffice.masking import mask_numbers

    text = ("SSN 537-53-9102, EIN 12-3456789, routing 021000021, account 1234 5678 9012; "
            "invoice of 2026-03-04 for 1,234.50 (12345678.90), key inbox/acme/123456789.pdf, INV-20260304")
    assert mask_numbers(text) == (
        "SSN *****9102, EIN *****6789, routing *****0021, account ********9012; "
        "invoice of 2026-03-04 for 1,234.50 (12345678.90), key inbox/acme/123456789.pdf, INV-20260304")
