"""The vendor's name printed only in a logo image, set the ways letterheads set it: letter-spaced capitals, over
two lines, after a monogram of its initials. Each test draws its own invoice (reportlab) with a raster logo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from reportlab.pdfgen import canvas

from samplegen.drawing import draw_image, ttf
from tests.test_invoice_issuer import _items, _pairs, _read

W, H = 612, 792
INK = (20, 70, 140)


def _logo(lines: list[str], *, monogram: str = "") -> Image.Image:
    img = Image.new("RGB", (900, 240), "white")
    draw = ImageDraw.Draw(img)
    x = 30
    if monogram:
        draw.rectangle((20, 40, 180, 200), fill=INK)
        draw.text((100, 120), monogram, font=ttf("DejaVuSans-Bold.ttf", 80), fill="white", anchor="mm")
        x = 210
    size = 90
    font = ttf("DejaVuSans-Bold.ttf", size)
    while max(font.getlength(t) for t in lines) > 880 - x and size > 20:
        size -= 4
        font = ttf("DejaVuSans-Bold.ttf", size)
    for i, text in enumerate(lines):
        draw.text((x, 150 if len(lines) == 1 else 110 + 100 * i), text, font=font, fill=INK, anchor="ls")
    return img


def invoice_body(c: canvas.Canvas, references: list[tuple[str, str]]) -> None:
    """All of an invoice but its letterhead: title, number, dates and `references`, the customer, items, totals."""
    c.setFont("Helvetica-Bold", 20)
    c.drawString(420, H - 60, "INVOICE")
    c.setFont("Helvetica", 10)
    _pairs(c, H - 140, [("Invoice No.", "INV-20931"), ("Invoice Date", "14/03/2026"), *references],
           label_x=360, value_x=450)
    c.drawString(60, H - 150, "Bill to")
    c.setFont("Helvetica-Bold", 11)
    c.drawString(60, H - 164, "Meridian Retail Group Inc.")
    c.setFont("Helvetica", 10)
    c.drawString(60, H - 178, "400 Market Street, Denver CO 80202")
    _items(c, H - 240, ("Description", "Qty", "Unit price", "Amount"),
           [("Pallet transport Aarhus-Hamburg", "2", "480.00", "960.00"), ("Customs handling", "1", "75.00", "75.00")],
           [("Subtotal", "1,035.00"), ("VAT 25%", "258.75"), ("Total", "1,293.75")])


def _invoice(path: Path, logo: Image.Image) -> Path:
    c = canvas.Canvas(str(path), pagesize=(W, H), invariant=1)
    draw_image(c, logo, 50, H - 100, 230)
    c.setFont("Helvetica", 9)
    c.drawString(52, H - 112, "Harbour Road 12 · 8000 Aarhus · +45 86 00 00 00")
    invoice_body(c, [("Due Date", "13/04/2026")])
    c.save()
    return path


def _vendor(tmp_path: Path, logo: Image.Image) -> str:
    doc = _read(_invoice(tmp_path / "invoice.pdf", logo))
    return " ".join(doc.fields["vendor_name"].value.split()).casefold()


@pytest.mark.parametrize("name", ["Nordhavn Logistik ApS", "Cascade Analytics LLC"])
def test_a_letter_spaced_logo_gives_the_whole_name_not_its_legal_form(tmp_path: Path, name: str):
    assert _vendor(tmp_path, _logo([" ".join(name.upper())])) == name.casefold()


def test_a_legal_form_set_on_the_logos_second_line_completes_the_name(tmp_path: Path):
    assert _vendor(tmp_path, _logo(["Nordhavn Logistik", "ApS"])) == "nordhavn logistik aps"


def test_a_name_set_over_two_lines_after_an_ampersand_is_one_name(tmp_path: Path):
    assert _vendor(tmp_path, _logo(["Pinewood &", "Sons Ltd"])) == "pinewood & sons ltd"


@pytest.mark.parametrize("name, initials", [("Nordhavn Logistik ApS", "NL"), ("Pinewood Supplies Ltd", "PS")])
def test_a_monogram_of_the_initials_is_no_part_of_the_name(tmp_path: Path, name: str, initials: str):
    assert _vendor(tmp_path, _logo([name], monogram=initials)) == name.casefold()
