"""A W-9's TIN and classification as substitute forms from other systems print them, checked as a clerk would: one
field for either number ('Taxpayer Identification Number (TIN): 27-4119386') whose kind its dashes or an SSN/EIN tick
tell, digits typed with spaces, nine comb boxes edge to edge with the caption left of them, the requester's own EIN in
its letterhead or its block (never the payee's), tick boxes right of their labels, other option wording, and a
classification written in words. Every form is drawn here."""

from __future__ import annotations

import random
import pytest
from reportlab.lib.pagesizes import LETTER

from samplegen import w9
from samplegen.drawing import Sheet, comb
from samplegen.forms_random import Page, Style
from samplegen.pens import TypedPen
from tests.conftest import extract_drawn
from tests.test_forms import codes, values

EIN, SSN = "274119386", "531408827"
REQUESTER_EIN = "61-5550123"
CLASSES = [("Individual/sole proprietor", "individual"), ("Corporation - C", "c_corporation"),
           ("Corporation - S", "s_corporation"), ("Partnership / LLP", "partnership"), ("Estate or trust", "trust_estate"),
           ("LLC (enter C, S or P):", "llc"), ("Other (specify):", "other")]


def form(*, box_after: bool = False, shape: str = "square", letterhead_tin: bool = False) -> tuple[TypedPen, Sheet, Page]:
    """A requester's substitute W-9: its letterhead (with its own EIN if asked), title, and the payee's name."""
    pen = TypedPen(random.Random(3), "Helvetica")
    pen.tick = "X"
    c = Sheet(LETTER)
    p = Page(c, Style(random.Random(5), "left", "Helvetica", "Helvetica-Bold", 8.5, shape, 0.0, "us", box_after),
             50, LETTER[0] - 50, LETTER[1] - 50)
    c.setFont("Helvetica-Bold", 12)
    c.drawString(p.left, p.y, "Harbor Freight Services Inc.")
    c.setFont("Helvetica", 8)
    c.drawString(p.left, p.y - 12, "410 Dock Street, Portland, ME 04101")
    if letterhead_tin:
        c.drawString(p.left, p.y - 24, f"Federal ID: {REQUESTER_EIN}")
    p.y -= 50
    c.setFont("Helvetica-Bold", 13)
    c.drawString(p.left, p.y, "Vendor Tax Information (Substitute W-9)")
    p.y -= 30
    p.fields(pen, [("Legal name", "Cedar Ridge Staffing Inc.", False), ("Street address", "2531 Elm Street", False),
                   ("City, State, ZIP", "Springfield, IL 62706", False)])
    return pen, c, p


def classes(p: Page, pen: TypedPen, ticked: str) -> None:
    p.options(pen, "Federal tax classification (check one):", [(label, key == ticked) for label, key in CLASSES], {})


def finish(pen: TypedPen, c: Sheet, p: Page) -> bytes:
    p.paragraph(" ".join(w9.CERTIFICATION_TEXT[:3]), 6.8)
    p.signature(pen, "Signature", "Date", "03/04/2026")
    return c.pdf_bytes()


def tin_one_field() -> bytes:
    pen, c, p = form()
    classes(p, pen, "c_corporation")
    p.fields(pen, [("Taxpayer Identification Number (TIN)", f"{EIN[:2]}-{EIN[2:]}", False)])
    return finish(pen, c, p)


def tin_ticked_kind() -> bytes:
    """'Federal Tax ID' typed without dashes; which number it is, the SSN/EIN tick says (bracketed boxes)."""
    pen, c, p = form(shape="glyph")
    classes(p, pen, "individual")
    p.options(pen, "The number below is my:", [("Social security number", False), ("Employer identification number", True)],
              {})
    p.fields(pen, [("Federal Tax ID", EIN, False)])
    return finish(pen, c, p)


def tin_spaced() -> bytes:
    pen, c, p = form()
    classes(p, pen, "partnership")
    p.fields(pen, [("SSN", "", True), ("Employer identification number", f"{EIN[:2]} {EIN[2:]}", True)])
    return finish(pen, c, p)


def tin_comb_left_caption() -> bytes:
    """Nine boxes edge to edge right of each caption, the digits a little lower than the caption's line."""
    pen, c, p = form()
    classes(p, pen, "individual")
    for label, digits in (("Social security number", SSN), ("Employer identification number", "")):
        c.setFont("Helvetica-Bold", 8.5)
        c.drawString(p.left, p.y, label)
        cells = comb(c, p.left + 160, p.y - 0.7 * 17, (9,), 13, 17)
        pen.comb(c, cells, 13, 17, digits)
        p.y -= 40
    return finish(pen, c, p)


def requester_tin(payee: bool) -> bytes:
    """The requester's EIN in its letterhead and in its 'return to' block; the payee's own number entered or not."""
    pen, c, p = form(letterhead_tin=True)
    classes(p, pen, "c_corporation")
    bottom = p.block("Return completed form to:", ["Harbor Freight Services Inc.", "410 Dock Street",
                                                  "Portland, ME 04101", f"EIN: {REQUESTER_EIN}"], p.left, p.left + 240, p.y)
    p.y = bottom - 20
    p.fields(pen, [("Social security number", "", True), ("EIN", f"{EIN[:2]}-{EIN[2:]}" if payee else "", True)])
    return finish(pen, c, p)


def boxes_after(shape: str) -> bytes:
    """Labels first, each option's box right of it, options two to a row: the tick belongs to the label on its left."""
    pen, c, p = form(box_after=True, shape=shape)
    p.s.rng = random.Random(2)  # two options to a row
    classes(p, pen, "s_corporation")
    p.fields(pen, [("EIN", f"{EIN[:2]}-{EIN[2:]}", True)])
    return finish(pen, c, p)


def written_class() -> bytes:
    pen, c, p = form()
    p.fields(pen, [("Type of entity", "LLC (S)", False), ("EIN", f"{EIN[:2]}-{EIN[2:]}", True)])
    return finish(pen, c, p)


FORMS = {"tin_one_field.pdf": tin_one_field, "tin_ticked_kind.pdf": tin_ticked_kind, "tin_spaced.pdf": tin_spaced,
         "tin_comb_left.pdf": tin_comb_left_caption, "requester_and_payee.pdf": lambda: requester_tin(True),
         "requester_only.pdf": lambda: requester_tin(False), "boxes_after_square.pdf": lambda: boxes_after("square"),
         "boxes_after_glyph.pdf": lambda: boxes_after("glyph"), "written_class.pdf": written_class}


@pytest.fixture(scope="module")
def read(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    return extract_drawn(tmp_path_factory.mktemp("w9_tin"), FORMS)


@pytest.mark.parametrize("name, kind, number", [("tin_one_field.pdf", "ein", EIN), ("tin_ticked_kind.pdf", "ein", EIN),
                                                ("tin_spaced.pdf", "ein", EIN), ("tin_comb_left.pdf", "ssn", SSN),
                                                ("requester_and_payee.pdf", "ein", EIN)])
def test_the_payees_tin_is_read_whatever_way_the_form_prints_it(read: dict, name: str, kind: str, number: str):
    got = values(read[name])
    assert got.get(kind) == number
    assert not {"ssn", "ein"} - {kind} & set(got), "the number also read as the other kind"


def test_a_tin_told_only_by_a_tick_keeps_its_kind_and_a_tin_with_dashes_is_sure(read: dict):
    assert read["tin_ticked_kind.pdf"]["fields"]["ein"]["confidence"] >= 0.5
    assert read["tin_one_field.pdf"]["fields"]["ein"]["confidence"] >= 0.9


def test_the_requesters_own_ein_is_never_taken_for_the_payees(read: dict):
    line = read["requester_only.pdf"]
    assert not {"ssn", "ein"} & set(values(line))
    assert line["status"] == "needs_review" and "field.missing" in codes(line)


@pytest.mark.parametrize("name", ["boxes_after_square.pdf", "boxes_after_glyph.pdf"])
def test_a_box_right_of_its_label_gives_that_labels_class(read: dict, name: str):
    assert values(read[name]).get("tax_classification") == "s_corporation"


def test_a_classification_written_in_words_is_read(read: dict):
    assert values(read["written_class.pdf"]).get("tax_classification") == "llc"
    assert values(read["tin_one_field.pdf"]).get("tax_classification") == "c_corporation"  # 'Corporation - C'
