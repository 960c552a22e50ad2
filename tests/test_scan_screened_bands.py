"""Black-and-white scans (a fax, a 1-bit TIFF) print a grey band as a screen of dots with its words cut out white:
such a band is turned to dark print on paper before OCR, and print that merely looks busy is left alone."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image

from reader.screens import screens_turned
from tests.conftest import extract_drawn


def _invoice_with_grey_bands() -> bytes:
    """A one-page invoice whose item header and total row are printed white on a mid grey band, as many are."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    width, height = A4
    page.setFont("Helvetica-Bold", 18)
    page.drawString(50, height - 60, "Harbour Lane Supplies Ltd")
    page.setFont("Helvetica", 10)
    for k, text in enumerate(("12 Harbour Lane, Bristol BS1 4RW", "INVOICE", "Invoice No.  HL-20931",
                              "Invoice date  14 March 2026", "Bill to: Corvid Analytics GmbH, Berlin")):
        page.drawString(50, height - 85 - 15 * k, text)

    def band(y: float, words: list[tuple[float, str]]) -> None:
        page.setFillGray(0.43)
        page.rect(300 - 250, y - 6, 495, 22, stroke=0, fill=1)
        page.setFillGray(1)
        page.setFont("Helvetica-Bold", 11)
        for x, text in words:
            page.drawRightString(x, y, text) if x > 300 else page.drawString(x, y, text)

    band(height - 220, [(56, "Description"), (380, "Qty"), (460, "Unit price"), (540, "Amount")])
    page.setFillGray(0)
    page.setFont("Helvetica", 10)
    for k, (what, qty, price, amount) in enumerate((("Pallet wrap 500 mm", "12", "18.02", "216.24"),
                                                    ("Safety gloves, box of 50", "8", "24.50", "196.00"))):
        y = height - 245 - 18 * k
        page.drawString(56, y, what)
        for x, text in ((380, qty), (460, price), (540, amount)):
            page.drawRightString(x, y, text)
    for k, (label, amount) in enumerate((("Subtotal", "412.24"), ("VAT 20%", "82.45"))):
        page.drawString(330, height - 300 - 18 * k, label)
        page.drawRightString(540, height - 300 - 18 * k, f"GBP {amount}")
    band(height - 345, [(330, "Total due"), (540, "GBP 494.69")])
    page.showPage()
    page.save()
    return out.getvalue()


def _fax(pdf: bytes) -> bytes:
    """The page as a 200-dpi fax: 1 bit, grey dithered to dots (Floyd-Steinberg), Group 4."""
    import pypdfium2 as pdfium

    grey = pdfium.PdfDocument(pdf)[0].render(scale=200 / 72).to_pil().convert("L")
    out = io.BytesIO()
    grey.convert("1", dither=Image.Dither.FLOYDSTEINBERG).save(out, "TIFF", compression="group4", dpi=(200, 200))
    return out.getvalue()


def _as_pdf(tiff: bytes) -> bytes:
    """The fax as a fax server delivers it: the 1-bit page image in a PDF."""
    out = io.BytesIO()
    Image.open(io.BytesIO(tiff)).save(out, "PDF", resolution=200)
    return out.getvalue()


def test_a_faxed_invoice_whose_total_row_and_item_header_are_grey_bands_gives_its_total_and_items(tmp_path: Path):
    # The grey comes out as dots, the words as paper cut out of them: OCR read the bands as noise, so the total and
    # the item table's column names were lost. Delivered as a TIFF or as a PDF.
    fax = _fax(_invoice_with_grey_bands())
    lines = extract_drawn(tmp_path, {"faxed.tif": lambda: fax, "faxed.pdf": lambda: _as_pdf(fax)})
    for name in ("faxed.tif", "faxed.pdf"):
        line = lines[name]
        assert line["doc_type"] == "invoice", name
        assert line["fields"]["total_amount"]["value"] == "494.69", name
        assert [row["amount"]["value"] for row in line["tables"]["line_items"]] == ["216.24", "196.00"], name


def test_only_a_black_and_white_scans_dots_are_a_screen_not_dense_print_white_on_black_or_a_grey_scan():
    rng = np.random.default_rng(3)
    page = np.full((800, 1200), 255, dtype=np.uint8)
    for top in range(40, 700, 22):  # lines of small print: strokes with paper round them and between the lines
        for left in range(40, 1100, 9):
            if rng.random() < 0.85:
                page[top:top + 12, left:left + 2] = 0
                page[top + rng.integers(0, 10), left:left + 6] = 0
    assert screens_turned(page, 200) is None
    black = page.copy()
    black[300:420, 100:1100] = 0  # a black band with white print on it: preprocess turns those
    black[340:380, 150:1050:9] = 255
    turned = screens_turned(black, 200)
    assert turned is None or np.array_equal(turned, black)
    band = page.copy()  # a screened band, 65 % dots, with a white bar cut out of it as a letter would be
    band[200:260, 100:900] = np.where(rng.random((60, 800)) < 0.65, 0, 255)
    band[220:240, 150:400] = 255
    assert screens_turned(band, 200) is not None
    grey = band.copy()  # the same on a grey scan: grey shows as grey there, and preprocess handles it
    grey[::7, ::7] = np.where(grey[::7, ::7] == 0, 60, 200)
    assert screens_turned(grey, 200) is None
