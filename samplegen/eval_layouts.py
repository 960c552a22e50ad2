"""Evaluation-only layout families, two per document type, kept apart from the dev families.

They share the records and the wording of the dev families but not their structure: a side bar
holding the header fields, grid cells with labels above values, right-aligned boxed totals and
two-column headers. An extractor tuned on the dev families meets these only when it is measured.
"""

from __future__ import annotations

import random

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER

from samplegen import direct_deposit, invoice, payroll, w9
from samplegen.drawing import (FONTS, LIGHT, Sheet, Table, TableStyle, centered_rotated, comb, flow_table,
                               label_value, lines_at, wrap)
from samplegen.family import Family
from samplegen.pens import Pen

WHITE = colors.white
PALE = colors.Color(0.8, 0.84, 0.9)


def grid_cell(c: Sheet, x: float, top: float, w: float, h: float, label: str, value: str = "", *,
              font: str = "Helvetica", bold: str = "Helvetica-Bold", size: float = 9.5) -> tuple[float, float]:
    """A bordered cell with a small label above its value; returns where a pen would write the value."""
    c.setLineWidth(0.6)
    c.rect(x, top - h, w, h)
    c.setFont(font, 6.8)
    c.setFillColor(colors.Color(0.35, 0.35, 0.35))
    c.drawString(x + 4, top - 9, label.upper() if len(label) < 28 else label)
    c.setFillColor(colors.black)
    if value:
        c.setFont(bold, size)
        c.drawString(x + 4, top - h + 6, value)
    return x + 4, top - h + 6


def stacked(c: Sheet, x: float, y: float, label: str, value: str, width: float, label_color: colors.Color,
            value_color: colors.Color, font: str, bold: str) -> float:
    """Label above value (side bar style); returns the y below the pair."""
    c.setFont(font, 7)
    c.setFillColor(label_color)
    c.drawString(x, y, label.upper())
    c.setFillColor(value_color)
    y = lines_at(c, x, y - 12, wrap(value, bold, 10, width), bold, 10, 12)
    return y - 8


# ---------------------------------------------------------------------------------------------
# Invoices


def invoice_sidebar(inv: invoice.Invoice, rng: random.Random) -> bytes:
    """Family E: a full-height side bar with vendor and header fields (labels above values), the
    table in the main column, totals in a right-aligned box."""
    W, H = invoice.pagesize(inv)
    c = Sheet((W, H))
    font, bold, _ = FONTS[inv.look.font]
    bar = 168
    accent = inv.look.accent
    x0, right = bar + 24, W - 36

    def side(number: int) -> None:
        c.setFillColor(accent)
        c.rect(0, 0, bar, H, stroke=0, fill=1)
        y = H - 48
        c.setFillColor(WHITE)
        y = lines_at(c, 18, y, wrap(inv.vendor.name, bold, 13, bar - 30), bold, 13, 15) - 4
        y = lines_at(c, 18, y, inv.vendor.address_lines + inv.vendor.extra[:2], font, 7.5, 9.5) - 6
        if inv.tax_id_line():
            y = lines_at(c, 18, y, wrap(inv.tax_id_line(), font, 7.5, bar - 30), font, 7.5, 9.5) - 10
        pairs = inv.meta_pairs() if number == 1 else inv.meta_pairs()[:1]
        for label, value in pairs:
            y = stacked(c, 18, y, label, value, bar - 30, PALE, WHITE, font, bold)
        c.setFillColor(colors.black)

    side(1)
    c.setFont(bold, 26)
    c.drawString(x0, H - 62, inv.label("title").title())
    y = H - 100
    blocks = [(inv.label("bill_to"), inv.customer)] + ([(inv.label("ship_to"), inv.ship_to)] if inv.ship_to else [])
    end = y
    for k, (label, party) in enumerate(blocks):
        bx = x0 + k * 180
        c.setFont(font, 7)
        c.drawString(bx, y, label.upper())
        end = min(end, lines_at(c, bx, y - 13, [party.name] + party.address_lines, font, 9.5))
    top = end - 18
    keys = ["description", "quantity", "unit_price", "amount"]
    table = Table(invoice.item_columns(inv, right - x0, keys, {"quantity": 46, "unit_price": 76, "amount": 80}),
                  TableStyle(font=font, bold=bold, size=8.5, pad=4, header_fill=None, rules="rows"))
    rows = [inv.row(i) for i in range(len(inv.items))]

    def page_start(cv: Sheet, number: int, pages: int) -> float:
        cv.setFont(font, 7.5)
        cv.drawRightString(right, 24, inv.page_label(number, pages))
        if number == 1:
            return top
        side(number)
        return H - 50

    y = flow_table(c, table, rows, x0, top, bottom=44, later_top=H - 50, reserve=105, page_start=page_start)
    totals = inv.totals()
    box_w, box_h = 230, 18 * len(totals) + 10
    bx, by = right - box_w, y - 18
    c.setLineWidth(1)
    c.rect(bx, by - box_h, box_w, box_h)
    ty = by - 16
    for i, (label, value) in enumerate(totals):
        last = i == len(totals) - 1
        if last:
            c.setFillColor(LIGHT)
            c.rect(bx, by - box_h, box_w, 22, stroke=0, fill=1)
            c.setFillColor(colors.black)
            ty = by - box_h + 7
        label_value(c, bx + 8, ty, label, value, label_font=bold if last else font, value_font=bold if last else font,
                    size=10 if last else 9, value_right=right - 8)
        ty -= 17
    lines_at(c, x0, by - box_h - 20, inv.notes, font, 8)
    return c.pdf_bytes()


def invoice_grid(inv: invoice.Invoice, rng: random.Random) -> bytes:
    """Family F: two-column header (vendor left, customer box right), a row of grid cells with the
    header fields (labels above values), fully gridded table, totals as a right-aligned cell grid."""
    W, H = invoice.pagesize(inv)
    c = Sheet((W, H))
    font, bold, _ = FONTS[inv.look.font]
    L, R = 40, W - 40
    mid = (L + R) / 2
    c.setFont(bold, 20)
    c.drawString(L, H - 56, inv.label("title").upper())
    c.setFont(bold, 11)
    c.drawString(L, H - 80, inv.vendor.name)
    lines = inv.vendor.address_lines + inv.vendor.extra[:1] + ([inv.tax_id_line()] if inv.tax_id_line() else [])
    left_end = lines_at(c, L, H - 93, lines, font, 8.5)
    c.setLineWidth(0.8)
    c.rect(mid + 10, H - 150, R - mid - 10, 96)
    c.setFont(font, 7)
    c.drawString(mid + 16, H - 64, inv.label("bill_to").upper())
    right_end = lines_at(c, mid + 16, H - 78, [inv.customer.name] + inv.customer.address_lines, bold, 9.5, 12)
    if inv.ship_to:
        c.setFont(font, 7)
        c.drawString(mid + 16, right_end - 4, f"{inv.label('ship_to')}: {inv.ship_to.name}, {inv.ship_to.city_line}")
    top = min(left_end, H - 150) - 16
    pairs = inv.meta_pairs()
    cell_w = (R - L) / len(pairs)
    for k, (label, value) in enumerate(pairs):
        grid_cell(c, L + k * cell_w, top, cell_w, 30, label, value, font=font, bold=bold, size=9)
    top -= 46
    keys = ["pos", "description", "quantity", "unit_price", "amount"]
    table = Table(invoice.item_columns(inv, R - L, keys, {"pos": 26, "quantity": 52, "unit_price": 80, "amount": 84}),
                  TableStyle(font=font, bold=bold, size=8.5, pad=3.5, header_fill=LIGHT, rules="grid"))
    rows = [inv.row(i) for i in range(len(inv.items))]

    def page_start(cv: Sheet, number: int, pages: int) -> float:
        cv.setFont(font, 7.5)
        cv.drawCentredString(W / 2, 26, f"{inv.vendor.name} · {inv.label('number')} {inv.number} · "
                                        f"{inv.page_label(number, pages)}")
        return top if number == 1 else H - 50

    y = flow_table(c, table, rows, L, top, bottom=44, later_top=H - 50, reserve=80, page_start=page_start)
    totals = inv.totals()
    cell_w = 110
    x = R - cell_w * len(totals)
    for k, (label, value) in enumerate(totals):
        grid_cell(c, x + k * cell_w, y - 14, cell_w, 34, label, value, font=font,
                  bold=bold, size=10.5 if k == len(totals) - 1 else 9.5)
    lines_at(c, L, y - 66, inv.notes, font, 8)
    return c.pdf_bytes()


# ---------------------------------------------------------------------------------------------
# Payroll


def payroll_grid(p: payroll.Payroll, rng: random.Random) -> bytes:
    """Family E: header fields as a row of grid cells (labels above values), a fully gridded table,
    totals in a right-aligned grid of cells instead of a totals row."""
    W, H = LETTER if p.country == "us" else A4
    c = Sheet((W, H))
    font, bold, _ = FONTS[p.look.font]
    L, R = 36, W - 36
    c.setFont(bold, 16)
    c.drawCentredString(W / 2, H - 50, p.label("title"))
    pairs = [(p.label("company"), p.employer.name), (p.label("start"), p.d(p.period_start)),
             (p.label("end"), p.d(p.period_end)), (p.label("pay_date"), p.d(p.pay_date))]
    widths = (R - L) * 0.4, (R - L) * 0.2, (R - L) * 0.2, (R - L) * 0.2
    x = L
    for (label, value), w in zip(pairs, widths):
        grid_cell(c, x, H - 64, w, 32, label, value, font=font, bold=bold, size=9)
        x += w
    order = payroll.shuffled_order(rng)
    table = Table(payroll.columns(p, order, R - L), TableStyle(font=font, bold=bold, size=8, pad=3, rules="grid"))
    rows = [p.row(e) for e in p.employees]

    def page_start(cv: Sheet, number: int, pages: int) -> float:
        cv.setFont(font, 7.5)
        cv.drawRightString(R, 24, p.page_label(number, pages))
        return H - 112 if number == 1 else H - 44

    y = flow_table(c, table, rows, L, H - 112, bottom=40, later_top=H - 44, reserve=70, page_start=page_start)
    cells = [(p.label("total_hours"), p.n(p.total_hours)), (p.label("total_gross"), p.m(p.total_gross)),
             (p.label("total_deductions"), p.m(p.total_deductions)), (p.label("total_net"), p.m(p.total_net))]
    x = R - 4 * 100
    for k, (label, value) in enumerate(cells):
        grid_cell(c, x + k * 100, y - 14, 100, 32, label, value, font=font, bold=bold, size=9.5)
    return c.pdf_bytes()


def payroll_sidebar(p: payroll.Payroll, rng: random.Random) -> bytes:
    """Family F: a side bar with employer and period fields stacked (labels above values), the
    employee table in the main column, totals in a boxed panel at the bottom right."""
    W, H = LETTER if p.country == "us" else A4
    c = Sheet((W, H))
    font, bold, _ = FONTS[p.look.font]
    bar = 150
    x0, right = bar + 18, W - 28

    def side(number: int) -> None:
        c.setFillColor(colors.Color(0.93, 0.94, 0.96))
        c.rect(0, 0, bar, H, stroke=0, fill=1)
        c.setFillColor(colors.black)
        y = H - 50
        y = lines_at(c, 16, y, wrap(p.label("title"), bold, 13, bar - 28), bold, 13, 15) - 12
        pairs = [(p.label("company"), p.employer.name), (p.label("period"), p.period_text()),
                 (p.label("pay_date"), p.d(p.pay_date)), (p.label("frequency"), p.frequency_label)]
        if number > 1:
            pairs = pairs[:2]
        for label, value in pairs:
            y = stacked(c, 16, y, label, value, bar - 28, colors.Color(0.4, 0.4, 0.45), colors.black, font, bold)
        c.setFont(font, 7)
        c.drawString(16, 30, f"{p.label('employees')}: {len(p.employees)}")

    side(1)
    order = payroll.shuffled_order(rng)
    table = Table(payroll.columns(p, order, right - x0),
                  TableStyle(font=font, bold=bold, size=7.6, pad=3, header_fill=None,
                             zebra=colors.Color(0.96, 0.96, 0.96), rules="header"))
    rows = [p.row(e) for e in p.employees]

    def page_start(cv: Sheet, number: int, pages: int) -> float:
        cv.setFont(font, 7.5)
        cv.drawRightString(right, 22, p.page_label(number, pages))
        if number > 1:
            side(number)
        return H - 44

    y = flow_table(c, table, rows, x0, H - 44, bottom=36, later_top=H - 44, reserve=90, page_start=page_start)
    summary = [(p.label("total_gross"), p.m(p.total_gross)), (p.label("total_deductions"), p.m(p.total_deductions)),
               (p.label("total_net"), p.m(p.total_net)), (p.label("total_hours"), p.n(p.total_hours))]
    bw, bh = 230, 16 * len(summary) + 12
    c.setLineWidth(1)
    c.rect(right - bw, y - 16 - bh, bw, bh)
    ty = y - 30
    for label, value in summary:
        label_value(c, right - bw + 8, ty, label, value, label_font=bold, value_font=font, size=9,
                    value_right=right - 8)
        ty -= 16
    return c.pdf_bytes()


# ---------------------------------------------------------------------------------------------
# W-9


def w9_grid(rec: w9.W9, pen: Pen) -> bytes:
    """Family E: every entry in a grid cell with its label above; classification as a row of seven
    small cells; SSN and EIN side by side; signature and date cells."""
    W, H = LETTER
    c = Sheet((W, H))
    L, R = 36, W - 36
    c.setFillColor(colors.Color(0.2, 0.2, 0.2))
    c.rect(L, H - 84, 120, 48, stroke=0, fill=1)
    c.setFillColor(WHITE)
    c.setFont("Helvetica-Bold", 22)
    c.drawString(L + 10, H - 64, "W-9")
    c.setFont("Helvetica", 7)
    c.drawString(L + 10, H - 77, "Form  (Rev. March 2024)")
    c.setFillColor(colors.black)
    c.setFont("Helvetica-Bold", 13)
    c.drawString(L + 134, H - 55, w9.TITLE)
    c.setFont("Helvetica", 7.5)
    c.drawString(L + 134, H - 69, "Department of the Treasury, Internal Revenue Service. Give form to the requester. "
                                  "Do not send to the IRS.")
    top = H - 96
    full = R - L

    def cell(x: float, w: float, h: float, label: str, value: str, size: float = 10.5) -> None:
        vx, vy = grid_cell(c, x, top, w, h, label)
        pen.text(c, vx + 2, vy, value, w - 10, size)

    cell(L, full, 32, "1 Name of entity/individual (required)", rec.name)
    top -= 32
    cell(L, full, 32, "2 Business name/disregarded entity name, if different from above", rec.business_name or "")
    top -= 32
    grid_cell(c, L, top, full, 62, "3 Federal tax classification (check only one)")
    keys = w9.CLASSIFICATIONS
    sub_w = (full - 8) / len(keys)
    short = {"individual": "Individual/sole proprietor", "c_corporation": "C corporation",
             "s_corporation": "S corporation", "partnership": "Partnership", "trust_estate": "Trust/estate",
             "llc": "LLC (enter C, S or P)", "other": "Other"}
    for k, key in enumerate(keys):
        x = L + 4 + k * sub_w
        c.setLineWidth(0.3)
        c.rect(x, top - 58, sub_w, 44)
        pen.box(c, x + sub_w / 2 - 5, top - 28, 10, rec.ticked(key))
        lines_at(c, x + sub_w / 2, top - 38, wrap(short[key], "Helvetica", 6.5, sub_w - 6), "Helvetica", 6.5, 7.5,
                 align="center")
        if key in ("llc", "other"):
            pen.text(c, x + 6, top - 55, (rec.llc_code if key == "llc" else rec.other_text) or "", sub_w - 10, 7)
    top -= 62
    cell(L, full * 0.55, 32, "5 Address (number, street, and apt. or suite no.)", rec.address)
    cell(L + full * 0.55, full * 0.45, 32, "6 City, state, and ZIP code", rec.city_state_zip)
    top -= 32
    cell(L, full * 0.55, 28, "7 Account number(s) (optional)", rec.account_numbers or "", 9.5)
    cell(L + full * 0.55, full * 0.2, 28, "4 Exempt payee code", rec.exempt_payee_code or "", 9.5)
    cell(L + full * 0.75, full * 0.25, 28, "FATCA exemption code", "", 9.5)
    top -= 28
    for k, (kind, caption, groups) in enumerate((("ssn", "Part I  Social security number", w9.SSN_GROUPS),
                                                 ("ein", "Part I  Employer identification number", w9.EIN_GROUPS))):
        x = L + k * full / 2
        grid_cell(c, x, top, full / 2, 44, caption + (" - or -" if kind == "ssn" else ""))
        cells = comb(c, x + 12, top - 38, groups, 15, 20)
        pen.comb(c, cells, 15, 20, rec.digits(kind))
    top -= 44
    vx, vy = grid_cell(c, L, top, full, 52, "Requester's name and address (optional)")
    for i, line in enumerate([rec.requester.name] + rec.requester.address_lines):
        pen.text(c, vx + 2, top - 20 - i * 11, line, 300, 8.5)
    top -= 52
    c.setFont("Helvetica-Bold", 9)
    c.drawString(L, top - 16, "Part II  Certification")
    y = w9.certification(c, L, top - 30, full)
    top = y - 6
    grid_cell(c, L, top, full * 0.68, 46, "Signature of U.S. person")
    pen.signature(c, L + 40, top - 44, 220, 30)
    vx, vy = grid_cell(c, L + full * 0.68, top, full * 0.32, 46, "Date")
    pen.text(c, vx + 2, vy + 2, rec.date_text, full * 0.3 - 10, 10.5)
    w9.general_instructions(c, L, top - 66, R, 50)
    return c.pdf_bytes()


def w9_sidebar(rec: w9.W9, pen: Pen) -> bytes:
    """Family F: a dark side bar naming the form and its parts, right-aligned labels beside boxed
    entries, classification in two columns, TIN combs side by side, signature box."""
    W, H = LETTER
    c = Sheet((W, H))
    bar = 92
    c.setFillColor(colors.Color(0.12, 0.2, 0.33))
    c.rect(0, 0, bar, H, stroke=0, fill=1)
    c.setFillColor(WHITE)
    c.setFont("Helvetica-Bold", 26)
    c.drawString(14, H - 66, "W-9")
    c.setFont("Helvetica", 7)
    lines_at(c, 14, H - 80, ["Form", "Rev. March 2024", "Dept. of the Treasury", "Internal Revenue", "Service"],
             "Helvetica", 7, 8.5)
    centered_rotated(c, bar / 2, H / 2 - 40, "Give form to the requester. Do not send to the IRS.", "Helvetica-Bold",
                     8, 90)
    c.setFillColor(colors.black)
    x0, R = bar + 20, W - 30
    c.setFont("Helvetica-Bold", 13)
    c.drawString(x0, H - 54, w9.TITLE)
    label_right = x0 + 120
    y = H - 84

    def entry(label: str, value: str, height: float = 22) -> None:
        nonlocal y
        lines = wrap(label, "Helvetica", 7.5, 116)
        lines_at(c, label_right - 4, y - 9, lines, "Helvetica", 7.5, 8.5, align="right")
        c.setLineWidth(0.6)
        c.rect(label_right + 4, y - height, R - label_right - 4, height)
        pen.text(c, label_right + 10, y - height + 7, value, R - label_right - 20, 10.5)
        y -= height + 6

    entry("1 Name of entity/individual", rec.name)
    entry("2 Business name, if different", rec.business_name or "")
    c.setFont("Helvetica", 7.5)
    c.drawRightString(label_right - 4, y - 9, "3 Tax classification")
    keys = w9.CLASSIFICATIONS
    for k, key in enumerate(keys):
        bx = label_right + 6 + (k // 4) * 200
        by = y - 10 - (k % 4) * 14
        pen.box(c, bx, by - 1, 8, rec.ticked(key))
        text = w9.CLASS_LABELS_2024[key] if key != "llc" else "LLC (tax classification C, S or P):"
        c.setFont("Helvetica", 7.5)
        c.drawString(bx + 12, by, text)
        if key in ("llc", "other"):
            end = bx + 14 + c.stringWidth(text, "Helvetica", 7.5)
            pen.text(c, end + 4, by, (rec.llc_code if key == "llc" else rec.other_text) or "", R - end - 10, 8.5)
    y -= 66
    entry("4 Exempt payee code (if any)", rec.exempt_payee_code or "", 20)
    entry("5 Address (number, street, apt. or suite)", rec.address)
    entry("6 City, state, and ZIP code", rec.city_state_zip)
    entry("7 Account number(s) (optional)", rec.account_numbers or "", 20)
    entry("Requester's name and address", "", 44)
    for i, line in enumerate([rec.requester.name] + rec.requester.address_lines):
        pen.text(c, label_right + 10, y + 36 - i * 11, line, 300, 8.5)  # inside the box just drawn
    c.setFont("Helvetica-Bold", 9)
    c.drawString(x0, y - 8, "Part I  Taxpayer Identification Number (TIN)")
    y -= 22
    for k, (kind, caption, groups) in enumerate((("ssn", "Social security number", w9.SSN_GROUPS),
                                                 ("ein", "Employer identification number", w9.EIN_GROUPS))):
        x = x0 + k * 230
        c.setFont("Helvetica", 7.5)
        c.drawString(x, y, caption)
        cells = comb(c, x, y - 24, groups, 14, 19)
        pen.comb(c, cells, 14, 19, rec.digits(kind))
    c.setFont("Helvetica-Bold", 8)
    c.drawString(x0 + 196, y - 18, "or")
    y -= 40
    c.setFont("Helvetica-Bold", 9)
    c.drawString(x0, y, "Part II  Certification")
    y = w9.certification(c, x0, y - 13, R - x0, 6.6)
    c.setLineWidth(0.8)
    c.rect(x0, y - 50, R - x0, 44)
    c.setFont("Helvetica-Bold", 8)
    c.drawString(x0 + 6, y - 18, "Sign here")
    c.setFont("Helvetica", 7)
    c.drawString(x0 + 6, y - 28, "Signature of U.S. person")
    pen.signature(c, x0 + 110, y - 48, 190, 34)
    c.drawString(x0 + 330, y - 18, "Date")
    pen.text(c, x0 + 330, y - 40, rec.date_text, R - x0 - 336, 10.5)
    return c.pdf_bytes()


# ---------------------------------------------------------------------------------------------
# Direct deposit


def dd_sidebar(d: direct_deposit.DirectDeposit, pen: Pen) -> bytes:
    """Family E: a coloured side bar with the employer and instructions, entries as labels above
    underlines in the main column, account type as large tick boxes."""
    W, H = LETTER
    c = Sheet((W, H))
    bar = 170
    c.setFillColor(d.accent)
    c.rect(0, 0, bar, H, stroke=0, fill=1)
    c.setFillColor(WHITE)
    y = lines_at(c, 18, H - 56, wrap(d.employer.name, "Helvetica-Bold", 13, bar - 30), "Helvetica-Bold", 13, 15) - 6
    y = lines_at(c, 18, y, d.employer.address_lines, "Helvetica", 7.5, 9.5) - 24
    steps = ("1. Fill in your details and your bank's.", "2. Tick checking or savings.",
             "3. Sign and date the form.", "4. Attach a voided check.", "5. Return it to Payroll.")
    c.setFont("Helvetica-Bold", 9)
    c.drawString(18, y, "HOW TO ENROLL")
    for step in steps:
        y = lines_at(c, 18, y - 14, wrap(step, "Helvetica", 8, bar - 30), "Helvetica", 8, 10) + 4
    c.setFillColor(colors.black)
    x0, R = bar + 28, W - 40
    c.setFont("Helvetica-Bold", 17)
    y = lines_at(c, x0, H - 62, wrap(d.title, "Helvetica-Bold", 17, R - x0), "Helvetica-Bold", 17, 20) - 16

    def entry(label: str, value: str, width: float, x: float = x0) -> None:
        c.setFont("Helvetica", 7)
        c.setFillColor(colors.Color(0.35, 0.35, 0.35))
        c.drawString(x, y, label.upper())
        c.setFillColor(colors.black)
        c.setLineWidth(0.5)
        c.line(x, y - 24, x + width, y - 24)
        pen.text(c, x + 2, y - 20, value, width - 4, 11)

    half = (R - x0 - 20) / 2
    entry("Employee name", d.employee_name, half)
    entry("Employee ID", d.employee_id, half, x0 + half + 20)
    y -= 44
    entry("Bank or credit union", d.bank_name, R - x0)
    y -= 44
    entry("Routing number", d.routing, half)
    entry("Account number", d.account, half, x0 + half + 20)
    y -= 50
    c.setFont("Helvetica", 7)
    c.drawString(x0, y, "ACCOUNT TYPE")
    direct_deposit.account_type_boxes(c, d, pen, x0, y - 22, 13, 120)
    y -= 56
    y = lines_at(c, x0, y, wrap(d.authorization, "Helvetica", 8.5, R - x0), "Helvetica", 8.5, 11) - 44
    c.line(x0, y, x0 + 220, y)
    c.line(x0 + 250, y, R, y)
    direct_deposit.signature_slot(c, d, pen, x0 + 10, y + 1, 190, 30)
    pen.text(c, x0 + 254, y + 4, d.date_text, R - x0 - 258, 10.5)
    c.setFont("Helvetica", 7)
    c.drawString(x0, y - 10, "SIGNATURE")
    c.drawString(x0 + 250, y - 10, "DATE")
    return c.pdf_bytes()


def dd_grid(d: direct_deposit.DirectDeposit, pen: Pen) -> bytes:
    """Family F: two-column header (employer left, title right) over a grid of cells, each with its
    label above the entry, account type and signature/date as cells too."""
    W, H = LETTER
    c = Sheet((W, H))
    L, R = 44, W - 44
    c.setFont("Helvetica-Bold", 12)
    c.drawString(L, H - 56, d.employer.name)
    lines_at(c, L, H - 68, d.employer.address_lines, "Helvetica", 8)
    c.setFont("Helvetica-Bold", 15)
    c.drawRightString(R, H - 58, d.title)
    top = H - 104
    full = R - L

    def cell(x: float, w: float, label: str, value: str, h: float = 36) -> None:
        vx, vy = grid_cell(c, x, top, w, h, label)
        pen.text(c, vx + 2, vy + 2, value, w - 10, 11)

    cell(L, full * 0.65, "Employee name", d.employee_name)
    cell(L + full * 0.65, full * 0.35, "Employee ID", d.employee_id)
    top -= 36
    cell(L, full * 0.65, "Name of financial institution", d.bank_name)
    cell(L + full * 0.65, full * 0.35, "Phone", d.phone)
    top -= 36
    cell(L, full * 0.4, "Routing / transit number", d.routing)
    cell(L + full * 0.4, full * 0.6, "Account number", d.account)
    top -= 36
    grid_cell(c, L, top, full, 36, "Type of account")
    direct_deposit.account_type_boxes(c, d, pen, L + 10, top - 28, 10, 110)
    top -= 36
    vx, vy = grid_cell(c, L, top, full, 96, "Authorization")
    lines_at(c, vx, top - 22, wrap(d.authorization, "Helvetica", 8.5, full - 12), "Helvetica", 8.5, 11)
    top -= 96
    grid_cell(c, L, top, full * 0.65, 50, "Employee signature")
    direct_deposit.signature_slot(c, d, pen, L + 40, top - 48, 220, 32)
    vx, vy = grid_cell(c, L + full * 0.65, top, full * 0.35, 50, "Date")
    pen.text(c, vx + 2, vy + 4, d.date_text, full * 0.33 - 10, 11)
    c.setFont("Helvetica-Oblique", 7.5)
    c.drawString(L, top - 66, "Payroll use: keep this form in the employee's personnel file.")
    return c.pdf_bytes()


FAMILIES = [
    Family("invoice-e", "invoice", "side bar with stacked header fields, boxed right-aligned totals", invoice_sidebar,
           eval_only=True, languages=("en", "de")),
    Family("invoice-f", "invoice", "two-column header, grid cells with labels above values, gridded table",
           invoice_grid, eval_only=True, languages=("en", "de")),
    Family("payroll-e", "payroll", "header grid cells, gridded table, totals as cells", payroll_grid, eval_only=True,
           languages=("en", "de")),
    Family("payroll-f", "payroll", "side bar with stacked period fields, boxed totals panel", payroll_sidebar,
           eval_only=True, languages=("en", "de")),
    Family("w9-e", "w9", "W-9 as grid cells with labels above entries", w9_grid, eval_only=True),
    Family("w9-f", "w9", "W-9 with a dark side bar and right-aligned labels", w9_sidebar, eval_only=True),
    Family("dd-e", "direct_deposit", "side bar with instructions, labels above underlines", dd_sidebar, eval_only=True),
    Family("dd-f", "direct_deposit", "grid cells with labels above entries", dd_grid, eval_only=True),
]
