"""Vendor W-9 forms that ask for the TIN the ways company forms ask for it, checked as a clerk would: the number in a
column of values far right of its caption (dotted leaders between), after 'Enter your TIN:', after a caption for
either number ('SSN or EIN:'), dotted ('S.S.N.'), with its kind in brackets after it ('27-4119386 (EIN)'), typed with
spaces round its dash ('27 - 4119386'), or after a plain 'Number:' under a pair of boxes that says which number it is; and a
list of classifications to circle or underline. Every form is drawn here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import extract_drawn
from tests.test_forms import values
from tests.test_w9_structures import EIN, SSN, L, R, Form

THRESHOLDS = json.loads((Path(__file__).parents[1] / "validators" / "thresholds.json").read_text())


def far_right(caption: str, number: str, leaders: bool) -> bytes:
    """A column of captions and a column of values at the right margin, maybe dotted leaders between."""
    f = Form()
    f.boxes("c_corporation")
    f.say(L, f.y, caption + (" " + "." * 70 if leaders else ""), bold=not leaders)
    f.say(R - 80, f.y, number, size=10)
    f.y -= 24
    return f.pdf()


def kind_boxes_then_number(kind: str, number: str) -> bytes:
    """'☐ Social Security Number ☒ Employer Identification Number', and the number on the line under, after 'Number:'."""
    f = Form()
    f.boxes("individual" if kind == "ssn" else "partnership")
    x = L
    for key, label in (("ssn", "Social Security Number"), ("ein", "Employer Identification Number")):
        f.tick(x, f.y - 1, key == kind)
        f.say(x + 14, f.y, label)
        x += 190
    f.y -= 22
    f.entry("Number:", number)
    return f.pdf()


def circle_one(ticked: str | None, underline: bool = False) -> bytes:
    """The options printed in a row to circle (or underline), the chosen one set in bold and circled (or
    underlined)."""
    f = Form()
    caption = "Entity type (circle one):"
    f.say(L, f.y, caption, bold=True)
    x = L + f.c.stringWidth(caption, "Helvetica-Bold", 9) + 10
    for label in ("Sole Proprietor", "C Corp", "S Corp", "Partnership", "Trust/Estate", "LLC", "Other"):
        f.say(x, f.y, label, bold=label == ticked)
        width = f.c.stringWidth(label, "Helvetica-Bold", 9)
        if label == ticked and underline:
            f.c.line(x, f.y - 2.5, x + width, f.y - 2.5)
        elif label == ticked:
            f.c.ellipse(x - 3, f.y - 4, x + width + 3, f.y + 10)
        x += width + 12
    f.y -= 24
    f.entry("EIN:", "27-4119386")
    return f.pdf()


def typed(caption: str, number: str, classification: str) -> bytes:
    f = Form()
    f.boxes(classification)
    f.entry(caption, number)
    return f.pdf()


TYPED = [("EIN:", "27 - 4119386", "ein"), ("SSN:", "531 - 40 - 8827", "ssn"), ("TIN:", "27-4119386 (EIN)", "ein"),
         ("TIN:", "531-40-8827 (SSN)", "ssn"), ("S.S.N.:", "531-40-8827", "ssn"), ("Tax Payer ID:", "27-4119386", "ein"),
         ("Federal EIN:", "27-4119386", "ein")]


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, dict]:
    forms = {
        "leaders.pdf": lambda: far_right("Federal Tax ID", "27-4119386", leaders=True),
        "far_right.pdf": lambda: far_right("Employer Identification Number:", "27-4119386", leaders=False),
        "enter_your.pdf": lambda: far_right("Enter your TIN:", "27-4119386", leaders=False),
        "either_plain.pdf": lambda: far_right("SSN or EIN:", EIN, leaders=False),
        "kind_boxes_ein.pdf": lambda: kind_boxes_then_number("ein", "27-4119386"),
        "kind_boxes_ssn.pdf": lambda: kind_boxes_then_number("ssn", SSN),
        "circled.pdf": lambda: circle_one("LLC"),
        "underlined.pdf": lambda: circle_one("S Corp", underline=True),
        "unmarked.pdf": lambda: circle_one(None),
        **{f"typed_{n}.pdf": (lambda c=c, v=v, k=k: typed(c, v, "individual" if k == "ssn" else "c_corporation"))
           for n, (c, v, k) in enumerate(TYPED)},
    }
    return extract_drawn(tmp_path_factory.mktemp("w9_tin_captions"), forms)


@pytest.mark.parametrize("name", ["leaders.pdf", "far_right.pdf", "enter_your.pdf"])
def test_an_ein_in_a_column_of_values_far_right_of_its_caption_is_read(results, name):
    line = results[name]
    assert values(line).get("ein") == EIN
    assert "ssn" not in line["fields"]
    assert line["fields"]["ein"]["confidence"] >= THRESHOLDS["ein"]


def test_nine_digits_under_a_caption_for_either_number_are_an_ein_only_as_a_guess_from_the_classification(results):
    line = results["either_plain.pdf"]
    assert values(line).get("ein") == EIN  # a C corporation has an EIN
    assert line["fields"]["ein"]["confidence"] < THRESHOLDS["ein"]  # ... but the form does not say which it is


@pytest.mark.parametrize("kind", ["ein", "ssn"])
def test_the_number_after_a_pair_of_ssn_ein_boxes_is_read_as_the_ticked_kind(results, kind):
    line = results[f"kind_boxes_{kind}.pdf"]
    assert values(line).get(kind) == (EIN if kind == "ein" else SSN)
    assert {"ssn", "ein"} - {kind} - set(line["fields"]) == {"ssn", "ein"} - {kind}


def test_a_list_of_classifications_with_none_marked_is_no_classification_written_after_its_caption(results):
    line = results["unmarked.pdf"]
    assert "tax_classification" not in line["fields"]  # 'Sole Proprietor', the first of the list, was read at 0.81
    assert values(line).get("ein") == EIN


@pytest.mark.parametrize("name, expected", [("circled.pdf", "llc"), ("underlined.pdf", "s_corporation")])
def test_the_circled_or_underlined_classification_is_read_for_a_person_to_confirm(results, name, expected):
    field = results[name]["fields"]["tax_classification"]
    assert field["value"] == expected
    assert field["confidence"] < THRESHOLDS["tax_classification"]


@pytest.mark.parametrize("n", range(len(TYPED)))
def test_a_number_typed_with_spaced_dashes_its_kind_in_brackets_or_under_a_dotted_or_federal_caption_is_read(results, n):
    caption, number, kind = TYPED[n]
    line = results[f"typed_{n}.pdf"]
    assert values(line).get(kind) == (EIN if kind == "ein" else SSN), caption
    assert not {"ssn", "ein"} - {kind} & set(line["fields"])
