"""Classification holds when a scan loses a title, and when a document mentions words of another type (reportlab pages)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from backoffice.settings import ReaderSettings
from extractors import classify
from reader import read_document

H = 792


def _page(path: Path, lines: list[str]) -> Path:
    c = canvas.Canvas(str(path), invariant=1)
    c.setFont("Helvetica", 10)
    for n, text in enumerate(lines):
        c.drawString(50, H - 60 - 16 * n, text)
    c.save()
    return path


def _kind(path: Path) -> tuple[str, str | None]:
    doc = classify(read_document(path, ReaderSettings(workers=1)))
    return doc.doc_type, doc.form_type


UNTITLED_INVOICE = [  # what OCR kept of an invoice whose title stood in a coloured band
    "Thornbury Facilities Ltd", "Inv. Number INV-60546", "Customer ID 53781   Pay by 1 February 2026",
    "Item   Units   Unit Rate (GBP)   Ext. Price (GBP)", "Toner cartridge, black   1   80.82   80.82",
    "Net amount (GBP) 80.82", "VAT 20% 16.16", "Total (GBP) 96.98",
]
SOLD_TO_INVOICE = [
    "Fenwick Print Limited", "Document number 236387   Date 2026-06-02", "SOLD TO Thornbury Office Supplies Ltd",
    "Due 2026-06-16   Customer No. 59433", "Item   Quantity   Price   Total", "Delivery and installation 1 201.57 201.57",
    "Total net 201.57 GBP", "VAT @ 20% 40.31 GBP", "Total 241.88 GBP",
]
PAYROLL_SERVICES_INVOICE = [
    "Ledgerline Bookkeeping LLC", "INVOICE", "Invoice No. 2026-118   Invoice date 03/31/2026   Due date 04/30/2026",
    "Bill to: Harborview Dental Group", "Description   Qty   Unit price   Amount",
    "Payroll processing, pay period 03/01-03/15, 14 employees   1   210.00   210.00",
    "Payroll register and net pay reconciliation   2   45.00   90.00",
    "Form W-9 on file; taxpayer identification number verified", "Subtotal 300.00", "Total due 300.00",
]
TITLE_LOST_REGISTER = [
    "Copperfield Consulting Group LLC", "ayroll Register", "Period: May 1, 2026 - May 31, 2026   Check Date: June 4, 2026",
    "Employee #   Employee   Hourly rate   Reg Hrs   OT Hrs   Gross pay   Total Ded.   Net pay",
    "E2787   Owen Iverson   28.58   160.00   0.00   4,572.80   1,221.82   3,350.98",
]
SPLIT_TITLE_RECHNUNG = [  # OCR split the title; the body has a number, a due date, a customer number and totals
    "Sonnenberg Gebaudereinigung e.K.   Rech n ung", "Gewerbering 35, 50667 Koln   Beleg-Nr.: RE-2026-7860",
    "Datum: 4. Januar 2026   Zahlbar bis: 14. Januar 2026   Kundennr.: 55615", "Artikel", "Montagearbeiten vor Ort",
    "Summe netto 6.639,79 EUR", "Gesamtbetrag 6.639,79 EUR", "Vielen Dank fur Ihren Auftrag.",
]
LETTER_SPACED_INVOICE = [
    "Harbor Point Supply LLC", "I N V O I C E", "No. 2026-0117   Date 03/04/2026", "Description   Price   Amount",
    "Freight charge   158.30   158.30", "Amount due 158.30",
]
SPLIT_TITLE_REGISTER = [  # OCR split 'Lohnjournal' at the line of its letters
    "Bauer Haustechnik GmbH", "Lohn journal", "Abrechnungszeitraum 01.03.2026 - 31.03.2026   Auszahlung 31.03.2026",
    "Pers.-Nr.   Name   Std.   Stundenlohn   Brutto   Abzüge   Netto", "1042   Keller, Anna   160,00   18,50   2.960,00   812,40   2.147,60",
]
SUBSTITUTE_W9 = [  # a requester's own form that never prints "W-9"
    "Ironwood Staffing Inc.", "Supplier taxpayer ID certification", "Taxpayer name   Redwood Bay Software Corp.",
    "Tax classification: Individual/sole proprietor  C-Corp  S Corporation  Partnership  Trust or estate  LLC",
    "Street address 6227 Route 9   City, state, ZIP Austin, TX 78760", "Social security no.        EIN 88-3452333",
    "Under penalties of perjury, I certify that:", "Signature of U.S. person:            Date: 04/03/2026",
]
VENDOR_INVOICE_WITH_EIN = [
    "Redwood Bay Software LLC   EIN 88-3452333", "INVOICE", "Invoice No. 2026-0117   Date 03/04/2026",
    "Description   Qty   Price   Amount", "Annual licence   1   980.00   980.00", "Total due 980.00",
]
RECEIPT = ["Lakeshore Consulting Group LLC", "Batteries AA x4 6.67", "Notebook 2.39", "Coffee, large 4.66", "TOTAL 13.72",
           "CASH 09-Sep-2026 14:10 #7215", "Thank you!"]
LETTER = ["Redwood Bay Janitorial LLC", "12/27/2025", "Change of office address", "Dear Sir or Madam,",
          "from next month our office will move. Please update your records; invoices sent to the old address reach us."]

MISREAD_TITLE_RECHNUNG = [  # OCR lost the title's last letter and read the rest of a German invoice
    "Handelsrechnun e", "Rheintal Burobedarf   26.09.2025", "Rechnungsempfänger: Müller Logistik GmbH & Co. KG",
    "Beschreibung   Preis (EUR)   Stück   Gesamtpreis (EUR)", "Softwarelizenz Verlängerung (12 Monate)   2.330,30   1   2.330,30",
    "Nettosumme 2.330,30", "MwSt. 7% 163,12", "Zu zahlen 2.493,42",
]
MISREAD_DIRECT_DEPOSIT = [  # a handwritten form's scan: 'Direct' read 'Direet'
    "Prairie Wind Packaging LLC", "Direet Deposit Enrollment Form", "Name Patricia Thornton   Employee ID 95-9425",
    "Financial institution Cascade Federal Savings", "Routing number 017938372   Acct # 5374308531118",
    "Deposit to:  [X] Checking account  [ ] Savings",
]
BANK_LETTER = ["Cascade Federal Savings", "Dear customer,", "the deposit you made on 3 May was credited directly",
               "to your account. Please contact us with any questions."]


@pytest.mark.parametrize("lines, expected", [
    (MISREAD_TITLE_RECHNUNG, ("invoice", None)),
    (MISREAD_DIRECT_DEPOSIT, ("form", "direct_deposit")),
    (BANK_LETTER, ("unknown", None)),
    (UNTITLED_INVOICE, ("invoice", None)),
    (SOLD_TO_INVOICE, ("invoice", None)),
    (PAYROLL_SERVICES_INVOICE, ("invoice", None)),
    (TITLE_LOST_REGISTER, ("payroll", None)),
    (SPLIT_TITLE_RECHNUNG, ("invoice", None)),
    (LETTER_SPACED_INVOICE, ("invoice", None)),
    (RECEIPT, ("unknown", None)),
    (LETTER, ("unknown", None)),
    (SUBSTITUTE_W9, ("form", "w9")),
    (SPLIT_TITLE_REGISTER, ("payroll", None)),
    (VENDOR_INVOICE_WITH_EIN, ("invoice", None)),
], ids=["rechnung-title-misread", "direct-deposit-title-misread", "bank-letter", "invoice-title-lost", "invoice-sold-to", "invoice-for-payroll-services", "register-title-lost",
        "rechnung-title-split", "invoice-letter-spaced", "receipt", "letter", "substitute-w9-untitled",
        "invoice-with-ein", "lohnjournal-title-split"])
def test_document_type(tmp_path: Path, lines: list[str], expected):
    assert _kind(_page(tmp_path / "doc.pdf", lines)) == expected
