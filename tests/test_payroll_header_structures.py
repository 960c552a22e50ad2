"""Register headers in the shapes payroll systems and report writers print them: the whole header run into one line
with separators, the employer only in the title or under a label no list knows, dates with a two-digit year and a
named month ('01-MAR-26'), compact dates ('20260301') and ranges without spaces. A clerk reads employer, period and
pay date off each of them, and the register's totals under a department's."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.test_invoice_issuer import _read
from tests.test_payroll_header import ROWS, _generated_header, _register, _sure, _values

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


@pytest.mark.parametrize("line", [f"Employer: {EMPLOYER}  EIN 12-3456789", f"{EMPLOYER}, 120 Main Street, Springfield, IL 62701",
                                  f"Company: {EMPLOYER} dba Northgate Freight"])
def test_the_employer_with_its_tax_id_address_or_trade_name_on_its_line(tmp_path: Path, line: str):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 25, line), (40, 40, "Pay period: 03/01/2026 - 03/15/2026"), (40, 55, "Check date: 03/20/2026")])
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
    ("Period: 2026-03-01T00:00:00 - 2026-03-15T00:00:00", "Pay date: 2026-03-20T00:00:00"),
    ("Pay period: Mar-01-2026 - Mar-15-2026", "Check date: Mar-20-2026"),
])
def test_dates_as_report_writers_print_them(tmp_path: Path, lines: tuple[str, ...]):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 25, f"Company: {EMPLOYER}"), *((40, 40 + 15 * i, line) for i, line in enumerate(lines))])
    assert _values(_read(path)) == {"employer_name": EMPLOYER, **MARCH}


def test_a_tight_header_table_gives_the_month_under_its_own_label(tmp_path: Path):
    path = tmp_path / "lohnliste.pdf"
    _register(path, [(40, 14, "Firma: Berger Druckerei GmbH & Co. KG"), (40, 30, "Zahlungstermin"), (114, 30, "Zeitraum"),
                     (230, 30, "Erstellungsdatum"), (40, 45, "02.10.2026"), (114, 45, "09.2026"), (230, 45, "30.09.2026")],
              title="Entgeltabrechnung – Übersicht")
    assert _values(_read(path)) == {"employer_name": "Berger Druckerei GmbH & Co. KG", "pay_period_start": date(2026, 9, 1),
                                    "pay_period_end": date(2026, 9, 30), "pay_date": date(2026, 10, 2)}


def test_a_range_that_names_its_month_once_beside_the_pay_date_in_one_phrase(tmp_path: Path):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 30, "Organization"), (150, 30, "Payment date"), (250, 30, "Pay Period"),
                     (40, 45, "Prairie Wind Packaging"), (150, 45, "September 4, 2026"), (250, 45, "August 17–30, 2026")],
              title="Payroll Report")
    assert _values(_read(path)) == {"employer_name": "Prairie Wind Packaging", "pay_period_start": date(2026, 8, 17),
                                    "pay_period_end": date(2026, 8, 30), "pay_date": date(2026, 9, 4)}



# payroll-g registers drawn with the structures above: compact and '01-MAR-26' dates (all three dates were lost), a
# header strip, the employer only in the title or only in the footer under a 'Week ending' line, a tight header table.
@pytest.mark.parametrize("seed, language", [("23:7", "en"), ("23:13", "en"), ("23:29", "de"), ("23:31", "en"),
                                            ("23:51", "en"), ("23:56", "de"), ("23:58", "en"), ("25:34", "en")])
def test_generated_register_headers_in_these_shapes_read_as_printed(tmp_path: Path, seed: str, language: str):
    got, printed = _generated_header(tmp_path, seed, language)
    assert got == printed


def test_a_department_total_over_the_grand_total_gives_the_registers_totals(tmp_path: Path):
    path = tmp_path / "register.pdf"
    body = [ROWS[0], ROWS[1], ("", "Sales subtotal", "", "", "", "2,215.00", "465.00", "1,750.00"), ROWS[2],
            ("", "Operations total", "", "", "", "950.00", "180.00", "770.00"),
            ("", "Grand total", "", "", "", "3,165.00", "645.00", "2,520.00")]
    _register(path, [(40, 25, f"Company: {EMPLOYER}"), (40, 40, "Pay period: 03/01/2026 - 03/15/2026"),
                     (40, 55, "Check date: 03/20/2026")], body=body)
    doc = _read(path)
    assert [doc.fields[n].value for n in ("total_gross", "total_deductions", "total_net")] == \
        [Decimal("3165.00"), Decimal("645.00"), Decimal("2520.00")]
    assert [r["employee_name"].value for r in doc.tables["employees"]] == ["Adams, Ruth", "Baker, Tom", "Chavez, Ana"]


@pytest.mark.parametrize("header, footer", [
    # a scan read 'endet am' as one word
    ([(40, 25, "Zahltag"), (160, 25, "31.03.2026"), (40, 40, "Zeitraum endetam"), (160, 40, "31.03.2026"),
      (40, 55, "Abrechnungsrhythmus"), (160, 55, "Monatlich")], "Berger Haustechnik GmbH - vertraulich"),
    # labels a scan lost: a month alone and, days after its end, the pay date
    ([(40, 25, "Berger Haustechnik GmbH"), (40, 40, "03/2026"), (40, 55, "31.03.2026")], ""),
    # the dot between the name and 'vertraulich' lost
    ([(40, 25, "Lohnmonat: 03/2026"), (40, 40, "Überweisung am: 31.03.2026")], "Berger Haustechnik GmbH vertraulich"),
])
def test_a_monthly_journal_whose_scan_lost_words_or_separators(tmp_path: Path, header, footer: str):
    path = tmp_path / "lohnliste.pdf"
    _register(path, header, title="Lohn- und Gehaltsliste", footer=footer,
              columns=("Pers.-Nr.", "Mitarbeiter", "Stunden", "Überstd.", "Satz", "Brutto", "Abzüge", "Netto"))
    assert _values(_read(path)) == {"employer_name": "Berger Haustechnik GmbH", "pay_period_start": date(2026, 3, 1),
                                    "pay_period_end": date(2026, 3, 31), "pay_date": date(2026, 3, 31)}


@pytest.mark.parametrize("header, title", [
    # the bureau's letterhead over the employer's name; the provider's letterhead over its tagline
    ([(40, -25, "Müller & Partner Steuerberatung"), (40, 10, EMPLOYER)], "Payroll Register"),
    ([(560, -25, "PayServ Inc."), (560, -13, "Payroll Services"), (40, 10, EMPLOYER)], "Payroll Register"),
    # the company's key beside its name: a number led by zeros at one space, a company id after it
    ([(40, 10, f"Company 0042 {EMPLOYER}")], "Payroll Register"),
    ([(40, 10, f"Company: {EMPLOYER}   Company ID: 12345")], "Payroll Register"),
    # a row of captions whose run date's caption stands between the company's and the pay date's
    ([(40, 10, "Co"), (240, 10, "Run on"), (420, 10, "Check date"), (40, 23, f"8950 - {EMPLOYER}"), (240, 23, "03/18/2026")],
     "Payroll Summary"),
])
def test_the_employer_among_a_bureaus_name_a_company_key_and_a_run_date(tmp_path: Path, header, title: str):
    path = tmp_path / "register.pdf"
    dated = [(40, 40, "Pay period: 03/01/2026 - 03/15/2026")] + ([] if any("Check" in t for _, _, t in header)
                                                                  else [(40, 55, "Check date: 03/20/2026")])
    if any("Check" in t for _, _, t in header):
        header = header + [(420, 23, "03/20/2026")]
    _register(path, header + dated, title=title)
    assert _values(_read(path)) == {"employer_name": EMPLOYER, **MARCH}


@pytest.mark.parametrize("lines, period", [
    (("Abrechnungszeitraum: KW 12 2026", "Zahltag: 20.03.2026"), (date(2026, 3, 16), date(2026, 3, 22))),
    (("Pay period: Week 12, 2026", "Check date: 03/20/2026"), (date(2026, 3, 16), date(2026, 3, 22))),
    (("P/B 03/01/2026", "P/E 03/15/2026", "Check date: 03/20/2026"), (date(2026, 3, 1), date(2026, 3, 15))),
    (("Pay period: Wk 12 2026 | Pay day: Mar-20-2026",), (date(2026, 3, 16), date(2026, 3, 22))),
    (("Week: 2026-W12", "Check date: 03/20/2026"), (date(2026, 3, 16), date(2026, 3, 22))),
    (("Pay period start: 03/01/2026 ; Deposit date: 03/20/2026 ; Pay period end: 03/15/2026",),
     (date(2026, 3, 1), date(2026, 3, 15))),
])
def test_a_period_named_by_its_calendar_week_or_by_abbreviated_labels(tmp_path: Path, lines, period):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 25, f"Company: {EMPLOYER}"), *((40, 40 + 15 * i, line) for i, line in enumerate(lines))])
    assert _values(_read(path)) == {"employer_name": EMPLOYER, "pay_period_start": period[0],
                                    "pay_period_end": period[1], "pay_date": date(2026, 3, 20)}


def test_a_caption_row_with_the_run_date_before_the_pay_date(tmp_path: Path):
    path = tmp_path / "lohnliste.pdf"
    _register(path, [(40, 14, "Firma: Berger Druckerei GmbH"), (40, 30, "Zeitraum vom 01.03.2026 bis 31.03.2026"),
                     (40, 45, "Gedruckt am"), (102, 45, "Zahlung am"), (40, 58, "2026-03-31"), (102, 58, "2026-04-03"),
                     (300, 45, "Lauf vom"), (300, 58, "02.04.2026")], title="Abrechnungsliste Lohn")
    assert _values(_read(path)) == {"employer_name": "Berger Druckerei GmbH", "pay_period_start": date(2026, 3, 1),
                                    "pay_period_end": date(2026, 3, 31), "pay_date": date(2026, 4, 3)}


def test_a_company_caption_under_the_title_is_no_legal_form_of_the_name_over_it(tmp_path: Path):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 18, "Co."), (100, 18, "Northgate Logistics (Co. code 21806)"), (40, 40, "Pay period: 03/01/2026 - 03/15/2026"),
                     (40, 55, "Check date: 03/20/2026")], title="Payroll Register - Northgate Logistics")
    assert _values(_read(path)) == {"employer_name": "Northgate Logistics", **MARCH}


def test_a_title_with_a_colon_before_its_period_is_no_employer(tmp_path: Path):
    path = tmp_path / "lohnliste.pdf"
    _register(path, [(40, 25, "Zahlung am 02.04.2026")], title="Entgeltabrechnung – Übersicht: Monat 03.2026",
              footer="BERGER HAUSTECHNIK · vertraulich",
              columns=("Pers.-Nr.", "Mitarbeiter", "Stunden", "Überstd.", "Satz", "Brutto", "Abzüge", "Netto"))
    doc = _read(path)
    assert _values(doc) == {"employer_name": "BERGER HAUSTECHNIK", "pay_period_start": date(2026, 3, 1),
                            "pay_period_end": date(2026, 3, 31), "pay_date": date(2026, 4, 2)}
    assert not _sure(doc, "employer_name")  # named only in the footer, without a legal form


@pytest.mark.parametrize("header, employer, title", [
    ([(40, 25, "Firmenname Rheintal Druckerei, Hauptstraße 80, 28195 Bremen")], "Rheintal Druckerei", "Lohnjournal"),
    ([(40, 25, "Betrieb: Rheintal Druckerei USt-IdNr. DE139267277"), (300, 25, "Lauf vom: 18.03.2026")], "Rheintal Druckerei",
     "Lohnjournal"),
])
def test_the_employer_beside_its_street_or_vat_id_and_a_run_dates_caption(tmp_path: Path, header, employer: str, title: str):
    path = tmp_path / "lohnliste.pdf"
    _register(path, header + [(40, 40, "Zeitraum: 01.03.2026 - 15.03.2026"), (40, 55, "Zahltag: 20.03.2026")], title=title)
    assert _values(_read(path)) == {"employer_name": employer, **MARCH}


@pytest.mark.parametrize("lines, title", [
    (("Payroll period: 20260301-20260315", "Value date: 20260320"), "Payroll Run Summary"),
    (("Payment date 2026-03-20T00:00:00",), "PAY REGISTER - 2026-03-01T00:00:00 through 2026-03-15T00:00:00"),
])
def test_export_dates_joined_by_a_hyphen_or_carrying_their_time(tmp_path: Path, lines, title: str):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 25, f"Company: {EMPLOYER}"), *((40, 40 + 15 * i, line) for i, line in enumerate(lines))], title=title)
    assert _values(_read(path)) == {"employer_name": EMPLOYER, **MARCH}


def test_a_pay_date_that_reads_either_way_is_read_the_way_that_follows_the_period(tmp_path: Path):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 25, "Employer: Kingsley Print LLP"), (40, 40, "Period: Week 14, 2026"), (40, 55, "Check date: 11/04/2026")])
    doc = _read(path)
    assert _values(doc) == {"employer_name": "Kingsley Print LLP", "pay_period_start": date(2026, 3, 30),
                            "pay_period_end": date(2026, 4, 5), "pay_date": date(2026, 4, 11)}


def test_the_employer_labelled_in_the_middle_of_a_line_of_fields(tmp_path: Path):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 25, "Pay period: 03/01/2026 - 03/15/2026"),
                     (40, 40, f"Check date: 03/20/2026   Client: {EMPLOYER}   Date printed: 03/21/2026")])
    assert _values(_read(path)) == {"employer_name": EMPLOYER, **MARCH}


@pytest.mark.parametrize("header, footer, employer", [
    # the bureau's block beside the employer's, each under its caption
    ([(40, 10, "Abrechnungsstelle"), (40, 22, "Lohnbüro Kessler e.K."), (400, 10, "Arbeitgeber"),
      (400, 22, "Berger Haustechnik GmbH")], "", "Berger Haustechnik GmbH"),
    # the employer named only in a footer with its registration
    ([], "Kingsley Print Ltd · Registered in England No. 04512345 · VAT GB 123 4567 89", "Kingsley Print Ltd"),
    ([(40, 10, "Dénomination : Lumière Conseil SARL")], "", "Lumière Conseil SARL"),
])
def test_the_employer_beside_a_bureaus_block_in_a_registration_footer_or_under_another_label(tmp_path: Path, header,
                                                                                              footer: str, employer: str):
    path = tmp_path / "register.pdf"
    _register(path, header + [(40, 40, "Pay period: 03/01/2026 - 03/15/2026"), (40, 55, "Check date: 03/20/2026")],
              footer=footer)
    assert _values(_read(path)) == {"employer_name": employer, **MARCH}


@pytest.mark.parametrize("frequency, start", [("Frequency: Bi-Wkly", date(2026, 3, 1)), ("Pay freq: Semi-Mthly", date(2026, 3, 1))])
def test_one_end_and_an_abbreviated_pay_frequency(tmp_path: Path, frequency: str, start: date):
    end = date(2026, 3, 14) if "Bi" in frequency else date(2026, 3, 15)
    path = tmp_path / "register.pdf"
    _register(path, [(40, 25, f"Company: {EMPLOYER}"), (40, 40, f"Period ending: {end:%m/%d/%Y}"), (300, 40, frequency),
                     (40, 55, "Check date: 03/20/2026")])
    assert _values(_read(path)) == {"employer_name": EMPLOYER, "pay_period_start": start, "pay_period_end": end,
                                    "pay_date": date(2026, 3, 20)}


def test_a_week_by_its_number_in_english_is_held_for_a_look_a_kw_is_not(tmp_path: Path):
    english, german = tmp_path / "week.pdf", tmp_path / "kw.pdf"
    _register(english, [(40, 25, f"Company: {EMPLOYER}"), (40, 40, "Pay period: Week 12, 2026"), (40, 55, "Check date: 03/20/2026")])
    _register(german, [(40, 25, "Firma: Berger Haustechnik GmbH"), (40, 40, "Abrechnungszeitraum: KW 12 2026"),
                       (40, 55, "Zahltag: 20.03.2026")])
    week, kw = _read(english), _read(german)
    assert week.fields["pay_period_start"].value == kw.fields["pay_period_start"].value == date(2026, 3, 16)
    assert not _sure(week, "pay_period_start") and not _sure(week, "pay_period_end")
    assert _sure(kw, "pay_period_start") and _sure(kw, "pay_period_end")
