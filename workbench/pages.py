"""Page images for the document view: rendered once from the stored file, then served from a disk cache.

Boxes are fractions of the page as a person sees it (scans turned upright), so an image is turned by
the page's recorded rotation before it is cached. The cache is keyed by the file's sha256: the same
bytes always give the same picture, so the browser may keep it too.
"""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

from PIL import Image

WIDTH = 1100  # pixels: sharp enough to read a digit on a letter-size page beside the fields
JPEG_QUALITY = 80
_TURN = {90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_270}
_render_lock = threading.Lock()  # pdfium is not thread-safe


class PageMissing(LookupError):
    """The document has no such page, or its stored file cannot be read back."""


def page_image(source: Path, *, sha256: str, page: int, rotation: int | None = 0, skew: float | None = 0.0,
               cache_dir: Path) -> Path:
    """The cached JPEG of one page (1-based), rendering it on first use. `rotation` (0/90/180/270, counter-
    clockwise) and `skew` (degrees) are what the reader turned the scan by before reading it; None for a scan
    whose turn was not recorded: found again with the reader's own analysis (reader.preprocess.analyse)."""
    turn = "found" if rotation is None or skew is None else f"r{rotation % 360}-s{skew:g}"
    target = cache_dir / sha256[:2] / f"{sha256}-p{page}-{turn}-w{WIDTH}.jpg"
    if target.exists():
        return target
    image = _render(source, page)
    if rotation is None or skew is None:
        from reader.preprocess import analyse

        found = analyse(image.convert("L"))
        rotation, skew = found.rotation, found.skew
    if rotation % 360:
        image = image.transpose(_TURN[rotation % 360])
    if skew:  # as reader.preprocess.straighten does, so the boxes land where the reader saw the words
        image = image.convert("RGB").rotate(-skew, resample=Image.Resampling.BICUBIC, expand=True,
                                            fillcolor=(255, 255, 255))
    if image.width != WIDTH:
        image = image.resize((WIDTH, max(1, round(image.height * WIDTH / image.width))), Image.LANCZOS)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written under a temporary name and renamed, so a half-written file is never served.
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".part", delete=False) as tmp:
        image.convert("RGB").save(tmp, "JPEG", quality=JPEG_QUALITY, optimize=True)
    os.replace(tmp.name, target)
    return target


def _render(source: Path, page: int) -> Image.Image:
    if not source.exists():
        raise PageMissing(f"the stored file {source.name} is not there")
    with source.open("rb") as head:
        is_pdf = head.read(5) == b"%PDF-"
    if is_pdf:
        return _render_pdf(source, page)
    try:
        with Image.open(source) as image:
            image.seek(page - 1)  # multi-page TIFF; a single image has only page 1
            image.load()
            return image.convert("RGB") if image.mode not in ("RGB", "L") else image.copy()
    except EOFError as exc:
        raise PageMissing(f"{source.name} has no page {page}") from exc


def _render_pdf(source: Path, page: int) -> Image.Image:
    import pypdfium2 as pdfium

    with _render_lock:
        pdf = pdfium.PdfDocument(str(source))
        try:
            if not 1 <= page <= len(pdf):
                raise PageMissing(f"{source.name} has no page {page}")
            pdf_page = pdf[page - 1]
            scale = WIDTH / pdf_page.get_width()
            return pdf_page.render(scale=scale).to_pil()
        finally:
            pdf.close()
