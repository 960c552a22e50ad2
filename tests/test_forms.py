"""W-9s and direct deposit authorizations as the back office receives them: typed, filled in a PDF viewer, scanned,
handwritten, and the faulty ones a clerk must send back."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SAMPLES, extract, truth_of

FORMS = sorted(p for p in SAMPLES.iterdir()
               if p.name.startswith(("w9_", "dd_")) and not p.name.endswith(".truth.json"))
# What stops a form from being posted whatever else was read: the checks a clerk makes on the form itself.
FORM_CHECKS = {"form.unsigned", "w9.classification_not_one", "direct_deposit.account_type_missing"}


@pytest.fixture(scope="module")
def forms() -> dict[str, dict]:
    """`backoffice extract` over the committed W-9 and direct deposit samples, by file name."""
    code, lines, err = extract(*FORMS)
    assert code == 0, err
    return {Path(line["source"]).name: line for line in lines}


def values(line: dict) -> dict:
    return {name: field["value"] for name, field in line["fields"].items()}


def codes(line: dict) -> set[str]:
    return {issue["code"] for issue in line["issues"]}


def truth(name: str) -> dict:
    return truth_of(SAMPLES / name)["fields"]


@pytest.mark.parametrize("name", ["w9_a_digital.pdf", "w9_d_digital.pdf", "w9_fillable.pdf"])
def test_a_typed_or_pdf_filled_w9_is_read_whole_and_posted_without_review(forms: dict, name: str):
    line = forms[name]
    assert line["form_type"] == "w9"
    assert values(line) == truth(name)
    assert all(field["confidence"] >= 0.9 for field in line["fields"].values()), line["fields"]
    assert line["status"] == "auto_approved", line["issues"]


@pytest.mark.parametrize("name", ["dd_a_digital.pdf", "dd_d_digital.pdf", "dd_b_fillable.pdf"])
def test_a_typed_or_pdf_filled_direct_deposit_form_is_read_whole_and_posted_without_review(forms: dict, name: str):
    line = forms[name]
    assert line["form_type"] == "direct_deposit"
    assert values(line) == truth(name)
    assert all(field["confidence"] >= 0.9 for field in line["fields"].values()), line["fields"]
    assert line["status"] == "auto_approved", line["issues"]


def test_a_value_on_a_typed_form_points_at_the_words_it_was_read_from(forms: dict):
    name = forms["w9_a_digital.pdf"]["fields"]["name"]
    assert name["raw"] == "Jennifer Patel" and name["page"] == 1
    x0, y0, x1, y1 = name["bbox"]
    assert 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1
    assert y1 < forms["w9_a_digital.pdf"]["fields"]["address"]["bbox"][1]  # line 1 stands above the address


def test_a_scanned_w9_gives_who_it_is_from_and_the_ticked_classification_and_guesses_nothing(forms: dict):
    line = forms["w9_b_scan300.png"]
    got, expected = values(line), truth("w9_b_scan300.png")
    for field in ("name", "tax_classification", "signature_date"):
        assert got.get(field) == expected[field], field
    # The requester's address beside the form's own lines is never taken for the vendor's.
    for field in ("address", "city_state_zip"):
        assert got.get(field) in (None, expected[field]), field
    assert line["status"] == "needs_review"  # its EIN comb boxes do not read: a clerk keys the TIN


def test_a_fax_quality_w9_gives_who_it_is_from_and_never_a_guessed_classification(forms: dict):
    line = forms["w9_c_tiff_g4.tif"]
    got, expected = values(line), truth("w9_c_tiff_g4.tif")
    for field in ("name", "city_state_zip"):
        assert got.get(field) == expected[field], field
    # A tick the scan lost leaves the classification to the clerk: left out and flagged, not guessed.
    classification = line["fields"].get("tax_classification")
    if classification is None:
        assert "w9.classification_not_one" in codes(line) and line["status"] == "needs_review"
    else:
        assert classification["value"] == expected["tax_classification"]


def test_a_scanned_direct_deposit_form_turned_on_its_side_is_read_whole(forms: dict):
    assert values(forms["dd_b_scan200_rot270.png"]) == truth("dd_b_scan200_rot270.png")


def test_a_handwritten_w9_gives_name_classification_and_date_and_goes_to_review(forms: dict):
    line = forms["w9_handwritten_scan.jpg"]
    got, expected = values(line), truth("w9_handwritten_scan.jpg")
    for field in ("name", "tax_classification", "signature_date", "city_state_zip"):
        assert got.get(field) == expected[field], field
    assert line["status"] == "needs_review"


def test_a_handwritten_direct_deposit_form_gives_employee_bank_and_signature(forms: dict):
    got, expected = values(forms["dd_c_handwritten_scan.jpg"]), truth("dd_c_handwritten_scan.jpg")
    assert got["employee_name"].casefold() == expected["employee_name"].casefold()
    for field in ("bank_name", "account_type", "signature_present", "signature_date"):
        assert got.get(field) == expected[field], field


@pytest.mark.parametrize("name", ["w9_a_digital.pdf", "w9_b_scan300.png", "w9_d_digital.pdf", "w9_fillable.pdf",
                                  "dd_a_digital.pdf", "dd_b_fillable.pdf", "dd_b_scan200_rot270.png",
                                  "dd_d_digital.pdf", "dd_routing_invalid.pdf"])
def test_a_signed_form_with_one_box_ticked_raises_no_form_check(forms: dict, name: str):
    assert not codes(forms[name]) & FORM_CHECKS


def test_an_unsigned_direct_deposit_form_goes_back_to_the_employee(forms: dict):
    line = forms["dd_unsigned.pdf"]
    assert "form.unsigned" in codes(line)
    assert line["fields"]["signature_present"]["value"] is False
    assert line["status"] == "needs_review"
    # Everything else on it was still read, so the clerk sees what to send back.
    assert values(line) == truth("dd_unsigned.pdf")


def test_a_w9_with_two_classification_boxes_ticked_goes_to_review_without_guessing_one(forms: dict):
    line = forms["w9_two_boxes.pdf"]
    assert "w9.classification_not_one" in codes(line)
    assert "tax_classification" not in line["fields"]
    assert line["status"] == "needs_review"


def test_a_routing_number_failing_its_check_digit_is_read_as_printed_and_flagged(forms: dict):
    line = forms["dd_routing_invalid.pdf"]
    assert "direct_deposit.routing_invalid" in codes(line)
    assert line["fields"]["routing_number"]["value"] == truth("dd_routing_invalid.pdf")["routing_number"]
    assert line["status"] == "needs_review"
