"""Scanned vendor W-9s filled in by hand, checked as a clerk would: a check mark that runs out of its box by a long
'Limited liability company - tax classification (C, S or P):' label; the same ticked in a box whose outline printed
worn, with a second box ticked besides it (the form goes to review, never with one of the two); and an EIN written
in big digits that fill their comb boxes. Every form is drawn
here: printed with reportlab, the hand's strokes drawn onto the page image by the generator's hand pen."""

from __future__ import annotations

import io
import random
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image
from reportlab.lib.pagesizes import LETTER

from samplegen.drawing import Sheet
from samplegen.pens import HandPen
from tests.conftest import extract

NAME, EIN = "Okafor Marine Supply LLC", "274119386"
OPTIONS = [("individual", "Individual/sole proprietor"), ("c_corporation", "C corporation"),
           ("s_corporation", "S corporation"), ("partnership", "Partnership"),
           ("llc", "Limited liability company - tax classification (C, S or P):"), ("other", "Other:")]
DPI = 200


def w9_scan(path: Path, ticked: list[str], tick: str, *, seed: int = 5, weight: int | None = None,
            worn: str = "") -> Path:
    """A substitute W-9 with the classification boxes in a column before their names, filled in and scanned (weight 3:
    a felt pen whose digits fill their boxes). The box of the option `worn` lost part of its top line in printing, as
    worn toner or a scan's dropout leaves it: no outline the page image gives as a box."""
    c = Sheet(LETTER)
    pen = HandPen(random.Random(seed))
    pen.tick = tick
    pen.weight = pen.weight if weight is None else weight  # how thick the strokes are
    c.setFont("Helvetica-Bold", 15)
    c.drawString(60, 730, "Substitute Form W-9")
    c.setFont("Helvetica", 9)
    c.drawString(60, 716, "Request for Taxpayer Identification Number and Certification")
    y = 680
    for caption, value in (("1. Name (as shown on your income tax return)", NAME),
                           ("2. Business name, if different", ""), ("5. Address", "412 Quay Street"),
                           ("6. City, state, and ZIP code", "Norfolk, VA 23510")):
        c.setFont("Helvetica-Bold", 9)
        c.drawString(60, y, caption)
        c.line(260, y - 3, 550, y - 3)
        pen.text(c, 266, y, value, width=280, size=11)
        y -= 26
    c.setFont("Helvetica-Bold", 9)
    c.drawString(60, y, "3. Federal tax classification (check only one)")
    y -= 18
    for key, label in OPTIONS:
        pen.box(c, 70, y - 1, 9, key in ticked)
        if key == worn:
            c.setFillColorRGB(1, 1, 1)
            c.rect(72, y + 6, 5, 4, stroke=0, fill=1)
            c.setFillColorRGB(0, 0, 0)
        c.setFont("Helvetica", 9)
        c.drawString(85, y, label)
        if key == "llc":
            c.line(85 + c.stringWidth(label, "Helvetica", 9) + 6, y - 2, 420, y - 2)
            if key in ticked:
                pen.text(c, 85 + c.stringWidth(label, "Helvetica", 9) + 12, y, "P", width=20, size=10)
        y -= 16
    y -= 14
    c.setFont("Helvetica-Bold", 9)
    c.drawString(60, y, "Part I. Taxpayer Identification Number (TIN)")
    c.setFont("Helvetica", 8)
    c.drawString(330, y - 14, "Employer identification number")
    cells = [(330 + i * 17 + (6 if i >= 2 else 0), y - 42) for i in range(9)]
    c.setLineWidth(0.8)
    for x, cy in cells:
        c.rect(x, cy, 17, 22)
    c.drawString(330 + 2 * 17, y - 33, "-")
    pen.comb(c, cells, 17, 22, EIN)
    c.setFont("Helvetica", 9)
    c.drawString(60, y - 90, "Signature of U.S. person")
    c.line(170, y - 92, 380, y - 92)
    pen.signature(c, 180, y - 90, 150, 18)
    c.drawString(400, y - 90, "Date")
    pen.text(c, 430, y - 90, "03/12/2026", width=100, size=11)
    c.showPage()
    pdf = c.pdf_bytes()
    image = pdfium.PdfDocument(pdf)[0].render(scale=DPI / 72).to_pil().convert("RGB")
    pen.write_onto([image], DPI)
    gray = image.convert("L").rotate(0.8, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    rng = np.random.default_rng(seed)
    pixels = np.asarray(gray, dtype=np.float64) + rng.normal(0, 5, (gray.height, gray.width))
    Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(path, dpi=(DPI, DPI))
    return path


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("w9_hand_marks")
    files = [w9_scan(folder / "llc_big_check.png", ["llc"], "big check", weight=3),
             w9_scan(folder / "s_corp_and_llc.png", ["s_corporation", "llc"], "check", seed=6, worn="llc")]
    code, lines, err = extract(*files)
    assert code == 0, err
    return {Path(line["source"]).name: line for line in lines}


def test_a_check_mark_running_out_of_the_box_by_a_long_llc_label_is_an_llc(results):
    field = results["llc_big_check.png"]["fields"].get("tax_classification")
    assert field is not None and field["value"] == "llc"


def test_two_boxes_ticked_by_hand_go_to_review_with_neither_classification(results):
    line = results["s_corp_and_llc.png"]
    assert "tax_classification" not in line["fields"]  # it read 'S corporation' at 1.0: the LLC's box went unseen
    assert "w9.classification_not_one" in {issue["code"] for issue in line["issues"]}
    assert line["status"] == "needs_review"


def test_an_ein_written_in_big_digits_that_fill_their_boxes_is_read_from_the_boxes(results):
    field = results["llc_big_check.png"]["fields"].get("ein")
    assert field is not None and field["value"] == EIN
