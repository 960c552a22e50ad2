"""Whose register it is, and how sure: a payroll bureau's own letterhead over a client's register, a register whose
only name is its letterhead or its title, a client key of capitals and figures before the name; and header dates a
clerk reads without a second thought (a US period that settles how the page writes dates, a week 'of' its year, a
month's number and year, a legal form 'AB' that is no 'ab' (from))."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.test_invoice_issuer import _read
from tests.test_payroll_header import _register, _sure, _values

PERIOD = [(40, 42, "Check date: 03/20/2026"), (300, 42, "Pay period: 03/01/2026 - 03/15/2026")]
HALF = {"pay_period_start": date(2026, 3, 1), "pay_period_end": date(2026, 3, 15), "pay_date": date(2026, 3, 20)}
BUREAU = ["Harlan & Poole LLP", "18 King Street, Leeds LS1 2HL", "Tel. 0113 496 0000  www.harlanpoole.co.uk"]


def _letterhead_register(path: Path, letterhead: list[str], header: list[tuple[float, float, str]],
                         title: str = "Payroll Register") -> None:
    """A register under a letterhead (its name in large print, then its lines), the title and header under it."""
    lines = [(40, 12 + 11 * k, text) for k, text in enumerate(letterhead[1:])]
    _register(path, [*lines, (40, 48, title), *((x, depth + 20, text) for x, depth, text in header)], title=letterhead[0])


@pytest.mark.parametrize("header, title, employer", [
    ([(40, 20, "Client: Acme Tooling Ltd")], "Payroll Register", "Acme Tooling Ltd"),
    ([(40, 20, "Prepared for: Acme Tooling")], "Payroll Register", "Acme Tooling"),
    ([(40, 20, "Client: 0421 - Acme Tooling")], "Payroll Register", "Acme Tooling"),
    ([], "Payroll Register for Acme Tooling Ltd", "Acme Tooling Ltd"),
    ([(40, 20, "Mandanten-Nr.: 97501 Elbufer Elektrotechnik AG")], "Gehaltsliste", "Elbufer Elektrotechnik AG"),
])
def test_a_bureaus_letterhead_over_a_clients_register_is_not_the_employer(tmp_path: Path, header, title, employer):
    path = tmp_path / "register.pdf"
    _letterhead_register(path, BUREAU, [*header, *PERIOD], title=title)
    assert _read(path).fields["employer_name"].value == employer


@pytest.mark.parametrize("letterhead, sure", [
    (["Whitmore Engineering Ltd", "193 Mill Lane · Cardiff CF10 1EP"], True),
    (["Sonnenberg Beratung GmbH", "Lindenallee 50 · 30159 Hannover"], True),
    # without a legal form nothing says where the name ends: held for a look however well it stands
    (["Whitmore Engineering", "193 Mill Lane · Cardiff CF10 1EP"], False),
])
def test_a_register_whose_only_name_is_its_letterhead_over_the_title_is_sure_of_a_whole_company_name(
        tmp_path: Path, letterhead: list[str], sure: bool):
    path = tmp_path / "register.pdf"
    _letterhead_register(path, letterhead, PERIOD)
    doc = _read(path)
    assert doc.fields["employer_name"].value == letterhead[0]
    assert _sure(doc, "employer_name") == sure


def test_a_letterhead_beside_a_labelled_client_of_another_name_is_held_for_a_look(tmp_path: Path):
    path = tmp_path / "register.pdf"
    _letterhead_register(path, BUREAU, [(40, 20, "Prepared for: Acme Tooling"), *PERIOD])
    doc = _read(path)
    assert doc.fields["employer_name"].value == "Acme Tooling"
    assert not _sure(doc, "employer_name")  # two names on the page and no legal form to the client's: a person looks


@pytest.mark.parametrize("line", ["Company: K7X  Acme Tooling LLC", "Client: AB12 - Acme Tooling LLC"])
def test_a_client_key_of_capitals_and_figures_is_no_part_of_the_employers_name(tmp_path: Path, line: str):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 25, line), *PERIOD])
    assert _values(_read(path)) == {"employer_name": "Acme Tooling LLC", **HALF}


def test_a_us_period_settles_how_the_page_writes_dates_and_the_pay_date_is_sure(tmp_path: Path):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 25, "Employer: Tristate Office Products Co."), (40, 42, "Period start: 06/01/2026"),
                     (300, 42, "Period end: 06/07/2026"), (560, 42, "Check Date: 06/11/2026")])
    doc = _read(path)
    assert _values(doc) == {"employer_name": "Tristate Office Products Co.", "pay_period_start": date(2026, 6, 1),
                            "pay_period_end": date(2026, 6, 7), "pay_date": date(2026, 6, 11)}
    assert _sure(doc, "pay_date") and _sure(doc, "pay_period_start")


@pytest.mark.parametrize("line, start, end", [
    ("Pay period: Week 11 of 2026", date(2026, 3, 9), date(2026, 3, 15)),
    ("Payroll period 03 2026", date(2026, 3, 1), date(2026, 3, 31)),
    ("Pay period: May-04-2026   –   May-17-2026", date(2026, 5, 4), date(2026, 5, 17)),
])
def test_a_period_as_a_week_of_its_year_a_months_number_or_dashed_dates_is_read(tmp_path: Path, line: str, start: date,
                                                                                end: date):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 25, "Company: Acme Tooling LLC"), (40, 42, line), (400, 42, "Pay date: 05/21/2026")])
    doc = _read(path)
    assert (doc.fields["pay_period_start"].value, doc.fields["pay_period_end"].value) == (start, end)


def test_a_swedish_ab_in_the_employers_name_is_no_start_of_the_period(tmp_path: Path):
    path = tmp_path / "gehaltsliste.pdf"
    _register(path, [(40, 25, "Unternehmen: Schröder & Partner Software AB"), (400, 25, "Zahltag: 5. November 2025"),
                     (40, 42, "Ende der Periode: 31. Oktober 2025"), (400, 42, "Abrechnungsart: monatlich")],
              title="Gehaltsliste", footer="Schröder & Partner Software AB · vertraulich",
              columns=("Nr.", "Arbeitnehmer", "Stunden", "Überstd.", "Satz", "Brutto", "Abzüge", "Auszahlung"))
    doc = _read(path)
    assert (doc.fields["pay_period_start"].value, doc.fields["pay_period_end"].value) == (date(2025, 10, 1),
                                                                                          date(2025, 10, 31))


@pytest.mark.parametrize("hours, line, start", [
    ("40.00", "Period End: 03/15/2026", date(2026, 3, 9)),
    ("80.00", "Period End: 03/14/2026", date(2026, 3, 1)),
    ("173.33", "Period End: 03/31/2026", date(2026, 3, 1)),
])
def test_a_period_end_without_a_frequency_gets_its_start_from_the_full_timers_hours_for_a_look(
        tmp_path: Path, hours: str, line: str, start: date):
    rows = [("101", "Adams, Ruth", hours, "2.00", "25.00", "1,075.00", "215.00", "860.00"),
            ("102", "Baker, Tom", hours, "0.00", "30.00", "1,140.00", "250.00", "890.00"),
            ("103", "Chavez, Ana", "31.50", "5.00", "20.00", "950.00", "180.00", "770.00"),
            ("", "Total", "", "", "", "3,165.00", "645.00", "2,520.00")]
    path = tmp_path / "register.pdf"
    _register(path, [(40, 25, "Company: Acme Tooling LLC"), (40, 42, line), (300, 42, "Check Date: 03/20/2026")], body=rows)
    doc = _read(path)
    assert doc.fields["pay_period_start"].value == start
    assert not _sure(doc, "pay_period_start")  # printed nowhere: a person confirms it


def test_a_company_key_in_brackets_is_no_part_of_the_name(tmp_path: Path):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 25, "Acme Tooling LLC (Co. code J4B)"), (40, 42, "Pay period: 03/01/2026 - 03/15/2026"),
                     (300, 42, "Check date: 03/20/2026")])
    assert _read(path).fields["employer_name"].value == "Acme Tooling LLC"


@pytest.mark.parametrize("bullet", ["·", "(cid:127)"])  # '(cid:127)': a bullet the text layer has no letter for
def test_a_provider_line_under_a_header_strip_does_not_make_the_employer_a_bureau(tmp_path: Path, bullet: str):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 20, f"Silverline Staffing {bullet} Week: Wk 52/2025 {bullet} Date paid: 01/03/2026"),
                     (40, 31, "Processed by Ledgerline Payroll Services LLC")])
    assert _read(path).fields["employer_name"].value == "Silverline Staffing"
