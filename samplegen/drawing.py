"""Shared drawing on reportlab canvases: reproducible PDFs, text wrapping, raster logos, scribbled
signatures, checkboxes, comb boxes and paginated tables."""

from __future__ import annotations

import functools
import io
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib import colors
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

BLACK = colors.black
GREY = colors.Color(0.45, 0.45, 0.45)
LIGHT = colors.Color(0.9, 0.9, 0.9)
INK_BLUE = colors.Color(0.09, 0.15, 0.47)

# Muted brand colours a layout picks its accent from.
ACCENTS = (colors.Color(0.12, 0.27, 0.45), colors.Color(0.55, 0.1, 0.12), colors.Color(0.1, 0.4, 0.3),
           colors.Color(0.3, 0.3, 0.33), colors.Color(0.42, 0.23, 0.5), colors.Color(0.75, 0.42, 0.05))

# Standard PDF font families: (regular, bold, italic).
FONTS = {
    "helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique"),
    "times": ("Times-Roman", "Times-Bold", "Times-Italic"),
    "courier": ("Courier", "Courier-Bold", "Courier-Oblique"),
}

_TTF_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation"))


@functools.lru_cache(maxsize=256)
def ttf(name: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A TrueType font for raster drawing (logos, handwriting); Pillow's own font if it is missing."""
    for folder in _TTF_DIRS:
        if (folder / name).exists():
            return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default(size)


class Sheet(Canvas):
    """A reportlab canvas that writes byte-identical PDFs for identical drawing calls."""

    def __init__(self, pagesize: tuple[float, float]):
        self._out = io.BytesIO()
        super().__init__(self._out, pagesize=pagesize, invariant=1, pageCompression=1)
        self.page_width, self.page_height = pagesize

    def pdf_bytes(self) -> bytes:
        self.save()
        return self._out.getvalue()


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap to a width in points; a word longer than the width gets a line of its own."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and stringWidth(candidate, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines or [""]


def lines_at(c: Canvas, x: float, y: float, lines: list[str], font: str, size: float,
             leading: float | None = None, align: str = "left") -> float:
    """Draw lines downwards from baseline y; return the baseline below the last line."""
    leading = leading or size * 1.25
    c.setFont(font, size)
    for line in lines:
        if align == "right":
            c.drawRightString(x, y, line)
        elif align == "center":
            c.drawCentredString(x, y, line)
        else:
            c.drawString(x, y, line)
        y -= leading
    return y


def fitted_size(text: str, font: str, size: float, width: float, smallest: float = 6) -> float:
    """The largest size up to `size` at which text fits the width."""
    while size > smallest and stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def label_value(c: Canvas, x: float, y: float, label: str, value: str, *, label_font: str, value_font: str,
                size: float, value_x: float | None = None, value_right: float | None = None) -> None:
    """A label with its value to the right: after a gap, at a tab stop, or right-aligned at a margin."""
    c.setFont(label_font, size)
    c.drawString(x, y, label)
    c.setFont(value_font, size)
    if value_right is not None:
        c.drawRightString(value_right, y, value)
    else:
        c.drawString(value_x if value_x is not None else x + stringWidth(label, label_font, size) + 5, y, value)


def logo_image(name: str, rng: random.Random, accent: colors.Color) -> Image.Image:
    """A raster logo: a mark and the company name as pixels, so the name has no text layer."""
    rgb = tuple(int(255 * v) for v in (accent.red, accent.green, accent.blue))
    width, height = 900, 240
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    mark = rng.choice(("circle", "diamond", "bars", "ring"))
    if mark == "circle":
        draw.ellipse((20, 40, 180, 200), fill=rgb)
    elif mark == "diamond":
        draw.polygon([(100, 30), (180, 120), (100, 210), (20, 120)], fill=rgb)
    elif mark == "bars":
        for i in range(4):
            draw.rectangle((25 + i * 40, 200 - 35 * (i + 1), 55 + i * 40, 200), fill=rgb)
    else:
        draw.ellipse((20, 40, 180, 200), outline=rgb, width=26)
    font_file = rng.choice(("DejaVuSans-Bold.ttf", "LiberationSerif-Bold.ttf", "LiberationSans-BoldItalic.ttf"))
    words = name.split()
    # Legal form on its own smaller line, the way letterheads usually set it.
    head = " ".join(words[:-1]) if len(words) > 1 else name
    tail = words[-1] if len(words) > 1 else ""
    size = 96
    font = ttf(font_file, size)
    while font.getlength(head) > width - 230 and size > 30:
        size -= 4
        font = ttf(font_file, size)
    draw.text((210, 130 if tail else 150), head, font=font, fill=rgb, anchor="ls")
    if tail:
        draw.text((212, 200), tail.upper(), font=ttf(font_file, max(28, size // 2)), fill=(90, 90, 90), anchor="ls")
    return img


def draw_image(c: Canvas, img: Image.Image, x: float, y: float, width: float) -> float:
    """Place a PIL image with its lower left corner at (x, y); return its height in points."""
    height = width * img.height / img.width
    c.drawImage(ImageReader(img), x, y, width, height)
    return height


Bezier = tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]


def scribble(rng: random.Random) -> list[list[Bezier]]:
    """A signature-like scribble in the unit square: one or two strokes of looping Bezier curves."""
    strokes = []
    x = rng.uniform(0.0, 0.08)
    for _ in range(rng.choice((1, 2, 2))):
        segments: list[Bezier] = []
        p0 = (x, rng.uniform(0.3, 0.7))
        for _ in range(rng.randint(4, 8)):
            step = rng.uniform(0.05, 0.16)
            p3 = (min(p0[0] + step, 1.0), rng.uniform(0.1, 0.9))
            # Control points reaching back past the start make the loops of a cursive hand.
            c1 = (p0[0] + step * rng.uniform(-0.8, 1.2), rng.uniform(-0.2, 1.2))
            c2 = (p3[0] - step * rng.uniform(-1.2, 1.0), rng.uniform(-0.2, 1.2))
            segments.append((p0, c1, c2, p3))
            p0 = p3
        strokes.append(segments)
        x = min(p0[0] + rng.uniform(0.02, 0.08), 0.85)
    if rng.random() < 0.6:  # the underline flourish many signatures end with
        y = rng.uniform(0.05, 0.2)
        strokes.append([((0.05, y), (0.4, y - 0.1), (0.7, y + 0.1), (rng.uniform(0.8, 1.0), y))])
    return strokes


def bezier_points(seg: Bezier, steps: int = 14) -> list[tuple[float, float]]:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = seg
    points = []
    for i in range(steps + 1):
        t = i / steps
        a, b, cc, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3
        points.append((a * x0 + b * x1 + cc * x2 + d * x3, a * y0 + b * y1 + cc * y2 + d * y3))
    return points


def draw_scribble(c: Canvas, x: float, y: float, w: float, h: float, strokes: list[list[Bezier]],
                  color: colors.Color = INK_BLUE, width: float = 1.0) -> None:
    """Draw a scribble from scribble() into the box whose lower left corner is (x, y)."""
    c.saveState()
    c.setStrokeColor(color)
    c.setLineWidth(width)
    c.setLineCap(1)
    c.setLineJoin(1)
    for stroke in strokes:
        path = c.beginPath()
        path.moveTo(x + stroke[0][0][0] * w, y + stroke[0][0][1] * h)
        for _, c1, c2, p3 in stroke:
            path.curveTo(x + c1[0] * w, y + c1[1] * h, x + c2[0] * w, y + c2[1] * h, x + p3[0] * w, y + p3[1] * h)
        c.drawPath(path, stroke=1, fill=0)
    c.restoreState()


def box(c: Canvas, x: float, y: float, size: float, width: float = 0.7) -> None:
    """An empty checkbox with its lower left corner at (x, y)."""
    c.saveState()
    c.setLineWidth(width)
    c.rect(x, y, size, size, stroke=1, fill=0)
    c.restoreState()


def comb(c: Canvas, x: float, y: float, groups: tuple[int, ...], cell: float, height: float,
         gap: float = 8) -> list[tuple[float, float]]:
    """Comb boxes in groups (3-2-4 for an SSN) with a dash between groups; return each cell's (x, y)."""
    cells = []
    c.saveState()
    c.setLineWidth(0.6)
    for g, count in enumerate(groups):
        for i in range(count):
            c.rect(x, y, cell, height)
            cells.append((x, y))
            x += cell
        if g < len(groups) - 1:
            c.line(x + gap * 0.25, y + height / 2, x + gap * 0.75, y + height / 2)
            x += gap
    c.restoreState()
    return cells


def comb_width(groups: tuple[int, ...], cell: float, gap: float = 8) -> float:
    return sum(groups) * cell + gap * (len(groups) - 1)


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # "\n" splits a header over two lines
    width: float
    align: str = "left"  # left | right | center


@dataclass
class TableStyle:
    font: str = "Helvetica"
    bold: str = "Helvetica-Bold"
    size: float = 8.5
    pad: float = 3.0
    header_fill: colors.Color | None = LIGHT
    header_color: colors.Color = BLACK
    zebra: colors.Color | None = None
    rules: str = "rows"  # none | header | rows | grid
    leading: float = 1.22


@dataclass
class Table:
    """A table whose rows may wrap (the first left-aligned text column wraps) and span pages."""

    columns: list[Column]
    style: TableStyle = field(default_factory=TableStyle)

    @property
    def width(self) -> float:
        return sum(col.width for col in self.columns)

    def _wrapped(self, row: dict[str, str]) -> dict[str, list[str]]:
        out = {}
        for col in self.columns:
            text = row.get(col.key, "")
            if col.align == "left":
                out[col.key] = wrap(text, self.style.font, self.style.size, col.width - 2 * self.style.pad)
            else:
                out[col.key] = [text]
        return out

    def row_height(self, row: dict[str, str]) -> float:
        lines = max(len(v) for v in self._wrapped(row).values())
        return lines * self.style.size * self.style.leading + 2 * self.style.pad

    def _title_lines(self, col: Column) -> list[str]:
        width = col.width - 2 * self.style.pad
        return [line for part in col.title.split("\n") for line in wrap(part, self.style.bold, self.style.size, width)]

    def header_height(self) -> float:
        lines = max(len(self._title_lines(col)) for col in self.columns)
        return lines * self.style.size * self.style.leading + 2 * self.style.pad

    def draw_header(self, c: Canvas, x: float, top: float) -> float:
        s = self.style
        h = self.header_height()
        c.saveState()
        if s.header_fill is not None:
            c.setFillColor(s.header_fill)
            c.rect(x, top - h, self.width, h, stroke=0, fill=1)
        c.setFillColor(s.header_color)
        c.setFont(s.bold, s.size)
        cx = x
        for col in self.columns:
            baseline = top - s.pad - s.size
            for part in self._title_lines(col):
                self._cell_text(c, cx, baseline, col, part)
                baseline -= s.size * s.leading
            cx += col.width
        c.restoreState()
        if s.rules != "none":
            c.setLineWidth(0.8)
            c.line(x, top - h, x + self.width, top - h)
            if s.rules == "grid":
                self._grid(c, x, top, h)
        return top - h

    def draw_row(self, c: Canvas, x: float, top: float, row: dict[str, str], index: int,
                 bold: bool = False) -> float:
        s = self.style
        h = self.row_height(row)
        if s.zebra is not None and index % 2 == 1:
            c.saveState()
            c.setFillColor(s.zebra)
            c.rect(x, top - h, self.width, h, stroke=0, fill=1)
            c.restoreState()
        c.setFont(s.bold if bold else s.font, s.size)
        cx = x
        for col, lines in zip(self.columns, self._wrapped(row).values()):
            baseline = top - s.pad - s.size
            for line in lines:
                self._cell_text(c, cx, baseline, col, line)
                baseline -= s.size * s.leading
            cx += col.width
        if s.rules in ("rows", "grid"):
            c.setLineWidth(0.3)
            c.line(x, top - h, x + self.width, top - h)
        if s.rules == "grid":
            self._grid(c, x, top, h)
        return top - h

    def _cell_text(self, c: Canvas, x: float, baseline: float, col: Column, text: str) -> None:
        pad = self.style.pad
        if col.align == "right":
            c.drawRightString(x + col.width - pad, baseline, text)
        elif col.align == "center":
            c.drawCentredString(x + col.width / 2, baseline, text)
        else:
            c.drawString(x + pad, baseline, text)

    def _grid(self, c: Canvas, x: float, top: float, h: float) -> None:
        c.setLineWidth(0.4)
        cx = x
        for col in self.columns:
            c.line(cx, top, cx, top - h)
            cx += col.width
        c.line(cx, top, cx, top - h)
        c.line(x, top, x + self.width, top)


def paginate(heights: list[float], first: float, later: float, last_reserve: float) -> list[list[int]]:
    """Split row indices into pages: `first` and `later` points of room, and `last_reserve` points
    kept free on the last page for totals. The last page always keeps at least one row."""
    pages: list[list[int]] = [[]]
    room = first
    for i, h in enumerate(heights):
        if pages[-1] and h > room:
            pages.append([])
            room = later
        pages[-1].append(i)
        room -= h
    if room < last_reserve:
        # Totals do not fit under the last row: that row moves to a new page and the totals follow it.
        pages.append([pages[-1].pop()])
    return pages


def centered_rotated(c: Canvas, x: float, y: float, text: str, font: str, size: float, angle: float) -> None:
    """Text rotated about (x, y), used for vertical side labels."""
    c.saveState()
    c.translate(x, y)
    c.rotate(angle)
    c.setFont(font, size)
    c.drawCentredString(0, 0, text)
    c.restoreState()



Rows = list[dict[str, str]]
# page_start(c, page_no, pages) draws what a page has besides the table and returns the table top
# (called on every page; on page 1 the layout has already drawn its header, so the result is unused).
PageStart = Callable[[Canvas, int, int], float]
# carry(c, y, done, incoming) draws a 'carried forward' line under the rows done so far (incoming
# False, end of a page) or a 'brought forward' line under the next page's header row (incoming True).
Carry = Callable[[Canvas, float, list[int], bool], float]


def flow_table(c: Canvas, table: Table, rows: Rows, x: float, top: float, *, bottom: float, later_top: float,
               reserve: float, page_start: PageStart, carry: Carry | None = None, carry_height: float = 0) -> float:
    """Draw a table that may run over several pages, repeating its header row on each page.

    Returns the y below the last row on the last page, where the layout draws its totals.
    """
    heights = [table.row_height(r) for r in rows]
    head = table.header_height()
    pages = paginate(heights, top - head - bottom - carry_height, later_top - head - bottom - 2 * carry_height,
                     reserve)
    done: list[int] = []
    y = top
    for number, indices in enumerate(pages, start=1):
        if number > 1:
            c.showPage()
            y = page_start(c, number, len(pages))
        else:
            page_start(c, 1, len(pages))
        y = table.draw_header(c, x, y)
        if number > 1 and carry is not None:
            y = carry(c, y, list(done), True)
        for i in indices:
            y = table.draw_row(c, x, y, rows[i], i)
            done.append(i)
        if number < len(pages) and carry is not None:
            carry(c, y, list(done), False)
    return y
