"""One scanned page, from file to words: load the image, turn it upright, deskew, OCR.

`ocr_page` is what the process pool runs, so it takes and returns small picklable values and
loads the page itself (shipping page bitmaps between processes would cost more than reading them).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageFilter, ImageOps

from backoffice.document import Box, Checkbox, InkGrid, Word
from reader import sniff
from reader.marks import Comb, find_combs, find_marks, ink_thresholds, page_may_have_marks
from reader.ocr import OcrError, OcrResult, ocr_regions, ocr_words
from reader.preprocess import Orientation, analyse, for_ocr, straighten
from reader.screens import screens_turned

# Pillow's own bomb guard would fire before ours with a less useful message; ours checks first.
Image.MAX_IMAGE_PIXELS = None

_UPSCALE_TO_DPI = 240
_LOW_CONFIDENCE = 0.6  # below this mean word confidence, a sample of the page is read upside down
_FORM_BOXES = 2  # tick boxes on a page that make it a form (one can be a square in a letterhead)
_SURE_UPRIGHT = 0.02  # an up/down vote this clear is not second-guessed (typical text: 0.02 to 0.05)
_BAND_SHARE = 0.125  # the densest band of text whose confidence tells an unsure up/down vote, a share of the page


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
            if not job.crop and _one_bilevel_image(page):
                # A fax delivered as a PDF: its page, drawn without smoothing, is black and white as scanned, and a
                # grey band on it a screen of dots (smoothed, they blur into the letters cut out of them).
                sharp = page.render(scale=scale, grayscale=True, no_smoothimage=True).to_pil().convert("L")
                screened = screens_turned(np.asarray(sharp), job.dpi)
                if screened is not None:
                    image = Image.fromarray(screened, mode="L")
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
    screened = screens_turned(np.asarray(gray), dpi)  # a 1-bit scan's grey bands are screens of dots
    if screened is not None:
        gray = Image.fromarray(screened, mode="L")
    if dpi < 180:
        # 150-dpi scans lose small print to OCR; enlarged to about 240 dpi they read like 300-dpi ones. A 1-bit
        # (fax) scan is softened first, or its stair-stepped strokes grow into blocks tesseract cannot read: on 21
        # such dev scans, field errors 38 -> 32 and cell errors 338 -> 234. Its 200-dpi scans read better as
        # they are.
        if image.mode == "1":
            gray = gray.filter(ImageFilter.GaussianBlur(0.5))
        factor = _UPSCALE_TO_DPI / dpi
        gray = gray.resize((round(gray.width * factor), round(gray.height * factor)), Image.Resampling.BICUBIC)
        dpi *= factor
    return gray, dpi


def _one_bilevel_image(page: pdfium.PdfPage) -> bool:
    """Whether the page is one black-and-white (1 bit) image: a fax or a scan to a PDF."""
    images = list(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=1))
    return len(images) == 1 and images[0].get_metadata().bits_per_pixel == 1


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
        ocr, combs, cleaned, marks = _read_upright(upright, dpi, job, blank=orientation.blank)
        if orientation.upright_margin < _SURE_UPRIGHT:
            turned = _reads_better_turned(upright, ocr.words, job)
            if turned is not None:
                orientation = Orientation((orientation.rotation + 180) % 360, orientation.skew, 0.0)
                upright = turned
                ocr, combs, cleaned, marks = _read_upright(upright, dpi, job, blank=False)
        result.width, result.height = upright.size
        if combs:
            # Digits and dashes need no second language, and loading one costs more than reading the boxes.
            langs = job.lang.split("+")
            ocr.words += read_combs(upright, combs, lang="eng" if "eng" in langs else langs[0], timeout_s=job.timeout_s)
        if marks is not None and page_may_have_marks(" ".join(w.text for w in ocr.words)):
            result.checkboxes, result.ink = marks
            ocr.words += read_unread_ink(cleaned, dpi, ocr.words, lang=job.lang, timeout_s=job.timeout_s)
        elif not orientation.blank:
            # tesseract's page layout now and then passes over whole columns of print (a table's figures under a
            # header block it took for columns): many lines of ink no word covers are read line by line.
            ocr.words += read_unread_ink(cleaned, dpi, ocr.words, lang=job.lang, timeout_s=job.timeout_s,
                                         min_patches=_MANY_UNREAD)
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


def _read_upright(upright: Image.Image, dpi: float, job: PageJob, *, blank: bool
                  ) -> tuple[OcrResult, list[Comb], Image.Image, tuple | None]:
    """Page OCR of the upright page: its words, its comb boxes, the image OCR read and the marks search's result."""
    if blank:
        return OcrResult([], 0.0), [], upright, None
    combs = find_combs(upright, dpi)
    marks = find_marks(upright, dpi)
    # Tick boxes or comb boxes make a form: its rulings go before OCR.
    form = bool(combs) or len(marks[0]) >= _FORM_BOXES
    cleaned = _without_combs(for_ocr(upright, dpi, form=form), combs)
    return ocr_words(cleaned, lang=job.lang, timeout_s=job.timeout_s), combs, cleaned, marks


def _reads_better_turned(upright: Image.Image, words: list[Word], job: PageJob) -> Image.Image | None:
    """The page turned over when its densest text reads badly and better so; None when it stays as it is.

    Asked when our up/down vote is unsure. Page OCR has read the band already: only when its words there read
    badly (or too few to tell) is the band read on its own, both ways up, as it was before page OCR came first.
    """
    top, bottom = _densest_band_span(upright, _BAND_SHARE)
    inside = [w.confidence for w in words if top <= (w.box[1] + w.box[3]) / 2 <= bottom]
    if len(inside) >= 3 and sum(inside) / len(inside) >= _LOW_CONFIDENCE:
        return None
    sample = _band_confidence(upright, job)
    if sample is None or sample >= _LOW_CONFIDENCE:
        return None
    turned = upright.transpose(Image.Transpose.ROTATE_180)
    other = _band_confidence(turned, job)
    return turned if other is not None and other > sample else None


def _band_confidence(image: Image.Image, job: PageJob) -> float | None:
    """Mean word confidence of OCR over the densest band of text (an eighth of the page); None when too few words."""
    top, _ = _densest_band_span(image, _BAND_SHARE)
    band = image.crop((0, int(top * image.height), image.width, int((top + _BAND_SHARE) * image.height)))
    sample = ocr_words(band, lang=job.lang, timeout_s=job.timeout_s)
    return sample.mean_confidence if len(sample.words) >= 3 else None


def _densest_band_span(image: Image.Image, share: float) -> tuple[float, float]:
    """Top and bottom, as fractions of the page's height, of the band of that share of it that holds most ink."""
    small = image.copy()
    small.thumbnail((400, 400))
    rows = (np.asarray(small, dtype=np.float64) < 128).sum(axis=1)
    height = max(1, int(len(rows) * share))
    sums = np.convolve(rows, np.ones(height), mode="valid")
    top = int(np.argmax(sums)) / len(rows)
    return top, top + share


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


# ---------------------------------------------------------------- comb boxes

_COMB_BLANK = 0.004  # ink share of the inside of a comb box below which nothing was written in it (specks)
# What a box read alone as a letter holds when its comb holds digits: the digit that letter looks like.
_DIGIT_LIKE = str.maketrans("|!lIiJOoDQSsBZzGbgqT", "11111100005582266997")


def read_combs(page: Image.Image, combs: list[Comb], *, lang: str, timeout_s: float) -> list[Word]:
    """What is written in comb boxes, one word per box, boxed by its box on the page.

    Page OCR reads a row of comb boxes badly: their sides read as '|', '[' or '1' and the digits between
    them run together. Here the inside of each box that holds ink is cut out, clear of its lines, and read
    on its own as one character (one tesseract run for every box on the page). A dash is told by its shape.
    """
    pixels = np.asarray(page, dtype=np.uint8)
    light, dark, _ = ink_thresholds(pixels)
    width, height = page.size
    found: list[tuple[tuple[int, int, int, int], str | None, float]] = []  # box, text (None: to OCR), confidence
    crops = []
    for comb in combs:
        for box in comb.cells:
            left, top, right, bottom = box
            inset_x, inset_y = max(2, round(0.06 * (right - left))), max(3, round(0.1 * (bottom - top)))
            inside = pixels[top + inset_y:bottom - inset_y, left + inset_x:right - inset_x]
            ink = inside < dark
            if inside.size == 0 or ink.mean() < _COMB_BLANK:
                continue
            rows, cols = np.nonzero(ink)
            ink_h, ink_w = rows.max() - rows.min() + 1, cols.max() - cols.min() + 1
            middle = (rows.min() + rows.max()) / 2 / inside.shape[0]
            if ink_h < 0.35 * ink_w and ink_h < 0.25 * inside.shape[0] and 0.25 < middle < 0.75:
                found.append((box, "-", 0.9))
                continue
            # Paper round the character, as tesseract expects; the faint edges of the box lines go.
            margin = max(inside.shape) // 2
            framed = np.full((inside.shape[0] + 2 * margin, inside.shape[1] + 2 * margin), 255, dtype=np.uint8)
            framed[margin:-margin, margin:-margin] = np.where(inside < light, inside, 255)
            crops.append(Image.fromarray(framed, mode="L"))
            found.append((box, None, 0.0))
    readings = iter(ocr_regions(crops, lang=lang, timeout_s=timeout_s, psm=10))
    read = [(box, text, conf) if text is not None else (box, *_one_text(next(readings))) for box, text, conf in found]
    read = [(box, text if not any(c.isalnum() for c in text) else "".join(c for c in text if c.isalnum() or c == "-"),
             conf) for box, text, conf in read if text]
    # Digits are what comb boxes mostly hold: where most boxes read as digits, a lone letter is a digit misread.
    if sum(text.isdigit() for _, text, _ in read) > len(read) / 2:
        read = [(box, text.translate(_DIGIT_LIKE) if len(text) == 1 and not text.isdigit() else text,
                 conf * (0.8 if len(text) == 1 and not text.isdigit() else 1.0)) for box, text, conf in read]
    return [Word(text=text, box=(left / width, top / height, right / width, bottom / height), confidence=conf,
                 source="ocr") for (left, top, right, bottom), text, conf in read]


def _one_text(words: list[Word]) -> tuple[str, float]:
    """What tesseract read in one box, as one text, and how surely."""
    return "".join(w.text for w in words), min((w.confidence for w in words), default=0.0)


def _without_combs(page: Image.Image, combs: list[Comb]) -> Image.Image:
    """The page for OCR with its comb boxes blank: page OCR reads their lines and digits run together (and
    runs a caption beside them into them); each box is read on its own instead."""
    if not combs:
        return page
    page = page.copy()
    for comb in combs:
        left, top = min(c[0] for c in comb.cells), min(c[1] for c in comb.cells)
        right, bottom = max(c[2] for c in comb.cells), max(c[3] for c in comb.cells)
        # The outer sides stand just outside the first and last box; a caption can stand just over the top line.
        side = max(3, (comb.cells[0][2] - comb.cells[0][0]) // 6)
        page.paste(255, (max(left - side, 0), top, right + side, bottom))
    return page


# ---------------------------------------------------------------- entries page OCR passed over

UNREAD_CELL_IN = 0.05  # ink is looked for in squares this wide
_UNREAD_HEIGHT_IN = (0.08, 0.45)  # a line of handwriting or print, not a speck and not a signature's loops
_UNREAD_MIN_WIDTH_IN = 0.2  # a word or two, not a tick box
_UNREAD_MIN_CONFIDENCE = 0.6
_MANY_UNREAD = 8  # on a page that is no form, this many patches of print no word covers: a column OCR passed over


def read_unread_ink(page: Image.Image, dpi: float, words: list[Word], *, lang: str, timeout_s: float,
                    min_patches: int = 1) -> list[Word]:
    """Words in patches of ink that page OCR read no word in, each patch read on its own; none unless there are at
    least `min_patches` (a page that is no form reads them only when whole columns were passed over).

    tesseract's page layout passes over a handwritten entry now and then (a date beside a signature, an entry
    in a box of its own) as if it were a picture. Read alone as a line of text, it reads. Patches too tall for
    a line of text (a signature) or too narrow for a word (a tick) are left alone; so is what reads poorly.
    """
    pixels = np.asarray(page, dtype=np.uint8)
    cell = max(2, round(UNREAD_CELL_IN * dpi))
    rows, cols = pixels.shape[0] // cell, pixels.shape[1] // cell
    if not rows or not cols:
        return []
    ink = pixels[:rows * cell, :cols * cell] < ink_thresholds(pixels)[1]
    inked = ink.reshape(rows, cell, cols, cell).sum(axis=(1, 3)) >= max(2, cell * cell // 25)
    for w in words:  # what page OCR read, and a cell round it
        x0, y0, x1, y1 = w.box
        inked[max(int(y0 * rows) - 1, 0):int(y1 * rows) + 2, max(int(x0 * cols) - 1, 0):int(x1 * cols) + 2] = False
    patches = []
    for top, left, bottom, right in _patches(inked):
        height, width = (bottom - top) * UNREAD_CELL_IN, (right - left) * UNREAD_CELL_IN
        if _UNREAD_HEIGHT_IN[0] <= height <= _UNREAD_HEIGHT_IN[1] and width >= _UNREAD_MIN_WIDTH_IN:
            patches.append((max(left - 1, 0) * cell, max(top - 1, 0) * cell,
                            min(right + 1, cols) * cell, min(bottom + 1, rows) * cell))
    if len(patches) < min_patches:
        return []
    crops = [page.crop(p) for p in patches]
    found = []
    for (left, top, right, bottom), read in zip(patches, ocr_regions(crops, lang=lang, timeout_s=timeout_s, psm=7)):
        for w in read:
            if w.confidence < _UNREAD_MIN_CONFIDENCE or not any(c.isalnum() for c in w.text):
                continue
            bx0, by0, bx1, by1 = w.box
            box = (left + bx0 * (right - left), top + by0 * (bottom - top), left + bx1 * (right - left),
                   top + by1 * (bottom - top))
            found.append(Word(text=w.text, box=(box[0] / page.width, box[1] / page.height, box[2] / page.width,
                                                box[3] / page.height), confidence=w.confidence, source="ocr"))
    return found


def _patches(inked: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (top, left, bottom, right; cells, exclusive) of the groups of inked cells that touch,
    counting a gap of one cell along a line as touching (the gap between two handwritten words)."""
    bridged = inked.copy()
    bridged[:, 1:-1] |= inked[:, :-2] & inked[:, 2:]
    seen = np.zeros_like(bridged)
    found = []
    for r, c in zip(*np.nonzero(bridged)):
        if seen[r, c]:
            continue
        stack, box = [(r, c)], [r, c, r + 1, c + 1]
        seen[r, c] = True
        while stack:
            y, x = stack.pop()
            box = [min(box[0], y), min(box[1], x), max(box[2], y + 1), max(box[3], x + 1)]
            for ny in (y - 1, y, y + 1):
                for nx in (x - 1, x, x + 1):
                    if 0 <= ny < bridged.shape[0] and 0 <= nx < bridged.shape[1] and bridged[ny, nx] and not seen[ny, nx]:
                        seen[ny, nx] = True
                        stack.append((ny, nx))
        found.append(tuple(box))
    return found
