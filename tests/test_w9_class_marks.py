"""W-9 classifications marked the ways vendor forms mark them, checked as a clerk would: code letter boxes after an LLC
caption with a dash in it ('LLC - tax classification: ☐ C ☐ S ☒ P'), and bracket boxes printed after each name in a
row ('C-Corp []  S-Corp []'), the tick drawn between the brackets; and a classification written out over its caption
on a form that prints captions under their lines. Every form is drawn here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from samplegen.pens import outline
from tests.conftest import extract_drawn
from tests.test_forms import values
from tests.test_w9_structures import EIN, L, Form

THRESHOLD = json.loads((Path(__file__).parents[1] / "validators" / "thresholds.json").read_text())["tax_classification"]
ROW = [("individual", "Sole proprietor"), ("c_corporation", "C-Corp"), ("s_corporation", "S-Corp"),
       ("partnership", "Partnership / LLP"), ("llc", "LLC"), ("other", "Other")]


def llc_code_boxes(code: str) -> bytes:
    f = Form()
    f.say(L, f.y, "Entity type - check one box:", bold=True)
    f.y -= 16
    for label in ("Individual/sole proprietor", "LLC - tax classification:", "Partnership", "Trust/estate"):
        if label.startswith("LLC"):  # a box per code letter after the caption, none before it
            f.say(L + 10, f.y, label)
            x = L + 20 + f.c.stringWidth(label, "Helvetica", 9)
            for letter in "CSP":
                f.tick(x, f.y - 1, letter == code)
                f.say(x + 12, f.y, letter)
                x += 32
        else:
            f.tick(L + 10, f.y - 1, False)
            f.say(L + 24, f.y, label)
        f.y -= 15
    f.entry("EIN:", "27-4119386")
    return f.pdf()


def brackets_after(ticked: str) -> bytes:
    """'Sole proprietor [ ]  C-Corp [ ]  ...': the brackets printed as text after each name, the chosen one crossed
    with two strokes between its brackets (ink the text layer does not show)."""
    f = Form()
    f.say(L, f.y, "Tax classification:", bold=True)
    f.y -= 16
    x = L + 10
    for key, label in ROW:
        f.say(x, f.y, label)
        x += f.c.stringWidth(label, "Helvetica", 9) + 6
        outline(f.c, x, f.y - 1, 8, "bracket")  # a bracket each side, set so close that they read as one word '[]'
        if key == ticked:
            f.c.line(x + 1.5, f.y + 0.5, x + 6.5, f.y + 5.5)
            f.c.line(x + 1.5, f.y + 5.5, x + 6.5, f.y + 0.5)
        x += 8 + 16
    f.y -= 26
    f.entry("EIN:", "27-4119386")
    return f.pdf()


def written_over_captions() -> bytes:
    """Captions printed under their entry lines: a business name line left empty, then the classification written out
    over its 'Tax classification' caption."""
    f = Form(named=False)
    for caption, entry in (("Legal name", "Cedar Ridge Staffing LLC"), ("DBA", ""),
                           ("Tax classification", "Limited liability company (S)")):
        f.say(L + 4, f.y, entry, size=10)
        f.c.line(L, f.y - 3, L + 300, f.y - 3)
        f.say(L, f.y - 12, caption, size=8)
        f.y -= 32
    f.entry("EIN:", "27-4119386")
    return f.pdf()


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, dict]:
    forms = {"llc_p.pdf": lambda: llc_code_boxes("P"), "llc_s.pdf": lambda: llc_code_boxes("S"),
             "written_over_caption.pdf": written_over_captions}
    forms |= {f"after_{key}.pdf": (lambda key=key: brackets_after(key)) for key, _ in ROW}
    return extract_drawn(tmp_path_factory.mktemp("w9_class_marks"), forms)


@pytest.mark.parametrize("name", ["llc_p.pdf", "llc_s.pdf"])
def test_a_code_letter_ticked_after_an_llc_caption_with_a_dash_is_an_llc(results, name):
    assert values(results[name]).get("tax_classification") == "llc"  # was missing


@pytest.mark.parametrize("key", [key for key, _ in ROW])
def test_brackets_printed_after_the_names_mark_the_name_before_them(results, key):
    field = results[f"after_{key}.pdf"]["fields"].get("tax_classification")
    assert field is not None and field["value"] == key  # the brackets were taken for the next name's
    assert field["confidence"] < THRESHOLD  # read from ink between printed brackets: for a person to confirm
    assert values(results[f"after_{key}.pdf"]).get("ein") == EIN


def test_a_classification_written_over_its_caption_is_no_business_name(results):
    line = results["written_over_caption.pdf"]
    assert values(line).get("tax_classification") == "llc"  # it was the business name, under the empty DBA line
    assert "business_name" not in line["fields"]
