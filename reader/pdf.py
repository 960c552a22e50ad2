"""The PDF adapter: page count and protection (pypdfium2), text-layer words (pdfplumber), filled-in form fields (pypdf).

Their exceptions stop here: callers get a `PdfProblem` with a stable code and a message for the sender.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfparser import PDFSyntaxError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from backoffice.document import Box, Page, Word
from reader.marks import find_marks, page_may_have_marks

# pdfminer logs page content at DEBUG, account numbers included: keep it to warnings.
logging.getLogger("pdfminer").setLevel(logging.WARNING)

CHECKED, UNCHECKED = "☒", "☐"  # how a ticked and an empty checkbox read as words

_CID_GARBAGE = re.compile(r"\(cid:\d+\)")
MARKS_DPI = 100
_MIN_TEXT_CHARS = 20  # fewer letters and digits than this and the page is a scan with a stamp at most


class PdfProblem(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class PdfInfo:
    page_count: int
    page_sizes: list[tuple[float, float]]  # points, as displayed


def inspect_pdf(path: Path) -> PdfInfo:
    """Cheap structural checks before any text or OCR work: truncation, damage, passwords."""
    with path.open("rb") as f:
        f.seek(max(path.stat().st_size - 2048, 0))
        tail = f.read()
    if b"%%EOF" not in tail:
        raise PdfProblem(
            "file.corrupt",
            "the PDF is truncated (it has no end-of-file marker): the upload or the export was cut short. "
            "Ask the sender to send the file again.",
        )
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise PdfProblem(
                "file.encrypted",
                "the PDF is password protected, so it cannot be read. Ask the sender for a copy without a password.",
            ) from exc
        raise PdfProblem(
            "file.corrupt", f"the PDF is damaged and cannot be opened ({exc}). Ask the sender to export it again."
        ) from exc
    try:
        sizes = []
        for i in range(len(pdf)):
            page = pdf[i]
            sizes.append(tuple(page.get_size()))
            page.close()
    finally:
        pdf.close()
    return PdfInfo(page_count=len(sizes), page_sizes=sizes)


@dataclass
class TextPage:
    page: Page | None  # None when the page must be OCRed instead
    text_free_images: list[Box]  # images on a text page with no text over them (logos, stamps): OCR just these


def text_layer_pages(path: Path) -> list[TextPage]:
    """Per page: its words from the text layer, and the image regions whose text only OCR can read."""
    pages: list[TextPage] = []
    try:
        with pdfplumber.open(path) as pdf:
            for number, plumber_page in enumerate(pdf.pages, start=1):
                page = _page_words(plumber_page, number)
                images = _text_free_images(plumber_page, page) if page is not None else []
                pages.append(TextPage(page, images))
                plumber_page.close()  # pdfplumber keeps every parsed page otherwise
    except (PDFSyntaxError, PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise PdfProblem(
            "file.corrupt", f"the PDF's content cannot be parsed ({type(exc).__name__}). Ask the sender to export it again."
        ) from exc
    return pages


def _page_words(plumber_page, number: int) -> Page | None:
    width, height = float(plumber_page.width), float(plumber_page.height)
    # A tight tolerance keeps neighbouring table headers apart ('Mehrarbeit' 'Stundenlohn'); letters
    # within a word sit closer than one point in every PDF we have seen.
    raw = plumber_page.extract_words(use_text_flow=False, keep_blank_chars=False, x_tolerance=1, return_chars=True)
    # The page's vertical rulings, read once and only for a word that may need them.
    verticals = functools.cache(lambda: plumber_page.vertical_edges)
    raw = [part for w in _join_letter_spaced(raw) for part in _split_spill(w, verticals)]
    words = []
    chars = garbage = 0
    for w in raw:
        text = w["text"]
        garbage += sum(len(m) for m in _CID_GARBAGE.findall(text))
        chars += sum(c.isalnum() for c in _CID_GARBAGE.sub("", text))
        box = (w["x0"] / width, w["top"] / height, w["x1"] / width, w["bottom"] / height)
        words.append(Word(text=text, box=_clip(box), confidence=1.0, source="text_layer"))
    image_area = sum(
        max(0.0, (min(i["x1"], width) - max(i["x0"], 0))) * max(0.0, (min(i["bottom"], height) - max(i["top"], 0)))
        for i in plumber_page.images
    ) / (width * height)
    unreadable_font = garbage > chars  # glyphs without a Unicode map: the text is there but unreadable
    scanned_with_stamp = image_area > 0.5 and chars < 200
    if chars < _MIN_TEXT_CHARS or unreadable_font or scanned_with_stamp:
        return None
    return Page(number=number, width=width, height=height, words=words, text_source="text_layer")


_LETTER_DIGIT = re.compile(r"[^\W\d_]\d|\d[^\W\d_]")
_LETTERS = re.compile(r"[^\W\d_]+[.&'-]?|[.&'-]")


def _join_letter_spaced(words: list[dict]) -> list[dict]:
    """Words of letter-spaced print ('P A Y R O L L', a letterhead's 'N O R T H G A T E') joined back into words.

    The tolerance that keeps neighbouring headers apart splits such print into letters. Letter-spaced print sets
    every letter apart by one and the same gap (its tracking), inside the fragments as well as between them; in
    other print the letters of a word touch, so the gaps between words are never the only gaps. A run of three
    fragments or more at one gap is joined, and one of two when a fragment's own letters stand that far apart ('REGIS'
    'TER') or its line showed that gap already ('A' 'G'); the wider gap at a space keeps the words apart."""
    runs: list[list[dict]] = []
    for w in words:
        prev = runs[-1][-1] if runs else None
        if prev is not None and _tracked_pair(prev, w, runs[-1]):
            runs[-1].append(w)
        elif prev is not None and len(runs[-1]) == 2 and _gap(prev, w) < _gap(*runs[-1]) and _tracked_pair(prev, w, [prev]):
            runs[-1:] = [runs[-1][:1], [prev, w]]  # '&' 'P' stood a space apart: 'P' starts the next word
        else:
            runs.append([w])
    pitches = {(round(r[0]["top"]), _gap(r[0], r[1])) for r in runs if len(r) >= 3}
    out = []
    for run in runs:
        joined = len(run) >= 3 or len(run) == 2 and (any(len(w["chars"]) >= 2 for w in run) or any(
            top == round(run[0]["top"]) and abs(gap - _gap(*run)) <= _pitch_tolerance(gap) for top, gap in pitches))
        out.extend([_joined(run)] if joined else run)
    return out


def _gap(a: dict, b: dict) -> float:
    return b["x0"] - a["x1"]


def _pitch_tolerance(gap: float) -> float:
    return max(0.3, 0.12 * gap)


def _tracked_pair(a: dict, b: dict, run: list[dict]) -> bool:
    """Whether `b` goes on the letter-spaced run that `a` ends: the same line and print, letters only, and every gap
    (between the two and inside each) the run's gap."""
    if not (_LETTERS.fullmatch(a["text"]) and _LETTERS.fullmatch(b["text"])) or not a.get("chars") or not b.get("chars"):
        return False
    size = a["chars"][0].get("size", 0)
    if abs(a["top"] - b["top"]) > 0.5 or abs(a["bottom"] - b["bottom"]) > 0.5 or abs(b["chars"][0].get("size", 0) - size) > 0.1:
        return False
    gap = _gap(a, b)
    pitch = _gap(run[0], run[1]) if len(run) >= 2 else gap
    if not (0 < gap < 0.6 * size) or abs(gap - pitch) > _pitch_tolerance(pitch):
        return False
    inner = [_gap(x, y) for w in (a, b) for x, y in zip(w["chars"], w["chars"][1:])]
    return all(abs(g - pitch) <= _pitch_tolerance(pitch) + 0.2 for g in inner)


def _joined(run: list[dict]) -> dict:
    """One word of a letter-spaced run; its last letter keeps the spacing after it, as every other letter does, so
    the words of one letter-spaced name stand no farther apart than a space and its tracking."""
    chars = [c for w in run for c in w["chars"]]
    return {**run[0], "text": "".join(w["text"] for w in run), "x1": run[-1]["x1"] + _gap(run[0], run[1]), "chars": chars,
            "top": min(w["top"] for w in run), "bottom": max(w["bottom"] for w in run)}


def _split_spill(word: dict, verticals: Callable[[], list[dict]]) -> list[dict]:
    """A word split where letters and digits of two entries run together: text too long for its cell spilling
    into the next ('Union' + a routing number), told by a change of font or size, a character printed over the
    one before it, or a ruled cell edge crossing the letters or digits that meet there."""
    chars = word.get("chars") or []
    if not _LETTER_DIGIT.search(word["text"]) or len(chars) != len(word["text"]):
        return [word]
    cuts = []
    run_start = 0  # the first character of the run of letters or digits the current one ends
    for i in range(1, len(chars)):
        a, b = chars[i - 1], chars[i]
        if not (a["text"].isalnum() and b["text"].isalnum()):
            run_start = i
            continue
        if a["text"].isdigit() == b["text"].isdigit():
            continue
        apart = (a.get("fontname") != b.get("fontname") or abs(a.get("size", 0) - b.get("size", 0)) > 0.5
                 or b["x0"] < a["x1"] - 0.5)
        if apart or _rule_across(verticals(), chars[run_start]["x0"], b["x1"], word["top"], word["bottom"]):
            cuts.append(i)
        run_start = i
    if not cuts:
        return [word]
    parts = []
    for start, end in zip([0, *cuts], [*cuts, len(chars)]):
        piece = chars[start:end]
        parts.append({"text": "".join(c["text"] for c in piece), "x0": min(c["x0"] for c in piece),
                      "x1": max(c["x1"] for c in piece), "top": min(c["top"] for c in piece),
                      "bottom": max(c["bottom"] for c in piece)})
    return parts


def _rule_across(rules: list[dict], x0: float, x1: float, top: float, bottom: float) -> bool:
    """Whether a vertical ruling (a line or a box side) crosses the stretch of a line of text from x0 to x1."""
    return any(x0 + 0.5 < e["x0"] < x1 - 0.5 and e["top"] < bottom - 1 and e["bottom"] > top + 1 for e in rules)


def _text_free_images(plumber_page, page: Page) -> list[Box]:
    """Images big enough to hold a word and small enough not to be a scanned page, with no text layer over them."""
    width, height = float(plumber_page.width), float(plumber_page.height)
    found = []
    for image in plumber_page.images:
        box = _clip((image["x0"] / width, image["top"] / height, image["x1"] / width, image["bottom"] / height))
        w, h = box[2] - box[0], box[3] - box[1]
        if w * h < 0.002 or w * h > 0.25 or h < 0.012:
            continue
        covered = any(wd.box[0] < box[2] and wd.box[2] > box[0] and wd.box[1] < box[3] and wd.box[3] > box[1]
                      for wd in page.words)
        if not covered:
            found.append(box)
    return found[:4]


def add_text_page_marks(path: Path, pages: list[Page]) -> None:
    """Tick boxes and non-text ink (signatures) of text-layer pages, from a quick 100-dpi rendering."""
    if not pages:
        return
    pdf = pdfium.PdfDocument(str(path))
    try:
        pdf.init_forms()
        for page in pages:
            if not page_may_have_marks(page.text):
                continue
            pdf_page = pdf[page.number - 1]
            image = pdf_page.render(scale=MARKS_DPI / 72, grayscale=True, may_draw_forms=True).to_pil().convert("L")
            pdf_page.close()
            page.checkboxes, page.ink = find_marks(image, MARKS_DPI)
    finally:
        pdf.close()


def form_field_words(path: Path, page_sizes: list[tuple[float, float]]) -> dict[int, list[Word]]:
    """Filled-in AcroForm values and checkbox states, as words at their widgets' places (page number -> words)."""
    try:
        reader = PdfReader(str(path))
    except (PdfReadError, ValueError) as exc:
        raise PdfProblem("file.corrupt", f"the PDF form cannot be parsed ({exc}). Ask the sender to export it again.") from exc
    found: dict[int, list[Word]] = {}
    if "/AcroForm" not in reader.trailer["/Root"]:
        return found  # no fillable fields: nothing beyond the text layer
    for number, page in enumerate(reader.pages, start=1):
        width, height = page_sizes[number - 1]
        left, bottom = float(page.mediabox.left), float(page.mediabox.bottom)
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Widget":
                continue
            text = _widget_text(annot)
            if text is None:
                continue
            x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
            box = ((min(x0, x1) - left) / width, (height - (max(y0, y1) - bottom)) / height,
                   (max(x0, x1) - left) / width, (height - (min(y0, y1) - bottom)) / height)
            name = _inherited(annot, "/T")
            found.setdefault(number, []).append(
                Word(text=text, box=_clip(box), confidence=1.0, source="text_layer", form_field=str(name) if name else None)
            )
    return found


def _inherited(annot, key: str):
    """A field attribute from the widget or the field it belongs to (PDF fields inherit /V, /FT, /T)."""
    node = annot
    while node is not None:
        if key in node:
            return node[key]
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
    return None


def _widget_text(annot) -> str | None:
    kind = _inherited(annot, "/FT")
    if kind == "/Btn":
        state = annot.get("/AS")
        if state is None:
            value = _inherited(annot, "/V")
            state = value if value is not None else "/Off"
        return UNCHECKED if str(state) in ("/Off", "Off", "") else CHECKED
    value = _inherited(annot, "/V")
    if value is None:
        return None
    if isinstance(value, list):  # list boxes with several choices
        value = ", ".join(str(v) for v in value)
    text = " ".join(str(value).split())
    return text or None


def _clip(box: Box) -> Box:
    return tuple(min(max(c, 0.0), 1.0) for c in box)  # type: ignore[return-value]
