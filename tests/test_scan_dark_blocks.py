"""Scans of pages printed or captured unlike a clean office scan (dark blocks with light print, grey paper, light toner) read right."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4

from bench.accuracy import normalise
from reader.preprocess import analyse
from samplegen.drawing import Sheet
from samplegen.scan import ScanSpec, scan
from tests.conftest import SAMPLES, extract_drawn, truth_of

INVOICE = SAMPLES / "invoice_en_a_digital.pdf"


def test_an_invoice_whose_header_block_is_dark_scanned_sideways_gives_its_vendor_dates_and_total(tmp_path: Path):
    # The top quarter of the page (vendor, number, dates) printed white on navy, the sheet put on the glass
    # sideways. The block outweighed every line of print in the orientation profiles: the page was read turned
    # upside down or a quarter, and the invoice lost every header field.
    spec = ScanSpec(dpi=200, fmt="png", rotation=90, skew=1.2, noise=4, blur=0.6, dark_block=0.28, fill=(25, 45, 85))
    lines = extract_drawn(tmp_path, {"dark_header.png": lambda: scan(INVOICE.read_bytes(), spec, random.Random(5))})
    fields = lines["dark_header.png"]["fields"]
    truth = truth_of(INVOICE)["fields"]
    for name in ("vendor_name", "invoice_date", "due_date", "total_amount"):
        assert normalise(name, fields[name]["value"]) == normalise(name, truth[name]), name


def _sidebar_page() -> Image.Image:
    """An A4 letter with a dark sidebar a quarter of the page wide, its contact details printed white on it."""
    sheet = Sheet(A4)
    width, height = A4
    sheet.setFillColor(colors.Color(0.12, 0.2, 0.3))
    sheet.rect(0, 0, 0.27 * width, height, stroke=0, fill=1)
    sheet.setFillColor(colors.white)
    sheet.setFont("Helvetica", 9)
    for i, text in enumerate(["Harbour Freight Ltd", "12 Quay Street", "Bristol BS1 4DJ", "VAT GB 123 4567 89",
                              "Invoice no.", "HF-20931", "Date", "14 March 2026"]):
        sheet.drawString(20, height - 90 - 15 * i, text)
    sheet.setFillColor(colors.black)
    sheet.setFont("Helvetica", 10)
    rng = random.Random(2)
    words = "freight handling storage pallet customs clearance delivery Bristol Hamburg container fee".split()
    for i in range(30):
        line = " ".join(rng.choice(words) for _ in range(rng.randint(3, 8)))
        amount = f"{rng.randint(1, 900)}.{rng.randint(10, 99)}"
        sheet.drawString(0.27 * width + 30 + rng.randint(0, 20), height - 90 - 17 * i, f"{line} {amount}")
    sheet.showPage()
    pdf = pdfium.PdfDocument(sheet.pdf_bytes())
    try:
        return pdf[0].render(scale=150 / 72, grayscale=True).to_pil().convert("L")
    finally:
        pdf.close()


@pytest.mark.parametrize("turned", [0, 90, 180, 270])
def test_a_page_with_a_dark_sidebar_is_turned_upright_however_it_lay_on_the_scanner(turned: int):
    page = _sidebar_page().rotate(turned, expand=True)
    assert analyse(page).rotation == (360 - turned) % 360


def test_an_invoice_on_grey_paper_printed_with_light_toner_and_scanned_askew_gives_its_vendor_dates_and_total(
        tmp_path: Path):
    # Grey print on grey paper, white where the skewed sheet left the glass bare: tesseract's one threshold for
    # the page fell between the margins and the paper, and the page read as noise.
    spec = ScanSpec(dpi=200, fmt="png", skew=3.0, noise=5, blur=0.6, paper_tint=(215, 215, 212), toner=0.45)
    lines = extract_drawn(tmp_path, {"grey.png": lambda: scan(INVOICE.read_bytes(), spec, random.Random(8))})
    fields = lines["grey.png"]["fields"]
    truth = truth_of(INVOICE)["fields"]
    for name in ("vendor_name", "invoice_date", "due_date", "total_amount"):
        assert normalise(name, fields[name]["value"]) == normalise(name, truth[name]), name
