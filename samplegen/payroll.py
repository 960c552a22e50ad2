"""Payroll registers for one pay period: random records, their ground truth, four dev layout families.

Arithmetic is what a payroll system prints: gross = (regular + 1.5 x overtime hours) x rate,
rounded half up to cents; net = gross - deductions; the totals row sums the printed rows.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER, landscape

from samplegen import names
from samplegen.drawing import (ACCENTS, FONTS, GREY, Column, Sheet, Table, TableStyle, flow_table, label_value,
                               lines_at)
from samplegen.family import Family
from samplegen.sample import Truth
from samplegen.values import (DATE_STYLES_BY_LOCALE, DE_NUMBERS, EN_NUMBERS, MoneyStyle, NumberStyle, format_date,
                              format_money, format_number, money, random_date, truth_decimal)

FAULTS = {"net_mismatch": "payroll.net_mismatch"}

COLUMN_LABELS = {
    "en": {"employee_id": ("Emp ID", "Employee #", "ID", "Emp. No."),
           "employee_name": ("Name", "Employee", "Employee Name"),
           "regular_hours": ("Reg Hrs", "Hours", "Regular Hours", "Reg. Hours"),
           "overtime_hours": ("OT Hrs", "Overtime", "OT Hours"),
           "hourly_rate": ("Rate", "Hourly rate", "Pay Rate"),
           "gross_pay": ("Gross", "Gross pay", "Gross Earnings"),
           "deductions": ("Deductions", "Ded.", "Total Ded."),
           "net_pay": ("Net", "Net pay", "Net Amount")},
    "de": {"employee_id": ("Personalnr.", "Pers.-Nr.", "MA-Nr."),
           "employee_name": ("Name", "Mitarbeiter", "Mitarbeiter/in"),
           "regular_hours": ("Std.", "Stunden", "Reg. Std."),
           "overtime_hours": ("Überstd.", "Mehrarbeit", "ÜStd."),
           "hourly_rate": ("Stundenlohn", "Satz", "Lohnsatz"),
           "gross_pay": ("Brutto", "Bruttolohn"),
           "deductions": ("Abzüge", "Abz."),
           "net_pay": ("Netto", "Nettolohn", "Auszahlung")},
}
HEADER_LABELS = {
    "en": {"title": ("Payroll Register", "Payroll Summary", "Payroll Journal", "Pay Period Register"),
           "period": ("Pay Period", "Period", "Pay period"), "pay_date": ("Pay Date", "Check Date", "Payment date"),
           "totals": ("Totals", "Total", "Company total"), "total_hours": ("Total hours", "Hours worked"),
           "employees": ("Employees", "Headcount"), "frequency": ("Pay frequency", "Frequency"),
           "total_gross": ("Total gross pay", "Gross wages"), "total_deductions": ("Total deductions", "Deductions"),
           "total_net": ("Total net pay", "Net wages"), "company": ("Company", "Employer"),
           "continued": ("(continued)", "- continued -"), "page": ("Page {n} of {m}", "Page {n}")},
    "de": {"title": ("Lohnjournal", "Lohnabrechnung – Übersicht", "Entgeltliste"),
           "period": ("Abrechnungszeitraum", "Zeitraum"), "pay_date": ("Zahltag", "Auszahlungsdatum", "Zahlungsdatum"),
           "totals": ("Summe", "Gesamt"),
           "total_hours": ("Stunden gesamt", "Summe Stunden"), "employees": ("Mitarbeiter", "Anzahl Mitarbeiter"),
           "frequency": ("Abrechnungsart",), "total_gross": ("Summe Brutto", "Bruttolöhne gesamt"),
           "total_deductions": ("Summe Abzüge", "Abzüge gesamt"), "total_net": ("Summe Netto", "Auszahlung gesamt"),
           "company": ("Firma", "Arbeitgeber"), "continued": ("(Fortsetzung)",),
           "page": ("Seite {n} von {m}", "Seite {n}")},
}
# Labels of the period's first and last day come in pairs.
PERIOD_LABELS = {"en": (("Period start", "Period end"), ("Period begin", "Period ending"), ("From", "To")),
                 "de": (("Von", "Bis"), ("Zeitraum von", "Zeitraum bis"), ("Beginn", "Ende"))}
# frequency -> (days in the period, 0 for calendar months; full-time regular hours; English; German)
FREQUENCIES = {"weekly": (7, Decimal(40), "Weekly", "wöchentlich"),
               "biweekly": (14, Decimal(80), "Bi-weekly", "14-täglich"),
               "monthly": (0, Decimal(160), "Monthly", "monatlich")}

@dataclass
class Employee:
    employee_id: str
    person: names.Person
    regular_hours: Decimal
    overtime_hours: Decimal
    rate: Decimal
    gross: Decimal
    deductions: Decimal
    net: Decimal


@dataclass
class Look:
    columns: dict[str, str]  # column key -> header label
    labels: dict[str, str]
    date_style: str
    number: NumberStyle
    money: MoneyStyle  # totals outside the table
    last_first: bool  # names printed "Novak, Jana"
    font: str
    accent: colors.Color


@dataclass
class Payroll:
    language: str
    country: str
    employer: names.Party
    frequency: str
    period_start: date
    period_end: date
    pay_date: date
    employees: list[Employee]
    total_gross: Decimal
    total_deductions: Decimal
    total_net: Decimal
    look: Look
    fault: str | None = None
    printed_columns: tuple[str, ...] | None = None  # None: every column; a layout that prints fewer says which

    def label(self, key: str) -> str:
        return self.look.labels[key]

    def d(self, value: date) -> str:
        return format_date(value, self.look.date_style)

    def n(self, value: Decimal) -> str:
        return format_number(value, self.look.number)

    def m(self, value: Decimal) -> str:
        return format_money(value, self.look.money)

    def name(self, e: Employee) -> str:
        return e.person.last_first() if self.look.last_first else e.person.first_last()

    @property
    def frequency_label(self) -> str:
        _, _, en, de = FREQUENCIES[self.frequency]
        return de if self.language == "de" else en

    @property
    def total_hours(self) -> Decimal:
        return sum((e.regular_hours + e.overtime_hours for e in self.employees), Decimal("0.00"))

    def row(self, e: Employee) -> dict[str, str]:
        return {"employee_id": e.employee_id, "employee_name": self.name(e), "regular_hours": self.n(e.regular_hours),
                "overtime_hours": self.n(e.overtime_hours), "hourly_rate": self.n(e.rate), "gross_pay": self.n(e.gross),
                "deductions": self.n(e.deductions), "net_pay": self.n(e.net)}

    def totals_row(self) -> dict[str, str]:
        return {"employee_name": self.label("totals"),
                "regular_hours": self.n(sum((e.regular_hours for e in self.employees), Decimal("0.00"))),
                "overtime_hours": self.n(sum((e.overtime_hours for e in self.employees), Decimal("0.00"))),
                "gross_pay": self.n(self.total_gross), "deductions": self.n(self.total_deductions),
                "net_pay": self.n(self.total_net)}

    def period_text(self) -> str:
        sep = " – " if self.language == "de" else self.look.labels["period_sep"]
        return f"{self.d(self.period_start)}{sep}{self.d(self.period_end)}"

    def page_label(self, n: int, m: int) -> str:
        return self.label("page").format(n=n, m=m)


def _period(rng: random.Random, frequency: str) -> tuple[date, date]:
    days, _, _, _ = FREQUENCIES[frequency]
    anchor = random_date(rng, date(2025, 10, 1), date(2026, 10, 20))
    if frequency == "monthly":
        start = anchor.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return start, end
    start = anchor - timedelta(days=anchor.weekday())  # periods start on Mondays
    return start, start + timedelta(days=days - 1)


def _employee_id(rng: random.Random, style: str, n: int) -> str:
    return {"E": f"E{1000 + n}", "zero": f"{n:05d}", "dash": f"{rng.randint(10, 40)}-{n:03d}", "plain": str(n)}[style]


def make_payroll(rng: random.Random, language: str = "en", *, fault: str | None = None,
                 employee_count: int | None = None, date_style: str | None = None) -> Payroll:
    country = "de" if language == "de" else rng.choice(("us", "us", "us", "uk"))
    german = language == "de"
    frequency = "monthly" if german or rng.random() < 0.2 else rng.choice(("weekly", "biweekly", "biweekly"))
    start, end = _period(rng, frequency)
    pay_date = end + timedelta(days=rng.randint(0 if frequency == "monthly" else 2, 6))
    base_hours = FREQUENCIES[frequency][1]
    count = employee_count or rng.choice((3, 4, 5, 6, 8, 9, 12, 14, 17, 21, 26, 33, 40))
    id_style = "plain" if german else rng.choice(("E", "zero", "dash", "plain"))
    numbers = sorted(rng.sample(range(1, 9000 if id_style != "dash" else 999), count))
    employees = []
    for n in numbers:
        short = Decimal(rng.randint(1, int(base_hours) * 2)) / 4 if rng.random() < 0.35 else Decimal(0)
        regular = base_hours - short
        overtime = Decimal(rng.randint(1, 24)) / 4 if rng.random() < 0.4 else Decimal(0)
        rate = money(rng.uniform(13.9, 45.0) if german else rng.uniform(15.5, 68.0))
        gross = money((regular + Decimal("1.5") * overtime) * rate)
        deductions = money(gross * Decimal(str(rng.uniform(0.15, 0.38))))
        employees.append(Employee(_employee_id(rng, id_style, n), names.person(rng, country),
                                  regular.quantize(Decimal("0.01")), overtime.quantize(Decimal("0.01")),
                                  rate, gross, deductions, gross - deductions))
    if fault == "net_mismatch":
        victim = rng.choice(employees)
        victim.net += money(rng.choice((-1, 1)) * rng.uniform(3, 150))

    columns = {key: rng.choice(options) for key, options in COLUMN_LABELS[language].items()}
    labels = {key: rng.choice(options) for key, options in HEADER_LABELS[language].items()}
    labels["start"], labels["end"] = rng.choice(PERIOD_LABELS[language])
    labels["period_sep"] = rng.choice((" - ", " to ", " – ", " through "))
    number = DE_NUMBERS if german else EN_NUMBERS
    currency = "EUR" if german else ("GBP" if country == "uk" else "USD")
    symbol = {"EUR": " €", "GBP": "£", "USD": "$"}[currency]
    look = Look(columns=columns, labels=labels,
                date_style=date_style or rng.choice(DATE_STYLES_BY_LOCALE["de" if german else country]),
                number=number,
                money=MoneyStyle(number, suffix=symbol) if german else MoneyStyle(number, prefix=symbol.strip()),
                last_first=rng.random() < 0.55, font=rng.choice(("helvetica", "helvetica", "times")),
                accent=rng.choice(ACCENTS))
    return Payroll(language, country, names.company(rng, country), frequency, start, end, pay_date, employees,
                   total_gross=sum((e.gross for e in employees), Decimal("0.00")),
                   total_deductions=sum((e.deductions for e in employees), Decimal("0.00")),
                   total_net=sum((e.net for e in employees), Decimal("0.00")), look=look, fault=fault)


def truth(p: Payroll) -> Truth:
    fields = {"employer_name": p.employer.name, "pay_period_start": p.period_start.isoformat(),
              "pay_period_end": p.period_end.isoformat(), "pay_date": p.pay_date.isoformat(),
              "total_gross": truth_decimal(p.total_gross), "total_deductions": truth_decimal(p.total_deductions),
              "total_net": truth_decimal(p.total_net)}
    rows = [{"employee_id": e.employee_id, "employee_name": p.name(e), "regular_hours": truth_decimal(e.regular_hours),
             "overtime_hours": truth_decimal(e.overtime_hours), "hourly_rate": truth_decimal(e.rate),
             "gross_pay": truth_decimal(e.gross), "deductions": truth_decimal(e.deductions),
             "net_pay": truth_decimal(e.net)} for e in p.employees]
    if p.printed_columns is not None:
        rows = [{k: v for k, v in row.items() if k in p.printed_columns} for row in rows]
    expect = {"status": "needs_review", "issues": [FAULTS[p.fault]]} if p.fault else None
    return Truth("payroll", None, fields, {"employees": rows}, expect)


# ---------------------------------------------------------------------------------------------
# Dev layout families

WIDTHS = {"employee_id": 58, "regular_hours": 54, "overtime_hours": 50, "hourly_rate": 54, "gross_pay": 70,
          "deductions": 66, "net_pay": 70}


def columns(p: Payroll, order: tuple[str, ...], width: float) -> list[Column]:
    """Table columns in `order`; the name column takes the width the others leave (at least 120 pt,
    the number columns shrink to make room on narrow pages)."""
    fixed = sum(WIDTHS[k] for k in order if k != "employee_name")
    shrink = min(1.0, (width - 120) / fixed)
    rest = width - fixed * shrink
    return [Column(k, p.look.columns[k], rest if k == "employee_name" else WIDTHS[k] * shrink,
                   "left" if k in ("employee_id", "employee_name") else "right") for k in order]


def shuffled_order(rng: random.Random) -> tuple[str, ...]:
    """Column orders seen on real registers: id/name either way round, rate before or after hours."""
    ident = ("employee_id", "employee_name") if rng.random() < 0.7 else ("employee_name", "employee_id")
    hours = rng.choice((("regular_hours", "overtime_hours", "hourly_rate"),
                        ("hourly_rate", "regular_hours", "overtime_hours")))
    return ident + hours + ("gross_pay", "deductions", "net_pay")


def _totals_row(c: Sheet, table: Table, p: Payroll, x: float, y: float, double_rule: bool = True) -> float:
    c.setLineWidth(0.9)
    c.line(x, y, x + table.width, y)
    y = table.draw_row(c, x, y - 1, p.totals_row(), 0, bold=True)
    if double_rule:
        c.line(x, y - 1.5, x + table.width, y - 1.5)
    return y


def render_register(p: Payroll, rng: random.Random) -> bytes:
    """Family A: portrait register; employer letterhead left, title right, period lines with labels
    to the left, ruled table, bold totals row, a 'total hours' line."""
    W, H = LETTER if p.country == "us" else A4
    c = Sheet((W, H))
    font, bold, _ = FONTS[p.look.font]
    M = 40
    c.setFont(bold, 13)
    c.drawString(M, H - 52, p.employer.name)
    lines_at(c, M, H - 66, p.employer.address_lines, font, 8.5)
    c.setFont(bold, 16)
    c.setFillColor(p.look.accent)
    c.drawRightString(W - M, H - 52, p.label("title"))
    c.setFillColor(colors.black)
    y = H - 110
    if rng.random() < 0.5:
        pairs = [(p.label("period"), p.period_text())]
    else:
        pairs = [(p.label("start"), p.d(p.period_start)), (p.label("end"), p.d(p.period_end))]
    pairs += [(p.label("pay_date"), p.d(p.pay_date)), (p.label("frequency"), p.frequency_label)]
    for label, value in pairs:
        label_value(c, M, y, label + ":", value, label_font=bold, value_font=font, size=9, value_x=M + 100)
        y -= 13
    table = Table(columns(p, shuffled_order(rng), W - 2 * M),
                  TableStyle(font=font, bold=bold, size=8, pad=3.2, rules="rows"))
    rows = [p.row(e) for e in p.employees]

    def page_start(cv: Sheet, number: int, pages: int) -> float:
        cv.setFont(font, 7.5)
        cv.drawRightString(W - M, 28, p.page_label(number, pages))
        if number == 1:
            return y - 10
        cv.setFont(bold, 9)
        cv.drawString(M, H - 44, f"{p.employer.name} – {p.label('title')} {p.label('continued')}")
        return H - 58

    end = flow_table(c, table, rows, M, y - 10, bottom=44, later_top=H - 58, reserve=60, page_start=page_start)
    end = _totals_row(c, table, p, M, end)
    c.setFont(font, 8.5)
    c.drawString(M, end - 16, f"{p.label('total_hours')}: {p.n(p.total_hours)}    "
                              f"{p.label('employees')}: {len(p.employees)}")
    return c.pdf_bytes()


def render_landscape(p: Payroll, rng: random.Random) -> bytes:
    """Family B: landscape sheet with a shaded title band, period and pay date on one line, shuffled
    column order, zebra rows, totals row and a summary line underneath."""
    W, H = landscape(LETTER if p.country == "us" else A4)
    c = Sheet((W, H))
    font, bold, _ = FONTS[p.look.font]
    M = 36
    shade = colors.Color(0.88, 0.9, 0.93)
    c.setFillColor(shade)
    c.rect(M, H - 78, W - 2 * M, 44, stroke=0, fill=1)
    c.setFillColor(colors.black)
    c.setFont(bold, 14)
    c.drawString(M + 10, H - 52, p.employer.name)
    c.setFont(font, 8)
    c.drawString(M + 10, H - 66, ", ".join(p.employer.address_lines))
    c.setFont(bold, 13)
    c.drawRightString(W - M - 10, H - 52, p.label("title"))
    info = f"{p.label('period')}: {p.period_text()}     {p.label('pay_date')}: {p.d(p.pay_date)}     " \
           f"{p.label('frequency')}: {p.frequency_label}"
    c.setFont(font, 9.5)
    c.drawString(M, H - 98, info)
    order = shuffled_order(rng)
    table = Table(columns(p, order, W - 2 * M),
                  TableStyle(font=font, bold=bold, size=8.5, pad=3.5, header_fill=shade,
                             zebra=colors.Color(0.965, 0.965, 0.965), rules="header"))
    rows = [p.row(e) for e in p.employees]

    def page_start(cv: Sheet, number: int, pages: int) -> float:
        cv.setFont(font, 7.5)
        cv.setFillColor(GREY)
        cv.drawString(M, 22, f"{p.employer.name} · {p.label('period')} {p.period_text()}")
        cv.drawRightString(W - M, 22, p.page_label(number, pages))
        cv.setFillColor(colors.black)
        return H - 112 if number == 1 else H - 44

    end = flow_table(c, table, rows, M, H - 112, bottom=38, later_top=H - 44, reserve=60, page_start=page_start)
    end = _totals_row(c, table, p, M, end, double_rule=False)
    c.setFont(font, 8.5)
    c.drawString(M, end - 16, f"{p.label('employees')}: {len(p.employees)}   |   "
                              f"{p.label('total_hours')}: {p.n(p.total_hours)}")
    return c.pdf_bytes()


def render_journal(p: Payroll, rng: random.Random) -> bytes:
    """Family C: dense journal printout (German Lohnjournal style): monospaced header lines, the
    period as 'from/to' fields, grid-less table with a totals line framed by rules."""
    W, H = A4 if p.country != "us" else LETTER
    c = Sheet((W, H))
    font, bold, _ = FONTS[rng.choice(("courier", "helvetica"))]
    M = 34
    c.setFont(bold, 11)
    c.drawString(M, H - 44, f"{p.label('title').upper()}")
    c.setFont(font, 8)
    c.drawRightString(W - M, H - 44, f"{p.label('company')}: {p.employer.name}")
    c.drawRightString(W - M, H - 55, p.employer.city_line)
    y = H - 72
    for label, value in ((p.label("start"), p.d(p.period_start)), (p.label("end"), p.d(p.period_end)),
                         (p.label("pay_date"), p.d(p.pay_date))):
        label_value(c, M, y, f"{label}:", value, label_font=font, value_font=bold, size=8.5, value_x=M + 110)
        y -= 11
    c.setLineWidth(1)
    c.line(M, y + 3, W - M, y + 3)
    order = ("employee_id", "employee_name", "regular_hours", "overtime_hours", "hourly_rate", "gross_pay",
             "deductions", "net_pay")
    table = Table(columns(p, order, W - 2 * M),
                  TableStyle(font=font, bold=bold, size=7.5, pad=2.6, header_fill=None, rules="header"))
    rows = [p.row(e) for e in p.employees]

    def page_start(cv: Sheet, number: int, pages: int) -> float:
        cv.setFont(font, 7)
        cv.drawRightString(W - M, 24, p.page_label(number, pages))
        if number == 1:
            return y - 4
        cv.setFont(bold, 9)
        cv.drawString(M, H - 40, f"{p.label('title')} {p.period_text()} {p.label('continued')}")
        return H - 52

    end = flow_table(c, table, rows, M, y - 4, bottom=40, later_top=H - 52, reserve=40, page_start=page_start)
    _totals_row(c, table, p, M, end)
    return c.pdf_bytes()


def render_summary(p: Payroll, rng: random.Random) -> bytes:
    """Family D: a boxed key/value header table, zebra employee table without a totals row, and the
    company totals as a summary block of labelled lines."""
    W, H = LETTER if p.country == "us" else A4
    c = Sheet((W, H))
    font, bold, _ = FONTS[p.look.font]
    M = 48
    c.setFont(bold, 15)
    c.drawString(M, H - 54, p.label("title"))
    pairs = [(p.label("company"), p.employer.name), (p.label("start"), p.d(p.period_start)),
             (p.label("end"), p.d(p.period_end)), (p.label("pay_date"), p.d(p.pay_date)),
             (p.label("frequency"), p.frequency_label)]
    y = H - 74
    c.setLineWidth(0.5)
    for label, value in pairs:
        c.rect(M, y - 15, 130, 15, stroke=1, fill=0)
        c.rect(M + 130, y - 15, 220, 15, stroke=1, fill=0)
        label_value(c, M + 4, y - 11, label, value, label_font=bold, value_font=font, size=8.5, value_x=M + 134)
        y -= 15
    order = shuffled_order(rng)
    table = Table(columns(p, order, W - 2 * M),
                  TableStyle(font=font, bold=bold, size=8.2, pad=3.4, header_fill=p.look.accent,
                             header_color=colors.white, zebra=colors.Color(0.94, 0.95, 0.97), rules="none"))
    rows = [p.row(e) for e in p.employees]

    def page_start(cv: Sheet, number: int, pages: int) -> float:
        cv.setFont(font, 7.5)
        cv.drawCentredString(W / 2, 26, p.page_label(number, pages))
        return y - 22 if number == 1 else H - 48

    end = flow_table(c, table, rows, M, y - 22, bottom=42, later_top=H - 48, reserve=95, page_start=page_start)
    sx = W - M - 230
    sy = end - 22
    summary = [(p.label("total_hours"), p.n(p.total_hours)), (p.label("total_gross"), p.m(p.total_gross)),
               (p.label("total_deductions"), p.m(p.total_deductions)), (p.label("total_net"), p.m(p.total_net))]
    for i, (label, value) in enumerate(summary):
        last = i == len(summary) - 1
        label_value(c, sx, sy, label, value, label_font=bold if last else font, value_font=bold if last else font,
                    size=9.5, value_right=W - M)
        sy -= 14
    return c.pdf_bytes()


def render_random(p: Payroll, rng) -> bytes:
    from samplegen.payroll_random import render_random as draw  # that module builds on this one's records
    return draw(p, rng)


FAMILIES = [
    Family("payroll-a", "payroll", "portrait register with labelled period lines and totals row", render_register,
           languages=("en", "de")),
    Family("payroll-b", "payroll", "landscape sheet with title band and one-line period", render_landscape,
           languages=("en", "de")),
    Family("payroll-c", "payroll", "dense journal printout with from/to fields", render_journal,
           languages=("de", "en")),
    Family("payroll-d", "payroll", "key/value header table, totals as a summary block", render_summary,
           languages=("en", "de")),
    Family("payroll-g", "payroll", "randomised register: header wording, placement, formats and column sets drawn per "
           "document", render_random, languages=("en", "de")),
]
