"""An entry read twice is one entry: the same words over the same ink (a second OCR pass of a region, or two word
sets of one page merged) count once, and a value that says the same words twice over is never taken as sure.
Each W-9 is drawn here; its words are read from its text layer and the doubling is made on them."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

from reportlab.lib.pagesizes import LETTER

from backoffice.document import Word
from extractors.forms import extract_w9
from reader import read_document
from samplegen.drawing import Sheet
from samplegen.forms_random import Page, Style
from samplegen.pens import TypedPen

NAME, BUSINESS = "Robert Garcia", "Garcia Photography"


def w9_pdf(folder: Path) -> Path:
    pen = TypedPen(random.Random(3), "Helvetica")
    c = Sheet(LETTER)
    p = Page(c, Style(random.Random(5), "left", "Helvetica", "Helvetica-Bold", 8.5, "square", 0.0, "us", False),
             50, LETTER[0] - 50, LETTER[1] - 50)
    c.setFont("Helvetica-Bold", 13)
    c.drawString(p.left, p.y, "Request for Taxpayer Identification Number and Certification (Form W-9)")
    p.y -= 30
    p.fields(pen, [("Name (as shown on your income tax return)", NAME, False),
                   ("Business name / disregarded entity name, if different", BUSINESS, False),
                   ("Address (number, street, and apt. or suite no.)", "8391 Elm Street", False),
                   ("City, state, and ZIP code", "Madison, WI 53760", False)])
    path = folder / "w9.pdf"
    path.write_bytes(c.pdf_bytes())
    return path


def business_name(path: Path, double) -> tuple[str, float]:
    doc = read_document(path)
    page = doc.pages[0]
    entry = [w for w in page.words if w.text in BUSINESS.split()][-2:]  # the name's 'Garcia' comes first
    assert " ".join(w.text for w in entry) == BUSINESS
    page.words += double(entry)
    doc.doc_type, doc.form_type = "form", "w9"
    extract_w9(doc)
    field = doc.fields["business_name"]
    return field.value, field.confidence


def test_an_entry_read_twice_over_the_same_ink_is_read_once(tmp_path: Path):
    # A second reading of the same place, its boxes a little off as a second OCR pass gives them.
    again = lambda words: [replace(w, box=(w.box[0] + 0.002, w.box[1] + 0.001, w.box[2] + 0.001, w.box[3]),
                                   confidence=0.95, source="ocr") for w in words]
    value, confidence = business_name(w9_pdf(tmp_path), again)
    assert value == BUSINESS
    assert confidence >= 0.9


def test_a_value_that_says_its_words_twice_over_is_never_sure(tmp_path: Path):
    # The same words again right after the entry (a copy of it beside itself): read, but sent to a person.
    def beside(words: list[Word]) -> list[Word]:
        width = words[-1].box[2] - words[0].box[0] + 0.01
        return [replace(w, box=(w.box[0] + width, w.box[1], w.box[2] + width, w.box[3])) for w in words]
    value, confidence = business_name(w9_pdf(tmp_path), beside)
    assert value == f"{BUSINESS} {BUSINESS}"
    assert confidence < 0.9


def test_a_dot_read_from_a_speck_a_word_swallowed_is_not_taken_as_sure(tmp_path: Path):
    # A scan's speck under the first word, read into it as a dot: 'Garcia. Photography', its box far taller.
    doc = read_document(w9_pdf(tmp_path))
    page = doc.pages[0]
    first, second = [w for w in page.words if w.text in BUSINESS.split()][-2:]
    h = first.box[3] - first.box[1]
    specked = replace(first, text="Garcia.", box=(*first.box[:3], first.box[3] + 0.6 * h), confidence=0.95, source="ocr")
    page.words[page.words.index(first)] = specked
    page.words[page.words.index(second)] = replace(second, confidence=0.96, source="ocr")
    doc.doc_type, doc.form_type = "form", "w9"
    extract_w9(doc)
    assert doc.fields["business_name"].value == "Garcia. Photography"
    assert doc.fields["business_name"].confidence < 0.9
    assert doc.fields["name"].confidence >= 0.9  # the entries round it keep theirs
