"""A register's header as other payroll systems print it: the period only in the title, as a month, as one end with
the pay frequency, or beside a run date; the pay date under another name; the employer beside a company code, with
the payroll provider's own name printed as well. A clerk reads employer, period and pay date off each of them."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from samplegen.generate import Order, build
from tests.test_invoice_issuer import _read

W, H = 842, 595
ROWS = [("101", "Adams, Ruth", "40.00", "2.00", "25.00", "1,075.00", "215.00", "860.00"),
        ("102", "Baker, Tom", "38.00", "0.00", "30.00", "1,140.00", "250.00", "890.00"),
        ("103", "Chavez, Ana", "40.00", "5.00", "20.00", "950.00", "180.00", "770.00")]
THRESHOLDS = json.loads((Path(__file__).parents[1] / "validators" / "thresholds.json").read_text())


def _register(path: Path, header: list[tuple[float, float, str]], title: str = "Payroll Register",
              columns=("ID", "Employee", "Reg Hrs", "OT Hrs", "Rate", "Gross", "Deductions", "Net"),
              footer: str = "", totals_label: str = "Total", body: list | None = None) -> None:
    """A landscape register: the title, header texts at (x, depth under the title), three employees and a totals row
    (or the rows of `body`)."""
    c = canvas.Canvas(str(path), pagesize=(W, H), invariant=1)
    c.setFont("Helvetica-Bold", 15)
    c.drawString(40, H - 50, title)
    c.setFont("Helvetica", 10)
    for x, depth, text in header:
        c.drawString(x, H - 50 - depth, text)
    xs = [40, 100, 300, 370, 440, 530, 630, 730]

    def line(y: float, cells) -> None:  # noqa: ANN001
        for x, text in zip(xs, cells):
            if text:
                (c.drawString if x < 300 else c.drawRightString)(x if x < 300 else x + 50, y, text)
    y = H - 160
    line(y, columns)
    for row in body or ROWS:
        y -= 16
        line(y, row)
    if body is None:
        line(y - 20, ("", totals_label, "", "", "", "3,165.00", "645.00", "2,520.00"))
    if footer:
        c.setFont("Helvetica", 7)
        c.drawString(40, 30, footer)
    c.save()


def _values(doc) -> dict:
    names = ("employer_name", "pay_period_start", "pay_period_end", "pay_date")
    return {n: doc.fields[n].value if n in doc.fields else None for n in names}


def _generated_header(tmp_path: Path, seed: str, language: str) -> tuple[dict, dict]:
    """A payroll-g register's employer, period and pay date as read, and as its truth gives them."""
    sample = build(Order("reg", seed, "payroll", "payroll-g", language))
    sample.write(tmp_path)
    got = {n: v.isoformat() if isinstance(v, date) else v for n, v in _values(_read(tmp_path / sample.filename)).items()}
    return got, {n: sample.truth.fields[n] for n in got}


def _sure(doc, name: str) -> bool:
    return doc.fields[name].confidence >= THRESHOLDS.get(name, THRESHOLDS["default"])


def test_the_period_only_in_the_title_and_the_employer_beside_its_company_code(tmp_path: Path):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 25, "Co. 0042   Acme Tooling LLC"), (560, 25, "Prepared by PayServ Inc."),
                     (40, 42, "Check date: 03/20/2026"), (300, 42, "Run date: 03/18/2026")],
              title="Payroll Register - March 1-15, 2026", footer="PayServ Inc. - payroll services")
    doc = _read(path)
    assert _values(doc) == {"employer_name": "Acme Tooling LLC", "pay_period_start": date(2026, 3, 1),
                            "pay_period_end": date(2026, 3, 15), "pay_date": date(2026, 3, 20)}


def test_a_journal_titled_with_its_month_covers_the_whole_month(tmp_path: Path):
    path = tmp_path / "lohnjournal.pdf"
    _register(path, [(40, 25, "Mandant 10042 – Berger Haustechnik GmbH"), (40, 42, "Erstellt am 27.03.2026"),
                     (300, 42, "Auszahlung am 31.03.2026"), (560, 42, "Abrechnungsart: monatlich")],
              title="Lohnjournal März 2026",
              columns=("Pers.-Nr.", "Mitarbeiter", "Stunden", "Überstd.", "Satz", "Brutto", "Abzüge", "Netto"))
    doc = _read(path)
    assert _values(doc) == {"employer_name": "Berger Haustechnik GmbH", "pay_period_start": date(2026, 3, 1),
                            "pay_period_end": date(2026, 3, 31), "pay_date": date(2026, 3, 31)}


@pytest.mark.parametrize("label, frequency, start", [("Week ending", "", date(2026, 3, 8)),
                                                     ("Period ending", "Pay frequency: Bi-weekly", date(2026, 3, 1)),
                                                     ("For the period ended", "Frequency: Monthly", date(2026, 3, 1))])
def test_one_end_and_the_pay_frequency_give_the_other_end_held_for_a_look(tmp_path: Path, label: str, frequency: str,
                                                                          start: date):
    end = date(2026, 3, 14) if frequency != "Frequency: Monthly" else date(2026, 3, 31)
    path = tmp_path / "register.pdf"
    _register(path, [(40, 25, "Employer: Northgate Logistics LLC"), (40, 42, f"{label} {end:%m/%d/%Y}"),
                     (300, 42, "Pay date: 04/03/2026"), (560, 42, frequency)])
    doc = _read(path)
    assert _values(doc) == {"employer_name": "Northgate Logistics LLC", "pay_period_start": start,
                            "pay_period_end": end, "pay_date": date(2026, 4, 3)}
    assert _sure(doc, "pay_period_end")
    assert not _sure(doc, "pay_period_start")  # printed nowhere: worked out, so a person confirms it


def test_a_label_whose_date_was_lost_does_not_take_the_next_labels_date(tmp_path: Path):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 25, "Company: Northgate Logistics LLC"),
                     (40, 42, "Period start:"), (300, 42, "Pay date:"), (360, 42, "June 5, 2026"),
                     (560, 42, "Period end: May 31, 2026")])
    doc = _read(path)
    assert doc.fields["pay_date"].value == date(2026, 6, 5)
    assert doc.fields["pay_period_end"].value == date(2026, 5, 31)
    assert "pay_period_start" not in doc.fields or doc.fields["pay_period_start"].value == date(2026, 5, 18)


def test_a_french_register_with_its_period_in_one_phrase(tmp_path: Path):
    path = tmp_path / "journal.pdf"
    _register(path, [(40, 25, "Employeur : Lumière Conseil SARL"), (40, 42, "Période du 01/03/2026 au 31/03/2026"),
                     (400, 42, "Date de paiement : 31/03/2026")],
              title="Journal de paie",
              columns=("Matricule", "Salarié", "Heures", "Heures sup.", "Taux horaire", "Salaire brut", "Retenues",
                       "Net à payer"))
    doc = _read(path)
    assert _values(doc) == {"employer_name": "Lumière Conseil SARL", "pay_period_start": date(2026, 3, 1),
                            "pay_period_end": date(2026, 3, 31), "pay_date": date(2026, 3, 31)}


# payroll-g registers whose headers the generator drew in other ways: month-only periods ('Abrechnungsmonat 2026-07'),
# period phrases, one end with the frequency, periods only in the title, employers beside a code, provider names.
@pytest.mark.parametrize("seed, language", [("5:3", "de"), ("5:6", "de"), ("5:8", "en"), ("5:12", "de"), ("5:16", "en"),
                                            ("5:21", "de"), ("5:37", "en"), ("5:59", "en"), ("5:61", "de"), ("5:64", "en"),
                                            ("5:67", "en"), ("5:78", "en")])
def test_generated_register_headers_read_as_printed(tmp_path: Path, seed: str, language: str):
    sample = build(Order("reg", seed, "payroll", "payroll-g", language))
    sample.write(tmp_path)
    doc = _read(tmp_path / sample.filename)
    truth = sample.truth.fields
    for name in ("employer_name", "pay_period_start", "pay_period_end", "pay_date"):
        got = doc.fields[name].value
        assert (got.isoformat() if isinstance(got, date) else got) == truth[name], name
    for name in ("total_gross", "total_deductions", "total_net"):
        assert doc.fields[name].value == Decimal(truth[name]), name


@pytest.mark.parametrize("row", [
    # labels run into one phrase ('Period end date Paid on'), each value under its own label
    [(40, 30, "Period end date"), (120, 30, "Paid on"), (40, 45, "04/05/2026"), (120, 45, "04/11/2026")],
    # values run into one phrase ('April 5, 2026 April 11, 2026') under labels that stand apart
    [(40, 30, "Period ended"), (112, 30, "Value date"), (40, 45, "April 5, 2026"), (112, 45, "April 11, 2026")],
])
def test_a_tight_header_table_gives_each_label_the_value_under_it(tmp_path: Path, row):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 14, "Company: Northgate Logistics LLC"), *row, (300, 30, "Pay frequency"), (300, 45, "Bi-weekly")],
              title="Payroll Summary")
    doc = _read(path)
    assert _values(doc) == {"employer_name": "Northgate Logistics LLC", "pay_period_start": date(2026, 3, 23),
                            "pay_period_end": date(2026, 4, 5), "pay_date": date(2026, 4, 11)}


def test_a_date_a_scan_read_with_a_letter_for_a_digit_is_repaired_and_held_for_a_look(tmp_path: Path):
    path = tmp_path / "register.pdf"
    _register(path, [(40, 25, "Employer: Northgate Logistics LLC"), (40, 42, "Pay period: 05/18/2026 - 05/31/2026"),
                     (400, 42, "Pay date: June O5, 2O26")])
    doc = _read(path)
    assert doc.fields["pay_date"].value == date(2026, 6, 5)
    assert not _sure(doc, "pay_date")
