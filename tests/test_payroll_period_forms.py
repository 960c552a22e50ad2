"""Pay periods and employers as payroll systems of other countries print them: a period label over its first day with
the last under 'Through' or after a 'to' in a cell of its own, ordinal and shared-month ranges, the length said by the
label ('For the month ended', 'For the two weeks ended'), a payroll month with a two-digit year or run into its year,
an employer after its 'Employer ID', and a scanned total that lost its first figures. A clerk reads each as printed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from extractors.payroll import _misread_total
from tests.test_invoice_issuer import _read
from tests.test_payroll_header import _generated_header, _register, _sure, _values

EMPLOYER = "Northgate Logistics LLC"
HALF = {"pay_period_start": date(2026, 3, 1), "pay_period_end": date(2026, 3, 15), "pay_date": date(2026, 3, 20)}
MONTH = {"pay_period_start": date(2026, 3, 1), "pay_period_end": date(2026, 3, 31), "pay_date": date(2026, 3, 31)}


@pytest.mark.parametrize("header", [
    [(40, 40, "Pay period: 03/01/2026"), (300, 40, "Through: 03/15/2026")],
    [(40, 40, "Pay period"), (160, 40, "03/01/2026"), (240, 40, "to"), (280, 40, "03/15/2026")],
    [(40, 40, "Pay period"), (160, 40, "03/01/2026"), (245, 40, "—"), (280, 40, "03/15/2026")],
    [(40, 40, "Pay period: March 1st - 15th, 2026")],
    [(40, 40, "Pay period: 1st March 2026 – 15th March 2026")],
    [(40, 40, "Pay period: 2026-03-01 ~ 2026-03-15")],
    [(40, 40, "Periodo: del 1 al 15 de marzo de 2026")],
])
def test_a_period_split_over_labels_cells_or_ordinals_gives_both_ends(tmp_path: Path, header):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 25, f"Company: {EMPLOYER}"), *header, (40, 55, "Check date: 03/20/2026")])
    assert _values(_read(path)) == {"employer_name": EMPLOYER, **HALF}


@pytest.mark.parametrize("line, start, end", [
    ("For the month ended March 31, 2026", date(2026, 3, 1), date(2026, 3, 31)),
    ("For the two weeks ended March 14, 2026", date(2026, 3, 1), date(2026, 3, 14)),
])
def test_a_period_whose_label_says_its_length_gives_its_first_day_for_a_look(tmp_path: Path, line: str, start: date,
                                                                              end: date):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 25, f"Company: {EMPLOYER}"), (40, 40, line), (40, 55, "Pay date: March 31, 2026")])
    doc = _read(path)
    assert (doc.fields["pay_period_start"].value, doc.fields["pay_period_end"].value) == (start, end)
    assert not _sure(doc, "pay_period_start")  # printed nowhere: a person confirms it


@pytest.mark.parametrize("month", ["Mar-26", "202603", "MAR '26"])
def test_a_payroll_month_with_a_short_or_run_in_year_is_the_whole_month_held_for_a_look(tmp_path: Path, month: str):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 25, f"Company: {EMPLOYER}"), (40, 40, f"Payroll month: {month}"), (40, 55, "Pay date: 03/31/2026")])
    doc = _read(path)
    assert _values(doc) == {"employer_name": EMPLOYER, **MONTH}
    assert not _sure(doc, "pay_period_start") and not _sure(doc, "pay_period_end")


def test_a_range_without_its_year_under_a_period_label_is_no_month(tmp_path: Path):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 25, f"Company: {EMPLOYER}"), (40, 40, "Pay period: Mar 26 - Apr 8"), (40, 55, "Pay date: 04/10/2026")])
    doc = _read(path)
    assert doc.fields.get("pay_period_start") is None or doc.fields["pay_period_start"].value != date(2026, 3, 1)


def test_the_employer_after_its_employer_id(tmp_path: Path):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 25, f"Employer ID 48213   {EMPLOYER}"), (40, 40, "Pay period: 03/01/2026 - 03/15/2026"),
                     (40, 55, "Check date: 03/20/2026")])
    assert _values(_read(path)) == {"employer_name": EMPLOYER, **HALF}


def test_a_scanned_total_garbled_in_its_figures_is_the_rows_sum_held_for_a_look():
    assert _misread_total(Decimal("5009.23"), Decimal("15009.23"))
    assert _misread_total(Decimal("82.78"), Decimal("22182.78"))
    assert not _misread_total(Decimal("1"), Decimal("3567.55"))
    assert _misread_total(Decimal("4203118"), Decimal("42031.18"))
    assert _misread_total(Decimal("57548.76"), Decimal("57543.76"))
    assert not _misread_total(Decimal("57548.86"), Decimal("57543.76"))
    assert not _misread_total(Decimal("15009.23"), Decimal("15009.23"))


# payroll-g registers drawn with these shapes: a tilde range, 'Through', 'For the week ended', 'Mar-26' / '202610'
# months, ordinals, two-digit years, 'Employer ID', name and address with separators, a copyright footer, legal forms
# of other countries; and a right-aligned bureau letterhead over its 'Payroll & HR Solutions' beside a title that
# names the employer (the bureau was read as the employer), a 'Legal name' caption row, a strip with 'Through'.
@pytest.mark.parametrize("seed, language", [("s6:40", "de"), ("s6:33", "en"), ("s6:27", "en"), ("s6:7", "en"),
                                            ("s6:100", "de"), ("s6:5", "en"), ("s6:13", "en"), ("s6:41", "en"),
                                            ("s6:25", "en"), ("s6:16", "de"), ("s6:8", "de"), ("s6:21", "en"),
                                            ("s6:45", "en"), ("s6:51", "en")])
def test_generated_registers_in_other_countries_shapes_read_as_printed(tmp_path: Path, seed: str, language: str):
    got, printed = _generated_header(tmp_path, seed, language)
    assert got == printed


@pytest.mark.parametrize("header, title", [
    ([(40, 25, f"Company: NGL - {EMPLOYER}")], "Payroll Register"),
    ([(40, 25, f"Company: {EMPLOYER} (NGL)")], "Payroll Register"),
    ([], f"{EMPLOYER}: Payroll for 03/01/2026 - 03/15/2026"),
])
def test_the_employer_beside_a_letter_key_or_before_a_titles_colon(tmp_path: Path, header, title: str):
    path = tmp_path / "register.pdf"
    period = [(40, 40, "Pay period: 03/01/2026 - 03/15/2026")] if header else []
    _register(path, [*header, *period, (40, 55, "Check date: 03/20/2026")], title=title)
    assert _values(_read(path))["employer_name"] == EMPLOYER


def test_a_name_over_its_caption_keeps_the_caption_out(tmp_path: Path):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 10, EMPLOYER), (300, 10, "03/01/2026 - 03/15/2026"), (560, 10, "03/20/2026"),
                     (40, 22, "Company"), (300, 22, "Pay period"), (560, 22, "Pay date")])
    assert _values(_read(path))["employer_name"] == EMPLOYER


@pytest.mark.parametrize("label", ["Gehaltsperiode", "Lohnperiode", "Entgeltperiode"])
def test_a_german_compound_period_label_gives_the_month_surely(tmp_path: Path, label: str):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 25, "Firma: Berger Haustechnik GmbH"), (40, 40, f"{label} 03/2026"), (40, 55, "Zahltag: 31.03.2026")],
              title="Lohnjournal")
    doc = _read(path)
    assert _values(doc) == {"employer_name": "Berger Haustechnik GmbH", **MONTH}
    assert _sure(doc, "pay_period_start") and _sure(doc, "pay_period_end")


def test_a_garbled_range_under_a_period_label_is_no_month(tmp_path: Path):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 25, f"Company: {EMPLOYER}"), (40, 40, "Pay Period: O4-May 2026 to lHN 226"),
                     (40, 55, "Check date: 05/15/2026")])
    doc = _read(path)
    assert "pay_period_start" not in doc.fields or doc.fields["pay_period_start"].value != date(2026, 5, 1)


def test_a_name_whose_words_stand_apart_keeps_its_first_word(tmp_path: Path):
    path = tmp_path / "register.pdf"
    words, x, header = ["Alpenblick", "Software", "GmbH", "&", "Co.", "KG"], 480.0, []
    for word in words:  # set wide apart, as a scan reads a letter-spaced letterhead: each word a phrase of its own
        header.append((x, -30, word))
        x += 6.2 * len(word) + 22
    _register(path, [*header, (40, 25, "Abrechnungszeitraum 01.03.2026 - 31.03.2026"), (40, 40, "Zahltag: 31.03.2026")],
              title="Lohnjournal")
    assert _values(_read(path))["employer_name"] == "Alpenblick Software GmbH & Co. KG"
