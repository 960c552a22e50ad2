"""Scanned variants: render a digital PDF with pypdfium2, degrade the pages the way a scanner or
copier does, and encode them as PNG, JPEG, 1-bit CCITT G4 TIFF, an image-only PDF, or a mixed PDF
whose first page keeps its text layer.

Rotation follows Pillow: `rot90` means the page image is turned 90 degrees counter-clockwise (the
sheet went onto the glass sideways); turning it 270 degrees makes it upright again.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, replace

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageEnhance, ImageFilter
from pypdf import PdfReader, PdfWriter
from reportlab.lib.utils import ImageReader

from samplegen.drawing import Sheet
from samplegen.pens import HandPen

FORMATS = {"png": ("png", "png"), "jpeg": ("jpg", "jpeg"), "tiff_g4": ("tif", "tiff-g4"), "pdf": ("pdf", "pdf")}
ROTATIONS = {90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_270}


@dataclass(frozen=True)
class ScanSpec:
    dpi: int = 200
    fmt: str = "png"  # png | jpeg | tiff_g4 | pdf (image-only)
    rotation: int = 0  # 0, 90, 180, 270
    skew: float = 0.0  # degrees, counter-clockwise
    noise: float = 4.0  # sensor noise, standard deviation in grey levels
    blur: float = 0.6  # Gaussian radius at 200 dpi
    contrast: float = 1.0
    color: bool = False  # keep colour (handwriting in blue ink); otherwise greyscale
    quality: int = 75  # JPEG quality, also for the pages of image-only PDFs
    # Conditions of the page and the capture that the first draws above never make; all off by default, so a
    # spec without them scans as it always did.
    dark_block: float = 0.0  # page 1's top this share of its height printed light on a dark fill (a header block)
    dark_side: float = 0.0  # page 1's left this share of its width printed light on a dark fill (a sidebar)
    fill: tuple[int, int, int] = (40, 60, 90)  # that fill's colour
    paper_tint: tuple[int, int, int] = (255, 255, 255)  # grey, cream or coloured paper
    toner: float = 1.0  # below 1: light toner or a faint copy, print this share as dark as it should be
    light_falloff: float = 0.0  # uneven light across the page (a phone photo, a copier lid left open): 0 to 0.35
    perspective: float = 0.0  # corners pulled in by this share of the page (a photo taken at a slant)

    @property
    def ext(self) -> str:
        return FORMATS[self.fmt][0]

    @property
    def variant(self) -> str:
        parts = [f"scan-{self.dpi}dpi"]
        if self.rotation:
            parts.append(f"rot{self.rotation}")
        if abs(self.skew) >= 0.5:
            parts.append(f"skew{round(abs(self.skew))}")
        extras = {"darkblock": self.dark_block, "sidebar": self.dark_side, "tinted": self.paper_tint != (255, 255, 255),
                  "lighttoner": self.toner < 1, "unevenlight": self.light_falloff, "perspective": self.perspective}
        parts.extend(name for name, on in extras.items() if on)
        parts.append(FORMATS[self.fmt][1])
        return "-".join(parts)


def random_spec(rng: random.Random, pages: int, *, color: bool = False, widened: bool = False) -> ScanSpec:
    """A plausible scan: multi-page documents only go to formats that hold several pages.

    `widened` adds conditions drawn after the first ones (so a spec drawn without them is unchanged for a
    seed): dark header blocks and sidebars with light print, tinted paper, light toner, uneven light and a
    slanted phone photo, 100-130 dpi, JPEG quality 30-50.
    """
    formats = ("tiff_g4", "pdf") if pages > 1 else ("png", "jpeg", "jpeg", "tiff_g4", "pdf")
    if color:
        formats = ("pdf",) if pages > 1 else ("jpeg", "jpeg", "png", "pdf")
    rotation = rng.choice((90, 180, 270)) if rng.random() < 0.2 else 0
    skew = rng.uniform(-5, 5) if rng.random() < 0.55 else rng.uniform(-0.6, 0.6)
    spec = ScanSpec(dpi=rng.choice((150, 200, 200, 240, 300)), fmt=rng.choice(formats), rotation=rotation,
                    skew=round(skew, 2), noise=round(rng.uniform(2, 9), 1), blur=round(rng.uniform(0.3, 1.0), 2),
                    contrast=round(rng.uniform(0.75, 1.2), 2), color=color, quality=rng.randint(60, 85))
    return _widened(spec, rng) if widened else spec


# Dark fills of header blocks and sidebars (navy, burgundy, forest, slate, charcoal, teal, a mid grey) and
# paper tints (grey recycled, cream, pale blue, pale green, pale pink).
_FILLS = ((25, 45, 85), (95, 25, 35), (25, 75, 55), (60, 70, 85), (40, 40, 45), (20, 90, 100), (110, 110, 115))
_TINTS = ((232, 232, 230), (250, 243, 220), (225, 235, 248), (228, 245, 228), (250, 228, 232), (215, 215, 212))


def _widened(spec: ScanSpec, rng: random.Random) -> ScanSpec:
    photo = spec.fmt == "jpeg" and rng.random() < 0.35
    return replace(
        spec,
        dpi=rng.choice((100, 120, 130)) if rng.random() < 0.15 else spec.dpi,
        quality=rng.randint(30, 50) if rng.random() < 0.3 else spec.quality,
        dark_block=round(rng.uniform(0.12, 0.3), 3) if rng.random() < 0.25 else 0.0,
        dark_side=round(rng.uniform(0.2, 0.34), 3) if rng.random() < 0.12 else 0.0,
        fill=rng.choice(_FILLS),
        paper_tint=rng.choice(_TINTS) if rng.random() < 0.25 else (255, 255, 255),
        toner=round(rng.uniform(0.4, 0.75), 2) if rng.random() < 0.2 else 1.0,
        light_falloff=round(rng.uniform(0.15, 0.35), 2) if photo else 0.0,
        perspective=round(rng.uniform(0.005, 0.025), 3) if photo else 0.0,
    )


def page_count(pdf: bytes) -> int:
    doc = pdfium.PdfDocument(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


def render(pdf: bytes, dpi: int) -> list[Image.Image]:
    """RGB page images; AcroForm values are drawn too, as a printout of a filled form would show them."""
    doc = pdfium.PdfDocument(pdf)
    try:
        doc.init_forms()
        return [page.render(scale=dpi / 72, may_draw_forms=True).to_pil().convert("RGB") for page in doc]
    finally:
        doc.close()


def degrade(img: Image.Image, spec: ScanSpec, rng: random.Random, first_page: bool = True) -> Image.Image:
    """Skew, turn, soften and add noise and dust, then clear the background to white as scanner
    software does (which also keeps PNG and TIFF files small)."""
    noise_rng = np.random.default_rng(rng.getrandbits(64))
    white = (255, 255, 255) if spec.color else 255
    img = printed(img, spec, first_page)
    if not spec.color:
        img = img.convert("L")
    if spec.skew:
        img = img.rotate(spec.skew, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=white)
    if spec.rotation:
        img = img.transpose(ROTATIONS[spec.rotation])
    img = ImageEnhance.Contrast(img).enhance(spec.contrast)
    img = img.filter(ImageFilter.GaussianBlur(spec.blur * spec.dpi / 200))
    arr = np.asarray(img, dtype=np.float32)
    paper = rng.uniform(238, 252)
    arr = arr * (paper / 255.0)
    grain = noise_rng.standard_normal(arr.shape[:2], dtype=np.float32) * spec.noise
    arr += grain[..., None] if arr.ndim == 3 else grain
    h, w = arr.shape[:2]
    specks = int(noise_rng.integers(40, 300) * h * w / (1700 * 2200))  # dust per letter page at 200 dpi
    ys, xs = noise_rng.integers(0, h - 2, specks), noise_rng.integers(0, w - 2, specks)
    for dy in (0, 1):
        for dx in (0, 1):
            arr[ys + dy, xs + dx] = noise_rng.uniform(20, 120, specks)[:, None] if arr.ndim == 3 \
                else noise_rng.uniform(20, 120, specks)
    if spec.light_falloff:
        arr *= _falloff(arr.shape[:2], spec.light_falloff, noise_rng)[..., None] if arr.ndim == 3 \
            else _falloff(arr.shape[:2], spec.light_falloff, noise_rng)
    if spec.fmt != "jpeg" and not spec.light_falloff:
        arr[arr > paper - 20] = 255
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB" if spec.color else "L")
    return _slanted(out, spec.perspective, noise_rng) if spec.perspective else out


def printed(img: Image.Image, spec: ScanSpec, first_page: bool) -> Image.Image:
    """The page as it came out of the printer: dark blocks with light print, tinted paper, light toner."""
    if not (spec.dark_block or spec.dark_side or spec.toner < 1 or spec.paper_tint != (255, 255, 255)):
        return img
    arr = np.asarray(img.convert("RGB"), dtype=np.float32)
    if first_page and (spec.dark_block or spec.dark_side):
        darkness = 255 - arr.mean(axis=2)
        # The block ends in the blank between two lines of print (or a column of paper), never through a word.
        if spec.dark_block:
            rows = _blank_edge(darkness.max(axis=1), spec.dark_block)
            arr[:rows] = _reversed(arr[:rows], spec.fill)
        if spec.dark_side:
            cols = _blank_edge(darkness.max(axis=0), spec.dark_side)
            arr[:, :cols] = _reversed(arr[:, :cols], spec.fill)
    if spec.toner < 1:
        arr = 255 - (255 - arr) * spec.toner
    if spec.paper_tint != (255, 255, 255):
        arr *= np.array(spec.paper_tint, dtype=np.float32) / 255
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")


def _blank_edge(ink_along: np.ndarray, share: float) -> int:
    """The blank row (or column) nearest to `share` of the way along the page; 0 (no block) when none is near."""
    target = int(share * len(ink_along))
    blank = np.flatnonzero(ink_along < 40)
    if not blank.size:
        return 0
    near = blank[np.argmin(np.abs(blank - target))]
    return int(near) if abs(near - target) < 0.08 * len(ink_along) else 0


def _reversed(area: np.ndarray, fill: tuple[int, int, int]) -> np.ndarray:
    """Paper to the fill's colour, print to near white: light print on a dark block, its grey edges in proportion."""
    light = np.array((250, 250, 248), dtype=np.float32)
    ink = (255 - area.mean(axis=2, keepdims=True)) / 255  # 0 paper, 1 black print
    return np.array(fill, dtype=np.float32) + ink * (light - np.array(fill, dtype=np.float32))


def _falloff(shape: tuple[int, int], depth: float, noise_rng: np.random.Generator) -> np.ndarray:
    """Light that fades from a bright spot towards the far edges, by up to `depth`."""
    h, w = shape
    cy, cx = noise_rng.uniform(0.2, 0.8) * h, noise_rng.uniform(0.2, 0.8) * w
    ys, xs = np.ogrid[:h, :w]
    dist = np.sqrt(((ys - cy) / h) ** 2 + ((xs - cx) / w) ** 2) / 1.2
    return (1 - depth * np.clip(dist, 0, 1) ** 1.5).astype(np.float32)


def _slanted(img: Image.Image, pull: float, noise_rng: np.random.Generator) -> Image.Image:
    """The page photographed at a slant: two corners of one side pulled in by `pull` of the page's size."""
    w, h = img.size
    dx, dy = pull * w, pull * h
    side = int(noise_rng.integers(4))
    # Where each corner of the output looks in the input: top left, bottom left, bottom right, top right.
    quad = [[0, 0], [0, h], [w, h], [w, 0]]
    for corner in ((0, 3), (0, 1), (1, 2), (2, 3))[side]:
        quad[corner][0] += dx if quad[corner][0] == 0 else -dx
        quad[corner][1] += dy if quad[corner][1] == 0 else -dy
    outside = (255, 255, 255) if img.mode == "RGB" else 255
    return img.transform(img.size, Image.Transform.QUAD, [v for point in quad for v in point],
                         resample=Image.Resampling.BICUBIC, fillcolor=outside)


def binarize(img: Image.Image, threshold: int = 150) -> Image.Image:
    return img.convert("L").point(lambda v: 255 if v > threshold else 0, mode="1")


def image_pdf(pages: list[Image.Image], dpi: int, quality: int) -> bytes:
    """A PDF with one JPEG image per page and no text layer."""
    sizes = [(img.width * 72 / dpi, img.height * 72 / dpi) for img in pages]
    sheet = Sheet(sizes[0])
    for img, size in zip(pages, sizes):
        sheet.setPageSize(size)
        jpeg = io.BytesIO()
        img.save(jpeg, "JPEG", quality=quality, optimize=True)
        jpeg.seek(0)
        sheet.drawImage(ImageReader(jpeg), 0, 0, *size)  # JPEG data passes through as DCT
        sheet.showPage()
    return sheet.pdf_bytes()


def encode(pages: list[Image.Image], spec: ScanSpec) -> bytes:
    out = io.BytesIO()
    dpi = (spec.dpi, spec.dpi)
    if spec.fmt == "png":
        pages[0].save(out, "PNG", dpi=dpi)
    elif spec.fmt == "jpeg":
        pages[0].save(out, "JPEG", quality=spec.quality, optimize=True, dpi=dpi)
    elif spec.fmt == "tiff_g4":
        bw = [binarize(p) for p in pages]
        bw[0].save(out, "TIFF", compression="group4", dpi=dpi, save_all=True, append_images=bw[1:])
    else:
        return image_pdf(pages, spec.dpi, spec.quality)
    return out.getvalue()


def scan(pdf: bytes, spec: ScanSpec, rng: random.Random, hand: HandPen | None = None) -> bytes:
    """The scanned file for a digital PDF; `hand` writes its strokes onto the pages first."""
    pages = render(pdf, spec.dpi)
    if hand is not None:
        hand.write_onto(pages, spec.dpi)
    return encode([degrade(p, spec, rng, first_page=i == 0) for i, p in enumerate(pages)], spec)


def mixed(pdf: bytes, spec: ScanSpec, rng: random.Random) -> bytes:
    """Page 1 as born digital (text layer), the following pages as image-only scans."""
    pages = render(pdf, spec.dpi)[1:]
    scanned = PdfReader(io.BytesIO(image_pdf([degrade(p, spec, rng, first_page=False) for p in pages], spec.dpi, spec.quality)))
    writer = PdfWriter()
    writer.add_page(PdfReader(io.BytesIO(pdf)).pages[0])
    for page in scanned.pages:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
