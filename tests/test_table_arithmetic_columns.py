"""Figure columns a scan left without a readable header, named by the arithmetic of their rows: hours x rate =
gross, gross - deductions = net. Each test draws its own register (reportlab) with the header as the scan read it:
garbled words over some columns, or no header line at all."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from tests.test_invoice_issuer import _read
from tests.test_payroll_cells import ROWS, H, _letterhead

# Emp ID, Employee, Dept, Reg Hrs, OT, Rate, Gross, Deductions, Net (ROWS); two more registers' worth of rows so that
# most rows, not one or two, decide.
MORE = [("1304", "Dana Whitfield", "Ops", "80.00", "0.00", "30.00", "2,400.00", "540.10", "1,859.90"),
        ("1318", "Oskar Lindqvist", "Sales", "64.00", "3.00", "22.50", "1,541.25", "301.44", "1,239.81"),
        ("1322", "Amara Okafor", "Finance", "80.00", "0.00", "41.20", "3,296.00", "905.37", "2,390.63")]
EMPLOYEES = [*ROWS, *MORE]
COLUMNS = [30, 75, 170, 240, 290, 340, 410, 470, 530]


def _money(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _register(path: Path, headers: list[str] | None, rows=EMPLOYEES, extra: list[str] | None = None) -> Path:
    """A register; `headers` None: no header line at all (the scan read nothing of a dark band). `extra`: one more
    figure column, right of the rate, whose figures fit no arithmetic."""
    columns = COLUMNS if extra is None else [*COLUMNS[:6], 380, *(x + 30 for x in COLUMNS[6:])]
    c = _letterhead(path)
    if headers is not None:
        c.setFont("Helvetica-Bold", 8)
        for x, text in zip(columns, headers):
            c.drawString(x, H - 130, text)
    c.setFont("Helvetica", 8)
    y = H - 146
    for k, row in enumerate(rows):
        cells = list(row) if extra is None else [*row[:6], extra[k], *row[6:]]
        for i, (x, text) in enumerate(zip(columns, cells)):
            (c.drawRightString(x + 40, y, text) if i >= 3 else c.drawString(x, y, text))
        y -= 14
    c.save()
    return path


def test_columns_under_garbled_headers_are_named_by_what_their_figures_add_up_to(tmp_path):
    # the overtime, rate and net headers as a dark band left them
    headers = ["Emp ID", "Employee", "Dept", "Reg Hrs", 'Mr"', "..n", "Gross", "Deductions", "A5t€ 0n"]
    rows = _read(_register(tmp_path / "register.pdf", headers)).tables["employees"]
    assert [r["overtime_hours"].value for r in rows] == [_money(r[4]) for r in EMPLOYEES]
    assert [r["hourly_rate"].value for r in rows] == [_money(r[5]) for r in EMPLOYEES]
    assert [r["net_pay"].value for r in rows] == [_money(r[8]) for r in EMPLOYEES]
    # no header names them: a person confirms the hours and rates
    assert all(r["hourly_rate"].confidence < 0.8 and r["overtime_hours"].confidence < 0.8 for r in rows)


def test_of_two_columns_under_unreadable_headers_the_one_that_makes_hours_times_rate_the_gross_is_the_rate(tmp_path):
    headers = ["Emp ID", "Employee", "Dept", "Reg Hrs", "OT", "..n", "X;", "Gross", "Deductions", "Net"]
    other = ["12.00", "7.35", "19.80", "3.10", "44.00", "8.25"]
    rows = _read(_register(tmp_path / "register.pdf", headers, extra=other)).tables["employees"]
    assert [r["hourly_rate"].value for r in rows] == [_money(r[5]) for r in EMPLOYEES]
    assert not any(_money(v) in {f.value for f in r.values()} for r, v in zip(rows, other))


def test_a_register_whose_header_line_the_scan_lost_still_gives_every_employees_pay(tmp_path):
    doc = _read(_register(tmp_path / "register.pdf", None))
    rows = doc.tables["employees"]
    assert [r["employee_name"].value for r in rows] == [r[1] for r in EMPLOYEES]
    assert [r["employee_id"].value for r in rows] == [r[0] for r in EMPLOYEES]
    assert [(r["regular_hours"].value, r["overtime_hours"].value, r["hourly_rate"].value, r["gross_pay"].value)
            for r in rows] == [tuple(_money(v) for v in r[3:7]) for r in EMPLOYEES]
    # gross = deductions + net either way round: which is which only the usual order says, so a person checks
    assert [(r["deductions"].value, r["net_pay"].value) for r in rows] == [(_money(r[7]), _money(r[8])) for r in EMPLOYEES]
    assert all(r["deductions"].confidence < 0.8 and r["net_pay"].confidence < 0.8 for r in rows)
    assert all(r["employee_name"].confidence < 0.9 for r in rows)
    assert all("Sales" not in r["employee_name"].value for r in rows)  # the department is no part of a name
    # the letterhead's line over the rows ('Pay period: ... Pay date: ...') is labels, no part of the table
    assert (doc.fields["pay_period_start"].value, doc.fields["pay_period_end"].value, doc.fields["pay_date"].value) \
        == (date(2026, 3, 1), date(2026, 3, 15), date(2026, 3, 20))


def test_the_totals_of_columns_only_their_order_named_are_held_for_review_too(tmp_path):
    # No header line; a totals row under the figures. Deductions and net add up to gross either way round, so which
    # is which only their order says; their totals agree with whichever column they stand under, so no surer.
    path = tmp_path / "register.pdf"
    c = _letterhead(path)
    c.setFont("Helvetica", 8)
    y = H - 146
    for row in EMPLOYEES:
        for i, (x, text) in enumerate(zip(COLUMNS, row)):
            (c.drawRightString(x + 40, y, text) if i >= 3 else c.drawString(x, y, text))
        y -= 14
    c.setFont("Helvetica-Bold", 8)
    c.drawString(30, y, "Totals")
    for x, k in zip(COLUMNS[-3:], (6, 7, 8)):
        c.drawRightString(x + 40, y, f"{sum(_money(r[k]) for r in EMPLOYEES):,.2f}")
    c.save()
    fields = _read(path).fields
    assert fields["total_deductions"].value == sum(_money(r[7]) for r in EMPLOYEES)
    assert fields["total_net"].value == sum(_money(r[8]) for r in EMPLOYEES)
    assert fields["total_deductions"].confidence < 0.8 and fields["total_net"].confidence < 0.8
    assert fields["total_gross"].confidence >= 0.8  # hours x rate = gross named that one
