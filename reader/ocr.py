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


def _ocr_file(path: str, size: tuple[int, int], *, lang: str, timeout_s: float) -> OcrResult:
    try:
        data = pytesseract.image_to_data(path, lang=lang, timeout=timeout_s, output_type=pytesseract.Output.DICT)
    except RuntimeError as exc:  # pytesseract raises a bare RuntimeError on its timeout
        if "timeout" in str(exc).lower():
            raise OcrError("file.ocr_timeout", f"OCR of the page did not finish within {timeout_s:g} s") from exc
        raise OcrError("file.corrupt", f"tesseract could not read the page image: {exc}") from exc
    except pytesseract.TesseractNotFoundError as exc:
        raise OcrError("reader.tesseract_missing", "tesseract is not installed: run `make setup`") from exc
    except pytesseract.TesseractError as exc:
        raise OcrError("file.corrupt", f"tesseract could not read the page image: {exc.message}") from exc
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
