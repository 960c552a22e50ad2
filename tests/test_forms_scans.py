"""Scanned forms of a layout no extractor was written for: a ruled table with a shaded caption column, and numbers
written one digit per box, both in boxes drawn edge to edge and in boxes drawn apart."""

from __future__ import annotations

import io
import random
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image
from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from tests.conftest import extract

PAGE_W, PAGE_H = letter
SHADE = colors.Color(0.84, 0.84, 0.84)

EMPLOYEE, BANK, ROUTING, ACCOUNT = "Marisol Okafor", "Tidewater Federal Credit Union", "021000021", "4471203958"
NAME, EIN = "Okafor Marine Supply LLC", "274119386"


def comb_boxes(c: Canvas, x: float, y: float, digits: str, count: int, *, cell: float = 15, height: float = 19,
               gap: float = 0.0) -> None:
    """`count` digit boxes from (x, y), edge to edge (gap 0) or apart, the digits typed into the first ones."""
    c.setLineWidth(0.7)
    c.setFont("Courier", 12)
    for i in range(count):
        bx = x + i * (cell + gap)
        c.rect(bx, y, cell, height)
        if i < len(digits):
            c.drawCentredString(bx + cell / 2, y + height * 0.27, digits[i])


def shaded_row(c: Canvas, y: float, caption: str, height: float = 30) -> None:
    """A table row: the caption in a shaded cell at the left, an open cell right of it."""
    c.setFillColor(SHADE)
    c.rect(60, y, 170, height, stroke=0, fill=1)
    c.setFillColor(colors.black)
    c.setLineWidth(0.8)
    c.rect(60, y, 170, height)
    c.rect(230, y, 320, height)
    c.setFont("Helvetica-Bold", 10)
    c.drawString(68, y + height / 2 - 3, caption)


def direct_deposit_pdf() -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=letter)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(60, 730, "Payroll Direct Deposit Authorization")
    c.setFont("Helvetica", 9)
    c.drawString(60, 714, "Harborline Freight Co. - Human Resources")
    rows = [("Employee name", EMPLOYEE), ("Financial institution", BANK), ("Routing number", None),
            ("Account number", None), ("Account type", None)]
    y = 660
    for caption, value in rows:
        shaded_row(c, y, caption)
        if value:
            c.setFont("Helvetica", 11)
            c.drawString(240, y + 11, value)
        y -= 30
    comb_boxes(c, 240, 660 - 2 * 30 + 5, ROUTING, 9)  # edge to edge
    comb_boxes(c, 240, 660 - 3 * 30 + 5, ACCOUNT, 12, cell=14, gap=4)  # drawn apart
    c.setLineWidth(0.7)
    ty = 660 - 4 * 30 + 10
    c.rect(240, ty, 10, 10)
    c.setFont("Helvetica", 10)
    c.drawString(255, ty + 1, "Checking")
    c.rect(340, ty, 10, 10)
    c.setFont("Helvetica-Bold", 11)
    c.drawCentredString(345, ty + 1.5, "X")
    c.setFont("Helvetica", 10)
    c.drawString(355, ty + 1, "Savings")
    c.setFont("Helvetica", 8)
    c.drawString(60, 470, "I authorize Harborline Freight Co. to deposit my pay into the account above.")
    c.setFont("Helvetica", 9)
    c.drawString(60, 410, "Signature")
    c.drawString(360, 410, "Date")
    c.line(110, 408, 340, 408)
    c.line(390, 408, 540, 408)
    c.setFont("Helvetica", 11)
    c.drawString(395, 412, "03/12/2026")
    c.setStrokeColor(colors.Color(0.1, 0.15, 0.5))
    c.setLineWidth(1.2)
    path = c.beginPath()
    path.moveTo(130, 414)
    for i, dy in enumerate((14, -4, 18, -2, 12, 0, 9)):
        path.curveTo(135 + 25 * i, 430 + dy, 150 + 25 * i, 400 + dy, 155 + 25 * i, 414 + dy / 2)
    c.drawPath(path, stroke=1, fill=0)
    c.showPage()
    c.save()
    return buf.getvalue()


def w9_pdf() -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=letter)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(60, 730, "Vendor Taxpayer Form W-9 (substitute)")
    rows = [("1 Name of entity/individual", NAME), ("2 Business name, if different", ""),
            ("5 Address", "412 Quay Street"), ("6 City, state, and ZIP code", "Norfolk, VA 23510")]
    y = 670
    for caption, value in rows:
        shaded_row(c, y, caption)
        c.setFont("Helvetica", 11)
        c.drawString(240, y + 11, value)
        y -= 30
    c.setFont("Helvetica-Bold", 10)
    c.drawString(60, 520, "3 Federal tax classification (check only one)")
    options = ["Individual/sole proprietor", "C corporation", "S corporation", "Partnership", "LLC"]
    c.setFont("Helvetica", 9)
    for i, option in enumerate(options):
        bx, by = 60 + (i % 3) * 170, 500 - (i // 3) * 18
        c.setLineWidth(0.7)
        c.rect(bx, by, 9, 9)
        c.drawString(bx + 14, by + 1, option)
        if option == "LLC":
            c.setFont("Helvetica-Bold", 10)
            c.drawCentredString(bx + 4.5, by + 1.2, "X")
            c.setFont("Helvetica", 9)
    c.setFont("Helvetica-Bold", 10)
    c.drawString(60, 430, "Part I  Taxpayer Identification Number")
    c.setFont("Helvetica", 9)
    c.drawString(60, 410, "Social security number")
    comb_boxes(c, 60, 386, "", 9, cell=16, height=20)
    c.drawString(330, 410, "Employer identification number")
    comb_boxes(c, 330, 386, EIN, 9, cell=16, height=20)
    c.drawString(60, 330, "Signature")
    c.drawString(360, 330, "Date")
    c.line(110, 328, 340, 328)
    c.setFont("Helvetica", 11)
    c.drawString(395, 332, "04/02/2026")
    c.showPage()
    c.save()
    return buf.getvalue()


def scanned(pdf: bytes, path: Path, *, dpi: int = 200, tilt: float = 1.2, seed: int = 3) -> Path:
    """The page as a scanner gives it back: grey, a little tilted, with paper noise and specks."""
    page = pdfium.PdfDocument(pdf)[0]
    image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    image = image.rotate(tilt, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    rng = np.random.default_rng(seed)
    pixels = np.asarray(image, dtype=np.float64) + rng.normal(0, 6, (image.height, image.width))
    specks = rng.random(pixels.shape) < 0.0004
    pixels[specks] = 60
    random.seed(seed)
    Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(path, dpi=(dpi, dpi))
    return path


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("scans")
    files = [scanned(direct_deposit_pdf(), folder / "dd_shaded_combs.png"),
             scanned(w9_pdf(), folder / "w9_shaded_combs.png", dpi=300, tilt=-0.9)]
    code, lines, err = extract(*files)
    assert code == 0, err
    return {Path(line["source"]).name: {k: f["value"] for k, f in line["fields"].items()} for line in lines}


def test_a_scanned_direct_deposit_form_with_shaded_captions_gives_every_entry(results):
    got = results["dd_shaded_combs.png"]
    assert got.get("employee_name") == EMPLOYEE
    assert got.get("bank_name") == BANK
    assert got.get("account_type") == "savings"
    assert got.get("signature_date") == "2026-03-12"


def test_numbers_written_one_digit_per_box_read_whole_whether_the_boxes_touch_or_not(results):
    got = results["dd_shaded_combs.png"]
    assert got.get("routing_number") == ROUTING  # boxes edge to edge
    assert got.get("account_number") == ACCOUNT  # boxes drawn apart, the last ones left empty


def test_a_scanned_w9_gives_the_ein_from_its_boxes_and_no_ssn_from_the_empty_ones(results):
    got = results["w9_shaded_combs.png"]
    assert got.get("name") == NAME
    assert got.get("ein") == EIN
    assert "ssn" not in got
    assert got.get("tax_classification") == "llc"
