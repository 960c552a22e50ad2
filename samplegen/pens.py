"""How values get onto a form: typed onto the page, filled into AcroForm fields on screen, or written
by hand onto the scanned raster.

Form layouts (W-9, direct deposit) draw the printed form themselves and hand every input slot to a
pen: `text`, `box` (every checkbox, ticked or not), `comb` (one digit per box) and `signature`. The
same layout thus yields a typed PDF, a fillable PDF whose values exist only as form fields, or a blank
printed form plus a list of handwriting strokes that `HandPen.write_onto` puts on the page images.
"""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont

from samplegen.drawing import INK_BLUE, Bezier, Sheet, bezier_points, box, draw_scribble, scribble, ttf


class TypedPen:
    """Values typed onto the page, as software that prints a filled-in form does."""

    def __init__(self, rng: random.Random, font: str = "Helvetica", size: float = 10):
        self.rng = rng
        self.font = font
        self.size = size
        self.tick = rng.choice(("X", "cross", "check"))

    def text(self, c: Sheet, x: float, y: float, value: str, width: float = 200, size: float | None = None) -> None:
        if not value:
            return
        size = size or self.size
        while size > 6 and stringWidth(value, self.font, size) > width:
            size -= 0.5
        c.saveState()
        c.setFont(self.font, size)
        c.setFillColor(colors.black)
        c.drawString(x, y, value)
        c.restoreState()

    def box(self, c: Sheet, x: float, y: float, size: float, ticked: bool, shape: str = "square") -> None:
        if shape == "glyph":  # a box character of the font: the text layer says whether it is ticked
            c.saveState()
            c.setFont(glyph_font(), size * 1.25)
            c.drawString(x - size * 0.1, y + size * 0.02, "\u2612" if ticked else "\u2610")
            c.restoreState()
            return
        outline(c, x, y, size, shape)
        if not ticked:
            return
        c.saveState()
        c.setLineWidth(max(0.8, size * 0.12))
        if self.tick == "filled":
            inset = size * 0.2
            c.rect(x + inset, y + inset, size - 2 * inset, size - 2 * inset, stroke=0, fill=1)
        elif self.tick == "X":
            c.setFont("Helvetica-Bold", size * 1.05)
            c.drawCentredString(x + size / 2, y + size * 0.14, "X")
        elif self.tick == "cross":
            c.line(x + 1.5, y + 1.5, x + size - 1.5, y + size - 1.5)
            c.line(x + 1.5, y + size - 1.5, x + size - 1.5, y + 1.5)
        else:
            c.lines([(x + size * 0.15, y + size * 0.5, x + size * 0.4, y + size * 0.18),
                     (x + size * 0.4, y + size * 0.18, x + size * 0.9, y + size * 0.9)])
        c.restoreState()

    def comb(self, c: Sheet, cells: list[tuple[float, float]], cell: float, height: float, digits: str) -> None:
        c.saveState()
        c.setFont(self.font, min(self.size + 1, height * 0.8))
        for (x, y), digit in zip(cells, digits):
            c.drawCentredString(x + cell / 2, y + height * 0.25, digit)
        c.restoreState()

    def signature(self, c: Sheet, x: float, y: float, w: float, h: float) -> None:
        draw_scribble(c, x, y, w, h, scribble(self.rng), INK_BLUE, self.rng.uniform(0.8, 1.4))


class FillablePen(TypedPen):
    """Values filled into AcroForm fields on screen: they exist as form fields, not as page text.

    Field names follow the opaque style of official fillable forms (f1_01, c1_1), so a reader has to
    place a value by where its widget sits, not by what the field is called.
    """

    def __init__(self, rng: random.Random, font: str = "Helvetica", size: float = 10):
        super().__init__(rng, font, size)
        self._texts = 0
        self._boxes = 0

    def _name(self, kind: str) -> str:
        if kind == "f":
            self._texts += 1
            return f"f1_{self._texts:02d}"
        self._boxes += 1
        return f"c1_{self._boxes}"

    def text(self, c: Sheet, x: float, y: float, value: str, width: float = 200, size: float | None = None) -> None:
        size = size or self.size
        c.acroForm.textfield(name=self._name("f"), value=value, x=x - 2, y=y - size * 0.35, width=width,
                             height=size * 1.45, fontName=self.font, fontSize=size, borderWidth=0,
                             fillColor=None, borderColor=None, textColor=colors.black, forceBorder=False)

    def box(self, c: Sheet, x: float, y: float, size: float, ticked: bool, shape: str = "square") -> None:
        outline(c, x, y, size, "square" if shape == "glyph" else shape)
        c.acroForm.checkbox(name=self._name("c"), x=x, y=y, size=size, checked=ticked, buttonStyle="cross",
                            borderWidth=0, fillColor=None, borderColor=None, textColor=colors.black)

    def comb(self, c: Sheet, cells: list[tuple[float, float]], cell: float, height: float, digits: str) -> None:
        # One field per box: viewers do not space a comb field's text, so real forms often do this too.
        for (x, y), digit in zip(cells, digits):
            c.acroForm.textfield(name=self._name("f"), value=digit, x=x + 1, y=y + 1, width=cell - 2,
                                 height=height - 2, maxlen=1, fontName=self.font,
                                 fontSize=min(self.size + 1, height * 0.8),
                                 borderWidth=0, fillColor=None, borderColor=None, textColor=colors.black,
                                 forceBorder=False, fieldFlags="")


@dataclass
class _Stroke:
    page: int
    kind: str  # text | tick | signature
    x: float  # points, PDF origin bottom left
    y: float
    size: float = 10
    text: str = ""
    width: float = 0
    height: float = 0
    curves: list[list[Bezier]] = field(default_factory=list)


HAND_FONTS = ("LiberationSans-Italic.ttf", "DejaVuSans-Oblique.ttf", "LiberationSerif-Italic.ttf",
              "DejaVuSerifCondensed-Italic.ttf", "DejaVuSansCondensed-Oblique.ttf")


class HandPen:
    """Records what a person writes on the printed form; `write_onto` draws it on the page images."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.font_file = rng.choice(HAND_FONTS)
        self.ink = (rng.randint(10, 35), rng.randint(25, 50), rng.randint(100, 140))
        self.scale_bias = rng.uniform(1.0, 1.25)  # people write bigger than a typewriter
        self.weight = rng.choice((0, 1, 1))  # fine or ballpoint-thick strokes
        self.strokes: list[_Stroke] = []
        self.page_height = 792.0
        # None: a check mark or a cross at random; 'varied': any of the marks people make; else 'check', 'X' or
        # 'filled'
        self.tick: str | None = None

    def _page(self, c: Sheet) -> int:
        self.page_height = c.page_height
        return c.getPageNumber() - 1

    def text(self, c: Sheet, x: float, y: float, value: str, width: float = 200, size: float | None = None) -> None:
        if value:
            self.strokes.append(_Stroke(self._page(c), "text", x, y, size or 10, value, width))

    def box(self, c: Sheet, x: float, y: float, size: float, ticked: bool, shape: str = "square") -> None:
        outline(c, x, y, size, "square" if shape == "glyph" else shape)
        if ticked:
            self.strokes.append(_Stroke(self._page(c), "tick", x, y, size, self.tick or ""))

    def comb(self, c: Sheet, cells: list[tuple[float, float]], cell: float, height: float, digits: str) -> None:
        for (x, y), digit in zip(cells, digits):
            self.strokes.append(_Stroke(self._page(c), "digit", x, y, height, digit, cell, height))

    def signature(self, c: Sheet, x: float, y: float, w: float, h: float) -> None:
        self.strokes.append(_Stroke(self._page(c), "signature", x, y, h, width=w, height=h,
                                    curves=scribble(self.rng)))

    def write_onto(self, pages: list[Image.Image], dpi: int) -> None:
        """Draw the recorded strokes onto RGB page images rendered at `dpi`."""
        scale = dpi / 72
        rng = random.Random(self.rng.getrandbits(64))
        for stroke in self.strokes:
            img = pages[stroke.page]
            px = stroke.x * scale
            py = (self.page_height - stroke.y) * scale
            if stroke.kind == "text":
                self._write(img, px, py, stroke.text, stroke.size * scale * self.scale_bias, stroke.width * scale, rng)
            elif stroke.kind == "digit":
                size = stroke.height * scale * 0.8
                self._write(img, px + stroke.width * scale * rng.uniform(0.18, 0.32), py - stroke.height * scale * 0.18,
                            stroke.text, size, stroke.width * scale, rng)
            elif stroke.kind == "tick":
                self._tick(img, px, py, stroke.size * scale, rng, stroke.text)
            else:
                self._signature(img, px, py, stroke, scale, rng)

    def _write(self, img: Image.Image, x: float, baseline: float, text: str, size: float, room: float,
               rng: random.Random) -> None:
        font = ttf(self.font_file, max(8, int(size)))
        natural = font.getlength(text)
        if natural > room > 0:  # squeeze like a writer running out of line
            size *= max(0.6, room / natural)
        slope = rng.uniform(-0.025, 0.025)
        start = x
        for ch in text:
            if ch == " ":
                x += size * rng.uniform(0.25, 0.4)
                continue
            char_size = max(8, int(size * rng.uniform(0.9, 1.1)))
            f = ttf(self.font_file, char_size)
            glyph = Image.new("L", (char_size * 2, char_size * 2), 0)
            ImageDraw.Draw(glyph).text((char_size * 0.5, char_size * 1.4), ch, font=f, fill=255, anchor="ls",
                                       stroke_width=self.weight * char_size // 40, stroke_fill=255)
            glyph = glyph.rotate(rng.uniform(-8, 8), resample=Image.BICUBIC, center=(char_size, char_size * 1.4))
            dy = (x - start) * slope + rng.uniform(-0.06, 0.06) * size
            img.paste(self.ink, (int(x - char_size * 0.5), int(baseline - char_size * 1.4 + dy)), glyph)
            x += f.getlength(ch) * rng.uniform(0.92, 1.1)

    def _tick(self, img: Image.Image, x: float, y_bottom: float, size: float, rng: random.Random,
              style: str = "") -> None:
        draw = ImageDraw.Draw(img)

        def j() -> float:
            return rng.uniform(-0.08, 0.08) * size

        width = max(2, int(size * 0.14))
        ink = self.ink
        if style == "varied":
            # How people mark a box: mostly a check mark or a cross, now and then a single slash, a scribble, or a
            # big check that runs well out of the box; some with a light hand.
            style = rng.choices(("check", "cross", "slash", "scribble", "big check"), (40, 32, 10, 9, 9))[0]
            if rng.random() < 0.15:
                width = max(1, width // 2)
                ink = tuple(int(v + 0.45 * (235 - v)) for v in self.ink)
        if style == "filled":  # the box scribbled full, stroke by stroke
            for k in range(6):
                yy = y_bottom - size * (0.2 + 0.6 * k / 5) + j()
                draw.line([(x + 0.2 * size + j(), yy), (x + 0.8 * size + j(), yy + j())], fill=ink, width=width)
            return
        if style == "X":
            style = "cross"
        if not style:
            style = "check" if rng.random() < 0.5 else "cross"
        if style == "slash":
            draw.line([(x + 0.15 * size + j(), y_bottom - 0.1 * size + j()), (x + 0.9 * size + j(), y_bottom - 0.95 * size + j())],
                      fill=ink, width=width)
        elif style == "scribble":  # a zigzag back and forth across the box
            points = [(x + (0.15 if k % 2 else 0.85) * size + j(), y_bottom - size * (0.15 + 0.7 * k / 5) + j()) for k in range(6)]
            draw.line(points, fill=ink, width=width, joint="curve")
        elif style in ("check", "big check"):
            reach = 1.15 if style == "check" else rng.uniform(1.5, 2.0)
            points = [(x + 0.1 * size + j(), y_bottom - 0.55 * size + j()),
                      (x + 0.4 * size + j(), y_bottom - 0.1 * size),
                      (x + reach * size + j(), y_bottom - (reach + 0.15) * size + j())]
            draw.line(points, fill=ink, width=width, joint="curve")
        else:
            draw.line([(x + j(), y_bottom - size + j()), (x + size + j(), y_bottom + j())], fill=ink, width=width)
            draw.line([(x + j(), y_bottom + j()), (x + size + j(), y_bottom - size + j())], fill=ink, width=width)

    def _signature(self, img: Image.Image, x: float, y_bottom: float, stroke: _Stroke, scale: float,
                   rng: random.Random) -> None:
        draw = ImageDraw.Draw(img)
        w, h = stroke.width * scale, stroke.height * scale
        width = max(2, int(scale * rng.uniform(0.8, 1.3)))
        for curve in stroke.curves:
            points = [pt for seg in curve for pt in bezier_points(seg)]
            draw.line([(x + px * w, y_bottom - py * h) for px, py in points], fill=self.ink, width=width, joint="curve")


def outline(c: Sheet, x: float, y: float, size: float, shape: str = "square") -> None:
    """A tick box as printed: a square, a circle (a radio button) or a pair of brackets."""
    if shape == "circle":
        c.saveState()
        c.setLineWidth(0.7)
        c.circle(x + size / 2, y + size / 2, size / 2, stroke=1, fill=0)
        c.restoreState()
    elif shape == "bracket":
        c.saveState()
        c.setFont("Courier", size * 1.3)
        c.drawString(x - size * 0.35, y + size * 0.05, "[")
        c.drawString(x + size * 0.55, y + size * 0.05, "]")
        c.restoreState()
    else:
        box(c, x, y, size)


@functools.lru_cache(maxsize=1)
def glyph_font() -> str:
    """A TrueType font with the ballot box characters, registered with reportlab (Helvetica has none)."""
    for folder in (Path("/usr/share/fonts/truetype/dejavu"),):
        if (folder / "DejaVuSans.ttf").exists():
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(folder / "DejaVuSans.ttf")))
            return "DejaVuSans"
    return "Helvetica"


Pen = TypedPen | HandPen  # FillablePen is a TypedPen
