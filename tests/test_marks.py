"""reader/marks.py: tick boxes and signature ink on real rendered form pages, clean and scanned-looking."""

from __future__ import annotations

import io
import math
import random
import time
from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image
from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from backoffice.document import Checkbox, InkGrid
from reader.marks import find_marks

PAGE_W, PAGE_H = letter
PEN_BLUE = colors.Color(0.09, 0.15, 0.47)


@dataclass(frozen=True)
class PrintedBox:
    label: str
    x: float  # lower left corner, points, reportlab's origin bottom left
    y: float
    size: float
    ticked: bool

    def centre(self) -> tuple[float, float]:
        """Centre as fractions of the page, origin top left, as find_marks reports boxes."""
        return (self.x + self.size / 2) / PAGE_W, 1 - (self.y + self.size / 2) / PAGE_H


@dataclass(frozen=True)
class FormPage:
    pdf: bytes
    boxes: list[PrintedBox]  # the tick boxes, each to be found once
    digit_box: PrintedBox  # a lone box with a printed digit in it
    speck_box: PrintedBox  # an empty box but for a speck of dirt
    signed: tuple[float, float, float, float]  # signature box holding a scribble, fractions, top left origin
    unsigned: tuple[float, float, float, float]  # a second one of the same size, shaded light grey and empty


def fraction_box(x: float, y: float, w: float, h: float) -> tuple[float, float, float, float]:
    return x / PAGE_W, 1 - (y + h) / PAGE_H, (x + w) / PAGE_W, 1 - y / PAGE_H


def draw_box(c: Canvas, box: PrintedBox, line: float = 0.7) -> None:
    c.saveState()
    c.setLineWidth(line)
    c.rect(box.x, box.y, box.size, box.size)
    c.restoreState()
    c.setFont("Helvetica", 9)
    c.drawString(box.x + box.size + 4, box.y + 1, box.label)


def typed_x(c: Canvas, box: PrintedBox) -> None:
    """The X a form-filling program prints: a bold letter X."""
    c.setFont("Helvetica-Bold", box.size * 1.05)
    c.drawCentredString(box.x + box.size / 2, box.y + box.size * 0.14, "X")


def drawn_check(c: Canvas, box: PrintedBox) -> None:
    """A check mark of two straight strokes."""
    x, y, s = box.x, box.y, box.size
    c.saveState()
    c.setLineWidth(max(0.8, s * 0.12))
    c.lines([(x + s * 0.15, y + s * 0.5, x + s * 0.4, y + s * 0.18), (x + s * 0.4, y + s * 0.18, x + s * 0.9, y + s * 0.9)])
    c.restoreState()


def filled(c: Canvas, box: PrintedBox) -> None:
    c.rect(box.x + 1.5, box.y + 1.5, box.size - 3, box.size - 3, stroke=0, fill=1)


def hand_cross(c: Canvas, box: PrintedBox) -> None:
    """A pen cross whose strokes run past two corners of the box."""
    x, y, s = box.x, box.y, box.size
    c.saveState()
    c.setStrokeColor(PEN_BLUE)
    c.setLineWidth(1.4)
    c.setLineCap(1)
    c.line(x - 0.15 * s, y + 1.1 * s, x + 0.95 * s, y + 0.05 * s)
    c.line(x + 0.1 * s, y + 0.05 * s, x + 1.2 * s, y + 0.95 * s)
    c.restoreState()


def hand_tick(c: Canvas, box: PrintedBox) -> None:
    """A pen tick whose long stroke ends well above and right of the box, as hurried ticks do."""
    x, y, s = box.x, box.y, box.size
    c.saveState()
    c.setStrokeColor(PEN_BLUE)
    c.setLineWidth(1.6)
    c.setLineCap(1)
    c.setLineJoin(1)
    path = c.beginPath()
    path.moveTo(x + 0.12 * s, y + 0.5 * s)
    path.curveTo(x + 0.25 * s, y + 0.35 * s, x + 0.35 * s, y + 0.2 * s, x + 0.4 * s, y + 0.1 * s)
    path.curveTo(x + 0.6 * s, y + 0.6 * s, x + 0.9 * s, y + 1.1 * s, x + 1.2 * s, y + 1.35 * s)
    c.drawPath(path, stroke=1, fill=0)
    c.restoreState()


def scribble(c: Canvas, x: float, y: float, w: float, h: float, rng: random.Random) -> None:
    """A signature: a few joined Bezier curves across the box and an underline flourish."""
    c.saveState()
    c.setStrokeColor(PEN_BLUE)
    c.setLineWidth(1.1)
    c.setLineCap(1)
    path = c.beginPath()
    px, py = x + 0.05 * w, y + 0.5 * h
    path.moveTo(px, py)
    while px < x + 0.85 * w:
        nx, ny = px + rng.uniform(0.08, 0.18) * w, y + rng.uniform(0.2, 0.8) * h
        path.curveTo(px + 0.05 * w, y + rng.uniform(-0.1, 1.1) * h, nx - 0.05 * w, y + rng.uniform(-0.1, 1.1) * h, nx, ny)
        px, py = nx, ny
    path.moveTo(x + 0.08 * w, y + 0.2 * h)
    path.curveTo(x + 0.4 * w, y + 0.1 * h, x + 0.7 * w, y + 0.3 * h, x + 0.9 * w, y + 0.18 * h)
    c.drawPath(path, stroke=1, fill=0)
    c.restoreState()


def comb(c: Canvas, x: float, y: float, cell: float, height: float, gap: float, digits: str) -> None:
    """Nine digit boxes in a row, the digits written into the first ones."""
    c.setLineWidth(0.6)
    c.setFont("Helvetica", height * 0.7)
    for i in range(9):
        cx = x + i * (cell + gap)
        c.rect(cx, y, cell, height)
        if i < len(digits):
            c.drawCentredString(cx + cell / 2, y + height * 0.22, digits[i])


def form_page() -> FormPage:
    """A page with a W-9 style tax classification row, a direct deposit account type, yes/no boxes,
    a column of payment options, SSN, EIN and routing number combs, letters that look like boxes,
    a table and two signature boxes."""
    out = io.BytesIO()
    c = Canvas(out, pagesize=letter, invariant=1)
    boxes: list[PrintedBox] = []

    c.setFont("Helvetica-Bold", 14)
    c.drawString(54, 740, "Request for Taxpayer Identification and Direct Deposit")
    c.setFont("Helvetica", 9)
    c.drawString(54, 712, "3  Check the appropriate box for federal tax classification of the person whose name is entered:")
    x = 54.0
    for label, ticked, mark in (("Individual/sole proprietor", True, typed_x), ("C corporation", False, None),
                                ("S corporation", True, drawn_check), ("Partnership", False, None),
                                ("Trust/estate", True, filled)):
        box = PrintedBox(label, x, 694, 8, ticked)
        draw_box(c, box, line=0.5 if label == "Partnership" else 0.7)
        if mark:
            mark(c, box)
        boxes.append(box)
        x += 8 + 4 + c.stringWidth(label, "Helvetica", 9) + 18

    c.drawString(54, 660, "Account type:")
    checking = PrintedBox("Checking", 130, 657, 10, True)
    savings = PrintedBox("Savings", 210, 657, 10, False)
    for box in (checking, savings):
        draw_box(c, box)
    hand_cross(c, checking)
    boxes += [checking, savings]

    c.drawString(54, 628, "Is this a new account?")
    yes = PrintedBox("Yes", 170, 622, 18, True)
    no = PrintedBox("No", 230, 622, 18, False)
    for box in (yes, no):
        draw_box(c, box, line=1.0)
    hand_tick(c, yes)
    boxes += [yes, no]

    c.drawString(330, 680, "Pay by:")
    for i, (label, ticked) in enumerate((("Direct deposit", False), ("Paper check", True), ("Pay card", False))):
        box = PrintedBox(label, 330, 664 - i * 14, 9, ticked)  # stacked 5 pt apart
        draw_box(c, box)
        if ticked:
            drawn_check(c, box)
        boxes.append(box)

    speck_box = PrintedBox("Savings bond", 470, 664, 10, False)
    draw_box(c, speck_box)
    c.circle(475, 669, 0.4, stroke=0, fill=1)

    c.drawString(420, 642, "Allowances")
    digit_box = PrintedBox("Allowances", 472, 638, 14, True)
    c.setLineWidth(0.8)
    c.rect(digit_box.x, digit_box.y, digit_box.size, digit_box.size)
    c.setFont("Helvetica", 11)
    c.drawCentredString(479, 641, "2")
    c.setFont("Helvetica", 9)

    # Letters a box finder could mistake for boxes, at sizes in the tick box range.
    for size, y in ((10, 590), (14, 570), (20, 545)):
        c.setFont("Helvetica", size)
        c.drawString(54, y, "ODD DOG 0000 ORDER QUOD HOLD")
        c.setFont("Courier-Bold", size)
        c.drawString(430, y, "[O] [D] #")

    c.setFont("Helvetica", 9)
    c.drawString(54, 510, "Social security number")
    c.setLineWidth(0.6)
    for group_x, count, digits in ((54, 3, "123"), (54 + 3 * 14 + 8, 2, "45"), (54 + 5 * 14 + 16, 4, "6789")):
        for i in range(count):
            c.rect(group_x + i * 14, 488, 14, 16)
            c.setFont("Helvetica", 11)
            c.drawCentredString(group_x + i * 14 + 7, 492, digits[i])
    c.setFont("Helvetica", 9)
    c.drawString(300, 510, "Employer identification number")
    comb(c, 300, 488, 13, 13, 1.5, "987654321")
    c.drawString(300, 470, "Routing number")
    comb(c, 300, 450, 12, 12, 2.5, "021000")  # three boxes still empty

    # A table whose cells are much larger than any tick box.
    c.setLineWidth(0.7)
    for row in range(4):
        for col in range(4):
            c.rect(54 + col * 120, 330 + row * 24, 120, 24)
    c.setFont("Helvetica", 9)
    for col, title in enumerate(("Bank", "Routing", "Account", "Percent")):
        c.drawString(58 + col * 120, 330 + 3 * 24 + 8, title)

    c.setFont("Helvetica", 9)
    c.drawString(54, 290, "Signature of account holder")
    c.drawString(330, 290, "Signature of joint holder")
    c.setLineWidth(0.8)
    c.rect(54, 230, 216, 50)
    c.setFillColor(colors.Color(0.8, 0.8, 0.8))  # shaded, as forms shade fields; shading is no signature
    c.rect(330, 230, 216, 50, fill=1)
    c.setFillColor(colors.black)
    scribble(c, 60, 235, 200, 40, random.Random(7))

    c.showPage()
    c.save()
    return FormPage(out.getvalue(), boxes, digit_box, speck_box, fraction_box(54, 230, 216, 50),
                    fraction_box(330, 230, 216, 50))


def render(pdf: bytes, dpi: float) -> Image.Image:
    doc = pdfium.PdfDocument(pdf)
    try:
        return doc[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        doc.close()


def scanned(page: Image.Image, angle: float, seed: int = 3) -> Image.Image:
    """The page as a cheap scanner returns it: a little turned, grainy, grey paper, saved as JPEG."""
    turned = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    rng = np.random.default_rng(seed)
    pixels = np.asarray(turned, dtype=np.float32) * 0.92 + 8 + rng.normal(0, 9, (turned.height, turned.width))
    grainy = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    out = io.BytesIO()
    grainy.save(out, format="JPEG", quality=60)
    return Image.open(io.BytesIO(out.getvalue())).convert("L")


def turned_point(x: float, y: float, angle: float) -> tuple[float, float]:
    """Where a point (fractions of the page) lands when the page image is turned counter-clockwise by angle."""
    a = math.radians(angle)
    dx, dy = (x - 0.5) * PAGE_W, (y - 0.5) * PAGE_H
    return 0.5 + (dx * math.cos(a) + dy * math.sin(a)) / PAGE_W, 0.5 + (-dx * math.sin(a) + dy * math.cos(a)) / PAGE_H


def match(found: list[Checkbox], box: PrintedBox, angle: float = 0.0) -> list[Checkbox]:
    """The reported boxes whose centre lies within half a box of where the printed box is."""
    cx, cy = turned_point(*box.centre(), angle)
    tol_x, tol_y = box.size / 2 / PAGE_W, box.size / 2 / PAGE_H
    return [f for f in found
            if abs((f.box[0] + f.box[2]) / 2 - cx) <= tol_x and abs((f.box[1] + f.box[3]) / 2 - cy) <= tol_y]


@pytest.fixture(scope="module")
def form() -> FormPage:
    return form_page()


PAGES = {
    "rendered at 100 dpi": (100, 0.0, False),
    "rendered at 300 dpi": (300, 0.0, False),
    "scanned at 150 dpi, noisy, JPEG, turned 0.4 degrees": (150, 0.4, True),
    "scanned at 300 dpi, noisy, JPEG, turned -0.3 degrees": (300, -0.3, True),
}


@pytest.fixture(scope="module", params=list(PAGES))
def marks(request, form) -> tuple[str, float, list[Checkbox], InkGrid]:
    dpi, angle, degrade = PAGES[request.param]
    image = render(form.pdf, dpi)
    if degrade:
        image = scanned(image, angle)
    boxes, grid = find_marks(image, dpi)
    return request.param, angle, boxes, grid


def test_every_tick_box_is_found_once_and_read_right(marks, form):
    name, angle, found, _ = marks
    for box in form.boxes:
        hits = match(found, box, angle)
        assert len(hits) == 1, f"{name}: the '{box.label}' box was found {len(hits)} times"
        assert hits[0].checked == box.ticked, f"{name}: '{box.label}' read as {'ticked' if hits[0].checked else 'empty'}"
        assert hits[0].confidence >= 0.75, f"{name}: '{box.label}' read with confidence {hits[0].confidence}"


def test_comb_boxes_letters_and_table_cells_are_not_tick_boxes(marks, form):
    name, angle, found, _ = marks
    printed = [f for f in found
               if any(f in match(found, box, angle) for box in [*form.boxes, form.digit_box, form.speck_box])]
    strays = [f for f in found if f not in printed]
    assert strays == [], f"{name}: boxes reported where no tick box is printed: {strays}"


def test_a_speck_in_an_empty_box_makes_the_reading_less_sure(marks, form):
    name, angle, found, _ = marks
    hits = match(found, form.speck_box, angle)
    assert len(hits) == 1 and not hits[0].checked, name
    assert hits[0].confidence < 0.8, f"{name}: a box with a speck in it read with confidence {hits[0].confidence}"


def test_a_lone_box_holding_a_printed_digit_reads_as_ticked(marks, form):
    """Documented behaviour: only rows of comb boxes are left out; one box with a digit is a ticked box."""
    name, angle, found, _ = marks
    hits = match(found, form.digit_box, angle)
    assert [h.checked for h in hits] == [True], name


def test_a_signed_box_is_clearly_darker_than_an_empty_shaded_one(marks, form):
    name, _, _, grid = marks
    signed, unsigned = (grid.darkness(inset(b)) for b in (form.signed, form.unsigned))
    assert signed > 0.02 and signed > 4 * unsigned, f"{name}: signed {signed:.3f}, unsigned {unsigned:.3f}"


def inset(box: tuple[float, float, float, float], by: float = 0.01) -> tuple[float, float, float, float]:
    """The box without its printed outline."""
    x0, y0, x1, y1 = box
    return x0 + by, y0 + by, x1 - by, y1 - by


def test_ink_grid_has_twenty_cells_per_inch(marks):
    name, _, _, grid = marks
    assert (grid.cols, grid.rows) == (170, 220), name
    assert len(grid.cells) == grid.rows * grid.cols


def test_a_blank_page_has_no_marks():
    boxes, grid = find_marks(Image.new("L", (850, 1100), 255), 100)
    assert boxes == []
    assert max(grid.cells) == 0


def test_time_per_page(form, capsys):
    """How long one page takes (printed, not asserted: CI machines vary)."""
    for dpi in (100, 300):
        image = render(form.pdf, dpi)
        find_marks(image, dpi)  # warm up
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            find_marks(image, dpi)
            runs.append((time.perf_counter() - started) * 1000)
        with capsys.disabled():
            print(f"\nfind_marks on a {image.width}x{image.height} page at {dpi} dpi: {min(runs):.1f} ms")


# ---------------------------------------------------------------- round radio buttons

def radio_page() -> tuple[bytes, list[PrintedBox]]:
    """Options with round buttons (as on-screen forms print them): ticked with a dot, an X, a check mark or
    filled in, or left empty; and words with round letters in them ('Other', 'ODD DOG 0000', '[O]'). A letter O standing alone
    is a ring as much as a button is, and is left out."""
    out = io.BytesIO()
    c = Canvas(out, pagesize=letter, invariant=1)
    rings: list[PrintedBox] = []
    c.setFont("Helvetica", 9)
    c.drawString(54, 712, "Federal tax classification (check one):")
    x = 54.0
    for label, ticked, mark in (("Individual", True, "dot"), ("Corporation", False, None), ("Partnership", False, None),
                                ("Other", False, None)):
        rings.append(PrintedBox(label, x, 694, 9, ticked))
        x += 9 + 5 + c.stringWidth(label, "Helvetica", 9) + 20
    c.drawString(54, 660, "Account type:")
    rings += [PrintedBox("Checking", 130, 657, 11, False), PrintedBox("Savings", 210, 657, 11, True),
              PrintedBox("Money market", 54, 630, 9, True)]
    c.drawString(330, 680, "Pay by:")
    rings += [PrintedBox(label, 330, 664 - i * 15, 10, ticked)
              for i, (label, ticked) in enumerate((("Direct deposit", True), ("Paper check", False), ("Pay card", False)))]
    marks = {"Individual": "dot", "Savings": "X", "Direct deposit": "check", "Money market": "filled"}
    for ring in rings:
        r = ring.size / 2
        c.setLineWidth(0.7)
        c.circle(ring.x + r, ring.y + r, r, stroke=1, fill=0)
        c.drawString(ring.x + ring.size + 5, ring.y + 1, ring.label)
        mark = marks.get(ring.label)
        if mark == "dot":
            c.circle(ring.x + r, ring.y + r, r * 0.5, stroke=0, fill=1)
        elif mark == "X":
            c.setFont("Helvetica-Bold", ring.size * 0.9)
            c.drawCentredString(ring.x + r, ring.y + ring.size * 0.2, "X")
            c.setFont("Helvetica", 9)
        elif mark == "check":
            drawn_check(c, ring)
        elif mark == "filled":  # filled in as a square, as a form-filling program fills its boxes
            c.rect(ring.x + 0.2 * ring.size, ring.y + 0.2 * ring.size, 0.6 * ring.size, 0.6 * ring.size, stroke=0, fill=1)
    for size, y in ((10, 590), (14, 570), (20, 545)):
        c.setFont("Helvetica", size)
        c.drawString(54, y, "ODD DOG 0000 ORDER QUOD HOLD Other")
        c.setFont("Courier-Bold", size)
        c.drawString(430, y, "[O] [D] #")
    c.showPage()
    c.save()
    return out.getvalue(), rings


@pytest.mark.parametrize("page", list(PAGES))
def test_round_radio_buttons_are_found_and_read_as_ticked_or_empty(page):
    pdf, rings = radio_page()
    dpi, angle, degrade = PAGES[page]
    image = render(pdf, dpi)
    found, _ = find_marks(scanned(image, angle) if degrade else image, dpi)
    for ring in rings:
        hits = match(found, ring, angle)
        assert len(hits) == 1, f"{page}: the '{ring.label}' button was found {len(hits)} times"
        assert hits[0].checked == ring.ticked, f"{page}: '{ring.label}' read as {'ticked' if hits[0].checked else 'empty'}"
        assert hits[0].confidence >= 0.75, f"{page}: '{ring.label}' read with confidence {hits[0].confidence}"
    strays = [f for f in found if not any(f in match(found, ring, angle) for ring in rings)]
    assert strays == [], f"{page}: marks reported where no button is printed: {strays}"


def small_radio_page() -> tuple[bytes, list[PrintedBox]]:
    """Small round buttons, about a tenth of an inch across, as a word processor's form prints them: empty,
    ticked with a check mark, crossed and dotted; and bold words with round letters at about their size (a letter
    standing alone is left out, as in radio_page)."""
    out = io.BytesIO()
    c = Canvas(out, pagesize=letter, invariant=1)
    c.setFont("Courier-Bold", 10)
    c.drawString(54, 720, "Type of account:")
    rings = [PrintedBox("Savings", 66, 700, 7.5, False), PrintedBox("Checking account", 66, 684, 7.5, True),
             PrintedBox("Money market", 66, 668, 7.5, True), PrintedBox("Other", 66, 652, 7.5, True),
             PrintedBox("Individual", 300, 700, 7, False), PrintedBox("Joint", 300, 684, 7, True)]
    marks = {"Checking account": "check", "Money market": "X", "Other": "dot", "Joint": "check"}
    for ring in rings:
        r = ring.size / 2
        c.setLineWidth(0.8)
        c.circle(ring.x + r, ring.y + r, r, stroke=1, fill=0)
        c.setFont("Courier", 9)
        c.drawString(ring.x + ring.size + 6, ring.y, ring.label)
        mark = marks.get(ring.label)
        if mark == "check":
            drawn_check(c, ring)
        elif mark == "X":
            c.setFont("Helvetica-Bold", ring.size * 0.8)
            c.drawCentredString(ring.x + r, ring.y + ring.size * 0.22, "X")
        elif mark == "dot":
            c.circle(ring.x + r, ring.y + r, r * 0.45, stroke=0, fill=1)
    for i, (font, size) in enumerate((("Courier-Bold", 9), ("Courier-Bold", 11), ("Helvetica-Bold", 10),
                                      ("Helvetica-Bold", 13), ("Courier-Bold", 14))):
        c.setFont(font, size)
        c.drawString(54, 600 - 24 * i, "ODD DOG 0000 [O] QUOD Other (O) 10.00")
    c.showPage()
    c.save()
    return out.getvalue(), rings


def test_small_round_buttons_on_an_enlarged_150_dpi_scan_are_found_and_read():
    """The reader enlarges 150-dpi scans to 240 dpi; pooled back down for the search, a small button's line is
    as thick, against its size, as a bold letter's stroke, and each must still be told apart."""
    pdf, rings = small_radio_page()
    page = scanned(render(pdf, 150), 0.3)
    page = page.resize((round(page.width * 1.6), round(page.height * 1.6)), Image.Resampling.BICUBIC)
    found, _ = find_marks(page, 240)
    for ring in rings:
        hits = match(found, ring, 0.3)
        assert len(hits) == 1, f"the '{ring.label}' button was found {len(hits)} times"
        assert hits[0].checked == ring.ticked, f"'{ring.label}' read as {'ticked' if hits[0].checked else 'empty'}"
        assert hits[0].confidence >= 0.75, f"'{ring.label}' read with confidence {hits[0].confidence}"
    strays = [f for f in found if not any(f in match(found, ring, 0.3) for ring in rings)]
    assert strays == [], f"marks reported where no button is printed: {strays}"
