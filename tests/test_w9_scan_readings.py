"""What a scan makes of a W-9 or a direct deposit form, and what a clerk still reads from it: a TIN whose caption the
scan lost (its boxes' grouping says EIN or SSN), comb boxes set a little lower than their caption, a mark before an
address read as a quote, an employee id under 'Employee 1D' or a bare 'Employee' with its '#' a line lower, a
signature read as letters, a date after its caption misread as 'pate', and a comb id with a box the scan read
nothing in (held for review). The pages are built
word by word as tesseract returns them."""

from __future__ import annotations

import json
from pathlib import Path

from backoffice.document import Document, InkGrid, Page, Word
from extractors import classify, extract

THRESHOLDS = json.loads((Path(__file__).parents[1] / "validators" / "thresholds.json").read_text())
H = 0.009  # a line of print, as a fraction of the page height


def scanned(lines: list[list[tuple[float, str] | tuple[float, str, float]]], *, ink: InkGrid | None = None,
            shifts: dict[int, float] | None = None) -> Document:
    """A page read by OCR: each line a list of (x, words[, confidence]), the words of one phrase set as close as print
    sets them; `shifts` moves a line down by that much."""
    words = []
    for n, line in enumerate(lines):
        y = 0.05 + 0.025 * n + (shifts or {}).get(n, 0.0)
        for x, text, *confidence in line:
            for word in text.split():
                words.append(Word(word, (x, y, x + 0.008 * len(word), y + H), confidence[0] if confidence else 0.93, "ocr"))
                x += 0.008 * len(word) + 0.005
    doc = Document(source="scan.png", sha256="0" * 64,
                   pages=[Page(1, 2550, 3300, words, "ocr", ink=ink or InkGrid(100, 100, bytes(100 * 100)))])
    classify(doc)
    extract(doc)
    return doc


def comb(x: float, digits: str, groups: tuple[int, ...], cell: float = 0.02, gap: float = 0.015
         ) -> list[tuple[float, str, float]]:
    """Digits one per comb box, read clearly, a dash's gap between the groups (the dash itself not read)."""
    out, at = [], 0
    for size in groups:
        for d in digits[at:at + size]:
            out.append((x, d, 0.99))
            x += cell
        at += size
        x += gap
    return out


W9_TOP = [[(0.08, "Form W-9"), (0.30, "Request for Taxpayer Identification Number")],
          [(0.08, "Name (as shown on your income tax return)")], [(0.10, "Cedar Ridge Staffing Inc.")]]


def test_a_tin_whose_caption_the_scan_lost_is_told_by_its_boxes_and_held_for_review():
    doc = scanned(W9_TOP + [[(0.08, "Part I Taxpayer Identification Number")],
                            [(0.60, "or")], comb(0.60, "274119386", (2, 7))])
    ein = doc.fields["ein"]
    assert ein.value == "274119386" and "ssn" not in doc.fields
    assert ein.confidence < THRESHOLDS["ein"]


def test_an_sole_proprietors_ein_in_ein_boxes_under_a_caption_for_either_number_is_an_ein():
    doc = scanned(W9_TOP + [[(0.08, "[X] Individual/sole proprietor"), (0.40, "[ ] C Corporation")],
                            [(0.08, "Taxpayer Identification Number (TIN)")],
                            comb(0.10, "274119386", (2, 7))])
    assert doc.fields["ein"].value == "274119386" and "ssn" not in doc.fields


def test_ssn_boxes_set_a_little_lower_than_their_caption_are_read():
    doc = scanned(W9_TOP + [[(0.08, "Social security number")], comb(0.40, "531408827", (3, 2, 4)),
                            [(0.08, "Signature")]], shifts={4: -0.025 + 1.2 * H, 5: 0.02})
    assert doc.fields["ssn"].value == "531408827"


def test_a_mark_before_an_address_read_as_a_quote_keeps_the_house_number():
    doc = scanned(W9_TOP + [[(0.08, "Address (number, street, apt. or suite no.) „8516 Maple Ave")]])
    assert doc.fields["address"].value == "8516 Maple Ave"


DD_TOP = [[(0.08, "Direct Deposit Authorization")], [(0.08, "Employee name"), (0.25, "Chloe Park")]]
DD_BANK = [[(0.08, "Bank name"), (0.25, "Cedar Valley Bank")], [(0.08, "Routing number"), (0.25, "021000021")],
           [(0.08, "Account number"), (0.25, "4737267281")]]


def test_an_employee_id_under_a_caption_the_scan_misread_is_read_and_held_for_review():
    misread = scanned(DD_TOP + [[(0.08, "Employee 1D:", 0.73), (0.25, "54995")]] + DD_BANK)
    assert misread.fields["employee_id"].value == "54995"
    lower = scanned(DD_TOP + [[(0.08, "Employee")], [(0.17, "#"), (0.19, "£4068")]] + DD_BANK,
                    shifts={3: -0.025 + 0.6 * H})
    assert lower.fields["employee_id"].value == "E4068"
    for doc in (misread, lower):
        assert doc.fields["employee_id"].confidence < THRESHOLDS["employee_id"]
        assert doc.fields["employee_name"].value == "Chloe Park"


def test_a_comb_id_with_a_box_the_scan_read_nothing_in_is_held_for_review():
    whole = scanned(DD_TOP + [[(0.08, "Employee ID")] + comb(0.30, "228355", (6,))] + DD_BANK)
    assert whole.fields["employee_id"].confidence >= THRESHOLDS["employee_id"]
    skipped = scanned(DD_TOP + [[(0.08, "Employee ID")] + comb(0.30, "228355", (2, 4), gap=0.02)] + DD_BANK)
    assert skipped.fields["employee_id"].confidence < THRESHOLDS["employee_id"]


def test_a_signature_the_scan_read_as_letters_signs_the_form_for_a_person_to_confirm():
    cells = bytearray(100 * 100)
    for row in (22, 23):  # pen strokes under the caption, where the scan read 'YN j-'
        for col in (17, 18, 21, 22):
            cells[row * 100 + col] = 200
    doc = scanned(DD_TOP + DD_BANK + [[(0.08, "Employee signature")], [], [(0.17, "YN", 0.71), (0.21, "j—", 0.68)]],
                  ink=InkGrid(100, 100, bytes(cells)))
    signed = doc.fields["signature_present"]
    assert signed.value is True and signed.confidence < THRESHOLDS["signature_present"]


def test_a_date_after_its_caption_misread_as_pate_is_read_and_held_for_review():
    doc = scanned(W9_TOP + [[(0.08, "Signature of U.S. person"), (0.55, "pate 08/12/2026", 0.54)]])
    date = doc.fields["signature_date"]
    assert date.value.isoformat() == "2026-08-12" and date.confidence < THRESHOLDS["signature_date"]
