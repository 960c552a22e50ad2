"""The reader: any file a client drops -> a `Document` of pages and words, or a quarantined one that says why.

Its own folder because it is the one place that talks to pdfplumber, pypdfium2, pypdf, Pillow and
tesseract; everything after it (extractors, validators, flows, the workbench) sees only words with boxes.
Cheap checks (size, magic bytes, page count, pixel count, passwords, truncation) run before any OCR.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import replace
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from backoffice.document import Document, Page
from backoffice.settings import ReaderSettings
from reader import sniff
from reader.ocr import OcrError
from reader.pdf import PdfProblem, add_text_page_marks, form_field_words, inspect_pdf, text_layer_pages
from reader.scan import PageJob, PageOcr, check_pixels, ocr_page

__all__ = ["PageJob", "PageOcr", "apply_ocr", "ocr_page", "open_document", "read_document"]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def open_document(path: Path, settings: ReaderSettings, *, source: str | None = None) -> tuple[Document, list[PageJob]]:
    """Run the cheap checks and read any text layer; return the document and the pages still to OCR."""
    started = time.perf_counter()
    size = path.stat().st_size
    doc = Document(source=source or str(path), sha256=sha256_of(path), size=size)
    try:
        jobs = _open(path, doc, settings)
    except (PdfProblem, OcrError) as problem:
        doc.pages = []
        doc.quarantine(problem.code, problem.message)
        jobs = []
    doc.timings_ms["read"] = (time.perf_counter() - started) * 1000
    return doc, jobs


def _open(path: Path, doc: Document, settings: ReaderSettings) -> list[PageJob]:
    limits = settings.limits
    if doc.size == 0:
        raise PdfProblem("file.empty", "the file is empty (0 bytes): the upload failed. Ask the sender to send it again.")
    if doc.size > limits.max_file_mb * 1024 * 1024:
        raise PdfProblem(
            "file.too_large",
            f"the file is {doc.size / 1024 / 1024:.1f} MB, over the limit of {limits.max_file_mb:g} MB. "
            "Split or compress it, or raise BACKOFFICE_MAX_FILE_MB.",
        )
    head = sniff.read_head(path)
    doc.media_type = sniff.media_type(head)
    if doc.media_type is None:
        raise PdfProblem(
            "file.not_a_document",
            f"the file is not a PDF or an image: it looks like {sniff.describe_non_document(head)}. "
            "Send the document as PDF, TIFF, PNG or JPEG.",
        )

    def job(index: int) -> PageJob:
        return PageJob(str(path), doc.media_type, index, settings.ocr_dpi, settings.ocr_lang,
                       limits.ocr_timeout_s, limits.max_pixels)

    if doc.media_type == sniff.PDF:
        info = inspect_pdf(path)
        _check_page_count(info.page_count, limits.max_pages)
        for i, (w, h) in enumerate(info.page_sizes):
            check_pixels(w * settings.ocr_dpi / 72, h * settings.ocr_dpi / 72, limits.max_pixels, f"page {i + 1}")
        text_pages = text_layer_pages(path)
        form_words = form_field_words(path, info.page_sizes)
        jobs = []
        for i, text_page in enumerate(text_pages):
            page = text_page.page
            if page is None:
                w, h = info.page_sizes[i]
                page = Page(number=i + 1, width=w, height=h)
                jobs.append(job(i))
            jobs.extend(replace(job(i), crop=box) for box in text_page.text_free_images)
            page.words.extend(form_words.get(i + 1, []))
            doc.pages.append(page)
        add_text_page_marks(path, [p for p in doc.pages if p.text_source == "text_layer"])
        return jobs

    try:
        with Image.open(path) as img:
            frames = getattr(img, "n_frames", 1)
            _check_page_count(frames, limits.max_pages)
            for i in range(frames):
                img.seek(i)
                check_pixels(img.width, img.height, limits.max_pixels, f"page {i + 1}")
                doc.pages.append(Page(number=i + 1, width=img.width, height=img.height))
    except (UnidentifiedImageError, OSError, EOFError, SyntaxError, ValueError) as exc:
        raise PdfProblem(
            "file.corrupt", f"the image cannot be decoded ({exc}). Ask the sender to scan or export it again."
        ) from exc
    return [job(i) for i in range(len(doc.pages))]


def _check_page_count(count: int, max_pages: int) -> None:
    if count == 0:
        raise PdfProblem("file.corrupt", "the file has no pages. Ask the sender to export it again.")
    if count > max_pages:
        raise PdfProblem(
            "file.too_many_pages",
            f"the file has {count} pages, over the limit of {max_pages}. Split it into separate documents, "
            "or raise BACKOFFICE_MAX_PAGES.",
        )


def apply_ocr(doc: Document, results: list[PageOcr]) -> Document:
    """Put OCRed pages into the document; the first page that failed quarantines it."""
    for result in sorted(results, key=lambda r: r.index):
        if result.error_code:
            doc.pages = []
            return doc.quarantine(result.error_code, result.error_message or "the page could not be read")
        page = doc.pages[result.index]
        if result.crop:  # a logo or stamp on a text page: its words join the text layer's
            page.words.extend(w for w in result.words if w.confidence >= 0.5 and (w.text == "&" or any(c.isalnum() for c in w.text)))
            continue
        page.width, page.height = result.width, result.height
        page.words = result.words + page.words
        page.text_source = "ocr"
        page.rotation, page.skew = result.rotation, result.skew
        page.checkboxes, page.ink = result.checkboxes, result.ink
        page.ocr_confidence = result.mean_confidence
    if results:
        doc.timings_ms["ocr"] = sum(r.ms for r in results)
    return doc


def read_document(path: Path, settings: ReaderSettings | None = None) -> Document:
    """Read one file in this process (the pipeline spreads OCR over a pool instead)."""
    settings = settings or ReaderSettings()
    doc, jobs = open_document(path, settings)
    return apply_ocr(doc, [ocr_page(j) for j in jobs])
