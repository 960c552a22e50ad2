"""Documents in languages the generator does not draw (it draws English and German), drawn here: payroll registers in
French and Spanish (employer, period, pay date, the employee rows and the totals) and invoices in Italian and Dutch
(number, dates, subtotal, tax and total) read as a clerk reads them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from tests.test_invoice_issuer import _read

W, H = 842, 595  # A4 landscape

ROWS = [  # id, name, hours, overtime, rate, gross, deductions, net
    ("1042", "Durand, Claire", "151,67", "4,00", "14,50", "2 286,22", "502,97", "1 783,25"),
    ("1043", "Moreau, Julien", "151,67", "0,00", "16,20", "2 457,05", "540,55", "1 916,50"),
    ("1051", "Petit, Sophie", "120,00", "2,50", "13,80", "1 707,75", "375,71", "1 332,04"),
]
REGISTERS = {
    "fr": dict(title="Journal de paie", employer="Employeur : Boulangerie Lefèvre SARL",
               period="Période de paie : du 01/03/2026 au 31/03/2026", pay_date="Date de paiement : 31/03/2026",
               header=("Matricule", "Nom du salarié", "Heures", "Heures sup.", "Taux horaire", "Salaire brut",
                       "Retenues", "Net à payer"),
               total="Totaux", employer_name="Boulangerie Lefèvre SARL"),
    "es": dict(title="Registro de nómina", employer="Empresa: Talleres Ibáñez S.L.",
               period="Periodo de liquidación: del 01/03/2026 al 31/03/2026", pay_date="Fecha de pago: 31/03/2026",
               header=("Nº empleado", "Nombre", "Horas", "Horas extra", "Tarifa", "Bruto", "Deducciones", "Neto"),
               total="Totales", employer_name="Talleres Ibáñez S.L."),
}


def _register(path: Path, language: str) -> None:
    r = REGISTERS[language]
    c = canvas.Canvas(str(path), pagesize=(W, H), invariant=1)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(40, H - 50, r["title"])
    c.setFont("Helvetica", 10)
    for i, line in enumerate((r["employer"], r["period"], r["pay_date"])):
        c.drawString(40, H - 80 - 15 * i, line)
    xs = [40, 110, 300, 370, 450, 540, 640, 760]
    y = H - 150
    c.setFont("Helvetica-Bold", 9)
    for x, text in zip(xs, r["header"]):
        (c.drawString if x < 300 else c.drawRightString)(x if x < 300 else x + 40, y, text)
    c.setFont("Helvetica", 9)
    for row in ROWS:
        y -= 16
        for x, text in zip(xs, row):
            (c.drawString if x < 300 else c.drawRightString)(x if x < 300 else x + 40, y, text)
    y -= 18
    c.setFont("Helvetica-Bold", 9)
    c.drawString(110, y, r["total"])
    for x, text in zip(xs[5:], ("6 451,02", "1 419,23", "5 031,79")):
        c.drawRightString(x + 40, y, text)
    c.save()


@pytest.mark.parametrize("language", ["fr", "es"])
def test_a_register_in_french_or_spanish_gives_its_period_pay_date_rows_and_totals(tmp_path: Path, language: str):
    path = tmp_path / f"register_{language}.pdf"
    _register(path, language)
    doc = _read(path)
    assert doc.doc_type == "payroll"
    assert doc.fields["employer_name"].value == REGISTERS[language]["employer_name"]
    assert doc.fields["pay_period_start"].value == date(2026, 3, 1)
    assert doc.fields["pay_period_end"].value == date(2026, 3, 31)
    assert doc.fields["pay_date"].value == date(2026, 3, 31)
    assert (doc.fields["total_gross"].value, doc.fields["total_net"].value) == (Decimal("6451.02"), Decimal("5031.79"))
    rows = doc.tables["employees"]
    assert [r["employee_name"].value for r in rows] == [row[1] for row in ROWS]  # "Last, First" as printed; no totals
    assert [r["employee_id"].value for r in rows] == [row[0] for row in ROWS]
    assert [r["net_pay"].value for r in rows] == [Decimal(row[7].replace(" ", "").replace(",", ".")) for row in ROWS]
    assert [r["overtime_hours"].value for r in rows] == [Decimal("4.00"), Decimal("0.00"), Decimal("2.50")]
    assert not [i.code for i in doc.issues if i.severity == "error"]


INVOICES = {
    "it": ["Ferramenta Bianchi S.r.l.", "Via Roma 12, 20121 Milano", "FATTURA", "Fattura n. 2026/118",
           "Data fattura: 04/03/2026", "Scadenza: 03/04/2026",
           "Descrizione   Quantità   Prezzo   Importo", "Viti inox 4x40, scatola da 100   3   12,50   37,50",
           "Imponibile 37,50", "IVA 22% 8,25", "Totale documento 45,75"],
    "nl": ["Van Dijk Installatietechniek B.V.", "Industrieweg 8, 3542 AD Utrecht", "FACTUUR", "Factuurnummer: F-2026-0118",
           "Factuurdatum: 04-03-2026", "Vervaldatum: 03-04-2026",
           "Omschrijving   Aantal   Prijs   Bedrag", "Onderhoud cv-ketel   2   85,00   170,00",
           "Subtotaal 170,00", "BTW 21% 35,70", "Te betalen 205,70"],
}


@pytest.mark.parametrize("language, number", [("it", "2026/118"), ("nl", "F-2026-0118")])
def test_an_italian_or_dutch_invoice_gives_its_number_dates_and_totals(tmp_path: Path, language: str, number: str):
    path = tmp_path / f"invoice_{language}.pdf"
    c = canvas.Canvas(str(path), invariant=1)
    c.setFont("Helvetica", 10)
    for n, text in enumerate(INVOICES[language]):
        x = 50
        for part in text.split("   "):  # table cells apart
            c.drawString(x, 760 - 18 * n, part)
            x += 230 if x == 50 else 90
    c.save()
    doc = _read(path)
    assert doc.doc_type == "invoice"
    fields = {name: f.value for name, f in doc.fields.items()}
    assert fields["invoice_number"] == number
    assert (fields["invoice_date"], fields["due_date"]) == (date(2026, 3, 4), date(2026, 4, 3))
    expected = {"it": ("37.50", "8.25", "45.75"), "nl": ("170.00", "35.70", "205.70")}[language]
    assert (fields["subtotal"], fields["tax_amount"], fields["total_amount"]) == tuple(Decimal(v) for v in expected)
