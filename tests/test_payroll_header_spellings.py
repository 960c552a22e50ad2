"""Payroll register headers as other payroll systems print them: a period range whose cell wraps its second end onto
the next line, header fields an export prints on every row in its own date spelling under titles run together, a
client number in two groups of figures before the name, and the funding bank's name beside the employer's.

Each test draws its own register (reportlab); what is checked is what a clerk would read off the page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from tests.test_invoice_issuer import _read

W, H = 612, 792
ROWS = [("E101", "Jana Novak", "2,000.00", "400.00", "1,600.00"),
        ("E102", "Ahmed Khan", "2,490.00", "500.00", "1,990.00"),
        ("E103", "Li Wei", "1,440.00", "300.00", "1,140.00")]
TOTALS = ("", "Totals", "5,930.00", "1,200.00", "4,730.00")


def _register(path: Path, header: list[tuple[float, float, str, str, float]], *, extra_columns=(), top: float = 620) -> Path:
    """A register whose header is `header` (x, y, text, font, size) over an id, name, gross, deductions and net table;
    `extra_columns` (title, cell, width) stand left of the name, printed on every row as exports print them."""
    c = canvas.Canvas(str(path), pagesize=(W, H), invariant=1)
    for x, y, text, font, size in header:
        c.setFont(font, size)
        c.drawString(x, y, text)
    titles = ["Emp ID", *(t for t, _, _ in extra_columns), "Employee", "Gross", "Deductions", "Net Pay"]
    xs = [36, 76]
    for _, _, width in extra_columns:
        xs.append(xs[-1] + width)
    xs += [xs[-1] + 100, xs[-1] + 170, xs[-1] + 240]
    y = top
    for k, line in enumerate([titles] + [[r[0], *(cell for _, cell, _ in extra_columns), *r[1:]] for r in ROWS]
                             + [[TOTALS[0], *("" for _ in extra_columns), *TOTALS[1:]]]):
        c.setFont("Helvetica-Bold" if k == 0 or k == len(ROWS) + 1 else "Helvetica", 8)
        for i, (x, text) in enumerate(zip(xs, line)):
            if i >= len(line) - 3:
                c.drawRightString(x + 60, y, text)
            else:
                c.drawString(x, y, text)
        y -= 14
    c.save()
    return path


def _letterhead(name: str = "Acme Tooling LLC") -> list[tuple[float, float, str, str, float]]:
    return [(40, 740, name, "Helvetica-Bold", 13), (40, 727, "120 Main Street, Springfield, IL 62701", "Helvetica", 8),
            (400, 740, "Payroll Register", "Helvetica-Bold", 14)]


# A label beside the range, the pay date right of its first line; and a caption over it, its first line ending in 'to'
# with the next caption's date right of it (which must not be taken for the period's end).
WRAPPED = {"beside": [(40, 700, "Pay Period:", "Helvetica-Bold", 9), (120, 700, "11/01/2026 -", "Helvetica", 9),
                      (120, 688, "11/15/2026", "Helvetica", 9),
                      (300, 700, "Check Date:", "Helvetica-Bold", 9), (380, 700, "11/20/2026", "Helvetica", 9)],
           "captions": [(40, 700, "PAY PERIOD", "Helvetica", 7), (40, 688, "11/01/2026 to", "Helvetica-Bold", 9),
                        (40, 676, "11/15/2026", "Helvetica-Bold", 9),
                        (200, 700, "CHECK DATE", "Helvetica", 7), (200, 688, "11/20/2026", "Helvetica-Bold", 9)]}


@pytest.mark.parametrize("layout", WRAPPED)
def test_a_period_whose_cell_wraps_its_end_onto_the_next_line_reads_whole(tmp_path: Path, layout: str):
    doc = _read(_register(tmp_path / "wrapped.pdf", _letterhead() + WRAPPED[layout]))
    assert doc.fields["pay_period_start"].value == date(2026, 11, 1)
    assert doc.fields["pay_period_end"].value == date(2026, 11, 15)
    assert doc.fields["pay_date"].value == date(2026, 11, 20)


def test_an_exports_period_columns_in_compact_dates_under_titles_run_together(tmp_path: Path):
    # 'Period Start Period End' set so tight the text layer reads one phrase; the cells print '20261101'
    columns = [("Period Start", "20261101", 48), ("Period End", "20261115", 44), ("Pay Date", "Nov-20-2026", 60)]
    doc = _read(_register(tmp_path / "export.pdf", _letterhead(), extra_columns=columns))
    assert doc.fields["pay_period_start"].value == date(2026, 11, 1)
    assert doc.fields["pay_period_end"].value == date(2026, 11, 15)
    assert doc.fields["pay_date"].value == date(2026, 11, 20)


def test_a_client_number_in_two_groups_of_figures_is_no_part_of_the_employer(tmp_path: Path):
    header = [(40, 740, "Payroll Journal", "Helvetica-Bold", 14), (40, 720, "Client 0012-3456  ACME TOOLING", "Helvetica", 9),
              (40, 706, "Period: 11/01/2026 - 11/15/2026", "Helvetica", 9), (40, 692, "Check Date: 11/20/2026", "Helvetica", 9)]
    doc = _read(_register(tmp_path / "client.pdf", header))
    assert doc.fields["employer_name"].value == "ACME TOOLING"
    assert doc.fields["employer_name"].confidence < 0.9  # no legal form, printed once: a person looks


def test_the_funding_bank_is_never_the_employer(tmp_path: Path):
    # the employer only in the footer; over the table a bank's name under 'Funding account', 'acct. ending' beside it
    header = [(40, 740, "Earnings Register", "Helvetica-Bold", 14),
              (40, 716, "Funding account", "Helvetica", 7), (40, 704, "Cedar Valley Bank, acct. ending 419", "Helvetica-Bold", 9),
              (220, 716, "Period begin", "Helvetica", 7), (220, 704, "11/01/2026", "Helvetica-Bold", 9),
              (300, 716, "Period ending", "Helvetica", 7), (300, 704, "11/15/2026", "Helvetica-Bold", 9),
              (380, 716, "Report date", "Helvetica", 7), (380, 704, "11/19/2026", "Helvetica-Bold", 9),
              (460, 716, "Deposit date", "Helvetica", 7), (460, 704, "11/20/2026", "Helvetica-Bold", 9),
              (40, 40, "Acme Tooling LLC · internal", "Helvetica", 7)]
    doc = _read(_register(tmp_path / "bank.pdf", header))
    assert doc.fields["employer_name"].value == "Acme Tooling LLC"
    assert doc.fields["pay_period_end"].value == date(2026, 11, 15)  # not the report date right of 'acct. ending'
    assert doc.fields["pay_date"].value == date(2026, 11, 20)


def test_a_header_run_into_one_line_names_the_client_after_the_bank(tmp_path: Path):
    # a payroll bureau's letterhead over the client's register; the client under its label inside one line of fields
    header = [(40, 740, "Ashdown Whitfield LLP", "Helvetica-Bold", 15), (40, 728, "1200 Oak Street, Columbus, OH 43215", "Helvetica", 8),
              (40, 700, "Pay Register", "Helvetica-Bold", 13),
              (40, 680, "Bank: Cascade Federal Savings / Client: Oak Harbor Staffing Inc. / Date paid: 11/20/2026 / "
                        "Pay period: 11/01/2026 - 11/15/2026", "Helvetica", 8)]
    doc = _read(_register(tmp_path / "strip.pdf", header))
    assert doc.fields["employer_name"].value == "Oak Harbor Staffing Inc."
    assert doc.fields["pay_period_end"].value == date(2026, 11, 15)


# The employer beside what a header prints with it on one line: whom the register is for and who printed it, a short
# key at one space, the bank's name run into the employer's (two caption cells read as one phrase).
BESIDE = {"for_by": ([(40, 720, "Prepared for Acme Tooling LLC by PayServ Inc.", "Helvetica", 9)], "Acme Tooling LLC"),
          "short_key": ([(40, 720, "Company: 123 ACME TOOLING LLC", "Helvetica", 9), (300, 720, "Batch: 4455", "Helvetica", 9)],
                        "ACME TOOLING LLC"),
          "bank_cell": ([(40, 722, "Bank", "Helvetica", 7), (154, 722, "Firma", "Helvetica", 7),
                         (40, 712, "Bodensee Privatbank AG", "Helvetica-Bold", 9),
                         (154, 712, "Alpenblick Haustechnik e.K.", "Helvetica-Bold", 9)], "Alpenblick Haustechnik e.K.")}


@pytest.mark.parametrize("layout", BESIDE)
def test_the_employer_is_told_from_what_its_line_prints_beside_it(tmp_path: Path, layout: str):
    lines, employer = BESIDE[layout]
    header = [(40, 740, "Payroll Journal", "Helvetica-Bold", 14), *lines,
              (40, 690, "Period: 11/01/2026 - 11/15/2026", "Helvetica", 9), (40, 676, "Check Date: 11/20/2026", "Helvetica", 9)]
    doc = _read(_register(tmp_path / "beside.pdf", header))
    assert doc.fields["employer_name"].value == employer


def test_a_spanish_month_with_its_de_is_the_period(tmp_path: Path):
    header = [(40, 740, "Talleres Ruiz S.L.", "Helvetica-Bold", 13), (400, 740, "Nómina", "Helvetica-Bold", 14),
              (40, 710, "Periodo de liquidación: noviembre de 2026", "Helvetica", 9),
              (40, 696, "Fecha de pago: 30/11/2026", "Helvetica", 9)]
    doc = _read(_register(tmp_path / "nomina.pdf", header))
    assert doc.fields["pay_period_start"].value == date(2026, 11, 1)
    assert doc.fields["pay_period_end"].value == date(2026, 11, 30)


def test_a_spanish_registers_title_and_tax_id_are_no_part_of_its_employer(tmp_path: Path):
    header = [(40, 740, "RESUMEN DE NÓMINAS", "Helvetica-Bold", 14),
              (40, 720, "Empresa: TALLERES RUIZ, S.L.   CIF: B12345678", "Helvetica", 9),
              (40, 706, "Periodo: 01/11/2026 - 30/11/2026", "Helvetica", 9), (40, 692, "Fecha de pago: 30/11/2026", "Helvetica", 9)]
    doc = _read(_register(tmp_path / "resumen.pdf", header))
    assert doc.fields["employer_name"].value == "TALLERES RUIZ, S.L."
    assert doc.fields["pay_period_end"].value == date(2026, 11, 30)


# A period printed without its year (the pay date's year, held for a look since the page never printed it), and a
# month from the 6th to the 5th (a UK tax month) printed day first.
PERIODS = {"yearless": ("Pay period: 11/01 - 11/15", "Check Date: 11/20/2026", date(2026, 11, 1), date(2026, 11, 15)),
           "tax_month": ("Tax period: Month 8 (06/11/2026 - 05/12/2026)", "Pay date: 05/12/2026", date(2026, 11, 6),
                         date(2026, 12, 5))}


@pytest.mark.parametrize("layout", PERIODS)
def test_a_period_read_with_what_the_page_says_beside_it(tmp_path: Path, layout: str):
    period, paid, start, end = PERIODS[layout]
    header = _letterhead() + [(40, 700, period, "Helvetica", 9), (40, 686, paid, "Helvetica", 9)]
    doc = _read(_register(tmp_path / "period.pdf", header))
    assert (doc.fields["pay_period_start"].value, doc.fields["pay_period_end"].value) == (start, end)
    if layout == "yearless":
        assert doc.fields["pay_period_start"].confidence < 0.89  # below the thresholds: a person confirms the year


def test_a_department_under_its_label_is_no_employer(tmp_path: Path):
    header = [(40, 740, "Payroll Register", "Helvetica-Bold", 14), (40, 720, "Department: Northgate Warehouse", "Helvetica", 9),
              (40, 706, "Period: 11/01/2026 - 11/15/2026", "Helvetica", 9), (40, 692, "Check Date: 11/20/2026", "Helvetica", 9),
              (40, 40, "Acme Tooling LLC", "Helvetica", 7)]
    doc = _read(_register(tmp_path / "department.pdf", header))
    assert doc.fields["employer_name"].value == "Acme Tooling LLC"
