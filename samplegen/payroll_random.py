"""Family G: a payroll register whose every layout decision is drawn per document from wide pools.

Header wording and placement, how the period and the pay date are written, date and money formats,
which columns the table prints and in what order and words, how totals are given, and distractors
(a run date beside the pay date, total hours beside total gross, a YTD or check number column,
department subtotals), a letter-spaced letterhead or title, a payroll bureau's letterhead over the employer's,
a weekly period named by its calendar week, the pay date, the period and the company printed on every row as an
export does, or in a panel beside the table on the lines of its rows; a payroll bureau's full letterhead over a client's
register (the client named by a label or in the title), the employer only in a running header, a client key of capitals
and figures, a period end under 'Period End' / 'PPE', a week 'of' its year, a payroll month as SAP prints it ('03 2026');
a period range wrapped over two lines of its header cell, a client key of two groups of figures ('0012-3456'), the
funding bank's name beside the header, header columns of an export in its own date spellings under tight titles, a
period without its year, a month from the 6th (UK tax month), 16th or 21st.
What a register does not print (an id column, overtime, hours) is left out
of its truth too, so the truth is always what a clerk could read off the page.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth

from samplegen import names
from samplegen.drawing import ACCENTS, FONTS, GREY, Column, Sheet, Table, TableStyle, flow_table
from samplegen.payroll import Employee, Payroll
from samplegen.values import (DE_NUMBERS, EN_NUMBERS, MONTHS_DE, MONTHS_EN, PLAIN_NUMBERS, NumberStyle, format_date,
                              format_number, money)

TITLES = {"en": ("Payroll Register", "Payroll Summary", "Payroll Journal", "Earnings Register", "Pay Register",
                 "Payroll Report", "Wage Register", "PAYROLL REGISTER", "Payroll Run Summary"),
          "de": ("Lohnjournal", "Lohnliste", "Entgeltabrechnung – Übersicht", "Gehaltsliste", "LOHNJOURNAL",
                 "Lohn- und Gehaltsliste", "Abrechnungsliste Lohn")}
PERIOD_LABELS = {"en": ("Pay period", "Pay Period", "Period", "Payroll period", "Period covered", "For the period",
                        "Pay period dates", "Covering", "Dates", "PERIOD"),
                 "de": ("Abrechnungszeitraum", "Zeitraum", "Lohnzeitraum", "Abrechnungsperiode", "Entgeltzeitraum",
                        "Periode", "Leistungszeitraum")}
PERIOD_PAIRS = {"en": (("Period start", "Period end"), ("Period begin", "Period ending"), ("From", "To"),
                       ("Start date", "End date"), ("Period from", "Period to"), ("Pay period start", "Pay period end"),
                       ("Period beginning", "Period ending"), ("Beginning", "Ending"), ("Period begin date",
                       "Period end date"), ("Pay period from", "Pay period to"), ("Start", "End"), ("Period Beg", "Period End"),
                       ("Period commencing", "Period ended")),
                "de": (("Von", "Bis"), ("Zeitraum von", "Zeitraum bis"), ("Beginn", "Ende"),
                       ("Abrechnung von", "Abrechnung bis"), ("Abrechnungsbeginn", "Abrechnungsende"),
                       ("Periodenbeginn", "Periodenende"), ("Zeitraum vom", "bis"), ("Beginn Zeitraum", "Ende Zeitraum"))}
# The period as one phrase without a separate label: {a} and {b} are its first and last day.
PERIOD_PHRASES = {"en": ("From {a} to {b}", "For the period {a} to {b}", "For the period from {a} to {b}",
                         "Period {a} through {b}", "Covering {a} - {b}", "Pay period beginning {a} and ending {b}",
                         "Period: {a} to {b}", "Earnings from {a} to {b}"),
                  "de": ("Zeitraum vom {a} bis {b}", "Zeitraum {a} bis {b}", "Abrechnung für {a} bis {b}",
                         "vom {a} bis zum {b}", "Periode {a} - {b}", "Abrechnungszeitraum {a} bis {b}")}
# Only the last day, the length of the period said by a frequency printed beside it (or by 'week').
PERIOD_ENDING = {"en": ("Period ending", "Period ended", "For the period ended", "Pay period ending", "Period end date",
                        "Week ending"),
                 "de": ("Zeitraum endet am", "Ende der Periode", "Periodenende", "Woche endend am")}
FREQUENCY_WORDS = {"en": {"weekly": ("Weekly", "Weekly", "Every week"), "biweekly": ("Bi-weekly", "Biweekly", "Fortnightly",
                                                                     "Every two weeks"),
                          "monthly": ("Monthly", "Monthly", "Once a month")},
                   "de": {"weekly": ("wöchentlich", "Wöchentlich"), "biweekly": ("14-täglich", "zweiwöchentlich"),
                          "monthly": ("monatlich", "Monatlich", "Monatsabrechnung")}}
# A month-only period (monthly payrolls): the first to the last day of that month.
MONTH_LABELS = {"en": ("Period", "Pay period", "Payroll month", "Month", "Pay month", "Period covered"),
                "de": ("Abrechnungsmonat", "Monat", "Zeitraum", "Lohnmonat", "Abrechnungszeitraum", "Periode")}
PAY_DATE_LABELS = {"en": ("Pay date", "Pay Date", "Check date", "Payment date", "Paid on", "Pay day", "Payday",
                          "Date paid", "Cheque date", "Payment on", "Deposit date", "Value date", "Pay on",
                          "Disbursement date", "Check Date", "PAY DATE"),
                   "de": ("Zahltag", "Auszahlung am", "Auszahlungsdatum", "Zahlungsdatum", "Valuta", "Zahlung am",
                          "Wertstellung", "Überweisung am", "Auszahlungstag", "Valutadatum", "Zahlungstermin")}
RUN_DATE_LABELS = {"en": ("Run date", "Printed", "Report date", "Processed on", "Created", "Print date", "Date printed",
                          "Generated on", "Run on"),
                   "de": ("Druckdatum", "Erstellt am", "Gedruckt", "Lauf vom", "Erstellungsdatum", "Gedruckt am")}
EMPLOYER_LABELS = {"en": ("Company", "Employer", "Client", "Company name", "Prepared for", "Entity", "Legal entity",
                          "Employer name", "Organisation", "Organization", "Business name", "Payroll for",
                          "Legal name", "Employer of record", "Firm", "Company legal name"),
                   "de": ("Firma", "Arbeitgeber", "Mandant", "Unternehmen", "Betrieb", "Gesellschaft", "Firmenname",
                          "Erstellt für", "Firmenbezeichnung", "Name des Arbeitgebers")}
# Labels that go with a company code printed before or after the name ('Co. 0042  Acme Ltd').
CODE_LABELS = {"en": ("Co.", "Company", "Co", "Company code", "Client", "Entity", "Co Code"),
               "de": ("Mandant", "Firma", "Betrieb", "Mandant-Nr.", "Gesellschaft")}
# The payroll provider's own name, printed beside the employer's: never the employer.
PROVIDER_LINES = {"en": ("Prepared by {p}", "Processed by {p}", "Powered by {p}", "Payroll services by {p}",
                         "Produced by {p}", "Provider: {p}", "Payroll processor: {p}"),
                  "de": ("Erstellt durch {p}", "Abrechnung durch {p}", "Abrechnungsstelle: {p}", "Dienstleister: {p}",
                         "Erstellt von {p}")}
PROVIDERS = {"en": ("PayServ Inc.", "Ledgerline Payroll Services LLC", "Northstar Payroll Solutions, Inc.",
                    "Clearwage Ltd", "Keyroll Processing Corp.", "Paybridge Outsourcing LLC"),
             "de": ("Lohnservice Nord GmbH", "Gehaltspartner AG", "Abrechnungszentrum Süd GmbH", "Lohnbüro Kessler e.K.",
                    "PersonalData Services GmbH")}
COLUMNS = {
    "en": {"employee_id": ("ID", "Emp ID", "Emp #", "Employee #", "Emp. No.", "Badge", "Staff No."),
           "employee_name": ("Employee", "Name", "Employee Name", "Staff member"),
           "regular_hours": ("Reg Hrs", "Hours", "Regular Hours", "Reg. Hours", "Hrs"),
           "overtime_hours": ("OT", "Overtime", "OT Hrs", "O/T"),
           "hourly_rate": ("Rate", "Hourly Rate", "Pay Rate", "Rate/hr"),
           "gross_pay": ("Gross", "Gross Pay", "Gross Earnings", "Total Pay"),
           "deductions": ("Deductions", "Withholding", "Total Ded.", "Taxes & Ded."),
           "net_pay": ("Net", "Net Pay", "Net Amount", "Take Home")},
    "de": {"employee_id": ("Pers.-Nr.", "Personalnr.", "MA-Nr.", "Nr."),
           "employee_name": ("Mitarbeiter", "Name", "Mitarbeiter/in", "Arbeitnehmer"),
           "regular_hours": ("Std.", "Stunden", "Arbeitsstunden", "Reg. Std."),
           "overtime_hours": ("Überstd.", "Mehrarbeit", "ÜStd.", "Überstunden"),
           "hourly_rate": ("Stundenlohn", "Lohnsatz", "Satz", "Std.-Satz"),
           "gross_pay": ("Brutto", "Bruttolohn", "Gesamtbrutto"),
           "deductions": ("Abzüge", "Abz.", "Gesetzl. Abzüge"),
           "net_pay": ("Netto", "Nettolohn", "Auszahlung", "Auszahlungsbetrag")},
}
EXTRA_COLUMNS = {"en": {"ytd_gross": ("YTD Gross", "Gross YTD", "Year to date"), "check_no": ("Check #", "Chk No."),
                        "department": ("Dept", "Department")},
                 "de": {"ytd_gross": ("Brutto kum.", "Jahresbrutto"), "check_no": ("Beleg-Nr.",),
                        "department": ("Abt.", "Kostenstelle")}}
# Header fields an export prints on every employee's line instead of once above the table.
ROW_HEADERS = {"en": {"company": ("Company", "Employer", "Client"), "pay_date": ("Pay Date", "Check Date", "Payment Date"),
                      "period_start": ("Period Start", "Period Begin", "From"), "period_end": ("Period End", "To"),
                      "period": ("Pay Period", "Period")},
               "de": {"company": ("Firma", "Arbeitgeber", "Mandant"), "pay_date": ("Zahltag", "Auszahlungsdatum"),
                      "period_start": ("Von", "Periodenbeginn"), "period_end": ("Bis", "Periodenende"),
                      "period": ("Zeitraum", "Abrechnungszeitraum")}}
TOTALS_ROW = {"en": ("Total", "Totals", "Grand total", "Company total", "TOTAL"), "de": ("Summe", "Gesamt", "Summen")}
SUMMARY = {"en": {"total_gross": ("Total gross pay", "Gross wages", "Total gross", "Gross payroll"),
                  "total_deductions": ("Total deductions", "Deductions", "Total withholding"),
                  "total_net": ("Total net pay", "Net wages", "Total net", "Net payroll"),
                  "total_hours": ("Total hours", "Hours worked", "Total hours paid"),
                  "headcount": ("Employees", "Headcount", "Employees paid")},
           "de": {"total_gross": ("Summe Brutto", "Bruttolöhne gesamt", "Gesamtbrutto"),
                  "total_deductions": ("Summe Abzüge", "Abzüge gesamt"),
                  "total_net": ("Summe Netto", "Auszahlung gesamt", "Gesamtnetto"),
                  "total_hours": ("Stunden gesamt", "Summe Stunden"),
                  "headcount": ("Mitarbeiter", "Anzahl Mitarbeiter")}}
DEPARTMENTS = {"en": ("Sales", "Operations", "Warehouse", "Administration", "Production"),
               "de": ("Vertrieb", "Verwaltung", "Lager", "Produktion", "Technik")}
SUBTOTAL = {"en": ("Subtotal {d}", "{d} subtotal", "Dept. {d}"), "de": ("Zwischensumme {d}", "{d} Summe")}
CONTINUED = {"en": ("(continued)", "- continued -", "cont."), "de": ("(Fortsetzung)", "Fortsetzung")}
PAGE = {"en": ("Page {n} of {m}", "Page {n}", "{n} / {m}"), "de": ("Seite {n} von {m}", "Seite {n}")}
# Date styles each language prints; US-style slashes only where month-first is the rule.
DATE_STYLES = {"en": ("iso", "us", "day_month", "month_day", "dd_mon", "de", "uk_slash", "dd_mon_yy", "compact", "mon_dd_yyyy",
                      "timestamp"),
               "de": ("de", "de", "de_long", "iso", "compact")}
NUMBER_STYLES = {"en": (EN_NUMBERS, EN_NUMBERS, PLAIN_NUMBERS), "de": (DE_NUMBERS, DE_NUMBERS, NumberStyle("", ","))}
CURRENCIES = {"en": (("$", "USD"), ("£", "GBP")), "de": (("€", "EUR"),)}


@dataclass
class Draw:
    """The decisions drawn for one document."""

    lang: str
    date_style: str
    number: NumberStyle
    symbol: str
    code: str
    symbol_in_cells: bool
    font: str
    bold: str
    accent: colors.Color
    upper: bool = False  # month abbreviations in capitals
    tracking: float = 0.0  # letter spacing of the letterhead's name and the title, in points
    wide: random.Random | None = None  # the draws of session 6's additions (their own sequence)
    s7: random.Random | None = None  # the draws of session 7's additions (their own sequence)
    s8: random.Random | None = None  # the draws of session 8's additions (their own sequence)
    keep_label: bool = False  # the employer keeps its label wherever the header prints it (a bureau's letterhead is over it)
    running: bool = False  # the employer only in a running header at the top of every page
    hours_printed: bool = False  # the table prints each employee's regular hours

    def d(self, value: date) -> str:
        if self.date_style in SHORT_YEAR_STYLES:  # '03/01/26', '01/03/26', '01.03.26'
            a, b = (value.month, value.day) if self.date_style == "us_yy" else (value.day, value.month)
            sep = "." if self.date_style == "de_yy" else "/"
            return f"{a:02d}{sep}{b:02d}{sep}{value.year % 100:02d}"
        if self.date_style == "ordinal_us":  # 'March 1st, 2026'
            return f"{MONTHS_EN[value.month - 1]} {_ordinal(value.day)}, {value.year}"
        if self.date_style == "ordinal_uk":  # '1st March 2026'
            return f"{_ordinal(value.day)} {MONTHS_EN[value.month - 1]} {value.year}"
        if self.date_style == "uk_slash":  # 15/03/2026: day first, as British payroll prints it
            return f"{value.day:02d}/{value.month:02d}/{value.year}"
        if self.date_style == "dd_mon_yy":  # 01-MAR-26 (report writers), 1-Mar-26 (spreadsheets)
            month = MONTHS_EN[value.month - 1][:3]
            return f"{value.day:02d}-{month.upper()}-{value.year % 100:02d}" if self.upper \
                else f"{value.day}-{month}-{value.year % 100:02d}"
        if self.date_style == "compact":  # 20260301, as exports print it
            return f"{value.year}{value.month:02d}{value.day:02d}"
        if self.date_style == "mon_dd_yyyy":  # Mar-01-2026
            return f"{MONTHS_EN[value.month - 1][:3]}-{value.day:02d}-{value.year}"
        if self.date_style == "timestamp":  # a date column exported with its time: 2026-03-01T00:00:00
            return f"{value.isoformat()}T00:00:00"
        return format_date(value, self.date_style)

    def n(self, value: Decimal) -> str:
        return format_number(value, self.number)

    def m(self, value: Decimal, symbol: bool = True) -> str:
        text = self.n(value)
        if not symbol:
            return text
        return f"{text} {self.symbol}" if self.lang == "de" else f"{self.symbol}{text}"


SHORT_YEAR_STYLES = ("us_yy", "uk_yy", "de_yy")


def _ordinal(day: int) -> str:
    return f"{day}{'th' if 10 <= day % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th')}"


def _period_text(p: Payroll, dr: Draw, rng: random.Random) -> str:
    """The period written as one range, in this document's words and formats."""
    start, end = p.period_start, p.period_end
    if dr.lang == "en" and dr.date_style in ("month_day", "day_month") and start.month == end.month and rng.random() < 0.4:
        month = MONTHS_EN[start.month - 1]
        if dr.date_style == "month_day":
            return f"{month} {start.day}–{end.day}, {start.year}"  # 'March 1–15, 2026'
        return f"{start.day}–{end.day} {month} {start.year}"
    if dr.lang == "de" and start.day == 1 and end.month == start.month and (end + timedelta(days=1)).day == 1 \
            and rng.random() < 0.3:
        return f"{dr.d(start)} – {dr.d(end)} ({MONTHS_DE[start.month - 1]} {start.year})"
    sep = rng.choice((" - ", " – ", " to ", " through ", " thru ", "-")) if dr.lang == "en" else rng.choice((" – ", " - ", " bis ", "-"))
    if sep == "-" and "-" in dr.d(start):
        sep = " - "  # '01-MAR-26-15-MAR-26' is printed by no one
    if start.year == end.year and rng.random() < 0.25:
        # The year (and the month) said once: '01.03. – 15.03.2026', '03/01 - 03/15/2026', 'Mar 1 - Mar 15, 2026'
        short = {"de": f"{start.day:02d}.{start.month:02d}.", "us": f"{start.month:02d}/{start.day:02d}",
                 "uk_slash": f"{start.day:02d}/{start.month:02d}", "month_day": f"{MONTHS_EN[start.month - 1][:3]} {start.day}",
                 "day_month": f"{start.day} {MONTHS_EN[start.month - 1][:3]}"}.get(dr.date_style)
        if short and dr.date_style in ("month_day", "day_month"):
            end_text = (f"{MONTHS_EN[end.month - 1][:3]} {end.day}, {end.year}" if dr.date_style == "month_day"
                        else f"{end.day} {MONTHS_EN[end.month - 1][:3]} {end.year}")
            return f"{short}{sep}{end_text}"
        if short:
            return f"{short}{sep}{dr.d(end)}"
    return f"{dr.d(start)}{sep}{dr.d(end)}"


def _month_text(d: date, dr: Draw, rng: random.Random) -> str:
    """A month alone, as registers print it: 'March 2026', 'Mar 2026', '03/2026', '2026-03', 'März 2026', '03.2026'."""
    if dr.lang == "de":
        return rng.choice((f"{MONTHS_DE[d.month - 1]} {d.year}", f"{MONTHS_DE[d.month - 1]} {d.year}",
                           f"{d.month:02d}.{d.year}", f"{d.month:02d}/{d.year}", f"{d.year}-{d.month:02d}"))
    month = MONTHS_EN[d.month - 1]
    return rng.choice((f"{month} {d.year}", f"{month[:3]} {d.year}", f"{d.month:02d}/{d.year}", f"{d.year}-{d.month:02d}",
                       f"{month.upper()} {d.year}"))


@dataclass
class Period:
    """How one register says its period: header lines (label, value; an empty label for a phrase that carries its own
    words), what the title adds, and whether the pay frequency must be printed for the period to be known."""

    pairs: list[tuple[str, str]]
    title: str = ""
    needs_frequency: bool = False


def _period_said(p: Payroll, dr: Draw, rng: random.Random) -> Period:
    lang, start, end = dr.lang, p.period_start, p.period_end
    monthly = p.frequency == "monthly"
    how = rng.choice(("range", "range", "pairs", "pairs", "phrase", "ending", "title")
                     + (("month", "month", "title") if monthly else ()))
    if how == "range":
        return Period([(rng.choice(PERIOD_LABELS[lang]), _period_text(p, dr, rng))])
    if how == "pairs":
        first, last = rng.choice(PERIOD_PAIRS[lang])
        return Period([(first, dr.d(start)), (last, dr.d(end))])
    if how == "phrase":
        return Period([("", rng.choice(PERIOD_PHRASES[lang]).format(a=dr.d(start), b=dr.d(end)))])
    if how == "month":
        label, text = rng.choice(MONTH_LABELS[lang]), _month_text(start, dr, rng)
        if dr.s7 and dr.s7.random() < 0.2:  # 'Payroll period 03 2026', 'Abrechnungsperiode 03.2026', as SAP prints it
            label = dr.s7.choice(("Payroll period", "Period", "For-period") if lang == "en"
                                 else ("Abrechnungsperiode", "Für-Periode", "Periode"))
            text = dr.s7.choice((f"{start.month:02d} {start.year}", f"{start.month:02d}.{start.year}"))
        return Period([(label, text)])
    if how == "ending":
        labels = [label for label in PERIOD_ENDING[lang] if ("week" in label.lower() or "woche" in label.lower())
                  == (p.frequency == "weekly")] or list(PERIOD_ENDING[lang])
        label = rng.choice(labels)
        if dr.s7 and dr.s7.random() < 0.35 and "week" not in label.lower() and "woche" not in label.lower():
            label = dr.s7.choice(("Period End", "Pay Period End", "PPE", "P/E Date", "Period End Date") if lang == "en"
                                 else ("Periodenende", "Abrechnungsende", "Ende Abrechnungszeitraum"))
        return Period([(label, dr.d(end))], needs_frequency="week" not in label.lower() and "woche" not in label.lower())
    # Only the title says it: 'Payroll Register – March 1–15, 2026', 'Lohnjournal März 2026'.
    if monthly and rng.random() < 0.6:
        words = rng.choice(("{m}", "{m}", "for {m}", "for the month of {m}") if lang == "en" else ("{m}", "für {m}", "Monat {m}")
                           ).format(m=_month_text(start, dr, rng))
    elif p.frequency == "weekly" and rng.random() < 0.4:
        words = ("Week ending " if lang == "en" else "Woche bis ") + dr.d(end)
    else:
        words = rng.choice(("{r}", "for the period {r}", "{r}") if lang == "en" else ("{r}", "Zeitraum {r}")).format(
            r=_period_text(p, dr, rng))
    return Period([], title=words)


# Session 6: how payroll systems of other countries print the period (drawn from the document's `wide` sequence).
THROUGH_LABELS = {"en": (("Pay period", "Through"), ("Period", "To"), ("Pay period", "Thru"), ("Period", "Through")),
                  "de": (("Zeitraum", "bis"), ("Abrechnungszeitraum", "Bis"))}
LENGTH_PHRASES = {"monthly": ("For the month ended {b}", "Month ended {b}", "For the month ending {b}"),
                  "biweekly": ("For the two weeks ended {b}", "Two weeks ending {b}", "Fortnight ending {b}"),
                  "weekly": ("For the week ended {b}", "Week ended {b}")}
RANGE_WORDS = {"en": ("to", "–", "through"), "de": ("bis", "–")}


def _period_widened(p: Payroll, dr: Draw, wide: random.Random) -> Period | None:
    """A period as other payroll systems print it, or None to keep the one drawn: a period label over its first day and
    the last under 'Through' / 'bis'; the two ends and their 'to' in cells of their own; a range with ordinals
    ('March 1st – 15th, 2026') or a tilde; the length said by the phrase ('For the month ended ...'); a payroll month
    with a two-digit year or run into its year ('Mar-26', '202603')."""
    lang, start, end = dr.lang, p.period_start, p.period_end
    if wide.random() >= 0.35:
        return None
    ways = ["through", "cells", "tilde"]
    if lang == "en" and start.month == end.month:
        ways.append("ordinals")
    if lang == "de" and start.month == end.month:
        ways.append("days")
    if lang == "en" and p.frequency in LENGTH_PHRASES and (p.frequency != "monthly" or start.day == 1):
        ways += ["length", "length"]
    if p.frequency == "monthly" and start.day == 1:
        ways += ["month", "month"]
    how = wide.choice(ways)
    a, b = dr.d(start), dr.d(end)
    if how == "through":
        first, last = wide.choice(THROUGH_LABELS[lang])
        return Period([(first, a), (last, b)])
    if how == "cells":
        return Period([(wide.choice(PERIOD_LABELS[lang]), f"{a}\t{wide.choice(RANGE_WORDS[lang])}\t{b}")])
    if how == "tilde":
        return Period([(wide.choice(PERIOD_LABELS[lang]), f"{a} ~ {b}")])
    if how == "ordinals":
        month = MONTHS_EN[start.month - 1]
        text = wide.choice((f"{month} {_ordinal(start.day)} – {_ordinal(end.day)}, {start.year}",
                            f"{_ordinal(start.day)} – {_ordinal(end.day)} {month} {start.year}",
                            f"{_ordinal(start.day)} {month} {start.year} to {_ordinal(end.day)} {month} {end.year}"))
        return Period([(wide.choice(PERIOD_LABELS[lang]), text)])
    if how == "days":  # '1.–15. März 2026'
        return Period([(wide.choice(PERIOD_LABELS[lang]), f"{start.day}.–{end.day}. {MONTHS_DE[start.month - 1]} {start.year}")])
    if how == "length":
        return Period([("", wide.choice(LENGTH_PHRASES[p.frequency]).format(b=b))])
    short = (f"{MONTHS_EN[start.month - 1][:3]}-{start.year % 100:02d}", f"{MONTHS_EN[start.month - 1][:3].upper()}-{start.year % 100:02d}",
             f"{start.year}{start.month:02d}") if lang == "en" else (f"{start.year}{start.month:02d}",)
    return Period([(wide.choice(MONTH_LABELS[lang]), wide.choice(short))])


def _period_wrapped(p: Payroll, dr: Draw, period: Period) -> Period:
    """A range under one label whose second end wraps onto the next line of its cell ('11/01/2026 -' over
    '11/15/2026'), as a narrow header grid prints it; drawn as lines, right-set lines or captions (else on one line)."""
    a, b = dr.d(p.period_start), dr.d(p.period_end)
    labelled = [(k, v) for k, v in period.pairs if k]
    if dr.s8 is None or dr.s8.random() >= 0.3 or len(labelled) != 1 or len(period.pairs) != 1 \
            or not labelled[0][1].startswith(a) or not labelled[0][1].endswith(b) or "\t" in labelled[0][1]:
        return period
    joint = dr.s8.choice((" -", " –", " to", "", " bis") if dr.lang == "de" else (" -", " –", " to", " through", ""))
    if dr.lang != "de" and joint == " bis" or dr.lang == "de" and joint in (" to", " through"):
        joint = " -"
    return replace(period, pairs=[(labelled[0][0], f"{a}{joint}\n{b}")])


def _period_without_year(p: Payroll, dr: Draw, period: Period) -> Period:
    """A range whose ends print no year ('11/01 - 11/15', 'Nov 1 – Nov 15', '01.11. – 15.11.'): the pay date printed
    beside it says the year."""
    start, end = p.period_start, p.period_end
    if dr.s8 is None or dr.s8.random() >= 0.08 or start.year != end.year or period.title:
        return period
    if dr.lang == "de":
        text = f"{start.day:02d}.{start.month:02d}. – {end.day:02d}.{end.month:02d}."
    elif p.country == "us" and dr.s8.random() < 0.5:
        text = f"{start.month:02d}/{start.day:02d} - {end.month:02d}/{end.day:02d}"
    else:
        text = f"{MONTHS_EN[start.month - 1][:3]} {start.day} – {MONTHS_EN[end.month - 1][:3]} {end.day}"
    return Period([(dr.s8.choice(PERIOD_LABELS[dr.lang]), text)])


def _titled(title: str, period: Period, rng: random.Random) -> str:
    if not period.title:
        return title
    return f"{title}{rng.choice((' – ', ' - ', ': ', ' ', ' | '))}{period.title}"


def _employer_shown(p: Payroll, dr: Draw, rng: random.Random) -> tuple[str, str]:
    """The employer as a labelled header line: its name, or its name beside the company code the payroll system
    keys it by ('Co. 0042', 'Mandant 10042 – Acme GmbH')."""
    name = p.employer.name
    wide = dr.wide.random() if dr.wide else 1.0
    if wide < 0.12:  # the employer after the number the payroll system keys it by, under that number's label
        label = dr.wide.choice(("Employer ID", "Company ID", "Client ID", "Employer No.") if dr.lang == "en"
                               else ("Arbeitgeber-Nr.", "Firmen-Nr.", "Mandanten-Nr."))
        return label, f"{dr.wide.randint(1000, 99999)}  {name}"
    if wide < 0.24:  # the name and its address on one line, set apart by separators
        sep = dr.wide.choice((" | ", " · ", " – ", " • "))
        return dr.wide.choice(EMPLOYER_LABELS[dr.lang]), sep.join((name, p.employer.street, p.employer.city_line))
    if rng.random() < 0.3:
        code = rng.choice((f"{rng.randint(1, 9999):04d}", str(rng.randint(100, 99999)), f"{rng.choice('ABCKX')}{rng.randint(10, 999)}"))
        value = rng.choice((f"{code}  {name}", f"{code} - {name}", f"{code} – {name}", f"{name} ({code})",
                            f"{name}  [{code}]", f"{name} (Co. code {code})" if dr.lang == "en" else f"{name} (Mandant {code})"))
        if dr.s8 and dr.s8.random() < 0.25:  # a client number in two groups of figures ('0012-3456', '12-004417')
            value = value.replace(code, dr.s8.choice((f"{dr.s8.randint(1, 9999):04d}-{dr.s8.randint(1000, 9999)}",
                                                      f"{dr.s8.randint(10, 99)}-{dr.s8.randint(0, 999999):06d}")), 1)
        elif dr.s7 and dr.s7.random() < 0.3:  # a key of capitals and figures, as US payroll services key their clients
            letters = "ABCDEFGHJKLMNPRSTVWXZ"
            key = dr.s7.choice((f"{dr.s7.choice(letters)}{dr.s7.randint(1, 9)}{dr.s7.choice(letters)}",
                                f"{dr.s7.choice(letters)}{dr.s7.choice(letters)}{dr.s7.randint(10, 99)}"))
            value = value.replace(code, key, 1)
        return rng.choice(CODE_LABELS[dr.lang]), value
    if rng.random() < 0.2:
        # The name with what follows it on its line: a tax id, the address, a trade name ('Acme LLC dba Acme Tools').
        tax = (f"EIN {rng.randint(10, 99)}-{rng.randint(1000000, 9999999)}" if dr.lang == "en"
               else f"USt-IdNr. DE{rng.randint(100000000, 999999999)}")
        tail = rng.choice((f"  {tax}", f", {p.employer.street}, {p.employer.city_line}",
                           f" dba {name.split()[0]} {rng.choice(('Services', 'Group', 'Works'))}" if dr.lang == "en" else f"  {tax}"))
        return rng.choice(EMPLOYER_LABELS[dr.lang]), name + tail
    if dr.s8 and dr.s8.random() < 0.1:  # whom the register is for, and who printed it, on one line
        provider = dr.s8.choice(PROVIDERS[dr.lang])
        return ("Prepared for", f"{name} by {provider}") if dr.lang == "en" else ("Erstellt für", f"{name} durch {provider}")
    return rng.choice(EMPLOYER_LABELS[dr.lang]), name


# Legal forms of many countries: a register of a subsidiary abroad, or printed by a group's payroll centre.
LEGAL_FORMS = ("GmbH", "AG", "Ltd", "LLC", "Inc.", "S.A.", "S.r.l.", "B.V.", "Sp. z o.o.", "Oy", "AB", "A/S", "KG", "SE",
               "S.A.S.", "N.V.", "Pty Ltd", "ApS", "s.r.o.", "S.L.", "Kft.", "AS", "GmbH & Co. KG", "SARL", "S.p.A.")


def _without_legal_form(name: str, country: str) -> str:
    for form in sorted(names._COMPANY_PARTS[country][2], key=len, reverse=True):
        if name.endswith(" " + form):
            return name[: -len(form) - 1]
    return name


def _columns(p: Payroll, dr: Draw, rng: random.Random) -> list[str]:
    """Which columns this register prints, in its order."""
    has_overtime = any(e.overtime_hours for e in p.employees)
    keys = ["employee_name"]
    if rng.random() < 0.8:
        keys.insert(0 if rng.random() < 0.75 else 1, "employee_id")
    if rng.random() < 0.12:
        keys.append("department")
    hours = []
    if has_overtime or rng.random() < 0.85:
        hours = ["regular_hours", "overtime_hours", "hourly_rate"]
        if not has_overtime and rng.random() < 0.4:
            hours.remove("overtime_hours")
        if rng.random() < 0.35:
            hours = [hours[-1], *hours[:-1]]  # rate before hours
    keys += hours + ["gross_pay", "deductions", "net_pay"]
    if rng.random() < 0.15:
        keys.insert(len(keys) - 1 if rng.random() < 0.5 else len(keys), "check_no")
    if rng.random() < 0.2:
        keys.append("ytd_gross")
    return keys


def _title_of(key: str, dr: Draw, rng: random.Random) -> str:
    pool = COLUMNS[dr.lang].get(key) or EXTRA_COLUMNS[dr.lang][key]
    title = rng.choice(pool)
    money_column = key in ("gross_pay", "deductions", "net_pay", "ytd_gross")
    if money_column and not dr.symbol_in_cells and rng.random() < 0.35:
        title += rng.choice((f" ({dr.code})", f" {dr.symbol}", f" ({dr.symbol})"))
    return title


def _hours(value: Decimal, dr: Draw, short: bool) -> str:
    return dr.n(value.normalize() if short and value == value.to_integral() else value)


def render_random(p: Payroll, rng: random.Random) -> bytes:
    lang = p.language
    number = rng.choice(NUMBER_STYLES[lang])
    symbol, code = rng.choice(CURRENCIES[lang]) if lang == "en" else CURRENCIES["de"][0]
    if lang == "en" and p.country == "uk":
        symbol, code = "£", "GBP"
    elif lang == "en":
        symbol, code = "$", "USD"
    style = rng.choice(DATE_STYLES[lang])
    if style == "us" and p.country != "us" or style == "uk_slash" and p.country != "uk":
        style = "iso"
    font_family = rng.choice(("helvetica", "helvetica", "times", "courier"))
    font, bold, _ = FONTS[font_family]
    dr = Draw(lang, style, number, symbol, code, rng.random() < 0.25, font, bold, rng.choice(ACCENTS), rng.random() < 0.5)

    if rng.random() < 0.3:
        p.employer = replace(p.employer, name=_without_legal_form(p.employer.name, p.country))
    keys = _columns(p, dr, rng)
    departments = "department" in keys or rng.random() < 0.1
    dept_of: dict[str, str] = {}
    if departments:
        pool = list(DEPARTMENTS[lang])
        rng.shuffle(pool)
        groups = pool[: rng.randint(2, 3)]
        for e in p.employees:
            dept_of[e.employee_id] = rng.choice(groups)
        p.employees.sort(key=lambda e: groups.index(dept_of[e.employee_id]))
    p.printed_columns = tuple(k for k in keys if k in COLUMNS["en"])  # the truth leaves out what is not printed

    portrait = len(keys) <= 8 and rng.random() < 0.65
    look = random.Random(f"{p.employer.name}|{p.pay_date}|{p.period_start}|{lang}")
    in_rows = _row_headers(look) if look.random() < 0.15 else []
    portrait = portrait and not in_rows
    s8 = dr.s8 = random.Random(f"{p.employer.name}|{p.pay_date}|{p.period_start}|{lang}|s8")
    calendar_month = (p.period_start, p.period_end, p.pay_date)
    if p.frequency == "monthly" and s8.random() < 0.12:
        # a month from another day than the 1st: a UK tax month (6th to 5th), a cycle from the 16th or the 21st
        first = 6 if p.country == "uk" else s8.choice((16, 21))
        p.period_start = p.period_start.replace(day=first)
        p.period_end = (p.period_start + timedelta(days=32)).replace(day=first - 1)
        p.pay_date = p.period_end + timedelta(days=s8.randint(0, 4))
    if in_rows and s8.random() < 0.5:  # an export prints its date columns in its own spelling
        dr.date_style = s8.choice(("compact", "mon_dd_yyyy", "timestamp", "iso"))
    size = LETTER if p.country == "us" else A4
    W, H = size if portrait else landscape(size)
    c = Sheet((W, H))
    M = rng.choice((32, 40, 48, 56))
    if in_rows and not _row_headers_fit(p, dr, keys, in_rows, W - 2 * M):
        in_rows = []
    # A panel beside the table, on the lines of its rows, holding what would stand over it (landscape pages only).
    panel: list[tuple[str, str]] | None = None
    if not in_rows and not portrait and look.random() < 0.12:
        longest = stringWidth(f"{dr.d(p.period_start)} - {dr.d(p.period_end)}", dr.font, 8.5) + 90
        if 130 + 0.8 * sum(WIDTHS[k] for k in keys if k != "employee_name") + longest + 18 <= W - 2 * M:
            panel = []
    # Later additions draw from their own sequence (`look`), so the registers drawn before them stay as they were.
    # Session 6's additions draw from a sequence of their own, so the registers drawn before them stay as they were.
    wide = dr.wide = random.Random(f"{p.employer.name}|{p.pay_date}|{p.period_start}|{lang}|wide")
    if wide.random() < 0.15:
        dr.date_style = {"us": wide.choice(("us_yy", "ordinal_us")), "uk": wide.choice(("uk_yy", "ordinal_uk"))}.get(
            p.country, "de_yy")
    s7 = dr.s7 = random.Random(f"{p.employer.name}|{p.pay_date}|{p.period_start}|{lang}|s7")
    dr.hours_printed = "regular_hours" in keys
    period = _week_said(p, dr, look) or _period_said(p, dr, rng)
    period = _period_widened(p, dr, wide) or period
    period = _period_wrapped(p, dr, period)
    period = _period_without_year(p, dr, period)
    said = " ".join([period.title, *(v for _, v in period.pairs)])
    if p.period_start.day != 1 and p.frequency == "monthly" and not (dr.d(p.period_start) in said and dr.d(p.period_end) in said):
        # a month from another day is said by its two dates only (a month's name or one end would say another period)
        p.period_start, p.period_end, p.pay_date = calendar_month
        period = _period_said(p, dr, random.Random(said))  # (its own draws: the document's other draws stay as they were)
    if wide.random() < 0.2:
        p.employer = replace(p.employer, name=f"{_without_legal_form(p.employer.name, p.country)} {wide.choice(LEGAL_FORMS)}")
    if look.random() < 0.25:
        dr.tracking = look.choice((1.5, 2.0, 3.0))  # the letterhead's name and the title set letter-spaced
        if look.random() < 0.5:
            p.employer = replace(p.employer, name=p.employer.name.upper())  # printed so, read so
    bureau = s7.random() < 0.12  # the register printed by a payroll bureau on its own letterhead, for its client
    y, place = _masthead(c, p, dr, rng, W, H, M, period, bureau_report=bureau)
    small_bureau = place not in ("right", "band") and look.random() < 0.2 and not bureau
    if small_bureau:
        _bureau_letterhead(c, dr, look, W, H, M)
    if bureau:
        _bureau_report_letterhead(c, dr, s7, W, H, M)
    dr.running = place == "footer" and s7.random() < 0.5 and not small_bureau  # (both in the top margin)
    y = _info(c, p, dr, rng, W, M, y, place, period, {k for k, _ in in_rows}, panel)
    if rng.random() < 0.35:
        y = _provider(c, dr, rng, W, M, y)
    return _table_and_totals(c, p, dr, rng, keys, dept_of, (W, H, M), place, y - rng.choice((8, 14, 22)), in_rows,
                             (panel, look.random() < 0.5) if panel else None)


def _panel(c: Sheet, dr: Draw, pairs: list[tuple[str, str]], x: float, y: float, stacked: bool) -> None:
    """The header's pairs beside the table: 'Label: value' a line, or each label over its value."""
    for k, v in pairs:
        if stacked:
            c.setFont(dr.bold, 8)
            c.drawString(x, y, k)
            c.setFont(dr.font, 8.5)
            c.drawString(x, y - 11, v)
            y -= 25
        else:
            c.setFont(dr.font, 8.5)
            c.drawString(x, y, f"{k}: {v}")
            y -= 13


def _row_headers_fit(p: Payroll, dr: Draw, keys: list[str], in_rows: list[tuple[str, int]], width: float) -> bool:
    """Whether the header columns fit beside the table's own at the widest print, with room for the names."""
    cells = {"company": p.employer.name, "pay_date": dr.d(p.pay_date), "period_start": dr.d(p.period_start),
             "period_end": dr.d(p.period_end), "period": f"{dr.d(p.period_start)} - {dr.d(p.period_end)}"}
    needed = sum(stringWidth(cells[k], dr.font, 8.5) + 16 for k, _ in in_rows)
    return needed + 130 + sum(WIDTHS[k] for k in keys if k != "employee_name") <= width


def _row_headers(look: random.Random) -> list[tuple[str, int]]:
    """Which header fields an export prints as columns on every row (and so not above the table), with a pick of
    their wording: the pay date and the period (as two dates or one range), sometimes the company."""
    fields = ["pay_date"] + (["period"] if look.random() < 0.4 else ["period_start", "period_end"])
    if look.random() < 0.4:
        fields.insert(0, "company")
    look.shuffle(fields)
    if "period_end" in fields and fields.index("period_end") < fields.index("period_start"):
        fields = [{"period_start": "period_end", "period_end": "period_start"}.get(f, f) for f in fields]
    return [(f, look.randrange(6)) for f in fields]


def _provider(c: Sheet, dr: Draw, rng: random.Random, W: float, M: float, y: float) -> float:
    """The payroll provider's own name, a company like the employer: under the header or at the foot of page 1."""
    text = rng.choice(PROVIDER_LINES[dr.lang]).format(p=rng.choice(PROVIDERS[dr.lang]))
    c.setFont(dr.font, rng.choice((7, 7.5, 8)))
    c.setFillColor(GREY)
    if rng.random() < 0.5:
        c.drawCentredString(W / 2, 34, text)
        c.setFillColor(colors.black)
        return y
    (c.drawRightString(W - M, y, text) if rng.random() < 0.5 else c.drawString(M, y, text))
    c.setFillColor(colors.black)
    return y - 12


def _spaced(c: Sheet, x: float, y: float, text: str, dr: Draw, align: str) -> None:
    """Text in the current font at this document's letter spacing (none: drawn as usual, and for text with figures,
    which designers letter-space only in names and titles)."""
    tracking = 0.0 if any(ch.isdigit() for ch in text) else dr.tracking
    width = c.stringWidth(text, c._fontname, c._fontsize) + tracking * len(text)
    x = x - width / 2 if align == "centre" else x - width if align == "right" else x
    c.saveState()
    spaced = c.beginText(x, y)
    spaced.setFont(c._fontname, c._fontsize)
    spaced.setCharSpace(tracking)
    spaced.textOut(text)
    c.drawText(spaced)
    c.restoreState()


BUREAUS = {"en": (("PayServ Inc.", "Payroll Services"), ("Clearwage Ltd", "Payroll & HR Solutions"),
                  ("Harlan & Poole Accountants", "Chartered Accountants · Payroll Bureau")),
           "de": (("Lohnbüro Kessler e.K.", "Lohn- und Gehaltsabrechnung"), ("Müller & Partner Steuerberatung", "Steuerberatungsgesellschaft"),
                  ("Gehaltspartner AG", "Payroll Services"))}


def _bureau_letterhead(c: Sheet, dr: Draw, look: random.Random, W: float, H: float, M: float) -> None:
    """The payroll bureau's own letterhead in the top margin at the right, its trade under its name: never the
    employer."""
    name, trade = look.choice(BUREAUS[dr.lang])
    c.setFillColor(GREY)
    c.setFont(dr.bold, 8)
    c.drawRightString(W - M, H - M + 14, name)
    c.setFont(dr.font, 6.5)
    c.drawRightString(W - M, H - M + 6, trade)
    c.setFillColor(colors.black)


# Payroll bureaus and accountants who print registers for their clients on their own letterhead.
BUREAU_FIRMS = {"en": ("Harlan & Poole LLP", "Brightwater Partners Ltd", "Mercer Lane & Co.", "Clearwage Ltd",
                       "Ashdown Whitfield LLP", "Keyroll Processing Corp.", "Summit Ridge CPAs, P.C."),
                "de": ("Kessler & Vogt GmbH", "Baumann Treuhand AG", "Schreiber & Partner mbB", "Lohnbüro Kessler e.K.",
                       "Müller & Partner Steuerberatung", "Hansen Revision GmbH")}
BUREAU_TAGLINES = {"en": ("Chartered Accountants", "Payroll Bureau", "Payroll & HR Solutions", "Certified Public Accountants",
                          "Payroll Services"),
                   "de": ("Steuerberatungsgesellschaft", "Lohn- und Gehaltsabrechnung", "Wirtschaftsprüfer · Steuerberater")}
BUREAU_ADDRESSES = {"en": ("18 King Street, Leeds LS1 2HL", "Suite 400, 250 Park Avenue, Hartford, CT 06103",
                           "3 Mill Lane, Bristol BS1 4DJ", "1200 Oak Street, Columbus, OH 43215"),
                    "de": ("Hauptstraße 12, 80331 München", "Am Markt 3, 28195 Bremen", "Königsallee 40, 40212 Düsseldorf")}


def _bureau_report_letterhead(c: Sheet, dr: Draw, s7: random.Random, W: float, H: float, M: float) -> None:
    """A payroll bureau's full letterhead at the head of the page (name in large print, its trade or not, address,
    contact line), where an employer's own letterhead would stand: the register names its client under a label or in
    its title."""
    name = s7.choice(BUREAU_FIRMS[dr.lang])
    lines = [s7.choice(BUREAU_TAGLINES[dr.lang])] if s7.random() < 0.5 else []
    lines.append(s7.choice(BUREAU_ADDRESSES[dr.lang]))
    if s7.random() < 0.6:
        domain = "".join(ch for ch in name.split()[0].lower() if ch.isalpha())
        lines.append(f"Tel. {s7.randint(200, 999)} {s7.randint(100, 999)} {s7.randint(1000, 9999)} · www.{domain}.com")
    centre = s7.random() < 0.3
    top = H - M - 6
    c.setFont(dr.bold, s7.choice((13, 15, 17)))
    (c.drawCentredString(W / 2, top, name) if centre else c.drawString(M, top, name))
    c.setFont(dr.font, 8)
    for k, text in enumerate(lines):
        (c.drawCentredString(W / 2, top - 12 - 10 * k, text) if centre else c.drawString(M, top - 12 - 10 * k, text))


def _week_said(p: Payroll, dr: Draw, look: random.Random) -> Period | None:
    """A weekly period named by its calendar week ('KW 12 2026', 'Week 12, 2026', '2026-W12'), Monday to Sunday."""
    year, week, day = p.period_start.isocalendar()
    if p.frequency != "weekly" or day != 1 or (p.period_end - p.period_start).days != 6 or look.random() >= 0.4:
        return None
    if dr.lang == "de":
        return Period([(look.choice(("Abrechnungszeitraum", "Zeitraum", "Periode")),
                        look.choice((f"KW {week} {year}", f"KW {week:02d}/{year}", f"Kalenderwoche {week}/{year}")))])
    text = look.choice((f"Week {week}, {year}", f"Wk {week:02d} {year}", f"{year}-W{week:02d}"))
    if dr.s7 and dr.s7.random() < 0.3:
        text = dr.s7.choice((f"Week {week} of {year}", f"Week {week} / {year}", f"Wk {week}/{year}"))
    return Period([(look.choice(("Pay period", "Period", "Week")), text)])


def _masthead(c: Sheet, p: Payroll, dr: Draw, rng: random.Random, W: float, H: float, M: float,
              period: Period, bureau_report: bool = False) -> tuple[float, str]:
    """Employer and title; where the employer stands is drawn (left, centred, in a band, right, only in the footer).
    Under a bureau's letterhead (`bureau_report`) the employer is named by a label or in the title, lower down."""
    title = _titled(rng.choice(TITLES[dr.lang]), period, rng)
    place = rng.choice(("left", "left", "centre", "band", "right", "footer", "labelled", "labelled", "title")
                       if not period.title else ("left", "centre", "footer", "labelled", "title"))
    top = H - M - 10
    if bureau_report:
        place = dr.s7.choice(("labelled", "labelled", "title"))
        dr.keep_label = True
        top -= 48
    if place == "title":
        # The employer only in the title: 'Payroll Register for Acme Ltd', 'ACME LTD - PAYROLL SUMMARY'.
        base, name = rng.choice(TITLES[dr.lang]), p.employer.name
        form = rng.choice(("{t} for {n}", "{n} {t}", "{N} - {T}", "{T} - {N}", "{T} – {n}") if dr.lang == "en"
                          else ("{t} für {n}", "{n} – {t}", "{T} - {N}", "{t} – {n}"))
        if "{N}" in form:
            p.employer = replace(p.employer, name=name.upper())  # printed so, read so
        title = form.format(t=base, n=name, T=base.upper(), N=name.upper())
        if period.title:
            title += rng.choice((" – ", " - ", " | ")) + period.title
        c.setFont(dr.bold, rng.choice((13, 15, 17)))
        _spaced(c, W / 2, top, title, dr, "centre") if rng.random() < 0.4 else _spaced(c, M, top, title, dr, "left")
        return top - 26, place
    c.setFillColor(colors.black)
    if place == "band":
        c.setFillColor(dr.accent)
        c.rect(M, top - 30, W - 2 * M, 40, stroke=0, fill=1)
        c.setFillColor(colors.white)
        c.setFont(dr.bold, 14)
        c.drawString(M + 10, top - 10, p.employer.name)
        c.setFont(dr.font, 11)
        c.drawRightString(W - M - 10, top - 10, title)
        c.setFillColor(colors.black)
        return top - 48, place
    if place == "centre":
        c.setFont(dr.bold, 14)
        _spaced(c, W / 2, top, p.employer.name, dr, "centre")
        c.setFont(dr.font, 8.5)
        c.drawCentredString(W / 2, top - 12, f"{p.employer.street} · {p.employer.city_line}")
        c.setFont(dr.bold, 12)
        c.drawCentredString(W / 2, top - 32, title)
        return top - 50, place
    if place == "right":
        c.setFont(dr.bold, 15)
        c.drawString(M, top, title)
        c.setFont(dr.bold, 11)
        _spaced(c, W - M, top, p.employer.name, dr, "right")
        c.setFont(dr.font, 8)
        c.drawRightString(W - M, top - 11, p.employer.street)
        c.drawRightString(W - M, top - 21, p.employer.city_line)
        return top - 40, place
    if place in ("footer", "labelled"):
        c.setFont(dr.bold, rng.choice((13, 15, 17)))
        _spaced(c, W / 2, top, title, dr, "centre") if rng.random() < 0.4 else _spaced(c, M, top, title, dr, "left")
        return top - 26, place
    x = M
    if dr.wide and dr.wide.random() < 0.3:
        x = _logo(c, p, dr, M, top)
    c.setFont(dr.bold, 13)
    _spaced(c, x, top, p.employer.name, dr, "left")
    c.setFont(dr.font, 8.5)
    if dr.wide and dr.wide.random() < 0.3:
        c.drawString(x, top - 12, " · ".join((p.employer.name, p.employer.street, p.employer.city_line)))
    else:
        c.drawString(x, top - 12, p.employer.street)
        c.drawString(x, top - 22, p.employer.city_line)
    c.setFont(dr.bold, 14)
    c.setFillColor(dr.accent)
    name_end = x + stringWidth(p.employer.name, dr.bold, 13) + dr.tracking * len(p.employer.name)
    crowded = name_end + 16 > W - M - stringWidth(title, dr.bold, 14)  # the title at the right would run into the name
    if rng.random() < 0.5 and not period.title and not crowded:
        c.drawRightString(W - M, top, title)
        c.setFillColor(colors.black)
        return top - 40, place
    c.drawString(M, top - 44, title)
    c.setFillColor(colors.black)
    return top - 58, place


def _logo(c: Sheet, p: Payroll, dr: Draw, x: float, top: float) -> float:
    """A logo mark left of the letterhead's name: a disc or a square with the name's initials, or a plain shape; where
    the name then starts."""
    c.saveState()
    c.setFillColor(dr.accent)
    size = 26
    if dr.wide.random() < 0.5:
        c.circle(x + size / 2, top - 6, size / 2, stroke=0, fill=1)
    else:
        c.rect(x, top - 6 - size / 2, size, size, stroke=0, fill=1)
    if dr.wide.random() < 0.6:
        initials = "".join(w[0] for w in p.employer.name.split()[:2] if w[:1].isalpha()).upper()
        c.setFillColor(colors.white)
        c.setFont(dr.bold, 11)
        c.drawCentredString(x + size / 2, top - 10, initials)
    c.restoreState()
    return x + size + 8


def _info(c: Sheet, p: Payroll, dr: Draw, rng: random.Random, W: float, M: float, y: float, place: str,
          period: Period, in_rows: set[str] = frozenset(), panel: list[tuple[str, str]] | None = None) -> float:
    """Period, pay date and their distractors, as lines, one line, a boxed table, a grid or captions over values; what
    the table prints on every row (`in_rows`) is left out here, and with a `panel` the pairs go into it, to be drawn
    beside the table."""
    lang = dr.lang
    pairs: list[tuple[str, str]] = []
    how_widened = dr.wide.random() if dr.wide else 1.0
    if place == "labelled" or rng.random() < 0.12:
        shown = _employer_shown(p, dr, rng)
        if "company" not in in_rows:
            pairs.append(shown)
    elif place == "title" and rng.random() < 0.3:
        pairs.append((rng.choice(EMPLOYER_LABELS[lang]), p.employer.name))
    if not in_rows & {"period", "period_start"}:
        pairs += [(k, v) for k, v in period.pairs if k]
    pay = (rng.choice(PAY_DATE_LABELS[lang]), dr.d(p.pay_date))
    if "pay_date" not in in_rows:
        pairs.insert(rng.randint(0, len(pairs)), pay)
    if rng.random() < 0.4:  # a printed run date next to the pay date
        run = p.pay_date - timedelta(days=rng.randint(1, 4))
        pairs.insert(rng.randint(0, len(pairs)), (rng.choice(RUN_DATE_LABELS[lang]), dr.d(run)))
    if dr.s8 and dr.s8.random() < 0.15 and panel is None:  # the bank the payroll is paid from: a name that is no employer
        bank = dr.s8.choice(names.BANKS[p.country])
        label = dr.s8.choice(("Funding bank", "Bank", "Funding account", "Paid from") if lang == "en"
                             else ("Bankverbindung", "Bank", "Auszahlungskonto"))
        account = dr.s8.choice((f"{bank} ****{dr.s8.randint(1000, 9999)}", bank, f"{bank}, acct. ending {dr.s8.randint(100, 999)}"
                                if lang == "en" else f"{bank}, Konto ...{dr.s8.randint(100, 999)}"))
        pairs.insert(dr.s8.randint(0, len(pairs)), (label, account))
    # (a period's last day alone, no frequency beside it: the full-timers' hours say how long the period is)
    unsaid = period.needs_frequency and dr.hours_printed and dr.s7 is not None and dr.s7.random() < 0.3
    if period.needs_frequency and not unsaid or rng.random() < 0.35:
        pairs.append((rng.choice(("Pay frequency", "Frequency", "Pay cycle")) if lang == "en"
                      else rng.choice(("Abrechnungsart", "Abrechnungsrhythmus")), rng.choice(FREQUENCY_WORDS[lang][p.frequency])))
    colon = rng.choice((":", ":", ""))
    size = rng.choice((8.5, 9, 9.5))
    for text in (v for k, v in period.pairs if not k and not in_rows):  # a period phrase on its own line over the others
        c.setFont(rng.choice((dr.font, dr.bold)), size + 0.5)
        c.drawString(M, y, text)
        y -= size + 7
    how = rng.choice(("lines", "lines", "line", "boxed", "grid", "captions", "right", "table", "strip"))
    if not pairs:
        return y
    if any("\n" in v for _, v in pairs) and (how not in ("lines", "right", "captions") or panel is not None):
        pairs = [(k, v.replace("\n", " ")) for k, v in pairs]  # a range wraps only where its cell is a column's
    if any("\t" in v for _, v in pairs):
        how = "lines" if how_widened < 0.5 else how
        if how not in ("lines", "right") or panel is not None:
            pairs = [(k, v.replace("\t", " ")) for k, v in pairs]  # cells only where a label's value has room
    if panel is not None:
        panel.extend(pairs)
        return y
    label_width = max(stringWidth(k + colon, dr.bold, size) for k, _ in pairs)
    value_width = max(stringWidth(part.replace("\t", CELL_GAP), dr.font, size) for _, v in pairs for part in v.split("\n"))
    if how == "line" and len(pairs) > 4 or how == "grid" and label_width + value_width + 24 > (W - 2 * M) / 2 \
            or how == "captions" and max(value_width, label_width) + 10 > (W - 2 * M) / len(pairs):
        how = "lines"
    if how == "table":
        # A ruled header table: a row of labels over a row of values, each cell as wide as what it holds.
        widths = [max(stringWidth(k, dr.bold, size), stringWidth(v, dr.font, size)) + rng.choice((8, 12, 18)) for k, v in pairs]
        if sum(widths) <= W - 2 * M:
            c.setLineWidth(0.5)
            x = M
            for (k, v), width in zip(pairs, widths):
                c.rect(x, y - 13, width, 13)
                c.rect(x, y - 27, width, 14)
                c.setFont(dr.bold, size)
                c.drawString(x + 4, y - 10, k)
                c.setFont(dr.font, size)
                c.drawString(x + 4, y - 24, v)
                x += width
            return y - 34
        how = "lines"
    if how == "line":
        c.setFont(dr.font, size)
        c.drawString(M, y, "     ".join(f"{k}{colon or ':'} {v}" for k, v in pairs))
        return y - 14
    if how == "strip":
        # The header run into one line with separators: 'Acme Ltd | Period 03/01/2026 - 03/15/2026 | Check date ...'.
        sep = rng.choice((" | ", "  •  ", " / ", " ; ", "  ·  ", "   ", " "))
        items = [f"{k}{colon} {v}" for k, v in pairs]
        named = [i for i, (k, _) in enumerate(pairs) if k in EMPLOYER_LABELS[lang] + CODE_LABELS[lang]]
        if named and rng.random() < 0.5 and not dr.keep_label:
            items.pop(named[0])
            items.insert(0, pairs[named[0]][1])  # the employer first, without its label
        text = sep.join(items)
        if stringWidth(text, dr.font, size) <= W - 2 * M:
            c.setFont(dr.font, size)
            c.drawString(M, y, text)
            return y - 14
        how = "lines"
    if how == "boxed":
        c.setLineWidth(0.5)
        for k, v in pairs:
            c.rect(M, y - 15, 130, 15)
            c.rect(M + 130, y - 15, max(200, value_width + 10), 15)
            c.setFont(dr.bold, size)
            c.drawString(M + 4, y - 11, k)
            c.setFont(dr.font, size)
            c.drawString(M + 134, y - 11, v)
            y -= 15
        return y - 6
    if how == "grid":
        half = (len(pairs) + 1) // 2
        width = (W - 2 * M) / 2
        for i, (k, v) in enumerate(pairs):
            x = M + (i // half) * width
            row_y = y - (i % half) * (size + 5)
            c.setFont(dr.bold, size)
            c.drawString(x, row_y, k + colon)
            c.setFont(dr.font, size)
            c.drawString(x + label_width + 8, row_y, v)
        return y - half * (size + 5) - 4
    if how == "captions":
        width = (W - 2 * M) / len(pairs)
        for i, (k, v) in enumerate(pairs):
            x = M + i * width
            c.setFont(dr.font, 7)
            c.setFillColor(GREY)
            c.drawString(x, y, k.upper() if rng.random() < 0.5 else k)
            c.setFillColor(colors.black)
            c.setFont(dr.bold, size)
            for k_line, part in enumerate(v.split("\n")):
                c.drawString(x, y - size - 3 - k_line * (size + 2), part)
        return y - size - 14 - max(v.count("\n") for _, v in pairs) * (size + 2)
    tab = label_width + rng.choice((8, 16, 30))
    x = M if how == "lines" else W - M - tab - value_width - 4
    for k, v in pairs:
        c.setFont(dr.bold, size)
        c.drawString(x, y, k + colon)
        c.setFont(dr.font, size)
        for part in v.split("\n"):
            _cells(c, x + tab, y, part, size)
            y -= size + 4
    return y - 4


CELL_GAP = " " * 6


def _cells(c: Sheet, x: float, y: float, value: str, size: float) -> None:
    """A value whose parts stand in cells of their own ('03/01/2026 | to | 03/15/2026'), a gap of a few spaces apart."""
    for part in value.split("\t"):
        c.drawString(x, y, part)
        x += c.stringWidth(part + CELL_GAP, c._fontname, size)


WIDTHS = {"employee_id": 50, "regular_hours": 48, "overtime_hours": 46, "hourly_rate": 50, "gross_pay": 66,
          "deductions": 64, "net_pay": 66, "ytd_gross": 70, "check_no": 50, "department": 70}


def _table_and_totals(c: Sheet, p: Payroll, dr: Draw, rng: random.Random, keys: list[str], dept_of: dict[str, str],
                      page: tuple[float, float, float], place: str, top: float,
                      in_rows: list[tuple[str, int]] = (), panel: tuple[list[tuple[str, str]], bool] | None = None) -> bytes:
    """The employees table over as many pages as it takes, then its totals: a row, a summary block, both, or a strip
    of captions over values."""
    W, H, M = page
    lang = dr.lang
    width = W - 2 * M
    panel_width = max(stringWidth(f"{k}: {v}", dr.font, 8.5) for k, v in panel[0]) + 8 if panel else 0.0
    width -= panel_width + 18 if panel else 0
    style = TableStyle(font=dr.font, bold=dr.bold, size=rng.choice((7.5, 8, 8.5)), pad=rng.choice((2.6, 3.2, 3.8)),
                       header_fill=rng.choice((None, colors.Color(0.9, 0.9, 0.9), dr.accent)),
                       zebra=rng.choice((None, None, colors.Color(0.95, 0.95, 0.96))),
                       rules=rng.choice(("none", "header", "rows", "grid")))
    if style.header_fill == dr.accent:
        style.header_color = colors.white
    titles = {k: _title_of(k, dr, rng) for k in keys}
    header_cells = {"company": p.employer.name, "pay_date": dr.d(p.pay_date), "period_start": dr.d(p.period_start),
                    "period_end": dr.d(p.period_end), "period": f"{dr.d(p.period_start)} - {dr.d(p.period_end)}"}
    row_widths = {}
    tight = 8 if dr.s8 is None or dr.s8.random() < 0.6 else 1  # (tight: the titles of neighbouring columns run together)
    for key, pick in in_rows:
        pool = ROW_HEADERS[lang][key]
        titles[key] = pool[pick % len(pool)]
        row_widths[key] = max(stringWidth(header_cells[key], style.font, style.size),
                              stringWidth(titles[key], style.bold, style.size)) + 2 * style.pad + tight
    fixed = sum(WIDTHS[k] for k in keys if k != "employee_name")
    shrink = min(1.0, (width - 120 - sum(row_widths.values())) / fixed)

    def column_width(key: str) -> float:
        # Wide enough for the longest word of its title (titles wrap between words only).
        longest = max(stringWidth(word, style.bold, style.size) for word in titles[key].split())
        return max(WIDTHS[key] * shrink, longest + 2 * style.pad + 4)

    widths = {k: column_width(k) for k in keys if k != "employee_name"}
    widths.update(row_widths)
    widths["employee_name"] = max(110.0, width - sum(widths.values()))
    keys = [k for k, _ in in_rows] + keys  # exports print them first
    cols = [Column(k, titles[k], widths[k], "left" if k in ("employee_id", "employee_name", "department", *row_widths)
                   else "right") for k in keys]
    table = Table(cols, style)
    short_hours = rng.random() < 0.3
    last_first = p.look.last_first
    ytd_weeks = rng.randint(2, 40)

    def cells(e: Employee) -> dict[str, str]:
        return {"employee_id": e.employee_id,
                "employee_name": e.person.last_first() if last_first else e.person.first_last(),
                "regular_hours": _hours(e.regular_hours, dr, short_hours),
                "overtime_hours": _hours(e.overtime_hours, dr, short_hours),
                "hourly_rate": dr.m(e.rate, dr.symbol_in_cells), "gross_pay": dr.m(e.gross, dr.symbol_in_cells),
                "deductions": dr.m(e.deductions, dr.symbol_in_cells), "net_pay": dr.m(e.net, dr.symbol_in_cells),
                "ytd_gross": dr.m(money(e.gross * ytd_weeks), dr.symbol_in_cells),
                "check_no": str(100000 + int(e.employee_id.replace("-", "").lstrip("E") or 0) * 7 % 90000),
                "department": dept_of.get(e.employee_id, ""), **{k: header_cells[k] for k in row_widths}}

    rows: list[dict[str, str]] = []
    subtotal_rows: set[int] = set()
    for i, e in enumerate(p.employees):
        rows.append(cells(e))
        dept = dept_of.get(e.employee_id)
        last_of_dept = dept and (i + 1 == len(p.employees) or dept_of[p.employees[i + 1].employee_id] != dept)
        if last_of_dept and "department" not in keys:
            group = [x for x in p.employees if dept_of[x.employee_id] == dept]
            label = rng.choice(SUBTOTAL[lang]).format(d=dept)
            rows.append({"employee_name": label,
                         "gross_pay": dr.m(sum((x.gross for x in group), Decimal(0)), dr.symbol_in_cells),
                         "deductions": dr.m(sum((x.deductions for x in group), Decimal(0)), dr.symbol_in_cells),
                         "net_pay": dr.m(sum((x.net for x in group), Decimal(0)), dr.symbol_in_cells)})
            subtotal_rows.add(len(rows) - 1)

    continued = rng.choice(CONTINUED[lang])
    page_fmt = rng.choice(PAGE[lang])
    footer = rng.random() < 0.6 or place == "footer"
    # the footer with the address or a copyright instead ('Acme Ltd | 12 Dock Road | Leeds LS1 4AB', '© 2026 Acme Ltd')
    footer_line = dr.wide.choice((" | ".join((p.employer.name, p.employer.street, p.employer.city_line)),
                                  f"© {p.pay_date.year} {p.employer.name}", f"{p.employer.name}, {p.employer.city_line}")) \
        if dr.wide and dr.wide.random() < 0.3 else ""

    def page_start(cv: Sheet, number: int, pages: int) -> float:
        cv.setFont(dr.font, 7)
        cv.setFillColor(GREY)
        if dr.running:  # the employer in a running header over every page, the page's number beside it
            cv.setFont(dr.font, 7.5)
            cv.drawString(M, H - M + 12, p.employer.name)
            cv.drawRightString(W - M, H - M + 12, page_fmt.format(n=number, m=pages))
            cv.setFont(dr.font, 7)
        elif footer and footer_line:
            cv.drawString(M, 24, footer_line)
        elif footer:
            cv.drawString(M, 24, f"{p.employer.name} · {rng.choice(('confidential', 'internal'))}" if lang == "en"
                          else f"{p.employer.name} · vertraulich")
        if not dr.running:
            cv.drawRightString(W - M, 24, page_fmt.format(n=number, m=pages))
        cv.setFillColor(colors.black)
        if number == 1:
            return top
        cv.setFont(dr.bold, 9)
        cv.drawString(M, H - M, f"{rng.choice(TITLES[lang])} {continued}")
        return H - M - 14

    totals_as = rng.choice(("row", "row", "summary", "both", "strip"))
    if panel:
        _panel(c, dr, panel[0], M + table.width + 18, top - style.size, stacked=panel[1])
    end = flow_table(c, table, rows, M, top, bottom=44, later_top=H - M - 14, reserve=110, page_start=page_start)
    if totals_as in ("row", "both"):
        totals = {"employee_name": rng.choice(TOTALS_ROW[lang]), "gross_pay": dr.m(p.total_gross, dr.symbol_in_cells),
                  "deductions": dr.m(p.total_deductions, dr.symbol_in_cells),
                  "net_pay": dr.m(p.total_net, dr.symbol_in_cells)}
        if "regular_hours" in keys and rng.random() < 0.6:
            totals["regular_hours"] = _hours(sum((e.regular_hours for e in p.employees), Decimal("0.00")), dr, short_hours)
        c.setLineWidth(0.9)
        c.line(M, end, M + table.width, end)
        end = table.draw_row(c, M, end - 1, totals, 0, bold=True)
    summary = SUMMARY[lang]
    if totals_as in ("summary", "both"):
        items = [("total_gross", dr.m(p.total_gross)), ("total_deductions", dr.m(p.total_deductions)),
                 ("total_net", dr.m(p.total_net))]
        if rng.random() < 0.5:
            items.insert(rng.randint(0, 1), ("total_hours", dr.n(p.total_hours)))
        if rng.random() < 0.4:
            items.append(("headcount", str(len(p.employees))))
        left = rng.random() < 0.4
        sy = end - 22
        for key, value in items:
            label = rng.choice(summary[key])
            c.setFont(dr.font, 9)
            x = M if left else W - M - 240
            c.drawString(x, sy, label + ":")
            c.drawRightString(x + 240, sy, value)
            sy -= 13
    elif totals_as == "strip":
        # Totals as captions over their values, a total hours figure among them.
        items = [("total_hours", dr.n(p.total_hours)), ("total_gross", dr.m(p.total_gross)),
                 ("total_deductions", dr.m(p.total_deductions)), ("total_net", dr.m(p.total_net))]
        if rng.random() < 0.5:
            items = items[1:]
        step = (W - 2 * M) / len(items)
        for i, (key, value) in enumerate(items):
            c.setFont(dr.font, 7.5)
            c.setFillColor(GREY)
            c.drawString(M + i * step, end - 22, rng.choice(summary[key]))
            c.setFillColor(colors.black)
            c.setFont(dr.bold, 10)
            c.drawString(M + i * step, end - 35, value)
    elif totals_as == "row" and rng.random() < 0.4:
        c.setFont(dr.font, 8.5)
        c.drawString(M, end - 16, f"{rng.choice(summary['total_hours'])}: {dr.n(p.total_hours)}    "
                                  f"{rng.choice(summary['headcount'])}: {len(p.employees)}")
    return c.pdf_bytes()
