"""Scanned variants: render a digital PDF with pypdfium2, degrade the pages the way a scanner or
copier does, and encode them as PNG, JPEG, 1-bit CCITT G4 TIFF, an image-only PDF, or a mixed PDF
whose first page keeps its text layer.

Rotation follows Pillow: `rot90` means the page image is turned 90 degrees counter-clockwise (the
sheet went onto the glass sideways); turning it 270 degrees makes it upright again.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

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
        parts.append(FORMATS[self.fmt][1])
        return "-".join(parts)


def random_spec(rng: random.Random, pages: int, *, color: bool = False) -> ScanSpec:
    """A plausible scan: multi-page documents only go to formats that hold several pages."""
    formats = ("tiff_g4", "pdf") if pages > 1 else ("png", "jpeg", "jpeg", "tiff_g4", "pdf")
    if color:
        formats = ("pdf",) if pages > 1 else ("jpeg", "jpeg", "png", "pdf")
    rotation = rng.choice((90, 180, 270)) if rng.random() < 0.2 else 0
    skew = rng.uniform(-5, 5) if rng.random() < 0.55 else rng.uniform(-0.6, 0.6)
    return ScanSpec(dpi=rng.choice((150, 200, 200, 240, 300)), fmt=rng.choice(formats), rotation=rotation,
                    skew=round(skew, 2), noise=round(rng.uniform(2, 9), 1), blur=round(rng.uniform(0.3, 1.0), 2),
                    contrast=round(rng.uniform(0.75, 1.2), 2), color=color, quality=rng.randint(60, 85))


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


def degrade(img: Image.Image, spec: ScanSpec, rng: random.Random) -> Image.Image:
    """Skew, turn, soften and add noise and dust, then clear the background to white as scanner
    software does (which also keeps PNG and TIFF files small)."""
    noise_rng = np.random.default_rng(rng.getrandbits(64))
    white = (255, 255, 255) if spec.color else 255
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
    if spec.fmt != "jpeg":
        arr[arr > paper - 20] = 255
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB" if spec.color else "L")


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
    return encode([degrade(p, spec, rng) for p in pages], spec)


def mixed(pdf: bytes, spec: ScanSpec, rng: random.Random) -> bytes:
    """Page 1 as born digital (text layer), the following pages as image-only scans."""
    pages = render(pdf, spec.dpi)[1:]
    scanned = PdfReader(io.BytesIO(image_pdf([degrade(p, spec, rng) for p in pages], spec.dpi, spec.quality)))
    writer = PdfWriter()
    writer.add_page(PdfReader(io.BytesIO(pdf)).pages[0])
    for page in scanned.pages:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
