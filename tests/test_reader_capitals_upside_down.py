"""A page set in capitals reads upright whichever way it lay on the scanner.

Capitals have neither ascenders nor descenders, so the ink profile cannot tell up from down (its vote is unsure and
here wrong): the page's OCR, read first, reads badly, and the page is turned over and read again.
"""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from backoffice.settings import ReaderSettings
from reader import read_document

LINES = ["INVOICE NUMBER 4711 FROM NORTHWIND TRADING", "TOTAL AMOUNT DUE 1,234.50 EUR",
         "DELIVERY TO HAMBURG HARBOUR 20457", "PAYMENT WITHIN THIRTY DAYS NET",
         "BANK TRANSFER TO ACCOUNT HELD AT HANSA BANK", "ORDER REFERENCE 88213 WAREHOUSE NORTH"]


@pytest.fixture(scope="module")
def capitals_page() -> Image.Image:
    """A 300-dpi scan of a page of capitals, upright."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont("Helvetica", 11)
    for i in range(30):
        pdf.drawString(60, 780 - 22 * i, LINES[i % len(LINES)])
    pdf.save()
    document = pdfium.PdfDocument(buffer.getvalue())
    image = document[0].render(scale=300 / 72, grayscale=True).to_pil().convert("L")
    document.close()
    return image


@pytest.mark.parametrize("turn, expected_rotation", [(None, 0), (Image.Transpose.ROTATE_180, 180)])
def test_a_page_in_capitals_reads_upright_either_way_up(capitals_page: Image.Image, tmp_path: Path, turn,
                                                         expected_rotation: int):
    scan = tmp_path / "capitals.png"
    (capitals_page if turn is None else capitals_page.transpose(turn)).save(scan, dpi=(300, 300))
    page = read_document(scan, ReaderSettings(workers=1)).pages[0]
    assert page.rotation == expected_rotation
    assert "INVOICE NUMBER 4711" in page.text
    assert "TOTAL AMOUNT DUE 1,234.50 EUR" in page.text
    assert page.ocr_confidence > 0.85
