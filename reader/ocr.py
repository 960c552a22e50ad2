"""The tesseract adapter: one `image_to_data` pass per page, words with boxes and confidences.

pytesseract's and tesseract's errors stop here: callers get an `OcrError` with a stable code.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass

import pytesseract
from PIL import Image

from backoffice.document import Word

# tesseract's own OpenMP threads fight the process pool for the same cores.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


class OcrError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class OcrResult:
    words: list[Word]
    mean_confidence: float  # 0..1 over the words read; 0 when none


def ocr_words(image: Image.Image, *, lang: str, timeout_s: float) -> OcrResult:
    """Words on a page image, boxes as fractions of that image, origin top left."""
    # pytesseract would hand tesseract a PNG, and compressing one costs about a tenth of the OCR itself;
    # an uncompressed PGM in memory-backed /dev/shm costs nothing.
    tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
    with tempfile.NamedTemporaryFile(suffix=".pgm", dir=tmp_dir) as tmp:
        image.convert("L").save(tmp.name, format="PPM")
        return _ocr_file(tmp.name, image.size, lang=lang, timeout_s=timeout_s)


def ocr_regions(images: list[Image.Image], *, lang: str, timeout_s: float, psm: int) -> list[list[Word]]:
    """The words on each of several small images (parts of a page), boxes as fractions of that image.

    All in one tesseract run over a multi-page TIFF: starting tesseract and loading its models costs more
    than reading a few words. `psm` is tesseract's page segmentation mode: 10 reads each image as one
    character (the inside of a comb box), 6 as one block of text.
    """
    if not images:
        return []
    tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
    with tempfile.NamedTemporaryFile(suffix=".tif", dir=tmp_dir) as tmp:
        frames = [image.convert("L") for image in images]
        # Uncompressed whatever the source: a Group 4 fax page's crops carry "group4" in .info, and Pillow
        # would try to fax-encode these 8-bit frames with it.
        frames[0].save(tmp.name, format="TIFF", compression="raw", save_all=True, append_images=frames[1:])
        data = _image_to_data(tmp.name, lang=lang, timeout_s=timeout_s, config=f"--psm {psm}")
    read: list[list[Word]] = [[] for _ in images]
    for i, text in enumerate(data["text"]):
        page, conf = int(data["page_num"][i]) - 1, float(data["conf"][i])
        if data["level"][i] != 5 or not text.strip() or conf < 0 or not 0 <= page < len(read):
            continue
        width, height = images[page].size
        left, top, w, h = (data[k][i] for k in ("left", "top", "width", "height"))
        box = (left / width, top / height, (left + w) / width, (top + h) / height)
        read[page].append(Word(text=text.strip(), box=box, confidence=conf / 100.0, source="ocr"))
    return read


def _image_to_data(path: str, *, lang: str, timeout_s: float, config: str = "") -> dict:
    try:
        return pytesseract.image_to_data(path, lang=lang, config=config, timeout=timeout_s,
                                         output_type=pytesseract.Output.DICT)
    except RuntimeError as exc:  # pytesseract raises a bare RuntimeError on its timeout
        if "timeout" in str(exc).lower():
            raise OcrError("file.ocr_timeout", f"OCR of the page did not finish within {timeout_s:g} s") from exc
        raise OcrError("file.corrupt", f"tesseract could not read the page image: {exc}") from exc
    except pytesseract.TesseractNotFoundError as exc:
        raise OcrError("reader.tesseract_missing", "tesseract is not installed: run `make setup`") from exc
    except pytesseract.TesseractError as exc:
        raise OcrError("file.corrupt", f"tesseract could not read the page image: {exc.message}") from exc


def _ocr_file(path: str, size: tuple[int, int], *, lang: str, timeout_s: float) -> OcrResult:
    data = _image_to_data(path, lang=lang, timeout_s=timeout_s)
    width, height = size
    words: list[Word] = []
    for i, text in enumerate(data["text"]):
        text = text.strip()
        conf = float(data["conf"][i])
        if data["level"][i] != 5 or not text or conf < 0:
            continue
        if conf < 70 and not any(c.isalnum() for c in text):
            continue  # specks and smudges read as ':' ',' '|' '©' 
        left, top, w, h = (data[k][i] for k in ("left", "top", "width", "height"))
        box = (left / width, top / height, (left + w) / width, (top + h) / height)
        words.append(Word(text=text, box=box, confidence=conf / 100.0, source="ocr"))
    mean = sum(w.confidence for w in words) / len(words) if words else 0.0
    return OcrResult(words=words, mean_confidence=mean)
