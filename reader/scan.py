"""One scanned page, from file to words: load the image, turn it upright, deskew, OCR.

`ocr_page` is what the process pool runs, so it takes and returns small picklable values and
loads the page itself (shipping page bitmaps between processes would cost more than reading them).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageOps

from backoffice.document import Box, Checkbox, InkGrid, Word
from reader import sniff
from reader.marks import find_marks, page_may_have_marks
from reader.ocr import OcrError, OcrResult, ocr_words
from reader.preprocess import Orientation, analyse, straighten

# Pillow's own bomb guard would fire before ours with a less useful message; ours checks first.
Image.MAX_IMAGE_PIXELS = None

_UPSCALE_TO_DPI = 240
_LOW_CONFIDENCE = 0.6  # below this mean word confidence, a sample of the page is read upside down
_SURE_UPRIGHT = 0.02  # an up/down vote this clear is not second-guessed (typical text: 0.02 to 0.05)


@dataclass(frozen=True)
class PageJob:
    path: str
    media_type: str
    index: int  # 0-based page or frame
    dpi: int
    lang: str
    timeout_s: float
    max_pixels: int
    crop: Box | None = None  # only this part of a text-layer page: an image (a logo) whose text has no text layer


@dataclass
class PageOcr:
    index: int
    width: int = 0
    height: int = 0
    crop: Box | None = None
    words: list[Word] = field(default_factory=list)
    checkboxes: list[Checkbox] = field(default_factory=list)
    ink: InkGrid | None = None
    rotation: int = 0
    skew: float = 0.0
    mean_confidence: float = 0.0
    error_code: str | None = None
    error_message: str | None = None
    ms: float = 0.0


def load_page_image(job: PageJob) -> tuple[Image.Image, float]:
    """The page as an 8-bit grayscale image at about 300 dpi, and its resolution."""
    if job.media_type == sniff.PDF:
        pdf = pdfium.PdfDocument(job.path)
        try:
            page = pdf[job.index]
            w_pt, h_pt = page.get_size()
            # Logos are small and their small print (GmbH, Inc.) needs more pixels than body text.
            scale = (2 * job.dpi if job.crop else job.dpi) / 72
            check_pixels(w_pt * scale, h_pt * scale, job.max_pixels, f"page {job.index + 1}")
            pdf.init_forms()  # draw filled-in form fields as a person sees them
            crop = (0.0, 0.0, 0.0, 0.0)
            if job.crop:  # pdfium crops by the amount cut off each side: left, bottom, right, top
                x0, y0, x1, y1 = job.crop
                crop = (x0 * w_pt, (1 - y1) * h_pt, (1 - x1) * w_pt, y0 * h_pt)
            image = page.render(scale=scale, grayscale=True, may_draw_forms=True, crop=crop).to_pil()
            page.close()
        finally:
            pdf.close()
        return image.convert("L"), float(job.dpi)
    with Image.open(job.path) as img:
        img.seek(job.index)
        check_pixels(img.width, img.height, job.max_pixels, f"page {job.index + 1}")
        img.load()
        image = ImageOps.exif_transpose(img) if job.index == 0 else img.copy()
        dpi = _image_dpi(img)
    gray = image.convert("L")
    if dpi < 180 and image.mode != "1":
        # 150-dpi scans lose small print to OCR; enlarged to about 240 dpi they read like 300-dpi ones
        # (a 1-bit scan has no grey to enlarge: tesseract reads it as it is).
        factor = _UPSCALE_TO_DPI / dpi
        gray = gray.resize((round(gray.width * factor), round(gray.height * factor)), Image.Resampling.BICUBIC)
        dpi *= factor
    return gray, dpi


def _image_dpi(img: Image.Image) -> float:
    """The scan resolution: as recorded, or guessed from the width of a letter or A4 page."""
    dpi = img.info.get("dpi")
    if dpi and dpi[0] and float(dpi[0]) > 50:
        return float(dpi[0])
    short_side = min(img.width, img.height)
    return max(short_side / 8.5, 50.0)


def check_pixels(width: float, height: float, max_pixels: int, what: str) -> None:
    if width * height > max_pixels:
        raise OcrError(
            "file.image_too_large",
            f"{what} is {int(width)} x {int(height)} pixels, over the limit of {max_pixels:,}; "
            "this may be a decompression bomb. Rescan at 300 dpi, or raise BACKOFFICE_MAX_PIXELS.",
        )


def ocr_page(job: PageJob) -> PageOcr:
    """Read one scanned page; never raises, a failure comes back as an error code and message."""
    started = time.perf_counter()
    result = PageOcr(index=job.index, crop=job.crop)
    try:
        gray, dpi = load_page_image(job)
        if job.crop:
            return _ocr_crop(gray, job, result, started)
        orientation = analyse(gray)
        upright = straighten(gray, orientation)
        if orientation.upright_margin < _SURE_UPRIGHT:
            sample = _band_confidence(upright, job)
            if sample is not None and sample < _LOW_CONFIDENCE:
                # Our up/down vote is unsure and the densest text reads badly: does it read better turned over?
                turned = upright.transpose(Image.Transpose.ROTATE_180)
                other = _band_confidence(turned, job)
                if other is not None and other > sample:
                    orientation = Orientation((orientation.rotation + 180) % 360, orientation.skew, 0.0)
                    upright = turned
        ocr = OcrResult([], 0.0) if orientation.blank else ocr_words(upright, lang=job.lang, timeout_s=job.timeout_s)
        result.width, result.height = upright.size
        if page_may_have_marks(" ".join(w.text for w in ocr.words)):
            result.checkboxes, result.ink = find_marks(upright, dpi)
        result.words = ocr.words
        result.rotation, result.skew = orientation.rotation, orientation.skew
        result.mean_confidence = ocr.mean_confidence
    except OcrError as exc:
        result.error_code, result.error_message = exc.code, exc.message
    except (OSError, ValueError, EOFError, SyntaxError, pdfium.PdfiumError) as exc:
        # Pillow reports truncated or damaged image data with these.
        result.error_code = "file.corrupt"
        result.error_message = f"page {job.index + 1} could not be decoded ({type(exc).__name__}: {exc})"
    result.ms = (time.perf_counter() - started) * 1000
    return result


def _band_confidence(image: Image.Image, job: PageJob) -> float | None:
    """Mean word confidence of OCR over the densest band of text (an eighth of the page); None when too few words."""
    sample = ocr_words(_densest_band(image, 0.125), lang=job.lang, timeout_s=job.timeout_s)
    return sample.mean_confidence if len(sample.words) >= 3 else None


def _densest_band(image: Image.Image, share: float) -> Image.Image:
    small = image.copy()
    small.thumbnail((400, 400))
    rows = (np.asarray(small, dtype=np.float64) < 128).sum(axis=1)
    height = max(1, int(len(rows) * share))
    sums = np.convolve(rows, np.ones(height), mode="valid")
    top = int(np.argmax(sums)) / len(rows)
    return image.crop((0, int(top * image.height), image.width, int((top + share) * image.height)))


def _ocr_crop(gray: Image.Image, job: PageJob, result: PageOcr, started: float) -> PageOcr:
    """Words of an image region of a text page, with boxes on the whole page (no turning: the page is upright)."""
    x0, y0, x1, y1 = job.crop  # type: ignore[misc]
    ocr = ocr_words(gray, lang=job.lang, timeout_s=job.timeout_s)
    heights = sorted(w.box[3] - w.box[1] for w in ocr.words)
    if heights:
        typical = heights[len(heights) // 2]
        # A logo's emblem (a circle, a square) reads as one tall letter beside the name: drop it.
        ocr.words = [w for w in ocr.words if len(w.text) > 1 or w.box[3] - w.box[1] < 1.4 * typical]
    for w in ocr.words:
        bx0, by0, bx1, by1 = w.box
        w.box = (x0 + bx0 * (x1 - x0), y0 + by0 * (y1 - y0), x0 + bx1 * (x1 - x0), y0 + by1 * (y1 - y0))
    result.words = ocr.words
    result.mean_confidence = ocr.mean_confidence
    result.ms = (time.perf_counter() - started) * 1000
    return result
