"""Register headers in the shapes payroll systems and report writers print them: the whole header run into one line
with separators, the employer only in the title or under a label no list knows, dates with a two-digit year and a
named month ('01-MAR-26'), compact dates ('20260301') and ranges without spaces. A clerk reads employer, period and
pay date off each of them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.test_invoice_issuer import _read
from tests.test_payroll_header import _register, _values

EMPLOYER = "Northgate Logistics LLC"
MARCH = {"pay_period_start": date(2026, 3, 1), "pay_period_end": date(2026, 3, 15), "pay_date": date(2026, 3, 20)}


@pytest.mark.parametrize("line", [
    f"{EMPLOYER}  •  Pay period 03/01/2026 – 03/15/2026  •  Pay date 03/20/2026",
    f"{EMPLOYER} / Period 03/01/2026 - 03/15/2026 / Check date 03/20/2026",
    f"Company: {EMPLOYER} ; Pay period: 03/01/2026 - 03/15/2026 ; Check date: 03/20/2026",
    f"Company: {EMPLOYER}   Pay period: 03/01/2026 - 03/15/2026   Check date: 03/20/2026",
])
def test_a_header_run_into_one_line_gives_the_employer_as_well_as_the_dates(tmp_path: Path, line: str):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 25, line)])
    assert _values(_read(path)) == {"employer_name": EMPLOYER, **MARCH}


@pytest.mark.parametrize("title, employer", [
    ("Payroll Register for Northgate Logistics LLC", EMPLOYER),
    ("Northgate Logistics LLC Payroll", EMPLOYER),
    ("PAYROLL REGISTER - NORTHGATE LOGISTICS LLC", "NORTHGATE LOGISTICS LLC"),
    ("Lohnjournal – Berger Haustechnik GmbH", "Berger Haustechnik GmbH"),
])
def test_the_employer_named_only_in_the_title(tmp_path: Path, title: str, employer: str):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 25, "Pay period: 03/01/2026 - 03/15/2026"), (40, 40, "Check date: 03/20/2026")], title=title)
    assert _values(_read(path)) == {"employer_name": employer, **MARCH}


@pytest.mark.parametrize("label", ["Legal name", "Employer of record", "Firm", "Company legal name"])
def test_the_employer_under_a_label_no_list_knows_is_read_without_the_label(tmp_path: Path, label: str):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 25, f"{label}: {EMPLOYER}"), (40, 40, "Pay period: 03/01/2026 - 03/15/2026"),
                     (40, 55, "Check date: 03/20/2026")])
    assert _values(_read(path)) == {"employer_name": EMPLOYER, **MARCH}


def test_an_employer_whose_name_holds_to_or_date_is_no_label(tmp_path: Path):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 25, "Employer: Pluto Auto Candidate Services LLC"), (40, 40, "Pay period: 03/01/2026 - 03/15/2026"),
                     (40, 55, "Check date: 03/20/2026")])
    assert _values(_read(path)) == {"employer_name": "Pluto Auto Candidate Services LLC", **MARCH}


@pytest.mark.parametrize("lines", [
    ("Pay period: 01-MAR-26 to 15-MAR-26", "Check date: 20-MAR-26"),
    ("Pay period: 1-Mar-26 - 15-Mar-26", "Pay date: 20-Mar-26"),
    ("Period: 20260301 - 20260315", "Pay date: 20260320"),
    ("Pay period:03/01/2026-03/15/2026", "Check date:03/20/2026"),
    ("Period Beg: 03/01/2026", "Period End: 03/15/2026", "Check Date: 03/20/2026"),
])
def test_dates_as_report_writers_print_them(tmp_path: Path, lines: tuple[str, ...]):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 25, f"Company: {EMPLOYER}"), *((40, 40 + 15 * i, line) for i, line in enumerate(lines))])
    assert _values(_read(path)) == {"employer_name": EMPLOYER, **MARCH}
