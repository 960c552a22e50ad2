"""W-9 classifications as substitute forms mark them, checked as a clerk would: a typed blank before each option with
the X written on it ('_____ Individual', '__X__ S Corporation'); a form whose boxes are all left empty (no
classification, never a guess); boxes in one column far right of short option names, two of them ticked (no single
classification); an LLC's classification typed in words after its caption ('LLC taxed as a partnership'). Every form is
drawn here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from samplegen.pens import outline
from tests.conftest import extract_drawn
from tests.test_w9_structures import L, Form

THRESHOLD = json.loads((Path(__file__).parents[1] / "validators" / "thresholds.json").read_text())["tax_classification"]
SHORT = [("individual", "Individual"), ("c_corporation", "C-Corp"), ("s_corporation", "S-Corp"),
         ("partnership", "Partnership"), ("trust_estate", "Trust/estate"), ("llc", "LLC"), ("other", "Other:")]


def blanks(ticked: str | None, columns: int = 1) -> bytes:
    f = Form()
    f.say(L, f.y, "Federal tax classification (check one):", bold=True)
    f.y -= 16
    for n, (key, label) in enumerate(SHORT):
        f.say(L + 10 + (n % columns) * 170, f.y - (n // columns) * 14,
              ("__X__ " if key == ticked else "_____ ") + label, font="Courier")
    f.y -= 14 * -(-len(SHORT) // columns) + 10
    f.entry("EIN:", "27-4119386")
    return f.pdf()


def empty_boxes() -> bytes:
    """The boxes in three columns, none ticked."""
    f = Form()
    f.say(L, f.y, "Federal tax classification (check one):", bold=True)
    f.y -= 16
    for n, (_, label) in enumerate(SHORT):
        f.tick(L + 10 + (n % 3) * 120, f.y - (n // 3) * 14 - 1, False)
        f.say(L + 22 + (n % 3) * 120, f.y - (n // 3) * 14, label, size=8)
    f.y -= 14 * 3 + 10
    f.entry("EIN:", "27-4119386")
    return f.pdf()


def far_boxes(ticked: set[str]) -> bytes:
    """One option a line, every box in a column well right of the names (as a form program aligns them)."""
    f = Form()
    f.say(L, f.y, "Check the box for your federal tax classification:", bold=True)
    f.y -= 16
    for key, label in SHORT:
        f.say(L + 10, f.y, label)
        f.tick(L + 370, f.y - 1, key in ticked)
        f.y -= 15
    f.y -= 10
    f.entry("EIN:", "27-4119386")
    return f.pdf()


def brackets_before(ticked: str) -> bytes:
    """'[ ] Individual/sole proprietor or single-member LLC  [ ] C Corporation ...' in a row, the chosen pair crossed
    with a pen (ink the text layer does not show)."""
    f = Form()
    f.say(L, f.y, "Federal tax classification (check one):", bold=True)
    f.y -= 16
    x = L + 10
    for key, label in [("individual", "Individual/sole proprietor or single-member LLC"),
                       ("c_corporation", "C corporation"), ("s_corporation", "S corporation"),
                       ("partnership", "Partnership")]:
        outline(f.c, x, f.y - 1, 8, "bracket")
        if key == ticked:
            f.c.line(x + 1.5, f.y + 0.5, x + 6.5, f.y + 5.5)
            f.c.line(x + 1.5, f.y + 5.5, x + 6.5, f.y + 0.5)
        f.say(x + 12, f.y, label)
        x += 12 + f.c.stringWidth(label, "Helvetica", 9) + 16
    f.y -= 26
    f.entry("EIN:", "27-4119386")
    return f.pdf()


def typed(text: str) -> bytes:
    f = Form()
    f.entry("Tax classification:", text)
    f.entry("EIN:", "27-4119386")
    return f.pdf()


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, dict]:
    forms = {"blank_s.pdf": lambda: blanks("s_corporation"), "blank_p.pdf": lambda: blanks("partnership", 2),
             "blank_none.pdf": lambda: blanks(None), "empty.pdf": empty_boxes,
             "far_two.pdf": lambda: far_boxes({"individual", "trust_estate"}),
             "far_other.pdf": lambda: far_boxes({"other"}),
             "typed_p.pdf": lambda: typed("LLC taxed as a partnership"),
             "typed_s.pdf": lambda: typed("LLC - treated as an S corporation"),
             "brackets.pdf": lambda: brackets_before("individual")}
    return extract_drawn(tmp_path_factory.mktemp("blanks"), forms)


@pytest.mark.parametrize("name, value", [("blank_s.pdf", "s_corporation"), ("blank_p.pdf", "partnership"),
                                         ("typed_p.pdf", "llc"), ("typed_s.pdf", "llc")])
def test_the_option_marked_or_typed_is_read_and_sure(results, name, value):
    field = results[name]["fields"].get("tax_classification")
    assert field is not None and field["value"] == value
    assert field["confidence"] >= THRESHOLD


def test_a_box_far_right_of_a_short_name_is_that_option(results):
    assert results["far_other.pdf"]["fields"]["tax_classification"]["value"] == "other"


@pytest.mark.parametrize("name", ["blank_none.pdf", "empty.pdf", "far_two.pdf"])
def test_no_classification_where_none_or_two_are_marked(results, name):
    assert "tax_classification" not in results[name]["fields"]


def test_a_pen_mark_between_brackets_before_the_long_irs_label_is_read(results):
    assert results["brackets.pdf"]["fields"]["tax_classification"]["value"] == "individual"
