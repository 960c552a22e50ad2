"""A substitute W-9 that prints each caption under its entry line: the name is the entry over '1. Name', not the
business name standing right under that caption (over its own 'Trade name / DBA'). The street and city lines, which
read as nothing else, show which way the form goes. Drawn here."""

from __future__ import annotations

import random

from reportlab.lib.pagesizes import LETTER

from samplegen.drawing import Sheet
from samplegen.forms_random import Page, Style
from samplegen.pens import TypedPen
from tests.conftest import extract_drawn
from tests.test_forms import values
from tests.test_w9_tin import finish


def captions_under_lines() -> bytes:
    pen = TypedPen(random.Random(3), "Helvetica")
    pen.tick = "X"
    c = Sheet(LETTER)
    p = Page(c, Style(random.Random(5), "below", "Helvetica", "Helvetica-Bold", 8.5, "square", 0.0, "us"),
             50, LETTER[0] - 50, LETTER[1] - 50)
    c.setFont("Helvetica-Bold", 13)
    c.drawString(p.left, p.y, "Substitute Form W-9")
    p.y -= 30
    p.fields(pen, [("1. Name", "James Kim", False), ("Trade name / DBA", "Kim Catering", False),
                   ("Address (number, street, apt. or suite no.)", "1903 Industrial Dr", False),
                   ("City, State, ZIP", "Albany, NY 12203", False)])
    p.options(pen, "Entity type - check one box:", [("Individual/sole proprietor", True), ("C Corporation", False),
                                                    ("Partnership", False)], {})
    p.fields(pen, [("Social security number", "531-40-8827", True)])
    return finish(pen, c, p)


def test_the_name_is_the_entry_over_its_caption_where_the_form_prints_captions_under_lines(tmp_path):
    got = values(extract_drawn(tmp_path, {"under.pdf": captions_under_lines})["under.pdf"])
    assert (got.get("name"), got.get("business_name")) == ("James Kim", "Kim Catering")
    assert (got.get("address"), got.get("city_state_zip")) == ("1903 Industrial Dr", "Albany, NY 12203")
