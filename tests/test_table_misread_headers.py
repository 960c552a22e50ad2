"""Table headers as a scan leaves them: words one letter off ('Stundeniohn', 'Gros', 'aty'), run together ('PayRate'),
spaced apart ('Ext.' from 'Price'), lost altogether over one column, or read worse on a continuation page. Each
test draws its own register or invoice (reportlab) with the header as the scan read it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from tests.test_invoice_issuer import _read
from tests.test_payroll_cells import COLUMNS, HEADERS, ROWS, H, _letterhead, _register


def _money(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


@pytest.mark.parametrize("misread", [
    {"Emp ID": "Ernp lD", "Rate": "Stundeniohn", "Gross": "Gros"},
    {"Rate": "PayRate", "Gross": "Bruteolaohn", "OT": "OT"},
])
def test_header_words_a_scan_misread_still_head_their_columns(tmp_path, misread):
    headers = [misread.get(h, h) for h in HEADERS]
    rows = _read(_register(tmp_path / "register.pdf", ROWS, headers=headers)).tables["employees"]
    assert [r["employee_id"].value for r in rows] == [r[0] for r in ROWS]
    assert [r["hourly_rate"].value for r in rows] == [_money(r[5]) for r in ROWS]
    assert [r["gross_pay"].value for r in rows] == [_money(r[6]) for r in ROWS]


def test_figures_under_a_header_the_scan_lost_are_the_one_column_the_header_lacks(tmp_path):
    # Gross printed in a dark band the scan read nothing of; the last row's gross does not add up to its net
    rows = [*ROWS, ("1307", "Dana Whitfield", "Sales", "40.00", "0.00", "30.00", "1,250.00", "300.00", "900.00")]
    doc = _read(_register(tmp_path / "register.pdf", rows, headers=[h if h != "Gross" else "" for h in HEADERS],
                          totals=False))
    read = doc.tables["employees"]
    assert [r["gross_pay"].value for r in read] == [_money(r[6]) for r in rows]
    assert [r["net_pay"].value for r in read] == [_money(r[8]) for r in rows]
    # named by elimination: sure where gross - deductions = net confirms it, held for a person where it does not
    assert all(r["gross_pay"].confidence >= 0.8 for r in read[:3])
    assert read[3]["gross_pay"].confidence < 0.8


def _table(c: canvas.Canvas, top: float, headers: list[str], rows, drift: float = 0.0) -> None:
    """A header and its rows, figures set flush right; right of the rate, figures `drift` points low."""
    for k, line in enumerate([headers, *rows]):
        c.setFont("Helvetica-Bold" if k == 0 else "Helvetica", 8)
        for i, (x, text) in enumerate(zip(COLUMNS, line)):
            if k and i >= 3:
                c.drawRightString(x + 40, top - 16 * k - (drift if i >= 6 else 0), text)
            else:
                c.drawString(x, top - 16 * k, text)


def test_a_continuation_page_whose_header_lost_columns_keeps_the_first_pages_columns(tmp_path):
    path = tmp_path / "register.pdf"
    c = _letterhead(path)
    pages = [(HEADERS, ROWS[:2]), ([h if h in ("Emp ID", "Employee", "Dept", "Rate", "Net") else "" for h in HEADERS],
                                   ROWS[2:])]
    for n, (headers, rows) in enumerate(pages):
        _table(c, H - 130 if n == 0 else H - 60, headers, rows)
        c.drawString(500, 40, f"Page {n + 1} of 2")
        c.showPage()
    c.save()
    read = _read(path).tables["employees"]
    assert [r["employee_name"].value for r in read] == [r[1] for r in ROWS]
    assert [(r["regular_hours"].value, r["gross_pay"].value, r["deductions"].value) for r in read] == \
        [(_money(r[3]), _money(r[6]), _money(r[7])) for r in ROWS]


ITEMS = [("Toner cartridge, black", "2", "150.63", "301.26"), ("Label printer ribbons", "12", "17.49", "209.88"),
         ("Freight charge", "1", "44.67", "44.67")]


def _invoice(path: Path, items=ITEMS, units=("",) * len(ITEMS)) -> Path:
    """An invoice whose item header a scan misread: 'aty' for 'Qty', and 'Ext. Price' spaced apart ('Price' alone
    would be a unit price); units printed after each quantity under no header."""
    c = canvas.Canvas(str(path), pagesize=(612, H), invariant=1)
    c.setFont("Helvetica", 10)
    for x, y, text in ((50, 50, "Northgate Office Supply Inc."), (50, 66, "2290 Harbor Rd, Omaha, NE 68102"),
                       (400, 50, "INVOICE"), (400, 66, "Invoice No.: 40117"), (400, 80, "Date: 03/04/2026")):
        c.drawString(x, H - y, text)
    top = H - 160
    c.setFont("Helvetica-Bold", 9)
    for x, text, right in ((50, "Item", False), (330, "aty", True), (420, "Rate", True), (470, "Ext.", False),
                           (550, "Price", True)):
        (c.drawRightString if right else c.drawString)(x, top, text)
    c.setFont("Helvetica", 9)
    for k, ((desc, qty, price, amount), unit) in enumerate(zip(items, units)):
        y = top - 18 - 16 * k
        c.drawString(50, y, desc)
        c.drawString(336, y, unit)
        for x, text in ((330, qty), (420, price), (550, amount)):
            c.drawRightString(x, y, text)
    c.drawString(400, top - 80, "Total")
    c.drawRightString(550, top - 80, "555.81")
    c.save()
    return path


def test_a_header_spaced_apart_and_a_misread_quantity_header_head_their_columns(tmp_path):
    rows = _read(_invoice(tmp_path / "invoice.pdf")).tables["line_items"]
    assert [(r["quantity"].value, r["unit_price"].value, r["amount"].value) for r in rows] == \
        [(Decimal(q), Decimal(p), Decimal(a)) for _, q, p, a in ITEMS]


def test_a_misread_unit_and_dust_stay_out_of_descriptions(tmp_path):
    items = [("Toner cartridge, | black", *ITEMS[0][1:]), *ITEMS[1:]]
    rows = _read(_invoice(tmp_path / "invoice.pdf", items, units=("pes", "ea", "pes"))).tables["line_items"]
    assert [r["description"].value for r in rows] == [d for d, *_ in ITEMS]


def _drifting_register(path: Path, drift: float) -> Path:
    """A register photographed askew: right of its rate, each row's cells and the totals' figures stand `drift`
    points lower than the row's name, as a slanted photo's baseline drifts."""
    c = _letterhead(path)
    _table(c, H - 130, HEADERS, ROWS, drift)
    y = H - 130 - 16 * (len(ROWS) + 1)
    c.drawString(30, y, "Totals")
    for x, text in zip(COLUMNS[-3:], ["6,848.56", "1,717.73", "5,130.83"]):
        c.drawRightString(x + 40, y - drift, text)
    c.save()
    return path


def test_a_row_whose_baseline_drifts_is_one_row_and_its_totals_keep_their_figures(tmp_path):
    doc = _read(_drifting_register(tmp_path / "register.pdf", drift=6))
    rows = doc.tables["employees"]
    assert [(r["employee_name"].value, r["hourly_rate"].value, r["gross_pay"].value, r["net_pay"].value)
            for r in rows] == [(r[1], _money(r[5]), _money(r[6]), _money(r[8])) for r in ROWS]
    assert doc.fields["total_gross"].value == Decimal("6848.56")


def test_figures_under_an_unreadable_header_run_into_the_next_are_the_missing_column(tmp_path):
    # 'ÜStd.' read as 'tstd.' and run into the rate's header: one phrase over the overtime and the rate figures
    headers = [{"OT": "tstd. Stundenlohn", "Rate": ""}.get(h, h) for h in HEADERS]
    rows = _read(_register(tmp_path / "register.pdf", ROWS, headers=headers)).tables["employees"]
    assert [(r["overtime_hours"].value, r["hourly_rate"].value) for r in rows] == \
        [(_money(r[4]), _money(r[5])) for r in ROWS]


def test_a_header_printed_twice_names_the_ids_under_it_for_review(tmp_path):
    # names first, then the ids under 'Employee' again: the scan lost its '#'
    headers = ["Employee", "Employee", *HEADERS[2:]]
    read = _read(_register(tmp_path / "register.pdf", ROWS, headers=headers,
                           columns=[160, 30, 230, 270, 315, 360, 410, 470, 530])).tables["employees"]
    assert [(r["employee_id"].value, r["employee_name"].value) for r in read] == [(r[0], r[1]) for r in ROWS]
    assert all(r["employee_id"].confidence < 0.8 for r in read)  # named by elimination: a person checks them


def test_figures_under_a_header_that_reads_as_another_word_are_not_the_missing_column(tmp_path):
    # no overtime column; 'Bonus' is a header the vocabulary does not know, but no misreading of 'OT'
    headers = [{"OT": "Bonus"}.get(h, h) for h in HEADERS]
    rows = _read(_register(tmp_path / "register.pdf", ROWS, headers=headers)).tables["employees"]
    assert not any("overtime_hours" in r for r in rows)
    assert [r["hourly_rate"].value for r in rows] == [_money(r[5]) for r in ROWS]


def test_a_row_whose_description_holds_header_words_is_no_new_header(tmp_path):
    # 'charge' heads amounts, 'Ref.' codes and 'pcs' quantities, but a line with amounts is a row
    items = [("Freight charge - Ref. F593", "1", "44.67", "44.67"), *ITEMS[:2]]
    rows = _read(_invoice(tmp_path / "invoice.pdf", items, units=("pcs", "", ""))).tables["line_items"]
    assert [r["amount"].value for r in rows] == [Decimal(a) for *_, a in items]


def test_a_currency_under_a_header_stays_part_of_it(tmp_path):
    path = tmp_path / "register.pdf"
    c = _letterhead(path)
    _table(c, H - 130, [*HEADERS[:-1], ""], ROWS)
    c.setFont("Helvetica-Bold", 8)
    c.drawString(COLUMNS[-1] - 12, H - 130, "Net Amount")  # the figures stand under 'Amount', the currency too
    c.drawString(COLUMNS[-1] + 12, H - 139, "(USD)")
    c.save()
    assert [r["net_pay"].value for r in _read(path).tables["employees"]] == [_money(r[8]) for r in ROWS]


def test_a_page_subtotal_before_the_next_pages_header_does_not_end_the_table(tmp_path):
    path = tmp_path / "invoice.pdf"
    c = canvas.Canvas(str(path), pagesize=(612, H), invariant=1)
    pages = [(ITEMS[:2], ("Zwischensumme Seite 1", "511.14")), (ITEMS[2:], ("Total", "555.81"))]
    for n, (items, (label, amount)) in enumerate(pages):
        c.setFont("Helvetica", 10)
        c.drawString(50, H - 50, "Northgate Office Supply Inc." if n == 0 else "Invoice No.: 40117 (continued)")
        if n == 0:
            c.drawString(400, H - 50, "INVOICE  No.: 40117  Date: 03/04/2026")
        top = H - 120
        for x, text in ((50, "Description"), (300, "Qty"), (400, "Unit Price"), (500, "Amount")):
            c.drawString(x, top, text)
        for k, (desc, qty, price, total) in enumerate(items):
            c.drawString(50, top - 18 - 16 * k, desc)
            for x, text in ((320, qty), (450, price), (540, total)):
                c.drawRightString(x, top - 18 - 16 * k, text)
        c.drawString(300, top - 30 - 16 * len(items), label)
        c.drawRightString(540, top - 30 - 16 * len(items), amount)
        c.drawString(500, 40, f"Page {n + 1} of 2")
        c.showPage()
    c.save()
    rows = _read(path).tables["line_items"]
    assert [r["amount"].value for r in rows] == [Decimal(a) for *_, a in ITEMS]
