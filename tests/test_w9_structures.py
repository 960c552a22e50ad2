"""W-9-like vendor forms built the ways client-made and exported forms build them, checked as a clerk would: the TIN in
a two-row table, worded as the payee's or dotted ('Payee's EIN', 'Soc. Sec. No.'), with its kind written in a
'Type' column, or typed with a non-breaking hyphen or a minus sign; the classification marked in a table's own column (an X typed in a cell, left or right of the names),
with boxes aligned far right of the names, with bracket boxes on a page whose other question prints its boxes after
the labels, with a box per tax code letter ('Corporation: ☐ C ☒ S'), with a stroke drawn between printed brackets,
or written after a 'Business type' caption. A mark that could belong to the name on either side is a
guess, kept below the threshold. Every form is drawn here."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import LETTER

from samplegen.drawing import Sheet, box
from samplegen.pens import FillablePen, glyph_font
from samplegen.w9 import CERTIFICATION_TEXT
from tests.conftest import extract_drawn
from tests.test_forms import values

W, H = LETTER
L, R = 50, W - 50
EIN, SSN = "274119386", "531408827"
CLASSES = [("individual", "Individual/sole proprietor"), ("c_corporation", "C Corporation"),
           ("s_corporation", "S Corporation"), ("partnership", "Partnership"), ("trust_estate", "Trust/estate"),
           ("llc", "Limited liability company"), ("other", "Other")]
THRESHOLD = json.loads((Path(__file__).parents[1] / "validators" / "thresholds.json").read_text())["tax_classification"]


class Form:
    """A vendor's W-9 page drawn top down: letterhead, title, the payee's name and address."""

    def __init__(self, named: bool = True) -> None:
        self.c = Sheet(LETTER)
        self.y = H - 50
        self.say(L, self.y, "Northwind Traders LLC", bold=True, size=13)
        self.say(L, self.y - 12, "88 Harbor Way, Seattle, WA 98101", size=8)
        self.say(L, self.y - 40, "Vendor Setup Form (W-9)", bold=True, size=13)
        self.y -= 68
        for label, value in [("Legal name", "Cedar Ridge Staffing Inc.")][:named] + [
                ("Street address", "2531 Elm Street"), ("City, State, ZIP", "Springfield, IL 62706")]:
            self.say(L, self.y, label + ":", bold=True)
            self.say(L + 120, self.y, value, size=10)
            self.c.line(L + 115, self.y - 3, R, self.y - 3)
            self.y -= 24
        self.y -= 6

    def say(self, x: float, y: float, text: str, bold: bool = False, size: float = 9, font: str = "") -> None:
        self.c.setFont(font or ("Helvetica-Bold" if bold else "Helvetica"), size)
        self.c.drawString(x, y, text)

    def tick(self, x: float, y: float, ticked: bool) -> None:
        box(self.c, x, y, 8)
        if ticked:
            self.say(x + 1.2, y + 1.2, "X", bold=True, size=8)

    def boxes(self, ticked: str, caption: str = "Federal tax classification (check one):") -> None:
        self.say(L, self.y, caption, bold=True)
        self.y -= 16
        for key, label in CLASSES:
            self.tick(L + 10, self.y - 1, key == ticked)
            self.say(L + 24, self.y, label)
            self.y -= 14
        self.y -= 10

    def entry(self, label: str, value: str) -> None:
        self.say(L, self.y, label, bold=True)
        self.say(L + self.c.stringWidth(label, "Helvetica-Bold", 9) + 8, self.y, value, size=10)
        self.y -= 24

    def pdf(self) -> bytes:
        self.say(L, self.y - 10, CERTIFICATION_TEXT[0][:110], size=6.8)
        y = self.y - 60
        self.c.line(L, y, L + 250, y)
        self.c.line(L + 300, y, R, y)
        self.say(L, y - 11, "Signature")
        self.say(L + 300, y - 11, "Date")
        self.say(L + 306, y + 4, "03/04/2026", size=10)
        return self.c.pdf_bytes()


def tin_rows(kind: str) -> bytes:
    """Each number's caption in a shaded cell of a two-row table, the entry in the cell right of it."""
    f = Form()
    f.boxes("individual" if kind == "ssn" else "c_corporation")
    for i, (label, value) in enumerate((("Social security number", "531-40-8827" if kind == "ssn" else ""),
                                        ("Employer identification number", "27-4119386" if kind == "ein" else ""))):
        y = f.y - 22 * i
        f.c.rect(L, y - 8, R - L, 22)
        f.c.line(L + 200, y - 8, L + 200, y + 14)
        f.say(L + 4, y, label, bold=True)
        f.say(L + 208, y, value, size=10)
    f.y -= 60
    return f.pdf()


def tin_worded(label: str, value: str, ticked: str) -> bytes:
    f = Form()
    f.boxes(ticked)
    f.entry(label, value)
    return f.pdf()


def tin_type_written(kind: str) -> bytes:
    """One number typed without dashes, its kind written after a 'Type' caption beside it; an LLC, which may
    hold either number."""
    f = Form()
    f.boxes("llc")
    f.say(L, f.y, "Taxpayer Identification Number (TIN):", bold=True)
    f.say(L + 200, f.y, EIN if kind == "ein" else SSN, size=10)
    f.say(L + 340, f.y, "Type:", bold=True)
    f.say(L + 372, f.y, kind.upper(), size=10)
    f.y -= 26
    return f.pdf()


def class_table(ticked: str, marks_left: bool) -> bytes:
    """A ruled table of the options with a column to mark, an X typed into the chosen row's cell, no boxes."""
    f = Form()
    f.say(L, f.y, "Entity type", bold=True)
    y, mark, width = f.y - 6, 40, 200
    divider = L + mark if marks_left else L + width
    for key, label in [("", "Classification")] + CLASSES:
        f.c.rect(L, y - 16, width + mark, 16)
        f.c.line(divider, y - 16, divider, y)
        f.say((L + mark if marks_left else L) + 4, y - 11, label, bold=not key)
        if not key:
            f.say((L if marks_left else L + width) + 4, y - 11, "Check", bold=True)
        elif key == ticked:
            f.say((L if marks_left else L + width) + mark / 2 - 3, y - 11, "X", bold=True)
        y -= 16
    f.y = y - 24
    f.entry("EIN:", "27-4119386")
    return f.pdf()


def class_far_boxes(ticked: str) -> bytes:
    """One option a line, every box in one column well right of the names."""
    f = Form()
    f.say(L, f.y, "Business entity type", bold=True)
    f.y -= 16
    for key, label in CLASSES:
        f.say(L + 10, f.y, label)
        f.tick(L + 230, f.y - 1, key == ticked)
        f.y -= 14
    f.y -= 10
    f.entry("EIN:", "27-4119386")
    return f.pdf()


def class_brackets_and_boxes_after() -> bytes:
    """Bracket boxes before the names of one question ('[ ] C Corp [x] S Corp'), box characters after the names of
    another on the same page ('SSN ☐ EIN ☒'): each question is read its own way."""
    f = Form()
    f.say(L, f.y, "Check the box for your federal tax classification:", bold=True)
    f.y -= 16
    row = "    ".join(f"[{'x' if key == 's_corporation' else ' '}] {label}" for key, label in CLASSES[:4])
    f.say(L + 10, f.y, row, font="Courier", size=8.5)
    f.say(L + 10, f.y - 14, "    ".join(f"[ ] {label}" for _, label in CLASSES[4:]), font="Courier", size=8.5)
    f.y -= 40
    f.say(L, f.y, "Type of number:", bold=True)
    f.y -= 16
    f.say(L + 10, f.y, "Social Security No. \u2610   EIN \u2612", font=glyph_font())
    f.y -= 20
    f.entry("Tax ID number", "27-4119386")
    return f.pdf()


def class_grid_either_way(ticked: str) -> bytes:
    """Options two to a row, each X typed far from any name, as near the name after it as the one before: which
    name it marks is a guess."""
    f = Form()
    f.say(L, f.y, "Tax classification (mark one)", bold=True)
    f.y -= 16
    for n, (key, label) in enumerate(CLASSES):
        x = L + 10 + (n % 2) * 250
        f.say(x + 110, f.y, label)
        if key == ticked:
            f.say(x + 20, f.y, "X", bold=True)
        if n % 2 or n == len(CLASSES) - 1:
            f.y -= 16
    f.y -= 10
    f.entry("EIN:", "27-4119386")
    return f.pdf()


def class_code_letters(corporation: str | None, llc_code: str | None) -> bytes:
    """The corporation and the LLC on lines of their own with a box per tax code letter ('Corporation: ☐ C ☒ S');
    the option over the corporation's line stands right over its boxes."""
    f = Form()
    f.say(L, f.y, "Federal tax classification (check one):", bold=True)
    f.y -= 16
    for label, codes in (("Individual/sole proprietor", None), ("Corporation:", "CS"), ("Partnership", None),
                         ("Limited liability company:", "CSP")):
        if codes is None:
            f.tick(L + 10, f.y - 1, False)
            f.say(L + 24, f.y, label)
        else:
            f.say(L + 10, f.y, label)
            x = L + 10 + f.c.stringWidth(label, "Helvetica", 9) + 8
            ticked = corporation if codes == "CS" else llc_code
            for code in codes:
                f.tick(x, f.y - 1, code == ticked)
                f.say(x + 12, f.y, code)
                x += 30
        f.y -= 14
    f.y -= 10
    f.entry("EIN:", "27-4119386")
    return f.pdf()


def class_drawn_in_brackets(ticked: str) -> bytes:
    """Brackets printed as text ('[ ]'), the chosen one ticked with a drawn stroke the text does not show; the payee
    an estate whose name is entered a few lines over the options, in their column."""
    f = Form(named=False)
    f.say(L, f.y, "Payee name", bold=True)
    f.say(L + 40, f.y - 16, "Estate of Samuel Moreau", size=10)
    f.y -= 60
    f.say(L, f.y, "Entity type - check one box:", bold=True)
    f.y -= 16
    for key, label in CLASSES:
        f.say(L + 10, f.y, "[  ]", font="Courier", size=10)
        if key == ticked:
            f.c.setLineWidth(1.2)
            f.c.line(L + 15, f.y + 1, L + 23, f.y + 8)
            f.c.line(L + 15, f.y + 8, L + 23, f.y + 1)
        f.say(L + 40, f.y, label)
        f.y -= 14
    f.y -= 10
    f.entry("SSN:", "531-40-8827")
    return f.pdf()


def tin_other_hyphens(kind: str) -> bytes:
    """The number typed as a word processor or an exporter sets it: a non-breaking hyphen, a minus sign."""
    f = Form()
    f.boxes("c_corporation" if kind == "ein" else "individual")
    f.say(L, f.y, "EIN:" if kind == "ein" else "SSN:", bold=True)
    f.say(L + 60, f.y, "27\u20114119386" if kind == "ein" else "531\u221240\u22128827", size=10, font=glyph_font())
    f.y -= 26
    return f.pdf()


def tin_left_captions_one_filled() -> bytes:
    """Both numbers asked on lines of their own, captions left of form fields that run to the margin; only the SSN
    filled in: the digits on the line over the EIN caption belong to the SSN caption beside them."""
    f = Form()
    f.boxes("individual")
    pen = FillablePen(random.Random(1))
    for label, value in (("Social Security No.", SSN), ("Employer identification number", "")):
        f.say(L, f.y, label, bold=True)
        pen.text(f.c, L + 110, f.y, value, R - L - 110, 10)
        f.y -= 18
    return f.pdf()


def class_business_type() -> bytes:
    f = Form()
    f.entry("Business type:", "C Corporation")
    f.entry("EIN:", "27-4119386")
    return f.pdf()


FORMS = {
    "tin_rows_ein.pdf": lambda: tin_rows("ein"), "tin_rows_ssn.pdf": lambda: tin_rows("ssn"),
    "payees_ein.pdf": lambda: tin_worded("Payee's EIN:", "27-4119386", "s_corporation"),
    "dotted_ein.pdf": lambda: tin_worded("E.I.N.", EIN, "partnership"),
    "soc_sec_no.pdf": lambda: tin_worded("Soc. Sec. No.", SSN, "individual"),
    "type_ssn.pdf": lambda: tin_type_written("ssn"), "type_ein.pdf": lambda: tin_type_written("ein"),
    "table_left.pdf": lambda: class_table("partnership", True), "table_right.pdf": lambda: class_table("c_corporation", False),
    "far_boxes.pdf": lambda: class_far_boxes("s_corporation"), "two_ways.pdf": class_brackets_and_boxes_after,
    "grid_either_way.pdf": lambda: class_grid_either_way("c_corporation"), "business_type.pdf": class_business_type,
    "corporation_s.pdf": lambda: class_code_letters("S", None), "corporation_c.pdf": lambda: class_code_letters("C", None),
    "llc_p.pdf": lambda: class_code_letters(None, "P"), "hyphen_ein.pdf": lambda: tin_other_hyphens("ein"),
    "minus_ssn.pdf": lambda: tin_other_hyphens("ssn"), "ssn_over_ein_caption.pdf": tin_left_captions_one_filled, "drawn_in_brackets.pdf": lambda: class_drawn_in_brackets("trust_estate"),
}


@pytest.fixture(scope="module")
def read(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    return extract_drawn(tmp_path_factory.mktemp("w9_structures"), FORMS)


@pytest.mark.parametrize("name, kind, number", [
    ("tin_rows_ein.pdf", "ein", EIN), ("tin_rows_ssn.pdf", "ssn", SSN), ("payees_ein.pdf", "ein", EIN),
    ("dotted_ein.pdf", "ein", EIN), ("soc_sec_no.pdf", "ssn", SSN), ("type_ssn.pdf", "ssn", SSN),
    ("type_ein.pdf", "ein", EIN), ("hyphen_ein.pdf", "ein", EIN), ("minus_ssn.pdf", "ssn", SSN),
    ("ssn_over_ein_caption.pdf", "ssn", SSN)])
def test_the_tin_is_read_however_the_vendor_form_words_and_rules_it(read: dict, name: str, kind: str, number: str):
    got = values(read[name])
    assert got.get(kind) == number
    assert not {"ssn", "ein"} - {kind} & set(got), "the number also read as the other kind"


def test_a_tins_kind_written_beside_it_is_sure(read: dict):
    """An LLC may hold either number: before, nine plain digits were taken for an EIN whatever 'Type' said."""
    assert read["type_ssn.pdf"]["fields"]["ssn"]["confidence"] >= 0.9


@pytest.mark.parametrize("name, classification", [
    ("table_left.pdf", "partnership"), ("table_right.pdf", "c_corporation"), ("far_boxes.pdf", "s_corporation"),
    ("two_ways.pdf", "s_corporation"), ("business_type.pdf", "c_corporation"), ("corporation_s.pdf", "s_corporation"),
    ("corporation_c.pdf", "c_corporation"), ("llc_p.pdf", "llc"), ("drawn_in_brackets.pdf", "trust_estate")])
def test_the_classification_is_read_from_marks_in_a_column_of_their_own(read: dict, name: str, classification: str):
    assert values(read[name]).get("tax_classification") == classification


def test_a_classification_written_after_business_type_is_no_business_name(read: dict):
    assert "business_name" not in values(read["business_type.pdf"])


def test_the_other_questions_boxes_after_their_labels_still_read(read: dict):
    assert values(read["two_ways.pdf"]).get("ein") == EIN


def test_a_mark_between_two_names_is_a_guess_a_person_confirms(read: dict):
    line = read["grid_either_way.pdf"]
    field = line["fields"].get("tax_classification")
    assert field is None or field["confidence"] < THRESHOLD
    assert line["status"] == "needs_review"


def test_a_payee_named_estate_of_is_a_name_not_an_option(read: dict):
    assert values(read["drawn_in_brackets.pdf"]).get("name") == "Estate of Samuel Moreau"
